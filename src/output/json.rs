//! The JSON contract. These structs ARE the documented keys of `--format json`
//! (README, "JSON output"); change them only by adding keys.

use std::io::Write;

use serde::Serialize;

use crate::model::{Article, Company, Deal, DealDetail, Event, PartialDate, Source};

#[derive(Debug, Serialize)]
pub struct DealJson<'a> {
    pub id: i64,
    pub slug: &'a str,
    pub title: &'a str,
    pub kind: &'a str,
    pub status: &'a str,
    /// First day of the announced period, ISO 8601.
    pub announced_on: Option<String>,
    pub announced_precision: Option<&'static str>,
    pub value_amount: Option<i64>,
    pub value_currency: Option<&'a str>,
    pub value_qualifier: Option<&'static str>,
    pub term_months: Option<u32>,
    pub starts_on: Option<String>,
    pub starts_precision: Option<&'static str>,
    pub notes: Option<&'a str>,
    pub parties: Vec<PartyJson<'a>>,
    pub tags: &'a [String],
    pub created_at: &'a str,
    pub updated_at: &'a str,
}

#[derive(Debug, Serialize)]
pub struct PartyJson<'a> {
    pub company: &'a str,
    pub company_id: i64,
    pub role: &'a str,
}

#[derive(Debug, Serialize)]
pub struct DealDetailJson<'a> {
    #[serde(flatten)]
    pub deal: DealJson<'a>,
    pub events: Vec<EventJson<'a>>,
    pub sources: Vec<SourceJson<'a>>,
}

#[derive(Debug, Serialize)]
pub struct EventJson<'a> {
    pub on: String,
    pub precision: &'static str,
    pub kind: &'a str,
    pub note: Option<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct SourceJson<'a> {
    pub article_id: i64,
    pub article_slug: &'a str,
    pub article_title: &'a str,
    pub quote: &'a str,
    pub stated_amount: Option<i64>,
    pub stated_currency: Option<&'a str>,
    pub stated_qualifier: Option<&'static str>,
}

fn iso(date: &Option<PartialDate>) -> (Option<String>, Option<&'static str>) {
    match date {
        Some(d) => (Some(d.start_iso()), Some(d.precision().as_str())),
        None => (None, None),
    }
}

impl<'a> DealJson<'a> {
    pub fn new(deal: &'a Deal) -> Self {
        let (announced_on, announced_precision) = iso(&deal.announced);
        let (starts_on, starts_precision) = iso(&deal.starts);
        DealJson {
            id: deal.id,
            slug: &deal.slug,
            title: &deal.title,
            kind: &deal.kind,
            status: &deal.status,
            announced_on,
            announced_precision,
            value_amount: deal.value.as_ref().map(|m| m.amount),
            value_currency: deal.value.as_ref().map(|m| m.currency.as_str()),
            value_qualifier: deal.value.as_ref().map(|m| m.qualifier.as_str()),
            term_months: deal.term.map(|t| t.months()),
            starts_on,
            starts_precision,
            notes: deal.notes.as_deref(),
            parties: deal
                .parties
                .iter()
                .map(|p| PartyJson {
                    company: &p.company,
                    company_id: p.company_id,
                    role: &p.role,
                })
                .collect(),
            tags: &deal.tags,
            created_at: &deal.created_at,
            updated_at: &deal.updated_at,
        }
    }
}

impl<'a> EventJson<'a> {
    pub fn new(event: &'a Event) -> Self {
        EventJson {
            on: event.on.start_iso(),
            precision: event.on.precision().as_str(),
            kind: &event.kind,
            note: event.note.as_deref(),
        }
    }
}

impl<'a> SourceJson<'a> {
    pub fn new(source: &'a Source) -> Self {
        let stated = source.stated.as_ref();
        SourceJson {
            article_id: source.article_id,
            article_slug: &source.article_slug,
            article_title: &source.article_title,
            quote: &source.quote,
            stated_amount: stated.map(|f| f.amount),
            stated_currency: stated.and_then(|f| f.currency.as_ref()).map(|c| c.as_str()),
            stated_qualifier: stated.map(|f| f.qualifier.as_str()),
        }
    }
}

impl<'a> DealDetailJson<'a> {
    pub fn new(detail: &'a DealDetail) -> Self {
        DealDetailJson {
            deal: DealJson::new(&detail.deal),
            events: detail.events.iter().map(EventJson::new).collect(),
            sources: detail.sources.iter().map(SourceJson::new).collect(),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct CompanyJson<'a> {
    pub id: i64,
    pub slug: &'a str,
    pub name: &'a str,
    pub kind: &'a str,
    pub country: Option<&'a str>,
    pub parent: Option<&'a str>,
    pub aliases: &'a [String],
    pub website: Option<&'a str>,
    pub description: Option<&'a str>,
    pub deal_count: i64,
    pub created_at: &'a str,
}

impl<'a> CompanyJson<'a> {
    pub fn new(c: &'a Company) -> Self {
        CompanyJson {
            id: c.id,
            slug: &c.slug,
            name: &c.name,
            kind: &c.kind,
            country: c.country.as_deref(),
            parent: c.parent.as_deref(),
            aliases: &c.aliases,
            website: c.website.as_deref(),
            description: c.description.as_deref(),
            deal_count: c.deal_count,
            created_at: &c.created_at,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct ArticleJson<'a> {
    pub id: i64,
    pub slug: &'a str,
    pub url: Option<&'a str>,
    pub title: &'a str,
    pub publisher: Option<&'a str>,
    pub author: Option<&'a str>,
    pub language: Option<&'a str>,
    pub published_on: Option<String>,
    pub published_precision: Option<&'static str>,
    pub summary: Option<&'a str>,
    pub content_hash: Option<&'a str>,
    pub source_count: i64,
    pub added_at: &'a str,
    /// Only in `article show`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<&'a str>,
}

impl<'a> ArticleJson<'a> {
    pub fn new(a: &'a Article, with_body: bool) -> Self {
        let (published_on, published_precision) = iso(&a.published);
        ArticleJson {
            id: a.id,
            slug: &a.slug,
            url: a.url.as_deref(),
            title: &a.title,
            publisher: a.publisher.as_deref(),
            author: a.author.as_deref(),
            language: a.language.as_deref(),
            published_on,
            published_precision,
            summary: a.summary.as_deref(),
            content_hash: a.content_hash.as_deref(),
            source_count: a.source_count,
            added_at: &a.added_at,
            body: with_body.then_some(a.body.as_str()),
        }
    }
}

/// Writes any value as pretty JSON and a final newline.
pub fn write<T: Serialize + ?Sized>(out: &mut dyn Write, value: &T) -> crate::error::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)?;
    Ok(())
}
