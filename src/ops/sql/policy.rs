//! What `deals sql` lets through: the authorizer's decision for each action a
//! statement asks for while it is prepared, and the one-line message that names
//! what was refused.

use rusqlite::hooks::{AuthAction, TransactionOperation};

use super::Access;
use crate::error::one_line;

/// Read-only pragmas that may take an argument naming a table, index or limit:
/// `PRAGMA table_info(deals)`.
const PRAGMAS_WITH_ARGUMENT: &[&str] = &[
    "foreign_key_check",
    "foreign_key_list",
    "index_info",
    "index_list",
    "index_xinfo",
    "integrity_check",
    "quick_check",
    "table_info",
    "table_list",
    "table_xinfo",
];

/// Pragmas that only read when given no value: `PRAGMA user_version`, not
/// `PRAGMA user_version = 2`.
const PRAGMAS_WITHOUT_VALUE: &[&str] = &[
    "application_id",
    "collation_list",
    "compile_options",
    "data_version",
    "database_list",
    "encoding",
    "foreign_keys",
    "freelist_count",
    "function_list",
    "journal_mode",
    "module_list",
    "page_count",
    "page_size",
    "pragma_list",
    "query_only",
    "schema_version",
    "user_version",
];

/// What the authorizer says about one action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Verdict {
    Allow,
    /// Allowed, and a change of rows made by the statement itself.
    AllowChange,
    Refuse(Refusal),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Refusal {
    /// The operation, e.g. `INSERT into deals`.
    what: String,
    /// True when --write would allow it.
    needs_write: bool,
    /// Why it is refused even with --write, after a semicolon.
    why: &'static str,
    /// A write to one of SQLite's own tables (see `is_schema_write`).
    schema_table: bool,
}

impl Refusal {
    /// Refused unless --write.
    pub(super) fn write(what: impl Into<String>) -> Refusal {
        Refusal {
            what: what.into(),
            needs_write: true,
            why: "",
            schema_table: false,
        }
    }

    /// Refused even with --write.
    pub(super) fn never(what: impl Into<String>, why: &'static str) -> Refusal {
        Refusal {
            what: what.into(),
            needs_write: false,
            why,
            schema_table: false,
        }
    }

    /// A write to one of SQLite's own tables. A statement asks for it before the
    /// action that names the statement (INSERT into sqlite_master before CREATE
    /// TABLE u, CREATE TABLE sqlite_stat1 before ANALYZE), so it is held back until
    /// the statement is prepared, and refused then if nothing else was.
    pub(super) fn is_schema_write(&self) -> bool {
        self.schema_table
    }

    pub(super) fn message(&self, access: Access) -> String {
        let what = one_line(&self.what);
        let why = if self.why.is_empty() {
            String::new()
        } else {
            format!("; {}", self.why)
        };
        match (access, self.needs_write) {
            (Access::ReadOnly, true) => {
                format!(
                    "deals sql is read-only: {what} refused; use --write to change the database"
                )
            }
            (Access::ReadOnly, false) => {
                format!(
                    "deals sql is read-only: {what} refused, and --write does not allow it either{why}"
                )
            }
            (Access::Write, _) => format!("deals sql: {what} refused, even with --write{why}"),
        }
    }
}

const ONE_TRANSACTION: &str = "deals sql runs all statements in one transaction of its own";
const READ_PRAGMAS: &str =
    "only pragmas that read run, such as table_info, index_list or user_version";

