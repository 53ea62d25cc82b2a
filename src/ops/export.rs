//! Reading the database back as interchange records, in an order that depends on
//! the content only (names, slugs), never on ids: two exports of the same data
//! are the same, and so is an export of a database rebuilt from an export.
//!
//! Records are handed to a callback one at a time, so an export never holds the
//! whole database in memory.

use rusqlite::{Connection, Row};

use crate::db::{date_columns, required_date};
use crate::error::Result;
use crate::model::PartialDate;
use crate::model::document::{ArticleDoc, CompanyDoc, DealDoc, EventDoc, PartyDoc, SourceDoc};

/// Every company by name, with its other names and its parent.
pub fn companies(conn: &Connection, each: &mut dyn FnMut(CompanyDoc) -> Result<()>) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT c.id, c.name, c.slug, c.kind, c.country, p.name, c.website, c.description
         FROM companies c LEFT JOIN companies p ON p.id = c.parent_id
         ORDER BY c.name COLLATE NOCASE, c.name",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let name: String = r.get(1)?;
        let mut aliases: Vec<String> = conn
            .prepare_cached("SELECT alias FROM company_aliases WHERE company_id = ?1")?
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        aliases.retain(|a: &String| a != &name);
        aliases.sort_by(|a, b| a.to_lowercase().cmp(&b.to_lowercase()).then(a.cmp(b)));
        each(CompanyDoc {
            name,
            slug: Some(r.get(2)?),
            kind: Some(r.get(3)?),
            country: r.get(4)?,
            parent: r.get(5)?,
            aliases,
            website: r.get(6)?,
            description: r.get(7)?,
            reject_reason: None,
        })?;
    }
    Ok(())
}

/// Every article by slug (its key), with its body inline.
pub fn articles(conn: &Connection, each: &mut dyn FnMut(ArticleDoc) -> Result<()>) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT slug, url, title, publisher, author, language, published_on,
                published_precision, summary, body
         FROM articles ORDER BY slug",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let body: String = r.get(9)?;
        each(ArticleDoc {
            key: Some(r.get(0)?),
            url: r.get(1)?,
            title: r.get(2)?,
            publisher: r.get(3)?,
            author: r.get(4)?,
            language: r.get(5)?,
            published_on: date(r, 6)?,
            summary: r.get(8)?,
            body: (!body.is_empty()).then_some(body),
            body_file: None,
            reject_reason: None,
        })?;
    }
    Ok(())
}

/// Every deal by slug, with its parties, tags, events and sources.
pub fn deals(conn: &Connection, each: &mut dyn FnMut(DealDoc) -> Result<()>) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT id, slug, title, kind, status, announced_on, announced_precision,
                value_amount, value_currency, value_qualifier, term_months,
                starts_on, starts_precision, notes
         FROM deals ORDER BY slug",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let mut deal = DealDoc {
            slug: Some(r.get(1)?),
            title: r.get(2)?,
            kind: r.get(3)?,
            status: Some(r.get(4)?),
            announced_on: date(r, 5)?,
            value_amount: r.get(7)?,
            value_currency: r.get(8)?,
            value_qualifier: r.get(9)?,
            term_months: r.get(10)?,
            starts_on: date(r, 11)?,
            notes: r.get(13)?,
            ..Default::default()
        };
        fill(conn, id, &mut deal)?;
        each(deal)?;
    }
    Ok(())
}

/// The parties, tags, events and sources of deal `id`, in content order.
fn fill(conn: &Connection, id: i64, deal: &mut DealDoc) -> Result<()> {
    deal.parties = conn
        .prepare_cached(
            "SELECT c.name, p.role FROM deal_parties p JOIN companies c ON c.id = p.company_id
             WHERE p.deal_id = ?1 ORDER BY c.name COLLATE NOCASE, c.name, p.role",
        )?
        .query_map([id], |r| {
            Ok(PartyDoc {
                company: r.get(0)?,
                role: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    deal.tags = conn
        .prepare_cached("SELECT tag FROM deal_tags WHERE deal_id = ?1 ORDER BY tag")?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut events: Vec<(PartialDate, EventDoc)> = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT occurs_on, occurs_precision, kind, note FROM deal_events WHERE deal_id = ?1",
    )?;
    let mut rows = stmt.query([id])?;
    while let Some(r) = rows.next()? {
        let on = required_date(r, 0)?;
        let event = EventDoc {
            on: on.to_string(),
            kind: r.get(2)?,
            note: r.get(3)?,
        };
        events.push((on, event));
    }
    events.sort_by(|(a, x), (b, y)| (a, &x.kind, &x.note).cmp(&(b, &y.kind, &y.note)));
    deal.events = events.into_iter().map(|(_, e)| e).collect();
    deal.sources = conn
        .prepare_cached(
            "SELECT a.slug, s.quote, s.stated_amount, s.stated_currency, s.stated_qualifier
             FROM deal_sources s JOIN articles a ON a.id = s.article_id
             WHERE s.deal_id = ?1 ORDER BY a.slug, s.quote",
        )?
        .query_map([id], |r| {
            let quote: String = r.get(1)?;
            Ok(SourceDoc {
                article: r.get(0)?,
                quote: (!quote.is_empty()).then_some(quote),
                stated: None,
                stated_amount: r.get(2)?,
                stated_currency: r.get(3)?,
                stated_qualifier: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(())
}

/// A date from its two columns at `at` and `at + 1`, as the document writes it.
fn date(r: &Row<'_>, at: usize) -> rusqlite::Result<Option<String>> {
    Ok(date_columns(r, at)?.map(|d| d.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;

    #[test]
    fn the_seed_set_exports_in_content_order() {
        let db = Db::open_in_memory().unwrap();
        crate::ops::seed::load(&db).unwrap();
        let mut names = Vec::new();
        companies(db.conn(), &mut |c| {
            names.push(c.name);
            Ok(())
        })
        .unwrap();
        let mut sorted = names.clone();
        sorted.sort_by_key(|n| n.to_lowercase());
        assert_eq!(names, sorted);
        let mut slugs = Vec::new();
        deals(db.conn(), &mut |d| {
            assert!(d.status.is_some());
            slugs.push(d.slug.unwrap_or_default());
            Ok(())
        })
        .unwrap();
        assert_eq!(slugs.len(), 12);
        assert!(slugs.windows(2).all(|w| w[0] < w[1]), "{slugs:?}");
    }
}
