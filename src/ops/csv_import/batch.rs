//! New deals, and the new companies they name, waiting to be inserted together:
//! one INSERT statement for many rows costs one flush of the full-text index and
//! one statement journal instead of one per deal. At most [`SIZE`] deals wait, so
//! memory stays flat.
//!
//! A waiting company (kept by the resolver) has a placeholder id (negative) in
//! its deals' parties until the flush gives it its real id.

use std::collections::HashSet;

use crate::db::Conn;

use crate::db::deals;
use crate::error::{Error, Result, one_line_message};
use crate::model::DealInput;
use crate::ops::import::savepoint;
use crate::ops::record::{self, NewArticles, NewCompanies, Resolver};

/// How many new deals a batch holds: one bulk insert, with its savepoint,
/// trigger swap and set-wise maintenance. At 1M deals, 8,192 a batch took the
/// import from 250 s to 206 s against 1,024, for 70 MiB of peak memory instead
/// of 53 (bench/RESULTS.md). Tests cross batch boundaries with fewer.
#[cfg(not(test))]
pub const SIZE: usize = 8192;
#[cfg(test)]
pub const SIZE: usize = 256;

/// What a flush did: the deals inserted (id, line of their row), the rows the
/// database refused, and how many waiting companies those took with them.
#[derive(Default)]
pub struct Flushed {
    pub inserted: Vec<(i64, u64)>,
    pub late: Vec<Late>,
    /// Waiting companies left out because only refused deals named them.
    pub companies_dropped: u64,
}

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
}

impl Batch {
    pub fn len(&self) -> usize {
        self.deals.len()
    }

    /// Whether a waiting deal has this slug.
    pub fn contains(&self, slug: &str) -> bool {
        self.slugs.contains(slug)
    }

    pub fn push(&mut self, deal: DealInput, line: u64, record: &csv::ByteRecord) {
        self.slugs.insert(deal.slug.clone());
        self.deals.push(deal);
        // Not `clone`: the reader's record keeps a buffer as large as the
        // longest row so far, and a clone would copy all of it.
        self.rows.push((line, record.iter().collect()));
    }

    /// Inserts the companies waiting in `resolver` and the waiting deals. Should
    /// the database refuse the batch (a constraint added by hand, say), the deals
    /// are inserted one by one and the refused ones come back; without `skip`,
    /// the first one ends it.
    pub fn flush(
        &mut self,
        conn: &Conn,
        resolver: &mut Resolver<'_>,
        skip: bool,
    ) -> Result<Flushed> {
        let deals = std::mem::take(&mut self.deals);
        let rows = std::mem::take(&mut self.rows);
        let companies = resolver.take_waiting();
        self.slugs.clear();
        if deals.is_empty() && companies.is_empty() {
            return Ok(Flushed::default());
        }
        let lines: Vec<u64> = rows.iter().map(|(line, _)| *line).collect();
        // New companies and deals only: the derived data is written set-wise.
        let together = || -> Result<Vec<i64>> {
            crate::db::bulk::inserting(conn, || {
                let ids = record::insert_named(conn, &companies)?;
                let mut ready = deals.clone();
                for deal in &mut ready {
                    record::fill_placeholders(deal, &ids)?;
                }
                deals::insert_batch(conn, &ready)
            })
        };
        // Without skipping, the first error ends the import and rolls everything
        // back, so SQLite needs no savepoint; a PostgreSQL transaction takes no
        // statement after a refused one until it is rolled back to one.
        let written = if skip || conn.postgres().is_some() {
            savepoint(conn, together)?
        } else {
            match together() {
                Err(e) if !e.is_about_record() => return Err(e),
                written => written,
            }
        };
        if let Ok(ids) = written {
            let inserted = ids.into_iter().zip(lines).collect();
            return Ok(Flushed {
                inserted,
                ..Flushed::default()
            });
        }
        let mut flushed = Flushed::default();
        let mut one_by_one = Resolver::new(conn, NewCompanies::Create, NewArticles::Refuse);
        for (mut deal, (line, record)) in deals.into_iter().zip(rows) {
            // Without a savepoint, the deals before the refused one are in.
            if deals::by_slug(conn, &deal.slug)?.is_some() {
                continue;
            }
            let created = one_by_one.created_companies;
            let written = savepoint(conn, || {
                for (company, _) in &mut deal.parties {
                    if let Some(i) = record::waiting_index(*company) {
                        let name = companies.get(i).ok_or_else(|| {
                            Error::invalid("internal: a party names no waiting company")
                        })?;
                        *company = one_by_one.company(name)?;
                    }
                }
                deal.normalize();
                deals::save(conn, None, &deal)
            })?;
            match written {
                Ok((id, _)) => flushed.inserted.push((id, line)),
                Err(e) => {
                    // Rolled back with the deal.
                    one_by_one.created_companies = created;
                    flushed.late.push(Late {
                        line,
                        record,
                        reason: format!("refused by the database: {}", one_line_message(&e)),
                    });
                    if !skip {
                        break;
                    }
                }
            }
        }
        let waiting = companies.len() as u64;
        flushed.companies_dropped = waiting.saturating_sub(one_by_one.created_companies);
        Ok(flushed)
    }
}
