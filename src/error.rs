//! One error type for the whole program. Variants carry the facts of the error
//! (the name that was not found, its suggestions, the file); the exit code comes
//! from the variant, and `main` renders the one-line message once.

use std::io;
use std::path::PathBuf;

use crate::model::ParseError;
pub use crate::model::clean::one_line;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The command line was wrong: a bad flag value, a missing argument. Exit 2.
    #[error("{0}")]
    Usage(String),
    /// The request was understood but cannot be done: unknown deal, bad input file,
    /// a constraint the data must keep. Exit 1.
    #[error("{0}")]
    Invalid(String),
    /// A company name that no company or alias has. `place` says where the name
    /// came from ("--party 'Amazn:provider'"; empty when the caller adds it);
    /// `can_create` when the command takes --create-companies. Exit 1.
    #[error("{}", unknown_company(name, place, suggestions, *can_create))]
    UnknownCompany {
        name: String,
        place: String,
        suggestions: Vec<String>,
        can_create: bool,
    },
    /// A source naming no stored article; `url_allowed` when an http(s) URL
    /// would have been recorded as a new article. Exit 1.
    #[error("{}", unknown_article(text, *url_allowed))]
    UnknownArticle { text: String, url_allowed: bool },
    /// One field of one record of an input file is wrong: `record` names the
    /// file and the record (`seed.json: deals[3] (stargate)`, `deals.csv: line
    /// 7`), `field` the field (and column). Exit 1.
    #[error("{record}: {field}: {message}")]
    Record {
        record: String,
        field: String,
        message: String,
    },
    /// The database file can only be read: `what` says what that stopped. Exit 1.
    #[error("{} is read-only: {what} (check the file's permissions)", path.display())]
    ReadOnly { path: PathBuf, what: String },
    /// A PostgreSQL user without the right to change the deals. Exit 1.
    #[error("read-only: {user} may read but not change this database")]
    ReadOnlyUser { user: String },
    #[error("{}", sqlite_message(.0))]
    Sqlite(#[from] rusqlite::Error),
    #[error("{}", postgres_message(.0))]
    Postgres(#[from] postgres::Error),
    #[error("migrations: {0}")]
    Migration(#[from] refinery::Error),
    #[error("{0}")]
    Io(#[from] io::Error),
    #[error("JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("CSV: {0}")]
    Csv(#[from] csv::Error),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn usage(message: impl Into<String>) -> Self {
        Error::Usage(message.into())
    }

    pub fn invalid(message: impl Into<String>) -> Self {
        Error::Invalid(message.into())
    }

    /// The process exit code for this error: 2 for usage errors, 1 otherwise.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Usage(_) => 2,
            _ => 1,
        }
    }

    /// True when the error is about the record being written, not about the
    /// database or the machine: an import that skips bad records rejects that
    /// record and goes on. A constraint of the schema that refuses a row counts.
    pub fn is_about_record(&self) -> bool {
        match self {
            Error::Usage(_)
            | Error::Invalid(_)
            | Error::UnknownCompany { .. }
            | Error::UnknownArticle { .. }
            | Error::Record { .. } => true,
            Error::Sqlite(e) => Error::is_constraint(e),
            Error::Postgres(e) => e.code().is_some_and(|c| c.code().starts_with("23")),
            _ => false,
        }
    }

    /// True when another process held the database for longer than we wait.
    pub fn is_busy(&self) -> bool {
        match self {
            Error::Sqlite(e) => matches!(
                e.sqlite_error_code(),
                Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
            ),
            Error::Postgres(e) => e.code() == Some(&postgres::error::SqlState::LOCK_NOT_AVAILABLE),
            _ => false,
        }
    }

    /// True when a constraint of the schema refused a row.
    pub fn is_constraint(e: &rusqlite::Error) -> bool {
        e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation)
    }

    /// A usage error about a value, said of the flag it came from
    /// ("--slug: invalid slug ..."); other errors as they are.
    pub fn of_flag(self, flag: &str) -> Error {
        match self {
            Error::Usage(message) => Error::Usage(format!("{flag}: {message}")),
            other => other,
        }
    }

    /// The same error said of `place` (where the value came from), for errors
    /// raised before the caller knew it.
    pub fn at(mut self, place: &str) -> Error {
        if let Error::UnknownCompany { place: p, .. } = &mut self {
            *p = place.to_string();
        }
        self
    }

    /// True when the reader of our output went away (`deals list | head -1`):
    /// not an error for the user.
    pub fn is_broken_pipe(&self) -> bool {
        match self {
            Error::Io(e) => e.kind() == io::ErrorKind::BrokenPipe,
            Error::Json(e) => e.io_error_kind() == Some(io::ErrorKind::BrokenPipe),
            Error::Csv(e) => {
                matches!(e.kind(), csv::ErrorKind::Io(io) if io.kind() == io::ErrorKind::BrokenPipe)
            }
            _ => false,
        }
    }
}

