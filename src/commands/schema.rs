//! `deals schema`.

use crate::error::{Error, Result};

use super::Ctx;

pub fn run(_ctx: &mut Ctx<'_>) -> Result<()> {
    Err(Error::invalid("deals schema is not built yet"))
}
