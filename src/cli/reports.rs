//! Reports over time, the timeline, search, SQL and exchange rates.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use crate::model::fts::Scope;
use crate::model::report::Options;
use crate::model::{Currency, PartialDate};

use super::FilterArgs;

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub options: Options,
    /// Draw the report as a bar chart in the terminal
    #[arg(long)]
    pub chart: bool,
    /// Periods as columns and a row per group and currency, with a total column (CSV: a column per period)
    #[arg(long, conflicts_with_all = ["chart", "cumulative"])]
    pub wide: bool,
    /// Write the output to this file (needed by --format svg)
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub filter: FilterArgs,
}

#[derive(Debug, Args)]
pub struct TimelineArgs {
    /// Only this deal's events (id or slug)
    #[arg(conflicts_with = "company")]
    pub deal: Option<String>,
    /// Only deals where this company is a party
    #[arg(long)]
    pub company: Option<String>,
    /// With --company: include the deals of its subsidiaries (AWS's under Amazon)
    #[arg(long, requires = "company")]
    pub rollup: bool,
    /// Entries on or after the start of this date's period
    #[arg(long, value_name = "DATE")]
    pub since: Option<PartialDate>,
    /// Entries on or before the end of this date's period
    #[arg(long, value_name = "DATE")]
    pub until: Option<PartialDate>,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words to find; accents are ignored, `word*` matches a prefix, "a phrase" in quotes
    pub query: String,
    /// Search only articles or only deals
    #[arg(long = "in", value_enum)]
    pub scope: Option<Scope>,
    /// At most N results
    #[arg(long, value_name = "N", default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..))]
    pub limit: u32,
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
    #[command(after_help = "Examples:\n  deals fx set EUR 0.92 --on 2025-01-01")]
    Set(FxSetArgs),
    /// List the recorded rates
    #[command(visible_alias = "ls")]
    #[command(after_help = "Examples:\n  deals fx list\n  deals fx list EUR")]
    List(FxListArgs),
}

#[derive(Debug, Args)]
pub struct FxSetArgs {
    /// ISO 4217 code, e.g. EUR
    pub currency: Currency,
    /// Units of the currency per US dollar, e.g. 0.92
    #[arg(allow_hyphen_values = true, value_parser = crate::model::money::parse_rate)]
    pub rate: f64,
    /// The first day the rate applies
    #[arg(long, value_name = "DATE")]
    pub on: PartialDate,
}

#[derive(Debug, Args)]
pub struct FxListArgs {
    /// Only this currency
    pub currency: Option<Currency>,
}
