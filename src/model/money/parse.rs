//! Reading a figure from its tokens, exactly: digits are accumulated with
//! checked integer arithmetic and scale words are powers of ten.

use unicode_normalization::UnicodeNormalization;

use super::tokens::{Kind, Token, tokenize};
use super::words::{
    NUMBER_WORDS, RANGE_CONJUNCTIONS, RANGE_LINKS, RANGE_OPENERS, connector_at, currency_at,
    figure_language, is_three_letters, qualifier_at, scale_exponent,
};
use super::{Currency, Figure, Qualifier, currency::unknown_currency};
use crate::model::{Language, ParseError};

/// Parses a figure in `language`, or in the language its words suggest.
pub(super) fn parse_figure(text: &str, language: Option<Language>) -> Result<Figure, ParseError> {
    let normalized: String = text.nfc().collect();
    let tokens = tokenize(&normalized);
    if tokens.is_empty() {
        return Err(ParseError::new("no amount given (the text is empty)"));
    }
    let language = language.unwrap_or_else(|| figure_language(&tokens));
    let parts = Parts::read(&tokens, text, language)?;
    let number = parts
        .number
        .ok_or_else(|| ParseError::new(format!("no number in '{text}'")))?;
    // Lakh-crore grouping ("1,00,00,000") only where the figure is Indian:
    // rupees, or a lakh or crore; elsewhere it is a typo of "1,000,000".
    let indian = parts.currency == Some(Currency::INR)
        || number.scales.iter().any(|&(_, e)| matches!(e, 5 | 7));
    let amount = number_amount(&number, language.decimal_comma(), indian, text)?;
    Ok(Figure {
        amount,
        currency: parts.currency,
        qualifier: parts.qualifier.unwrap_or_default(),
    })
}

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
    /// As written: "1 400".
    text: String,
    /// Without group spaces and apostrophes: "1400".
    digits: String,
    scales: Vec<(String, u32)>,
}

/// The pieces of a figure found in the tokens.
#[derive(Default)]
struct Parts {
    qualifier: Option<Qualifier>,
    currency: Option<Currency>,
    number: Option<WrittenNumber>,
}

