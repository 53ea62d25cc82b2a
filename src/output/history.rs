//! `deals history` output.

use serde_json::Value;

use super::Format;
use super::Output;
use crate::error::Result;
use crate::model::deal::Change;

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
        (None, Some(new)) if new.get("restored_from").is_some() => {
            format!("restored, undoing change {}", text(&new["restored_from"]))
        }
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

/// `deals history` written as the changes come (see [`super::stream::Stream`]).
pub struct Listing(super::stream::Stream);

impl Listing {
    pub fn new(format: Format) -> Listing {
        Listing(super::stream::Stream::new(
            format,
            vec!["id", "changed_at", "operation", "table", "key", "change"],
            vec!["ID", "AT", "OPERATION", "TABLE", "KEY", "CHANGE"],
        ))
    }

    /// Writes one change (or keeps it for its table page).
    pub fn push(&mut self, o: &mut Output<'_>, c: &Change) -> Result<()> {
        let row = || {
            vec![
                c.id.to_string(),
                c.changed_at.clone(),
                c.operation.clone(),
                c.table.clone(),
                c.key.clone(),
                summary(c),
            ]
        };
        self.0.push(o, c, row)
    }

    /// Writes the end of the listing.
    pub fn finish(self, o: &mut Output<'_>) -> Result<()> {
        self.0.finish(o)
    }
}
