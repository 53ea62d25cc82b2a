//! Gathers what a report needs from the database (deals passing the filter, their
//! groups, exchange rates) and hands it to `model::aggregate`.

use std::collections::{HashMap, HashSet};

use chrono::Datelike;
use rusqlite::{Connection, params, params_from_iter};

use crate::db::deals::Filter;
use crate::db::vocab::{self, Vocab};
use crate::error::{Error, Result};
use crate::model::aggregate::{self, DealFact, Settings, convert};
use crate::model::report::{Bucket, GroupBy, Parameters, Report, Unconverted};
use crate::model::{Currency, PartialDate};

/// What a report is asked for.
#[derive(Debug, Clone)]
pub struct Request {
    pub filter: Filter,
    pub bucket: Bucket,
    pub group: GroupBy,
    pub role: Option<String>,
    pub rollup: bool,
    pub currency: Option<Currency>,
    pub spread: bool,
    pub cumulative: bool,
    pub top: Option<usize>,
    pub since: Option<PartialDate>,
    pub until: Option<PartialDate>,
    /// Answer from the `deal_totals` cells when the report allows it (false:
    /// always read every deal; tests compare the two).
    pub use_totals: bool,
}

pub use crate::model::report::UNCOUNTED_STATUS;

/// Runs a report.
pub fn report(conn: &Connection, request: &Request) -> Result<Report> {
    let mut filter = request.filter.clone();
    if filter.statuses.is_empty() {
        filter.statuses = vocab::values(conn, Vocab::Status)?
            .into_iter()
            .filter(|s| s != UNCOUNTED_STATUS)
            .collect();
    }
    // Spread over a range, a deal counts for the months of its term inside the
    // range, whenever it was announced: the range cuts months, not deals.
    if request.spread {
        filter.since = None;
        filter.until = None;
    }
    let by_company = matches!(request.group, GroupBy::Company | GroupBy::Counterparty);
    let companies = if by_company || request.rollup {
        Companies::load(conn)?
    } else {
        Companies::default()
    };
    if request.rollup {
        filter.companies = companies.with_descendants(&filter.companies);
    }
    if request.group == GroupBy::Counterparty && filter.companies.is_empty() {
        return Err(Error::usage(
            "--group counterparty: name the company with --company",
        ));
    }
    let settings = Settings {
        bucket: request.bucket,
        spread: request.spread,
        cumulative: request.cumulative,
        top: request.top,
        since: request.since.map(|d| d.start()),
        until: request.until.map(|d| d.end()),
        rank_currency: request.currency.unwrap_or(Currency::USD),
    };
    let (result, unconverted) = if let Some(facts) = company_totals_facts(conn, request, &filter)? {
        // Companies' cells count a deal under each company; the totals come from
        // the deals' own cells, where each deal is counted once.
        let ungrouped = Request {
            group: GroupBy::None,
            ..request.clone()
        };
        let once = totals_facts(conn, &ungrouped, &filter)?.unwrap_or_default();
        let mut result = aggregate::aggregate(&facts, &settings);
        result.totals = aggregate::aggregate(&once, &settings).totals;
        (result, Vec::new())
    } else {
        let (facts, unconverted) = match totals_facts(conn, request, &filter)? {
            Some(facts) => (facts, Vec::new()),
            None => deal_facts(conn, request, &filter, &companies)?,
        };
        (aggregate::aggregate(&facts, &settings), unconverted)
    };
    Ok(Report {
        parameters: Parameters {
            by: request.bucket,
            group: request.group,
            role: request.role.clone(),
            rollup: request.rollup,
            currency: request.currency.map(|c| c.to_string()),
            spread: request.spread,
            cumulative: request.cumulative,
            top: request.top,
            statuses: filter.statuses,
            since: request.since.map(|d| d.to_string()),
            until: request.until.map(|d| d.to_string()),
        },
        periods: result.periods,
        rows: result.rows,
        totals: result.totals,
        unconverted,
    })
}

