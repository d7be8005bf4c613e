#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 server on 127.0.0.1 for the data tests and prints, as its only standard output,
#   DIRECTORY_TEST_POSTGRES='<Npgsql connection string>'
# for `eval "export $(bash .ci/postgres.sh)"`. Idempotent: a server it already started is reused.
# Installs Debian's postgresql package when missing (Debian 12 ships PostgreSQL 15). Everything else goes to stderr.
set -euo pipefail

port="${DIRECTORY_TEST_POSTGRES_PORT:-55432}"
data_dir="${DIRECTORY_TEST_POSTGRES_DIR:-/tmp/directory-test-postgres}"
role="directory_test"
password="directory_test"

log() { printf 'postgres.sh: %s\n' "$*" >&2; }

# Binaries: Debian puts them under /usr/lib/postgresql/<major>/bin, outside PATH.
find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1; }
bin=$(find_bin || true)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  log "installing postgresql from Debian"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
  bin=$(find_bin)
fi

# initdb and the server refuse to run as root: run them as the postgres user when we are root.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ ! -f "$data_dir/PG_VERSION" ]; then
  log "creating a cluster in $data_dir"
  mkdir -p "$data_dir"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$data_dir"
  pwfile=$(mktemp)
  printf '%s\n' "$password" > "$pwfile"
  chmod 644 "$pwfile"
  as_owner "$bin/initdb" -D "$data_dir" -U postgres --auth=scram-sha-256 --pwfile="$pwfile" -E UTF8 --locale=C.UTF-8 >&2
  rm -f "$pwfile"
fi

if ! as_owner "$bin/pg_ctl" -D "$data_dir" status >/dev/null 2>&1; then
  log "starting the server on 127.0.0.1:$port"
  socket_dir="$data_dir/socket"
  mkdir -p "$socket_dir"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$socket_dir"
  # fsync off: a throwaway test server, where speed matters and durability does not.
  as_owner "$bin/pg_ctl" -D "$data_dir" -l "$data_dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$socket_dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >&2
fi

# The test role may create (and drop) a database per test class.
export PGPASSWORD="$password"
psql_admin() { "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$role'")" != 1 ]; then
  psql_admin -c "CREATE ROLE $role LOGIN CREATEDB PASSWORD '$password'" >&2
fi
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$role'")" != 1 ]; then
  psql_admin -c "CREATE DATABASE $role OWNER $role" >&2
fi

printf "DIRECTORY_TEST_POSTGRES='Host=127.0.0.1;Port=%s;Database=%s;Username=%s;Password=%s'\n" "$port" "$role" "$role" "$password"
