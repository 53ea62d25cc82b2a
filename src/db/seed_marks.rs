//! Seed marks: which records `deals seed` wrote, and when (as the newest change
//! id of the history at that moment), so that seeding again never undoes an
//! edit made since.

use rusqlite::params;

use crate::db::{Conn, OptionalExtension};

use crate::error::Result;

/// The kinds of record the seed set holds; each names its table and which
/// changes of the history count as changing one of its records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seeded {
    Deals,
    Companies,
    Articles,
}

impl Seeded {
    fn table(self) -> &'static str {
        match self {
            Seeded::Deals => "deals",
            Seeded::Companies => "companies",
            Seeded::Articles => "articles",
        }
    }
}

/// What the seed may do with the record it names `key`, stored as `found`
/// (the row id of the record with that key now, if any).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// The seed never wrote this key: add it if missing.
    None,
    /// Seeded, and nobody changed it since: the seed may write it.
    Untouched,
    /// Changed, renamed or deleted since it was seeded: leave it.
    Edited,
}

/// The state of the seeded record `key` of `kind`, now stored as `found`.
pub fn mark(conn: &Conn, kind: Seeded, key: &str, found: Option<i64>) -> Result<Mark> {
    let marked: Option<(i64, i64)> = conn
        .query_row(
            "SELECT row_id, change_id FROM seed_marks WHERE table_name = ?1 AND key = ?2",
            params![kind.table(), key],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((row_id, since)) = marked else {
        return Ok(Mark::None);
    };
    if found != Some(row_id) {
        return Ok(Mark::Edited);
    }
    let sql = match kind {
        Seeded::Deals => "SELECT 1 FROM changes WHERE deal_id = ?1 AND id > ?2",
        Seeded::Companies => {
            "SELECT 1 FROM changes WHERE company_id = ?1 AND id > ?2
               AND table_name IN ('companies', 'company_aliases')"
        }
        Seeded::Articles => {
            "SELECT 1 FROM changes WHERE table_name = 'articles' AND row_key = CAST(?1 AS TEXT)
               AND id > ?2"
        }
    };
    let changed = conn.prepare_cached(sql)?.exists(params![row_id, since])?;
    Ok(if changed {
        Mark::Edited
    } else {
        Mark::Untouched
    })
}

/// Records that the seed wrote (or found as it has it) record `row_id`, named
/// `key`, as of the newest change; writes nothing when the mark already holds.
pub fn set(conn: &Conn, kind: Seeded, key: &str, row_id: i64) -> Result<()> {
    if mark(conn, kind, key, Some(row_id))? == Mark::Untouched {
        return Ok(());
    }
    conn.execute(
        "INSERT INTO seed_marks (table_name, key, row_id, change_id)
         VALUES (?1, ?2, ?3, (SELECT coalesce(max(id), 0) FROM changes))
         ON CONFLICT (table_name, key) DO UPDATE SET row_id = excluded.row_id,
             change_id = excluded.change_id",
        params![kind.table(), key, row_id],
    )?;
    Ok(())
}
