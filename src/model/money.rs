//! Money amounts: an exact integer number of currency units, an ISO 4217
//! currency and a qualifier ("about", "at least", ...).
//!
//! Parsing understands what English and Italian news text writes
//! ("$38 billion", "oltre 13 miliardi di dollari", "circa 1,4 miliardi") and
//! never goes through floating point: digits are accumulated with checked
//! integer arithmetic and scale words are exact powers of ten.

use std::fmt;
use std::str::FromStr;

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use unicode_normalization::UnicodeNormalization;

use super::ParseError;

// ---------------------------------------------------------------------------
// Currency
// ---------------------------------------------------------------------------

/// Active ISO 4217 alphabetic codes, sorted (for binary search). The testing
/// code XTS and "no currency" XXX are left out on purpose.
const ISO_4217_CODES: &[&str] = &[
    "AED", "AFN", "ALL", "AMD", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BGN",
    "BHD", "BIF", "BMD", "BND", "BOB", "BOV", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD",
    "CDF", "CHE", "CHF", "CHW", "CLF", "CLP", "CNY", "COP", "COU", "CRC", "CUP", "CVE", "CZK",
    "DJF", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS",
    "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IQD",
    "IRR", "ISK", "JMD", "JOD", "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD",
    "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT",
    "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MXV", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK",
    "NPR", "NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD",
    "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD", "SSP",
    "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS",
    "UAH", "UGX", "USD", "USN", "UYI", "UYU", "UYW", "UZS", "VED", "VES", "VND", "VUV", "WST",
    "XAF", "XAG", "XAU", "XBA", "XBB", "XBC", "XBD", "XCD", "XCG", "XDR", "XOF", "XPD", "XPF",
    "XPT", "XSU", "XUA", "YER", "ZAR", "ZMW", "ZWG",
];

/// An ISO 4217 currency, always one of the active codes in upper case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency(&'static str);

impl Currency {
    /// United States dollar.
    pub const USD: Currency = Currency("USD");
    /// Euro.
    pub const EUR: Currency = Currency("EUR");
    /// Pound sterling.
    pub const GBP: Currency = Currency("GBP");
    /// Japanese yen.
    pub const JPY: Currency = Currency("JPY");
    /// Chinese yuan renminbi.
    pub const CNY: Currency = Currency("CNY");
    /// Swiss franc.
    pub const CHF: Currency = Currency("CHF");

    /// The three-letter code, e.g. "USD".
    pub fn as_str(&self) -> &str {
        self.0
    }

    /// The symbol written before amounts, for the few currencies that have
    /// an unambiguous one.
    pub fn symbol(&self) -> Option<&'static str> {
        match self.0 {
            "USD" => Some("$"),
            "EUR" => Some("€"),
            "GBP" => Some("£"),
            "JPY" => Some("¥"),
            _ => None,
        }
    }

    /// Looks up a code (any case) in the active ISO 4217 list.
    fn from_code(code: &str) -> Option<Currency> {
        let upper = code.to_ascii_uppercase();
        ISO_4217_CODES
            .binary_search(&upper.as_str())
            .ok()
            .map(|index| Currency(ISO_4217_CODES[index]))
    }
}

fn unknown_currency(code: &str) -> String {
    format!("unknown currency '{code}' (expected an ISO 4217 code such as USD, EUR, GBP, JPY)")
}

impl FromStr for Currency {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let code = s.trim();
        Currency::from_code(code).ok_or_else(|| ParseError::new(unknown_currency(code)))
    }
}

// ---------------------------------------------------------------------------
// Qualifier
// ---------------------------------------------------------------------------

/// How precise a figure is: exact, approximate, a floor or a ceiling.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
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
    /// Every qualifier, in display order.
    pub const ALL: [Qualifier; 4] = [
        Qualifier::Exact,
        Qualifier::Approx,
        Qualifier::AtLeast,
        Qualifier::UpTo,
    ];

    /// The stored name: "exact", "approx", "at-least" or "up-to".
    pub fn as_str(&self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::Approx => "approx",
            Qualifier::AtLeast => "at-least",
            Qualifier::UpTo => "up-to",
        }
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
        let name = s.trim().to_lowercase();
        Qualifier::ALL
            .into_iter()
            .find(|qualifier| qualifier.as_str() == name)
            .ok_or_else(|| {
                ParseError::new(format!(
                    "unknown qualifier '{}' (expected exact, approx, at-least or up-to)",
                    s.trim()
                ))
            })
    }
}

