//! Rows of any query (`deals sql`) in the four formats. JSON keeps SQLite's types:
//! integers stay integers, reals stay floats, NULL is null, a blob is a hex string.
//! Columns holding only numbers are right-aligned in tables.

use std::collections::HashSet;
use std::io::Write;

use rusqlite::types::Value;
use serde::ser::{Serialize, SerializeMap, Serializer};

use super::{Format, Output, json, stream};
use crate::error::Result;
use crate::model::sql::{hex, value_text};

/// The rows of `deals sql` written as they come: JSON and CSV row by row; a
/// table or Markdown a page at a time (see [`stream::Rows`]), its numeric
/// columns right-aligned as the first page shows them.
pub struct Listing {
    columns: Vec<String>,
    to: To,
}

enum To {
    /// A table of a statement without columns shows nothing.
    Nothing,
    Json {
        keys: Vec<String>,
        items: stream::JsonItems,
    },
    /// Rows kept until the first page is full, then the page writer.
    Rows {
        sample: Vec<Vec<Value>>,
        rows: Option<stream::Rows>,
    },
}

impl Listing {
    pub fn new(format: Format, columns: &[String]) -> Listing {
        let to = match format {
            Format::Json => To::Json {
                keys: json_keys(columns),
                items: stream::JsonItems::default(),
            },
            Format::Table if columns.is_empty() => To::Nothing,
            _ => To::Rows {
                sample: Vec::new(),
                rows: None,
            },
        };
        Listing {
            columns: columns.to_vec(),
            to,
        }
    }

    /// Whether the statement has columns (a write without RETURNING has none).
    pub fn has_columns(&self) -> bool {
        !self.columns.is_empty()
    }

    /// Writes one row (or keeps it for its page).
    pub fn push(&mut self, o: &mut Output<'_>, values: Vec<Value>) -> Result<()> {
        match &mut self.to {
            To::Nothing => Ok(()),
            To::Json { keys, items } => items.item(
                o.out,
                &RowJson {
                    keys,
                    values: &values,
                },
            ),
            To::Rows {
                rows: Some(rows), ..
            } => rows.push(o, values.iter().map(value_text).collect()),
            To::Rows { sample, rows } => {
                sample.push(values);
                if sample.len() >= stream::PAGE {
                    *rows = Some(start(o, &self.columns, sample)?);
                }
                Ok(())
            }
        }
    }

    /// Writes what is left, and the end of the listing.
    pub fn finish(self, o: &mut Output<'_>) -> Result<()> {
        match self.to {
            To::Nothing => Ok(()),
            To::Json { items, .. } => items.finish(o.out),
            To::Rows {
                rows: Some(rows), ..
            } => rows.finish(o),
            To::Rows { mut sample, .. } => start(o, &self.columns, &mut sample)?.finish(o),
        }
    }
}

/// The page writer for `columns`, numeric columns right-aligned as `sample`
/// shows them, with the sample's rows handed to it.
fn start(
    o: &mut Output<'_>,
    columns: &[String],
    sample: &mut Vec<Vec<Value>>,
) -> Result<stream::Rows> {
    let mut rows = stream::Rows::new(columns.iter().map(String::as_str).collect());
    for (i, right) in numeric_columns(columns.len(), sample)
        .into_iter()
        .enumerate()
    {
        rows.align(i, right);
    }
    for values in sample.drain(..) {
        rows.push(o, values.iter().map(value_text).collect())?;
    }
    Ok(rows)
}
/// Writes how many rows `deals sql --write` changed, when its last statement
/// returned no rows: `3 rows changed.`, or `{"changes": 3}` in JSON.
pub fn changes(o: &mut Output<'_>, changes: u64) -> Result<()> {
    match o.format {
        Format::Json => json::write(o.out, &serde_json::json!({ "changes": changes })),
        Format::Csv => Ok(writeln!(o, "changes\n{changes}")?),
        Format::Markdown => Ok(writeln!(o, "| changes |\n| ---: |\n| {changes} |")?),
        Format::Table => Ok(writeln!(o, "{}", changes_text(changes))?),
    }
}

/// `1 row changed.`, `3 rows changed.`
pub fn changes_text(changes: u64) -> String {
    let rows = if changes == 1 { "row" } else { "rows" };
    format!("{changes} {rows} changed.")
}

/// For each of `columns` columns, whether `rows` hold numbers there and
/// nothing else (NULL aside).
fn numeric_columns(columns: usize, rows: &[Vec<Value>]) -> Vec<bool> {
    (0..columns)
        .map(|i| {
            let mut values = rows
                .iter()
                .filter_map(|r| r.get(i))
                .filter(|v| **v != Value::Null)
                .peekable();
            values.peek().is_some()
                && values.all(|v| matches!(v, Value::Integer(_) | Value::Real(_)))
        })
        .collect()
}

/// Column names as JSON keys: a repeated name gets `_2`, `_3`, ... so no key
/// hides another.
fn json_keys(columns: &[String]) -> Vec<String> {
    let mut seen = HashSet::new();
    columns
        .iter()
        .map(|name| {
            let mut key = name.clone();
            let mut n = 1;
            while !seen.insert(key.clone()) {
                n += 1;
                key = format!("{name}_{n}");
            }
            key
        })
        .collect()
}

