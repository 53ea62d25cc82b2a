//! The writes of a CSV import that are not a deal's own: companies and
//! articles named by rows, and the set of deals rows have touched.

use rusqlite::{Connection, OptionalExtension};

use crate::db::articles::{self, ArticleInput};
use crate::db::import::Counts;
use crate::db::{SlugTable, free_slug};
use crate::error::Result;
use crate::model::SourceInput;

/// The company with this name or alias (any case).
pub fn company_id(conn: &Connection, name: &str) -> Result<Option<i64>> {
    // Not a join: SQLite (with STAT4) prepares a join on the alias again for
    // every new name, which costs more than the lookup.
    Ok(conn
        .prepare_cached("SELECT company_id FROM company_aliases WHERE alias = ?1")?
        .query_row([name], |r| r.get(0))
        .optional()?)
}

/// A company known only by the name a row gives it; the name becomes its
/// first alias (by the schema's trigger).
pub fn new_company(conn: &Connection, name: &str) -> Result<i64> {
    let slug = free_slug(conn, SlugTable::Companies, name, None)?;
    conn.prepare_cached(
        "INSERT OR FAIL INTO companies (slug, name, kind) VALUES (?1, ?2, 'company')",
    )?
    .execute([&slug, name])?;
    Ok(conn.last_insert_rowid())
}

pub fn source_link(article_id: i64) -> SourceInput {
    SourceInput {
        article_id,
        quote: String::new(),
        stated: None,
    }
}

/// The article with this URL, created (known by its URL only) when new.
pub fn article_for(conn: &Connection, url: &str, counts: &mut Counts) -> Result<i64> {
    let found = conn
        .prepare_cached("SELECT id FROM articles WHERE url = ?1")?
        .query_row([url], |r| r.get(0));
    match found {
        Ok(id) => Ok(id),
        Err(rusqlite::Error::QueryReturnedNoRows) => {
            let words = url.split_once("://").map_or(url, |(_, rest)| rest);
            let words = words.strip_prefix("www.").unwrap_or(words);
            counts.inserted += 1;
            articles::insert(
                conn,
                &ArticleInput {
                    slug: free_slug(conn, SlugTable::Articles, words, None)?,
                    url: Some(url.to_string()),
                    title: url.to_string(),
                    ..Default::default()
                },
            )
        }
        Err(e) => Err(e.into()),
    }
}

/// A set of deal ids as bits: an eighth of a byte per stored deal.
#[derive(Default)]
pub struct Bits(fixedbitset::FixedBitSet);

impl Bits {
    pub fn get(&self, id: i64) -> bool {
        usize::try_from(id).is_ok_and(|id| self.0.contains(id))
    }

    pub fn set(&mut self, id: i64) {
        if let Ok(id) = usize::try_from(id) {
            self.0.grow_and_insert(id);
        }
    }
}
