//! Audit history, restore, and upgrading a database made by the first schema.

use crate::util::{AWS_DEAL, NEWS_ARTICLE, Sandbox, dump_db};

#[test]
fn rm_then_restore_gives_back_the_same_deal() {
    let s = Sandbox::seeded();
    let table = s.stdout(&["show", AWS_DEAL]);
    let json = s.stdout(&["show", AWS_DEAL, "--format", "json"]);
    let out = s.stdout(&["rm", AWS_DEAL, "--yes"]);
    assert!(out.contains(&format!("deals restore {AWS_DEAL}")), "{out}");
    s.fail(&["show", AWS_DEAL]);
    s.run(&["restore", AWS_DEAL]);
    assert_eq!(s.stdout(&["show", AWS_DEAL]), table);
    assert_eq!(s.stdout(&["show", AWS_DEAL, "--format", "json"]), json);
    let (code, stderr) = s.fail(&["restore", AWS_DEAL]);
    assert_eq!(code, 1);
    assert!(stderr.contains("already undone"), "{stderr}");
}

#[test]
fn a_deletion_is_undone_once_whatever_the_deal_is_called_since() {
    let s = Sandbox::seeded();
    let totals = |s: &Sandbox| s.stdout(&["report", "--by", "none", "--format", "csv"]);
    let before = totals(&s);
    s.run(&["rm", AWS_DEAL, "--yes"]);
    s.run(&["restore", AWS_DEAL]);
    s.run(&["edit", AWS_DEAL, "--slug", "aws-2025"]);
    let (code, stderr) = s.fail(&["restore", AWS_DEAL]);
    assert_eq!(code, 1);
    assert_eq!(
        stderr.trim_end(),
        format!(
            "error: the deletion of {AWS_DEAL} was already undone: it came back as deal 1 (aws-2025)"
        )
    );
    assert_eq!(totals(&s), before, "no second copy");
    let copies = "SELECT count(*) FROM deals WHERE title = (SELECT title FROM deals WHERE id = 1)";
    assert_eq!(s.count(copies), 1);
    // Deleted again, it can come back again.
    s.run(&["rm", "aws-2025", "--yes"]);
    s.run(&["restore", "aws-2025"]);
    assert_eq!(totals(&s), before);
    let (_, stderr) = s.fail(&["restore", AWS_DEAL]);
    assert!(stderr.contains("as deal 1 (aws-2025)"), "{stderr}");
    let history = s.stdout(&["history", "aws-2025"]);
    assert_eq!(
        history.matches("restored, undoing change ").count(),
        2,
        "{history}"
    );
}

#[test]
fn a_new_deal_is_logged_row_first_then_parties_tags_and_sources() {
    let s = Sandbox::seeded();
    s.run(&[
        "add",
        "--title",
        "Logged",
        "--kind",
        "other",
        "--party",
        "OpenAI:customer",
        "--tag",
        "t",
        "--source",
        NEWS_ARTICLE,
    ]);
    let tables: Vec<String> = s
        .rows(
            "SELECT table_name FROM changes WHERE operation = 'insert'
               AND deal_id = (SELECT id FROM deals WHERE title = 'Logged') ORDER BY id",
        )
        .into_iter()
        .map(|row| row[0].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        tables,
        ["deals", "deal_parties", "deal_tags", "deal_sources"],
        "the order `deals history` lists them in"
    );
}

#[test]
fn edits_and_sql_writes_appear_in_the_history() {
    let s = Sandbox::seeded();
    s.run(&["edit", "stargate", "--status", "signed"]);
    s.run(&[
        "sql",
        "--write",
        "UPDATE deals SET notes = 'by hand' WHERE slug = 'stargate'",
    ]);
    let changes = s.json(&["history", "stargate"]);
    let updates: Vec<&serde_json::Value> = changes
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["table"] == "deals" && c["operation"] == "update")
        .collect();
    assert_eq!(updates.len(), 2, "{changes:#}");
    assert_eq!(updates[0]["old"]["status"], "announced");
    assert_eq!(updates[0]["new"]["status"], "signed");
    assert_eq!(updates[1]["new"]["notes"], "by hand");
    let table = s.stdout(&["history", "stargate"]);
    assert!(table.contains("status: announced → signed"), "{table}");
}

#[test]
fn history_follows_companies_dates_and_deleted_deals() {
    let s = Sandbox::seeded();
    s.run(&["rm", "stargate", "--yes"]);
    let deleted = s.json(&["history", "stargate"]);
    assert!(
        deleted
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["operation"] == "delete")
    );
    let aws = s.json(&["history", "--company", "AWS"]);
    assert!(
        aws.as_array()
            .unwrap()
            .iter()
            .any(|c| c["table"] == "company_aliases" && c["key"] == "AWS")
    );
    assert!(
        s.json(&["history", "--since", "2999"])
            .as_array()
            .unwrap()
            .is_empty()
    );
    let (code, _) = s.fail(&["history", "never-was"]);
    assert_eq!(code, 1);
}

#[test]
fn a_database_of_the_first_schema_is_backed_up_and_upgraded() {
    // About the SQLite file itself, or plain SQL in SQLite's dialect.
    crate::sqlite_only!();
    let s = Sandbox::new();
    let fixture =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-v1.db");
    std::fs::create_dir_all(s.db().parent().unwrap()).unwrap();
    std::fs::copy(&fixture, s.db()).unwrap();
    let before = dump_db(s.db());
    let out = s
        .cmd()
        .args(["show", "stargate", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    let latest = deals::db::known_schema_version();
    assert!(
        stderr.contains(&format!("from version 1 to {latest}")),
        "{stderr}"
    );
    let deal: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        deal["status"], "signed",
        "an edit made under the first schema survives"
    );
    let mut backup = s.db().as_os_str().to_owned();
    backup.push(".v1.bak");
    assert_eq!(
        dump_db(std::path::Path::new(&backup)),
        before,
        "the backup is the old file"
    );
    assert_eq!(s.count("SELECT count(*) FROM deals"), 12);
    assert_eq!(
        s.count("SELECT max(version) FROM refinery_schema_history"),
        latest
    );
    // The upgraded database records changes from now on.
    s.run(&["edit", "stargate", "--status", "active"]);
    assert_eq!(
        s.count("SELECT count(*) FROM changes WHERE operation = 'update'"),
        1
    );
}

#[test]
fn a_long_history_streams_every_change_once_in_order() {
    let s = Sandbox::seeded();
    s.execute(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1500)
         INSERT INTO deals (slug, title, kind) SELECT 'bulk-' || i, 'Bulk ' || i, 'other' FROM n;",
    );
    let total = s.count("SELECT count(*) FROM changes");
    assert!(total > 1500, "{total}");
    let json = s.json(&["history"]);
    let ids: Vec<i64> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids.len() as i64, total);
    assert!(
        ids.windows(2).all(|w| w[0] < w[1]),
        "oldest first, each once"
    );
    let table = s.stdout(&["history"]);
    assert_eq!(
        table.matches("OPERATION").count(),
        1,
        "one header over the pages"
    );
    assert_eq!(table.lines().count() as i64, total + 2);
    let limited = s.json(&["history", "--limit", "3"]);
    let last: Vec<i64> = limited
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .collect();
    assert_eq!(last, ids[ids.len() - 3..]);
}