/// Implements `Display`, SQLite TEXT conversion and serde string form for a
/// type with `as_str` and a validating `FromStr`.
macro_rules! text_value {
    ($type:ty) => {
        impl fmt::Display for $type {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ToSql for $type {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.as_str()))
            }
        }

        impl FromSql for $type {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                value.as_str()?.parse().map_err(FromSqlError::other)
            }
        }

        impl Serialize for $type {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $type {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = String::deserialize(deserializer)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

text_value!(Currency);
text_value!(Qualifier);

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
    /// Parses a figure written in English or Italian, such as "$38 billion",
    /// "oltre 13 miliardi di dollari" or "JPY 100000000000".
    pub fn parse(text: &str) -> Result<Figure, ParseError> {
        let normalized: String = text.nfc().collect();
        let tokens = tokenize(&normalized);
        if tokens.is_empty() {
            return Err(ParseError::new("no amount given (the text is empty)"));
        }
        let parts = Parts::read(&tokens, text)?;
        let number = parts
            .number
            .ok_or_else(|| ParseError::new(format!("no number in '{text}'")))?;
        let italian = tokens
            .iter()
            .any(|token| ITALIAN_WORDS.contains(&token.key.as_str()));
        let amount = number_amount(&number, italian, text)?;
        Ok(Figure {
            amount,
            currency: parts.currency,
            qualifier: parts.qualifier.unwrap_or_default(),
        })
    }

    /// Compact human form like `Money::compact`; without a currency, the number
    /// alone: "~1.4B".
    pub fn compact(&self) -> String {
        match self.currency {
            Some(currency) => format!(
                "{}{}",
                self.qualifier.prefix(),
                compact_amount(self.amount, currency)
            ),
            None => format!("{}{}", self.qualifier.prefix(), compact_number(self.amount)),
        }
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
        format!(
            "{}{}",
            self.qualifier.prefix(),
            compact_amount(self.amount, self.currency)
        )
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
    let whole = scaled / divisor;
    if decimals == 0 {
        format!("{whole}{suffix}")
    } else {
        let fraction = scaled % divisor;
        format!(
            "{whole}.{fraction:0width$}{suffix}",
            width = decimals as usize
        )
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
    let rounded = if remainder >= step - remainder {
        quotient + 1
    } else {
        quotient
    };
    (rounded, decimals)
}

// ---------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Number,
    Word,
    Symbol,
}

/// One piece of the input: `text` as written, `key` lower-cased for matching.
#[derive(Clone, Debug)]
struct Token {
    kind: Kind,
    text: String,
    key: String,
}

impl Token {
    fn new(kind: Kind, text: &str) -> Token {
        Token {
            kind,
            text: text.to_string(),
            key: text.to_lowercase(),
        }
    }
}

/// Splits text into numbers (digits with inner '.'/','), words (letters,
/// swallowing an abbreviation dot such as "ca."), "us$", the two-character
/// symbols ">=" "<=", and single other characters. Whitespace (including
/// non-breaking spaces) only separates.
fn tokenize(text: &str) -> Vec<Token> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let offset = |i: usize| chars.get(i).map_or(text.len(), |&(at, _)| at);
    let char_at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let digit_at = |i: usize| char_at(i).is_some_and(|c| c.is_ascii_digit());
    let mut tokens = Vec::new();
    let mut i = 0;
    while let Some(c) = char_at(i) {
        let start = i;
        i += 1;
        let kind = if c.is_whitespace() {
            continue;
        } else if c.is_ascii_digit() {
            // Separators belong to the number only when a digit follows.
            while let Some(next) = char_at(i) {
                let separator = matches!(next, '.' | ',') && digit_at(i + 1);
                if !next.is_ascii_digit() && !separator {
                    break;
                }
                i += 1;
            }
            Kind::Number
        } else if c.is_alphabetic() {
            while char_at(i).is_some_and(char::is_alphabetic) {
                i += 1;
            }
            let word = &text[offset(start)..offset(i)];
            if word.eq_ignore_ascii_case("us") && char_at(i) == Some('$') {
                i += 1;
                Kind::Symbol
            } else {
                tokens.push(Token::new(Kind::Word, word));
                // An abbreviation dot ("ca.", "mld.") is dropped, unless it
                // starts a decimal number.
                if char_at(i) == Some('.') && !digit_at(i + 1) {
                    i += 1;
                }
                continue;
            }
        } else {
            if matches!(c, '>' | '<') && char_at(i) == Some('=') {
                i += 1;
            }
            Kind::Symbol
        };
        tokens.push(Token::new(kind, &text[offset(start)..offset(i)]));
    }
    tokens
}

// ---------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------

/// Words and symbols that say how precise the figure is (matched before the
/// number, longest phrase first; words in a phrase are separated by spaces).
#[rustfmt::skip]
const QUALIFIER_PHRASES: &[(Qualifier, &[&str])] = &[
    (Qualifier::Exact, &["exactly", "esattamente"]),
    (Qualifier::Approx, &[
        "about", "around", "approximately", "approx", "roughly", "nearly", "almost", "some",
        "circa", "ca", "quasi", "intorno a", "intorno ai", "~", "≈",
    ]),
    (Qualifier::AtLeast, &[
        "over", "more than", "at least", "above", "in excess of", "oltre", "più di", "piu di",
        "almeno", "≥", ">=", ">",
    ]),
    (Qualifier::UpTo, &[
        "up to", "as much as", "no more than", "fino a", "fino ad", "≤", "<=", "<",
    ]),
];

/// Symbols and words that name a currency (ISO codes are handled apart).
#[rustfmt::skip]
const CURRENCY_PHRASES: &[(Currency, &[&str])] = &[
    (Currency::USD, &[
        "$", "us$", "dollar", "dollars", "us dollar", "us dollars", "dollaro", "dollari",
        "dollari usa", "dollari americani",
    ]),
    (Currency::EUR, &["€", "euro", "euros"]),
    (Currency::GBP, &[
        "£", "pound", "pounds", "pound sterling", "pounds sterling", "sterling", "sterlina",
        "sterline",
    ]),
    (Currency::JPY, &["¥", "yen"]),
    (Currency::CNY, &["yuan", "renminbi"]),
    (Currency::CHF, &["swiss franc", "swiss francs", "franco svizzero", "franchi svizzeri"]),
];

/// Scale words by the power of ten they multiply by.
#[rustfmt::skip]
const SCALE_WORDS: &[(u32, &[&str])] = &[
    (3, &["thousand", "thousands", "k", "mila", "mille"]),
    (6, &["million", "millions", "m", "mn", "mln", "milione", "milioni"]),
    (9, &["billion", "billions", "b", "bn", "bln", "miliardo", "miliardi", "mld", "mrd"]),
    (12, &["trillion", "trillions", "t", "tn", "trn", "bilione", "bilioni"]),
];

/// Words allowed between the number and a currency ("miliardi di dollari").
const CONNECTORS: &[&str] = &["di", "of", "in"];

/// Words whose presence makes ',' the decimal separator and '.' the grouping.
const ITALIAN_WORDS: &[&str] = &[
    "miliardi", "miliardo", "milioni", "milione", "mila", "mille", "mld", "bilione", "bilioni",
    "dollari", "dollaro", "sterline", "sterlina", "franchi", "franco", "oltre", "circa", "fino",
    "più", "piu", "almeno", "quasi", "intorno", "di",
];

/// The longest phrase of `table` that starts `tokens`, with its length in
/// tokens.
fn match_phrase<T: Copy>(table: &[(T, &[&str])], tokens: &[Token]) -> Option<(T, usize)> {
    let starts = |phrase: &str| {
        let words: Vec<&str> = phrase.split(' ').collect();
        let matches = words.len() <= tokens.len()
            && words
                .iter()
                .zip(tokens)
                .all(|(word, token)| token.kind != Kind::Number && token.key == *word);
        matches.then_some(words.len())
    };
    table
        .iter()
        .flat_map(|&(value, phrases)| {
            phrases
                .iter()
                .filter_map(move |phrase| starts(phrase).map(|len| (value, len)))
        })
        .max_by_key(|&(_, len)| len)
}

/// A currency named at the start of `tokens` (symbol, word or ISO code).
fn match_currency(tokens: &[Token]) -> Option<(Currency, usize)> {
    if let Some(found) = match_phrase(CURRENCY_PHRASES, tokens) {
        return Some(found);
    }
    let token = tokens.first().filter(|token| token.kind == Kind::Word)?;
    if !is_three_letters(&token.key) {
        return None;
    }
    Currency::from_code(&token.key).map(|currency| (currency, 1))
}

fn is_three_letters(word: &str) -> bool {
    word.len() == 3 && word.bytes().all(|b| b.is_ascii_alphabetic())
}

fn scale_exponent(key: &str) -> Option<u32> {
    SCALE_WORDS
        .iter()
        .find(|(_, words)| words.contains(&key))
        .map(|&(exponent, _)| exponent)
}

// ---------------------------------------------------------------------------
// Reading the pieces of a figure
// ---------------------------------------------------------------------------

/// What the previous token was, for deciding where scale words may go.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Previous {
    Nothing,
    Number,
    Scale,
    Other,
}

