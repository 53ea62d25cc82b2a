//! Gathers what a report needs from the database (deals passing the filter, their
//! groups, exchange rates) and hands it to `model::aggregate`.

use std::collections::{HashMap, HashSet};

use crate::db::Conn;
use crate::db::{Row, Rows, Statement};

use crate::db::deals::Filter;
use crate::db::vocab::{self, Vocab};
use crate::error::{Error, Result};
use crate::model::aggregate::{self, Aggregator, DealFact, Ranking, Settings, convert};
use crate::model::report::{Filters, GroupBy, Options, Parameters, Report, Unconverted};
use crate::model::{Currency, PartialDate, Qualifier};

/// What a report is asked for.
#[derive(Debug, Clone)]
pub struct Request {
    pub filter: Filter,
    pub options: Options,
    /// Answer from the `deal_totals` cells when the report allows it (false:
    /// always read every deal; tests compare the two).
    pub use_totals: bool,
    /// The filters as the user gave them, echoed in the report's parameters.
    pub described: Filters,
}

pub use crate::model::report::UNCOUNTED_STATUS;

mod cells;
use cells::{company_totals_facts, totals_facts};

/// Runs a report.
pub fn report(conn: &Conn, request: &Request) -> Result<Report> {
    let mut filter = request.filter.clone();
    if filter.statuses.is_empty() {
        filter.statuses = vocab::values(conn, Vocab::Status)?
            .into_iter()
            .filter(|s| s != UNCOUNTED_STATUS)
            .collect();
    }
    // Spread over a range, a deal counts for the months of its term inside the
    // range, whenever it was announced: the range cuts months, not deals.
    if request.options.spread {
        filter.since = None;
        filter.until = None;
    }
    let by_company = matches!(
        request.options.group,
        GroupBy::Company | GroupBy::Counterparty
    );
    let companies = if by_company || request.options.rollup {
        Companies::load(conn)?
    } else {
        Companies::default()
    };
    if request.options.rollup {
        filter.companies = companies.with_descendants(&filter.companies);
    }
    if request.options.group == GroupBy::Counterparty && filter.companies.is_empty() {
        return Err(Error::usage(
            "grouping by counterparty needs the company whose counterparties they are",
        ));
    }
    let settings = Settings {
        bucket: request.options.bucket,
        spread: request.options.spread,
        cumulative: request.options.cumulative,
        top: request.options.top,
        since: request.filter.since.map(|d| d.start()),
        until: request.filter.until.map(|d| d.end()),
        rank_currency: request.options.currency.unwrap_or(Currency::USD),
    };
    let (result, unconverted) = if let Some(facts) = company_totals_facts(conn, request, &filter)? {
        // Companies' cells count a deal under each company; the totals come from
        // the deals' own cells, where each deal is counted once.
        let mut ungrouped = request.clone();
        ungrouped.options.group = GroupBy::None;
        let once = totals_facts(conn, &ungrouped, &filter)?.unwrap_or_default();
        let mut result = aggregate::aggregate(&facts, &settings);
        result.totals = aggregate::aggregate(&once, &settings).totals;
        (result, Vec::new())
    } else {
        match totals_facts(conn, request, &filter)? {
            Some(facts) => (aggregate::aggregate(&facts, &settings), Vec::new()),
            None => {
                // Every deal, streamed: once to rank the groups when folding,
                // once to aggregate. Memory holds the result's cells.
                let stream = |each: &mut dyn FnMut(DealFact)| {
                    each_fact(conn, request, &filter, &companies, each)
                };
                let folding = match settings.top {
                    Some(_) => {
                        let mut ranking = Ranking::default();
                        stream(&mut |fact| ranking.add(&fact, &settings))?;
                        Some(ranking.folding(&settings))
                    }
                    None => None,
                };
                let mut aggregator = Aggregator::new(&settings, folding);
                let unconverted = stream(&mut |fact| aggregator.add(&fact))?;
                (aggregator.finish(), unconverted)
            }
        }
    };
    let mut parameters = Parameters::new(
        &request.options,
        filter.statuses,
        request.filter.since,
        request.filter.until,
    );
    parameters.filters = request.described.clone();
    Ok(Report {
        parameters,
        periods: result.periods,
        rows: result.rows,
        totals: result.totals,
        unconverted,
    })
}

