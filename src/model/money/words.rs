//! The vocabulary of figures in English, Italian, French, German and Spanish:
//! qualifiers, currency names, scale words and the connectors between a
//! number and its currency. Every language's words are understood in every
//! text ("38 bn" in an Italian article); the language only decides what the
//! ambiguous ones mean ("billion") and which separator is the decimal one.

use super::currency::Currency;
use super::tokens::{Kind, Token};
use crate::model::{Language, Qualifier};

/// Words and symbols that say how precise the figure is (matched before the
/// number, longest phrase first; words in a phrase are separated by spaces,
/// and "'" is a token of its own: "jusqu ' à").
#[rustfmt::skip]
const QUALIFIER_PHRASES: &[(Qualifier, &[&str])] = &[
    (Qualifier::Exact, &["exactly", "esattamente", "exactement", "genau", "exactamente"]),
    (Qualifier::Approx, &[
        "about", "around", "approximately", "approx", "roughly", "nearly", "almost", "some",
        "circa", "ca", "~", "≈",
        "quasi", "intorno a", "intorno ai", "all ' incirca",
        "environ", "près de", "pres de", "presque", "quelque", "autour de", "à peu près",
        "rund", "etwa", "ungefähr", "knapp", "fast", "zirka",
        "alrededor de", "unos", "unas", "cerca de", "casi", "aproximadamente", "en torno a",
    ]),
    (Qualifier::AtLeast, &[
        "over", "more than", "at least", "above", "in excess of", "≥", ">=", ">",
        "oltre", "oltre i", "più di", "piu di", "almeno",
        "plus de", "au moins", "au - delà de",
        "mehr als", "über", "mindestens",
        "más de", "mas de", "al menos", "por lo menos", "por encima de",
    ]),
    (Qualifier::UpTo, &[
        "up to", "as much as", "no more than", "≤", "<=", "<",
        "fino a", "fino ad", "fino ai",
        "jusqu ' à", "jusqu ' a", "au maximum", "au plus",
        "bis zu", "höchstens", "maximal",
        "hasta", "como máximo",
    ]),
];

/// Symbols and words that name a currency (ISO codes are handled apart).
#[rustfmt::skip]
const CURRENCY_PHRASES: &[(Currency, &[&str])] = &[
    (Currency::USD, &[
        "$", "us$", "dollar", "dollars", "us dollar", "us dollars", "u s dollars",
        "dollaro", "dollari", "dollari usa", "dollari americani", "dollari statunitensi",
        "dollars américains", "dollars us", "dollar américain",
        "us - dollar", "us - dollars",
        "dólar", "dólares", "dolar", "dolares", "dólares estadounidenses",
        "dólares americanos",
    ]),
    (Currency::EUR, &["€", "euro", "euros"]),
    (Currency::GBP, &[
        "£", "pound", "pounds", "pound sterling", "pounds sterling", "sterling", "sterlina",
        "sterline", "livre sterling", "livres sterling", "pfund", "pfund sterling", "libra",
        "libras", "libra esterlina", "libras esterlinas",
    ]),
    (Currency::JPY, &["¥", "yen", "yens", "yenes"]),
    (Currency::INR, &["₹", "rs", "rupee", "rupees", "rupia", "rupie", "roupie", "roupies", "rupias"]),
    (Currency::CNY, &["yuan", "yuans", "renminbi"]),
    (Currency::CHF, &[
        "swiss franc", "swiss francs", "franco svizzero", "franchi svizzeri", "franc suisse",
        "francs suisses", "franken", "schweizer franken", "franco suizo", "francos suizos",
    ]),
];

/// Scale words by the power of ten they multiply by: lakh (10^5) and crore
/// (10^7) as Indian figures are written ("₹5,000 crore", "1 lakh crore"). "billion" and
/// "trillion" are not here: their meaning depends on the language.
#[rustfmt::skip]
const SCALE_WORDS: &[(u32, &[&str])] = &[
    (3, &["thousand", "thousands", "k", "mila", "mille", "mil", "tausend", "tsd"]),
    (5, &["lakh", "lakhs", "lac", "lacs"]),
    (6, &[
        "million", "millions", "m", "mn", "mln", "milione", "milioni", "millionen", "mio",
        "millón", "millon", "millones",
    ]),
    (7, &["crore", "crores"]),
    (9, &[
        "b", "bn", "bln", "miliardo", "miliardi", "mld", "mrd", "mrds", "md", "mds", "milliard",
        "milliards", "milliarde", "milliarden", "millardo", "millardos",
    ]),
    (12, &[
        "t", "tn", "trn", "bilione", "bilioni", "billionen", "bio", "billón", "billon",
        "billones",
    ]),
    (18, &["trilione", "trilioni", "trillionen", "trillón", "trillones"]),
];

/// Words allowed between the number and a currency ("miliardi di dollari",
/// "milliards de dollars", "millions d'euros").
const CONNECTORS: &[((), &[&str])] = &[((), &["di", "of", "in", "de", "d '"])];

/// Words before the low end of a range: "between", "tra", "entre", "zwischen".
pub(crate) const RANGE_OPENERS: &[&str] = &[
    "between", "tra", "fra", "entre", "zwischen", "from", "da", "von", "de", "desde",
];

/// Words between the two ends of a range that make one by themselves.
pub(crate) const RANGE_LINKS: &[&str] = &["-", "–", "—", "to", "a", "à", "bis", "hasta", "al"];

/// Conjunctions that link the two ends of a range only after an opener
/// ("between 10 and 15", "tra 10 e 15", "entre 10 et 15", "zwischen 10 und 15").
pub(crate) const RANGE_CONJUNCTIONS: &[&str] = &["and", "e", "et", "und", "y"];

