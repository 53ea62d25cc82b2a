//! Loads what the data-quality rules of `model::checks` look at, and runs them.

use chrono::Datelike;
use rusqlite::Connection;

use crate::db::deals;
use crate::error::Result;
use crate::model::DealDetail;
use crate::model::checks::{self, Finding};

/// Every deal with its events and sources.
fn all_deals(conn: &Connection) -> Result<Vec<DealDetail>> {
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM deals ORDER BY slug")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    ids.into_iter().map(|id| deals::detail(conn, id)).collect()
}

/// (company id, company name, alias) for every name a company is known by.
fn all_names(conn: &Connection) -> Result<Vec<(i64, String, String)>> {
    Ok(conn
        .prepare(
            "SELECT c.id, c.name, a.alias FROM company_aliases a JOIN companies c ON c.id = a.company_id
             ORDER BY c.name COLLATE NOCASE, a.alias COLLATE NOCASE",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?)
}

/// Runs every rule; findings come errors first, then by code and records.
pub fn run(conn: &Connection) -> Result<Vec<Finding>> {
    let deals = all_deals(conn)?;
    let this_year = chrono::Local::now().year();
    let mut found = Vec::new();
    found.extend(checks::stated_figures(&deals));
    found.extend(checks::parties(&deals));
    found.extend(checks::duplicates(&deals));
    found.extend(checks::implausible(&deals, this_year));
    found.extend(checks::unsourced(&deals));
    found.extend(checks::alias_collisions(&all_names(conn)?));
    found.sort_by(|a, b| (a.severity, a.code, &a.records).cmp(&(b.severity, b.code, &b.records)));
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;

    #[test]
    fn the_seed_set_has_no_errors_and_its_unsourced_deal_is_noted() {
        let db = Db::open_in_memory().unwrap();
        crate::commands::seed::load(&db).unwrap();
        let found = run(db.conn()).unwrap();
        assert!(
            found.iter().all(|f| f.severity != checks::Severity::Error),
            "{found:#?}"
        );
        assert!(
            found
                .iter()
                .any(|f| f.code == "no-source" && f.records == ["deal:amd-openai-6gw"]),
            "{found:#?}"
        );
    }
}
