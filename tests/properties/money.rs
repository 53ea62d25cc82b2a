//! Money: any text parses or fails cleanly; figures written the way English and
//! Italian news write them parse back to the amount they state.

use proptest::prelude::*;

use super::{cases, text_of};
use deals::model::{Currency, Figure, Qualifier};

const PIECES: &[&str] = &[
    "0",
    "1",
    "38",
    "999",
    "1000",
    ".",
    ",",
    ".000",
    ",5",
    "-",
    "−",
    "$",
    "€",
    "£",
    "¥",
    "us",
    "US$",
    "USD",
    "EUR",
    "XYZ",
    "B",
    "bn",
    "k",
    "M",
    "T",
    "billion",
    "trillion",
    "miliardi",
    "mila",
    "mille",
    "mld.",
    "di",
    "of",
    "dollari",
    "euro",
    "over",
    "up to",
    "circa",
    "ca.",
    "più",
    "piu\u{300}",
    "fino a",
    ">=",
    "<",
    "~",
    "≈",
    "%",
    "e9",
];

/// A figure as an English or Italian article would write it, with what it states.
#[derive(Debug, Clone)]
struct Written {
    text: String,
    amount: i64,
    currency: Option<Currency>,
    qualifier: Qualifier,
}

/// Scale words with their powers of ten.
const EN_SCALES: &[(&str, u32)] = &[
    ("", 0),
    (" thousand", 3),
    ("k", 3),
    (" million", 6),
    ("M", 6),
    (" mn", 6),
    (" billion", 9),
    ("B", 9),
    ("bn", 9),
    (" trillion", 12),
    ("T", 12),
];
const IT_SCALES: &[(&str, u32)] = &[
    ("", 0),
    (" mila", 3),
    (" milioni", 6),
    (" milione", 6),
    (" miliardi", 9),
    (" mld", 9),
    (" mila miliardi", 12),
    (" bilioni", 12),
];
const EN_QUALIFIERS: &[(&str, Qualifier)] = &[
    ("", Qualifier::Exact),
    ("about ", Qualifier::Approx),
    ("~", Qualifier::Approx),
    ("over ", Qualifier::AtLeast),
    ("at least ", Qualifier::AtLeast),
    ("up to ", Qualifier::UpTo),
];
const IT_QUALIFIERS: &[(&str, Qualifier)] = &[
    ("", Qualifier::Exact),
    ("circa ", Qualifier::Approx),
    ("oltre ", Qualifier::AtLeast),
    ("più di ", Qualifier::AtLeast),
    ("fino a ", Qualifier::UpTo),
];
/// (before, after, currency) for English text.
const EN_CURRENCIES: &[(&str, &str, Option<Currency>)] = &[
    ("", "", None),
    ("$", "", Some(Currency::USD)),
    ("€", "", Some(Currency::EUR)),
    ("£", "", Some(Currency::GBP)),
    ("USD ", "", Some(Currency::USD)),
    ("", " USD", Some(Currency::USD)),
    ("", " dollars", Some(Currency::USD)),
    ("", " yen", Some(Currency::JPY)),
];
/// Italian text names the currency after the figure; each of these holds a word
/// that marks the text as Italian.
const IT_CURRENCIES: &[(&str, Option<Currency>)] = &[
    (" di dollari", Some(Currency::USD)),
    (" dollari", Some(Currency::USD)),
    (" di euro", Some(Currency::EUR)),
    (" di sterline", Some(Currency::GBP)),
];

/// Digits of `whole` grouped by threes with `separator`.
fn grouped(whole: u64, separator: char) -> String {
    let digits = whole.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

fn written() -> impl Strategy<Value = Written> {
    (
        any::<bool>(),
        0u64..1_000_000,
        any::<bool>(),
        0usize..16,
        0usize..16,
        0usize..16,
        0u32..1000,
        0usize..4,
    )
        .prop_map(
            |(italian, whole, group, scale, qualifier, currency, fraction, places)| {
                let (scales, (group_char, decimal_char)) = if italian {
                    (IT_SCALES, ('.', ','))
                } else {
                    (EN_SCALES, (',', '.'))
                };
                let (scale_word, exponent) = scales[scale % scales.len()];
                // Decimals only as far as the scale keeps the amount whole, and
                // never ending in 0 ("1.000" alone is ambiguous on purpose).
                let places = (places as u32).min(exponent).min(3);
                let fraction = fraction % 10u32.pow(places);
                let (places, fraction) = if places > 0 && fraction % 10 != 0 {
                    (places, fraction)
                } else {
                    (0, 0)
                };
                let mut number = if group {
                    grouped(whole, group_char)
                } else {
                    whole.to_string()
                };
                if places > 0 {
                    number.push(decimal_char);
                    number.push_str(&format!("{fraction:0width$}", width = places as usize));
                }
                let mantissa = whole * 10u64.pow(places) + u64::from(fraction);
                let amount = mantissa * 10u64.pow(exponent - places);
                let (text, qualifier, currency) = if italian {
                    let (before, qualifier) = IT_QUALIFIERS[qualifier % IT_QUALIFIERS.len()];
                    let (after, currency) = IT_CURRENCIES[currency % IT_CURRENCIES.len()];
                    (
                        format!("{before}{number}{scale_word}{after}"),
                        qualifier,
                        currency,
                    )
                } else {
                    let (before, qualifier) = EN_QUALIFIERS[qualifier % EN_QUALIFIERS.len()];
                    let (symbol, after, currency) = EN_CURRENCIES[currency % EN_CURRENCIES.len()];
                    (
                        format!("{before}{symbol}{number}{scale_word}{after}"),
                        qualifier,
                        currency,
                    )
                };
                Written {
                    text,
                    amount: i64::try_from(amount).unwrap_or(i64::MAX),
                    currency,
                    qualifier,
                }
            },
        )
}

proptest! {
    #![proptest_config(cases(256))]

    #[test]
    fn any_text_parses_or_fails_cleanly(text in any::<String>()) {
        let _ = Figure::parse(&text);
    }

    #[test]
    fn money_like_text_parses_or_fails_cleanly(text in text_of(PIECES)) {
        if let Ok(figure) = Figure::parse(&text) {
            prop_assert!(figure.amount >= 0, "{text:?} gave {figure:?}");
        }
    }

    #[test]
    fn written_figures_parse_to_their_amount(w in written()) {
        let figure = Figure::parse(&w.text)
            .map_err(|e| TestCaseError::fail(format!("{:?}: {e}", w.text)))?;
        prop_assert_eq!(figure.amount, w.amount, "{:?}", w.text);
        prop_assert_eq!(figure.currency, w.currency, "{:?}", w.text);
        prop_assert_eq!(figure.qualifier, w.qualifier, "{:?}", w.text);
    }

    #[test]
    fn every_whole_amount_parses_back(amount in 0i64..=i64::MAX, group in any::<bool>()) {
        let plain = Figure::parse(&format!("{amount} USD")).unwrap();
        prop_assert_eq!(plain.amount, amount);
        if group {
            let english = grouped(amount.unsigned_abs(), ',');
            prop_assert_eq!(Figure::parse(&english).unwrap().amount, amount, "{}", english);
            let italian = format!("{} dollari", grouped(amount.unsigned_abs(), '.'));
            prop_assert_eq!(Figure::parse(&italian).unwrap().amount, amount, "{}", italian);
        }
    }
}
