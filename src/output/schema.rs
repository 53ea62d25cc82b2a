//! `deals schema`: each table, view and full-text index with its columns. Tables
//! and Markdown group the columns under a heading per object; JSON nests them;
//! CSV has one row per column.

use std::io::Write;

use serde::Serialize;

use super::Output;
use super::{BOLD, Format, Grid, json, paint};
use crate::error::Result;
use crate::model::sql::{SchemaColumn, SchemaObject};

/// One object in `deals schema --format json`.
#[derive(Debug, Serialize)]
pub struct ObjectJson<'a> {
    pub name: &'a str,
    /// `table`, `view`, `fts` (an FTS5 index) or `virtual`.
    pub kind: &'static str,
    pub columns: Vec<ColumnJson<'a>>,
}

#[derive(Debug, Serialize)]
pub struct ColumnJson<'a> {
    pub name: &'a str,
    /// The declared type; empty when none was declared.
    #[serde(rename = "type")]
    pub decl_type: &'a str,
    pub not_null: bool,
    /// The default as SQL text, e.g. `'announced'`.
    pub default: Option<&'a str>,
    /// Position in the primary key, from 1; 0 when not part of it.
    pub primary_key: u32,
}

impl<'a> ObjectJson<'a> {
    pub fn new(o: &'a SchemaObject) -> Self {
        ObjectJson {
            name: &o.name,
            kind: o.kind.as_str(),
            columns: o
                .columns
                .iter()
                .map(|c| ColumnJson {
                    name: &c.name,
                    decl_type: &c.decl_type,
                    not_null: c.not_null,
                    default: c.default.as_deref(),
                    primary_key: c.primary_key,
                })
                .collect(),
        }
    }
}

/// Writes the schema.
pub fn objects(o: &mut Output<'_>, objects: &[SchemaObject]) -> Result<()> {
    match o.format {
        Format::Json => json::write(
            o.out,
            &objects.iter().map(ObjectJson::new).collect::<Vec<_>>(),
        ),
        Format::Csv => {
            let mut grid = Grid::new(vec![
                "table",
                "kind",
                "column",
                "type",
                "not_null",
                "default",
                "primary_key",
            ]);
            for o in objects {
                for c in &o.columns {
                    grid.push(vec![
                        o.name.clone(),
                        o.kind.as_str().to_string(),
                        c.name.clone(),
                        c.decl_type.clone(),
                        u8::from(c.not_null).to_string(),
                        c.default.clone().unwrap_or_default(),
                        c.primary_key.to_string(),
                    ]);
                }
            }
            o.grid(&grid)
        }
        Format::Table | Format::Markdown => {
            for (i, object) in objects.iter().enumerate() {
                if i > 0 {
                    writeln!(o)?;
                }
                let heading = format!("{} ({})", object.name, object.kind.as_str());
                match o.format {
                    Format::Markdown => writeln!(o, "### {heading}\n")?,
                    _ => writeln!(o, "{}", paint(&heading, BOLD, o.style.color))?,
                }
                o.grid(&columns_grid(&object.columns))?;
            }
            Ok(())
        }
    }
}

fn columns_grid(columns: &[SchemaColumn]) -> Grid {
    let mut grid = Grid::new(vec!["COLUMN", "TYPE", "NOT NULL", "DEFAULT", "PK"]);
    for c in columns {
        grid.push(vec![
            c.name.clone(),
            c.decl_type.clone(),
            if c.not_null { "yes" } else { "" }.to_string(),
            c.default.clone().unwrap_or_default(),
            if c.primary_key > 0 {
                c.primary_key.to_string()
            } else {
                String::new()
            },
        ]);
    }
    grid
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::sql::ObjectKind;
    use crate::output::Style;

    fn sample() -> Vec<SchemaObject> {
        let column = |name: &str, t: &str, not_null, default: Option<&str>, pk| SchemaColumn {
            name: name.into(),
            decl_type: t.into(),
            not_null,
            default: default.map(String::from),
            primary_key: pk,
        };
        vec![
            SchemaObject {
                name: "deals".into(),
                kind: ObjectKind::Table,
                columns: vec![
                    column("id", "INTEGER", false, None, 1),
                    column("status", "TEXT", true, Some("'announced'"), 0),
                ],
            },
            SchemaObject {
                name: "deals_fts".into(),
                kind: ObjectKind::Fts,
                columns: vec![column("title", "", false, None, 0)],
            },
        ]
    }

    fn render(format: Format) -> String {
        let mut out = Vec::new();
        objects(
            &mut Output::new(&mut out, format, Style::default()),
            &sample(),
        )
        .unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn tables_are_grouped_by_object() {
        let text = render(Format::Table);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "deals (table)");
        assert!(
            lines[1].contains("COLUMN") && lines[1].contains("DEFAULT"),
            "{text}"
        );
        assert!(
            lines[4].contains("status")
                && lines[4].contains("yes")
                && lines[4].contains("'announced'")
        );
        assert_eq!(lines[5], "");
        assert_eq!(lines[6], "deals_fts (fts)");
        let md = render(Format::Markdown);
        assert!(
            md.starts_with("### deals (table)\n\n| COLUMN | TYPE |"),
            "{md}"
        );
    }

    #[test]
    fn json_and_csv() {
        let v: serde_json::Value = serde_json::from_str(&render(Format::Json)).unwrap();
        assert_eq!(v[0]["name"], "deals");
        assert_eq!(v[0]["kind"], "table");
        assert_eq!(v[0]["columns"][0]["primary_key"], 1);
        assert_eq!(v[0]["columns"][1]["type"], "TEXT");
        assert_eq!(v[0]["columns"][1]["not_null"], true);
        assert_eq!(v[0]["columns"][1]["default"], "'announced'");
        assert!(v[0]["columns"][0]["default"].is_null());
        assert_eq!(v[1]["kind"], "fts");
        assert_eq!(
            render(Format::Csv),
            "table,kind,column,type,not_null,default,primary_key\n\
             deals,table,id,INTEGER,0,,1\n\
             deals,table,status,TEXT,1,'announced',0\n\
             deals_fts,fts,title,,0,,0\n"
        );
    }
}
