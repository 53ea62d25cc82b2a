//! Loading an interchange document: companies, articles, then deals, each keyed so
//! that loading the same document twice changes nothing. The caller holds the one
//! transaction; any error names the document, the record and the field.
//!
//! By default the first bad record fails the whole import. With `skip` each record
//! is written inside its own SAVEPOINT, and a bad one is rolled back and reported
//! as [`Rejected`] while the others load.

mod article;
mod company;
mod deal;
mod guard;

use crate::db::Conn;

use crate::db::deals::Outcome;
use crate::db::seed_marks::{self, Mark, Seeded};
use crate::error::{Error, Result, one_line};
use crate::model::document::{Document, FORMAT};
use crate::ops::record::{NewArticles, NewCompanies, Resolver};

use guard::Guard;
pub(crate) use guard::savepoint;

/// Where a document came from, for messages, and how to read the article bodies
/// it keeps in separate files.
pub struct Origin<'a> {
    pub name: String,
    pub read_body: &'a dyn Fn(&str) -> Result<String>,
    /// For the seed set: records changed since they were seeded are left as
    /// they are and named here (`deal stargate`); None for an import, which
    /// writes every record.
    pub kept: Option<&'a std::cell::RefCell<Vec<String>>>,
}

impl Origin<'_> {
    /// For a seed: whether the record `key` of `kind`, stored as `found`, may
    /// be written; `same` when it already is as the document has it. A record
    /// it may not write is named among the kept. An import may write anything.
    fn may_write(
        &self,
        conn: &Conn,
        kind: Seeded,
        key: &str,
        found: Option<i64>,
        same: bool,
    ) -> Result<bool> {
        if self.kept.is_none() {
            return Ok(true);
        }
        let allowed = same
            || match seed_marks::mark(conn, kind, key, found)? {
                Mark::Untouched => true,
                Mark::None => found.is_none(),
                Mark::Edited => false,
            };
        if !allowed {
            self.keep(kind, key);
        }
        Ok(allowed)
    }

    /// For a seed: names record `key` of `kind` among those left as they are.
    fn keep(&self, kind: Seeded, key: &str) {
        let noun = match kind {
            Seeded::Deals => "deal",
            Seeded::Companies => "company",
            Seeded::Articles => "article",
        };
        if let Some(kept) = self.kept {
            kept.borrow_mut().push(format!("{noun} {}", one_line(key)));
        }
    }

    /// For a seed: remembers that record `id`, named `key`, is as seeded now.
    fn seeded(&self, conn: &Conn, kind: Seeded, key: &str, id: i64) -> Result<()> {
        match self.kept {
            Some(_) => seed_marks::set(conn, kind, key, id),
            None => Ok(()),
        }
    }
}

pub use crate::model::document::{Counts, Summary};

/// The lists of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Companies,
    Articles,
    Deals,
}

/// A record left out of a skipping import, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    pub section: Section,
    pub index: usize,
    /// The one-line message, with the record and field.
    pub reason: String,
}