/// The authorizer's decision for one action of a statement being prepared;
/// `top_level` is false inside triggers and views.
pub(super) fn judge(access: Access, action: &AuthAction<'_>, top_level: bool) -> Verdict {
    use AuthAction as A;
    let change = |what: String, table: &str| {
        let schema_table = table.starts_with("sqlite_");
        match access {
            Access::ReadOnly => Verdict::Refuse(Refusal {
                schema_table,
                ..Refusal::write(what)
            }),
            Access::Write if top_level && !schema_table => Verdict::AllowChange,
            Access::Write => Verdict::Allow,
        }
    };
    // SQLite's own objects (sqlite_master, sqlite_stat1) are written on the way
    // to the action that names the statement: see `is_schema_write`.
    let ddl = |what: String| match access {
        Access::ReadOnly => Verdict::Refuse(Refusal {
            schema_table: what
                .split(' ')
                .next_back()
                .is_some_and(|n| n.starts_with("sqlite_")),
            ..Refusal::write(what)
        }),
        Access::Write => Verdict::Allow,
    };
    let never = |what: String, why| Verdict::Refuse(Refusal::never(what, why));
    match *action {
        A::Select | A::Recursive | A::Read { .. } => Verdict::Allow,
        A::Function { function_name } if function_name.eq_ignore_ascii_case("load_extension") => {
            never("load_extension()".into(), "")
        }
        A::Function { .. } => Verdict::Allow,
        A::Pragma {
            pragma_name,
            pragma_value,
        } => {
            let name = pragma_name.to_ascii_lowercase();
            let reads = PRAGMAS_WITH_ARGUMENT.contains(&name.as_str())
                || (pragma_value.is_none() && PRAGMAS_WITHOUT_VALUE.contains(&name.as_str()));
            match pragma_value {
                _ if reads => Verdict::Allow,
                Some(value) => never(format!("PRAGMA {pragma_name} = {value}"), READ_PRAGMAS),
                None => never(format!("PRAGMA {pragma_name}"), READ_PRAGMAS),
            }
        }
        A::Insert { table_name } => change(format!("INSERT into {table_name}"), table_name),
        A::Update { table_name, .. } => change(format!("UPDATE of {table_name}"), table_name),
        A::Delete { table_name } => change(format!("DELETE from {table_name}"), table_name),
        A::CreateTable { table_name } => ddl(format!("CREATE TABLE {table_name}")),
        A::CreateTempTable { table_name } => ddl(format!("CREATE TEMP TABLE {table_name}")),
        A::CreateIndex { index_name, .. } => ddl(format!("CREATE INDEX {index_name}")),
        A::CreateTempIndex { index_name, .. } => ddl(format!("CREATE TEMP INDEX {index_name}")),
        A::CreateView { view_name } => ddl(format!("CREATE VIEW {view_name}")),
        A::CreateTempView { view_name } => ddl(format!("CREATE TEMP VIEW {view_name}")),
        A::CreateTrigger { trigger_name, .. } => ddl(format!("CREATE TRIGGER {trigger_name}")),
        A::CreateTempTrigger { trigger_name, .. } => {
            ddl(format!("CREATE TEMP TRIGGER {trigger_name}"))
        }
        A::CreateVtable { table_name, .. } => ddl(format!("CREATE VIRTUAL TABLE {table_name}")),
        A::DropTable { table_name }
        | A::DropTempTable { table_name }
        | A::DropVtable { table_name, .. } => ddl(format!("DROP TABLE {table_name}")),
        A::DropIndex { index_name, .. } | A::DropTempIndex { index_name, .. } => {
            ddl(format!("DROP INDEX {index_name}"))
        }
        A::DropView { view_name } | A::DropTempView { view_name } => {
            ddl(format!("DROP VIEW {view_name}"))
        }
        A::DropTrigger { trigger_name, .. } | A::DropTempTrigger { trigger_name, .. } => {
            ddl(format!("DROP TRIGGER {trigger_name}"))
        }
        A::AlterTable { table_name, .. } => ddl(format!("ALTER TABLE {table_name}")),
        A::Reindex { .. } => ddl("REINDEX".into()),
        A::Analyze { .. } => ddl("ANALYZE".into()),
        A::Attach { .. } => never("ATTACH".into(), ""),
        A::Detach { .. } => never("DETACH".into(), ""),
        A::Transaction { operation } => {
            let what = match operation {
                TransactionOperation::Begin => "BEGIN",
                TransactionOperation::Rollback => "ROLLBACK",
                _ => "COMMIT",
            };
            never(what.into(), ONE_TRANSACTION)
        }
        A::Savepoint { operation, .. } => {
            let what = match operation {
                TransactionOperation::Release => "RELEASE",
                TransactionOperation::Rollback => "ROLLBACK TO",
                _ => "SAVEPOINT",
            };
            never(what.into(), ONE_TRANSACTION)
        }
        _ => never(format!("{action:?}"), ""),
    }
}

/// The first word of a statement, upper-case, after blanks and comments.
pub(super) fn first_keyword(sql: &str) -> String {
    let mut rest = sql;
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix("--") {
            rest = after.split_once('\n').map_or("", |(_, r)| r);
        } else if let Some(after) = rest.strip_prefix("/*") {
            rest = after.split_once("*/").map_or("", |(_, r)| r);
        } else {
            break;
        }
    }
    rest.chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect::<String>()
        .to_ascii_uppercase()
}

#[cfg(test)]
mod tests {
    use rusqlite::Connection;

    use super::*;
    use crate::ops::sql::tests::{collect, conn, count};

    fn refused(conn: &mut Connection, sql: &str, access: Access) -> String {
        let err = collect(conn, sql, access).expect_err(sql);
        let message = err.to_string();
        assert_eq!(err.exit_code(), 2, "{sql}: {message}");
        assert!(!message.contains('\n'), "{message}");
        assert!(conn.is_autocommit(), "a transaction was left open");
        message
    }

