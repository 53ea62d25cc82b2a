//! The PostgreSQL engine, against the server that `DEALS_TEST_POSTGRES` names
//! (an admin URL; `.ci/run` starts one on a loopback port). Each test gets a
//! database of its own, copied from a template this process migrated and
//! seeded once. Without the variable these tests say so and skip, as the
//! disk-fault tests do without fiu-run.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;

use crate::util::{AWS_DEAL, Sandbox, fail_cmd, succeed};

/// The server of the tests, from `DEALS_TEST_POSTGRES`.
pub fn admin_url() -> Option<String> {
    let url = std::env::var("DEALS_TEST_POSTGRES").ok()?;
    if url.is_empty() {
        return None;
    }
    Some(url)
}

/// The admin URL, or a skip: without a server, and in the run where every
/// sandbox is already on the server (these tests hold SQLite beside it).
macro_rules! server_or_skip {
    () => {{
        if crate::util::on_postgres() {
            eprintln!("compares with SQLite: runs in the SQLite pass");
            return;
        }
        match admin_url() {
            Some(url) => url,
            None => {
                eprintln!("DEALS_TEST_POSTGRES is not set: PostgreSQL test skipped");
                return;
            }
        }
    }};
}

fn admin(url: &str) -> postgres::Client {
    postgres::Client::connect(url, postgres::NoTls).expect("connect to the test server")
}

/// `url` with its database name replaced by `db`.
fn with_database(url: &str, db: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let at = base.rfind('/').expect("a database in the URL");
    match query {
        Some(q) => format!("{}/{db}?{q}", &base[..at]),
        None => format!("{}/{db}", &base[..at]),
    }
}

/// A database of one test, dropped at its end.
pub struct Database {
    admin: String,
    name: String,
    pub url: String,
}

impl Drop for Database {
    fn drop(&mut self) {
        let _ = admin(&self.admin).batch_execute(&format!(
            "DROP DATABASE IF EXISTS {} WITH (FORCE)",
            self.name
        ));
    }
}

static NEXT: AtomicUsize = AtomicUsize::new(0);

fn new_name(what: &str) -> String {
    format!(
        "deals_{what}_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::SeqCst)
    )
}

/// A new, empty database (no schema).
pub fn blank(admin_url: &str) -> Database {
    let name = new_name("blank");
    admin(admin_url)
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .expect("create a test database");
    Database {
        admin: admin_url.to_string(),
        url: with_database(admin_url, &name),
        name,
    }
}

/// A database holding the seed set: a copy of the template this process made
/// with `deals init` once.
pub fn seeded(admin_url: &str) -> Database {
    static TEMPLATE: OnceLock<String> = OnceLock::new();
    copy(
        admin_url,
        TEMPLATE.get_or_init(|| template(admin_url, &["init"])),
    )
}

/// A database with the schema and the lookup tables, no deals: a copy of the
/// template this process made with `deals init --empty` once.
pub fn empty(admin_url: &str) -> Database {
    static TEMPLATE: OnceLock<String> = OnceLock::new();
    copy(
        admin_url,
        TEMPLATE.get_or_init(|| template(admin_url, &["init", "--empty"])),
    )
}

/// A template database made by `deals ARGS`; kept until the server goes.
fn template(admin_url: &str, args: &[&str]) -> String {
    let db = blank(admin_url);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut cmd = assert_cmd::Command::cargo_bin("deals").expect("the deals binary");
    cmd.env_clear()
        .env("HOME", dir.path())
        .args(["--db", &db.url])
        .args(args);
    succeed(&mut cmd, args);
    let name = db.name.clone();
    std::mem::forget(db);
    name
}

fn copy(admin_url: &str, template: &str) -> Database {
    let name = new_name("copy");
    admin(admin_url)
        .batch_execute(&format!("CREATE DATABASE {name} TEMPLATE {template}"))
        .expect("copy the template database");
    Database {
        admin: admin_url.to_string(),
        url: with_database(admin_url, &name),
        name,
    }
}

