//! Search hits. Tables list each hit as a heading line and its snippet, the match
//! in bold on a terminal and in [brackets] elsewhere; JSON and CSV mark matches
//! with [brackets]; Markdown with **bold**.

use std::io::Write;

use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};

use super::Output;
use super::{BOLD, Format, Style, paint};
use crate::error::Result;
use crate::model::fts::{Hit, HitKind, mark_snippet, snippet_parts};

/// One hit in `deals search --format json`: `kind` is `article` or `deal`;
/// `snippet` the text around the matches, each match in [brackets]; `rank` the
/// bm25 score, lower for a better match; `deals`, for articles only, the slugs
/// of up to three deals the article reports.
pub struct HitJson<'a>(pub &'a Hit);

impl Serialize for HitJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let hit = self.0;
        let mut m = s.serialize_struct("Hit", 7)?;
        m.serialize_field::<&str>("kind", &hit.kind.into())?;
        m.serialize_field("id", &hit.id)?;
        m.serialize_field("slug", &hit.slug)?;
        m.serialize_field("title", &hit.title)?;
        m.serialize_field("snippet", &mark_snippet(&hit.snippet, "[", "]"))?;
        m.serialize_field("rank", &hit.rank)?;
        if hit.kind == HitKind::Article {
            m.serialize_field("deals", &hit.deals)?;
        }
        m.end()
    }
}

/// `deals search` written as the hits come: a table hit by hit, the other
/// formats through [`super::stream::Stream`].
pub enum Listing {
    Table { written: usize },
    Stream(super::stream::Stream),
}

impl Listing {
    pub fn new(format: Format) -> Listing {
        match format {
            Format::Table => Listing::Table { written: 0 },
            _ => {
                let mut stream = super::stream::Stream::new(
                    format,
                    vec!["kind", "id", "slug", "title", "snippet", "rank", "deals"],
                    vec!["KIND", "ID", "SLUG", "TITLE", "SNIPPET", "DEALS"],
                );
                stream.align(5, false); // DEALS holds slugs, not a count
                Listing::Stream(stream)
            }
        }
    }

    /// Writes one hit.
    pub fn push(&mut self, o: &mut Output<'_>, hit: &Hit) -> Result<()> {
        match self {
            Listing::Table { written } => {
                if *written > 0 {
                    writeln!(o.out)?;
                }
                *written += 1;
                table_hit(o.out, o.style, hit)
            }
            Listing::Stream(stream) => {
                let markdown = o.format == Format::Markdown;
                let row = || match markdown {
                    true => vec![
                        hit.kind.to_string(),
                        hit.id.to_string(),
                        hit.slug.clone(),
                        hit.title.clone(),
                        mark_snippet(&hit.snippet, "**", "**"),
                        hit.deals.join(", "),
                    ],
                    false => vec![
                        hit.kind.to_string(),
                        hit.id.to_string(),
                        hit.slug.clone(),
                        hit.title.clone(),
                        mark_snippet(&hit.snippet, "[", "]"),
                        hit.rank.to_string(),
                        hit.deals.join(" "),
                    ],
                };
                stream.push(o, &HitJson(hit), row)
            }
        }
    }

    /// Writes the end of the listing: `No matches.` in a table without hits.
    pub fn finish(self, o: &mut Output<'_>) -> Result<()> {
        match self {
            Listing::Table { written: 0 } => Ok(writeln!(o.out, "No matches.")?),
            Listing::Table { .. } => Ok(()),
            Listing::Stream(stream) => stream.finish(o),
        }
    }
}

/// `article 2  openai-amazon-accordo  OpenAI e Amazon: …`, then the snippet and
/// the linked deals, indented.
fn table_hit(out: &mut dyn Write, style: Style, hit: &Hit) -> Result<()> {
    let dim = |text: &str| paint(text, anstyle::Style::new().dimmed(), style.color);
    let label = format!("{} {}", hit.kind, hit.id);
    writeln!(out, "{}  {}  {}", dim(&label), hit.slug, hit.title)?;
    let snippet: String = snippet_parts(&hit.snippet)
        .into_iter()
        .map(|(matched, text)| match (matched, style.color) {
            (true, true) => paint(&text, BOLD, true),
            (true, false) => format!("[{text}]"),
            (false, _) => text,
        })
        .collect();
    writeln!(out, "    {}", snippet.trim())?;
    if !hit.deals.is_empty() {
        writeln!(out, "    {} {}", dim("deals:"), hit.deals.join(", "))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fts::{MATCH_END, MATCH_START};

    fn sample() -> Vec<Hit> {
        vec![
            Hit {
                kind: HitKind::Article,
                id: 2,
                slug: "openai-amazon".into(),
                title: "OpenAI e Amazon".into(),
                snippet: format!("…la {MATCH_START}capacità{MATCH_END} di\ncalcolo…"),
                rank: -1.5,
                deals: vec!["openai-aws-compute-2025".into()],
            },
            Hit {
                kind: HitKind::Deal,
                id: 7,
                slug: "stargate".into(),
                title: "Stargate".into(),
                snippet: format!("{MATCH_START}Stargate{MATCH_END} joint venture"),
                rank: -0.5,
                deals: Vec::new(),
            },
        ]
    }

    fn render(format: Format, style: Style) -> String {
        write(format, style, &sample())
    }

    /// What the listing writes for `hits`.
    fn write(format: Format, style: Style, hits: &[Hit]) -> String {
        let mut out = Vec::new();
        let mut o = Output::new(&mut out, format, style);
        let mut listing = Listing::new(format);
        for hit in hits {
            listing.push(&mut o, hit).unwrap();
        }
        listing.finish(&mut o).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn tables_bracket_matches_without_colour_and_bold_them_with() {
        let plain = render(Format::Table, Style::default());
        assert_eq!(
            plain,
            "article 2  openai-amazon  OpenAI e Amazon\n    …la [capacità] di calcolo…\n    deals: openai-aws-compute-2025\n\ndeal 7  stargate  Stargate\n    [Stargate] joint venture\n"
        );
        let color = render(
            Format::Table,
            Style {
                color: true,
                width: None,
            },
        );
        assert!(color.contains("\u{1b}[1mcapacità\u{1b}[0m"), "{color:?}");
        assert!(!color.contains("[capacità]"));
    }

    #[test]
    fn json_keys_and_bracketed_snippets() {
        let text = render(Format::Json, Style::default());
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v[0]["kind"], "article");
        assert_eq!(v[0]["snippet"], "…la [capacità] di calcolo…");
        assert_eq!(v[0]["deals"][0], "openai-aws-compute-2025");
        assert_eq!(v[0]["rank"], -1.5);
        assert_eq!(v[1]["id"], 7);
        assert!(v[1].get("deals").is_none());
    }

    #[test]
    fn csv_and_markdown_are_grids() {
        let csv = render(Format::Csv, Style::default());
        assert!(
            csv.starts_with("kind,id,slug,title,snippet,rank,deals\n"),
            "{csv}"
        );
        assert!(csv.contains("…la [capacità] di calcolo…"));
        let md = render(Format::Markdown, Style::default());
        assert!(
            md.contains(
                "| article | 2 | openai-amazon | OpenAI e Amazon | …la **capacità** di calcolo… |"
            ),
            "{md}"
        );
    }

    #[test]
    fn no_hits() {
        assert_eq!(write(Format::Table, Style::default(), &[]), "No matches.\n");
        assert_eq!(write(Format::Json, Style::default(), &[]), "[]\n");
    }
}
