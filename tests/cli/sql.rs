//! `deals sql` and `deals schema`: formats, read-only refusals, --write in one
//! transaction, errors on one line.

use assert_cmd::Command;

use crate::util::Sandbox;
use serde_json::{Value, json};

/// A fresh seeded database in a clean environment.
fn sandbox() -> Sandbox {
    Sandbox::seeded()
}

fn deals(tmp: &Sandbox) -> Command {
    tmp.cmd()
}

fn stdout(tmp: &Sandbox, args: &[&str]) -> String {
    let out = deals(tmp).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Runs a failing command; returns its exit code and its one-line stderr.
fn failure(tmp: &Sandbox, args: &[&str], stdin: &str) -> (i32, String) {
    let out = deals(tmp).args(args).write_stdin(stdin).output().unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
    (out.status.code().unwrap(), err)
}

fn count(tmp: &Sandbox, table: &str) -> i64 {
    let sql = format!("SELECT count(*) AS n FROM {table}");
    let rows: Value = serde_json::from_str(&stdout(tmp, &["sql", "-f", "json", &sql])).unwrap();
    rows[0]["n"].as_i64().unwrap()
}

#[test]
fn json_keeps_sqlite_types_in_column_order() {
    // About the SQLite console's authorizer and its several statements per call.
    crate::sqlite_only!();
    let tmp = sandbox();
    let text = stdout(
        &tmp,
        &[
            "sql",
            "-f",
            "json",
            "SELECT 1 AS skipped; SELECT value_amount AS amount, 0.92 AS rate, NULL AS empty, x'cafe' AS bytes, slug FROM deals WHERE slug = 'openai-aws-compute-2025'",
        ],
    );
    let rows: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        rows,
        json!([{"amount": 38_000_000_000i64, "rate": 0.92, "empty": null, "bytes": "cafe", "slug": "openai-aws-compute-2025"}])
    );
    assert!(rows[0]["amount"].is_i64());
    assert!(text.find("amount").unwrap() < text.find("slug").unwrap());
}

#[test]
fn every_format_and_sql_from_stdin() {
    let tmp = sandbox();
    let sql = "SELECT slug, term_months FROM deals WHERE slug = 'openai-aws-compute-2025'";
    assert_eq!(
        stdout(&tmp, &["sql", "-f", "csv", sql]),
        "slug,term_months\nopenai-aws-compute-2025,84\n"
    );
    assert_eq!(
        stdout(&tmp, &["sql", "-f", "markdown", sql]),
        "| slug | term_months |\n| --- | ---: |\n| openai-aws-compute-2025 | 84 |\n"
    );
    let table = stdout(&tmp, &["sql", sql]);
    assert!(
        table.lines().next().unwrap().contains("term_months"),
        "{table}"
    );
    assert!(table.contains("openai-aws-compute-2025"));
    let piped = deals(&tmp)
        .args(["sql", "-f", "csv"])
        .write_stdin(sql)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(piped.stdout).unwrap(),
        "slug,term_months\nopenai-aws-compute-2025,84\n"
    );
}

#[test]
fn read_only_refuses_writes_by_name() {
    // About the SQLite console's authorizer and its several statements per call.
    crate::sqlite_only!();
    let tmp = sandbox();
    let deals_before = count(&tmp, "deals");
    let cases = [
        ("DELETE FROM deals", "DELETE from deals"),
        ("UPDATE deals SET title = 'x'", "UPDATE of deals"),
        (
            "INSERT INTO deal_tags VALUES (1, 'x')",
            "INSERT into deal_tags",
        ),
        ("CREATE TABLE t (x)", "CREATE TABLE t"),
        ("CREATE TEMP TABLE t (x)", "CREATE TEMP TABLE t"),
        ("DROP VIEW deal_overview", "DROP VIEW deal_overview"),
        ("ALTER TABLE deals ADD COLUMN y", "ALTER TABLE deals"),
        ("ATTACH 'other.db' AS other", "ATTACH"),
        ("VACUUM", "VACUUM"),
        ("VACUUM INTO 'copy.db'", "VACUUM"),
        (
            "PRAGMA journal_mode = delete",
            "PRAGMA journal_mode = delete",
        ),
        ("PRAGMA query_only = 0", "PRAGMA query_only = 0"),
        ("SELECT load_extension('x')", "load_extension()"),
        ("BEGIN", "BEGIN"),
        ("SELECT 1; DELETE FROM deals", "DELETE from deals"),
    ];
    for (sql, what) in cases {
        let (code, err) = failure(&tmp, &["sql", sql], "");
        assert_eq!(code, 2, "{sql}: {err}");
        assert!(
            err.starts_with(&format!("error: deals sql is read-only: {what} refused")),
            "{sql}: {err}"
        );
    }
    assert!(!tmp.root().join("copy.db").exists());
    assert_eq!(count(&tmp, "deals"), deals_before);
    let (_, err) = failure(&tmp, &["sql", "DELETE FROM deals"], "");
    assert!(
        err.trim_end()
            .ends_with("; use --write to change the database"),
        "{err}"
    );
    for allowed in [
        "PRAGMA table_info(deals)",
        "PRAGMA index_list(deals)",
        "PRAGMA user_version",
        "SELECT * FROM pragma_table_list",
    ] {
        stdout(&tmp, &["sql", allowed]);
    }
}

