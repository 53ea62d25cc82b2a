//! `deals sql`: the user's SQL on a connection of its own, in one transaction.
//!
//! Read-only is enforced three times: the connection is opened read-only, it has
//! `PRAGMA query_only`, and an authorizer refuses, while each statement is
//! prepared, anything but reading. The authorizer is what names the refused
//! operation. `--write` lifts the read-only part; what is never allowed (ATTACH,
//! DETACH, VACUUM, load_extension(), transaction control, pragmas that change
//! something) stays refused, because the statements must run in one transaction
//! on this one database.

mod policy;

use std::path::Path;
use std::sync::{Arc, Mutex};

use rusqlite::fallible_iterator::FallibleIterator;
use rusqlite::hooks::{AuthContext, Authorization};
use rusqlite::types::Value;
use rusqlite::{Batch, Connection, OpenFlags};

use crate::error::{Error, Result};

use policy::{Refusal, Verdict, first_keyword, judge};

/// Whether the statements may change the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    ReadOnly,
    Write,
}

/// What the authorizer saw while the current statement was prepared.
#[derive(Debug, Default)]
struct Watch {
    refusal: Option<Refusal>,
    /// A schema-table write of the statement being prepared (see `is_schema_write`).
    held: Option<Refusal>,
    /// True while the top-level statement is prepared, false while it runs (when
    /// SQLite and FTS5 prepare statements of their own).
    preparing: bool,
    changes_rows: bool,
}

/// What the last statement hands out, in order: its column names once, then
/// each row as it is read, values kept as SQLite typed them.
#[derive(Debug, Clone, PartialEq)]
pub enum Item<'a> {
    Columns(&'a [String]),
    Row(Vec<Value>),
}

