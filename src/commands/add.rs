//! `deals add`: record a new deal in one transaction.

use crate::cli::AddArgs;
use crate::db::deals;
use crate::db::vocab::Vocab;
use crate::db::{SlugTable, free_slug};
use crate::error::{Context, Error, Result, one_line};
use crate::ops::record::{DealRecord, NewCompanies, Part, Resolver, SourceRecord};

use super::{Ctx, check_vocab, parse_parties, show};

pub fn run(ctx: &mut Ctx<'_>, args: &AddArgs) -> Result<()> {
    let tx = ctx.db.write()?;
    let title = args.title.clone();
    let record = DealRecord {
        slug: args
            .slug
            .as_deref()
            .map(|wanted| free_slug(&tx, SlugTable::Deals, &title, Some(wanted)))
            .transpose()
            .map_err(|e| e.of_flag("--slug"))?,
        kind: Some(check_vocab(&tx, Vocab::DealKind, "--kind", &args.kind)?),
        status: Some(check_vocab(&tx, Vocab::Status, "--status", &args.status)?),
        announced: args.announced,
        value: args
            .value
            .map(|v| v.in_currency(args.currency))
            .transpose()
            .flag("--value")?,
        term: args.term,
        starts: args.starts,
        notes: args
            .notes
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_string),
        parties: parse_parties(&tx, "--party", &args.parties)?,
        tags: args.tags.clone(),
        sources: args
            .sources
            .iter()
            .map(|source| SourceRecord {
                article: source.clone(),
                ..Default::default()
            })
            .collect(),
        title,
        ..Default::default()
    };
    let companies = if args.create_companies {
        NewCompanies::Create
    } else {
        NewCompanies::Refuse
    };
    let mut resolver = Resolver::for_flags(&tx, companies);
    let input = resolver.resolve(&record).map_err(|(part, e)| match part {
        Some(Part::Party(i)) => e.at(&format!("--party '{}'", one_line(&args.parties[i]))),
        Some(Part::SourceArticle(_) | Part::SourceQuote(_)) => {
            Error::invalid(format!("--source {e}"))
        }
        None => e,
    })?;
    let (id, _) = deals::save(&tx, None, &input)?;
    tx.commit()?;
    show::report(ctx, id, "Added", args.value.is_some())
}
