#!/usr/bin/env bash
# Run the black-box API suite against a freshly migrated and imported database.
#
#   tests/api/run.sh DBURL LABEL
#     DBURL  sqlite:...                          -> always a fresh SQLite file in a temp dir
#            postgres://user@host:port/db        -> a fresh database satupintu_api_* is created on
#                                                   that server for the run and dropped afterwards
#                                                   (the URL's own database is used as is when
#                                                   CREATE DATABASE is refused)
#     LABEL  name for the results: build/test-results/api-LABEL.{tap,count,server.log}
#
# Env: SATUPINTU_BIN (default build/satupintu; it is not built here),
#      SATUPINTU_READY_TIMEOUT (seconds, default 30),
#      SATUPINTU_KEEP_DB=1 keeps the fresh PostgreSQL database (its URL is logged).
# Steps: migrate, import-regions, keygen, seed-demo, the staff accounts tadmin
# (region_admin 32.11), ladmin (region_admin 18.01), padmin (platform_admin), tfront
# (front_office 32.11), tback (back_office 32.11), tappr (approver 32.11) with one random password; serve on a free 127.0.0.1 port with
# the key file, wait for /readyz, node --test (TAP) with SATUPINTU_BASE_URL and the
# SATUPINTU_TEST_* variables (lib.mjs), then ip-throttle.late.mjs (it locks logins
# from 127.0.0.1 out, so it runs last); SIGTERM and expect exit 0; check the access
# log on stdout is JSON lines; `audit verify` passes; a tampered audit_log row makes
# it fail naming the entry (the row is restored afterwards and must verify again);
# no NIK, phone, e-mail, password, session or API token the tests used appears in
# the server's stdout/stderr (one check per kind). Writes "PASS FAIL" to
# api-LABEL.count (the TAP counts plus those checks) and exits non-zero on any
# failure, including a server that would not start.
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
. "$ROOT/tests/lib.sh"
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
PG_ADMIN_URL=
PG_FRESH=
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
  [ -n "${SINK_PID:-}" ] && kill "$SINK_PID" 2>/dev/null
  if [ -n "$SRV_PID" ] && kill -0 "$SRV_PID" 2>/dev/null; then
    kill -KILL "$SRV_PID" 2>/dev/null || true
    wait "$SRV_PID" 2>/dev/null || true
  fi
  save_server_logs
  if [ -n "$PG_FRESH" ]; then
    if [ "${SATUPINTU_KEEP_DB:-}" = 1 ]; then
      log "kept database $PG_FRESH ($DB)"
    else
      psql -X -q -d "$PG_ADMIN_URL" -c "DROP DATABASE IF EXISTS \"$PG_FRESH\" WITH (FORCE)" >/dev/null 2>&1 \
        || log "could not drop database $PG_FRESH"
    fi
  fi
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
    DB=$DBURL
    fresh=satupintu_api_$(printf '%s' "$LABEL" | tr -c 'A-Za-z0-9' '_' | tr 'A-Z' 'a-z')_$$
    if command -v psql >/dev/null \
      && psql -X -q -v ON_ERROR_STOP=1 -d "$DBURL" -c "CREATE DATABASE \"$fresh\"" >"$TMP/createdb.out" 2>&1; then
      PG_ADMIN_URL=$DBURL
      PG_FRESH=$fresh
      DB=$(node -e 'const u = new URL(process.argv[1]); u.pathname = "/" + process.argv[2]; console.log(u.href)' "$DBURL" "$fresh") \
        || fatal "cannot build the URL of database $fresh from $DBURL"
      log "using a fresh PostgreSQL database $fresh"
    else
      log "could not create a fresh database ($(tr '\n' ' ' <"$TMP/createdb.out" 2>/dev/null)); using $DBURL as is"
    fi ;;
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

# A database kept from an earlier run (PostgreSQL without CREATE DATABASE): forget its failed
# logins, or the per-address throttle of that run (all from 127.0.0.1) locks this one out.
if [ -z "$PG_FRESH" ] && [ "${DB#postgres}" != "$DB" ]; then
  psql -X -q -d "$DB" -c "DELETE FROM login_throttle" >/dev/null 2>&1 \
    && log "reused database: login_throttle cleared"
