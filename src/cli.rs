//! The command line, as clap types only. Flags are parsed here into the model's
//! types (dates, money, terms, currencies, enums), once: a command never reads a
//! flag's text again, and clap names the flag in every error.

mod articles;
mod companies;
mod data;
mod deals;
mod events;
mod reports;

pub use articles::*;
pub use companies::*;
pub use data::*;
pub use deals::*;
pub use events::*;
pub use reports::*;

use std::path::PathBuf;
use std::str::FromStr;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use crate::model::target::Target;
use crate::model::vocab::Word;

#[derive(Debug, Parser)]
#[command(
    name = "deals",
    version,
    about = "Track tech-industry deals, the companies on each side and the articles that report them",
    long_about = None,
    propagate_version = true
)]
pub struct Cli {
    /// Database file, or postgres://USER@HOST/DBNAME [default: $DEALS_DB, else the platform data dir]
    #[arg(long, global = true, value_name = "PATH|URL", env = DB_ENV, hide_env = true, value_parser = database_target)]
    pub db: Option<Target>,

    /// Output format of listings and records [default: table]
    #[arg(long, short = 'f', global = true, value_enum)]
    pub format: Option<Format>,

    #[command(subcommand)]
    pub command: Command,
}

/// The database, as `--db` and `DEALS_DB` give it: a `postgres://` or
/// `postgresql://` URL, or a file path. Other text that looks like a URL
/// (`scheme://...`) is never taken as a file name, where it would quietly
/// become a folder named after the scheme: it is refused, and a password in
/// it is never repeated.
fn database_target(text: &str) -> Result<Target, String> {
    if text.is_empty() {
        return Err("no path given".to_string());
    }
    if crate::model::target::is_url(text) {
        return crate::model::target::Location::parse(text.trim())
            .map(|l| Target::Server(Box::new(l)))
            .map_err(|e| e.0);
    }
    let Some((scheme, rest)) = text.split_once("://") else {
        return Ok(Target::File(PathBuf::from(text)));
    };
    let looks_like_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !looks_like_scheme {
        return Ok(Target::File(PathBuf::from(text)));
    }
    // user:password@host/db?... shows as user@host/db: the password, in the
    // user part or the query, is never repeated.
    let rest = rest.split(['?', '#']).next().unwrap_or_default();
    let shown = match rest.rsplit_once('@') {
        Some((user, host)) => {
            let user = user.split_once(':').map_or(user, |(name, _)| name);
            format!("{scheme}://{user}@{host}")
        }
        None => format!("{scheme}://{rest}"),
    };
    let shown = crate::model::clean::one_line(&shown);
    Err(format!(
        "'{shown}' is a URL, not a database file; give a file path or a postgres:// URL"
    ))
}

/// The environment variable that names the database when --db does not.
pub const DB_ENV: &str = "DEALS_DB";

impl Cli {
    /// Parses the process's arguments. An empty DEALS_DB counts as unset (a shell
    /// `DEALS_DB= deals list`), where clap would read it as an empty path.
    pub fn try_parse_env() -> Result<Cli, clap::Error> {
        let mut command = Cli::command();
        if std::env::var_os(DB_ENV).is_some_and(|value| value.is_empty()) {
            command = command.mut_arg("db", |arg| arg.env(None::<&str>));
        }
        Cli::from_arg_matches_mut(&mut command.try_get_matches()?)
    }

    /// The help of the command that the process's arguments name without the
    /// subcommand it needs (`deals`, `deals company`): what `error` asks for when
    /// it is clap's "requires a subcommand" or "help on missing arguments", else None.
    pub fn help_for(error: &clap::Error) -> Option<clap::builder::StyledStr> {
        use clap::error::ErrorKind;
        if !matches!(
            error.kind(),
            ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
        ) {
            return None;
        }
        let mut args: Vec<std::ffi::OsString> = std::env::args_os().collect();
        args.push("-h".into());
        match Cli::command().try_get_matches_from(args) {
            Err(help) if help.kind() == ErrorKind::DisplayHelp => Some(help.render()),
            _ => None,
        }
    }
}

