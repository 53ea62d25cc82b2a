//! Crash safety: a `deals` process killed with SIGKILL at several moments leaves
//! an intact database holding either none or all of what it was writing.
//!
//! The moments are states of the database file, not times: `deals` writes nothing
//! to a terminal-less stderr while it works, but every write goes through the WAL
//! file beside the database. The test watches that file and kills the process as
//! soon as it exists (the database is open, nothing is written yet) and then as
//! soon as it holds at least 1, 4, 16, ... 4096 frames (the transaction is being
//! written, or being committed, or is done). A threshold the command never reaches
//! lets it finish, which checks the "all" side as well.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::Sandbox;

/// The WAL header, then one frame header and one 4 KiB page per frame.
const WAL_HEADER: u64 = 32;
const FRAME: u64 = 24 + 4096;

/// How long a command may take before the test gives up on it.
const PATIENCE: Duration = Duration::from_secs(120);

/// The WAL sizes to kill at: the file just created, then a growing number of frames.
fn moments() -> Vec<u64> {
    let mut sizes = vec![0];
    sizes.extend([1, 4, 16, 64, 256, 1024, 2048, 4096].map(|frames| WAL_HEADER + frames * FRAME));
    sizes
}

fn wal_of(db: &Path) -> PathBuf {
    let mut wal = db.as_os_str().to_owned();
    wal.push("-wal");
    PathBuf::from(wal)
}

/// Starts `deals ARGS` on the sandbox's database and kills it as soon as its WAL
/// file exists and holds at least `wal_bytes`. Returns whether the command
/// finished before that.
fn kill_at(s: &Sandbox, args: &[&str], wal_bytes: u64) -> bool {
    let wal = wal_of(s.db());
    assert!(!wal.exists(), "a WAL file before the command started");
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("deals"))
        .args(args)
        .env_clear()
        .env("DEALS_DB", s.db())
        .env("HOME", s.root().join("home"))
        .env("XDG_DATA_HOME", s.root().join("xdg-data"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn deals");
    let start = Instant::now();
    loop {
        if child.try_wait().expect("wait for deals").is_some() {
            return true;
        }
        if std::fs::metadata(&wal).is_ok_and(|m| m.len() >= wal_bytes) {
            break;
        }
        assert!(
            start.elapsed() < PATIENCE,
            "`deals {}` still runs after {PATIENCE:?}",
            args.join(" ")
        );
        std::thread::sleep(Duration::from_micros(200));
    }
    let _ = child.kill(); // SIGKILL on Unix
    child.wait().expect("wait for the killed deals");
    false
}

fn integrity(s: &Sandbox) -> String {
    let c = rusqlite::Connection::open(s.db()).unwrap();
    c.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_killed_seed_leaves_none_or_all_of_the_seed_set() {
    // About the SQLite file's write-ahead log.
    crate::sqlite_only!();
    let mut interrupted = 0;
    for at in moments() {
        let s = Sandbox::empty();
        interrupted += usize::from(!kill_at(&s, &["seed"], at));
        assert_eq!(integrity(&s), "ok", "killed at a WAL of {at} bytes");
        let deals = s.count("SELECT count(*) FROM deals");
        assert!(
            deals == 0 || deals == 12,
            "{deals} deals after a kill at a WAL of {at} bytes"
        );
        let articles = s.count("SELECT count(*) FROM articles");
        assert_eq!(
            articles == 2,
            deals == 12,
            "articles and deals land together"
        );
        // The database still works, and a new seed completes it.
        s.run(&["seed"]);
        assert_eq!(s.count("SELECT count(*) FROM deals"), 12);
    }
    assert!(interrupted > 0, "no kill landed before the seed finished");
}

#[test]
fn a_killed_sql_write_leaves_none_or_all_of_its_rows() {
    // About the SQLite file's write-ahead log.
    crate::sqlite_only!();
    let sql = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
               INSERT INTO deals (slug, title, kind) SELECT 'bulk-' || i, 'Bulk ' || i, 'other' FROM n";
    let mut interrupted = 0;
    for at in moments() {
        let s = Sandbox::seeded();
        interrupted += usize::from(!kill_at(&s, &["sql", "--write", sql], at));
        assert_eq!(integrity(&s), "ok", "killed at a WAL of {at} bytes");
        let bulk = s.count("SELECT count(*) FROM deals WHERE slug LIKE 'bulk-%'");
        assert!(
            bulk == 0 || bulk == 20000,
            "{bulk} rows after a kill at a WAL of {at} bytes"
        );
        let totals = s.count("SELECT coalesce(sum(deals), 0) FROM deal_totals");
        assert_eq!(
            totals,
            s.count("SELECT count(*) FROM deals"),
            "derived totals stay exact"
        );
    }
    assert!(interrupted > 0, "no kill landed before the write finished");
}

/// A CSV of `deals` new deals, each between two of 500 new companies.
pub fn bulk_csv(deals: u32) -> String {
    let mut csv = String::from("slug,title,kind,parties\n");
    for i in 0..deals {
        csv.push_str(&format!(
            "bulk-{i},Bulk deal {i},investment,Bulk Company {}:investor; Bulk Company {}:investee\n",
            i % 500,
            (i + 1) % 500
        ));
    }
    csv
}

#[test]
fn a_killed_import_leaves_none_or_all_of_the_file() {
    // About the SQLite file's write-ahead log.
    crate::sqlite_only!();
    let files = Sandbox::new();
    let csv = files.write_file("deals.csv", &bulk_csv(20000));
    let csv = csv.to_str().unwrap();
    let mut interrupted = 0;
    for at in moments() {
        let s = Sandbox::seeded();
        interrupted += usize::from(!kill_at(&s, &["import", csv], at));
        assert_eq!(integrity(&s), "ok", "killed at a WAL of {at} bytes");
        let deals = s.count("SELECT count(*) FROM deals");
        assert!(
            deals == 12 || deals == 12 + 20000,
            "{deals} deals after a kill at a WAL of {at} bytes"
        );
        let parties = s.count("SELECT count(*) FROM deal_parties WHERE deal_id > 12");
        assert_eq!(parties == 0, deals == 12, "parties land with their deals");
    }
    assert!(interrupted > 0, "no kill landed before the import finished");
}
