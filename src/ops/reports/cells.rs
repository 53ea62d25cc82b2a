//! Report facts read from the cells kept by triggers (`deal_totals`,
//! `company_totals`) when a report asks nothing finer than they keep.

use std::collections::BTreeMap;

use crate::db::Conn;
use crate::db::Row;
use chrono::Datelike;
use rusqlite::params;

use super::Request;
use crate::db::deals::Filter;
use crate::error::{Error, Result};
use crate::model::aggregate::DealFact;
use crate::model::report::{Bucket, GroupBy, Qualifiers};
use crate::model::{Currency, ParseError, PartialDate, Qualifier};

/// The facts of a report answered from `deal_totals` instead of every deal: one
/// fact per stored cell, weighted by its deal count. Only for reports that need
/// nothing the cells do not keep (no company, kind, tag or value filter, grouping
/// by status at most, no spread, no conversion, month-aligned dates).
pub(super) fn totals_facts(
    conn: &Conn,
    request: &Request,
    filter: &Filter,
) -> Result<Option<Vec<DealFact>>> {
    let (since, until) = (
        filter.since.map(|d| d.start()),
        filter.until.map(|d| d.end()),
    );
    let month_aligned = |d: &Option<chrono::NaiveDate>, first: bool| {
        d.is_none_or(|d| {
            if first {
                d.day() == 1
            } else {
                d.succ_opt().is_none_or(|next| next.day() == 1)
            }
        })
    };
    let answerable = request.use_totals
        && matches!(request.options.group, GroupBy::None | GroupBy::Status)
        && filter.kinds.is_empty()
        && !request.options.spread
        && request.options.currency.is_none()
        && filter.companies.is_empty()
        && filter.counterparty.is_none()
        && filter.tags.is_empty()
        && filter.min_value.is_none()
        && month_aligned(&since, true)
        && month_aligned(&until, false);
    if !answerable {
        return Ok(None);
    }
    let month = |d: Option<chrono::NaiveDate>| d.map(|d| d.format("%Y-%m").to_string());
    let mut stmt = conn.prepare_cached(
        "SELECT month, precision, CASE WHEN ?4 THEN status ELSE '' END AS grouped,
                currency, sum(deals), sum(value), sum(approx), sum(at_least), sum(up_to)
         FROM deal_totals
         WHERE status IN (SELECT value FROM json_each(?1))
           AND (?2 IS NULL OR (month <> '' AND month >= ?2))
           AND (?3 IS NULL OR (month <> '' AND month <= ?3))
           AND deals > 0
         GROUP BY month, precision, grouped, currency",
    )?;
    let mut rows = stmt.query(params![
        json_array(&filter.statuses),
        month(since),
        month(until),
        request.options.group == GroupBy::Status
    ])?;
    let mut facts = Vec::new();
    while let Some(ref r) = rows.next()? {
        let (month, precision): (String, String) = (r.get(0)?, r.get(1)?);
        let announced = if month.is_empty() {
            None
        } else {
            Some(
                PartialDate::from_parts(&format!("{month}-01"), &precision)
                    .or_else(|_| PartialDate::from_parts(&format!("{month}-01"), "day"))
                    .map_err(|e| {
                        Error::invalid(format!("deal_totals holds a bad date {month}: {e}"))
                    })?,
            )
        };
        let weight: i64 = r.get(4)?;
        let value = cell_value(r.get(5)?, &r.get::<_, String>(3)?)?;
        facts.push(DealFact {
            weight: u64::try_from(weight).unwrap_or(0),
            in_rows: true,
            announced,
            starts: None,
            value,
            qualifier: Qualifier::Exact,
            split: Some(split(r, 5)?),
            term_months: None,
            groups: match request.options.group {
                GroupBy::Status => vec![r.get(2)?],
                _ => Vec::new(),
            },
        });
    }
    Ok(Some(facts))
}

