//! `deals sql`.

use crate::cli::SqlArgs;
use crate::error::{Error, Result};

use super::Ctx;

pub fn run(_ctx: &mut Ctx<'_>, _args: &SqlArgs) -> Result<()> {
    Err(Error::invalid("deals sql is not built yet"))
}
