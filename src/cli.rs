//! The command line, as clap types only. Values stay text here; commands parse them
//! into domain values so that every error names the flag it came from.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

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
    /// Write a deterministic synthetic data set for benchmarks (deals.csv, articles.json)
    #[command(hide = true)]
    Generate(GenerateArgs),
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// The folder to write deals.csv and articles.json into
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    #[arg(long, default_value_t = 1_000_000)]
    pub deals: u64,
    #[arg(long, default_value_t = 10_000)]
    pub companies: u64,
    #[arg(long, default_value_t = 100_000)]
    pub articles: u64,
    /// The seed of the generator: the same seed gives the same files
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
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
    pub since: Option<String>,
    /// Only the newest N changes
    #[arg(long, value_name = "N")]
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
    #[arg(long, value_name = "FILE")]
    pub rejects: Option<PathBuf>,
    /// Take a deal field from a CSV column: FIELD=COLUMN; party:ROLE=COLUMN adds a party (repeatable)
    #[arg(long = "map", value_name = "FIELD=COLUMN")]
    pub maps: Vec<String>,
    /// Give a deal field the same value on every row: FIELD=VALUE (repeatable)
    #[arg(long = "set", value_name = "FIELD=VALUE")]
    pub sets: Vec<String>,
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
    #[arg(long = "code", value_name = "CODE")]
    pub codes: Vec<String>,
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

#[derive(Debug, Args)]
pub struct AddArgs {
    #[arg(long)]
    pub title: String,
    /// investment, acquisition, merger, cloud-compute, chip-supply, datacenter, partnership, licensing, joint-venture, other
    #[arg(long)]
    pub kind: String,
    /// reported, announced, letter-of-intent, signed, active, completed, terminated, cancelled
    #[arg(long, default_value = "announced")]
    pub status: String,
    /// What was committed, as written: 38B, '$38 billion', '2,5 miliardi di euro', 'up to $100B'
    #[arg(long, allow_hyphen_values = true)]
    pub value: Option<String>,
    /// Currency of --value when the value does not name one [default: USD]
    #[arg(long, value_name = "CODE")]
    pub currency: Option<String>,
    /// When it was announced: 2025-11-03, 2025-11, 2025-Q4, 2026-H2 or 2025
    #[arg(long, value_name = "DATE")]
    pub announced: Option<String>,
    /// Length of the contract: 7y, 84m, '18 months'
    #[arg(long)]
    pub term: Option<String>,
    /// When the term starts, if not when the deal was announced
    #[arg(long, value_name = "DATE")]
    pub starts: Option<String>,
    /// A company and its role, e.g. OpenAI:customer (repeatable)
    #[arg(long = "party", value_name = "COMPANY:ROLE")]
    pub parties: Vec<String>,
    /// A tag (repeatable)
    #[arg(long = "tag")]
    pub tags: Vec<String>,
    /// An article that reports the deal: its id, slug or URL; an unknown URL is stored as a new article (repeatable)
    #[arg(long = "source", value_name = "ARTICLE|URL")]
    pub sources: Vec<String>,
    #[arg(long)]
    pub notes: Option<String>,
    /// The deal's slug [default: made from the title]
    #[arg(long)]
    pub slug: Option<String>,
    /// Add companies named in --party that are not known yet
    #[arg(long)]
    pub create_companies: bool,
}

#[derive(Debug, Args)]
pub struct EditArgs {
    /// The deal's id or slug
    pub deal: String,
    #[arg(long)]
    pub title: Option<String>,
    #[arg(long)]
    pub kind: Option<String>,
    #[arg(long)]
    pub status: Option<String>,
    /// New value, as written; 'none' clears it
    #[arg(long, allow_hyphen_values = true)]
    pub value: Option<String>,
    /// Currency of --value when the value does not name one [default: USD]
    #[arg(long, value_name = "CODE")]
    pub currency: Option<String>,
    /// New announced date; 'none' clears it
    #[arg(long, value_name = "DATE")]
    pub announced: Option<String>,
    /// New term; 'none' clears it
    #[arg(long)]
    pub term: Option<String>,
    /// New start of the term; 'none' clears it
    #[arg(long, value_name = "DATE")]
    pub starts: Option<String>,
    /// New notes; 'none' clears them
    #[arg(long)]
    pub notes: Option<String>,
    /// New slug
    #[arg(long)]
    pub slug: Option<String>,
    /// Add a party, COMPANY:ROLE (repeatable)
    #[arg(long = "add-party", value_name = "COMPANY:ROLE")]
    pub add_parties: Vec<String>,
    /// Remove a party, COMPANY:ROLE, or COMPANY for all its roles (repeatable)
    #[arg(long = "remove-party", value_name = "COMPANY[:ROLE]")]
    pub remove_parties: Vec<String>,
    /// Add a tag (repeatable)
    #[arg(long = "tag")]
    pub add_tags: Vec<String>,
    /// Remove a tag (repeatable)
    #[arg(long = "untag")]
    pub remove_tags: Vec<String>,
    /// Add companies named in --add-party that are not known yet
    #[arg(long)]
    pub create_companies: bool,
}