/// Hands one fact per deal passing the filter, grouped and converted as asked,
/// to `each` as the deals are read (deals, their parties and their tags come
/// from three statements read side by side in deal order); returns the deals
/// a conversion had to leave out.
fn each_fact(
    conn: &Conn,
    request: &Request,
    filter: &Filter,
    companies: &Companies,
    each: &mut dyn FnMut(DealFact),
) -> Result<Vec<Unconverted>> {
    let group = request.options.group;
    let by_company = matches!(group, GroupBy::Company | GroupBy::Counterparty);
    let rates = if request.options.currency.is_some() {
        Rates::load(conn)?
    } else {
        Rates::default()
    };
    let own: HashSet<i64> = filter.companies.iter().copied().collect();
    let (clause, values) = filter.where_clause();
    let deals_sql = [
        "SELECT d.id, d.slug, d.title, d.kind, d.status, d.announced_on, d.announced_precision,
                d.value_amount, d.value_currency, d.term_months, d.starts_on, d.starts_precision,
                d.value_qualifier
         FROM deals d",
        &clause,
        " ORDER BY d.id",
    ]
    .concat();
    let in_filter = |select: &str| [select, &clause, ") ORDER BY 1"].concat();
    let mut deals_stmt = conn.prepare_cached(&deals_sql)?;
    let mut deals = deals_stmt.query(values.as_slice())?;
    // Parties and tags are read only when the grouping needs them.
    let mut parties_stmt = by_company
        .then(|| {
            conn.prepare_cached(&in_filter(
                "SELECT p.deal_id, p.company_id, p.role FROM deal_parties p
                 WHERE p.deal_id IN (SELECT d.id FROM deals d",
            ))
        })
        .transpose()?;
    let mut tags_stmt = (group == GroupBy::Tag)
        .then(|| {
            conn.prepare_cached(&in_filter(
                "SELECT t.deal_id, t.tag FROM deal_tags t WHERE t.deal_id IN (SELECT d.id FROM deals d",
            ))
        })
        .transpose()?;
    let read_party = |p: &Row<'_>| Ok((p.get::<_, i64>(1)?, p.get::<_, String>(2)?));
    let mut parties = Merged::new(rows_of(&mut parties_stmt, &values)?, read_party)?;
    let mut tags = Merged::new(rows_of(&mut tags_stmt, &values)?, |t| t.get::<_, String>(1))?;
    let mut unconverted = Vec::new();
    while let Some(ref r) = deals.next()? {
        let id: i64 = r.get(0)?;
        let amount: Option<i64> = r.get(7)?;
        let currency: Option<Currency> = r.get(8)?;
        let announced = crate::db::date_columns(r, 5)?;
        let mut in_rows = true;
        let groups = match group {
            GroupBy::None => Vec::new(),
            GroupBy::Kind => vec![r.get(3)?],
            GroupBy::Status => vec![r.get(4)?],
            GroupBy::Tag => tags.of(id)?,
            GroupBy::Company | GroupBy::Counterparty => {
                let held: Vec<(i64, String)> = parties.of(id)?;
                let mut names: Vec<String> = held
                    .into_iter()
                    .filter(|(company, role)| {
                        request.options.role.as_ref().is_none_or(|r| r == role)
                            && (group == GroupBy::Company || !own.contains(company))
                    })
                    .map(|(company, _)| companies.name(company, request.options.rollup))
                    .collect();
                names.sort();
                names.dedup();
                if names.is_empty() && request.options.role.is_some() {
                    continue;
                }
                // A deal without parties counts in the totals, under no company.
                in_rows = !names.is_empty();
                names
            }
        };
        let mut value = amount.zip(currency);
        if let (Some(target), Some((amount, currency))) = (request.options.currency, value)
            && currency != target
        {
            match rates.convert(amount, currency, target, announced) {
                Some(converted) => value = Some((converted, target)),
                None => unconverted.push(Unconverted {
                    slug: r.get(1)?,
                    title: r.get(2)?,
                    currency,
                    amount,
                    on: announced.map(|d| d.start_iso()),
                }),
            }
        }
        each(DealFact {
            weight: 1,
            in_rows,
            announced,
            starts: crate::db::date_columns(r, 10)?,
            value,
            qualifier: r.get::<_, Option<Qualifier>>(12)?.unwrap_or_default(),
            split: None,
            term_months: r.get(9)?,
            groups,
        });
    }
    Ok(unconverted)
}

/// The rows of `stmt`, when there is one, over the filter's `values`.
fn rows_of<'s>(
    stmt: &'s mut Option<Statement<'_>>,
    values: &[rusqlite::types::Value],
) -> Result<Option<Rows<'s>>> {
    stmt.as_mut().map(|stmt| stmt.query(values)).transpose()
}

