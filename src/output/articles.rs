//! Articles: `article list` and `article show`.

use std::io::Write;

use serde::Serialize;

use super::Output;
use super::json::{self, ArticleJson};
use super::{Format, IntoGrid, Record, opt};
use crate::error::Result;
use crate::model::Article;

/// Writes articles as `article list` shows them.
pub fn list(o: &mut Output<'_>, articles: &[Article]) -> Result<()> {
    let grid = match o.format {
        Format::Json => {
            return o.json_list(articles.iter().map(|article| ArticleJson {
                article,
                with_body: false,
            }));
        }
        Format::Csv => articles.grid(&[
            ("id", &|a| a.id.to_string()),
            ("slug", &|a| a.slug.clone()),
            ("url", &|a| opt(&a.url)),
            ("title", &|a| a.title.clone()),
            ("publisher", &|a| opt(&a.publisher)),
            ("author", &|a| opt(&a.author)),
            ("language", &|a| opt(&a.language)),
            ("published_on", &|a| {
                opt(&a.published.map(|d| d.start_iso()))
            }),
            ("published_precision", &|a| {
                opt(&a.published.map(|d| d.precision()))
            }),
            ("source_count", &|a| a.source_count.to_string()),
        ]),
        Format::Table | Format::Markdown => articles.grid(&[
            ("ID", &|a| a.id.to_string()),
            ("PUBLISHED", &|a| opt(&a.published)),
            ("LANG", &|a| opt(&a.language)),
            ("SLUG", &|a| a.slug.clone()),
            ("TITLE", &|a| a.title.clone()),
            ("LINKS", &|a| a.source_count.to_string()),
        ]),
    };
    o.grid(grid)
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
                article: ArticleJson { article, with_body },
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
        Format::Csv => o.grid(links.grid(&[
            ("deal_slug", &|(slug, _, _)| slug.clone()),
            ("deal_title", &|(_, title, _)| title.clone()),
            ("quote", &|(_, _, quote)| quote.clone()),
        ])),
        Format::Table | Format::Markdown => {
            let mut record = Record::new(format!("{} ({})", article.title, article.slug));
            record.field("Id", Some(article.id.to_string()));
            record.field("URL", article.url.clone());
            record.field("Publisher", article.publisher.clone());
            record.field("Author", article.author.clone());
            record.field("Language", article.language.clone());
            record.field("Published", article.published.map(|d| d.to_string()));
            record.field("Summary", article.summary.clone());
            let words = article.body.split_whitespace().count();
            record.field("Words", Some(words.to_string()));
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
