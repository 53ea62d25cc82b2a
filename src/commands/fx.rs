//! `deals fx set|list`.

use crate::cli::FxCommand;
use crate::error::{Error, Result};

use super::Ctx;

pub fn run(_ctx: &mut Ctx<'_>, _command: &FxCommand) -> Result<()> {
    Err(Error::invalid("deals fx is not built yet"))
}
