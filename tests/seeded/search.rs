//! `db::search` on the bundled seed set.

use ::deals::db::Db;
use ::deals::db::search::*;
use ::deals::model::fts::{Hit, HitKind};
use ::deals::model::fts::{mark_snippet, query};

fn seeded() -> Db {
    let db = Db::open_in_memory().unwrap();
    ::deals::ops::seed::load(&db).unwrap();
    db
}

fn find(db: &Db, text: &str, scope: Scope) -> Vec<Hit> {
    search(db, &query(text).unwrap(), scope, 20).unwrap()
}

/// The hits `each` hands out, collected.
fn search(db: &Db, fts_query: &str, scope: Scope, limit: u32) -> ::deals::error::Result<Vec<Hit>> {
    let mut hits = Vec::new();
    each(db.conn(), fts_query, scope, limit, &mut |hit| {
        hits.push(hit);
        Ok(())
    })?;
    Ok(hits)
}

#[test]
fn accents_are_ignored_and_snippets_mark_the_match() {
    let db = seeded();
    let hits = find(&db, "capacita", Scope::All);
    assert!(!hits.is_empty());
    let article = hits.iter().find(|h| h.kind == HitKind::Article).unwrap();
    let marked = mark_snippet(&article.snippet, "[", "]");
    assert!(marked.to_lowercase().contains("[capacità]"), "{marked}");
    assert!(!article.deals.is_empty() && article.deals.len() <= 3);
    assert!(hits.windows(2).all(|w| w[0].rank <= w[1].rank));
}

#[test]
fn prefixes_phrases_scopes_and_limits() {
    let db = seeded();
    assert!(!find(&db, "capac*", Scope::Articles).is_empty());
    assert!(find(&db, "capac", Scope::Articles).is_empty());
    let deals = find(&db, "OpenAI", Scope::Deals);
    assert!(deals.len() > 3 && deals.iter().all(|h| h.kind == HitKind::Deal));
    assert!(deals.iter().all(|h| h.deals.is_empty()));
    let phrase = find(&db, "\"sette anni\"", Scope::All);
    let words = find(&db, "sette OR anni", Scope::All);
    assert!(!phrase.is_empty() && phrase.len() <= words.len());
    let q = query("OpenAI").unwrap();
    assert_eq!(search(&db, &q, Scope::All, 2).unwrap().len(), 2);
    assert!(find(&db, "zzzyzzx", Scope::All).is_empty());
}

#[test]
fn a_query_fts5_rejects_is_a_usage_error() {
    let db = seeded();
    let err = search(&db, "\"unclosed", Scope::All, 5).unwrap_err();
    assert_eq!(err.exit_code(), 2, "{err}");
    assert!(err.to_string().starts_with("search: "), "{err}");
    assert!(!err.to_string().contains('\n'));
}
