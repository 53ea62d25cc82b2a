//! Database safety: files deals did not make, or made by a newer deals, are refused
//! and left byte for byte as they were; the SQL surface works from plain SQL.

use std::path::Path;

use crate::util::{Sandbox, fail_cmd};

/// The file's bytes, and whether SQLite side files exist next to it.
fn snapshot(path: &Path) -> (Vec<u8>, bool, bool) {
    let side = |suffix: &str| {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        Path::new(&name).exists()
    };
    (
        std::fs::read(path).expect("read the db file"),
        side("-wal"),
        side("-shm"),
    )
}

/// Runs a few commands against PATH and checks each one is refused with exit 1 and
/// a message containing EXPECTED, and that the file is left exactly as it was.
fn assert_refused_untouched(s: &Sandbox, path: &Path, expected: &str) {
    let before = snapshot(path);
    assert!(!before.1 && !before.2, "side files before the test");
    let db = path.to_str().unwrap();
    for args in [
        &["--db", db, "list"][..],
        &["--db", db, "init"],
        &["--db", db, "seed"],
        &["--db", db, "add", "--title", "X", "--kind", "other"],
    ] {
        let (code, stderr) = fail_cmd(s.cmd().args(args), args);
        assert_eq!(code, 1, "`deals {}`: {stderr}", args.join(" "));
        assert!(
            stderr.contains(expected),
            "`deals {}`: {stderr}",
            args.join(" ")
        );
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        let after = snapshot(path);
        assert!(
            after.0 == before.0,
            "`deals {}` changed the file",
            args.join(" ")
        );
        assert!(!after.1, "`deals {}` left a -wal file", args.join(" "));
        assert!(!after.2, "`deals {}` left a -shm file", args.join(" "));
    }
}

#[test]
fn a_database_from_a_newer_deals_is_refused_and_untouched() {
    // About the SQLite file itself, or plain SQL in SQLite's dialect.
    crate::sqlite_only!();
    let s = Sandbox::seeded();
    {
        let conn = s.sql();
        let columns: Vec<String> = conn
            .prepare("SELECT name FROM pragma_table_info('refinery_schema_history') ORDER BY cid")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(columns, ["version", "name", "applied_on", "checksum"]);
        conn.execute(
            "INSERT INTO refinery_schema_history (version, name, applied_on, checksum) \
             VALUES (999, 'from_the_future', '2030-01-01T00:00:00Z', '1')",
            [],
        )
        .unwrap();
    }
    assert_refused_untouched(&s, s.db(), "newer");
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_and_untouched() {
    let s = Sandbox::new();
    let path = s.write_file("hello.db", "hello\n");
    assert_refused_untouched(&s, &path, "not an SQLite database");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "hello\n");
}

#[test]
fn an_sqlite_database_of_something_else_is_refused_and_untouched() {
    let s = Sandbox::new();
    let path = s.root().join("other.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('keep me');")
            .unwrap();
    }
    assert_refused_untouched(&s, &path, "refusing");
    let conn = rusqlite::Connection::open(&path).unwrap();
    let tables: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        tables, 1,
        "deals added tables to a database it did not make"
    );
}

