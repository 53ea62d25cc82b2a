#!/usr/bin/env bash
# Long runs of the property tests (tests/properties/, the `properties` test target):
# the same targets `cargo test` runs a few hundred cases of, here PROPTEST_CASES each
# (default 200000), one target at a time, in release mode. Failures are kept in
# tests/proptest-regressions/ and replayed first by every later `cargo test`.
#
#   fuzz/run.sh                 every target
#   fuzz/run.sh money fts       only these targets (money date term slug document fts)
#   PROPTEST_CASES=5000 fuzz/run.sh document
set -euo pipefail
cd "$(dirname "$0")/.."

cases="${PROPTEST_CASES:-200000}"
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(money date term slug document fts)
fi

echo "Building the property tests (release)..."
cargo test --release --test properties --no-run --quiet

status=0
for target in "${targets[@]}"; do
    echo
    echo "== ${target}: ${cases} cases per property"
    # Print the properties first, so the log says what ran.
    cargo test --release --test properties --quiet "${target}::" -- --list 2>/dev/null | grep ': test$' | sed 's/: test$//; s/^/   /'
    start=$(date +%s)
    if PROPTEST_CASES="$cases" cargo test --release --test properties --quiet "${target}::" -- --test-threads=2; then
        echo "== ${target}: passed in $(( $(date +%s) - start ))s"
    else
        echo "== ${target}: FAILED after $(( $(date +%s) - start ))s (see tests/proptest-regressions/${target}.txt)"
        status=1
    fi
done
exit $status
