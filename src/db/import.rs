//! Loading an interchange document: companies, articles, then deals, each keyed so
//! that loading the same document twice changes nothing. The caller holds the one
//! transaction; any error names the document, the record and the field.

use std::collections::HashMap;

use rusqlite::Connection;
use serde::Serialize;

use crate::db::articles::{self, ArticleInput};
use crate::db::companies::{self, CompanyInput};
use crate::db::deals::{self, Outcome};
use crate::db::vocab::{self, Vocab};
use crate::db::{SlugTable, free_slug, slug_taken};
use crate::error::{Error, Result, one_line};
use crate::model::document::{ArticleDoc, CompanyDoc, DealDoc, Document, FORMAT, SourceDoc};
use crate::model::{
    Currency, DealInput, Event, Figure, Money, PartialDate, Qualifier, SourceInput, Term, slug,
};

/// Where a document came from, for messages, and how to read the article bodies
/// it keeps in separate files.
pub struct Origin<'a> {
    pub name: String,
    pub read_body: &'a dyn Fn(&str) -> Result<String>,
}

/// How many records of one kind were inserted, updated or left as they were.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub inserted: u64,
    pub updated: u64,
    pub unchanged: u64,
}

impl Counts {
    fn add(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Inserted => self.inserted += 1,
            Outcome::Updated => self.updated += 1,
            Outcome::Unchanged => self.unchanged += 1,
        }
    }
}

/// What an import did, per kind of record.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub companies: Counts,
    pub articles: Counts,
    pub deals: Counts,
}

impl Summary {
    /// True when the import changed nothing.
    pub fn unchanged(&self) -> bool {
        [self.companies, self.articles, self.deals]
            .iter()
            .all(|c| c.inserted == 0 && c.updated == 0)
    }
}

/// Parses a document's text, naming the origin and position of a syntax error.
pub fn parse(text: &str, origin: &str) -> Result<Document> {
    let doc: Document =
        serde_json::from_str(text).map_err(|e| Error::invalid(format!("{origin}: {e}")))?;
    if doc.format != FORMAT {
        return Err(Error::invalid(format!(
            "{origin}: format '{}' is not one this deals reads (expected '{FORMAT}')",
            one_line(&doc.format)
        )));
    }
    Ok(doc)
}

/// Loads `doc` into the database inside the caller's transaction.
pub fn apply(conn: &Connection, doc: &Document, origin: &Origin<'_>) -> Result<Summary> {
    let mut summary = Summary::default();
    import_companies(conn, &doc.companies, origin, &mut summary.companies)?;
    let articles = import_articles(conn, &doc.articles, origin, &mut summary.articles)?;
    for (i, deal) in doc.deals.iter().enumerate() {
        let place = Place::new(
            origin,
            "deals",
            i,
            deal.slug.as_deref().unwrap_or(&deal.title),
        );
        let outcome = import_deal(conn, deal, &articles, &place)?;
        summary.deals.add(outcome);
    }
    Ok(summary)
}

/// Names a record of a document in error messages: `seed.json: deals[3] (stargate)`.
struct Place {
    record: String,
}

impl Place {
    fn new(origin: &Origin<'_>, list: &str, index: usize, label: &str) -> Place {
        Place {
            record: format!("{}: {list}[{index}] ({})", origin.name, one_line(label)),
        }
    }

    fn error(&self, field: &str, message: impl std::fmt::Display) -> Error {
        Error::invalid(format!("{}: {field}: {message}", self.record))
    }

    /// Re-labels an error raised below with this record and field.
    fn wrap(&self, field: &str) -> impl Fn(Error) -> Error + '_ {
        let field = field.to_string();
        move |e| self.error(&field, e)
    }
}

