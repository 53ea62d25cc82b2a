//! Flags as the parser types them: the relations between flags, the ranges of
//! numbers, values cleared with `none`, and DEALS_DB read as the default of --db.

use crate::util::{AWS_DEAL, Sandbox, succeed};

/// Runs `deals ARGS`, expecting a usage error (exit 2) on one line that names
/// every text in `names`, with the database left as it was.
fn refused(s: &Sandbox, args: &[&str], names: &[&str]) {
    let before = s.dump();
    let (code, stderr) = s.fail(args);
    assert_eq!(code, 2, "`deals {}`: {stderr}", args.join(" "));
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("error: "), "{stderr}");
    for name in names {
        assert!(
            stderr.contains(name),
            "`deals {}`: {stderr}",
            args.join(" ")
        );
    }
    assert_eq!(
        s.dump(),
        before,
        "`deals {}` changed the database",
        args.join(" ")
    );
}

#[test]
fn an_empty_deals_db_counts_as_unset() {
    let s = Sandbox::new();
    let out = succeed(
        s.cmd_without_db()
            .env("DEALS_DB", "")
            .args(["list", "--format", "json"]),
        &["list"],
    );
    let expected = s.root().join("xdg-data").join("deals").join("deals.db");
    assert!(expected.is_file(), "no database at {}", expected.display());
    let deals: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(deals.as_array().unwrap().len(), 12);
}

#[test]
fn deals_db_names_the_database_and_db_overrides_it() {
    // About the SQLite file itself, or plain SQL in SQLite's dialect.
    crate::sqlite_only!();
    let s = Sandbox::new();
    s.run(&["list"]);
    assert!(s.db().is_file(), "DEALS_DB was not used");
    let other = s.root().join("other.db");
    s.run(&["--db", other.to_str().unwrap(), "init", "--empty"]);
    assert!(other.is_file());
    let out = s.json(&["--db", other.to_str().unwrap(), "list"]);
    assert_eq!(out.as_array().unwrap().len(), 0);
    assert_eq!(s.json(&["list"]).as_array().unwrap().len(), 12);
}

#[test]
fn currency_needs_a_value_in_add_and_edit() {
    let s = Sandbox::seeded();
    refused(
        &s,
        &[
            "add",
            "--title",
            "No value",
            "--kind",
            "other",
            "--currency",
            "EUR",
        ],
        &["--value", "--currency"],
    );
    refused(
        &s,
        &["edit", AWS_DEAL, "--currency", "EUR"],
        &["--value", "--currency"],
    );
}

#[test]
fn currency_applies_to_a_value_that_names_none() {
    let s = Sandbox::seeded();
    let added = s.json(&[
        "add",
        "--title",
        "Euro deal",
        "--kind",
        "other",
        "--value",
        "5B",
        "--currency",
        "eur",
    ]);
    assert_eq!(added["value_currency"], "EUR", "{added}");
    assert_eq!(added["value_amount"], 5_000_000_000_i64, "{added}");
    let edited = s.json(&["edit", AWS_DEAL, "--value", "2B", "--currency", "GBP"]);
    assert_eq!(edited["value_currency"], "GBP", "{edited}");
    refused(
        &s,
        &["edit", AWS_DEAL, "--value", "£3B", "--currency", "EUR"],
        &["--value", "GBP", "EUR"],
    );
}

#[test]
fn none_clears_the_typed_fields_of_a_deal() {
    let s = Sandbox::seeded();
    let edited = s.json(&[
        "edit",
        AWS_DEAL,
        "--value",
        "none",
        "--term",
        "NONE",
        "--announced",
        "none",
        "--starts",
        "",
    ]);
    for field in ["value_amount", "term_months", "announced_on", "starts_on"] {
        assert!(
            edited.get(field).is_none_or(serde_json::Value::is_null),
            "{field} was not cleared: {edited}"
        );
    }
}

#[test]
fn rejects_needs_skip_errors() {
    let s = Sandbox::seeded();
    let file = s.write_file("deals.csv", "title,kind\nA deal,other\n");
    refused(
        &s,
        &["import", file.to_str().unwrap(), "--rejects", "r.csv"],
        &["--skip-errors", "--rejects"],
    );
}

#[test]
fn counts_start_at_one() {
    let s = Sandbox::seeded();
    for args in [
        &["list", "--limit", "0"][..],
        &["company", "list", "--limit", "0"],
        &["article", "list", "--limit", "0"],
        &["history", "--limit", "0"],
        &["search", "OpenAI", "--limit", "0"],
    ] {
        refused(&s, args, &["--limit", "0"]);
    }
    refused(
        &s,
        &["report", "--group", "kind", "--top", "0"],
        &["--top", "0"],
    );
    assert_eq!(
        s.json(&["list", "--limit", "1"]).as_array().unwrap().len(),
        1
    );
}

