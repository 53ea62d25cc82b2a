//! `deals list`: deals, filtered and sorted.

use rusqlite::Connection;

use crate::cli::{FilterArgs, ListArgs};
use crate::db::companies;
use crate::db::deals::{self, Filter};
use crate::db::vocab::Vocab;
use crate::error::{Context, Result};
use crate::model::deal::normalize_tag;
use crate::ops::reports;
use crate::output;

use super::{Ctx, check_vocab};

pub fn run(ctx: &mut Ctx<'_>, args: &ListArgs) -> Result<()> {
    let conn = ctx.db.conn();
    let mut filter = Filter {
        order: args.sort,
        limit: args.limit,
        ..filter(conn, &args.filter)?
    };
    if args.rollup {
        filter.companies = reports::with_subsidiaries(conn, &filter.companies)?;
    }
    let found = deals::list(conn, &filter)?;
    output::deals::list(&mut ctx.output, &found)
}

/// The deal filter the flags describe, shared by `list` and `report`; every name
/// is resolved or an error.
pub fn filter(conn: &Connection, args: &FilterArgs) -> Result<Filter> {
    let company = |flag: &str, text: &Option<String>| -> Result<Option<i64>> {
        text.as_deref()
            .map(|t| companies::require(conn, t, flag).map(|c| c.id))
            .transpose()
    };
    Ok(Filter {
        companies: company("--company", &args.company)?.into_iter().collect(),
        counterparty: company("--counterparty", &args.counterparty)?,
        kinds: args
            .kinds
            .iter()
            .map(|k| check_vocab(conn, Vocab::DealKind, "--kind", k))
            .collect::<Result<_>>()?,
        statuses: args
            .statuses
            .iter()
            .map(|s| check_vocab(conn, Vocab::Status, "--status", s))
            .collect::<Result<_>>()?,
        tags: args.tags.iter().map(|t| normalize_tag(t)).collect(),
        since: args.since,
        until: args.until,
        min_value: args
            .min_value
            .map(|v| v.in_currency(None).map(|m| (m.amount, m.currency)))
            .transpose()
            .flag("--min-value")?,
        ..Filter::default()
    })
}
