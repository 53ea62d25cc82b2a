//! Writers of the interchange format: the `deals/1` JSON document, written record
//! by record (the same bytes `serde_json::to_string_pretty` gives for the whole
//! document), and the rows of the CSV files of `export --format csv`.

use std::io::Write;

use serde::Serialize;

use super::opt;
use crate::error::Result;
use crate::model::document::{ArticleDoc, CompanyDoc, DealDoc, EventDoc, FORMAT, SourceDoc};
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
        let parties = deal
            .parties
            .iter()
            .map(|p| format!("{}:{}", p.company, p.role));
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
            parties: list::join(parties, PARTY_SEPARATORS),
            tags: list::join(&deal.tags, TAG_SEPARATORS),
            notes: deal.notes.as_deref(),
        }
    }
}

/// The columns of a CSV file of `export --format csv`: a header and the cell of
/// a record each.
pub type Columns<T> = [(&'static str, fn(&T) -> String)];

/// `companies.csv`; aliases as `a; b`.
pub const COMPANIES: &Columns<CompanyDoc> = &[
    ("name", |c| c.name.clone()),
    ("slug", |c| opt(&c.slug)),
    ("kind", |c| opt(&c.kind)),
    ("country", |c| opt(&c.country)),
    ("parent", |c| opt(&c.parent)),
    ("aliases", |c| c.aliases.join("; ")),
    ("website", |c| opt(&c.website)),
    ("description", |c| opt(&c.description)),
];

/// `articles.csv`, with the body.
pub const ARTICLES: &Columns<ArticleDoc> = &[
    ("key", |a| opt(&a.key)),
    ("url", |a| opt(&a.url)),
    ("title", |a| a.title.clone()),
    ("publisher", |a| opt(&a.publisher)),
    ("author", |a| opt(&a.author)),
    ("language", |a| opt(&a.language)),
    ("published_on", |a| opt(&a.published_on)),
    ("summary", |a| opt(&a.summary)),
    ("body", |a| opt(&a.body)),
];

/// The columns of a file with a row per source or event of a deal: each cell
/// from the deal and the one record.
pub type DealColumns<T> = [(&'static str, fn(&(&DealDoc, &T)) -> String)];

/// `sources.csv`: one link of a deal to an article.
pub const SOURCES: &DealColumns<SourceDoc> = &[
    ("deal", |(d, _)| opt(&d.slug)),
    ("article", |(_, s)| s.article.clone()),
    ("quote", |(_, s)| opt(&s.quote)),
    ("stated_amount", |(_, s)| opt(&s.stated_amount)),
    ("stated_currency", |(_, s)| opt(&s.stated_currency)),
    ("stated_qualifier", |(_, s)| opt(&s.stated_qualifier)),
];

/// `events.csv`.
pub const EVENTS: &DealColumns<EventDoc> = &[
    ("deal", |(d, _)| opt(&d.slug)),
    ("on", |(_, e)| e.on.clone()),
    ("kind", |(_, e)| e.kind.clone()),
    ("note", |(_, e)| opt(&e.note)),
];

/// The headers of `columns`.
pub fn header<T>(columns: &Columns<T>) -> impl Iterator<Item = &'static str> + '_ {
    columns.iter().map(|(header, _)| *header)
}

/// The cells of `record` under `columns`.
pub fn cells<T>(columns: &Columns<T>, record: &T) -> Vec<String> {
    columns.iter().map(|(_, cell)| cell(record)).collect()
}

/// CSV of the rows of one `#[derive(Serialize)]` type, whose header row (its
/// field names) is written even when no row follows.
pub struct CsvTable<W: Write> {
    writer: csv::Writer<W>,
}

impl<W: Write> CsvTable<W> {
    /// Starts the table with the header of `T`, taken from `T::default()`.
    pub fn begin<T: Serialize + Default>(out: W) -> Result<CsvTable<W>> {
        CsvTable::with_header(out, &csv_header::<T>()?)
    }

    /// Starts the table with these headers.
    pub fn with_header<'h>(
        out: W,
        header: impl IntoIterator<Item = &'h str>,
    ) -> Result<CsvTable<W>> {
        let mut writer = csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(out);
        writer.write_record(header)?;
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
        let table = CsvTable::with_header(Vec::new(), header(EVENTS)).unwrap();
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
