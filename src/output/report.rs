//! Reports over time as tables, Markdown, CSV and JSON (the chart renderers draw
//! the same `Report`).

mod wide;

use std::io::Write;

use super::Output;
use super::{Column, Format, IntoGrid, json, opt};
use crate::error::Result;
use crate::model::money::compact_amount;
use crate::model::report::{Bucket, GroupBy, Qualifiers, Report, Row};
use crate::model::{Currency, Qualifier};

/// Money for people: "$38.0B"; an amount past i64 is written out in full.
pub fn money(value: i128, currency: Option<&str>) -> String {
    let Some(code) = currency else {
        return String::new();
    };
    match (i64::try_from(value), code.parse::<Currency>()) {
        (Ok(amount), Ok(currency)) => compact_amount(amount, currency),
        _ => format!("{code} {value}"),
    }
}

/// The marks of a value that is not all exact, in the order `~`, `≥`, `≤`:
/// "~" holds estimates, "≥" floors ("at least"), "≤" ceilings ("up to").
fn marks(qualifiers: &Qualifiers) -> String {
    let mark = |q| match q {
        Qualifier::Exact => "",
        Qualifier::Approx => "~",
        Qualifier::AtLeast => "≥",
        Qualifier::UpTo => "≤",
    };
    qualifiers.iter().map(|(q, _)| mark(q)).collect()
}

/// Money with its marks: "$38.0B", "~$300B", "≤ $600B", "~≤ $1.199T" (as a
/// single deal's value is written: a space after ≥ and ≤).
pub fn marked_money(value: i128, currency: Option<&str>, qualifiers: &Qualifiers) -> String {
    let marks = marks(qualifiers);
    let money = money(value, currency);
    match marks.as_str() {
        "" => money,
        "~" => format!("~{money}"),
        _ => format!("{marks} {money}"),
    }
}

/// The split of the totals that hold estimates, floors or ceilings, one line
/// a currency: "USD $1.22T = $299B exact + $300B approx + $600B up to".
fn qualifier_lines(report: &Report) -> Vec<String> {
    report
        .totals
        .iter()
        .filter(|t| t.qualifiers.is_qualified())
        .map(|t| {
            let currency = t.currency.as_deref();
            let parts: Vec<String> = t
                .qualifiers
                .iter()
                .map(|(q, v)| format!("{} {}", money(v, currency), q.to_string().replace('-', " ")))
                .collect();
            let code = currency.unwrap_or_default();
            format!(
                "{code} {} = {}",
                money(t.value, currency),
                parts.join(" + ")
            )
        })
        .collect()
}

/// What the marks mean, under a report whose values hold any.
const MARKS_NOTE: &str = "Values marked ~ include estimates, ≥ floors (at least), ≤ ceilings (up to); each total splits as:";

/// The one line that says what a report counted.
pub fn caption(report: &Report) -> String {
    let p = &report.parameters;
    let per = match p.by {
        Bucket::None => "in total".to_string(),
        by => format!("per {by}"),
    };
    let mut caption = format!("Deals {per}");
    if p.group != GroupBy::None {
        caption.push_str(&format!(" by {}", p.group));
        if let Some(role) = &p.role {
            caption.push_str(&format!(" ({role})"));
        }
    }
    if let (Some(first), Some(last)) = (report.periods.first(), report.periods.last())
        && p.by != Bucket::None
    {
        if first == last {
            caption.push_str(&format!(", {first}"));
        } else {
            caption.push_str(&format!(", {first} to {last}"));
        }
    }
    if let Some(currency) = &p.currency {
        caption.push_str(&format!(", converted to {currency}"));
    }
    if p.spread {
        caption.push_str(", spread over each term");
    }
    caption
}

/// Which statuses were counted, for the reader.
pub fn statuses_line(report: &Report) -> String {
    let statuses = &report.parameters.statuses;
    let mut line = format!("Statuses counted: {}.", statuses.join(", "));
    if !statuses
        .iter()
        .any(|s| s == crate::model::report::UNCOUNTED_STATUS)
    {
        line.push_str(" Cancelled deals are left out unless --status names them.");
    }
    line
}

/// What the IMPRECISE column counts, under a report that has any.
const IMPRECISE_NOTE: &str = "IMPRECISE counts deals dated more coarsely than the period (a deal known only by its year, by quarter).";

pub use wide::write as write_wide;

/// True for the one zero row an empty period gets (see `model::aggregate`).
fn is_empty_period(row: &Row) -> bool {
    row.period.is_some() && row.group.is_none() && row.currency.is_none() && row.deals == 0
}

/// The rows for people: a run of two or more empty periods folds into one row
/// named `2019-Q2–2023-Q2` (first and last period, an en dash between).
fn fold_empty_periods(rows: &[Row]) -> Vec<Row> {
    let mut folded: Vec<Row> = Vec::with_capacity(rows.len());
    let mut run: Vec<&Row> = Vec::new();
    let flush = |run: &mut Vec<&Row>, folded: &mut Vec<Row>| {
        if let (Some(first), Some(last)) = (run.first(), run.last()) {
            let mut row = (*first).clone();
            if run.len() > 1 {
                let name = |r: &Row| r.period.clone().unwrap_or_default();
                row.period = Some(format!("{}–{}", name(first), name(last)));
            }
            folded.push(row);
        }
        run.clear();
    };
    for row in rows {
        if is_empty_period(row) {
            run.push(row);
        } else {
            flush(&mut run, &mut folded);
            folded.push(row.clone());
        }
    }
    flush(&mut run, &mut folded);
    folded
}

