#!/usr/bin/env bash
# Start a throwaway PostgreSQL 15 cluster for the test suites.
#
#   tests/pg/start.sh            -> last stdout line: postgres://postgres@127.0.0.1:PORT/satupintu
#   tests/pg/stop.sh             -> stops it and removes its data dir
#
# The cluster lives in a fresh temp dir owned by user postgres, listens only on
# 127.0.0.1 (a free port picked at random) and on a unix socket inside that dir,
# with trust authentication. It never touches a system cluster (which may or may
# not be running). The data dir path is written to the state file
# ${SATUPINTU_PG_STATE:-${TMPDIR:-/tmp}/satupintu-pg.state} for stop.sh.
# Any failure exits non-zero and prints the server log on stderr.
set -euo pipefail

PG_VERSION=15
PG_BIN=/usr/lib/postgresql/$PG_VERSION/bin
STATE=${SATUPINTU_PG_STATE:-${TMPDIR:-/tmp}/satupintu-pg.state}
DB_NAME=${SATUPINTU_PG_DB:-satupintu}

log() { echo "pg/start: $*" >&2; }
die() { log "FAIL: $*"; exit 1; }

# Run a command as user postgres (we are normally root).
as_pg() {
  if [ "$(id -un)" = postgres ]; then
    "$@"
  elif [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    die "must run as root or as user postgres (running as $(id -un))"
  fi
}

# 1. Install PostgreSQL if it is not there.
if [ ! -x "$PG_BIN/initdb" ]; then
  [ "$(id -u)" = 0 ] || die "$PG_BIN/initdb missing and not root, cannot apt-get install postgresql"
  log "installing postgresql $PG_VERSION with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update >&2 || die "apt-get update failed"
  apt-get install -y --no-install-recommends postgresql postgresql-client >&2 \
    || die "apt-get install postgresql failed"
  [ -x "$PG_BIN/initdb" ] || die "postgresql installed but $PG_BIN/initdb still missing (not version $PG_VERSION?)"
fi
id postgres >/dev/null 2>&1 || die "user postgres does not exist (postgresql package should create it)"

# 2. A leftover cluster from an earlier run of ours (state file) is stopped first.
if [ -s "$STATE" ]; then
  old=$(head -n1 "$STATE")
  if [ -n "$old" ] && [ -f "$old/PG_VERSION" ]; then
    log "stopping leftover test cluster $old"
    as_pg "$PG_BIN/pg_ctl" -D "$old" stop -m immediate >/dev/null 2>&1 || true
    rm -rf "$(dirname "$old")"
  fi
  rm -f "$STATE"
fi

# 3. Fresh temp dir owned by postgres.
ROOT=$(mktemp -d "${TMPDIR:-/tmp}/satupintu-pg.XXXXXX")
chmod 755 "$ROOT"
DATA=$ROOT/data
LOGFILE=$ROOT/server.log
if [ "$(id -u)" = 0 ]; then chown postgres: "$ROOT"; fi

cleanup_on_error() {
  rc=$?
  if [ $rc -ne 0 ]; then
    log "FAILED (exit $rc); server log ($LOGFILE):"
    [ -f "$LOGFILE" ] && sed 's/^/  | /' "$LOGFILE" >&2
    if [ -f "$DATA/postmaster.pid" ]; then
      as_pg "$PG_BIN/pg_ctl" -D "$DATA" stop -m immediate >/dev/null 2>&1 || true
    fi
    rm -rf "$ROOT"
    rm -f "$STATE"
  fi
}
trap cleanup_on_error EXIT

log "initdb in $DATA"
if ! as_pg "$PG_BIN/initdb" -D "$DATA" -U postgres --auth-local=trust --auth-host=trust \
      --encoding=UTF8 --locale=C.UTF-8 >"$ROOT/initdb.log" 2>&1; then
  cat "$ROOT/initdb.log" >&2
  die "initdb failed"
fi
# Only loopback TCP, trust.
cat >"$DATA/pg_hba.conf" <<HBA
local   all  all                 trust
host    all  all  127.0.0.1/32   trust
HBA
chown postgres: "$DATA/pg_hba.conf"

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})' 2>/dev/null \
    || python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])' 2>/dev/null \
    || echo $(( 20000 + RANDOM % 20000 ))
}

# 4. Start on a free port; retry a few times in case someone grabbed the port meanwhile.
PORT=
for attempt in 1 2 3 4 5; do
  p=$(free_port)
  log "starting on 127.0.0.1:$p (attempt $attempt)"
  if as_pg "$PG_BIN/pg_ctl" -D "$DATA" -l "$LOGFILE" -w -t 30 \
       -o "-c listen_addresses=127.0.0.1 -p $p -k $ROOT -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
       start >&2; then
    PORT=$p
    break
  fi
  as_pg "$PG_BIN/pg_ctl" -D "$DATA" stop -m immediate >/dev/null 2>&1 || true
  sleep 1
done
[ -n "$PORT" ] || die "pg_ctl start failed 5 times"

echo "$DATA" >"$STATE"
echo "$PORT" >>"$STATE"

# 5. Wait until it really answers on TCP.
ready=
for _ in $(seq 1 60); do
  if "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" -U postgres; then ready=1; break; fi
  sleep 0.5
done
[ -n "$ready" ] || die "server not ready on 127.0.0.1:$PORT after 30 s"

# 6. The database.
"$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U postgres -d postgres \
  -c "CREATE DATABASE \"$DB_NAME\"" >&2 || die "CREATE DATABASE $DB_NAME failed"
"$PG_BIN/psql" -X -q -At -h 127.0.0.1 -p "$PORT" -U postgres -d "$DB_NAME" -c 'SELECT 1' >/dev/null \
  || die "cannot connect to database $DB_NAME"

log "ready: data dir $DATA (state file $STATE)"
trap - EXIT
echo "postgres://postgres@127.0.0.1:$PORT/$DB_NAME"
