#!/usr/bin/env bash
# The NIfTI export benchmark (npm run bench:export -- [--runs N] [--slices N] [--seed N]
# [--regenerate]): installs the peer (dcm2niix, with pigz for its -z y) when missing, checks
# free disk, then runs the measuring program against the build. See docs/bench.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/bench-setup.sh

missing=()
command -v dcm2niix >/dev/null || missing+=(dcm2niix)
command -v pigz >/dev/null || missing+=(pigz)
install_missing "${missing[@]}"

# Free disk: the series and one run's output, each about slices x 0.53 MB.
slices=$(slices_argument 300 "$@")
require_free_disk $((slices * 53 * 2 / 100 + 512)) "${slices} slices (series + output)"

exec node dist/bench/export.js "$@"
