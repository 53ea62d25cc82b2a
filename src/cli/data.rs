//! Setting up, moving data in and out, history, backups and completions.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

use crate::model::PartialDate;
use crate::model::mapping::{Field, parse_assignment};

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write one page per command (deals.1, deals-list.1, ...) into this folder instead of deals.1 to stdout
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// Only changes of this deal (id or slug; deleted deals too)
    pub deal: Option<String>,
    /// Only changes of this company and its deals
    #[arg(long, conflicts_with = "deal")]
    pub company: Option<String>,
    /// Only changes on or after this date
    #[arg(long, value_name = "DATE")]
    pub since: Option<PartialDate>,
    /// Only the newest N changes
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub limit: Option<u32>,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The deleted deal's slug or former id
    pub deal: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportKind {
    Json,
    Csv,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// A JSON document (deals/1) or a CSV file
    pub file: PathBuf,
    /// What the file is [default: from its extension]
    #[arg(long, value_enum)]
    pub kind: Option<ImportKind>,
    /// Check everything and write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Load the good records and leave out the bad ones (see --rejects)
    #[arg(long)]
    pub skip_errors: bool,
    /// With --skip-errors: write each bad record and its reason to this file
    #[arg(long, value_name = "FILE", requires = "skip_errors")]
    pub rejects: Option<PathBuf>,
    /// Take a deal field from a CSV column: FIELD=COLUMN; party:ROLE=COLUMN adds a party (repeatable)
    #[arg(long = "map", value_name = "FIELD=COLUMN", value_parser = parse_assignment)]
    pub maps: Vec<(Field, String)>,
    /// Give a deal field the same value on every row: FIELD=VALUE (repeatable)
    #[arg(long = "set", value_name = "FIELD=VALUE", value_parser = parse_assignment)]
    pub sets: Vec<(Field, String)>,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The file (JSON) or folder (CSV) to write [default for JSON: stdout]
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Only findings of this code (repeatable)
    #[arg(long = "code", value_name = "CODE", value_parser = crate::model::checks::parse_code)]
    pub codes: Vec<&'static str>,
}

#[derive(Debug, Subcommand)]
pub enum AccessCommand {
    /// Give USER the right to read (--read) or to read and write (--write)
    #[command(
        after_help = "Examples:\n  deals --db postgres://admin@db.example/deals access grant ann --read\n  deals --db postgres://admin@db.example/deals access grant bob --write"
    )]
    Grant(AccessGrantArgs),
    /// Take back every right of USER on the deals
    #[command(
        after_help = "Examples:\n  deals --db postgres://admin@db.example/deals access revoke ann"
    )]
    Revoke(AccessRevokeArgs),
}

#[derive(Debug, Args)]
pub struct AccessGrantArgs {
    /// A PostgreSQL user (role) that exists on the server
    pub user: String,
    /// Read only: every read command, and `deals sql` without --write
    #[arg(long, conflicts_with = "write", required_unless_present = "write")]
    pub read: bool,
    /// Read and write: every command
    #[arg(long)]
    pub write: bool,
}

#[derive(Debug, Args)]
pub struct AccessRevokeArgs {
    /// A PostgreSQL user (role) that exists on the server
    pub user: String,
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Where to write the copy; an existing file is not overwritten
    pub path: PathBuf,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Create a blank database without the bundled seed set
    #[arg(long)]
    pub empty: bool,
}
