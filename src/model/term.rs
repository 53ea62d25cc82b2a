//! Contract terms, counted in whole months: "a 7-year deal" is 84 months.
//!
//! Stored in SQLite as an INTEGER number of months and serialized the same way.

use std::fmt;
use std::str::FromStr;

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

use super::ParseError;

/// The longest accepted term: 100 years.
const MAX_MONTHS: u32 = 1200;

/// What every generic term error says is accepted.
const EXPECTED: &str = "expected a number and a unit, e.g. 7y, 84m, 7 years, 18 months or 1y6m";

/// Unit words (lower case) by their length in months.
const UNITS: &[(u64, &[&str])] = &[
    (12, &["y", "yr", "yrs", "year", "years", "anno", "anni"]),
    (
        1,
        &[
            "m", "mo", "mos", "mth", "mths", "month", "months", "mese", "mesi",
        ],
    ),
];

/// Words allowed between two parts, as in "1 year and 6 months".
const CONNECTORS: [&str; 2] = ["and", "e"];

/// The length of a contract, from 1 month to 100 years, in whole months.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Term {
    months: u32,
}

impl Term {
    /// A term of `months` months; an error unless it is between 1 and 1200
    /// (100 years).
    pub fn from_months(months: i64) -> Result<Term, ParseError> {
        if months < 1 {
            return Err(ParseError::new("a term must be at least one month"));
        }
        u32::try_from(months)
            .ok()
            .filter(|&m| m <= MAX_MONTHS)
            .map(|months| Term { months })
            .ok_or_else(|| ParseError::new("a term must be at most 100 years (1200 months)"))
    }

    /// The number of months.
    pub fn months(&self) -> u32 {
        self.months
    }

    /// A compact form: `"7y"` when the term is whole years, else `"18m"`.
    pub fn short(&self) -> String {
        match self.whole_years() {
            Some(years) => format!("{years}y"),
            None => format!("{}m", self.months),
        }
    }

    /// The number of years when the term is a whole number of them.
    fn whole_years(&self) -> Option<u32> {
        self.months.is_multiple_of(12).then_some(self.months / 12)
    }
}

impl fmt::Display for Term {
    /// `"7 years"`, `"1 year"`, `"18 months"` or `"1 month"`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (count, unit) = match self.whole_years() {
            Some(years) => (years, "year"),
            None => (self.months, "month"),
        };
        let plural = if count == 1 { "" } else { "s" };
        write!(f, "{count} {unit}{plural}")
    }
}

impl FromStr for Term {
    type Err = ParseError;

    /// Parses `7y`, `84m`, `7 years`, `18 months`, `7yr`, `6mo`, `7-year`,
    /// `7 anni`, `18 mesi`, `1y6m`, `1 year and 6 months` or `2.5 years`,
    /// ignoring case and surrounding space. Fractions must come to whole
    /// months; a bare number is an error because its unit is ambiguous.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim();
        if let Some(error) = bare_number_error(text) {
            return Err(error);
        }
        parse_term(&text.to_lowercase())
            .map_err(|reason| ParseError::new(format!("invalid term '{text}': {reason}")))
    }
}

impl ToSql for Term {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(i64::from(self.months)))
    }
}

impl FromSql for Term {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let months = value.as_i64()?;
        Term::from_months(months).map_err(|e| {
            FromSqlError::other(ParseError::new(format!(
                "invalid stored term {months}: {e}"
            )))
        })
    }
}

/// The specific error for a number without a unit, such as `84`.
fn bare_number_error(text: &str) -> Option<ParseError> {
    let number: u64 = text
        .parse()
        .ok()
        .filter(|_| text.bytes().all(|b| b.is_ascii_digit()))?;
    let example = if number >= 12 && number.is_multiple_of(12) {
        format!("{number}m or {}y", number / 12)
    } else {
        format!("{number}m or {number}y")
    };
    Some(ParseError::new(format!(
        "term '{text}' needs a unit, e.g. {example}"
    )))
}

