#!/usr/bin/env bash
# The quantification benchmark (npm run bench:quant -- [--runs N] [--slices N] [--seed N]
# [--regenerate]): installs the peer (dcm2niix) and GNU time (peak RSS) when missing, checks
# free disk, then runs the measuring program against the build. See docs/bench.md.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v dcm2niix >/dev/null || missing+=(dcm2niix)
[[ -x /usr/bin/time ]] || missing+=(time)
if ((${#missing[@]} > 0)); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "bench: missing ${missing[*]}; install them (apt-get install ${missing[*]}) or run as root" >&2
    exit 1
  fi
  echo "bench: installing ${missing[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

# Free disk: the series and one dcm2niix output, each about slices x 0.53 MB.
slices=300
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[i]}" in
    --slices) slices="${args[i + 1]:-$slices}" ;;
    --slices=*) slices="${args[i]#*=}" ;;
  esac
done
need_mb=$((slices * 53 * 2 / 100 + 512))
mkdir -p .bench
free_mb=$(df -Pm .bench | awk 'NR == 2 { print $4 }')
if ((free_mb < need_mb)); then
  echo "bench: not enough free disk under $(pwd)/.bench: ${free_mb} MB free, about ${need_mb} MB" \
    "needed for ${slices} slices (series + output)" >&2
  exit 1
fi

exec node dist/bench/quant.js "$@"
