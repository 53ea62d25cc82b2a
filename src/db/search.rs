//! Full-text search over `articles_fts` and `deals_fts`, ranked by bm25 with
//! titles weighing more than bodies and notes, and over `articles_cjk` and
//! `deals_cjk`, the trigram indexes of texts in Chinese, Japanese or Korean
//! (migration V7).

use rusqlite::params;

use crate::db::{Conn, Row, Statement};

use crate::error::{Error, Result};
use crate::model::fts::{Hit, HitKind, MATCH_END, MATCH_START};

pub use crate::model::fts::Scope;

/// How many deals an article hit lists.
const LINKED_DEALS: u32 = 3;

/// Words of context in a snippet.
const SNIPPET_WORDS: u32 = 16;

/// The ranked matches of an FTS5 table `$fts` over the table `$table`: id,
/// slug, title, a snippet of column `$column` (-1: the best one) with the
/// matches between `?2` and `?3` and `?4` words of context, and the bm25
/// score (`$weights`, lower is better), best first, at most `?5`. `?1` is the
/// FTS5 query. The names come from the fixed list below, never from input.
macro_rules! ranked {
    ($table:literal, $fts:literal, $column:literal, $weights:literal) => {
        concat!(
            "SELECT t.id, t.slug, t.title, snippet(",
            $fts,
            ", ",
            $column,
            ", ?2, ?3, '…', ?4), bm25(",
            $fts,
            $weights,
            ") AS score FROM ",
            $fts,
            " JOIN ",
            $table,
            " t ON t.id = ",
            $fts,
            ".rowid WHERE ",
            $fts,
            " MATCH ?1 ORDER BY score, t.id LIMIT ?5"
        )
    };
}

/// A CJK word of one or two characters (`?1`), which trigrams cannot find:
/// the rows of `$table` that its CJK index `$cjk` holds and whose text holds
/// the word, unranked (0), with the text around its first occurrence (`?4`
/// characters each side) as the snippet, at most `?5`.
macro_rules! short_cjk {
    ($table:literal, $cjk:literal) => {
        concat!(
            "SELECT t.id, t.slug, t.title,
                    substr(t.search_cjk, max(1, instr(t.search_cjk, ?1) - ?4),
                           instr(t.search_cjk, ?1) - max(1, instr(t.search_cjk, ?1) - ?4))
                      || ?2 || ?1 || ?3
                      || substr(t.search_cjk, instr(t.search_cjk, ?1) + length(?1), ?4),
                    0.0 AS score
               FROM ",
            $table,
            " t
              WHERE t.id IN (SELECT id FROM ",
            $cjk,
            "_docsize) AND instr(t.search_cjk, ?1) > 0
              ORDER BY t.id
              LIMIT ?5"
        )
    };
}

const ARTICLES_SQL: &str = ranked!("articles", "articles_fts", "-1", ", 5.0, 1.0, 1.0");
const DEALS_SQL: &str = ranked!("deals", "deals_fts", "-1", ", 5.0, 1.0, 1.0");
const ARTICLES_CJK_SQL: &str = ranked!("articles", "articles_cjk", "0", "");
const DEALS_CJK_SQL: &str = ranked!("deals", "deals_cjk", "0", "");
const ARTICLES_SHORT_CJK_SQL: &str = short_cjk!("articles", "articles_cjk");
const DEALS_SHORT_CJK_SQL: &str = short_cjk!("deals", "deals_cjk");

/// Characters of Chinese, Japanese and Korean text: the ranges the
/// `search_cjk` columns of migration V7 look for (CJK radicals to unified
/// ideographs, kana included; Hangul syllables; compatibility ideographs).
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{2e80}'..='\u{9fff}' | '\u{ac00}'..='\u{d7af}' | '\u{f900}'..='\u{faff}')
}

/// The word of a query that is one CJK word of one or two characters
/// (`"腾讯"`, `"华为"*`): trigrams need three characters, so such a word is
/// looked for in the text of the rows the CJK indexes hold.
fn short_cjk_word(fts_query: &str) -> Option<&str> {
    let inner = fts_query.strip_prefix('"')?;
    let inner = inner
        .strip_suffix('"')
        .or_else(|| inner.strip_suffix("\"*"))?;
    let chars = inner.chars().count();
    ((1..=2).contains(&chars) && inner.chars().all(is_cjk)).then_some(inner)
}

