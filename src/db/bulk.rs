//! Bulk inserts: new deals and companies written without their per-row insert
//! triggers, whose work (the history, the totals, the search index) is then
//! done set-wise, once for all the rows, inside the same transaction. The end
//! state is the one the triggers would have made: the same rows, totals and
//! history counts (the history rows come grouped by table instead of by deal).

use rusqlite::params;

use crate::db::{Conn, OptionalExtension};

use crate::error::Result;

/// The insert triggers a bulk insert does the work of, with the statement
/// that drops each; every other trigger (the company's own name as an alias,
/// updates, deletes) stays on.
macro_rules! triggers {
    ($($name:literal),* $(,)?) => {
        [$(($name, concat!("DROP TRIGGER ", $name))),*]
    };
}
const TRIGGERS: [(&str, &str); 10] = triggers![
    "deals_changes_insert",
    "deals_totals_insert",
    "deals_ai",
    "deal_parties_changes_insert",
    "deal_parties_totals_insert",
    "deal_tags_changes_insert",
    "deal_events_changes_insert",
    "deal_sources_changes_insert",
    "companies_changes_insert",
    "company_aliases_changes_insert",
];

/// The newest row of each table before the bulk insert: what is above is new.
struct Marks {
    deals: i64,
    companies: i64,
    aliases: i64,
    events: i64,
    sources: i64,
}

/// Runs `insert`, which may only insert new deals (with their parties, tags,
/// events and sources) and new companies (with their aliases), with the insert
/// triggers off, then does their work set-wise. All of it or none: on an error
/// the database is as before, triggers included.
pub fn inserting<T>(conn: &Conn, insert: impl FnOnce() -> Result<T>) -> Result<T> {
    #[cfg(test)]
    if tests::PER_ROW.get() {
        return insert();
    }
    // PostgreSQL's triggers run once per statement where it matters (the
    // totals of parties), and a multi-row insert is one statement: they stay.
    if conn.postgres().is_some() {
        let value = insert()?;
        refresh_statistics(conn)?;
        return Ok(value);
    }
    conn.execute_batch("SAVEPOINT bulk")?;
    match run(conn, insert) {
        Ok(value) => {
            conn.execute_batch("RELEASE bulk")?;
            Ok(value)
        }
        Err(e) => {
            conn.execute_batch("ROLLBACK TO bulk; RELEASE bulk")?;
            Err(e)
        }
    }
}

/// On PostgreSQL, gathers the planner's statistics of the tables an import
/// writes once this transaction has inserted more deals than they count.
/// Inside the import's transaction no one else can: the lookups of the rows
/// that follow were planned for tables as small as they were before, with
/// scans that took 0.5 ms a company at 10,000 companies instead of 0.03. A
/// table another session is analysing or vacuuming is left for the next batch.
fn refresh_statistics(conn: &Conn) -> Result<()> {
    let stale: bool = conn.query_row(
        "SELECT pg_stat_get_xact_tuples_inserted(oid) > greatest(reltuples, 1000)
           FROM pg_class WHERE oid = 'deals'::regclass",
        [],
        |r| r.get(0),
    )?;
    if !stale {
        return Ok(());
    }
    let wait: String =
        conn.query_row("SELECT current_setting('lock_timeout')", [], |r| r.get(0))?;
    conn.execute_batch("SAVEPOINT statistics; SET LOCAL lock_timeout = '100ms'")?;
    let tables = "ANALYZE deals, deal_parties, deal_sources, companies, company_aliases, articles";
    match conn.execute_batch(tables) {
        Ok(()) => conn.execute_batch("RELEASE statistics")?,
        Err(_) => conn.execute_batch("ROLLBACK TO statistics; RELEASE statistics")?,
    }
    conn.query_row(
        "SELECT set_config('lock_timeout', ?1, true)",
        [wait],
        |_| Ok(()),
    )
}

