//! `report --wide`, like hledger's `balance -M`: periods as columns, one row per
//! (group, currency), a TOTAL column that adds up a row's periods (one currency:
//! money is never summed across currencies) and, under a grouped table, a total
//! row per currency.
//!
//! Cells are marked as the long table's VALUE column is (`~`, `≥`, `≤`), and `*`
//! when they hold deals dated more coarsely than the period. Rows without a
//! disclosed value count deals instead ("2 deals"). A wide table is never
//! wrapped: on a narrow terminal it overflows, as hledger's does.
//!
//! CSV has a column per period and `total`, values in whole units of the row's
//! currency, one row per (group, currency) with a disclosed value and no total
//! rows. JSON is the report's own JSON, the same as without `--wide`.

use super::{caption, is_empty_period, marked_money, write_notes, write_unconverted};
use crate::error::Result;
use crate::model::report::{GroupBy, Qualifiers, Report, Row, Total};
use crate::output::{Format, Grid, Output, json};
use std::io::Write;

/// The name of the column for deals without a date, after every period.
const UNDATED: &str = "undated";
/// The group of the total rows.
const TOTAL_GROUP: &str = "total";

/// What one cell adds up.
#[derive(Debug, Default, Clone, Copy)]
struct Cell {
    deals: u64,
    /// In whole units of the row's currency.
    value: i128,
    qualifiers: Qualifiers,
    imprecise: u64,
}

impl Cell {
    fn add(&mut self, other: &Cell) {
        self.deals += other.deals;
        self.value += other.value;
        self.qualifiers.merge(&other.qualifiers);
        self.imprecise += other.imprecise;
    }

    fn of_row(row: &Row) -> Cell {
        Cell {
            deals: row.deals,
            value: row.value,
            qualifiers: row.qualifiers,
            imprecise: row.imprecise,
        }
    }

    fn of_total(total: &Total) -> Cell {
        Cell {
            deals: total.deals,
            value: total.value,
            qualifiers: total.qualifiers,
            imprecise: 0,
        }
    }

    /// The cell for people: marked money, or a count of undisclosed deals.
    fn text(&self, currency: Option<&str>) -> String {
        let star = if self.imprecise > 0 { "*" } else { "" };
        match (currency, self.deals) {
            (_, 0) => String::new(),
            (Some(_), _) => format!(
                "{}{star}",
                marked_money(self.value, currency, &self.qualifiers)
            ),
            (None, 1) => format!("1 deal{star}"),
            (None, n) => format!("{n} deals{star}"),
        }
    }
}

/// One row of the wide table.
struct Line {
    group: Option<String>,
    /// None: deals without a disclosed value.
    currency: Option<String>,
    /// One per column, in the order of `Wide::columns`.
    cells: Vec<Cell>,
    total: Cell,
}

/// A report turned sideways.
struct Wide {
    /// The periods, then `undated` when some deals have no date.
    columns: Vec<String>,
    lines: Vec<Line>,
    /// One per currency under a grouped report (each deal counted once).
    totals: Vec<Line>,
}

/// True when every deal is in exactly one group, so groups add up per period.
fn groups_partition(group: GroupBy) -> bool {
    matches!(group, GroupBy::Kind | GroupBy::Status)
}

