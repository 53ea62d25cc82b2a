//! One deal record of a document: its fields parsed and checked, its parties,
//! events and sources resolved, then saved by slug.

use crate::db::Conn;

use crate::db::deals::{self, Outcome};
use crate::db::seed_marks::{self, Mark, Seeded};
use crate::db::vocab::{self, Vocab};
use crate::error::{Error, Result};
use crate::model::document::{DealDoc, SourceDoc};
use crate::model::money::fields::{Amount, deal_value, read_figure};
use crate::model::{Event, PartialDate, Term, slug};
use crate::ops::record::{DealRecord, Part, Resolver, SourceRecord};

use super::{Origin, Place};

pub(super) fn import_deal(
    conn: &Conn,
    doc: &DealDoc,
    resolver: &mut Resolver<'_>,
    origin: &Origin<'_>,
    place: &Place,
) -> Result<Outcome> {
    let title = doc.title.trim();
    if title.is_empty() {
        return Err(place.error("title", "a deal needs a title"));
    }
    let slug = match &doc.slug {
        Some(s) => {
            slug::validate(s).map_err(|e| place.error("slug", e))?;
            s.clone()
        }
        None => {
            let made = slug::slugify(title);
            slug::validate(&made).map_err(|_| {
                place.error("slug", "no slug given and none can be made from the title")
            })?;
            made
        }
    };
    if origin.kept.is_some() {
        // Changed, renamed or deleted since seeded: left without reading further.
        let found = deals::by_slug(conn, &slug)?;
        if seed_marks::mark(conn, Seeded::Deals, &slug, found)? == Mark::Edited {
            origin.keep(Seeded::Deals, &slug);
            return Ok(Outcome::Kept);
        }
    }
    let kind = vocab::check(conn, Vocab::DealKind, &doc.kind).map_err(place.wrap("kind"))?;
    let status = vocab::check(
        conn,
        Vocab::Status,
        doc.status.as_deref().unwrap_or("announced"),
    )
    .map_err(place.wrap("status"))?;
    let announced = parse_date(doc.announced_on.as_deref()).map_err(place.wrap("announced_on"))?;
    let starts = parse_date(doc.starts_on.as_deref()).map_err(place.wrap("starts_on"))?;
    let value = deal_value(
        doc.value.as_deref(),
        doc.value_amount.map(Amount::Units),
        doc.value_currency.as_deref(),
        doc.value_qualifier.as_deref(),
    )
    .map_err(|(field, message)| place.error(&field, message))?;
    let term = doc
        .term_months
        .map(Term::from_months)
        .transpose()
        .map_err(|e| place.error("term_months", e))?;

    let mut parties = Vec::with_capacity(doc.parties.len());
    for (j, party) in doc.parties.iter().enumerate() {
        let role = vocab::check(conn, Vocab::Role, &party.role)
            .map_err(place.wrap(&format!("parties[{j}]")))?;
        parties.push((party.company.clone(), role));
    }
    let mut events = Vec::with_capacity(doc.events.len());
    for (j, event) in doc.events.iter().enumerate() {
        let field = format!("events[{j}]");
        let on = event
            .on
            .parse::<PartialDate>()
            .map_err(|e| place.error(&format!("{field}.on"), e))?;
        let kind = vocab::check(conn, Vocab::EventKind, &event.kind)
            .map_err(place.wrap(&format!("{field}.kind")))?;
        events.push(Event {
            on,
            kind,
            note: event.note.clone(),
        });
    }
    let mut sources = Vec::with_capacity(doc.sources.len());
    for (j, source) in doc.sources.iter().enumerate() {
        sources.push(source_record(source, place, &format!("sources[{j}]"))?);
    }
    let record = DealRecord {
        slug: Some(slug),
        title: title.to_string(),
        generated_title: false,
        kind: Some(kind),
        status: Some(status),
        announced,
        value,
        term,
        starts,
        notes: doc.notes.clone(),
        parties,
        tags: doc.tags.clone(),
        events,
        sources,
    };
    let input = resolver.resolve(&record).map_err(|(part, e)| {
        if !e.is_about_record() {
            return e;
        }
        let field = match part {
            Some(Part::Party(j)) => format!("parties[{j}]"),
            Some(Part::SourceArticle(j)) => format!("sources[{j}].article"),
            Some(Part::SourceQuote(j)) => format!("sources[{j}].quote"),
            None => "slug".to_string(),
        };
        place.error(&field, e)
    })?;
    let existing = deals::by_slug(conn, &input.slug)?;
    let same = match existing {
        Some(id) if origin.kept.is_some() => deals::load_input(conn, id)? == input,
        _ => false,
    };
    if !origin.may_write(conn, Seeded::Deals, &input.slug, existing, same)? {
        return Ok(Outcome::Kept);
    }
    let (id, outcome) = deals::save(conn, existing, &input).map_err(place.wrap("slug"))?;
    origin.seeded(conn, Seeded::Deals, &input.slug, id)?;
    Ok(outcome)
}

/// A source as the record writes it: the article, the quote, and the stated
/// figure from `stated` or `stated_amount`.
fn source_record(doc: &SourceDoc, place: &Place, field: &str) -> Result<SourceRecord> {
    let stated = read_figure(
        "stated",
        doc.stated.as_deref(),
        doc.stated_amount.map(Amount::Units),
        doc.stated_currency.as_deref(),
        doc.stated_qualifier.as_deref(),
    )
    .map_err(|(name, message)| place.error(&format!("{field}.{name}"), message))?;
    Ok(SourceRecord {
        article: doc.article.clone(),
        quote: doc
            .quote
            .as_deref()
            .map(str::trim)
            .unwrap_or_default()
            .to_string(),
        stated,
    })
}

pub(super) fn parse_date(text: Option<&str>) -> Result<Option<PartialDate>> {
    text.map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| {
            t.parse::<PartialDate>()
                .map_err(|e| Error::invalid(e.to_string()))
        })
        .transpose()
}
