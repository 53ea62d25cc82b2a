//! Hostile database files and input files: a file that is not SQLite, paths that
//! cannot be a database, a full disk, a read-only database and an unreadable body
//! file are each refused with one line naming them, and leave the file as it was.

use std::path::Path;

use crate::refusal::{Case, add, case, check_refused, edit, refusal_problems};
use crate::util::{AWS_DEAL, Sandbox};

/// The bytes of a file and whether its WAL companions exist.
fn file_state(path: &Path) -> (Vec<u8>, bool, bool) {
    let with = |suffix: &str| {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        Path::new(&name).exists()
    };
    (
        std::fs::read(path).unwrap_or_default(),
        with("-wal"),
        with("-shm"),
    )
}

/// Every command refuses a database file that is not SQLite, naming it, and leaves
/// it byte for byte as it was.
#[test]
fn a_file_that_is_not_sqlite_is_refused_by_every_command() {
    // About the SQLite file itself, or plain SQL in SQLite's dialect.
    crate::sqlite_only!();
    let s = Sandbox::new();
    std::fs::create_dir_all(s.db().parent().unwrap()).unwrap();
    std::fs::write(s.db(), "name,value\nnot,a database\n".repeat(200)).unwrap();
    let before = file_state(s.db());
    let db = s.db().display().to_string();
    let backup = s.root().join("copy.db").display().to_string();
    let commands: Vec<Vec<&str>> = vec![
        vec!["init"],
        vec!["seed"],
        vec!["list"],
        vec!["show", AWS_DEAL],
        vec!["add", "--title", "X", "--kind", "other"],
        vec!["edit", AWS_DEAL, "--notes", "x"],
        vec!["rm", AWS_DEAL, "--yes"],
        vec!["company", "list"],
        vec!["article", "list"],
        vec!["report"],
        vec!["timeline"],
        vec!["search", "openai"],
        vec!["sql", "SELECT 1"],
        vec!["schema"],
        vec!["fx", "list"],
        vec!["check"],
        vec!["backup", &backup],
        vec!["history"],
        vec!["restore", AWS_DEAL],
    ];
    let mut broken = Vec::new();
    for args in &commands {
        let out = s.cmd().args(args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        let mut problems = refusal_problems(out.status.code(), &stderr, std::slice::from_ref(&db));
        if !stderr.contains("not an SQLite database") {
            problems.push("does not say it is not SQLite".into());
        }
        if file_state(s.db()) != before {
            problems.push("the file changed".into());
        }
        if !problems.is_empty() {
            broken.push(format!(
                "`deals {}`: {} ({stderr:?})",
                args.join(" "),
                problems.join(", ")
            ));
        }
    }
    assert!(!Path::new(&backup).exists());
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

/// A database path that is a folder, or under a file, or empty.
#[test]
fn database_paths_that_cannot_be_a_database_are_refused() {
    let s = Sandbox::new();
    let folder = s.root().join("a-folder");
    std::fs::create_dir(&folder).unwrap();
    let file = s.write_file("plain.txt", "text");
    let under_file = file.join("deals.db");
    let folder_text = folder.display().to_string();
    let under_text = under_file.display().to_string();
    let runs: Vec<(Vec<&str>, Vec<String>)> = vec![
        (
            vec!["--db", &folder_text, "list"],
            vec![folder_text.clone()],
        ),
        (
            vec!["--db", &folder_text, "init"],
            vec![folder_text.clone()],
        ),
        (
            vec!["--db", &under_text, "list"],
            vec![file.display().to_string()],
        ),
        (vec!["--db", "", "list"], vec!["--db".into()]),
    ];
    for (args, names) in runs {
        let out = s.cmd_without_db().args(&args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        let problems = refusal_problems(out.status.code(), &stderr, &names);
        assert!(
            problems.is_empty(),
            "`deals {}`: {problems:?} ({stderr:?})",
            args.join(" ")
        );
    }
    assert_eq!(
        std::fs::read_dir(&folder).unwrap().count(),
        0,
        "files were left in the folder"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "text");
}

/// The message every write to a full database gives.
const FULL: &str = "database or disk is full";

/// A full disk (simulated by capping the database's pages) refuses each write
/// whole: one line saying so, and nothing half-written.
#[test]
fn a_full_database_refuses_the_write_whole() {
    // About the SQLite file itself, or plain SQL in SQLite's dialect.
    crate::sqlite_only!();
    let s = Sandbox::seeded();
    let notes = "n".repeat(100_000);
    let body = s.write_file("big.txt", &"Body text. ".repeat(100_000));
    let body = body.display().to_string();
    let cases: Vec<Case> = vec![
        add(&["--notes", &notes], &[FULL]),
        add(
            &[
                "--title",
                &notes,
                "--party",
                "OpenAI:customer",
                "--tag",
                "x",
            ],
            &[FULL],
        ),
        edit(&["--notes", &notes], &[FULL]),
        case(
            &["company", "add", "Fullco", "--description", &notes],
            &[FULL],
        ),
        case(&["article", "add", "--file", &body], &[FULL]),
        case(
            &[
                "sql",
                "--write",
                "UPDATE deals SET notes = printf('%.*c', 100000, 'x')",
            ],
            &[FULL],
        ),
    ]
    .into_iter()
    .map(|c| c.env("DEALS_MAX_PAGE_COUNT", "1"))
    .collect();
    check_refused(&s, &cases);
    // The same writes go through once there is room.
    s.run(&[
        "add", "--title", "Roomy", "--kind", "other", "--notes", &notes,
    ]);
}

/// A new database that cannot be made whole is not left behind half-made.
#[test]
fn a_new_database_on_a_full_disk_leaves_nothing() {
    // About the SQLite file itself, or plain SQL in SQLite's dialect.
    crate::sqlite_only!();
    let s = Sandbox::new();
    let out = s
        .cmd()
        .arg("list")
        .env("DEALS_MAX_PAGE_COUNT", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let problems = refusal_problems(out.status.code(), &stderr, &[FULL.to_string()]);
    assert!(problems.is_empty(), "{problems:?} ({stderr:?})");
    assert!(!s.db().exists(), "a half-made database was left behind");
}

/// The immutable flag on a file, taken off again when dropped.
struct Immutable(std::path::PathBuf);

impl Immutable {
    fn set(path: &Path) -> Option<Immutable> {
        let done = std::process::Command::new("chattr")
            .arg("+i")
            .arg(path)
            .status()
            .is_ok_and(|s| s.success());
        done.then(|| Immutable(path.to_path_buf()))
    }
}

impl Drop for Immutable {
    fn drop(&mut self) {
        let _ = std::process::Command::new("chattr")
            .arg("-i")
            .arg(&self.0)
            .status();
    }
}

/// True when this process can still write to `path`, permissions or not (root).
fn writable_anyway(path: &Path) -> bool {
    let conn = rusqlite::Connection::open(path).expect("open the db");
    !conn
        .is_readonly(rusqlite::MAIN_DB)
        .expect("ask whether it is read-only")
}

/// A database file the user may only read: every write is refused before it
/// starts, naming the file; reading still works.
#[test]
fn a_read_only_database_refuses_writes_and_still_reads() {
    // About the SQLite file itself, or plain SQL in SQLite's dialect.
    crate::sqlite_only!();
    use std::os::unix::fs::PermissionsExt;
    let s = Sandbox::seeded();
    std::fs::set_permissions(s.db(), std::fs::Permissions::from_mode(0o444)).unwrap();
    // Root (as in many containers and CI machines) writes whatever the mode says;
    // an immutable file (chattr +i) is read-only even for root.
    let _immutable = if writable_anyway(s.db()) {
        match Immutable::set(s.db()) {
            Some(guard) if !writable_anyway(s.db()) => Some(guard),
            _ => {
                eprintln!("skipped: no way to make a file read-only for this user here");
                return;
            }
        }
    } else {
        None
    };
    let db = s.db().display().to_string();
    let names = [db.as_str(), "read-only"];
    let cases = vec![
        add(&[], &names),
        edit(&["--notes", "x"], &names),
        case(&["rm", AWS_DEAL, "--yes"], &names),
        case(&["seed"], &names),
        case(&["company", "add", "Newco"], &names),
        case(&["fx", "set", "EUR", "0.9", "--on", "2025"], &names),
        case(&["sql", "--write", "DELETE FROM fx_rates"], &names),
        case(&["restore", AWS_DEAL], &names),
    ];
    check_refused(&s, &cases);
    s.run(&["list"]);
    s.run(&["show", AWS_DEAL]);
    s.run(&["sql", "SELECT count(*) FROM deals"]);
}

/// A body file nobody may read (mode 000) is refused, naming it.
#[test]
fn an_unreadable_file_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let s = Sandbox::seeded();
    let file = s.write_file("secret.txt", "A body nobody may read.\n");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&file).is_ok() {
        // Root reads whatever the mode says: no unreadable file to test with.
        eprintln!("skipped: this user can read a file of mode 000");
        return;
    }
    let path = file.display().to_string();
    check_refused(
        &s,
        &[case(
            &["article", "add", "--file", &path],
            &["--file", &path],
        )],
    );
}
