//! The sandbox every test runs in: a temporary folder holding the database, a fake
//! HOME and a fake XDG data dir, so no test can ever reach the user's real database.
//!
//! With `DEALS_TEST_ENGINE=postgres` (and `DEALS_TEST_POSTGRES` naming an admin
//! URL), every sandbox's database is instead a database of its own on that
//! server, and `DEALS_DB` its URL: the same tests run on PostgreSQL. Tests of
//! what only an SQLite file has (its bytes, its permissions, its locks, the
//! disk under it) say so with [`sqlite_only!`] and are skipped there.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::OnceLock;

use assert_cmd::Command;
use rusqlite::types::ValueRef;
use serde_json::Value;
use tempfile::TempDir;

/// The slug of the seed deal most tests look at.
pub const AWS_DEAL: &str = "openai-aws-compute-2025";
/// The two bundled articles.
pub const NEWS_ARTICLE: &str = "openai-aws-38-miliardi-notizia";
pub const BLOG_ARTICLE: &str = "openai-amazon-accordo-38-miliardi-blog";

pub struct Sandbox {
    dir: TempDir,
    db: PathBuf,
    server: Option<crate::postgres::Database>,
}

/// True when the sandboxes' databases are on the PostgreSQL test server.
pub fn on_postgres() -> bool {
    std::env::var("DEALS_TEST_ENGINE").as_deref() == Ok("postgres")
        && crate::postgres::admin_url().is_some()
}

/// Skips the rest of a test about what only an SQLite file has, when the
/// sandboxes are on PostgreSQL.
#[macro_export]
macro_rules! sqlite_only {
    () => {
        if $crate::util::on_postgres() {
            eprintln!("a test of the SQLite file: skipped on PostgreSQL");
            return;
        }
    };
}

impl Sandbox {
    /// A sandbox whose database does not exist yet, inside folders that do not
    /// exist yet either.
    pub fn new() -> Sandbox {
        let dir = tempfile::tempdir().expect("create a temporary folder");
        let db = dir.path().join("data").join("nested").join("deals.db");
        let server = on_postgres().then(|| crate::postgres::blank(&admin()));
        Sandbox { dir, db, server }
    }

    /// A sandbox with a database already created and loaded with the seed set: a
    /// copy of the one template this test process made with `deals init`.
    pub fn seeded() -> Sandbox {
        if on_postgres() {
            return Sandbox::on_server(crate::postgres::seeded(&admin()));
        }
        static TEMPLATE: OnceLock<Vec<u8>> = OnceLock::new();
        Sandbox::with_db(TEMPLATE.get_or_init(|| template(&["init"])))
    }

    /// A sandbox with a blank database (the lookup tables, no deals): a copy of
    /// the one template this test process made with `deals init --empty`.
    pub fn empty() -> Sandbox {
        if on_postgres() {
            return Sandbox::on_server(crate::postgres::empty(&admin()));
        }
        static TEMPLATE: OnceLock<Vec<u8>> = OnceLock::new();
        Sandbox::with_db(TEMPLATE.get_or_init(|| template(&["init", "--empty"])))
    }

    /// A sandbox whose database is `db` on the test server.
    fn on_server(db: crate::postgres::Database) -> Sandbox {
        let dir = tempfile::tempdir().expect("create a temporary folder");
        let path = dir.path().join("data").join("nested").join("deals.db");
        Sandbox {
            dir,
            db: path,
            server: Some(db),
        }
    }

    /// What DEALS_DB holds: the file's path, or the server database's URL.
    pub fn target(&self) -> std::ffi::OsString {
        match &self.server {
            Some(db) => db.url.clone().into(),
            None => self.db.clone().into_os_string(),
        }
    }

    /// A sandbox whose database file holds `bytes`.
    fn with_db(bytes: &[u8]) -> Sandbox {
        let sandbox = Sandbox::new();
        let parent = sandbox.db.parent().expect("the db has a folder");
        std::fs::create_dir_all(parent).expect("create the db folder");
        std::fs::write(&sandbox.db, bytes).expect("copy the template db");
        sandbox
    }

    /// The temporary folder.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// The database path the commands get in DEALS_DB.
    pub fn db(&self) -> &Path {
        &self.db
    }

    /// Writes a file inside the sandbox and returns its path.
    pub fn write_file(&self, name: &str, contents: &str) -> PathBuf {
        let path = self.root().join(name);
        std::fs::write(&path, contents).expect("write a file in the sandbox");
        path
    }

    /// `deals` with a clean environment and DEALS_DB pointing into the sandbox.
    pub fn cmd(&self) -> Command {
        let mut cmd = self.cmd_without_db();
        cmd.env("DEALS_DB", self.target());
        cmd
    }

    /// `deals` with a clean environment (PATH, and HOME / XDG_DATA_HOME inside the
    /// sandbox) and no DEALS_DB.
    pub fn cmd_without_db(&self) -> Command {
        let mut cmd = Command::cargo_bin("deals").expect("the deals binary");
        cmd.env_clear();
        if let Some(path) = std::env::var_os("PATH") {
            cmd.env("PATH", path);
        }
        cmd.env("HOME", self.root().join("home"));
        cmd.env("XDG_DATA_HOME", self.root().join("xdg-data"));
        cmd
    }

