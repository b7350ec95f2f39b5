#!/usr/bin/env bash
# The one test command (npm test): type-check and build, lint, format check, then every test
# against the build with node's own runner. Starts PostgreSQL for the catalog tests first.
set -euo pipefail
cd "$(dirname "$0")/.."

echo '# type-check and build'
npm run build --silent

echo '# lint'
npx eslint .

echo '# format'
npx prettier --check . >/dev/null || { npx prettier --check .; exit 1; }

echo '# services'
source scripts/ensure-postgres.sh
source scripts/ensure-dicom-tools.sh

echo '# tests'
node --test --test-concurrency=2 dist/src/
