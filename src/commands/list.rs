//! `deals list`: deals, filtered and sorted.

use crate::db::Conn;

use crate::cli::{FilterArgs, ListArgs};
use crate::db::companies;
use crate::db::deals::{self, Filter};
use crate::db::vocab::Vocab;
use crate::error::{Context, Result};
use crate::model::deal::normalize_tag;
use crate::model::report::{Filters, Floor, Given, NamedCompany};
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
    // Each deal goes to the output as it is read: memory holds a chunk.
    let mut listing = output::deals::Listing::new(ctx.output.format);
    let output = &mut ctx.output;
    deals::each(conn, &filter, &mut |deal| listing.push(output, &deal))?;
    listing.finish(output)
}

/// The deal filter the flags describe, shared by `list` and `report`; every name
/// is resolved or an error.
pub fn filter(conn: &Conn, args: &FilterArgs) -> Result<Filter> {
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

/// The filters the flags describe, as given and as `filter` resolved them, for
/// a report's parameters.
pub fn describe(conn: &Conn, args: &FilterArgs, filter: &Filter) -> Result<Filters> {
    let company = |flag: &str, text: &Option<String>| -> Result<_> {
        text.as_deref()
            .map(|t| {
                let found = companies::require(conn, t, flag)?;
                Ok(Given {
                    given: t.to_string(),
                    resolved: NamedCompany {
                        id: found.id,
                        name: found.name,
                    },
                })
            })
            .transpose()
    };
    let words = |given: &[String], resolved: &[String]| {
        (!given.is_empty()).then(|| Given {
            given: given.to_vec(),
            resolved: resolved.to_vec(),
        })
    };
    Ok(Filters {
        kind: words(&args.kinds, &filter.kinds),
        company: company("--company", &args.company)?,
        counterparty: company("--counterparty", &args.counterparty)?,
        tag: words(&args.tags, &filter.tags),
        min_value: args
            .min_value
            .zip(filter.min_value)
            .map(|(given, (amount, currency))| Given {
                given: given.compact(),
                resolved: Floor { amount, currency },
            }),
        since: args.since.map(|d| Given {
            given: d.to_string(),
            resolved: d.start_iso(),
        }),
        until: args.until.map(|d| Given {
            given: d.to_string(),
            resolved: d.end().format("%Y-%m-%d").to_string(),
        }),
    })
}
