//! Unit tests of money parsing and display.

use super::currency::ISO_4217_CODES;
use super::words::is_three_letters;
use super::*;
use rusqlite::Connection;
use strum::VariantArray;

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
    assert!(error("12,345,67").contains("'12,345,67'"));
    assert!(error("1,00,0000").contains("'1,00,0000'"));
    assert!(error("1234.567 miliardi").contains("inconsistent digit grouping"));
    assert!(error("38 40 billion").contains("more than one number ('40')"));
    assert!(error("38 billion%").contains("unrecognised character '%'"));
    assert!(error("38-40 billion").contains("is a range"));
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
    for &qualifier in Qualifier::VARIANTS {
        assert_eq!(qualifier.as_str().parse::<Qualifier>().unwrap(), qualifier);
        assert_eq!(qualifier.to_string(), qualifier.as_str());
    }
    assert_eq!(Qualifier::default(), Exact);
    let prefixes: Vec<_> = Qualifier::VARIANTS.iter().map(Qualifier::prefix).collect();
    assert_eq!(prefixes, ["", "~", "≥ ", "≤ "]);
    let names: Vec<_> = Qualifier::VARIANTS.iter().map(Qualifier::as_str).collect();
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
    for &qualifier in Qualifier::VARIANTS {
        let back: Qualifier = conn
            .query_row("SELECT ?1", [qualifier], |row| row.get(0))
            .unwrap();
        assert_eq!(back, qualifier);
    }
    let bad: rusqlite::Result<Currency> = conn.query_row("SELECT 'XYZ'", [], |row| row.get(0));
    assert!(bad.is_err());
    let bad: rusqlite::Result<Qualifier> = conn.query_row("SELECT 'maybe'", [], |row| row.get(0));
    assert!(bad.is_err());
    let wrong_type: rusqlite::Result<Currency> = conn.query_row("SELECT 5", [], |row| row.get(0));
    assert!(wrong_type.is_err());
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

#[test]
fn a_figure_takes_the_given_currency_when_it_names_none() {
    let figure: Figure = "38B".parse().unwrap();
    assert_eq!(figure.in_currency(None).unwrap().currency, Currency::USD);
    assert_eq!(
        figure.in_currency(Some(Currency::EUR)).unwrap().currency,
        Currency::EUR
    );
    let pounds: Figure = "£3B".parse().unwrap();
    assert_eq!(
        pounds.in_currency(Some(Currency::GBP)).unwrap().amount,
        3 * B
    );
    let err = pounds.in_currency(Some(Currency::EUR)).unwrap_err();
    assert_eq!(err.0, "the figure is in GBP but --currency says EUR");
    assert!("38 bananas".parse::<Figure>().is_err());
}

#[test]
fn indian_figures_in_lakhs_and_crores() {
    const INR: Currency = Currency::INR;
    check("₹5,000 crore", 50_000_000_000, Some(INR), Exact);
    check("INR 1,00,00,000", 10_000_000, Some(INR), Exact);
    check("Rs 12,34,567", 1_234_567, Some(INR), Exact);
    check("Rs. 2.5 lakh", 250_000, Some(INR), Exact);
    check("₹1 lakh crore", 1_000_000_000_000, Some(INR), Exact);
    check("1,00,000 rupees", 100_000, Some(INR), Exact);
    assert!(error("₹2 crore lakh").contains("cannot follow"));
}

#[test]
fn spaces_group_thousands_in_every_language() {
    check("1 000 000 €", 1_000_000, Some(Currency::EUR), Exact);
    check("$1 500", 1_500, Some(Currency::USD), Exact);
    check(
        "2\u{202f}000 million dollars",
        2_000_000_000,
        Some(Currency::USD),
        Exact,
    );
    assert!(error("1 4000 €").contains("more than one number"));
}

#[test]
fn a_range_is_not_one_value() {
    for text in [
        "$10bn–$15bn",
        "between $10bn and $15bn",
        "10 to 15 billion dollars",
        "tra 10 e 15 miliardi di dollari",
        "entre 10 et 15 milliards d'euros",
        "zwischen 10 und 15 Milliarden Euro",
        "de 10 a 15 mil millones de dólares",
        "10-15 miliardi",
    ] {
        let message = error(text);
        assert!(
            message.contains("is a range, not one value"),
            "{text}: {message}"
        );
    }
}

#[test]
fn lakh_crore_grouping_only_in_an_indian_figure() {
    for text in ["€1,00,000", "1,00,000 EUR", "$1,00,000"] {
        assert!(
            error(text).contains("grouping") || error(text).contains("decimal"),
            "{text}: {}",
            error(text)
        );
    }
    // "and" between two figures is no range without "between".
    assert!(!error("$5bn and $3bn").contains("range"));
    assert!(!error("1e9 USD").contains("range"));
}
