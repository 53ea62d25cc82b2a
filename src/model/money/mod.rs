//! Money amounts: an exact integer number of currency units, an ISO 4217
//! currency and a qualifier ("about", "at least", ...).
//!
//! Parsing understands what news text writes in English, Italian, French,
//! German and Spanish ("$38 billion", "oltre 13 miliardi di dollari",
//! "jusqu'à 100 milliards de dollars", "1,5 Mrd. Euro", "2 billones de
//! dólares") and never goes through floating point: digits are accumulated
//! with checked integer arithmetic and scale words are exact powers of ten.
//!
//! The pieces: `currency` (ISO 4217 codes), `tokens` (the tokenizer shared
//! with `model::extract`), `words` (the vocabulary of the five languages) and
//! `parse` (reading a figure from its tokens).

mod currency;
pub mod fields;
mod parse;
pub(crate) mod tokens;
pub(crate) mod words;

#[cfg(test)]
mod languages_tests;
#[cfg(test)]
mod tests;

use std::fmt;
use std::str::FromStr;

use strum::{Display, IntoStaticStr, VariantArray};

pub use currency::Currency;

use super::{Language, ParseError, parse_name};

// ---------------------------------------------------------------------------
// Qualifier
// ---------------------------------------------------------------------------

/// How precise a figure is: exact, approximate, a floor or a ceiling.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    IntoStaticStr,
    Display,
    VariantArray,
)]
#[strum(serialize_all = "kebab-case")]
pub enum Qualifier {
    /// The figure as stated ("$38 billion").
    #[default]
    Exact,
    /// "about", "circa", "~".
    Approx,
    /// "over", "more than", "oltre", "≥".
    AtLeast,
    /// "up to", "fino a", "≤".
    UpTo,
}

impl Qualifier {
    /// The stored name: "exact", "approx", "at-least" or "up-to".
    pub fn as_str(&self) -> &'static str {
        self.into()
    }

    /// What `Money::compact` writes before the amount: "", "~", "≥ ", "≤ ".
    pub fn prefix(&self) -> &'static str {
        match self {
            Qualifier::Exact => "",
            Qualifier::Approx => "~",
            Qualifier::AtLeast => "≥ ",
            Qualifier::UpTo => "≤ ",
        }
    }
}

impl FromStr for Qualifier {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_name(s, s, |s, names| {
            format!("unknown qualifier '{s}' (expected {names})")
        })
    }
}

sql_text!(Currency, Qualifier);
serde_text!(Currency, Qualifier);

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

// ---------------------------------------------------------------------------
// Exchange rates
// ---------------------------------------------------------------------------

/// The rates conversion can use exactly (see `ops::reports::RATE_SCALE`).
pub const MIN_RATE: f64 = 1e-9;
pub const MAX_RATE: f64 = 1e9;

/// An exchange rate as people write it: units of a currency per US dollar,
/// "0.92", between `MIN_RATE` and `MAX_RATE`.
pub fn parse_rate(text: &str) -> Result<f64, ParseError> {
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|r| r.is_finite() && (MIN_RATE..=MAX_RATE).contains(r))
        .ok_or_else(|| {
            ParseError::new(format!(
                "expected a number of units per US dollar between {MIN_RATE} and {MAX_RATE:e}, e.g. 0.92"
            ))
        })
}

// ---------------------------------------------------------------------------
// Figure and Money
// ---------------------------------------------------------------------------

/// A money figure as written, whose currency may be unstated ("1,4 miliardi").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Figure {
    /// Whole units of the currency, never negative.
    pub amount: i64,
    /// The currency, if the text names one.
    pub currency: Option<Currency>,
    /// How precise the figure is.
    pub qualifier: Qualifier,
}

impl Figure {
    /// Parses a figure such as "$38 billion", "oltre 13 miliardi di dollari" or
    /// "JPY 100000000000", in the language its words suggest: Italian words
    /// ("miliardi", "di", "circa") make ',' the decimal separator; German,
    /// French or Spanish ones ("Mrd", "milliards", "millones") also make
    /// "billion" 10^12; otherwise the figure is read as English.
    pub fn parse(text: &str) -> Result<Figure, ParseError> {
        parse::parse_figure(text, None)
    }

    /// Parses a figure written in `language`, which decides the decimal
    /// separator, whether a plain space groups thousands (French: "1 400")
    /// and what "billion" and "trillion" mean.
    pub fn parse_in(text: &str, language: Language) -> Result<Figure, ParseError> {
        parse::parse_figure(text, Some(language))
    }

    /// Compact human form like `Money::compact`; without a currency, the number
    /// alone: "~1.4B".
    pub fn compact(&self) -> String {
        let amount = match self.currency {
            Some(currency) => compact_amount(self.amount, currency),
            None => compact_number(self.amount),
        };
        format!("{}{amount}", self.qualifier.prefix())
    }

