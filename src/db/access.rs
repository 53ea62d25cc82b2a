//! Who may read and who may write a PostgreSQL database: the rights `deals
//! access` gives and takes back. Role names are identifiers, which SQL cannot
//! bind as values: the server quotes them itself (`format('%I')`) from a
//! bound parameter, so no name is ever pasted into a statement.

use rusqlite::params;

use crate::db::Conn;
use crate::error::{Error, Result};

/// The statements that give read rights, as `format()` templates over the
/// database, the schema and the role.
const READ: &[&str] = &[
    "GRANT CONNECT ON DATABASE %1$I TO %3$I",
    "GRANT USAGE ON SCHEMA %2$I TO %3$I",
    "GRANT SELECT ON ALL TABLES IN SCHEMA %2$I TO %3$I",
    // Tables a later migration adds, made by the owner who runs this.
    "ALTER DEFAULT PRIVILEGES IN SCHEMA %2$I GRANT SELECT ON TABLES TO %3$I",
];

/// What write rights add to read rights.
const WRITE: &[&str] = &[
    "GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %2$I TO %3$I",
    "GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA %2$I TO %3$I",
    "ALTER DEFAULT PRIVILEGES IN SCHEMA %2$I GRANT INSERT, UPDATE, DELETE ON TABLES TO %3$I",
    "ALTER DEFAULT PRIVILEGES IN SCHEMA %2$I GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO %3$I",
    // The migration history is the owner's to write.
    "REVOKE INSERT, UPDATE, DELETE ON refinery_schema_history FROM %3$I",
];

/// Every right on the deals, taken back.
const REVOKE: &[&str] = &[
    "REVOKE ALL ON ALL TABLES IN SCHEMA %2$I FROM %3$I",
    "REVOKE ALL ON ALL SEQUENCES IN SCHEMA %2$I FROM %3$I",
    "REVOKE USAGE ON SCHEMA %2$I FROM %3$I",
    "ALTER DEFAULT PRIVILEGES IN SCHEMA %2$I REVOKE ALL ON TABLES FROM %3$I",
    "ALTER DEFAULT PRIVILEGES IN SCHEMA %2$I REVOKE ALL ON SEQUENCES FROM %3$I",
];

/// Gives `user` read rights, or read and write rights, on the deals, in the
/// caller's transaction; rights beyond them are taken back first.
pub fn grant(conn: &Conn, user: &str, write: bool) -> Result<()> {
    may_give(conn, user)?;
    let extra: &[&str] = if write { WRITE } else { &[] };
    for template in REVOKE.iter().chain(READ).chain(extra) {
        run(conn, template, user)?;
    }
    Ok(())
}

/// Takes back every right of `user` on the deals, in the caller's transaction.
pub fn revoke(conn: &Conn, user: &str) -> Result<()> {
    may_give(conn, user)?;
    for template in REVOKE {
        run(conn, template, user)?;
    }
    Ok(())
}

fn run(conn: &Conn, template: &str, user: &str) -> Result<()> {
    let statement: String = conn.query_row(
        "SELECT format(?1, current_database(), current_schema(), CAST(?2 AS TEXT))",
        params![template, user],
        |r| r.get(0),
    )?;
    conn.execute_batch(&statement)
}

/// Refuses a role the server does not have, and a caller who cannot give
/// rights on the deals (PostgreSQL would only warn and give nothing).
fn may_give(conn: &Conn, user: &str) -> Result<()> {
    if conn.postgres().is_none() {
        return Err(Error::usage(
            "access: an SQLite file's readers and writers are those its file permissions allow; `deals access` is for a PostgreSQL database",
        ));
    }
    let (exists, owner, may, special): (bool, String, bool, bool) = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ?1),
                (SELECT tableowner FROM pg_tables
                  WHERE schemaname = current_schema() AND tablename = 'deals'),
                (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
                OR pg_has_role(current_user,
                               (SELECT tableowner FROM pg_tables
                                 WHERE schemaname = current_schema() AND tablename = 'deals'),
                               'MEMBER'),
                ?1 = current_user
                OR ?1 = (SELECT tableowner FROM pg_tables
                          WHERE schemaname = current_schema() AND tablename = 'deals')
                OR coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = ?1), false)",
        params![user],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    if !exists {
        return Err(Error::invalid(format!(
            "access: the server has no user '{user}'; an administrator makes it with CREATE ROLE \"{user}\" LOGIN PASSWORD '…'"
        )));
    }
    if special {
        return Err(Error::invalid(format!(
            "access: '{user}' is you, the owner of the deals or a superuser, whose rights `deals access` does not change"
        )));
    }
    if !may {
        let me: String = conn.query_row("SELECT current_user", params![], |r| r.get(0))?;
        return Err(Error::invalid(format!(
            "access: {me} cannot give rights on this database; its owner ({owner}) or a superuser can"
        )));
    }
    Ok(())
}
