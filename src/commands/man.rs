//! `deals man`: the man pages, made from the command line's clap types.

use std::io::Write;

use clap::CommandFactory;

use crate::cli::{Cli, ManArgs};
use crate::error::{Error, Result};

/// Writes `deals.1` to `out`, or with `--out DIR` one page per command into DIR
/// (created when missing), naming each file written.
pub fn run(out: &mut dyn Write, args: &ManArgs) -> Result<()> {
    let command = Cli::command();
    match &args.out {
        None => clap_mangen::Man::new(command).render(out)?,
        Some(dir) => {
            std::fs::create_dir_all(dir).map_err(|e| {
                Error::invalid(format!("--out: cannot create {}: {e}", dir.display()))
            })?;
            clap_mangen::generate_to(command, dir).map_err(|e| {
                Error::invalid(format!("--out: cannot write into {}: {e}", dir.display()))
            })?;
            writeln!(out, "Wrote the man pages into {}.", dir.display())?;
        }
    }
    Ok(())
}
