//! The arithmetic of reports over time, with no I/O: place each deal in its
//! periods (spread over its term when asked), group, fold small groups, fill the
//! gaps between periods, run totals. Money is never summed across currencies: every
//! sum is keyed by currency.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, Months, NaiveDate};

use super::report::{Bucket, Qualifiers, Row, Total};
use super::{Currency, PartialDate, Precision, Qualifier};

/// What the aggregation needs to know of one deal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DealFact {
    /// How many deals this fact stands for: 1 for a deal, more for a row of
    /// pre-aggregated totals (whose value is then the sum).
    pub weight: u64,
    /// False for a deal counted in the totals but in no row (a deal with no
    /// company, in a report by company).
    pub in_rows: bool,
    pub announced: Option<PartialDate>,
    pub starts: Option<PartialDate>,
    /// Amount and currency, already converted when the report converts.
    pub value: Option<(i64, Currency)>,
    /// How exact the value is; ignored without a value, and when `split`
    /// says it.
    pub qualifier: Qualifier,
    /// For a row of pre-aggregated totals: its value split by qualifier
    /// (never spread, so the whole value goes to one period).
    pub split: Option<Qualifiers>,
    pub term_months: Option<u32>,
    /// The groups the deal belongs to, without repeats; empty when ungrouped.
    pub groups: Vec<String>,
}

/// How to aggregate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    pub bucket: Bucket,
    pub spread: bool,
    pub cumulative: bool,
    pub top: Option<usize>,
    /// The range of periods: widened to include these days; with `spread`, the
    /// months outside it are also left out.
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    /// The currency whose value ranks groups for `top`.
    pub rank_currency: Currency,
}

/// The result: every period in order, the rows, the totals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Aggregate {
    pub periods: Vec<String>,
    pub rows: Vec<Row>,
    pub totals: Vec<Total>,
}

/// A period: dated by the first day of its bucket, or undated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Period {
    Dated(NaiveDate),
    Undated,
}

/// The one date standing for the whole range with `--by none`.
const WHOLE_RANGE: NaiveDate = NaiveDate::MIN;

/// The first day of the bucket holding `day`.
fn bucket_start(bucket: Bucket, day: NaiveDate) -> NaiveDate {
    match bucket.precision().and_then(Precision::months) {
        Some(months) => NaiveDate::from_ymd_opt(day.year(), day.month0() / months * months + 1, 1)
            .unwrap_or(day),
        None => WHOLE_RANGE,
    }
}

fn period_name(bucket: Bucket, start: NaiveDate) -> String {
    super::report::period_name(bucket, PartialDate::day(start))
}

/// The share of a deal that falls in each period, and whether its date is coarser
/// than the period.
fn placements(fact: &DealFact, s: &Settings) -> Vec<(Period, i128, bool)> {
    let amount = fact.value.map_or(0, |(a, _)| i128::from(a));
    let dated = |day: NaiveDate| Period::Dated(bucket_start(s.bucket, day));
    let spread_start = fact.starts.or(fact.announced);
    if let (true, Some(term), Some(start), Some(_)) =
        (s.spread, fact.term_months, spread_start, fact.value)
        && term > 0
    {
        let imprecise = s.bucket.is_coarser(start.precision());
        let first = bucket_start(Bucket::Month, start.start());
        let (share, remainder) = (amount / i128::from(term), amount % i128::from(term));
        let mut merged: BTreeMap<Period, i128> = BTreeMap::new();
        for i in 0..term {
            let Some(month) = first.checked_add_months(Months::new(i)) else {
                break;
            };
            // Spread over a range, only the months inside it count.
            if in_range(month, s) {
                let extra = i128::from(i128::from(i) < remainder);
                *merged.entry(dated(month)).or_default() += share + extra;
            }
        }
        return merged.into_iter().map(|(p, v)| (p, v, imprecise)).collect();
    }
    // Spread reports take every deal and cut the range here: a deal without a
    // term counts only when announced inside it, an undated deal not at all.
    match fact.announced {
        Some(date) if !s.spread || in_range(date.start(), s) => vec![(
            dated(date.start()),
            amount,
            s.bucket.is_coarser(date.precision()),
        )],
        None if !s.spread || (s.since.is_none() && s.until.is_none()) => {
            vec![(Period::Undated, amount, false)]
        }
        _ => Vec::new(),
    }
}