    /// Turns the figure into `Money` in `given` currency (US dollars when None);
    /// a figure that names another currency than `given` is an error.
    pub fn in_currency(self, given: Option<Currency>) -> Result<Money, ParseError> {
        if let (Some(given), Some(said)) = (given, self.currency)
            && given != said
        {
            return Err(ParseError::new(format!(
                "the figure is in {said} but --currency says {given}"
            )));
        }
        self.with_default_currency(Some(given.unwrap_or(Currency::USD)))
    }

    /// Turns the figure into `Money`, using `default` when no currency was
    /// written; an error if there is neither.
    pub fn with_default_currency(self, default: Option<Currency>) -> Result<Money, ParseError> {
        let currency = self
            .currency
            .or(default)
            .ok_or_else(|| ParseError::new("no currency given and no default currency"))?;
        Money::new(self.amount, currency, self.qualifier)
    }
}

impl FromStr for Figure {
    type Err = ParseError;

    /// Parses like `Figure::parse`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Figure::parse(s)
    }
}

/// An amount of whole currency units with its currency and qualifier.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Money {
    /// Whole units of the currency, never negative.
    pub amount: i64,
    /// The currency.
    pub currency: Currency,
    /// How precise the amount is.
    pub qualifier: Qualifier,
}

impl Money {
    /// Builds a money value; negative amounts are an error.
    pub fn new(amount: i64, currency: Currency, qualifier: Qualifier) -> Result<Money, ParseError> {
        if amount < 0 {
            return Err(ParseError::new(format!(
                "negative amounts are not allowed (got {amount})"
            )));
        }
        Ok(Money {
            amount,
            currency,
            qualifier,
        })
    }

    /// Parses like `Figure::parse` and uses `default` when no currency is
    /// written; error if none written and default is None.
    pub fn parse(text: &str, default: Option<Currency>) -> Result<Money, ParseError> {
        Figure::parse(text)?
            .with_default_currency(default)
            .map_err(|error| ParseError::new(format!("{error} in '{text}'")))
    }

    /// Compact human form for tables, with the qualifier prefix: "$38.0B",
    /// "≥ $13.0B", "~$300B", "CHF 2.5B", "$500".
    pub fn compact(&self) -> String {
        let amount = compact_amount(self.amount, self.currency);
        format!("{}{amount}", self.qualifier.prefix())
    }
}

impl FromStr for Money {
    type Err = ParseError;

    /// Parses with US dollars as the default currency.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Money::parse(s, Some(Currency::USD))
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.compact())
    }
}

// ---------------------------------------------------------------------------
// Compact display
// ---------------------------------------------------------------------------

/// Display units for compact amounts, largest first.
const UNITS: [(i64, &str); 4] = [
    (1_000_000_000_000, "T"),
    (1_000_000_000, "B"),
    (1_000_000, "M"),
    (1_000, "K"),
];

/// Most decimals compact display shows; beyond this it rounds half-up.
const MAX_DECIMALS: u32 = 3;

/// Compact form without the qualifier: "$38.0B", "€2.5B", "CHF 2.5B", "$500".
pub fn compact_amount(amount: i64, currency: Currency) -> String {
    let number = compact_number(amount);
    match currency.symbol() {
        Some(symbol) => format!("{symbol}{number}"),
        None => format!("{currency} {number}"),
    }
}

/// The number part of a compact amount, e.g. "38.0B" or "500".
fn compact_number(amount: i64) -> String {
    let Some(index) = UNITS.iter().position(|&(unit, _)| amount >= unit) else {
        return amount.to_string();
    };
    let (mut scaled, mut decimals) = scale_to_unit(amount, UNITS[index].0);
    let mut suffix = UNITS[index].1;
    // Rounding can carry into the next unit ("999.9996B" -> "1.000T").
    if index > 0 && scaled >= 1000 * 10_i64.pow(decimals) {
        let unit = UNITS[index - 1];
        (scaled, decimals) = scale_to_unit(amount, unit.0);
        suffix = unit.1;
    }
    let divisor = 10_i64.pow(decimals);
    let (whole, fraction, width) = (scaled / divisor, scaled % divisor, decimals as usize);
    if decimals == 0 {
        format!("{whole}{suffix}")
    } else {
        format!("{whole}.{fraction:0width$}{suffix}")
    }
}

/// Expresses `amount` in `unit` with the fewest decimals that are exact
/// (at least one below 100 units, at most three), rounding half-up when
/// three are not enough. Returns the scaled integer and its decimal count.
fn scale_to_unit(amount: i64, unit: i64) -> (i64, u32) {
    let min_decimals = if amount / unit < 100 { 1 } else { 0 };
    let decimals = (min_decimals..=MAX_DECIMALS)
        .find(|&d| amount % (unit / 10_i64.pow(d)) == 0)
        .unwrap_or(MAX_DECIMALS);
    let step = unit / 10_i64.pow(decimals);
    let (quotient, remainder) = (amount / step, amount % step);
    (
        quotient + i64::from(remainder >= step - remainder),
        decimals,
    )
}
