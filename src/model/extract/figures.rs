//! Finding the money figures of one sentence: which spans of running text
//! are figures, read with the same tokenizer and vocabulary as `--value`.

use std::ops::Range;

use super::language::is_common_word;
use crate::model::money::tokens::{Kind, Token, tokenize};
use crate::model::money::words::{
    NUMBER_WORDS, RANGE_CONJUNCTIONS, RANGE_LINKS, RANGE_OPENERS, connector_at, currency_in_text,
    qualifier_at, scale_exponent,
};
use crate::model::{Figure, Language};

/// Words that make a sentence about money, so that a bare "38 miliardi" in it
/// is a figure. Matched on whole lower-case words.
#[rustfmt::skip]
const MONEY_WORDS: &[&str] = &[
    "deal", "deals", "worth", "price", "cost", "costs", "money", "sum", "budget", "paid", "pay",
    "pays", "paying", "funding", "fund", "funds", "raise", "raised", "round", "capital",
    "sales", "cash", "loan", "debt", "buy", "bought", "purchase", "offer", "bid", "spending",
    "spend", "spent",
    "accordo", "accordi", "intesa", "prezzo", "costo", "costi", "denaro", "soldi", "cifra",
    "somma", "pagato", "pagare", "paga", "raccolto", "raccolta", "capitale", "vendite",
    "prestito", "debito", "commessa", "acquisto", "acquistare", "offerta", "spesa", "spese",
    "accord", "accords", "prix", "coût", "argent", "montant", "payé", "payer", "ventes",
    "prêt", "dette", "achat", "acheter", "rachat", "racheter", "offre", "dépenses",
    "preis", "kosten", "geld", "betrag", "zahlt", "zahlen", "gezahlt", "kapital", "kredit",
    "schulden", "auftrag", "kauf", "kaufen", "gekauft", "angebot", "ausgaben",
    "acuerdo", "acuerdos", "precio", "coste", "dinero", "importe", "pagar", "pagó",
    "préstamo", "deuda", "compra", "comprar", "oferta", "gasto", "gastos",
];

/// Beginnings of money words in the five languages: "investimento",
/// "investissement", "Investition", "valore", "valuation", "Vertrag", ...
#[rustfmt::skip]
const MONEY_STEMS: &[&str] = &[
    "invest", "inversi", "invert", "valu", "valor", "valeur", "wert", "financ", "finanz",
    "contratt", "contract", "contrat", "vertrag", "acquisi", "adquisi", "übernahm", "revenue",
    "ricav", "fatturat", "umsatz", "ingreso", "capex", "chiffre",
];

fn is_money_word(token: &Token) -> bool {
    let key = token.key.as_str();
    token.kind == Kind::Word
        && (MONEY_WORDS.contains(&key) || MONEY_STEMS.iter().any(|stem| key.starts_with(stem)))
}

/// Whether `text` may hold a figure: only a digit or one of the number words
/// ("mille", "mil", whole words in any case) starts one, and most sentences,
/// and many articles, have neither. A word that merely begins like one
/// ("miliardi", "million") starts nothing.
pub fn may_hold_figure(text: &str) -> bool {
    if text.bytes().any(|b| b.is_ascii_digit()) {
        return true;
    }
    // Each number word begins with "mil"; look at the words around each one.
    let bytes = text.as_bytes();
    let word_at = |start: usize| {
        let letters = |c: char| c.is_alphabetic();
        let before = text[..start].chars().next_back().is_some_and(letters);
        let end = text[start..]
            .find(|c: char| !c.is_alphabetic())
            .map_or(text.len(), |n| start + n);
        (!before).then(|| &text[start..end])
    };
    (0..bytes.len().saturating_sub(2))
        .filter(|&i| bytes[i..i + 3].eq_ignore_ascii_case(b"mil"))
        .filter_map(word_at)
        .any(|word| NUMBER_WORDS.iter().any(|n| word.eq_ignore_ascii_case(n)))
}

/// A figure found in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// Its bytes in the sentence, from any qualifier or range word to the
    /// currency.
    pub range: Range<usize>,
    /// The value read; for a range, its low end.
    pub figure: Figure,
    /// For a range ("between $10bn and $15bn", "10–15 miliardi di dollari"),
    /// its high end, in the same currency and whole units.
    pub high: Option<i64>,
}

