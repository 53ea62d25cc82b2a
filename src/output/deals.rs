//! Deals: the `list` listing and the `show` record.

use std::io::Write;

use serde::Serialize;

use super::interchange::{CsvTable, csv_record};
use super::json::{self, DealDetailJson, DealJson};
use super::{Format, Grid, Record, Style, opt, write_grid, write_record, write_section};
use crate::error::Result;
use crate::model::{Deal, DealDetail, PartialDate, Party};

/// A row of `list --format csv`: raw integers and ISO dates, like JSON; dates
/// are the first day of their period, next to their precision.
#[derive(Debug, Default, Serialize)]
pub struct ListRow<'a> {
    pub id: i64,
    pub slug: &'a str,
    pub title: &'a str,
    pub kind: &'a str,
    pub status: &'a str,
    pub announced_on: Option<String>,
    pub announced_precision: Option<&'static str>,
    /// Whole units of `value_currency`.
    pub value_amount: Option<i64>,
    pub value_currency: Option<String>,
    pub value_qualifier: Option<&'static str>,
    pub term_months: Option<i64>,
    pub starts_on: Option<String>,
    pub starts_precision: Option<&'static str>,
    pub parties: String,
    pub tags: String,
    pub notes: Option<&'a str>,
}

impl<'a> ListRow<'a> {
    pub fn new(deal: &'a Deal) -> Self {
        ListRow {
            id: deal.id,
            slug: &deal.slug,
            title: &deal.title,
            kind: &deal.kind,
            status: &deal.status,
            announced_on: deal.announced.map(|d| d.start_iso()),
            announced_precision: deal.announced.map(|d| d.precision().as_str()),
            value_amount: deal.value.map(|v| v.amount),
            value_currency: deal.value.map(|v| v.currency.to_string()),
            value_qualifier: deal.value.map(|v| v.qualifier.as_str()),
            term_months: deal.term.map(|t| i64::from(t.months())),
            starts_on: deal.starts.map(|d| d.start_iso()),
            starts_precision: deal.starts.map(|d| d.precision().as_str()),
            parties: deal
                .parties
                .iter()
                .map(|p| format!("{}:{}", p.company, p.role))
                .collect::<Vec<_>>()
                .join("; "),
            tags: deal.tags.join("; "),
            notes: deal.notes.as_deref(),
        }
    }
}

/// Writes deals as `deals list` shows them.
pub fn list(out: &mut dyn Write, format: Format, style: Style, deals: &[Deal]) -> Result<()> {
    match format {
        Format::Json => json::write(out, &deals.iter().map(DealJson::new).collect::<Vec<_>>()),
        Format::Csv => {
            let mut table = CsvTable::begin::<ListRow>(out)?;
            for deal in deals {
                table.row(&ListRow::new(deal))?;
            }
            table.finish()?;
            Ok(())
        }
        Format::Table | Format::Markdown => {
            let mut grid = Grid::new(vec![
                "ID",
                "ANNOUNCED",
                "SLUG",
                "KIND",
                "STATUS",
                "VALUE",
                "TERM",
                "PARTIES",
            ])
            .align_right(&["ID", "VALUE", "TERM"]);
            for deal in deals {
                grid.push(vec![
                    deal.id.to_string(),
                    opt(&deal.announced),
                    deal.slug.clone(),
                    deal.kind.clone(),
                    deal.status.clone(),
                    deal.value.map(|v| v.compact()).unwrap_or_default(),
                    deal.term.map(|t| t.short()).unwrap_or_default(),
                    parties_text(&deal.parties),
                ]);
            }
            write_grid(out, format, &grid, style)
        }
    }
}

