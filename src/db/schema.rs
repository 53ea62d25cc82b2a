//! `deals schema`: the tables, views and full-text indexes SQL users see, with
//! their columns. SQLite's own tables, refinery's history and the shadow tables
//! behind each FTS5 index are left out.

use crate::db::{Conn, Row};

use crate::error::Result;
use crate::model::sql::{ObjectKind, SchemaColumn, SchemaObject};

/// The tables an FTS5 index `x` keeps its data in: `x_data`, `x_idx`, ...
const FTS5_SHADOWS: &[&str] = &["data", "idx", "docsize", "config", "content"];

/// Tables that belong to the machinery, not to the data.
const HIDDEN: &[&str] = &["refinery_schema_history"];

/// Every table, view and full-text index, by name, with its columns. On
/// PostgreSQL they come from the catalog of the current schema: its tables and
/// views (the full-text index is a column there, `search_vector`).
pub fn objects(conn: &Conn) -> Result<Vec<SchemaObject>> {
    let (list, columns) = match conn.postgres() {
        None => (SQLITE_OBJECTS, SQLITE_COLUMNS),
        Some(_) => (POSTGRES_OBJECTS, POSTGRES_COLUMNS),
    };
    let entries: Vec<(String, String, String)> = conn
        .prepare_cached(list)?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    let kind = |kind: &str, sql: &str| {
        let sql = sql.to_ascii_lowercase();
        match kind {
            "view" => ObjectKind::View,
            _ if !sql.starts_with("create virtual table") => ObjectKind::Table,
            _ if sql.contains("using fts5") => ObjectKind::Fts,
            _ => ObjectKind::Virtual,
        }
    };
    let fts: Vec<&str> = entries
        .iter()
        .filter(|(_, k, sql)| kind(k, sql) == ObjectKind::Fts)
        .map(|(name, _, _)| name.as_str())
        .collect();
    let shadow = |name: &str| {
        fts.iter().any(|index| {
            name.strip_prefix(index)
                .and_then(|rest| rest.strip_prefix('_'))
                .is_some_and(|suffix| FTS5_SHADOWS.contains(&suffix))
        })
    };
    let mut columns = conn.prepare_cached(columns)?;
    let mut objects = Vec::new();
    for (name, k, sql) in &entries {
        if HIDDEN.contains(&name.as_str()) || shadow(name) {
            continue;
        }
        objects.push(SchemaObject {
            name: name.clone(),
            kind: kind(k, sql),
            // The name is bound, never written into SQL.
            columns: columns.query_map([name], column_row)?,
        });
    }
    Ok(objects)
}

/// (name, type, SQL) of every table and view.
const SQLITE_OBJECTS: &str = "SELECT name, type, coalesce(sql, '') FROM sqlite_master
     WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
     ORDER BY name";
const POSTGRES_OBJECTS: &str = "SELECT table_name::text,
            CASE WHEN table_type = 'VIEW' THEN 'view' ELSE 'table' END, ''
       FROM information_schema.tables
      WHERE table_schema = current_schema() ORDER BY table_name";

/// The columns of table `?1`, as [`column_row`] reads them.
const SQLITE_COLUMNS: &str =
    "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?1) ORDER BY cid";
const POSTGRES_COLUMNS: &str = "SELECT c.column_name::text, upper(c.data_type::text),
            c.is_nullable = 'NO', c.column_default::text,
            EXISTS (SELECT 1 FROM information_schema.key_column_usage k
                      JOIN information_schema.table_constraints t
                        ON t.constraint_name = k.constraint_name
                       AND t.table_schema = k.table_schema
                     WHERE t.constraint_type = 'PRIMARY KEY'
                       AND k.table_schema = c.table_schema AND k.table_name = c.table_name
                       AND k.column_name = c.column_name)
       FROM information_schema.columns c
      WHERE c.table_schema = current_schema() AND c.table_name = ?1
      ORDER BY c.ordinal_position";

/// A column from (name, type, not null, default, position in the primary key).
fn column_row(r: &Row<'_>) -> Result<SchemaColumn> {
    Ok(SchemaColumn {
        name: r.get(0)?,
        decl_type: r.get(1)?,
        not_null: r.get(2)?,
        default: r.get(3)?,
        primary_key: r.get(4)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;

    #[test]
    fn tables_views_and_fts_without_the_machinery() {
        let db = Db::open_in_memory().unwrap();
        let objects = objects(db.conn()).unwrap();
        let names: Vec<&str> = objects.iter().map(|o| o.name.as_str()).collect();
        for expected in [
            "articles",
            "articles_fts",
            "deals",
            "deals_fts",
            "deal_overview",
            "company_deals",
            "fx_rates",
        ] {
            assert!(names.contains(&expected), "{expected}: {names:?}");
        }
        for hidden in [
            "refinery_schema_history",
            "articles_fts_data",
            "deals_fts_idx",
            "deals_fts_docsize",
            "deals_fts_config",
            "sqlite_sequence",
        ] {
            assert!(!names.contains(&hidden), "{hidden}");
        }
        let kind = |n: &str| objects.iter().find(|o| o.name == n).unwrap().kind;
        assert_eq!(kind("deals"), ObjectKind::Table);
        assert_eq!(kind("deals_fts"), ObjectKind::Fts);
        assert_eq!(kind("deal_overview"), ObjectKind::View);

        let deals = objects.iter().find(|o| o.name == "deals").unwrap();
        let id = &deals.columns[0];
        assert_eq!(
            (id.name.as_str(), id.decl_type.as_str(), id.primary_key),
            ("id", "INTEGER", 1)
        );
        let status = deals.columns.iter().find(|c| c.name == "status").unwrap();
        assert!(status.not_null);
        assert_eq!(status.default.as_deref(), Some("'announced'"));
        let fts = objects.iter().find(|o| o.name == "articles_fts").unwrap();
        let fts_columns: Vec<&str> = fts.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(fts_columns, ["title", "body", "search_folded"]);
        let cjk = objects.iter().find(|o| o.name == "articles_cjk").unwrap();
        assert_eq!(cjk.kind, ObjectKind::Fts);
        let parties = objects.iter().find(|o| o.name == "deal_parties").unwrap();
        let keys: Vec<u32> = parties.columns.iter().map(|c| c.primary_key).collect();
        assert_eq!(keys, [1, 2, 3]);
    }
}
