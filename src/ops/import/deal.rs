//! One deal record of a document: its fields parsed and checked, its parties,
//! events and sources resolved, then saved by slug.

use rusqlite::Connection;

use crate::db::articles;
use crate::db::companies::{self, CompanyInput};
use crate::db::deals::{self, Outcome};
use crate::db::vocab::{self, Vocab};
use crate::db::{SlugTable, free_slug};
use crate::error::{Error, Result, one_line};
use crate::model::document::{DealDoc, SourceDoc};
use crate::model::{
    Currency, DealInput, Event, Figure, Money, PartialDate, Qualifier, SourceInput, Term, slug,
};

use super::{ArticleKeys, Place};

pub(super) fn import_deal(
    conn: &Connection,
    doc: &DealDoc,
    articles: &ArticleKeys,
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
    let kind = vocab::check(conn, Vocab::DealKind, &doc.kind).map_err(place.wrap("kind"))?;
    let status = vocab::check(
        conn,
        Vocab::Status,
        doc.status.as_deref().unwrap_or("announced"),
    )
    .map_err(place.wrap("status"))?;
    let announced = parse_date(doc.announced_on.as_deref()).map_err(place.wrap("announced_on"))?;
    let starts = parse_date(doc.starts_on.as_deref()).map_err(place.wrap("starts_on"))?;
    let value = deal_value(doc, place)?;
    let term = doc
        .term_months
        .map(Term::from_months)
        .transpose()
        .map_err(|e| place.error("term_months", e))?;

    let mut parties = Vec::with_capacity(doc.parties.len());
    for (j, party) in doc.parties.iter().enumerate() {
        let field = format!("parties[{j}]");
        let role = vocab::check(conn, Vocab::Role, &party.role).map_err(place.wrap(&field))?;
        let company = match companies::by_name(conn, &party.company)? {
            Some(found) => found.id,
            None => create_company(conn, &party.company).map_err(place.wrap(&field))?,
        };
        parties.push((company, role));
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
        sources.push(deal_source(
            conn,
            source,
            articles,
            place,
            &format!("sources[{j}]"),
        )?);
    }
    let mut input = DealInput {
        slug,
        title: title.to_string(),
        kind,
        status,
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
    input.normalize();
    let existing = deals::by_slug(conn, &input.slug)?;
    Ok(deals::save(conn, existing, &input)
        .map_err(place.wrap("slug"))?
        .1)
}

/// A company named only as a party: created with its name and nothing else.
fn create_company(conn: &Connection, name: &str) -> Result<i64> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::invalid("a party needs a company name"));
    }
    let input = CompanyInput {
        name: name.to_string(),
        slug: free_slug(conn, SlugTable::Companies, name, None)?,
        kind: "company".into(),
        ..Default::default()
    };
    companies::insert(conn, &input)
}

/// The value of a deal: the `value` text, or the three value_ fields. A currency
/// or qualifier without an amount is no value.
fn deal_value(doc: &DealDoc, place: &Place) -> Result<Option<Money>> {
    if let Some(text) = &doc.value {
        if doc.value_amount.is_some() {
            return Err(place.error("value", "give value or value_amount, not both"));
        }
        return Money::parse(text, Some(Currency::USD))
            .map(Some)
            .map_err(|e| place.error("value", e));
    }
    let Some(amount) = doc.value_amount else {
        return Ok(None);
    };
    let currency = doc
        .value_currency
        .as_deref()
        .ok_or_else(|| place.error("value_currency", "an amount needs its currency"))?
        .parse::<Currency>()
        .map_err(|e| place.error("value_currency", e))?;
    let qualifier = parse_qualifier(doc.value_qualifier.as_deref())
        .map_err(|e| place.error("value_qualifier", e))?;
    Money::new(amount, currency, qualifier)
        .map(Some)
        .map_err(|e| place.error("value_amount", e))
}

fn deal_source(
    conn: &Connection,
    doc: &SourceDoc,
    articles: &ArticleKeys,
    place: &Place,
    field: &str,
) -> Result<SourceInput> {
    let article_id = match articles.get(doc.article.trim()) {
        Some(&id) => id,
        None => articles::resolve(conn, &doc.article)?
            .map(|(id, _)| id)
            .ok_or_else(|| {
                place.error(
                    &format!("{field}.article"),
                    format!(
                        "no article '{}' in the document or the database",
                        one_line(&doc.article)
                    ),
                )
            })?,
    };
    let quote = doc
        .quote
        .as_deref()
        .map(str::trim)
        .unwrap_or_default()
        .to_string();
    let body = articles::load_input(conn, article_id)?.body;
    if !quote.is_empty() && !body.is_empty() && !articles::body_contains(&body, &quote) {
        return Err(place.error(
            &format!("{field}.quote"),
            format!(
                "'{}' does not occur in article '{}'",
                one_line(&quote),
                one_line(&doc.article)
            ),
        ));
    }
    let stated = match (&doc.stated, doc.stated_amount) {
        (Some(_), Some(_)) => {
            return Err(place.error(
                &format!("{field}.stated"),
                "give stated or stated_amount, not both",
            ));
        }
        (Some(text), None) => {
            Some(Figure::parse(text).map_err(|e| place.error(&format!("{field}.stated"), e))?)
        }
        (None, Some(amount)) => {
            let currency = doc
                .stated_currency
                .as_deref()
                .map(str::parse::<Currency>)
                .transpose()
                .map_err(|e| place.error(&format!("{field}.stated_currency"), e))?;
            let qualifier = parse_qualifier(doc.stated_qualifier.as_deref())
                .map_err(|e| place.error(&format!("{field}.stated_qualifier"), e))?;
            if amount < 0 {
                return Err(place.error(
                    &format!("{field}.stated_amount"),
                    "negative amounts are not allowed",
                ));
            }
            Some(Figure {
                amount,
                currency,
                qualifier,
            })
        }
        (None, None) => None,
    };
    Ok(SourceInput {
        article_id,
        quote,
        stated,
    })
}

fn parse_qualifier(text: Option<&str>) -> std::result::Result<Qualifier, crate::model::ParseError> {
    text.map_or(Ok(Qualifier::Exact), str::parse)
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
