#!/usr/bin/env bash
# Runs the test suite N times in a row (default 20) and stops at the first failing run, keeping
# its whole output: flaky tests are defects, and this is how to show one is gone (or catch it).
#   bash scripts/test-loop.sh [N] [FILTER...]     # FILTER: substrings of test file paths, as npm test
# Builds once, then runs the compiled suite N times. Logs go to $MESHC_LOOP_LOGS (default: a new
# temporary directory); the summary line of every run is printed as it ends.
set -uo pipefail
cd "$(dirname "$0")/.."
n=${1:-20}
[ $# -gt 0 ] && shift
logs=${MESHC_LOOP_LOGS:-$(mktemp -d -t meshc-loop.XXXXXX)}
mkdir -p "$logs"
npx tsc -p tsconfig.json || exit 1
echo "test loop: $n runs, logs in $logs"
for i in $(seq 1 "$n"); do
  start=$(date +%s)
  MESHC_TEST_REPORTER=spec node dist/scripts/run-tests.js "$@" >"$logs/run-$i.log" 2>&1
  rc=$?
  pass=$(grep -E '^ℹ pass ' "$logs/run-$i.log" | awk '{print $3}')
  fail=$(grep -E '^ℹ fail ' "$logs/run-$i.log" | awk '{print $3}')
  echo "run $i/$n: exit $rc, ${pass:-?} passed, ${fail:-?} failed, $(( $(date +%s) - start )) s"
  if [ "$rc" -ne 0 ]; then
    echo "run $i failed; its failing tests:"
    grep -E '^\s*✖' "$logs/run-$i.log" | head -20
    echo "full output: $logs/run-$i.log"
    exit 1
  fi
done
echo "all $n runs passed"
