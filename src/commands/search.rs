//! `deals search`: full text over articles and deals, best matches first.

use crate::cli::{SearchArgs, SearchScope};
use crate::db::search::{self, Scope};
use crate::error::{Error, Result};
use crate::model::fts;
use crate::output;

use super::Ctx;

pub fn run(ctx: &mut Ctx<'_>, args: &SearchArgs) -> Result<()> {
    let query = fts::query(&args.query).map_err(|e| Error::usage(format!("search: {e}")))?;
    if args.limit == 0 {
        return Err(Error::usage("--limit: must be at least 1"));
    }
    let scope = match args.scope {
        None => Scope::All,
        Some(SearchScope::Articles) => Scope::Articles,
        Some(SearchScope::Deals) => Scope::Deals,
    };
    let hits = search::search(ctx.db.conn(), &query, scope, args.limit)?;
    output::search::hits(&mut ctx.output, &hits)
}
