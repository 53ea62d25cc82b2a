//! The shape of a report over time: rows per (period, group, currency), totals
//! that count each deal once, and the deals a conversion had to leave out. Built
//! by `ops::reports`, drawn by `output::report` and `output::chart`.

use chrono::Datelike;
use serde::Serialize;
use strum::{Display, IntoStaticStr};

use serde::ser::SerializeMap;
use strum::VariantArray;

use super::{Currency, PartialDate, Precision, Qualifier};

/// The status a report leaves out unless asked for.
pub const UNCOUNTED_STATUS: &str = "cancelled";

/// The width of a report's periods.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, clap::ValueEnum, IntoStaticStr, Display,
)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum Bucket {
    Month,
    #[default]
    Quarter,
    Year,
    /// One bucket for the whole range
    None,
}

impl Bucket {
    /// The precision a date needs to fall in one bucket of this width.
    pub fn precision(self) -> Option<Precision> {
        match self {
            Bucket::Month => Some(Precision::Month),
            Bucket::Quarter => Some(Precision::Quarter),
            Bucket::Year => Some(Precision::Year),
            Bucket::None => None,
        }
    }

    /// True when a date of this precision is coarser than the bucket, so the deal
    /// cannot honestly be placed in one bucket (a year-precise deal by quarter).
    pub fn is_coarser(self, precision: Precision) -> bool {
        // Precisions are ordered finest first, so a date fits a period no finer than itself.
        self.precision().is_some_and(|bucket| precision > bucket)
    }
}

/// What rows are grouped by, besides period and currency.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, clap::ValueEnum, IntoStaticStr, Display,
)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum GroupBy {
    #[default]
    None,
    Kind,
    Status,
    /// Every company of a deal (a deal counts once in the totals)
    Company,
    /// The other parties of --company's deals
    Counterparty,
    Tag,
}

/// The name of a period: `2025-11`, `2025-Q4`, `2025`; `all` for `--by none`.
pub fn period_name(bucket: Bucket, date: PartialDate) -> String {
    let start = date.start();
    match bucket {
        Bucket::Month => start.format("%Y-%m").to_string(),
        Bucket::Quarter => format!("{}-Q{}", start.year(), start.month0() / 3 + 1),
        Bucket::Year => start.format("%Y").to_string(),
        Bucket::None => "all".to_string(),
    }
}

/// How much of a value is exact, approximate, a floor ("at least") and a
/// ceiling ("up to"): whole units of the value's currency per qualifier, adding
/// up to the value. Serialized as an object of the qualifiers that hold money,
/// `{"exact": 38000000000, "up-to": 500000000000}`; `{}` for no value.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Qualifiers([i128; 4]);

impl Qualifiers {
    fn slot(qualifier: Qualifier) -> usize {
        Qualifier::VARIANTS
            .iter()
            .position(|q| *q == qualifier)
            .unwrap_or(0)
    }

    /// Adds `value` under `qualifier`.
    pub fn add(&mut self, qualifier: Qualifier, value: i128) {
        let slot = &mut self.0[Self::slot(qualifier)];
        *slot = slot.saturating_add(value);
    }

    /// Adds every qualifier's value of `other`.
    pub fn merge(&mut self, other: &Qualifiers) {
        for (qualifier, value) in other.iter() {
            self.add(qualifier, value);
        }
    }

    /// The value held under `qualifier`.
    pub fn get(&self, qualifier: Qualifier) -> i128 {
        self.0[Self::slot(qualifier)]
    }

    /// The qualifiers that hold money, in the order exact, approx, at-least, up-to.
    pub fn iter(&self) -> impl Iterator<Item = (Qualifier, i128)> + '_ {
        Qualifier::VARIANTS
            .iter()
            .map(|q| (*q, self.get(*q)))
            .filter(|(_, v)| *v != 0)
    }

    /// True when some of the value is not exact: a total that holds
    /// estimates, floors or ceilings.
    pub fn is_qualified(&self) -> bool {
        self.iter().any(|(q, _)| q != Qualifier::Exact)
    }
}

impl Serialize for Qualifiers {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        for (qualifier, value) in self.iter() {
            map.serialize_entry(<&str>::from(qualifier), &value)?;
        }
        map.end()
    }
}

/// One row: the deals of one group in one period and one currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    /// None for deals without a date (listed after every period).
    pub period: Option<String>,
    /// None when the report is not grouped, or for an empty period.
    pub group: Option<String>,
    /// None for deals whose value is not disclosed.
    pub currency: Option<String>,
    pub deals: u64,
    /// The total in whole units of `currency` (0 when there is no currency).
    pub value: i128,
    /// `value` split by qualifier.
    pub qualifiers: Qualifiers,
    /// How many of the deals have a date coarser than the period.
    pub imprecise: u64,
    /// Running total of value per group and currency, with `--cumulative`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cumulative_value: Option<i128>,
}

