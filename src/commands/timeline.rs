//! `deals timeline`.

use crate::cli::TimelineArgs;
use crate::error::{Error, Result};

use super::Ctx;

pub fn run(_ctx: &mut Ctx<'_>, _args: &TimelineArgs) -> Result<()> {
    Err(Error::invalid("deals timeline is not built yet"))
}