fn sideways(report: &Report) -> Wide {
    let mut columns = report.periods.clone();
    if report.rows.iter().any(|r| r.period.is_none()) {
        columns.push(UNDATED.into());
    }
    let column = |row: &Row| {
        let name = row.period.as_deref().unwrap_or(UNDATED);
        columns.iter().position(|c| c == name)
    };
    let mut lines: Vec<Line> = Vec::new();
    for row in report.rows.iter().filter(|r| !is_empty_period(r)) {
        let at = lines
            .iter()
            .position(|l| l.group == row.group && l.currency == row.currency);
        let at = at.unwrap_or_else(|| {
            lines.push(Line {
                group: row.group.clone(),
                currency: row.currency.clone(),
                cells: vec![Cell::default(); columns.len()],
                total: Cell::default(),
            });
            lines.len() - 1
        });
        let cell = Cell::of_row(row);
        if let Some(i) = column(row) {
            lines[at].cells[i].add(&cell);
        }
        lines[at].total.add(&cell);
    }
    // Groups by name ("other", folded by --top, last), each group's currencies
    // together, its undisclosed deals after them.
    let rank = |l: &Line| {
        let other = matches!(l.group.as_deref(), Some("other" | "other groups"));
        (
            other,
            l.group.clone(),
            l.currency.is_none(),
            l.currency.clone(),
        )
    };
    lines.sort_by_key(rank);
    let group = report.parameters.group;
    let totals = match group {
        GroupBy::None => Vec::new(),
        _ => report
            .totals
            .iter()
            .map(|t| {
                let mut cells = vec![Cell::default(); columns.len()];
                if groups_partition(group) {
                    for line in lines.iter().filter(|l| l.currency == t.currency) {
                        for (sum, cell) in cells.iter_mut().zip(&line.cells) {
                            sum.add(cell);
                        }
                    }
                }
                Line {
                    group: Some(TOTAL_GROUP.into()),
                    currency: t.currency.clone(),
                    cells,
                    total: Cell::of_total(t),
                }
            })
            .collect(),
    };
    Wide {
        columns,
        lines,
        totals,
    }
}

/// Writes `report --wide` as a table, Markdown, CSV or JSON.
pub fn write(o: &mut Output<'_>, report: &Report) -> Result<()> {
    let wide = sideways(report);
    let grouped = report.parameters.group != GroupBy::None;
    match o.format {
        Format::Json => json::write(o.out, report),
        Format::Csv => {
            let mut headers: Vec<&str> = Vec::new();
            if grouped {
                headers.push("group");
            }
            headers.push("currency");
            headers.extend(wide.columns.iter().map(String::as_str));
            headers.push("total");
            let mut grid = Grid::new(headers);
            let amount = |c: &Cell| match c.deals {
                0 => String::new(),
                _ => c.value.to_string(),
            };
            for line in wide.lines.iter().filter(|l| l.currency.is_some()) {
                let mut row: Vec<String> = Vec::new();
                if grouped {
                    row.push(line.group.clone().unwrap_or_default());
                }
                row.push(line.currency.clone().unwrap_or_default());
                row.extend(line.cells.iter().map(amount));
                row.push(amount(&line.total));
                grid.push(row);
            }
            o.grid(grid)
        }
        Format::Table | Format::Markdown => {
            let heading = caption(report);
            match o.format {
                Format::Markdown => writeln!(o, "## {heading}\n")?,
                _ => writeln!(o, "{heading}")?,
            }
            let mut headers: Vec<&str> = Vec::new();
            if grouped {
                headers.push("GROUP");
            }
            headers.push("CURRENCY");
            headers.extend(wide.columns.iter().map(String::as_str));
            headers.push("TOTAL");
            let mut grid = Grid::new(headers);
            grid.right = grid
                .headers
                .iter()
                .map(|h| h != "GROUP" && h != "CURRENCY")
                .collect();
            for line in wide.lines.iter().chain(&wide.totals) {
                let currency = line.currency.as_deref();
                let mut row: Vec<String> = Vec::new();
                if grouped {
                    row.push(line.group.clone().unwrap_or_else(|| "—".into()));
                }
                row.push(currency.unwrap_or("undisclosed").into());
                row.extend(line.cells.iter().map(|c| c.text(currency)));
                row.push(line.total.text(currency));
                grid.push(row);
            }
            // Wrapping a column of money would break the grid people read across.
            let style = o.style;
            o.style.width = None;
            let written = o.grid(grid);
            o.style = style;
            written?;
            write_unconverted(o, report)?;
            write_notes(o, report, false)?;
            if wide.lines.iter().any(|l| l.total.imprecise > 0) {
                writeln!(o, "{IMPRECISE_NOTE}")?;
            }
            if grouped && !wide.totals.is_empty() {
                match groups_partition(report.parameters.group) {
                    true => writeln!(o, "{TOTAL_NOTE}")?,
                    false => writeln!(o, "{OVERLAP_NOTE}")?,
                }
            }
            Ok(())
        }
    }
}

