use super::*;
use crate::model::{Deal, Source};

fn detail(
    slug: &str,
    kind: &str,
    value: Option<&str>,
    parties: &[(i64, &str, &str)],
) -> DealDetail {
    let mut deal = Deal::sample(1, "2025-11-03", value, parties);
    deal.slug = slug.into();
    deal.title = slug.into();
    deal.kind = kind.into();
    DealDetail {
        deal,
        events: vec![],
        sources: vec![],
    }
}

fn source(stated: &str) -> Source {
    Source {
        article_id: 1,
        article_slug: "a".into(),
        article_title: "A".into(),
        quote: String::new(),
        stated: Some(Figure::parse(stated).unwrap()),
    }
}

#[test]
fn stated_figures_that_disagree_are_found_and_unit_slips_named() {
    let mut d = detail("d", "cloud-compute", Some("$38B"), &[]);
    d.sources = vec![
        source("38 miliardi di dollari"),
        source("oltre 13 miliardi"),
        source("circa 30 miliardi di dollari"),
        source("38 milioni di dollari"),
    ];
    let found = stated_figures(&[d]);
    let codes: Vec<&str> = found.iter().map(|f| f.code).collect();
    assert_eq!(codes, ["stated-mismatch", "unit-slip"]);
    assert!(
        found[1].hint.contains("milioni/miliardi"),
        "{}",
        found[1].hint
    );
    assert_eq!(found[1].severity, Severity::Error);
}

#[test]
fn qualifiers_decide_agreement() {
    let f = |s: &str| Figure::parse(s).unwrap();
    assert!(agrees(13_500_000_000, &f("more than $13B")));
    assert!(!agrees(12_000_000_000, &f("more than $13B")));
    assert!(agrees(90_000_000_000, &f("up to $100B")));
    assert!(agrees(280_000_000_000, &f("about $300B")));
    assert!(!agrees(200_000_000_000, &f("about $300B")));
}

#[test]
fn parties_must_fit_the_kind_and_not_sit_on_both_sides() {
    let investment = detail("i", "investment", None, &[(1, "Microsoft", "investee")]);
    let both = detail(
        "b",
        "cloud-compute",
        None,
        &[(1, "X", "customer"), (1, "X", "provider")],
    );
    let fine = detail(
        "n",
        "investment",
        None,
        &[
            (1, "Nvidia", "investor"),
            (1, "Nvidia", "provider"),
            (2, "OpenAI", "investee"),
        ],
    );
    let found = parties(&[investment, both, fine]);
    let codes: Vec<(&str, &str)> = found
        .iter()
        .map(|f| (f.code, f.records[0].as_str()))
        .collect();
    assert_eq!(
        codes,
        [("roles-misfit", "deal:i"), ("both-sides", "deal:b")]
    );
}

#[test]
fn close_deals_with_the_same_parties_are_probable_duplicates() {
    let p = [(1, "OpenAI", "customer"), (2, "AWS", "provider")];
    let a = detail("a", "cloud-compute", Some("$38B"), &p);
    let b = detail("b", "cloud-compute", Some("$38.5B"), &p);
    let c = detail("c", "cloud-compute", Some("$100B"), &p);
    let found = duplicates(&[a, b, c]);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].records, ["deal:a", "deal:b"]);
}

#[test]
fn implausible_dates_and_amounts() {
    let mut old = detail("old", "other", Some("$500"), &[]);
    old.deal.announced = Some("1900".parse().unwrap());
    let found = implausible(&[old], 2026);
    let codes: Vec<&str> = found.iter().map(|f| f.code).collect();
    assert_eq!(codes, ["implausible-date", "implausible-amount"]);
}

#[test]
fn names_that_read_the_same_collide() {
    let names = vec![
        (1, "OpenAI".to_string(), "OpenAI".to_string()),
        (2, "Open AI Inc".to_string(), "Open AI".to_string()),
        (3, "Meta".to_string(), "Meta".to_string()),
    ];
    let found = alias_collisions(&names);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].records, ["company:OpenAI", "company:Open AI Inc"]);
}