fn run<T>(conn: &Conn, insert: impl FnOnce() -> Result<T>) -> Result<T> {
    let mut saved = Vec::with_capacity(TRIGGERS.len());
    for (name, drop) in TRIGGERS {
        let sql: Option<String> = conn
            .query_row(
                "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?1",
                [name],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(sql) = sql {
            conn.execute_batch(drop)?;
            saved.push(sql);
        }
    }
    let max = |sql: &str| -> Result<i64> { conn.query_row(sql, [], |r| r.get(0)) };
    let marks = Marks {
        deals: max("SELECT coalesce(max(id), 0) FROM deals")?,
        companies: max("SELECT coalesce(max(id), 0) FROM companies")?,
        aliases: max("SELECT coalesce(max(rowid), 0) FROM company_aliases")?,
        events: max("SELECT coalesce(max(id), 0) FROM deal_events")?,
        sources: max("SELECT coalesce(max(id), 0) FROM deal_sources")?,
    };
    let value = insert()?;
    maintain(conn, &marks)?;
    for sql in saved {
        conn.execute_batch(&sql)?;
    }
    Ok(value)
}

/// Which of the marks a statement's new rows lie above.
type Mark = fn(&Marks) -> i64;

/// What the dropped triggers would have written for the rows above the marks:
/// each statement with the mark its new rows lie above.
const MAINTENANCE: [(&str, Mark); 11] = [
    (
        "INSERT INTO changes (table_name, row_key, operation, company_id)
         SELECT 'companies', id, 'insert', id FROM companies WHERE id > ?1 ORDER BY id",
        |m| m.companies,
    ),
    (
        "INSERT INTO changes (table_name, row_key, operation, company_id)
         SELECT 'company_aliases', alias, 'insert', company_id FROM company_aliases
         WHERE rowid > ?1 ORDER BY rowid",
        |m| m.aliases,
    ),
    (
        "INSERT INTO changes (table_name, row_key, operation, deal_id)
         SELECT 'deals', id, 'insert', id FROM deals WHERE id > ?1 ORDER BY id",
        |m| m.deals,
    ),
    (
        "INSERT INTO changes (table_name, row_key, operation, deal_id, company_id)
         SELECT 'deal_parties', deal_id || '/' || company_id || '/' || role, 'insert', deal_id,
                company_id
         FROM deal_parties WHERE deal_id > ?1 ORDER BY deal_id",
        |m| m.deals,
    ),
    (
        "INSERT INTO changes (table_name, row_key, operation, deal_id)
         SELECT 'deal_tags', deal_id || '/' || tag, 'insert', deal_id FROM deal_tags
         WHERE deal_id > ?1 ORDER BY deal_id",
        |m| m.deals,
    ),
    (
        "INSERT INTO changes (table_name, row_key, operation, deal_id)
         SELECT 'deal_events', id, 'insert', deal_id FROM deal_events WHERE id > ?1 ORDER BY id",
        |m| m.events,
    ),
    (
        "INSERT INTO changes (table_name, row_key, operation, deal_id)
         SELECT 'deal_sources', id, 'insert', deal_id FROM deal_sources WHERE id > ?1 ORDER BY id",
        |m| m.sources,
    ),
    (
        "INSERT INTO deals_fts (rowid, title, notes, search_folded)
         SELECT id, title, notes, search_folded FROM deals WHERE id > ?1 ORDER BY id",
        |m| m.deals,
    ),
    (
        "INSERT INTO deals_cjk (rowid, search_cjk)
         SELECT id, search_cjk FROM deals WHERE id > ?1 AND search_cjk IS NOT NULL ORDER BY id",
        |m| m.deals,
    ),
    (
        "INSERT INTO deal_totals (month, precision, status, currency, deals, value, approx,
                                  at_least, up_to)
         SELECT coalesce(substr(announced_on, 1, 7), ''), coalesce(announced_precision, ''),
                status, coalesce(value_currency, ''), count(*), coalesce(sum(value_amount), 0),
                sum(CASE WHEN value_qualifier = 'approx' THEN value_amount ELSE 0 END),
                sum(CASE WHEN value_qualifier = 'at-least' THEN value_amount ELSE 0 END),
                sum(CASE WHEN value_qualifier = 'up-to' THEN value_amount ELSE 0 END)
         FROM deals WHERE id > ?1 GROUP BY 1, 2, 3, 4
         ON CONFLICT DO UPDATE SET deals = deals + excluded.deals, value = value + excluded.value,
           approx = approx + excluded.approx, at_least = at_least + excluded.at_least,
           up_to = up_to + excluded.up_to",
        |m| m.deals,
    ),
    (
        "INSERT INTO company_totals (company_id, status, currency, dated, deals, value, approx,
                                     at_least, up_to)
         SELECT p.company_id, d.status, coalesce(d.value_currency, ''), d.announced_on IS NOT NULL,
                count(*), coalesce(sum(d.value_amount), 0),
                sum(CASE WHEN d.value_qualifier = 'approx' THEN d.value_amount ELSE 0 END),
                sum(CASE WHEN d.value_qualifier = 'at-least' THEN d.value_amount ELSE 0 END),
                sum(CASE WHEN d.value_qualifier = 'up-to' THEN d.value_amount ELSE 0 END)
         FROM (SELECT DISTINCT deal_id, company_id FROM deal_parties WHERE deal_id > ?1) p
         JOIN deals d ON d.id = p.deal_id
         GROUP BY 1, 2, 3, 4
         ON CONFLICT DO UPDATE SET deals = deals + excluded.deals, value = value + excluded.value,
           approx = approx + excluded.approx, at_least = at_least + excluded.at_least,
           up_to = up_to + excluded.up_to",
        |m| m.deals,
    ),
];

