//! Writers of the interchange format: the `deals/1` JSON document, written record
//! by record (the same bytes `serde_json::to_string_pretty` gives for the whole
//! document), and the rows of the CSV files of `export --format csv`.

use std::io::Write;

use serde::Serialize;

use crate::error::Result;
use crate::model::document::{ArticleDoc, CompanyDoc, DealDoc, FORMAT};
use crate::model::list::{self, PARTY_SEPARATORS, TAG_SEPARATORS};

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

/// A row of `deals.csv`: the columns `deals import` reads, parties as
/// `OpenAI:customer; Amazon Web Services:provider` and tags as `a; b`. Also the
/// rows the benchmark generator writes.
#[derive(Debug, Default, Serialize)]
pub struct DealRow<'a> {
    pub slug: Option<&'a str>,
    pub title: &'a str,
    pub kind: &'a str,
    pub status: Option<&'a str>,
    pub announced_on: Option<&'a str>,
    /// Whole units of `value_currency`.
    pub value_amount: Option<i64>,
    pub value_currency: Option<&'a str>,
    pub value_qualifier: Option<&'a str>,
    pub term_months: Option<i64>,
    pub starts_on: Option<&'a str>,
    pub parties: String,
    pub tags: String,
    pub notes: Option<&'a str>,
}

impl<'a> DealRow<'a> {
    pub fn new(deal: &'a DealDoc) -> Self {
        DealRow {
            slug: deal.slug.as_deref(),
            title: &deal.title,
            kind: &deal.kind,
            status: deal.status.as_deref(),
            announced_on: deal.announced_on.as_deref(),
            value_amount: deal.value_amount,
            value_currency: deal.value_currency.as_deref(),
            value_qualifier: deal.value_qualifier.as_deref(),
            term_months: deal.term_months,
            starts_on: deal.starts_on.as_deref(),
            parties: list::join(
                deal.parties
                    .iter()
                    .map(|p| format!("{}:{}", p.company, p.role)),
                PARTY_SEPARATORS,
            ),
            tags: list::join(&deal.tags, TAG_SEPARATORS),
            notes: deal.notes.as_deref(),
        }
    }
}

/// A row of `companies.csv`; aliases as `a; b`.
#[derive(Debug, Default, Serialize)]
pub struct CompanyRow<'a> {
    pub name: &'a str,
    pub slug: Option<&'a str>,
    pub kind: Option<&'a str>,
    pub country: Option<&'a str>,
    pub parent: Option<&'a str>,
    pub aliases: String,
    pub website: Option<&'a str>,
    pub description: Option<&'a str>,
}

impl<'a> CompanyRow<'a> {
    pub fn new(company: &'a CompanyDoc) -> Self {
        CompanyRow {
            name: &company.name,
            slug: company.slug.as_deref(),
            kind: company.kind.as_deref(),
            country: company.country.as_deref(),
            parent: company.parent.as_deref(),
            aliases: company.aliases.join("; "),
            website: company.website.as_deref(),
            description: company.description.as_deref(),
        }
    }
}

/// A row of `articles.csv`, with the body.
#[derive(Debug, Default, Serialize)]
pub struct ArticleRow<'a> {
    pub key: Option<&'a str>,
    pub url: Option<&'a str>,
    pub title: &'a str,
    pub publisher: Option<&'a str>,
    pub author: Option<&'a str>,
    pub language: Option<&'a str>,
    pub published_on: Option<&'a str>,
    pub summary: Option<&'a str>,
    pub body: Option<&'a str>,
}

impl<'a> ArticleRow<'a> {
    pub fn new(article: &'a ArticleDoc) -> Self {
        ArticleRow {
            key: article.key.as_deref(),
            url: article.url.as_deref(),
            title: &article.title,
            publisher: article.publisher.as_deref(),
            author: article.author.as_deref(),
            language: article.language.as_deref(),
            published_on: article.published_on.as_deref(),
            summary: article.summary.as_deref(),
            body: article.body.as_deref(),
        }
    }
}

