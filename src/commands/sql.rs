//! `deals sql`: run SQL on the database, read-only unless --write, and print the
//! rows of the last statement.

use std::io::{self, IsTerminal, Read};

use crate::cli::SqlArgs;
use crate::error::{Error, Result};
use crate::ops::sql::{self, Access, Item};
use crate::output;

use super::Ctx;

pub fn run(ctx: &mut Ctx<'_>, args: &SqlArgs) -> Result<()> {
    let text = match &args.query {
        Some(text) => text.clone(),
        None => read_stdin()?,
    };
    let access = if args.write {
        Access::Write
    } else {
        Access::ReadOnly
    };
    // Read-only, the last statement's rows go to the output as they are
    // read. With --write they are kept until the commit, so that rows a
    // RETURNING gave are never shown for a write that was rolled back.
    let mut listing = None;
    let mut kept = Vec::new();
    let output = &mut ctx.output;
    let session = ctx.db.conn().postgres();
    let path = ctx.db.path().map(|p| p.to_path_buf());
    let mut each = |item: Item<'_>| match item {
        Item::Columns(columns) => {
            listing = Some(output::sql::Listing::new(output.format, columns));
            Ok(())
        }
        Item::Row(values) if access == Access::Write => {
            kept.push(values);
            Ok(())
        }
        Item::Row(values) => match &mut listing {
            Some(listing) => listing.push(output, values),
            None => Ok(()),
        },
    };
    let changes = match (session, path) {
        (Some(session), _) => sql::run_postgres(session, &text, access, &mut each)?,
        (None, Some(path)) => sql::run(&path, &text, access, &mut each)?,
        (None, None) => return Err(Error::invalid("deals sql needs a database file")),
    };
    let Some(mut listing) = listing else {
        return Ok(());
    };
    for values in kept {
        listing.push(output, values)?;
    }
    match changes {
        // A write that returned no rows says how many it changed instead.
        Some(changes) if !listing.has_columns() => output::sql::changes(output, changes),
        Some(changes) => {
            listing.finish(output)?;
            output::note(output::sql::changes_text(changes));
            Ok(())
        }
        None => listing.finish(output),
    }
}

/// The SQL piped on stdin; a terminal is not read, since nobody would know to type.
fn read_stdin() -> Result<String> {
    let stdin = io::stdin();
    if stdin.is_terminal() {
        return Err(Error::usage(
            "deals sql: no SQL given; pass it as the argument or pipe it on stdin",
        ));
    }
    let mut text = String::new();
    stdin
        .lock()
        .read_to_string(&mut text)
        .map_err(|e| Error::invalid(format!("deals sql: cannot read stdin: {e}")))?;
    Ok(text)
}