#[test]
fn write_runs_everything_in_one_transaction() {
    // About the SQLite console's authorizer and its several statements per call.
    crate::sqlite_only!();
    let tmp = sandbox();
    let out = stdout(
        &tmp,
        &[
            "sql",
            "--write",
            "INSERT INTO deal_tags VALUES (1, 'compute'), (2, 'compute'); UPDATE deals SET notes = 'checked' WHERE id = 3",
        ],
    );
    assert_eq!(out, "3 rows changed.\n");
    assert_eq!(count(&tmp, "deal_tags WHERE tag = 'compute'"), 2);
    let json = stdout(
        &tmp,
        &[
            "sql",
            "--write",
            "-f",
            "json",
            "DELETE FROM deal_tags WHERE tag = 'compute'",
        ],
    );
    assert_eq!(
        serde_json::from_str::<Value>(&json).unwrap(),
        json!({"changes": 2})
    );

    let (code, err) = failure(
        &tmp,
        &[
            "sql",
            "--write",
            "INSERT INTO deal_tags VALUES (1, 'kept?'); INSERT INTO deals (slug) VALUES ('x')",
        ],
        "",
    );
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("NOT NULL constraint failed"), "{err}");
    assert_eq!(
        count(&tmp, "deal_tags WHERE tag = 'kept?'"),
        0,
        "nothing of a failed run lands"
    );
    let (code, err) = failure(
        &tmp,
        &["sql", "--write", "DELETE FROM deal_tags; COMMIT"],
        "",
    );
    assert_eq!(code, 2);
    assert!(err.contains("COMMIT refused, even with --write"), "{err}");
}

#[test]
fn empty_input_and_sql_errors_are_one_line() {
    // About the SQLite console's authorizer and its several statements per call.
    crate::sqlite_only!();
    let tmp = sandbox();
    assert_eq!(failure(&tmp, &["sql", ""], "").0, 2);
    assert_eq!(failure(&tmp, &["sql"], "  -- nothing\n").0, 2);
    let (code, err) = failure(&tmp, &["sql", "SELEC 1"], "");
    assert_eq!(
        (code, err.as_str()),
        (1, "error: sql: near \"SELEC\": syntax error\n")
    );
    let (code, err) = failure(&tmp, &["sql", "SELECT *\n  FROM nowhere"], "");
    assert_eq!(
        (code, err.as_str()),
        (1, "error: sql: no such table: nowhere\n")
    );
}

#[test]
fn schema_lists_tables_views_and_fts_with_columns() {
    // About the SQLite console's authorizer and its several statements per call.
    crate::sqlite_only!();
    let tmp = sandbox();
    let objects: Value = serde_json::from_str(&stdout(&tmp, &["schema", "-f", "json"])).unwrap();
    let objects = objects.as_array().unwrap();
    let find = |name: &str| objects.iter().find(|o| o["name"] == name);
    assert_eq!(find("deals").unwrap()["kind"], "table");
    assert_eq!(find("deal_overview").unwrap()["kind"], "view");
    assert_eq!(find("articles_fts").unwrap()["kind"], "fts");
    for hidden in [
        "refinery_schema_history",
        "articles_fts_data",
        "deals_fts_idx",
        "deals_fts_docsize",
        "articles_fts_config",
    ] {
        assert!(find(hidden).is_none(), "{hidden}");
    }
    let slug = &find("deals").unwrap()["columns"][1];
    assert_eq!(
        slug,
        &json!({"name": "slug", "type": "TEXT", "not_null": true, "default": null, "primary_key": 0})
    );
    let table = stdout(&tmp, &["schema"]);
    assert!(table.starts_with("articles (table)\n"), "{table}");
    assert!(table.contains("\ndeal_overview (view)\n"));
    let csv = stdout(&tmp, &["schema", "-f", "csv"]);
    assert!(csv.starts_with("table,kind,column,type,not_null,default,primary_key\n"));
    assert!(
        csv.contains("\ndeals,table,status,TEXT,1,'announced',0\n"),
        "{csv}"
    );
    assert!(
        stdout(&tmp, &["schema", "-f", "markdown"]).contains("### deals (table)\n\n| COLUMN |")
    );
}

#[test]
fn rows_of_a_write_that_is_rolled_back_are_never_shown() {
    // About the SQLite console's authorizer and its several statements per call.
    crate::sqlite_only!();
    let tmp = sandbox();
    let out = deals(&tmp)
        .args([
            "--format",
            "json",
            "sql",
            "--write",
            "CREATE TABLE p (id INTEGER PRIMARY KEY);
             CREATE TABLE c (p REFERENCES p DEFERRABLE INITIALLY DEFERRED);
             INSERT INTO c VALUES (5) RETURNING p",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        out.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("FOREIGN KEY constraint failed"), "{stderr}");
    assert_eq!(count(&tmp, "sqlite_master WHERE name IN ('p', 'c')"), 0);
}