/// A row of `sources.csv`: one link of a deal to an article.
#[derive(Debug, Default, Serialize)]
pub struct SourceRow<'a> {
    pub deal: Option<&'a str>,
    pub article: &'a str,
    pub quote: Option<&'a str>,
    pub stated_amount: Option<i64>,
    pub stated_currency: Option<&'a str>,
    pub stated_qualifier: Option<&'a str>,
}

/// A row of `events.csv`.
#[derive(Debug, Default, Serialize)]
pub struct EventRow<'a> {
    pub deal: Option<&'a str>,
    pub on: &'a str,
    pub kind: &'a str,
    pub note: Option<&'a str>,
}

/// The sources.csv rows of a deal.
pub fn source_rows(deal: &DealDoc) -> impl Iterator<Item = SourceRow<'_>> {
    deal.sources.iter().map(|s| SourceRow {
        deal: deal.slug.as_deref(),
        article: &s.article,
        quote: s.quote.as_deref(),
        stated_amount: s.stated_amount,
        stated_currency: s.stated_currency.as_deref(),
        stated_qualifier: s.stated_qualifier.as_deref(),
    })
}

/// The events.csv rows of a deal.
pub fn event_rows(deal: &DealDoc) -> impl Iterator<Item = EventRow<'_>> {
    deal.events.iter().map(|e| EventRow {
        deal: deal.slug.as_deref(),
        on: &e.on,
        kind: &e.kind,
        note: e.note.as_deref(),
    })
}

/// CSV of the rows of one `#[derive(Serialize)]` type, whose header row (its
/// field names) is written even when no row follows.
pub struct CsvTable<W: Write> {
    writer: csv::Writer<W>,
}

impl<W: Write> CsvTable<W> {
    /// Starts the table with the header of `T`, taken from `T::default()`.
    pub fn begin<T: Serialize + Default>(out: W) -> Result<CsvTable<W>> {
        let mut writer = csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(out);
        writer.write_record(&csv_header::<T>()?)?;
        Ok(CsvTable { writer })
    }

    pub fn row(&mut self, row: &impl Serialize) -> Result<()> {
        Ok(self.writer.serialize(row)?)
    }

    /// The underlying writer, flushed.
    pub fn finish(self) -> Result<W> {
        self.writer
            .into_inner()
            .map_err(|e| crate::error::Error::Io(std::io::Error::other(e.error().to_string())))
    }
}

/// The header row and the values of one row, as the csv crate writes them.
pub fn csv_record<T: Serialize>(row: &T) -> Result<(csv::StringRecord, csv::StringRecord)> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.serialize(row)?;
    let bytes = writer
        .into_inner()
        .map_err(|e| crate::error::Error::Io(std::io::Error::other(e.error().to_string())))?;
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let header = reader.headers()?.clone();
    let values = reader.records().next().transpose()?.unwrap_or_default();
    Ok((header, values))
}

/// The field names of `T`, in order.
fn csv_header<T: Serialize + Default>() -> Result<csv::StringRecord> {
    Ok(csv_record(&T::default())?.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_has_its_header_even_with_no_rows() {
        let table = CsvTable::begin::<EventRow>(Vec::new()).unwrap();
        let bytes = table.finish().unwrap();
        assert_eq!(String::from_utf8(bytes).unwrap(), "deal,on,kind,note\n");
    }

    #[test]
    fn deal_rows_write_the_columns_import_reads() {
        let (header, _) = csv_record(&DealRow::default()).unwrap();
        let header: Vec<&str> = header.iter().collect();
        for column in &header {
            assert!(
                crate::model::mapping::Field::own().any(|f| f.name() == *column),
                "{column} is not a column import reads"
            );
        }
        assert_eq!(header.first(), Some(&"slug"));
    }
}
