//! `deals backup`.

use crate::cli::BackupArgs;
use crate::error::{Error, Result};

use super::Ctx;

pub fn run(_ctx: &mut Ctx<'_>, _args: &BackupArgs) -> Result<()> {
    Err(Error::invalid("deals backup is not built yet"))
}