/// What `*` means in a wide table.
const IMPRECISE_NOTE: &str = "* includes deals dated more coarsely than the period (a deal known only by its year, by quarter).";
/// What the total rows of groups that add up mean.
const TOTAL_NOTE: &str = "The total rows add up the groups, per currency.";
/// Why the total rows of overlapping groups have no periods.
const OVERLAP_NOTE: &str = "A deal can be in several groups: the total rows count each deal once, and only over the whole report.";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Qualifier;
    use crate::model::report::{Bucket, Options, Parameters};
    use crate::output::Style;

    fn row(period: Option<&str>, group: Option<&str>, currency: Option<&str>, value: i128) -> Row {
        let mut qualifiers = Qualifiers::default();
        if currency.is_some() {
            qualifiers.add(Qualifier::Exact, value);
        }
        Row {
            period: period.map(String::from),
            group: group.map(String::from),
            currency: currency.map(String::from),
            deals: 1,
            value,
            qualifiers,
            imprecise: 0,
            cumulative_value: None,
        }
    }

    fn report(group: GroupBy, rows: Vec<Row>, totals: Vec<Total>) -> Report {
        let options = Options {
            bucket: Bucket::Year,
            group,
            ..Options::default()
        };
        Report {
            parameters: Parameters::new(&options, vec!["signed".into()], None, None),
            periods: vec!["2024".into(), "2025".into()],
            rows,
            totals,
            unconverted: Vec::new(),
        }
    }

    fn total(currency: &str, deals: u64, value: i128) -> Total {
        let mut qualifiers = Qualifiers::default();
        qualifiers.add(Qualifier::Exact, value);
        Total {
            currency: Some(currency.into()),
            deals,
            value,
            qualifiers,
        }
    }

    fn render(format: Format, report: &Report) -> String {
        let mut out = Vec::new();
        write(&mut Output::new(&mut out, format, Style::default()), report).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn currencies_get_rows_of_their_own_and_are_never_added_together() {
        let r = report(
            GroupBy::None,
            vec![
                row(Some("2024"), None, Some("USD"), 10_000_000_000),
                row(Some("2025"), None, Some("EUR"), 2_000_000_000),
                row(Some("2025"), None, Some("USD"), 5_000_000_000),
                row(None, None, None, 0),
            ],
            Vec::new(),
        );
        let csv = render(Format::Csv, &r);
        assert_eq!(
            csv,
            "currency,2024,2025,undated,total\n\
             EUR,,2000000000,,2000000000\n\
             USD,10000000000,5000000000,,15000000000\n"
        );
        let table = render(Format::Table, &r);
        assert!(table.contains("undisclosed"), "{table}");
        assert!(table.contains("1 deal"), "{table}");
    }

    #[test]
    fn total_rows_add_up_groups_only_when_the_groups_partition_the_deals() {
        let rows = vec![
            row(Some("2024"), Some("a"), Some("USD"), 1_000_000_000),
            row(Some("2025"), Some("b"), Some("USD"), 2_000_000_000),
        ];
        let totals = vec![total("USD", 2, 3_000_000_000)];
        let by_kind = sideways(&report(GroupBy::Kind, rows.clone(), totals.clone()));
        assert_eq!(by_kind.totals.len(), 1);
        assert_eq!(by_kind.totals[0].cells[0].value, 1_000_000_000);
        assert_eq!(by_kind.totals[0].total.value, 3_000_000_000);
        let by_company = sideways(&report(GroupBy::Company, rows, totals));
        assert_eq!(by_company.totals[0].cells[1].deals, 0, "no per-period sum");
        assert_eq!(by_company.totals[0].total.value, 3_000_000_000);
    }
}
