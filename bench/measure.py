#!/usr/bin/env python3
"""Times `deals` against plain `sqlite3` on the same database file; prints one table.

Usage: measure.py DEALS_BINARY DATA_DIR WORK_DIR RUNS (bench/run.sh calls it).
Every figure is a whole-process wall time: the median of RUNS runs (imports: of
IMPORT_ROUNDS, default 2). ONLY=WORD keeps the operations whose name holds WORD.
"""
import glob
import os
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time

BIN, DATA, WORK, RUNS = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
HERE = os.path.dirname(os.path.abspath(__file__))
ENV = dict(os.environ, NO_COLOR="1")


def run(cmd, stdin=None):
    """Runs a command, returns (seconds, peak RSS in KiB), fails loudly."""
    timed = ["/usr/bin/time", "-f", "%M"] + cmd
    start = time.perf_counter()
    proc = subprocess.run(timed, stdin=stdin, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, env=ENV)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{proc.stderr.decode()[-2000:]}")
    rss = int(proc.stderr.decode().strip().splitlines()[-1])
    return elapsed, rss


def median_of(cmd, runs, stdin_file=None):
    times, peak = [], 0
    for _ in range(runs):
        f = open(stdin_file) if stdin_file else None
        t, rss = run(cmd, f)
        if f:
            f.close()
        times.append(t)
        peak = max(peak, rss)
    return statistics.median(times), peak


def deals(db, *args):
    return [BIN, "--db", db, *args]


def sqlite(db, sql):
    return ["sqlite3", db, sql]


def fresh(base, name):
    path = os.path.join(WORK, name)
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    shutil.copy(base, path)
    return path


