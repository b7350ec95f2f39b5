#!/usr/bin/env bash
# One Orthanc measurement, run as `unshare -n bash bench/orthanc-run.sh CONFIG FILES PORT LOG`:
# inside a network namespace that has only loopback, starts Orthanc with CONFIG, waits for its
# HTTP port, stores the files listed in FILES through the REST client, prints the client's JSON
# line and then Orthanc's peak RSS as {"orthancPeakRssKb":N}, and stops Orthanc by its pid.
set -euo pipefail
config=$1
files=$2
port=$3
log=$4
cd "$(dirname "$0")/.."

ip link set lo up

/usr/sbin/Orthanc "$config" >"$log" 2>&1 &
orthanc=$!

stop_orthanc() {
  kill -TERM "$orthanc" 2>/dev/null || return 0
  for _ in $(seq 100); do # up to 10 s for a clean shutdown, then no more waiting
    kill -0 "$orthanc" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL "$orthanc" 2>/dev/null || true
}
trap stop_orthanc EXIT

# Up to 60 s for Orthanc to open its index and HTTP port.
for attempt in $(seq 600); do
  if ! kill -0 "$orthanc" 2>/dev/null; then
    echo "orthanc-run: Orthanc exited before listening; see $log" >&2
    exit 1
  fi
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    break
  fi
  if ((attempt == 600)); then
    echo "orthanc-run: Orthanc did not listen on port $port within 60 s; see $log" >&2
    exit 1
  fi
  sleep 0.1
done

node dist/bench/orthanc-client.js --port "$port" --files "$files"

peak_kb=$(awk '/^VmHWM:/ { print $2 }' "/proc/$orthanc/status")
echo "{\"orthancPeakRssKb\":${peak_kb}}"