/// "OpenAI (customer), Nvidia (investor, provider)": one entry per company.
pub fn parties_text(parties: &[Party]) -> String {
    let mut entries: Vec<(&str, Vec<&str>)> = Vec::new();
    for party in parties {
        match entries.iter_mut().find(|(name, _)| *name == party.company) {
            Some((_, roles)) => roles.push(&party.role),
            None => entries.push((&party.company, vec![&party.role])),
        }
    }
    entries
        .iter()
        .map(|(name, roles)| format!("{name} ({})", roles.join(", ")))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Writes one deal as `deals show` shows it.
pub fn show(out: &mut dyn Write, format: Format, style: Style, detail: &DealDetail) -> Result<()> {
    let deal = &detail.deal;
    match format {
        Format::Json => json::write(out, &DealDetailJson::new(detail)),
        Format::Csv => {
            let mut grid = Grid::new(vec!["field", "value"]);
            let (headers, values) = csv_record(&ListRow::new(deal))?;
            for (header, value) in headers.iter().zip(values.iter()) {
                if header != "parties" {
                    grid.push(vec![header.to_string(), value.to_string()]);
                }
            }
            for p in &deal.parties {
                grid.push(vec!["party".into(), format!("{}:{}", p.company, p.role)]);
            }
            for e in &detail.events {
                grid.push(vec![
                    "event".into(),
                    format!("{} {}: {}", e.on, e.kind, opt(&e.note)),
                ]);
            }
            for s in &detail.sources {
                grid.push(vec![
                    "source".into(),
                    format!("{}: {}", s.article_slug, s.quote),
                ]);
            }
            write_grid(out, format, &grid, style)
        }
        Format::Table | Format::Markdown => {
            let mut record = Record::new(format!("{} ({})", deal.title, deal.slug));
            record.field("Id", Some(deal.id.to_string()));
            record.field("Kind", Some(deal.kind.clone()));
            record.field("Status", Some(deal.status.clone()));
            record.field("Announced", deal.announced.map(dated));
            record.field(
                "Value",
                Some(match deal.value {
                    Some(v) => format!(
                        "{} ({} {} {})",
                        v.compact(),
                        v.qualifier,
                        v.amount,
                        v.currency
                    ),
                    None => "undisclosed".into(),
                }),
            );
            record.field("Term", deal.term.map(|t| t.to_string()));
            record.field("Starts", deal.starts.map(dated));
            for party in &deal.parties {
                record.field("Party", Some(format!("{} ({})", party.company, party.role)));
            }
            record.field("Tags", Some(deal.tags.join(", ")));
            record.field("Notes", deal.notes.clone());
            write_record(out, format, &record, style)?;
            if !detail.events.is_empty() {
                write_section(out, format, "Events", style)?;
                let mut grid = Grid::new(vec!["ON", "PRECISION", "KIND", "NOTE"]);
                for e in &detail.events {
                    grid.push(vec![
                        e.on.to_string(),
                        e.on.precision().to_string(),
                        e.kind.clone(),
                        opt(&e.note),
                    ]);
                }
                write_grid(out, format, &grid, style)?;
            }
            write_section(out, format, "Sources", style)?;
            if detail.sources.is_empty() {
                writeln!(out, "  none")?;
            }
            for s in &detail.sources {
                let stated = s
                    .stated
                    .map(|f| format!(" (states {})", f.compact()))
                    .unwrap_or_default();
                let bullet = if format == Format::Markdown {
                    "-"
                } else {
                    " *"
                };
                writeln!(
                    out,
                    "{bullet} {} [{}]{stated}",
                    s.article_title, s.article_slug
                )?;
                if !s.quote.is_empty() {
                    let indent = if format == Format::Markdown {
                        "  > "
                    } else {
                        "    "
                    };
                    writeln!(out, "{indent}“{}”", s.quote)?;
                }
            }
            Ok(())
        }
    }
}

/// A date with its precision spelled out when it is not a day: "2025 (year)".
fn dated(date: PartialDate) -> String {
    match date.precision() {
        crate::model::Precision::Day => date.to_string(),
        p => format!("{date} ({p})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Event, Figure, Money, Source};

    fn deal() -> Deal {
        Deal {
            id: 1,
            slug: "openai-aws-compute-2025".into(),
            title: "OpenAI–AWS compute agreement".into(),
            kind: "cloud-compute".into(),
            status: "active".into(),
            announced: Some("2025-11-03".parse().unwrap()),
            value: Some("$38B".parse::<Money>().unwrap()),
            term: Some("84m".parse().unwrap()),
            starts: Some("2025-11".parse().unwrap()),
            notes: None,
            parties: vec![
                Party {
                    company_id: 2,
                    company: "Amazon Web Services".into(),
                    role: "provider".into(),
                },
                Party {
                    company_id: 1,
                    company: "OpenAI".into(),
                    role: "customer".into(),
                },
            ],
            tags: vec!["gpu".into()],
            created_at: "2025-11-03T00:00:00Z".into(),
            updated_at: "2025-11-03T00:00:00Z".into(),
        }
    }

    fn render(f: impl FnOnce(&mut Vec<u8>) -> Result<()>) -> String {
        let mut out = Vec::new();
        f(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn the_table_shows_compact_money_and_the_json_raw_integers() {
        let deals = [deal()];
        let table = render(|o| list(o, Format::Table, Style::default(), &deals));
        assert!(table.contains("$38.0B"), "{table}");
        assert!(table.contains("7y"), "{table}");
        assert!(
            table.contains("Amazon Web Services (provider), OpenAI (customer)"),
            "{table}"
        );
        let json: serde_json::Value =
            serde_json::from_str(&render(|o| list(o, Format::Json, Style::default(), &deals)))
                .unwrap();
        assert_eq!(json[0]["value_amount"], 38_000_000_000_i64);
        assert_eq!(json[0]["announced_on"], "2025-11-03");
        assert_eq!(json[0]["term_months"], 84);
        assert_eq!(json[0]["parties"][1]["role"], "customer");
        let csv = render(|o| list(o, Format::Csv, Style::default(), &deals));
        assert!(
            csv.contains(",38000000000,USD,exact,84,2025-11-01,month,"),
            "{csv}"
        );
    }

    #[test]
    fn show_lists_events_and_quoted_sources() {
        let detail = DealDetail {
            deal: deal(),
            events: vec![Event {
                on: "2026".parse().unwrap(),
                kind: "milestone".into(),
                note: Some("capacity".into()),
            }],
            sources: vec![Source {
                article_id: 1,
                article_slug: "notizia".into(),
                article_title: "Notizia".into(),
                quote: "38 miliardi di dollari".into(),
                stated: Some(Figure::parse("38 miliardi di dollari").unwrap()),
            }],
        };
        let text = render(|o| show(o, Format::Table, Style::default(), &detail));
        assert!(
            text.contains("Value      $38.0B (exact 38000000000 USD)"),
            "{text}"
        );
        assert!(text.contains("2026   year"), "{text}");
        assert!(text.contains("Notizia [notizia] (states $38.0B)"), "{text}");
        assert!(text.contains("“38 miliardi di dollari”"), "{text}");
        let json: serde_json::Value = serde_json::from_str(&render(|o| {
            show(o, Format::Json, Style::default(), &detail)
        }))
        .unwrap();
        assert_eq!(json["sources"][0]["stated_amount"], 38_000_000_000_i64);
        assert_eq!(json["events"][0]["precision"], "year");
    }
}
