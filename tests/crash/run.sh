#!/usr/bin/env bash
# Crash test (issue 4): while clients submit applications the server is killed with SIGKILL;
# after a restart every application that was answered 201 is there, whole, and none twice.
#
#   tests/crash/run.sh DBURL LABEL
#     DBURL  sqlite:...                    -> always a fresh SQLite file in a temp dir
#            postgres://user@host:port/db  -> a fresh database satupintu_crash_* is created on that
#                                             server and dropped afterwards (the URL's own database
#                                             is used as is when CREATE DATABASE is refused)
#     LABEL  name for the results: build/test-results/crash-LABEL.{count,server.log,ledger.jsonl}
#            (the ledger: every request sent, its answer or failure, and its retry's outcome)
#
# Env: SATUPINTU_BIN (default build/asan/satupintu; not built here), SATUPINTU_READY_TIMEOUT
#      (seconds, default 30), SATUPINTU_CRASH_CYCLES (default 3), SATUPINTU_CRASH_LOAD_MS
#      (load before each kill, default 2000), SATUPINTU_CRASH_CLIENTS (default 8),
#      SATUPINTU_KEEP_DB=1 keeps the fresh PostgreSQL database (and the temp dir),
#      SATUPINTU_CRASH_SABOTAGE_SQL: SQL run on the database after the first kill, to see the
#      checks fail (checking the checker; never set in a real run).
#
# Steps: migrate, import-regions, keygen, seed-demo; serve on a free 127.0.0.1 port; then per
# cycle: register and log in 8 fresh citizens (8 per cycle keeps each ?mine=true list under
# its 200 entries), run 8 concurrent clients submitting "PBG untuk MBR" with unique
# Idempotency-Keys (tests/crash/load.mjs), SIGKILL the server after ~2 s with requests in
# flight, run `audit verify` on the database as the crash left it, restart on the same
# database and port, and check
#   (a) every application answered 201 is there, whole (GET by id as its citizen: same
#       tracking_no, state submitted, version 1, answers as sent, one "submit" event);
#   (b) none twice: every key sent is retried with the same body: an answered key replays its
#       stored answer byte for byte (same id), an unanswered one replays (it was committed) or
#       is created (it was not), and a second retry replays that; every citizen's ?mine=true
#       list holds exactly one application per key and nothing else; the database holds one
#       application, one submit event, one idempotency key and one application.create audit
#       entry per key ever sent;
#   (c) the audit chain verifies, right after the kill and again after the checks (SQLite: and
#       PRAGMA integrity_check is ok after the kill).
# Finally SIGTERM -> exit 0, and no sanitizer report in any server's stderr.
# One check per property per cycle plus those two; "PASS FAIL" goes to crash-LABEL.count, the
# closing line is "crash-LABEL: N passed, N failed"; exit 1 on any failure, including a server
# that does not start or restart.
set -uo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 DBURL LABEL" >&2
  exit 2
