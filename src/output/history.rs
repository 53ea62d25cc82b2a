//! `deals history` output.

use serde::Serialize;
use serde_json::Value;

use super::Output;
use super::{Format, Grid, json};
use crate::error::Result;
use crate::model::deal::Change;

#[derive(Serialize)]
struct ChangeJson<'a> {
    id: i64,
    changed_at: &'a str,
    table: &'a str,
    key: &'a str,
    operation: &'a str,
    deal_id: Option<i64>,
    company_id: Option<i64>,
    old: &'a Option<Value>,
    new: &'a Option<Value>,
}

/// Columns that change on every write and say nothing by themselves.
const NOISE: &[&str] = &["updated_at"];

/// What a change did, in a few words: the fields an update changed, or what a
/// row was.
pub fn summary(change: &Change) -> String {
    let text = |v: &Value| match v {
        Value::String(s) => s.clone(),
        Value::Null => "∅".to_string(),
        other => other.to_string(),
    };
    match (&change.old, &change.new) {
        (Some(Value::Object(old)), Some(Value::Object(new))) => {
            let mut parts = Vec::new();
            for (key, after) in new {
                let before = old.get(key).unwrap_or(&Value::Null);
                if before != after && !NOISE.contains(&key.as_str()) {
                    parts.push(format!("{key}: {} → {}", text(before), text(after)));
                }
            }
            if parts.is_empty() {
                "no visible change".into()
            } else {
                parts.join("; ")
            }
        }
        (None, None) => "added".into(),
        (old, new) => {
            let row = new.as_ref().or(old.as_ref());
            let label = ["title", "name", "alias", "tag", "role", "kind", "quote"]
                .iter()
                .find_map(|k| row.and_then(|r| r.get(*k)).map(text))
                .unwrap_or_default();
            label.chars().take(80).collect()
        }
    }
}

pub fn write(o: &mut Output<'_>, changes: &[Change]) -> Result<()> {
    if o.format == Format::Json {
        let rows: Vec<ChangeJson<'_>> = changes
            .iter()
            .map(|c| ChangeJson {
                id: c.id,
                changed_at: &c.changed_at,
                table: &c.table,
                key: &c.key,
                operation: &c.operation,
                deal_id: c.deal_id,
                company_id: c.company_id,
                old: &c.old,
                new: &c.new,
            })
            .collect();
        return json::write(o.out, &rows);
    }
    let headers = match o.format {
        Format::Csv => ["id", "changed_at", "operation", "table", "key", "change"],
        _ => ["ID", "AT", "OPERATION", "TABLE", "KEY", "CHANGE"],
    };
    let mut grid = Grid::new(headers.to_vec());
    for c in changes {
        grid.push(vec![
            c.id.to_string(),
            c.changed_at.clone(),
            c.operation.clone(),
            c.table.clone(),
            c.key.clone(),
            summary(c),
        ]);
    }
    o.grid(&grid)
}
