#!/usr/bin/env bash
# What the single-series bench scripts share: installing missing Debian packages (as root), the
# --slices argument, and a free-disk check under .bench/. Source it from the repository root.

# Installs the named Debian packages; without root, says what to install and stops.
install_missing() {
  (($# > 0)) || return 0
  if [[ $(id -u) -ne 0 ]]; then
    echo "bench: missing $*; install them (apt-get install $*) or run as root" >&2
    exit 1
  fi
  echo "bench: installing $*" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2
}

# Prints the value of --slices among the arguments after the default ($1).
slices_argument() {
  local slices=$1
  shift
  local args=("$@")
  for ((i = 0; i < ${#args[@]}; i++)); do
    case "${args[i]}" in
      --slices) slices="${args[i + 1]:-$slices}" ;;
      --slices=*) slices="${args[i]#*=}" ;;
    esac
  done
  echo "$slices"
}

# Stops unless .bench/ has $1 MB free; $2 says what the space is for.
require_free_disk() {
  mkdir -p .bench
  local free_mb
  free_mb=$(df -Pm .bench | awk 'NR == 2 { print $4 }')
  if ((free_mb < $1)); then
    echo "bench: not enough free disk under $(pwd)/.bench: ${free_mb} MB free, about $1 MB" \
      "needed for $2" >&2
    exit 1
  fi
}
