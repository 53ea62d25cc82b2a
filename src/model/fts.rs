//! Full-text search: what people type turned into an FTS5 query that cannot be
//! malformed, the hits a search returns, and the marked-up snippets of those hits.
//!
//! Every bare word becomes an FTS5 string (`"capacita"`), so punctuation and
//! FTS5 keywords in the text are searched for, never parsed. What the search box
//! keeps from FTS5: `word*` (prefix), `"a phrase"` (in double quotes, `*` after the
//! closing quote makes its last word a prefix) and upper-case `OR`, `AND`, `NOT`
//! between two terms. An unclosed quote closes at the end of the text; an operator
//! with no term on one side, parentheses and words with no letter or digit are
//! dropped. Accents are the tokenizer's business (`remove_diacritics 2`).

use super::ParseError;

/// Marks the start of a match inside a snippet as the database returns it: a
/// private-use character, so it never collides with text the renderers show.
pub const MATCH_START: char = '\u{E000}';
/// Marks the end of a match inside a snippet.
pub const MATCH_END: char = '\u{E001}';

/// One piece of a search query.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    /// A term already written as FTS5: `"word"` or `"a phrase"*`.
    Term(String),
    /// `OR`, `AND` or `NOT`.
    Operator(&'static str),
}

/// The FTS5 query for what the user typed; an error when nothing searchable is left.
///
/// ```
/// use deals::model::fts::query;
/// assert_eq!(query("capac* OR \"sette anni\"").unwrap(), "\"capac\"* OR \"sette anni\"");
/// assert_eq!(query("a OR").unwrap(), "\"a\"");
/// assert!(query("(").is_err());
/// ```
pub fn query(text: &str) -> Result<String, ParseError> {
    let mut out = String::new();
    let mut pending: Option<&'static str> = None;
    // FTS5 reads its query only up to a NUL, so a NUL separates words like a space.
    for piece in pieces(&text.replace('\0', " ")) {
        match piece {
            // Only between two terms; the last of several in a row wins (`a AND NOT b`).
            Piece::Operator(op) => pending = (!out.is_empty()).then_some(op),
            Piece::Term(term) => {
                if !out.is_empty() {
                    out.push(' ');
                    if let Some(op) = pending.take() {
                        out.push_str(op);
                        out.push(' ');
                    }
                }
                out.push_str(&term);
            }
        }
    }
    if out.is_empty() {
        return Err(ParseError::new(format!(
            "nothing to search for in '{}'; give words, \"a phrase\" or a prefix*",
            crate::model::clean::one_line(text)
        )));
    }
    Ok(out)
}

/// Splits the text into terms and operators.
fn pieces(text: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() || c == '(' || c == ')' {
            chars.next();
        } else if c == '"' {
            chars.next();
            let phrase: String = chars.by_ref().take_while(|&c| c != '"').collect();
            let mut prefix = false;
            while chars.next_if_eq(&'*').is_some() {
                prefix = true;
            }
            pieces.extend(term(&phrase, prefix));
        } else {
            let mut word = String::new();
            while let Some(c) =
                chars.next_if(|&c| !(c.is_whitespace() || matches!(c, '"' | '(' | ')')))
            {
                word.push(c);
            }
            if let Some(op) = ["OR", "AND", "NOT"].into_iter().find(|op| *op == word) {
                pieces.push(Piece::Operator(op));
            } else {
                let stem = word.trim_end_matches('*');
                pieces.extend(term(stem, stem.len() < word.len()));
            }
        }
    }
    pieces
}

/// A word or phrase as an FTS5 string; None when it holds nothing to index.
fn term(text: &str, prefix: bool) -> Option<Piece> {
    if !text.chars().any(char::is_alphanumeric) {
        return None;
    }
    let star = if prefix { "*" } else { "" };
    Some(Piece::Term(format!(
        "\"{}\"{star}",
        text.replace('"', "\"\"")
    )))
}

/// The PostgreSQL `tsquery` text of an FTS5 query as [`query`] writes it:
/// a phrase's words follow each other (`<->`), a prefix ends in `:*`, `AND`
/// and terms side by side are `&`, `OR` is `|`, `NOT` is `& !`. Each word is
/// quoted, so nothing in it is read as an operator; words are split where
/// FTS5's tokenizer splits them, at characters that are not letters or digits.
///
/// ```
/// use deals::model::fts::{query, tsquery};
/// assert_eq!(tsquery(&query("capac* OR \"sette anni\" NOT x").unwrap()),
///            "'capac':* | ('sette' <-> 'anni') & !'x'");
/// ```
pub fn tsquery(fts: &str) -> String {
    let mut out = String::new();
    let mut rest = fts.trim();
    let mut operator = "";
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('"') {
            let mut end = 0;
            let bytes = after.as_bytes();
            while end < bytes.len() {
                if bytes[end] == b'"' {
                    if bytes.get(end + 1) == Some(&b'"') {
                        end += 2;
                        continue;
                    }
                    break;
                }
                end += 1;
            }
            let phrase = after[..end.min(after.len())].replace("\"\"", "\"");
            rest = after.get(end + 1..).unwrap_or_default();
            let prefix = rest.starts_with('*');
            rest = rest.trim_start_matches('*').trim_start();
            let words: Vec<String> = phrase
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(|w| format!("'{}'", w.replace('\'', "''")))
                .collect();
            let Some(last) = words.len().checked_sub(1) else {
                continue;
            };
            let mut term = words.join(" <-> ");
            if prefix {
                term.push_str(":*");
            }
            if last > 0 {
                term = format!("({term})");
            }
            if !out.is_empty() {
                out.push_str(match operator {
                    "OR" => " | ",
                    "NOT" => " & !",
                    _ => " & ",
                });
            }
            out.push_str(&term);
            operator = "";
        } else {
            let (word, after) = rest.split_once(' ').unwrap_or((rest, ""));
            operator = match word {
                "OR" | "AND" | "NOT" => word,
                _ => operator,
            };
            rest = after.trim_start();
        }
    }
    out
}

