//! Finding the money figures of one sentence: which spans of running text
//! are figures, read with the same tokenizer and vocabulary as `--value`.

use std::ops::Range;

use crate::model::money::tokens::{Kind, Token, tokenize};
use crate::model::money::words::{
    NUMBER_WORDS, connector_at, currency_in_text, qualifier_at, scale_exponent,
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

/// The figures of `sentence` as byte ranges of it, with their values read in
/// `language`. See the module documentation of `model::extract` for the
/// rules.
pub fn figures(sentence: &str, language: Language) -> Vec<(Range<usize>, Figure)> {
    let tokens = tokenize(sentence, language == Language::French);
    let about_money = tokens
        .iter()
        .enumerate()
        .any(|(i, token)| is_money_word(token) || currency_in_text(&tokens[i..]).is_some());
    let mut found = Vec::new();
    let mut from = 0;
    let mut i = 0;
    while i < tokens.len() {
        let span = figure_at(&tokens, from, i, language, about_money);
        let read = span.and_then(|(first, end)| {
            let range = tokens[first].start..tokens[end - 1].end;
            let figure = Figure::parse_in(&sentence[range.clone()], language).ok()?;
            Some((range, figure, end))
        });
        match read {
            Some((range, figure, end)) => {
                found.push((range, figure));
                (from, i) = (end, end);
            }
            None => i += 1,
        }
    }
    found
}

fn is_dash(token: &Token) -> bool {
    matches!(token.text.as_str(), "-" | "–" | "—" | "/")
}

/// The token range [first, end) of the figure whose number is token `i`, if
/// it is one; tokens before `from` belong to an earlier figure.
fn figure_at(
    tokens: &[Token],
    from: usize,
    i: usize,
    language: Language,
    about_money: bool,
) -> Option<(usize, usize)> {
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
    // Part of a word ("GB200"), or of a range or date ("10-20", "2025-11-03").
    let previous = i.checked_sub(1).map(|p| &tokens[p]);
    let glued_before = previous.is_some_and(|p| {
        token.glued && (matches!(p.kind, Kind::Word | Kind::Number) || is_dash(p))
    });
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
        (before.kind == Kind::Symbol || before.text.chars().all(char::is_uppercase))
            && currency_in_text(&tokens[first - 1..]).is_some()
    };
    if symbol_before {
        (first, has_currency) = (first - 1, true);
    }
    if let Some(len) = (1..=4)
        .rev()
        .filter(|&len| first >= from + len)
        .find(|&len| qualifier_at(&tokens[first - len..]).is_some_and(|(_, l)| l == len))
    {
        first -= len;
    }
    let is_figure =
        has_currency || (top_scale >= 6 && about_money && !names_other_things(tokens, end));
    is_figure.then_some((first, end))
}

/// True when the scaled number ending before `end` counts something else:
/// "2 milioni di utenti", "3 millions of users" (a genitive connector and a
/// word that is not about money).
fn names_other_things(tokens: &[Token], end: usize) -> bool {
    let Some(link) = connector_at(&tokens[end..]) else {
        return false;
    };
    tokens[end].key != "in" && tokens.get(end + link).is_some_and(|t| !is_money_word(t))
}