/// Writes a report in a table, Markdown, CSV or JSON. Tables and Markdown fold
/// runs of empty periods into one row; CSV and JSON keep every period.
pub fn write(o: &mut Output<'_>, report: &Report) -> Result<()> {
    let p = &report.parameters;
    match o.format {
        Format::Json => json::write(o.out, report),
        Format::Csv => {
            let mut columns: Vec<Column<&Row>> = vec![
                ("period", &|r| r.period.clone().unwrap_or_default()),
                ("group", &|r| r.group.clone().unwrap_or_default()),
                ("currency", &|r| r.currency.clone().unwrap_or_default()),
                ("deals", &|r| r.deals.to_string()),
                ("value", &|r| r.value.to_string()),
                ("exact_value", &|r| qualified(r, Qualifier::Exact)),
                ("approx_value", &|r| qualified(r, Qualifier::Approx)),
                ("at_least_value", &|r| qualified(r, Qualifier::AtLeast)),
                ("up_to_value", &|r| qualified(r, Qualifier::UpTo)),
                ("imprecise", &|r| r.imprecise.to_string()),
                ("cumulative_value", &|r| opt(&r.cumulative_value)),
            ];
            columns.retain(|(header, _)| p.cumulative || *header != "cumulative_value");
            o.grid(report.rows.iter().grid(&columns))
        }
        Format::Table | Format::Markdown => {
            let heading = caption(report);
            match o.format {
                Format::Markdown => writeln!(o, "## {heading}\n")?,
                _ => writeln!(o, "{heading}")?,
            }
            let mut columns: Vec<Column<&Row>> = vec![
                ("PERIOD", &|r| {
                    r.period.clone().unwrap_or_else(|| "undated".into())
                }),
                ("GROUP", &|r| r.group.clone().unwrap_or_else(|| "—".into())),
                ("CURRENCY", &|r| match (&r.currency, r.deals) {
                    (Some(c), _) => c.clone(),
                    (None, 0) => "—".into(),
                    (None, _) => "undisclosed".into(),
                }),
                ("DEALS", &|r| r.deals.to_string()),
                ("VALUE", &|r| {
                    marked_money(r.value, r.currency.as_deref(), &r.qualifiers)
                }),
                ("CUMULATIVE", &|r| {
                    opt(&r.cumulative_value.map(|v| money(v, r.currency.as_deref())))
                }),
                ("IMPRECISE", &|r| {
                    if r.imprecise > 0 {
                        r.imprecise.to_string()
                    } else {
                        String::new()
                    }
                }),
            ];
            columns.retain(|(header, _)| match *header {
                "GROUP" => p.group != GroupBy::None,
                "CUMULATIVE" => p.cumulative,
                _ => true,
            });
            o.grid(fold_empty_periods(&report.rows).iter().grid(&columns))?;
            write_totals(o, report)?;
            write_notes(o, report, report.rows.iter().any(|r| r.imprecise > 0))
        }
    }
}

/// The lines under a report for people: which statuses were counted, what
/// IMPRECISE counts (when `imprecise`), what the marks mean.
fn write_notes(o: &mut Output<'_>, report: &Report, imprecise: bool) -> Result<()> {
    writeln!(o)?;
    writeln!(o, "{}", statuses_line(report))?;
    if imprecise {
        writeln!(o, "{IMPRECISE_NOTE}")?;
    }
    let split = qualifier_lines(report);
    if !split.is_empty() {
        writeln!(o, "{MARKS_NOTE}")?;
        for line in split {
            writeln!(o, "  {line}")?;
        }
    }
    Ok(())
}

/// The totals (each deal once) and the deals a conversion left out.
pub fn write_totals(o: &mut Output<'_>, report: &Report) -> Result<()> {
    o.section("Totals (each deal counted once)")?;
    o.grid(report.totals.iter().grid(&[
        ("CURRENCY", &|t| {
            t.currency.clone().unwrap_or_else(|| "undisclosed".into())
        }),
        ("DEALS", &|t| t.deals.to_string()),
        ("VALUE", &|t| {
            marked_money(t.value, t.currency.as_deref(), &t.qualifiers)
        }),
    ]))?;
    write_unconverted(o, report)
}

/// The deals a conversion left out, when there are any.
fn write_unconverted(o: &mut Output<'_>, report: &Report) -> Result<()> {
    if !report.unconverted.is_empty() {
        o.section("Not converted (no exchange rate on or before the deal's date)")?;
        o.grid(report.unconverted.iter().grid(&[
            ("SLUG", &|u| u.slug.clone()),
            ("CURRENCY", &|u| u.currency.to_string()),
            ("VALUE", &|u| compact_amount(u.amount, u.currency)),
            ("DATE", &|u| {
                u.on.clone().unwrap_or_else(|| "undated".into())
            }),
        ]))?;
    }
    Ok(())
}

/// A CSV cell of a row's value under `qualifier`: empty without a currency.
fn qualified(row: &Row, qualifier: Qualifier) -> String {
    match row.currency {
        Some(_) => row.qualifiers.get(qualifier).to_string(),
        None => String::new(),
    }
}
