//! One error type for the whole program. Every error carries a one-line message
//! that says what was wrong and where; `main` turns it into an exit code.

use std::io;

use crate::model::ParseError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The command line was wrong: a bad flag value, a missing argument. Exit 2.
    #[error("{0}")]
    Usage(String),
    /// The request was understood but cannot be done: unknown deal, bad input file,
    /// a constraint the data must keep. Exit 1.
    #[error("{0}")]
    Invalid(String),
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
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

/// Text made safe for a one-line message: control characters escaped, long text cut.
pub fn one_line(text: &str) -> String {
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i == 80 {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// The message of an error on one line, whatever the text it quotes.
pub fn one_line_message(error: &Error) -> String {
    error
        .to_string()
        .chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .collect()
}