fn unknown_company(name: &str, place: &str, suggestions: &[String], can_create: bool) -> String {
    let place = if place.is_empty() {
        String::new()
    } else {
        format!(" in {place}")
    };
    let hint = crate::model::suggest::hint(suggestions);
    let remedy = if can_create {
        "add it with `deals company add` or pass --create-companies"
    } else {
        "`deals company list` shows the known ones"
    };
    format!(
        "unknown company '{}'{place}{hint}; {remedy}",
        one_line(name)
    )
}

fn unknown_article(text: &str, url_allowed: bool) -> String {
    let text = one_line(text);
    match url_allowed {
        true => format!("'{text}': no such article, and not an http(s) URL to record"),
        false => format!("no article '{text}' in the document or the database"),
    }
}

/// What a database error tells the user: the states of the file itself (locked by
/// another process, full, read-only) in words that say what to do, others as SQLite
/// words them.
fn sqlite_message(error: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode;
    match error.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
            "the database is busy: another process has held it locked for too long; try again"
                .to_string()
        }
        Some(ErrorCode::DiskFull) => {
            "database or disk is full; nothing was written (free some space and try again)"
                .to_string()
        }
        Some(ErrorCode::ReadOnly) => {
            "the database is read-only; nothing was written (check the permissions of the file and its folder)"
                .to_string()
        }
        _ => format!("database: {error}"),
    }
}

/// What a PostgreSQL error tells the user: the server's message, with the
/// states we know in words that say what to do.
fn postgres_message(error: &postgres::Error) -> String {
    use postgres::error::SqlState;
    match error.code() {
        Some(c) if *c == SqlState::LOCK_NOT_AVAILABLE => {
            "the database is busy: another deals process has held it for too long; try again"
                .to_string()
        }
        Some(c) if *c == SqlState::INSUFFICIENT_PRIVILEGE => format!(
            "no access: {}; the database's owner gives it with `deals access grant USER --read` (or --write)",
            postgres_words(error)
        ),
        Some(c) if *c == SqlState::T_R_SERIALIZATION_FAILURE || *c == SqlState::T_R_DEADLOCK_DETECTED => {
            "another writer changed the same records at the same time; nothing was written, try again"
                .to_string()
        }
        _ => format!("database: {}", postgres_words(error)),
    }
}

/// The server's words for an error (never its SQL state alone), or the
/// innermost cause of a failed connection.
pub fn postgres_words(e: &postgres::Error) -> String {
    use std::error::Error as _;
    match e.as_db_error() {
        Some(db) => db.message().to_string(),
        None => {
            let mut text = e.to_string();
            let mut source = e.source();
            while let Some(s) = source {
                text = s.to_string();
                source = s.source();
            }
            text
        }
    }
}

/// Adds the flag a value came from ("--value: no number in 'lots'") to a parse
/// error, making it a usage error.
pub trait Context<T> {
    fn flag(self, flag: &str) -> Result<T>;
}

impl<T> Context<T> for std::result::Result<T, ParseError> {
    fn flag(self, flag: &str) -> Result<T> {
        self.map_err(|e| Error::usage(format!("{flag}: {e}")))
    }
}

/// The message of an error on one line, whatever the text it quotes: line breaks
/// become spaces and other control characters (a terminal escape sequence in a
/// value) are shown escaped, never sent to the terminal.
pub fn one_line_message(error: &Error) -> String {
    single_line(&error.to_string())
}

