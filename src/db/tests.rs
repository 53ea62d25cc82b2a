use super::*;

#[test]
fn a_database_that_can_only_be_read_refuses_writes_up_front() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deals.db");
    drop(Db::open(&path).unwrap());
    // Opened read-only as the permissions of the file would force it.
    let conn = Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let db = Db {
        readonly: conn.is_readonly(MAIN_DB).unwrap(),
        conn: crate::db::Conn::sqlite_conn(conn),
        path: Some(path.clone()),
        shared_names: Vec::new(),
    };
    let err = db.write().err().unwrap().to_string();
    assert!(err.contains(&path.display().to_string()), "{err}");
    assert!(err.contains("is read-only"), "{err}");
    let tables: i64 = db
        .conn()
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
        .unwrap();
    assert!(tables > 0);
}

#[test]
fn migrations_apply_to_an_empty_database() {
    let db = Db::open_in_memory().unwrap();
    let names: Vec<String> = db
        .conn()
        .prepare_cached(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap();
    for expected in [
        "articles",
        "articles_fts",
        "companies",
        "company_aliases",
        "company_deals",
        "company_kinds",
        "deal_events",
        "deal_kinds",
        "deal_overview",
        "deal_parties",
        "deal_sources",
        "deal_statuses",
        "deal_tags",
        "deals",
        "deals_fts",
        "event_kinds",
        "fx_rates",
        "party_roles",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "missing {expected}: {names:?}"
        );
    }
    let files = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations"))
        .unwrap()
        .count();
    assert_eq!(
        known_schema_version(),
        files as i64,
        "one version per migration file"
    );
}

#[test]
fn the_schema_refuses_bad_values() {
    let db = Db::open_in_memory().unwrap();
    let c = db.conn();
    let bad = [
        // currency must be three upper-case letters
        "INSERT INTO deals (slug, title, kind, value_amount, value_currency, value_qualifier) VALUES ('a', 'A', 'other', 1, 'usd', 'exact')",
        // amounts are non-negative integers
        "INSERT INTO deals (slug, title, kind, value_amount, value_currency, value_qualifier) VALUES ('a', 'A', 'other', -1, 'USD', 'exact')",
        "INSERT INTO deals (slug, title, kind, value_amount, value_currency, value_qualifier) VALUES ('a', 'A', 'other', 1.5, 'USD', 'exact')",
        // an amount needs a currency
        "INSERT INTO deals (slug, title, kind, value_amount, value_qualifier) VALUES ('a', 'A', 'other', 1, 'exact')",
        // precision from the fixed list; date the first day of its period
        "INSERT INTO deals (slug, title, kind, announced_on, announced_precision) VALUES ('a', 'A', 'other', '2025-11-01', 'week')",
        "INSERT INTO deals (slug, title, kind, announced_on, announced_precision) VALUES ('a', 'A', 'other', '2025-11-03', 'month')",
        "INSERT INTO deals (slug, title, kind, announced_on, announced_precision) VALUES ('a', 'A', 'other', '2025-11-01', 'quarter')",
        "INSERT INTO deals (slug, title, kind, announced_on, announced_precision) VALUES ('a', 'A', 'other', '2025-02-30', 'day')",
        // term_months > 0
        "INSERT INTO deals (slug, title, kind, term_months) VALUES ('a', 'A', 'other', 0)",
        // kinds and statuses come from their lookup tables
        "INSERT INTO deals (slug, title, kind) VALUES ('a', 'A', 'rumour')",
        "INSERT INTO deals (slug, title, kind, status) VALUES ('a', 'A', 'other', 'maybe')",
        // slugs are lower-case words and hyphens with a letter
        "INSERT INTO deals (slug, title, kind) VALUES ('A B', 'A', 'other')",
        "INSERT INTO deals (slug, title, kind) VALUES ('42', 'A', 'other')",
    ];
    for sql in bad {
        assert!(c.execute(sql, []).is_err(), "accepted: {sql}");
    }
    c.execute(
        "INSERT INTO deals (slug, title, kind, announced_on, announced_precision, value_amount, value_currency, value_qualifier, term_months) \
         VALUES ('a', 'A', 'other', '2025-10-01', 'quarter', 38000000000, 'USD', 'exact', 84)",
        [],
    )
    .unwrap();
    c.execute("INSERT INTO companies (slug, name) VALUES ('x', 'X')", [])
        .unwrap();
    // roles come from their lookup table
    assert!(
        c.execute("INSERT INTO deal_parties VALUES (1, 1, 'owner')", [])
            .is_err()
    );
    c.execute("INSERT INTO deal_parties VALUES (1, 1, 'customer')", [])
        .unwrap();
    // a company that is party to a deal cannot be deleted; a deal takes its parties with it
    assert!(c.execute("DELETE FROM companies WHERE id = 1", []).is_err());
    c.execute("DELETE FROM deals WHERE id = 1", []).unwrap();
    let parties: i64 = c
        .query_row("SELECT count(*) FROM deal_parties", [], |r| r.get(0))
        .unwrap();
    assert_eq!(parties, 0);
}

#[test]
fn a_company_name_is_its_own_alias_and_survives_renaming() {
    let db = Db::open_in_memory().unwrap();
    let c = db.conn();
    c.execute(
        "INSERT INTO companies (slug, name) VALUES ('fb', 'Facebook')",
        [],
    )
    .unwrap();
    c.execute("UPDATE companies SET name = 'Meta' WHERE id = 1", [])
        .unwrap();
    let aliases: Vec<String> = c
        .prepare_cached("SELECT alias FROM company_aliases ORDER BY alias")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap();
    assert_eq!(aliases, ["Facebook", "Meta"]);
    // aliases are unique whatever the case
    c.execute(
        "INSERT INTO companies (slug, name) VALUES ('o', 'Other')",
        [],
    )
    .unwrap();
    assert!(
        c.execute("INSERT INTO company_aliases VALUES ('META', 2)", [])
            .is_err()
    );
}

#[test]
fn full_text_indexes_follow_their_tables() {
    let db = Db::open_in_memory().unwrap();
    let c = db.conn();
    c.execute(
        "INSERT INTO deals (slug, title, kind, notes) VALUES ('a', 'Capacità di calcolo', 'other', 'sette anni')",
        [],
    )
    .unwrap();
    let hits = |q: &str| -> i64 {
        c.query_row(
            "SELECT count(*) FROM deals_fts WHERE deals_fts MATCH ?1",
            [q],
            |r| r.get(0),
        )
        .unwrap()
    };
    assert_eq!(hits("capacita"), 1);
    c.execute("UPDATE deals SET title = 'Altro' WHERE id = 1", [])
        .unwrap();
    assert_eq!(hits("capacita"), 0);
    assert_eq!(hits("altro"), 1);
    c.execute("DELETE FROM deals", []).unwrap();
    assert_eq!(hits("altro"), 0);
}
