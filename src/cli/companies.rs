//! `deals company ...`.

use clap::{Args, Subcommand};

use crate::model::deal::{CompanyOrder, parse_country};

use super::{Change, change, change_with};

#[derive(Debug, Subcommand)]
pub enum CompanyCommand {
    /// Add a company
    #[command(
        after_help = "Examples:\n  deals company add 'Amazon Web Services' --parent Amazon --alias AWS --country US"
    )]
    Add(CompanyAddArgs),
    /// List companies with their deal counts
    #[command(visible_alias = "ls")]
    #[command(after_help = "Examples:\n  deals company list --sort deals --limit 10")]
    List(CompanyListArgs),
    /// Show a company: aliases, parent, subsidiaries and deals
    #[command(
        after_help = "Examples:\n  deals company show AWS\n  deals company show Amazon --rollup"
    )]
    Show(CompanyShowArgs),
    /// Change a company
    #[command(
        after_help = "Examples:\n  deals company edit AWS --parent Amazon --website https://aws.amazon.com\n  deals company edit 'Google' --name 'Google Cloud' --country none"
    )]
    Edit(CompanyEditArgs),
    /// Delete a company that is party to no deal
    #[command(
        after_help = "Examples:\n  deals company rm 'Acme Corp'\n  deals company rm acme-corp --yes"
    )]
    Rm(CompanyRmArgs),
    /// Add (or with --remove, drop) other names a company is known by
    #[command(
        after_help = "Examples:\n  deals company alias 'Amazon Web Services' AWS 'Amazon AWS'\n  deals company alias AWS 'Amazon AWS' --remove"
    )]
    Alias(CompanyAliasArgs),
}

#[derive(Debug, Args)]
pub struct CompanyShowArgs {
    /// Name, alias, slug or id
    pub company: String,
    /// Include the deals of its subsidiaries (AWS's under Amazon)
    #[arg(long)]
    pub rollup: bool,
}

#[derive(Debug, Args)]
pub struct CompanyAddArgs {
    /// The company's name, as it should be shown
    pub name: String,
    /// company, government, fund or consortium
    #[arg(long, default_value = "company")]
    pub kind: String,
    /// ISO 3166 alpha-2 code, e.g. US
    #[arg(long, value_parser = parse_country)]
    pub country: Option<String>,
    /// The parent company (name or alias)
    #[arg(long)]
    pub parent: Option<String>,
    /// Another name the company is known by (repeatable)
    #[arg(long = "alias")]
    pub aliases: Vec<String>,
    /// The company's website
    #[arg(long)]
    pub website: Option<String>,
    /// What the company does, in a sentence
    #[arg(long)]
    pub description: Option<String>,
    /// The company's slug [default: made from the name]
    #[arg(long)]
    pub slug: Option<String>,
}

#[derive(Debug, Args)]
pub struct CompanyListArgs {
    /// The order of the listing
    #[arg(long, value_enum, default_value_t = CompanyOrder::Name)]
    pub sort: CompanyOrder,
    /// Only the first N companies
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub limit: Option<u32>,
}

#[derive(Debug, Args)]
pub struct CompanyEditArgs {
    /// Name, alias, slug or id
    pub company: String,
    /// New name; the old one stays as an alias
    #[arg(long)]
    pub name: Option<String>,
    /// New kind: company, government, fund or consortium
    #[arg(long)]
    pub kind: Option<String>,
    /// 'none' clears it
    #[arg(long, value_parser = |text: &str| change_with(text, parse_country))]
    pub country: Option<Change<String>>,
    /// 'none' clears it
    #[arg(long, value_parser = change::<String>)]
    pub parent: Option<Change<String>>,
    /// 'none' clears it
    #[arg(long, value_parser = change::<String>)]
    pub website: Option<Change<String>>,
    /// 'none' clears it
    #[arg(long, value_parser = change::<String>)]
    pub description: Option<Change<String>>,
    /// New slug
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