/// The number as written plus the scale words that followed it.
struct WrittenNumber {
    digits: String,
    scales: Vec<(String, u32)>,
}

/// The pieces of a figure found in the tokens.
struct Parts {
    qualifier: Option<Qualifier>,
    currency: Option<Currency>,
    number: Option<WrittenNumber>,
}

impl Parts {
    /// Walks the tokens, filling each slot at most once.
    fn read(tokens: &[Token], input: &str) -> Result<Parts, ParseError> {
        let error = |message: String| ParseError::new(format!("{message} in '{input}'"));
        let mut parts = Parts {
            qualifier: None,
            currency: None,
            number: None,
        };
        let mut previous = Previous::Nothing;
        let mut i = 0;
        while let Some(token) = tokens.get(i) {
            let rest = &tokens[i..];
            let before_number = parts.number.is_none();
            if let Some((qualifier, len)) =
                match_phrase(QUALIFIER_PHRASES, rest).filter(|_| before_number)
            {
                if parts.qualifier.is_some_and(|q| q != qualifier) {
                    return Err(error("two qualifiers".to_string()));
                }
                parts.qualifier = Some(qualifier);
                (i, previous) = (i + len, Previous::Other);
            } else if matches!(token.key.as_str(), "-" | "−") && before_number {
                return Err(error("negative amounts are not allowed".to_string()));
            } else if let Some((currency, len)) = match_currency(rest) {
                if let Some(first) = parts.currency.filter(|&c| c != currency) {
                    return Err(error(format!(
                        "two currencies ('{first}' and '{currency}')"
                    )));
                }
                parts.currency = Some(currency);
                (i, previous) = (i + len, Previous::Other);
            } else if token.kind == Kind::Number || (token.key == "mille" && before_number) {
                if !before_number {
                    return Err(error(format!("more than one number ('{}')", token.text)));
                }
                let digits = if token.kind == Kind::Number {
                    &token.text
                } else {
                    "1000"
                };
                parts.number = Some(WrittenNumber {
                    digits: digits.to_string(),
                    scales: Vec::new(),
                });
                (i, previous) = (i + 1, Previous::Number);
            } else if let Some(exponent) = scale_exponent(&token.key) {
                let number = match parts.number.as_mut() {
                    Some(number) if previous != Previous::Other => number,
                    Some(_) => {
                        return Err(error(format!(
                            "'{}' must come right after the number",
                            token.text
                        )));
                    }
                    None => return Err(ParseError::new(format!("no number in '{input}'"))),
                };
                push_scale(number, &token.text, exponent).map_err(error)?;
                (i, previous) = (i + 1, Previous::Scale);
            } else if CONNECTORS.contains(&token.key.as_str())
                && !before_number
                && match_currency(&rest[1..]).is_some()
            {
                (i, previous) = (i + 1, Previous::Other);
            } else if token.kind == Kind::Word && is_three_letters(&token.key) {
                return Err(error(unknown_currency(&token.text.to_uppercase())));
            } else if token.kind == Kind::Word {
                return Err(error(format!("unrecognised word '{}'", token.text)));
            } else {
                return Err(error(format!("unrecognised character '{}'", token.text)));
            }
        }
        Ok(parts)
    }
}

