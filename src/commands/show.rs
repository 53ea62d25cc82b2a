//! `deals show DEAL`.

use std::io::Write;

use crate::cli::ShowArgs;
use crate::db::deals;
use crate::error::Result;
use crate::output;

use super::Ctx;

pub fn run(ctx: &mut Ctx<'_>, args: &ShowArgs) -> Result<()> {
    let (id, _) = deals::require(ctx.db.conn(), &args.deal)?;
    let detail = deals::detail(ctx.db.conn(), id)?;
    output::deals::show(&mut ctx.output, &detail)
}

/// After a command that writes a deal: the record in the asked format, else a line.
/// With `value_given`, a value under 1,000 units is kept but warned about on
/// stderr: "$38" is more likely "$38B" with the unit left out.
pub fn report(ctx: &mut Ctx<'_>, id: i64, verb: &str, value_given: bool) -> Result<()> {
    let detail = deals::detail(ctx.db.conn(), id)?;
    if let Some(value) = detail
        .deal
        .value
        .filter(|v| value_given && v.amount < 1_000)
    {
        output::note(format_args!(
            "warning: {} is small for a deal; did you mean {}B?",
            value.compact(),
            value.amount
        ));
    }
    if ctx.format_given {
        output::deals::show(&mut ctx.output, &detail)
    } else {
        let slug = &detail.deal.slug;
        let understood = output::deals::understood(&detail.deal);
        match understood.is_empty() {
            true => writeln!(ctx.output, "{verb} deal {id} ({slug}).")?,
            false => writeln!(ctx.output, "{verb} deal {id} ({slug}): {understood}.")?,
        }
        Ok(())
    }
}