/// One row as a JSON object, keys in column order.
struct RowJson<'a> {
    keys: &'a [String],
    values: &'a [Value],
}

impl Serialize for RowJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.keys.len()))?;
        for (key, value) in self.keys.iter().zip(self.values) {
            match value {
                Value::Null => map.serialize_entry(key, &())?,
                Value::Integer(i) => map.serialize_entry(key, i)?,
                Value::Real(r) => map.serialize_entry(key, r)?,
                Value::Text(t) => map.serialize_entry(key, t)?,
                Value::Blob(b) => map.serialize_entry(key, &hex(b))?,
            }
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::Style;

    /// Column names and rows.
    fn set() -> (Vec<String>, Vec<Vec<Value>>) {
        (
            vec![
                "slug".into(),
                "amount".into(),
                "rate".into(),
                "slug".into(),
                "b".into(),
            ],
            vec![
                vec![
                    Value::Text("a|b".into()),
                    Value::Integer(38_000_000_000),
                    Value::Real(0.92),
                    Value::Null,
                    Value::Blob(vec![1, 0xfe]),
                ],
                vec![
                    Value::Text("c".into()),
                    Value::Null,
                    Value::Real(2.0),
                    Value::Text("d".into()),
                    Value::Null,
                ],
            ],
        )
    }

    /// What the listing writes for `columns` and `rows`.
    fn write(format: Format, columns: &[String], rows: Vec<Vec<Value>>) -> String {
        let mut out = Vec::new();
        let mut o = Output::new(&mut out, format, Style::default());
        let mut listing = Listing::new(format, columns);
        for row in rows {
            listing.push(&mut o, row).unwrap();
        }
        listing.finish(&mut o).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn render(format: Format) -> String {
        let (columns, rows) = set();
        write(format, &columns, rows)
    }

    #[test]
    fn json_keeps_types_and_column_order() {
        let text = render(Format::Json);
        let first = text.find("\"slug\"").unwrap();
        assert!(
            first < text.find("\"amount\"").unwrap()
                && text.find("\"rate\"").unwrap() < text.find("\"slug_2\"").unwrap()
        );
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v[0]["amount"], serde_json::json!(38_000_000_000i64));
        assert!(v[0]["amount"].is_i64());
        assert!(v[1]["rate"].is_f64());
        assert_eq!(v[0]["rate"], 0.92);
        assert!(v[0]["slug_2"].is_null());
        assert_eq!(v[0]["b"], "01fe");
        assert_eq!(v[1]["slug_2"], "d");
    }

    #[test]
    fn csv_markdown_and_table() {
        assert_eq!(
            render(Format::Csv),
            "slug,amount,rate,slug,b\na|b,38000000000,0.92,,01fe\nc,,2.0,d,\n"
        );
        assert_eq!(
            render(Format::Markdown),
            "| slug | amount | rate | slug | b |\n| --- | ---: | ---: | --- | --- |\n| a\\|b | 38000000000 | 0.92 |  | 01fe |\n| c |  | 2.0 | d |  |\n"
        );
        let table = render(Format::Table);
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines.len(), 4, "{table}");
        assert!(lines[0].contains("slug") && lines[0].contains("amount"));
        assert!(
            lines[3].contains("        2.0"),
            "reals right-aligned: {table}"
        );
    }

    #[test]
    fn long_listings_are_written_as_one_piece() {
        // Past the first page: numbers stay right-aligned, later pages line up
        // with the first, JSON is one array.
        let columns = vec!["n".to_string(), "word".to_string()];
        let rows = |n: i64| {
            (0..n)
                .map(|i| {
                    vec![
                        Value::Integer(i % 1000 * 7),
                        Value::Text("w".repeat(i as usize % 4)),
                    ]
                })
                .collect::<Vec<_>>()
        };
        let n = stream::PAGE as i64 * 2 + 5;
        let table = write(Format::Table, &columns, rows(n));
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(
            lines.len() as i64,
            n + 2,
            "one header and rule: {}",
            &table[..200]
        );
        let widths: HashSet<usize> = lines.iter().map(|l| l.find('w').unwrap_or(0)).collect();
        assert!(widths.len() <= 2, "columns line up across pages");
        assert!(lines[2].trim_start().starts_with('0') && lines[2].starts_with(' '));
        let json: serde_json::Value =
            serde_json::from_str(&write(Format::Json, &columns, rows(n))).unwrap();
        assert_eq!(json.as_array().unwrap().len() as i64, n);
        assert_eq!(json[n as usize - 1]["n"], (n - 1) % 1000 * 7);
        let csv = write(Format::Csv, &columns, rows(n));
        assert_eq!(csv.lines().count() as i64, n + 1);
        assert_eq!(write(Format::Json, &columns, Vec::new()), "[]\n");
        assert_eq!(write(Format::Table, &[], Vec::new()), "");
    }

    #[test]
    fn change_counts() {
        let mut out = Vec::new();
        changes(
            &mut Output::new(&mut out, Format::Table, Style::default()),
            1,
        )
        .unwrap();
        changes(
            &mut Output::new(&mut out, Format::Json, Style::default()),
            3,
        )
        .unwrap();
        changes(&mut Output::new(&mut out, Format::Csv, Style::default()), 3).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "1 row changed.\n{\n  \"changes\": 3\n}\nchanges\n3\n"
        );
    }
}
