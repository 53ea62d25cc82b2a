//! SVG charts of reports (placeholder until the renderer lands).

use std::io::Write;

use crate::error::{Error, Result};
use crate::model::report::Report;

pub fn write(_out: &mut dyn Write, _report: &Report) -> Result<()> {
    Err(Error::invalid("--format svg is not built yet"))
}
