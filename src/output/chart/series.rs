//! What a chart shows, worked out once for both renderers: one panel per
//! currency (money is never added across currencies), one bar per period in
//! order with gaps as empty bars, each bar split into its groups.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::Currency;
use crate::model::money::compact_amount;
use crate::model::report::{Bucket, GroupBy, Report};

/// Groups drawn with a glyph and colour of their own; past this many, the
/// smallest share the last one under [`OTHER_GROUPS`].
pub const MAX_GROUPS: usize = 8;
/// The legend entry of the groups that share one glyph.
pub const OTHER_GROUPS: &str = "other groups";
/// The legend entry of deals that belong to no group (a deal with no tag).
const NO_GROUP: &str = "(no group)";

/// A whole chart: its panels and what could not be drawn.
#[derive(Debug)]
pub struct Chart {
    pub panels: Vec<Panel>,
    /// Deals without a disclosed value (no currency): they have no bar.
    pub undisclosed: u64,
    /// Deals a conversion left out because no rate applies to them.
    pub unconverted: usize,
    pub bucket: Bucket,
    pub cumulative: bool,
    /// What the report was cut to, for the title: "cloud-compute, Amazon Web
    /// Services with subsidiaries, spread over each term"; empty for all deals.
    pub scope: String,
    /// Set when one deal can count under several groups (company,
    /// counterparty, tag): the groups' bars then stand side by side, since
    /// stacking them would add a deal more than once.
    pub overlap: Option<String>,
}

/// The bars of one currency.
#[derive(Debug)]
pub struct Panel {
    pub currency: String,
    /// Legend entries in stacking order (bottom/left first); empty when the
    /// report is not grouped, in which case every bar has one segment.
    pub groups: Vec<String>,
    pub bars: Vec<Bar>,
    /// Deal rows in this currency without a date: they belong to no period.
    pub undated: u64,
    /// The groups' bars stand side by side instead of stacked (see
    /// [`Chart::overlap`]).
    pub side_by_side: bool,
    /// Groups left out of a side-by-side panel past [`MAX_GROUPS`]: adding
    /// overlapping groups into one "other" bar would count deals twice.
    pub hidden: usize,
    /// A side-by-side panel left out the `other` row of `--top`: it adds up
    /// groups that share deals, so its bar could hold a deal twice.
    pub folded_other: bool,
}

/// One period's bar.
#[derive(Debug)]
pub struct Bar {
    pub period: String,
    /// One length per legend entry (one when not grouped), never negative.
    pub segments: Vec<i128>,
    /// What a stacked bar stands for: the sum of its rows (or running
    /// totals). Side by side, each segment is a bar of its own.
    pub total: i128,
    /// Some deal in it has a date coarser than the period.
    pub imprecise: bool,
}

impl Chart {
    /// The chart of a report: every currency that has a value, in code order.
    pub fn of(report: &Report) -> Chart {
        let mut periods = report.periods.clone();
        for period in report.rows.iter().filter_map(|r| r.period.as_ref()) {
            if !periods.contains(period) {
                periods.push(period.clone());
            }
        }
        let currencies: BTreeSet<&str> = report
            .rows
            .iter()
            .filter_map(|r| r.currency.as_deref())
            .collect();
        let panels = currencies
            .into_iter()
            .map(|currency| panel(report, &periods, currency))
            .collect();
        let undisclosed = match report.totals.iter().find(|t| t.currency.is_none()) {
            Some(total) => total.deals,
            None => report
                .rows
                .iter()
                .filter(|r| r.currency.is_none())
                .map(|r| r.deals)
                .sum(),
        };
        Chart {
            panels,
            undisclosed,
            unconverted: report.unconverted.len(),
            bucket: report.parameters.by,
            cumulative: report.parameters.cumulative,
            scope: scope(report),
            overlap: overlap_note(report),
        }
    }

    /// "Deal value per quarter, USD"; "Cumulative deal value per month, EUR".
    pub fn title(&self, panel: &Panel) -> String {
        let what = if self.cumulative {
            "Cumulative deal value"
        } else {
            "Deal value"
        };
        let title = match self.bucket {
            Bucket::None => format!("{what}, {}", panel.currency),
            bucket => format!("{what} per {bucket}, {}", panel.currency),
        };
        match self.scope.as_str() {
            "" => title,
            scope => format!("{title}: {scope}"),
        }
    }
}

