//! Pure domain values: no I/O. Each type parses what people write, displays
//! itself for humans, and converts to and from SQLite columns.

/// Implements SQLite TEXT conversion for types with `as_str` and a validating
/// `FromStr`.
macro_rules! sql_text {
    ($($type:ty),*) => {$(
        impl rusqlite::types::ToSql for $type {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(rusqlite::types::ToSqlOutput::from(self.as_str()))
            }
        }

        impl rusqlite::types::FromSql for $type {
            fn column_result(
                value: rusqlite::types::ValueRef<'_>,
            ) -> rusqlite::types::FromSqlResult<Self> {
                value.as_str()?.parse().map_err(rusqlite::types::FromSqlError::other)
            }
        }
    )*};
}

/// Implements serde's string form for types that display themselves.
macro_rules! serde_text {
    ($($type:ty),*) => {$(
        impl serde::Serialize for $type {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }
    )*};
}

pub mod aggregate;
pub mod checks;
pub mod clean;
pub mod date;
pub mod deal;
pub mod document;
pub mod extract;
pub mod fts;
pub mod language;
pub mod list;
pub mod mapping;
pub mod money;
pub mod profile;
pub mod report;
pub mod slug;
pub mod sql;
pub mod suggest;
pub mod target;
pub mod term;
pub mod title;
pub mod vocab;

pub use date::{PartialDate, Precision};
pub use deal::{
    Article, Company, Deal, DealDetail, DealEvent, DealInput, Event, Party, Source, SourceInput,
};
pub use language::Language;
pub use money::{Currency, Figure, Money, Qualifier};
pub use term::Term;

/// A value that could not be parsed, with a message that says what was
/// expected. The caller adds where the value came from (flag, file, line).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ParseError(pub String);

impl ParseError {
    pub fn new(message: impl Into<String>) -> Self {
        ParseError(message.into())
    }
}

/// Reads `name`, one of the names an enum's variants are written as (their
/// strum `IntoStaticStr` forms), ignoring case and surrounding space. Otherwise
/// the error is `message` given the trimmed `text` and the names ("a, b, c or d").
pub fn parse_name<T>(
    name: &str,
    text: &str,
    message: impl FnOnce(&str, String) -> String,
) -> Result<T, ParseError>
where
    T: strum::VariantArray + Copy + Into<&'static str>,
{
    let wanted = name.trim();
    let names = || T::VARIANTS.iter().map(|&variant| (variant, variant.into()));
    if let Some((variant, _)) = names().find(|(_, name)| name.eq_ignore_ascii_case(wanted)) {
        return Ok(variant);
    }
    let names: Vec<&'static str> = names().map(|(_, name)| name).collect();
    let list = match names.split_last() {
        Some((last, [])) => last.to_string(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    };
    Err(ParseError::new(message(text.trim(), list)))
}
