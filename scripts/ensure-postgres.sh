#!/usr/bin/env bash
# Makes a PostgreSQL server available for the catalog tests and exports CTBANK_TEST_DATABASE_URL.
# Installs Debian's postgresql when missing (as root), starts a private cluster under
# .ci-postgres/ (not the system's) that listens only on a Unix socket in that folder, so two
# checkouts never fight over a port, and creates the test database. Source it.
set -euo pipefail

pg_root="$(pwd)/.ci-postgres"
pg_port="${CTBANK_TEST_PG_PORT:-55432}"

pg_bin_dir() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

if [ -z "$(pg_bin_dir)" ]; then
  echo "# installing PostgreSQL from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq postgresql >/dev/null
fi
bin="$(pg_bin_dir)"

# PostgreSQL refuses to run as root: run the private cluster as the postgres user when root.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ ! -f "$pg_root/data/PG_VERSION" ]; then
  mkdir -p "$pg_root"
  [ "$(id -u)" = 0 ] && chown postgres "$pg_root"
  as_owner "$bin/initdb" -D "$pg_root/data" -U postgres --auth=trust -E UTF8 >/dev/null
fi

if ! as_owner "$bin/pg_ctl" -D "$pg_root/data" status >/dev/null 2>&1; then
  as_owner "$bin/pg_ctl" -D "$pg_root/data" -l "$pg_root/server.log" -w \
    -o "-c listen_addresses='' -p $pg_port -k $pg_root -c fsync=off" start >/dev/null
fi

if ! "$bin/psql" -h "$pg_root" -p "$pg_port" -U postgres -tAc \
  "select 1 from pg_database where datname='ctbank_test'" | grep -q 1; then
  "$bin/createdb" -h "$pg_root" -p "$pg_port" -U postgres ctbank_test
fi

export CTBANK_TEST_DATABASE_URL="postgres://postgres@localhost:$pg_port/ctbank_test?host=$pg_root"
echo "# PostgreSQL ready at $CTBANK_TEST_DATABASE_URL"
