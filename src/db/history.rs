//! The audit history kept by triggers in `changes`, and bringing a deleted deal
//! back from it.

use rusqlite::{Connection, OptionalExtension, params};
use serde_json::Value;

use crate::error::{Error, Result, one_line};

pub use crate::model::deal::Change;

/// Which changes to list.
#[derive(Debug, Clone, Default)]
pub struct Query {
    pub deal: Option<i64>,
    pub company: Option<i64>,
    /// Changes at or after this instant (an ISO date or time).
    pub since: Option<String>,
    pub limit: Option<u32>,
}

/// Changes, oldest first (the newest `limit` when limited).
pub fn list(conn: &Connection, q: &Query) -> Result<Vec<Change>> {
    let mut stmt = conn.prepare_cached(
        "SELECT * FROM (
            SELECT id, changed_at, table_name, row_key, operation, deal_id, company_id,
                   old_values, new_values
            FROM changes
            WHERE (?1 IS NULL OR deal_id = ?1)
              AND (?2 IS NULL OR company_id = ?2
                   OR deal_id IN (SELECT deal_id FROM deal_parties WHERE company_id = ?2))
              AND (?3 IS NULL OR changed_at >= ?3)
            ORDER BY id DESC LIMIT ?4)
         ORDER BY id",
    )?;
    let limit = q.limit.map_or(-1, i64::from);
    let rows = stmt.query_map(params![q.deal, q.company, q.since, limit], |r| {
        let json = |i: usize| -> rusqlite::Result<Option<Value>> {
            let text: Option<String> = r.get(i)?;
            Ok(text.and_then(|t| serde_json::from_str(&t).ok()))
        };
        Ok(Change {
            id: r.get(0)?,
            changed_at: r.get(1)?,
            table: r.get(2)?,
            key: r.get(3)?,
            operation: r.get(4)?,
            deal_id: r.get(5)?,
            company_id: r.get(6)?,
            old: json(7)?,
            new: json(8)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The id a deal had, live or deleted, from its slug or id.
pub fn deal_id(conn: &Connection, text: &str) -> Result<Option<i64>> {
    if let Some((id, _)) = crate::db::deals::resolve(conn, text)? {
        return Ok(Some(id));
    }
    Ok(conn
        .prepare_cached(
            "SELECT deal_id FROM changes WHERE table_name = 'deals'
               AND (json_extract(old_values, '$.slug') = lower(?1)
                    OR json_extract(new_values, '$.slug') = lower(?1)
                    OR CAST(deal_id AS TEXT) = ?1)
             ORDER BY id DESC LIMIT 1",
        )?
        .query_row([text.trim()], |r| r.get(0))
        .optional()?)
}

/// The tables a deal's delete takes with it, and how to put a row back.
const CHILD_INSERTS: &[(&str, &str)] = &[
    (
        "deal_parties",
        "INSERT INTO deal_parties (deal_id, company_id, role)
         SELECT ?2, json_extract(old_values, '$.company_id'), json_extract(old_values, '$.role')
         FROM changes WHERE id = ?1",
    ),
    (
        "deal_tags",
        "INSERT INTO deal_tags (deal_id, tag)
         SELECT ?2, json_extract(old_values, '$.tag') FROM changes WHERE id = ?1",
    ),
    (
        "deal_events",
        "INSERT INTO deal_events (id, deal_id, occurs_on, occurs_precision, kind, note)
         SELECT json_extract(old_values, '$.id'), ?2, json_extract(old_values, '$.occurs_on'),
                json_extract(old_values, '$.occurs_precision'), json_extract(old_values, '$.kind'),
                json_extract(old_values, '$.note')
         FROM changes WHERE id = ?1",
    ),
    (
        "deal_sources",
        "INSERT INTO deal_sources (id, deal_id, article_id, quote, stated_amount, stated_currency, stated_qualifier)
         SELECT json_extract(old_values, '$.id'), ?2, json_extract(old_values, '$.article_id'),
                json_extract(old_values, '$.quote'), json_extract(old_values, '$.stated_amount'),
                json_extract(old_values, '$.stated_currency'), json_extract(old_values, '$.stated_qualifier')
         FROM changes WHERE id = ?1",
    ),
];

/// Brings back the most recently deleted deal called `text` (slug or old id),
/// with the parties, tags, events and sources its deletion removed. Returns the
/// deal's id and slug. The caller holds the transaction.
pub fn restore(conn: &Connection, text: &str) -> Result<(i64, String)> {
    let found: Option<(i64, i64, String)> = conn
        .prepare_cached(
            "SELECT id, deal_id, json_extract(old_values, '$.slug') FROM changes
             WHERE table_name = 'deals' AND operation = 'delete'
               AND (json_extract(old_values, '$.slug') = lower(?1) OR CAST(deal_id AS TEXT) = ?1)
             ORDER BY id DESC LIMIT 1",
        )?
        .query_row([text.trim()], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let Some((change, old_id, slug)) = found else {
        return Err(Error::invalid(format!(
            "no deleted deal '{}' in the history; `deals history` lists changes",
            one_line(text.trim())
        )));
    };
    let restored_as: Option<(i64, Option<String>)> = conn
        .prepare_cached(
            "SELECT c.deal_id, d.slug FROM changes c LEFT JOIN deals d ON d.id = c.deal_id
             WHERE c.table_name = 'deals' AND c.operation = 'insert'
               AND json_extract(c.new_values, '$.restored_from') = ?1
             ORDER BY c.id DESC LIMIT 1",
        )?
        .query_row([change], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    if let Some((id, now)) = restored_as {
        let now = match now {
            Some(now) => format!("as deal {id} ({now})"),
            None => format!("as deal {id}, since deleted again under another slug"),
        };
        return Err(Error::invalid(format!(
            "the deletion of {slug} was already undone: it came back {now}"
        )));
    }
    if crate::db::deals::by_slug(conn, &slug)?.is_some() {
        return Err(Error::invalid(format!(
            "a deal with slug '{slug}' exists now; rename it first (deals edit {slug} --slug ...)"
        )));
    }
    let id_taken = conn
        .prepare_cached("SELECT 1 FROM deals WHERE id = ?1")?
        .exists([old_id])?;
    let new_id: Option<i64> = if id_taken { None } else { Some(old_id) };
    conn.prepare_cached(
        "INSERT INTO deals (id, slug, title, kind, status, announced_on, announced_precision,
            value_amount, value_currency, value_qualifier, term_months, starts_on,
            starts_precision, notes, created_at, updated_at)
         SELECT ?2, json_extract(old_values, '$.slug'), json_extract(old_values, '$.title'),
            json_extract(old_values, '$.kind'), json_extract(old_values, '$.status'),
            json_extract(old_values, '$.announced_on'), json_extract(old_values, '$.announced_precision'),
            json_extract(old_values, '$.value_amount'), json_extract(old_values, '$.value_currency'),
            json_extract(old_values, '$.value_qualifier'), json_extract(old_values, '$.term_months'),
            json_extract(old_values, '$.starts_on'), json_extract(old_values, '$.starts_precision'),
            json_extract(old_values, '$.notes'), json_extract(old_values, '$.created_at'),
            json_extract(old_values, '$.updated_at')
         FROM changes WHERE id = ?1",
    )?
    .execute(params![change, new_id])
    .map_err(|e| Error::invalid(format!("cannot restore {slug}: {e}")))?;
    let id = conn.last_insert_rowid();
    // The insert's change says which deletion it undoes, so that it is undone once.
    conn.prepare_cached(
        "UPDATE changes SET new_values = json_object('restored_from', ?1)
         WHERE id = (SELECT max(id) FROM changes
                     WHERE table_name = 'deals' AND operation = 'insert' AND deal_id = ?2)",
    )?
    .execute(params![change, id])?;
    for (child, table) in deleted_with(conn, change, old_id)? {
        let Some((_, sql)) = CHILD_INSERTS.iter().find(|(t, _)| *t == table) else {
            continue;
        };
        conn.prepare_cached(sql)?
            .execute(params![child, id])
            .map_err(|e| {
                Error::invalid(format!(
                    "cannot restore {slug}: a row of {table} refers to something deleted since ({e})"
                ))
            })?;
    }
    Ok((id, slug))
}

/// The child rows deleted in the same statement as the deal: the unbroken run of
/// delete changes of that deal around the deal's own (one writer at a time keeps
/// a statement's changes together). In id order.
fn deleted_with(conn: &Connection, change: i64, deal: i64) -> Result<Vec<(i64, String)>> {
    const BEFORE: &str =
        "SELECT id, deal_id, operation, table_name FROM changes WHERE id < ?1 ORDER BY id DESC";
    const AFTER: &str =
        "SELECT id, deal_id, operation, table_name FROM changes WHERE id > ?1 ORDER BY id";
    let mut run = Vec::new();
    for sql in [BEFORE, AFTER] {
        let mut stmt = conn.prepare_cached(sql)?;
        let mut rows = stmt.query([change])?;
        while let Some(r) = rows.next()? {
            let (id, owner, op, table): (i64, Option<i64>, String, String) =
                (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
            if owner != Some(deal) || op != "delete" || table == "deals" {
                break;
            }
            run.push((id, table));
        }
    }
    run.sort();
    Ok(run)
}