    #[test]
    fn read_only_refuses_every_kind_of_change_by_name() {
        let mut c = conn();
        let cases = [
            ("INSERT INTO t (x) VALUES ('c')", "INSERT into t"),
            ("UPDATE t SET x = 'z'", "UPDATE of t"),
            ("DELETE FROM t", "DELETE from t"),
            ("REPLACE INTO t (id, x) VALUES (1, 'z')", "INSERT into t"),
            ("CREATE TABLE u (y)", "CREATE TABLE u"),
            ("CREATE TEMP TABLE u (y)", "CREATE TEMP TABLE u"),
            ("CREATE TEMP VIEW v AS SELECT 1", "CREATE TEMP VIEW v"),
            ("CREATE INDEX i ON t (x)", "CREATE INDEX i"),
            ("CREATE VIEW v AS SELECT 1", "CREATE VIEW v"),
            (
                "CREATE VIRTUAL TABLE f USING fts5 (a)",
                "CREATE VIRTUAL TABLE f",
            ),
            ("DROP TABLE t", "DROP TABLE t"),
            ("ALTER TABLE t ADD COLUMN y", "ALTER TABLE t"),
            ("REINDEX", "REINDEX"),
            ("ANALYZE", "ANALYZE"),
            ("SELECT 1; DELETE FROM t", "DELETE from t"),
        ];
        for (sql, what) in cases {
            let message = refused(&mut c, sql, Access::ReadOnly);
            assert_eq!(
                message,
                format!(
                    "deals sql is read-only: {what} refused; use --write to change the database"
                ),
                "{sql}"
            );
        }
        assert_eq!(count(&c), 2);
    }

    #[test]
    fn some_statements_are_refused_even_with_write() {
        let mut c = conn();
        let cases = [
            ("ATTACH ':memory:' AS other", "ATTACH"),
            ("DETACH other", "DETACH"),
            ("VACUUM", "VACUUM"),
            ("VACUUM INTO '/nonexistent/copy.db'", "VACUUM"),
            ("SELECT load_extension('x')", "load_extension()"),
            ("BEGIN", "BEGIN"),
            ("COMMIT", "COMMIT"),
            ("ROLLBACK", "ROLLBACK"),
            ("SAVEPOINT s", "SAVEPOINT"),
            ("PRAGMA query_only = 0", "PRAGMA query_only = 0"),
            ("PRAGMA user_version = 3", "PRAGMA user_version = 3"),
            (
                "PRAGMA journal_mode = delete",
                "PRAGMA journal_mode = delete",
            ),
            ("PRAGMA writable_schema", "PRAGMA writable_schema"),
            (
                "SELECT * FROM t; PRAGMA foreign_keys = OFF",
                "PRAGMA foreign_keys = OFF",
            ),
        ];
        for (sql, what) in cases {
            let message = refused(&mut c, sql, Access::ReadOnly);
            assert!(
                message.starts_with(&format!(
                    "deals sql is read-only: {what} refused, and --write does not allow it either"
                )),
                "{sql}: {message}"
            );
            let message = refused(&mut c, sql, Access::Write);
            assert!(
                message.starts_with(&format!("deals sql: {what} refused, even with --write")),
                "{sql}: {message}"
            );
        }
        assert_eq!(count(&c), 2);
    }

    #[test]
    fn pragmas_that_read_are_allowed() {
        let mut c = conn();
        for sql in [
            "PRAGMA table_info(t)",
            "PRAGMA main.table_xinfo('t')",
            "PRAGMA index_list(t)",
            "PRAGMA foreign_key_list(t)",
            "PRAGMA table_list",
            "PRAGMA database_list",
            "PRAGMA user_version",
            "PRAGMA foreign_keys",
            "PRAGMA quick_check",
            "SELECT name FROM pragma_table_info('t')",
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3) SELECT i FROM n",
        ] {
            let out = collect(&mut c, sql, Access::ReadOnly);
            assert!(out.is_ok(), "{sql}: {out:?}");
        }
    }

    #[test]
    fn only_the_statements_own_row_changes_count() {
        let insert = |table_name| AuthAction::Insert { table_name };
        assert_eq!(
            judge(Access::Write, &insert("deals"), true),
            Verdict::AllowChange
        );
        assert_eq!(
            judge(Access::Write, &insert("deals_fts"), false),
            Verdict::Allow
        );
        assert_eq!(
            judge(Access::Write, &insert("sqlite_master"), true),
            Verdict::Allow
        );
        assert!(matches!(
            judge(Access::ReadOnly, &insert("deals"), true),
            Verdict::Refuse(r) if r.needs_write
        ));
    }

    #[test]
    fn first_keywords() {
        assert_eq!(first_keyword("  vacuum"), "VACUUM");
        assert_eq!(first_keyword("-- c\n/* d */ Select 1"), "SELECT");
        assert_eq!(first_keyword("/* open"), "");
    }
}
