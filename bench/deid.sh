#!/usr/bin/env bash
# The de-identification benchmark (npm run bench:deid -- [--runs N] [--slices N] [--seed N]
# [--regenerate]): installs the peers (gdcmanon, pydicom) and the measuring tools when missing,
# checks free disk, then runs the measuring program against the build. See docs/bench.md.
set -euo pipefail
cd "$(dirname "$0")/.."

# gdcmanon (libgdcm-tools) and openssl (its certificate), Debian's pydicom for /usr/bin/python3,
# GNU time (peak RSS).
missing=()
command -v gdcmanon >/dev/null || missing+=(libgdcm-tools)
command -v openssl >/dev/null || missing+=(openssl)
/usr/bin/python3 -c 'import pydicom' 2>/dev/null || missing+=(python3-pydicom)
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

# Free disk: the series, and per run one output folder plus a workspace holding the originals
# and the de-identified copies, each about slices x 0.53 MB (512 x 512 x 16-bit + header).
slices=600
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[i]}" in
    --slices) slices="${args[i + 1]:-$slices}" ;;
    --slices=*) slices="${args[i]#*=}" ;;
  esac
done
need_mb=$((slices * 53 * 5 / 100 + 512))
mkdir -p .bench
free_mb=$(df -Pm .bench | awk 'NR == 2 { print $4 }')
if ((free_mb < need_mb)); then
  echo "bench: not enough free disk under $(pwd)/.bench: ${free_mb} MB free, about ${need_mb} MB" \
    "needed for ${slices} slices (series + output + workspace)" >&2
  exit 1
fi

exec node dist/bench/deid.js "$@"
