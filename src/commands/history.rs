//! `deals history` and `deals restore`.

use crate::cli::{HistoryArgs, RestoreArgs};
use crate::db::{companies, history};
use crate::error::{Error, Result, one_line};
use crate::output;

use super::Ctx;

pub fn run(ctx: &mut Ctx<'_>, args: &HistoryArgs) -> Result<()> {
    let conn = ctx.db.conn();
    let deal = match &args.deal {
        Some(text) => Some(history::deal_id(conn, text)?.ok_or_else(|| {
            Error::invalid(format!(
                "no deal '{}', live or deleted",
                one_line(text.trim())
            ))
        })?),
        None => None,
    };
    let company = args
        .company
        .as_deref()
        .map(|c| companies::require(conn, c, "--company").map(|c| c.id))
        .transpose()?;
    let since = args.since.map(|d| d.start_iso());
    let query = history::Query {
        deal,
        company,
        since,
        limit: args.limit,
    };
    // Each change goes to the output as it is read.
    let mut listing = output::history::Listing::new(ctx.output.format);
    let output = &mut ctx.output;
    history::each(conn, &query, &mut |change| listing.push(output, &change))?;
    listing.finish(output)
}

pub fn restore(ctx: &mut Ctx<'_>, args: &RestoreArgs) -> Result<()> {
    let tx = ctx.db.write()?;
    let (id, _) = history::restore(&tx, &args.deal)?;
    tx.commit()?;
    super::show::report(ctx, id, "Restored", false)
}
