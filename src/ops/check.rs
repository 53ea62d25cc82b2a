//! Loads what the data-quality rules of `model::checks` look at, once and with
//! no query per deal, and runs the rules over it.

use std::collections::HashMap;

use chrono::Datelike;
use rusqlite::Connection;

use crate::db::deals;
use crate::error::Result;
use crate::model::DealDetail;
use crate::model::checks::{self, Finding};

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

/// Figures in linked articles that nothing accounts for.
fn article_figures(conn: &Connection, deals: &[DealDetail]) -> Result<Vec<Finding>> {
    use crate::model::extract::{CompanyNames, detect_language, extract};
    let mut figures: Vec<(i64, Option<crate::model::Currency>)> = Vec::new();
    for d in deals {
        if let Some(v) = d.deal.value {
            figures.push((v.amount, Some(v.currency)));
        }
        figures.extend(
            d.sources
                .iter()
                .filter_map(|s| s.stated)
                .map(|f| (f.amount, f.currency)),
        );
    }
    figures.sort_unstable_by_key(|(amount, _)| *amount);
    // The quoted sentences of each article, with the value of the deal they support.
    let mut links: HashMap<i64, Vec<(String, Option<crate::model::Money>)>> = HashMap::new();
    for d in deals {
        for s in &d.sources {
            links
                .entry(s.article_id)
                .or_default()
                .push((s.quote.clone(), d.deal.value));
        }
    }
    let names = CompanyNames::new(crate::db::companies::alias_names(conn)?);
    let ids: Vec<i64> = conn
        .prepare("SELECT DISTINCT article_id FROM deal_sources ORDER BY article_id")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut found = Vec::new();
    for id in ids {
        let article = crate::db::articles::get(conn, id)?;
        if article.body.trim().is_empty() {
            continue;
        }
        let language = article
            .language
            .as_deref()
            .and_then(|l| l.parse().ok())
            .unwrap_or_else(|| detect_language(&article.body));
        let linked = links.remove(&id).unwrap_or_default();
        let extracted = extract(&article.body, language, &names);
        let known = checks::Known {
            figures: &figures,
            linked: &linked,
        };
        found.extend(checks::unaccounted(&article.slug, &extracted, &known));
    }
    Ok(found)
}

/// Runs every rule; findings come errors first, then by code and records.
pub fn run(conn: &Connection) -> Result<Vec<Finding>> {
    let deals = deals::all_details(conn)?;
    let this_year = chrono::Local::now().year();
    let mut found = Vec::new();
    found.extend(checks::stated_figures(&deals));
    found.extend(checks::parties(&deals));
    found.extend(checks::duplicates(&deals));
    found.extend(checks::implausible(&deals, this_year));
    found.extend(checks::unsourced(&deals));
    found.extend(checks::alias_collisions(&all_names(conn)?));
    found.extend(article_figures(conn, &deals)?);
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
        crate::ops::seed::load(&db).unwrap();
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
        // The first article's "circa 1,4 miliardi di dollari": a unit slip for
        // 1.400 miliardi, as the deals its sentence supports add up to far more.
        let slip = found
            .iter()
            .find(|f| f.code == "unaccounted-figure" && f.message.contains("1,4 miliardi"))
            .unwrap_or_else(|| panic!("{found:#?}"));
        assert_eq!(slip.records, ["article:openai-aws-38-miliardi-notizia"]);
        assert!(slip.hint.contains("unit slip"), "{}", slip.hint);
        assert!(
            !found
                .iter()
                .any(|f| f.code == "unaccounted-figure" && f.message.contains("'38 miliardi")),
            "figures that deals account for are not reported"
        );
    }
}
