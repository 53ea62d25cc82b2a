//! New deals, and the new companies they name, waiting to be inserted together:
//! one INSERT statement for many rows costs one flush of the full-text index and
//! one statement journal instead of one per deal. At most [`SIZE`] deals wait, so
//! memory stays flat.
//!
//! A waiting company has a placeholder id (negative) in its deals' parties until
//! the flush gives it its real id.

use std::collections::{HashMap, HashSet};

use rusqlite::Connection;

use crate::db::{SlugTable, deals, slug_taken};
use crate::error::{Error, Result, one_line_message};
use crate::model::DealInput;
use crate::model::slug;
use crate::ops::import::savepoint;

use super::store::{company_id, new_company};

/// How many new deals are inserted by one statement (13 values each, well under
/// SQLite's limit on bound values).
pub const SIZE: usize = 1024;

/// A row the database refused when its batch was written.
pub struct Late {
    pub line: u64,
    pub record: csv::ByteRecord,
    pub reason: String,
}

#[derive(Default)]
pub struct Batch {
    deals: Vec<DealInput>,
    /// The line and the row as read, for the message and the rejects file.
    rows: Vec<(u64, csv::ByteRecord)>,
    slugs: HashSet<String>,
    /// Names of the new companies, in order; placeholder of the i-th: -(i + 1).
    companies: Vec<String>,
    /// The same names folded as SQLite's NOCASE folds them (ASCII only).
    company_keys: HashMap<String, usize>,
}

impl Batch {
    pub fn len(&self) -> usize {
        self.deals.len()
    }

    /// Whether a waiting deal has this slug.
    pub fn contains(&self, slug: &str) -> bool {
        self.slugs.contains(slug)
    }

    /// The placeholder of a waiting new company with this name, in any case.
    pub fn company(&self, name: &str) -> Option<i64> {
        if self.companies.is_empty() {
            return None;
        }
        self.company_keys
            .get(&name.to_ascii_lowercase())
            .map(|&i| placeholder(i))
    }

    /// A new company that waits for the flush; its placeholder id.
    pub fn new_company(&mut self, name: &str) -> i64 {
        let index = self.companies.len();
        self.company_keys.insert(name.to_ascii_lowercase(), index);
        self.companies.push(name.to_string());
        placeholder(index)
    }

    pub fn push(&mut self, deal: DealInput, line: u64, record: &csv::ByteRecord) {
        self.slugs.insert(deal.slug.clone());
        self.deals.push(deal);
        // Not `clone`: the reader's record keeps a buffer as large as the
        // longest row so far, and a clone would copy all of it.
        self.rows.push((line, record.iter().collect()));
    }

    /// Inserts the waiting companies and deals. Should the database refuse the
    /// batch (a constraint added by hand, say), the deals are inserted one by one
    /// and the refused ones come back; without `skip`, the first one ends it.
    pub fn flush(&mut self, conn: &Connection, skip: bool) -> Result<Vec<Late>> {
        let deals = std::mem::take(&mut self.deals);
        let rows = std::mem::take(&mut self.rows);
        let companies = std::mem::take(&mut self.companies);
        self.slugs.clear();
        self.company_keys.clear();
        if deals.is_empty() && companies.is_empty() {
            return Ok(Vec::new());
        }
        let together = || -> Result<()> {
            let ids = insert_companies(conn, &companies)?;
            let mut ready = deals.clone();
            for deal in &mut ready {
                for (company, _) in &mut deal.parties {
                    if *company < 0 {
                        *company = ids.get(index(*company)).copied().ok_or_else(|| {
                            Error::invalid("internal: a party names no waiting company")
                        })?;
                    }
                }
                deal.normalize();
            }
            deals::insert_batch(conn, &ready)?;
            Ok(())
        };
        // Without skipping, the first error ends the import and rolls everything
        // back, so no savepoint is needed.
        let refused = if skip {
            savepoint(conn, together)?.err()
        } else {
            match together() {
                Ok(()) => None,
                Err(e) if is_refusal(&e) => Some(e),
                Err(e) => return Err(e),
            }
        };
        if refused.is_none() {
            return Ok(Vec::new());
        }
        let mut late = Vec::new();
        for (mut deal, (line, record)) in deals.into_iter().zip(rows) {
            // Without a savepoint, the deals before the refused one are in.
            if deals::by_slug(conn, &deal.slug)?.is_some() {
                continue;
            }
            let written = savepoint(conn, || {
                for (company, _) in &mut deal.parties {
                    if *company < 0 {
                        let name = companies.get(index(*company)).ok_or_else(|| {
                            Error::invalid("internal: a party names no waiting company")
                        })?;
                        *company = match company_id(conn, name)? {
                            Some(id) => id,
                            None => new_company(conn, name)?,
                        };
                    }
                }
                deal.normalize();
                deals::save(conn, None, &deal)
            })?;
            if let Err(e) = written {
                late.push(Late {
                    line,
                    record,
                    reason: format!("refused by the database: {}", one_line_message(&e)),
                });
                if !skip {
                    break;
                }
            }
        }
        Ok(late)
    }
}

fn placeholder(index: usize) -> i64 {
    -1 - i64::try_from(index).unwrap_or(i64::MAX - 1)
}

fn index(placeholder: i64) -> usize {
    usize::try_from(-1 - placeholder).unwrap_or(usize::MAX)
}

fn is_refusal(e: &Error) -> bool {
    matches!(e, Error::Sqlite(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation))
        || matches!(e, Error::Invalid(_))
}

/// Inserts companies known only by name with one statement; their ids in order.
fn insert_companies(conn: &Connection, names: &[String]) -> Result<Vec<i64>> {
    if names.is_empty() {
        return Ok(Vec::new());
    }
    let mut taken: HashSet<String> = HashSet::with_capacity(names.len());
    let mut rows: Vec<(String, &str)> = Vec::with_capacity(names.len());
    for name in names {
        let mut failure = None;
        let chosen = slug::unique(&slug::slugify(name), "company", |s| {
            taken.contains(s)
                || slug_taken(conn, SlugTable::Companies, s).unwrap_or_else(|e| {
                    failure = Some(e);
                    false
                })
        });
        if let Some(e) = failure {
            return Err(e);
        }
        taken.insert(chosen.clone());
        rows.push((chosen, name));
    }
    conn.prepare_cached(
        "INSERT OR FAIL INTO companies (slug, name, kind)
         SELECT value ->> 0, value ->> 1, 'company' FROM json_each(?1)",
    )?
    .execute([serde_json::to_string(&rows)?])?;
    // Rows inserted without a rowid take the next ids, in order; check the ends.
    let last = conn.last_insert_rowid();
    let first = last - i64::try_from(names.len()).unwrap_or(i64::MAX) + 1;
    let mut name_of = conn.prepare_cached("SELECT name FROM companies WHERE id = ?1")?;
    let first_name: String = name_of.query_row([first], |r| r.get(0))?;
    let last_name: String = name_of.query_row([last], |r| r.get(0))?;
    if Some(&first_name) != names.first() || Some(&last_name) != names.last() {
        return Err(Error::invalid(
            "internal: the new companies did not get consecutive ids",
        ));
    }
    Ok((first..=last).collect())
}
