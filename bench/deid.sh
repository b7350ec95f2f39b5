#!/usr/bin/env bash
# The de-identification benchmark (npm run bench:deid -- [--runs N] [--slices N] [--seed N]
# [--regenerate]): installs the peers (gdcmanon, pydicom) and the measuring tools when missing,
# checks free disk, then runs the measuring program against the build. See docs/bench.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/bench-setup.sh

# gdcmanon (libgdcm-tools) and openssl (its certificate), Debian's pydicom for /usr/bin/python3,
# GNU time (peak RSS).
missing=()
command -v gdcmanon >/dev/null || missing+=(libgdcm-tools)
command -v openssl >/dev/null || missing+=(openssl)
/usr/bin/python3 -c 'import pydicom' 2>/dev/null || missing+=(python3-pydicom)
[[ -x /usr/bin/time ]] || missing+=(time)
install_missing "${missing[@]}"

# Free disk: the series, and per run one output folder plus a workspace holding the originals
# and the de-identified copies, each about slices x 0.53 MB (512 x 512 x 16-bit + header).
slices=$(slices_argument 600 "$@")
require_free_disk $((slices * 53 * 5 / 100 + 512)) "${slices} slices (series + output + workspace)"

exec node dist/bench/deid.js "$@"