/// A figure before ranges are joined: its tokens [first, end) and value.
struct Found {
    first: usize,
    end: usize,
    figure: Figure,
}

/// The figures of `sentence`, with their values read in `language`. See the
/// module documentation of `model::extract` for the rules.
pub fn figures(sentence: &str, language: Language) -> Vec<Span> {
    if !may_hold_figure(sentence) {
        return Vec::new();
    }
    let tokens = tokenize(sentence);
    // Whether the sentence is about money, worked out at most once, when needed.
    let mut about_money = None;
    let mut found = Vec::new();
    let mut from = 0;
    let mut i = 0;
    while i < tokens.len() {
        let span = figure_at(&tokens, from, i, language).filter(|&(_, _, certain)| {
            certain || *about_money.get_or_insert_with(|| is_about_money(&tokens))
        });
        let read = span.and_then(|(first, end, _)| {
            let range = tokens[first].start..tokens[end - 1].end;
            let figure = Figure::parse_in(&sentence[range], language).ok()?;
            Some(Found { first, end, figure })
        });
        match read {
            Some(f) => {
                (from, i) = (f.end, f.end);
                found.push(f);
            }
            None => i += 1,
        }
    }
    join_ranges(sentence, &tokens, found, language)
}

/// The figures of a sentence with ranges made one: a figure, a range link
/// and a figure ("$10bn–$15bn", "between $10bn and $15bn"), or a bare number,
/// a link and a figure ("10 to 15 billion dollars", "10-15 miliardi"), whose
/// bare number takes the figure's scale and currency.
fn join_ranges(
    sentence: &str,
    tokens: &[Token],
    found: Vec<Found>,
    language: Language,
) -> Vec<Span> {
    let mut spans: Vec<Span> = Vec::new();
    // The previous figure, when it may be a low end, and where the figure
    // before it ended.
    let mut previous: Option<(&Found, usize)> = None;
    // Where the previous figure's tokens end.
    let mut previous_end = 0;
    let span = |first: usize, figure: Figure, high: Option<i64>, end: usize| Span {
        range: tokens[first].start..tokens[end - 1].end,
        figure,
        high,
    };
    for high in &found {
        let link = high.first.checked_sub(1).filter(|&l| {
            let key = tokens[l].key.as_str();
            RANGE_LINKS.contains(&key) || RANGE_CONJUNCTIONS.contains(&key)
        });
        let ranges = Ranges {
            tokens,
            high,
            link: link.unwrap_or(0),
        };
        let low_figure = previous.filter(|_| link.is_some() && previous_end == ranges.link);
        let joined = match low_figure {
            Some((low, bound)) => ranges.after_figure(low, bound),
            None if link.is_some() => ranges.after_number(sentence, previous_end, language),
            None => None,
        };
        match joined {
            Some((first, figure)) => {
                if low_figure.is_some() {
                    spans.pop();
                }
                spans.push(span(first, figure, Some(high.figure.amount), high.end));
                previous = None;
            }
            None => {
                spans.push(span(high.first, high.figure, None, high.end));
                previous = Some((high, previous_end));
            }
        }
        previous_end = high.end;
    }
    spans
}

/// A figure that may be the high end of a range, and the link token before it.
struct Ranges<'t> {
    tokens: &'t [Token],
    high: &'t Found,
    /// The range word or dash right before the high end.
    link: usize,
}

