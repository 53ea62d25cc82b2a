//! The rules as they ran before they became queries: every deal loaded with
//! its parties and sources, the rules run over the whole Vec. Kept for tests
//! only, as the oracle the set-wise `check` must agree with.

use std::collections::{BTreeMap, HashMap};

use crate::db::Conn;

use crate::db::deals;
use crate::error::Result;
use crate::model::DealDetail;
use crate::model::checks::{
    Finding, Known, agrees, alias_collisions, finding, is_unit_slip, ratio, unaccounted,
};

fn deal_ref(detail: &DealDetail) -> String {
    format!("deal:{}", detail.deal.slug)
}

/// Stated figures that disagree with their deal's value.
fn stated_figures(deals: &[DealDetail]) -> Vec<Finding> {
    let mut found = Vec::new();
    for detail in deals {
        let Some(value) = detail.deal.value else {
            continue;
        };
        for source in &detail.sources {
            let Some(stated) = source.stated else {
                continue;
            };
            let other_currency = stated.currency.is_some_and(|c| c != value.currency);
            let slip = ratio(value.amount, stated.amount).and_then(is_unit_slip);
            let worth = format!("'s value is {}", value.compact());
            let (code, but, hint) = match (other_currency, slip) {
                (true, _) => (
                    "stated-mismatch",
                    format!(" is recorded in {}", value.currency),
                    "check which currency the source means; convert nothing silently".into(),
                ),
                (false, _) if agrees(value.amount, &stated) => continue,
                (false, Some(kind)) => {
                    ("unit-slip", worth, format!("probably a unit slip: {kind}"))
                }
                (false, None) => (
                    "stated-mismatch",
                    worth,
                    "the sources disagree: keep the better-sourced figure as the value".into(),
                ),
            };
            let (article, figure) = (&source.article_slug, stated.compact());
            let message = format!("{article} states {figure} but the deal{but}");
            let records = vec![deal_ref(detail), format!("article:{article}")];
            found.push(finding(code, records, message, hint));
        }
    }
    found
}

/// Deals that no article supports.
fn unsourced(deals: &[DealDetail]) -> Vec<Finding> {
    deals
        .iter()
        .filter(|d| d.sources.is_empty())
        .map(|d| {
            finding(
                "no-source",
                vec![deal_ref(d)],
                format!("{} has no source", d.deal.slug),
                format!(
                    "link an article: deals article link ARTICLE {} --quote \"...\"",
                    d.deal.slug
                ),
            )
        })
        .collect()
}

/// The roles a deal of each kind needs, as alternatives: any one set must be there.
fn needed_roles(kind: &str) -> &'static [&'static [&'static str]] {
    match kind {
        "investment" => &[&["investor"], &["investee"]],
        "acquisition" => &[&["acquirer"], &["target"]],
        "cloud-compute" | "chip-supply" | "datacenter" | "licensing" => {
            &[&["customer", "partner"], &["provider", "partner"]]
        }
        _ => &[],
    }
}

/// Role pairs that cannot be held by one company in one deal.
const OPPOSITE_ROLES: &[(&str, &str)] = &[
    ("customer", "provider"),
    ("investor", "investee"),
    ("acquirer", "target"),
];

/// Parties that do not fit the deal's kind, and companies on both sides.
fn parties(deals: &[DealDetail]) -> Vec<Finding> {
    let mut found = Vec::new();
    for detail in deals {
        let (deal, slug) = (&detail.deal, &detail.deal.slug);
        let roles: Vec<&str> = deal.parties.iter().map(|p| p.role.as_str()).collect();
        for alternatives in needed_roles(&deal.kind) {
            if !alternatives.iter().any(|r| roles.contains(r)) {
                let (kind, needed, first) =
                    (&deal.kind, alternatives.join(" or "), alternatives[0]);
                found.push(finding(
                    "roles-misfit",
                    vec![deal_ref(detail)],
                    format!("{slug} is a {kind} deal with no {needed}"),
                    format!("add the party: deals edit {slug} --add-party COMPANY:{first}"),
                ));
            }
        }
        let mut by_company: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for p in &deal.parties {
            by_company.entry(&p.company).or_default().push(&p.role);
        }
        for (company, held) in by_company {
            for (a, b) in OPPOSITE_ROLES {
                if held.contains(a) && held.contains(b) {
                    found.push(finding(
                        "both-sides",
                        vec![deal_ref(detail), format!("company:{company}")],
                        format!("{company} is both {a} and {b} in {slug}"),
                        format!(
                            "remove one role: deals edit {slug} --remove-party '{company}:{b}'"
                        ),
                    ));
                }
            }
        }
    }
    found
}

