//! `deals article add|list|show|link`.

use crate::model::clean::strip_line;
use std::io::Write;

use std::io::{self, IsTerminal, Read};
use std::path::Path;

use crate::cli::{
    ArticleAddArgs, ArticleCommand, ArticleEditArgs, ArticleLinkArgs, ArticleListArgs,
    ArticleRestoreArgs, ArticleRmArgs, ArticleShowArgs, ArticleUnlinkArgs, Change,
};
use crate::db::articles::{self, ArticleInput};
use crate::db::{SlugTable, deals, free_slug, history};
use crate::error::{Context, Error, Result};
use crate::model::{Figure, SourceInput};
use crate::ops::import::parse_language;
use crate::ops::record::check_quote;
use crate::output;

use super::{Ctx, confirm};

pub fn run(ctx: &mut Ctx<'_>, command: &ArticleCommand) -> Result<()> {
    match command {
        ArticleCommand::Add(args) => add(ctx, args),
        ArticleCommand::List(args) => list(ctx, args),
        ArticleCommand::Show(args) => show(ctx, args),
        ArticleCommand::Link(args) => link(ctx, args),
        ArticleCommand::Extract(args) => super::extract::run(ctx, args),
        ArticleCommand::Edit(args) => edit(ctx, args),
        ArticleCommand::Unlink(args) => unlink(ctx, args),
        ArticleCommand::Rm(args) => rm(ctx, args),
        ArticleCommand::Restore(args) => restore(ctx, args),
    }
}

/// The body from --file, or '-' / no --file: stdin, unless stdin is a terminal.
fn read_body(file: Option<&Path>) -> Result<String> {
    let from_stdin = match file {
        Some(path) if path != Path::new("-") => {
            return std::fs::read_to_string(path)
                .map_err(|e| Error::invalid(format!("--file {}: {e}", path.display())));
        }
        Some(_) => true,
        None => !io::stdin().is_terminal(),
    };
    let mut body = String::new();
    if from_stdin {
        io::stdin()
            .read_to_string(&mut body)
            .map_err(|e| Error::invalid(format!("stdin: {e}")))?;
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
        (Some(t), _, _) => strip_line(t).trim().to_string(),
        (None, Some(first), _) => strip_line(first).trim().chars().take(200).collect(),
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
    let deal = super::deal_id(conn, args.deal.as_deref())?;
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
    // Linking again updates the link; without --stated it keeps the stated figure.
    // Only this one link is written: the deal's other sources keep their rows.
    let earlier = articles::find_source(&tx, deal_id, article_id, &quote)?;
    match (&earlier, stated) {
        (Some((id, old)), Some(new)) if old.as_ref() != Some(&new) => {
            articles::set_stated(&tx, *id, &new)?;
        }
        (Some(_), _) => {}
        (None, stated) => {
            articles::insert_source(
                &tx,
                deal_id,
                &SourceInput {
                    article_id,
                    quote,
                    stated,
                },
            )?;
        }
    }
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

fn edit(ctx: &mut Ctx<'_>, args: &ArticleEditArgs) -> Result<()> {
    let tx = ctx.db.write()?;
    let (id, _) = articles::require(&tx, &args.article)?;
    let mut input = articles::load_input(&tx, id)?;
    if let Some(title) = &args.title {
        input.title = title.clone();
    }
    if let Some(url) = &args.url {
        input.url = url.to_option();
        if let Some(url) = &input.url
            && let Some((other, _)) = articles::resolve(&tx, url)?
            && other != id
        {
            return Err(Error::invalid(format!(
                "--url: article {other} already has the URL {url}"
            )));
        }
    }
    Change::apply(&args.publisher, &mut input.publisher);
    Change::apply(&args.author, &mut input.author);
    if let Some(language) = &args.language {
        input.language = language
            .to_option()
            .as_deref()
            .map(parse_language)
            .transpose()
            .map_err(|e| e.of_flag("--language"))?;
    }
    Change::apply(&args.published, &mut input.published);
    Change::apply(&args.summary, &mut input.summary);
    let changed = articles::update(&tx, id, &input)?;
    tx.commit()?;
    let verb = if changed { "Updated" } else { "Unchanged:" };
    writeln!(ctx.output, "{verb} article {id} ({}).", input.slug)?;
    Ok(())
}

fn unlink(ctx: &mut Ctx<'_>, args: &ArticleUnlinkArgs) -> Result<()> {
    let tx = ctx.db.write()?;
    let (article_id, title) = articles::require(&tx, &args.article)?;
    let (deal_id, slug) = deals::require(&tx, &args.deal)?;
    let removed = articles::unlink(&tx, article_id, deal_id)?;
    if removed == 0 {
        return Err(Error::invalid(format!(
            "article {article_id} ({}) is not a source of deal {slug}",
            crate::error::one_line(&title)
        )));
    }
    tx.commit()?;
    let links = if removed == 1 { "link" } else { "links" };
    writeln!(
        ctx.output,
        "Removed {removed} source {links} of article {article_id} from deal {deal_id} ({slug})."
    )?;
    Ok(())
}

fn rm(ctx: &mut Ctx<'_>, args: &ArticleRmArgs) -> Result<()> {
    let tx = ctx.db.write()?;
    let (id, _) = articles::require(&tx, &args.article)?;
    let article = articles::get(&tx, id)?;
    let links = article.source_count;
    let what = format!(
        "article {id} {} ({}) and its {links} source link{}",
        article.slug,
        crate::error::one_line(&article.title),
        if links == 1 { "" } else { "s" }
    );
    if !args.yes && !confirm(&format!("Delete {what}"))? {
        writeln!(ctx.output, "Nothing deleted.")?;
        return Ok(());
    }
    articles::delete(&tx, id)?;
    tx.commit()?;
    writeln!(
        ctx.output,
        "Deleted {what}. Bring it back with: deals article restore {}",
        article.slug
    )?;
    Ok(())
}

fn restore(ctx: &mut Ctx<'_>, args: &ArticleRestoreArgs) -> Result<()> {
    let tx = ctx.db.write()?;
    let restored = history::restore_article(&tx, &args.article)?;
    tx.commit()?;
    write!(
        ctx.output,
        "Restored article {} ({}) with {} source link{}",
        restored.id,
        restored.slug,
        restored.links,
        if restored.links == 1 { "" } else { "s" }
    )?;
    if restored.skipped > 0 {
        write!(
            ctx.output,
            "; {} left out (their deal is gone or the link exists again)",
            restored.skipped
        )?;
    }
    writeln!(ctx.output, ".")?;
    Ok(())
}