/// A piece of term text.
#[derive(Debug, PartialEq)]
enum Token<'a> {
    /// Digits with an optional decimal part: `7`, `2.5`, `2,5`.
    Number(&'a str),
    /// A run of letters: a unit or a connector.
    Word(&'a str),
}

/// Parses lower-cased, trimmed text; the error is the reason only.
fn parse_term(text: &str) -> Result<Term, String> {
    if text.starts_with('-') {
        return Err("a term must be at least one month".to_string());
    }
    let tokens = tokenize(text).ok_or(EXPECTED)?;
    // (months per unit, months) of each part: years and months at most once each.
    let mut parts: Vec<(u64, u64)> = Vec::new();
    let mut rest = tokens.as_slice();
    while let Some((number, unit, tail)) = next_part(rest, !parts.is_empty())? {
        let per_unit = unit_months(unit)?;
        if parts.iter().any(|&(given, _)| given == per_unit) {
            let what = if per_unit == 12 { "years" } else { "months" };
            return Err(format!("{what} are given twice"));
        }
        parts.push((per_unit, whole_months(number, unit, per_unit)?));
        rest = tail;
    }
    if parts.is_empty() {
        return Err(EXPECTED.to_string());
    }
    let total = parts
        .iter()
        .fold(0u64, |sum, &(_, months)| sum.saturating_add(months));
    let total = i64::try_from(total).unwrap_or(i64::MAX);
    Term::from_months(total).map_err(|e| e.0)
}

/// A `number unit` pair and the tokens after it; `None` at the end of the text.
type Part<'t, 'a> = Option<(&'a str, &'a str, &'t [Token<'a>])>;

/// Splits off the next `number unit` pair, skipping a connector ("and", "e")
/// before it; `after_part` says whether a pair came before (connectors may
/// only join two pairs).
fn next_part<'t, 'a>(tokens: &'t [Token<'a>], after_part: bool) -> Result<Part<'t, 'a>, String> {
    let tokens = match tokens {
        [Token::Word(word), rest @ ..]
            if after_part && !rest.is_empty() && CONNECTORS.contains(word) =>
        {
            rest
        }
        _ => tokens,
    };
    match tokens {
        [] => Ok(None),
        [Token::Number(number), Token::Word(unit), rest @ ..] => Ok(Some((number, unit, rest))),
        [Token::Number(number), ..] => Err(format!(
            "'{number}' needs a unit, e.g. {number}m or {number}y"
        )),
        _ => Err(EXPECTED.to_string()),
    }
}

/// Months in one unit word, or an error naming the unknown word.
fn unit_months(unit: &str) -> Result<u64, String> {
    UNITS
        .iter()
        .find(|(_, names)| names.contains(&unit))
        .map(|&(months, _)| months)
        .ok_or_else(|| {
            format!("unknown unit '{unit}', expected years (y, yr, year, anni) or months (m, mo, month, mesi)")
        })
}

/// `number` units of `per_unit` months each, which must be whole months.
fn whole_months(number: &str, unit: &str, per_unit: u64) -> Result<u64, String> {
    let too_long = || "a term must be at most 100 years (1200 months)".to_string();
    let (whole, fraction) = number.split_once(['.', ',']).unwrap_or((number, ""));
    let digits = format!("{whole}{fraction}");
    let mantissa: u64 = digits.parse().map_err(|_| too_long())?;
    let scale = u32::try_from(fraction.len())
        .ok()
        .and_then(|len| 10u64.checked_pow(len))
        .ok_or_else(too_long)?;
    let scaled = mantissa.checked_mul(per_unit).ok_or_else(too_long)?;
    if !scaled.is_multiple_of(scale) {
        return Err(format!("{number} {unit} is not a whole number of months"));
    }
    Ok(scaled / scale)
}

/// Splits text into numbers and words, dropping spaces, commas between parts
/// and a hyphen joining a number to its unit (`7-year`). `None` if any other
/// character appears.
fn tokenize(text: &str) -> Option<Vec<Token<'_>>> {
    let mut tokens = Vec::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let len = if c.is_ascii_digit() {
            let len = number_len(rest);
            tokens.push(Token::Number(&rest[..len]));
            len
        } else if c.is_alphabetic() {
            let len = rest
                .find(|c: char| !c.is_alphabetic())
                .unwrap_or(rest.len());
            tokens.push(Token::Word(&rest[..len]));
            len
        } else if c.is_whitespace() || c == ',' || is_joining_hyphen(&tokens, rest) {
            c.len_utf8()
        } else {
            return None;
        };
        rest = &rest[len..];
    }
    Some(tokens)
}

/// Byte length of the number at the start of `text`: digits, then optionally
/// `.` or `,` and more digits.
fn number_len(text: &str) -> usize {
    let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
    let whole = digits(text);
    let after = &text[whole..];
    match after.strip_prefix(['.', ',']).map(digits) {
        Some(fraction) if fraction > 0 => whole + 1 + fraction,
        _ => whole,
    }
}

/// Whether `rest` starts with a hyphen joining the number just read to a word.
fn is_joining_hyphen(tokens: &[Token<'_>], rest: &str) -> bool {
    matches!(tokens.last(), Some(Token::Number(_)))
        && rest
            .strip_prefix('-')
            .and_then(|after| after.chars().next())
            .is_some_and(char::is_alphabetic)
}

#[cfg(test)]
mod tests;
