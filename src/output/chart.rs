//! Terminal bar charts of reports (placeholder until the renderer lands).

use std::io::Write;

use super::Style;
use crate::error::{Error, Result};
use crate::model::report::Report;

pub fn terminal(_out: &mut dyn Write, _report: &Report, _style: Style) -> Result<()> {
    Err(Error::invalid("--chart is not built yet"))
}
