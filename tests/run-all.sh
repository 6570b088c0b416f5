#!/usr/bin/env bash
# `make test`: every suite, in order, against real components.
#   1. Criterion unit tests (ASan + UBSan), store tests on SQLite and on a real PostgreSQL 15
#   2. black-box API tests against the ASan server, on SQLite and on PostgreSQL
#   3. browser tests: playwright-core driving Debian's chromium against the ASan server
#   4. libFuzzer smoke runs of each fuzz target
# PostgreSQL is started in a temporary directory by tests/pg/start.sh and stopped at the end.
# A suite that cannot start counts as failed; nothing is skipped. The last line is
# "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
RESULTS=build/test-results
rm -rf "$RESULTS"
mkdir -p "$RESULTS"

PG_STARTED=0
cleanup() {
  if [ "$PG_STARTED" = 1 ]; then tests/pg/stop.sh >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

# A setup step that fails counts as one failed test of its suite.
setup_failed() {
  echo "!! $1: $2" >&2
  echo "0 1" >"$RESULTS/$1.count"
}

echo "==> starting PostgreSQL (tests/pg/start.sh)"
PG_URL=
if out=$(tests/pg/start.sh 2>"$RESULTS/pg-start.log"); then
  PG_STARTED=1
  PG_URL=$(printf '%s\n' "$out" | tail -n 1)
  echo "    $PG_URL"
else
  cat "$RESULTS/pg-start.log" >&2
  setup_failed postgres "PostgreSQL could not be started; the PostgreSQL suites cannot run"
fi

# Separate databases so the unit tests' tables never meet the API suite's data.
PG_UNIT_URL=
PG_API_URL=
if [ -n "$PG_URL" ]; then
  base=${PG_URL%/*}
  for db in satupintu_unit satupintu_api; do
    psql -q "$PG_URL" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null ||
      setup_failed "pg-$db" "cannot create database $db"
  done
  PG_UNIT_URL=$base/satupintu_unit
  PG_API_URL=$base/satupintu_api
fi

export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=0:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

echo "==> unit tests (Criterion, ASan + UBSan)"
SATUPINTU_TEST_PG_URL=$PG_UNIT_URL tests/run-unit.sh || true
[ -f "$RESULTS/unit.count" ] || setup_failed unit "the unit runner wrote no result"

echo "==> API tests on SQLite"
SATUPINTU_BIN=build/asan/satupintu tests/api/run.sh sqlite: sqlite || true
[ -f "$RESULTS/api-sqlite.count" ] || setup_failed api-sqlite "the API runner wrote no result"

echo "==> API tests on PostgreSQL"
if [ -n "$PG_API_URL" ]; then
  SATUPINTU_BIN=build/asan/satupintu tests/api/run.sh "$PG_API_URL" postgres || true
  [ -f "$RESULTS/api-postgres.count" ] || setup_failed api-postgres "the API runner wrote no result"
else
  setup_failed api-postgres "no PostgreSQL"
fi

echo "==> crash test (SIGKILL while clients submit) on SQLite and PostgreSQL"
SATUPINTU_BIN=build/asan/satupintu tests/crash/run.sh sqlite: sqlite || true
[ -f "$RESULTS/crash-sqlite.count" ] || setup_failed crash-sqlite "the crash runner wrote no result"
if [ -n "$PG_URL" ]; then
  SATUPINTU_BIN=build/asan/satupintu tests/crash/run.sh "$PG_URL" postgres || true
  [ -f "$RESULTS/crash-postgres.count" ] || setup_failed crash-postgres "the crash runner wrote no result"
else
  setup_failed crash-postgres "no PostgreSQL"
fi

echo "==> browser tests (playwright-core + Debian chromium, SQLite)"
SATUPINTU_BIN=build/asan/satupintu tests/browser/run.sh || true
[ -f "$RESULTS/browser.count" ] || setup_failed browser "the browser runner wrote no result"

echo "==> fuzz smoke (libFuzzer, ${FUZZ_RUNS:-20000} runs per target)"
tests/run-fuzz.sh "${FUZZ_RUNS:-20000}" || true
[ -f "$RESULTS/fuzz.count" ] || setup_failed fuzz "the fuzz runner wrote no result"

pass=0
fail=0
echo
echo "==> summary"
for f in "$RESULTS"/*.count; do
  read -r p q <"$f"
  printf '    %-16s %5d passed, %d failed\n' "$(basename "$f" .count)" "$p" "$q"
  pass=$((pass + p))
  fail=$((fail + q))
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