/// Adds a scale word after a number. Two are allowed only as "thousand"
/// followed by a larger one ("mille miliardi", "mila miliardi").
fn push_scale(number: &mut WrittenNumber, word: &str, exponent: u32) -> Result<(), String> {
    if let Some((previous, previous_exponent)) = number.scales.last()
        && (number.scales.len() > 1 || *previous_exponent != 3 || exponent <= 3)
    {
        return Err(format!("'{word}' cannot follow '{previous}'"));
    }
    number.scales.push((word.to_string(), exponent));
    Ok(())
}

// ---------------------------------------------------------------------------
// Exact number arithmetic
// ---------------------------------------------------------------------------

/// Turns the written number and its scale into whole units, exactly.
fn number_amount(number: &WrittenNumber, italian: bool, input: &str) -> Result<i64, ParseError> {
    let exponent: u32 = number.scales.iter().map(|&(_, e)| e).sum();
    let (integer, fraction) = split_decimal(&number.digits, italian)
        .map_err(|message| ParseError::new(format!("{message} in '{input}'")))?;
    let fraction = fraction.trim_end_matches('0');
    let places = u32::try_from(fraction.len()).unwrap_or(u32::MAX);
    if places > exponent {
        let mut written = number.digits.clone();
        for (word, _) in &number.scales {
            written.push(' ');
            written.push_str(word);
        }
        return Err(ParseError::new(format!(
            "{written} is not a whole amount in '{input}'"
        )));
    }
    let too_large = || {
        ParseError::new(format!(
            "'{input}' is too large (the maximum is {} units)",
            i64::MAX
        ))
    };
    let mut value: i64 = 0;
    for c in integer.chars().chain(fraction.chars()) {
        let digit = c.to_digit(10).ok_or_else(|| {
            ParseError::new(format!("'{}' is not a number in '{input}'", number.digits))
        })?;
        value = value
            .checked_mul(10)
            .and_then(|v| v.checked_add(i64::from(digit)))
            .ok_or_else(too_large)?;
    }
    10_i64
        .checked_pow(exponent - places)
        .and_then(|multiplier| value.checked_mul(multiplier))
        .ok_or_else(too_large)
}