/// True when `day` lies in the asked range (from the first day of `since`'s
/// month to `until`); every day does when no range is asked.
fn in_range(day: NaiveDate, s: &Settings) -> bool {
    s.since
        .is_none_or(|since| day >= bucket_start(Bucket::Month, since))
        && s.until.is_none_or(|until| day <= until)
}

/// A group as sorted in the output: its position (ungrouped last) and label.
type GroupKey = (usize, Option<String>);
/// A currency as sorted in the output: undisclosed last.
type CurrencyKey = (bool, Option<Currency>);
/// One cell of the report.
type Key = (Period, GroupKey, CurrencyKey);

#[derive(Debug, Default, Clone, Copy)]
struct Acc {
    deals: u64,
    value: i128,
    qualifiers: Qualifiers,
    imprecise: u64,
}

/// How groups are reported: under their own name, or folded into "other" past
/// the `top` largest. Made by [`Ranking::folding`].
#[derive(Debug, Clone, Default)]
pub struct Folding {
    /// Each group's label: itself, or "other" (or "other groups" when a group
    /// is named "other").
    labels: HashMap<String, String>,
    /// The labels in output order: ranked, then "other".
    order: Vec<String>,
}

/// The size of each group, to rank them for `top`: value in `rank_currency`,
/// then deal count. Memory holds one entry a group, never a deal.
#[derive(Debug, Default)]
pub struct Ranking {
    rank: HashMap<String, (i128, u64)>,
}

impl Ranking {
    /// Counts one fact.
    pub fn add(&mut self, fact: &DealFact, s: &Settings) {
        if !fact.in_rows {
            return;
        }
        for group in &fact.groups {
            let entry = match self.rank.get_mut(group) {
                Some(entry) => entry,
                None => self.rank.entry(group.clone()).or_default(),
            };
            entry.1 += fact.weight;
            if let Some((amount, currency)) = fact.value
                && currency == s.rank_currency
            {
                entry.0 += i128::from(amount);
            }
        }
    }

    /// Keeps the `s.top` largest groups and folds the rest into "other".
    pub fn folding(self, s: &Settings) -> Folding {
        let mut ranked: Vec<(String, (i128, u64))> = self.rank.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let (kept, folded) = ranked.split_at(s.top.unwrap_or(usize::MAX).min(ranked.len()));
        let mut order: Vec<String> = kept.iter().map(|(g, _)| g.clone()).collect();
        let other = if order.iter().any(|g| g == "other") {
            "other groups"
        } else {
            "other"
        };
        let mut labels: HashMap<String, String> =
            kept.iter().map(|(g, _)| (g.clone(), g.clone())).collect();
        labels.extend(folded.iter().map(|(g, _)| (g.clone(), other.to_string())));
        if !folded.is_empty() {
            order.push(other.to_string());
        }
        Folding { labels, order }
    }
}

/// Aggregates facts as they come: one cell per (period, group, currency) of
/// the result and one total per currency, never a list of deals. Groups are
/// reported as `folding` says, or under their own names, by name.
pub struct Aggregator<'s> {
    s: &'s Settings,
    folding: Option<Folding>,
    /// The labels seen, by id.
    names: Vec<String>,
    ids: HashMap<String, usize>,
    /// Cells by (period, label id, currency); None: no group.
    cells: HashMap<(Period, Option<usize>, CurrencyKey), Acc>,
    totals: BTreeMap<CurrencyKey, Acc>,
}

