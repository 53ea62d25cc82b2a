//! Pure domain values: no I/O. Each type parses what people write, displays
//! itself for humans, and converts to and from SQLite columns.

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
pub mod term;
pub mod title;

use std::fmt;

pub use date::{PartialDate, Precision};
pub use deal::{Article, Company, Deal, DealDetail, DealInput, Event, Party, Source, SourceInput};
pub use language::Language;
pub use money::{Currency, Figure, Money, Qualifier};
pub use term::Term;

/// A value that could not be parsed, with a message that says what was
/// expected. The caller adds where the value came from (flag, file, line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError(pub String);

impl ParseError {
    pub fn new(message: impl Into<String>) -> Self {
        ParseError(message.into())
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ParseError {}

/// Reads one of the names an enum's variants are written as (its strum
/// `IntoStaticStr` forms), ignoring case and surrounding space.
pub fn parse_name<T>(text: &str) -> Option<T>
where
    T: strum::VariantArray + Copy + Into<&'static str>,
{
    let wanted = text.trim();
    T::VARIANTS.iter().copied().find(|variant| {
        let name: &'static str = (*variant).into();
        name.eq_ignore_ascii_case(wanted)
    })
}

/// Every name of an enum's variants, for a message: "a, b, c or d".
pub fn name_list<T>() -> String
where
    T: strum::VariantArray + Copy + Into<&'static str>,
{
    let names: Vec<&'static str> = T::VARIANTS.iter().map(|v| (*v).into()).collect();
    match names.split_last() {
        Some((last, [])) => last.to_string(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}
