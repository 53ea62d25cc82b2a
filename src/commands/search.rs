//! `deals search`.

use crate::cli::SearchArgs;
use crate::error::{Error, Result};

use super::Ctx;

pub fn run(_ctx: &mut Ctx<'_>, _args: &SearchArgs) -> Result<()> {
    Err(Error::invalid("deals search is not built yet"))
}