impl Panel {
    /// The longest bar, never below zero: a stacked bar's total, or side by
    /// side the largest group's.
    pub fn max(&self) -> i128 {
        let longest = |b: &Bar| match self.side_by_side {
            true => b.segments.iter().copied().max().unwrap_or(0),
            false => b.total,
        };
        self.bars.iter().map(longest).max().unwrap_or(0).max(0)
    }
}

/// The values of one group in one period.
#[derive(Default)]
struct Cell {
    value: i128,
    cumulative: Option<i128>,
    imprecise: bool,
}

fn panel(report: &Report, periods: &[String], currency: &str) -> Panel {
    let rows: Vec<_> = report
        .rows
        .iter()
        .filter(|r| r.currency.as_deref() == Some(currency))
        .collect();
    let undated = rows
        .iter()
        .filter(|r| r.period.is_none())
        .map(|r| r.deals)
        .sum();
    let grouped =
        report.parameters.group != GroupBy::None && rows.iter().any(|r| r.group.is_some());
    let key = |group: &Option<String>| -> String {
        match group {
            Some(name) if grouped => name.clone(),
            _ if grouped => NO_GROUP.to_string(),
            _ => String::new(),
        }
    };

    // (period index, group) -> values; group -> its size, to rank groups.
    let mut cells: BTreeMap<(usize, String), Cell> = BTreeMap::new();
    let mut sizes: BTreeMap<String, i128> = BTreeMap::new();
    for row in &rows {
        let Some(index) = row
            .period
            .as_ref()
            .and_then(|p| periods.iter().position(|q| q == p))
        else {
            continue;
        };
        if row.deals == 0 && row.value == 0 && row.group.is_none() && grouped {
            continue; // an empty period's placeholder, not a group
        }
        let group = key(&row.group);
        let size = sizes.entry(group.clone()).or_default();
        *size = size.saturating_add(row.value);
        let cell = cells.entry((index, group)).or_default();
        cell.value = cell.value.saturating_add(row.value);
        cell.cumulative = row.cumulative_value.or(cell.cumulative);
        cell.imprecise |= row.imprecise > 0;
    }

    // Largest groups first; ties by name, so the same report draws the same.
    let mut ranked: Vec<(String, i128)> = sizes.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let side_by_side = grouped && overlap_note(report).is_some();
    let (mut hidden, mut folded_other) = (0, false);
    if side_by_side && report.parameters.top.is_some() {
        // `--top` adds the folded groups' rows into one; overlapping groups
        // share deals, so that bar could hold a deal twice: leave it out.
        let folded = if ranked.iter().any(|(g, _)| g == "other groups") {
            "other groups"
        } else {
            "other"
        };
        let before = ranked.len();
        ranked.retain(|(g, _)| g != folded);
        folded_other = ranked.len() < before;
    }
    let mut groups: Vec<String> = ranked.iter().map(|(name, _)| name.clone()).collect();
    if groups.len() > MAX_GROUPS && side_by_side {
        hidden += groups.len() - MAX_GROUPS;
        groups.truncate(MAX_GROUPS);
        ranked.truncate(MAX_GROUPS);
    } else if groups.len() > MAX_GROUPS {
        groups.truncate(MAX_GROUPS - 1);
        groups.push(OTHER_GROUPS.to_string());
    }
    let slot = |group: &str| -> usize {
        ranked
            .iter()
            .position(|(name, _)| name == group)
            .unwrap_or(0)
            .min(MAX_GROUPS - 1)
    };
    let slots = groups.len().max(1);

    let mut running: BTreeMap<&str, i128> = BTreeMap::new();
    let bars = periods
        .iter()
        .enumerate()
        .map(|(index, period)| {
            let mut segments = vec![0_i128; slots];
            let mut imprecise = false;
            for (group, _) in &ranked {
                let cell = cells.get(&(index, group.clone()));
                let value = if report.parameters.cumulative {
                    let sum = running.entry(group.as_str()).or_default();
                    if let Some(cell) = cell {
                        *sum = cell.cumulative.unwrap_or(sum.saturating_add(cell.value));
                    }
                    *sum
                } else {
                    cell.map_or(0, |c| c.value)
                };
                imprecise |= cell.is_some_and(|c| c.imprecise);
                let segment = &mut segments[slot(group)];
                *segment = segment.saturating_add(value);
            }
            let total = segments.iter().fold(0_i128, |a, b| a.saturating_add(*b));
            for segment in &mut segments {
                *segment = (*segment).max(0);
            }
            Bar {
                period: period.clone(),
                segments,
                total,
                imprecise,
            }
        })
        .collect();

    Panel {
        currency: currency.to_string(),
        groups: if grouped { groups } else { Vec::new() },
        bars,
        undated,
        side_by_side,
        hidden,
        folded_other,
    }
}

