#!/usr/bin/env bash
# The quantification benchmark (npm run bench:quant -- [--runs N] [--slices N] [--seed N]
# [--regenerate]): installs the peer (dcm2niix) and GNU time (peak RSS) when missing, checks
# free disk, then runs the measuring program against the build. See docs/bench.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/bench-setup.sh

missing=()
command -v dcm2niix >/dev/null || missing+=(dcm2niix)
[[ -x /usr/bin/time ]] || missing+=(time)
install_missing "${missing[@]}"

# Free disk: the series and one dcm2niix output, each about slices x 0.53 MB.
slices=$(slices_argument 300 "$@")
require_free_disk $((slices * 53 * 2 / 100 + 512)) "${slices} slices (series + output)"

exec node dist/bench/quant.js "$@"
