//! `deals timeline`: deals' events and undocumented announcements, in date order.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::util::{AWS_DEAL, Sandbox, set};

fn timeline(s: &Sandbox, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["timeline"];
    all.extend_from_slice(args);
    s.json(&all).as_array().expect("a JSON array").clone()
}

/// The entries of DEAL with KIND.
fn entries<'a>(all: &'a [Value], deal: &str, kind: &str) -> Vec<&'a Value> {
    all.iter()
        .filter(|e| e["deal"] == deal && e["kind"] == kind)
        .collect()
}

fn on(entry: &Value) -> &str {
    entry["on"].as_str().expect("an `on` date")
}

fn deals_of(all: &[Value]) -> BTreeSet<String> {
    all.iter()
        .map(|e| e["deal"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn timeline_is_in_date_order_with_the_seed_events_and_their_precision() {
    let s = Sandbox::seeded();
    let all = timeline(&s, &[]);
    let dates: Vec<&str> = all.iter().map(on).collect();
    assert!(
        dates.windows(2).all(|w| w[0] <= w[1]),
        "not in date order: {dates:?}"
    );
    // Every recorded event, plus an announcement for each dated deal without one.
    let expected = s.count("SELECT count(*) FROM deal_events")
        + s.count(
            "SELECT count(*) FROM deals d WHERE announced_on IS NOT NULL AND NOT EXISTS
             (SELECT 1 FROM deal_events e WHERE e.deal_id = d.id AND e.kind = 'announced')",
        );
    assert_eq!(all.len() as i64, expected);
    for entry in &all {
        let fields: BTreeSet<&str> = entry
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            fields,
            BTreeSet::from(["on", "precision", "kind", "deal", "deal_title", "note"])
        );
    }

    let amended = entries(&all, AWS_DEAL, "amended");
    assert_eq!(amended.len(), 1, "{amended:?}");
    assert_eq!(on(amended[0]), "2026-02-27");
    assert_eq!(amended[0]["precision"], "day");
    assert_eq!(amended[0]["deal_title"], "OpenAI–AWS compute agreement");
    assert!(
        amended[0]["note"].as_str().unwrap().contains("100 billion"),
        "{}",
        amended[0]
    );

    let reaction = entries(&all, AWS_DEAL, "market-reaction");
    assert_eq!(reaction.len(), 1);
    assert_eq!(on(reaction[0]), "2025-11-03");

    let milestones = entries(&all, AWS_DEAL, "milestone");
    let in_2026 = milestones
        .iter()
        .find(|e| on(e) == "2026-01-01")
        .unwrap_or_else(|| panic!("no 2026 milestone: {milestones:?}"));
    assert_eq!(in_2026["precision"], "year");
    let started = entries(&all, AWS_DEAL, "started");
    assert_eq!(started.len(), 1);
    assert_eq!(
        (on(started[0]), started[0]["precision"].as_str()),
        ("2025-11-01", Some("month"))
    );
    let half = entries(&all, "amd-openai-6gw", "milestone");
    assert_eq!(
        (on(half[0]), half[0]["precision"].as_str()),
        ("2026-07-01", Some("half"))
    );
    // A recorded announcement is not repeated.
    assert_eq!(entries(&all, AWS_DEAL, "announced").len(), 1);
    assert_eq!(
        all.first().map(|e| e["deal"].clone()),
        Some("microsoft-openai-investment".into())
    );
}

#[test]
fn company_keeps_only_that_companys_deals() {
    let s = Sandbox::seeded();
    let all = timeline(&s, &[]);
    for name in ["AWS", "Amazon Web Services"] {
        let aws = timeline(&s, &["--company", name]);
        let expected = set(&[AWS_DEAL, "aws-anthropic-indiana-campus"]);
        assert_eq!(deals_of(&aws), expected, "--company {name}");
        let from_all: Vec<&Value> = all
            .iter()
            .filter(|e| expected.contains(e["deal"].as_str().unwrap()))
            .collect();
        assert_eq!(aws.iter().collect::<Vec<_>>(), from_all, "--company {name}");
    }
}

#[test]
fn since_and_until_cut_the_timeline_by_date() {
    let s = Sandbox::seeded();
    let all = timeline(&s, &[]);
    let later = timeline(&s, &["--since", "2026"]);
    assert!(!later.is_empty());
    assert!(later.iter().all(|e| on(e) >= "2026-01-01"), "{later:#?}");
    let expected: Vec<&Value> = all.iter().filter(|e| on(e) >= "2026-01-01").collect();
    assert_eq!(later.iter().collect::<Vec<_>>(), expected);

    let early = timeline(&s, &["--until", "2024"]);
    let expected: Vec<&Value> = all.iter().filter(|e| on(e) <= "2024-12-31").collect();
    assert_eq!(early.iter().collect::<Vec<_>>(), expected);
    assert_eq!(early.len(), 5, "{early:#?}");

    let aws_later = timeline(&s, &["--company", "AWS", "--since", "2026"]);
    assert_eq!(deals_of(&aws_later), set(&[AWS_DEAL]));
    assert!(aws_later.iter().all(|e| on(e) >= "2026-01-01"));
}

#[test]
fn a_deal_without_events_shows_its_announcement() {
    let s = Sandbox::seeded();
    s.run(&[
        "add",
        "--title",
        "Quiet deal",
        "--kind",
        "other",
        "--announced",
        "2024-Q2",
        "--party",
        "OpenAI:partner",
    ]);
    assert_eq!(
        s.count(
            "SELECT count(*) FROM deal_events WHERE deal_id = (SELECT id FROM deals WHERE slug = 'quiet-deal')"
        ),
        0
    );
    let all = timeline(&s, &[]);
    let quiet: Vec<&Value> = all.iter().filter(|e| e["deal"] == "quiet-deal").collect();
    assert_eq!(quiet.len(), 1, "{quiet:?}");
    assert_eq!(quiet[0]["kind"], "announced");
    assert_eq!(on(quiet[0]), "2024-04-01");
    assert_eq!(quiet[0]["precision"], "quarter");
    assert_eq!(quiet[0]["deal_title"], "Quiet deal");
    assert!(quiet[0]["note"].is_null());
    let dates: Vec<&str> = all.iter().map(on).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");

    // A deal with no date has no place on the timeline.
    s.run(&["add", "--title", "Undated deal", "--kind", "other"]);
    let again = timeline(&s, &[]);
    assert!(again.iter().all(|e| e["deal"] != "undated-deal"));
    assert_eq!(again.len(), all.len());
}

#[test]
fn unknown_company_in_timeline_is_an_error() {
    let s = Sandbox::seeded();
    let (code, stderr) = s.fail(&["timeline", "--company", "Amazn"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.starts_with("error:"), "{stderr}");
    assert!(stderr.contains("Amazn"), "{stderr}");
    assert!(stderr.contains("Amazon"), "{stderr}");
}

#[test]
fn timeline_of_one_deal_shows_only_its_events() {
    let s = Sandbox::seeded();
    let all = timeline(&s, &[AWS_DEAL]);
    assert_eq!(deals_of(&all), set(&[AWS_DEAL]));
    let stored = s.count(
        "SELECT count(*) FROM deal_events e JOIN deals d ON d.id = e.deal_id
         WHERE d.slug = 'openai-aws-compute-2025'",
    );
    assert_eq!(all.len() as i64, stored);
    // By id too; an unknown deal is one clear line.
    let id = s.count("SELECT id FROM deals WHERE slug = 'openai-aws-compute-2025'");
    assert_eq!(timeline(&s, &[&id.to_string()]), all);
    let (code, stderr) = s.fail(&["timeline", "openai-aws-compute"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("no deal 'openai-aws-compute'"), "{stderr}");
    assert!(
        stderr.contains("did you mean openai-aws-compute-2025"),
        "{stderr}"
    );
    let (code, _) = s.fail(&["timeline", AWS_DEAL, "--company", "OpenAI"]);
    assert_eq!(code, 2);
}

#[test]
fn timeline_rollup_includes_the_deals_of_subsidiaries() {
    let s = Sandbox::seeded();
    let own = deals_of(&timeline(&s, &["--company", "Amazon"]));
    assert_eq!(own, set(&["amazon-anthropic-investment"]));
    let rolled = deals_of(&timeline(&s, &["--company", "Amazon", "--rollup"]));
    assert_eq!(
        rolled,
        set(&[
            "amazon-anthropic-investment",
            AWS_DEAL,
            "aws-anthropic-indiana-campus"
        ])
    );
}
