//! One CSV row read into a deal record: every cell cleaned, parsed and checked,
//! nothing written yet. An error names the field and the column it came from.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::db::Conn;
use chrono::Datelike;

use crate::db::vocab::{self, Vocab};
use crate::error::{Result, one_line};
use crate::model::clean::{clean, clean_line, decode_cp1252};
use crate::model::deal::normalize_tag;
use crate::model::list::{self, PARTY_SEPARATORS, TAG_SEPARATORS};
use crate::model::mapping::{Field, Plan};
use crate::model::money::fields::{Amount, deal_value};
use crate::model::{Money, PartialDate, Term, slug, title};
use crate::ops::record::{DealRecord, SourceRecord};

/// Longest company name a row may give: longer ones are broken rows.
pub const MAX_NAME: usize = 200;

/// Why a row is bad: the field, the column it came from, what was wrong.
#[derive(Debug, thiserror::Error)]
#[error("{field}{}: {message}", column.as_ref().map_or(String::new(), |c| format!(" (column '{c}')")))]
pub struct FieldError {
    pub field: String,
    pub column: Option<String>,
    pub message: String,
}

/// Vocabulary values already checked, so that a million rows ask SQLite once.
#[derive(Default)]
pub struct VocabCache([HashMap<String, String>; 5]);

impl VocabCache {
    pub fn check(&mut self, conn: &Conn, vocab: Vocab, text: &str) -> Result<String> {
        let known = &mut self.0[vocab as usize % 5];
        if let Some(found) = known.get(text) {
            return Ok(found.clone());
        }
        let found = vocab::check(conn, vocab, text)?;
        known.insert(text.to_string(), found.clone());
        Ok(found)
    }
}

/// A cell as text: UTF-8 as it is, anything else read as Windows-1252.
pub fn cell_text(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => Cow::Owned(decode_cp1252(bytes)),
    }
}

/// The cleaned, non-empty values of a row by field, in plan order (constants last).
pub struct Cells<'a> {
    values: Vec<(&'a Field, Option<&'a str>, String)>,
}