/// Every table of the database at `url`, row by row as JSON, sorted: two equal
/// dumps mean nothing changed.
pub fn dump(url: &str) -> String {
    let mut client = postgres::Client::connect(url, postgres::NoTls).expect("connect");
    let tables: Vec<String> = client
        .query(
            "SELECT table_name::text FROM information_schema.tables
              WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
              ORDER BY table_name",
            &[],
        )
        .expect("list the tables")
        .iter()
        .map(|r| r.get(0))
        .collect();
    let mut out = String::new();
    for table in tables {
        out.push_str(&format!("== {table}\n"));
        let sql = format!("SELECT row_to_json(t)::text FROM \"{table}\" t ORDER BY 1");
        for row in client.query(sql.as_str(), &[]).expect("read a table") {
            out.push_str(&row.get::<_, String>(0));
            out.push('\n');
        }
    }
    out
}

/// `deals --db URL ARGS` in a sandbox, asserting success; its stdout.
fn run(s: &Sandbox, url: &str, args: &[&str]) -> String {
    let out = succeed(s.cmd_without_db().args(["--db", url]).args(args), args);
    String::from_utf8(out.stdout).expect("stdout is UTF-8")
}

/// The JSON of `deals ARGS --format json`, with the clock's fields masked.
fn json_masked(s: &Sandbox, db: &str, args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    let text = run(s, db, &all);
    let mut value: Value = serde_json::from_str(&text).expect("JSON");
    mask(&mut value);
    value
}

fn mask(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                if ["created_at", "updated_at", "added_at", "changed_at"].contains(&key.as_str()) {
                    *v = Value::String("T".into());
                } else {
                    mask(v);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(mask),
        _ => {}
    }
}

/// What the parity tests ask both engines.
const READS: &[&[&str]] = &[
    &["list"],
    &["list", "--sort", "value"],
    &["show", AWS_DEAL],
    &["report", "--by", "quarter"],
    &["report", "--group", "company"],
    &["report", "--spread", "--by", "year"],
    &[
        "report", "--by", "month", "--group", "company", "--top", "3",
    ],
    &["company", "list"],
    &["company", "show", "OpenAI"],
    &["timeline"],
    &["check"],
    &["export"],
    &["history"],
    &["article", "list"],
    &["event", "list"],
];

fn same_answers(lite: &Sandbox, url: &str) {
    let db = lite.db().to_str().expect("a UTF-8 path").to_string();
    for args in READS {
        let (a, b) = (json_masked(lite, &db, args), json_masked(lite, url, args));
        assert!(
            a == b,
            "`deals {}` answers differently on PostgreSQL:\n{}",
            args.join(" "),
            first_difference(&a, &b)
        );
    }
}

/// The first line where the pretty JSON of `a` and `b` differ, with its neighbours.
fn first_difference(a: &Value, b: &Value) -> String {
    let (a, b) = (
        serde_json::to_string_pretty(a).unwrap_or_default(),
        serde_json::to_string_pretty(b).unwrap_or_default(),
    );
    let (a, b): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
    let at = a
        .iter()
        .zip(&b)
        .position(|(x, y)| x != y)
        .unwrap_or(a.len().min(b.len()));
    let from = at.saturating_sub(3);
    format!(
        "SQLite:\n{}\nPostgreSQL:\n{}",
        a[from..(at + 3).min(a.len())].join("\n"),
        b[from..(at + 3).min(b.len())].join("\n")
    )
}

/// The changes of `deals history` as (table, key, operation, old, new),
/// sorted: what was recorded, whatever the order within one statement.
fn changes(s: &Sandbox, db: &str) -> Vec<String> {
    let mut all: Vec<String> = json_masked(s, db, &["history"])
        .as_array()
        .expect("a list")
        .iter()
        .map(|c| {
            format!(
                "{} {} {} {} {}",
                c["table"], c["key"], c["operation"], c["old"], c["new"]
            )
        })
        .collect();
    all.sort();
    all
}

