//! Deals: add, edit, rm, list, show, and the filter shared with reports.

use clap::Args;

use crate::model::deal::{DealOrder, parse_tag, parse_title};
use crate::model::{Currency, Figure, PartialDate, Term};

use super::{Change, change, words};
use crate::model::vocab::{DEAL_KINDS, STATUSES};

#[derive(Debug, Args)]
pub struct AddArgs {
    /// The deal's title, one line
    #[arg(long, value_parser = parse_title)]
    pub title: String,
    /// What kind of deal it is
    #[arg(long, value_parser = words(DEAL_KINDS))]
    pub kind: String,
    /// How far the deal has got
    #[arg(long, default_value = "announced", value_parser = words(STATUSES))]
    pub status: String,
    /// What was committed, as written: 38B, '$38 billion', '2,5 miliardi di euro', 'up to $100B'
    #[arg(long, allow_hyphen_values = true)]
    pub value: Option<Figure>,
    /// Currency of --value when the value does not name one [default: USD]
    #[arg(long, value_name = "CODE", requires = "value")]
    pub currency: Option<Currency>,
    /// When it was announced: 2025-11-03, 2025-11, 2025-Q4, 2026-H2 or 2025
    #[arg(long, value_name = "DATE")]
    pub announced: Option<PartialDate>,
    /// Length of the contract: 7y, 84m, '18 months'
    #[arg(long)]
    pub term: Option<Term>,
    /// When the term starts, if not when the deal was announced
    #[arg(long, value_name = "DATE")]
    pub starts: Option<PartialDate>,
    /// A company and its role, e.g. OpenAI:customer (repeatable)
    #[arg(long = "party", value_name = "COMPANY:ROLE")]
    pub parties: Vec<String>,
    /// A tag (repeatable)
    #[arg(long = "tag", value_parser = parse_tag)]
    pub tags: Vec<String>,
    /// An article that reports the deal: its id, slug or URL; an unknown URL is stored as a new article (repeatable)
    #[arg(long = "source", value_name = "ARTICLE|URL")]
    pub sources: Vec<String>,
    /// Free-text notes about the deal
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
    /// New title
    #[arg(long, value_parser = parse_title)]
    pub title: Option<String>,
    /// New kind of deal
    #[arg(long, value_parser = words(DEAL_KINDS))]
    pub kind: Option<String>,
    /// New status
    #[arg(long, value_parser = words(STATUSES))]
    pub status: Option<String>,
    /// New value, as written; 'none' clears it
    #[arg(long, allow_hyphen_values = true, value_parser = change::<Figure>)]
    pub value: Option<Change<Figure>>,
    /// Currency of --value when the value does not name one [default: USD]
    #[arg(long, value_name = "CODE", requires = "value")]
    pub currency: Option<Currency>,
    /// New announced date; 'none' clears it
    #[arg(long, value_name = "DATE", value_parser = change::<PartialDate>)]
    pub announced: Option<Change<PartialDate>>,
    /// New term; 'none' clears it
    #[arg(long, value_parser = change::<Term>)]
    pub term: Option<Change<Term>>,
    /// New start of the term; 'none' clears it
    #[arg(long, value_name = "DATE", value_parser = change::<PartialDate>)]
    pub starts: Option<Change<PartialDate>>,
    /// New notes; 'none' clears them
    #[arg(long, value_parser = change::<String>)]
    pub notes: Option<Change<String>>,
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
    #[arg(long = "tag", value_parser = parse_tag)]
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

/// Which deals count: shared by `list` and `report`.
#[derive(Debug, Clone, Default, Args)]
pub struct FilterArgs {
    /// Deals where this company is any party (name or alias, any case)
    #[arg(long)]
    pub company: Option<String>,
    /// Deals where this company is on the other side of --company (or any party without --company)
    #[arg(long)]
    pub counterparty: Option<String>,
    /// Only deals of these kinds: comma-separated or repeated (--kind cloud-compute,chip-supply)
    #[arg(long = "kind", value_name = "KIND", value_delimiter = ',', value_parser = words(DEAL_KINDS))]
    pub kinds: Vec<String>,
    /// Only deals with these statuses: comma-separated or repeated (--status signed,active)
    #[arg(long = "status", value_name = "STATUS", value_delimiter = ',', value_parser = words(STATUSES))]
    pub statuses: Vec<String>,
    /// Only deals with any of these tags: comma-separated or repeated
    #[arg(long = "tag", value_name = "TAG", value_delimiter = ',')]
    pub tags: Vec<String>,
    /// Announced on or after the start of this date's period
    #[arg(long, value_name = "DATE")]
    pub since: Option<PartialDate>,
    /// Announced on or before the end of this date's period
    #[arg(long, value_name = "DATE")]
    pub until: Option<PartialDate>,
    /// Deals worth at least this much, in the value's own currency (e.g. 10B, '€500M')
    #[arg(long, allow_hyphen_values = true, value_name = "VALUE")]
    pub min_value: Option<Figure>,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// With --company: include the deals of its subsidiaries (AWS's under Amazon)
    #[arg(long, requires = "company")]
    pub rollup: bool,
    /// The order of the listing
    #[arg(long, value_enum, default_value_t = DealOrder::Date)]
    pub sort: DealOrder,
    /// Only the first N deals
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub limit: Option<u32>,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The deal's id or slug
    pub deal: String,
}