#[test]
fn a_value_its_type_refuses_is_named_with_its_flag() {
    let s = Sandbox::seeded();
    refused(
        &s,
        &[
            "add",
            "--title",
            "X",
            "--kind",
            "other",
            "--announced",
            "2025-13",
        ],
        &["--announced: invalid date '2025-13'"],
    );
    refused(
        &s,
        &["list", "--since", "soon"],
        &["--since: invalid date 'soon'"],
    );
    refused(
        &s,
        &["report", "--currency", "XX"],
        &["--currency: ", "'XX'"],
    );
    refused(&s, &["list", "--limit", "lots"], &["--limit 'lots'"]);
    refused(&s, &["fx", "list", "ZZ"], &["CURRENCY: ", "'ZZ'"]);
}

#[test]
fn a_huge_refused_value_is_quoted_cut() {
    let s = Sandbox::seeded();
    let huge = "N".repeat(100_000);
    for args in [
        ["add", "--title", "X", "--kind", "other", "--value", &huge],
        [
            "add",
            "--title",
            "X",
            "--kind",
            "other",
            "--announced",
            &huge,
        ],
    ] {
        let (code, stderr) = s.fail(&args);
        assert_eq!(code, 2, "{stderr}");
        assert_eq!(stderr.lines().count(), 1);
        assert!(stderr.contains("NNNN"), "{stderr}");
        assert!(stderr.len() < 1000, "a message of {} bytes", stderr.len());
    }
}

#[test]
fn counterparty_grouping_needs_a_company() {
    let s = Sandbox::seeded();
    refused(
        &s,
        &["report", "--group", "counterparty"],
        &["--company", "--group"],
    );
    succeed(
        s.cmd()
            .args(["report", "--group", "counterparty", "--company", "OpenAI"]),
        &["report"],
    );
}

#[test]
fn a_url_is_never_taken_as_a_database_file() {
    let s = Sandbox::new();
    // Port 1 of this machine: nothing listens there, so the connection is
    // refused at once.
    for (url, code, says) in [
        (
            "postgres://analyst:s3cret@127.0.0.1:1/deals",
            1,
            "cannot connect to postgres://analyst@127.0.0.1:1/deals",
        ),
        (
            "postgresql://127.0.0.1:1/deals?sslmode=require",
            2,
            "names no user",
        ),
        (
            "postgres://127.0.0.1:1/deals?user=u&password=s3cret",
            1,
            "cannot connect to postgres://127.0.0.1:1/deals?user=u",
        ),
        (
            "postgres://analyst:p@s3cret@127.0.0.1:1/deals",
            1,
            "cannot connect to postgres://analyst@127.0.0.1:1/deals",
        ),
        (
            "postgres://analyst@127.0.0.1:1/deals?sslmode=sometimes",
            2,
            "is not a PostgreSQL URL we can read",
        ),
        (
            "postgres://analyst:s3/cret@127.0.0.1:1/deals",
            1,
            "cannot connect to postgres://analyst@127.0.0.1:1/deals",
        ),
        (
            "postgres://127.0.0.1:1/deals?user=u&pass%77ord=s3cret",
            1,
            "cannot connect to postgres://127.0.0.1:1/deals?user=u",
        ),
        (
            "https://example.com/deals.db",
            2,
            "is a URL, not a database file",
        ),
    ] {
        for from_env in [false, true] {
            let mut cmd = s.cmd_without_db();
            cmd.current_dir(s.root());
            if from_env {
                cmd.env("DEALS_DB", url);
            } else {
                cmd.args(["--db", url]);
            }
            cmd.arg("list");
            let (exit, message) = crate::util::fail_cmd(&mut cmd, &["list"]);
            assert_eq!(exit, code, "{message}");
            assert!(message.contains(says), "{message}");
            assert!(
                !message.contains("s3cret"),
                "the password is never shown: {message}"
            );
            assert_eq!(message.trim().lines().count(), 1, "{message}");
        }
    }
    for folder in ["postgres:", "postgresql:", "https:"] {
        assert!(!s.root().join(folder).exists(), "{folder} was created");
    }
    // An absolute path that merely holds "://" further in is a path.
    let odd = format!("{}/odd://x.db", s.root().display());
    s.run(&["--db", &odd, "list"]);
    assert!(s.root().join("odd:").join("x.db").is_file());
}
