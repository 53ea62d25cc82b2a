//! Reading the database back as interchange records, in an order that depends on
//! the content only (names, slugs), never on ids: two exports of the same data
//! are the same, and so is an export of a database rebuilt from an export.
//!
//! Records are handed to a callback one at a time, so an export never holds the
//! whole database in memory.

use crate::db::deals::by_deal;
use crate::db::{Conn, Row};

use crate::db::{date_columns, required_date};
use crate::error::Result;
use crate::model::PartialDate;
use crate::model::document::{ArticleDoc, CompanyDoc, DealDoc, EventDoc, PartyDoc, SourceDoc};

/// Every company by name, with its other names and its parent.
pub fn companies(conn: &Conn, each: &mut dyn FnMut(CompanyDoc) -> Result<()>) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.id, c.name, c.slug, c.kind, c.country, p.name, c.website, c.description
         FROM companies c LEFT JOIN companies p ON p.id = c.parent_id
         ORDER BY c.name COLLATE NOCASE, c.name",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(ref r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let name: String = r.get(1)?;
        let mut aliases: Vec<String> = conn
            .prepare_cached("SELECT alias FROM company_aliases WHERE company_id = ?1")?
            .query_map([id], |r| r.get(0))?;
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
pub fn articles(conn: &Conn, each: &mut dyn FnMut(ArticleDoc) -> Result<()>) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT slug, url, title, publisher, author, language, published_on,
                published_precision, summary, body
         FROM articles ORDER BY slug",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(ref r) = rows.next()? {
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

/// How many deals get their parties, tags, events and sources in one query.
const CHUNK: usize = 1000;

/// Every deal by slug, with its parties, tags, events and sources: read a
/// chunk of deals at a time, each chunk filled with four set-wise queries.
pub fn deals(conn: &Conn, each: &mut dyn FnMut(DealDoc) -> Result<()>) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, slug, title, kind, status, announced_on, announced_precision,
                value_amount, value_currency, value_qualifier, term_months,
                starts_on, starts_precision, notes
         FROM deals ORDER BY slug",
    )?;
    let mut rows = stmt.query([])?;
    let mut chunk: Vec<(i64, DealDoc)> = Vec::with_capacity(CHUNK);
    while let Some(ref r) = rows.next()? {
        let deal = DealDoc {
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
        chunk.push((r.get(0)?, deal));
        if chunk.len() == CHUNK {
            fill(conn, &mut chunk)?;
            chunk.drain(..).try_for_each(|(_, deal)| each(deal))?;
        }
    }
    fill(conn, &mut chunk)?;
    chunk.drain(..).try_for_each(|(_, deal)| each(deal))
}

/// The parties, tags, events and sources of the deals of `chunk` (by id), in
/// content order.
fn fill(conn: &Conn, chunk: &mut [(i64, DealDoc)]) -> Result<()> {
    let ids: Vec<i64> = chunk.iter().map(|(id, _)| *id).collect();
    by_deal(
        conn,
        "SELECT p.deal_id, c.name, p.role FROM deal_parties p JOIN companies c ON c.id = p.company_id
         WHERE p.deal_id IN (SELECT value FROM json_each(?1))
         ORDER BY p.deal_id, c.name COLLATE NOCASE, c.name, p.role",
        &ids,
        |i, r| {
            chunk[i].1.parties.push(PartyDoc {
                company: r.get(1)?,
                role: r.get(2)?,
            });
            Ok(())
        },
    )?;
    for ((_, deal), tags) in chunk.iter_mut().zip(crate::db::deals::tags(conn, &ids)?) {
        deal.tags = tags;
    }
    by_deal(
        conn,
        "SELECT s.deal_id, a.slug, s.quote, s.stated_amount, s.stated_currency, s.stated_qualifier
         FROM deal_sources s JOIN articles a ON a.id = s.article_id
         WHERE s.deal_id IN (SELECT value FROM json_each(?1))
         ORDER BY s.deal_id, a.slug, s.quote",
        &ids,
        |i, r| {
            let quote: String = r.get(2)?;
            chunk[i].1.sources.push(SourceDoc {
                article: r.get(1)?,
                quote: (!quote.is_empty()).then_some(quote),
                stated: None,
                stated_amount: r.get(3)?,
                stated_currency: r.get(4)?,
                stated_qualifier: r.get(5)?,
            });
            Ok(())
        },
    )?;
    // Events in date order; a date sorts by its first day, then its precision.
    let mut events: Vec<Vec<(PartialDate, EventDoc)>> = vec![Vec::new(); chunk.len()];
    by_deal(
        conn,
        "SELECT deal_id, occurs_on, occurs_precision, kind, note FROM deal_events
         WHERE deal_id IN (SELECT value FROM json_each(?1))",
        &ids,
        |i, r| {
            let on = required_date(r, 1)?;
            let event = EventDoc {
                on: on.to_string(),
                kind: r.get(3)?,
                note: r.get(4)?,
            };
            events[i].push((on, event));
            Ok(())
        },
    )?;
    for ((_, deal), mut events) in chunk.iter_mut().zip(events) {
        events.sort_by(|(a, x), (b, y)| (a, &x.kind, &x.note).cmp(&(b, &y.kind, &y.note)));
        deal.events = events.into_iter().map(|(_, e)| e).collect();
    }
    Ok(())
}

