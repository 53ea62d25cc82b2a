//! `company show` profiles (totals by role, counterparties, first and last deal)
//! and `company list --sort value`, checked against `list`.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::util::{AWS_DEAL, Sandbox, parties};

fn by_role<'a>(profile: &'a Value, role: &str, currency: Option<&str>) -> &'a Value {
    profile["by_role"]
        .as_array()
        .expect("by_role")
        .iter()
        .find(|r| r["role"] == role && r["currency"].as_str() == currency)
        .unwrap_or_else(|| panic!("no {role}/{currency:?} in {:#}", profile["by_role"]))
}

#[test]
fn profile_totals_by_role_match_the_companys_deals() {
    let s = Sandbox::seeded();
    let profile = s.json(&["company", "show", "OpenAI"]);
    let deals = s.json(&["list", "--company", "OpenAI"]);
    // (role, currency) -> (deals, value), from the deal list.
    let mut expected: BTreeMap<(String, Option<String>), (i64, i64)> = BTreeMap::new();
    for deal in deals.as_array().unwrap() {
        for (company, role) in parties(deal) {
            if company == "OpenAI" {
                let currency = deal["value_currency"].as_str().map(str::to_string);
                let cell = expected.entry((role, currency)).or_default();
                cell.0 += 1;
                cell.1 += deal["value_amount"].as_i64().unwrap_or(0);
            }
        }
    }
    let customer = &expected[&("customer".to_string(), Some("USD".to_string()))];
    assert_eq!(*customer, (4, 688_000_000_000));
    let row = by_role(&profile, "customer", Some("USD"));
    assert_eq!(
        (
            row["deals"].as_i64().unwrap(),
            row["value"].as_i64().unwrap()
        ),
        *customer
    );
    let got: BTreeMap<(String, Option<String>), (i64, i64)> = profile["by_role"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                (
                    r["role"].as_str().unwrap().to_string(),
                    r["currency"].as_str().map(str::to_string),
                ),
                (r["deals"].as_i64().unwrap(), r["value"].as_i64().unwrap()),
            )
        })
        .collect();
    assert_eq!(got, expected);
    assert_eq!(by_role(&profile, "customer", None)["value"], 0);
    assert_eq!(profile["deal_count"], 10);
    assert_eq!(profile["deals"].as_array().unwrap().len(), 10);
}

#[test]
fn profile_names_the_most_frequent_counterparties_and_first_and_last_deal() {
    let s = Sandbox::seeded();
    let profile = s.json(&["company", "show", "OpenAI"]);
    let deals = s.json(&["list", "--company", "OpenAI"]);
    let mut shared: BTreeMap<String, i64> = BTreeMap::new();
    for deal in deals.as_array().unwrap() {
        let mut others: Vec<String> = parties(deal)
            .into_iter()
            .map(|(company, _)| company)
            .filter(|c| c != "OpenAI")
            .collect();
        others.dedup();
        for other in others {
            *shared.entry(other).or_default() += 1;
        }
    }
    let most = *shared.values().max().unwrap();
    let counterparties = profile["counterparties"].as_array().unwrap();
    assert!(!counterparties.is_empty() && counterparties.len() <= 5);
    assert_eq!(counterparties[0]["company"], "Oracle");
    assert_eq!(counterparties[0]["deals"], most);
    assert_eq!(most, 3);
    for c in counterparties {
        let name = c["company"].as_str().unwrap();
        assert_ne!(name, "OpenAI");
        assert_eq!(c["deals"].as_i64(), shared.get(name).copied(), "{name}");
    }
    let counts: Vec<i64> = counterparties
        .iter()
        .map(|c| c["deals"].as_i64().unwrap())
        .collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
    assert_eq!(counterparties[1]["company"], "Microsoft");

    assert_eq!(profile["first_deal"]["slug"], "microsoft-openai-investment");
    assert_eq!(profile["first_deal"]["announced_on"], "2019-01-01");
    assert_eq!(profile["first_deal"]["announced_precision"], "year");
    assert_eq!(profile["last_deal"]["slug"], AWS_DEAL);
    assert_eq!(profile["last_deal"]["announced_on"], "2025-11-03");
}

#[test]
fn company_show_lists_subsidiaries() {
    let s = Sandbox::seeded();
    let amazon = s.json(&["company", "show", "Amazon"]);
    assert_eq!(
        amazon["subsidiaries"],
        serde_json::json!(["Amazon Web Services"])
    );
    assert_eq!(amazon["first_deal"]["slug"], "amazon-anthropic-investment");
    assert_eq!(amazon["last_deal"]["slug"], "amazon-anthropic-investment");
    let aws = s.json(&["company", "show", "AWS"]);
    assert_eq!(aws["subsidiaries"], serde_json::json!([]));
    assert_eq!(aws["parent"], "Amazon");
    // A company with no deals has an empty profile.
    s.run(&["company", "add", "Idle Corp"]);
    let idle = s.json(&["company", "show", "Idle Corp"]);
    assert_eq!(idle["by_role"], serde_json::json!([]));
    assert_eq!(idle["counterparties"], serde_json::json!([]));
    assert!(idle["first_deal"].is_null() && idle["last_deal"].is_null());
}

#[test]
fn company_list_sorted_by_value_puts_the_largest_first() {
    let s = Sandbox::seeded();
    let companies = s.json(&["company", "list", "--sort", "value"]);
    let names: Vec<&str> = companies
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 15);
    assert_eq!(names[0], "OpenAI");
    let usd = |name: &str| {
        s.count(&format!(
            "SELECT coalesce(sum(value_amount), 0) FROM deals WHERE value_currency = 'USD'
             AND id IN (SELECT deal_id FROM deal_parties p JOIN companies c ON c.id = p.company_id
                        WHERE c.name = '{name}')"
        ))
    };
    let values: Vec<i64> = names.iter().map(|n| usd(n)).collect();
    assert!(
        values.windows(2).all(|w| w[0] >= w[1]),
        "{:?}",
        names.iter().zip(&values).collect::<Vec<_>>()
    );
}

#[test]
fn company_show_table_has_the_profile_sections() {
    let s = Sandbox::seeded();
    let table = s.stdout(&["company", "show", "OpenAI"]);
    let lines: Vec<&str> = table.lines().map(str::trim).collect();
    assert!(lines.contains(&"By role"), "{table}");
    assert!(lines.contains(&"Deals most often with"), "{table}");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("First deal") && l.contains("microsoft-openai-investment")),
        "{table}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("Last deal") && l.contains(AWS_DEAL)),
        "{table}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("customer") && l.contains("$688B")),
        "{table}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("Oracle") && l.ends_with('3')),
        "{table}"
    );
}
