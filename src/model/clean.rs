//! Text from other people's exports made fit to store: UTF-8 that was read as
//! Latin-1 and saved again ("CafÃ©") repaired, stray HTML tags dropped and
//! entities (`&amp;`) decoded, white space trimmed.

use std::borrow::Cow;

/// Windows-1252 characters in 0x80..=0x9F (None: undefined in the code page).
const CP1252_HIGH: [Option<char>; 32] = [
    Some('€'),
    None,
    Some('‚'),
    Some('ƒ'),
    Some('„'),
    Some('…'),
    Some('†'),
    Some('‡'),
    Some('ˆ'),
    Some('‰'),
    Some('Š'),
    Some('‹'),
    Some('Œ'),
    None,
    Some('Ž'),
    None,
    None,
    Some('‘'),
    Some('’'),
    Some('“'),
    Some('”'),
    Some('•'),
    Some('–'),
    Some('—'),
    Some('˜'),
    Some('™'),
    Some('š'),
    Some('›'),
    Some('œ'),
    None,
    Some('ž'),
    Some('Ÿ'),
];

/// Bytes that are not UTF-8, read as Windows-1252 (a superset of Latin-1).
pub fn decode_cp1252(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => CP1252_HIGH[usize::from(b - 0x80)].unwrap_or(char::from(b)),
            _ => char::from(b),
        })
        .collect()
}

/// The Windows-1252 byte of a character, if it has one.
fn cp1252_byte(c: char) -> Option<u8> {
    match u32::from(c) {
        n @ 0..=0xFF => u8::try_from(n).ok(),
        _ => CP1252_HIGH
            .iter()
            .position(|&high| high == Some(c))
            .and_then(|i| u8::try_from(i + 0x80).ok()),
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

/// Decodes the HTML entities that exports leave in names and titles.
fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let decoded = after
            .find(';')
            .filter(|&end| end <= 10)
            .and_then(|end| entity(&after[..end]).map(|c| (c, end)));
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        return char::from_u32(code).filter(|c| !c.is_control());
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "ndash" => '–',
        "mdash" => '—',
        "rsquo" => '’',
        "lsquo" => '‘',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        _ => return None,
    })
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

#[cfg(test)]
mod tests {
    use super::*;

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
