#!/usr/bin/env bash
# The benchmark: builds deals in release mode, generates a deterministic data set
# (bench/generate.rs, a cargo example that is not part of the shipped binary),
# and prints, for each operation, the median of several whole-process runs of
# `deals` and of plain `sqlite3` running the SQL a user would write by hand on the
# same database file, with their ratio. Also peak memory and size per deal.
#
#   bench/run.sh                 # 1,000,000 deals (about 10 minutes on 2 cores)
#   DEALS=100000 bench/run.sh    # a quicker run
#   bench/run.sh --postgres postgres://USER@HOST/DB
#                                # the same data on a PostgreSQL server (bench/postgres.py),
#                                # beside the SQLite figures of an earlier run in WORK
set -euo pipefail

POSTGRES=
if [ "${1:-}" = "--postgres" ]; then
    POSTGRES=${2:?--postgres needs an admin URL: a user who may create databases}
fi
cd "$(dirname "$0")/.."

DEALS=${DEALS:-1000000}
COMPANIES=${COMPANIES:-10000}
ARTICLES=${ARTICLES:-$((DEALS / 10))}
RUNS=${RUNS:-5}
WORK=${WORK:-bench/work}

need() { command -v "$1" >/dev/null 2>&1; }
if ! need sqlite3 || ! [ -x /usr/bin/time ]; then
    echo "installing sqlite3 and time..." >&2
    (apt-get update -qq && apt-get install -y -qq sqlite3 time) >/dev/null 2>&1 \
        || sudo sh -c 'apt-get update -qq && apt-get install -y -qq sqlite3 time' >/dev/null
fi

cargo build --release --quiet --bin deals --example generate
BIN=$PWD/target/release/deals
mkdir -p "$WORK"
DATA=$WORK/data-$DEALS
if [ ! -f "$DATA/deals.csv" ]; then
    echo "generating $DEALS deals, $COMPANIES companies, $ARTICLES articles..." >&2
    cargo run --release --quiet --example generate -- --out "$DATA" --deals "$DEALS" --companies "$COMPANIES" --articles "$ARTICLES" >&2
fi

if [ -n "$POSTGRES" ]; then
    exec python3 bench/postgres.py "$BIN" "$DATA" "$WORK" "$RUNS" "$POSTGRES"
fi
exec python3 bench/measure.py "$BIN" "$DATA" "$WORK" "$RUNS"
