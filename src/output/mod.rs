//! Renderers. Every function writes to an injected writer, so each format can be
//! tested without a terminal. Tables and Markdown are for people (`$38.0B`,
//! `2025-Q4`); JSON and CSV carry raw integers and ISO dates.

pub mod articles;
pub mod atomic;
pub mod chart;
pub mod check;
pub mod companies;
pub mod deals;
pub mod events;
pub mod extract;
pub mod fit;
pub mod history;
pub mod import;
pub mod interchange;
pub mod json;
pub mod report;
pub mod schema;
pub mod search;
pub mod sql;
pub mod stream;
pub mod svg;
pub mod timeline;

use std::io::{self, Write};

use crate::model::clean::visible;
use comfy_table::{Attribute, Cell, CellAlignment, ContentArrangement, Table};
use comfy_table::{LineStyle, TableStyle};

/// The output formats of listings and records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Table,
    Json,
    Csv,
    Markdown,
}

/// How tables look on this output.
#[derive(Debug, Clone, Copy, Default)]
pub struct Style {
    /// Bold headers and dimmed labels; only on a terminal and never with NO_COLOR.
    pub color: bool,
    /// Wrap tables to this many columns (a terminal's width); None: never wrap.
    pub width: Option<u16>,
}

/// Where a command writes and how: the writer, the format and the style, passed
/// to every renderer as one value. Writing to it writes to the writer.
pub struct Output<'a> {
    pub out: &'a mut dyn Write,
    pub format: Format,
    pub style: Style,
}

impl<'a> Output<'a> {
    pub fn new(out: &'a mut dyn Write, format: Format, style: Style) -> Self {
        Output { out, format, style }
    }

    /// Writes items as a JSON array.
    pub fn json_list<T: serde::Serialize>(
        &mut self,
        items: impl IntoIterator<Item = T>,
    ) -> crate::error::Result<()> {
        json::write(self.out, &items.into_iter().collect::<Vec<_>>())
    }

    /// Writes a grid in the output's format: a table for people (too wide a
    /// table is squeezed, see `fit::layout`), Markdown, CSV with a header row,
    /// or a JSON array of objects keyed by the headers in lower case.
    pub fn grid(&mut self, grid: Grid) -> crate::error::Result<()> {
        stream::Rows::of(grid).finish(self)
    }

    /// Writes a record as a heading and aligned labels (table) or a Markdown list.
    pub fn record(&mut self, record: &Record) -> io::Result<()> {
        let o = self;
        match o.format {
            Format::Markdown => {
                writeln!(o, "## {}\n", markdown_cell(&record.title))?;
                for (label, value) in &record.fields {
                    writeln!(o, "- **{label}:** {}", visible(value, false))?;
                }
            }
            _ => {
                writeln!(
                    o,
                    "{}",
                    paint(&visible(&record.title, false), BOLD, o.style.color)
                )?;
                let fields = &record.fields;
                let width = fields.iter().map(|f| f.0.len()).max().unwrap_or(0);
                for (label, value) in fields {
                    let labels = std::iter::once(*label).chain(std::iter::repeat(""));
                    for (label, line) in labels.zip(visible(value, true).lines()) {
                        writeln!(o, "  {label:<width$}  {line}")?;
                    }
                }
            }
        }
        Ok(())
    }

    /// Writes a section heading between the parts of a `show` output.
    pub fn section(&mut self, title: &str) -> io::Result<()> {
        let o = self;
        match o.format {
            Format::Markdown => writeln!(o, "\n### {title}\n"),
            _ => writeln!(o, "\n{}", paint(title, BOLD, o.style.color)),
        }
    }
}

impl Write for Output<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.out.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// Rows of text under headers, the common shape of every listing.
#[derive(Clone)]
pub struct Grid {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Per column: right-aligned in tables.
    pub right: Vec<bool>,
}

/// Headers of amounts and counts, which tables right-align wherever they appear.
const RIGHT_ALIGNED: &str = "ID VALUE TERM DEALS LINKS AMOUNT CUMULATIVE IMPRECISE";

/// A column of a listing: its header and the cell it shows for an item.
pub type Column<'c, T> = (&'static str, &'c dyn Fn(&T) -> String);

impl Grid {
    pub fn new(headers: Vec<&str>) -> Grid {
        Grid {
            right: headers
                .iter()
                .map(|h| RIGHT_ALIGNED.split(' ').any(|r| r == *h))
                .collect(),
            headers: headers.into_iter().map(String::from).collect(),
            rows: Vec::new(),
        }
    }

    pub fn push(&mut self, row: Vec<String>) {
        self.rows.push(row);
    }

