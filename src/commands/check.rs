//! `deals check`: data-quality findings; exit 1 when any is an error.

use crate::cli::CheckArgs;
use crate::error::{Error, Result, one_line};
use crate::model::checks::{CODES, Severity};
use crate::ops::check;
use crate::output;

use super::Ctx;

pub fn run(ctx: &mut Ctx<'_>, args: &CheckArgs) -> Result<()> {
    for code in &args.codes {
        if !CODES.iter().any(|(c, _, _)| c == code) {
            let known: Vec<&str> = CODES.iter().map(|(c, _, _)| *c).collect();
            return Err(Error::usage(format!(
                "--code '{}': unknown; expected one of: {}",
                one_line(code),
                known.join(", ")
            )));
        }
    }
    let mut found = check::run(ctx.db.conn())?;
    if !args.codes.is_empty() {
        found.retain(|f| args.codes.iter().any(|c| c == f.code));
    }
    output::check::write(&mut ctx.output, &found)?;
    let errors = found
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    if errors > 0 {
        ctx.output.out.flush()?;
        return Err(Error::invalid(format!(
            "check found {errors} error-level finding(s)"
        )));
    }
    Ok(())
}
