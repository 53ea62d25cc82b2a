//! `deals timeline`: deals and their events in date order.

use crate::cli::TimelineArgs;
use crate::db::{companies, deals, timeline};
use crate::error::Result;
use crate::ops::reports;
use crate::output;

use super::Ctx;

pub fn run(ctx: &mut Ctx<'_>, args: &TimelineArgs) -> Result<()> {
    let conn = ctx.db.conn();
    let mut scope = timeline::Scope::default();
    if let Some(deal) = &args.deal {
        scope.deal = Some(deals::require(conn, deal)?.0);
    }
    if let Some(company) = &args.company {
        let id = companies::require(conn, company, "--company")?.id;
        scope.companies = if args.rollup {
            reports::with_subsidiaries(conn, &[id])?
        } else {
            vec![id]
        };
    }
    scope.since = args.since.map(|d| d.start());
    scope.until = args.until.map(|d| d.end());
    // Each entry goes to the output as it is read.
    let mut listing = output::timeline::Listing::new(ctx.output.format);
    let output = &mut ctx.output;
    timeline::each(conn, &scope, &mut |entry| listing.push(output, &entry))?;
    listing.finish(output)
}
