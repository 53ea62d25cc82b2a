//! Data-quality rules, with no I/O: each judges one record, one pair or one
//! group that the database picked out. Each finding has a
//! severity, a stable code, the records concerned and a hint for the fix.

use std::collections::BTreeMap;

use serde::Serialize;
use strum::{Display, IntoStaticStr};

use super::{Figure, Money, PartialDate, Qualifier, slug};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, IntoStaticStr, Display)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

/// One thing worth a look.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub severity: Severity,
    /// Stable across releases; scripts may filter on it.
    pub code: &'static str,
    /// The records concerned: `deal:SLUG`, `article:SLUG`, `company:NAME`.
    pub records: Vec<String>,
    pub message: String,
    pub hint: String,
}

/// The codes `check` can report, for `--code` and the README.
#[rustfmt::skip]
pub const CODES: &[(&str, Severity, &str)] = &[
    ("stated-mismatch", Severity::Warning, "a source states a figure that disagrees with the deal's value"),
    ("unit-slip", Severity::Error, "a stated figure is off by a factor of about 1,000 or 1,000,000"),
    ("unaccounted-figure", Severity::Warning, "a figure in a linked article that no deal or stated figure accounts for"),
    ("no-source", Severity::Info, "a deal no article supports"),
    ("probable-duplicate", Severity::Warning, "two deals with the same parties and kind, close dates and similar values"),
    ("roles-misfit", Severity::Warning, "parties that do not fit the kind (an investment with no investor)"),
    ("both-sides", Severity::Error, "one company on both sides of a deal"),
    ("implausible-date", Severity::Warning, "announced before 1950 or after next year"),
    ("implausible-amount", Severity::Warning, "a value of zero or under 1,000"),
    ("alias-collision", Severity::Warning, "two companies whose names or aliases read the same"),
];

/// One of the `CODES`, as `check --code` takes it.
pub fn parse_code(text: &str) -> Result<&'static str, super::ParseError> {
    let wanted = text.trim();
    let codes = CODES.iter().map(|(code, _, _)| *code);
    codes.clone().find(|code| *code == wanted).ok_or_else(|| {
        let known = codes.collect::<Vec<_>>().join(", ");
        super::ParseError::new(format!("unknown code '{wanted}'; expected one of: {known}"))
    })
}

pub(crate) fn finding(
    code: &'static str,
    records: Vec<String>,
    message: String,
    hint: String,
) -> Finding {
    let listed = CODES.iter().find(|(c, _, _)| *c == code);
    let severity = listed.map_or(Severity::Warning, |(_, s, _)| *s);
    Finding {
        severity,
        code,
        records,
        message,
        hint,
    }
}

fn deal_ref(slug: &str) -> String {
    format!("deal:{slug}")
}

/// How far apart two amounts are, as the larger over the smaller.
pub(crate) fn ratio(a: i64, b: i64) -> Option<f64> {
    let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
    (lo > 0).then(|| hi as f64 / lo as f64)
}

/// Whether `ratio` is within 10% of 1,000 or 1,000,000 (or of 1,000,000,000).
pub fn is_unit_slip(ratio: f64) -> Option<&'static str> {
    let near = |target: f64| (ratio / target - 1.0).abs() < 0.1;
    if near(1_000.0) {
        Some(
            "thousands for millions, millions for billions (milioni/miliardi) or billions for trillions (miliardi/mille miliardi)",
        )
    } else if near(1_000_000.0) {
        Some("millions for trillions, or units for millions")
    } else {
        None
    }
}

/// Whether a stated figure agrees with a deal's value, given both qualifiers.
pub fn agrees(value: i64, stated: &Figure) -> bool {
    let close = |tolerance: f64| ratio(value, stated.amount).is_some_and(|r| r <= 1.0 + tolerance);
    match stated.qualifier {
        Qualifier::Exact => value == stated.amount || close(0.01),
        Qualifier::Approx => close(0.15),
        Qualifier::AtLeast => value >= stated.amount || close(0.01),
        Qualifier::UpTo => value <= stated.amount || close(0.01),
    }
}

/// A stated figure that disagrees with its deal's value, if it does: a unit slip
/// when the two are about 1,000 or 1,000,000 times apart.
pub fn stated_figure(deal: &str, value: &Money, article: &str, stated: &Figure) -> Option<Finding> {
    let other_currency = stated.currency.is_some_and(|c| c != value.currency);
    let slip = ratio(value.amount, stated.amount).and_then(is_unit_slip);
    let worth = format!("'s value is {}", value.compact());
    let (code, but, hint) = match (other_currency, slip) {
        (true, _) => (
            "stated-mismatch",
            format!(" is recorded in {}", value.currency),
            "check which currency the source means; convert nothing silently".into(),
        ),
        (false, _) if agrees(value.amount, stated) => return None,
        (false, Some(kind)) => ("unit-slip", worth, format!("probably a unit slip: {kind}")),
        (false, None) => (
            "stated-mismatch",
            worth,
            "the sources disagree: keep the better-sourced figure as the value".into(),
        ),
    };
    let figure = stated.compact();
    let message = format!("{article} states {figure} but the deal{but}");
    let records = vec![deal_ref(deal), format!("article:{article}")];
    Some(finding(code, records, message, hint))
}

