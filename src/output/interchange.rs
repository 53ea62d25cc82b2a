//! Writers of the interchange format: the `deals/1` JSON document, written record
//! by record (the same bytes `serde_json::to_string_pretty` gives for the whole
//! document), and the rows of the CSV files of `export --format csv`.

use std::io::Write;

use serde::Serialize;

use crate::error::Result;
use crate::model::document::{CompanyDoc, DealDoc, FORMAT};

/// Writes a document one record at a time.
pub struct DocumentWriter<'w> {
    out: &'w mut dyn Write,
    /// Whether a list is open, and whether it has records yet.
    open: Option<bool>,
}

impl<'w> DocumentWriter<'w> {
    pub fn begin(out: &'w mut dyn Write) -> Result<DocumentWriter<'w>> {
        write!(out, "{{\n  \"format\": {}", serde_json::to_string(FORMAT)?)?;
        Ok(DocumentWriter { out, open: None })
    }

    /// Starts the list `name` ("companies", "articles", "deals").
    pub fn list(&mut self, name: &str) -> Result<()> {
        self.close()?;
        write!(self.out, ",\n  {}: [", serde_json::to_string(name)?)?;
        self.open = Some(false);
        Ok(())
    }

    /// Adds a record to the open list.
    pub fn record(&mut self, record: &impl Serialize) -> Result<()> {
        let text = serde_json::to_string_pretty(record)?;
        let separator = if self.open == Some(true) { "," } else { "" };
        // JSON strings hold no raw line breaks, so every line break is layout.
        write!(
            self.out,
            "{separator}\n    {}",
            text.replace('\n', "\n    ")
        )?;
        self.open = Some(true);
        Ok(())
    }

    fn close(&mut self) -> Result<()> {
        match self.open.take() {
            Some(true) => write!(self.out, "\n  ]")?,
            Some(false) => write!(self.out, "]")?,
            None => {}
        }
        Ok(())
    }

    pub fn finish(mut self) -> Result<()> {
        self.close()?;
        writeln!(self.out, "\n}}")?;
        Ok(())
    }
}

pub const DEAL_COLUMNS: [&str; 13] = [
    "slug",
    "title",
    "kind",
    "status",
    "announced_on",
    "value_amount",
    "value_currency",
    "value_qualifier",
    "term_months",
    "starts_on",
    "parties",
    "tags",
    "notes",
];
pub const COMPANY_COLUMNS: [&str; 8] = [
    "name",
    "slug",
    "kind",
    "country",
    "parent",
    "aliases",
    "website",
    "description",
];
pub const ARTICLE_COLUMNS: [&str; 9] = [
    "key",
    "url",
    "title",
    "publisher",
    "author",
    "language",
    "published_on",
    "summary",
    "body",
];
pub const SOURCE_COLUMNS: [&str; 6] = [
    "deal",
    "article",
    "quote",
    "stated_amount",
    "stated_currency",
    "stated_qualifier",
];
pub const EVENT_COLUMNS: [&str; 4] = ["deal", "on", "kind", "note"];

fn text(value: &Option<String>) -> String {
    value.clone().unwrap_or_default()
}

fn number(value: Option<i64>) -> String {
    value.map(|n| n.to_string()).unwrap_or_default()
}

/// A deals.csv row: the columns `deals import` reads, parties as
/// `OpenAI:customer; Amazon Web Services:provider` and tags as `a; b`.
pub fn deal_row(deal: &DealDoc) -> Vec<String> {
    let parties: Vec<String> = deal
        .parties
        .iter()
        .map(|p| format!("{}:{}", p.company, p.role))
        .collect();
    vec![
        text(&deal.slug),
        deal.title.clone(),
        deal.kind.clone(),
        text(&deal.status),
        text(&deal.announced_on),
        number(deal.value_amount),
        text(&deal.value_currency),
        text(&deal.value_qualifier),
        number(deal.term_months),
        text(&deal.starts_on),
        parties.join("; "),
        deal.tags.join("; "),
        text(&deal.notes),
    ]
}

pub fn company_row(company: &CompanyDoc) -> Vec<String> {
    vec![
        company.name.clone(),
        text(&company.slug),
        text(&company.kind),
        text(&company.country),
        text(&company.parent),
        company.aliases.join("; "),
        text(&company.website),
        text(&company.description),
    ]
}

pub fn article_row(article: &crate::model::document::ArticleDoc) -> Vec<String> {
    vec![
        text(&article.key),
        text(&article.url),
        article.title.clone(),
        text(&article.publisher),
        text(&article.author),
        text(&article.language),
        text(&article.published_on),
        text(&article.summary),
        text(&article.body),
    ]
}

/// The sources.csv rows of a deal.
pub fn source_rows(deal: &DealDoc) -> Vec<Vec<String>> {
    deal.sources
        .iter()
        .map(|s| {
            vec![
                text(&deal.slug),
                s.article.clone(),
                text(&s.quote),
                number(s.stated_amount),
                text(&s.stated_currency),
                text(&s.stated_qualifier),
            ]
        })
        .collect()
}

/// The events.csv rows of a deal.
pub fn event_rows(deal: &DealDoc) -> Vec<Vec<String>> {
    deal.events
        .iter()
        .map(|e| {
            vec![
                text(&deal.slug),
                e.on.clone(),
                e.kind.clone(),
                text(&e.note),
            ]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::document::{Document, PartyDoc};

    fn render(doc: &Document) -> String {
        let mut out = Vec::new();
        let mut writer = DocumentWriter::begin(&mut out).unwrap();
        writer.list("companies").unwrap();
        for c in &doc.companies {
            writer.record(c).unwrap();
        }
        writer.list("articles").unwrap();
        writer.list("deals").unwrap();
        for d in &doc.deals {
            writer.record(d).unwrap();
        }
        writer.finish().unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn the_streamed_document_is_the_pretty_document() {
        let doc = Document {
            format: FORMAT.into(),
            companies: vec![CompanyDoc {
                name: "A \"quoted\"\nname".into(),
                aliases: vec!["B".into()],
                ..Default::default()
            }],
            articles: vec![],
            deals: vec![
                DealDoc {
                    title: "T".into(),
                    kind: "other".into(),
                    parties: vec![PartyDoc {
                        company: "A".into(),
                        role: "partner".into(),
                    }],
                    tags: vec!["x".into(), "y".into()],
                    ..Default::default()
                },
                DealDoc {
                    title: "U".into(),
                    kind: "other".into(),
                    ..Default::default()
                },
            ],
        };
        let expected = serde_json::to_string_pretty(&doc).unwrap() + "\n";
        assert_eq!(render(&doc), expected);
        let empty = Document {
            format: FORMAT.into(),
            ..Default::default()
        };
        assert_eq!(
            render(&empty),
            serde_json::to_string_pretty(&empty).unwrap() + "\n"
        );
    }

    #[test]
    fn deal_rows_list_parties_and_tags_with_semicolons() {
        let deal = DealDoc {
            slug: Some("d".into()),
            title: "D".into(),
            kind: "cloud-compute".into(),
            value_amount: Some(38_000_000_000),
            value_currency: Some("USD".into()),
            parties: vec![
                PartyDoc {
                    company: "OpenAI".into(),
                    role: "customer".into(),
                },
                PartyDoc {
                    company: "Amazon Web Services".into(),
                    role: "provider".into(),
                },
            ],
            tags: vec!["a".into(), "b".into()],
            ..Default::default()
        };
        let row = deal_row(&deal);
        assert_eq!(row[5], "38000000000");
        assert_eq!(row[10], "OpenAI:customer; Amazon Web Services:provider");
        assert_eq!(row[11], "a; b");
        assert_eq!(row.len(), DEAL_COLUMNS.len());
    }
}
