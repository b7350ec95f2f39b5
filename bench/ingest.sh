#!/usr/bin/env bash
# The ingest benchmark (npm run bench:ingest -- [--runs N] [--patients N] [--slices N] [--seed N]
# [--regenerate]): installs the peer (Orthanc) and the measuring tools when missing, checks free
# disk, then runs the measuring program against the build. See docs/bench.md.
set -euo pipefail
cd "$(dirname "$0")/.."

# Tools the measurement uses: Orthanc (the peer), GNU time (peak RSS), unshare and ip (a network
# namespace with only loopback, so no traffic leaves the machine).
missing=()
[[ -x /usr/sbin/Orthanc ]] || missing+=(orthanc)
[[ -x /usr/bin/time ]] || missing+=(time)
command -v unshare >/dev/null || missing+=(util-linux)
command -v ip >/dev/null || missing+=(iproute2)
if ((${#missing[@]} > 0)); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "bench: missing ${missing[*]}; install them (apt-get install ${missing[*]}) or run as root" >&2
    exit 1
  fi
  echo "bench: installing ${missing[*]}" >&2
  apt-get update -qq
  # A system-wide Orthanc service the package may start lives in the host's network namespace;
  # ours runs in a namespace of its own, so the two never meet.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

# Free disk: the phantom folders, their RARs and one run's copy (ctbank workspace or Orthanc
# storage) at a time, each about patients x slices x 0.53 MB (512 x 512 x 16-bit + header).
patients=20
slices=300
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[i]}" in
    --patients) patients="${args[i + 1]:-$patients}" ;;
    --slices) slices="${args[i + 1]:-$slices}" ;;
    --patients=*) patients="${args[i]#*=}" ;;
    --slices=*) slices="${args[i]#*=}" ;;
  esac
done
need_mb=$((patients * slices * 53 * 3 / 100 + 512))
mkdir -p .bench
free_mb=$(df -Pm .bench | awk 'NR == 2 { print $4 }')
if ((free_mb < need_mb)); then
  echo "bench: not enough free disk under $(pwd)/.bench: ${free_mb} MB free, about ${need_mb} MB" \
    "needed for ${patients} patients x ${slices} slices (folders + RARs + one run's copy)" >&2
  exit 1
fi

exec node dist/bench/ingest.js "$@"
