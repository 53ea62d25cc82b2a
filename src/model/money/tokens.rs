//! Splitting text into the tokens figures are made of. The figure parser and
//! the scanner of running text (`model::extract`) share this tokenizer, so a
//! span the scanner finds is read the same way `--value` reads it.

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Digits with inner separators: "38", "1,4", "1.400", "1 400", "1'400".
    Number,
    /// Letters: "miliardi", "USD", "Mrd" (a following abbreviation dot is dropped).
    Word,
    /// Anything else, one character ("$", "%", "'"), or "us$", ">=", "<=".
    Symbol,
}

/// One piece of the input.
#[derive(Clone, Debug)]
pub(crate) struct Token {
    pub(crate) kind: Kind,
    /// As written.
    pub(crate) text: String,
    /// Lower-cased, with the typographic apostrophe as "'", for matching.
    pub(crate) key: String,
    /// Byte range in the tokenized text (an abbreviation dot is not included).
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// True when no white space separates this token from the previous one.
    pub(crate) glued: bool,
}

impl Token {
    /// The digits of a number without group spaces and apostrophes
    /// ("1 400,5" -> "1400,5"); '.' and ',' are left for the parser to read.
    pub(crate) fn digits(&self) -> String {
        self.text
            .chars()
            .filter(|c| !c.is_whitespace() && !is_apostrophe(*c))
            .collect()
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

/// Spaces that group thousands in every language: a plain, no-break, narrow
/// no-break or thin space ("1 400", "1\u{202f}400").
fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// Splits text into numbers, words and symbols. White space only separates,
/// except inside numbers: a plain, no-break, narrow no-break or thin space
/// before exactly three digits groups thousands in every language ("1 400
/// milliards", "3 000 millones", "5 000 Mio."), and so does an apostrophe
/// (Swiss style, "1'400"), when the number so far starts with a group of
/// one to three digits. '.' and ',' belong to a number when a digit follows.
/// A word swallows an abbreviation dot ("ca.", "Mrd.") unless a digit
/// follows it.
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let offset = |i: usize| chars.get(i).map_or(text.len(), |&(at, _)| at);
    let char_at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let digit_at = |i: usize| char_at(i).is_some_and(|c| c.is_ascii_digit());
    // Exactly three digits at i, and no fourth.
    let group_at = |i: usize| (i..i + 3).all(digit_at) && !digit_at(i + 3);
    let mut tokens: Vec<Token> = Vec::new();
    let mut glued = false;
    let mut i = 0;
    while let Some(c) = char_at(i) {
        let start = i;
        i += 1;
        let mut end = i;
        let kind = if c.is_whitespace() {
            glued = false;
            continue;
        } else if c.is_ascii_digit() {
            let mut lead_digits = 1;
            let mut plain = true;
            while let Some(next) = char_at(i) {
                if next.is_ascii_digit() {
                    i += 1;
                    lead_digits += usize::from(plain);
                } else if matches!(next, '.' | ',') && digit_at(i + 1) {
                    plain = false;
                    i += 1;
                } else if (is_group_space(next) || is_apostrophe(next))
                    && plain
                    && lead_digits <= 3
                    && group_at(i + 1)
                {
                    // Groups continue the leading run of plain digits only.
                    lead_digits = 0;
                    i += 4;
                } else {
                    break;
                }
            }
            end = i;
            Kind::Number
        } else if c.is_alphabetic() {
            while char_at(i).is_some_and(char::is_alphabetic) {
                i += 1;
            }
            end = i;
            let word = &text[offset(start)..offset(i)];
            if word.eq_ignore_ascii_case("us") && char_at(i) == Some('$') {
                i += 1;
                end = i;
                Kind::Symbol
            } else {
                // An abbreviation dot ("ca.", "mld.") is dropped, unless it
                // starts a decimal number.
                if char_at(i) == Some('.') && !digit_at(i + 1) {
                    i += 1;
                }
                Kind::Word
            }
        } else {
            if matches!(c, '>' | '<') && char_at(i) == Some('=') {
                i += 1;
                end = i;
            }
            Kind::Symbol
        };
        let written = &text[offset(start)..offset(end)];
        tokens.push(Token {
            kind,
            text: written.to_string(),
            key: written.to_lowercase().replace('’', "'"),
            start: offset(start),
            end: offset(end),
            glued: glued && !tokens.is_empty(),
        });
        glued = true;
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<String> {
        tokenize(text).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn numbers_keep_their_separators() {
        assert_eq!(texts("$1,400.5bn"), ["$", "1,400.5", "bn"]);
        assert_eq!(texts("38 miliardi."), ["38", "miliardi"]);
        assert_eq!(texts("in 2026. La"), ["in", "2026", ".", "La"]);
        assert_eq!(texts("1.5."), ["1.5", "."]);
    }

    #[test]
    fn spaces_group_thousands_in_every_language() {
        assert_eq!(texts("1 400 milliards"), ["1 400", "milliards"]);
        assert_eq!(texts("3 000 millones"), ["3 000", "millones"]);
        assert_eq!(texts("1 000 000 €"), ["1 000 000", "€"]);
        assert_eq!(texts("1 4000"), ["1", "4000"]);
        assert_eq!(
            texts("1\u{202f}400\u{a0}000 €"),
            ["1\u{202f}400\u{a0}000", "€"]
        );
        assert_eq!(texts("2025 300 millions"), ["2025", "300", "millions"]);
        assert_eq!(texts("15 000,5 euros"), ["15 000,5", "euros"]);
        assert_eq!(texts("38\u{a0}miliardi"), ["38", "miliardi"]);
        assert_eq!(texts("3 4000"), ["3", "4000"]);
        assert_eq!(texts("1,5 000"), ["1,5", "000"]);
        let token = &tokenize("1 400,5")[0];
        assert_eq!(token.digits(), "1400,5");
    }

    #[test]
    fn apostrophes_group_thousands_swiss_style() {
        assert_eq!(texts("CHF 1'400'000"), ["CHF", "1'400'000"]);
        assert_eq!(tokenize("1’400")[0].digits(), "1400");
        assert_eq!(texts("d'euros"), ["d", "'", "euros"]);
        assert_eq!(texts("all'11"), ["all", "'", "11"]);
    }

    #[test]
    fn tokens_know_their_place_and_neighbours() {
        let tokens = tokenize("GB200 e $38bn, ca. 5");
        let glued: Vec<bool> = tokens.iter().map(|t| t.glued).collect();
        assert_eq!(
            texts("GB200 e $38bn, ca. 5"),
            ["GB", "200", "e", "$", "38", "bn", ",", "ca", "5"]
        );
        assert_eq!(
            glued,
            [false, true, false, false, true, true, true, false, false]
        );
        let ca = &tokens[7];
        assert_eq!((ca.start, ca.end), (15, 17));
        assert_eq!(tokenize("Jusqu’à")[1].key, "'");
    }
}