fi

# Keys, demo region, staff accounts (issue 3).
KEY=$TMP/satupintu.key
export SATUPINTU_KEY_FILE=$KEY
log "keygen"
"$BIN" keygen --key-file "$KEY" >"$TMP/keygen.out" 2>"$TMP/keygen.err" \
  || { cat "$TMP/keygen.out" "$TMP/keygen.err" >&2; fatal "satupintu keygen --key-file $KEY failed"; }
[ -s "$KEY" ] || fatal "satupintu keygen wrote no key to $KEY"
log "seed-demo"
"$BIN" seed-demo --db "$DB" >"$TMP/seed.out" 2>"$TMP/seed.err" \
  || { cat "$TMP/seed.out" "$TMP/seed.err" >&2; fatal "satupintu seed-demo --db $DB failed"; }

SECRETS=$TMP/secrets.tsv
: >"$SECRETS"
TEST_PASSWORD=Uji-$(node -e 'process.stdout.write(require("crypto").randomBytes(15).toString("base64url"))') \
  || fatal "could not make a password"
printf 'password\t%s\n' "$TEST_PASSWORD" >>"$SECRETS"
add_staff() { # USERNAME NAME ROLE [REGION]
  local region_args=()
  [ -n "${4:-}" ] && region_args=(--region "$4")
  if printf '%s\n' "$TEST_PASSWORD" | "$BIN" user add "$1" --name "$2" --role "$3" "${region_args[@]}" \
      --password-stdin --db "$DB" >"$TMP/user-$1.out" 2>"$TMP/user-$1.err"; then
    return 0
  fi
  # a database kept from an earlier run: the account exists, set its password
  if printf '%s\n' "$TEST_PASSWORD" | "$BIN" user passwd "$1" --password-stdin --db "$DB" \
      >>"$TMP/user-$1.out" 2>>"$TMP/user-$1.err"; then
    log "user $1 existed; password reset"
    return 0
  fi
  cat "$TMP/user-$1.out" "$TMP/user-$1.err" >&2
  fatal "satupintu user add $1 --role $3 ${4:-} failed"
}
log "staff accounts tadmin ladmin padmin tfront tback tappr"
add_staff tadmin "Test Admin Sumedang" region_admin 32.11
add_staff ladmin "Test Admin Lampung Selatan" region_admin 18.01
add_staff padmin "Platform Admin" platform_admin
add_staff tfront "Test Front Office Sumedang" front_office 32.11
add_staff tback "Test Back Office Sumedang" back_office 32.11
add_staff tappr "Test Approver Sumedang" approver 32.11

PORT=$(free_port) || fatal "could not pick a free port"
BASE=http://127.0.0.1:$PORT

# The notification channels' other ends: an SMTP server and an SMS/WhatsApp webhook.
SMTP_PORT=$(free_port) || fatal "could not pick a free port"
HOOK_PORT=$(free_port) || fatal "could not pick a free port"
export SATUPINTU_SINK_LOG=$TMP/sinks.log
: >"$SATUPINTU_SINK_LOG"
node tests/api/sinks.mjs "$SMTP_PORT" "$HOOK_PORT" 2>"$TMP/sinks.err" &
SINK_PID=$!

log "serve on $BASE"
"$BIN" serve --db "$DB" --listen "127.0.0.1:$PORT" --data-dir "$TMP/data" --no-migrate --key-file "$KEY" \
  --smtp "127.0.0.1:$SMTP_PORT" --notify-webhook "http://127.0.0.1:$HOOK_PORT/send" --notify-interval 1 \
  --public-url "$BASE" >"$TMP/server.out" 2>"$TMP/server.err" &
SRV_PID=$!

wait_ready "$BASE"
log "ready"

# The suite, then the per-address login throttle (it locks 127.0.0.1 out of logging in).
export SATUPINTU_BASE_URL=$BASE SATUPINTU_BIN=$BIN
export SATUPINTU_TEST_PASSWORD=$TEST_PASSWORD SATUPINTU_TEST_SECRETS_FILE=$SECRETS
export SATUPINTU_TEST_RUN_ID=$(node -e 'process.stdout.write(require("crypto").randomBytes(3).toString("hex"))')
case "$DB" in
  sqlite:*) export SATUPINTU_TEST_SQLITE_PATH=${DB#sqlite:} ;;
  *) export SATUPINTU_TEST_PG_URL=$DB ;;
