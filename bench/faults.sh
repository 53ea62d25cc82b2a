#!/usr/bin/env bash
# Imports under random disk faults (libfiu's fiu-run, Debian's fiu-utils): reads,
# writes and syncs fail (not open or poll, which would stop Rust's own start-up),
# many times: each run must end with exit 0 or 1 (one error line, never a panic) and
# leave an intact database with all of the import or none of it.
# Usage: bench/faults.sh [RUNS] [PROBABILITY]   (defaults: 200 runs, p = 0.005)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-200}
p=${2:-0.005}
command -v fiu-run >/dev/null || { echo "fiu-run is missing: apt-get install fiu-utils" >&2; exit 2; }
command -v sqlite3 >/dev/null || { echo "sqlite3 is missing: apt-get install sqlite3" >&2; exit 2; }
cargo build --release --quiet --bin deals --example generate
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo run --release --quiet --example generate -- --out "$work/gen" --deals 5000 --articles 0 >/dev/null
deals=target/release/deals
ok=0; failed=0
for i in $(seq "$runs"); do
  rm -f "$work"/d.db*
  DEALS_DB="$work/d.db" "$deals" init --empty >/dev/null
  set +e
  DEALS_DB="$work/d.db" fiu-run -x -c "enable_random name=posix/io/rw/*,probability=$p" \
    -c "enable_random name=posix/io/sync/*,probability=$p" \
    "$deals" import "$work/gen/deals.csv" >/dev/null 2>"$work/err"
  code=$?
  set -e
  count=$(sqlite3 "$work/d.db" "SELECT count(*) FROM deals")
  check=$(sqlite3 "$work/d.db" "PRAGMA integrity_check")
  lines=$(wc -l <"$work/err")
  if [ "$check" != ok ]; then echo "run $i: integrity: $check" >&2; exit 1; fi
  case "$code" in
    0) [ "$count" = 5000 ] || { echo "run $i: exit 0 with $count deals" >&2; exit 1; }; ok=$((ok + 1)) ;;
    1) [ "$count" = 0 ] && [ "$lines" = 1 ] || { echo "run $i: exit 1, $count deals, $lines error lines" >&2; exit 1; }; failed=$((failed + 1)) ;;
    *) echo "run $i: exit $code: $(cat "$work/err")" >&2; exit 1 ;;
  esac
done
echo "$runs runs at p=$p: $ok imported whole, $failed refused with one error line, every database intact"
