//! Articles: `article list` and `article show`.

use std::io::Write;

use serde::Serialize;

use super::Output;
use super::json::{self, ArticleJson};
use super::{Format, Grid, Record, opt};
use crate::error::Result;
use crate::model::Article;

/// Writes articles as `article list` shows them.
pub fn list(o: &mut Output<'_>, articles: &[Article]) -> Result<()> {
    match o.format {
        Format::Json => json::write(
            o.out,
            &articles
                .iter()
                .map(|a| ArticleJson::new(a, false))
                .collect::<Vec<_>>(),
        ),
        Format::Csv => {
            let mut grid = Grid::new(vec![
                "id",
                "slug",
                "url",
                "title",
                "publisher",
                "author",
                "language",
                "published_on",
                "published_precision",
                "source_count",
            ]);
            for a in articles {
                grid.push(vec![
                    a.id.to_string(),
                    a.slug.clone(),
                    opt(&a.url),
                    a.title.clone(),
                    opt(&a.publisher),
                    opt(&a.author),
                    opt(&a.language),
                    a.published.map(|d| d.start_iso()).unwrap_or_default(),
                    a.published
                        .map(|d| d.precision().to_string())
                        .unwrap_or_default(),
                    a.source_count.to_string(),
                ]);
            }
            o.grid(&grid)
        }
        Format::Table | Format::Markdown => {
            let mut grid = Grid::new(vec!["ID", "PUBLISHED", "LANG", "SLUG", "TITLE", "LINKS"])
                .align_right(&["ID", "LINKS"]);
            for a in articles {
                grid.push(vec![
                    a.id.to_string(),
                    opt(&a.published),
                    opt(&a.language),
                    a.slug.clone(),
                    a.title.clone(),
                    a.source_count.to_string(),
                ]);
            }
            o.grid(&grid)
        }
    }
}

#[derive(Serialize)]
struct ArticleDetailJson<'a> {
    #[serde(flatten)]
    article: ArticleJson<'a>,
    deals: Vec<LinkJson<'a>>,
}

#[derive(Serialize)]
struct LinkJson<'a> {
    deal_slug: &'a str,
    deal_title: &'a str,
    quote: &'a str,
}

/// Writes one article, the deals it supports and (unless left out) its body.
pub fn show(
    o: &mut Output<'_>,
    article: &Article,
    links: &[(String, String, String)],
    with_body: bool,
) -> Result<()> {
    match o.format {
        Format::Json => json::write(
            o.out,
            &ArticleDetailJson {
                article: ArticleJson::new(article, with_body),
                deals: links
                    .iter()
                    .map(|(slug, title, quote)| LinkJson {
                        deal_slug: slug,
                        deal_title: title,
                        quote,
                    })
                    .collect(),
            },
        ),
        Format::Csv => {
            let mut grid = Grid::new(vec!["deal_slug", "deal_title", "quote"]);
            for (slug, title, quote) in links {
                grid.push(vec![slug.clone(), title.clone(), quote.clone()]);
            }
            o.grid(&grid)
        }
        Format::Table | Format::Markdown => {
            let mut record = Record::new(format!("{} ({})", article.title, article.slug));
            record.field("Id", Some(article.id.to_string()));
            record.field("URL", article.url.clone());
            record.field("Publisher", article.publisher.clone());
            record.field("Author", article.author.clone());
            record.field("Language", article.language.clone());
            record.field("Published", article.published.map(|d| d.to_string()));
            record.field("Summary", article.summary.clone());
            record.field(
                "Words",
                Some(article.body.split_whitespace().count().to_string()),
            );
            o.record(&record)?;
            o.section("Deals")?;
            if links.is_empty() {
                writeln!(o, "  none")?;
            }
            for (slug, title, quote) in links {
                writeln!(o, " * {title} [{slug}]")?;
                if !quote.is_empty() {
                    writeln!(o, "    “{quote}”")?;
                }
            }
            if with_body && !article.body.is_empty() {
                o.section("Text")?;
                writeln!(o, "{}", article.body.trim_end())?;
            }
            Ok(())
        }
    }
}
