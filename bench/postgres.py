#!/usr/bin/env python3
"""The benchmark on a PostgreSQL server: `deals` against the hand-written SQL run
by psql on the same server, beside `deals` on the SQLite file of the same data.

Usage: postgres.py DEALS_BINARY DATA_DIR WORK_DIR RUNS ADMIN_URL
(bench/run.sh --postgres ADMIN_URL calls it). ADMIN_URL names a user who may
create databases; the benchmark makes deals_bench and deals_bench_sql and
leaves them for a look. Every figure is a whole-process wall time: the median
of RUNS runs (the import: one). Peak memory is the client's.
"""
import os
import statistics
import subprocess
import sys
import time

BIN, DATA, WORK, RUNS, ADMIN = sys.argv[1:6]
RUNS = int(RUNS)
HERE = os.path.dirname(os.path.abspath(__file__))
ENV = dict(os.environ, NO_COLOR="1")


def url_of(db):
    base, _, query = ADMIN.partition("?")
    base = base.rsplit("/", 1)[0] + "/" + db
    return base + ("?" + query if query else "")


def run(cmd, stdin=None):
    timed = ["/usr/bin/time", "-f", "%M"] + cmd
    start = time.perf_counter()
    proc = subprocess.run(timed, stdin=stdin, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, env=ENV)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{proc.stderr.decode()[-2000:]}")
    return elapsed, int(proc.stderr.decode().strip().splitlines()[-1])


def median_of(cmd, runs):
    times, peak = [], 0
    for _ in range(runs):
        t, rss = run(cmd)
        times.append(t)
        peak = max(peak, rss)
    return statistics.median(times), peak


def psql(url, sql):
    return ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", url, "-c", sql]


def fresh(name):
    subprocess.run(psql(ADMIN, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"), check=True)
    subprocess.run(psql(ADMIN, f"CREATE DATABASE {name}"), check=True)
    url = url_of(name)
    subprocess.run([BIN, "--db", url, "init", "--empty"], check=True, stdout=subprocess.DEVNULL)
    subprocess.run([BIN, "--db", url, "import", os.path.join(DATA, "articles.json")],
                   check=True, stdout=subprocess.DEVNULL, env=ENV)
    return url


def fmt(seconds):
    return f"{seconds * 1000:.1f} ms" if seconds < 10 else f"{seconds:.1f} s"


def main():
    csv_path = os.path.join(DATA, "deals.csv")
    print("loading the articles into two databases (not timed)...", file=sys.stderr)
    ours, plain = fresh("deals_bench"), fresh("deals_bench_sql")
    rows = []
    t, m = run([BIN, "--db", ours, "import", csv_path])
    script = open(os.path.join(HERE, "import-postgres.sql")).read().replace("{CSV}", csv_path)
    path = os.path.join(WORK, "import-postgres-run.sql")
    with open(path, "w") as f:
        f.write(script)
    ts, ms = run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", plain, "-f", path])
    rows.append(("import deals.csv vs COPY + set-wise inserts", t, None, ts, m, 1.5))

    out = subprocess.run(["psql", "-X", "-At", ours, "-c",
                          "SELECT (SELECT count(*) FROM deals), "
                          "(SELECT c.name FROM companies c JOIN deal_parties p ON p.company_id = c.id "
                          " GROUP BY c.id ORDER BY count(*) DESC, c.id LIMIT 1), "
                          "(SELECT slug FROM deals ORDER BY id DESC LIMIT 1)"],
                         check=True, capture_output=True, text=True).stdout.strip()
    n_deals, company, slug = out.split("|")
    company_sql = company.replace("'", "''")
    lite = os.path.join(WORK, "deals.db")
    lite = lite if os.path.exists(lite) else None
    ops = [
        ("report --by quarter", ["report", "--by", "quarter", "--format", "json"],
         "SELECT to_char(announced_on::date, 'YYYY') || '-Q' || to_char(announced_on::date, 'Q') AS q, "
         "value_currency, count(*), sum(value_amount) FROM deals WHERE status <> 'cancelled' "
         "GROUP BY q, value_currency ORDER BY q"),
        ("report --by none --group company --top 20",
         ["report", "--by", "none", "--group", "company", "--top", "20", "--format", "json"],
         "SELECT c.name, d.value_currency, count(DISTINCT d.id), sum(d.value_amount) "
         "FROM deal_parties p JOIN deals d ON d.id = p.deal_id JOIN companies c ON c.id = p.company_id "
         "WHERE d.status <> 'cancelled' GROUP BY c.id, d.value_currency "
         "ORDER BY sum(d.value_amount) DESC NULLS LAST LIMIT 20"),
        ("list --company X --limit 20", ["list", "--company", company, "--limit", "20"],
         "SELECT d.id, d.slug, d.announced_on, d.value_amount, d.value_currency FROM deals d "
         "WHERE d.id IN (SELECT deal_id FROM deal_parties WHERE company_id = "
         f"(SELECT company_id FROM company_aliases WHERE alias = '{company_sql}')) "
         "ORDER BY d.announced_on DESC LIMIT 20"),
        ("show SLUG", ["show", slug],
         f"SELECT * FROM deals WHERE slug = '{slug}'"),
        ("list --format csv (every deal)", ["list", "--format", "csv"],
         "SELECT * FROM deal_overview"),
        ("export --format json", ["export", "--format", "json"], None),
    ]
    for name, args, sql in ops:
        runs = 1 if "every deal" in name or "export" in name else RUNS
        t, m = median_of([BIN, "--db", ours, *args], runs)
        tl = median_of([BIN, "--db", lite, *args], runs)[0] if lite else None
        ts = median_of(psql(ours, sql), runs)[0] if sql else None
        target = 2.0 if name.startswith(("report", "list --company", "show")) else None
        rows.append((name, t, tl, ts, m, target))

    print(f"\n{int(n_deals):,} deals on PostgreSQL; medians of {RUNS} whole-process runs "
          f"(the import and the whole-table commands: one)\n")
    print("| operation | deals on PostgreSQL | deals on SQLite | hand-written SQL (psql) "
          "| vs SQLite | vs SQL | client peak RSS |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, t, tl, ts, m, _ in rows:
        vs_lite = f"{t / tl:.2f}" if tl else "—"
        vs_sql = f"{t / ts:.2f}" if ts else "—"
        print(f"| {name} | {fmt(t)} | {fmt(tl) if tl else '—'} | {fmt(ts) if ts else '—'} "
              f"| {vs_lite} | {vs_sql} | {m / 1024:.0f} MiB |")


if __name__ == "__main__":
    main()
