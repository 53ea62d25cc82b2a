//! What `deals sql` and `deals schema` show: rows of SQLite values under column
//! names, and the tables, views and full-text indexes with their columns.

use rusqlite::types::Value;

/// A value as text for tables and CSV: NULL is empty, a real keeps a decimal
/// point (`2.0`), a blob is lower-case hex.
pub fn value_text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::Integer(i) => i.to_string(),
        Value::Real(r) => real_text(*r),
        Value::Text(t) => t.clone(),
        Value::Blob(b) => hex(b),
    }
}

fn real_text(r: f64) -> String {
    if r.is_finite() && r.fract() == 0.0 && r.abs() < 1e15 {
        format!("{r:.1}")
    } else {
        r.to_string()
    }
}

/// Bytes as lower-case hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What kind of object a schema entry is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::Display, serde::Serialize,
)]
#[strum(serialize_all = "lowercase")]
#[serde(rename_all = "lowercase")]
pub enum ObjectKind {
    Table,
    View,
    /// An FTS5 virtual table.
    Fts,
    /// Any other virtual table.
    Virtual,
}

/// A table, view or full-text index; its JSON form is one object of
/// `deals schema --format json`: `kind` is `table`, `view`, `fts` (an FTS5
/// index) or `virtual`, and the columns nest under `columns`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SchemaObject {
    pub name: String,
    pub kind: ObjectKind,
    pub columns: Vec<SchemaColumn>,
}

/// A column as `PRAGMA table_info` describes it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SchemaColumn {
    pub name: String,
    /// The declared type; empty when none was declared.
    #[serde(rename = "type")]
    pub decl_type: String,
    pub not_null: bool,
    /// The default as SQL text, e.g. `'announced'`.
    pub default: Option<String>,
    /// Position in the primary key, from 1; 0 when not part of it.
    pub primary_key: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_as_text() {
        assert_eq!(value_text(&Value::Null), "");
        assert_eq!(value_text(&Value::Integer(38_000_000_000)), "38000000000");
        assert_eq!(value_text(&Value::Real(2.0)), "2.0");
        assert_eq!(value_text(&Value::Real(0.92)), "0.92");
        assert_eq!(value_text(&Value::Text("x".into())), "x");
        assert_eq!(value_text(&Value::Blob(vec![0, 0xab, 0x10])), "00ab10");
    }
}