/// A whole-unit amount for people: "$38.0B", "CHF 2.5B", "-$1.2M".
pub fn money(value: i128, currency: &str) -> String {
    let magnitude = i64::try_from(value.unsigned_abs()).unwrap_or(i64::MAX);
    let text = match currency.parse::<Currency>() {
        Ok(currency) => compact_amount(magnitude, currency),
        Err(_) => format!("{} {magnitude}", sanitize(currency)),
    };
    if value < 0 { format!("-{text}") } else { text }
}

/// "1 deal", "3 deals".
pub fn deals(count: u64) -> String {
    match count {
        1 => "1 deal".to_string(),
        n => format!("{n} deals"),
    }
}

/// An axis tick: money without a needless ".0" ("$10B", "$2.5B", "$0").
pub fn tick(value: i128, currency: &str) -> String {
    let mut text = money(value, currency);
    for unit in ["T", "B", "M", "K"] {
        text = text.replace(&format!(".0{unit}"), unit);
    }
    text
}

/// Text from the database made safe to print: control characters (escape
/// sequences, newlines) become spaces.
pub fn sanitize(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// A bar's length in `cells` steps when the longest bar is `max`: rounded,
/// and never more than `cells` (f64 keeps huge i128 values from overflowing).
pub fn scale(value: i128, max: i128, cells: usize) -> usize {
    if max <= 0 || value <= 0 {
        return 0;
    }
    let ratio = (value as f64 / max as f64).min(1.0);
    ((ratio * cells as f64).round() as usize).min(cells)
}

/// For groupings where one deal can sit in several groups, why their bars
/// stand side by side.
pub fn overlap_note(report: &Report) -> Option<String> {
    use crate::model::report::GroupBy;
    let noun = match report.parameters.group {
        GroupBy::Company | GroupBy::Counterparty => "company",
        GroupBy::Tag => "tag",
        _ => return None,
    };
    Some(format!(
        "a deal counts under each of its {noun} groups, so the bars stand side by side and do not add up to a period's total"
    ))
}

/// The filters and ways of counting of a report, in words, for a chart's
/// title: kinds, companies, tags, the range, a value floor, spreading.
fn scope(report: &Report) -> String {
    let p = &report.parameters;
    let f = &p.filters;
    let mut parts: Vec<String> = Vec::new();
    if let Some(kinds) = &f.kind {
        parts.push(kinds.resolved.join(" or "));
    }
    if let Some(company) = &f.company {
        let rollup = if p.rollup { " with subsidiaries" } else { "" };
        parts.push(format!("{}{rollup}", company.resolved.name));
    }
    if let Some(counterparty) = &f.counterparty {
        parts.push(format!("with {}", counterparty.resolved.name));
    }
    if let Some(tags) = &f.tag {
        parts.push(format!("tagged {}", tags.resolved.join(" or ")));
    }
    match (&f.since, &f.until) {
        (Some(since), Some(until)) => parts.push(format!("{} to {}", since.given, until.given)),
        (Some(since), None) => parts.push(format!("from {}", since.given)),
        (None, Some(until)) => parts.push(format!("to {}", until.given)),
        (None, None) => {}
    }
    if let Some(floor) = &f.min_value {
        let amount = i128::from(floor.resolved.amount);
        parts.push(format!(
            "{} or more",
            money(amount, floor.resolved.currency.as_str())
        ));
    }
    if p.spread {
        parts.push("spread over each term".to_string());
    }
    sanitize(&parts.join(", "))
}
