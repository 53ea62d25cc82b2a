//! Text that is only odd (SQL meta-characters, wildcards, huge names and
//! bodies) is stored exactly as written, matches only itself in filters, and
//! nothing else changes; control, bidirectional and zero-width characters are
//! stripped on the way in (one-line fields also lose line breaks and tabs).

use std::collections::{BTreeMap, BTreeSet};

use crate::refusal::{DROP, OR_TRUE};
use crate::util::{AWS_DEAL, Sandbox};

/// Commands that read, given SQL wildcards, match them as plain text: `%` is a
/// tag like any other, not "every tag".
#[test]
fn wildcards_in_filters_match_only_themselves() {
    let s = Sandbox::seeded();
    let before = s.dump();
    for args in [
        ["list", "--tag", "%"],
        ["list", "--tag", "_"],
        ["report", "--tag", "%"],
    ] {
        let all = [&args[..], &["--format", "json"]].concat();
        let out = s.stdout(&all);
        let value: serde_json::Value = serde_json::from_str(&out).unwrap();
        let found = match &value {
            serde_json::Value::Array(rows) => rows.len(),
            other => other["rows"].as_array().map_or(0, Vec::len),
        };
        assert_eq!(found, 0, "`deals {}` matched: {out}", args.join(" "));
    }
    for query in [DROP, OR_TRUE, "NEAR(openai aws)", "col:openai", "a* OR -b"] {
        s.run(&["search", query]);
    }
    assert_eq!(s.dump(), before, "a read changed the database");
}

/// The rows of each table in a dump (see `util::dump_db`), the schema apart.
fn tables(dump: &str) -> (Vec<&str>, BTreeMap<&str, BTreeSet<&str>>) {
    let mut schema = Vec::new();
    let mut rows: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let mut current = None;
    for line in dump.lines() {
        if let Some(name) = line.strip_prefix("== ") {
            current = Some(name);
            rows.entry(name).or_default();
        } else if let Some(table) = current {
            rows.entry(table).or_default().insert(line);
        } else {
            schema.push(line);
        }
    }
    (schema, rows)
}

/// Full-text index internals change with every write to what they index.
fn is_index_internal(table: &str) -> bool {
    table.starts_with("articles_fts") || table.starts_with("deals_fts")
}

/// Asserts that between two dumps the schema stayed and only the listed tables
/// changed, each by exactly (rows added, rows removed); the audit trail (`changes`)
/// may only grow, and must.
fn assert_only_changed(what: &str, before: &str, after: &str, expected: &[(&str, usize, usize)]) {
    let (schema_before, rows_before) = tables(before);
    let (schema_after, rows_after) = tables(after);
    assert_eq!(schema_before, schema_after, "{what}: the schema changed");
    let names: BTreeSet<&str> = rows_before
        .keys()
        .chain(rows_after.keys())
        .copied()
        .collect();
    let empty = BTreeSet::new();
    for table in names {
        if is_index_internal(table) {
            continue;
        }
        let old = rows_before.get(table).unwrap_or(&empty);
        let new = rows_after.get(table).unwrap_or(&empty);
        let added = new.difference(old).count();
        let removed = old.difference(new).count();
        // Derived cells kept by triggers move with any write; their exactness is
        // tested against the deals elsewhere.
        if table == "deal_totals" || table == "company_totals" {
            continue;
        }
        if table == "changes" {
            assert!(
                added > 0 && removed == 0,
                "{what}: changes +{added} -{removed}"
            );
            continue;
        }
        let (want_added, want_removed) = expected
            .iter()
            .find(|(t, _, _)| *t == table)
            .map_or((0, 0), |&(_, a, r)| (a, r));
        assert_eq!(
            (added, removed),
            (want_added, want_removed),
            "{what}: table {table} gained {added} and lost {removed} rows"
        );
    }
}

/// One text column of the row a query finds.
fn text(s: &Sandbox, query: &str, key: &str) -> String {
    s.sql()
        .query_row(query, [key], |r| r.get(0))
        .unwrap_or_else(|e| panic!("{query} [{key}]: {e}"))
}