esac
PASS=0
FAIL=0
run_tap() { # WHAT TAPFILE ARGS...
  local what=$1 tap=$2
  shift 2
  timeout 900 node --test --test-reporter=tap --test-timeout=60000 "$@" 2>&1 | tee "$tap"
  local rc=${PIPESTATUS[0]} p f
  p=$(sed -n 's/^# pass \([0-9][0-9]*\)$/\1/p' "$tap" | tail -n1)
  f=$(sed -n 's/^# fail \([0-9][0-9]*\)$/\1/p' "$tap" | tail -n1)
  if [ -z "$p" ] || [ -z "$f" ]; then
    log "FAIL: no '# pass N' / '# fail N' summary in the TAP output of $what (node exit $rc)"
    p=${p:-0}
    f=$(( ${f:-0} + 1 ))
  fi
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
    log "FAIL: node --test ($what) exited $rc with no failing test"
    f=1
  fi
  PASS=$(( PASS + p ))
  FAIL=$(( FAIL + f ))
}
run_tap "tests/api/" "$TAP" tests/api/

# Server check: an online backup (SQLite) while the server keeps answering reads and
# writes (each login writes a session and an audit entry); the copy is consistent.
if [ "${DB#sqlite:}" != "$DB" ]; then
  (
    ok=0 bad=0
    for _ in $(seq 1 40); do
      code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
        -d "{\"login\":\"tadmin\",\"password\":\"$TEST_PASSWORD\"}" "$BASE/api/v1/auth/login")
      code2=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/api/v1/regions/32.11")
      if [ "$code" = 200 ] && [ "$code2" = 200 ]; then ok=$((ok + 1)); else bad=$((bad + 1)); fi
    done
    echo "$ok $bad" >"$TMP/load.count"
  ) &
  LOAD_PID=$!
  sleep 0.3
  "$BIN" backup --db "$DB" "$TMP/backup.db" >"$TMP/backup.out" 2>&1
  brc=$?
  wait "$LOAD_PID"
  read -r load_ok load_bad <"$TMP/load.count"
  integrity=$(sqlite3 -batch -noheader "$TMP/backup.db" 'PRAGMA integrity_check' 2>&1)
  regions=$(sqlite3 -batch -noheader "$TMP/backup.db" 'SELECT COUNT(*) FROM regions' 2>&1)
  if [ "$brc" -eq 0 ] && [ "$integrity" = ok ] && [ "$regions" = 91599 ] && [ "$load_bad" = 0 ] && [ "$load_ok" = 40 ]; then
    PASS=$(( PASS + 1 )); log "ok: online backup while serving (integrity ok, $regions regions, $load_ok/40 request pairs answered)"
  else
    FAIL=$(( FAIL + 1 ))
    log "FAIL: online backup: exit $brc, integrity '$integrity', regions '$regions', requests ok $load_ok bad $load_bad: $(head -c 300 "$TMP/backup.out")"
  fi
fi

run_tap "ip-throttle.late.mjs" "$TMP/late.tap" tests/api/ip-throttle.late.mjs
cat "$TMP/late.tap" >>"$TAP"

# Server check 1: SIGTERM -> exit 0 (within 15 s).
stop_server_checked

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

check() { # OK? MESSAGE
  if [ "$1" = ok ]; then log "ok: $2"; PASS=$(( PASS + 1 )); else log "FAIL: $2"; FAIL=$(( FAIL + 1 )); fi
}

# Server check 3: the audit chain verifies.
"$BIN" audit verify --db "$DB" >"$TMP/verify1.out" 2>&1
rc=$?
if [ "$rc" -eq 0 ] && grep -Eq 'audit chain ok: [1-9][0-9]* entries' "$TMP/verify1.out"; then
  check ok "audit verify: $(head -c 200 "$TMP/verify1.out")"
else
  check fail "audit verify exited $rc: $(head -c 500 "$TMP/verify1.out")"
fi