#[test]
fn init_seeds_the_twelve_deals_and_every_read_answers_as_on_sqlite() {
    let server = server_or_skip!();
    let db = blank(&server);
    let s = Sandbox::seeded();
    let out = succeed(
        s.cmd_without_db().args(["--db", &db.url, "init"]),
        &["init"],
    );
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("12 deals"), "{said}");
    assert!(!said.contains("s3cret"));
    let again = run(&s, &db.url, &["init"]);
    assert!(again.contains("is up to date"), "{again}");
    same_answers(&s, &db.url);
}

#[test]
fn writes_leave_the_same_records_and_history_as_on_sqlite() {
    let server = server_or_skip!();
    let db = seeded(&server);
    let s = Sandbox::seeded();
    let lite = s.db().to_str().expect("a UTF-8 path").to_string();
    for target in [lite.as_str(), db.url.as_str()] {
        for args in [
            &[
                "add",
                "--title",
                "Nvidia invests in xAI",
                "--kind",
                "investment",
                "--party",
                "Nvidia:investor",
                "--party",
                "xAI:investee",
                "--value",
                "$2bn",
                "--announced",
                "2025-10",
                "--create-companies",
            ][..],
            &["edit", "nvidia-invests-in-xai", "--status", "signed"],
            &["company", "add", "Mistral AI", "--country", "FR"],
            &["company", "alias", "Mistral AI", "Mistral"],
            &[
                "event",
                "add",
                "nvidia-invests-in-xai",
                "--kind",
                "signed",
                "--on",
                "2025-11-02",
            ],
            &["rm", "openai-google-cloud-2025", "--yes"],
            &["restore", "openai-google-cloud-2025"],
            &["company", "edit", "Mistral AI", "--name", "Mistral"],
        ] {
            run(&s, target, args);
        }
    }
    same_answers(&s, &db.url);
}

#[test]
fn a_read_only_colleague_reads_everything_and_is_refused_writes_in_one_line() {
    let server = server_or_skip!();
    let db = seeded(&server);
    let role = new_name("reader");
    let mut c = postgres::Client::connect(&db.url, postgres::NoTls).expect("connect");
    c.batch_execute(&format!(
        "CREATE ROLE {role} LOGIN; GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}"
    ))
    .expect("make a reader");
    let reader = db.url.replacen("postgres@", &format!("{role}@"), 1);
    let s = Sandbox::new();
    for args in READS {
        run(&s, &reader, args);
    }
    for args in [
        &["add", "--title", "X", "--kind", "other"][..],
        &["edit", AWS_DEAL, "--status", "signed"],
        &["company", "add", "Someone"],
    ] {
        let (code, message) = fail_cmd(s.cmd_without_db().args(["--db", &reader]).args(args), args);
        assert_eq!(code, 1, "{message}");
        assert_eq!(
            message.trim(),
            format!("error: read-only: {role} may read but not change this database")
        );
    }
    c.batch_execute(&format!("DROP OWNED BY {role}; DROP ROLE {role}"))
        .expect("drop the reader");
}

#[test]
fn eight_writers_at_once_lose_nothing() {
    let server = server_or_skip!();
    let db = seeded(&server);
    let s = Sandbox::new();
    std::thread::scope(|scope| {
        for writer in 0..8 {
            let (s, url) = (&s, &db.url);
            scope.spawn(move || {
                for n in 0..4 {
                    let title = format!("Writer {writer} deal {n}");
                    run(
                        s,
                        url,
                        &[
                            "add",
                            "--title",
                            &title,
                            "--kind",
                            "other",
                            "--party",
                            "OpenAI:customer",
                        ],
                    );
                }
            });
        }
    });
    let list = json_masked(&s, &db.url, &["list"]);
    assert_eq!(list.as_array().map(Vec::len), Some(12 + 32));
    let history = json_masked(&s, &db.url, &["history"]);
    let inserts = history
        .as_array()
        .expect("a list")
        .iter()
        .filter(|c| c["table"] == "deals" && c["operation"] == "insert")
        .count();
    assert_eq!(inserts, 12 + 32);
}

