//! `deals init`: create the database, or bring an existing one up to date.

use std::io::Write;

use crate::cli::InitArgs;
use crate::db::{Db, Target};
use crate::error::{Error, Result};
use crate::ops::import::Summary;
use crate::ops::seed;
use crate::output;

/// Runs before any database is opened, because it decides whether a new one
/// gets the seed set.
pub fn run(out: &mut dyn Write, target: &Target, args: &InitArgs) -> Result<()> {
    let path = match target {
        Target::File(path) => path,
        Target::Server(location) => {
            let (db, created) = Db::open_postgres(location)?;
            match (created, args.empty) {
                (true, true) => writeln!(out, "Created an empty database at {}.", location.shown)?,
                (true, false) => announce(&location.shown, &seed::load(&db)?),
                (false, true) => {
                    return Err(Error::invalid(format!(
                        "{} already holds a deals schema; --empty only applies to a new database",
                        location.shown
                    )));
                }
                (false, false) => writeln!(out, "{} is up to date.", location.shown)?,
            }
            return Ok(());
        }
    };
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
        announce(&target.shown(), &summary);
    }
    Ok(())
}

/// Says on stderr that a database was made with the seed set.
pub fn announce(place: &str, summary: &Summary) {
    output::note(format_args!(
        "Created {place} with the bundled seed set ({} deals, {} companies, {} articles).",
        summary.deals.inserted, summary.companies.inserted, summary.articles.inserted
    ));
}