/// One fact per deal passing the filter, grouped and converted as asked.
fn deal_facts(
    conn: &Connection,
    request: &Request,
    filter: &Filter,
    companies: &Companies,
) -> Result<(Vec<DealFact>, Vec<Unconverted>)> {
    let rows = load_deals(conn, filter)?;
    let parties = if matches!(request.group, GroupBy::Company | GroupBy::Counterparty) {
        load_parties(conn, filter)?
    } else {
        HashMap::new()
    };
    let tags = if request.group == GroupBy::Tag {
        load_tags(conn, filter)?
    } else {
        HashMap::new()
    };
    let rates = if request.currency.is_some() {
        Rates::load(conn)?
    } else {
        Rates::default()
    };
    let own: HashSet<i64> = filter.companies.iter().copied().collect();

    let mut facts = Vec::with_capacity(rows.len());
    let mut unconverted = Vec::new();
    for row in rows {
        let mut in_rows = true;
        let groups = match request.group {
            GroupBy::None => Vec::new(),
            GroupBy::Kind => vec![row.kind.clone()],
            GroupBy::Status => vec![row.status.clone()],
            GroupBy::Tag => tags.get(&row.id).cloned().unwrap_or_default(),
            GroupBy::Company | GroupBy::Counterparty => {
                let mut names: Vec<String> = parties
                    .get(&row.id)
                    .into_iter()
                    .flatten()
                    .filter(|(company, role)| {
                        request.role.as_ref().is_none_or(|r| r == role)
                            && (request.group == GroupBy::Company || !own.contains(company))
                    })
                    .map(|(company, _)| companies.name(*company, request.rollup))
                    .collect();
                names.sort();
                names.dedup();
                if names.is_empty() && request.role.is_some() {
                    continue;
                }
                // A deal without parties counts in the totals, under no company.
                in_rows = !names.is_empty();
                names
            }
        };
        let mut value = row.value;
        if let (Some(target), Some((amount, currency))) = (request.currency, row.value)
            && currency != target
        {
            match rates.convert(amount, currency, target, row.announced) {
                Some(converted) => value = Some((converted, target)),
                None => unconverted.push(Unconverted {
                    slug: row.slug.clone(),
                    title: row.title.clone(),
                    currency,
                    amount,
                    on: row.announced.map(|d| d.start_iso()),
                }),
            }
        }
        facts.push(DealFact {
            weight: 1,
            in_rows,
            announced: row.announced,
            starts: row.starts,
            value,
            term_months: row.term_months,
            groups,
        });
    }
    Ok((facts, unconverted))
}

