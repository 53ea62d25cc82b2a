//! `deals seed`: load the bundled seed set again.

use std::io::Write;

use crate::error::Result;
use crate::ops::import::Counts;
use crate::ops::seed;

use super::Ctx;

pub fn run(ctx: &mut Ctx<'_>) -> Result<()> {
    let (summary, kept) = seed::load_keeping(&ctx.db)?;
    if summary.unchanged() {
        writeln!(
            ctx.output,
            "The seed set is already loaded; nothing changed."
        )?;
    } else {
        let line = |noun: &str, c: Counts| {
            format!(
                "{noun}: {} added, {} updated, {} unchanged",
                c.inserted, c.updated, c.unchanged
            )
        };
        writeln!(
            ctx.output,
            "Loaded the seed set. {}; {}; {}.",
            line("Deals", summary.deals),
            line("companies", summary.companies),
            line("articles", summary.articles)
        )?;
    }
    if !kept.is_empty() {
        writeln!(
            ctx.output,
            "Left as changed since seeded: {}. (`deals history` shows the changes.)",
            kept.join(", ")
        )?;
    }
    Ok(())
}