fi
DBURL=$1
LABEL=$2
case "$LABEL" in *[!A-Za-z0-9._-]*|'') echo "crash/run.sh: LABEL must be [A-Za-z0-9._-]+" >&2; exit 2 ;; esac

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
BIN=${SATUPINTU_BIN:-build/asan/satupintu}
case "$BIN" in /*) ;; *) BIN=$ROOT/$BIN ;; esac
READY_TIMEOUT=${SATUPINTU_READY_TIMEOUT:-30}
CYCLES=${SATUPINTU_CRASH_CYCLES:-3}
LOAD_MS=${SATUPINTU_CRASH_LOAD_MS:-2000}
CLIENTS=${SATUPINTU_CRASH_CLIENTS:-8}
RESULTS=$ROOT/build/test-results
mkdir -p "$RESULTS"
COUNT=$RESULTS/crash-$LABEL.count
SRVLOG=$RESULTS/crash-$LABEL.server.log
LEDGER=$RESULTS/crash-$LABEL.ledger.jsonl
rm -f "$COUNT" "$SRVLOG" "$LEDGER"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/satupintu-crash.XXXXXX")
SRV_PID=
SRV_N=0
PG_ADMIN_URL=
PG_FRESH=
START=$(date +%s)
log() { echo "crash/run[$LABEL]: $*" >&2; }

save_server_logs() {
  {
    for i in $(seq 1 "$SRV_N"); do
      echo "== server $i stderr =="
      [ -f "$TMP/server-$i.err" ] && cat "$TMP/server-$i.err"
      echo "== server $i stdout (access log, last 50 lines) =="
      [ -f "$TMP/server-$i.out" ] && tail -n 50 "$TMP/server-$i.out"
    done
  } >"$SRVLOG" 2>/dev/null || true
}
cleanup() {
  if [ -n "$SRV_PID" ] && kill -0 "$SRV_PID" 2>/dev/null; then
    kill -KILL "$SRV_PID" 2>/dev/null || true
    wait "$SRV_PID" 2>/dev/null || true
  fi
  save_server_logs
  # every request sent, one JSON line each (key, citizen, answer or failure, the retry's outcome)
  if [ -s "$TMP/state.json" ]; then
    node -e '
      const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
      const out = s.ledger.map((r) => JSON.stringify({ cycle: r.cycle, key: r.key, user_id: s.citizens[r.citizen].userId,
        status: r.status ?? null, error: r.error ?? null, ms: r.ms, in_flight_at_kill: r.inflightAtKill,
        id: r.id ?? null, tracking_no: r.tracking_no ?? null, id_from_retry: !!r.idFromRetry, retry: r.retry ?? null }));
      require("fs").writeFileSync(process.argv[2], out.join("\n") + "\n");' "$TMP/state.json" "$LEDGER" 2>/dev/null \
      || log "could not write $LEDGER"
  fi
  if [ -n "$PG_FRESH" ]; then
    if [ "${SATUPINTU_KEEP_DB:-}" = 1 ]; then
      log "kept database $PG_FRESH ($DB)"
    else
      psql -X -q -d "$PG_ADMIN_URL" -c "DROP DATABASE IF EXISTS \"$PG_FRESH\" WITH (FORCE)" >/dev/null 2>&1 \
        || log "could not drop database $PG_FRESH"
    fi
  fi
  if [ "${SATUPINTU_KEEP_DB:-}" = 1 ]; then log "kept $TMP"; else rm -rf "$TMP"; fi
}
trap cleanup EXIT

PASS=0
FAIL=0
check() { # ok|fail MESSAGE
  if [ "$1" = ok ]; then log "ok: $2"; PASS=$(( PASS + 1 )); else log "FAIL: $2"; FAIL=$(( FAIL + 1 )); fi
}
finish() {
  echo "$PASS $FAIL" >"$COUNT"
  log "took $(( $(date +%s) - START )) s"
  echo "crash-$LABEL: $PASS passed, $FAIL failed"
  [ "$FAIL" -eq 0 ]
  exit $?
}
# A failure that stops the run: show what we know, count it, exit 1.
fatal() {
  log "FAIL: $*"
  if [ "$SRV_N" -gt 0 ] && [ -s "$TMP/server-$SRV_N.err" ]; then
    echo "---- server $SRV_N stderr ----" >&2
    tail -n 60 "$TMP/server-$SRV_N.err" >&2
    echo "-----------------------" >&2
  fi
  FAIL=$(( FAIL + 1 ))
  finish
}

[ -x "$BIN" ] || fatal "binary $BIN not found or not executable (run make asan, or set SATUPINTU_BIN)"
command -v node >/dev/null || fatal "node not found"
command -v curl >/dev/null || fatal "curl not found"
DATA_SRC=$ROOT/node_modules/idn-area-data/data
[ -f "$DATA_SRC/provinces.csv" ] || fatal "$DATA_SRC missing (run npm ci at the repo root)"

case "$DBURL" in
  sqlite|sqlite:*)
    command -v sqlite3 >/dev/null || fatal "sqlite3 not found (the database checks need it)"
    DB="sqlite:$TMP/satupintu.db"
    log "using a fresh SQLite database $TMP/satupintu.db" ;;
  postgres://*|postgresql://*)
    command -v psql >/dev/null || fatal "psql not found (the database checks need it)"
    DB=$DBURL
    fresh=satupintu_crash_$(printf '%s' "$LABEL" | tr -c 'A-Za-z0-9' '_' | tr 'A-Z' 'a-z')_$$
    if psql -X -q -v ON_ERROR_STOP=1 -d "$DBURL" -c "CREATE DATABASE \"$fresh\"" >"$TMP/createdb.out" 2>&1; then
      PG_ADMIN_URL=$DBURL
      PG_FRESH=$fresh
      DB=$(node -e 'const u = new URL(process.argv[1]); u.pathname = "/" + process.argv[2]; console.log(u.href)' "$DBURL" "$fresh") \
        || fatal "cannot build the URL of database $fresh from $DBURL"
      log "using a fresh PostgreSQL database $fresh"
    else
      # The checks count every application in the database, so a used one would not do.
      fatal "could not create a fresh database on $DBURL: $(tr '\n' ' ' <"$TMP/createdb.out")"
    fi ;;
  *)
    fatal "unsupported DBURL $DBURL (sqlite:... or postgres://...)" ;;
esac
mkdir -p "$TMP/data"

log "migrate, import-regions, keygen, seed-demo"
"$BIN" migrate --db "$DB" >"$TMP/migrate.out" 2>&1 \
  || { tail -n 30 "$TMP/migrate.out" >&2; fatal "satupintu migrate --db $DB failed"; }
"$BIN" import-regions "$DATA_SRC" --db "$DB" >"$TMP/import.out" 2>&1 \
  || { tail -n 30 "$TMP/import.out" >&2; fatal "satupintu import-regions --db $DB failed"; }
KEY=$TMP/satupintu.key
"$BIN" keygen --key-file "$KEY" >"$TMP/keygen.out" 2>&1 \
  || { cat "$TMP/keygen.out" >&2; fatal "satupintu keygen --key-file $KEY failed"; }
[ -s "$KEY" ] || fatal "satupintu keygen wrote no key to $KEY"
"$BIN" seed-demo --db "$DB" >"$TMP/seed.out" 2>&1 \
  || { tail -n 30 "$TMP/seed.out" >&2; fatal "satupintu seed-demo --db $DB failed"; }

PORT=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})') \
  || fatal "could not pick a free port"
BASE=http://127.0.0.1:$PORT

# Start a server on $DB and $PORT and wait for /readyz; a server that exits or never gets
# ready is fatal.
start_server() {
  SRV_N=$(( SRV_N + 1 ))
  "$BIN" serve --db "$DB" --listen "127.0.0.1:$PORT" --data-dir "$TMP/data" --no-migrate --key-file "$KEY" \
    >"$TMP/server-$SRV_N.out" 2>"$TMP/server-$SRV_N.err" &
  SRV_PID=$!
  local t0 deadline code
  t0=$(date +%s%N)
  deadline=$(( $(date +%s) + READY_TIMEOUT ))
  while :; do
    if ! kill -0 "$SRV_PID" 2>/dev/null; then
      wait "$SRV_PID"; local rc=$?
      SRV_PID=
      fatal "server $SRV_N exited with status $rc before becoming ready on $BASE"
    fi
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$BASE/readyz" 2>/dev/null)
    [ "$code" = 200 ] && break
    [ "$(date +%s)" -lt "$deadline" ] || fatal "server $SRV_N not ready on $BASE/readyz after ${READY_TIMEOUT}s (last status '$code')"
    sleep 0.05
  done
  # the answer must come from our process, not from someone else on a reused port
  kill -0 "$SRV_PID" 2>/dev/null || fatal "server $SRV_N died right after becoming ready"
  log "server $SRV_N (pid $SRV_PID) ready on $BASE in $(( ($(date +%s%N) - t0) / 1000000 )) ms"
}

db_sql() { # SQL -> bare values
  case "$DB" in
    sqlite:*) sqlite3 -batch -noheader "${DB#sqlite:}" "$1" ;;
    *) psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$DB" -c "$1" ;;
  esac
}

audit_verify() { # TAG -> 0 ok, else 1; message in $AUDIT_MSG
  "$BIN" audit verify --db "$DB" >"$TMP/verify-$1.out" 2>&1
  local rc=$?
  AUDIT_MSG="exit $rc: $(tr '\n' ' ' <"$TMP/verify-$1.out" | head -c 300)"
  [ "$rc" -eq 0 ] && grep -Eq 'audit chain ok: [1-9][0-9]* entries' "$TMP/verify-$1.out"
}

STATE=$TMP/state.json
start_server

for cycle in $(seq 1 "$CYCLES"); do
  log "---- cycle $cycle ----"
  node tests/crash/load.mjs setup --base "$BASE" --state "$STATE" --citizens "$CLIENTS" --tag "c$cycle" \
    || fatal "cycle $cycle: could not register and log in $CLIENTS citizens"
  # (the shell's own stderr is muted meanwhile: no "Killed" job notice for the server)
  exec 4>&2 2>/dev/null
  node tests/crash/load.mjs load --base "$BASE" --state "$STATE" --cycle "$cycle" --pid "$SRV_PID" \
    --kill-after "$LOAD_MS" --clients "$CLIENTS" >"$TMP/load-$cycle.json" 2>&4
  lrc=$?
  alive=
  for _ in $(seq 1 50); do kill -0 "$SRV_PID" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$SRV_PID" 2>/dev/null; then alive=1; kill -KILL "$SRV_PID" 2>/dev/null; fi
  wait "$SRV_PID"; rc=$?
  exec 2>&4 4>&-
  SRV_PID=
  [ "$lrc" -eq 0 ] || fatal "cycle $cycle: the load run failed (exit $lrc)"
  [ -z "$alive" ] || fatal "cycle $cycle: the server was still running 5 s after the load run's SIGKILL"
  log "cycle $cycle: load $(cat "$TMP/load-$cycle.json")"
  [ "$rc" -eq 137 ] || fatal "cycle $cycle: server exited $rc, not by SIGKILL (137) - it died on its own during the load?"
  read -r sent ok201 inflight <<<"$(node -e '
    const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    console.log(s.sent, s.answered201, s.inflightAtKill)' "$TMP/load-$cycle.json")"
  log "cycle $cycle: killed with $inflight requests in flight; $sent sent, $ok201 answered 201"
  [ "${ok201:-0}" -gt 0 ] || fatal "cycle $cycle: no request was answered 201 before the kill (see $SRVLOG)"
  [ "${inflight:-0}" -gt 0 ] || fatal "cycle $cycle: the kill did not land while requests were in flight"

  # Checking the checker: SATUPINTU_CRASH_SABOTAGE_SQL is run on the database after the first
  # kill (e.g. delete or copy an application); the cycle's checks must then fail.
  if [ "$cycle" = 1 ] && [ -n "${SATUPINTU_CRASH_SABOTAGE_SQL:-}" ]; then
    log "sabotage: $SATUPINTU_CRASH_SABOTAGE_SQL"
    db_sql "$SATUPINTU_CRASH_SABOTAGE_SQL" >&2 || log "sabotage SQL failed"
  fi

  # (c), first half: the database as the crash left it.
  c_ok=ok
  c_msg=
  if audit_verify "c$cycle-crashed"; then c_msg="after the kill $AUDIT_MSG"; else c_ok=fail; c_msg="after the kill: $AUDIT_MSG"; fi
  if [ "${DB#sqlite:}" != "$DB" ]; then
    integ=$(sqlite3 -batch -noheader "${DB#sqlite:}" 'PRAGMA integrity_check' 2>&1 | head -c 300)
    if [ "$integ" = ok ]; then c_msg="$c_msg; integrity_check ok"; else c_ok=fail; c_msg="$c_msg; integrity_check: $integ"; fi
  fi

  start_server
  node tests/crash/load.mjs verify --base "$BASE" --state "$STATE" --cycle "$cycle" --db "$DB" >"$TMP/verify-$cycle.txt" \
    || { cat "$TMP/verify-$cycle.txt" >&2; fatal "cycle $cycle: the verify run failed"; }
  for prop in a b; do
    line=$(grep -m1 "^RESULT $prop " "$TMP/verify-$cycle.txt")
    [ -n "$line" ] || { check fail "cycle $cycle ($prop): no result from load.mjs verify"; continue; }
    read -r _ _ res msg <<<"$line"
    case $prop in
      a) what="every application answered 201 is there, whole" ;;
      b) what="none twice" ;;
    esac
    check "$res" "cycle $cycle ($prop) $what: $msg"
  done

  # (c), second half: after the restart and the checks' writes.
  if audit_verify "c$cycle-after"; then c_msg="$c_msg; after the checks $AUDIT_MSG"; else c_ok=fail; c_msg="$c_msg; after the checks: $AUDIT_MSG"; fi
  check "$c_ok" "cycle $cycle (c) audit chain verifies: $c_msg"
done

# A clean stop: SIGTERM -> exit 0 within 15 s.
kill -TERM "$SRV_PID"
for _ in $(seq 1 150); do kill -0 "$SRV_PID" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$SRV_PID" 2>/dev/null; then
  kill -KILL "$SRV_PID" 2>/dev/null
  wait "$SRV_PID" 2>/dev/null
  SRV_PID=
  check fail "server still running 15 s after SIGTERM"
else
  wait "$SRV_PID"; rc=$?
  SRV_PID=
  if [ "$rc" -eq 0 ]; then check ok "server exited 0 on SIGTERM"; else check fail "server exited $rc on SIGTERM (expected 0)"; fi
fi

# No sanitizer report from any server run (a killed one says nothing; one that hit a bug would).
if grep -lE 'ERROR: (Address|Leak|Undefined)Sanitizer|runtime error:' "$TMP"/server-*.err >"$TMP/asan.hits" 2>/dev/null; then
  check fail "sanitizer report in $(tr '\n' ' ' <"$TMP/asan.hits"): $(grep -hE -m3 'ERROR: |runtime error:' "$TMP"/server-*.err | head -c 400)"
else
  check ok "no sanitizer report in the stderr of $SRV_N server runs"
fi

totals=$(node -e '
  const fs = require("fs");
  let sent = 0, ok = 0, inf = 0;
  for (const f of process.argv.slice(1)) { const s = JSON.parse(fs.readFileSync(f, "utf8")); sent += s.sent; ok += s.answered201; inf += s.inflightAtKill; }
  console.log(`${sent} requests sent, ${ok} answered 201, ${inf} in flight at the ${process.argv.length - 1} kills`);' "$TMP"/load-*.json)
log "in all: $totals"
finish
