//! Dates that keep their precision: a deal "announced in Q4 2025" is not the
//! same fact as one "announced on 2025-10-01", so both the first day of the
//! period and its precision are kept.
//!
//! In SQLite a [`PartialDate`] spans two columns: [`PartialDate::start_iso`]
//! (TEXT, `YYYY-MM-DD`) and [`PartialDate::precision`] (TEXT, see
//! [`Precision::as_str`]); [`PartialDate::from_parts`] reads them back.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Months, NaiveDate, NaiveTime};
use strum::{Display, IntoStaticStr, VariantArray};

use super::{ParseError, parse_name};

/// What every date error says is accepted.
const EXPECTED: &str = "expected YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY";

/// Smallest and largest year a [`PartialDate`] may have (always four digits).
const YEARS: std::ops::RangeInclusive<i32> = 1000..=9999;

/// How precisely a [`PartialDate`] is known, from the finest ([`Precision::Day`])
/// to the coarsest ([`Precision::Year`]).
#[derive(
    Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, IntoStaticStr, Display, VariantArray,
)]
#[strum(serialize_all = "lowercase")]
pub enum Precision {
    /// A single calendar day.
    Day,
    /// A calendar month.
    Month,
    /// A calendar quarter (Q1 = January to March).
    Quarter,
    /// A half-year (H1 = January to June).
    Half,
    /// A calendar year.
    Year,
}

impl Precision {
    /// The name stored in SQLite and used by serde: `"day"`, `"month"`,
    /// `"quarter"`, `"half"` or `"year"`.
    pub fn as_str(&self) -> &'static str {
        self.into()
    }

    /// Length of the period in months, or `None` for [`Precision::Day`].
    pub fn months(self) -> Option<u32> {
        match self {
            Precision::Day => None,
            Precision::Month => Some(1),
            Precision::Quarter => Some(3),
            Precision::Half => Some(6),
            Precision::Year => Some(12),
        }
    }
}

impl FromStr for Precision {
    type Err = ParseError;

    /// Parses a precision name, ignoring case and surrounding space.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        parse_name(text, text, |text, names| {
            format!("invalid precision '{text}': expected {names}")
        })
    }
}

sql_text!(Precision);

/// A date known to a day, month, quarter, half-year or year; stored as the
/// first day of its period.
///
/// Ordered by start, then precision (finest first), so `2025-10-01` sorts
/// before `2025-10`, which sorts before `2025-Q4`.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    // Field order matters: the derived `Ord` compares `start` first.
    start: NaiveDate,
    precision: Precision,
}

impl PartialDate {
    /// A date of the given precision starting on `start`; an error unless
    /// `start` is the first day of such a period and its year has four digits.
    pub fn new(start: NaiveDate, precision: Precision) -> Result<Self, ParseError> {
        if !YEARS.contains(&start.year()) {
            return Err(ParseError::new(format!(
                "invalid date {start}: the year must be between 1000 and 9999"
            )));
        }
        if !is_period_start(start, precision) {
            return Err(ParseError::new(format!(
                "invalid date {start}: it is not the first day of a {precision}"
            )));
        }
        Ok(PartialDate { start, precision })
    }

    /// Rebuilds a date from its two SQLite columns: the start as `YYYY-MM-DD`
    /// and the precision name. Both are validated.
    pub fn from_parts(start_iso: &str, precision: &str) -> Result<Self, ParseError> {
        let precision: Precision = precision.parse()?;
        let start = split_ymd(start_iso, '-')
            .and_then(|(y, m, d)| Some((parse_year(y).ok()?, two_digits(m)?, two_digits(d)?)))
            .and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d))
            .ok_or_else(|| {
                ParseError::new(format!(
                    "invalid stored date '{start_iso}': expected a day as YYYY-MM-DD"
                ))
            })?;
        PartialDate::new(start, precision)
    }

    /// A date known to the day.
    pub fn day(date: NaiveDate) -> Self {
        PartialDate {
            start: date,
            precision: Precision::Day,
        }
    }

    /// The first day of the period.
    pub fn start(&self) -> NaiveDate {
        self.start
    }

    /// The last day of the period (`2025-Q4` ends on 2025-12-31, `2024-02` on
    /// 2024-02-29; a day ends on itself).
    pub fn end(&self) -> NaiveDate {
        match self.precision.months() {
            None => self.start,
            Some(months) => self
                .start
                .checked_add_months(Months::new(months))
                .and_then(|next| next.pred_opt())
                // Unreachable: chrono covers years far beyond 9999.
                .unwrap_or(self.start),
        }
    }

    /// How precisely the date is known.
    pub fn precision(&self) -> Precision {
        self.precision
    }

    /// The first day of the period as `YYYY-MM-DD`, as stored in SQLite.
    pub fn start_iso(&self) -> String {
        self.start.format("%Y-%m-%d").to_string()
    }
}

