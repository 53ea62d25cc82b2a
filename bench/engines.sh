#!/usr/bin/env bash
# The same answers from both engines on real, messy data: imports the Crunchbase
# acquisitions file (CC BY-NC, not part of the project; give its path) into a new
# SQLite file and a new PostgreSQL database, then compares the JSON of the reads
# (timestamps masked). Search is listed but expected to differ in order: SQLite
# ranks by bm25, PostgreSQL by ts_rank_cd (README, Team mode).
#
#   bench/engines.sh ../shared/data/realdeals/acquisitions.csv postgres://postgres@127.0.0.1:5432/postgres
set -euo pipefail
cd "$(dirname "$0")/.."
CSV=${1:?the Crunchbase acquisitions.csv}
ADMIN=${2:?an admin URL of a PostgreSQL server}
cargo build --release --quiet --bin deals
D=$PWD/target/release/deals
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
base=${ADMIN%%\?*}
PG=${base%/*}/deals_engines
psql -X -q "$ADMIN" -c "DROP DATABASE IF EXISTS deals_engines WITH (FORCE)" -c "CREATE DATABASE deals_engines"
LITE=$WORK/lite.db
MAP=(--map party:target=company_name --map party:acquirer=acquirer_name
     --map announced_on=acquired_at --map value_amount=price_amount
     --map value_currency=price_currency_code --set kind=acquisition --set status=completed
     --skip-errors)
for db in "$LITE" "$PG"; do
    "$D" --db "$db" init --empty >/dev/null
    /usr/bin/time -f "import on ${db##*/}: %e s, %M KiB" \
        "$D" --db "$db" import "$CSV" "${MAP[@]}" --rejects "$WORK/rejects-${db##*/}.csv" >/dev/null
done
cmp "$WORK/rejects-lite.db.csv" "$WORK/rejects-deals_engines.csv" && echo "same rejects"
mask() { sed -E 's/"(created_at|updated_at|added_at|changed_at)": "[^"]*"/"\1": "T"/g'; }
status=0
for args in "list" "export" "history --limit 200" "report --by year" "report --by year --currency USD" \
            "report --group company --top 20" "report --spread --by year" "check" "timeline" \
            "company show Google" "search acquires"; do
    # shellcheck disable=SC2086
    if cmp -s <("$D" --db "$LITE" -f json $args | mask) <("$D" --db "$PG" -f json $args | mask); then
        echo "same:   deals $args"
    else
        echo "differ: deals $args"
        [[ $args == search* ]] || status=1
    fi
done
exit $status
