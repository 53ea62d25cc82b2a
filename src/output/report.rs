//! Reports over time as tables, Markdown, CSV and JSON (the chart renderers draw
//! the same `Report`).

use std::io::Write;

use super::Output;
use super::{Column, Format, IntoGrid, json, opt};
use crate::error::Result;
use crate::model::Currency;
use crate::model::money::compact_amount;
use crate::model::report::{Bucket, GroupBy, Report, Row};

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

/// Writes a report in a table, Markdown, CSV or JSON.
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
                ("imprecise", &|r| r.imprecise.to_string()),
                ("cumulative_value", &|r| opt(&r.cumulative_value)),
            ];
            columns.retain(|(header, _)| p.cumulative || *header != "cumulative_value");
            o.grid(&report.rows.iter().grid(&columns))
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
                ("VALUE", &|r| money(r.value, r.currency.as_deref())),
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
            o.grid(&report.rows.iter().grid(&columns))?;
            write_totals(o, report)?;
            writeln!(o)?;
            writeln!(o, "{}", statuses_line(report))?;
            if report.rows.iter().any(|r| r.imprecise > 0) {
                writeln!(o, "{IMPRECISE_NOTE}")?;
            }
            Ok(())
        }
    }
}

/// The totals (each deal once) and the deals a conversion left out.
pub fn write_totals(o: &mut Output<'_>, report: &Report) -> Result<()> {
    o.section("Totals (each deal counted once)")?;
    o.grid(&report.totals.iter().grid(&[
        ("CURRENCY", &|t| {
            t.currency.clone().unwrap_or_else(|| "undisclosed".into())
        }),
        ("DEALS", &|t| t.deals.to_string()),
        ("VALUE", &|t| money(t.value, t.currency.as_deref())),
    ]))?;
    if !report.unconverted.is_empty() {
        o.section("Not converted (no exchange rate on or before the deal's date)")?;
        o.grid(&report.unconverted.iter().grid(&[
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