def main():
    # The articles of this data set, loaded once per set.
    base = os.path.join(WORK, f"base-{os.path.basename(DATA)}.db")
    if not os.path.exists(base):
        subprocess.run(deals(base, "init", "--empty"), check=True, stdout=subprocess.DEVNULL)
        print("loading the articles (not timed)...", file=sys.stderr)
        subprocess.run(deals(base, "import", os.path.join(DATA, "articles.json")),
                       check=True, stdout=subprocess.DEVNULL, env=ENV)
        con = sqlite3.connect(base)
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        con.close()
    csv_path = os.path.join(DATA, "deals.csv")
    rows = []

    # Import: deals import vs .import into a staging table + INSERT ... SELECT.
    import_sql = open(os.path.join(HERE, "import.sql")).read().replace("{CSV}", csv_path)
    script = os.path.join(WORK, "import-run.sql")
    with open(script, "w") as f:
        f.write(import_sql)
    t_deals, m_deals, t_sql, m_sql = [], 0, [], 0
    rounds = int(os.environ.get("IMPORT_ROUNDS", "2"))
    for i in range(rounds):
        db = fresh(base, "deals.db")
        t, m = run(deals(db, "import", csv_path))
        t_deals.append(t)
        m_deals = max(m_deals, m)
        plain = fresh(base, "sqlite.db")
        with open(script) as f:
            t, m = run(["sqlite3", plain], f)
        t_sql.append(t)
        m_sql = max(m_sql, m)
    rows.append(("import deals.csv", statistics.median(t_deals), statistics.median(t_sql), m_deals, m_sql))

    # The physical limit: the same load set-wise, triggers' work done set-wise too.
    limit_sql = (open(os.path.join(HERE, "bulk-limit.sql")).read()
                 .replace("{CSV}", csv_path)
                 .replace("{TRIGGERS}", os.path.join(WORK, "triggers.sql")))
    limit_script = os.path.join(WORK, "bulk-limit-run.sql")
    with open(limit_script, "w") as f:
        f.write(limit_sql)
    t_limit, m_limit = [], 0
    for i in range(rounds):
        plain = fresh(base, "limit.db")
        with open(limit_script) as f:
            t, m = run(["sqlite3", plain], f)
        t_limit.append(t)
        m_limit = max(m_limit, m)
    rows.append(("import deals.csv vs the set-wise limit (bulk-limit.sql)",
                 statistics.median(t_deals), statistics.median(t_limit), m_deals, m_limit))

    db = os.path.join(WORK, "deals.db")
    con = sqlite3.connect(db)
    n_deals = con.execute("SELECT count(*) FROM deals").fetchone()[0]
    company = con.execute(
        "SELECT c.name FROM companies c JOIN deal_parties p ON p.company_id = c.id "
        "GROUP BY c.id ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
    slug = con.execute("SELECT slug FROM deals ORDER BY id DESC LIMIT 1").fetchone()[0]
    con.close()
    company_sql = company.replace("'", "''")

    ops = [
        ("report --by quarter", deals(db, "report", "--by", "quarter", "--format", "json"),
         "SELECT strftime('%Y', announced_on) || '-Q' || ((strftime('%m', announced_on) + 2) / 3) AS q, "
         "value_currency, count(*), sum(value_amount) FROM deals WHERE status <> 'cancelled' "
         "GROUP BY q, value_currency ORDER BY q;"),
        ("report --by none --group company --top 20",
         deals(db, "report", "--by", "none", "--group", "company", "--top", "20", "--format", "json"),
         "SELECT c.name, d.value_currency, count(DISTINCT d.id), sum(d.value_amount) "
         "FROM deal_parties p JOIN deals d ON d.id = p.deal_id JOIN companies c ON c.id = p.company_id "
         "WHERE d.status <> 'cancelled' GROUP BY c.id, d.value_currency "
         "ORDER BY sum(d.value_amount) DESC LIMIT 20;"),
        ("report --spread --by year", deals(db, "report", "--spread", "--by", "year", "--format", "json"),
         "WITH RECURSIVE m(id, i, term, amount, currency, start) AS ("
         " SELECT id, 0, term_months, value_amount, value_currency, coalesce(starts_on, announced_on) FROM deals"
         " WHERE term_months IS NOT NULL AND value_amount IS NOT NULL AND status <> 'cancelled'"
         " UNION ALL SELECT id, i + 1, term, amount, currency, start FROM m WHERE i + 1 < term)"
         " SELECT strftime('%Y', date(start, '+' || i || ' months')) AS y, currency, sum(amount / term)"
         " FROM m GROUP BY y, currency;"),
        ("list --company X --limit 20", deals(db, "list", "--company", company, "--limit", "20"),
         "SELECT d.id, d.slug, d.announced_on, d.value_amount, d.value_currency FROM deals d "
         "WHERE d.id IN (SELECT deal_id FROM deal_parties WHERE company_id = "
         f"(SELECT company_id FROM company_aliases WHERE alias = '{company_sql}')) "
         "ORDER BY d.announced_on DESC LIMIT 20;"),
        ("show SLUG", deals(db, "show", slug),
         f"SELECT * FROM deals WHERE slug = '{slug}'; SELECT c.name, p.role FROM deal_parties p "
         f"JOIN companies c ON c.id = p.company_id WHERE p.deal_id = (SELECT id FROM deals WHERE slug = '{slug}'); "
         f"SELECT a.title, s.quote FROM deal_sources s JOIN articles a ON a.id = s.article_id "
         f"WHERE s.deal_id = (SELECT id FROM deals WHERE slug = '{slug}');"),
        ("search WORD", deals(db, "search", "inference", "--limit", "20"),
         "SELECT rowid, snippet(articles_fts, 1, '[', ']', '…', 8) FROM articles_fts "
         "WHERE articles_fts MATCH 'inference' ORDER BY rank LIMIT 20;"),
        ("list --format csv (every deal)", deals(db, "list", "--format", "csv"),
         ["sqlite3", "-csv", "-header", db, "SELECT * FROM deal_overview;"]),
        ("export --format json", deals(db, "export", "--format", "json"),
         "SELECT json_object('slug', d.slug, 'title', d.title, 'kind', d.kind, 'status', d.status, "
         "'announced_on', d.announced_on, 'value_amount', d.value_amount, 'value_currency', d.value_currency, "
         "'parties', (SELECT json_group_array(json_object('company', c.name, 'role', p.role)) "
         "FROM deal_parties p JOIN companies c ON c.id = p.company_id WHERE p.deal_id = d.id)) "
         "FROM deals d ORDER BY d.slug;"),
        ("check --format json", deals(db, "check", "--format", "json"), None),
        ("report --by month --group company --top 10",
         deals(db, "report", "--by", "month", "--group", "company", "--top", "10", "--format", "json"),
         "SELECT strftime('%Y-%m', d.announced_on) AS m, c.name, d.value_currency, count(*), "
         "sum(d.value_amount) FROM deal_parties p JOIN deals d ON d.id = p.deal_id "
         "JOIN companies c ON c.id = p.company_id WHERE d.status <> 'cancelled' "
         "GROUP BY m, c.id, d.value_currency;"),
    ]
    only = os.environ.get("ONLY")  # e.g. ONLY=report: only the operations named so
    for name, cmd, sql in ops:
        if only and only not in name:
            continue
        runs = RUNS if "every deal" not in name and "export" not in name and "check" not in name else 1
        t, m = median_of(cmd, runs)
        if sql is None:
            rows.append((name, t, None, m, None))
            continue
        ts, ms = median_of(sql if isinstance(sql, list) else sqlite(db, sql), runs)
        rows.append((name, t, ts, m, ms))

    # Made anew each run: a file left by an older build may hold another schema.
    small = os.path.join(WORK, "small.db")
    for stale in glob.glob(small + "*"):
        os.remove(stale)
    subprocess.run(deals(small, "init"), check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    t, m = median_of([BIN, "--version"], RUNS * 4)
    ts, _ = median_of(["sqlite3", "--version"], RUNS * 4)
    rows.append(("--version", t, ts, m, None))
    t, m = median_of(deals(small, "list", "--limit", "1"), RUNS * 4)
    ts, _ = median_of(sqlite(small, "SELECT * FROM deals LIMIT 1;"), RUNS * 4)
    rows.append(("list --limit 1 (small database)", t, ts, m, None))

    rounds = os.environ.get("IMPORT_ROUNDS", "2")
    print(f"\n{n_deals:,} deals; medians of {RUNS} whole-process runs (imports: of {rounds})\n")
    print("| operation | deals | sqlite3 | ratio | deals peak RSS | sqlite3 peak RSS |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, t, ts, m, ms in rows:
        ratio = f"{t / ts:.2f}" if ts else "—"
        plain = fmt(ts) if ts else "—"
        plain_rss = f"{ms / 1024:.0f} MiB" if ms else "—"
        print(f"| {name} | {fmt(t)} | {plain} | {ratio} | {m / 1024:.0f} MiB | {plain_rss} |")
    size_line(db, n_deals)


def fmt(seconds):
    return f"{seconds * 1000:.1f} ms" if seconds < 10 else f"{seconds:.1f} s"


def size_line(db, n_deals):
    """Size of the database against the same rows in plain tables with the same
    indexes (the first schema: base tables, their indexes and full-text indexes,
    without the history and the totals kept by triggers), both vacuumed."""
    ours = os.path.join(WORK, "size-deals.db")
    plain = os.path.join(WORK, "size-plain.db")
    for p in (ours, plain):
        if os.path.exists(p):
            os.remove(p)
    src = sqlite3.connect(db)
    src.execute(f"VACUUM INTO '{ours}'")
    src.close()
    schema = open(os.path.join(HERE, "..", "migrations", "V1__schema.sql")).read()
    con = sqlite3.connect(plain)
    con.executescript(schema)
    con.execute(f"ATTACH '{ours}' AS src")
    # The first schema's columns only: later migrations added some.
    for table in ["companies", "articles", "deals", "deal_parties", "deal_tags",
                  "deal_events", "deal_sources", "fx_rates", "company_aliases"]:
        cols = ", ".join(r[1] for r in con.execute(f"PRAGMA main.table_info({table})"))
        con.execute(f"INSERT OR IGNORE INTO {table} ({cols}) SELECT {cols} FROM src.{table}")
    con.commit()
    con.execute("DETACH src")
    con.execute("VACUUM")
    con.close()
    a, b = os.path.getsize(ours), os.path.getsize(plain)
    print(f"\ndatabase size: {a / 2**20:.0f} MiB ({a / n_deals:.0f} bytes a deal); "
          f"plain tables with the same indexes: {b / 2**20:.0f} MiB; ratio {a / b:.2f}")


if __name__ == "__main__":
    main()