    /// Runs `deals ARGS`, asserting success.
    pub fn run(&self, args: &[&str]) -> Output {
        succeed(self.cmd().args(args), args)
    }

    /// Runs `deals ARGS` with INPUT on stdin, asserting success.
    pub fn run_stdin(&self, args: &[&str], input: &str) -> Output {
        succeed(self.cmd().args(args).write_stdin(input.to_owned()), args)
    }

    /// The stdout of a successful `deals ARGS`.
    pub fn stdout(&self, args: &[&str]) -> String {
        String::from_utf8(self.run(args).stdout).expect("stdout is UTF-8")
    }

    /// Runs `deals ARGS`, asserting that it fails cleanly: an exit code (not a
    /// signal), not 0, not 101 (a panic), no "panicked" on stderr.
    pub fn fail(&self, args: &[&str]) -> (i32, String) {
        fail_cmd(self.cmd().args(args), args)
    }

    /// The parsed stdout of a successful `deals ARGS --format json`.
    pub fn json(&self, args: &[&str]) -> Value {
        let mut all = args.to_vec();
        all.extend(["--format", "json"]);
        let out = self.stdout(&all);
        serde_json::from_str(&out).unwrap_or_else(|e| {
            panic!(
                "`deals {}` printed invalid JSON ({e}):\n{out}",
                all.join(" ")
            )
        })
    }

    /// Every user table of the database, row by row, with the schema: two equal
    /// dumps mean nothing changed.
    pub fn dump(&self) -> String {
        match &self.server {
            Some(db) => crate::postgres::dump(&db.url),
            None => dump_db(&self.db),
        }
    }

    /// A connection to the sandbox database, as `sqlite3` would open it.
    pub fn sql(&self) -> rusqlite::Connection {
        assert!(
            self.server.is_none(),
            "a test that opens the SQLite file must start with sqlite_only!()"
        );
        rusqlite::Connection::open(&self.db).expect("open the db with rusqlite")
    }

    /// The rows of plain SQL on either engine, in the query's order: integers
    /// and text as JSON numbers and strings, NULL as null.
    pub fn rows(&self, query: &str) -> Vec<Vec<serde_json::Value>> {
        use serde_json::Value;
        if let Some(db) = &self.server {
            use postgres::types::Type;
            let mut client = postgres::Client::connect(&db.url, postgres::NoTls).expect("connect");
            let rows = client
                .query(query, &[])
                .unwrap_or_else(|e| panic!("{query}: {e}"));
            return rows
                .iter()
                .map(|row| {
                    (0..row.len())
                        .map(|i| match *row.columns()[i].type_() {
                            Type::INT8 => row.get::<_, Option<i64>>(i).into(),
                            Type::INT4 => row.get::<_, Option<i32>>(i).into(),
                            _ => row.get::<_, Option<String>>(i).into(),
                        })
                        .collect()
                })
                .collect();
        }
        let conn = self.sql();
        let mut stmt = conn
            .prepare(query)
            .unwrap_or_else(|e| panic!("{query}: {e}"));
        let columns = stmt.column_count();
        stmt.query_map([], |row| {
            (0..columns)
                .map(|i| {
                    Ok(match row.get::<_, rusqlite::types::Value>(i)? {
                        rusqlite::types::Value::Integer(n) => n.into(),
                        rusqlite::types::Value::Text(t) => t.into(),
                        rusqlite::types::Value::Real(f) => f.into(),
                        rusqlite::types::Value::Null => Value::Null,
                        rusqlite::types::Value::Blob(_) => panic!("{query}: a blob"),
                    })
                })
                .collect()
        })
        .unwrap_or_else(|e| panic!("{query}: {e}"))
        .map(|row| row.unwrap_or_else(|e| panic!("{query}: {e}")))
        .collect()
    }

    /// Runs plain SQL that both engines read alike, behind the tool's back.
    pub fn execute(&self, sql: &str) {
        let done = match &self.server {
            Some(db) => postgres::Client::connect(&db.url, postgres::NoTls)
                .expect("connect")
                .batch_execute(sql)
                .map_err(|e| e.to_string()),
            None => self.sql().execute_batch(sql).map_err(|e| e.to_string()),
        };
        done.unwrap_or_else(|e| panic!("{sql}: {e}"));
    }

    /// One number from plain SQL.
    pub fn count(&self, query: &str) -> i64 {
        if let Some(db) = &self.server {
            let mut client = postgres::Client::connect(&db.url, postgres::NoTls).expect("connect");
            let query = format!("SELECT CAST(({query}) AS BIGINT)");
            let row = client
                .query_one(query.as_str(), &[])
                .unwrap_or_else(|e| panic!("{query}: {e}"));
            return row.get::<_, i64>(0);
        }
        self.sql()
            .query_row(query, [], |row| row.get(0))
            .unwrap_or_else(|e| panic!("{query}: {e}"))
    }
}

