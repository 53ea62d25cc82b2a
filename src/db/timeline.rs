//! The timeline: deals' events, and the announcement of deals that record none,
//! in date order.

use crate::db::Conn;
use chrono::NaiveDate;
use rusqlite::params;

use crate::db::required_date;
use crate::error::Result;

pub use crate::model::deal::Entry;

/// Which entries a timeline shows.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    /// Only this deal's.
    pub deal: Option<i64>,
    /// Only deals where one of these companies is a party (all deals when empty).
    pub companies: Vec<i64>,
    /// Entries on or after this day.
    pub since: Option<NaiveDate>,
    /// Entries on or before this day.
    pub until: Option<NaiveDate>,
}

/// Hands the entries in `scope` to `each`, oldest first, as they are read.
pub fn each(conn: &Conn, scope: &Scope, each: &mut dyn FnMut(Entry) -> Result<()>) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT on_day, precision, kind, slug, title, note FROM (
            SELECT e.occurs_on AS on_day, e.occurs_precision AS precision, e.kind AS kind,
                   d.slug AS slug, d.title AS title, e.note AS note, d.id AS deal_id, e.id AS seq
            FROM deal_events e JOIN deals d ON d.id = e.deal_id
            UNION ALL
            SELECT d.announced_on, d.announced_precision, 'announced', d.slug, d.title, NULL, d.id, 0
            FROM deals d
            WHERE d.announced_on IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM deal_events e WHERE e.deal_id = d.id AND e.kind = 'announced')
         ) AS entries
         WHERE (?1 IS NULL OR deal_id IN (SELECT deal_id FROM deal_parties
                                          WHERE company_id IN (SELECT value FROM json_each(?1))))
           AND (?2 IS NULL OR on_day >= ?2)
           AND (?3 IS NULL OR on_day <= ?3)
           AND (?4 IS NULL OR deal_id = ?4)
         ORDER BY on_day, slug, seq",
    )?;
    let mut rows = stmt.query(params![
        (!scope.companies.is_empty())
            .then(|| serde_json::Value::from(scope.companies.clone()).to_string()),
        scope.since.map(|d| d.to_string()),
        scope.until.map(|d| d.to_string()),
        scope.deal
    ])?;
    while let Some(ref r) = rows.next()? {
        each(Entry {
            on: required_date(r, 0)?,
            kind: r.get(2)?,
            deal_slug: r.get(3)?,
            deal_title: r.get(4)?,
            note: r.get(5)?,
        })?;
    }
    Ok(())
}