/// The value parser of a flag that takes a word of a vocabulary (a deal kind, a
/// status, an event kind): `--help` lists the seeded words with what each means,
/// and completions offer them, but any word is taken here: the database, which
/// SQL users may extend, decides which are known (and suggests the closest).
#[derive(Debug, Clone, Copy)]
pub struct WordParser(&'static [Word]);

/// A `WordParser` over `words`.
pub fn words(words: &'static [Word]) -> WordParser {
    WordParser(words)
}

impl clap::builder::TypedValueParser for WordParser {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        _arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        value
            .to_str()
            .map(str::to_string)
            .ok_or_else(|| clap::Error::new(clap::error::ErrorKind::InvalidUtf8).with_cmd(cmd))
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(self.0.iter().map(|(word, meaning)| {
            clap::builder::PossibleValue::new(*word).help(*meaning)
        })))
    }
}

/// A new value for a field of `edit`, or `none` (or nothing) to clear it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change<T> {
    Clear,
    Set(T),
}

/// The word that clears an optional field in `edit` commands.
pub const CLEAR: &str = "none";

/// Reads a `Change`: `none` or blank clears, anything else is parsed as a `T`.
pub fn change<T: FromStr>(text: &str) -> Result<Change<T>, T::Err> {
    change_with(text, str::parse)
}

/// Reads a `Change` whose new value `parse` reads.
pub fn change_with<T, E>(text: &str, parse: impl Fn(&str) -> Result<T, E>) -> Result<Change<T>, E> {
    let text = text.trim();
    if text.is_empty() || text.eq_ignore_ascii_case(CLEAR) {
        Ok(Change::Clear)
    } else {
        parse(text).map(Change::Set)
    }
}

impl<T: Clone> Change<T> {
    /// Applies an optional change to `field`: none leaves it as it is.
    pub fn apply(change: &Option<Change<T>>, field: &mut Option<T>) {
        if let Some(change) = change {
            *field = change.to_option();
        }
    }