#[test]
fn tls_is_used_when_sslmode_asks_for_it() {
    let server = server_or_skip!();
    let db = seeded(&server);
    let s = Sandbox::new();
    let tls = format!("{}?sslmode=require", db.url);
    let plain = format!("{}?sslmode=disable", db.url);
    assert_eq!(
        json_masked(&s, &tls, &["list"]),
        json_masked(&s, &plain, &["list"])
    );
    let out = run(
        &s,
        &tls,
        &[
            "sql",
            "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
            "--format",
            "csv",
        ],
    );
    assert_eq!(out.lines().nth(1), Some("1"), "{out}");
    let out = run(
        &s,
        &plain,
        &[
            "sql",
            "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
            "--format",
            "csv",
        ],
    );
    assert_eq!(out.lines().nth(1), Some("0"), "{out}");
}

#[test]
fn a_laptop_database_moves_to_the_server_and_back_byte_for_byte() {
    let server = server_or_skip!();
    let laptop = Sandbox::seeded();
    laptop.run(&[
        "add",
        "--title",
        "Meta buys chips from Nvidia",
        "--kind",
        "chip-supply",
        "--party",
        "Meta:customer",
        "--party",
        "Nvidia:provider",
        "--value",
        "€1.5bn",
        "--create-companies",
    ]);
    let exported = laptop.write_file("laptop.json", &laptop.stdout(&["export"]));
    let db = blank(&server);
    let s = Sandbox::new();
    let file = exported.to_str().expect("UTF-8");
    run(&s, &db.url, &["init", "--empty"]);
    run(&s, &db.url, &["import", file]);
    let from_server = run(&s, &db.url, &["export"]);
    assert_eq!(
        from_server,
        std::fs::read_to_string(&exported).expect("read")
    );
    let back = Sandbox::empty();
    let again = back.write_file("server.json", &from_server);
    back.run(&["import", again.to_str().expect("UTF-8")]);
    assert_eq!(back.stdout(&["export"]), from_server);
}

#[test]
fn a_newer_schema_is_refused_untouched() {
    let server = server_or_skip!();
    let db = seeded(&server);
    let mut c = postgres::Client::connect(&db.url, postgres::NoTls).expect("connect");
    c.batch_execute(
        "INSERT INTO refinery_schema_history (version, name, applied_on, checksum)
         VALUES (999, 'future', '2030-01-01T00:00:00Z', '1')",
    )
    .expect("pretend a newer deals migrated it");
    let s = Sandbox::new();
    let (code, message) = fail_cmd(
        s.cmd_without_db().args(["--db", &db.url, "list"]),
        &["list"],
    );
    assert_eq!(code, 1, "{message}");
    assert!(message.contains("schema version 999 is newer"), "{message}");
    let count: i64 = c
        .query_one("SELECT count(*) FROM deals", &[])
        .expect("count")
        .get(0);
    assert_eq!(count, 12);
}

