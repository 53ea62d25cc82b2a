//! `deals schema`: each table, view and full-text index with its columns. Tables
//! and Markdown group the columns under a heading per object; JSON nests them;
//! CSV has one row per column.

use std::io::Write;

use super::Output;
use super::{BOLD, Format, IntoGrid, opt, paint};
use crate::error::Result;
use crate::model::sql::SchemaObject;

/// Writes the schema.
pub fn objects(o: &mut Output<'_>, objects: &[SchemaObject]) -> Result<()> {
    match o.format {
        Format::Json => o.json_list(objects),
        Format::Csv => {
            let columns = objects
                .iter()
                .flat_map(|t| t.columns.iter().map(move |c| (t, c)));
            o.grid(columns.grid(&[
                ("table", &|(t, _)| t.name.clone()),
                ("kind", &|(t, _)| t.kind.to_string()),
                ("column", &|(_, c)| c.name.clone()),
                ("type", &|(_, c)| c.decl_type.clone()),
                ("not_null", &|(_, c)| u8::from(c.not_null).to_string()),
                ("default", &|(_, c)| opt(&c.default)),
                ("primary_key", &|(_, c)| c.primary_key.to_string()),
            ]))
        }
        Format::Table | Format::Markdown => {
            for (i, object) in objects.iter().enumerate() {
                if i > 0 {
                    writeln!(o)?;
                }
                let heading = format!("{} ({})", object.name, object.kind);
                match o.format {
                    Format::Markdown => writeln!(o, "### {heading}\n")?,
                    _ => writeln!(o, "{}", paint(&heading, BOLD, o.style.color))?,
                }
                o.grid(object.columns.iter().grid(&[
                    ("COLUMN", &|c| c.name.clone()),
                    ("TYPE", &|c| c.decl_type.clone()),
                    ("NOT NULL", &|c| {
                        if c.not_null { "yes" } else { "" }.to_string()
                    }),
                    ("DEFAULT", &|c| opt(&c.default)),
                    ("PK", &|c| match c.primary_key {
                        0 => String::new(),
                        pk => pk.to_string(),
                    }),
                ]))?;
            }
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::sql::{ObjectKind, SchemaColumn};
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
