//! `deals check` findings.

use std::io::Write;

use super::Output;
use super::{Format, Grid, json};
use crate::error::Result;
use crate::model::checks::Finding;

pub fn write(o: &mut Output<'_>, found: &[Finding]) -> Result<()> {
    let headers = match o.format {
        Format::Json => return json::write(o.out, found),
        Format::Table if found.is_empty() => return Ok(writeln!(o, "No findings.")?),
        Format::Csv => ["severity", "code", "records", "message", "hint"],
        Format::Table | Format::Markdown => ["SEVERITY", "CODE", "RECORDS", "MESSAGE", "HINT"],
    };
    let mut grid = Grid::new(headers.to_vec());
    for f in found {
        grid.push(vec![
            f.severity.to_string(),
            f.code.to_string(),
            f.records.join(" "),
            f.message.clone(),
            f.hint.clone(),
        ]);
    }
    o.grid(grid)
}
