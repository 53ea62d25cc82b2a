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
pub fn report(ctx: &mut Ctx<'_>, id: i64, verb: &str) -> Result<()> {
    let detail = deals::detail(ctx.db.conn(), id)?;
    if ctx.format_given {
        output::deals::show(&mut ctx.output, &detail)
    } else {
        writeln!(ctx.output, "{verb} deal {} ({})", id, detail.deal.slug)?;
        Ok(())
    }
}