impl Ranges<'_> {
    /// The opener right before the low end starting at `low_first` (not before
    /// `bound`), when the link is a word: "between", "da", "von" belong to a
    /// range linked by a word; before a dash they are something else
    /// ("accordo da 10-15 miliardi").
    fn opener(&self, low_first: usize, bound: usize) -> Option<usize> {
        low_first
            .checked_sub(1)
            .filter(|_| self.tokens[self.link].kind == Kind::Word)
            .filter(|&o| o >= bound)
            .filter(|&o| RANGE_OPENERS.contains(&self.tokens[o].key.as_str()))
    }

    /// Whether the range may start at `low_first`: a conjunction ("and", "e")
    /// links the ends only after an opener.
    fn opened(&self, low_first: usize, bound: usize) -> Option<Option<usize>> {
        let opened = self.opener(low_first, bound);
        let conjunction = RANGE_CONJUNCTIONS.contains(&self.tokens[self.link].key.as_str());
        (opened.is_some() || !conjunction).then_some(opened)
    }

    /// The range whose low end is the figure `low` right before the link
    /// (`bound`: where the figure before it ended): its first token and value.
    fn after_figure(&self, low: &Found, bound: usize) -> Option<(usize, Figure)> {
        let (low, high) = (low, &self.high.figure);
        let same = low.figure.currency.is_none()
            || high.currency.is_none()
            || low.figure.currency == high.currency;
        let opened = self.opened(low.first, bound)?;
        (same && low.figure.amount <= high.amount).then(|| {
            let figure = Figure {
                currency: low.figure.currency.or(high.currency),
                ..low.figure
            };
            (opened.unwrap_or(low.first), figure)
        })
    }

    /// The range whose low end is a bare number right before the link, read
    /// with the high end's scale and currency ("10 to 15 billion dollars").
    fn after_number(
        &self,
        sentence: &str,
        bound: usize,
        language: Language,
    ) -> Option<(usize, Figure)> {
        let (tokens, high) = (self.tokens, self.high);
        let bare = self
            .link
            .checked_sub(1)
            .filter(|&n| n >= bound && tokens[n].kind == Kind::Number)?;
        let number = (high.first..high.end).find(|&t| tokens[t].kind == Kind::Number)?;
        let symbol = bare
            .checked_sub(1)
            .filter(|&s| s >= bound && tokens[s].kind == Kind::Symbol)
            .filter(|&s| currency_in_text(&tokens[s..]).is_some());
        let low_first = symbol.unwrap_or(bare);
        let opened = self.opened(low_first, bound)?;
        let low_text = format!(
            "{}{} {}",
            symbol.map_or("", |s| tokens[s].text.as_str()),
            tokens[bare].text,
            &sentence[tokens[number].end..tokens[high.end - 1].end]
        );
        let low = Figure::parse_in(&low_text, language).ok()?;
        (low.amount <= high.figure.amount).then(|| {
            let figure = Figure {
                currency: low.currency.or(high.figure.currency),
                qualifier: high.figure.qualifier,
                ..low
            };
            (opened.unwrap_or(low_first), figure)
        })
    }
}

/// True when the qualifier word at `at` names what the figure is for instead:
/// German "über" right after a noun ("einen Vertrag über 38 Milliarden
/// US-Dollar", "ein Auftrag über 2 Mrd. Euro") is a contract worth that much,
/// exactly; "mit über 38 Milliarden" and "Über 38 Milliarden" stay floors.
/// A noun is a capitalised word that is not a frequent word of the five
/// languages.
fn names_the_subject(tokens: &[Token], at: usize) -> bool {
    tokens[at].key == "über"
        && at.checked_sub(1).is_some_and(|p| {
            let noun = &tokens[p];
            noun.kind == Kind::Word
                && noun.text.chars().next().is_some_and(char::is_uppercase)
                && !is_common_word(&noun.key)
        })
}

/// True when the sentence names a currency or a money word.
fn is_about_money(tokens: &[Token]) -> bool {
    (0..tokens.len()).any(|i| is_money_word(&tokens[i]) || currency_in_text(&tokens[i..]).is_some())
}

fn is_dash(token: &Token) -> bool {
    matches!(token.text.as_str(), "-" | "–" | "—" | "/")
}

