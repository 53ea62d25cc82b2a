//! The audit history kept by triggers in `changes`, and bringing a deleted deal
//! back from it.

use rusqlite::params;

use crate::db::{Conn, OptionalExtension, Row};
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

/// Changes, oldest first (the newest `limit` when limited), in a list.
pub fn list(conn: &Conn, q: &Query) -> Result<Vec<Change>> {
    let mut changes = Vec::new();
    each(conn, q, &mut |change| {
        changes.push(change);
        Ok(())
    })?;
    Ok(changes)
}

/// Hands the changes of `q`, oldest first, to `each` as they are read. Without
/// a limit they come straight from the table in id order; with one, the
/// newest `limit` are picked first.
pub fn each(conn: &Conn, q: &Query, each: &mut dyn FnMut(Change) -> Result<()>) -> Result<()> {
    // The same filter twice: the newest `limit` picked first, or every change
    // straight from the table in id order, without a sort.
    let sql = match q.limit {
        Some(_) => {
            "SELECT * FROM (
               SELECT id, changed_at, table_name, row_key, operation, deal_id, company_id,
                      old_values, new_values FROM changes
               WHERE (?1 IS NULL OR deal_id = ?1)
                 AND (?2 IS NULL OR company_id = ?2
                      OR deal_id IN (SELECT deal_id FROM deal_parties WHERE company_id = ?2))
                 AND (?3 IS NULL OR changed_at >= ?3)
               ORDER BY id DESC LIMIT ?4) AS newest
             ORDER BY id"
        }
        None => {
            "SELECT id, changed_at, table_name, row_key, operation, deal_id, company_id,
                    old_values, new_values FROM changes
             WHERE (?1 IS NULL OR deal_id = ?1)
               AND (?2 IS NULL OR company_id = ?2
                    OR deal_id IN (SELECT deal_id FROM deal_parties WHERE company_id = ?2))
               AND (?3 IS NULL OR changed_at >= ?3)
               AND ?4 IS NULL
             ORDER BY id"
        }
    };
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query(params![q.deal, q.company, q.since, q.limit])?;
    while let Some(ref r) = rows.next()? {
        let json = |i: usize| -> Result<Option<Value>> {
            let text: Option<String> = r.get(i)?;
            Ok(text.and_then(|t| serde_json::from_str(&t).ok()))
        };
        each(Change {
            id: r.get(0)?,
            changed_at: r.get(1)?,
            table: r.get(2)?,
            key: r.get(3)?,
            operation: r.get(4)?,
            deal_id: r.get(5)?,
            company_id: r.get(6)?,
            old: json(7)?,
            new: json(8)?,
        })?;
    }
    Ok(())
}

/// The id a deal had, live or deleted, from its slug or id.
pub fn deal_id(conn: &Conn, text: &str) -> Result<Option<i64>> {
    if let Some((id, _)) = crate::db::deals::resolve(conn, text)? {
        return Ok(Some(id));
    }
    conn.query_row(
        "SELECT deal_id FROM changes WHERE table_name = 'deals'
               AND (json_extract(old_values, '$.slug') = lower(?1)
                    OR json_extract(new_values, '$.slug') = lower(?1)
                    OR CAST(deal_id AS TEXT) = ?1)
             ORDER BY id DESC LIMIT 1",
        [text.trim()],
        |r| r.get(0),
    )
    .optional()
}

/// The tables a deal's delete takes with it, and how to put a row back.
const CHILD_INSERTS: &[(&str, &str)] = &[
    (
        "deal_parties",
        "INSERT INTO deal_parties (deal_id, company_id, role)
         SELECT ?2, CAST(json_extract(old_values, '$.company_id') AS BIGINT), json_extract(old_values, '$.role')
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
         SELECT CAST(json_extract(old_values, '$.id') AS BIGINT), ?2, json_extract(old_values, '$.occurs_on'),
                json_extract(old_values, '$.occurs_precision'), json_extract(old_values, '$.kind'),
                json_extract(old_values, '$.note')
         FROM changes WHERE id = ?1",
    ),
    (
        "deal_sources",
        "INSERT INTO deal_sources (id, deal_id, article_id, quote, stated_amount, stated_currency, stated_qualifier)
         SELECT CAST(json_extract(old_values, '$.id') AS BIGINT), ?2, CAST(json_extract(old_values, '$.article_id') AS BIGINT),
                json_extract(old_values, '$.quote'), CAST(json_extract(old_values, '$.stated_amount') AS BIGINT),
                json_extract(old_values, '$.stated_currency'), json_extract(old_values, '$.stated_qualifier')
         FROM changes WHERE id = ?1",
    ),
];

