//! Slugs of deals, companies and articles: free ones for new rows.

use std::collections::HashSet;

use crate::db::Conn;

use crate::error::{Error, Result};

/// The tables whose rows carry a slug; the one place their names enter SQL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlugTable {
    Deals,
    Companies,
    Articles,
}

impl SlugTable {
    fn noun(self) -> &'static str {
        match self {
            SlugTable::Deals => "deal",
            SlugTable::Companies => "company",
            SlugTable::Articles => "article",
        }
    }

    fn exists_sql(self) -> &'static str {
        match self {
            SlugTable::Deals => "SELECT 1 FROM deals WHERE slug = ?1",
            SlugTable::Companies => "SELECT 1 FROM companies WHERE slug = ?1",
            SlugTable::Articles => "SELECT 1 FROM articles WHERE slug = ?1",
        }
    }
}

/// Whether a row of `table` already has `slug`.
pub fn slug_taken(conn: &Conn, table: SlugTable, slug: &str) -> Result<bool> {
    conn.prepare_cached(table.exists_sql())?.exists([slug])
}

/// The slug for a new row: `wanted` when given (validated, and an error if taken),
/// else one made from `text`, made unique with -2, -3, ...
pub fn free_slug(
    conn: &Conn,
    table: SlugTable,
    text: &str,
    wanted: Option<&str>,
) -> Result<String> {
    if let Some(wanted) = wanted {
        crate::model::slug::validate(wanted).map_err(|e| Error::usage(e.to_string()))?;
        if slug_taken(conn, table, wanted)? {
            return Err(Error::invalid(format!(
                "a {} with slug '{wanted}' already exists",
                table.noun()
            )));
        }
        return Ok(wanted.to_string());
    }
    free_slug_besides(conn, table, text, &HashSet::new())
}

/// A slug made from `text` that no row of `table` has and that is not in
/// `besides` (the slugs of rows about to be inserted with it), made unique with
/// -2, -3, ...
pub fn free_slug_besides(
    conn: &Conn,
    table: SlugTable,
    text: &str,
    besides: &HashSet<String>,
) -> Result<String> {
    let mut failure = None;
    let base = crate::model::slug::slugify(text);
    let chosen = crate::model::slug::unique(&base, table.noun(), |s| {
        besides.contains(s)
            || slug_taken(conn, table, s).unwrap_or_else(|e| {
                failure = Some(e);
                false
            })
    });
    match failure {
        Some(e) => Err(e),
        None => Ok(chosen),
    }
}
