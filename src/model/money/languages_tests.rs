//! Figures in each of the five languages, read with `Figure::parse_in` and,
//! where the words tell the language, with `Figure::parse`.

use super::*;
use crate::model::Language::{English, French, German, Italian, Spanish};

const K: i64 = 1_000;
const M: i64 = 1_000_000;
const B: i64 = 1_000_000_000;
const T: i64 = 1_000_000_000_000;
const USD: Option<Currency> = Some(Currency::USD);
const EUR: Option<Currency> = Some(Currency::EUR);
const GBP: Option<Currency> = Some(Currency::GBP);
const JPY: Option<Currency> = Some(Currency::JPY);
const CHF: Option<Currency> = Some(Currency::CHF);
const NONE: Option<Currency> = None;
use Qualifier::{Approx, AtLeast, Exact, UpTo};

fn check_in(
    language: Language,
    text: &str,
    amount: i64,
    currency: Option<Currency>,
    qualifier: Qualifier,
) {
    let figure =
        Figure::parse_in(text, language).unwrap_or_else(|e| panic!("{language} {text:?}: {e}"));
    let expected = Figure {
        amount,
        currency,
        qualifier,
    };
    assert_eq!(figure, expected, "parsing {text:?} in {language}");
}

/// Checks `parse_in` and that `parse` guesses the same reading.
fn check(
    language: Language,
    text: &str,
    amount: i64,
    currency: Option<Currency>,
    qualifier: Qualifier,
) {
    check_in(language, text, amount, currency, qualifier);
    let guessed = Figure::parse(text).unwrap_or_else(|e| panic!("guessing {text:?}: {e}"));
    assert_eq!(guessed.amount, amount, "guessing the language of {text:?}");
}

#[test]
fn english() {
    check(English, "$38 billion", 38 * B, USD, Exact);
    check(English, "up to $4 billion", 4 * B, USD, UpTo);
    check(
        English,
        "more than 360 billion dollars",
        360 * B,
        USD,
        AtLeast,
    );
    check(English, "$1.4 trillion", 1_400 * B, USD, Exact);
    check(English, "£1,200 million", 1_200 * M, GBP, Exact);
    check(English, "about 2.5 bn euros", 2_500 * M, EUR, Approx);
    check_in(English, "$1\u{a0}400", 1_400, USD, Exact);
    check_in(English, "$1\u{202f}400 billion", 1_400 * B, USD, Exact);
    check_in(English, "CHF 1'400 million", 1_400 * M, CHF, Exact);
}

#[test]
fn italian() {
    check(Italian, "38 miliardi di dollari", 38 * B, USD, Exact);
    check(
        Italian,
        "oltre 13 miliardi di dollari",
        13 * B,
        USD,
        AtLeast,
    );
    check(
        Italian,
        "circa 1,4 miliardi di dollari",
        1_400 * M,
        USD,
        Approx,
    );
    check(
        Italian,
        "più di 360 miliardi di dollari",
        360 * B,
        USD,
        AtLeast,
    );
    check(Italian, "fino a 100 miliardi di euro", 100 * B, EUR, UpTo);
    check(Italian, "mille miliardi di dollari", T, USD, Exact);
    check(Italian, "1.400 miliardi di dollari", 1_400 * B, USD, Exact);
    check(
        Italian,
        "oltre i 13 miliardi di dollari",
        13 * B,
        USD,
        AtLeast,
    );
    check_in(Italian, "2 billion di dollari", 2 * B, USD, Exact);
    check_in(Italian, "1.500 €", 1_500, EUR, Exact);
}

#[test]
fn french() {
    check(
        French,
        "jusqu'à 100 milliards de dollars",
        100 * B,
        USD,
        UpTo,
    );
    check(
        French,
        "jusqu’à 100 milliards de dollars",
        100 * B,
        USD,
        UpTo,
    );
    check(French, "1 400 milliards de dollars", 1_400 * B, USD, Exact);
    check(French, "1\u{202f}400 milliards", 1_400 * B, NONE, Exact);
    check(
        French,
        "1\u{a0}400\u{a0}milliards d'euros",
        1_400 * B,
        EUR,
        Exact,
    );
    check(
        French,
        "plus de 2,5 milliards d’euros",
        2_500 * M,
        EUR,
        AtLeast,
    );
    check(
        French,
        "environ 300 millions de livres sterling",
        300 * M,
        GBP,
        Approx,
    );
    check(French, "au moins 5 Mds €", 5 * B, EUR, AtLeast);
    check(French, "2 billions de dollars", 2 * T, USD, Exact);
    check(French, "15 000 francs suisses", 15 * K, CHF, Exact);
    check_in(French, "1,5 milliard de dollars", 1_500 * M, USD, Exact);
    check_in(French, "1.500 euros", 1_500, EUR, Exact);
}