/// What a search looks through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Scope {
    #[value(skip)]
    All,
    Articles,
    Deals,
}

/// Whether a hit is an article or a deal.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, strum::IntoStaticStr, strum::Display,
)]
#[strum(serialize_all = "lowercase")]
pub enum HitKind {
    Article,
    Deal,
}

/// One search result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub kind: HitKind,
    pub id: i64,
    pub slug: String,
    pub title: String,
    /// Text around the matches, each match between [`MATCH_START`] and [`MATCH_END`].
    pub snippet: String,
    /// The bm25 score: lower is a better match.
    pub rank: f64,
    /// For an article, the slugs of up to three deals it reports.
    pub deals: Vec<String>,
}

/// A snippet cut into `(is_match, text)` parts, on one line.
pub fn snippet_parts(snippet: &str) -> Vec<(bool, String)> {
    let mut parts: Vec<(bool, String)> = Vec::new();
    let mut inside = false;
    let mut current = String::new();
    let mut flush = |inside: bool, current: &mut String| {
        if !current.is_empty() {
            parts.push((inside, std::mem::take(current)));
        }
    };
    for c in snippet.chars() {
        match c {
            MATCH_START | MATCH_END => {
                flush(inside, &mut current);
                inside = c == MATCH_START;
            }
            '\n' | '\r' | '\t' => {
                if !current.ends_with(' ') {
                    current.push(' ');
                }
            }
            c => current.push(c),
        }
    }
    flush(inside, &mut current);
    parts
}

/// A snippet with each match between `open` and `close`: `…la [capacità] di…`.
pub fn mark_snippet(snippet: &str, open: &str, close: &str) -> String {
    snippet_parts(snippet)
        .into_iter()
        .map(|(hit, text)| {
            if hit {
                format!("{open}{text}{close}")
            } else {
                text
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_words_become_strings() {
        assert_eq!(query("capacita").unwrap(), "\"capacita\"");
        assert_eq!(query("  OpenAI   AWS ").unwrap(), "\"OpenAI\" \"AWS\"");
        assert_eq!(query("capacità").unwrap(), "\"capacità\"");
        assert_eq!(query("38B, $38").unwrap(), "\"38B,\" \"$38\"");
        assert_eq!(query("e-mail").unwrap(), "\"e-mail\"");
        assert_eq!(query("or and not").unwrap(), "\"or\" \"and\" \"not\"");
        assert_eq!(query("NEAR title:x").unwrap(), "\"NEAR\" \"title:x\"");
    }

    #[test]
    fn prefixes_and_phrases_are_kept() {
        assert_eq!(query("capac*").unwrap(), "\"capac\"*");
        assert_eq!(query("capac**").unwrap(), "\"capac\"*");
        assert_eq!(query("\"sette anni\"").unwrap(), "\"sette anni\"");
        assert_eq!(query("\"sette an\"*").unwrap(), "\"sette an\"*");
        assert_eq!(query("x\"y z\"w").unwrap(), "\"x\" \"y z\" \"w\"");
    }

    #[test]
    fn operators_only_between_terms() {
        assert_eq!(query("a OR b").unwrap(), "\"a\" OR \"b\"");
        assert_eq!(query("a AND b NOT c").unwrap(), "\"a\" AND \"b\" NOT \"c\"");
        assert_eq!(query("a AND NOT b").unwrap(), "\"a\" NOT \"b\"");
        assert_eq!(query("OR a").unwrap(), "\"a\"");
        assert_eq!(query("a OR").unwrap(), "\"a\"");
        assert_eq!(query("NOT a").unwrap(), "\"a\"");
    }

    #[test]
    fn malformed_fts_input_is_made_safe() {
        assert_eq!(query("\"unclosed").unwrap(), "\"unclosed\"");
        assert_eq!(query("(a OR b)").unwrap(), "\"a\" OR \"b\"");
        assert_eq!(query("a\"b").unwrap(), "\"a\" \"b\"");
        assert_eq!(query("a:*").unwrap(), "\"a:\"*");
        assert_eq!(query("a\0b").unwrap(), "\"a\" \"b\"");
        assert_eq!(query("\"a\0b\"").unwrap(), "\"a b\"");
        for nothing in [
            "",
            "   ",
            "AND",
            "(",
            ")",
            "\"\"",
            "a*".trim_start_matches('a'),
            "OR NOT",
            "- , !",
        ] {
            let err = query(nothing).unwrap_err();
            assert!(
                err.0.starts_with("nothing to search for"),
                "{nothing:?}: {err}"
            );
        }
    }

    #[test]
    fn snippets_are_marked_on_one_line() {
        let s = format!("…la {MATCH_START}capacità{MATCH_END} di\ncalcolo…");
        assert_eq!(mark_snippet(&s, "[", "]"), "…la [capacità] di calcolo…");
        assert_eq!(
            snippet_parts(&s),
            vec![
                (false, "…la ".to_string()),
                (true, "capacità".to_string()),
                (false, " di calcolo…".to_string())
            ]
        );
        assert_eq!(mark_snippet("plain", "[", "]"), "plain");
    }
}
