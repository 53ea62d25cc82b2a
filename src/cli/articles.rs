//! `deals article ...`.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use crate::model::{Language, PartialDate};

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
    pub language: Option<Language>,
}

#[derive(Debug, Args)]
pub struct ArticleAddArgs {
    #[arg(long)]
    pub url: Option<String>,
    /// [default: the first line of the body, else the URL]
    #[arg(long, value_parser = crate::model::deal::parse_title)]
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
    pub published: Option<PartialDate>,
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
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
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
