//! `deals init`: create the database, or bring an existing one up to date.

use std::io::Write;
use std::path::Path;

use crate::cli::InitArgs;
use crate::db::Db;
use crate::error::{Error, Result};
use crate::ops::import::Summary;
use crate::ops::seed;
use crate::output;

/// Runs before any database is opened, because it decides whether a new one
/// gets the seed set.
pub fn run(out: &mut dyn Write, path: &Path, args: &InitArgs) -> Result<()> {
    if seed::exists_with_content(path) {
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
        let (_db, summary) = seed::create(path)?;
        announce(path, &summary);
    }
    Ok(())
}

/// Says on stderr that a database was made with the seed set.
pub fn announce(path: &Path, summary: &Summary) {
    output::note(format_args!(
        "Created {} with the bundled seed set ({} deals, {} companies, {} articles).",
        path.display(),
        summary.deals.inserted,
        summary.companies.inserted,
        summary.articles.inserted
    ));
}
