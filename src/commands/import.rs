//! `deals import`.

use crate::cli::ImportArgs;
use crate::error::{Error, Result};

use super::Ctx;

pub fn run(_ctx: &mut Ctx<'_>, _args: &ImportArgs) -> Result<()> {
    Err(Error::invalid("deals import is not built yet"))
}
