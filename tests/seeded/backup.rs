//! `db::backup` on the bundled seed set.

use ::deals::db::Db;
use ::deals::db::backup::*;
use rusqlite::Connection;

#[test]
fn the_copy_holds_the_same_data_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(&dir.path().join("live.db")).unwrap();
    ::deals::ops::seed::load(&db).unwrap();
    let target = dir.path().join("copy.db");
    backup(db.conn().sqlite().unwrap(), &target).unwrap();
    let copy = Connection::open(&target).unwrap();
    let deals: i64 = copy
        .query_row("SELECT count(*) FROM deals", [], |r| r.get(0))
        .unwrap();
    assert_eq!(deals, 12);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".deals-backup-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&target), mode(&dir.path().join("live.db")));
    }
    let err = backup(db.conn().sqlite().unwrap(), &target)
        .unwrap_err()
        .to_string();
    assert!(err.contains("already exists"), "{err}");
}