fn import_companies(
    conn: &Connection,
    docs: &[CompanyDoc],
    origin: &Origin<'_>,
    counts: &mut Counts,
) -> Result<()> {
    let mut outcomes = Vec::with_capacity(docs.len());
    let mut ids = Vec::with_capacity(docs.len());
    for (i, doc) in docs.iter().enumerate() {
        let place = Place::new(origin, "companies", i, &doc.name);
        let name = doc.name.trim();
        if name.is_empty() {
            return Err(place.error("name", "a company needs a name"));
        }
        let kind = match &doc.kind {
            Some(k) => vocab::check(conn, Vocab::CompanyKind, k).map_err(place.wrap("kind"))?,
            None => "company".to_string(),
        };
        let country = doc
            .country
            .as_deref()
            .map(companies::parse_country)
            .transpose()
            .map_err(place.wrap("country"))?;
        let (id, mut outcome) = match companies::by_name(conn, name)? {
            Some(found) => {
                let stored = companies::load_input(conn, found.id)?;
                let wanted = CompanyInput {
                    kind: if doc.kind.is_some() {
                        kind
                    } else {
                        stored.kind.clone()
                    },
                    country: country.or_else(|| stored.country.clone()),
                    website: doc.website.clone().or_else(|| stored.website.clone()),
                    description: doc
                        .description
                        .clone()
                        .or_else(|| stored.description.clone()),
                    ..stored
                };
                let changed =
                    companies::update(conn, found.id, &wanted).map_err(place.wrap("name"))?;
                (
                    found.id,
                    if changed {
                        Outcome::Updated
                    } else {
                        Outcome::Unchanged
                    },
                )
            }
            None => {
                let slug = free_slug(conn, SlugTable::Companies, name, doc.slug.as_deref())
                    .map_err(place.wrap("slug"))?;
                let input = CompanyInput {
                    name: name.to_string(),
                    slug,
                    kind,
                    country,
                    parent_id: None,
                    website: doc.website.clone(),
                    description: doc.description.clone(),
                };
                let id = companies::insert(conn, &input).map_err(place.wrap("name"))?;
                (id, Outcome::Inserted)
            }
        };
        for alias in &doc.aliases {
            let added = companies::add_alias(conn, id, alias).map_err(place.wrap("aliases"))?;
            if added && outcome == Outcome::Unchanged {
                outcome = Outcome::Updated;
            }
        }
        ids.push(id);
        outcomes.push(outcome);
    }
    // Parents second, so that a document may list a subsidiary before its parent.
    for (i, doc) in docs.iter().enumerate() {
        let Some(parent) = &doc.parent else { continue };
        let place = Place::new(origin, "companies", i, &doc.name);
        let parent = companies::by_name(conn, parent)?.ok_or_else(|| {
            place.error("parent", format!("unknown company '{}'", one_line(parent)))
        })?;
        let mut input = companies::load_input(conn, ids[i])?;
        input.parent_id = Some(parent.id);
        if companies::update(conn, ids[i], &input).map_err(place.wrap("parent"))?
            && outcomes[i] == Outcome::Unchanged
        {
            outcomes[i] = Outcome::Updated;
        }
    }
    for outcome in outcomes {
        counts.add(outcome);
    }
    Ok(())
}

/// Articles of the document by key and by url, for the deals' sources.
type ArticleKeys = HashMap<String, i64>;