/// What a command-line error tells the user, on one line. A flag value its type
/// refused reads like every other bad value, "--value: no number in 'lots'" (the
/// value quoted before the reason when the reason does not quote it); a missing
/// argument that another one needs (`--currency` without `--value`) shows the
/// usage, which names both; the rest as `usage_message` words clap's report.
pub fn clap_message(error: &clap::Error) -> String {
    const MAX_REASON: usize = 400;
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let context = |kind| match error.get(kind) {
        Some(ContextValue::String(text)) => Some(text.as_str()),
        _ => None,
    };
    let report = usage_message(&error.render().to_string());
    match error.kind() {
        ErrorKind::ValueValidation => {
            let (Some(arg), Some(reason)) = (
                context(ContextKind::InvalidArg),
                std::error::Error::source(error),
            ) else {
                return report;
            };
            // "--value <VALUE>" names the flag "--value"; "<RATE>" and "[CURRENCY]"
            // the arguments "RATE" and "CURRENCY".
            let name = arg.split(' ').next().unwrap_or(arg);
            let name = name
                .trim_start_matches(['<', '['])
                .trim_end_matches(['>', ']']);
            // A reason quoting a huge value is cut: the message stays one readable line.
            let reason = single_line(&reason.to_string());
            let reason = match reason.char_indices().nth(MAX_REASON) {
                Some((at, _)) => format!("{}…", &reason[..at]),
                None => reason,
            };
            let value = context(ContextKind::InvalidValue).unwrap_or_default();
            // A reason that quotes the value, or a part of it, itself (a URL
            // without its password) is shown alone.
            if reason.starts_with('\'') || reason.contains(&format!("'{}'", single_line(value))) {
                format!("{name}: {reason}")
            } else {
                format!("{name} '{}': {reason}", one_line(value))
            }
        }
        ErrorKind::MissingRequiredArgument => {
            let usage = error
                .get(ContextKind::Usage)
                .map(|usage| usage.to_string())
                .unwrap_or_default();
            let usage = single_line(usage.trim().trim_start_matches("Usage:").trim());
            if usage.is_empty() {
                report
            } else {
                format!("{report} (usage: {usage})")
            }
        }
        _ => report,
    }
}

/// A command-line parser's error report (clap's: the error, an indented detail,
/// a tip, usage and a pointer to --help on separate lines) as one line without
/// its "error:" prefix: the error with its details and tips, no usage.
pub fn usage_message(report: &str) -> String {
    let mut out = String::new();
    let lines = report
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("Usage:"))
        .filter(|l| !l.starts_with("For more information"));
    for line in lines {
        if out.is_empty() {
            out.push_str(line.strip_prefix("error:").unwrap_or(line).trim_start());
        } else if line.starts_with("tip:") {
            out.push_str(&format!(" ({line})"));
        } else {
            out.push(' ');
            out.push_str(line);
        }
    }
    single_line(&out)
}

/// Line breaks as spaces, other control characters escaped.
fn single_line(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '\n' | '\r' => out.push(' '),
            c if c.is_control() => out.extend(c.escape_default()),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sqlite(code: std::ffi::c_int) -> Error {
        Error::Sqlite(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(code),
            None,
        ))
    }

    #[test]
    fn the_states_of_the_database_file_say_what_to_do() {
        let busy = sqlite(rusqlite::ffi::SQLITE_BUSY).to_string();
        assert!(
            busy.contains("busy") && busy.contains("another process"),
            "{busy}"
        );
        assert!(busy.contains("try again"), "{busy}");
        assert_eq!(sqlite(rusqlite::ffi::SQLITE_LOCKED).to_string(), busy);
        let full = sqlite(rusqlite::ffi::SQLITE_FULL).to_string();
        assert!(full.starts_with("database or disk is full"), "{full}");
        let readonly = sqlite(rusqlite::ffi::SQLITE_READONLY).to_string();
        assert!(readonly.contains("read-only"), "{readonly}");
        let other = sqlite(rusqlite::ffi::SQLITE_CONSTRAINT).to_string();
        assert!(other.starts_with("database: "), "{other}");
    }

    #[test]
    fn messages_never_carry_control_characters() {
        let error = Error::invalid("no deal 'a\nb\r\x1b[31mred\x01'");
        assert_eq!(
            one_line_message(&error),
            "no deal 'a b \\u{1b}[31mred\\u{1}'"
        );
    }

    #[test]
    fn usage_reports_become_one_line() {
        let report = "error: the following required arguments were not provided:\n  --on <DATE>\n  <RATE>\n\nUsage: deals fx set --on <DATE> <CURRENCY> <RATE>\n\nFor more information, try '--help'.\n";
        assert_eq!(
            usage_message(report),
            "the following required arguments were not provided: --on <DATE> <RATE>"
        );
        let report = "error: unexpected argument '--sluh' found\n\n  tip: a similar argument exists: '--slug'\n\nUsage: deals add [OPTIONS]\n\nFor more information, try '--help'.\n";
        assert_eq!(
            usage_message(report),
            "unexpected argument '--sluh' found (tip: a similar argument exists: '--slug')"
        );
        assert_eq!(
            usage_message("error: bad \u{1b}[1mvalue\n"),
            "bad \\u{1b}[1mvalue"
        );
    }
}
