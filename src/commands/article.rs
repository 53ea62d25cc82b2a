//! `deals article add|list|show|link`.

use std::io::Write;

use std::io::{self, IsTerminal, Read};
use std::path::Path;

use crate::cli::{
    ArticleAddArgs, ArticleCommand, ArticleLinkArgs, ArticleListArgs, ArticleShowArgs,
};
use crate::db::articles::{self, ArticleInput};
use crate::db::{SlugTable, deals, free_slug};
use crate::error::{Context, Error, Result};
use crate::model::{Figure, SourceInput};
use crate::ops::import::parse_language;
use crate::ops::record::check_quote;
use crate::output;

use super::Ctx;

pub fn run(ctx: &mut Ctx<'_>, command: &ArticleCommand) -> Result<()> {
    match command {
        ArticleCommand::Add(args) => add(ctx, args),
        ArticleCommand::List(args) => list(ctx, args),
        ArticleCommand::Show(args) => show(ctx, args),
        ArticleCommand::Link(args) => link(ctx, args),
        ArticleCommand::Extract(args) => super::extract::run(ctx, args),
    }
}

/// The body from --file, or '-' / no --file: stdin, unless stdin is a terminal.
fn read_body(file: Option<&Path>) -> Result<String> {
    let mut body = String::new();
    match file {
        Some(path) if path != Path::new("-") => {
            body = std::fs::read_to_string(path)
                .map_err(|e| Error::invalid(format!("--file {}: {e}", path.display())))?;
        }
        Some(_) => {
            io::stdin()
                .read_to_string(&mut body)
                .map_err(|e| Error::invalid(format!("stdin: {e}")))?;
        }
        None if !io::stdin().is_terminal() => {
            io::stdin()
                .read_to_string(&mut body)
                .map_err(|e| Error::invalid(format!("stdin: {e}")))?;
        }
        None => {}
    }
    Ok(body)
}

fn add(ctx: &mut Ctx<'_>, args: &ArticleAddArgs) -> Result<()> {
    let body = read_body(args.file.as_deref())?;
    let url = args.url.as_deref().map(str::trim).filter(|u| !u.is_empty());
    if body.trim().is_empty() && url.is_none() {
        return Err(Error::usage(
            "an article needs a body (--file FILE, or text on stdin) or a --url",
        ));
    }
    let title = match (
        &args.title,
        body.lines().find(|l| !l.trim().is_empty()),
        url,
    ) {
        (Some(t), _, _) => t.trim().to_string(),
        (None, Some(first), _) => first.trim().chars().take(200).collect(),
        (None, None, Some(url)) => url.to_string(),
        (None, None, None) => String::new(),
    };
    if title.is_empty() {
        return Err(Error::usage("--title: a title cannot be empty"));
    }
    let tx = ctx.db.write()?;
    if let Some(url) = url
        && let Some((id, _)) = articles::resolve(&tx, url)?
    {
        return Err(Error::invalid(format!(
            "article {id} already has the URL {url}"
        )));
    }
    let input = ArticleInput {
        slug: free_slug(&tx, SlugTable::Articles, &title, args.slug.as_deref())
            .map_err(|e| e.of_flag("--slug"))?,
        url: url.map(str::to_string),
        publisher: args.publisher.clone(),
        author: args.author.clone(),
        language: args.language.as_deref().map(parse_language).transpose()?,
        published: args.published,
        summary: args.summary.clone(),
        body,
        title,
    };
    let id = articles::insert(&tx, &input)?;
    tx.commit()?;
    writeln!(ctx.output, "Added article {id} ({}).", input.slug)?;
    Ok(())
}

fn list(ctx: &mut Ctx<'_>, args: &ArticleListArgs) -> Result<()> {
    let conn = ctx.db.conn();
    let deal = args
        .deal
        .as_deref()
        .map(|d| deals::require(conn, d).map(|(id, _)| id))
        .transpose()?;
    let found = articles::list(conn, deal, args.limit)?;
    output::articles::list(&mut ctx.output, &found)
}

fn show(ctx: &mut Ctx<'_>, args: &ArticleShowArgs) -> Result<()> {
    let conn = ctx.db.conn();
    let (id, _) = articles::require(conn, &args.article)?;
    let article = articles::get(conn, id)?;
    let links = articles::linked_deals(conn, id)?;
    output::articles::show(&mut ctx.output, &article, &links, !args.no_body)
}

fn link(ctx: &mut Ctx<'_>, args: &ArticleLinkArgs) -> Result<()> {
    let tx = ctx.db.write()?;
    let (article_id, article_title) = articles::require(&tx, &args.article)?;
    let (deal_id, deal_slug) = deals::require(&tx, &args.deal)?;
    let quote = args
        .quote
        .as_deref()
        .map(str::trim)
        .unwrap_or_default()
        .to_string();
    let label = format!("{article_id} ({article_title})");
    check_quote(&tx, article_id, &quote, &label)
        .map_err(|e| Error::invalid(format!("--quote {e}")))?;
    let stated = args
        .stated
        .as_deref()
        .map(|s| Figure::parse(s).flag("--stated"))
        .transpose()?;
    let stored = deals::load_input(&tx, deal_id)?;
    let mut input = stored.clone();
    // Linking again updates the link; without --stated it keeps the stated figure.
    let earlier = input
        .sources
        .iter()
        .position(|s| s.article_id == article_id && s.quote == quote)
        .map(|i| input.sources.remove(i));
    let stated = stated.or(earlier.as_ref().and_then(|s| s.stated));
    input.sources.push(SourceInput {
        article_id,
        quote,
        stated,
    });
    input.normalize();
    deals::save_over(&tx, deal_id, &stored, &input)?;
    tx.commit()?;
    let verb = if earlier.is_some() {
        "Updated the link of"
    } else {
        "Linked"
    };
    writeln!(
        ctx.output,
        "{verb} article {article_id} to deal {deal_id} ({deal_slug})."
    )?;
    Ok(())
}
