#!/usr/bin/env bash
# Fuzz smoke: run every libFuzzer binary in build/fuzz/ for a fixed number of runs.
#
#   tests/run-fuzz.sh [RUNS]      (default 2000; `make fuzz` passes FUZZ_RUNS)
#
# Each target starts from a temp copy of tests/fuzz/corpus/<target>/ (so the
# committed corpus never grows) with -max_len=4096. A target passes when it
# exits 0. Per-target logs and any crash artifacts go to build/test-results/
# (fuzz-<target>.log, fuzz-artifacts/<target>/). Writes "PASS FAIL" to
# build/test-results/fuzz.count and exits non-zero when any target failed
# (crash, leak, timeout, sanitizer report) or when there is nothing to run.
# Env: FUZZ_TIMEOUT (seconds per input, default 10), FUZZ_MAX_TOTAL_TIME
# (seconds per target, default 0 = no limit).
set -uo pipefail

RUNS=${1:-2000}
case "$RUNS" in ''|*[!0-9]*) echo "usage: $0 [RUNS]" >&2; exit 2 ;; esac

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
RESULTS=$ROOT/build/test-results
mkdir -p "$RESULTS"
COUNT=$RESULTS/fuzz.count
rm -f "$COUNT"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/satupintu-fuzz.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

shopt -s nullglob
bins=()
for b in build/fuzz/*; do
  [ -f "$b" ] && [ -x "$b" ] && bins+=("$b")
done
if [ ${#bins[@]} -eq 0 ]; then
  echo "run-fuzz: no fuzz binaries in build/fuzz (run: make fuzz-bins)" >&2
  echo "0 1" >"$COUNT"
  exit 1
fi

pass=0
fail=0
for bin in "${bins[@]}"; do
  name=$(basename "$bin")
  corpus=$TMP/$name
  mkdir -p "$corpus"
  if [ -d "tests/fuzz/corpus/$name" ]; then
    cp -R "tests/fuzz/corpus/$name/." "$corpus/"
  else
    echo "run-fuzz: warning: no seed corpus tests/fuzz/corpus/$name" >&2
  fi
  artifacts=$RESULTS/fuzz-artifacts/$name
  rm -rf "$artifacts"
  mkdir -p "$artifacts"
  log=$RESULTS/fuzz-$name.log
  start=$(date +%s.%N)
  "$bin" -runs="$RUNS" -max_len=4096 -timeout="${FUZZ_TIMEOUT:-10}" \
    -max_total_time="${FUZZ_MAX_TOTAL_TIME:-0}" -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$artifacts/" "$corpus" >"$log" 2>&1
  rc=$?
  secs=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  if [ $rc -eq 0 ]; then
    pass=$((pass + 1))
    rmdir "$artifacts" 2>/dev/null || true
    printf 'run-fuzz: PASS %-20s %s runs in %ss\n' "$name" "${execs:-?}" "$secs"
  else
    fail=$((fail + 1))
    printf 'run-fuzz: FAIL %-20s exit %d after %ss (log %s)\n' "$name" "$rc" "$secs" "${log#"$ROOT"/}"
    # the sanitizer's or libFuzzer's own summary, and what input did it
    grep -E 'ERROR: |SUMMARY: |runtime error|Test unit written to|==[0-9]+== ?ERROR' "$log" | head -8 | sed 's/^/    /'
    for a in "$artifacts"/*; do
      [ -f "$a" ] && echo "    reproduce: $bin ${a#"$ROOT"/}"
    done
  fi
done

echo "$pass $fail" >"$COUNT"
echo "run-fuzz: $pass passed, $fail failed (runs=$RUNS) -> ${COUNT#"$ROOT"/}"
[ "$fail" -eq 0 ]