/// A date from its two columns at `at` and `at + 1`, as the document writes it.
fn date(r: &Row<'_>, at: usize) -> Result<Option<String>> {
    Ok(date_columns(r, at)?.map(|d| d.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;

    #[test]
    fn deals_past_a_chunk_get_their_own_parties_tags_events_and_sources() {
        let db = Db::open_in_memory().unwrap();
        crate::ops::seed::load(&db).unwrap();
        let c = db.conn();
        c.execute_batch(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2500)
             INSERT INTO deals (slug, title, kind) SELECT 'bulk-' || i, 'Bulk ' || i, 'other' FROM n;
             INSERT INTO deal_parties (deal_id, company_id, role)
               SELECT d.id, 1 + d.id % 15, 'partner' FROM deals d WHERE d.slug LIKE 'bulk-%';
             INSERT INTO deal_tags (deal_id, tag)
               SELECT id, 't' || (id % 7) FROM deals WHERE id % 3 = 0;
             INSERT INTO deal_events (deal_id, occurs_on, occurs_precision, kind)
               SELECT id, '2025-0' || (1 + id % 9) || '-01', 'month', 'milestone'
               FROM deals WHERE id % 5 = 0;
             INSERT INTO deal_sources (deal_id, article_id, quote)
               SELECT id, 1, 'q' || id FROM deals WHERE id % 11 = 0;",
        )
        .unwrap();
        let mut seen = 0;
        deals(c, &mut |deal| {
            let slug = deal.slug.clone().unwrap();
            let one = |sql: &str| -> Vec<String> {
                c.prepare_cached(sql)
                    .unwrap()
                    .query_map([&slug], |r| r.get(0))
                    .unwrap()
            };
            let parties = one(
                "SELECT c.name || ':' || p.role FROM deal_parties p
                 JOIN companies c ON c.id = p.company_id JOIN deals d ON d.id = p.deal_id
                 WHERE d.slug = ?1 ORDER BY c.name COLLATE NOCASE, c.name, p.role",
            );
            let got: Vec<String> =
                deal.parties.iter().map(|p| format!("{}:{}", p.company, p.role)).collect();
            assert_eq!(got, parties, "{slug}");
            let tags = one(
                "SELECT tag FROM deal_tags t JOIN deals d ON d.id = t.deal_id
                 WHERE d.slug = ?1 ORDER BY tag",
            );
            assert_eq!(deal.tags, tags, "{slug}");
            let events = one(
                "SELECT CAST(count(*) AS TEXT) FROM deal_events e JOIN deals d ON d.id = e.deal_id WHERE d.slug = ?1",
            );
            assert_eq!(deal.events.len().to_string(), events[0], "{slug}");
            let quotes = one(
                "SELECT quote FROM deal_sources s JOIN deals d ON d.id = s.deal_id
                 JOIN articles a ON a.id = s.article_id WHERE d.slug = ?1 ORDER BY a.slug, quote",
            );
            let got: Vec<String> =
                deal.sources.iter().map(|s| s.quote.clone().unwrap_or_default()).collect();
            assert_eq!(got, quotes, "{slug}");
            seen += 1;
            Ok(())
        })
        .unwrap();
        assert_eq!(seen, 2512);
    }

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
