//! Guessing the language of a text from its most common words.

use crate::model::Language;

/// Frequent words of each language, with a few money words ("milliards",
/// "Milliarden") that tell the languages apart in short texts.
#[rustfmt::skip]
const STOP_WORDS: &[(Language, &[&str])] = &[
    (Language::English, &[
        "the", "and", "of", "to", "in", "is", "that", "for", "with", "on", "as", "was", "by",
        "it", "are", "this", "from", "has", "have", "will", "its", "be", "which", "said", "an",
        "billion", "dollars",
    ]),
    (Language::Italian, &[
        "il", "lo", "gli", "di", "che", "e", "è", "per", "con", "non", "una", "un", "del",
        "della", "dei", "delle", "nel", "nella", "alla", "sono", "ha", "anche", "più", "da",
        "miliardi", "dollari",
    ]),
    (Language::French, &[
        "le", "les", "des", "du", "et", "est", "une", "qui", "pour", "dans", "pas", "sur",
        "au", "aux", "avec", "ce", "cette", "sont", "par", "plus", "jusqu", "milliards",
        "milliard", "d",
    ]),
    (Language::German, &[
        "der", "die", "das", "und", "ist", "nicht", "ein", "eine", "zu", "den", "dem", "mit",
        "von", "für", "auf", "sich", "des", "im", "auch", "wird", "hat", "bei", "dass",
        "milliarden", "mrd", "zahlt",
    ]),
    (Language::Spanish, &[
        "el", "los", "las", "de", "que", "y", "en", "es", "por", "para", "del", "al", "se",
        "su", "como", "más", "pero", "sus", "este", "millones", "billones", "dólares",
        "acuerdo",
    ]),
];

/// Short words that are not in `STOP_WORDS` but never name what a number
/// counts: elided articles ("l'anno"), prepositions, conjunctions.
#[rustfmt::skip]
const FUNCTION_WORDS: &[&str] = &[
    "l", "all", "dell", "nell", "sull", "dall", "qu", "s", "n", "c", "j", "a", "at", "or",
    "but", "into", "over", "per", "each", "ai", "al", "agli", "alle", "sui", "nei", "tra",
    "fra", "entro", "o", "ou", "à", "u", "um", "pro", "je", "bis", "nach", "ab", "seit",
    "entre", "sobre", "hasta", "vs",
];

/// True when `word` (in lower case) is a frequent or function word of one of
/// the five languages.
pub(super) fn is_common_word(word: &str) -> bool {
    FUNCTION_WORDS.contains(&word) || STOP_WORDS.iter().any(|(_, words)| words.contains(&word))
}

/// How many words are looked at: enough for any article's language.
const SAMPLE_WORDS: usize = 2_000;

/// The language whose frequent words occur most often in `text`; ties go to
/// the first in `STOP_WORDS` (English first, as in `Language::VARIANTS`), and
/// so does a text with no frequent word at all.
pub fn detect_language(text: &str) -> Language {
    guess_language(text, Language::English)
}

/// The language whose frequent words occur most often in `text`, or
/// `otherwise` when no frequent word occurs or `otherwise` ties for the most.
pub fn guess_language(text: &str, otherwise: Language) -> Language {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .take(SAMPLE_WORDS)
        .map(str::to_lowercase)
        .collect();
    let count = |listed: &[&str]| {
        words
            .iter()
            .filter(|w| listed.contains(&w.as_str()))
            .count()
    };
    let counts: Vec<(Language, usize)> = STOP_WORDS
        .iter()
        .map(|&(language, listed)| (language, count(listed)))
        .collect();
    let best = counts.iter().map(|&(_, n)| n).max().unwrap_or(0);
    let given = counts
        .iter()
        .find(|&&(l, _)| l == otherwise)
        .map_or(0, |&(_, n)| n);
    if best == 0 || given == best {
        return otherwise;
    }
    // The first of the languages with the most.
    counts
        .iter()
        .find(|&&(_, n)| n == best)
        .map_or(otherwise, |&(language, _)| language)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Language::{English, French, German, Italian, Spanish};

    #[test]
    fn short_texts_are_recognised() {
        let cases = [
            ("Amazon will invest up to $4 billion in Anthropic", English),
            (
                "OpenAI ha siglato un accordo del valore di 38 miliardi di dollari",
                Italian,
            ),
            (
                "Nvidia investira jusqu'à 100 milliards de dollars dans OpenAI.",
                French,
            ),
            ("Die Deutsche Telekom zahlt 1,5 Mrd. Euro.", German),
            ("El acuerdo de 2 billones de dólares", Spanish),
        ];
        for (text, language) in cases {
            assert_eq!(detect_language(text), language, "{text}");
        }
    }

    #[test]
    fn no_clue_means_english() {
        assert_eq!(detect_language(""), English);
        assert_eq!(detect_language("$38B 2025"), English);
    }

    #[test]
    fn the_seed_articles_are_italian() {
        for text in [
            include_str!("../../../seeds/000_a1f5f37c4354f31f.txt"),
            include_str!("../../../seeds/001_0bfb23b6abed9931.txt"),
        ] {
            assert_eq!(detect_language(text), Italian);
        }
    }
}
