//! `deals article ...`.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use crate::model::{Language, PartialDate};

use super::{Change, change};

#[derive(Debug, Subcommand)]
pub enum ArticleCommand {
    /// Store an article; the body comes from --file or stdin
    #[command(
        after_help = "Examples:\n  deals article add --url https://example.com/news --published 2025-11-03 --language en --file news.txt\n  curl -s https://example.com/news.txt | deals article add --title 'OpenAI signs with AWS'"
    )]
    Add(ArticleAddArgs),
    /// List articles
    #[command(visible_alias = "ls")]
    #[command(
        after_help = "Examples:\n  deals article list\n  deals article list --deal openai-aws-compute-2025"
    )]
    List(ArticleListArgs),
    /// Show an article and the deals it supports
    #[command(
        after_help = "Examples:\n  deals article show openai-aws-38-miliardi-notizia --no-body"
    )]
    Show(ArticleShowArgs),
    /// Link an article to a deal it reports, with the supporting sentence
    #[command(
        after_help = "Examples:\n  deals article link openai-aws-38-miliardi-notizia openai-aws-compute-2025 --quote 'un accordo da 38 miliardi di dollari' --stated '38 miliardi di dollari'"
    )]
    Link(ArticleLinkArgs),
    /// Every money figure in an article, with its sentence and the companies named there
    #[command(
        after_help = "Examples:\n  deals article extract openai-aws-38-miliardi-notizia\n  deals article extract --file news.txt --language en"
    )]
    Extract(ArticleExtractArgs),
    /// Change an article's title, URL, publisher, author, language, date or summary
    #[command(
        after_help = "Examples:\n  deals article edit openai-aws-38-miliardi-notizia --published 2025-11-04 --author none\n  deals article edit 2 --language it --summary 'OpenAI and AWS sign a $38B deal'"
    )]
    Edit(ArticleEditArgs),
    /// Remove one deal's source links from an article
    #[command(
        after_help = "Examples:\n  deals article unlink openai-aws-38-miliardi-notizia openai-aws-compute-2025"
    )]
    Unlink(ArticleUnlinkArgs),
    /// Delete an article with its source links (`deals article restore` brings it back)
    #[command(
        after_help = "Examples:\n  deals article rm openai-aws-38-miliardi-notizia\n  deals article rm 2 --yes"
    )]
    Rm(ArticleRmArgs),
    /// Bring back a deleted article with the source links its deletion removed
    #[command(
        after_help = "Examples:\n  deals article restore openai-aws-38-miliardi-notizia\n  deals history | grep articles"
    )]
    Restore(ArticleRestoreArgs),
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("change").required(true).multiple(true)
    .args(["title", "url", "publisher", "author", "language", "published", "summary"])))]
pub struct ArticleEditArgs {
    /// The article's id, slug or URL
    pub article: String,
    /// New title
    #[arg(long, value_parser = crate::model::deal::parse_title)]
    pub title: Option<String>,
    /// New URL; 'none' clears it
    #[arg(long, value_parser = change::<String>)]
    pub url: Option<Change<String>>,
    /// New publisher; 'none' clears it
    #[arg(long, value_parser = change::<String>)]
    pub publisher: Option<Change<String>>,
    /// New author; 'none' clears it
    #[arg(long, value_parser = change::<String>)]
    pub author: Option<Change<String>>,
    /// New BCP 47 language tag, e.g. it, en; 'none' clears it
    #[arg(long, value_parser = change::<String>)]
    pub language: Option<Change<String>>,
    /// New publication date (2025-11-03, 2025-11, ...); 'none' clears it
    #[arg(long, value_name = "DATE", value_parser = change::<PartialDate>)]
    pub published: Option<Change<PartialDate>>,
    /// New summary; 'none' clears it
    #[arg(long, value_parser = change::<String>)]
    pub summary: Option<Change<String>>,
}

#[derive(Debug, Args)]
pub struct ArticleUnlinkArgs {
    /// The article's id, slug or URL
    pub article: String,
    /// The deal's id or slug
    pub deal: String,
}

#[derive(Debug, Args)]
pub struct ArticleRmArgs {
    /// The article's id, slug or URL
    pub article: String,
    /// Do not ask for confirmation
    #[arg(long, short = 'y')]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct ArticleRestoreArgs {
    /// The deleted article's slug, URL or former id
    pub article: String,
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
    /// Where the article was published
    #[arg(long)]
    pub url: Option<String>,
    /// [default: the first line of the body, else the URL]
    #[arg(long, value_parser = crate::model::deal::parse_title)]
    pub title: Option<String>,
    /// Who published it: a newspaper, a site, a company
    #[arg(long)]
    pub publisher: Option<String>,
    /// Who wrote it
    #[arg(long)]
    pub author: Option<String>,
    /// BCP 47 language tag, e.g. it, en
    #[arg(long)]
    pub language: Option<String>,
    /// Publication date: 2025-11-03, 2025-11, ...
    #[arg(long, value_name = "DATE")]
    pub published: Option<PartialDate>,
    /// What the article says, in a sentence or two
    #[arg(long)]
    pub summary: Option<String>,
    /// Read the body from this file ('-' for stdin) [default: stdin unless it is a terminal]
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// The article's slug [default: made from the title]
    #[arg(long)]
    pub slug: Option<String>,
}

#[derive(Debug, Args)]
pub struct ArticleListArgs {
    /// Only articles linked to this deal
    #[arg(long)]
    pub deal: Option<String>,
    /// Only the newest N articles
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
