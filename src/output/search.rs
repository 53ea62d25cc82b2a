//! Search hits. Tables list each hit as a heading line and its snippet, the match
//! in bold on a terminal and in [brackets] elsewhere; JSON and CSV mark matches
//! with [brackets]; Markdown with **bold**.

use std::io::Write;

use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};

use super::Output;
use super::{BOLD, Format, IntoGrid, Style, paint};
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

/// Writes the hits of `deals search`.
pub fn hits(o: &mut Output<'_>, hits: &[Hit]) -> Result<()> {
    match o.format {
        Format::Json => o.json_list(hits.iter().map(HitJson)),
        Format::Csv => o.grid(&hits.grid(&[
            ("kind", &|h| h.kind.to_string()),
            ("id", &|h| h.id.to_string()),
            ("slug", &|h| h.slug.clone()),
            ("title", &|h| h.title.clone()),
            ("snippet", &|h| mark_snippet(&h.snippet, "[", "]")),
            ("rank", &|h| h.rank.to_string()),
            ("deals", &|h| h.deals.join(" ")),
        ])),
        Format::Markdown => {
            let mut grid = hits.grid(&[
                ("KIND", &|h| h.kind.to_string()),
                ("ID", &|h| h.id.to_string()),
                ("SLUG", &|h| h.slug.clone()),
                ("TITLE", &|h| h.title.clone()),
                ("SNIPPET", &|h| mark_snippet(&h.snippet, "**", "**")),
                ("DEALS", &|h| h.deals.join(", ")),
            ]);
            grid.right[5] = false; // slugs, not a count
            o.grid(&grid)
        }
        Format::Table => table(o.out, o.style, hits),
    }
}

/// `article 2  openai-amazon-accordo  OpenAI e Amazon: …`, then the snippet and
/// the linked deals, indented; a blank line between hits.
fn table(out: &mut dyn Write, style: Style, hits: &[Hit]) -> Result<()> {
    if hits.is_empty() {
        writeln!(out, "No matches.")?;
        return Ok(());
    }
    let dim = |text: &str| paint(text, anstyle::Style::new().dimmed(), style.color);
    for (i, hit) in hits.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
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
        let mut out = Vec::new();
        hits(&mut Output::new(&mut out, format, style), &sample()).unwrap();
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
        let mut out = Vec::new();
        hits(
            &mut Output::new(&mut out, Format::Table, Style::default()),
            &[],
        )
        .unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "No matches.\n");
        let mut out = Vec::new();
        hits(
            &mut Output::new(&mut out, Format::Json, Style::default()),
            &[],
        )
        .unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "[]\n");
    }
}
