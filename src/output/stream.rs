//! Listings written as their rows come, so that memory holds a page however
//! long the listing: JSON items laid out as a pretty array, CSV and Markdown
//! rows one by one, a table a page at a time, lined up with the first page.

use std::io::{self, Write};

use super::{Format, Grid, Output, PageShape, markdown_cell, write_page};

/// How many rows a streamed table holds at once.
pub const PAGE: usize = 1000;

/// A listing written as its rows come, in the output's format: CSV, Markdown
/// and JSON row by row, a table a page of [`PAGE`] rows at a time, the later
/// pages lined up with the first. Memory holds one page, however many rows.
pub struct Rows {
    page: Grid,
    /// The first page's shape, once it is written (tables).
    shape: Option<PageShape>,
    /// Rows written so far.
    written: usize,
}

impl Rows {
    pub fn new(headers: Vec<&str>) -> Rows {
        Rows::of(Grid::new(headers))
    }

    /// The rows of `page`, to be written by [`Rows::finish`] if no more come.
    pub fn of(page: Grid) -> Rows {
        Rows {
            page,
            shape: None,
            written: 0,
        }
    }

    /// Sets whether column `column` is right-aligned (tables and Markdown);
    /// by default a column is when its header is an amount or a count.
    pub fn align(&mut self, column: usize, right: bool) {
        if let Some(flag) = self.page.right.get_mut(column) {
            *flag = right;
        }
    }

    /// Adds a row; writes the page when it is full.
    pub fn push(&mut self, o: &mut Output<'_>, row: Vec<String>) -> crate::error::Result<()> {
        self.page.push(row);
        if self.page.rows.len() >= PAGE {
            self.flush(o)?;
        }
        Ok(())
    }

    /// Writes what is left, and the end of the listing.
    pub fn finish(mut self, o: &mut Output<'_>) -> crate::error::Result<()> {
        if !self.page.rows.is_empty() || self.written == 0 {
            self.flush(o)?;
        }
        if o.format == Format::Json {
            writeln!(o, "{}", if self.written == 0 { "[]" } else { "\n]" })?;
        }
        Ok(())
    }

    fn flush(&mut self, o: &mut Output<'_>) -> crate::error::Result<()> {
        let first = self.written == 0;
        let rows = std::mem::take(&mut self.page.rows);
        match o.format {
            Format::Table => {
                let page = Grid {
                    rows,
                    ..self.page.clone_headers()
                };
                let shape = write_page(o.out, &page, o.style, self.shape.as_ref())?;
                self.shape.get_or_insert(shape);
                self.written += page.rows.len();
                return Ok(());
            }
            Format::Csv => {
                let mut writer = csv::Writer::from_writer(&mut *o.out);
                if first {
                    writer.write_record(&self.page.headers)?;
                }
                for row in &rows {
                    writer.write_record(row)?;
                }
                writer.flush()?;
            }
            Format::Markdown => {
                if first {
                    let rule = self.page.right.iter().map(|r| match r {
                        true => "---:".to_string(),
                        false => "---".to_string(),
                    });
                    let headers = self.page.headers.clone();
                    for row in [headers, rule.collect()] {
                        markdown_row(o.out, &row)?;
                    }
                }
                for row in &rows {
                    markdown_row(o.out, row)?;
                }
            }
            Format::Json => {
                let keys: Vec<String> = self
                    .page
                    .headers
                    .iter()
                    .map(|h| h.to_lowercase().replace(' ', "_"))
                    .collect();
                let mut items = JsonItems {
                    count: self.written,
                };
                for row in &rows {
                    let object: serde_json::Map<String, serde_json::Value> = keys
                        .iter()
                        .cloned()
                        .zip(row.iter().map(|v| v.as_str().into()))
                        .collect();
                    items.item(o.out, &object)?;
                }
            }
        }
        self.written += rows.len();
        Ok(())
    }
}

/// A listing written as its items come: each item as a JSON object, or as a
/// row of [`Rows`] in the other formats.
pub enum Stream {
    Json(JsonItems),
    Rows(Rows),
}

impl Stream {
    /// A listing in `format`, with `csv` headers for CSV and `people` headers
    /// for tables and Markdown.
    pub fn new(format: Format, csv: Vec<&str>, people: Vec<&str>) -> Stream {
        match format {
            Format::Json => Stream::Json(JsonItems::default()),
            Format::Csv => Stream::Rows(Rows::new(csv)),
            Format::Table | Format::Markdown => Stream::Rows(Rows::new(people)),
        }
    }

    /// Sets whether column `column` of the rows is right-aligned (see
    /// [`Rows::align`]).
    pub fn align(&mut self, column: usize, right: bool) {
        if let Stream::Rows(rows) = self {
            rows.align(column, right);
        }
    }

    /// Writes one item: `json` in JSON, else the cells `row` makes.
    pub fn push<T: serde::Serialize>(
        &mut self,
        o: &mut Output<'_>,
        json: &T,
        row: impl FnOnce() -> Vec<String>,
    ) -> crate::error::Result<()> {
        match self {
            Stream::Json(items) => items.item(o.out, json),
            Stream::Rows(rows) => rows.push(o, row()),
        }
    }