/// Whether `start` is the first day of a period of `precision`.
fn is_period_start(start: NaiveDate, precision: Precision) -> bool {
    match precision.months() {
        None => true,
        Some(months) => start.day() == 1 && start.month0().is_multiple_of(months),
    }
}

impl FromStr for PartialDate {
    type Err = ParseError;

    /// Parses `2025-11-03`, `2025/11/03`, `2025-11-03T14:00:00Z` (the date as
    /// written, no timezone conversion), `2025-11`, `2025-Q4`, `Q4 2025`,
    /// `2025 Q4`, `2026-H2`, `H2 2026`, `2026 H2` or `2025`, ignoring case and
    /// surrounding space.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim();
        parse_date(&text.to_ascii_uppercase())
            .map_err(|reason| ParseError::new(format!("invalid date '{text}': {reason}")))
    }
}

impl fmt::Display for PartialDate {
    /// The canonical text: `2025-11-03`, `2025-11`, `2025-Q4`, `2026-H2` or `2025`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (year, month0) = (self.start.year(), self.start.month0());
        match self.precision {
            Precision::Day => write!(f, "{}", self.start.format("%Y-%m-%d")),
            Precision::Month => write!(f, "{year:04}-{:02}", month0 + 1),
            Precision::Quarter => write!(f, "{year:04}-Q{}", month0 / 3 + 1),
            Precision::Half => write!(f, "{year:04}-H{}", month0 / 6 + 1),
            Precision::Year => write!(f, "{year:04}"),
        }
    }
}

/// The period named in the text, its digits not yet checked.
enum RawPeriod<'a> {
    Day(&'a str, &'a str),
    Month(&'a str),
    Quarter(&'a str),
    Half(&'a str),
    Year,
}

/// Parses upper-cased, trimmed text; the error is the reason only.
fn parse_date(text: &str) -> Result<PartialDate, String> {
    let (year, period) = split_date(text).ok_or(EXPECTED)?;
    let year = parse_year(year)?;
    resolve(year, period)
}

/// Splits the text into its year and its period, recognising the shape only.
fn split_date(text: &str) -> Option<(&str, RawPeriod<'_>)> {
    if let Some(date) = strip_time(text) {
        let (year, month, day) = split_ymd(date, '-').or_else(|| split_ymd(date, '/'))?;
        return Some((year, RawPeriod::Day(month, day)));
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    match words.as_slice() {
        [word] => split_compact(word),
        [first, year] if is_half_or_quarter(first) => Some((year, raw_period(first)?)),
        [year, last] if is_half_or_quarter(last) => Some((year, raw_period(last)?)),
        _ => None,
    }
}

/// The date part of `YYYY-MM-DDThh:mm[:ss[.f]][Z|±hh[:mm]]` (or with a space
/// instead of `T`), or `None` when the text has no valid time part.
fn strip_time(text: &str) -> Option<&str> {
    let date = text.get(..10)?;
    let time = text.get(10..)?.strip_prefix(['T', ' '])?;
    is_time_of_day(time).then_some(date)
}

/// Whether `text` is a clock time, optionally followed by `Z` or an offset.
fn is_time_of_day(text: &str) -> bool {
    let clock = strip_offset(text.trim());
    ["%H:%M:%S%.f", "%H:%M"]
        .iter()
        .any(|format| NaiveTime::parse_from_str(clock, format).is_ok())
}

/// The text without a trailing `Z`, `±hh`, `±hhmm` or `±hh:mm`.
fn strip_offset(text: &str) -> &str {
    if let Some(clock) = text.strip_suffix('Z') {
        return clock.trim_end();
    }
    match text.rfind(['+', '-']) {
        Some(at) if is_offset(&text[at + 1..]) => text[..at].trim_end(),
        _ => text,
    }
}

/// Whether `text` is `hh`, `hhmm` or `hh:mm` with hours < 24 and minutes < 60.
fn is_offset(text: &str) -> bool {
    let (hours, minutes) = match (text.len(), text.split_once(':')) {
        (2, None) => (text, "00"),
        (4, None) if text.is_ascii() => text.split_at(2),
        (5, Some(parts)) => parts,
        _ => return false,
    };
    matches!((two_digits(hours), two_digits(minutes)), (Some(h), Some(m)) if h < 24 && m < 60)
}

/// Splits a single word: `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYY-MM`, `YYYY-Qn`,
/// `YYYY-Hn` or `YYYY`.
fn split_compact(word: &str) -> Option<(&str, RawPeriod<'_>)> {
    if let Some((year, month, day)) = split_ymd(word, '-').or_else(|| split_ymd(word, '/')) {
        return Some((year, RawPeriod::Day(month, day)));
    }
    match word.split_once('-') {
        Some((year, period)) if is_half_or_quarter(period) => Some((year, raw_period(period)?)),
        Some((year, month)) => Some((year, RawPeriod::Month(month))),
        None => Some((word, RawPeriod::Year)),
    }
}

/// Splits `text` into exactly three parts at `separator`.
fn split_ymd(text: &str, separator: char) -> Option<(&str, &str, &str)> {
    let mut parts = text.split(separator);
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(year), Some(month), Some(day), None) => Some((year, month, day)),
        _ => None,
    }
}

/// Whether `word` is `Q` or `H` followed by digits only (the number is
/// checked later, so that `2025-Q5` gets a specific message).
fn is_half_or_quarter(word: &str) -> bool {
    word.strip_prefix(['Q', 'H'])
        .is_some_and(|number| number.bytes().all(|b| b.is_ascii_digit()))
}

/// `Qn` as a quarter or `Hn` as a half, digit unchecked.
fn raw_period(word: &str) -> Option<RawPeriod<'_>> {
    if let Some(number) = word.strip_prefix('Q') {
        Some(RawPeriod::Quarter(number))
    } else {
        word.strip_prefix('H').map(RawPeriod::Half)
    }
}