/// The bytes of a database made by `deals ARGS` in a sandbox of its own. `deals`
/// checkpoints and removes its WAL file when it exits, so the main file alone is
/// the whole database.
fn template(args: &[&str]) -> Vec<u8> {
    let maker = Sandbox::new();
    maker.run(args);
    let mut wal = maker.db.as_os_str().to_owned();
    wal.push("-wal");
    assert!(
        !std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0),
        "`deals {}` left a WAL file with content",
        args.join(" ")
    );
    std::fs::read(&maker.db).expect("`deals init` created the db")
}

/// The admin URL of the test server.
fn admin() -> String {
    crate::postgres::admin_url().expect("DEALS_TEST_POSTGRES names the test server")
}

fn describe(args: &[&str]) -> String {
    format!("`deals {}`", args.join(" "))
}

/// Runs a prepared command and asserts success, showing stderr if it failed.
pub fn succeed(cmd: &mut Command, args: &[&str]) -> Output {
    let out = cmd.output().expect("spawn deals");
    assert!(
        out.status.success(),
        "{} failed with {:?}\nstdout: {}\nstderr: {}",
        describe(args),
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Runs a prepared command and asserts a clean failure; returns the exit code and stderr.
pub fn fail_cmd(cmd: &mut Command, args: &[&str]) -> (i32, String) {
    let out = cmd.output().expect("spawn deals");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let code = out
        .status
        .code()
        .unwrap_or_else(|| panic!("{} was killed by a signal", describe(args)));
    assert_ne!(code, 0, "{} succeeded but should fail", describe(args));
    assert_ne!(code, 101, "{} panicked:\n{stderr}", describe(args));
    assert!(
        !stderr.contains("panicked"),
        "{} panicked:\n{stderr}",
        describe(args)
    );
    (code, stderr)
}

/// A stable text dump of the database at PATH (or a marker when there is none).
pub fn dump_db(path: &Path) -> String {
    if !path.exists() {
        return "<no database>".into();
    }
    let conn =
        rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("open the db read-only");
    let mut out = String::new();
    let schema: Vec<(String, String, String)> = {
        let mut stmt = conn
            .prepare("SELECT type, name, coalesce(sql, '') FROM sqlite_master ORDER BY rowid")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    for (kind, name, sql) in &schema {
        out.push_str(&format!("-- {kind} {name}: {sql}\n"));
    }
    for (kind, name, _) in &schema {
        if kind != "table" || name.starts_with("sqlite_") {
            continue;
        }
        out.push_str(&format!("== {name}\n"));
        // Rows sorted as text: the same for rowid and WITHOUT ROWID tables alike.
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{name}\"")).unwrap();
        let columns = stmt.column_count();
        let rows: BTreeSet<String> = stmt
            .query_map([], |row| {
                let mut line = Vec::with_capacity(columns);
                for i in 0..columns {
                    line.push(match row.get_ref(i)? {
                        ValueRef::Null => "NULL".to_string(),
                        ValueRef::Integer(n) => n.to_string(),
                        ValueRef::Real(x) => format!("{x:?}"),
                        ValueRef::Text(t) => format!("{:?}", String::from_utf8_lossy(t)),
                        ValueRef::Blob(b) => b.iter().map(|x| format!("{x:02x}")).collect(),
                    });
                }
                Ok(line.join(" | "))
            })
            .unwrap()
            .map(Result::unwrap)
            .collect();
        for row in rows {
            out.push_str(&row);
            out.push('\n');
        }
    }
    out
}

/// The slugs of a JSON array of records, in order.
pub fn slugs(list: &Value) -> Vec<String> {
    list.as_array()
        .expect("a JSON array")
        .iter()
        .map(|d| d["slug"].as_str().expect("a slug").to_string())
        .collect()
}

/// The same slugs as a set, for comparisons that ignore order.
pub fn slug_set(list: &Value) -> BTreeSet<String> {
    slugs(list).into_iter().collect()
}

/// A set of strings from literals.
pub fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// The record with SLUG in a JSON array.
pub fn find<'a>(list: &'a Value, slug: &str) -> &'a Value {
    list.as_array()
        .expect("a JSON array")
        .iter()
        .find(|d| d["slug"] == slug)
        .unwrap_or_else(|| panic!("no {slug} in {list:#}"))
}

/// (company, role) pairs of a deal record.
pub fn parties(deal: &Value) -> BTreeSet<(String, String)> {
    deal["parties"]
        .as_array()
        .expect("parties")
        .iter()
        .map(|p| {
            (
                p["company"].as_str().unwrap().to_string(),
                p["role"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// The non-empty lines of a text.
pub fn lines(text: &str) -> Vec<&str> {
    text.lines().filter(|l| !l.trim().is_empty()).collect()
}

/// A set of (company, role) pairs from literals.
pub fn pairs(items: &[(&str, &str)]) -> BTreeSet<(String, String)> {
    items
        .iter()
        .map(|(c, r)| (c.to_string(), r.to_string()))
        .collect()
}
