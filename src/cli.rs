//! The command line, as clap types only. Values stay text here; commands parse them
//! into domain values so that every error names the flag it came from.

mod articles;
mod companies;
mod data;
mod deals;
mod reports;

pub use articles::*;
pub use companies::*;
pub use data::*;
pub use deals::*;
pub use reports::*;

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "deals",
    version,
    about = "Track tech-industry deals, the companies on each side and the articles that report them",
    long_about = None,
    propagate_version = true,
    disable_help_subcommand = true
)]
pub struct Cli {
    /// Database file [default: $DEALS_DB, else the platform data dir]
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Output format of listings and records [default: table]
    #[arg(long, short = 'f', global = true, value_enum)]
    pub format: Option<Format>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
    Markdown,
    /// An SVG chart (report only; needs --out)
    Svg,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the database, or apply pending migrations to it
    Init(InitArgs),
    /// Load the bundled seed set again (changes nothing when already loaded)
    Seed,
    /// Record a new deal
    Add(AddArgs),
    /// Change a deal
    Edit(EditArgs),
    /// Delete a deal with its parties, tags, events and source links
    Rm(RmArgs),
    /// List deals, newest first
    #[command(visible_alias = "ls")]
    List(ListArgs),
    /// Show one deal: parties, value, term, events and sources with their quotes
    Show(ShowArgs),
    /// Companies, their aliases and parents
    #[command(subcommand)]
    Company(CompanyCommand),
    /// Articles that report deals
    #[command(subcommand)]
    Article(ArticleCommand),
    /// Deal count and value per period, group and currency
    Report(ReportArgs),
    /// Deals and their events in date order
    Timeline(TimelineArgs),
    /// Full-text search over articles and deals
    Search(SearchArgs),
    /// Run SQL on the database: read-only unless --write
    Sql(SqlArgs),
    /// Tables, views and their columns
    Schema,
    /// Exchange rates for `report --currency`
    #[command(subcommand)]
    Fx(FxCommand),
    /// Load a JSON document or a CSV file, all or nothing
    Import(ImportArgs),
    /// Write everything as a JSON document, or one CSV file per entity
    Export(ExportArgs),
    /// Data-quality findings; exits 1 when any is an error
    Check(CheckArgs),
    /// Copy the live database to PATH, consistently, even while others write
    Backup(BackupArgs),
    /// Every recorded change, oldest first: of one deal, one company, or all
    History(HistoryArgs),
    /// Bring back a deleted deal with its parties, sources, events and tags
    Restore(RestoreArgs),
    /// Print a shell completion script: deals completions bash > /etc/bash_completion.d/deals
    Completions(CompletionsArgs),
}