/// The token range [first, end) of the figure whose number is token `i`, if
/// it may be one; tokens before `from` belong to an earlier figure. The flag
/// is true when a currency makes it certain, false when it is a figure only
/// in a sentence about money.
fn figure_at(
    tokens: &[Token],
    from: usize,
    i: usize,
    language: Language,
) -> Option<(usize, usize, bool)> {
    let token = &tokens[i];
    let scale_of = |t: &Token| {
        let short = t.key.chars().count() == 1;
        // A one-letter scale must be glued to its number: "5m" is money, "5 m" metres.
        (t.kind == Kind::Word && (t.glued || !short))
            .then(|| scale_exponent(&t.key, language))
            .flatten()
    };
    let number_word = NUMBER_WORDS.contains(&token.key.as_str())
        && tokens.get(i + 1).and_then(scale_of).is_some_and(|e| e > 3);
    if token.kind != Kind::Number && !number_word {
        return None;
    }
    // Part of a word ("GB200"), or of a date ("2025-11-03"); the high end of
    // a range of bare numbers ("10-15 miliardi") may be a figure, which
    // `join_ranges` then reads as a range.
    let glued_to_before = |at: usize| {
        at.checked_sub(1).is_some_and(|p| {
            let p = &tokens[p];
            tokens[at].glued && (matches!(p.kind, Kind::Word | Kind::Number) || is_dash(p))
        })
    };
    let high_of_range = i >= 2
        && matches!(tokens[i - 1].text.as_str(), "-" | "–" | "—")
        && tokens[i - 1].glued
        && tokens[i - 2].kind == Kind::Number
        && !glued_to_before(i - 2);
    let glued_before = glued_to_before(i) && !high_of_range;
    let next = tokens.get(i + 1);
    let range_after = next.is_some_and(|n| n.glued && is_dash(n))
        && tokens
            .get(i + 2)
            .is_some_and(|n| n.glued && n.kind == Kind::Number);
    if glued_before || range_after {
        return None;
    }
    let mut end = i + 1;
    let mut top_scale = 0;
    while end < tokens.len() && end < i + 3 {
        let Some(exponent) = scale_of(&tokens[end]) else {
            break;
        };
        top_scale = top_scale.max(exponent);
        end += 1;
    }
    // A unit glued to the number that is no scale: "3nm", "10GW", "5G".
    if end == i + 1
        && tokens
            .get(end)
            .is_some_and(|t| t.glued && t.kind == Kind::Word)
        && currency_in_text(&tokens[end..]).is_none()
    {
        return None;
    }
    let mut has_currency = false;
    if let Some((_, len)) = currency_in_text(&tokens[end..]) {
        (end, has_currency) = (end + len, true);
    } else if let Some(link) = connector_at(&tokens[end..])
        && let Some((_, len)) = currency_in_text(&tokens[end + link..])
    {
        (end, has_currency) = (end + link + len, true);
    }
    let mut first = i;
    // A symbol or code before the number: "$38", "US$ 38", "EUR 2,5".
    let symbol_before = first > from && {
        let before = &tokens[first - 1];
        (before.kind == Kind::Symbol
            || before.key == "rs"
            || before.text.chars().all(char::is_uppercase))
            && currency_in_text(&tokens[first - 1..]).is_some()
    };
    if symbol_before {
        (first, has_currency) = (first - 1, true);
    }
    if let Some(len) = (1..=4)
        .rev()
        .filter(|&len| first >= from + len)
        .find(|&len| qualifier_at(&tokens[first - len..]).is_some_and(|(_, l)| l == len))
        .filter(|&len| !names_the_subject(tokens, first - len))
    {
        first -= len;
    }
    let may_be = has_currency || (top_scale >= 6 && !counts_other_things(tokens, end));
    may_be.then_some((first, end, has_currency))
}

/// True when the scaled number ending before `end` counts something else: a
/// word right after it that is neither a common word nor a money word
/// ("4 million GPUs", "2 billion people"), or a genitive connector and such a
/// word ("2 milioni di utenti", "3 millions of users"). Punctuation, a common
/// word ("38 Miliardi che", "6 billion in") or a money word ("2 billion
/// deal", "13 miliardi di investimenti") leave it an amount.
fn counts_other_things(tokens: &[Token], end: usize) -> bool {
    let is_noun = |t: &Token| t.kind == Kind::Word && !is_money_word(t);
    let Some(next) = tokens.get(end).filter(|t| t.kind == Kind::Word) else {
        return false;
    };
    match connector_at(&tokens[end..]) {
        Some(link) if next.key != "in" => tokens.get(end + link).is_some_and(is_noun),
        _ => is_noun(next) && !is_common_word(&next.key),
    }
}
