//! `deals add`: record a new deal in one transaction.

use rusqlite::Connection;

use crate::cli::AddArgs;
use crate::db::articles::{self, ArticleInput};
use crate::db::vocab::Vocab;
use crate::db::{SlugTable, deals, free_slug};
use crate::error::{Context, Error, Result, one_line};
use crate::model::DealInput;

use super::{Ctx, check_vocab, parse_tags, parse_title, resolve_parties, show};

pub fn run(ctx: &mut Ctx<'_>, args: &AddArgs) -> Result<()> {
    let tx = ctx.db.write()?;
    let title = parse_title("--title", &args.title)?;
    let mut input = DealInput {
        slug: free_slug(&tx, SlugTable::Deals, &title, args.slug.as_deref())?,
        kind: check_vocab(&tx, Vocab::DealKind, "--kind", &args.kind)?,
        status: check_vocab(&tx, Vocab::Status, "--status", &args.status)?,
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
        parties: resolve_parties(&tx, "--party", &args.parties, args.create_companies)?,
        tags: parse_tags("--tag", &args.tags)?,
        events: Vec::new(),
        sources: Vec::new(),
        title,
    };
    for source in &args.sources {
        input.sources.push(crate::model::SourceInput {
            article_id: source_article(&tx, source)?,
            quote: String::new(),
            stated: None,
        });
    }
    input.normalize();
    let (id, _) = deals::save(&tx, None, &input)?;
    tx.commit()?;
    show::report(ctx, id, "Added")
}

/// The article a --source names: a stored article (id, slug or URL), or a new
/// article known only by its URL.
fn source_article(conn: &Connection, text: &str) -> Result<i64> {
    if let Some((id, _)) = articles::resolve(conn, text)? {
        return Ok(id);
    }
    let url = text.trim();
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        return Err(Error::invalid(format!(
            "--source '{}': no such article, and not an http(s) URL to record",
            one_line(text)
        )));
    }
    articles::insert(
        conn,
        &ArticleInput {
            slug: free_slug(conn, SlugTable::Articles, url_words(url), None)?,
            url: Some(url.to_string()),
            title: url.to_string(),
            ..Default::default()
        },
    )
}

/// The part of a URL worth a slug: no scheme, no "www.".
fn url_words(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    rest.strip_prefix("www.").unwrap_or(rest)
}
