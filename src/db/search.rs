//! Full-text search over `articles_fts` and `deals_fts`, ranked by bm25 with
//! titles weighing more than bodies and notes.

use rusqlite::{Connection, Row, params};

use crate::error::{Error, Result};
use crate::model::fts::{Hit, HitKind, MATCH_END, MATCH_START};

pub use crate::model::fts::Scope;

/// How many deals an article hit lists.
const LINKED_DEALS: u32 = 3;

/// Words of context in a snippet.
const SNIPPET_WORDS: u32 = 16;

const ARTICLES_SQL: &str = "
    SELECT a.id, a.slug, a.title,
           snippet(articles_fts, -1, ?2, ?3, '…', ?4),
           bm25(articles_fts, 5.0, 1.0) AS score
      FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
     WHERE articles_fts MATCH ?1
     ORDER BY score, a.id
     LIMIT ?5";

const DEALS_SQL: &str = "
    SELECT d.id, d.slug, d.title,
           snippet(deals_fts, -1, ?2, ?3, '…', ?4),
           bm25(deals_fts, 5.0, 1.0) AS score
      FROM deals_fts JOIN deals d ON d.id = deals_fts.rowid
     WHERE deals_fts MATCH ?1
     ORDER BY score, d.id
     LIMIT ?5";

const LINKED_DEALS_SQL: &str = "
    SELECT d.slug FROM deals d
     WHERE d.id IN (SELECT deal_id FROM deal_sources WHERE article_id = ?1)
     ORDER BY d.announced_on DESC, d.id
     LIMIT ?2";

/// The best `limit` hits for an FTS5 query (see [`crate::model::fts::query`]),
/// best first. A query FTS5 rejects is a usage error.
pub fn search(conn: &Connection, fts_query: &str, scope: Scope, limit: u32) -> Result<Vec<Hit>> {
    let mut hits = Vec::new();
    if scope != Scope::Deals {
        hits.extend(run(conn, ARTICLES_SQL, HitKind::Article, fts_query, limit)?);
    }
    if scope != Scope::Articles {
        hits.extend(run(conn, DEALS_SQL, HitKind::Deal, fts_query, limit)?);
    }
    hits.sort_by(|a, b| a.rank.total_cmp(&b.rank));
    hits.truncate(limit as usize);
    let mut linked = conn.prepare_cached(LINKED_DEALS_SQL)?;
    for hit in hits.iter_mut().filter(|h| h.kind == HitKind::Article) {
        hit.deals = linked
            .query_map(params![hit.id, LINKED_DEALS], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
    }
    Ok(hits)
}

fn run(
    conn: &Connection,
    sql: &str,
    kind: HitKind,
    fts_query: &str,
    limit: u32,
) -> Result<Vec<Hit>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let found = stmt
        .query_map(
            params![
                fts_query,
                MATCH_START.to_string(),
                MATCH_END.to_string(),
                SNIPPET_WORDS,
                limit
            ],
            |r| hit(kind, r),
        )
        .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>());
    found.map_err(|e| match query_message(&e) {
        Some(message) => Error::usage(format!("search: {message}")),
        None => Error::from(e),
    })
}

fn hit(kind: HitKind, r: &Row<'_>) -> rusqlite::Result<Hit> {
    Ok(Hit {
        kind,
        id: r.get(0)?,
        slug: r.get(1)?,
        title: r.get(2)?,
        snippet: r.get::<_, Option<String>>(3)?.unwrap_or_default(),
        rank: r.get(4)?,
        deals: Vec::new(),
    })
}

/// The message of an error that FTS5 raised while running a prepared search: the
/// statement itself is fixed, so a plain SQL error there is about the query text.
fn query_message(e: &rusqlite::Error) -> Option<String> {
    match e {
        rusqlite::Error::SqliteFailure(f, Some(m)) if f.code == rusqlite::ErrorCode::Unknown => {
            Some(m.replace(['\n', '\r'], " "))
        }
        _ => None,
    }
}
