//! `deals report`.

use crate::cli::ReportArgs;
use crate::error::{Error, Result};

use super::Ctx;

pub fn run(_ctx: &mut Ctx<'_>, _args: &ReportArgs) -> Result<()> {
    Err(Error::invalid("deals report is not built yet"))
}
