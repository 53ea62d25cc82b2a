//! New deals waiting to be inserted together: one INSERT statement for many rows
//! costs one flush of the full-text index instead of one per deal. At most
//! [`SIZE`] deals wait, so memory stays flat.

use std::collections::HashSet;

use rusqlite::Connection;

use crate::db::deals;
use crate::db::import::savepoint;
use crate::error::{Error, Result, one_line_message};
use crate::model::DealInput;

/// How many new deals are inserted by one statement (13 values each, well under
/// SQLite's limit on bound values).
pub const SIZE: usize = 256;

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
        self.rows.push((line, record.clone()));
    }

    /// Inserts the waiting deals. Should the database refuse the batch (a
    /// constraint added by hand, say), the deals are inserted one by one and the
    /// refused ones come back; without `skip`, the first refused one ends it.
    pub fn flush(&mut self, conn: &Connection, skip: bool) -> Result<Vec<Late>> {
        let deals = std::mem::take(&mut self.deals);
        let rows = std::mem::take(&mut self.rows);
        self.slugs.clear();
        if deals.is_empty() {
            return Ok(Vec::new());
        }
        if !skip {
            // The first error ends the import and rolls everything back, so no
            // savepoint is needed; a refused batch is searched for its bad row.
            match deals::insert_batch(conn, &deals) {
                Ok(_) => return Ok(Vec::new()),
                Err(e) if !is_refusal(&e) => return Err(e),
                Err(e) => return Ok(first_refused(conn, &deals, rows, &e)),
            }
        }
        if savepoint(conn, || deals::insert_batch(conn, &deals))?.is_ok() {
            return Ok(Vec::new());
        }
        let mut late = Vec::new();
        for (deal, (line, record)) in deals.iter().zip(rows) {
            if let Err(e) = savepoint(conn, || deals::save(conn, None, deal))? {
                late.push(Late {
                    line,
                    record,
                    reason: format!("refused by the database: {}", one_line_message(&e)),
                });
            }
        }
        Ok(late)
    }
}

fn is_refusal(e: &Error) -> bool {
    matches!(e, Error::Sqlite(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation))
        || matches!(e, Error::Invalid(_))
}

/// Without savepoints the batch may have left some of its rows behind; the
/// import ends anyway. The row named is the first one the database refuses on
/// its own, else the batch as a whole.
fn first_refused(
    conn: &Connection,
    deals: &[DealInput],
    rows: Vec<(u64, csv::ByteRecord)>,
    error: &Error,
) -> Vec<Late> {
    let culprit = deals.iter().zip(&rows).find(|(deal, _)| {
        matches!(
            savepoint(conn, || deals::save(conn, None, deal)),
            Ok(Err(_))
        )
    });
    let (line, record) = match culprit {
        Some((_, (line, record))) => (*line, record.clone()),
        None => rows.into_iter().next().unwrap_or_default(),
    };
    vec![Late {
        line,
        record,
        reason: format!("refused by the database: {}", one_line_message(error)),
    }]
}
