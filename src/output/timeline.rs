//! `deals timeline` output.

use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};

use super::Output;
use super::{Format, opt};
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

/// `deals timeline` written as the entries come (see [`super::stream::Stream`]).
pub struct Listing(super::stream::Stream);

impl Listing {
    pub fn new(format: Format) -> Listing {
        Listing(super::stream::Stream::new(
            format,
            vec!["on", "precision", "kind", "deal", "note"],
            vec!["ON", "PRECISION", "KIND", "DEAL", "NOTE"],
        ))
    }

    /// Writes one entry (or keeps it for its table page).
    pub fn push(&mut self, o: &mut Output<'_>, e: &Entry) -> Result<()> {
        let csv = o.format == Format::Csv;
        let row = || {
            vec![
                if csv {
                    e.on.start_iso()
                } else {
                    e.on.to_string()
                },
                e.on.precision().to_string(),
                e.kind.clone(),
                e.deal_slug.clone(),
                match csv {
                    true => opt(&e.note),
                    false => e.note.clone().unwrap_or_else(|| e.deal_title.clone()),
                },
            ]
        };
        self.0.push(o, &EntryJson(e), row)
    }

    /// Writes the end of the listing.
    pub fn finish(self, o: &mut Output<'_>) -> Result<()> {
        self.0.finish(o)
    }
}
