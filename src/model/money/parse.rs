//! Reading a figure from its tokens, exactly: digits are accumulated with
//! checked integer arithmetic and scale words are powers of ten.

use unicode_normalization::UnicodeNormalization;

use super::tokens::{Kind, Token, tokenize};
use super::words::{
    NUMBER_WORDS, connector_at, currency_at, figure_language, is_three_letters, qualifier_at,
    scale_exponent,
};
use super::{Currency, Figure, Qualifier, currency::unknown_currency};
use crate::model::{Language, ParseError};

/// Parses a figure in `language`, or in the language its words suggest.
pub(super) fn parse_figure(text: &str, language: Option<Language>) -> Result<Figure, ParseError> {
    let normalized: String = text.nfc().collect();
    let mut tokens = tokenize(&normalized, language == Some(Language::French));
    if tokens.is_empty() {
        return Err(ParseError::new("no amount given (the text is empty)"));
    }
    let language = match language {
        Some(language) => language,
        None => {
            let guessed = figure_language(&tokens);
            if guessed == Language::French {
                tokens = tokenize(&normalized, true);
            }
            guessed
        }
    };
    let parts = Parts::read(&tokens, text, language)?;
    let number = parts
        .number
        .ok_or_else(|| ParseError::new(format!("no number in '{text}'")))?;
    let amount = number_amount(&number, language.decimal_comma(), text)?;
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

/// Turns the written number and its scale into whole units, exactly.
fn number_amount(
    number: &WrittenNumber,
    decimal_comma: bool,
    input: &str,
) -> Result<i64, ParseError> {
    let exponent: u32 = number.scales.iter().map(|&(_, e)| e).sum();
    let (integer, fraction) = split_decimal(&number.digits, decimal_comma)
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

/// Splits "1.234,5" into integer digits "1234" and fraction digits "5",
/// deciding which separator is the decimal one and checking the grouping.
fn split_decimal(written: &str, decimal_comma: bool) -> Result<(String, String), String> {
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
    if has_groups && (!first_ok || groups.any(|group| group.len() != 3)) {
        return Err(format!("'{written}' has inconsistent digit grouping"));
    }
    Ok((integer_part.replace(group_char, ""), fraction.to_string()))
}