# Server check 4: a row changed behind the server's back breaks the chain at that entry;
# check 5: putting it back makes the chain verify again.
db_sql() { # SQL -> stdout, bare values
  case "$DB" in
    sqlite:*) sqlite3 -batch -noheader "${DB#sqlite:}" "$1" ;;
    *) psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$DB" -c "$1" ;;
  esac
}
TID=$(db_sql "SELECT MIN(id) FROM audit_log" 2>"$TMP/tamper.err" | tr -d '[:space:]')
TACTION=$(db_sql "SELECT action FROM audit_log WHERE id = (SELECT MIN(id) FROM audit_log)" 2>>"$TMP/tamper.err" | tr -d '[:space:]')
if ! printf '%s' "$TID" | grep -Eq '^[0-9]+$' || ! printf '%s' "$TACTION" | grep -Eq '^[A-Za-z0-9._-]+$'; then
  check fail "tamper: cannot read the first audit_log row (id '$TID', action '$TACTION'): $(head -c 300 "$TMP/tamper.err")"
  check fail "tamper: restore not attempted"
elif ! db_sql "UPDATE audit_log SET action = 'x' WHERE id = $TID" >/dev/null 2>>"$TMP/tamper.err"; then
  check fail "tamper: UPDATE audit_log failed: $(head -c 300 "$TMP/tamper.err")"
  check fail "tamper: restore not attempted"
else
  "$BIN" audit verify --db "$DB" >"$TMP/verify2.out" 2>&1
  rc=$?
  if [ "$rc" -eq 1 ] && grep -Eq "broken at entry $TID([^0-9]|\$)" "$TMP/verify2.out"; then
    check ok "audit verify after tampering with entry $TID: exit 1, $(head -c 200 "$TMP/verify2.out")"
  else
    check fail "audit verify after tampering with entry $TID (action '$TACTION' -> 'x'): expected exit 1 naming entry $TID, got exit $rc: $(head -c 500 "$TMP/verify2.out")"
  fi
  db_sql "UPDATE audit_log SET action = '$TACTION' WHERE id = $TID" >/dev/null 2>>"$TMP/tamper.err"
  "$BIN" audit verify --db "$DB" >"$TMP/verify3.out" 2>&1
  rc=$?
  if [ "$rc" -eq 0 ]; then
    check ok "audit verify after restoring entry $TID: exit 0"
  else
    check fail "audit verify after restoring entry $TID: exit $rc: $(head -c 300 "$TMP/verify3.out")"
  fi
fi

# Server checks 6-11: no secret the tests used appears in the server's logs, per kind.
cat "$TMP/server.out" "$TMP/server.err" >"$TMP/server.all" 2>/dev/null
for kind in nik phone email password session api_token; do
  awk -F '\t' -v k="$kind" '$1 == k && length($2) >= 6 { print $2 }' "$SECRETS" | sort -u >"$TMP/secrets.$kind"
  n=$(wc -l <"$TMP/secrets.$kind")
  if [ "$n" -eq 0 ]; then
    check fail "logs: the tests recorded no $kind values to look for"
    continue
  fi
  hits=$(grep -F -o -f "$TMP/secrets.$kind" "$TMP/server.all" | sort -u)
  if [ -z "$hits" ]; then
    check ok "logs: none of $n $kind values used by the tests appears in the server's stdout/stderr"
  else
    nh=$(printf '%s\n' "$hits" | wc -l)
    lines=$(grep -F -c -f "$TMP/secrets.$kind" "$TMP/server.all")
    check fail "logs: $nh of $n $kind values appear in the server's stdout/stderr ($lines lines), e.g. $(printf '%s\n' "$hits" | head -n 3 | cut -c1-6 | sed 's/$/…/' | tr '\n' ' ')"
    grep -F -n -f "$TMP/secrets.$kind" "$TMP/server.all" | head -n 3 | cut -c1-300 | sed 's/^/    | /' >&2
  fi
done

echo "$PASS $FAIL" >"$COUNT"
if [ "$FAIL" -ne 0 ] && [ -s "$TMP/server.err" ]; then
  echo "---- server stderr (last 40 lines) ----" >&2
  tail -n 40 "$TMP/server.err" >&2
fi
echo "api-$LABEL: $PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