/// The facts of a report by company over the whole range, answered from
/// `company_totals`: one fact per (company, status, currency, dated) cell. Only
/// when nothing finer is asked (no role, rollup, date range, kind, tag, value or
/// company filter, no spread or conversion).
pub(super) fn company_totals_facts(
    conn: &Conn,
    request: &Request,
    filter: &Filter,
) -> Result<Option<Vec<DealFact>>> {
    let answerable = request.use_totals
        && request.options.group == GroupBy::Company
        && request.options.bucket == Bucket::None
        && request.options.role.is_none()
        && !request.options.rollup
        && !request.options.spread
        && request.options.currency.is_none()
        && filter.companies.is_empty()
        && filter.counterparty.is_none()
        && filter.kinds.is_empty()
        && filter.tags.is_empty()
        && filter.since.is_none()
        && filter.until.is_none()
        && filter.min_value.is_none();
    if !answerable {
        return Ok(None);
    }
    // Companies in id order, each with its cells (the key's order): the
    // statuses are added up here, a company at a time, which costs SQLite no
    // sort.
    let mut stmt = conn.prepare_cached(
        "SELECT c.id, c.name, t.currency, t.dated, t.deals, t.value, t.approx,
                t.at_least, t.up_to
         FROM companies c JOIN company_totals t ON t.company_id = c.id
         WHERE t.deals > 0 AND t.status IN (SELECT value FROM json_each(?1))
         ORDER BY c.id",
    )?;
    let mut rows = stmt.query([json_array(&filter.statuses)])?;
    // Any date stands for "dated": with one period for the whole range, only
    // whether a deal has a date decides where it goes.
    let dated =
        PartialDate::from_parts("2000-01-01", "day").map_err(|e| Error::invalid(e.to_string()))?;
    let mut facts = Vec::new();
    // The current company, and its cells by (currency, dated): deals, value
    // and the approx, at-least and up-to parts.
    let mut company: Option<(i64, String)> = None;
    let mut cells: BTreeMap<(String, bool), [i64; 5]> = BTreeMap::new();
    let mut flush = |name: String, cells: &mut BTreeMap<(String, bool), [i64; 5]>| -> Result<()> {
        for ((currency, is_dated), [deals, value, approx, at_least, up_to]) in std::mem::take(cells)
        {
            facts.push(DealFact {
                weight: u64::try_from(deals).unwrap_or(0),
                in_rows: true,
                announced: is_dated.then_some(dated),
                starts: None,
                value: cell_value(value, &currency)?,
                qualifier: Qualifier::Exact,
                split: Some(split_of(value, [approx, at_least, up_to])),
                term_months: None,
                groups: vec![name.clone()],
            });
        }
        Ok(())
    };
    while let Some(ref r) = rows.next()? {
        let id: i64 = r.get(0)?;
        if company.as_ref().is_none_or(|(current, _)| *current != id) {
            if let Some((_, name)) = company.take() {
                flush(name, &mut cells)?;
            }
            company = Some((id, r.get(1)?));
        }
        let cell = cells.entry((r.get(2)?, r.get(3)?)).or_default();
        for (i, sum) in cell.iter_mut().enumerate() {
            *sum = sum
                .checked_add(r.get::<_, i64>(4 + i)?)
                .ok_or_else(|| Error::invalid("report: a total is too large (integer overflow)"))?;
        }
    }
    if let Some((_, name)) = company {
        flush(name, &mut cells)?;
    }
    Ok(Some(facts))
}

/// `items` as a JSON array, the form `json_each(?)` reads a list of values in.
fn json_array(items: &[String]) -> String {
    serde_json::Value::from(items.to_vec()).to_string()
}

/// A cell's value (at `at`) split by qualifier, from the approx, at-least and
/// up-to parts after it; the rest is exact.
fn split(row: &Row<'_>, at: usize) -> Result<Qualifiers> {
    let parts: [i64; 3] = [row.get(at + 1)?, row.get(at + 2)?, row.get(at + 3)?];
    Ok(split_of(row.get(at)?, parts))
}

/// `value` split by qualifier: the approx, at-least and up-to `parts`, and
/// the rest exact.
fn split_of(value: i64, parts: [i64; 3]) -> Qualifiers {
    let mut split = Qualifiers::default();
    split.add(
        Qualifier::Exact,
        i128::from(value) - parts.iter().map(|p| i128::from(*p)).sum::<i128>(),
    );
    for (qualifier, part) in [Qualifier::Approx, Qualifier::AtLeast, Qualifier::UpTo]
        .into_iter()
        .zip(parts)
    {
        split.add(qualifier, i128::from(part));
    }
    split
}

/// A cell's value: its amount in `currency`; none when the currency is empty.
fn cell_value(amount: i64, currency: &str) -> Result<Option<(i64, Currency)>> {
    if currency.is_empty() {
        return Ok(None);
    }
    let currency = currency
        .parse()
        .map_err(|e: ParseError| Error::invalid(e.to_string()))?;
    Ok(Some((amount, currency)))
}