    /// Writes the end of the listing.
    pub fn finish(self, o: &mut Output<'_>) -> crate::error::Result<()> {
        match self {
            Stream::Json(items) => items.finish(o.out),
            Stream::Rows(rows) => rows.finish(o),
        }
    }
}

/// Items of a JSON array written one at a time, laid out as
/// `serde_json::to_writer_pretty` lays out the whole array; call
/// [`JsonItems::finish`] for the closing bracket.
#[derive(Default)]
pub struct JsonItems {
    count: usize,
}

impl JsonItems {
    /// Writes one item.
    pub fn item<T: serde::Serialize>(
        &mut self,
        out: &mut dyn Write,
        item: &T,
    ) -> crate::error::Result<()> {
        let text = serde_json::to_string_pretty(item)?;
        out.write_all(if self.count == 0 { b"[\n" } else { b",\n" })?;
        for (i, line) in text.lines().enumerate() {
            if i > 0 {
                out.write_all(b"\n")?;
            }
            write!(out, "  {line}")?;
        }
        self.count += 1;
        Ok(())
    }

    /// Writes the end of the array and a final newline.
    pub fn finish(self, out: &mut dyn Write) -> crate::error::Result<()> {
        writeln!(out, "{}", if self.count == 0 { "[]" } else { "\n]" })?;
        Ok(())
    }
}

/// One row of a Markdown table.
fn markdown_row(out: &mut dyn Write, row: &[String]) -> io::Result<()> {
    let cells: Vec<String> = row.iter().map(|c| markdown_cell(c)).collect();
    writeln!(out, "| {} |", cells.join(" | "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::{Style, json};

    /// A grid of `n` rows whose cells vary in width.
    fn grid_of(n: usize) -> Grid {
        let mut grid = Grid::new(vec!["ID", "SLUG", "TITLE"]);
        for i in 0..n {
            let title = "word ".repeat(i % 7);
            let id = (i % 100).to_string();
            grid.push(vec![id, format!("deal-{}", "x".repeat(i % 5)), title]);
        }
        grid
    }

    /// What `Rows` writes for `grid` in `format`.
    fn streamed(grid: &Grid, format: Format, style: Style) -> String {
        let mut out = Vec::new();
        let mut o = Output::new(&mut out, format, style);
        let mut rows = Rows::new(grid.headers.iter().map(String::as_str).collect());
        for row in &grid.rows {
            rows.push(&mut o, row.clone()).unwrap();
        }
        rows.finish(&mut o).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// What the whole-grid writers write.
    fn whole(grid: &Grid, format: Format, style: Style) -> String {
        let mut out = Vec::new();
        Output::new(&mut out, format, style)
            .grid(grid.clone())
            .unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn streamed_rows_are_written_as_the_whole_grid_is() {
        for n in [0, 1, 7, PAGE, PAGE + 3] {
            let grid = grid_of(n);
            for format in [Format::Csv, Format::Json, Format::Markdown] {
                let style = Style::default();
                assert_eq!(
                    streamed(&grid, format, style),
                    whole(&grid, format, style),
                    "{n} {format:?}"
                );
            }
        }
        // A table of one page is the table as it was.
        let grid = grid_of(40);
        let style = Style {
            color: false,
            width: Some(30),
        };
        assert_eq!(
            streamed(&grid, Format::Table, style),
            whole(&grid, Format::Table, style)
        );
    }

    #[test]
    fn later_pages_of_a_table_line_up_with_the_first() {
        let grid = grid_of(2 * PAGE + 10);
        let text = streamed(&grid, Format::Table, Style::default());
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2 + grid.rows.len(), "one header, no repeats");
        // Every row starts its SLUG and TITLE cells where the header does (a
        // later cell wider than any of the first page would widen its page).
        let slug_at = lines[0].find("SLUG").unwrap();
        let title_at = lines[0].find("TITLE").unwrap();
        for (line, row) in lines[2..].iter().zip(&grid.rows) {
            assert_eq!(line.find(&row[1]), Some(slug_at), "{line}");
            if !row[2].is_empty() {
                assert_eq!(line.find(row[2].trim_end()), Some(title_at), "{line}");
            }
        }
    }

    #[test]
    fn json_items_are_laid_out_as_a_pretty_array() {
        let items = [
            serde_json::json!({"a": 1, "b": [], "c": {"d": [1, 2]}, "e": "x\ny"}),
            serde_json::json!({}),
            serde_json::json!([[], {"f": null}]),
        ];
        for n in 0..=items.len() {
            let mut streamed = Vec::new();
            let mut writer = JsonItems::default();
            for item in &items[..n] {
                writer.item(&mut streamed, item).unwrap();
            }
            writer.finish(&mut streamed).unwrap();
            let mut whole = Vec::new();
            json::write(&mut whole, &items[..n]).unwrap();
            assert_eq!(
                String::from_utf8(streamed),
                String::from_utf8(whole),
                "{n} items"
            );
        }
    }
}
