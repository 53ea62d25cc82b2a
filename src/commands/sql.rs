//! `deals sql`: run SQL on the database, read-only unless --write, and print the
//! rows of the last statement.

use std::io::{self, IsTerminal, Read};

use crate::cli::SqlArgs;
use crate::error::{Error, Result};
use crate::ops::sql::{self, Access};
use crate::output;

use super::Ctx;

pub fn run(ctx: &mut Ctx<'_>, args: &SqlArgs) -> Result<()> {
    let text = match &args.query {
        Some(text) => text.clone(),
        None => read_stdin()?,
    };
    let path = ctx
        .db
        .path()
        .ok_or_else(|| Error::invalid("deals sql needs a database file"))?;
    let access = if args.write {
        Access::Write
    } else {
        Access::ReadOnly
    };
    let outcome = sql::run(path, &text, access)?;
    match outcome.changes {
        Some(changes) if outcome.last.columns.is_empty() => {
            output::sql::changes(ctx.out, ctx.format, changes)
        }
        Some(changes) => {
            output::sql::rows(ctx.out, ctx.format, ctx.style, &outcome.last)?;
            output::note(output::sql::changes_text(changes));
            Ok(())
        }
        None => output::sql::rows(ctx.out, ctx.format, ctx.style, &outcome.last),
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