/// A deal that no article supports.
pub fn unsourced(deal: &str) -> Finding {
    finding(
        "no-source",
        vec![deal_ref(deal)],
        format!("{deal} has no source"),
        format!("link an article: deals article link ARTICLE {deal} --quote \"...\""),
    )
}

/// The roles a deal of each kind needs, as alternatives: any one role of each
/// set must be held by some party. Kinds not listed need no particular role.
pub const NEEDED_ROLES: &[(&str, &[&[&str]])] = &[
    ("investment", &[&["investor"], &["investee"]]),
    ("acquisition", &[&["acquirer"], &["target"]]),
    (
        "cloud-compute",
        &[&["customer", "partner"], &["provider", "partner"]],
    ),
    (
        "chip-supply",
        &[&["customer", "partner"], &["provider", "partner"]],
    ),
    (
        "datacenter",
        &[&["customer", "partner"], &["provider", "partner"]],
    ),
    (
        "licensing",
        &[&["customer", "partner"], &["provider", "partner"]],
    ),
];

/// A deal of `kind` in which no party holds any of the `needed` roles.
pub fn roles_misfit(deal: &str, kind: &str, needed: &[&str]) -> Finding {
    let (wanted, first) = (
        needed.join(" or "),
        needed.first().copied().unwrap_or_default(),
    );
    finding(
        "roles-misfit",
        vec![deal_ref(deal)],
        format!("{deal} is a {kind} deal with no {wanted}"),
        format!("add the party: deals edit {deal} --add-party COMPANY:{first}"),
    )
}

/// Role pairs that cannot be held by one company in one deal.
pub const OPPOSITE_ROLES: &[(&str, &str)] = &[
    ("customer", "provider"),
    ("investor", "investee"),
    ("acquirer", "target"),
];

/// Opposite roles that `company` holds together in `deal`, given all it holds there.
pub fn both_sides(deal: &str, company: &str, held: &[&str]) -> Vec<Finding> {
    OPPOSITE_ROLES
        .iter()
        .filter(|(a, b)| held.contains(a) && held.contains(b))
        .map(|(a, b)| {
            finding(
                "both-sides",
                vec![deal_ref(deal), format!("company:{company}")],
                format!("{company} is both {a} and {b} in {deal}"),
                format!("remove one role: deals edit {deal} --remove-party '{company}:{b}'"),
            )
        })
        .collect()
}

/// The earliest plausible year of an announcement.
pub const EARLIEST_YEAR: i32 = 1950;
/// The smallest plausible value, in whole currency units.
pub const SMALLEST_AMOUNT: i64 = 1_000;

/// The first year too late for an announcement made in `this_year`.
pub fn too_late_year(this_year: i32) -> i32 {
    this_year + 2
}

/// Dates before 1950 or after next year; values of zero or under 1,000.
pub fn implausible(
    deal: &str,
    announced: Option<PartialDate>,
    value: Option<Money>,
    this_year: i32,
) -> Vec<Finding> {
    use chrono::Datelike;
    let mut found = Vec::new();
    if let Some(on) = announced
        && (on.start().year() < EARLIEST_YEAR || on.start().year() >= too_late_year(this_year))
    {
        found.push(finding(
            "implausible-date",
            vec![deal_ref(deal)],
            format!("{deal} is dated {on}"),
            "check the year; dates are YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY".into(),
        ));
    }
    if let Some(value) = value
        && value.amount < SMALLEST_AMOUNT
    {
        found.push(finding(
            "implausible-amount",
            vec![deal_ref(deal)],
            format!("{deal} is worth {}", value.compact()),
            "amounts are whole units: write 38B or '38 billion', not 38".into(),
        ));
    }
    found
}

/// A deal as the duplicate rule compares it with others of the same kind and
/// the same (company, role) pairs.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub slug: String,
    pub announced: Option<PartialDate>,
    pub value: Option<Money>,
}

/// How many days apart two announcements of one deal may be.
const DUPLICATE_DAYS: i64 = 90;