/// The facts of a report answered from `deal_totals` instead of every deal: one
/// fact per stored cell, weighted by its deal count. Only for reports that need
/// nothing the cells do not keep (no company, kind, tag or value filter, grouping
/// by status at most, no spread, no conversion, month-aligned dates).
fn totals_facts(
    conn: &Connection,
    request: &Request,
    filter: &Filter,
) -> Result<Option<Vec<DealFact>>> {
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
        && matches!(request.group, GroupBy::None | GroupBy::Status)
        && filter.kinds.is_empty()
        && !request.spread
        && request.currency.is_none()
        && filter.companies.is_empty()
        && filter.counterparty.is_none()
        && filter.tag.is_none()
        && filter.min_value.is_none()
        && month_aligned(&filter.since, true)
        && month_aligned(&filter.until, false);
    if !answerable {
        return Ok(None);
    }
    let list = |items: &[String]| serde_json::Value::from(items.to_vec()).to_string();
    let month = |d: Option<chrono::NaiveDate>| d.map(|d| d.format("%Y-%m").to_string());
    let mut stmt = conn.prepare_cached(
        "SELECT month, precision, CASE WHEN ?4 THEN status ELSE '' END AS grouped,
                currency, sum(deals), sum(value)
         FROM deal_totals
         WHERE status IN (SELECT value FROM json_each(?1))
           AND (?2 IS NULL OR (month <> '' AND month >= ?2))
           AND (?3 IS NULL OR (month <> '' AND month <= ?3))
           AND deals > 0
         GROUP BY month, precision, grouped, currency",
    )?;
    let mut rows = stmt.query(params![
        list(&filter.statuses),
        month(filter.since),
        month(filter.until),
        request.group == GroupBy::Status
    ])?;
    let mut facts = Vec::new();
    while let Some(r) = rows.next()? {
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
        let currency: String = r.get(3)?;
        let weight: i64 = r.get(4)?;
        let value = if currency.is_empty() {
            None
        } else {
            Some((
                r.get::<_, i64>(5)?,
                currency
                    .parse::<Currency>()
                    .map_err(|e| Error::invalid(e.to_string()))?,
            ))
        };
        facts.push(DealFact {
            weight: u64::try_from(weight).unwrap_or(0),
            in_rows: true,
            announced,
            starts: None,
            value,
            term_months: None,
            groups: match request.group {
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
fn company_totals_facts(
    conn: &Connection,
    request: &Request,
    filter: &Filter,
) -> Result<Option<Vec<DealFact>>> {
    let answerable = request.use_totals
        && request.group == GroupBy::Company
        && request.bucket == Bucket::None
        && request.role.is_none()
        && !request.rollup
        && !request.spread
        && request.currency.is_none()
        && filter.companies.is_empty()
        && filter.counterparty.is_none()
        && filter.kinds.is_empty()
        && filter.tag.is_none()
        && filter.since.is_none()
        && filter.until.is_none()
        && filter.min_value.is_none();
    if !answerable {
        return Ok(None);
    }
    let statuses = serde_json::Value::from(filter.statuses.clone()).to_string();
    let mut stmt = conn.prepare_cached(
        "SELECT c.name, t.currency, t.dated, t.deals, t.value
         FROM (SELECT company_id, currency, dated, sum(deals) AS deals, sum(value) AS value
               FROM company_totals
               WHERE status IN (SELECT value FROM json_each(?1)) AND deals > 0
               GROUP BY company_id, currency, dated) t
         JOIN companies c ON c.id = t.company_id",
    )?;
    let mut rows = stmt.query([statuses])?;
    // Any date stands for "dated": with one period for the whole range, only
    // whether a deal has a date decides where it goes.
    let dated =
        PartialDate::from_parts("2000-01-01", "day").map_err(|e| Error::invalid(e.to_string()))?;
    let mut facts = Vec::new();
    while let Some(r) = rows.next()? {
        let currency: String = r.get(1)?;
        let weight: i64 = r.get(3)?;
        facts.push(DealFact {
            weight: u64::try_from(weight).unwrap_or(0),
            in_rows: true,
            announced: r.get::<_, bool>(2)?.then_some(dated),
            starts: None,
            value: if currency.is_empty() {
                None
            } else {
                Some((
                    r.get::<_, i64>(4)?,
                    currency
                        .parse::<Currency>()
                        .map_err(|e| Error::invalid(e.to_string()))?,
                ))
            },
            term_months: None,
            groups: vec![r.get(0)?],
        });
    }
    Ok(Some(facts))
}

struct DealRow {
    id: i64,
    slug: String,
    title: String,
    kind: String,
    status: String,
    announced: Option<PartialDate>,
    starts: Option<PartialDate>,
    value: Option<(i64, Currency)>,
    term_months: Option<u32>,
}

fn load_deals(conn: &Connection, filter: &Filter) -> Result<Vec<DealRow>> {
    let (clause, values) = filter.where_clause();
    let sql = [
        "SELECT d.id, d.slug, d.title, d.kind, d.status, d.announced_on, d.announced_precision,
                d.value_amount, d.value_currency, d.term_months, d.starts_on, d.starts_precision
         FROM deals d",
        &clause,
        " ORDER BY d.id",
    ]
    .concat();
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params_from_iter(values), |r| {
        let amount: Option<i64> = r.get(7)?;
        let currency: Option<Currency> = r.get(8)?;
        Ok(DealRow {
            id: r.get(0)?,
            slug: r.get(1)?,
            title: r.get(2)?,
            kind: r.get(3)?,
            status: r.get(4)?,
            announced: crate::db::date_columns(r, 5)?,
            value: amount.zip(currency),
            term_months: r.get(9)?,
            starts: crate::db::date_columns(r, 10)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// (company id, role) of every party of the deals passing `filter`.
fn load_parties(conn: &Connection, filter: &Filter) -> Result<HashMap<i64, Vec<(i64, String)>>> {
    let (clause, values) = filter.where_clause();
    let sql = [
        "SELECT p.deal_id, p.company_id, p.role FROM deal_parties p
         WHERE p.deal_id IN (SELECT d.id FROM deals d",
        &clause,
        ")",
    ]
    .concat();
    let mut map: HashMap<i64, Vec<(i64, String)>> = HashMap::new();
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(params_from_iter(values))?;
    while let Some(r) = rows.next()? {
        map.entry(r.get(0)?)
            .or_default()
            .push((r.get(1)?, r.get(2)?));
    }
    Ok(map)
}

fn load_tags(conn: &Connection, filter: &Filter) -> Result<HashMap<i64, Vec<String>>> {
    let (clause, values) = filter.where_clause();
    let sql = [
        "SELECT t.deal_id, t.tag FROM deal_tags t WHERE t.deal_id IN (SELECT d.id FROM deals d",
        &clause,
        ") ORDER BY t.deal_id, t.tag",
    ]
    .concat();
    let mut map: HashMap<i64, Vec<String>> = HashMap::new();
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(params_from_iter(values))?;
    while let Some(r) = rows.next()? {
        map.entry(r.get(0)?).or_default().push(r.get(1)?);
    }
    Ok(map)
}

/// Company names and parents, for group labels and `--rollup`.
#[derive(Default)]
struct Companies {
    names: HashMap<i64, String>,
    parents: HashMap<i64, i64>,
}

impl Companies {
    fn load(conn: &Connection) -> Result<Companies> {
        let mut names = HashMap::new();
        let mut parents = HashMap::new();
        let mut stmt = conn.prepare("SELECT id, name, parent_id FROM companies")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            names.insert(id, r.get(1)?);
            if let Some(parent) = r.get::<_, Option<i64>>(2)? {
                parents.insert(id, parent);
            }
        }
        Ok(Companies { names, parents })
    }

    /// The top of a company's chain of parents.
    fn root(&self, mut id: i64) -> i64 {
        for _ in 0..self.parents.len() {
            match self.parents.get(&id) {
                Some(&parent) => id = parent,
                None => break,
            }
        }
        id
    }

    fn name(&self, id: i64, rollup: bool) -> String {
        let id = if rollup { self.root(id) } else { id };
        self.names
            .get(&id)
            .cloned()
            .unwrap_or_else(|| format!("company {id}"))
    }

    /// `ids` and every company below them.
    fn with_descendants(&self, ids: &[i64]) -> Vec<i64> {
        let wanted: HashSet<i64> = ids.iter().copied().collect();
        let mut all: Vec<i64> = self
            .names
            .keys()
            .copied()
            .filter(|&id| wanted.contains(&id) || self.ancestors(id).any(|a| wanted.contains(&a)))
            .collect();
        all.sort_unstable();
        all
    }

    fn ancestors(&self, id: i64) -> impl Iterator<Item = i64> + '_ {
        let mut current = id;
        std::iter::from_fn(move || {
            let parent = *self.parents.get(&current)?;
            current = parent;
            Some(parent)
        })
        .take(self.parents.len())
    }
}

/// Exchange rates as integers of RATE_SCALE parts of a unit per US dollar, by currency, in date order.
#[derive(Default)]
struct Rates {
    by_currency: HashMap<Currency, Vec<(String, i128)>>,
}

/// Rates are kept as integers of this many parts of a unit.
pub const RATE_SCALE: i128 = 1_000_000_000_000;

impl Rates {
    fn load(conn: &Connection) -> Result<Rates> {
        let mut by_currency: HashMap<Currency, Vec<(String, i128)>> = HashMap::new();
        let mut stmt = conn.prepare(
            "SELECT currency, effective_on, per_usd FROM fx_rates ORDER BY currency, effective_on",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let Ok(currency) = r.get::<_, String>(0)?.parse::<Currency>() else {
                continue;
            };
            let per_usd: f64 = r.get(2)?;
            by_currency
                .entry(currency)
                .or_default()
                .push((r.get(1)?, (per_usd * RATE_SCALE as f64).round() as i128));
        }
        Ok(Rates { by_currency })
    }

    /// Units of `currency` per US dollar on `day` (the nearest earlier rate).
    fn per_usd(&self, currency: Currency, day: &str) -> Option<i128> {
        if currency == Currency::USD {
            return Some(RATE_SCALE);
        }
        let rates = self.by_currency.get(&currency)?;
        let after = rates.partition_point(|(on, _)| on.as_str() <= day);
        after.checked_sub(1).map(|i| rates[i].1)
    }

    fn convert(
        &self,
        amount: i64,
        from: Currency,
        to: Currency,
        on: Option<PartialDate>,
    ) -> Option<i64> {
        let day = on?.start_iso();
        convert(amount, self.per_usd(from, &day)?, self.per_usd(to, &day)?)
    }
}

#[cfg(test)]
mod tests;
