//! Splitting running text into sentences.

use std::ops::Range;

/// Words that end with a dot without ending the sentence: "ca. 5", "1,5 Mrd.
/// Euro", "Nov. 3", "Dr. Su". Single letters ("U.S.", "J. Bezos") are
/// abbreviations too.
#[rustfmt::skip]
const ABBREVIATIONS: &[&str] = &[
    "ca", "approx", "appr", "mr", "mrs", "ms", "dr", "prof", "st", "inc", "corp", "ltd", "co",
    "jr", "sr", "sra", "vs", "nr", "art", "fig", "mrd", "mio", "bio", "tsd", "bzw", "ggf",
    "vgl", "sig", "sigg", "dott", "ing", "avv", "gen", "gov", "sen", "rep", "mme", "mlle",
    "dept", "incl", "excl", "jan", "feb", "apr", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// Characters that end a sentence.
fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

/// Quotes and brackets that close a sentence after its full stop: `.”`, `.)`.
fn is_closing(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']')
}

/// True when a line starting with `c` after a single line break starts a new
/// sentence: a capital letter, a bullet or an opening quote. A wrapped line
/// goes on with a lower-case letter, a digit or a currency symbol.
fn starts_a_line(c: char) -> bool {
    c.is_uppercase()
        || matches!(
            c,
            '•' | '·' | '*' | '-' | '–' | '—' | '▪' | '◦' | '“' | '«' | '"'
        )
}

/// The byte ranges of the sentences of `text`, trimmed, in order.
///
/// A sentence ends at '.', '!', '?' or '…' (with any closing quotes or
/// brackets) followed by white space and then anything but a lower-case
/// letter; a full stop right after an abbreviation or a single letter does
/// not end one, and neither does a '.' or ',' inside a number ("2.5") since
/// no space follows it. A blank line always ends a sentence, and so does a
/// single line break when the next line starts with a capital, a bullet or an
/// opening quote (see `starts_a_line`): headlines and list items have no full
/// stop, while a wrapped line goes on.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let char_at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let offset = |i: usize| chars.get(i).map_or(text.len(), |&(at, _)| at);
    // The first character after the white space from i, and whether that
    // white space holds a blank line.
    let after_space = |mut i: usize| {
        let mut breaks = 0;
        while let Some(c) = char_at(i).filter(|c| c.is_whitespace()) {
            breaks += usize::from(c == '\n');
            i += 1;
        }
        (char_at(i), breaks >= 2)
    };
    let mut ranges = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while let Some(c) = char_at(i) {
        let boundary = if c == '\n' {
            let (next, blank) = after_space(i);
            i += 1;
            blank || next.is_some_and(starts_a_line)
        } else if is_terminal(c) {
            let stop = i;
            i += 1;
            while char_at(i).is_some_and(is_terminal) {
                i += 1;
            }
            let lone_dot = c == '.' && i == stop + 1;
            while char_at(i).is_some_and(is_closing) {
                i += 1;
            }
            let (next, _) = after_space(i);
            let spaced = char_at(i).is_none_or(char::is_whitespace);
            spaced
                && !(lone_dot && abbreviation_before(&chars, stop))
                && !next.is_some_and(char::is_lowercase)
        } else {
            i += 1;
            false
        };
        if boundary {
            push_trimmed(&mut ranges, text, offset(start)..offset(i));
            start = i;
        }
    }
    push_trimmed(&mut ranges, text, offset(start)..text.len());
    ranges
}

/// True when the word right before the dot at `dot` is an abbreviation or a
/// single letter.
fn abbreviation_before(chars: &[(usize, char)], dot: usize) -> bool {
    let mut first = dot;
    while first > 0 && chars[first - 1].1.is_alphabetic() {
        first -= 1;
    }
    let word: String = chars[first..dot]
        .iter()
        .flat_map(|&(_, c)| c.to_lowercase())
        .collect();
    word.chars().count() == 1 || ABBREVIATIONS.contains(&word.as_str())
}

fn push_trimmed(ranges: &mut Vec<Range<usize>>, text: &str, range: Range<usize>) {
    let piece = &text[range.clone()];
    let trimmed = piece.trim();
    if !trimmed.is_empty() {
        let start = range.start + (piece.len() - piece.trim_start().len());
        ranges.push(start..start + trimmed.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn full_stops_end_sentences() {
        assert_eq!(
            split("OpenAI signed. Amazon agreed! Why? Because."),
            ["OpenAI signed.", "Amazon agreed!", "Why?", "Because."]
        );
        assert_eq!(split("  One.   Two  "), ["One.", "Two"]);
        assert_eq!(split(""), Vec::<&str>::new());
        assert_eq!(split("Wait... What?!"), ["Wait...", "What?!"]);
    }

    #[test]
    fn numbers_and_abbreviations_do_not_end_sentences() {
        assert_eq!(
            split("It grew 2.5 times in the U.S. last year. Then it fell."),
            ["It grew 2.5 times in the U.S. last year.", "Then it fell."]
        );
        assert_eq!(
            split("Il valore è ca. 5 miliardi. Poi 1,4 miliardi."),
            ["Il valore è ca. 5 miliardi.", "Poi 1,4 miliardi."]
        );
        assert_eq!(
            split("Die Telekom zahlt 1,5 Mrd. Euro. Das ist viel."),
            ["Die Telekom zahlt 1,5 Mrd. Euro.", "Das ist viel."]
        );
        assert_eq!(
            split("Signed on Nov. 3 by Dr. Su and J. Bezos. Done."),
            ["Signed on Nov. 3 by Dr. Su and J. Bezos.", "Done."]
        );
        assert_eq!(split("e.g. this, i.e. that."), ["e.g. this, i.e. that."]);
        assert_eq!(
            split("in 2026. 38 billion followed."),
            ["in 2026.", "38 billion followed."]
        );
        assert_eq!(split("it ended. and went on."), ["it ended. and went on."]);
    }

    #[test]
    fn quotes_stay_with_their_sentence() {
        assert_eq!(
            split("Disse: “OpenAI la sta utilizzando”. La prima fase."),
            ["Disse: “OpenAI la sta utilizzando”.", "La prima fase."]
        );
        assert_eq!(
            split("He said “yes.” Then left."),
            ["He said “yes.”", "Then left."]
        );
    }

    #[test]
    fn line_breaks_end_headlines_but_not_wrapped_lines() {
        let text = "Accordo da 38 Miliardi\n\nUn accordo epocale\nda 38 miliardi. Fine\nNuova riga\n  • Punto uno";
        assert_eq!(
            split(text),
            [
                "Accordo da 38 Miliardi",
                "Un accordo epocale\nda 38 miliardi.",
                "Fine",
                "Nuova riga",
                "• Punto uno"
            ]
        );
        assert_eq!(
            split("Title\n\nlower case body."),
            ["Title", "lower case body."]
        );
    }
}