/// Runs `sql` (one or more statements) on the database file at `path`, on a
/// connection of its own, and hands the last statement's columns and rows to
/// `each` as they are read. Returns, with `Access::Write`, how many rows the
/// statements themselves inserted, updated or deleted (not their triggers).
pub fn run(
    path: &Path,
    sql: &str,
    access: Access,
    each: &mut dyn FnMut(Item<'_>) -> Result<()>,
) -> Result<Option<u64>> {
    let flags = match access {
        Access::ReadOnly => OpenFlags::SQLITE_OPEN_READ_ONLY,
        Access::Write => OpenFlags::SQLITE_OPEN_READ_WRITE,
    } | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let mut conn = Connection::open_with_flags(path, flags)
        .map_err(|e| Error::invalid(format!("cannot open {}: {e}", path.display())))?;
    if access == Access::Write && conn.is_readonly(rusqlite::MAIN_DB)? {
        return Err(crate::db::read_only(path, "nothing was written"));
    }
    run_on(&mut conn, sql, access, each)
}

/// The text after the first `;` that is outside quotes: the statement that
/// PostgreSQL will not run in the same call.
fn second_statement(sql: &str) -> &str {
    let mut quote = None;
    for (at, c) in sql.char_indices() {
        match (quote, c) {
            (None, '\'' | '"') => quote = Some(c),
            (Some(q), _) if q == c => quote = None,
            (None, ';') => return sql[at + 1..].trim(),
            _ => {}
        }
    }
    ""
}

/// How long one statement of `deals sql` may run on PostgreSQL.
const STATEMENT_TIMEOUT_MS: u32 = 30_000;

/// Runs one statement on a PostgreSQL database as [`run`] does on a file: in
/// a `READ ONLY` transaction unless `access` is `Write`, with a statement
/// timeout of 30 s. PostgreSQL's protocol for parameters takes one statement,
/// so a text of several is refused by the server before anything runs.
pub fn run_postgres(
    session: &crate::db::postgres::Session,
    sql: &str,
    access: Access,
    each: &mut dyn FnMut(Item<'_>) -> Result<()>,
) -> Result<Option<u64>> {
    use postgres::fallible_iterator::FallibleIterator;
    if sql.trim().trim_end_matches(';').trim().is_empty() {
        return Err(Error::usage("no SQL given"));
    }
    let mut client = session.client();
    let mut tx = client
        .build_transaction()
        .read_only(access == Access::ReadOnly)
        .start()?;
    tx.batch_execute(&format!(
        "SET LOCAL statement_timeout = {STATEMENT_TIMEOUT_MS}"
    ))?;
    let fail = |e: postgres::Error| match e.as_db_error() {
        Some(db) if db.message().contains("multiple commands") => Error::usage(format!(
            "deals sql runs one statement at a time on PostgreSQL; `{}` needs its own `deals sql`",
            crate::model::clean::one_line(second_statement(sql))
        )),
        Some(db) if db.code() == &postgres::error::SqlState::READ_ONLY_SQL_TRANSACTION => {
            Error::usage(format!(
                "deals sql is read-only: {} refused (nothing was written; pass --write to change data)",
                crate::model::clean::one_line(sql.split_whitespace().next().unwrap_or_default())
            ))
        }
        Some(db) => Error::invalid(format!(
            "sql: {}",
            db.message()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        )),
        None => Error::from(e),
    };
    let stmt = tx.prepare(sql.trim().trim_end_matches(';')).map_err(fail)?;
    let columns: Vec<String> = stmt
        .columns()
        .iter()
        .map(|c| c.name().to_string())
        .collect();
    let mut changed = 0;
    if columns.is_empty() {
        changed = tx.execute(&stmt, &[]).map_err(fail)?;
    } else {
        each(Item::Columns(&columns))?;
        let mut rows = tx
            .query_raw(
                &stmt,
                std::iter::empty::<&(dyn postgres::types::ToSql + Sync)>(),
            )
            .map_err(fail)?;
        while let Some(row) = rows.next().map_err(fail)? {
            let values = (0..columns.len())
                .map(|i| crate::db::postgres::cell(&row, i))
                .collect::<Result<Vec<_>>>()?;
            changed += 1;
            each(Item::Row(values))?;
        }
    }
    match access {
        Access::ReadOnly => {
            tx.rollback()?;
            Ok(None)
        }
        Access::Write => {
            tx.commit()?;
            Ok(Some(changed))
        }
    }
}

/// Runs `sql` on `conn` as [`run`] does; configures `conn` for `access` and
/// leaves it with no authorizer and no open transaction.
pub fn run_on(
    conn: &mut Connection,
    sql: &str,
    access: Access,
    each: &mut dyn FnMut(Item<'_>) -> Result<()>,
) -> Result<Option<u64>> {
    crate::db::apply_limits(conn)?;
    conn.pragma_update(None, "query_only", access == Access::ReadOnly)?;
    if access == Access::Write {
        conn.pragma_update(None, "foreign_keys", true)?;
    }
    conn.execute_batch(match access {
        Access::ReadOnly => "BEGIN DEFERRED",
        Access::Write => "BEGIN IMMEDIATE",
    })?;
    let watch = Arc::new(Mutex::new(Watch::default()));
    let seen = Arc::clone(&watch);
    conn.authorizer(Some(move |ctx: AuthContext<'_>| {
        let Ok(mut seen) = seen.lock() else {
            return Authorization::Deny;
        };
        match judge(access, &ctx.action, ctx.accessor.is_none()) {
            Verdict::Allow => Authorization::Allow,
            Verdict::AllowChange => {
                seen.changes_rows = true;
                Authorization::Allow
            }
            Verdict::Refuse(refusal) if seen.preparing && refusal.is_schema_write() => {
                seen.held.get_or_insert(refusal);
                Authorization::Allow
            }
            Verdict::Refuse(refusal) => {
                seen.refusal.get_or_insert(refusal);
                Authorization::Deny
            }
        }
    }))?;
    let result = statements(conn, sql, access, &watch, each);
    conn.authorizer(None::<fn(AuthContext<'_>) -> Authorization>)?;
    match result {
        Ok(outcome) => {
            conn.execute_batch(match access {
                Access::ReadOnly => "ROLLBACK",
                Access::Write => "COMMIT",
            })?;
            Ok(outcome)
        }
        Err(e) => {
            // Some errors end the transaction themselves; a ROLLBACK then would
            // only hide the error that matters.
            if !conn.is_autocommit() {
                conn.execute_batch("ROLLBACK")?;
            }
            Err(e)
        }
    }
}

/// Prepares and runs the statements one by one. Each statement's first step
/// does its writes, if it has any; only then is the next one prepared, which
/// tells whether this one is the last, the one whose rows go to `each`. The
/// rows of the others are read and dropped.
fn statements(
    conn: &Connection,
    sql: &str,
    access: Access,
    watch: &Mutex<Watch>,
    each: &mut dyn FnMut(Item<'_>) -> Result<()>,
) -> Result<Option<u64>> {
    let fail = |e: rusqlite::Error| -> Error {
        match watch.lock().ok().and_then(|mut w| w.refusal.take()) {
            Some(refusal) => Error::usage(refusal.message(access)),
            None => sql_error(e),
        }
    };
    let mut batch = Batch::new(conn, sql);
    let mut prepare = || -> Result<Option<(rusqlite::Statement<'_>, bool)>> {
        if let Ok(mut w) = watch.lock() {
            w.changes_rows = false;
            w.held = None;
            w.preparing = true;
        }
        let next = batch.next();
        let (held, changes_rows) = match watch.lock() {
            Ok(mut w) => {
                w.preparing = false;
                (w.held.take(), w.changes_rows)
            }
            Err(_) => (None, false),
        };
        let Some(stmt) = next.map_err(fail)? else {
            return Ok(None);
        };
        if let Some(held) = held {
            return Err(Error::usage(held.message(access)));
        }
        let keyword = first_keyword(&stmt.expanded_sql().unwrap_or_default());
        if keyword == "VACUUM" {
            return Err(Error::usage(Refusal::never(keyword, "").message(access)));
        }
        if access == Access::ReadOnly && !stmt.readonly() {
            return Err(Error::usage(Refusal::write(keyword).message(access)));
        }
        Ok(Some((stmt, changes_rows)))
    };
    let Some(mut current) = prepare()? else {
        return Err(Error::usage(
            "deals sql: no SQL to run; pass statements as the argument or on stdin",
        ));
    };
    let mut changes = 0;
    loop {
        let (stmt, changes_rows) = &mut current;
        let columns: Vec<String> = stmt.column_names().map(String::from).collect();
        let mut found = stmt.query([]).map_err(fail)?;
        let first = found
            .next()
            .map_err(fail)?
            .map(|row| values(row, columns.len()));
        let first = first.transpose().map_err(fail)?;
        let next = prepare()?;
        if next.is_none() {
            each(Item::Columns(&columns))?;
            if let Some(first) = first {
                each(Item::Row(first))?;
            }
        }
        while let Some(row) = found.next().map_err(fail)? {
            if next.is_none() {
                each(Item::Row(values(row, columns.len()).map_err(fail)?))?;
            }
        }
        drop(found);
        if *changes_rows {
            changes += conn.changes();
        }
        match next {
            Some(next) => current = next,
            None => break,
        }
    }
    Ok((access == Access::Write).then_some(changes))
}

/// A row's values, as SQLite typed them.
fn values(row: &rusqlite::Row<'_>, columns: usize) -> rusqlite::Result<Vec<Value>> {
    (0..columns).map(|i| row.get::<_, Value>(i)).collect()
}

/// An error in the user's SQL as one line: SQLite's own message.
fn sql_error(e: rusqlite::Error) -> Error {
    let message = match &e {
        rusqlite::Error::SqlInputError { msg, .. } => msg.clone(),
        rusqlite::Error::SqliteFailure(_, Some(msg)) => msg.clone(),
        other => other.to_string(),
    };
    Error::invalid(format!(
        "sql: {}",
        message.split_whitespace().collect::<Vec<_>>().join(" ")
    ))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The last statement's columns and rows, and the change count.
    #[derive(Debug, Default)]
    pub(crate) struct Outcome {
        pub columns: Vec<String>,
        pub rows: Vec<Vec<Value>>,
        pub changes: Option<u64>,
    }

    /// Runs `sql` on `conn` and collects what it hands out.
    pub(crate) fn collect(conn: &mut Connection, sql: &str, access: Access) -> Result<Outcome> {
        let (mut columns, mut rows) = (Vec::new(), Vec::new());
        let changes = run_on(conn, sql, access, &mut |item| {
            match item {
                Item::Columns(names) => columns = names.to_vec(),
                Item::Row(values) => rows.push(values),
            }
            Ok(())
        })?;
        Ok(Outcome {
            columns,
            rows,
            changes,
        })
    }

    /// A small table to run statements against.
    pub(crate) fn conn() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE t (id INTEGER PRIMARY KEY, x TEXT NOT NULL UNIQUE);
             INSERT INTO t (x) VALUES ('a'), ('b');",
        )
        .unwrap();
        conn
    }

    pub(crate) fn count(conn: &Connection) -> i64 {
        conn.query_row("SELECT count(*) FROM t", [], |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn values_keep_their_sqlite_types_and_the_last_statement_is_shown() {
        let mut c = conn();
        let out = collect(
            &mut c,
            "SELECT 1; SELECT 2 AS i, 2.5 AS r, 'x' AS s, NULL AS n, x'00ff' AS b;",
            Access::ReadOnly,
        )
        .unwrap();
        assert_eq!(out.columns, ["i", "r", "s", "n", "b"]);
        assert_eq!(
            out.rows,
            [vec![
                Value::Integer(2),
                Value::Real(2.5),
                Value::Text("x".into()),
                Value::Null,
                Value::Blob(vec![0, 255])
            ]]
        );
        assert_eq!(out.changes, None);
    }

    #[test]
    fn writes_run_in_one_transaction_and_count_their_rows() {
        let mut c = conn();
        let out = collect(
            &mut c,
            "INSERT INTO t (x) VALUES ('c'), ('d'); UPDATE t SET x = upper(x) WHERE x > 'b'; CREATE TABLE u (y);",
            Access::Write,
        )
        .unwrap();
        assert_eq!(out.changes, Some(4));
        assert!(out.columns.is_empty());
        assert_eq!(count(&c), 4);
        let err = collect(
            &mut c,
            "INSERT INTO t (x) VALUES ('e'); INSERT INTO t (x) VALUES (NULL)",
            Access::Write,
        )
        .unwrap_err();
        assert_eq!(err.exit_code(), 1);
        assert_eq!(err.to_string(), "sql: NOT NULL constraint failed: t.x");
        assert_eq!(count(&c), 4, "the first insert was rolled back");
        assert!(c.is_autocommit());
        let out = collect(
            &mut c,
            "DELETE FROM t WHERE id = 1 RETURNING x",
            Access::Write,
        )
        .unwrap();
        assert_eq!(out.rows, [vec![Value::Text("a".into())]]);
        assert_eq!(out.changes, Some(1));
    }

    #[test]
    fn rows_are_handed_out_as_they_are_read() {
        // A hundred million rows: collected first, they would take minutes
        // and gigabytes; handed out as read, the fifth row stops the run.
        let mut c = conn();
        let mut seen = Vec::new();
        let err = run_on(
            &mut c,
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n LIMIT 100000000)
             SELECT i FROM n",
            Access::ReadOnly,
            &mut |item| {
                if let Item::Row(values) = item {
                    seen.push(values);
                }
                match seen.len() {
                    5 => Err(Error::invalid("enough")),
                    _ => Ok(()),
                }
            },
        )
        .unwrap_err();
        assert_eq!(err.to_string(), "enough");
        assert_eq!(seen.len(), 5);
        assert_eq!(seen[4], [Value::Integer(5)]);
        assert!(c.is_autocommit());
    }

    #[test]
    fn each_statement_sees_what_the_earlier_ones_wrote_and_only_the_last_is_shown() {
        let mut c = conn();
        let out = collect(
            &mut c,
            "CREATE TABLE u (y); SELECT x FROM t; INSERT INTO u VALUES (1), (2) RETURNING y;
             SELECT count(*) AS n FROM u; -- done",
            Access::Write,
        )
        .unwrap();
        assert_eq!(out.columns, ["n"]);
        assert_eq!(out.rows, [vec![Value::Integer(2)]]);
        assert_eq!(out.changes, Some(2));
    }

    #[test]
    fn empty_input_and_sql_errors() {
        let mut c = conn();
        for sql in ["", "  ", ";", "-- nothing\n;"] {
            let err = collect(&mut c, sql, Access::ReadOnly).unwrap_err();
            assert_eq!(err.exit_code(), 2, "{sql:?}");
            assert!(err.to_string().starts_with("deals sql: no SQL"), "{err}");
        }
        let err = collect(&mut c, "SELEC 1", Access::ReadOnly).unwrap_err();
        assert_eq!(err.exit_code(), 1);
        assert_eq!(err.to_string(), "sql: near \"SELEC\": syntax error");
        let err = collect(&mut c, "SELECT *\nFROM nowhere", Access::ReadOnly).unwrap_err();
        assert_eq!(err.to_string(), "sql: no such table: nowhere");
        let err = collect(&mut c, "SELECT ?", Access::ReadOnly).unwrap_err();
        assert_eq!(err.exit_code(), 1);
        assert!(c.is_autocommit());
    }

    #[test]
    fn the_real_schema_through_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.db");
        let db = crate::db::Db::open(&path).unwrap();
        crate::ops::seed::load(&db).unwrap();
        let mut file = Connection::open(&path).unwrap();
        let out = collect(
            &mut file,
            "SELECT slug, snippet(articles_fts, 1, '[', ']', '…', 8) FROM articles_fts
              JOIN articles ON articles.id = articles_fts.rowid WHERE articles_fts MATCH 'capacita';
             SELECT count(*) AS n FROM deal_overview",
            Access::ReadOnly,
        )
        .unwrap();
        assert_eq!(out.columns, ["n"]);
        let mut file = Connection::open(&path).unwrap();
        let out = collect(
            &mut file,
            "UPDATE deals SET notes = 'x' WHERE id = 1",
            Access::Write,
        )
        .unwrap();
        assert_eq!(
            out.changes,
            Some(1),
            "trigger writes to deals_fts are not counted"
        );
        let message = collect(&mut file, "DELETE FROM deal_tags", Access::ReadOnly)
            .unwrap_err()
            .to_string();
        assert!(message.contains("DELETE from deal_tags"), "{message}");
    }
}