/// Dates before 1950 or after next year; values of zero or under 1,000.
fn implausible(deals: &[DealDetail], this_year: i32) -> Vec<Finding> {
    use chrono::Datelike;
    let mut found = Vec::new();
    for detail in deals {
        let deal = &detail.deal;
        if let Some(on) = deal.announced
            && (on.start().year() < 1950 || on.start().year() > this_year + 1)
        {
            found.push(finding(
                "implausible-date",
                vec![deal_ref(detail)],
                format!("{} is dated {on}", deal.slug),
                "check the year; dates are YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY".into(),
            ));
        }
        if let Some(value) = deal.value
            && value.amount < 1_000
        {
            found.push(finding(
                "implausible-amount",
                vec![deal_ref(detail)],
                format!("{} is worth {}", deal.slug, value.compact()),
                "amounts are whole units: write 38B or '38 billion', not 38".into(),
            ));
        }
    }
    found
}

/// Deals with the same parties and kind, announced within 90 days, with values
/// within 10% (or both undisclosed).
fn duplicates(deals: &[DealDetail]) -> Vec<Finding> {
    // Deals by (kind, sorted (company, role) pairs).
    type Shape<'a> = (String, Vec<(i64, &'a str)>);
    let mut groups: HashMap<Shape<'_>, Vec<&DealDetail>> = HashMap::new();
    for detail in deals {
        let mut parties: Vec<(i64, &str)> = detail
            .deal
            .parties
            .iter()
            .map(|p| (p.company_id, p.role.as_str()))
            .collect();
        parties.sort_unstable();
        if parties.is_empty() {
            continue;
        }
        groups
            .entry((detail.deal.kind.clone(), parties))
            .or_default()
            .push(detail);
    }
    let mut found = Vec::new();
    for same in groups.values() {
        for (i, a) in same.iter().enumerate() {
            for b in &same[i + 1..] {
                let close_dates = match (a.deal.announced, b.deal.announced) {
                    (Some(x), Some(y)) => (x.start() - y.start()).num_days().abs() <= 90,
                    (None, None) => true,
                    _ => false,
                };
                let close_values = match (a.deal.value, b.deal.value) {
                    (Some(x), Some(y)) => {
                        x.currency == y.currency
                            && ratio(x.amount, y.amount).is_some_and(|r| r <= 1.1)
                    }
                    (None, None) => true,
                    _ => false,
                };
                if close_dates && close_values {
                    let mut pair = [a, b];
                    pair.sort_by_key(|d| &d.deal.slug);
                    let [first, second] = pair;
                    let (one, other) = (&first.deal.slug, &second.deal.slug);
                    found.push(finding(
                        "probable-duplicate",
                        vec![deal_ref(first), deal_ref(second)],
                        format!("{one} and {other} look like the same deal"),
                        format!("if so, move the sources to one and: deals rm {other}"),
                    ));
                }
            }
        }
    }
    found.sort_by(|a, b| a.records.cmp(&b.records));
    found
}

/// Figures in linked articles that nothing accounts for.
fn article_figures(conn: &Conn, deals: &[DealDetail]) -> Result<Vec<Finding>> {
    use crate::model::extract::{CompanyNames, extract};
    let mut figures: Vec<(i64, Option<crate::model::Currency>)> = Vec::new();
    for d in deals {
        if let Some(v) = d.deal.value {
            figures.push((v.amount, Some(v.currency)));
        }
        figures.extend(
            d.sources
                .iter()
                .filter_map(|s| s.stated)
                .map(|f| (f.amount, f.currency)),
        );
    }
    figures.sort_unstable_by_key(|(amount, _)| *amount);
    // The quoted sentences of each article, with the value of the deal they support.
    let mut links: HashMap<i64, Vec<(String, Option<crate::model::Money>)>> = HashMap::new();
    for d in deals {
        for s in &d.sources {
            links
                .entry(s.article_id)
                .or_default()
                .push((s.quote.clone(), d.deal.value));
        }
    }
    let names = CompanyNames::new(crate::db::companies::alias_names(conn)?);
    let ids: Vec<i64> = conn
        .prepare_cached("SELECT DISTINCT article_id FROM deal_sources ORDER BY article_id")?
        .query_map([], |r| r.get(0))?;
    let mut found = Vec::new();
    for id in ids {
        let article = crate::db::articles::get(conn, id)?;
        if article.body.trim().is_empty() {
            continue;
        }
        let language = article.language.as_deref().and_then(|l| l.parse().ok());
        let linked = links.remove(&id).unwrap_or_default();
        let extracted = extract(&article.body, language, &names);
        let known = Known {
            figures: &figures,
            linked: &linked,
        };
        found.extend(unaccounted(&article.slug, &extracted, &known));
    }
    Ok(found)
}

/// Runs every rule; findings come errors first, then by code and records.
pub fn run(conn: &Conn, this_year: i32) -> Result<Vec<Finding>> {
    let deals = deals::all_details(conn)?;
    let mut found = Vec::new();
    found.extend(stated_figures(&deals));
    found.extend(parties(&deals));
    found.extend(duplicates(&deals));
    found.extend(implausible(&deals, this_year));
    found.extend(unsourced(&deals));
    found.extend(alias_collisions(&crate::db::checks::all_names(conn)?));
    found.extend(article_figures(conn, &deals)?);
    found.sort_by(|a, b| (a.severity, a.code, &a.records).cmp(&(b.severity, b.code, &b.records)));
    Ok(found)
}
