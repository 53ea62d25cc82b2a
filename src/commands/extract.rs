//! `deals extract`.

use crate::cli::ArticleExtractArgs;
use crate::error::{Error, Result};

use super::Ctx;

pub fn run(_ctx: &mut Ctx<'_>, _args: &ArticleExtractArgs) -> Result<()> {
    Err(Error::invalid("deals extract is not built yet"))
}