impl<'s> Aggregator<'s> {
    pub fn new(s: &'s Settings, folding: Option<Folding>) -> Aggregator<'s> {
        Aggregator {
            s,
            folding,
            names: Vec::new(),
            ids: HashMap::new(),
            cells: HashMap::new(),
            totals: BTreeMap::new(),
        }
    }

    /// Counts one fact in its periods, groups and currency.
    pub fn add(&mut self, fact: &DealFact) {
        let currency = fact.value.map(|(_, c)| c);
        let currency_key = (currency.is_none(), currency);
        let placed = placements(fact, self.s);
        if placed.is_empty() {
            return;
        }
        let total = self.totals.entry(currency_key).or_default();
        let value = placed.iter().map(|(_, v, _)| v).sum::<i128>();
        total.deals += fact.weight;
        total.value += value;
        if currency.is_some() {
            match &fact.split {
                Some(split) => total.qualifiers.merge(split),
                None => total.qualifiers.add(fact.qualifier, value),
            }
        }
        if !fact.in_rows {
            return;
        }
        // No dedup: `other` adds up the folded groups' rows, so a deal with two
        // folded companies counts twice there, as it does across company rows.
        let mut groups: Vec<Option<usize>> = Vec::with_capacity(fact.groups.len());
        for group in &fact.groups {
            let label = match &self.folding {
                Some(folding) => match folding.labels.get(group) {
                    Some(label) => label.as_str(),
                    None => continue,
                },
                None => group.as_str(),
            };
            let id = match self.ids.get(label) {
                Some(id) => *id,
                None => {
                    self.names.push(label.to_string());
                    self.ids.insert(label.to_string(), self.names.len() - 1);
                    self.names.len() - 1
                }
            };
            groups.push(Some(id));
        }
        if groups.is_empty() {
            groups.push(None);
        }
        for (period, value, imprecise) in placed {
            for group in &groups {
                let acc = self
                    .cells
                    .entry((period, *group, currency_key))
                    .or_default();
                acc.deals += fact.weight;
                acc.value += value;
                if currency.is_some() {
                    match &fact.split {
                        Some(split) => acc.qualifiers.merge(split),
                        None => acc.qualifiers.add(fact.qualifier, value),
                    }
                }
                acc.imprecise += if imprecise { fact.weight } else { 0 };
            }
        }
    }

    /// The rows in period, group and currency order, and the totals.
    pub fn finish(self) -> Aggregate {
        let s = self.s;
        // Order: ranked when folding, by name otherwise; "other" last.
        let order = match &self.folding {
            Some(folding) => folding.order.clone(),
            None => {
                let mut names = self.names.clone();
                names.sort();
                names
            }
        };
        let position: HashMap<&str, usize> = order
            .iter()
            .enumerate()
            .map(|(i, g)| (g.as_str(), i))
            .collect();
        let group_key = |id: Option<usize>| -> GroupKey {
            match id {
                Some(id) => {
                    let name = &self.names[id];
                    let at = position.get(name.as_str()).copied().unwrap_or(usize::MAX);
                    (at, Some(name.clone()))
                }
                None => (usize::MAX, None),
            }
        };
        let cells: BTreeMap<Key, Acc> = self
            .cells
            .iter()
            .map(|((period, id, currency), acc)| ((*period, group_key(*id), *currency), *acc))
            .collect();
        let periods = fill_periods(&cells.keys().map(|k| k.0).collect::<Vec<_>>(), s);
        let rows = lay_out(&cells, &periods, s);
        Aggregate {
            periods: periods.iter().map(|p| period_name(s.bucket, *p)).collect(),
            rows,
            totals: self
                .totals
                .into_iter()
                .map(|((_, currency), acc)| Total {
                    currency: currency.map(|c| c.to_string()),
                    deals: acc.deals,
                    value: acc.value,
                    qualifiers: acc.qualifiers,
                })
                .collect(),
        }
    }
}

/// Aggregates `facts` into rows per (period, group, currency) and totals.
pub fn aggregate(facts: &[DealFact], s: &Settings) -> Aggregate {
    let folding = s.top.map(|_| {
        let mut ranking = Ranking::default();
        facts.iter().for_each(|f| ranking.add(f, s));
        ranking.folding(s)
    });
    let mut aggregator = Aggregator::new(s, folding);
    facts.iter().for_each(|f| aggregator.add(f));
    aggregator.finish()
}

/// Every bucket start from the first to the last dated period, widened to the
/// asked range.
fn fill_periods(used: &[Period], s: &Settings) -> Vec<NaiveDate> {
    let mut dated: Vec<NaiveDate> = used
        .iter()
        .filter_map(|p| match p {
            Period::Dated(d) => Some(*d),
            Period::Undated => None,
        })
        .collect();
    dated.extend(s.since.map(|d| bucket_start(s.bucket, d)));
    dated.extend(s.until.map(|d| bucket_start(s.bucket, d)));
    let (Some(&first), Some(&last)) = (dated.iter().min(), dated.iter().max()) else {
        return Vec::new();
    };
    std::iter::successors(Some(first), |&start| {
        let months = s.bucket.precision().and_then(Precision::months)?;
        start
            .checked_add_months(Months::new(months))
            .filter(|&next| next <= last)
    })
    .collect()
}

/// Rows in period order, each period's rows by group and currency; an empty
/// period gets one zero row; with `cumulative`, every series that has started
/// gets a row in every later period.
fn lay_out(cells: &BTreeMap<Key, Acc>, periods: &[NaiveDate], s: &Settings) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut running: BTreeMap<(GroupKey, CurrencyKey), i128> = BTreeMap::new();
    let row = |period: Option<&String>,
               (_, group): &GroupKey,
               (_, currency): &CurrencyKey,
               acc: Acc,
               cumulative_value| Row {
        period: period.cloned(),
        group: group.clone(),
        currency: currency.map(|c| c.to_string()),
        deals: acc.deals,
        value: acc.value,
        qualifiers: acc.qualifiers,
        imprecise: acc.imprecise,
        cumulative_value,
    };
    for &start in periods {
        let name = period_name(s.bucket, start);
        let period = Period::Dated(start);
        let mut here: Vec<(&Key, &Acc)> = cells
            .range((period, (0, None), (false, None))..)
            .take_while(|((p, _, _), _)| *p == period)
            .collect();
        let before = rows.len();
        if s.cumulative {
            // Undisclosed values have no running total: they keep rows of their own.
            let (disclosed, undisclosed): (Vec<_>, Vec<_>) =
                here.into_iter().partition(|((_, _, c), _)| c.1.is_some());
            for ((_, group, currency), acc) in disclosed {
                *running.entry((group.clone(), *currency)).or_default() += acc.value;
            }
            for ((group, currency), total) in &running {
                let acc = cells.get(&(period, group.clone(), *currency));
                let acc = acc.copied().unwrap_or_default();
                rows.push(row(Some(&name), group, currency, acc, Some(*total)));
            }
            here = undisclosed;
        }
        for ((_, group, currency), acc) in here {
            rows.push(row(Some(&name), group, currency, *acc, None));
        }
        if rows.len() == before {
            let zero = s.cumulative.then_some(0);
            rows.push(row(
                Some(&name),
                &(0, None),
                &(true, None),
                Acc::default(),
                zero,
            ));
        }
    }
    for ((_, group, currency), acc) in cells.iter().filter(|(k, _)| k.0 == Period::Undated) {
        rows.push(row(None, group, currency, *acc, None));
    }
    rows
}

/// Converts `amount` between currencies given each one's units per US dollar (as
/// integers on one common scale), rounding half up; None if a rate is zero or it
/// overflows.
pub fn convert(amount: i64, from_per_usd_micro: i128, to_per_usd_micro: i128) -> Option<i64> {
    if from_per_usd_micro <= 0 || to_per_usd_micro <= 0 {
        return None;
    }
    let numerator = i128::from(amount).checked_mul(to_per_usd_micro)?;
    let rounded = numerator
        .checked_mul(2)?
        .checked_add(from_per_usd_micro)?
        .checked_div(from_per_usd_micro.checked_mul(2)?)?;
    i64::try_from(rounded).ok()
}

#[cfg(test)]
mod tests;