/// Reads the text of a `body_file` that a document in `folder` names. Only a
/// relative path that stays inside the folder once resolved, symbolic links
/// included, is read: a document shared by someone else cannot pull any other
/// file of the machine into the database. Errors: such a path, or a file that
/// cannot be read as UTF-8 text.
pub fn read_body_file(folder: &std::path::Path, path: &str) -> Result<String> {
    use std::path::Component;
    let relative = std::path::Path::new(path);
    let plain = relative
        .components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    let outside = || {
        Error::invalid(format!(
            "'{}' is outside the document's folder: expected a relative path to a file beside the document or below it",
            one_line(path)
        ))
    };
    if path.is_empty() || !plain {
        return Err(outside());
    }
    let cannot = |e: std::io::Error| Error::invalid(format!("cannot read {}: {e}", one_line(path)));
    let folder = folder
        .canonicalize()
        .or_else(|_| std::path::Path::new(".").join(folder).canonicalize())
        .map_err(cannot)?;
    let file = folder.join(relative).canonicalize().map_err(cannot)?;
    if !file.starts_with(&folder) {
        return Err(outside());
    }
    std::fs::read_to_string(&file).map_err(cannot)
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

/// Loads `doc` into the database inside the caller's transaction; the first bad
/// record is the error.
pub fn apply(conn: &Conn, doc: &Document, origin: &Origin<'_>) -> Result<Summary> {
    apply_with(conn, doc, origin, false).map(|(summary, _)| summary)
}

/// Like [`apply`]; with `skip`, bad records are rolled back one by one and
/// returned instead of failing the import.
pub fn apply_with(
    conn: &Conn,
    doc: &Document,
    origin: &Origin<'_>,
    skip: bool,
) -> Result<(Summary, Vec<Rejected>)> {
    let mut summary = Summary::default();
    let mut guard = Guard {
        conn,
        skip,
        rejected: Vec::new(),
    };
    let mut companies = Vec::with_capacity(doc.companies.len());
    for (i, record) in doc.companies.iter().enumerate() {
        let place = Place::new(origin, "companies", i, &record.name);
        let done = guard.record(Section::Companies, i, || {
            company::import_company(conn, record, &doc.companies, origin, &place)
        })?;
        companies.push(done);
    }
    // Parents second, so that a document may list a subsidiary before its parent.
    for (i, record) in doc.companies.iter().enumerate() {
        let Some((id, outcome)) = companies[i].filter(|(_, o)| *o != Outcome::Kept) else {
            continue;
        };
        let place = Place::new(origin, "companies", i, &record.name);
        match guard.record(Section::Companies, i, || {
            company::set_parent(conn, id, record, &place)
        })? {
            Some(true) if outcome == Outcome::Unchanged => {
                companies[i] = Some((id, Outcome::Updated));
            }
            Some(_) => {}
            None => companies[i] = None,
        }
    }
    for (id_outcome, record) in companies.iter().zip(&doc.companies) {
        match id_outcome {
            Some((id, outcome)) => {
                summary.companies.add(*outcome);
                if *outcome != Outcome::Kept {
                    // After the parents: linking one is part of seeding it.
                    origin.seeded(conn, Seeded::Companies, record.name.trim(), *id)?;
                }
            }
            None => summary.companies.rejected += 1,
        }
    }
    let mut resolver = Resolver::new(conn, NewCompanies::Create, NewArticles::Refuse);
    for (i, record) in doc.articles.iter().enumerate() {
        let label = record
            .key
            .as_deref()
            .or(record.url.as_deref())
            .unwrap_or(&record.title);
        let place = Place::new(origin, "articles", i, label);
        let done = guard.record(Section::Articles, i, || {
            article::import_article(conn, record, origin, &place)
        })?;
        let Some((id, outcome)) = done else {
            summary.articles.rejected += 1;
            continue;
        };
        summary.articles.add(outcome);
        if outcome == Outcome::Kept && id == 0 {
            continue; // deleted since it was seeded: nothing to link to
        }
        if let Some(key) = &record.key {
            resolver.know_article(key, id);
        }
        if let Some(url) = record
            .url
            .as_deref()
            .map(str::trim)
            .filter(|u| !u.is_empty())
        {
            resolver.know_article(url, id);
        }
    }
    for (i, record) in doc.deals.iter().enumerate() {
        let label = record.slug.as_deref().unwrap_or(&record.title);
        let place = Place::new(origin, "deals", i, label);
        match guard.record(Section::Deals, i, || {
            deal::import_deal(conn, record, &mut resolver, origin, &place)
        })? {
            Some(outcome) => summary.deals.add(outcome),
            None => summary.deals.rejected += 1,
        }
    }
    Ok((summary, guard.rejected))
}

/// Names a record of a document in error messages: `seed.json: deals[3] (stargate)`.
pub(crate) struct Place {
    record: String,
}

impl Place {
    fn new(origin: &Origin<'_>, list: &str, index: usize, label: &str) -> Place {
        Place {
            record: format!("{}: {list}[{index}] ({})", origin.name, one_line(label)),
        }
    }

    fn error(&self, field: &str, message: impl std::fmt::Display) -> Error {
        Error::Record {
            record: self.record.clone(),
            field: field.to_string(),
            message: message.to_string(),
        }
    }

    /// Re-labels an error raised below with this record and field.
    fn wrap(&self, field: &str) -> impl Fn(Error) -> Error + '_ {
        let field = field.to_string();
        move |e| self.error(&field, e)
    }
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
    use crate::db::{Db, deals};

    fn no_files(path: &str) -> Result<String> {
        Err(Error::invalid(format!("no file {path}")))
    }

    /// Loads `text` as a seed would: keeping what was changed since; the
    /// records kept.
    fn seed(db: &Db, text: &str) -> (Summary, Vec<String>) {
        let doc = parse(text, "seed.json").unwrap();
        let kept = std::cell::RefCell::new(Vec::new());
        let origin = Origin {
            name: "seed.json".into(),
            read_body: &no_files,
            kept: Some(&kept),
        };
        let tx = db.write().unwrap();
        let summary = apply(&tx, &doc, &origin).unwrap();
        tx.commit().unwrap();
        (summary, kept.into_inner())
    }

    #[test]
    fn a_seed_updates_what_nobody_changed_and_keeps_what_someone_did() {
        let db = Db::open_in_memory().unwrap();
        let (first, kept) = seed(&db, DOC);
        assert_eq!((first.deals.inserted, kept.len()), (1, 0));
        // A newer seed set changes the deal: nobody touched it, so it is updated.
        let newer = DOC.replace(r#""term_months": 84"#, r#""term_months": 72"#);
        assert_ne!(newer, DOC);
        let (second, kept) = seed(&db, &newer);
        assert_eq!((second.deals.updated, kept.len()), (1, 0), "{kept:?}");
        let term = |db: &Db| -> Option<i64> {
            db.conn()
                .query_row("SELECT term_months FROM deals", [], |r| r.get(0))
                .unwrap()
        };
        assert_eq!(term(&db), Some(72));
        // Someone changes it (any writer: the history records SQL too).
        db.conn()
            .execute("UPDATE deals SET term_months = 60", [])
            .unwrap();
        let (third, kept) = seed(&db, DOC);
        assert_eq!(third.deals.kept, 1);
        assert_eq!(kept, ["deal openai-aws"]);
        assert_eq!(term(&db), Some(60));
        // Deleted since: not added back.
        db.conn().execute("DELETE FROM deals", []).unwrap();
        let (fourth, kept) = seed(&db, DOC);
        assert_eq!((fourth.deals.inserted, fourth.deals.kept), (0, 1));
        assert_eq!(kept, ["deal openai-aws"]);
        // An import writes whatever the document says.
        assert_eq!(load(&db, DOC).unwrap().deals.inserted, 1);
    }

    #[test]
    fn a_seed_over_a_database_without_marks_keeps_records_that_differ() {
        let db = Db::open_in_memory().unwrap();
        load(&db, DOC).unwrap();
        db.conn()
            .execute("UPDATE deals SET notes = 'mine'", [])
            .unwrap();
        let (summary, kept) = seed(&db, DOC);
        assert_eq!(kept, ["deal openai-aws"]);
        assert_eq!(
            summary.companies.unchanged, 2,
            "the same companies count as seeded"
        );
        let marked: i64 = db
            .conn()
            .query_row(
                "SELECT count(*) FROM seed_marks WHERE table_name = 'companies'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(marked, 2);
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
                kept: None,
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
    fn skipping_loads_the_good_records_and_names_the_bad_ones() {
        let db = Db::open_in_memory().unwrap();
        let bad = DOC
            .replace(r#""parent": "Amazon""#, r#""parent": "Amazonia""#)
            .replace(r#""term_months": 84"#, r#""term_months": 0"#)
            .replace(
                r#""deals": [{"#,
                r#""deals": [{"slug": "fine", "title": "Fine", "kind": "other", "parties": [{"company": "AWS", "role": "partner"}]}, {"#,
            );
        let doc = parse(&bad, "bad.json").unwrap();
        let origin = Origin {
            name: "bad.json".into(),
            read_body: &no_files,
            kept: None,
        };
        let tx = db.write().unwrap();
        let (summary, rejected) = apply_with(&tx, &doc, &origin, true).unwrap();
        tx.commit().unwrap();
        assert_eq!(summary.companies.rejected, 1);
        assert_eq!(summary.companies.inserted, 1, "Amazon");
        assert_eq!(summary.deals.inserted, 1);
        assert_eq!(summary.deals.rejected, 1);
        assert_eq!(rejected.len(), 2);
        assert_eq!(rejected[0].section, Section::Companies);
        assert!(
            rejected[0].reason.starts_with(
                "bad.json: companies[0] (Amazon Web Services): parent: unknown company 'Amazonia'"
            ),
            "{rejected:?}"
        );
        assert_eq!(
            (rejected[1].section, rejected[1].index),
            (Section::Deals, 1)
        );
        assert!(rejected[1].reason.contains("term_months"), "{rejected:?}");
        // The party AWS of the good deal was created on its own, not from the rejected record.
        let aliases: i64 = db
            .conn()
            .query_row(
                "SELECT count(*) FROM company_aliases WHERE alias = 'Amazon Web Services'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(aliases, 0);
    }

    /// A record's value reads as a CSV row's does: the currency field applies
    /// to a text that names none, and must agree with one that does.
    #[test]
    fn values_read_as_in_csv_rows() {
        let db = Db::open_in_memory().unwrap();
        let doc = |value: &str| {
            format!(
                r#"{{"format": "deals/1", "deals": [{{"slug": "v", "title": "V", "kind": "other", {value}}}]}}"#
            )
        };
        load(&db, &doc(r#""value": "3B", "value_currency": "EUR""#)).unwrap();
        let value = deals::detail(db.conn(), 1).unwrap().deal.value.unwrap();
        assert_eq!(value.currency, crate::model::Currency::EUR);
        let err = load(&db, &doc(r#""value": "€3B", "value_currency": "USD""#))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("deals[0] (v): value: '€3B' is in EUR but value_currency says USD"),
            "{err}"
        );
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