fn import_articles(
    conn: &Connection,
    docs: &[ArticleDoc],
    origin: &Origin<'_>,
    counts: &mut Counts,
) -> Result<ArticleKeys> {
    let mut keys = ArticleKeys::new();
    for (i, doc) in docs.iter().enumerate() {
        let label = doc
            .key
            .as_deref()
            .or(doc.url.as_deref())
            .unwrap_or(&doc.title);
        let place = Place::new(origin, "articles", i, label);
        let title = doc.title.trim();
        if title.is_empty() {
            return Err(place.error("title", "an article needs a title"));
        }
        let body = match (&doc.body, &doc.body_file) {
            (Some(_), Some(_)) => {
                return Err(place.error("body_file", "give body or body_file, not both"));
            }
            (Some(body), None) => body.clone(),
            (None, Some(path)) => (origin.read_body)(path).map_err(place.wrap("body_file"))?,
            (None, None) => String::new(),
        };
        let url = doc.url.as_deref().map(str::trim).filter(|u| !u.is_empty());
        if body.is_empty() && url.is_none() {
            return Err(place.error("body", "an article needs a body, a body_file or a url"));
        }
        if let Some(key) = &doc.key {
            slug::validate(key).map_err(|e| place.error("key", e))?;
        }
        let language = doc
            .language
            .as_deref()
            .map(parse_language)
            .transpose()
            .map_err(place.wrap("language"))?;
        let published =
            parse_date(doc.published_on.as_deref()).map_err(place.wrap("published_on"))?;
        let existing = articles::find_existing(conn, url, doc.key.as_deref(), &body)?;
        let slug = match (&doc.key, existing) {
            (Some(key), _) => key.clone(),
            (None, Some(id)) => articles::load_input(conn, id)?.slug,
            (None, None) => free_slug(conn, SlugTable::Articles, title, None)?,
        };
        let input = ArticleInput {
            slug,
            url: url.map(str::to_string),
            title: title.to_string(),
            publisher: doc.publisher.clone(),
            author: doc.author.clone(),
            language,
            published,
            summary: doc.summary.clone(),
            body,
        };
        let id = match existing {
            Some(id) => {
                let changed = articles::update(conn, id, &input).map_err(place.wrap("body"))?;
                counts.add(if changed {
                    Outcome::Updated
                } else {
                    Outcome::Unchanged
                });
                id
            }
            None => {
                if slug_taken(conn, SlugTable::Articles, &input.slug)? {
                    return Err(
                        place.error("key", format!("'{}' names another article", input.slug))
                    );
                }
                counts.add(Outcome::Inserted);
                articles::insert(conn, &input).map_err(place.wrap("body"))?
            }
        };
        if let Some(key) = &doc.key {
            keys.insert(key.clone(), id);
        }
        if let Some(url) = url {
            keys.insert(url.to_string(), id);
        }
    }
    Ok(keys)
}

fn import_deal(
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

fn parse_date(text: Option<&str>) -> Result<Option<PartialDate>> {
    text.map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| {
            t.parse::<PartialDate>()
                .map_err(|e| Error::invalid(e.to_string()))
        })
        .transpose()
}

