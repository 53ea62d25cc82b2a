//! `deals check`.

use crate::cli::CheckArgs;
use crate::error::{Error, Result};

use super::Ctx;

pub fn run(_ctx: &mut Ctx<'_>, _args: &CheckArgs) -> Result<()> {
    Err(Error::invalid("deals check is not built yet"))
}
