#!/usr/bin/env bash
# Run a command with DATABASE_URL pointing at a throwaway PostgreSQL cluster on loopback:
#   scripts/with-postgres.sh .venv/bin/python -m pytest
#   scripts/with-postgres.sh sh -c '.venv/bin/python bench/latency.py --database "$DATABASE_URL"'
# Installs Debian's postgresql when missing; the cluster lives in a temporary directory and is
# stopped and removed at the end, whatever the outcome. The command's exit status is the script's.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  $SUDO apt-get update
  $SUDO DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql
fi
BIN=$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")

# PostgreSQL refuses to run as root: run the cluster as the postgres user then.
RUN=(); OWNER=$(id -un)
if [ "$(id -u)" = 0 ]; then RUN=(runuser -u postgres --); OWNER=postgres; fi

DIR=$(mktemp -d /tmp/mittari-pg.XXXXXX)
chown "$OWNER" "$DIR"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
stop() {
  "${RUN[@]}" "$BIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap stop EXIT

"${RUN[@]}" "$BIN/initdb" -D "$DIR/data" -U mittari --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${RUN[@]}" "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w \
  -o "-p $PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$DIR -c fsync=off" start >/dev/null
"${RUN[@]}" "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U mittari mittari_test

export DATABASE_URL="postgresql+psycopg://mittari@127.0.0.1:$PORT/mittari_test"
echo "PostgreSQL test cluster on 127.0.0.1:$PORT"
"$@"