#[test]
fn views_and_full_text_search_work_from_plain_sql() {
    // About the SQLite file itself, or plain SQL in SQLite's dialect.
    crate::sqlite_only!();
    let s = Sandbox::seeded();
    let conn = s.sql();

    assert_eq!(s.count("SELECT count(*) FROM deal_overview"), 12);
    let (amount, currency, parties, sources): (i64, String, String, i64) = conn
        .query_row(
            "SELECT value_amount, value_currency, parties, source_count FROM deal_overview \
             WHERE slug = 'openai-aws-compute-2025'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!(amount, 38_000_000_000);
    assert_eq!(currency, "USD");
    assert!(parties.contains("OpenAI (customer)"), "{parties}");
    assert!(
        parties.contains("Amazon Web Services (provider)"),
        "{parties}"
    );
    assert_eq!(sources, 6);

    let mut stmt = conn
        .prepare(
            "SELECT deal_slug, role, counterparties FROM company_deals WHERE company = 'OpenAI'",
        )
        .unwrap();
    let rows: Vec<(String, String, Option<String>)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(!rows.is_empty());
    assert!(
        rows.iter()
            .all(|(_, _, c)| c.as_deref().is_some_and(|c| !c.is_empty())),
        "{rows:?}"
    );
    let aws = rows
        .iter()
        .find(|(slug, _, _)| slug == "openai-aws-compute-2025")
        .expect("the AWS deal");
    assert_eq!(aws.1, "customer");
    assert_eq!(aws.2.as_deref(), Some("Amazon Web Services (provider)"));

    // Accents are folded: "capacita" finds "capacità".
    assert!(s.count("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'capacita'") > 0);
    assert!(s.count("SELECT count(*) FROM deals_fts WHERE deals_fts MATCH 'stargate'") >= 2);

    // Amounts are integers in the schema, dates are ISO text.
    assert_eq!(
        s.count("SELECT count(*) FROM deals WHERE value_amount IS NOT NULL AND typeof(value_amount) <> 'integer'"),
        0
    );
    assert_eq!(
        s.count("SELECT count(*) FROM deals WHERE announced_on = '2025-11-03'"),
        1
    );
}

#[test]
fn the_full_text_index_follows_new_articles() {
    // About the SQLite file itself, or plain SQL in SQLite's dialect.
    crate::sqlite_only!();
    let s = Sandbox::seeded();
    s.run_stdin(
        &["article", "add", "--title", "Quantum"],
        "Un accordo sulla crittografia quantistica.\n",
    );
    assert_eq!(
        s.count("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'quantistica'"),
        1
    );
    s.run(&["add", "--title", "Zeppelin airship deal", "--kind", "other"]);
    assert_eq!(
        s.count("SELECT count(*) FROM deals_fts WHERE deals_fts MATCH 'zeppelin'"),
        1
    );
    s.run(&["rm", "zeppelin-airship-deal", "--yes"]);
    assert_eq!(
        s.count("SELECT count(*) FROM deals_fts WHERE deals_fts MATCH 'zeppelin'"),
        0
    );
}

/// A migration history row that refinery cannot read (here a date that is not
/// RFC 3339, as another tool might write it) must give a clean error, not a panic.
#[test]
fn an_unreadable_migration_history_fails_cleanly() {
    // About the SQLite file itself, or plain SQL in SQLite's dialect.
    crate::sqlite_only!();
    let s = Sandbox::seeded();
    s.sql()
        .execute(
            "INSERT INTO refinery_schema_history (version, name, applied_on, checksum) \
             VALUES (0, 'older', 'yesterday', '1')",
            [],
        )
        .unwrap();
    let out = s.cmd().arg("list").output().expect("spawn deals");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "exit status {:?}, stderr: {stderr}",
        out.status
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    if out.status.code() == Some(1) {
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.starts_with("error:"), "{stderr}");
    }
}

/// The helper every "nothing changed" assertion relies on does see changes.
#[test]
fn the_dump_sees_every_kind_of_change() {
    let s = Sandbox::seeded();
    let mut previous = s.dump();
    assert!(previous.contains("openai-aws-compute-2025") && previous.contains("38000000000"));
    for args in [
        &["add", "--title", "Dump check", "--kind", "other"][..],
        &["company", "alias", "OpenAI", "Open AI"],
        &["edit", "stargate", "--tag", "dump-check"],
        &["edit", "stargate", "--remove-party", "MGX"],
    ] {
        s.run(args);
        let now = s.dump();
        assert_ne!(
            previous,
            now,
            "`deals {}` left the dump unchanged",
            args.join(" ")
        );
        previous = now;
    }
}
