#!/usr/bin/env bash
# Runs a command with Azurite's SQL metadata store: a throwaway MariaDB on loopback, its data in a temporary
# directory, and AZURITE_DB pointing the emulator at it. Why: Azurite's default store (LokiJS) answers every
# blob lookup by scanning the account's documents and rewrites its whole JSON file every 5 s, so the emulator
# slows as it fills; the 200,000-object benchmark would measure that, not drp. Azurite documents AZURITE_DB
# (mysql://user:password@host:port/database) as its store for larger data sets.
#   drp-runner/bench/with-mariadb.sh mvn -pl drp-runner -q test-compile exec:java ... -Dbench.dataset=large
# Needs the Debian package mariadb-server (apt-get install mariadb-server); nothing runs as a service.
set -euo pipefail
command -v mariadbd >/dev/null || { echo "with-mariadb.sh: mariadbd not found; install it with: apt-get install mariadb-server" >&2; exit 2; }
dir=$(mktemp -d /tmp/drp-bench-mariadb.XXXXXX)
port=$((20000 + RANDOM % 20000))
user=$(id -un)
mariadb-install-db --no-defaults --datadir="$dir/data" --user="$user" --auth-root-authentication-method=normal >"$dir/install.log" 2>&1
mariadbd --no-defaults --datadir="$dir/data" --user="$user" --bind-address=127.0.0.1 --port="$port" \
    --socket="$dir/mysql.sock" --pid-file="$dir/mysql.pid" --skip-log-bin --innodb-flush-log-at-trx-commit=2 \
    --innodb-buffer-pool-size=1G --max-connections=500 >"$dir/mariadb.log" 2>&1 &
db_pid=$!
trap 'kill "$db_pid" 2>/dev/null; wait "$db_pid" 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 1 100); do
  mariadb --no-defaults --socket="$dir/mysql.sock" -uroot -e 'select 1' >/dev/null 2>&1 && break
  sleep 0.2
done
mariadb --no-defaults --socket="$dir/mysql.sock" -uroot -e "create database azurite_blob; \
  create user 'azurite'@'127.0.0.1' identified by 'azurite'; grant all on azurite_blob.* to 'azurite'@'127.0.0.1';"
export AZURITE_DB="mysql://azurite:azurite@127.0.0.1:$port/azurite_blob"
echo "with-mariadb.sh: Azurite metadata in MariaDB on 127.0.0.1:$port (data in $dir, removed on exit)" >&2
"$@"
