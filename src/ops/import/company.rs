//! One company record of a document, upserted by name or alias; parents are set
//! in a second pass so that a subsidiary may come before its parent.

use crate::db::Conn;

use crate::db::companies::{self, CompanyInput};
use crate::db::deals::Outcome;
use crate::db::seed_marks::Seeded;
use crate::db::vocab::{self, Vocab};
use crate::db::{SlugTable, free_slug};
use crate::error::{Result, one_line};
use crate::model::document::CompanyDoc;

use super::{Origin, Place};

/// Inserts or updates the company; its parent is checked (it must be stored or
/// named in `docs`) but set later by [`set_parent`].
pub(super) fn import_company(
    conn: &Conn,
    doc: &CompanyDoc,
    docs: &[CompanyDoc],
    origin: &Origin<'_>,
    place: &Place,
) -> Result<(i64, Outcome)> {
    let name = doc.name.trim();
    if name.is_empty() {
        return Err(place.error("name", "a company needs a name"));
    }
    if let Some(parent) = &doc.parent {
        let known = |d: &CompanyDoc| {
            d.name.trim().eq_ignore_ascii_case(parent.trim())
                || d.aliases
                    .iter()
                    .any(|a| a.trim().eq_ignore_ascii_case(parent.trim()))
        };
        if !docs.iter().any(known) && companies::by_name(conn, parent)?.is_none() {
            return Err(place.error(
                "parent",
                format!(
                    "unknown company '{}': expected a company of the document or the database",
                    one_line(parent)
                ),
            ));
        }
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
                ..stored.clone()
            };
            let same = wanted == stored && aliases_known(conn, found.id, &doc.aliases)?;
            if !origin.may_write(conn, Seeded::Companies, name, Some(found.id), same)? {
                return Ok((found.id, Outcome::Kept));
            }
            let changed = companies::update(conn, found.id, &wanted).map_err(place.wrap("name"))?;
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
            if !origin.may_write(conn, Seeded::Companies, name, None, false)? {
                return Ok((0, Outcome::Kept));
            }
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
    Ok((id, outcome))
}

/// True when every one of `aliases` already names company `id`.
fn aliases_known(conn: &Conn, id: i64, aliases: &[String]) -> Result<bool> {
    for alias in aliases {
        if companies::by_name(conn, alias)?.is_none_or(|c| c.id != id) {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Links company `id` to the parent its record names; true when that changed it.
pub(super) fn set_parent(conn: &Conn, id: i64, doc: &CompanyDoc, place: &Place) -> Result<bool> {
    let Some(parent) = &doc.parent else {
        return Ok(false);
    };
    let parent = companies::by_name(conn, parent)?
        .ok_or_else(|| place.error("parent", format!("unknown company '{}'", one_line(parent))))?;
    let mut input = companies::load_input(conn, id)?;
    input.parent_id = Some(parent.id);
    companies::update(conn, id, &input).map_err(place.wrap("parent"))
}
