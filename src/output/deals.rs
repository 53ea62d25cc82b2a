//! Deals: the `list` listing and the `show` record.

use std::io::Write;

use super::Output;
use super::json::{self, DealDetailJson, DealJson};
use super::{Column, Format, Grid, IntoGrid, Record, opt};
use crate::error::Result;
use crate::model::money::compact_amount;
use crate::model::{Deal, DealDetail, PartialDate, Party};
use crate::output::visible;

/// Deals as `list --format csv` writes them: raw integers and ISO dates, like
/// JSON; dates are the first day of their period, next to their precision.
const CSV_COLUMNS: [Column<'static, Deal>; 16] = [
    ("id", &|d| d.id.to_string()),
    ("slug", &|d| d.slug.clone()),
    ("title", &|d| d.title.clone()),
    ("kind", &|d| d.kind.clone()),
    ("status", &|d| d.status.clone()),
    ("announced_on", &|d| {
        opt(&d.announced.map(|d| d.start_iso()))
    }),
    ("announced_precision", &|d| {
        opt(&d.announced.map(|d| d.precision()))
    }),
    ("value_amount", &|d| opt(&d.value.map(|v| v.amount))),
    ("value_currency", &|d| opt(&d.value.map(|v| v.currency))),
    ("value_qualifier", &|d| opt(&d.value.map(|v| v.qualifier))),
    ("term_months", &|d| opt(&d.term.map(|t| t.months()))),
    ("starts_on", &|d| opt(&d.starts.map(|d| d.start_iso()))),
    ("starts_precision", &|d| {
        opt(&d.starts.map(|d| d.precision()))
    }),
    ("parties", &|d| {
        d.parties
            .iter()
            .map(|p| format!("{}:{}", p.company, p.role))
            .collect::<Vec<_>>()
            .join("; ")
    }),
    ("tags", &|d| d.tags.join("; ")),
    ("notes", &|d| opt(&d.notes)),
];

/// One deal as a CSV grid of [`CSV_COLUMNS`].
fn csv_grid(deal: &Deal) -> Grid {
    let mut grid = Grid::new(CSV_COLUMNS.iter().map(|(header, _)| *header).collect());
    grid.push(CSV_COLUMNS.iter().map(|(_, cell)| cell(deal)).collect());
    grid
}

/// The columns of `deals list` in a table or Markdown.
const LIST_COLUMNS: [Column<'static, Deal>; 9] = [
    ("ID", &|d| d.id.to_string()),
    ("ANNOUNCED", &|d| opt(&d.announced)),
    ("SLUG", &|d| d.slug.clone()),
    ("TITLE", &|d| d.title.clone()),
    ("KIND", &|d| d.kind.clone()),
    ("STATUS", &|d| d.status.clone()),
    ("VALUE", &|d| opt(&d.value.map(|v| v.compact()))),
    ("TERM", &|d| opt(&d.term.map(|t| t.short()))),
    ("PARTIES", &|d| parties_text(&d.parties)),
];

/// `deals list` written as the deals come (see [`super::stream::Stream`]): JSON
/// items, CSV rows of raw values, or table and Markdown rows for people.
pub struct Listing(super::stream::Stream);

