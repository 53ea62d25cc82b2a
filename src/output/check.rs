//! `deals check` findings.

use std::io::Write;

use super::Output;
use super::{Format, Grid, json};
use crate::error::Result;
use crate::model::checks::Finding;

pub fn write(o: &mut Output<'_>, found: &[Finding]) -> Result<()> {
    if o.format == Format::Json {
        return json::write(o.out, found);
    }
    if found.is_empty() && o.format == Format::Table {
        writeln!(o, "No findings.")?;
        return Ok(());
    }
    let mut grid = if o.format == Format::Csv {
        Grid::new(vec!["severity", "code", "records", "message", "hint"])
    } else {
        Grid::new(vec!["SEVERITY", "CODE", "RECORDS", "MESSAGE", "HINT"])
    };
    for f in found {
        grid.push(vec![
            f.severity.to_string(),
            f.code.to_string(),
            f.records.join(" "),
            f.message.clone(),
            f.hint.clone(),
        ]);
    }
    o.grid(&grid)
}