#[test]
fn german() {
    check(German, "1,5 Mrd. Euro", 1_500 * M, EUR, Exact);
    check(German, "rund 10 Milliarden Dollar", 10 * B, USD, Approx);
    check(German, "etwa 300 Mio. €", 300 * M, EUR, Approx);
    check(
        German,
        "mehr als 2 Milliarden US-Dollar",
        2 * B,
        USD,
        AtLeast,
    );
    check(German, "bis zu 100 Milliarden Euro", 100 * B, EUR, UpTo);
    check(German, "3 Billionen Yen", 3 * T, JPY, Exact);
    check(German, "1.500 Millionen Pfund", 1_500 * M, GBP, Exact);
    check(German, "über 5 Mrd. Schweizer Franken", 5 * B, CHF, AtLeast);
    check(German, "20 Tausend Euro", 20 * K, EUR, Exact);
    check_in(German, "2 Billion Euro", 2 * T, EUR, Exact);
    check_in(German, "1 Bio. Dollar", T, USD, Exact);
}

#[test]
fn spanish() {
    check(Spanish, "2 billones de dólares", 2 * T, USD, Exact);
    check(Spanish, "10.000 millones de dólares", 10 * B, USD, Exact);
    check(Spanish, "2 mil millones de euros", 2 * B, EUR, Exact);
    check(Spanish, "mil millones de dólares", B, USD, Exact);
    check(
        Spanish,
        "más de 1,5 millones de libras",
        1_500 * K,
        GBP,
        AtLeast,
    );
    check(
        Spanish,
        "alrededor de 300 millones de euros",
        300 * M,
        EUR,
        Approx,
    );
    check(Spanish, "unos 40 millones de dólares", 40 * M, USD, Approx);
    check(Spanish, "hasta 100 millones de dólares", 100 * M, USD, UpTo);
    check(Spanish, "1 billón de yenes", T, JPY, Exact);
    check_in(Spanish, "5 mil dólares", 5 * K, USD, Exact);
}

#[test]
fn the_language_decides_what_billion_means() {
    let billion = |language| Figure::parse_in("2 billion", language).unwrap().amount;
    assert_eq!(billion(English), 2 * B);
    assert_eq!(billion(Italian), 2 * B);
    assert_eq!(billion(French), 2 * T);
    assert_eq!(billion(German), 2 * T);
    assert_eq!(billion(Spanish), 2 * T);
    let trillion = |language| Figure::parse_in("1 trillion", language).unwrap().amount;
    assert_eq!(trillion(English), T);
    assert_eq!(trillion(French), T * 1_000_000);
    assert_eq!(Figure::parse("2 billion").unwrap().amount, 2 * B);
    assert_eq!(Figure::parse("2 Billionen Euro").unwrap().amount, 2 * T);
}

#[test]
fn the_language_decides_the_decimal_separator() {
    let amount = |text, language| Figure::parse_in(text, language).unwrap().amount;
    assert_eq!(amount("$1,500", English), 1_500);
    assert_eq!(amount("1,500 billion", English), 1_500 * B);
    assert_eq!(amount("1,500 billion", Italian), 1_500 * M);
    assert_eq!(amount("1,500 milliards", French), 1_500 * M);
    assert_eq!(amount("1.500 Milliarden", German), 1_500 * B);
    assert_eq!(amount("1.500 millones", Spanish), 1_500 * M);
    assert_eq!(amount("1.5 millones", Spanish), 1_500 * K);
    // A space groups thousands in every language.
    assert_eq!(amount("1 400 Milliarden", German), 1_400 * B);
    assert_eq!(amount("3 000 millones de dólares", Spanish), 3 * B);
    assert_eq!(amount("5 000 Mio. Euro", German), 5 * B);
}

#[test]
fn errors_in_other_languages_name_the_problem() {
    let error = |text, language| Figure::parse_in(text, language).unwrap_err().0;
    assert!(error("1,000 Milliarden", German).contains("ambiguous"));
    assert!(error("100 milliards de pommes", French).contains("unrecognised word 'de'"));
    assert!(error("mehr als etwa 5 Mrd", German).contains("two qualifiers"));
    assert!(error("5 Mrd. Euro Dollar", German).contains("two currencies"));
    assert!(error("5 Billionen Billionen", German).contains("cannot follow"));
}
