#!/usr/bin/env bash
# Installs the tools the tests read our output back with, when missing: dcmtk (dcmdump),
# dicom3tools (dciodvfy), pydicom, bsdtar (libarchive-tools, a second RAR reader), and
# scikit-learn, statsmodels and scipy (reference values for reader agreement and for the
# correlation of lobes affected with involvement), dcm2niix and nibabel (NIfTI export is
# compared with dcm2niix's and read back), all from Debian's packages. Needs root; without it
# the tests that need a missing tool skip and say so. Source it.
set -euo pipefail

missing=()
command -v dcmdump >/dev/null 2>&1 || missing+=(dcmtk)
command -v dciodvfy >/dev/null 2>&1 || missing+=(dicom3tools)
/usr/bin/python3 -c 'import pydicom' >/dev/null 2>&1 || missing+=(python3-pydicom)
command -v bsdtar >/dev/null 2>&1 || missing+=(libarchive-tools)
/usr/bin/python3 -c 'import sklearn' >/dev/null 2>&1 || missing+=(python3-sklearn)
/usr/bin/python3 -c 'import statsmodels' >/dev/null 2>&1 || missing+=(python3-statsmodels)
/usr/bin/python3 -c 'import scipy.stats' >/dev/null 2>&1 || missing+=(python3-scipy)
command -v dcm2niix >/dev/null 2>&1 || missing+=(dcm2niix)
/usr/bin/python3 -c 'import nibabel' >/dev/null 2>&1 || missing+=(python3-nibabel)

if [ "${#missing[@]}" -gt 0 ] && [ "$(id -u)" = 0 ]; then
  echo "# installing ${missing[*]} from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi
