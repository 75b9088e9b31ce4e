#!/usr/bin/env bash
# Runs the whole lit suite (IR tests and the GoogleTest unit tests) and ends
# with one summary line "check: N passed, N failed".
set -uo pipefail
build=${1:-build}
ninja -C "$build" hnn-test-depends >/dev/null || exit 1
log=$(mktemp)
trap 'rm -f "$log"' EXIT
/usr/lib/llvm-22/bin/lit -sv "$build/test" "$build/test/unit" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
passed=$(grep -oE '^ *Passed *: *[0-9]+' "$log" | grep -oE '[0-9]+$' || echo 0)
failed=0
for k in Failed Unresolved 'Timed Out' 'Unexpectedly Passed'; do
  n=$(grep -oE "^ *$k *: *[0-9]+" "$log" | grep -oE '[0-9]+$' || true)
  failed=$((failed + ${n:-0}))
done
echo "check: ${passed:-0} passed, ${failed} failed"
exit "$rc"