/// Words read as a number when a larger scale word follows ("mille
/// miliardi", "mil millones").
pub(crate) const NUMBER_WORDS: &[&str] = &["mille", "mil"];

/// Words whose presence makes a figure Italian (',' is the decimal separator).
#[rustfmt::skip]
const ITALIAN_WORDS: &[&str] = &[
    "miliardi", "miliardo", "milioni", "milione", "mila", "mille", "mld", "bilione", "bilioni",
    "dollari", "dollaro", "sterline", "sterlina", "franchi", "franco", "oltre", "circa", "fino",
    "più", "piu", "almeno", "quasi", "intorno", "di",
];

/// Words that make a figure German, French or Spanish, where "billion" is
/// 10^12 and ',' the decimal separator.
#[rustfmt::skip]
const LONG_SCALE_WORDS: &[(Language, &[&str])] = &[
    (Language::German, &[
        "milliarde", "milliarden", "millionen", "mrd", "mio", "bio", "billionen", "tausend",
        "tsd", "rund", "etwa", "knapp", "mehr", "als", "bis", "zu", "über", "mindestens",
        "höchstens", "pfund", "franken", "schweizer", "ungefähr", "zirka",
    ]),
    (Language::French, &[
        "milliard", "milliards", "md", "mds", "environ", "jusqu", "livre", "livres", "suisse",
        "suisses", "près", "presque", "moins", "plus", "de", "d", "américains",
    ]),
    (Language::Spanish, &[
        "millón", "millon", "millones", "billón", "billones", "dólar", "dólares", "dolares",
        "más", "hasta", "alrededor", "unos", "unas", "casi", "libras", "mil", "suizos",
    ]),
];

/// The language a figure is written in, judged from its words: Italian first
/// (as `Figure::parse` always did), then German, French or Spanish, else
/// English.
pub(super) fn figure_language(tokens: &[Token]) -> Language {
    let has = |words: &[&str]| tokens.iter().any(|t| words.contains(&t.key.as_str()));
    if has(ITALIAN_WORDS) {
        return Language::Italian;
    }
    LONG_SCALE_WORDS
        .iter()
        .find(|(_, words)| has(words))
        .map_or(Language::English, |&(language, _)| language)
}

/// The longest phrase of `table` that starts `tokens`, with its length in
/// tokens.
fn match_phrase<T: Copy>(table: &[(T, &[&str])], tokens: &[Token]) -> Option<(T, usize)> {
    let starts = |phrase: &str| {
        let mut len = 0;
        for word in phrase.split(' ') {
            let token = tokens.get(len)?;
            if token.kind == Kind::Number || token.key != word {
                return None;
            }
            len += 1;
        }
        Some(len)
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

/// A qualifier phrase at the start of `tokens`, with its length in tokens.
pub(crate) fn qualifier_at(tokens: &[Token]) -> Option<(Qualifier, usize)> {
    match_phrase(QUALIFIER_PHRASES, tokens)
}

/// A connector ("di", "of", "d'") at the start of `tokens`, with its length.
pub(crate) fn connector_at(tokens: &[Token]) -> Option<usize> {
    match_phrase(CONNECTORS, tokens).map(|((), len)| len)
}

/// A currency named at the start of `tokens` (symbol, word or ISO code in any
/// case), with its length in tokens.
pub(crate) fn currency_at(tokens: &[Token]) -> Option<(Currency, usize)> {
    named_currency(tokens, |token| Some(&token.key))
}

/// ISO codes that are also common words in capitals ("ALL", "TOP"): in
/// running text they are not read as currencies.
const CODES_THAT_ARE_WORDS: &[&str] = &[
    "ALL", "BOB", "CUP", "DOP", "GEL", "MAD", "MOP", "NAD", "PEN", "SOS", "TOP", "TRY",
];

/// Like `currency_at`, for running text: an ISO code counts only when it is
/// written in capitals and is not also a common word.
pub(crate) fn currency_in_text(tokens: &[Token]) -> Option<(Currency, usize)> {
    named_currency(tokens, |token| {
        let code = token.text.as_str();
        let capitals = code.bytes().all(|b| b.is_ascii_uppercase());
        (capitals && !CODES_THAT_ARE_WORDS.contains(&code)).then_some(code)
    })
}

/// A phrase of `CURRENCY_PHRASES` at the start of `tokens`, or a word whose
/// `code` is a three-letter ISO code, with its length in tokens.
fn named_currency(
    tokens: &[Token],
    code: impl Fn(&Token) -> Option<&str>,
) -> Option<(Currency, usize)> {
    match_phrase(CURRENCY_PHRASES, tokens).or_else(|| {
        let token = tokens.first().filter(|token| token.kind == Kind::Word)?;
        let code = code(token).filter(|code| is_three_letters(code))?;
        Currency::from_code(code).map(|currency| (currency, 1))
    })
}

pub(super) fn is_three_letters(word: &str) -> bool {
    word.len() == 3 && word.bytes().all(|b| b.is_ascii_alphabetic())
}

/// The power of ten a scale word multiplies by, in `language`: "billion" is
/// 10^9 in English and Italian, 10^12 in French, German and Spanish.
pub(crate) fn scale_exponent(key: &str, language: Language) -> Option<u32> {
    let long = language.long_scale();
    match key {
        "billion" | "billions" => Some(if long { 12 } else { 9 }),
        "trillion" | "trillions" => Some(if long { 18 } else { 12 }),
        _ => SCALE_WORDS
            .iter()
            .find(|(_, words)| words.contains(&key))
            .map(|&(exponent, _)| exponent),
    }
}