/// Whether an FTS5 query (as [`crate::model::fts::query`] writes it) has a
/// NOT operator: one outside its quoted terms.
fn has_not(fts_query: &str) -> bool {
    fts_query
        .split('"')
        .step_by(2)
        .any(|outside| outside.split_whitespace().any(|word| word == "NOT"))
}

const LINKED_DEALS_SQL: &str = "
    SELECT d.slug FROM deals d
     WHERE d.id IN (SELECT deal_id FROM deal_sources WHERE article_id = ?1)
     ORDER BY d.announced_on DESC, d.id
     LIMIT ?2";

/// Hands the best `limit` hits for an FTS5 query (see
/// [`crate::model::fts::query`], with [`crate::model::slug::fold_letters`]
/// applied) to `each`, best first, as they are read: the article and deal
/// matches come ranked from their statements, word indexes and CJK indexes,
/// and are merged (an article before a deal of the same rank, a record found
/// by both indexes once). A query FTS5 rejects is a usage error.
pub fn each(
    conn: &Conn,
    fts_query: &str,
    scope: Scope,
    limit: u32,
    each: &mut dyn FnMut(Hit) -> Result<()>,
) -> Result<()> {
    if conn.postgres().is_some() {
        return each_postgres(conn, fts_query, scope, limit, each);
    }
    let (start, end) = (MATCH_START.to_string(), MATCH_END.to_string());
    // The trigram indexes match any substring, so a prefix is implied; a CJK
    // word too short for them is looked for in their rows' text.
    let short = short_cjk_word(fts_query);
    let substring = short.map_or_else(|| fts_query.replace('*', ""), str::to_string);
    let (articles_cjk, deals_cjk) = match short {
        Some(_) => (ARTICLES_SHORT_CJK_SQL, DEALS_SHORT_CJK_SQL),
        None => (ARTICLES_CJK_SQL, DEALS_CJK_SQL),
    };
    // A record the word index leaves out by a NOT must not come back through
    // the CJK index, which cannot see words of fewer than three characters:
    // a query with NOT is answered by the word index alone.
    let cjk = !has_not(fts_query);
    let mut statements = [
        (scope != Scope::Deals).then_some((ARTICLES_SQL, HitKind::Article, fts_query)),
        (scope != Scope::Articles).then_some((DEALS_SQL, HitKind::Deal, fts_query)),
        (scope != Scope::Deals && cjk).then_some((articles_cjk, HitKind::Article, &substring)),
        (scope != Scope::Articles && cjk).then_some((deals_cjk, HitKind::Deal, &substring)),
    ]
    .into_iter()
    .flatten()
    .map(|(sql, kind, query)| Ok((conn.prepare_cached(sql)?, kind, query)))
    .collect::<Result<Vec<_>>>()?;
    let mut cursors = Vec::new();
    for (stmt, kind, query) in &mut statements {
        let args = params![*query, start, end, SNIPPET_WORDS, limit];
        cursors.push((stmt.query(args).map_err(search_error)?, *kind, None));
    }
    let mut linked = conn.prepare_cached(LINKED_DEALS_SQL)?;
    // What was handed out, so that a record both indexes find comes once.
    let mut seen = std::collections::HashSet::new();
    let mut handed = 0;
    while handed < limit {
        for (rows, kind, head) in &mut cursors {
            if head.is_none() {
                *head = match rows.next().map_err(search_error)? {
                    Some(r) => Some(hit(*kind, &r)?),
                    None => None,
                };
            }
        }
        let best = cursors
            .iter_mut()
            .filter(|c| c.2.is_some())
            .reduce(|best, c| match (&c.2, &best.2) {
                (Some(h), Some(b)) if h.rank < b.rank => c,
                _ => best,
            });
        let Some(mut hit) = best.and_then(|c| c.2.take()) else {
            break;
        };
        if !seen.insert((hit.kind, hit.id)) {
            continue;
        }
        add_linked_deals(&mut linked, &mut hit)?;
        each(hit)?;
        handed += 1;
    }
    Ok(())
}

