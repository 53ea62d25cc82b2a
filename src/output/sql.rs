//! Rows of any query (`deals sql`) in the four formats. JSON keeps SQLite's types:
//! integers stay integers, reals stay floats, NULL is null, a blob is a hex string.
//! Columns holding only numbers are right-aligned in tables.

use std::collections::HashSet;
use std::io::Write;

use rusqlite::types::Value;
use serde::ser::{Serialize, SerializeMap, Serializer};

use super::Output;
use super::{Format, Grid, json};
use crate::error::Result;
use crate::model::sql::{ResultSet, hex, value_text};

/// Writes the rows of a result set.
pub fn rows(o: &mut Output<'_>, set: &ResultSet) -> Result<()> {
    match o.format {
        Format::Json => {
            let keys = json_keys(&set.columns);
            o.json_list(set.rows.iter().map(|values| RowJson {
                keys: &keys,
                values,
            }))
        }
        Format::Table if set.columns.is_empty() => Ok(()),
        _ => o.grid(&Grid {
            headers: set.columns.clone(),
            rows: set
                .rows
                .iter()
                .map(|row| row.iter().map(value_text).collect())
                .collect(),
            right: numeric_columns(set),
        }),
    }
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

/// For each column, whether it holds numbers and nothing else (NULL aside).
fn numeric_columns(set: &ResultSet) -> Vec<bool> {
    (0..set.columns.len())
        .map(|i| {
            let mut values = set
                .rows
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

    fn set() -> ResultSet {
        ResultSet {
            columns: vec![
                "slug".into(),
                "amount".into(),
                "rate".into(),
                "slug".into(),
                "b".into(),
            ],
            rows: vec![
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
        }
    }

    fn render(format: Format) -> String {
        let mut out = Vec::new();
        rows(&mut Output::new(&mut out, format, Style::default()), &set()).unwrap();
        String::from_utf8(out).unwrap()
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