impl Parts {
    /// Walks the tokens, filling each slot at most once.
    fn read(tokens: &[Token], input: &str, language: Language) -> Result<Parts, ParseError> {
        let error = |message: String| ParseError::new(format!("{message} in '{input}'"));
        if is_range(tokens) {
            return Err(ParseError::new(format!(
                "'{input}' is a range, not one value; give one end, e.g. 'at least' the low \
                 one or 'up to' the high one"
            )));
        }
        let mut parts = Parts::default();
        let mut previous = Previous::Nothing;
        let mut i = 0;
        while let Some(token) = tokens.get(i) {
            let rest = &tokens[i..];
            let before_number = parts.number.is_none();
            if let Some((qualifier, len)) = qualifier_at(rest).filter(|_| before_number) {
                if parts.qualifier.is_some_and(|q| q != qualifier) {
                    return Err(error("two qualifiers".to_string()));
                }
                parts.qualifier = Some(qualifier);
                (i, previous) = (i + len, Previous::Other);
            } else if matches!(token.key.as_str(), "-" | "−") && before_number {
                return Err(error("negative amounts are not allowed".to_string()));
            } else if let Some((currency, len)) = currency_at(rest) {
                if let Some(first) = parts.currency.filter(|&c| c != currency) {
                    return Err(error(format!(
                        "two currencies ('{first}' and '{currency}')"
                    )));
                }
                parts.currency = Some(currency);
                (i, previous) = (i + len, Previous::Other);
            } else if token.kind == Kind::Number
                || (NUMBER_WORDS.contains(&token.key.as_str()) && before_number)
            {
                if !before_number {
                    return Err(error(format!("more than one number ('{}')", token.text)));
                }
                let digits = if token.kind == Kind::Number {
                    token.digits()
                } else {
                    "1000".to_string()
                };
                parts.number = Some(WrittenNumber {
                    text: token.text.clone(),
                    digits,
                    scales: Vec::new(),
                });
                (i, previous) = (i + 1, Previous::Number);
            } else if let Some(exponent) = scale_exponent(&token.key, language) {
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
            } else if let Some(len) = connector_at(rest)
                .filter(|&len| !before_number && currency_at(&rest[len..]).is_some())
            {
                (i, previous) = (i + len, Previous::Other);
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

/// True when the tokens hold two numbers with a range word or dash between
/// them ("$10bn–$15bn", "10 to 15 billion"), or a conjunction after an opener
/// ("between 10 and 15 billion", "tra 10 e 15 miliardi").
fn is_range(tokens: &[Token]) -> bool {
    let mut numbers = tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| t.kind == Kind::Number)
        .map(|(i, _)| i);
    let (Some(low), Some(high)) = (numbers.next(), numbers.next()) else {
        return false;
    };
    let opened = low
        .checked_sub(1)
        .is_some_and(|o| RANGE_OPENERS.contains(&tokens[o].key.as_str()))
        || tokens
            .first()
            .is_some_and(|t| RANGE_OPENERS.contains(&t.key.as_str()));
    tokens[low + 1..high].iter().any(|t| {
        RANGE_LINKS.contains(&t.key.as_str())
            || (opened && RANGE_CONJUNCTIONS.contains(&t.key.as_str()))
    })
}

/// Adds a scale word after a number. Two are allowed only as "thousand" or
/// "lakh" followed by a larger one ("mille miliardi", "1 lakh crore").
fn push_scale(number: &mut WrittenNumber, word: &str, exponent: u32) -> Result<(), String> {
    if let Some((previous, previous_exponent)) = number.scales.last()
        && (number.scales.len() > 1
            || !matches!(*previous_exponent, 3 | 5)
            || exponent <= *previous_exponent)
    {
        return Err(format!("'{word}' cannot follow '{previous}'"));
    }
    number.scales.push((word.to_string(), exponent));
    Ok(())
}

/// Turns the written number and its scale into whole units, exactly.
fn number_amount(
    number: &WrittenNumber,
    decimal_comma: bool,
    indian: bool,
    input: &str,
) -> Result<i64, ParseError> {
    let exponent: u32 = number.scales.iter().map(|&(_, e)| e).sum();
    let (integer, fraction) = split_decimal(&number.digits, decimal_comma, indian)
        .map_err(|message| ParseError::new(format!("{message} in '{input}'")))?;
    let fraction = fraction.trim_end_matches('0');
    let places = u32::try_from(fraction.len()).unwrap_or(u32::MAX);
    if places > exponent {
        let mut written = number.text.clone();
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

/// True for digits grouped the Indian way, in lakhs and crores: one or two
/// digits, then groups of two, then a last group of three ("1,00,000" is a
/// lakh, "1,00,00,000" a crore, "12,34,567").
fn indian_grouping(written: &str) -> bool {
    let groups: Vec<&str> = written.split(',').collect();
    let [first, middle @ .., last] = groups.as_slice() else {
        return false;
    };
    let digits = |g: &str| g.bytes().all(|b| b.is_ascii_digit());
    !middle.is_empty()
        && (1..=2).contains(&first.len())
        && middle.iter().all(|g| g.len() == 2 && digits(g))
        && last.len() == 3
        && digits(first)
        && digits(last)
}

/// Splits "1.234,5" into integer digits "1234" and fraction digits "5",
/// deciding which separator is the decimal one and checking the grouping.
fn split_decimal(
    written: &str,
    decimal_comma: bool,
    indian: bool,
) -> Result<(String, String), String> {
    let last_separator = written.rfind(['.', ',']);
    let Some(last) = last_separator else {
        return Ok((written.to_string(), String::new()));
    };
    let last_char = char::from(written.as_bytes()[last]);
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
        // Repeated separator: grouping only, so every group must be three
        // digits, or grouped the Indian way ("1,00,00,000").
        if written
            .split(last_char)
            .skip(1)
            .any(|group| group.len() != 3)
            && !(indian && last_char == ',' && indian_grouping(written))
        {
            return Err(format!("'{written}' has more than one decimal separator"));
        }
        None
    } else if after_last.len() != 3 {
        Some(last_char)
    } else {
        // One separator before exactly three digits: the language decides,
        // but "1.000" read as a decimal would be a strange way to write 1.
        let decimal_char = if decimal_comma { ',' } else { '.' };
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
    let indian = indian && group_char == ',' && indian_grouping(integer_part);
    if has_groups && !indian && (!first_ok || groups.any(|group| group.len() != 3)) {
        return Err(format!("'{written}' has inconsistent digit grouping"));
    }
    Ok((integer_part.replace(group_char, ""), fraction.to_string()))
}
