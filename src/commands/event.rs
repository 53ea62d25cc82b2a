//! `deals event add|list|edit|rm`: the dated events of a deal.

use std::io::Write;

use crate::cli::{EventAddArgs, EventCommand, EventEditArgs, EventListArgs, EventRmArgs};
use crate::db::vocab::Vocab;
use crate::db::{deals, events};
use crate::error::Result;
use crate::model::{DealEvent, Event};
use crate::output;

use super::{Ctx, check_vocab, confirm};

pub fn run(ctx: &mut Ctx<'_>, command: &EventCommand) -> Result<()> {
    match command {
        EventCommand::Add(args) => add(ctx, args),
        EventCommand::List(args) => list(ctx, args),
        EventCommand::Edit(args) => edit(ctx, args),
        EventCommand::Rm(args) => rm(ctx, args),
    }
}

/// A note as stored: trimmed, and none when blank.
fn note(text: Option<String>) -> Option<String> {
    text.map(|t| t.trim().to_string()).filter(|t| !t.is_empty())
}

/// "milestone on 2026-H2 (half)": what an event says, as `add` and `edit` echo it.
fn describe(event: &Event) -> String {
    format!(
        "{} on {} ({})",
        event.kind,
        event.on,
        event.on.precision().as_str()
    )
}

fn add(ctx: &mut Ctx<'_>, args: &EventAddArgs) -> Result<()> {
    let tx = ctx.db.write()?;
    let (deal_id, slug) = deals::require(&tx, &args.deal)?;
    let event = Event {
        on: args.on,
        kind: check_vocab(&tx, Vocab::EventKind, "--kind", &args.kind)?,
        note: note(args.note.clone()),
    };
    let id = events::insert(&tx, deal_id, &event)?;
    tx.commit()?;
    echo(ctx, "Added", &events::require(ctx.db.conn(), id)?, &slug)
}

/// After a write: the event in the asked format, else a line saying what was understood.
fn echo(ctx: &mut Ctx<'_>, verb: &str, stored: &DealEvent, slug: &str) -> Result<()> {
    if ctx.format_given {
        return output::events::list(&mut ctx.output, std::slice::from_ref(stored));
    }
    writeln!(
        ctx.output,
        "{verb} event {} of deal {slug}: {}.",
        stored.id,
        describe(&stored.event)
    )?;
    Ok(())
}

fn list(ctx: &mut Ctx<'_>, args: &EventListArgs) -> Result<()> {
    let conn = ctx.db.conn();
    let deal = super::deal_id(conn, args.deal.as_deref())?;
    let found = events::list(conn, deal)?;
    output::events::list(&mut ctx.output, &found)
}

fn edit(ctx: &mut Ctx<'_>, args: &EventEditArgs) -> Result<()> {
    let tx = ctx.db.write()?;
    let stored = events::require(&tx, args.id)?;
    let mut event = stored.event.clone();
    if let Some(on) = args.on {
        event.on = on;
    }
    if let Some(kind) = &args.kind {
        event.kind = check_vocab(&tx, Vocab::EventKind, "--kind", kind)?;
    }
    if let Some(change) = &args.note {
        event.note = note(change.to_option());
    }
    let changed = events::update(&tx, args.id, &event)?;
    tx.commit()?;
    let verb = if changed { "Updated" } else { "Unchanged:" };
    let now = events::require(ctx.db.conn(), args.id)?;
    echo(ctx, verb, &now, &stored.deal_slug)
}

fn rm(ctx: &mut Ctx<'_>, args: &EventRmArgs) -> Result<()> {
    let tx = ctx.db.write()?;
    let stored = events::require(&tx, args.id)?;
    let what = format!(
        "event {} of deal {} ({})",
        stored.id,
        stored.deal_slug,
        describe(&stored.event)
    );
    if !args.yes && !confirm(&format!("Delete {what}"))? {
        writeln!(ctx.output, "Nothing deleted.")?;
        return Ok(());
    }
    events::delete(&tx, stored.id)?;
    tx.commit()?;
    writeln!(ctx.output, "Deleted {what}.")?;
    Ok(())
}
