//! Text from other people's exports made fit to store: UTF-8 that was read as
//! Latin-1 and saved again ("CafÃ©") repaired, stray HTML tags dropped and
//! entities (`&amp;`) decoded, white space trimmed.

use std::borrow::Cow;

/// Bytes that are not UTF-8, read as Windows-1252 (a superset of Latin-1).
pub fn decode_cp1252(bytes: &[u8]) -> String {
    encoding_rs::WINDOWS_1252
        .decode_without_bom_handling(bytes)
        .0
        .into_owned()
}

/// The byte a character was read from, when the text was read as Latin-1 (every
/// character up to U+00FF) or as Windows-1252 ("€", "’", "Ÿ").
fn cp1252_byte(c: char) -> Option<u8> {
    if let Ok(latin1) = u8::try_from(u32::from(c)) {
        return Some(latin1);
    }
    let mut utf8 = [0; 4];
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(c.encode_utf8(&mut utf8));
    match *bytes {
        [byte] if !unmappable => Some(byte),
        _ => None,
    }
}

/// Repairs UTF-8 that was decoded as Windows-1252 or Latin-1 ("CafÃ©" -> "Café",
/// "MÃ¼nchen" -> "München"). Text is changed only when every character maps back
/// to one byte and those bytes are valid UTF-8, so real accents ("Börse",
/// "Lowe’s", "SÃO") stay as they are.
pub fn fix_mojibake(text: &str) -> Cow<'_, str> {
    let mut current = Cow::Borrowed(text);
    // Text saved wrongly twice is repaired twice; three rounds is plenty.
    for _ in 0..3 {
        match repair_once(&current) {
            Some(fixed) => current = Cow::Owned(fixed),
            None => break,
        }
    }
    current
}

fn repair_once(text: &str) -> Option<String> {
    if text.is_ascii() {
        return None;
    }
    let bytes: Vec<u8> = text.chars().map(cp1252_byte).collect::<Option<_>>()?;
    String::from_utf8(bytes).ok()
}

