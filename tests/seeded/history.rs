//! `db::history` on the bundled seed set.

use ::deals::db::history::*;
use ::deals::db::{Db, deals};

fn seeded() -> Db {
    let db = Db::open_in_memory().unwrap();
    ::deals::ops::seed::load(&db).unwrap();
    db
}

#[test]
fn every_write_is_recorded_including_cascades() {
    let db = seeded();
    let c = db.conn();
    let (id, _) = deals::resolve(c, "openai-aws-compute-2025")
        .unwrap()
        .unwrap();
    c.execute("UPDATE deals SET status = 'completed' WHERE id = ?1", [id])
        .unwrap();
    deals::delete(c, id).unwrap();
    let changes = list(
        c,
        &Query {
            deal: Some(id),
            ..Default::default()
        },
    )
    .unwrap();
    let ops: Vec<(&str, &str)> = changes
        .iter()
        .map(|ch| (ch.table.as_str(), ch.operation.as_str()))
        .collect();
    assert!(ops.contains(&("deals", "insert")));
    assert!(ops.contains(&("deals", "update")));
    assert!(ops.contains(&("deals", "delete")));
    for child in ["deal_parties", "deal_tags", "deal_events", "deal_sources"] {
        assert!(
            ops.contains(&(child, "delete")),
            "{child} delete not recorded: {ops:?}"
        );
    }
    let update = changes.iter().find(|ch| ch.operation == "update").unwrap();
    assert_eq!(update.old.as_ref().unwrap()["status"], "active");
    assert_eq!(update.new.as_ref().unwrap()["status"], "completed");
}

#[test]
fn a_deleted_deal_comes_back_whole() {
    let db = seeded();
    let c = db.conn();
    let (id, _) = deals::resolve(c, "openai-aws-compute-2025")
        .unwrap()
        .unwrap();
    let before = deals::detail(c, id).unwrap();
    deals::delete(c, id).unwrap();
    let (restored, slug) = restore(c, "openai-aws-compute-2025").unwrap();
    assert_eq!((restored, slug.as_str()), (id, "openai-aws-compute-2025"));
    assert_eq!(deals::detail(c, id).unwrap(), before);
    let err = restore(c, "openai-aws-compute-2025")
        .unwrap_err()
        .to_string();
    assert!(err.contains("already undone"), "{err}");
    assert!(restore(c, "never-was").is_err());
}