/// Pairs of `same` (deals of one kind with the same parties in the same roles)
/// announced within 90 days, with values within 10% (or both undisclosed).
/// Sorted by announcement, undated deals first, a deal is compared only with
/// the later ones that can still be close.
pub fn duplicates(same: &mut [Candidate]) -> Vec<Finding> {
    same.sort_by_key(|c| c.announced.map(|on| on.start()));
    let mut found = Vec::new();
    for (i, a) in same.iter().enumerate() {
        for b in &same[i + 1..] {
            let close_dates = match (a.announced, b.announced) {
                (Some(x), Some(y)) => {
                    let days = (y.start() - x.start()).num_days();
                    if days > DUPLICATE_DAYS {
                        break;
                    }
                    days.abs() <= DUPLICATE_DAYS
                }
                (None, None) => true,
                (None, Some(_)) => break,
                (Some(_), None) => false,
            };
            let close_values = match (a.value, b.value) {
                (Some(x), Some(y)) => {
                    x.currency == y.currency && ratio(x.amount, y.amount).is_some_and(|r| r <= 1.1)
                }
                (None, None) => true,
                _ => false,
            };
            if close_dates && close_values {
                let (first, second) = if a.slug <= b.slug { (a, b) } else { (b, a) };
                let (one, other) = (&first.slug, &second.slug);
                found.push(finding(
                    "probable-duplicate",
                    vec![deal_ref(one), deal_ref(other)],
                    format!("{one} and {other} look like the same deal"),
                    format!("if so, move the sources to one and: deals rm {other}"),
                ));
            }
        }
    }
    found
}

/// What an article's figures are checked against: the values of every deal and
/// every stated figure, and the deals linked to each quoted sentence.
pub struct Known<'a> {
    /// (amount, currency) of every deal value and stated figure, sorted by amount.
    pub figures: &'a [(i64, Option<super::Currency>)],
    /// (quote, deal value) of the deals linked to this article.
    pub linked: &'a [(String, Option<super::Money>)],
}

/// Figures written in an article that no deal value or stated figure accounts
/// for. When the deals that a figure's sentence supports add up to hundreds of
/// times the figure, the hint says it is probably a unit slip.
pub fn unaccounted(
    article: &str,
    found: &[super::extract::Extracted],
    known: &Known<'_>,
) -> Vec<Finding> {
    let mut out = Vec::new();
    for figure in found {
        let f = &figure.figure;
        // Only amounts within 1% can account for the figure: look at those alone.
        let low = f.amount - f.amount / 100 - 1;
        let from = known.figures.partition_point(|(amount, _)| *amount < low);
        let accounted = known.figures[from..]
            .iter()
            .take_while(|(amount, _)| *amount <= f.amount.saturating_add(f.amount / 100 + 1))
            .any(|(amount, currency)| {
                let same_currency =
                    f.currency.is_none() || currency.is_none() || *currency == f.currency;
                same_currency && ratio(*amount, f.amount).is_some_and(|r| r <= 1.01)
            });
        if accounted {
            continue;
        }
        let squash = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
        let sentence = squash(&figure.sentence);
        let linked: Vec<super::Money> = known
            .linked
            .iter()
            .filter(|(quote, _)| {
                !quote.is_empty()
                    && (sentence.contains(&squash(quote)) || squash(quote).contains(&sentence))
            })
            .filter_map(|(_, value)| *value)
            .filter(|v| f.currency.is_none_or(|c| c == v.currency))
            .collect();
        let amounts = linked.iter().map(|v| v.amount);
        let total = amounts.fold(0i64, i64::saturating_add);
        let hint = match ratio(total, f.amount) {
            Some(r) if total > f.amount && r >= 100.0 => {
                let kind = is_unit_slip(r).unwrap_or(
                    "miliardi for mille miliardi (billions for trillions)",
                );
                format!(
                    "the deals this sentence supports add up to {} ({r:.0} times as much): probably a unit slip, {kind}; record the quote as written and the deal values as they are",
                    super::money::compact_amount(total, linked[0].currency)
                )
            }
            _ => "record it as a deal, or as the stated figure of a source, or leave it if it is not a deal".into(),
        };
        let (text, compact) = (&figure.text, f.compact());
        let message = format!("'{text}' ({compact}) in {article} matches no deal or stated figure");
        out.push(finding(
            "unaccounted-figure",
            vec![format!("article:{article}")],
            message,
            hint,
        ));
    }
    out
}

/// Companies whose names or aliases read the same once case, accents and
/// punctuation are set aside ("Open AI" and "OpenAI").
pub fn alias_collisions(names: &[(i64, String, String)]) -> Vec<Finding> {
    let mut by_key: BTreeMap<String, Vec<(&str, &str)>> = BTreeMap::new();
    for (_, company, alias) in names {
        let key = slug::slugify(alias).replace('-', "");
        if key.is_empty() {
            continue;
        }
        let entry = by_key.entry(key).or_default();
        if !entry.iter().any(|(c, _)| c == company) {
            entry.push((company.as_str(), alias.as_str()));
        }
    }
    by_key
        .into_values()
        .filter(|holders| holders.len() > 1)
        .map(|holders| {
            let records = holders.iter().map(|(c, _)| format!("company:{c}"));
            let written: Vec<String> = holders
                .iter()
                .map(|(c, a)| format!("'{a}' ({c})"))
                .collect();
            finding(
                "alias-collision",
                records.collect(),
                format!("{} read the same", written.join(" and ")),
                "if they are one company, move the deals to one and make the other name an alias"
                    .into(),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests;