/// A total per currency over the whole report, counting each deal once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Total {
    pub currency: Option<String>,
    pub deals: u64,
    /// In whole units of `currency`.
    pub value: i128,
    /// `value` split by qualifier.
    pub qualifiers: Qualifiers,
}

/// A deal left out of a conversion because no rate applies to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unconverted {
    pub slug: String,
    pub title: String,
    pub currency: Currency,
    pub amount: i64,
    /// The date whose rate was needed (None: the deal has no date).
    pub on: Option<String>,
}

/// How a report is cut, as the command line asks for it (`report --by ...`);
/// the report echoes it in its `Parameters`.
#[derive(Debug, Clone, PartialEq, Eq, Default, clap::Args)]
pub struct Options {
    /// The width of a period
    #[arg(long = "by", value_name = "BY", value_enum, default_value_t = Bucket::Quarter)]
    pub bucket: Bucket,
    /// What rows are grouped by, besides period and currency
    #[arg(long, value_enum, default_value_t = GroupBy::None,
          requires_if("counterparty", "company"))]
    pub group: GroupBy,
    /// With --group company or counterparty: only companies holding this role
    #[arg(long)]
    pub role: Option<String>,
    /// Count subsidiaries under their parent (AWS under Amazon)
    #[arg(long)]
    pub rollup: bool,
    /// Convert every value to this currency with the nearest earlier rate in fx_rates
    #[arg(long, value_name = "CODE")]
    pub currency: Option<Currency>,
    /// Spread a deal with a term evenly over the months of its term
    #[arg(long)]
    pub spread: bool,
    /// Running totals per group and currency
    #[arg(long)]
    pub cumulative: bool,
    /// Keep the N largest groups and fold the rest into "other"
    #[arg(long, value_name = "N", value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..))]
    pub top: Option<usize>,
}

/// The parameters a report was made with, echoed in its output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Parameters {
    pub by: Bucket,
    pub group: GroupBy,
    pub role: Option<String>,
    pub rollup: bool,
    pub currency: Option<String>,
    pub spread: bool,
    pub cumulative: bool,
    pub top: Option<usize>,
    /// The statuses whose deals were counted.
    pub statuses: Vec<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    /// Every filter of the report, as given on the command line and as
    /// resolved (companies found, words checked, dates made days).
    pub filters: Filters,
}

/// A filter as given and as resolved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Given<G, R> {
    pub given: G,
    pub resolved: R,
}

/// A company a filter names: its id and name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NamedCompany {
    pub id: i64,
    pub name: String,
}

/// A money floor: whole units of `currency`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Floor {
    pub amount: i64,
    pub currency: Currency,
}

/// The filters of a report; null when not used. Dates resolve to days
/// (`since`: the first day of its period, `until`: the last).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Filters {
    pub kind: Option<Given<Vec<String>, Vec<String>>>,
    pub company: Option<Given<String, NamedCompany>>,
    pub counterparty: Option<Given<String, NamedCompany>>,
    pub tag: Option<Given<Vec<String>, Vec<String>>>,
    pub min_value: Option<Given<String, Floor>>,
    pub since: Option<Given<String, String>>,
    pub until: Option<Given<String, String>>,
}

impl Parameters {
    /// The echo of a report made with `options` over the deals with these
    /// statuses, announced in the periods from `since` to `until`.
    pub fn new(
        options: &Options,
        statuses: Vec<String>,
        since: Option<PartialDate>,
        until: Option<PartialDate>,
    ) -> Parameters {
        Parameters {
            by: options.bucket,
            group: options.group,
            role: options.role.clone(),
            rollup: options.rollup,
            currency: options.currency.map(|c| c.to_string()),
            spread: options.spread,
            cumulative: options.cumulative,
            top: options.top,
            statuses,
            since: since.map(|d| d.to_string()),
            until: until.map(|d| d.to_string()),
            filters: Filters::default(),
        }
    }
}

/// A whole report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    pub parameters: Parameters,
    /// Every period from the first to the last, in order, gaps included.
    pub periods: Vec<String>,
    pub rows: Vec<Row>,
    pub totals: Vec<Total>,
    pub unconverted: Vec<Unconverted>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coarser_dates_are_flagged_per_bucket() {
        assert!(Bucket::Quarter.is_coarser(Precision::Year));
        assert!(Bucket::Quarter.is_coarser(Precision::Half));
        assert!(!Bucket::Quarter.is_coarser(Precision::Month));
        assert!(Bucket::Month.is_coarser(Precision::Quarter));
        assert!(!Bucket::Year.is_coarser(Precision::Year));
        assert!(!Bucket::None.is_coarser(Precision::Year));
    }

    #[test]
    fn periods_are_named_by_their_bucket() {
        let d: PartialDate = "2025-11-03".parse().unwrap();
        assert_eq!(period_name(Bucket::Month, d), "2025-11");
        assert_eq!(period_name(Bucket::Quarter, d), "2025-Q4");
        assert_eq!(period_name(Bucket::Year, d), "2025");
        assert_eq!(period_name(Bucket::None, d), "all");
    }
}