impl Listing {
    pub fn new(format: Format) -> Listing {
        let headers = |columns: &[Column<'static, Deal>]| columns.iter().map(|c| c.0).collect();
        Listing(super::stream::Stream::new(
            format,
            headers(&CSV_COLUMNS),
            headers(&LIST_COLUMNS),
        ))
    }

    /// Writes one deal (or keeps it for its table page).
    pub fn push(&mut self, o: &mut Output<'_>, deal: &Deal) -> Result<()> {
        let columns: &[Column<'static, Deal>] = match o.format {
            Format::Csv => &CSV_COLUMNS,
            _ => &LIST_COLUMNS,
        };
        let row = || columns.iter().map(|(_, cell)| cell(deal)).collect();
        self.0.push(o, &DealJson(deal), row)
    }

    /// Writes the end of the listing.
    pub fn finish(self, o: &mut Output<'_>) -> Result<()> {
        self.0.finish(o)
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
pub fn show(o: &mut Output<'_>, detail: &DealDetail) -> Result<()> {
    let deal = &detail.deal;
    match o.format {
        Format::Json => json::write(o.out, &DealDetailJson::new(detail)),
        Format::Csv => {
            let mut grid = Grid::new(vec!["field", "value"]);
            let mut field = |name: &str, value: String| grid.push(vec![name.into(), value]);
            let fields = csv_grid(deal);
            for (name, value) in fields.headers.iter().zip(&fields.rows[0]) {
                if name != "parties" {
                    field(name, value.clone());
                }
            }
            for p in &deal.parties {
                field("party", format!("{}:{}", p.company, p.role));
            }
            for e in &detail.events {
                field("event", format!("{} {}: {}", e.on, e.kind, opt(&e.note)));
            }
            for s in &detail.sources {
                field("source", format!("{}: {}", s.article_slug, s.quote));
            }
            o.grid(grid)
        }
        Format::Table | Format::Markdown => {
            let mut record = Record::new(format!("{} ({})", deal.title, deal.slug));
            record.field("Id", Some(deal.id.to_string()));
            record.field("Kind", Some(deal.kind.clone()));
            record.field("Status", Some(deal.status.clone()));
            record.field("Announced", deal.announced.map(dated));
            let value = deal.value.map(|v| {
                format!(
                    "{} ({} {} {})",
                    v.compact(),
                    v.qualifier,
                    v.amount,
                    v.currency
                )
            });
            record.field("Value", Some(value.unwrap_or_else(|| "undisclosed".into())));
            record.field("Term", deal.term.map(|t| t.to_string()));
            record.field("Starts", deal.starts.map(dated));
            for party in &deal.parties {
                record.field("Party", Some(format!("{} ({})", party.company, party.role)));
            }
            record.field("Tags", Some(deal.tags.join(", ")));
            record.field("Notes", deal.notes.clone());
            o.record(&record)?;
            if !detail.events.is_empty() {
                o.section("Events")?;
                o.grid(detail.events.iter().grid(&[
                    ("ON", &|e| e.on.to_string()),
                    ("PRECISION", &|e| e.on.precision().to_string()),
                    ("KIND", &|e| e.kind.clone()),
                    ("NOTE", &|e| opt(&e.note)),
                ]))?;
            }
            o.section("Sources")?;
            if detail.sources.is_empty() {
                writeln!(o, "  none")?;
            }
            let (bullet, indent) = match o.format {
                Format::Markdown => ("-", "  > "),
                _ => (" *", "    "),
            };
            for s in &detail.sources {
                let stated = opt(&s.stated.map(|f| format!(" (states {})", f.compact())));
                writeln!(
                    o,
                    "{bullet} {} [{}]{stated}",
                    s.article_title, s.article_slug
                )?;
                if !s.quote.is_empty() {
                    writeln!(o, "{indent}“{}”", s.quote)?;
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

/// What a deal holds, in one line, for the message after `add` and `edit`:
/// "€2.5B exact, 2025-Q3, 5y, Mistral AI (customer), Nvidia (provider)"; the
/// value with its qualifier, the announced date at its precision, the term,
/// the parties. Empty when the deal holds none of them.
pub fn understood(deal: &Deal) -> String {
    let mut parts = Vec::new();
    if let Some(value) = deal.value {
        let qualifier = value.qualifier.to_string().replace('-', " ");
        let amount = compact_amount(value.amount, value.currency);
        parts.push(format!("{amount} {qualifier}"));
    }
    parts.extend(deal.announced.map(|d| d.to_string()));
    parts.extend(deal.term.map(|t| t.short()));
    parts.extend(
        deal.parties
            .iter()
            .map(|p| format!("{} ({})", visible(&p.company, false), p.role)),
    );
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Event, Figure, Money, Source};
    use crate::output::Style;

    /// Writes `deals` as `deals list` does.
    fn list(o: &mut Output<'_>, deals: &[Deal]) -> Result<()> {
        let mut listing = Listing::new(o.format);
        for deal in deals {
            listing.push(o, deal)?;
        }
        listing.finish(o)
    }

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
        let table = render(|o| list(&mut Output::new(o, Format::Table, Style::default()), &deals));
        assert!(table.contains("$38.0B"), "{table}");
        assert!(table.contains("7y"), "{table}");
        assert!(
            table.contains("Amazon Web Services (provider), OpenAI (customer)"),
            "{table}"
        );
        let json: serde_json::Value = serde_json::from_str(&render(|o| {
            list(&mut Output::new(o, Format::Json, Style::default()), &deals)
        }))
        .unwrap();
        assert_eq!(json[0]["value_amount"], 38_000_000_000_i64);
        assert_eq!(json[0]["announced_on"], "2025-11-03");
        assert_eq!(json[0]["term_months"], 84);
        assert_eq!(json[0]["parties"][1]["role"], "customer");
        let csv = render(|o| list(&mut Output::new(o, Format::Csv, Style::default()), &deals));
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
        let text = render(|o| {
            show(
                &mut Output::new(o, Format::Table, Style::default()),
                &detail,
            )
        });
        assert!(
            text.contains("Value      $38.0B (exact 38000000000 USD)"),
            "{text}"
        );
        assert!(text.contains("2026   year"), "{text}");
        assert!(text.contains("Notizia [notizia] (states $38.0B)"), "{text}");
        assert!(text.contains("“38 miliardi di dollari”"), "{text}");
        let json: serde_json::Value = serde_json::from_str(&render(|o| {
            show(&mut Output::new(o, Format::Json, Style::default()), &detail)
        }))
        .unwrap();
        assert_eq!(json["sources"][0]["stated_amount"], 38_000_000_000_i64);
        assert_eq!(json["events"][0]["precision"], "year");
    }
}
