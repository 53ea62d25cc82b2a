//! `deals company add|list|show|edit|rm|alias`.

use std::io::Write;

use crate::cli::{
    Change, CompanyAddArgs, CompanyAliasArgs, CompanyCommand, CompanyEditArgs, CompanyListArgs,
    CompanyRmArgs, CompanyShowArgs,
};
use crate::db::companies::{self, CompanyInput};
use crate::db::deals::{self, Filter};
use crate::db::vocab::Vocab;
use crate::db::{SlugTable, free_slug};
use crate::error::{Error, Result};
use crate::ops::reports;
use crate::output;

use super::{Ctx, check_vocab, confirm};

pub fn run(ctx: &mut Ctx<'_>, command: &CompanyCommand) -> Result<()> {
    match command {
        CompanyCommand::Add(args) => add(ctx, args),
        CompanyCommand::List(args) => list(ctx, args),
        CompanyCommand::Show(args) => show(ctx, args),
        CompanyCommand::Edit(args) => edit(ctx, args),
        CompanyCommand::Rm(args) => rm(ctx, args),
        CompanyCommand::Alias(args) => alias(ctx, args),
    }
}

fn name_of(flag: &str, text: &str) -> Result<String> {
    // As stored: what could hurt a terminal stripped first.
    let stripped = crate::model::clean::strip_line(text);
    let name = stripped.trim();
    if name.is_empty() {
        return Err(Error::usage(format!(
            "{flag}: a company name cannot be empty"
        )));
    }
    Ok(name.to_string())
}

fn add(ctx: &mut Ctx<'_>, args: &CompanyAddArgs) -> Result<()> {
    let tx = ctx.db.write()?;
    let name = name_of("NAME", &args.name)?;
    if let Some(existing) = companies::by_name(&tx, &name)? {
        return Err(Error::invalid(format!(
            "'{name}' already names {}",
            existing.name
        )));
    }
    let parent = match &args.parent {
        Some(p) => Some(companies::require(&tx, p, "--parent")?.id),
        None => None,
    };
    let input = CompanyInput {
        slug: free_slug(&tx, SlugTable::Companies, &name, args.slug.as_deref())
            .map_err(|e| e.of_flag("--slug"))?,
        kind: check_vocab(&tx, Vocab::CompanyKind, "--kind", &args.kind)?,
        country: args.country.clone(),
        parent_id: parent,
        website: args.website.clone(),
        description: args.description.clone(),
        name,
    };
    let id = companies::insert(&tx, &input)?;
    for alias in &args.aliases {
        companies::add_alias(&tx, id, alias)?;
    }
    let stored = companies::load_input(&tx, id)?.name;
    tx.commit()?;
    writeln!(ctx.output, "Added company {id} ({stored}).")?;
    Ok(())
}

fn list(ctx: &mut Ctx<'_>, args: &CompanyListArgs) -> Result<()> {
    let found = companies::list(ctx.db.conn(), args.sort, args.limit)?;
    output::companies::list(&mut ctx.output, &found)
}

fn show(ctx: &mut Ctx<'_>, args: &CompanyShowArgs) -> Result<()> {
    let conn = ctx.db.conn();
    let found = companies::require(conn, &args.company, "COMPANY")?;
    let company = companies::get(conn, found.id)?;
    let subsidiaries = companies::subsidiaries(conn, found.id)?;
    let group = if args.rollup {
        reports::with_subsidiaries(conn, &[found.id])?
    } else {
        vec![found.id]
    };
    let deals = deals::list(
        conn,
        &Filter {
            companies: group.clone(),
            ..Default::default()
        },
    )?;
    let profile = crate::model::profile::profile(&group, &deals);
    output::companies::show(
        &mut ctx.output,
        &company,
        &group,
        &subsidiaries,
        &deals,
        &profile,
    )
}

fn edit(ctx: &mut Ctx<'_>, args: &CompanyEditArgs) -> Result<()> {
    let tx = ctx.db.write()?;
    let found = companies::require(&tx, &args.company, "COMPANY")?;
    let mut input = companies::load_input(&tx, found.id)?;
    if let Some(name) = &args.name {
        input.name = name_of("--name", name)?;
    }
    if let Some(kind) = &args.kind {
        input.kind = check_vocab(&tx, Vocab::CompanyKind, "--kind", kind)?;
    }
    Change::apply(&args.country, &mut input.country);
    if let Some(parent) = &args.parent {
        input.parent_id = match parent.to_option() {
            Some(p) => Some(companies::require(&tx, &p, "--parent")?.id),
            None => None,
        };
    }
    Change::apply(&args.website, &mut input.website);
    Change::apply(&args.description, &mut input.description);
    if let Some(new_slug) = &args.slug
        && *new_slug != input.slug
    {
        input.slug = free_slug(&tx, SlugTable::Companies, new_slug, Some(new_slug))
            .map_err(|e| e.of_flag("--slug"))?;
    }
    let changed = companies::update(&tx, found.id, &input)?;
    tx.commit()?;
    let verb = if changed { "Updated" } else { "Unchanged:" };
    writeln!(ctx.output, "{verb} company {} ({}).", found.id, input.name)?;
    Ok(())
}

fn rm(ctx: &mut Ctx<'_>, args: &CompanyRmArgs) -> Result<()> {
    let tx = ctx.db.write()?;
    let found = companies::require(&tx, &args.company, "COMPANY")?;
    if !args.yes && !confirm(&format!("Delete company {} ({})", found.id, found.name))? {
        writeln!(ctx.output, "Nothing deleted.")?;
        return Ok(());
    }
    companies::delete(&tx, found.id)?;
    tx.commit()?;
    writeln!(ctx.output, "Deleted company {} ({}).", found.id, found.name)?;
    Ok(())
}

fn alias(ctx: &mut Ctx<'_>, args: &CompanyAliasArgs) -> Result<()> {
    let tx = ctx.db.write()?;
    let found = companies::require(&tx, &args.company, "COMPANY")?;
    for alias in &args.aliases {
        if args.remove {
            companies::remove_alias(&tx, found.id, alias)?;
        } else {
            companies::add_alias(&tx, found.id, alias)?;
        }
    }
    tx.commit()?;
    let aliases = companies::get(ctx.db.conn(), found.id)?.aliases;
    writeln!(
        ctx.output,
        "{} is also known as: {}.",
        found.name,
        if aliases.is_empty() {
            "(no other names)".to_string()
        } else {
            aliases.join(", ")
        }
    )?;
    Ok(())
}
