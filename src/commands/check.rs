//! `deals check`: data-quality findings; exit 1 when any is an error.

use crate::cli::CheckArgs;
use crate::error::{Error, Result};
use crate::model::checks::Severity;
use crate::ops::check;
use crate::output;

use super::Ctx;

pub fn run(ctx: &mut Ctx<'_>, args: &CheckArgs) -> Result<()> {
    let mut found = check::run(ctx.db.conn())?;
    if !args.codes.is_empty() {
        found.retain(|f| args.codes.contains(&f.code));
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
