#!/usr/bin/env bash
# Run the black-box API suite against a freshly migrated and imported database.
#
#   tests/api/run.sh DBURL LABEL
#     DBURL  sqlite:...                          -> always a fresh SQLite file in a temp dir
#            postgres://user@host:port/db        -> used as is (e.g. from tests/pg/start.sh)
#     LABEL  name for the results: build/test-results/api-LABEL.{tap,count,server.log}
#
# Env: SATUPINTU_BIN (default build/satupintu; it is not built here),
#      SATUPINTU_READY_TIMEOUT (seconds, default 30).
# Steps: migrate, import-regions, serve on a free 127.0.0.1 port, wait for /readyz,
# node --test (TAP) with SATUPINTU_BASE_URL, SIGTERM and expect exit 0, check the
# access log on stdout is JSON lines. Writes "PASS FAIL" to api-LABEL.count (the
# TAP counts plus the two server checks: clean shutdown, JSON access log) and
# exits non-zero on any failure, including a server that would not start.
set -uo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 DBURL LABEL" >&2
  exit 2
fi
DBURL=$1
LABEL=$2
case "$LABEL" in *[!A-Za-z0-9._-]*|'') echo "run.sh: LABEL must be [A-Za-z0-9._-]+" >&2; exit 2 ;; esac

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
BIN=${SATUPINTU_BIN:-build/satupintu}
case "$BIN" in /*) ;; *) BIN=$ROOT/$BIN ;; esac
READY_TIMEOUT=${SATUPINTU_READY_TIMEOUT:-30}
RESULTS=$ROOT/build/test-results
mkdir -p "$RESULTS"
COUNT=$RESULTS/api-$LABEL.count
TAP=$RESULTS/api-$LABEL.tap
SRVLOG=$RESULTS/api-$LABEL.server.log
rm -f "$COUNT" "$TAP" "$SRVLOG"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/satupintu-api.XXXXXX")
SRV_PID=
log() { echo "api/run[$LABEL]: $*" >&2; }

save_server_logs() {
  {
    echo "== server stderr =="
    [ -f "$TMP/server.err" ] && cat "$TMP/server.err"
    echo "== server stdout (access log) =="
    [ -f "$TMP/server.out" ] && cat "$TMP/server.out"
  } >"$SRVLOG" 2>/dev/null || true
}
cleanup() {
  if [ -n "$SRV_PID" ] && kill -0 "$SRV_PID" 2>/dev/null; then
    kill -KILL "$SRV_PID" 2>/dev/null || true
    wait "$SRV_PID" 2>/dev/null || true
  fi
  save_server_logs
  rm -rf "$TMP"
}
trap cleanup EXIT

# Setup failure: print what we know, count it as one failure, exit 1.
fatal() {
  log "FAIL: $*"
  if [ -s "$TMP/server.err" ]; then
    echo "---- server stderr ----" >&2
    tail -n 100 "$TMP/server.err" >&2
    echo "-----------------------" >&2
  fi
  echo "0 1" >"$COUNT"
  echo "api-$LABEL: 0 passed, 1 failed"
  exit 1
}

[ -x "$BIN" ] || fatal "binary $BIN not found or not executable (run make build, or set SATUPINTU_BIN)"
command -v node >/dev/null || fatal "node not found"
DATA_SRC=$ROOT/node_modules/idn-area-data/data
[ -f "$DATA_SRC/provinces.csv" ] || fatal "$DATA_SRC missing (run npm ci at the repo root)"

case "$DBURL" in
  sqlite|sqlite:*)
    DB="sqlite:$TMP/satupintu.db"
    log "using a fresh SQLite database $TMP/satupintu.db" ;;
  postgres://*|postgresql://*)
    DB=$DBURL ;;
  *)
    fatal "unsupported DBURL $DBURL (sqlite:... or postgres://...)" ;;
esac
mkdir -p "$TMP/data"

log "migrate"
"$BIN" migrate --db "$DB" >"$TMP/migrate.out" 2>"$TMP/migrate.err" \
  || { cat "$TMP/migrate.out" "$TMP/migrate.err" >&2; fatal "satupintu migrate --db $DB failed"; }
log "import-regions"
"$BIN" import-regions "$DATA_SRC" --db "$DB" >"$TMP/import.out" 2>"$TMP/import.err" \
  || { tail -n 50 "$TMP/import.out" "$TMP/import.err" >&2; fatal "satupintu import-regions --db $DB failed"; }

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}
PORT=$(free_port) || fatal "could not pick a free port"
BASE=http://127.0.0.1:$PORT

log "serve on $BASE"
"$BIN" serve --db "$DB" --listen "127.0.0.1:$PORT" --data-dir "$TMP/data" --no-migrate \
  >"$TMP/server.out" 2>"$TMP/server.err" &
SRV_PID=$!

# Wait for /readyz (200), failing early if the server dies.
deadline=$(( $(date +%s) + READY_TIMEOUT ))
ready=
while [ "$(date +%s)" -lt "$deadline" ]; do
  if ! kill -0 "$SRV_PID" 2>/dev/null; then
    wait "$SRV_PID"; rc=$?
    SRV_PID=
    fatal "server exited with status $rc before becoming ready"
  fi
  if node -e '
      fetch(process.argv[1] + "/readyz").then(r => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1));
      setTimeout(() => process.exit(1), 2000);' "$BASE" 2>/dev/null; then
    ready=1
    break
  fi
  sleep 0.3
done
[ -n "$ready" ] || fatal "server not ready on $BASE/readyz after ${READY_TIMEOUT}s"
log "ready"

# The suite.
SATUPINTU_BASE_URL=$BASE SATUPINTU_BIN=$BIN \
  timeout 900 node --test --test-reporter=tap --test-timeout=60000 tests/api/ 2>&1 | tee "$TAP"
NODE_RC=${PIPESTATUS[0]}

PASS=$(sed -n 's/^# pass \([0-9][0-9]*\)$/\1/p' "$TAP" | tail -n1)
FAIL=$(sed -n 's/^# fail \([0-9][0-9]*\)$/\1/p' "$TAP" | tail -n1)
if [ -z "$PASS" ] || [ -z "$FAIL" ]; then
  log "FAIL: no '# pass N' / '# fail N' summary in the TAP output (node exit $NODE_RC)"
  PASS=${PASS:-0}
  FAIL=$(( ${FAIL:-0} + 1 ))
fi
if [ "$NODE_RC" -ne 0 ] && [ "$FAIL" -eq 0 ]; then
  log "FAIL: node --test exited $NODE_RC with no failing test"
  FAIL=1
fi

# Server check 1: SIGTERM -> exit 0 (within 15 s).
if kill -0 "$SRV_PID" 2>/dev/null; then
  kill -TERM "$SRV_PID"
  for _ in $(seq 1 150); do kill -0 "$SRV_PID" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$SRV_PID" 2>/dev/null; then
    log "FAIL: server still running 15 s after SIGTERM"
    kill -KILL "$SRV_PID" 2>/dev/null
    wait "$SRV_PID" 2>/dev/null
    FAIL=$(( FAIL + 1 ))
  else
    wait "$SRV_PID"; rc=$?
    if [ "$rc" -eq 0 ]; then
      log "ok: server exited 0 on SIGTERM"; PASS=$(( PASS + 1 ))
    else
      log "FAIL: server exited $rc on SIGTERM (expected 0)"; FAIL=$(( FAIL + 1 ))
    fi
  fi
else
  wait "$SRV_PID"; rc=$?
  log "FAIL: server died during the tests (exit status $rc)"
  FAIL=$(( FAIL + 1 ))
fi
SRV_PID=

# Server check 2: stdout access log is one JSON object per line, and not empty.
if node -e '
    const lines = require("fs").readFileSync(process.argv[1], "utf8").split("\n").filter(l => l !== "");
    let bad = 0;
    lines.forEach((l, i) => {
      let o;
      try { o = JSON.parse(l); } catch { o = undefined; }
      if (!o || typeof o !== "object" || Array.isArray(o)) {
        if (bad++ < 5) console.error(`access log line ${i + 1} is not a JSON object: ${l.slice(0, 200)}`);
      }
    });
    if (lines.length < 100) { console.error(`access log has only ${lines.length} lines`); process.exit(1); }
    if (bad) { console.error(`${bad} of ${lines.length} access log lines are not JSON objects`); process.exit(1); }
    console.error(`access log: ${lines.length} JSON lines`);' "$TMP/server.out"; then
  PASS=$(( PASS + 1 ))
else
  log "FAIL: access log on stdout is not JSON lines"
  FAIL=$(( FAIL + 1 ))
fi

echo "$PASS $FAIL" >"$COUNT"
if [ "$FAIL" -ne 0 ] && [ -s "$TMP/server.err" ]; then
  echo "---- server stderr (last 40 lines) ----" >&2
  tail -n 40 "$TMP/server.err" >&2
fi
echo "api-$LABEL: $PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