/// Splits "1.234,5" into integer digits "1234" and fraction digits "5",
/// deciding which separator is the decimal one and checking the grouping.
fn split_decimal(written: &str, italian: bool) -> Result<(String, String), String> {
    let last_separator = written.rfind(['.', ',']);
    let Some(last) = last_separator else {
        return Ok((written.to_string(), String::new()));
    };
    let last_char = if written[last..].starts_with('.') {
        '.'
    } else {
        ','
    };
    let other = if last_char == '.' { ',' } else { '.' };
    let count = written.matches(last_char).count();
    let after_last = &written[last + 1..];
    let decimal = if written.contains(other) {
        // Both separators: the last one is the decimal one.
        if count > 1 {
            return Err(format!("'{written}' has more than one decimal separator"));
        }
        Some(last_char)
    } else if count > 1 {
        // Repeated separator: grouping only, so every group must be three digits.
        if written
            .split(last_char)
            .skip(1)
            .any(|group| group.len() != 3)
        {
            return Err(format!("'{written}' has more than one decimal separator"));
        }
        None
    } else if after_last.len() != 3 {
        Some(last_char)
    } else {
        // One separator before exactly three digits: the language decides,
        // but "1.000" read as a decimal would be a strange way to write 1.
        let decimal_char = if italian { ',' } else { '.' };
        if last_char == decimal_char && after_last == "000" {
            return Err(format!(
                "'{written}' is ambiguous (thousands separator or decimal point?)"
            ));
        }
        (last_char == decimal_char).then_some(last_char)
    };
    let (integer_part, fraction) = match decimal {
        Some(_) => (&written[..last], after_last),
        None => (written, ""),
    };
    let group_char = match decimal {
        Some('.') => ',',
        Some(_) => '.',
        None => last_char,
    };
    let mut groups = integer_part.split(group_char);
    let first_ok = groups.next().is_some_and(|g| (1..=3).contains(&g.len()));
    let has_groups = integer_part.contains(group_char);
    if has_groups && (!first_ok || groups.any(|group| group.len() != 3)) {
        return Err(format!("'{written}' has inconsistent digit grouping"));
    }
    Ok((integer_part.replace(group_char, ""), fraction.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::Connection;
    use serde::de::IntoDeserializer;
    use serde::de::value::{Error as DeError, StrDeserializer};

    const B: i64 = 1_000_000_000;
    const USD: Option<Currency> = Some(Currency::USD);
    const EUR: Option<Currency> = Some(Currency::EUR);
    const GBP: Option<Currency> = Some(Currency::GBP);
    const NONE: Option<Currency> = None;
    use Qualifier::{Approx, AtLeast, Exact, UpTo};

    fn check(text: &str, amount: i64, currency: Option<Currency>, qualifier: Qualifier) {
        let figure = Figure::parse(text).unwrap_or_else(|e| panic!("{text:?}: {e}"));
        assert_eq!(
            figure,
            Figure {
                amount,
                currency,
                qualifier
            },
            "parsing {text:?}"
        );
    }

    fn error(text: &str) -> String {
        match Figure::parse(text) {
            Ok(figure) => panic!("{text:?} parsed as {figure:?}"),
            Err(e) => e.0,
        }
    }

    fn money(amount: i64, currency: Currency, qualifier: Qualifier) -> Money {
        Money::new(amount, currency, qualifier).unwrap()
    }

    #[test]
    fn english_figures() {
        check("38B", 38 * B, NONE, Exact);
        check("$38 billion", 38 * B, USD, Exact);
        check("USD 38bn", 38 * B, USD, Exact);
        check("38 billion USD", 38 * B, USD, Exact);
        check("€2.5bn", 2_500_000_000, EUR, Exact);
        check("$1.4 trillion", 1_400_000_000_000, USD, Exact);
        check("JPY 100000000000", 100 * B, Some(Currency::JPY), Exact);
        check("$1,400 billion", 1_400 * B, USD, Exact);
        check("US$ 38 billion", 38 * B, USD, Exact);
        check("US$38bn", 38 * B, USD, Exact);
        check("38 mln", 38_000_000, NONE, Exact);
        check("9,000,000", 9_000_000, NONE, Exact);
        check("9000000", 9_000_000, NONE, Exact);
        check("£1.2bn", 1_200_000_000, GBP, Exact);
        check("¥100 billion", 100 * B, Some(Currency::JPY), Exact);
        check("8 billion dollars", 8 * B, USD, Exact);
        check("$38,000,000,000", 38 * B, USD, Exact);
        check("38.000.000.000 $", 38 * B, USD, Exact);
        check("$1.23456789B", 1_234_567_890, USD, Exact);
        check("exactly $5m", 5_000_000, USD, Exact);
        check("$9.5k", 9_500, USD, Exact);
        check("CHF 2.5 billion", 2_500_000_000, Some(Currency::CHF), Exact);
        check(
            "2.5 billion Swiss francs",
            2_500_000_000,
            Some(Currency::CHF),
            Exact,
        );
        check("10 billion yuan", 10 * B, Some(Currency::CNY), Exact);
        check("3 billion pounds sterling", 3 * B, GBP, Exact);
        check("5 billion US dollars", 5 * B, USD, Exact);
        check("$38 billion dollars", 38 * B, USD, Exact);
        check("1,234.5 million", 1_234_500_000, NONE, Exact);
        check("0", 0, NONE, Exact);
        check("$1,000", 1_000, USD, Exact);
        check("$1.001 billion", 1_001_000_000, USD, Exact);
    }

    #[test]
    fn italian_figures() {
        check("38 miliardi di dollari", 38 * B, USD, Exact);
        check("oltre 13 miliardi", 13 * B, NONE, AtLeast);
        check("1,4 miliardi", 1_400_000_000, NONE, Exact);
        check("2,5 miliardi di euro", 2_500_000_000, EUR, Exact);
        check("250 miliardi di dollari", 250 * B, USD, Exact);
        check("circa 1,4 miliardi di dollari", 1_400_000_000, USD, Approx);
        check("più di 360 miliardi di dollari", 360 * B, USD, AtLeast);
        check("almeno 5 miliardi", 5 * B, NONE, AtLeast);
        check("fino a 100 miliardi di dollari", 100 * B, USD, UpTo);
        check("fino ad 80 miliardi", 80 * B, NONE, UpTo);
        check("1.400 miliardi di dollari", 1_400 * B, USD, Exact);
        check("mille miliardi", 1_000 * B, NONE, Exact);
        check("1.000 miliardi", 1_000 * B, NONE, Exact);
        check("2 mila miliardi", 2_000 * B, NONE, Exact);
        check("38 mld di dollari", 38 * B, USD, Exact);
        check("38 mld. di dollari", 38 * B, USD, Exact);
        check("500 milioni di euro", 500_000_000, EUR, Exact);
        check("2.5 miliardi", 2_500_000_000, NONE, Exact);
        check("13 miliardi di dollari", 13 * B, USD, Exact);
        check("11 miliardi di dollari", 11 * B, USD, Exact);
        check("100 mila euro", 100_000, EUR, Exact);
        check("5 milioni di sterline", 5_000_000, GBP, Exact);
        check("3 bilioni di yen", 3_000 * B, Some(Currency::JPY), Exact);
        check(
            "2 miliardi di franchi svizzeri",
            2 * B,
            Some(Currency::CHF),
            Exact,
        );
        check("€2,5 miliardi", 2_500_000_000, EUR, Exact);
        check("1.234,5 milioni", 1_234_500_000, NONE, Exact);
        check("1,234 miliardi", 1_234_000_000, NONE, Exact);
    }

    #[test]
    fn qualifier_words_and_symbols() {
        for text in [
            "about $300 billion",
            "around $300B",
            "approximately $300B",
            "approx. $300B",
            "roughly $300B",
            "nearly $300B",
            "almost $300B",
            "some $300B",
            "circa $300B",
            "ca. $300B",
            "quasi 300 miliardi di dollari",
            "intorno a 300 miliardi di dollari",
            "intorno ai 300 miliardi di dollari",
            "~$300B",
            "≈ $300B",
        ] {
            check(text, 300 * B, USD, Approx);
        }
        for text in [
            "over $13B",
            "more than $13B",
            "at least $13B",
            "above $13B",
            "in excess of $13B",
            "oltre 13 miliardi di dollari",
            "più di 13 miliardi di dollari",
            "almeno 13 miliardi di dollari",
            "≥ $13B",
            ">= $13B",
            "> $13B",
        ] {
            check(text, 13 * B, USD, AtLeast);
        }
        for text in [
            "up to $100 billion",
            "as much as $100B",
            "no more than $100B",
            "fino a 100 miliardi di dollari",
            "≤ $100B",
            "<= $100B",
            "< $100B",
        ] {
            check(text, 100 * B, USD, UpTo);
        }
        check("more than 360 billion dollars", 360 * B, USD, AtLeast);
        check(">= 13B", 13 * B, NONE, AtLeast);
    }

    #[test]
    fn case_and_whitespace_are_tolerated() {
        check("  $38   BILLION ", 38 * B, USD, Exact);
        check("38\u{a0}miliardi\u{202f}di dollari", 38 * B, USD, Exact);
        check("usd 38bn", 38 * B, USD, Exact);
        check("OLTRE 13 Miliardi Di Dollari", 13 * B, USD, AtLeast);
        check("piu\u{300} di 360 miliardi", 360 * B, NONE, AtLeast);
    }

    #[test]
    fn seed_article_figures() {
        check("38 miliardi di dollari", 38 * B, USD, Exact);
        check("13 miliardi di dollari", 13 * B, USD, Exact);
        check("oltre 13 miliardi di dollari", 13 * B, USD, AtLeast);
        check("circa 1,4 miliardi di dollari", 1_400_000_000, USD, Approx);
        check("250 miliardi di dollari", 250 * B, USD, Exact);
        check("più di 360 miliardi di dollari", 360 * B, USD, AtLeast);
        check("11 miliardi di dollari", 11 * B, USD, Exact);
        check("38 Miliardi", 38 * B, NONE, Exact);
        check("38 miliardi", 38 * B, NONE, Exact);
        assert!(error("miliardi di dollari").contains("no number"));
    }

    #[test]
    fn errors_name_the_problem() {
        assert!(error("").contains("empty"));
        assert!(error("   ").contains("empty"));
        assert!(error("-5B").contains("negative amounts are not allowed"));
        assert!(error("−5B").contains("negative amounts are not allowed"));
        assert!(error("$-5B").contains("negative"));
        let unknown = error("38B XYZ");
        assert!(unknown.contains("unknown currency 'XYZ'"), "{unknown}");
        assert!(unknown.contains("'38B XYZ'"), "{unknown}");
        assert!(error("XYZ 38B").contains("unknown currency 'XYZ'"));
        assert!(error("$38B EUR").contains("two currencies ('USD' and 'EUR')"));
        assert!(error("€38 billion dollars").contains("two currencies"));
        assert!(error("lots").contains("'lots'"));
        assert_eq!(
            error("38 bananas"),
            "unrecognised word 'bananas' in '38 bananas'"
        );
        assert_eq!(error("miliardi"), "no number in 'miliardi'");
        assert_eq!(error("billions"), "no number in 'billions'");
        assert!(error("USD").contains("no number in 'USD'"));
        let large = error("99999999999 trillion");
        assert!(
            large.contains("'99999999999 trillion' is too large"),
            "{large}"
        );
        assert!(error("9223372036854775808").contains("too large"));
        assert!(error("$38.5").contains("38.5 is not a whole amount"));
        assert!(error("1.2345678901 billion").contains("1.2345678901 billion is not a whole"));
        assert!(error("1.2.3").contains("'1.2.3' has more than one decimal separator"));
        assert!(error("1,234.5.6").contains("more than one decimal separator"));
        assert!(error("12,34,567").contains("'12,34,567'"));
        assert!(error("1234.567 miliardi").contains("inconsistent digit grouping"));
        assert!(error("38 40 billion").contains("more than one number ('40')"));
        assert!(error("38 billion%").contains("unrecognised character '%'"));
        assert!(error("38-40 billion").contains("'-'"));
        assert!(error("38 USD billion").contains("'billion' must come right after"));
        assert!(error("38 billion million").contains("'million' cannot follow 'billion'"));
        assert!(error("about over 38B").contains("two qualifiers"));
        assert!(error("38 billion of").contains("unrecognised word 'of'"));
        assert!(error("$1.000").contains("'1.000' is ambiguous"));
        assert!(error("$1.000 billion").contains("'1.000' is ambiguous"));
        assert!(error("1,000 miliardi").contains("'1,000' is ambiguous"));
    }

    #[test]
    fn money_parse_uses_default_currency() {
        assert_eq!(
            Money::parse("38B", Some(Currency::EUR)).unwrap(),
            money(38 * B, Currency::EUR, Exact)
        );
        assert_eq!(
            Money::parse("£2bn", Some(Currency::EUR)).unwrap(),
            money(2 * B, Currency::GBP, Exact)
        );
        let missing = Money::parse("38B", None).unwrap_err().0;
        assert!(
            missing.contains("no currency") && missing.contains("'38B'"),
            "{missing}"
        );
        assert_eq!(
            "oltre 13 miliardi".parse::<Money>().unwrap(),
            money(13 * B, Currency::USD, AtLeast)
        );
        assert!(
            Money::new(-5, Currency::USD, Exact)
                .unwrap_err()
                .0
                .contains("negative")
        );
    }

    #[test]
    fn compact_display() {
        let cases = [
            (money(38 * B, Currency::USD, Exact), "$38.0B"),
            (money(2_500_000_000, Currency::EUR, Exact), "€2.5B"),
            (money(13 * B, Currency::USD, AtLeast), "≥ $13.0B"),
            (money(100 * B, Currency::USD, UpTo), "≤ $100B"),
            (money(300 * B, Currency::USD, Approx), "~$300B"),
            (money(1_400 * B, Currency::USD, Exact), "$1.4T"),
            (money(1_250_000_000, Currency::USD, Exact), "$1.25B"),
            (money(1_234_000_000, Currency::USD, Exact), "$1.234B"),
            (money(2_500_000_000, Currency::CHF, Exact), "CHF 2.5B"),
            (money(9_000_000, Currency::USD, Exact), "$9.0M"),
            (money(9_500, Currency::USD, Exact), "$9.5K"),
            (money(500, Currency::USD, Exact), "$500"),
            (money(0, Currency::USD, Exact), "$0"),
            (money(160_000_000, Currency::USD, Exact), "$160M"),
            (money(101_500_000_000, Currency::USD, Exact), "$101.5B"),
            (money(100 * B, Currency::JPY, Exact), "¥100B"),
            (money(B, "AED".parse().unwrap(), Exact), "AED 1.0B"),
            (money(5_000_000, Currency::GBP, Exact), "£5.0M"),
        ];
        for (value, expected) in cases {
            assert_eq!(value.compact(), expected);
            assert_eq!(value.to_string(), expected);
        }
    }

    #[test]
    fn compact_rounds_half_up_beyond_three_decimals() {
        assert_eq!(compact_amount(1_234_500_000, Currency::USD), "$1.235B");
        assert_eq!(compact_amount(1_234_499_999, Currency::USD), "$1.234B");
        assert_eq!(compact_amount(1_234_567_890, Currency::USD), "$1.235B");
        assert_eq!(compact_amount(100_000_400_000, Currency::USD), "$100.000B");
        assert_eq!(compact_amount(999_999_600_000, Currency::USD), "$1.000T");
        assert_eq!(compact_amount(999_999, Currency::USD), "$999.999K");
        assert_eq!(compact_amount(999_999_999, Currency::EUR), "€1.000B");
        assert_eq!(compact_amount(i64::MAX, Currency::USD), "$9223372.037T");
    }

    #[test]
    fn currency_round_trips() {
        assert_eq!("usd".parse::<Currency>().unwrap(), Currency::USD);
        assert_eq!(" Eur ".parse::<Currency>().unwrap(), Currency::EUR);
        assert_eq!(Currency::GBP.to_string(), "GBP");
        assert_eq!(Currency::JPY.as_str(), "JPY");
        assert_eq!(Currency::USD.symbol(), Some("$"));
        assert_eq!(Currency::EUR.symbol(), Some("€"));
        assert_eq!(Currency::GBP.symbol(), Some("£"));
        assert_eq!(Currency::JPY.symbol(), Some("¥"));
        assert_eq!(Currency::CHF.symbol(), None);
        assert_eq!(
            "XYZ".parse::<Currency>().unwrap_err().0,
            "unknown currency 'XYZ' (expected an ISO 4217 code such as USD, EUR, GBP, JPY)"
        );
        assert!("US".parse::<Currency>().is_err());
        for code in ISO_4217_CODES {
            let currency: Currency = code.parse().unwrap();
            assert_eq!(currency.to_string(), *code);
        }
    }

    #[test]
    fn iso_list_is_sorted_and_complete_enough() {
        assert!(ISO_4217_CODES.len() >= 150);
        assert!(ISO_4217_CODES.windows(2).all(|pair| pair[0] < pair[1]));
        assert!(
            ISO_4217_CODES
                .iter()
                .all(|code| is_three_letters(code) && code.bytes().all(|b| b.is_ascii_uppercase()))
        );
        for currency in [Currency::USD, Currency::EUR, Currency::GBP, Currency::JPY] {
            assert!(ISO_4217_CODES.contains(&currency.as_str()));
        }
        assert!(ISO_4217_CODES.contains(&Currency::CNY.as_str()));
        assert!(ISO_4217_CODES.contains(&Currency::CHF.as_str()));
    }

    #[test]
    fn qualifier_round_trips() {
        for qualifier in Qualifier::ALL {
            assert_eq!(qualifier.as_str().parse::<Qualifier>().unwrap(), qualifier);
            assert_eq!(qualifier.to_string(), qualifier.as_str());
        }
        assert_eq!(Qualifier::default(), Exact);
        let prefixes: Vec<_> = Qualifier::ALL.iter().map(Qualifier::prefix).collect();
        assert_eq!(prefixes, ["", "~", "≥ ", "≤ "]);
        let names: Vec<_> = Qualifier::ALL.iter().map(Qualifier::as_str).collect();
        assert_eq!(names, ["exact", "approx", "at-least", "up-to"]);
        assert!(
            "roughly"
                .parse::<Qualifier>()
                .unwrap_err()
                .0
                .contains("'roughly'")
        );
    }

    #[test]
    fn sqlite_round_trips() {
        let conn = Connection::open_in_memory().unwrap();
        for code in ["USD", "EUR", "GBP", "JPY", "CHF", "AED"] {
            let currency: Currency = code.parse().unwrap();
            let back: Currency = conn
                .query_row("SELECT ?1", [currency], |row| row.get(0))
                .unwrap();
            assert_eq!(back, currency);
            let text: String = conn
                .query_row("SELECT ?1", [currency], |row| row.get(0))
                .unwrap();
            assert_eq!(text, code);
        }
        for qualifier in Qualifier::ALL {
            let back: Qualifier = conn
                .query_row("SELECT ?1", [qualifier], |row| row.get(0))
                .unwrap();
            assert_eq!(back, qualifier);
        }
        let bad: rusqlite::Result<Currency> = conn.query_row("SELECT 'XYZ'", [], |row| row.get(0));
        assert!(bad.is_err());
        let bad: rusqlite::Result<Qualifier> =
            conn.query_row("SELECT 'maybe'", [], |row| row.get(0));
        assert!(bad.is_err());
        let wrong_type: rusqlite::Result<Currency> =
            conn.query_row("SELECT 5", [], |row| row.get(0));
        assert!(wrong_type.is_err());
    }

    #[test]
    fn serde_deserializes_and_validates() {
        let de: StrDeserializer<DeError> = "eur".into_deserializer();
        assert_eq!(Currency::deserialize(de).unwrap(), Currency::EUR);
        let de: StrDeserializer<DeError> = "XYZ".into_deserializer();
        assert!(Currency::deserialize(de).is_err());
        for qualifier in Qualifier::ALL {
            let de: StrDeserializer<DeError> = qualifier.as_str().into_deserializer();
            assert_eq!(Qualifier::deserialize(de).unwrap(), qualifier);
        }
        let de: StrDeserializer<DeError> = "about".into_deserializer();
        assert!(Qualifier::deserialize(de).is_err());
    }

    #[test]
    fn plain_amounts_round_trip() {
        let mut amount: i64 = 1;
        while amount < i64::MAX / 7 {
            for value in [amount, amount - 1, amount * 3 + 11] {
                let parsed = Money::parse(&format!("{value} USD"), None).unwrap();
                assert_eq!(parsed, money(value, Currency::USD, Exact));
            }
            amount *= 7;
        }
        let max = Money::parse(&format!("{} USD", i64::MAX), None).unwrap();
        assert_eq!(max.amount, i64::MAX);
    }

    #[test]
    fn compact_output_parses_back_when_exact() {
        for amount in [
            500,
            9_500,
            9_000_000,
            160_000_000,
            1_250_000_000,
            38 * B,
            1_400 * B,
        ] {
            let shown = compact_amount(amount, Currency::USD);
            assert_eq!(shown.parse::<Money>().unwrap().amount, amount, "{shown}");
        }
    }
}
