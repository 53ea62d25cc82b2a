//! Figures found in an article: `article extract`.
//!
//! JSON (documented keys): an array of `{amount, high, currency, qualifier,
//! text, sentence, companies}`: amount in whole units (for a range, its low
//! end), high the high end of a range ("between $10bn and $15bn") in whole
//! units, null for a single figure, currency an ISO code or null
//! when the text names none, qualifier exact|approx|at-least|up-to, text the
//! figure as written, sentence the whole sentence, companies the canonical
//! names of the known companies the sentence names, in order.

use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};

use super::Output;
use super::{Format, IntoGrid, opt};
use crate::error::Result;
use crate::model::extract::Extracted;
use crate::model::{Figure, Qualifier};

pub struct FigureJson<'a>(pub &'a Extracted);

impl Serialize for FigureJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let (found, figure) = (self.0, &self.0.figure);
        let mut m = s.serialize_struct("Figure", 7)?;
        m.serialize_field("amount", &figure.amount)?;
        m.serialize_field("high", &found.high)?;
        m.serialize_field("currency", &figure.currency.as_ref().map(|c| c.as_str()))?;
        m.serialize_field("qualifier", figure.qualifier.as_str())?;
        m.serialize_field("text", &found.text)?;
        m.serialize_field("sentence", &found.sentence)?;
        m.serialize_field("companies", &found.companies)?;
        m.end()
    }
}

/// Most characters of a sentence a table shows.
const SENTENCE_CHARS: usize = 80;

/// Writes the figures: JSON and CSV with raw amounts and whole sentences;
/// tables and Markdown with compact amounts ("$38.0B", "1.4B" without a
/// currency) and, in tables, the part of the sentence around the figure.
pub fn figures(o: &mut Output<'_>, found: &[Extracted]) -> Result<()> {
    let table = o.format == Format::Table;
    let grid = match o.format {
        Format::Json => return o.json_list(found.iter().map(FigureJson)),
        Format::Csv => found.grid(&[
            ("text", &|f| f.text.clone()),
            ("amount", &|f| f.figure.amount.to_string()),
            ("high", &|f| opt(&f.high)),
            ("currency", &|f| opt(&f.figure.currency)),
            ("qualifier", &|f| f.figure.qualifier.to_string()),
            ("companies", &|f| f.companies.join("; ")),
            ("sentence", &|f| f.sentence.clone()),
        ]),
        Format::Table | Format::Markdown => found.grid(&[
            ("TEXT", &|f| f.text.clone()),
            ("AMOUNT", &|f| amount(f)),
            ("QUALIFIER", &|f| f.figure.qualifier.to_string()),
            ("COMPANIES", &|f| f.companies.join(", ")),
            ("SENTENCE", &|f| match table {
                true => excerpt(&f.sentence, &f.text, SENTENCE_CHARS),
                false => f.sentence.clone(),
            }),
        ]),
    };
    o.grid(grid)
}

/// The compact amount without its qualifier, which has its own column; a
/// range as its two ends: "$10.0B–$15.0B".
fn amount(found: &Extracted) -> String {
    let compact = |amount: i64| {
        Figure {
            amount,
            qualifier: Qualifier::Exact,
            ..found.figure
        }
        .compact()
    };
    match found.high {
        Some(high) => format!("{}–{}", compact(found.figure.amount), compact(high)),
        None => compact(found.figure.amount),
    }
}

