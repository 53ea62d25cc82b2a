//! Deals: add, edit, rm, list, show, and the filter shared with reports.

use clap::{Args, ValueEnum};

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

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The deal's id or slug
    pub deal: String,
}
