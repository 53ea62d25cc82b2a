//! `deals backup`: a consistent copy, even while another process writes.

use crate::util::{Sandbox, dump_db};

#[test]
fn the_backup_is_a_whole_database_with_the_same_data() {
    // About the SQLite file itself, or plain SQL in SQLite's dialect.
    crate::sqlite_only!();
    let s = Sandbox::seeded();
    let target = s.root().join("copy.db");
    s.run(&["backup", target.to_str().unwrap()]);
    assert_eq!(dump_db(&target), s.dump());
    let (code, stderr) = s.fail(&["backup", target.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(stderr.contains("already exists"), "{stderr}");
}

#[test]
fn a_backup_taken_during_writes_is_consistent() {
    // About the SQLite file itself, or plain SQL in SQLite's dialect.
    crate::sqlite_only!();
    let s = Sandbox::seeded();
    // A writer adds deals while backups are taken; each copy must pass its own
    // integrity check and hold every deal's parties (never a half-written deal).
    let mut writer = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "for i in $(seq 1 15); do {bin} add --title \"Writer deal $i\" --kind other --party OpenAI:partner --party AWS:partner >/dev/null || exit 1; done",
            bin = assert_cmd::cargo::cargo_bin("deals").display()
        ))
        .env("DEALS_DB", s.db())
        .spawn()
        .unwrap();
    for i in 0..5 {
        let target = s.root().join(format!("copy-{i}.db"));
        s.run(&["backup", target.to_str().unwrap()]);
        let copy = rusqlite::Connection::open(&target).unwrap();
        let check: String = copy
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok");
        let partial: i64 = copy
            .query_row(
                "SELECT count(*) FROM deals d WHERE d.slug LIKE 'writer-deal%'
                 AND (SELECT count(*) FROM deal_parties p WHERE p.deal_id = d.id) <> 2",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(partial, 0, "a deal without all its parties in copy {i}");
    }
    assert!(writer.wait().unwrap().success());
}