/// A BCP 47 language tag as stored: lower-case primary subtag, e.g. `it`, `en-gb`.
pub fn parse_language(text: &str) -> Result<String> {
    let tag = text.trim().to_lowercase();
    let ok = tag.len() >= 2
        && tag.len() <= 35
        && tag.starts_with(|c: char| c.is_ascii_lowercase())
        && tag.split('-').all(|part| {
            !part.is_empty() && part.len() <= 8 && part.chars().all(|c| c.is_ascii_alphanumeric())
        });
    if ok {
        Ok(tag)
    } else {
        Err(Error::usage(format!(
            "invalid language '{}': expected a BCP 47 tag such as it or en",
            one_line(text)
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;

    fn no_files(path: &str) -> Result<String> {
        Err(Error::invalid(format!("no file {path}")))
    }

    fn load(db: &Db, text: &str) -> Result<Summary> {
        let doc = parse(text, "test.json")?;
        let tx = db.write()?;
        let summary = apply(
            &tx,
            &doc,
            &Origin {
                name: "test.json".into(),
                read_body: &no_files,
            },
        )?;
        tx.commit()?;
        Ok(summary)
    }

    const DOC: &str = r#"{
      "format": "deals/1",
      "companies": [
        {"name": "Amazon Web Services", "aliases": ["AWS"], "parent": "Amazon"},
        {"name": "Amazon"}
      ],
      "articles": [{"key": "a1", "title": "Notizia", "language": "it", "body": "Un accordo da 38 miliardi di dollari. Altro."}],
      "deals": [{
        "slug": "openai-aws", "title": "OpenAI–AWS", "kind": "cloud-compute", "status": "active",
        "announced_on": "2025-11-03", "value": "38 miliardi di dollari", "term_months": 84,
        "parties": [{"company": "OpenAI", "role": "customer"}, {"company": "aws", "role": "provider"}],
        "tags": ["GPU"],
        "events": [{"on": "2026", "kind": "milestone", "note": "capacity"}],
        "sources": [{"article": "a1", "quote": "Un accordo da 38 miliardi di dollari.", "stated": "38 miliardi di dollari"}]
      }]
    }"#;

    #[test]
    fn a_document_loads_and_loading_it_again_changes_nothing() {
        let db = Db::open_in_memory().unwrap();
        let first = load(&db, DOC).unwrap();
        assert_eq!(first.deals.inserted, 1);
        // OpenAI is created as a party; AWS resolves through its alias.
        assert_eq!(first.companies.inserted, 2);
        let companies: i64 = db
            .conn()
            .query_row("SELECT count(*) FROM companies", [], |r| r.get(0))
            .unwrap();
        assert_eq!(companies, 3);
        let second = load(&db, DOC).unwrap();
        assert!(second.unchanged(), "{second:?}");
        assert_eq!(second.deals.unchanged, 1);
        let deal = deals::detail(db.conn(), 1).unwrap();
        assert_eq!(deal.deal.value.unwrap().amount, 38_000_000_000);
        assert_eq!(deal.sources[0].stated.unwrap().amount, 38_000_000_000);
        let parent: Option<String> = db
            .conn()
            .query_row("SELECT p.name FROM companies c JOIN companies p ON p.id = c.parent_id WHERE c.name = 'Amazon Web Services'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(parent.as_deref(), Some("Amazon"));
    }

    #[test]
    fn errors_name_the_record_and_field_and_write_nothing() {
        let db = Db::open_in_memory().unwrap();
        let bad = DOC.replace(
            r#""announced_on": "2025-11-03""#,
            r#""announced_on": "2025-13""#,
        );
        let err = load(&db, &bad).unwrap_err().to_string();
        assert!(
            err.starts_with(
                "test.json: deals[0] (openai-aws): announced_on: invalid date '2025-13'"
            ),
            "{err}"
        );
        let bad = DOC.replace(
            "Un accordo da 38 miliardi di dollari.\", \"stated",
            "Un accordo da 39 miliardi.\", \"stated",
        );
        let err = load(&db, &bad).unwrap_err().to_string();
        assert!(
            err.contains(
                "sources[0].quote: 'Un accordo da 39 miliardi.' does not occur in article 'a1'"
            ),
            "{err}"
        );
        let bad = DOC.replace(r#""role": "provider""#, r#""role": "landlord""#);
        let err = load(&db, &bad).unwrap_err().to_string();
        assert!(
            err.contains("deals[0] (openai-aws): parties[1]: unknown role 'landlord'"),
            "{err}"
        );
        let count: i64 = db
            .conn()
            .query_row(
                "SELECT (SELECT count(*) FROM companies) + (SELECT count(*) FROM articles)",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(count, 0, "a failed import leaves nothing behind");
    }

    #[test]
    fn a_wrong_format_tag_is_refused() {
        let err = parse(r#"{"format": "deals/9"}"#, "x.json")
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "x.json: format 'deals/9' is not one this deals reads (expected 'deals/1')"
        );
        let err = parse("{", "x.json").unwrap_err().to_string();
        assert!(err.starts_with("x.json: EOF while parsing"), "{err}");
    }

    #[test]
    fn languages_are_bcp47_tags() {
        assert_eq!(parse_language("IT").unwrap(), "it");
        assert_eq!(parse_language("en-GB").unwrap(), "en-gb");
        assert!(parse_language("italiano!").is_err());
    }
}
