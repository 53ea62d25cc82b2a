//! `deals seed`: load the bundled seed set again.

use crate::error::Result;
use crate::ops::import::Counts;
use crate::ops::seed;

use super::Ctx;

pub fn run(ctx: &mut Ctx<'_>) -> Result<()> {
    let summary = seed::load(&ctx.db)?;
    if summary.unchanged() {
        writeln!(ctx.out, "The seed set is already loaded; nothing changed.")?;
    } else {
        let line = |noun: &str, c: Counts| {
            format!(
                "{noun}: {} added, {} updated, {} unchanged",
                c.inserted, c.updated, c.unchanged
            )
        };
        writeln!(
            ctx.out,
            "Loaded the seed set. {}; {}; {}.",
            line("Deals", summary.deals),
            line("companies", summary.companies),
            line("articles", summary.articles)
        )?;
    }
    Ok(())
}
