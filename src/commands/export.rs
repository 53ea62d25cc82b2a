//! `deals export`.

use crate::cli::ExportArgs;
use crate::error::{Error, Result};

use super::Ctx;

pub fn run(_ctx: &mut Ctx<'_>, _args: &ExportArgs) -> Result<()> {
    Err(Error::invalid("deals export is not built yet"))
}