/// The ranked matches of a PostgreSQL table over its `search_vector` column
/// (migrations-postgres/V1): id, slug, title, a headline of the folded text
/// (`?2` the options: the match marks and the words of context) and minus
/// `ts_rank_cd` (lower is better, as bm25), best first, at most `?3`; `?1` is
/// the `tsquery` text. Or, for Chinese, Japanese and Korean text, the rows
/// whose `search_cjk` holds `?4`, unranked. The names come from this fixed
/// list, never from input.
macro_rules! ranked_postgres {
    ($table:literal, $text:literal) => {
        concat!(
            "SELECT t.id, t.slug, t.title,
                    ts_headline('simple', deals_fold(",
            $text,
            "), q, ?2),
                    -ts_rank_cd(t.search_vector, q)::float8 AS score
               FROM ",
            $table,
            " t, to_tsquery('simple', deals_fold(?1)) AS q
              WHERE ?1 <> '' AND t.search_vector @@ q
             UNION ALL
             SELECT t.id, t.slug, t.title, '', 0.0::float8
               FROM ",
            $table,
            " t
              WHERE ?4 <> '' AND t.search_cjk LIKE '%' || ?4 || '%'
             ORDER BY 5, 1
             LIMIT ?3"
        )
    };
}

/// [`each`] on PostgreSQL: the same merge of article and deal hits, ranked by
/// `ts_rank_cd` where SQLite ranks by bm25 (see the README's team mode).
fn each_postgres(
    conn: &Conn,
    fts_query: &str,
    scope: Scope,
    limit: u32,
    each: &mut dyn FnMut(Hit) -> Result<()>,
) -> Result<()> {
    const ARTICLES: &str = ranked_postgres!("articles", "t.title || ' ' || t.body");
    const DEALS: &str = ranked_postgres!("deals", "t.title || ' ' || coalesce(t.notes, '')");
    let tsquery = crate::model::fts::tsquery(fts_query);
    let cjk: String = fts_query.chars().filter(|c| is_cjk(*c)).collect();
    let options = format!(
        "StartSel={MATCH_START}, StopSel={MATCH_END}, MaxWords={SNIPPET_WORDS}, MinWords=4, \
         ShortWord=0, MaxFragments=1, FragmentDelimiter=…"
    );
    let mut hits = Vec::new();
    for (sql, kind, wanted) in [
        (ARTICLES, HitKind::Article, scope != Scope::Deals),
        (DEALS, HitKind::Deal, scope != Scope::Articles),
    ] {
        if wanted {
            let found = conn
                .prepare_cached(sql)?
                .query_map::<_, Vec<_>>(params![tsquery, options, limit, cjk], |r| hit(kind, r))?;
            hits.extend(found);
        }
    }
    // Best first; an article before a deal of the same rank; a record found
    // by both indexes once.
    hits.sort_by(|a, b| a.rank.total_cmp(&b.rank).then(a.kind.cmp(&b.kind)));
    let mut seen = std::collections::HashSet::new();
    let mut linked = conn.prepare_cached(LINKED_DEALS_SQL)?;
    let hits = hits.into_iter().filter(|h| seen.insert((h.kind, h.id)));
    for mut hit in hits.take(limit as usize) {
        add_linked_deals(&mut linked, &mut hit)?;
        each(hit)?;
    }
    Ok(())
}

/// Lists the deals an article hit reports (`linked` is [`LINKED_DEALS_SQL`]).
fn add_linked_deals(linked: &mut Statement<'_>, hit: &mut Hit) -> Result<()> {
    if hit.kind == HitKind::Article {
        hit.deals = linked.query_map(params![hit.id, LINKED_DEALS], |r| r.get(0))?;
    }
    Ok(())
}

/// An error FTS5 raised while running a search statement, as a usage error
/// when it is about the query text.
fn search_error(e: Error) -> Error {
    match &e {
        Error::Sqlite(inner) => match query_message(inner) {
            Some(message) => Error::usage(format!("search: {message}")),
            None => e,
        },
        _ => e,
    }
}

fn hit(kind: HitKind, r: &Row<'_>) -> Result<Hit> {
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