/// Removes HTML tags (`<b>`, `</a>`, `<img src=x>`, `<!-- -->`) and decodes
/// entities (`&amp;`, `&#233;`, `&#xE9;`, `&nbsp;`). A `<` not followed by a
/// letter, `/` or `!` is text ("a < b", "<3").
pub fn strip_html(text: &str) -> Cow<'_, str> {
    if !text.contains(['<', '&']) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('<') {
        let after = &rest[at + 1..];
        let is_tag = after.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!');
        match after.find('>') {
            Some(end) if is_tag => {
                out.push_str(&rest[..at]);
                rest = &after[end + 1..];
            }
            _ => {
                out.push_str(&rest[..=at]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(decode_entities(&out))
}

/// Decodes the HTML entities that exports leave in names and titles; a
/// non-breaking space becomes a plain one.
fn decode_entities(text: &str) -> String {
    html_escape::decode_html_entities(&text.replace("&nbsp;", " ")).into_owned()
}

/// A cell as stored: mojibake repaired, HTML removed, trimmed. Line breaks inside
/// the text are kept (for notes).
pub fn clean(text: &str) -> Cow<'_, str> {
    let trimmed = text.trim();
    if trimmed.is_ascii() && !trimmed.contains(['<', '&']) {
        return Cow::Borrowed(trimmed);
    }
    let fixed = fix_mojibake(trimmed);
    let stripped = strip_html(&fixed);
    Cow::Owned(stripped.trim().to_string())
}

/// A one-line value (a name, a title): cleaned like [`clean`], with every run of
/// white space, line breaks and tabs included, made one space.
pub fn clean_line(text: &str) -> Cow<'_, str> {
    let cleaned = clean(text);
    let single = cleaned
        .bytes()
        .zip(cleaned.bytes().skip(1))
        .all(|(a, b)| !(a.is_ascii_whitespace() && b.is_ascii_whitespace()))
        && !cleaned.contains(['\n', '\r', '\t', '\u{a0}']);
    if single {
        return cleaned;
    }
    Cow::Owned(cleaned.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Text made safe for a one-line message: control characters escaped, long text cut.
pub fn one_line(text: &str) -> String {
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i == 80 {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// Characters output never prints raw: C0 and
/// C1 control characters, bidirectional overrides and isolates (U+202A–U+202E,
/// U+2066–U+2069), zero-width characters (U+200B–U+200D, U+2060, U+FEFF), the
/// direction marks (U+200E, U+200F, U+061C) and the soft hyphen (U+00AD),
/// which would make two names that look the same differ.
pub fn is_invisible(c: char) -> bool {
    c.is_control()
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
        || ('\u{200b}'..='\u{200d}').contains(&c)
        || c == '\u{2060}'
        || c == '\u{feff}'
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{61c}' | '\u{ad}')
}

/// A one-line field as it is stored (a title, name, alias, slug, tag, quote,
/// publisher or author): control characters (C0 and C1: ESC, BEL, NUL),
/// bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069) and
/// zero-width characters (U+200B–U+200D, U+2060, U+FEFF) removed, and each
/// line break or tab made a space, so that "Open\nAI" stays two words.
pub fn strip_line(text: &str) -> Cow<'_, str> {
    strip(text, false)
}

/// A text field as it is stored (notes, an article body or summary, a
/// description): the characters [`strip_line`] removes are removed, line
/// breaks and tabs are kept, and a CR LF or lone CR becomes a LF.
pub fn strip_text(text: &str) -> Cow<'_, str> {
    strip(text, true)
}

/// [`strip_line`] (`breaks` false) or [`strip_text`] (`breaks` true).
fn strip(text: &str, breaks: bool) -> Cow<'_, str> {
    let kept = |c: char| breaks && matches!(c, '\n' | '\t');
    if !text.chars().any(|c| is_invisible(c) && !kept(c)) {
        return Cow::Borrowed(text);
    }
    let lines = text.replace("\r\n", "\n");
    Cow::Owned(
        lines
            .chars()
            .filter_map(|c| match c {
                '\n' | '\r' if breaks => Some('\n'),
                '\t' if breaks => Some('\t'),
                '\n' | '\r' | '\t' => Some(' '),
                c if is_invisible(c) => None,
                c => Some(c),
            })
            .collect(),
    )
}

/// The key company names and aliases are matched by: `text` stripped (see
/// [`strip_line`]) and trimmed, under
/// Unicode compatibility caseless matching (NFKD, full case folding, NFKD
/// again and case folding again, as Unicode's definition D146 has it, then
/// NFC to keep it short). "Deutsche Börse", "DEUTSCHE BÖRSE" and "Deutsche
/// Bo\u{308}rse" share a key; so do "STRASSE" and "Straße", and "ﬁ" and "fi".
pub fn name_key(text: &str) -> String {
    use caseless::Caseless;
    use unicode_normalization::UnicodeNormalization;
    strip_line(text)
        .trim()
        .nfd()
        .default_case_fold()
        .nfkd()
        .default_case_fold()
        .nfkd()
        .nfc()
        .collect()
}

/// `text` safe to print on a terminal: each character of [`is_invisible`] is
/// shown as an escape (`\e` for ESC, `U+202E` for the others), never sent raw;
/// with `keep_breaks`, line breaks and tabs stay.
pub fn visible(text: &str, keep_breaks: bool) -> Cow<'_, str> {
    let raw = |c: char| !is_invisible(c) || (keep_breaks && matches!(c, '\n' | '\t'));
    if text.chars().all(raw) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            c if raw(c) => out.push(c),
            '\u{1b}' => out.push_str("\\e"),
            c => out.push_str(&format!("U+{:04X}", u32::from(c))),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_fields_lose_what_could_hurt_a_terminal() {
        assert_eq!(strip_line("Open\nAI"), "Open AI");
        assert_eq!(strip_line("a\u{1}b \u{1b}[2Jred\u{7}\0"), "ab [2Jred");
        assert_eq!(
            strip_line("evil\u{202e}txt.exe\u{2066}x\u{2069}"),
            "eviltxt.exex"
        );
        assert_eq!(
            strip_line("Open\u{200b}AI\u{feff}\u{2060}\u{200d}"),
            "OpenAI"
        );
        assert_eq!(strip_line("tab\there\r\nline"), "tab here line");
        assert_eq!(strip_line("\u{85}C1\u{9b}"), "C1");
        assert!(matches!(strip_line("Plain Ørsted"), Cow::Borrowed(_)));
        assert_eq!(
            strip_text("line one\r\nline\ttwo\u{1b}[0m\rthree\u{200b}"),
            "line one\nline\ttwo[0m\nthree"
        );
        assert!(matches!(strip_text("two\nlines\tok"), Cow::Borrowed(_)));
        assert_eq!(name_key("Open\u{200b}AI"), name_key("openai"));
    }

    #[test]
    fn names_match_without_regard_to_case_or_composition() {
        let key = name_key("Deutsche Börse");
        for same in [
            "DEUTSCHE BÖRSE",
            "Deutsche Bo\u{308}rse",
            " deutsche börse ",
        ] {
            assert_eq!(name_key(same), key, "{same}");
        }
        assert_eq!(name_key("STRASSE"), name_key("Straße"));
        assert_eq!(name_key("ﬁnance"), name_key("Finance"));
        assert_ne!(name_key("Deutsche Borse"), key, "accents still count");
        assert_eq!(name_key("OpenAI\u{200e}"), name_key("Open\u{ad}AI"));
    }

    #[test]
    fn mojibake_is_repaired_and_real_accents_are_kept() {
        assert_eq!(fix_mojibake("CafÃ©"), "Café");
        assert_eq!(
            fix_mojibake("Helmholtz Zentrum MÃ¼nchen"),
            "Helmholtz Zentrum München"
        );
        assert_eq!(
            fix_mojibake("Magenta ComputacÃ\u{ad}on"),
            "Magenta Computacíon"
        );
        assert_eq!(fix_mojibake("Loweâ€™s"), "Lowe’s");
        // Twice wrongly saved.
        assert_eq!(fix_mojibake("CafÃƒÂ©"), "Café");
        for good in [
            "Deutsche Börse",
            "Lowe’s",
            "SÃO PAULO",
            "Яндекс",
            "Plain",
            "Café",
        ] {
            assert_eq!(fix_mojibake(good), good);
        }
    }

    #[test]
    fn html_tags_are_dropped_and_entities_decoded() {
        assert_eq!(strip_html("AT&amp;T"), "AT&T");
        assert_eq!(strip_html("<b>Acme</b> Corp"), "Acme Corp");
        assert_eq!(strip_html("XSS<img src=x onerror=prompt(\"1\")>"), "XSS");
        assert_eq!(strip_html("Caf&#233; &#xE9;&nbsp;x"), "Café é x");
        assert_eq!(strip_html("a < b and c > d"), "a < b and c > d");
        assert_eq!(
            strip_html("R&D; Johnson & Johnson &bogus;"),
            "R&D; Johnson & Johnson &bogus;"
        );
        assert_eq!(strip_html("&lt;b&gt;"), "<b>");
        assert_eq!(strip_html("<!-- note -->x"), "x");
    }

    #[test]
    fn every_named_entity_is_decoded_and_control_references_are_not() {
        assert_eq!(
            strip_html("Soci&eacute;t&eacute; G&eacute;n&eacute;rale"),
            "Société Générale"
        );
        assert_eq!(strip_html("a&#1;b"), "a&#1;b");
    }

    #[test]
    fn cells_are_trimmed_and_names_made_one_line() {
        assert_eq!(clean("  OpenAI \t"), "OpenAI");
        assert_eq!(clean(" two\nlines "), "two\nlines");
        assert_eq!(clean_line(" Media\n  Saturn\t"), "Media Saturn");
        assert_eq!(clean_line("<p>Bon-PrivÃ©</p> "), "Bon-Privé");
        assert_eq!(clean_line("Johnson &amp; Johnson"), "Johnson & Johnson");
        assert!(matches!(clean_line("Plain Name"), Cow::Borrowed(_)));
    }

    #[test]
    fn latin1_bytes_decode_as_windows_1252() {
        assert_eq!(decode_cp1252(b"Caf\xe9 \x80 \x92"), "Café € ’");
    }
}
