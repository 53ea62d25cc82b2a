//! The database: opening it (pragmas, migrations, the schema-version guard) and one
//! module per table family. Every query binds its values as parameters.

pub mod access;
pub mod articles;
pub mod backup;
pub mod bulk;
pub mod checks;
pub mod companies;
mod conn;
pub mod deals;
pub mod events;
pub mod fx;
pub mod history;
pub mod postgres;
mod rows;
pub mod schema;
pub mod search;
pub mod seed_marks;
mod slugs;
pub mod timeline;
pub mod vocab;

pub use crate::model::target::Target;
pub use conn::{Args, Conn, OptionalExtension, Row, Rows, Statement};
pub(crate) use rows::{conversion, date_columns, figure_columns, money_columns, required_date};
pub use slugs::{SlugTable, free_slug, free_slug_besides, slug_taken};

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, MAIN_DB, OpenFlags, OptionalExtension as _};

use crate::error::{Error, Result};

mod embedded {
    refinery::embed_migrations!("migrations");
}

mod embedded_postgres {
    refinery::embed_migrations!("migrations-postgres");
}

/// How long a writer waits for another process's write to finish.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Testing aid, not for users: `DEALS_BUSY_TIMEOUT_MS=300` makes a command give up
/// on a locked database after 300 ms instead of 5 s, so that tests of a lock held
/// by another process stay fast.
const BUSY_TIMEOUT_ENV: &str = "DEALS_BUSY_TIMEOUT_MS";

/// Testing aid, not for users: `DEALS_MAX_PAGE_COUNT=N` caps the database at N
/// pages (`PRAGMA max_page_count`; never below its current size), so that tests
/// can fill the "disk" and see SQLITE_FULL without filling a real one.
const MAX_PAGE_COUNT_ENV: &str = "DEALS_MAX_PAGE_COUNT";

/// An open, migrated database.
pub struct Db {
    conn: Conn,
    path: Option<PathBuf>,
    /// The file could only be opened for reading (its permissions, or a
    /// read-only file system): reads work, writes are refused up front.
    readonly: bool,
    /// Companies whose names were found to be one name when their missing
    /// name keys were filled at opening, as "'A' and 'B'" (see
    /// [`companies::fill_keys`]); for the caller to report.
    pub shared_names: Vec<String>,
}