/// The rows of a statement ordered by deal id (its first column), read
/// alongside the deals in the same order: each deal takes the rows of its id,
/// each row made a `T` by `read`.
struct Merged<'s, T> {
    rows: Option<Rows<'s>>,
    read: fn(&Row<'_>) -> Result<T>,
    /// The row read ahead: its deal id and value.
    ahead: Option<(i64, T)>,
}

impl<'s, T> Merged<'s, T> {
    fn new(rows: Option<Rows<'s>>, read: fn(&Row<'_>) -> Result<T>) -> Result<Merged<'s, T>> {
        let mut merged = Merged {
            rows,
            read,
            ahead: None,
        };
        merged.advance()?;
        Ok(merged)
    }

    fn advance(&mut self) -> Result<()> {
        self.ahead = match self.rows.as_mut() {
            Some(rows) => match rows.next()? {
                Some(row) => Some((row.get(0)?, (self.read)(&row)?)),
                None => None,
            },
            None => None,
        };
        Ok(())
    }

    /// The rows of deal `id` (deals come in increasing id order).
    fn of(&mut self, id: i64) -> Result<Vec<T>> {
        let mut found = Vec::new();
        while self.ahead.as_ref().is_some_and(|(ahead, _)| *ahead <= id) {
            if let Some((ahead, value)) = self.ahead.take()
                && ahead == id
            {
                found.push(value);
            }
            self.advance()?;
        }
        Ok(found)
    }
}

/// `companies` with every company below them (their subsidiaries, and theirs, ...),
/// sorted by id: the companies that `--rollup` counts under a parent, for `report`
/// as for `list`, `company show` and `timeline`.
pub fn with_subsidiaries(conn: &Conn, companies: &[i64]) -> Result<Vec<i64>> {
    Ok(Companies::load(conn)?.with_descendants(companies))
}

/// Company names and parents, for group labels and `--rollup`.
#[derive(Default)]
struct Companies {
    names: HashMap<i64, String>,
    parents: HashMap<i64, i64>,
}

impl Companies {
    fn load(conn: &Conn) -> Result<Companies> {
        let mut names = HashMap::new();
        let mut parents = HashMap::new();
        let mut stmt = conn.prepare_cached("SELECT id, name, parent_id FROM companies")?;
        let mut rows = stmt.query([])?;
        while let Some(ref r) = rows.next()? {
            let id: i64 = r.get(0)?;
            names.insert(id, r.get(1)?);
            if let Some(parent) = r.get::<_, Option<i64>>(2)? {
                parents.insert(id, parent);
            }
        }
        Ok(Companies { names, parents })
    }

    /// The company's name, or with `rollup` the name of the top of its chain
    /// of parents.
    fn name(&self, id: i64, rollup: bool) -> String {
        let id = match rollup {
            true => self.ancestors(id).last().unwrap_or(id),
            false => id,
        };
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

    /// The company's parent, its parent's parent, and so on; at most as many
    /// as there are companies with a parent, so a cycle ends.
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
    fn load(conn: &Conn) -> Result<Rates> {
        let mut by_currency: HashMap<Currency, Vec<(String, i128)>> = HashMap::new();
        let mut stmt = conn.prepare_cached(
            "SELECT currency, effective_on, per_usd FROM fx_rates ORDER BY currency, effective_on",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(ref r) = rows.next()? {
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