#[test]
fn access_gives_and_takes_back_rights_in_one_line_each() {
    let server = server_or_skip!();
    let db = seeded(&server);
    let (ann, bob) = (new_name("ann"), new_name("bob"));
    let mut c = postgres::Client::connect(&db.url, postgres::NoTls).expect("connect");
    c.batch_execute(&format!("CREATE ROLE {ann} LOGIN; CREATE ROLE {bob} LOGIN"))
        .expect("make two users");
    let as_user = |user: &str| db.url.replacen("postgres@", &format!("{user}@"), 1);
    let s = Sandbox::new();
    let said = run(&s, &db.url, &["access", "grant", &ann, "--read"]);
    assert_eq!(
        said.trim(),
        format!("{ann} may now read the deals, and change nothing.")
    );
    run(&s, &as_user(&ann), &["list"]);
    let add = ["add", "--title", "Ann's deal", "--kind", "other"];
    let (code, message) = fail_cmd(
        s.cmd_without_db().args(["--db", &as_user(&ann)]).args(add),
        &add,
    );
    assert_eq!(code, 1);
    assert!(message.contains("may read but not change"), "{message}");
    run(&s, &db.url, &["access", "grant", &ann, "--write"]);
    run(&s, &as_user(&ann), &add);
    // A writer is not an owner: giving rights is refused, and nothing changes.
    let grant = ["access", "grant", &bob, "--write"];
    let (code, message) = fail_cmd(
        s.cmd_without_db()
            .args(["--db", &as_user(&ann)])
            .args(grant),
        &grant,
    );
    assert_eq!(code, 1, "{message}");
    assert_eq!(
        message.trim(),
        format!(
            "error: access: {ann} cannot give rights on this database; its owner (postgres) or a superuser can"
        )
    );
    run(&s, &db.url, &["access", "revoke", &ann]);
    let list = ["list"];
    let (code, message) = fail_cmd(
        s.cmd_without_db().args(["--db", &as_user(&ann)]).args(list),
        &list,
    );
    assert_eq!(code, 1, "{message}");
    assert!(message.starts_with("error: no access:"), "{message}");
    assert_eq!(message.trim().lines().count(), 1, "{message}");
    let unknown = ["access", "grant", "nobody_at_all", "--read"];
    let (code, message) = fail_cmd(
        s.cmd_without_db().args(["--db", &db.url]).args(unknown),
        &unknown,
    );
    assert_eq!(code, 1, "{message}");
    assert!(
        message.contains("the server has no user 'nobody_at_all'"),
        "{message}"
    );
    c.batch_execute(&format!(
        "DROP OWNED BY {ann}, {bob}; DROP ROLE {ann}; DROP ROLE {bob}"
    ))
    .expect("drop the users");
}

#[test]
fn backup_of_a_server_database_says_how_it_was_made() {
    let server = server_or_skip!();
    let db = seeded(&server);
    let s = Sandbox::new();
    let target = s.root().join("desk.backup");
    let said = run(&s, &db.url, &["backup", target.to_str().expect("UTF-8")]);
    let bytes = std::fs::read(&target).expect("the backup was written");
    if said.contains("pg_dump -Fc") {
        assert!(bytes.starts_with(b"PGDMP"), "a pg_dump archive");
    } else {
        assert!(said.contains("deals/1 document"), "{said}");
        let doc: Value = serde_json::from_slice(&bytes).expect("a JSON document");
        assert_eq!(doc["deals"].as_array().map(Vec::len), Some(12));
    }
    // An existing file is never overwritten.
    let (code, message) = fail_cmd(
        s.cmd_without_db()
            .args(["--db", &db.url, "backup", target.to_str().expect("UTF-8")]),
        &["backup"],
    );
    assert_eq!(code, 1, "{message}");
    assert!(message.contains("already exists"), "{message}");
}

#[test]
fn access_is_for_postgresql_databases() {
    // About the SQLite file itself, or plain SQL in SQLite's dialect.
    crate::sqlite_only!();
    let s = Sandbox::seeded();
    let (code, message) = s.fail(&["access", "grant", "ann", "--read"]);
    assert_eq!(code, 2, "{message}");
    assert!(message.contains("file permissions"), "{message}");
}

/// The (kind, slug) pairs of a search's hits.
fn hits(s: &Sandbox, db: &str, query: &str) -> std::collections::BTreeSet<(String, String)> {
    json_masked(s, db, &["search", query])
        .as_array()
        .expect("a list")
        .iter()
        .map(|h| {
            (
                h["kind"].as_str().unwrap_or_default().into(),
                h["slug"].as_str().unwrap_or_default().into(),
            )
        })
        .collect()
}

