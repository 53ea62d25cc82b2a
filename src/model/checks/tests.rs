use super::*;

fn money(text: &str) -> Money {
    text.parse().unwrap()
}

fn candidate(slug: &str, on: Option<&str>, value: Option<&str>) -> Candidate {
    Candidate {
        slug: slug.into(),
        announced: on.map(|on| on.parse().unwrap()),
        value: value.map(money),
    }
}

#[test]
fn stated_figures_that_disagree_are_found_and_unit_slips_named() {
    let value = money("$38B");
    let found: Vec<Finding> = [
        "38 miliardi di dollari",
        "oltre 13 miliardi",
        "circa 30 miliardi di dollari",
        "38 milioni di dollari",
    ]
    .iter()
    .filter_map(|stated| stated_figure("d", &value, "a", &Figure::parse(stated).unwrap()))
    .collect();
    let codes: Vec<&str> = found.iter().map(|f| f.code).collect();
    assert_eq!(codes, ["stated-mismatch", "unit-slip"]);
    assert!(
        found[1].hint.contains("milioni/miliardi"),
        "{}",
        found[1].hint
    );
    assert_eq!(found[1].severity, Severity::Error);
    assert_eq!(found[1].records, ["deal:d", "article:a"]);
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
    let (_, investment) = NEEDED_ROLES
        .iter()
        .find(|(kind, _)| *kind == "investment")
        .unwrap();
    assert_eq!(*investment, [["investor"], ["investee"]]);
    let misfit = roles_misfit("i", "investment", investment[0]);
    assert_eq!(
        (misfit.code, misfit.records.as_slice()),
        ("roles-misfit", &["deal:i".to_string()][..])
    );
    assert_eq!(misfit.message, "i is a investment deal with no investor");

    let both = both_sides("b", "X", &["customer", "provider"]);
    let codes: Vec<(&str, &[String])> = both
        .iter()
        .map(|f| (f.code, f.records.as_slice()))
        .collect();
    assert_eq!(
        codes,
        [(
            "both-sides",
            &["deal:b".to_string(), "company:X".to_string()][..]
        )]
    );
    assert!(both_sides("n", "Nvidia", &["investor", "provider"]).is_empty());
}

#[test]
fn close_deals_with_the_same_parties_are_probable_duplicates() {
    let on = Some("2025-11-03");
    let mut same = vec![
        candidate("c", on, Some("$100B")),
        candidate("b", on, Some("$38.5B")),
        candidate("a", on, Some("$38B")),
    ];
    let found = duplicates(&mut same);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].records, ["deal:a", "deal:b"]);
}

#[test]
fn duplicates_need_close_dates_or_none_at_all() {
    let mut same = vec![
        candidate("late", Some("2026-03"), Some("$1B")),
        candidate("undated", None, Some("$1B")),
        candidate("early", Some("2025-11-03"), Some("$1B")),
        candidate("also-undated", None, Some("$1B")),
        candidate("near", Some("2026-01-15"), Some("$1B")),
    ];
    let mut pairs: Vec<Vec<String>> = duplicates(&mut same)
        .into_iter()
        .map(|f| f.records)
        .collect();
    pairs.sort();
    assert_eq!(
        pairs,
        [
            ["deal:also-undated", "deal:undated"],
            ["deal:early", "deal:near"],
            ["deal:late", "deal:near"],
        ]
    );
}

#[test]
fn implausible_dates_and_amounts() {
    let found = implausible(
        "old",
        Some("1900".parse().unwrap()),
        Some(money("$500")),
        2026,
    );
    let codes: Vec<&str> = found.iter().map(|f| f.code).collect();
    assert_eq!(codes, ["implausible-date", "implausible-amount"]);
    let next_year = implausible("n", Some("2027-12".parse().unwrap()), None, 2026);
    assert!(next_year.is_empty(), "{next_year:?}");
    let too_late = implausible("n", Some("2028".parse().unwrap()), None, 2026);
    assert_eq!(too_late.len(), 1);
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
