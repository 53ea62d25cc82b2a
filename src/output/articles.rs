//! Articles: `article list` and `article show`.

use std::io::Write;

use serde::Serialize;

use super::json::{self, ArticleJson};
use super::{Format, Grid, Record, Style, opt, write_grid, write_record, write_section};
use crate::error::Result;
use crate::model::Article;

/// Writes articles as `article list` shows them.
pub fn list(out: &mut dyn Write, format: Format, style: Style, articles: &[Article]) -> Result<()> {
    match format {
        Format::Json => json::write(
            out,
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
            write_grid(out, format, &grid, style)
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
            write_grid(out, format, &grid, style)
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
    out: &mut dyn Write,
    format: Format,
    style: Style,
    article: &Article,
    links: &[(String, String, String)],
    with_body: bool,
) -> Result<()> {
    match format {
        Format::Json => json::write(
            out,
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
            write_grid(out, format, &grid, style)
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
            write_record(out, format, &record, style)?;
            write_section(out, format, "Deals", style)?;
            if links.is_empty() {
                writeln!(out, "  none")?;
            }
            for (slug, title, quote) in links {
                writeln!(out, " * {title} [{slug}]")?;
                if !quote.is_empty() {
                    writeln!(out, "    “{quote}”")?;
                }
            }
            if with_body && !article.body.is_empty() {
                write_section(out, format, "Text", style)?;
                writeln!(out, "{}", article.body.trim_end())?;
            }
            Ok(())
        }
    }
}
