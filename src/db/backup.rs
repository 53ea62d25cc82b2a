//! A consistent copy of the live database through SQLite's online backup API.

use std::path::Path;
use std::time::Duration;

use rusqlite::Connection;
use rusqlite::backup::{Backup, StepResult};

use crate::error::{Error, Result};

/// How long to wait for a writer to let go before trying a step again, and how
/// many times to try.
const RETRY_PAUSE: Duration = Duration::from_millis(50);
const RETRIES: u32 = 200;

/// Copies `source` to a new file at `target`. All pages are copied in one step,
/// inside one read transaction, so the copy is one consistent snapshot even while
/// other processes write (WAL lets them go on). The copy is written to a
/// temporary file of a fresh name first and renamed into place, so `target` is whole
/// or absent.
pub fn backup(source: &Connection, target: &Path) -> Result<i64> {
    if target.exists() {
        return Err(Error::invalid(format!(
            "{} already exists; choose a new file for the backup",
            target.display()
        )));
    }
    let folder = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let cannot =
        |e: std::io::Error| Error::invalid(format!("cannot write {}: {e}", target.display()));
    let mut builder = tempfile::Builder::new();
    builder.prefix(".deals-backup-");
    // As SQLite makes a database file (0644 less the umask), not private to the
    // user as a temporary file would be.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
    let temp = builder.tempfile_in(folder).map_err(cannot)?;
    let pages = copy(source, temp.path())?;
    // Never over a file that appeared meanwhile.
    temp.persist_noclobber(target)
        .map_err(|e| cannot(e.error))?;
    // The copy is in place; a folder that cannot be synced (some network file
    // systems) does not make it less written.
    #[cfg(unix)]
    let _ = std::fs::File::open(folder).and_then(|f| f.sync_all());
    Ok(pages)
}

fn copy(source: &Connection, temp: &Path) -> Result<i64> {
    let mut dest = Connection::open(temp)
        .map_err(|e| Error::invalid(format!("cannot create {}: {e}", temp.display())))?;
    {
        let backup = Backup::new(source, &mut dest)?;
        let mut tries = 0;
        loop {
            match backup.step(-1)? {
                StepResult::Done => break,
                StepResult::More => {}
                StepResult::Busy | StepResult::Locked => {
                    tries += 1;
                    if tries > RETRIES {
                        return Err(Error::invalid(
                            "the database stayed locked by another process; try the backup again",
                        ));
                    }
                    std::thread::sleep(RETRY_PAUSE);
                }
                _ => {}
            }
        }
    }
    // A standalone copy: one file, no WAL beside it.
    dest.pragma_update(None, "journal_mode", "delete")?;
    let pages: i64 = dest.query_row("PRAGMA page_count", [], |r| r.get(0))?;
    let check: String = dest.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
    if check != "ok" {
        return Err(Error::invalid(format!(
            "the copy failed its integrity check: {check}"
        )));
    }
    Ok(pages)
}
