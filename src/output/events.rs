//! `deals event list` output.

use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};

use super::{Format, IntoGrid, Output, opt};
use crate::error::Result;
use crate::model::DealEvent;

/// The JSON contract of an event: `id` is what `event edit` and `event rm` take;
/// `on` is the first day of the period (ISO 8601) and `precision` its size
/// (day, month, quarter, half, year); `deal` the deal's slug.
struct EventJson<'a>(&'a DealEvent);

impl Serialize for EventJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let e = self.0;
        let mut m = s.serialize_struct("Event", 7)?;
        m.serialize_field("id", &e.id)?;
        m.serialize_field("deal_id", &e.deal_id)?;
        m.serialize_field("deal", &e.deal_slug)?;
        m.serialize_field("on", &e.event.on.start_iso())?;
        m.serialize_field("precision", e.event.on.precision().as_str())?;
        m.serialize_field("kind", &e.event.kind)?;
        m.serialize_field("note", &e.event.note)?;
        m.end()
    }
}

/// Writes events as `event list` shows them.
pub fn list(o: &mut Output<'_>, events: &[DealEvent]) -> Result<()> {
    let grid = match o.format {
        Format::Json => return o.json_list(events.iter().map(EventJson)),
        Format::Csv => events.grid(&[
            ("id", &|e| e.id.to_string()),
            ("deal_id", &|e| e.deal_id.to_string()),
            ("deal", &|e| e.deal_slug.clone()),
            ("on", &|e| e.event.on.start_iso()),
            ("precision", &|e| e.event.on.precision().to_string()),
            ("kind", &|e| e.event.kind.clone()),
            ("note", &|e| opt(&e.event.note)),
        ]),
        Format::Table | Format::Markdown => events.grid(&[
            ("ID", &|e| e.id.to_string()),
            ("DEAL", &|e| e.deal_slug.clone()),
            ("ON", &|e| e.event.on.to_string()),
            ("KIND", &|e| e.event.kind.clone()),
            ("NOTE", &|e| opt(&e.event.note)),
        ]),
    };
    o.grid(grid)
}