impl Db {
    /// Opens (creating when absent) the database at `path`, applies pragmas and
    /// pending migrations. A database made by a newer `deals`, a file that is not
    /// SQLite, or an SQLite file that holds something else is refused untouched.
    pub fn open(path: &Path) -> Result<Db> {
        let exists = path.exists();
        if !exists && let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| {
                Error::invalid(format!("cannot create folder {}: {e}", dir.display()))
            })?;
        }
        let flags = if exists {
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX
        } else {
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX
        };
        let conn = Connection::open_with_flags(path, flags)
            .map_err(|e| Error::invalid(format!("cannot open {}: {e}", path.display())))?;
        // Before the first read: another process may be checkpointing.
        apply_limits(&conn)?;
        let readonly = conn.is_readonly(MAIN_DB)?;
        let applied =
            check_schema(&conn).map_err(|e| Error::invalid(format!("{}: {e}", path.display())))?;
        if readonly && applied.is_none_or(|v| v < known_schema_version()) {
            let why = match applied {
                None => "a new database cannot be made in it",
                Some(_) => "its schema needs an upgrade that cannot be written",
            };
            return Err(read_only(path, why));
        }
        if let Some(version) = applied.filter(|v| *v < known_schema_version()) {
            backup_before_migrating(&conn, path, version)?;
        }
        let mut db = Db::new(Conn::sqlite_conn(conn), Some(path.to_path_buf()), readonly);
        db.prepare(applied == Some(known_schema_version()))?;
        Ok(db)
    }

    /// A private database in memory, migrated; for tests.
    pub fn open_in_memory() -> Result<Db> {
        let mut db = Db::new(
            Conn::sqlite_conn(Connection::open_in_memory()?),
            None,
            false,
        );
        db.prepare(false)?;
        Ok(db)
    }

    /// Pragmas, then pending migrations (skipped, with their parsing, when the
    /// schema is `current`).
    fn prepare(&mut self, current: bool) -> Result<()> {
        let file = self.path.is_some() && !self.readonly;
        if let Some(conn) = self.conn.sqlite_mut() {
            apply_limits(conn)?;
            conn.pragma_update(None, "foreign_keys", true)?;
            if file {
                // journal_mode answers with the mode; WAL lets readers work during a write.
                let _mode: String =
                    conn.pragma_update_and_check(None, "journal_mode", "wal", |r| r.get(0))?;
                conn.pragma_update(None, "synchronous", "normal")?;
            }
            if !current {
                embedded::migrations::runner().set_grouped(true).run(conn)?;
            }
        }
        if !self.readonly {
            // Keys of names written with plain SQL. While another process
            // holds the write lock they wait for the next opening; lookups
            // match such names by NOCASE meanwhile.
            match companies::fill_keys(&self.conn) {
                Ok(names) => self.shared_names = names,
                Err(e) if e.is_busy() => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }

    /// Connects to a PostgreSQL database and applies pending migrations, in
    /// one transaction; true when this made the schema. A schema made by a
    /// newer `deals`, or a database that holds other tables and no deals
    /// schema, is refused untouched.
    pub fn open_postgres(location: &postgres::Location) -> Result<(Db, bool)> {
        let session = postgres::Session::connect(location)?;
        let applied = postgres::schema_version(&session)?;
        let known = known_postgres_version();
        if let Some(v) = applied.filter(|v| *v > known) {
            return Err(Error::invalid(format!(
                "{}: {}",
                location.shown,
                newer_schema(v, known)
            )));
        }
        let readonly = !postgres::can_write(&session)?;
        let mut created = false;
        if applied.is_none_or(|v| v < known) {
            if readonly {
                return Err(Error::ReadOnlyUser {
                    user: location.user().to_string(),
                });
            }
            // Two first uses at once: one migrates (and, as the one that made
            // the schema, seeds), the other waits and finds it made.
            session
                .client()
                .batch_execute("SELECT pg_advisory_lock(7263582)")?;
            let migrated = postgres::schema_version(&session).and_then(|now| {
                if now.is_none_or(|v| v < known) {
                    let mut client = session.client();
                    embedded_postgres::migrations::runner()
                        .set_grouped(true)
                        .run(&mut *client)?;
                }
                Ok(now.is_none())
            });
            session
                .client()
                .batch_execute("SELECT pg_advisory_unlock(7263582)")?;
            created = migrated?;
        }
        let mut db = Db::new(Conn::postgres_conn(session), None, readonly);
        db.prepare(true)?;
        Ok((db, created))
    }

    fn new(conn: Conn, path: Option<PathBuf>, readonly: bool) -> Db {
        Db {
            conn,
            path,
            readonly,
            shared_names: Vec::new(),
        }
    }

    pub fn conn(&self) -> &Conn {
        &self.conn
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Starts the one transaction of a writing command. On SQLite, IMMEDIATE
    /// takes the write lock at once, so two writers queue on the busy timeout
    /// instead of failing; on PostgreSQL, a transaction-wide advisory lock does
    /// the same between `deals` processes.
    pub fn write(&self) -> Result<Tx<'_>> {
        if self.readonly {
            return Err(match self.conn.postgres() {
                Some(session) => Error::ReadOnlyUser {
                    user: session.location.user().to_string(),
                },
                None => {
                    let path = self.path.as_deref().unwrap_or(Path::new(":memory:"));
                    read_only(path, "nothing was written")
                }
            });
        }
        match self.conn.postgres() {
            Some(session) => session.begin_write(busy_timeout())?,
            None => self.conn.execute_batch("BEGIN IMMEDIATE")?,
        }
        Ok(Tx {
            conn: &self.conn,
            open: true,
        })
    }

    /// A read transaction: every query until it ends sees the database as it
    /// was when it began, whoever writes meanwhile.
    pub fn snapshot(&self) -> Result<Tx<'_>> {
        match self.conn.postgres() {
            Some(session) => {
                self.conn
                    .execute_batch("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")?;
                session.in_transaction.set(true);
            }
            None => self.conn.execute_batch("BEGIN DEFERRED")?,
        }
        Ok(Tx {
            conn: &self.conn,
            open: true,
        })
    }
}

/// The one transaction of a writing command: rolled back unless committed.
pub struct Tx<'a> {
    conn: &'a Conn,
    open: bool,
}

impl Tx<'_> {
    pub fn rollback(mut self) -> Result<()> {
        self.end("ROLLBACK")
    }

    pub fn commit(mut self) -> Result<()> {
        self.end("COMMIT")
    }

    fn end(&mut self, how: &str) -> Result<()> {
        self.open = false;
        let ended = self.conn.execute_batch(how);
        if let Some(session) = self.conn.postgres() {
            session.in_transaction.set(false);
        }
        ended
    }
}

impl std::ops::Deref for Tx<'_> {
    type Target = Conn;
    fn deref(&self) -> &Conn {
        self.conn
    }
}

impl Drop for Tx<'_> {
    fn drop(&mut self) {
        if self.open {
            // Nothing to report: a failed rollback leaves the transaction to
            // end with the connection.
            let _ = self.end("ROLLBACK");
        }
    }
}

/// How long a writer waits for another one, with the testing override
/// `DEALS_BUSY_TIMEOUT_MS`.
fn busy_timeout() -> Duration {
    std::env::var(BUSY_TIMEOUT_ENV)
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map_or(BUSY_TIMEOUT, Duration::from_millis)
}

