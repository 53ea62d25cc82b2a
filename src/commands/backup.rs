//! `deals backup PATH`: a consistent copy of the live database.

use std::io::Write;

use crate::cli::BackupArgs;
use crate::db::backup;
use crate::error::Result;

use super::Ctx;

pub fn run(ctx: &mut Ctx<'_>, args: &BackupArgs) -> Result<()> {
    let pages = backup::backup(ctx.db.conn(), &args.path)?;
    writeln!(
        ctx.output,
        "Backed up {pages} pages to {}.",
        args.path.display()
    )?;
    Ok(())
}