/// At most `width` characters of `sentence`, chosen to show `text` with a
/// little of what comes before it; cuts are marked with "…".
fn excerpt(sentence: &str, text: &str, width: usize) -> String {
    let chars: Vec<char> = sentence.chars().collect();
    if chars.len() <= width || width < 3 {
        return sentence.to_string();
    }
    let at = sentence
        .find(text)
        .map_or(0, |byte| sentence[..byte].chars().count());
    let len = text.chars().count();
    // Some context before the figure, but never so much that it is cut off.
    let lead = (width / 4).min(width.saturating_sub(len + 2));
    let start = at.saturating_sub(lead).min(chars.len() - width);
    let end = start + width;
    let mut shown = String::new();
    if start > 0 {
        shown.push('…');
    }
    let inner_start = if start > 0 { start + 1 } else { start };
    let inner_end = if end < chars.len() { end - 1 } else { end };
    let inner: String = chars[inner_start..inner_end].iter().collect();
    match (start > 0, end < chars.len()) {
        (true, true) => shown.push_str(inner.trim()),
        (true, false) => shown.push_str(inner.trim_start()),
        (false, true) => shown.push_str(inner.trim_end()),
        (false, false) => shown.push_str(&inner),
    }
    if end < chars.len() {
        shown.push('…');
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Currency, Language};
    use crate::output::Style;

    fn found(text: &str, sentence: &str) -> Extracted {
        Extracted {
            figure: Figure::parse_in(text, Language::Italian).unwrap(),
            high: None,
            text: text.into(),
            sentence: sentence.into(),
            companies: vec!["OpenAI".into(), "Amazon Web Services".into()],
        }
    }

    fn render(format: Format, rows: &[Extracted]) -> String {
        let mut out = Vec::new();
        figures(&mut Output::new(&mut out, format, Style::default()), rows).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn json_carries_raw_values_and_null_currencies() {
        let rows = [
            found(
                "circa 1,4 miliardi di dollari",
                "Per circa 1,4 miliardi di dollari.",
            ),
            found("38 Miliardi", "Accordo da 38 Miliardi"),
        ];
        let value: serde_json::Value = serde_json::from_str(&render(Format::Json, &rows)).unwrap();
        assert_eq!(
            value[0],
            serde_json::json!({
                "amount": 1_400_000_000_i64,
                "high": null,
                "currency": "USD",
                "qualifier": "approx",
                "text": "circa 1,4 miliardi di dollari",
                "sentence": "Per circa 1,4 miliardi di dollari.",
                "companies": ["OpenAI", "Amazon Web Services"],
            })
        );
        assert_eq!(value[1]["currency"], serde_json::Value::Null);
    }

    #[test]
    fn tables_show_compact_amounts_and_csv_raw_ones() {
        let rows = [
            found(
                "oltre 13 miliardi di dollari",
                "Investito oltre 13 miliardi di dollari.",
            ),
            found("1,4 miliardi", "Accordo da 1,4 miliardi."),
        ];
        let table = render(Format::Table, &rows);
        assert!(table.contains("$13.0B"), "{table}");
        assert!(table.contains(" 1.4B"), "{table}");
        assert!(table.contains("at-least"), "{table}");
        assert!(table.lines().next().unwrap().contains("SENTENCE"));
        let csv = render(Format::Csv, &rows);
        assert!(csv.starts_with("text,amount,high,currency,qualifier,companies,sentence\n"));
        assert!(csv.contains(
            "oltre 13 miliardi di dollari,13000000000,,USD,at-least,OpenAI; Amazon Web Services,"
        ));
        assert!(csv.contains("1,4 miliardi\",1400000000,,,exact"), "{csv}");
        let markdown = render(Format::Markdown, &rows);
        assert!(markdown.starts_with("| TEXT | AMOUNT | QUALIFIER | COMPANIES | SENTENCE |"));
        assert_eq!(Currency::USD.symbol(), Some("$"));
    }

    #[test]
    fn long_sentences_are_cut_around_the_figure() {
        let short = "Accordo da 38 miliardi.";
        assert_eq!(excerpt(short, "38 miliardi", 80), short);
        let long = format!(
            "{} 38 miliardi di dollari {}",
            "a".repeat(100),
            "b".repeat(100)
        );
        let shown = excerpt(&long, "38 miliardi di dollari", 40);
        assert!(shown.chars().count() <= 40);
        assert!(shown.starts_with('…') && shown.ends_with('…'), "{shown}");
        assert!(shown.contains("38 miliardi di dollari"), "{shown}");
        let end = format!("{} 5 miliardi.", "a".repeat(100));
        let shown = excerpt(&end, "5 miliardi", 40);
        assert!(
            shown.starts_with('…') && shown.ends_with("5 miliardi."),
            "{shown}"
        );
        assert_eq!(shown.chars().count(), 40);
        let start = format!("5 miliardi {}", "a".repeat(100));
        assert!(excerpt(&start, "5 miliardi", 40).starts_with("5 miliardi"));
    }
}
