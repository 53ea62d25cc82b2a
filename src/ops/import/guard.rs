//! How an import treats each record: written directly when the first error ends
//! the import, or inside a SAVEPOINT that a bad record rolls back.

use crate::db::Conn;

use crate::error::Result;

use super::{Rejected, Section};

/// Runs each record's writes: directly when the first error ends the import, or
/// inside a SAVEPOINT that a bad record rolls back when skipping.
pub(super) struct Guard<'c> {
    pub conn: &'c Conn,
    pub skip: bool,
    pub rejected: Vec<Rejected>,
}

impl Guard<'_> {
    /// The record's result; None when it was rejected (only when skipping).
    pub fn record<T>(
        &mut self,
        section: Section,
        index: usize,
        write: impl FnOnce() -> Result<T>,
    ) -> Result<Option<T>> {
        if !self.skip {
            return write().map(Some);
        }
        match savepoint(self.conn, write)? {
            Ok(value) => Ok(Some(value)),
            Err(e) => {
                let reason = crate::error::one_line_message(&e);
                // A record rejected in the parent pass was counted once already.
                self.rejected
                    .retain(|r| !(r.section == section && r.index == index));
                self.rejected.push(Rejected {
                    section,
                    index,
                    reason,
                });
                Ok(None)
            }
        }
    }
}

/// Runs `write` inside a SAVEPOINT: kept when it succeeds, rolled back when it
/// fails with an error about the record. The outer result is an error that must
/// end the import (the disk, the database itself); the inner one is the record's.
pub fn savepoint<T>(conn: &Conn, write: impl FnOnce() -> Result<T>) -> Result<Result<T>> {
    // Not prepared: after a refused statement a PostgreSQL transaction takes
    // nothing but the ROLLBACK TO, and a statement prepared then would fail.
    let run = |sql: &str| conn.execute_batch(sql);
    run("SAVEPOINT import_record")?;
    match write() {
        Ok(value) => {
            run("RELEASE import_record")?;
            Ok(Ok(value))
        }
        Err(e) => {
            run("ROLLBACK TO import_record")?;
            run("RELEASE import_record")?;
            if e.is_about_record() {
                Ok(Err(e))
            } else {
                Err(e)
            }
        }
    }
}
