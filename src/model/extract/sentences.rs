//! Splitting running text into sentences.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

/// Words that end with a dot without ending the sentence: "ca. 5", "1,5 Mrd.
/// Euro", "Nov. 3", "Dr. Su". Single letters ("U.S.", "J. Bezos") are
/// abbreviations too.
#[rustfmt::skip]
const ABBREVIATIONS: &[&str] = &[
    "ca", "approx", "appr", "mr", "mrs", "ms", "dr", "prof", "st", "inc", "corp", "ltd", "co",
    "jr", "sr", "sra", "vs", "nr", "art", "fig", "mrd", "mio", "bio", "tsd", "bzw", "ggf",
    "vgl", "sig", "sigg", "dott", "ing", "avv", "gen", "gov", "sen", "rep", "mme", "mlle",
    "dept", "incl", "excl", "jan", "feb", "apr", "aug", "sep", "sept", "oct", "nov", "dec",
    "rs",
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
/// The places a sentence may end are Unicode's sentence boundaries (UAX #29,
/// which already keeps "2.5", "U.S. last" and "ended. and went on" whole), and
/// a full stop followed by white space and a number. Of those, a sentence ends at
/// '.', '!', '?' or '…' (with any closing quotes or brackets) followed by white
/// space and then anything but a lower-case letter, unless the full stop is
/// right after an abbreviation or a single letter ("Mrd. Euro", "J. Bezos"). A
/// blank line always ends a sentence, and so does a single line break when the
/// next line starts with a capital, a bullet or an opening quote (see
/// `starts_a_line`): headlines and list items have no full stop, while a
/// wrapped line goes on.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut start = 0;
    for end in candidates(text) {
        if ends_sentence(&text[start..end], &text[end..]) {
            push_trimmed(&mut ranges, text, start..end);
            start = end;
        }
    }
    push_trimmed(&mut ranges, text, start..text.len());
    ranges
}

/// Where a sentence may end: after each of Unicode's sentences, and before a
/// number that follows a full stop and white space ("in 2026. 38 billion").
fn candidates(text: &str) -> Vec<usize> {
    let mut ends = Vec::new();
    for (at, piece) in text.split_sentence_bound_indices() {
        let mut after_stop = false;
        let mut spaced = false;
        for (i, c) in piece.char_indices() {
            if c.is_ascii_digit() && after_stop && spaced {
                ends.push(at + i);
            }
            if is_terminal(c) {
                (after_stop, spaced) = (true, false);
            } else if c.is_whitespace() {
                spaced = after_stop;
            } else if !is_closing(c) || spaced {
                (after_stop, spaced) = (false, false);
            }
        }
        ends.push(at + piece.len());
    }
    ends.retain(|&end| end < text.len());
    ends
}

/// Whether `before` (the text since the last sentence ended) is a sentence,
/// given the text `after` it.
fn ends_sentence(before: &str, after: &str) -> bool {
    let words = before.trim_end();
    let space = &before[words.len()..];
    let rest = after.trim_start();
    let breaks =
        space.matches('\n').count() + after[..after.len() - rest.len()].matches('\n').count();
    let next = rest.chars().next();
    if breaks >= 2 || (breaks == 1 && next.is_some_and(starts_a_line)) {
        return true;
    }
    let core = words.trim_end_matches(is_closing);
    let Some(stop) = core.chars().next_back().filter(|&c| is_terminal(c)) else {
        return false;
    };
    let head = &core[..core.len() - stop.len_utf8()];
    let lone_dot = stop == '.' && !head.ends_with(is_terminal);
    let spaced = !space.is_empty() || after.is_empty();
    spaced && !(lone_dot && abbreviation_at_end(head)) && !next.is_some_and(char::is_lowercase)
}

/// True when `text` ends with an abbreviation: a known one ("Inc"), a single
/// letter ("U.S", "J") or the last part of a dotted one ("p.es", "e.g").
fn abbreviation_at_end(text: &str) -> bool {
    let word = text
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or_default();
    let before = &text[..text.len() - word.len()];
    // A letter glued to a number is a scale or a unit ("€500m", "10bn"),
    // which a full stop after it ends like any word.
    if before.ends_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let dotted = before.ends_with('.');
    let word = word.to_lowercase();
    dotted || word.chars().count() == 1 || ABBREVIATIONS.contains(&word.as_str())
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
            split("Clienti come p.es. Amazon e CoreWeave Inc. Firmato. Fine."),
            [
                "Clienti come p.es. Amazon e CoreWeave Inc. Firmato.",
                "Fine."
            ]
        );
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