#[test]
fn search_finds_what_sqlite_finds_and_schema_lists_the_same_tables() {
    let server = server_or_skip!();
    let db = seeded(&server);
    let s = Sandbox::seeded();
    let lite = s.db().to_str().expect("UTF-8").to_string();
    for query in [
        "compute",
        "miliardi",
        "capac*",
        "\"sette anni\"",
        "Nvidia OR Oracle",
        "OpenAI NOT AWS",
    ] {
        let found = hits(&s, &db.url, query);
        assert!(!found.is_empty(), "{query}");
        assert_eq!(found, hits(&s, &lite, query), "{query}");
    }
    let search = json_masked(&s, &db.url, &["search", "miliardi"]);
    let snippet = search[0]["snippet"].as_str().expect("a snippet");
    assert!(snippet.contains("[miliardi]"), "{snippet}");
    let tables = |db: &str| -> Vec<(String, Value)> {
        json_masked(&s, db, &["schema"])
            .as_array()
            .expect("a list")
            .iter()
            .filter(|o| o["kind"] != "fts" && o["kind"] != "virtual")
            .map(|o| {
                (
                    o["name"].as_str().unwrap_or_default().to_string(),
                    o["kind"].clone(),
                )
            })
            .collect()
    };
    assert_eq!(tables(&db.url), tables(&lite));
}

#[test]
fn a_csv_import_writes_what_it_writes_on_sqlite() {
    let server = server_or_skip!();
    let db = seeded(&server);
    let s = Sandbox::seeded();
    let csv = s.write_file(
        "desk.csv",
        "\
slug,title,kind,status,announced_on,value,value_amount,value_currency,value_qualifier,term_months,starts_on,parties,tags,source_url,notes
openai-aws,OpenAI–AWS,cloud-compute,active,2025-11-03,$38B,,,,84,2025-11,OpenAI:customer; AWS:provider,gpu; AI Compute,https://news.example/aws,\"two
lines\"
,Oracle deal,cloud-compute,,2025-Q3,,300000000000,USD,approx,5y,,OpenAI:customer; Oracle:provider,,,
,Mistral raises,investment,announced,2025-09,€1.7bn,,,,,,ASML:investor; Mistral AI:investee,,,
,Broken,investment,,2025-13-01,,,,,,,,,,
",
    );
    let file = csv.to_str().expect("UTF-8");
    let lite = s.db().to_str().expect("UTF-8").to_string();
    let mut rejected = Vec::new();
    for target in [lite.as_str(), db.url.as_str()] {
        let rejects = s.root().join(format!("rejects-{}.csv", target.len()));
        run(
            &s,
            target,
            &[
                "import",
                file,
                "--skip-errors",
                "--rejects",
                rejects.to_str().expect("UTF-8"),
            ],
        );
        rejected.push(std::fs::read_to_string(&rejects).expect("a rejects file"));
    }
    assert_eq!(rejected[0], rejected[1]);
    assert!(rejected[0].contains("Broken"), "{}", rejected[0]);
    // SQLite's bulk insert records a batch's history grouped by table, where
    // PostgreSQL's triggers record it statement by statement: the same
    // changes, in another order within the import.
    assert_eq!(changes(&s, &lite), changes(&s, &db.url));
    for args in READS.iter().filter(|a| a[0] != "history") {
        let (a, b) = (json_masked(&s, &lite, args), json_masked(&s, &db.url, args));
        assert!(
            a == b,
            "`deals {}`:\n{}",
            args.join(" "),
            first_difference(&a, &b)
        );
    }
}

