//! `db::timeline` on the bundled seed set.

use ::deals::db::Db;
use ::deals::db::timeline::*;
use chrono::NaiveDate;

/// The entries `each` hands out, collected.
fn entries(conn: &::deals::db::Conn, scope: &Scope) -> ::deals::error::Result<Vec<Entry>> {
    let mut all = Vec::new();
    each(conn, scope, &mut |entry| {
        all.push(entry);
        Ok(())
    })?;
    Ok(all)
}

#[test]
fn events_come_in_date_order_and_undocumented_announcements_are_added() {
    let db = Db::open_in_memory().unwrap();
    ::deals::ops::seed::load(&db).unwrap();
    let c = db.conn();
    c.execute(
        "INSERT INTO deals (slug, title, kind, announced_on, announced_precision) VALUES ('x', 'X', 'other', '2024-04-01', 'quarter')",
        [],
    )
    .unwrap();
    let all = entries(c, &Scope::default()).unwrap();
    assert!(all.windows(2).all(|w| w[0].on.start() <= w[1].on.start()));
    let x: Vec<&Entry> = all.iter().filter(|e| e.deal_slug == "x").collect();
    assert_eq!(x.len(), 1);
    assert_eq!(
        (x[0].kind.as_str(), x[0].on.to_string()),
        ("announced", "2024-Q2".to_string())
    );
    let announced = all
        .iter()
        .filter(|e| e.deal_slug == "openai-aws-compute-2025" && e.kind == "announced")
        .count();
    assert_eq!(announced, 1, "a recorded announcement is not repeated");
    let aws: i64 = c
        .query_row(
            "SELECT id FROM companies WHERE name = 'Amazon Web Services'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let since = NaiveDate::from_ymd_opt(2026, 1, 1);
    let later = entries(
        c,
        &Scope {
            companies: vec![aws],
            since,
            ..Scope::default()
        },
    )
    .unwrap();
    assert!(!later.is_empty());
    assert!(later.iter().all(|e| e.on.start() >= since.unwrap()));
}