/// Runs [`MAINTENANCE`] for the rows above `m`.
fn maintain(conn: &Conn, m: &Marks) -> Result<()> {
    for (sql, mark) in MAINTENANCE {
        conn.prepare_cached(sql)?.execute(params![mark(m)])?;
    }
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests {
    use std::cell::Cell;

    use crate::db::Db;

    thread_local! {
        /// Tests set this to insert through the per-row triggers instead.
        pub(crate) static PER_ROW: Cell<bool> = const { Cell::new(false) };
    }

    /// Every table of the record and the derived data, as sorted text; the
    /// history as the sorted multiset of what it says (its ids and times
    /// differ with the order rows were written in).
    pub(crate) fn state(db: &Db) -> Vec<String> {
        let c = db.conn();
        let mut out = Vec::new();
        for (table, sql) in [
            (
                "deals",
                "SELECT id, slug, title, kind, status, announced_on, announced_precision,
                        value_amount, value_currency, value_qualifier, term_months, starts_on,
                        starts_precision, notes FROM deals",
            ),
            (
                "companies",
                "SELECT id, slug, name, kind, country, parent_id, website, description
                 FROM companies",
            ),
            (
                "company_aliases",
                "SELECT alias, company_id FROM company_aliases",
            ),
            ("deal_parties", "SELECT * FROM deal_parties"),
            ("deal_tags", "SELECT * FROM deal_tags"),
            ("deal_events", "SELECT * FROM deal_events"),
            ("deal_sources", "SELECT * FROM deal_sources"),
            ("deal_totals", "SELECT * FROM deal_totals"),
            ("company_totals", "SELECT * FROM company_totals"),
            (
                "changes",
                "SELECT table_name, row_key, operation, deal_id, company_id,
                        json_remove(old_values, '$.created_at', '$.updated_at', '$.added_at'),
                        json_remove(new_values, '$.created_at', '$.updated_at', '$.added_at')
                 FROM changes",
            ),
            (
                "deals_fts",
                "SELECT rowid, title, notes, search_folded FROM deals_fts",
            ),
            ("deals_cjk", "SELECT rowid, search_cjk FROM deals_cjk"),
            (
                "deals_fts matches",
                "SELECT rowid FROM deals_fts WHERE deals_fts MATCH 'deal OR alpha OR beta'",
            ),
            (
                "triggers",
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'",
            ),
        ] {
            let mut stmt = c.sqlite().unwrap().prepare(sql).unwrap();
            let columns = stmt.column_count();
            let mut rows: Vec<String> = stmt
                .query_map([], |r| {
                    let cells: Vec<String> = (0..columns)
                        .map(|i| match r.get::<_, rusqlite::types::Value>(i).unwrap() {
                            rusqlite::types::Value::Text(t) => t,
                            other => format!("{other:?}"),
                        })
                        .collect();
                    Ok(cells.join("|"))
                })
                .unwrap()
                .map(Result::unwrap)
                .collect();
            rows.sort();
            out.push(format!("== {table}: {} rows", rows.len()));
            out.extend(rows);
        }
        c.query_row(
            "INSERT INTO deals_fts (deals_fts) VALUES ('integrity-check')",
            [],
            |_| Ok(()),
        )
        .or_else(|e| match e {
            crate::error::Error::Sqlite(rusqlite::Error::QueryReturnedNoRows) => Ok(()),
            e => Err(e),
        })
        .unwrap();
        out
    }
}
