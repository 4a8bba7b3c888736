# shellcheck shell=bash
# Throwaway PostgreSQL 15 for tests. Source this file, then:
#   pg_start            # starts a cluster in a temp dir on a free loopback port, creates
#                       # database huigui_test, exports HUIGUI_TEST_PG (URL) and
#                       # HUIGUI_TEST_PG_CONNSTR (libpq key=value form), PGHOST/PGPORT/PGUSER
#   pg_create_db NAME   # creates another database, prints its URL
#   pg_stop             # stops the cluster and deletes the directory (idempotent)
# Callers should `trap pg_stop EXIT`.

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
HUIGUI_PG_DIR="${HUIGUI_PG_DIR:-}"
HUIGUI_PG_PORT="${HUIGUI_PG_PORT:-}"

_pg_as_postgres() {
  if [[ "$(id -u)" == 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

pg_start() {
  [[ -x "$PG_BIN/initdb" ]] || { echo "pg_start: $PG_BIN/initdb not found (install postgresql-15)" >&2; return 1; }
  HUIGUI_PG_DIR="$(mktemp -d /tmp/huigui-pg.XXXXXX)"
  chmod 700 "$HUIGUI_PG_DIR"
  if [[ "$(id -u)" == 0 ]]; then chown postgres:postgres "$HUIGUI_PG_DIR"; fi
  if [[ -z "$HUIGUI_PG_PORT" ]]; then
    HUIGUI_PG_PORT="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{const p=s.address().port;s.close(()=>console.log(p))})')"
  fi
  export HUIGUI_PG_DIR HUIGUI_PG_PORT
  _pg_as_postgres "$PG_BIN/initdb" -D "$HUIGUI_PG_DIR/data" -A trust -U postgres -E UTF8 \
    --locale=C.UTF-8 >"$HUIGUI_PG_DIR/initdb.log" 2>&1 \
    || { cat "$HUIGUI_PG_DIR/initdb.log" >&2; return 1; }
  _pg_as_postgres "$PG_BIN/pg_ctl" -D "$HUIGUI_PG_DIR/data" -l "$HUIGUI_PG_DIR/server.log" \
    -o "-p $HUIGUI_PG_PORT -k $HUIGUI_PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    -w -t 60 start >/dev/null \
    || { cat "$HUIGUI_PG_DIR/server.log" >&2; return 1; }
  export PGHOST=127.0.0.1 PGPORT="$HUIGUI_PG_PORT" PGUSER=postgres
  pg_create_db huigui_test >/dev/null
  export HUIGUI_TEST_PG="postgresql://postgres@127.0.0.1:$HUIGUI_PG_PORT/huigui_test"
  export HUIGUI_TEST_PG_CONNSTR="dbname=huigui_test user=postgres host=127.0.0.1 port=$HUIGUI_PG_PORT"
  echo "PostgreSQL 15 on 127.0.0.1:$HUIGUI_PG_PORT ($HUIGUI_PG_DIR)" >&2
}

pg_create_db() {
  local name="$1"
  psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$HUIGUI_PG_PORT" -U postgres -d postgres \
    -c "SET client_min_messages TO warning" -c "DROP DATABASE IF EXISTS \"$name\"" -c "CREATE DATABASE \"$name\"" >/dev/null
  echo "postgresql://postgres@127.0.0.1:$HUIGUI_PG_PORT/$name"
}

pg_stop() {
  if [[ -n "${HUIGUI_PG_DIR:-}" && -d "$HUIGUI_PG_DIR" ]]; then
    if [[ -f "$HUIGUI_PG_DIR/data/postmaster.pid" ]]; then
      _pg_as_postgres "$PG_BIN/pg_ctl" -D "$HUIGUI_PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$HUIGUI_PG_DIR"
  fi
  HUIGUI_PG_DIR=""
}
