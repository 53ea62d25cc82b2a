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
    // Whether the database was there before, and what seeding it wrote.
    let (existed, seeded) = match target {
        Target::Server(location) => {
            let (db, created) = Db::open_postgres(location)?;
            let seeded = if created && !args.empty {
                Some(seed::load(&db)?)
            } else {
                None
            };
            (!created, seeded)
        }
        Target::File(path) if seed::exists_with_content(path) => {
            if !args.empty {
                Db::open(path)?;
            }
            (true, None)
        }
        Target::File(path) if args.empty => {
            Db::open(path)?;
            (false, None)
        }
        Target::File(path) => (false, Some(seed::create(path)?.1)),
    };
    let shown = target.shown();
    match (existed, seeded) {
        (true, _) if args.empty => Err(Error::invalid(format!(
            "{shown} already exists; --empty only applies to a new database"
        ))),
        (true, _) => Ok(writeln!(out, "{shown} is up to date.")?),
        (false, Some(summary)) => {
            announce(&shown, &summary);
            Ok(())
        }
        (false, None) => Ok(writeln!(out, "Created an empty database at {shown}.")?),
    }
}

/// Says on stderr that a database was made with the seed set.
pub fn announce(place: &str, summary: &Summary) {
    output::note(format_args!(
        "Created {place} with the bundled seed set ({} deals, {} companies, {} articles).",
        summary.deals.inserted, summary.companies.inserted, summary.articles.inserted
    ));
}
