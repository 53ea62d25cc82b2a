//! `deals event ...`: the dated events of a deal.

use clap::{ArgGroup, Args, Subcommand};

use crate::model::PartialDate;
use crate::model::vocab::EVENT_KINDS;

use super::{Change, change, words};

#[derive(Debug, Subcommand)]
pub enum EventCommand {
    /// Record something that happened to a deal, or is due to happen
    #[command(
        after_help = "Examples:\n  deals event add openai-aws-compute-2025 --on 2026-H2 --kind milestone --note 'first gigawatt online'\n  deals event add 1 --on 2025-11-03 --kind signed"
    )]
    Add(EventAddArgs),
    /// List events with their ids, by deal and date
    #[command(
        visible_alias = "ls",
        after_help = "Examples:\n  deals event list openai-aws-compute-2025\n  deals event list --format csv > events.csv"
    )]
    List(EventListArgs),
    /// Change an event's date, kind or note
    #[command(
        after_help = "Examples:\n  deals event edit 7 --on 2027-H1\n  deals event edit 7 --note none"
    )]
    Edit(EventEditArgs),
    /// Delete an event
    #[command(after_help = "Examples:\n  deals event rm 7\n  deals event rm 7 --yes")]
    Rm(EventRmArgs),
}

#[derive(Debug, Args)]
pub struct EventAddArgs {
    /// The deal's id or slug
    pub deal: String,
    /// When: 2025-11-03, 2025-11, 2025-Q4, 2026-H2 or 2026 (kept as precise as given)
    #[arg(long, value_name = "DATE")]
    pub on: PartialDate,
    /// What happened
    #[arg(long, value_parser = words(EVENT_KINDS))]
    pub kind: String,
    /// What the event was, in a sentence: 'all initial capacity available by end of 2026'
    #[arg(long)]
    pub note: Option<String>,
}

#[derive(Debug, Args)]
pub struct EventListArgs {
    /// Only this deal's events (id or slug)
    pub deal: Option<String>,
}

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("change").required(true).multiple(true).args(["on", "kind", "note"])))]
pub struct EventEditArgs {
    /// The event's id (`deals event list` shows them)
    pub id: i64,
    /// New date, kept as precise as given: 2026-H2
    #[arg(long, value_name = "DATE")]
    pub on: Option<PartialDate>,
    /// New kind
    #[arg(long, value_parser = words(EVENT_KINDS))]
    pub kind: Option<String>,
    /// New note; 'none' clears it
    #[arg(long, value_parser = change::<String>)]
    pub note: Option<Change<String>>,
}

#[derive(Debug, Args)]
pub struct EventRmArgs {
    /// The event's id (`deals event list` shows them)
    pub id: i64,
    /// Do not ask for confirmation
    #[arg(long, short = 'y')]
    pub yes: bool,
}
