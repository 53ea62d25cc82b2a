//! Runs the data-quality rules of `model::checks` over what the queries of
//! `db::checks` pick out: a few queries over whole tables, none per deal, and
//! one article body in memory at a time, so that memory stays flat however
//! many deals there are.

use chrono::Datelike;
use rusqlite::Connection;

use crate::db::checks as db;
use crate::error::Result;
use crate::model::checks::{self, Finding};
use crate::model::extract::{CompanyNames, detect_language, extract};

/// Runs every rule; findings come errors first, then by code and records.
pub fn run(conn: &Connection) -> Result<Vec<Finding>> {
    run_in(conn, chrono::Local::now().year())
}

/// `run`, for a check made in `this_year`.
fn run_in(conn: &Connection, this_year: i32) -> Result<Vec<Finding>> {
    let mut found = Vec::new();
    db::stated_figures(conn, |deal, value, article, stated| {
        found.extend(checks::stated_figure(deal, value, article, stated));
        Ok(())
    })?;
    for (kind, alternatives) in checks::NEEDED_ROLES {
        for needed in *alternatives {
            db::lacking_roles(conn, kind, needed, |deal| {
                found.push(checks::roles_misfit(deal, kind, needed));
                Ok(())
            })?;
        }
    }
    db::several_roles(conn, |deal, company, held| {
        found.extend(checks::both_sides(deal, company, held));
        Ok(())
    })?;
    db::alike_deals(conn, |same| {
        found.extend(checks::duplicates(same));
        Ok(())
    })?;
    let earliest = format!("{:04}-01-01", checks::EARLIEST_YEAR);
    let too_late = format!("{:04}-01-01", checks::too_late_year(this_year));
    db::out_of_range(
        conn,
        &earliest,
        &too_late,
        checks::SMALLEST_AMOUNT,
        |deal, announced, value| {
            found.extend(checks::implausible(deal, announced, value, this_year));
            Ok(())
        },
    )?;
    db::unsourced(conn, |deal| {
        found.push(checks::unsourced(deal));
        Ok(())
    })?;
    found.extend(checks::alias_collisions(&db::all_names(conn)?));
    article_figures(conn, &mut found)?;
    found.sort_by(|a, b| (a.severity, a.code, &a.records).cmp(&(b.severity, b.code, &b.records)));
    Ok(found)
}

/// Figures in linked articles that nothing accounts for, reading one article
/// at a time.
fn article_figures(conn: &Connection, found: &mut Vec<Finding>) -> Result<()> {
    let names = CompanyNames::new(crate::db::companies::alias_names(conn)?);
    // Loaded when the first article yields a figure.
    let mut figures = None;
    db::linked_articles(conn, |article| {
        if article.body.trim().is_empty() {
            return Ok(());
        }
        let language = article
            .language
            .as_deref()
            .and_then(|l| l.parse().ok())
            .unwrap_or_else(|| detect_language(&article.body));
        let extracted = extract(&article.body, language, &names);
        if extracted.is_empty() {
            return Ok(());
        }
        let figures = match &mut figures {
            Some(figures) => figures,
            None => figures.insert(db::known_figures(conn)?),
        };
        let known = checks::Known {
            figures,
            linked: &article.links,
        };
        found.extend(checks::unaccounted(&article.slug, &extracted, &known));
        Ok(())
    })
}

#[cfg(test)]
mod oracle;
#[cfg(test)]
mod tests;
