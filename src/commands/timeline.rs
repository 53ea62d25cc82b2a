//! `deals timeline`: deals and their events in date order.

use crate::cli::TimelineArgs;
use crate::db::{companies, timeline};
use crate::error::Result;
use crate::output;

use super::Ctx;

pub fn run(ctx: &mut Ctx<'_>, args: &TimelineArgs) -> Result<()> {
    let conn = ctx.db.conn();
    let company = args
        .company
        .as_deref()
        .map(|c| companies::require(conn, c, "--company").map(|c| c.id))
        .transpose()?;
    let entries = timeline::entries(
        conn,
        company,
        args.since.map(|d| d.start()),
        args.until.map(|d| d.end()),
    )?;
    output::timeline::write(&mut ctx.output, &entries)
}