    /// The new value: `None` to clear, `Some` to set.
    pub fn to_option(&self) -> Option<T> {
        match self {
            Change::Clear => None,
            Change::Set(value) => Some(value.clone()),
        }
    }
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
    #[command(after_help = "Examples:\n  deals init\n  deals --db team.db init --empty")]
    Init(InitArgs),
    /// Load the bundled seed set again (changes nothing when already loaded)
    #[command(after_help = "Examples:\n  deals seed")]
    Seed,
    /// Record a new deal
    #[command(
        after_help = "Examples:\n  deals add --title 'OpenAI–AWS compute' --kind cloud-compute --value 38B --announced 2025-11-03 --term 7y --party OpenAI:customer --party AWS:provider\n  deals add --title 'Rumoured chip deal' --kind chip-supply --status reported --party Nvidia:provider --tag gpu"
    )]
    Add(AddArgs),
    /// Change a deal
    #[command(
        after_help = "Examples:\n  deals edit openai-aws-compute-2025 --status active --tag gpu\n  deals edit 1 --value 'up to $100B' --term none"
    )]
    Edit(EditArgs),
    /// Delete a deal with its parties, tags, events and source links
    #[command(after_help = "Examples:\n  deals rm openai-aws-compute-2025\n  deals rm 7 --yes")]
    Rm(RmArgs),
    /// List deals, newest first
    #[command(visible_alias = "ls")]
    #[command(
        after_help = "Examples:\n  deals list --company Amazon --rollup\n  deals list --status signed,active --since 2025 --sort value --limit 10"
    )]
    List(ListArgs),
    /// Show one deal: parties, value, term, events and sources with their quotes
    #[command(
        after_help = "Examples:\n  deals show openai-aws-compute-2025\n  deals show 1 --format json"
    )]
    Show(ShowArgs),
    /// Companies, their aliases and parents
    #[command(subcommand)]
    Company(CompanyCommand),
    /// Articles that report deals
    #[command(subcommand)]
    Article(ArticleCommand),
    /// Dated events of deals: signed, started, milestones, ...
    #[command(subcommand)]
    Event(EventCommand),
    /// Deal count and value per period, group and currency
    #[command(
        after_help = "Examples:\n  deals report --by year --group kind\n  deals report --by year --group kind --wide\n  deals report --company Amazon --rollup --spread --currency USD --chart"
    )]
    Report(ReportArgs),
    /// Deals and their events in date order
    #[command(
        after_help = "Examples:\n  deals timeline openai-aws-compute-2025\n  deals timeline --company Amazon --rollup --since 2025"
    )]
    Timeline(TimelineArgs),
    /// Full-text search over articles and deals
    #[command(
        after_help = "Examples:\n  deals search 'miliardi AWS'\n  deals search 'gigawatt*' --in deals"
    )]
    Search(SearchArgs),
    /// Run SQL on the database: read-only unless --write
    #[command(
        after_help = "Examples:\n  deals sql 'SELECT status, count(*) FROM deals GROUP BY status'\n  deals sql --write < fixes.sql"
    )]
    Sql(SqlArgs),
    /// Tables, views and their columns
    #[command(after_help = "Examples:\n  deals schema\n  deals schema --format markdown")]
    Schema,
    /// Exchange rates for `report --currency`
    #[command(subcommand)]
    Fx(FxCommand),
    /// Load a JSON document or a CSV file, all or nothing
    #[command(
        after_help = "Examples:\n  deals import desk.json --dry-run\n  deals import deals.csv --map title=Headline --map party:customer=Buyer --skip-errors --rejects bad.csv"
    )]
    Import(ImportArgs),
    /// Write everything as a JSON document, or one CSV file per entity
    #[command(
        after_help = "Examples:\n  deals export --out desk.json\n  deals export --format csv --out desk/"
    )]
    Export(ExportArgs),
    /// Data-quality findings; exits 1 when any is an error
    #[command(after_help = "Examples:\n  deals check\n  deals check --format json")]
    Check(CheckArgs),
    /// Copy the live database to PATH, consistently, even while others write
    #[command(
        after_help = "Examples:\n  deals backup ~/deals-2025-11-30.db\n  deals --db postgres://ann@db.example/deals backup desk.dump"
    )]
    Backup(BackupArgs),
    /// Let a colleague's PostgreSQL user read, or read and write, the deals
    #[command(subcommand)]
    Access(AccessCommand),
    /// Every recorded change, oldest first: of one deal, one company, or all
    #[command(
        after_help = "Examples:\n  deals history openai-aws-compute-2025\n  deals history --company Amazon --since 2025-11 --limit 20"
    )]
    History(HistoryArgs),
    /// Bring back a deleted deal with its parties, sources, events and tags
    #[command(after_help = "Examples:\n  deals restore openai-aws-compute-2025")]
    Restore(RestoreArgs),
    /// Print a shell completion script: deals completions bash > /etc/bash_completion.d/deals
    #[command(
        after_help = "Examples:\n  deals completions bash > ~/.local/share/bash-completion/completions/deals\n  deals completions zsh > ~/.zfunc/_deals"
    )]
    Completions(CompletionsArgs),
    /// Print the man page (roff), or write one page per command with --out
    #[command(hide = true)]
    #[command(
        after_help = "Examples:\n  deals man --out ~/.local/share/man/man1\n  deals man > deals.1"
    )]
    Man(ManArgs),
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Term;

    #[test]
    fn none_and_blank_clear_a_field_and_anything_else_is_parsed() {
        assert_eq!(change::<Term>("none"), Ok(Change::Clear));
        assert_eq!(change::<Term>(" NONE "), Ok(Change::Clear));
        assert_eq!(change::<Term>(" "), Ok(Change::Clear));
        assert_eq!(
            change::<Term>(" 7y "),
            Ok(Change::Set("7y".parse().unwrap()))
        );
        assert!(change::<Term>("84").is_err());
        assert_eq!(
            change::<String>(" Seattle ")
                .unwrap()
                .to_option()
                .as_deref(),
            Some("Seattle")
        );
    }

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }
}
