//! Crash safety: a `deals` process killed with SIGKILL at several moments leaves
//! an intact database holding either none or all of what it was writing.

use std::process::Command;
use std::time::{Duration, Instant};

use crate::util::Sandbox;

/// Starts `deals ARGS` on the sandbox's database and kills it after `after`.
/// Returns whether it had already finished by then.
fn kill_after(s: &Sandbox, args: &[&str], after: Duration) -> bool {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("deals"))
        .args(args)
        .env("DEALS_DB", s.db())
        .env("HOME", s.root())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while start.elapsed() < after {
        if child.try_wait().unwrap().is_some() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    let _ = child.kill(); // SIGKILL on Unix
    child.wait().unwrap();
    false
}

fn integrity(s: &Sandbox) -> String {
    let c = rusqlite::Connection::open(s.db()).unwrap();
    c.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

/// Delays spread over the whole run of a command, from its start to past its end.
fn moments(total: Duration) -> Vec<Duration> {
    let ms = total.as_millis().max(10) as u64;
    [1, 5, 15, 30, 50, 70, 90, 120]
        .iter()
        .map(|p| Duration::from_millis(ms * p / 100))
        .collect()
}

fn time_of(s: &Sandbox, args: &[&str]) -> Duration {
    let start = Instant::now();
    s.run(args);
    start.elapsed()
}

#[test]
fn a_killed_seed_leaves_none_or_all_of_the_seed_set() {
    let probe = Sandbox::new();
    probe.run(&["init", "--empty"]);
    let total = time_of(&probe, &["seed"]);
    let mut interrupted = 0;
    for after in moments(total) {
        let s = Sandbox::new();
        s.run(&["init", "--empty"]);
        interrupted += usize::from(!kill_after(&s, &["seed"], after));
        assert_eq!(integrity(&s), "ok", "killed after {after:?}");
        let deals = s.count("SELECT count(*) FROM deals");
        assert!(
            deals == 0 || deals == 12,
            "{deals} deals after a kill at {after:?}"
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
    let sql = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
               INSERT INTO deals (slug, title, kind) SELECT 'bulk-' || i, 'Bulk ' || i, 'other' FROM n";
    let probe = Sandbox::seeded();
    let total = time_of(&probe, &["sql", "--write", sql]);
    let mut interrupted = 0;
    for after in moments(total) {
        let s = Sandbox::seeded();
        interrupted += usize::from(!kill_after(&s, &["sql", "--write", sql], after));
        assert_eq!(integrity(&s), "ok", "killed after {after:?}");
        let bulk = s.count("SELECT count(*) FROM deals WHERE slug LIKE 'bulk-%'");
        assert!(
            bulk == 0 || bulk == 20000,
            "{bulk} rows after a kill at {after:?}"
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

#[test]
fn a_killed_import_leaves_none_or_all_of_the_file() {
    let probe = Sandbox::seeded();
    let data = probe.root().join("data");
    probe.run(&[
        "generate",
        "--out",
        data.to_str().unwrap(),
        "--deals",
        "20000",
        "--companies",
        "500",
        "--articles",
        "0",
    ]);
    let csv = data.join("deals.csv");
    let csv = csv.to_str().unwrap();
    let total = time_of(&probe, &["import", csv]);
    let mut interrupted = 0;
    for after in moments(total) {
        let s = Sandbox::seeded();
        interrupted += usize::from(!kill_after(&s, &["import", csv], after));
        assert_eq!(integrity(&s), "ok", "killed after {after:?}");
        let deals = s.count("SELECT count(*) FROM deals");
        assert!(
            deals == 12 || deals == 12 + 20000,
            "{deals} deals after a kill at {after:?}"
        );
        let parties = s.count("SELECT count(*) FROM deal_parties WHERE deal_id > 12");
        assert_eq!(parties == 0, deals == 12, "parties land with their deals");
    }
    assert!(interrupted > 0, "no kill landed before the import finished");
}