#[test]
fn a_row_the_server_refuses_is_rejected_alone_or_ends_the_import_whole() {
    let server = server_or_skip!();
    let db = seeded(&server);
    let mut c = postgres::Client::connect(&db.url, postgres::NoTls).expect("connect");
    // A rule of the desk's own, which deals does not know: the server refuses the row.
    c.batch_execute(
        "CREATE FUNCTION no_rumours() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           IF NEW.title LIKE 'Rumour%' THEN
             RAISE EXCEPTION 'no rumours' USING ERRCODE = 'check_violation';
           END IF;
           RETURN NEW;
         END $$;
         CREATE TRIGGER no_rumours BEFORE INSERT ON deals FOR EACH ROW EXECUTE FUNCTION no_rumours();",
    )
    .expect("add the rule");
    let s = Sandbox::new();
    let csv = s.write_file(
        "desk.csv",
        "title,kind,announced_on,parties\n\
         Chips for Meta,chip-supply,2025-01,Meta:customer; Nvidia:provider\n\
         Rumour: Apple buys Mistral,acquisition,2025-02,Apple:acquirer; Mistral AI:target\n\
         Cloud for xAI,cloud-compute,2025-03,xAI:customer; Oracle:provider\n",
    );
    let file = csv.to_str().expect("UTF-8");
    let before = json_masked(&s, &db.url, &["export"]);
    let args = ["import", file];
    let (code, message) = fail_cmd(s.cmd_without_db().args(["--db", &db.url]).args(args), &args);
    assert_eq!(code, 1, "{message}");
    assert!(message.contains("line 3"), "{message}");
    assert!(message.contains("no rumours"), "{message}");
    assert_eq!(
        json_masked(&s, &db.url, &["export"]),
        before,
        "nothing was written"
    );
    let rejects = s.root().join("rejects.csv");
    let said = run(
        &s,
        &db.url,
        &[
            "import",
            file,
            "--skip-errors",
            "--rejects",
            rejects.to_str().expect("UTF-8"),
        ],
    );
    assert!(said.contains("2 inserted"), "{said}");
    // The companies only the refused deal named went with it, and are not counted.
    let companies: i64 = c
        .query_one(
            "SELECT count(*) FROM companies WHERE name IN ('Apple', 'Mistral AI', 'xAI')",
            &[],
        )
        .expect("count")
        .get(0);
    assert_eq!(companies, 1, "only xAI is new and kept");
    assert!(said.contains("companies  1 inserted"), "{said}");
    let kept = std::fs::read_to_string(&rejects).expect("the rejects file");
    assert!(kept.contains("Rumour: Apple buys Mistral"), "{kept}");
    assert!(kept.contains("no rumours"), "{kept}");
    let slugs: Vec<String> = crate::util::slugs(&json_masked(&s, &db.url, &["list"]));
    assert_eq!(slugs.len(), 14, "{slugs:?}");
}

#[test]
fn first_uses_at_once_make_the_schema_and_the_seed_set_once() {
    let server = server_or_skip!();
    let db = blank(&server);
    let s = Sandbox::new();
    std::thread::scope(|scope| {
        for _ in 0..4 {
            let (s, url) = (&s, &db.url);
            scope.spawn(move || run(s, url, &["list", "--limit", "1"]));
        }
    });
    let list = json_masked(&s, &db.url, &["list"]);
    assert_eq!(list.as_array().map(Vec::len), Some(12));
}

/// Listings read through a server-side cursor a page at a time, and an
/// import into an empty server skips its lookups: more deals than a page and a
/// batch come out whole, once each, in the order SQLite gives.
#[test]
fn a_listing_longer_than_a_page_comes_out_whole_and_in_order() {
    let server = server_or_skip!();
    let db = empty(&server);
    let s = Sandbox::empty();
    let mut text = String::from("slug,title,kind,announced_on\n");
    for i in 0..4500 {
        text.push_str(&format!("d{i},Deal {i},other,20{:02}-01\n", i % 30));
    }
    // The last row names a deal of the first batch again: merged, not a copy.
    text.push_str("d7,Deal 7,other,2007-01\n");
    let csv = s.write_file("many.csv", &text);
    let file = csv.to_str().expect("UTF-8");
    let lite = s.db().to_str().expect("UTF-8").to_string();
    let mut listings = Vec::new();
    for target in [lite.as_str(), db.url.as_str()] {
        run(&s, target, &["import", file]);
        listings.push(run(&s, target, &["list", "--format", "csv"]));
    }
    assert_eq!(listings[0].lines().count(), 4501);
    assert!(listings[0] == listings[1], "the listings differ");
}