/// The busy timeout and the page cap of every connection to a database file,
/// with the testing overrides `DEALS_BUSY_TIMEOUT_MS` and `DEALS_MAX_PAGE_COUNT`
/// (values that are not whole numbers are ignored).
pub fn apply_limits(conn: &Connection) -> Result<()> {
    let knob = |name: &str| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.trim().parse::<u32>().ok())
    };
    conn.busy_timeout(busy_timeout())?;
    if let Some(pages) = knob(MAX_PAGE_COUNT_ENV) {
        // Answers with the cap in force, which never goes below the current size.
        let _cap: i64 =
            conn.pragma_update_and_check(None, "max_page_count", pages, |r| r.get(0))?;
    }
    Ok(())
}

/// The error for a database file that can only be read.
pub(crate) fn read_only(path: &Path, what: &str) -> Error {
    Error::ReadOnly {
        path: path.to_path_buf(),
        what: what.to_string(),
    }
}

/// The newest migration this binary knows (from the migration files, at build time).
pub fn known_schema_version() -> i64 {
    env!("DEALS_SCHEMA_VERSION").parse().unwrap_or(0)
}

/// The newest PostgreSQL migration this binary knows (`migrations-postgres/`).
pub fn known_postgres_version() -> i64 {
    env!("DEALS_POSTGRES_SCHEMA_VERSION").parse().unwrap_or(0)
}

/// Copies a database that holds data aside before its schema is upgraded, next
/// to it as `NAME.v1.bak` (or `NAME.v1-2.bak`, ... when that exists), and says so.
fn backup_before_migrating(conn: &Connection, path: &Path, version: i64) -> Result<()> {
    let has_data: bool = conn
        .query_row(
            "SELECT EXISTS (SELECT 1 FROM deals) OR EXISTS (SELECT 1 FROM companies)",
            [],
            |r| r.get(0),
        )
        .unwrap_or(true);
    if !has_data {
        return Ok(());
    }
    let mut n = 1;
    let target = loop {
        let suffix = if n == 1 {
            format!(".v{version}.bak")
        } else {
            format!(".v{version}-{n}.bak")
        };
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let candidate = PathBuf::from(name);
        if !candidate.exists() {
            break candidate;
        }
        n += 1;
    };
    backup::backup(conn, &target)?;
    // Lost, never a panic, when stderr cannot be written to.
    let _ = writeln!(
        std::io::stderr(),
        "Upgrading the schema of {} from version {version} to {}; the old file is kept as {}.",
        path.display(),
        known_schema_version(),
        target.display()
    );
    Ok(())
}

/// Refuses, before anything is written, a database we must not touch. Returns the
/// schema version the database has (None for a new, empty file).
fn check_schema(conn: &Connection) -> Result<Option<i64>> {
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .and_then(|mut stmt| {
            stmt.query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()
        })
        .map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::NotADatabase) => Error::invalid("not an SQLite database"),
            _ => Error::from(e),
        })?;
    if tables.is_empty() {
        return Ok(None);
    }
    if !tables.iter().any(|t| t == "refinery_schema_history") {
        return Err(Error::invalid(
            "an SQLite database that deals did not make (it has tables but no deals schema); refusing to change it",
        ));
    }
    let applied: Option<i64> = conn
        .query_row(
            "SELECT max(version) FROM refinery_schema_history",
            [],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    check_history(conn)?;
    let known = known_schema_version();
    match applied {
        Some(v) if v > known => Err(Error::invalid(newer_schema(v, known))),
        _ => Ok(applied),
    }
}

/// What a database made by a newer `deals` is told.
fn newer_schema(version: i64, known: i64) -> String {
    format!(
        "schema version {version} is newer than this deals knows ({known}); upgrade deals to use this database (it was not changed)"
    )
}

/// Refuses a migration history that the migration runner could not read
/// (a row edited by hand), rather than failing inside it.
fn check_history(conn: &Connection) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT version, typeof(version), name, applied_on, checksum FROM refinery_schema_history",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let version: rusqlite::types::Value = r.get(0)?;
        let version_type: String = r.get(1)?;
        let readable = version_type == "integer"
            && matches!(r.get_ref(2)?, rusqlite::types::ValueRef::Text(_))
            && r.get::<_, Option<String>>(3)?
                .is_some_and(|on| chrono::DateTime::parse_from_rfc3339(&on).is_ok())
            && r.get::<_, Option<String>>(4)?
                .is_some_and(|sum| sum.parse::<u64>().is_ok());
        if !readable {
            return Err(Error::invalid(format!(
                "the migration history (refinery_schema_history) has an unreadable row (version {version:?}); refusing to change the database"
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
