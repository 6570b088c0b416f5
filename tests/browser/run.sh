#!/usr/bin/env bash
# Browser suite: playwright-core driving Debian's chromium against a real satupintu server.
#
#   tests/browser/run.sh            (builds nothing)
#
# Env: SATUPINTU_BIN (default build/satupintu), SATUPINTU_READY_TIMEOUT (seconds, default 30),
#      CHROMIUM_PATH (default /usr/bin/chromium).
# Steps: a temp dir; keygen, migrate, import-regions, seed-demo; users tadmin (region_admin
# of 32.11), padmin (platform_admin) and the officers of 32.11 tfront (front_office), tback
# (back_office), tappr (approver) with known passwords via --password-stdin; serve on
# a free 127.0.0.1 port (SQLite); node --test (TAP) on tests/browser/ with
# SATUPINTU_BASE_URL and the admin credentials; SIGTERM (expect exit 0).
# Writes "PASS FAIL" to build/test-results/browser.count (TAP counts + the clean-shutdown
# check), the TAP to browser.tap, server logs to browser.server.log, screenshots to
# build/test-results/screenshots/. Exits non-zero on any failure. A missing chromium or a
# server that does not start is a failure, never a skip.
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
. "$ROOT/tests/lib.sh"
BIN=${SATUPINTU_BIN:-build/satupintu}
case "$BIN" in /*) ;; *) BIN=$ROOT/$BIN ;; esac
READY_TIMEOUT=${SATUPINTU_READY_TIMEOUT:-30}
CHROMIUM=${CHROMIUM_PATH:-/usr/bin/chromium}
RESULTS=$ROOT/build/test-results
mkdir -p "$RESULTS"
COUNT=$RESULTS/browser.count
TAP=$RESULTS/browser.tap
SRVLOG=$RESULTS/browser.server.log
rm -f "$COUNT" "$TAP" "$SRVLOG"
rm -rf "$RESULTS/screenshots"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/satupintu-browser.XXXXXX")
SRV_PID=
log() { echo "browser/run: $*" >&2; }

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

# Setup failure: say what, count it as one failed test, exit 1.
fatal() {
  log "FAIL: $*"
  if [ -s "$TMP/server.err" ]; then
    echo "---- server stderr ----" >&2
    tail -n 60 "$TMP/server.err" >&2
    echo "-----------------------" >&2
  fi
  echo "0 1" >"$COUNT"
  echo "browser: 0 passed, 1 failed"
  exit 1
}

# Run a setup command quietly; on failure show its output and stop.
step() {
  local what=$1
  shift
  if ! "$@" >"$TMP/step.out" 2>&1; then
    cat "$TMP/step.out" >&2
    fatal "$what failed: $*"
  fi
}

[ -x "$BIN" ] || fatal "binary $BIN not found or not executable (run make build, or set SATUPINTU_BIN)"
command -v node >/dev/null || fatal "node not found"
[ -x "$CHROMIUM" ] || fatal "chromium not found at $CHROMIUM (Debian: apt-get install chromium)"
"$CHROMIUM" --version >/dev/null 2>&1 || fatal "$CHROMIUM does not run"
for m in playwright-core axe-core htm; do
  [ -d "$ROOT/node_modules/$m" ] || fatal "node_modules/$m missing (run npm ci at the repo root)"
done
DATA_SRC=$ROOT/node_modules/idn-area-data/data
[ -f "$DATA_SRC/provinces.csv" ] || fatal "$DATA_SRC missing (run npm ci at the repo root)"
[ -f "$ROOT/web/index.html" ] || fatal "web/index.html missing"

DB="sqlite:$TMP/satupintu.db"
KEY=$TMP/data/satupintu.key
mkdir -p "$TMP/data"
TADMIN_PASSWORD="tadmin-$(node -e 'process.stdout.write(require("crypto").randomBytes(9).toString("base64url"))')"
PADMIN_PASSWORD="padmin-$(node -e 'process.stdout.write(require("crypto").randomBytes(9).toString("base64url"))')"

# Every command finds the key file and data directory of this run.
export SATUPINTU_DATA_DIR=$TMP/data SATUPINTU_KEY_FILE=$KEY
log "setting up $TMP"
step keygen "$BIN" keygen --key-file "$KEY"
step migrate "$BIN" migrate --db "$DB"
step import-regions "$BIN" import-regions "$DATA_SRC" --db "$DB"
step seed-demo "$BIN" seed-demo --db "$DB"
printf '%s\n' "$TADMIN_PASSWORD" >"$TMP/tadmin.pw"
printf '%s\n' "$PADMIN_PASSWORD" >"$TMP/padmin.pw"
step "user add tadmin" "$BIN" user add tadmin --name "Test Admin" --role region_admin --region 32.11 \
  --password-stdin --db "$DB" <"$TMP/tadmin.pw"
step "user add padmin" "$BIN" user add padmin --name "Platform Admin" --role platform_admin \
  --password-stdin --db "$DB" <"$TMP/padmin.pw"
rm -f "$TMP/tadmin.pw" "$TMP/padmin.pw"
# Officers of 32.11 for the application workflow: front office, back office, approver.
STAFF_PASSWORD="staff-$(node -e 'process.stdout.write(require("crypto").randomBytes(9).toString("base64url"))')"
printf '%s\n' "$STAFF_PASSWORD" >"$TMP/staff.pw"
step "user add tfront" "$BIN" user add tfront --name "Test Front Office" --role front_office --region 32.11 \
  --password-stdin --db "$DB" <"$TMP/staff.pw"
step "user add tback" "$BIN" user add tback --name "Test Back Office" --role back_office --region 32.11 \
  --password-stdin --db "$DB" <"$TMP/staff.pw"
step "user add tappr" "$BIN" user add tappr --name "Test Approver" --role approver --region 32.11 \
  --password-stdin --db "$DB" <"$TMP/staff.pw"
rm -f "$TMP/staff.pw"

PORT=$(free_port) || fatal "could not pick a free port"
BASE=http://127.0.0.1:$PORT

SERVE_ARGS=(serve --db "$DB" --listen "127.0.0.1:$PORT" --data-dir "$TMP/data" --key-file "$KEY" --no-migrate)
if "$BIN" serve --help 2>&1 | grep -q -- '--web-dir'; then SERVE_ARGS+=(--web-dir "$ROOT/web"); fi
log "serve on $BASE"
"$BIN" "${SERVE_ARGS[@]}" >"$TMP/server.out" 2>"$TMP/server.err" &
SRV_PID=$!

wait_ready "$BASE"
# The web app must be served too, or every browser test would fail for one reason.
node -e '
  fetch(process.argv[1] + "/").then(async r => {
    const t = await r.text();
    if (r.status !== 200 || !/<script type="module"/.test(t) || /\{\{(STATIC|VENDOR)\}\}/.test(t)) {
      console.error(`GET / -> ${r.status}: ${t.slice(0, 300)}`); process.exit(1);
    }
  }, e => { console.error(String(e)); process.exit(1); });' "$BASE" \
  || fatal "GET $BASE/ does not serve web/index.html with its placeholders replaced"
log "ready"

SATUPINTU_BASE_URL=$BASE \
SATUPINTU_TADMIN_USER=tadmin SATUPINTU_TADMIN_PASSWORD=$TADMIN_PASSWORD \
SATUPINTU_PADMIN_USER=padmin SATUPINTU_PADMIN_PASSWORD=$PADMIN_PASSWORD \
SATUPINTU_STAFF_PASSWORD=$STAFF_PASSWORD \
CHROMIUM_PATH=$CHROMIUM \
  timeout 900 node --test --test-reporter=tap --test-timeout=180000 --test-concurrency=1 tests/browser/ 2>&1 | tee "$TAP"
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
if [ "$PASS" -eq 0 ] && [ "$FAIL" -eq 0 ]; then
  log "FAIL: no test ran"
  FAIL=1
fi

# Clean shutdown: SIGTERM -> exit 0 within 15 s.
stop_server_checked

echo "$PASS $FAIL" >"$COUNT"
if [ "$FAIL" -ne 0 ] && [ -s "$TMP/server.err" ]; then
  echo "---- server stderr (last 40 lines) ----" >&2
  tail -n 40 "$TMP/server.err" >&2
fi
echo "browser: $PASS passed, $FAIL failed (screenshots in build/test-results/screenshots/)"
[ "$FAIL" -eq 0 ]
