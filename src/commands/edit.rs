//! `deals edit DEAL`: change fields, parties and tags in one transaction.

use crate::cli::{Change, EditArgs};
use crate::db::Conn;
use crate::db::companies;
use crate::db::vocab::Vocab;
use crate::db::{SlugTable, deals, free_slug};
use crate::error::{Context, Error, Result, one_line};
use crate::model::Currency;
use crate::model::deal::normalize_tag;

use super::{Ctx, check_vocab, resolve_parties, show};

pub fn run(ctx: &mut Ctx<'_>, args: &EditArgs) -> Result<()> {
    let tx = ctx.db.write()?;
    let (id, old_slug) = deals::require(&tx, &args.deal)?;
    let stored = deals::load_input(&tx, id)?;
    let mut input = stored.clone();
    if let Some(title) = &args.title {
        input.title = title.clone();
    }
    if let Some(kind) = &args.kind {
        input.kind = check_vocab(&tx, Vocab::DealKind, "--kind", kind)?;
    }
    if let Some(status) = &args.status {
        input.status = check_vocab(&tx, Vocab::Status, "--status", status)?;
    }
    if let Some(value) = &args.value {
        // A new figure keeps the deal's currency unless it names one, or
        // --currency does.
        let kept = stored.value.map(|v| v.currency);
        input.value = value
            .to_option()
            .map(|v| match args.currency {
                Some(_) => v.in_currency(args.currency),
                None => v.with_default_currency(kept.or(Some(Currency::USD))),
            })
            .transpose()
            .flag("--value")?;
    }
    Change::apply(&args.announced, &mut input.announced);
    Change::apply(&args.term, &mut input.term);
    Change::apply(&args.starts, &mut input.starts);
    Change::apply(&args.notes, &mut input.notes);
    if let Some(new_slug) = &args.slug
        && *new_slug != old_slug
    {
        input.slug = free_slug(&tx, SlugTable::Deals, new_slug, Some(new_slug))
            .map_err(|e| e.of_flag("--slug"))?;
    }
    input.parties.extend(resolve_parties(
        &tx,
        "--add-party",
        &args.add_parties,
        args.create_companies,
    )?);
    for arg in &args.remove_parties {
        remove_party(&tx, &mut input.parties, arg)?;
    }
    input.tags.extend(args.add_tags.iter().cloned());
    for tag in &args.remove_tags {
        let tag = normalize_tag(tag);
        let before = input.tags.len();
        input.tags.retain(|t| *t != tag);
        if input.tags.len() == before {
            return Err(Error::invalid(format!(
                "--untag: the deal has no tag '{}'",
                one_line(&tag)
            )));
        }
    }
    input.normalize();
    let outcome = deals::save_over(&tx, id, &stored, &input)?;
    tx.commit()?;
    let verb = match outcome {
        deals::Outcome::Unchanged => "Unchanged:",
        _ => "Updated",
    };
    show::report(ctx, id, verb, args.value.is_some())
}

/// Removes `COMPANY:ROLE`, or every role of `COMPANY`, from `parties`.
fn remove_party(conn: &Conn, parties: &mut Vec<(i64, String)>, arg: &str) -> Result<()> {
    let place = format!("--remove-party '{}'", one_line(arg));
    let (name, role) = match arg.rsplit_once(':') {
        Some((name, role)) => (name, Some(check_vocab(conn, Vocab::Role, &place, role)?)),
        None => (arg, None),
    };
    let company = companies::require(conn, name, &place)?;
    let before = parties.len();
    parties.retain(|(id, r)| !(*id == company.id && role.as_ref().is_none_or(|role| role == r)));
    if parties.len() == before {
        return Err(Error::invalid(format!(
            "{place}: {} is not a party{}",
            company.name,
            if role.is_some() { " in that role" } else { "" }
        )));
    }
    Ok(())
}
