//! `deals search`: full text over articles and deals, best matches first.

use crate::cli::SearchArgs;
use crate::db::search::{self, Scope};
use crate::error::{Error, Result};
use crate::model::fts;
use crate::model::slug::fold_letters;
use crate::output;

use super::Ctx;

pub fn run(ctx: &mut Ctx<'_>, args: &SearchArgs) -> Result<()> {
    // The index holds the text with the letters slugs fold also folded, so
    // the query is folded the same way ("Ørsted" and "orsted" both match).
    let query =
        fts::query(&fold_letters(&args.query)).map_err(|e| Error::usage(format!("search: {e}")))?;
    let scope = args.scope.unwrap_or(Scope::All);
    // Each hit goes to the output as it is read.
    let mut listing = output::search::Listing::new(ctx.output.format);
    let output = &mut ctx.output;
    search::each(ctx.db.conn(), &query, scope, args.limit, &mut |hit| {
        listing.push(output, &hit)
    })?;
    listing.finish(output)
}