/// A four-digit year from 1000 to 9999.
fn parse_year(text: &str) -> Result<i32, String> {
    if text.len() != 4 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(EXPECTED.to_string());
    }
    text.parse::<i32>()
        .ok()
        .filter(|year| YEARS.contains(year))
        .ok_or_else(|| "the year must be between 1000 and 9999".to_string())
}

/// Exactly two ASCII digits as a number.
fn two_digits(text: &str) -> Option<u32> {
    (text.len() == 2 && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

/// Exactly one ASCII digit within `range`.
fn one_digit_in(text: &str, range: std::ops::RangeInclusive<u32>) -> Option<u32> {
    let mut chars = text.chars();
    match (chars.next().and_then(|c| c.to_digit(10)), chars.next()) {
        (Some(n), None) if range.contains(&n) => Some(n),
        _ => None,
    }
}

/// Checks the period's digits against the calendar and builds the date.
fn resolve(year: i32, period: RawPeriod<'_>) -> Result<PartialDate, String> {
    let (month, day, precision) = match period {
        RawPeriod::Year => (1, 1, Precision::Year),
        RawPeriod::Month(month) => {
            let month = two_digits(month)
                .filter(|m| (1..=12).contains(m))
                .ok_or(EXPECTED)?;
            (month, 1, Precision::Month)
        }
        RawPeriod::Quarter(number) => {
            let quarter =
                one_digit_in(number, 1..=4).ok_or("the quarter must be Q1, Q2, Q3 or Q4")?;
            (3 * quarter - 2, 1, Precision::Quarter)
        }
        RawPeriod::Half(number) => {
            let half = one_digit_in(number, 1..=2).ok_or("the half must be H1 or H2")?;
            (6 * half - 5, 1, Precision::Half)
        }
        RawPeriod::Day(month, day) => {
            let (month, day) = two_digits(month).zip(two_digits(day)).ok_or(EXPECTED)?;
            (month, day, Precision::Day)
        }
    };
    let start = NaiveDate::from_ymd_opt(year, month, day)
        .ok_or_else(|| format!("{year:04}-{month:02}-{day:02} is not a day of the calendar"))?;
    Ok(PartialDate { start, precision })
}

#[cfg(test)]
mod tests;
