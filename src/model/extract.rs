//! Finding money figures in running text, for `deals article extract`: every
//! figure with its sentence and the known companies that sentence names. Pure:
//! the caller supplies the text, the language and the company aliases.
//!
//! # What counts as a money figure
//!
//! A number written with digits (or "mille"/"mil" before a larger scale word:
//! "mille miliardi", "mil millones") is a figure when
//!
//! 1. a currency is attached: a symbol or ISO code right before it ("$38",
//!    "US$ 38", "EUR 2,5"), or a currency word, symbol or code right after it
//!    and its scale words, directly or through "di", "of", "in", "de" or "d'"
//!    ("38 miliardi di dollari", "100 milliards de dollars", "1,5 Mrd. Euro",
//!    "15 000 €"); ISO codes count in running text only when written in
//!    capitals and not also a common word ("ALL", "TOP"); or
//! 2. a scale word of a million or more follows it ("38 Miliardi",
//!    "1,4 miliardi", "2 billions") AND its sentence is about money: it names a
//!    currency anywhere, or a money word ("accordo", "deal", "worth",
//!    "valore", "investimento", "Vertrag", "acuerdo", ...). Its currency is
//!    then unknown (null). A scaled number that counts something else is not
//!    a figure: one followed by a word that is neither a common word nor a
//!    money word ("4 million GPUs", "8 billion people"), or by "di"/"of"/"de"
//!    and such a word ("2 milioni di utenti"); "38 Miliardi che ...",
//!    "6.6 billion in ..." and "13 miliardi di investimenti" stay figures.
//!
//! Not figures, therefore: years ("2026"), percentages ("5%"), counts without
//! a money scale ("10 GW", "centinaia di migliaia di GPU"), numbers glued to
//! letters ("GB200", "3nm", "5G"), a one-letter scale after a space ("5 m" is
//! metres; "5m" is a million), the ends of ranges and dates ("10-20",
//! "2025-11-03"), figures spelled in words ("un miliardo") and spans the
//! parser rejects (not whole units, like "$38.50 a share"; ambiguous, like
//! "$1.000").
//!
//! A qualifier right before the figure ("circa", "più di", "oltre", "plus de",
//! "jusqu'à", "bis zu", "más de", "up to", ...) belongs to it. The figure's
//! `text` is the span as written, from the qualifier to the currency, and it
//! is read by `Figure::parse_in` in the text's language: the values are the
//! text's own, never corrected ("circa 1,4 miliardi di dollari" is 1.4e9
//! even where 1.4e12 was meant).
//!
//! Sentences, companies and the language guess are in the submodules.

mod companies;
mod figures;
mod language;
mod sentences;

use std::borrow::Cow;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

pub use companies::CompanyNames;
pub use figures::{Span, figures};
pub use language::{detect_language, guess_language};
pub use sentences::sentences;

use super::{Figure, Language};

/// One money figure found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extracted {
    /// The value as the text states it; for a range, its low end.
    pub figure: Figure,
    /// For a range ("between $10bn and $15bn"), its high end in whole units
    /// of the same currency.
    pub high: Option<i64>,
    /// The figure as written ("circa 1,4 miliardi di dollari").
    pub text: String,
    /// The whole sentence, its line breaks and runs of spaces made one space.
    pub sentence: String,
    /// Canonical names of the known companies the sentence names, in order.
    pub companies: Vec<String>,
}

/// Every money figure of `text`, in order, with its sentence and the
/// companies of `names` that sentence names. The figures are read in
/// `language`; without one, each sentence is read in the language its own
/// frequent words suggest, and a sentence without a clue (or with a tie that
/// includes it) in the language of the whole text: "1,2 milliard d'euros" is
/// French and "$2.5 billion" English in one text.
pub fn extract(text: &str, language: Option<Language>, names: &CompanyNames) -> Vec<Extracted> {
    // Most texts are NFC already, and the quick check costs far less than
    // normalizing them again.
    let text: Cow<'_, str> = match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => Cow::Borrowed(text),
        IsNormalized::No | IsNormalized::Maybe => Cow::Owned(text.nfc().collect()),
    };
    let mut found = Vec::new();
    // Splitting into sentences is the slow part; a text without a digit or a
    // number word has no figure to find.
    if !figures::may_hold_figure(&text) {
        return found;
    }
    // The whole text's language, guessed once, when a sentence needs it.
    let mut whole = None;
    for range in sentences(&text) {
        let sentence = &text[range];
        if !figures::may_hold_figure(sentence) {
            continue;
        }
        let language = match language {
            Some(language) => language,
            None => {
                let whole = *whole.get_or_insert_with(|| detect_language(&text));
                guess_language(sentence, whole)
            }
        };
        let spans = figures(sentence, language);
        if spans.is_empty() {
            continue;
        }
        let companies = names.find(sentence);
        let flat = flatten(sentence);
        for span in spans {
            found.push(Extracted {
                figure: span.figure,
                high: span.high,
                text: flatten(&sentence[span.range]),
                sentence: flat.clone(),
                companies: companies.clone(),
            });
        }
    }
    found
}

/// Text on one line: each run of ASCII white space (line breaks, tabs,
/// spaces) becomes one space; no-break spaces inside numbers are kept.
fn flatten(text: &str) -> String {
    text.trim()
        .split_ascii_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests;
