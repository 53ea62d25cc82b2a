//! Several `deals` processes at once on one database: writers queue on the busy
//! timeout instead of failing, readers never wait for them, and every write lands
//! whole. A lock held longer than the timeout is one clear line, not a hang.

use std::process::{Command, Output, Stdio};
use std::sync::{Arc, Barrier};
use std::thread;

use crate::util::{AWS_DEAL, Sandbox};

const WRITERS: usize = 4;
const ADDS_PER_WRITER: usize = 10;
const EDITORS: usize = 2;
const EDITS_PER_EDITOR: usize = 10;
const READERS: usize = 2;
const READS_PER_READER: usize = 10;

/// `deals ARGS` as a plain process in the sandbox's clean environment.
fn deals(s: &Sandbox, args: &[String]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_deals"));
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", s.root().join("home"))
        .env("XDG_DATA_HOME", s.root().join("xdg-data"))
        .env("DEALS_DB", s.db())
        .args(args)
        .stdin(Stdio::null());
    cmd
}

/// Runs each list of command lines in its own thread, one process after the
/// other, all threads starting together; returns every (command line, output).
fn run_together(s: &Sandbox, scripts: Vec<Vec<Vec<String>>>) -> Vec<(String, Output)> {
    let start = Arc::new(Barrier::new(scripts.len()));
    thread::scope(|scope| {
        let handles: Vec<_> = scripts
            .into_iter()
            .map(|script| {
                let start = Arc::clone(&start);
                scope.spawn(move || {
                    start.wait();
                    script
                        .into_iter()
                        .map(|args| {
                            let out = deals(s, &args).output().expect("spawn deals");
                            (args.join(" "), out)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("a runner thread"))
            .collect()
    })
}

fn strings(args: &[&str]) -> Vec<String> {
    args.iter().map(|a| a.to_string()).collect()
}

fn notes_of(editor: usize, round: usize) -> String {
    format!("editor {editor} round {round}")
}

#[test]
fn writers_editors_and_readers_at_once_all_succeed() {
    // About the SQLite file itself, or plain SQL in SQLite's dialect.
    crate::sqlite_only!();
    let s = Sandbox::seeded();
    let mut scripts = Vec::new();
    for w in 0..WRITERS {
        scripts.push(
            (0..ADDS_PER_WRITER)
                .map(|i| {
                    let mut args = strings(&[
                        "add",
                        "--kind",
                        "cloud-compute",
                        "--party",
                        "OpenAI:customer",
                        "--party",
                        "AWS:provider",
                        "--tag",
                        "load",
                    ]);
                    args.extend([
                        "--title".into(),
                        format!("Writer {w} deal {i}"),
                        "--slug".into(),
                        format!("w{w}-d{i}"),
                        "--value".into(),
                        format!("{}M", w * 100 + i + 1),
                    ]);
                    args
                })
                .collect(),
        );
    }
    for e in 0..EDITORS {
        scripts.push(
            (0..EDITS_PER_EDITOR)
                .map(|r| {
                    let mut args = strings(&["edit", AWS_DEAL, "--notes"]);
                    args.push(notes_of(e, r));
                    args
                })
                .collect(),
        );
    }
    scripts.push(vec![
        strings(&["report", "--group", "company"]);
        READS_PER_READER
    ]);
    scripts.push(vec![strings(&["list"]); READS_PER_READER]);
    assert_eq!(scripts.len(), WRITERS + EDITORS + READERS);

    let runs = run_together(&s, scripts);
    let mut broken = Vec::new();
    for (args, out) in &runs {
        let stderr = String::from_utf8_lossy(&out.stderr);
        if !out.status.success() || stderr.contains("locked") || stderr.contains("busy") {
            broken.push(format!("`deals {args}`: {:?}: {stderr}", out.status.code()));
        }
    }
    assert!(broken.is_empty(), "{}", broken.join("\n"));

    let conn = s.sql();
    for w in 0..WRITERS {
        for i in 0..ADDS_PER_WRITER {
            let slug = format!("w{w}-d{i}");
            let (amount, parties, tags): (i64, String, i64) = conn
                .query_row(
                    "SELECT d.value_amount,
                            (SELECT group_concat(c.name || ':' || p.role, ', ')
                               FROM (SELECT * FROM deal_parties ORDER BY role) p
                               JOIN companies c ON c.id = p.company_id
                              WHERE p.deal_id = d.id),
                            (SELECT count(*) FROM deal_tags t WHERE t.deal_id = d.id AND t.tag = 'load')
                       FROM deals d WHERE d.slug = ?1",
                    [&slug],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .unwrap_or_else(|e| panic!("{slug} is missing: {e}"));
            let expected = i64::try_from((w * 100 + i + 1) * 1_000_000).unwrap();
            assert_eq!(amount, expected, "{slug}");
            assert_eq!(
                parties, "OpenAI:customer, Amazon Web Services:provider",
                "{slug}"
            );
            assert_eq!(tags, 1, "{slug}");
        }
    }
    let added: i64 = s.count("SELECT count(*) FROM deals WHERE slug GLOB 'w[0-9]-d[0-9]*'");
    assert_eq!(added, i64::try_from(WRITERS * ADDS_PER_WRITER).unwrap());

    let notes: String = conn
        .query_row("SELECT notes FROM deals WHERE slug = ?1", [AWS_DEAL], |r| {
            r.get(0)
        })
        .unwrap();
    let written: Vec<String> = (0..EDITORS)
        .flat_map(|e| (0..EDITS_PER_EDITOR).map(move |r| notes_of(e, r)))
        .collect();
    assert!(written.contains(&notes), "final notes {notes:?}");
    // The last edit of each editor came after its others: one of them is final.
    let last = |e: usize| notes_of(e, EDITS_PER_EDITOR - 1);
    assert!(
        (0..EDITORS).any(|e| notes == last(e)),
        "final notes {notes:?} are not an editor's last"
    );

    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
}

/// A write lock held by another process for longer than the busy timeout makes a
/// writing command give up with one line that says so; nothing is written, and
/// once the lock is gone the same command works.
#[test]
fn a_lock_held_too_long_is_one_clear_line() {
    // About the SQLite file itself, or plain SQL in SQLite's dialect.
    crate::sqlite_only!();
    let s = Sandbox::seeded();
    let before = s.dump();
    let holder = s.sql();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let add = strings(&["add", "--title", "Waiting deal", "--kind", "other"]);
    let writes = [
        add.clone(),
        strings(&["edit", AWS_DEAL, "--status", "completed"]),
        strings(&["fx", "set", "EUR", "0.9", "--on", "2025-01-01"]),
        strings(&["sql", "--write", "DELETE FROM fx_rates"]),
    ];
    for args in &writes {
        let out = deals(&s, args)
            .env("DEALS_BUSY_TIMEOUT_MS", "300")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        let shown = args.join(" ");
        assert_eq!(out.status.code(), Some(1), "`deals {shown}`: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "`deals {shown}`: {stderr}");
        assert!(
            stderr.starts_with("error: the database is busy")
                && stderr.contains("another process")
                && stderr.contains("try again"),
            "`deals {shown}`: {stderr}"
        );
    }
    // Readers do not wait for the writer.
    let out = deals(&s, &strings(&["list"]))
        .env("DEALS_BUSY_TIMEOUT_MS", "300")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    holder.execute_batch("ROLLBACK").unwrap();
    drop(holder);
    assert_eq!(s.dump(), before, "a refused write changed the database");
    let out = deals(&s, &add).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