/// Brings back the most recently deleted deal called `text` (slug or old id),
/// with the parties, tags, events and sources its deletion removed. Returns the
/// deal's id and slug. The caller holds the transaction.
pub fn restore(conn: &Conn, text: &str) -> Result<(i64, String)> {
    let (change, old_id, slug) = last_deleted(
        conn,
        "SELECT id, deal_id, json_extract(old_values, '$.slug') FROM changes
         WHERE table_name = 'deals' AND operation = 'delete'
           AND (json_extract(old_values, '$.slug') = lower(?1) OR CAST(deal_id AS TEXT) = ?1)
         ORDER BY id DESC LIMIT 1",
        text,
        "deal",
    )?;
    let restored_as: Option<(i64, Option<String>)> = conn
        .query_row(
            "SELECT c.deal_id, d.slug FROM changes c LEFT JOIN deals d ON d.id = c.deal_id
             WHERE c.table_name = 'deals' AND c.operation = 'insert'
               AND CAST(json_extract(c.new_values, '$.restored_from') AS BIGINT) = ?1
             ORDER BY c.id DESC LIMIT 1",
            [change],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
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
    let id = conn
        .query_row(RESTORE_DEAL, params![change, new_id], |r| {
            r.get::<_, i64>(0)
        })
        .map_err(|e| Error::invalid(format!("cannot restore {slug}: {e}")))?;
    // The insert's change says which deletion it undoes, so that it is undone once.
    conn.execute(
        "UPDATE changes SET new_values = ?1
         WHERE id = (SELECT max(id) FROM changes
                     WHERE table_name = 'deals' AND operation = 'insert' AND deal_id = ?2)",
        params![
            serde_json::json!({ "restored_from": change }).to_string(),
            id
        ],
    )?;
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

/// Puts back the deal deleted by change `?1` under id `?2` (a new one when
/// NULL); its id.
const RESTORE_DEAL: &str = "INSERT INTO deals (id, slug, title, kind, status, announced_on, announced_precision,
            value_amount, value_currency, value_qualifier, term_months, starts_on,
            starts_precision, notes, created_at, updated_at)
         SELECT ?2, json_extract(old_values, '$.slug'), json_extract(old_values, '$.title'),
            json_extract(old_values, '$.kind'), json_extract(old_values, '$.status'),
            json_extract(old_values, '$.announced_on'), json_extract(old_values, '$.announced_precision'),
            CAST(json_extract(old_values, '$.value_amount') AS BIGINT), json_extract(old_values, '$.value_currency'),
            json_extract(old_values, '$.value_qualifier'), CAST(json_extract(old_values, '$.term_months') AS BIGINT),
            json_extract(old_values, '$.starts_on'), json_extract(old_values, '$.starts_precision'),
            json_extract(old_values, '$.notes'), json_extract(old_values, '$.created_at'),
            json_extract(old_values, '$.updated_at')
         FROM changes WHERE id = ?1 RETURNING id";

/// The latest deletion `sql` finds for `text` (trimmed): (change id, the row's
/// old id, its slug); an error naming the `noun` when there is none.
fn last_deleted(conn: &Conn, sql: &str, text: &str, noun: &str) -> Result<(i64, i64, String)> {
    let text = text.trim();
    conn.query_row(sql, [text], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?
        .ok_or_else(|| {
            Error::invalid(format!(
                "no deleted {noun} '{}' in the history; `deals history` lists changes",
                one_line(text)
            ))
        })
}

/// The child rows deleted in the same statement as the deal: the unbroken run of
/// delete changes of that deal around the deal's own (one writer at a time keeps
/// a statement's changes together). In id order.
fn deleted_with(conn: &Conn, change: i64, deal: i64) -> Result<Vec<(i64, String)>> {
    const BEFORE: &str =
        "SELECT id, deal_id, operation, table_name FROM changes WHERE id < ?1 ORDER BY id DESC";
    const AFTER: &str =
        "SELECT id, deal_id, operation, table_name FROM changes WHERE id > ?1 ORDER BY id";
    run_around(conn, change, [BEFORE, AFTER], |r| {
        let (id, owner, op, table): (i64, Option<i64>, String, String) =
            (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
        let ours = owner == Some(deal) && op == "delete" && table != "deals";
        Ok(ours.then_some((id, table)))
    })
}

/// The rows of `scans` (the changes before `?1`, latest first, then those after
/// it) that `keep` takes, each scan up to the first it refuses; in order.
fn run_around<T: Ord>(
    conn: &Conn,
    change: i64,
    scans: [&str; 2],
    keep: impl Fn(&Row<'_>) -> Result<Option<T>>,
) -> Result<Vec<T>> {
    let mut run = Vec::new();
    for sql in scans {
        let mut stmt = conn.prepare_cached(sql)?;
        let mut rows = stmt.query([change])?;
        while let Some(ref r) = rows.next()? {
            match keep(r)? {
                Some(item) => run.push(item),
                None => break,
            }
        }
    }
    run.sort();
    Ok(run)
}

/// What `restore_article` brought back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestoredArticle {
    pub id: i64,
    pub slug: String,
    /// Source links put back.
    pub links: usize,
    /// Source links left out: their deal is gone, or the same link exists again.
    pub skipped: usize,
}

/// Brings back the most recently deleted article called `text` (slug, URL or
/// old id), body included, with the source links its deletion removed (those
/// whose deal still exists). The caller holds the transaction.
pub fn restore_article(conn: &Conn, text: &str) -> Result<RestoredArticle> {
    let (change, old_id, slug) = last_deleted(
        conn,
        "SELECT id, CAST(row_key AS INTEGER), json_extract(old_values, '$.slug') FROM changes
         WHERE table_name = 'articles' AND operation = 'delete'
           AND (json_extract(old_values, '$.slug') = lower(?1)
                OR json_extract(old_values, '$.url') = ?1 OR row_key = ?1)
         ORDER BY id DESC LIMIT 1",
        text,
        "article",
    )?;
    let taken: Option<String> = conn
        .query_row(
            "SELECT CASE WHEN a.slug = json_extract(c.old_values, '$.slug') THEN 'slug'
                         WHEN a.url = json_extract(c.old_values, '$.url') THEN 'URL'
                         ELSE 'text' END
             FROM changes c JOIN articles a
               ON a.slug = json_extract(c.old_values, '$.slug')
               OR a.url = json_extract(c.old_values, '$.url')
               OR a.content_hash = json_extract(c.old_values, '$.content_hash')
             WHERE c.id = ?1 LIMIT 1",
            [change],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(what) = taken {
        return Err(Error::invalid(format!(
            "cannot restore article {slug}: another article has its {what} now"
        )));
    }
    let id = conn
        .query_row(
            "INSERT INTO articles (id, slug, url, title, publisher, author, language, published_on,
            published_precision, summary, body, content_hash, added_at)
         SELECT CASE WHEN EXISTS (SELECT 1 FROM articles WHERE id = ?2) THEN NULL ELSE ?2 END,
            json_extract(old_values, '$.slug'), json_extract(old_values, '$.url'),
            json_extract(old_values, '$.title'), json_extract(old_values, '$.publisher'),
            json_extract(old_values, '$.author'), json_extract(old_values, '$.language'),
            json_extract(old_values, '$.published_on'),
            json_extract(old_values, '$.published_precision'),
            json_extract(old_values, '$.summary'), coalesce(json_extract(old_values, '$.body'), ''),
            json_extract(old_values, '$.content_hash'), json_extract(old_values, '$.added_at')
         FROM changes WHERE id = ?1 RETURNING id",
            params![change, old_id],
            |r| r.get::<_, i64>(0),
        )
        .map_err(|e| Error::invalid(format!("cannot restore article {slug}: {e}")))?;
    let mut restored = RestoredArticle {
        id,
        slug,
        links: 0,
        skipped: 0,
    };
    let mut insert = conn.prepare_cached(
        "INSERT OR IGNORE INTO deal_sources (id, deal_id, article_id, quote, stated_amount,
            stated_currency, stated_qualifier)
         SELECT CASE WHEN EXISTS (SELECT 1 FROM deal_sources WHERE id = CAST(old_values ->> '$.id' AS BIGINT))
                     THEN NULL ELSE CAST(old_values ->> '$.id' AS BIGINT) END,
                deal_id, ?2, old_values ->> '$.quote', CAST(old_values ->> '$.stated_amount' AS BIGINT),
                old_values ->> '$.stated_currency', old_values ->> '$.stated_qualifier'
         FROM changes WHERE id = ?1 AND deal_id IN (SELECT id FROM deals)",
    )?;
    for link in links_deleted_with(conn, change, old_id)? {
        if insert.execute(params![link, id])? == 1 {
            restored.links += 1;
        } else {
            restored.skipped += 1;
        }
    }
    Ok(restored)
}

/// The source links deleted with article `article` (change `change`): the
/// unbroken run of deletes of its links next to the article's own, made by the
/// same statement (SQLite's 'now' is fixed for a statement, so they share the
/// article's `changed_at`; links unlinked earlier by another command do not).
fn links_deleted_with(conn: &Conn, change: i64, article: i64) -> Result<Vec<i64>> {
    const BEFORE: &str =
        "SELECT c.id, c.table_name, c.operation, CAST(c.old_values ->> '$.article_id' AS BIGINT),
            c.changed_at = a.changed_at
        FROM changes c, changes a WHERE a.id = ?1 AND c.id < ?1 ORDER BY c.id DESC";
    const AFTER: &str =
        "SELECT c.id, c.table_name, c.operation, CAST(c.old_values ->> '$.article_id' AS BIGINT),
            c.changed_at = a.changed_at
        FROM changes c, changes a WHERE a.id = ?1 AND c.id > ?1 ORDER BY c.id";
    run_around(conn, change, [BEFORE, AFTER], |r| {
        let (id, table, op, owner, same_time): (i64, String, String, Option<i64>, bool) =
            (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?);
        let ours = table == "deal_sources" && op == "delete" && owner == Some(article) && same_time;
        Ok(ours.then_some(id))
    })
}
