//! One article record of a document, upserted by url, key or content hash.

use crate::db::Conn;

use crate::db::articles::{self, ArticleInput};
use crate::db::deals::Outcome;
use crate::db::seed_marks::Seeded;
use crate::db::{SlugTable, free_slug, slug_taken};
use crate::error::Result;
use crate::model::document::ArticleDoc;
use crate::model::slug;

use super::deal::parse_date;
use super::{Origin, Place, parse_language};

pub(super) fn import_article(
    conn: &Conn,
    doc: &ArticleDoc,
    origin: &Origin<'_>,
    place: &Place,
) -> Result<(i64, Outcome)> {
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
    let published = parse_date(doc.published_on.as_deref()).map_err(place.wrap("published_on"))?;
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
    let same = match existing {
        Some(id) if origin.kept.is_some() => articles::load_input(conn, id)? == input,
        _ => false,
    };
    if !origin.may_write(conn, Seeded::Articles, &input.slug, existing, same)? {
        return Ok((existing.unwrap_or(0), Outcome::Kept));
    }
    let (id, outcome) = match existing {
        Some(id) => {
            let changed = articles::update(conn, id, &input).map_err(place.wrap("body"))?;
            let outcome = if changed {
                Outcome::Updated
            } else {
                Outcome::Unchanged
            };
            (id, outcome)
        }
        None => {
            if slug_taken(conn, SlugTable::Articles, &input.slug)? {
                return Err(place.error("key", format!("'{}' names another article", input.slug)));
            }
            let id = articles::insert(conn, &input).map_err(place.wrap("body"))?;
            (id, Outcome::Inserted)
        }
    };
    origin.seeded(conn, Seeded::Articles, &input.slug, id)?;
    Ok((id, outcome))
}
