#!/usr/bin/env bash
# Runs a command with TEST_DATABASE_URL pointing at a throw-away local PostgreSQL server:
# installs Debian's postgresql if needed (as root), starts it on a free loopback port in a
# temp dir, runs the command, and always stops the server and removes the data afterwards.
# --optional: without PostgreSQL and without root to install it, say so and run the command
# anyway (its PostgreSQL tests are then skipped and listed); with CI=true that is an error.
set -euo pipefail
OPTIONAL=0
if [ "${1:-}" = "--optional" ]; then
  OPTIONAL=1
  shift
fi
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's postgresql for the storage tests ..."
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/tmp/paarweise-pg-apt.log 2>&1
  elif [ "$OPTIONAL" = "1" ] && [ "${CI:-}" != "true" ]; then
    echo "NOTE: PostgreSQL is not installed and this is not root: the PostgreSQL storage tests"
    echo "      will be SKIPPED (listed at the end). Install it with: sudo apt-get install postgresql"
    exec "$@"
  else
    echo "ERROR: PostgreSQL is not installed and this is not root: sudo apt-get install postgresql" >&2
    exit 1
  fi
fi
BIN=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
DIR=$(mktemp -d /tmp/paarweise-pg.XXXXXX)
RUN=()
if [ "$(id -u)" = "0" ]; then
  chown postgres:postgres "$DIR"
  RUN=(runuser -u postgres --)
fi
cleanup() {
  "${RUN[@]}" "$BIN/pg_ctl" -D "$DIR/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap cleanup EXIT
"${RUN[@]}" "$BIN/initdb" -D "$DIR/data" -U postgres --auth=trust -E UTF8 >"$DIR/initdb.log" 2>&1
"${RUN[@]}" "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w \
  -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1" start >/dev/null
"${RUN[@]}" "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres paarweise_test
export TEST_DATABASE_URL="postgresql+psycopg://postgres@127.0.0.1:$PORT/paarweise_test"
echo "PostgreSQL test server on 127.0.0.1:$PORT"
"$@"
