//! `deals timeline` output.

use serde::Serialize;

use super::Output;
use super::{Format, Grid, json, opt};
use crate::error::Result;
use crate::model::deal::Entry;

/// The JSON contract of a timeline entry.
#[derive(Serialize)]
struct EntryJson<'a> {
    /// First day of the period, ISO 8601.
    on: String,
    precision: &'static str,
    kind: &'a str,
    /// The deal's slug.
    deal: &'a str,
    deal_title: &'a str,
    note: Option<&'a str>,
}

pub fn write(o: &mut Output<'_>, entries: &[Entry]) -> Result<()> {
    if o.format == Format::Json {
        let rows: Vec<EntryJson<'_>> = entries
            .iter()
            .map(|e| EntryJson {
                on: e.on.start_iso(),
                precision: e.on.precision().as_str(),
                kind: &e.kind,
                deal: &e.deal_slug,
                deal_title: &e.deal_title,
                note: e.note.as_deref(),
            })
            .collect();
        return json::write(o.out, &rows);
    }
    let csv = o.format == Format::Csv;
    let mut grid = if csv {
        Grid::new(vec!["on", "precision", "kind", "deal", "note"])
    } else {
        Grid::new(vec!["ON", "PRECISION", "KIND", "DEAL", "NOTE"])
    };
    for e in entries {
        grid.push(vec![
            if csv {
                e.on.start_iso()
            } else {
                e.on.to_string()
            },
            e.on.precision().to_string(),
            e.kind.clone(),
            e.deal_slug.clone(),
            if e.note.is_some() || csv {
                opt(&e.note)
            } else {
                e.deal_title.clone()
            },
        ]);
    }
    o.grid(&grid)
}
