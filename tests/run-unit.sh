#!/usr/bin/env bash
# Run every Criterion unit-test binary in build/unit/ (built by `make unit`).
#
#   tests/run-unit.sh
#
# Each binary runs with --jobs 2 from the repository root; its output goes to
# build/test-results/unit-<name>.log. The counts come from Criterion's
# synthesis line ("[====] Synthesis: Tested: N | Passing: N | Failing: N |
# Crashing: N"); a binary that dies without printing one counts as one
# failure. Writes "PASS FAIL" (FAIL includes crashing) to
# build/test-results/unit.count and exits non-zero on any failure.
#
# The PostgreSQL tests (test_store_postgres) read SATUPINTU_TEST_PG_URL, set
# by the caller, e.g.:
#   PGURL=$(tests/pg/start.sh | tail -1) && SATUPINTU_TEST_PG_URL=$PGURL tests/run-unit.sh; tests/pg/stop.sh
# Without it they fail, on purpose.
# Env: UNIT_JOBS (default 2), UNIT_TIMEOUT (seconds per binary, default 120).
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
RESULTS=$ROOT/build/test-results
mkdir -p "$RESULTS"
COUNT=$RESULTS/unit.count
rm -f "$COUNT"
JOBS=${UNIT_JOBS:-2}
TIMEOUT=${UNIT_TIMEOUT:-120}

if [ -z "${SATUPINTU_TEST_PG_URL:-}" ]; then
  echo "run-unit: SATUPINTU_TEST_PG_URL is not set: the PostgreSQL store tests will fail" >&2
fi

shopt -s nullglob
bins=()
for b in build/unit/*; do
  [ -f "$b" ] && [ -x "$b" ] && bins+=("$b")
done
if [ ${#bins[@]} -eq 0 ]; then
  echo "run-unit: no test binaries in build/unit (run: make unit)" >&2
  echo "0 1" >"$COUNT"
  exit 1
fi

# Sanitizers: stop at the first error with a readable report; leaks count.
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:print_summary=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

total_pass=0
total_fail=0
for bin in "${bins[@]}"; do
  name=$(basename "$bin")
  log=$RESULTS/unit-$name.log
  start=$(date +%s.%N)
  timeout --kill-after=5 "$TIMEOUT" "$bin" --jobs "$JOBS" >"$log" 2>&1
  rc=$?
  secs=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
  # strip colour codes, then read the last synthesis line
  synth=$(sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -E '^\[=+\] Synthesis:' | tail -1)
  if [[ $synth =~ Tested:\ *([0-9]+)\ *\|\ *Passing:\ *([0-9]+)\ *\|\ *Failing:\ *([0-9]+)\ *\|\ *Crashing:\ *([0-9]+) ]]; then
    tested=${BASH_REMATCH[1]}
    passing=${BASH_REMATCH[2]}
    # Criterion counts a crashed test under Failing too (Tested = Passing +
    # Failing); take Tested - Passing so a crash is counted once, whatever
    # the version does.
    failing=$((tested - passing))
    [ "$failing" -lt "${BASH_REMATCH[3]}" ] && failing=${BASH_REMATCH[3]}
    # a binary that failed outside any test (exit code) without a failing test still counts once
    if [ "$failing" -eq 0 ] && [ "$rc" -ne 0 ]; then
      failing=1
    fi
  else
    tested=0
    passing=0
    failing=1
    synth="no synthesis line (exit $rc)"
  fi
  total_pass=$((total_pass + passing))
  total_fail=$((total_fail + failing))
  if [ "$failing" -eq 0 ]; then
    printf 'run-unit: PASS %-24s %3d tests in %ss\n' "$name" "$tested" "$secs"
  else
    printf 'run-unit: FAIL %-24s %3d passed, %d failed in %ss (log %s)\n' "$name" "$passing" "$failing" "$secs" \
      "${log#"$ROOT"/}"
    [ "$rc" -eq 124 ] && echo "    timed out after ${TIMEOUT}s"
    sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -E '^\[(FAIL|----)\]|ERROR: AddressSanitizer|runtime error|SUMMARY:' \
      | grep -vE '^\[----\] *$' | head -40 | sed 's/^/    /'
  fi
done

echo "$total_pass $total_fail" >"$COUNT"
echo "run-unit: $total_pass passed, $total_fail failed -> ${COUNT#"$ROOT"/}"
[ "$total_fail" -eq 0 ]