    /// The same headers, with no rows.
    fn clone_headers(&self) -> Grid {
        Grid {
            headers: self.headers.clone(),
            rows: Vec::new(),
            right: self.right.clone(),
        }
    }
}

/// Items shown as a grid, one row each.
pub trait IntoGrid: IntoIterator + Sized {
    /// One row per item, one cell per column.
    fn grid(self, columns: &[Column<'_, Self::Item>]) -> Grid {
        let mut grid = Grid::new(columns.iter().map(|(header, _)| *header).collect());
        for item in self {
            grid.push(columns.iter().map(|(_, cell)| cell(&item)).collect());
        }
        grid
    }
}

impl<I: IntoIterator> IntoGrid for I {}

/// Headers, a line, then the rows: no outer borders, so `head -1` is the header.
const TABLE_STYLE: TableStyle =
    TableStyle::new().header_separator(LineStyle::none().fill('─').junction(' '));

/// How the first page of a streamed table was laid out, for the pages after it.
#[derive(Debug, Clone)]
pub struct PageShape {
    layout: Option<fit::Layout>,
    fits: Vec<fit::Fit>,
    /// The content width of each column on the first page.
    widths: Vec<usize>,
}

/// Writes one page of a table: the first (`shape` None) with its header, laid
/// out for itself; a later one without a header, cut and wrapped as the first
/// was and its columns at least as wide, so that the pages line up (a wider
/// cell that must not be cut widens its page). Returns the page's shape.
fn write_page(
    out: &mut dyn Write,
    grid: &Grid,
    style: Style,
    shape: Option<&PageShape>,
) -> io::Result<PageShape> {
    let mut rows: Vec<Vec<String>> = grid
        .rows
        .iter()
        .map(|row| row.iter().map(|c| visible(c, true).into_owned()).collect())
        .collect();
    let columns: Vec<fit::Column> = grid
        .headers
        .iter()
        .enumerate()
        .map(|(i, header)| {
            fit::Column::of(
                header,
                rows.iter().filter_map(|row| row.get(i)).map(String::as_str),
            )
        })
        .collect();
    let (layout, fits) = match shape {
        Some(shape) => (shape.layout.clone(), shape.fits.clone()),
        None => (
            style
                .width
                .and_then(|width| fit::layout(&columns, usize::from(width))),
            columns.iter().map(|c| c.fit).collect(),
        ),
    };
    if let Some(layout) = &layout {
        for row in &mut rows {
            for ((cell, fit), width) in row.iter_mut().zip(&fits).zip(&layout.widths) {
                *cell = match fit {
                    fit::Fit::Keep => std::mem::take(cell),
                    fit::Fit::Wrap => fit::wrap(cell, *width),
                    fit::Fit::Truncate => fit::truncate(cell, *width),
                };
            }
        }
    }
    let widths: Vec<usize> = (0..grid.headers.len())
        .map(|i| {
            let cells = rows.iter().filter_map(|row| row.get(i));
            let lines = cells.flat_map(|cell| cell.lines());
            let header = fit::text_width(&grid.headers[i]);
            lines.map(fit::text_width).fold(header, usize::max)
        })
        .collect();
    let mut table = Table::new();
    table.load_style(TABLE_STYLE);
    table.set_content_arrangement(ContentArrangement::Disabled);
    match style.color {
        true => table.enforce_styling(),
        false => table.force_no_tty(),
    };
    if shape.is_none() {
        table.set_header(grid.headers.iter().map(|h| match style.color {
            true => Cell::new(h).add_attribute(Attribute::Bold),
            false => Cell::new(h),
        }));
    }
    for mut row in rows {
        if let Some(shape) = shape {
            // At least as wide as the first page: pad the cell's first line.
            for ((cell, least), right) in row.iter_mut().zip(&shape.widths).zip(&grid.right) {
                let first = cell.lines().next().unwrap_or("");
                let pad = " ".repeat(least.saturating_sub(fit::text_width(first)));
                *cell = match right {
                    true => format!("{pad}{cell}"),
                    false => match cell.split_once('\n') {
                        Some((first, rest)) => format!("{first}{pad}\n{rest}"),
                        None => format!("{cell}{pad}"),
                    },
                };
            }
        }
        table.add_row(row.into_iter().map(Cell::new));
    }

    for (i, right) in grid.right.iter().enumerate() {
        if *right && let Some(column) = table.column_mut(i) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
    if let Some(layout) = &layout {
        // Tighter spacing: one space before the first cell, `gap` between cells
        // (the column separator is one of them), none after the last.
        let last = grid.headers.len().saturating_sub(1);
        for (i, column) in table.column_iter_mut().enumerate() {
            let right = if i == last { 0 } else { layout.gap - 1 };
            column.set_padding((u16::from(i == 0), right as u16));
        }
    }
    for line in table.lines() {
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(PageShape {
        layout,
        fits,
        widths,
    })
}

/// Text made safe inside a Markdown table cell.
pub(crate) fn markdown_cell(text: &str) -> String {
    visible(text, false)
        .replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\r', '\n'], " ")
}

/// A record shown as labelled lines ("Value   $38.0B"), for `show` commands.
pub struct Record {
    pub title: String,
    pub fields: Vec<(&'static str, String)>,
}

impl Record {
    pub fn new(title: impl Into<String>) -> Record {
        Record {
            title: title.into(),
            fields: Vec::new(),
        }
    }

    /// Adds a field when it has a value.
    pub fn field(&mut self, label: &'static str, value: Option<String>) {
        if let Some(value) = value.filter(|v| !v.is_empty()) {
            self.fields.push((label, value));
        }
    }
}

/// Bold, for titles and headings on a colour terminal.
pub(crate) const BOLD: anstyle::Style = anstyle::Style::new().bold();

/// Text in `look` when `color` is on, else as it is.
pub(crate) fn paint(text: &str, look: anstyle::Style, color: bool) -> String {
    if color {
        format!("{}{text}{}", look.render(), look.render_reset())
    } else {
        text.to_string()
    }
}

/// Writes a line of news for the user on stderr (what was created, what was
/// rejected). Lost when stderr cannot be written to, never a panic: the
/// command's result and exit code do not depend on it.
pub fn note(line: impl std::fmt::Display) {
    let _ = writeln!(anstream::stderr(), "{line}");
}

/// An optional value as table text: empty when absent.
pub fn opt<T: ToString>(value: &Option<T>) -> String {
    value.as_ref().map(ToString::to_string).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid() -> Grid {
        let mut grid = Grid::new(vec!["NAME", "VALUE"]);
        grid.push(vec!["A | B".into(), "$38.0B".into()]);
        grid.push(vec!["C, \"D\"".into(), "€2.5B".into()]);
        grid
    }

    fn render(f: impl FnOnce(&mut Vec<u8>)) -> String {
        let mut out = Vec::new();
        f(&mut out);
        String::from_utf8(out).unwrap()
    }

    /// The grid written in `format`.
    fn written(format: Format, style: Style) -> String {
        render(|o| Output::new(o, format, style).grid(grid()).unwrap())
    }

    #[test]
    fn tables_have_a_header_line_and_right_aligned_amounts() {
        let text = written(Format::Table, Style::default());
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], " NAME      VALUE");
        assert!(lines[1].starts_with("───"), "{text}");
        assert_eq!(lines[2], " A | B    $38.0B");
        assert_eq!(lines[3], " C, \"D\"    €2.5B");
        assert!(!text.contains('\u{1b}'), "no colour unless asked");
    }

    #[test]
    fn colour_only_when_asked() {
        let style = Style {
            color: true,
            width: None,
        };
        let text = written(Format::Table, style);
        assert!(text.contains('\u{1b}'), "{text}");
    }

    #[test]
    fn csv_quotes_what_needs_quoting() {
        let text = written(Format::Csv, Style::default());
        assert_eq!(text, "NAME,VALUE\nA | B,$38.0B\n\"C, \"\"D\"\"\",€2.5B\n");
    }

    #[test]
    fn json_of_a_grid_is_objects_keyed_by_header() {
        let text = written(Format::Json, Style::default());
        let rows: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(rows[0]["name"], "A | B");
        assert_eq!(rows[1]["value"], "€2.5B");
    }

    #[test]
    fn markdown_escapes_pipes() {
        let text = written(Format::Markdown, Style::default());
        assert_eq!(
            text,
            "| NAME | VALUE |\n| --- | ---: |\n| A \\| B | $38.0B |\n| C, \"D\" | €2.5B |\n"
        );
    }

    #[test]
    fn records_align_their_labels() {
        let mut record = Record::new("OpenAI–AWS");
        record.field("Value", Some("$38.0B".into()));
        record.field("Term", None);
        record.field("Notes", Some("one\ntwo".into()));
        let text = render(|o| {
            Output::new(o, Format::Table, Style::default())
                .record(&record)
                .unwrap()
        });
        assert_eq!(
            text,
            "OpenAI–AWS\n  Value  $38.0B\n  Notes  one\n         two\n"
        );
    }
}
