//! The JSON contract. These serializers ARE the documented keys of `--format json`
//! (README, "JSON output"), in order; change them only by adding keys. Dates are
//! the first day of their period, ISO 8601, next to their precision.

use std::io::Write;

use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};

use crate::model::{Article, Deal, DealDetail, Event, Source};

/// A deal, as `list` and `company show` give it.
pub struct DealJson<'a>(pub &'a Deal);

impl Serialize for DealJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (d, value) = (self.0, self.0.value.as_ref());
        let mut m = s.serialize_struct("Deal", 19)?;
        m.serialize_field("id", &d.id)?;
        m.serialize_field("slug", &d.slug)?;
        m.serialize_field("title", &d.title)?;
        m.serialize_field("kind", &d.kind)?;
        m.serialize_field("status", &d.status)?;
        m.serialize_field("announced_on", &d.announced.map(|a| a.start_iso()))?;
        m.serialize_field(
            "announced_precision",
            &d.announced.map(|a| a.precision().as_str()),
        )?;
        m.serialize_field("value_amount", &value.map(|v| v.amount))?;
        m.serialize_field("value_currency", &value.map(|v| v.currency.as_str()))?;
        m.serialize_field("value_qualifier", &value.map(|v| v.qualifier.as_str()))?;
        m.serialize_field("term_months", &d.term.map(|t| t.months()))?;
        m.serialize_field("starts_on", &d.starts.map(|a| a.start_iso()))?;
        m.serialize_field(
            "starts_precision",
            &d.starts.map(|a| a.precision().as_str()),
        )?;
        m.serialize_field("notes", &d.notes)?;
        let parties = d.parties.iter().map(|p| PartyJson {
            company: &p.company,
            company_id: p.company_id,
            role: &p.role,
        });
        m.serialize_field("parties", &parties.collect::<Vec<_>>())?;
        m.serialize_field("tags", &d.tags)?;
        m.serialize_field("created_at", &d.created_at)?;
        m.serialize_field("updated_at", &d.updated_at)?;
        m.end()
    }
}

#[derive(Serialize)]
struct PartyJson<'a> {
    company: &'a str,
    company_id: i64,
    role: &'a str,
}

/// A deal with its events and sources, as `show` gives it.
#[derive(Serialize)]
pub struct DealDetailJson<'a> {
    #[serde(flatten)]
    deal: DealJson<'a>,
    events: Vec<EventJson<'a>>,
    sources: Vec<SourceJson<'a>>,
}

impl<'a> DealDetailJson<'a> {
    pub fn new(detail: &'a DealDetail) -> Self {
        DealDetailJson {
            deal: DealJson(&detail.deal),
            events: detail.events.iter().map(EventJson).collect(),
            sources: detail.sources.iter().map(SourceJson).collect(),
        }
    }
}

pub struct EventJson<'a>(pub &'a Event);

impl Serialize for EventJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let e = self.0;
        let mut m = s.serialize_struct("Event", 4)?;
        m.serialize_field("on", &e.on.start_iso())?;
        m.serialize_field("precision", e.on.precision().as_str())?;
        m.serialize_field("kind", &e.kind)?;
        m.serialize_field("note", &e.note)?;
        m.end()
    }
}

pub struct SourceJson<'a>(pub &'a Source);

impl Serialize for SourceJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (source, stated) = (self.0, self.0.stated.as_ref());
        let mut m = s.serialize_struct("Source", 7)?;
        m.serialize_field("article_id", &source.article_id)?;
        m.serialize_field("article_slug", &source.article_slug)?;
        m.serialize_field("article_title", &source.article_title)?;
        m.serialize_field("quote", &source.quote)?;
        m.serialize_field("stated_amount", &stated.map(|f| f.amount))?;
        let currency = stated.and_then(|f| f.currency.as_ref()).map(|c| c.as_str());
        m.serialize_field("stated_currency", &currency)?;
        m.serialize_field("stated_qualifier", &stated.map(|f| f.qualifier.as_str()))?;
        m.end()
    }
}

/// An article; its body only in `article show` (`with_body`).
pub struct ArticleJson<'a> {
    pub article: &'a Article,
    pub with_body: bool,
}

impl Serialize for ArticleJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let a = self.article;
        let mut m = s.serialize_struct("Article", 14)?;
        m.serialize_field("id", &a.id)?;
        m.serialize_field("slug", &a.slug)?;
        m.serialize_field("url", &a.url)?;
        m.serialize_field("title", &a.title)?;
        m.serialize_field("publisher", &a.publisher)?;
        m.serialize_field("author", &a.author)?;
        m.serialize_field("language", &a.language)?;
        m.serialize_field("published_on", &a.published.map(|d| d.start_iso()))?;
        m.serialize_field(
            "published_precision",
            &a.published.map(|d| d.precision().as_str()),
        )?;
        m.serialize_field("summary", &a.summary)?;
        m.serialize_field("content_hash", &a.content_hash)?;
        m.serialize_field("source_count", &a.source_count)?;
        m.serialize_field("added_at", &a.added_at)?;
        if self.with_body {
            m.serialize_field("body", &a.body)?;
        }
        m.end()
    }
}

/// Writes any value as pretty JSON and a final newline.
pub fn write<T: Serialize + ?Sized>(out: &mut dyn Write, value: &T) -> crate::error::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)?;
    Ok(())
}