/// Odd but acceptable text is stored exactly as written, what could hurt a
/// terminal is stripped, and nothing else changes.
#[test]
fn odd_text_is_stored_literally_and_nothing_else_changes() {
    // About the SQLite file itself, or plain SQL in SQLite's dialect.
    crate::sqlite_only!();
    let s = Sandbox::seeded();
    let control = "a\u{1}b \u{1b}[31mred\u{1b}[0m\ttab";
    let big_title = "T".repeat(120_000);
    let deals: [(&str, &str, &str); 5] = [
        (DROP, "notes 100% _done_", "sql-1"),
        (OR_TRUE, "%", "sql-2"),
        (control, "line one\r\nline two", "ctl"),
        ("Robert'); DROP TABLE companies;--", DROP, "bobby"),
        (&big_title, &big_title[..1000], "huge"),
    ];
    for (title, notes, slug) in deals {
        let before = s.dump();
        s.run(&[
            "add",
            "--title",
            title,
            "--kind",
            "other",
            "--notes",
            notes,
            "--slug",
            slug,
            "--party",
            "OpenAI:customer",
            "--tag",
            "%",
            "--tag",
            "_",
        ]);
        assert_only_changed(
            slug,
            &before,
            &s.dump(),
            &[("deals", 1, 0), ("deal_parties", 1, 0), ("deal_tags", 2, 0)],
        );
        // A title loses control characters, its tab becomes a space; notes
        // keep their line break (CR LF made LF).
        let (title, notes) = match slug {
            "ctl" => ("ab [31mred[0m tab".to_string(), "line one\nline two"),
            _ => (title.to_string(), notes),
        };
        assert_eq!(
            text(&s, "SELECT title FROM deals WHERE slug = ?1", slug),
            title
        );
        assert_eq!(
            text(&s, "SELECT notes FROM deals WHERE slug = ?1", slug),
            notes
        );
    }
    // The wildcards are tags like any other: they find exactly these deals.
    let tagged = s.json(&["list", "--tag", "%"]);
    assert_eq!(tagged.as_array().unwrap().len(), deals.len(), "{tagged}");

    // A value split by a line break reads as the words it holds.
    let before = s.dump();
    s.run(&[
        "add",
        "--title",
        "Split value",
        "--kind",
        "other",
        "--value",
        "5B\nEUR",
    ]);
    assert_only_changed("split value", &before, &s.dump(), &[("deals", 1, 0)]);
    assert_eq!(
        s.count(
            "SELECT value_amount FROM deals WHERE slug = 'split-value' AND value_currency = 'EUR'"
        ),
        5_000_000_000
    );

    // Editing notes changes that one row.
    let before = s.dump();
    s.run(&["edit", AWS_DEAL, "--notes", DROP]);
    assert_only_changed("edit notes", &before, &s.dump(), &[("deals", 1, 1)]);
    assert_eq!(
        text(&s, "SELECT notes FROM deals WHERE slug = ?1", AWS_DEAL),
        DROP
    );

    // A company with a 100 KB name, a control character and a wildcard alias.
    let big_name = format!("Huge {}", "N".repeat(100_000));
    let before = s.dump();
    s.run(&[
        "company",
        "add",
        &big_name,
        "--alias",
        "%",
        "--description",
        control,
    ]);
    assert_only_changed(
        "huge company",
        &before,
        &s.dump(),
        &[("companies", 1, 0), ("company_aliases", 2, 0)],
    );
    assert_eq!(
        text(&s, "SELECT name FROM companies WHERE name = ?1", &big_name),
        big_name
    );
    assert_eq!(
        text(
            &s,
            "SELECT c.description FROM companies c JOIN company_aliases a ON a.company_id = c.id WHERE a.alias = ?1",
            "%"
        ),
        "ab [31mred[0m\ttab",
        "a description keeps its tab and loses the control characters"
    );
    // The wildcard alias names that company only.
    let found = s.json(&["company", "show", "%"]);
    assert_eq!(
        found["name"],
        big_name.as_str(),
        "{}",
        &found.to_string()[..200]
    );

    // A company name broken over lines is stored on one line, and found
    // however it is written.
    let broken = "Line\r\nBreak";
    let before = s.dump();
    s.run(&["company", "add", broken]);
    assert_only_changed(
        "broken name",
        &before,
        &s.dump(),
        &[("companies", 1, 0), ("company_aliases", 1, 0)],
    );
    assert_eq!(s.json(&["company", "show", broken])["name"], "Line Break");
    assert_eq!(
        s.json(&["company", "show", "line break"])["name"],
        "Line Break"
    );

    // An article of 1 MB whose first line (the default title) is 1 MB long.
    let body = format!("{}\nSecond line.\n", "B".repeat(1_000_000));
    let file = s.write_file("huge.txt", &body);
    let before = s.dump();
    s.run(&[
        "article",
        "add",
        "--file",
        file.to_str().unwrap(),
        "--url",
        "https://example.com/%27;--",
    ]);
    assert_only_changed("huge article", &before, &s.dump(), &[("articles", 1, 0)]);
    assert_eq!(
        text(
            &s,
            "SELECT body FROM articles WHERE url = ?1",
            "https://example.com/%27;--"
        ),
        body
    );

    // Everything still reads, and the file is sound.
    for args in [
        &["list"][..],
        &["show", "ctl"],
        &["show", "huge"],
        &["company", "list"],
        &["report", "--group", "company"],
        &["search", "DROP"],
        &["check"],
        &["history", "bobby"],
    ] {
        s.run(args);
    }
    let integrity: String = s
        .sql()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
}

