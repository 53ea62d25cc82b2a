//! `deals timeline` output.

use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};

use super::Output;
use super::{Format, IntoGrid, opt};
use crate::error::Result;
use crate::model::deal::Entry;

/// The JSON contract of a timeline entry: `on` is the first day of the period,
/// ISO 8601; `deal` the deal's slug.
struct EntryJson<'a>(&'a Entry);

impl Serialize for EntryJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let e = self.0;
        let mut m = s.serialize_struct("Entry", 6)?;
        m.serialize_field("on", &e.on.start_iso())?;
        m.serialize_field("precision", e.on.precision().as_str())?;
        m.serialize_field("kind", &e.kind)?;
        m.serialize_field("deal", &e.deal_slug)?;
        m.serialize_field("deal_title", &e.deal_title)?;
        m.serialize_field("note", &e.note)?;
        m.end()
    }
}

pub fn write(o: &mut Output<'_>, entries: &[Entry]) -> Result<()> {
    let grid = match o.format {
        Format::Json => return o.json_list(entries.iter().map(EntryJson)),
        Format::Csv => entries.grid(&[
            ("on", &|e| e.on.start_iso()),
            ("precision", &|e| e.on.precision().to_string()),
            ("kind", &|e| e.kind.clone()),
            ("deal", &|e| e.deal_slug.clone()),
            ("note", &|e| opt(&e.note)),
        ]),
        Format::Table | Format::Markdown => entries.grid(&[
            ("ON", &|e| e.on.to_string()),
            ("PRECISION", &|e| e.on.precision().to_string()),
            ("KIND", &|e| e.kind.clone()),
            ("DEAL", &|e| e.deal_slug.clone()),
            ("NOTE", &|e| {
                e.note.clone().unwrap_or_else(|| e.deal_title.clone())
            }),
        ]),
    };
    o.grid(&grid)
}
