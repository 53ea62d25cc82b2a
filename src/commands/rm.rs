//! `deals rm DEAL`.

use std::io::Write;

use crate::cli::RmArgs;
use crate::db::deals;
use crate::error::Result;

use super::{Ctx, confirm};

pub fn run(ctx: &mut Ctx<'_>, args: &RmArgs) -> Result<()> {
    let tx = ctx.db.write()?;
    let (id, slug) = deals::require(&tx, &args.deal)?;
    let title = deals::get(&tx, id)?.title;
    if !args.yes && !confirm(&format!("Delete deal {id} {slug} ({title})"))? {
        writeln!(ctx.output, "Nothing deleted.")?;
        return Ok(());
    }
    deals::delete(&tx, id)?;
    tx.commit()?;
    writeln!(
        ctx.output,
        "Deleted deal {id} ({slug}). Bring it back with: deals restore {slug}"
    )?;
    Ok(())
}