/// Control, bidirectional and zero-width characters never reach the database,
/// whichever way they come in: flags, a CSV file, a JSON document, company and
/// article commands.
#[test]
fn every_input_path_strips_what_could_hurt_a_terminal() {
    // About the SQLite file itself, or plain SQL in SQLite's dialect.
    crate::sqlite_only!();
    let s = Sandbox::seeded();
    let evil = "Evil\u{1b}[2J\u{7}\u{202e}Co\u{200b}rp\u{feff}";
    s.run(&[
        "add",
        "--title",
        evil,
        "--kind",
        "other",
        "--slug",
        "flags",
        "--tag",
        "a\u{200d}i",
        "--notes",
        "x\u{1b}[0m\ty\nz",
    ]);
    let csv = s.write_file(
        "d.csv",
        &format!("slug,title,kind,notes\ncsv,\"{evil}\",other,\"n\u{2066}1\r\nn2\"\n"),
    );
    s.run(&["import", csv.to_str().unwrap()]);
    let doc = s.write_file(
        "d.json",
        &serde_json::json!({"format": "deals/1", "deals": [{"slug": "json", "title": evil, "kind": "other", "parties": [{"company": evil, "role": "partner"}]}]}).to_string(),
    );
    s.run(&["import", doc.to_str().unwrap()]);
    for slug in ["flags", "csv", "json"] {
        assert_eq!(
            text(&s, "SELECT title FROM deals WHERE slug = ?1", slug),
            "Evil[2JCorp",
            "{slug}"
        );
    }
    assert_eq!(
        text(&s, "SELECT notes FROM deals WHERE slug = ?1", "flags"),
        "x[0m\ty\nz"
    );
    assert_eq!(
        text(&s, "SELECT notes FROM deals WHERE slug = ?1", "csv"),
        "n1\nn2"
    );
    assert_eq!(
        text(
            &s,
            "SELECT tag FROM deal_tags JOIN deals ON deals.id = deal_id WHERE slug = ?1",
            "flags"
        ),
        "ai"
    );
    assert_eq!(
        s.count("SELECT count(*) FROM companies WHERE name = 'Evil[2JCorp'"),
        1
    );
    s.run(&["company", "alias", "OpenAI", "Open\u{202e}\u{1b}AI Group"]);
    assert_eq!(
        s.count("SELECT count(*) FROM company_aliases WHERE alias = 'OpenAI Group'"),
        1
    );
    let body = s.write_file("a.txt", "Body \u{1b}[2J line\n\tindented\u{200b}\n");
    s.run(&[
        "article",
        "add",
        "--file",
        body.to_str().unwrap(),
        "--title",
        "T\u{7}itle",
        "--publisher",
        "P\u{202e}ub",
        "--slug",
        "art",
    ]);
    assert_eq!(
        text(
            &s,
            "SELECT title || '|' || publisher || '|' || body FROM articles WHERE slug = ?1",
            "art"
        ),
        "Title|Pub|Body [2J line\n\tindented\n"
    );
    let listed = s.stdout(&["list"]);
    assert!(
        !listed.contains('\u{1b}') && !listed.contains('\u{202e}'),
        "{listed:?}"
    );
}