#[derive(Debug, Args)]
pub struct RmArgs {
    /// The deal's id or slug
    pub deal: String,
    /// Do not ask for confirmation
    #[arg(long, short = 'y')]
    pub yes: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DealSort {
    /// Announced date, newest first (undated deals last)
    Date,
    /// Value, largest first (undisclosed last; currencies are not converted)
    Value,
    /// Title, A to Z
    Title,
}

/// Which deals count: shared by `list` and `report`.
#[derive(Debug, Clone, Default, Args)]
pub struct FilterArgs {
    /// Deals where this company is any party (name or alias, any case)
    #[arg(long)]
    pub company: Option<String>,
    /// Deals where this company is on the other side of --company (or any party without --company)
    #[arg(long)]
    pub counterparty: Option<String>,
    /// Only deals of this kind (repeatable)
    #[arg(long = "kind")]
    pub kinds: Vec<String>,
    /// Only deals with this status (repeatable)
    #[arg(long = "status")]
    pub statuses: Vec<String>,
    #[arg(long)]
    pub tag: Option<String>,
    /// Announced on or after the start of this date's period
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Announced on or before the end of this date's period
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Deals worth at least this much, in the value's own currency (e.g. 10B, '€500M')
    #[arg(long, allow_hyphen_values = true, value_name = "VALUE")]
    pub min_value: Option<String>,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    #[arg(long, value_enum, default_value_t = DealSort::Date)]
    pub sort: DealSort,
    #[arg(long, value_name = "N")]
    pub limit: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportBy {
    Month,
    Quarter,
    Year,
    /// One bucket for the whole range
    None,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportGroup {
    None,
    Kind,
    Status,
    /// Every company of a deal (a deal counts once in the totals)
    Company,
    /// The other parties of --company's deals
    Counterparty,
    Tag,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The width of a period
    #[arg(long, value_enum, default_value_t = ReportBy::Quarter)]
    pub by: ReportBy,
    /// What rows are grouped by, besides period and currency
    #[arg(long, value_enum, default_value_t = ReportGroup::None)]
    pub group: ReportGroup,
    /// With --group company or counterparty: only companies holding this role
    #[arg(long)]
    pub role: Option<String>,
    /// Count subsidiaries under their parent (AWS under Amazon)
    #[arg(long)]
    pub rollup: bool,
    /// Convert every value to this currency with the nearest earlier rate in fx_rates
    #[arg(long, value_name = "CODE")]
    pub currency: Option<String>,
    /// Spread a deal with a term evenly over the months of its term
    #[arg(long)]
    pub spread: bool,
    /// Running totals per group and currency
    #[arg(long)]
    pub cumulative: bool,
    /// Keep the N largest groups and fold the rest into "other"
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,
    /// Draw the report as a bar chart in the terminal
    #[arg(long)]
    pub chart: bool,
    /// Write the output to this file (needed by --format svg)
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub filter: FilterArgs,
}

#[derive(Debug, Args)]
pub struct TimelineArgs {
    /// Only deals where this company is a party
    #[arg(long)]
    pub company: Option<String>,
    /// Entries on or after the start of this date's period
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Entries on or before the end of this date's period
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words to find; accents are ignored, `word*` matches a prefix, "a phrase" in quotes
    pub query: String,
    /// Search only articles or only deals
    #[arg(long = "in", value_enum)]
    pub scope: Option<SearchScope>,
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub limit: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SearchScope {
    Articles,
    Deals,
}

#[derive(Debug, Args)]
pub struct SqlArgs {
    /// The SQL to run [default: read from stdin]
    pub query: Option<String>,
    /// Allow writes, all in one transaction
    #[arg(long)]
    pub write: bool,
}

#[derive(Debug, Subcommand)]
pub enum FxCommand {
    /// Record how many units of a currency one US dollar buys from a date on
    Set(FxSetArgs),
    /// List the recorded rates
    #[command(visible_alias = "ls")]
    List(FxListArgs),
}

#[derive(Debug, Args)]
pub struct FxSetArgs {
    /// ISO 4217 code, e.g. EUR
    pub currency: String,
    /// Units of the currency per US dollar, e.g. 0.92
    #[arg(allow_hyphen_values = true)]
    pub rate: String,
    /// The first day the rate applies
    #[arg(long, value_name = "DATE")]
    pub on: String,
}

#[derive(Debug, Args)]
pub struct FxListArgs {
    /// Only this currency
    pub currency: Option<String>,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The deal's id or slug
    pub deal: String,
}

#[derive(Debug, Subcommand)]
pub enum CompanyCommand {
    /// Add a company
    Add(CompanyAddArgs),
    /// List companies with their deal counts
    #[command(visible_alias = "ls")]
    List(CompanyListArgs),
    /// Show a company: aliases, parent, subsidiaries and deals
    Show(CompanyRef),
    /// Change a company
    Edit(CompanyEditArgs),
    /// Delete a company that is party to no deal
    Rm(CompanyRmArgs),
    /// Add (or with --remove, drop) other names a company is known by
    Alias(CompanyAliasArgs),
}

#[derive(Debug, Args)]
pub struct CompanyRef {
    /// Name, alias, slug or id
    pub company: String,
}

#[derive(Debug, Args)]
pub struct CompanyAddArgs {
    pub name: String,
    /// company, government, fund or consortium
    #[arg(long, default_value = "company")]
    pub kind: String,
    /// ISO 3166 alpha-2 code, e.g. US
    #[arg(long)]
    pub country: Option<String>,
    /// The parent company (name or alias)
    #[arg(long)]
    pub parent: Option<String>,
    /// Another name the company is known by (repeatable)
    #[arg(long = "alias")]
    pub aliases: Vec<String>,
    #[arg(long)]
    pub website: Option<String>,
    #[arg(long)]
    pub description: Option<String>,
    #[arg(long)]
    pub slug: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompanySort {
    Name,
    /// Most deals first
    Deals,
    /// Largest total value in US dollars first (other currencies are not converted)
    Value,
}

#[derive(Debug, Args)]
pub struct CompanyListArgs {
    #[arg(long, value_enum, default_value_t = CompanySort::Name)]
    pub sort: CompanySort,
    #[arg(long, value_name = "N")]
    pub limit: Option<u32>,
}

#[derive(Debug, Args)]
pub struct CompanyEditArgs {
    /// Name, alias, slug or id
    pub company: String,
    /// New name; the old one stays as an alias
    #[arg(long)]
    pub name: Option<String>,
    #[arg(long)]
    pub kind: Option<String>,
    /// 'none' clears it
    #[arg(long)]
    pub country: Option<String>,
    /// 'none' clears it
    #[arg(long)]
    pub parent: Option<String>,
    /// 'none' clears it
    #[arg(long)]
    pub website: Option<String>,
    /// 'none' clears it
    #[arg(long)]
    pub description: Option<String>,
    #[arg(long)]
    pub slug: Option<String>,
}

#[derive(Debug, Args)]
pub struct CompanyRmArgs {
    /// Name, alias, slug or id
    pub company: String,
    /// Do not ask for confirmation
    #[arg(long, short = 'y')]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct CompanyAliasArgs {
    /// Name, alias, slug or id
    pub company: String,
    /// The aliases to add or remove
    #[arg(required = true)]
    pub aliases: Vec<String>,
    /// Remove the aliases instead of adding them
    #[arg(long)]
    pub remove: bool,
}

#[derive(Debug, Subcommand)]
pub enum ArticleCommand {
    /// Store an article; the body comes from --file or stdin
    Add(ArticleAddArgs),
    /// List articles
    #[command(visible_alias = "ls")]
    List(ArticleListArgs),
    /// Show an article and the deals it supports
    Show(ArticleShowArgs),
    /// Link an article to a deal it reports, with the supporting sentence
    Link(ArticleLinkArgs),
    /// Every money figure in an article, with its sentence and the companies named there
    Extract(ArticleExtractArgs),
}

#[derive(Debug, Args)]
pub struct ArticleExtractArgs {
    /// The article's id, slug or URL (or use --file)
    #[arg(required_unless_present = "file")]
    pub article: Option<String>,
    /// Read the text from this file instead ('-' for stdin)
    #[arg(long, value_name = "FILE", conflicts_with = "article")]
    pub file: Option<PathBuf>,
    /// The language of the text (it, en, fr, de, es) [default: the article's, else guessed]
    #[arg(long)]
    pub language: Option<String>,
}

#[derive(Debug, Args)]
pub struct ArticleAddArgs {
    #[arg(long)]
    pub url: Option<String>,
    /// [default: the first line of the body, else the URL]
    #[arg(long)]
    pub title: Option<String>,
    #[arg(long)]
    pub publisher: Option<String>,
    #[arg(long)]
    pub author: Option<String>,
    /// BCP 47 language tag, e.g. it, en
    #[arg(long)]
    pub language: Option<String>,
    /// Publication date: 2025-11-03, 2025-11, ...
    #[arg(long, value_name = "DATE")]
    pub published: Option<String>,
    #[arg(long)]
    pub summary: Option<String>,
    /// Read the body from this file ('-' for stdin) [default: stdin unless it is a terminal]
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,
    #[arg(long)]
    pub slug: Option<String>,
}

#[derive(Debug, Args)]
pub struct ArticleListArgs {
    /// Only articles linked to this deal
    #[arg(long)]
    pub deal: Option<String>,
    #[arg(long, value_name = "N")]
    pub limit: Option<u32>,
}

#[derive(Debug, Args)]
pub struct ArticleShowArgs {
    /// The article's id, slug or URL
    pub article: String,
    /// Leave out the body
    #[arg(long)]
    pub no_body: bool,
}

#[derive(Debug, Args)]
pub struct ArticleLinkArgs {
    /// The article's id, slug or URL
    pub article: String,
    /// The deal's id or slug
    pub deal: String,
    /// The sentence of the article that supports the deal; it must occur in the body
    #[arg(long)]
    pub quote: Option<String>,
    /// The figure this article gives, as written: '38 miliardi di dollari'
    #[arg(long, allow_hyphen_values = true)]
    pub stated: Option<String>,
}
