//! `deals init`: create the database, or bring an existing one up to date.

use std::io::Write;
use std::path::Path;

use crate::cli::InitArgs;
use crate::db::Db;
use crate::error::{Error, Result};

/// Runs before any database is opened, because it decides whether a new one
/// gets the seed set.
pub fn run(out: &mut dyn Write, path: &Path, args: &InitArgs) -> Result<()> {
    if crate::app::exists_with_content(path) {
        if args.empty {
            return Err(Error::invalid(format!(
                "{} already exists; --empty only applies to a new database",
                path.display()
            )));
        }
        let _db = Db::open(path)?;
        writeln!(out, "{} is up to date.", path.display())?;
        return Ok(());
    }
    if args.empty {
        Db::open(path)?;
        writeln!(out, "Created an empty database at {}.", path.display())?;
    } else {
        crate::app::create_seeded(path)?;
    }
    Ok(())
}
