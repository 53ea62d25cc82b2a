//! Runs the data-quality rules of `model::checks` over what the queries of
//! `db::checks` pick out: a few queries over whole tables, none per deal, and
//! a few article bodies in memory at a time, so that memory stays flat however
//! many deals there are.

use std::sync::{Mutex, mpsc};

use crate::db::Conn;
use chrono::Datelike;

use crate::db::checks::{self as db, LinkedArticle};
use crate::error::Result;
use crate::model::checks::{self, Finding};
use crate::model::extract::{CompanyNames, Extracted, extract};

/// Runs every rule; findings come errors first, then by code and records.
pub fn run(conn: &Conn) -> Result<Vec<Finding>> {
    run_in(conn, chrono::Local::now().year())
}

/// `run`, for a check made in `this_year`.
fn run_in(conn: &Conn, this_year: i32) -> Result<Vec<Finding>> {
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

/// The figures extracted from one linked article.
struct Read {
    id: i64,
    slug: String,
    extracted: Vec<Extracted>,
}

/// Figures in linked articles that nothing accounts for. This thread reads
/// the articles one at a time and judges their figures, reading an article's
/// links only when it has figures; extracting the
/// figures, the slow part, happens on one worker thread per core, with a few
/// articles in flight at most. Articles may come back in any order: the
/// findings of two articles differ in their records, so the final sort puts
/// them in place, and those of one article keep their order.
fn article_figures(conn: &Conn, found: &mut Vec<Finding>) -> Result<()> {
    let names = CompanyNames::new(crate::db::companies::alias_names(conn)?);
    let workers = std::thread::available_parallelism().map_or(1, usize::from);
    // Loaded when the first article yields a figure.
    let mut figures = None;
    let mut judge = |read: Read| -> Result<()> {
        let figures = match &mut figures {
            Some(figures) => figures,
            None => figures.insert(db::known_figures(conn)?),
        };
        // Only an article with figures needs its links.
        let links = db::article_links(conn, read.id)?;
        let known = checks::Known {
            figures,
            linked: &links,
        };
        found.extend(checks::unaccounted(&read.slug, &read.extracted, &known));
        Ok(())
    };
    let (to_read, articles) = mpsc::sync_channel::<LinkedArticle>(2 * workers);
    let articles = Mutex::new(articles);
    // Unbounded, so that a worker never waits for this thread while this
    // thread waits for a worker; it holds at most the articles in flight.
    let (to_judge, read) = mpsc::channel::<Read>();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let (articles, to_judge, names) = (&articles, to_judge.clone(), &names);
            scope.spawn(move || {
                // A poisoned lock: another worker panicked, and the scope says so.
                while let Ok(Ok(article)) = articles.lock().map(|a| a.recv()) {
                    if let Some(read) = extract_from(article, names)
                        && to_judge.send(read).is_err()
                    {
                        break;
                    }
                }
            });
        }
        drop(to_judge);
        db::linked_articles(conn, |article| {
            // The workers stop only once this thread has stopped sending.
            let _ = to_read.send(article);
            read.try_iter().try_for_each(&mut judge)
        })?;
        drop(to_read);
        read.iter().try_for_each(&mut judge)
    })
}

/// The figures of one article, if it has any.
fn extract_from(article: LinkedArticle, names: &CompanyNames) -> Option<Read> {
    if article.body.trim().is_empty() {
        return None;
    }
    // The article's language, else a guess for each sentence.
    let language = article.language.as_deref().and_then(|l| l.parse().ok());
    let extracted = extract(&article.body, language, names);
    (!extracted.is_empty()).then_some(Read {
        id: article.id,
        slug: article.slug,
        extracted,
    })
}

#[cfg(test)]
mod oracle;
#[cfg(test)]
mod tests;
