//! `deals check` findings.

use std::io::Write;

use super::{Format, Grid, Style, json, write_grid};
use crate::error::Result;
use crate::model::checks::Finding;

pub fn write(out: &mut dyn Write, format: Format, style: Style, found: &[Finding]) -> Result<()> {
    if format == Format::Json {
        return json::write(out, found);
    }
    if found.is_empty() && format == Format::Table {
        writeln!(out, "No findings.")?;
        return Ok(());
    }
    let mut grid = if format == Format::Csv {
        Grid::new(vec!["severity", "code", "records", "message", "hint"])
    } else {
        Grid::new(vec!["SEVERITY", "CODE", "RECORDS", "MESSAGE", "HINT"])
    };
    for f in found {
        grid.push(vec![
            f.severity.as_str().to_string(),
            f.code.to_string(),
            f.records.join(" "),
            f.message.clone(),
            f.hint.clone(),
        ]);
    }
    write_grid(out, format, &grid, style)
}