impl<'a> Cells<'a> {
    pub fn new(plan: &'a Plan, record: &csv::ByteRecord) -> Cells<'a> {
        let mut values = Vec::with_capacity(plan.columns.len() + plan.constants.len());
        let columns = plan.columns.iter().map(|(field, index, column)| {
            let raw = cell_text(record.get(*index).unwrap_or_default());
            (field, Some(column.as_str()), raw.into_owned())
        });
        let constants = plan.constants.iter().map(|(f, v)| (f, None, v.clone()));
        for (field, column, raw) in columns.chain(constants) {
            let text = if field.is_one_line() {
                clean_line(&raw)
            } else {
                clean(&raw)
            };
            if !text.is_empty() {
                values.push((field, column, text.into_owned()));
            }
        }
        Cells { values }
    }

    fn get(&self, wanted: &Field) -> Option<(&str, Option<&str>)> {
        self.values
            .iter()
            .find(|(field, _, _)| *field == wanted)
            .map(|(_, column, text)| (text.as_str(), *column))
    }
}

fn fail(field: &Field, column: Option<&str>, message: impl Into<String>) -> FieldError {
    FieldError {
        field: field.name(),
        column: column.map(str::to_string),
        message: message.into(),
    }
}

/// Reads a row into a record. Database errors (not the row's fault) come out as
/// the outer error.
pub fn read(
    conn: &Conn,
    vocab: &mut VocabCache,
    cells: &Cells<'_>,
) -> Result<std::result::Result<DealRecord, FieldError>> {
    let mut record = DealRecord::default();
    macro_rules! check {
        ($field:expr, $vocab:expr) => {
            match cells.get(&$field) {
                Some((text, column)) => match vocab.check(conn, $vocab, text) {
                    Ok(value) => Some(value),
                    Err(e) if e.is_about_record() => {
                        return Ok(Err(fail(&$field, column, e.to_string())));
                    }
                    Err(e) => return Err(e),
                },
                None => None,
            }
        };
    }
    record.kind = check!(Field::Kind, Vocab::DealKind);
    record.status = check!(Field::Status, Vocab::Status);
    for (field, column, text) in &cells.values {
        match field {
            Field::Parties => {
                for part in list::split(text, PARTY_SEPARATORS) {
                    let part = part.as_str();
                    let Some((name, role)) = part.rsplit_once(':') else {
                        return Ok(Err(fail(
                            field,
                            *column,
                            format!(
                                "'{}': expected COMPANY:ROLE, e.g. OpenAI:customer; AWS:provider",
                                one_line(part)
                            ),
                        )));
                    };
                    match party(conn, vocab, name.trim(), role) {
                        Ok(Ok(p)) => record.parties.push(p),
                        Ok(Err(m)) => return Ok(Err(fail(field, *column, m))),
                        Err(e) => return Err(e),
                    }
                }
            }
            Field::Party(role) => match party(conn, vocab, text, role)? {
                Ok(p) => record.parties.push(p),
                Err(m) => return Ok(Err(fail(field, *column, m))),
            },
            _ => {}
        }
    }
    Ok(read_values(cells, &mut record).map(|()| record))
}

/// A company name and role, both checked.
fn party(
    conn: &Conn,
    vocab: &mut VocabCache,
    name: &str,
    role: &str,
) -> Result<std::result::Result<(String, String), String>> {
    let role = match vocab.check(conn, Vocab::Role, role) {
        Ok(role) => role,
        Err(e) if e.is_about_record() => return Ok(Err(e.to_string())),
        Err(e) => return Err(e),
    };
    let length = name.chars().count();
    if name.is_empty() {
        return Ok(Err("a party needs a company name before the colon".into()));
    }
    if length > MAX_NAME {
        return Ok(Err(format!(
            "a company name of {length} characters ('{}'): expected at most {MAX_NAME}; is the row broken?",
            one_line(name)
        )));
    }
    Ok(Ok((name.to_string(), role)))
}

/// The plain fields: dates, money, term, tags, texts; then title and slug.
fn read_values(cells: &Cells<'_>, record: &mut DealRecord) -> std::result::Result<(), FieldError> {
    let this_year = chrono::Local::now().year();
    record.announced = date(cells, &Field::AnnouncedOn, this_year + 5)?;
    record.starts = date(cells, &Field::StartsOn, this_year + 100)?;
    record.value = value(cells)?;
    if let Some((text, column)) = cells.get(&Field::TermMonths) {
        let term = match text.parse::<i64>() {
            Ok(months) => Term::from_months(months),
            Err(_) => text.parse::<Term>(),
        };
        record.term = Some(term.map_err(|e| fail(&Field::TermMonths, column, e.to_string()))?);
    }
    if let Some((text, _)) = cells.get(&Field::Tags) {
        record.tags = list::split(text, TAG_SEPARATORS)
            .iter()
            .map(|t| normalize_tag(t))
            .filter(|t| !t.is_empty())
            .collect();
    }
    if let Some((text, column)) = cells.get(&Field::SourceUrl) {
        if !(text.starts_with("https://") || text.starts_with("http://"))
            || text.contains(char::is_whitespace)
        {
            return Err(fail(
                &Field::SourceUrl,
                column,
                format!("'{}': expected an http(s) URL", one_line(text)),
            ));
        }
        record.sources = vec![SourceRecord {
            article: text.to_string(),
            ..Default::default()
        }];
    }
    record.notes = cells.get(&Field::Notes).map(|(t, _)| t.to_string());
    match cells.get(&Field::Title) {
        Some((text, _)) => record.title = text.to_string(),
        None => {
            let kind = record.kind.as_deref().unwrap_or("other");
            match title::generate(kind, &record.parties) {
                Some(made) => {
                    record.title = made;
                    record.generated_title = true;
                }
                // A row with a slug may update a deal that has a title.
                None if cells.get(&Field::Slug).is_some() => {}
                None => {
                    return Err(fail(
                        &Field::Title,
                        None,
                        "no title, and no parties to make one from: expected a title or at least one party",
                    ));
                }
            }
        }
    }
    record.slug = Some(match cells.get(&Field::Slug) {
        Some((text, column)) => {
            let wanted = text.to_lowercase();
            slug::validate(&wanted).map_err(|e| fail(&Field::Slug, column, e.to_string()))?;
            wanted
        }
        None => title::generated_slug(&record.title, record.announced),
    });
    Ok(())
}

/// A date between 1900 and `last_year`: anything else is a typo in an export.
fn date(
    cells: &Cells<'_>,
    field: &Field,
    last_year: i32,
) -> std::result::Result<Option<PartialDate>, FieldError> {
    let Some((text, column)) = cells.get(field) else {
        return Ok(None);
    };
    let date = text
        .parse::<PartialDate>()
        .map_err(|e| fail(field, column, e.to_string()))?;
    let year = date.start().year();
    if !(1900..=last_year).contains(&year) {
        return Err(fail(
            field,
            column,
            format!("'{text}': year {year} is implausible (expected 1900 to {last_year})"),
        ));
    }
    Ok(Some(date))
}

/// The value, from `value` or `value_amount` with `value_currency` and
/// `value_qualifier`; an error names the field and its column.
fn value(cells: &Cells<'_>) -> std::result::Result<Option<Money>, FieldError> {
    let text = |field: &Field| cells.get(field).map(|(text, _)| text);
    deal_value(
        text(&Field::Value),
        text(&Field::ValueAmount).map(Amount::Text),
        text(&Field::ValueCurrency),
        text(&Field::ValueQualifier),
    )
    .map_err(|(name, message)| {
        let field: Field = name.parse().unwrap_or(Field::Value);
        // A currency the file leaves empty has no column to name, and may
        // come from the command line instead.
        let column = cells.get(&field).and_then(|(_, column)| column);
        if field == Field::ValueCurrency && column.is_none() {
            return fail(
                &field,
                None,
                format!("{message} (or --set value_currency=USD)"),
            );
        }
        fail(&field, column, message)
    })
}
