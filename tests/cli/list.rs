//! `deals list` filters, sorting and limits, checked on the seed set.

use serde_json::Value;

use crate::util::{AWS_DEAL, Sandbox, set, slug_set, slugs};

fn companies_of(deal: &Value) -> Vec<&str> {
    deal["parties"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["company"].as_str().unwrap())
        .collect()
}

#[test]
fn company_filter_resolves_names_and_aliases_in_any_case() {
    let s = Sandbox::seeded();
    let expected = set(&[AWS_DEAL, "aws-anthropic-indiana-campus"]);
    for name in ["AWS", "aws", "Amazon Web Services", "amazon web services"] {
        let found = s.json(&["list", "--company", name]);
        assert_eq!(slug_set(&found), expected, "--company {name}");
        for deal in found.as_array().unwrap() {
            assert!(companies_of(deal).contains(&"Amazon Web Services"));
        }
    }
}

#[test]
fn company_filter_by_alias_azure_finds_the_microsoft_deals() {
    let s = Sandbox::seeded();
    let found = s.json(&["list", "--company", "Azure"]);
    assert_eq!(
        slug_set(&found),
        set(&[
            "openai-azure-commitment-2025",
            "microsoft-openai-investment"
        ])
    );
}

#[test]
fn company_and_counterparty_select_the_deals_between_them() {
    let s = Sandbox::seeded();
    let found = s.json(&["list", "--company", "OpenAI", "--counterparty", "Microsoft"]);
    assert_eq!(
        slug_set(&found),
        set(&[
            "openai-azure-commitment-2025",
            "microsoft-openai-investment"
        ])
    );
    let openai = s.json(&["list", "--company", "openai"]);
    assert_eq!(openai.as_array().unwrap().len(), 10);
    let oracle = s.json(&["list", "--company", "OpenAI", "--counterparty", "Oracle"]);
    assert_eq!(
        slug_set(&oracle),
        set(&["openai-oracle-compute-2025", "stargate", "stargate-uae"])
    );
}

#[test]
fn kind_status_and_tag_filters() {
    let s = Sandbox::seeded();
    let investments = s.json(&["list", "--kind", "investment"]);
    assert_eq!(
        slug_set(&investments),
        set(&[
            "nvidia-openai-10gw",
            "amazon-anthropic-investment",
            "microsoft-openai-investment"
        ])
    );
    assert!(
        investments
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["kind"] == "investment")
    );

    let signed = s.json(&["list", "--status", "signed"]);
    assert_eq!(
        slug_set(&signed),
        set(&["amd-openai-6gw", "broadcom-openai-10gw"])
    );

    let gpu = s.json(&["list", "--tag", "gpu"]);
    assert_eq!(
        slug_set(&gpu),
        set(&[AWS_DEAL, "amd-openai-6gw", "nvidia-openai-10gw"])
    );

    let combined = s.json(&["list", "--kind", "cloud-compute", "--status", "reported"]);
    assert_eq!(
        slug_set(&combined),
        set(&["openai-oracle-compute-2025", "openai-google-cloud-2025"])
    );
}

#[test]
fn date_filters_cover_whole_periods() {
    let s = Sandbox::seeded();
    let october = s.json(&["list", "--since", "2025-10", "--until", "2025-10"]);
    assert_eq!(
        slug_set(&october),
        set(&[
            "openai-azure-commitment-2025",
            "amd-openai-6gw",
            "broadcom-openai-10gw"
        ])
    );
    for deal in october.as_array().unwrap() {
        assert!(
            deal["announced_on"]
                .as_str()
                .unwrap()
                .starts_with("2025-10-")
        );
    }

    let since_2025 = s.json(&["list", "--since", "2025"]);
    assert_eq!(since_2025.as_array().unwrap().len(), 10);
    for deal in since_2025.as_array().unwrap() {
        assert!(
            deal["announced_on"].as_str().unwrap() >= "2025-01-01",
            "{deal:#}"
        );
    }

    let until_2024 = s.json(&["list", "--until", "2024"]);
    assert_eq!(
        slug_set(&until_2024),
        set(&["amazon-anthropic-investment", "microsoft-openai-investment"])
    );
}

#[test]
fn min_value_keeps_deals_worth_at_least_that_much_in_that_currency() {
    let s = Sandbox::seeded();
    // A larger deal in euros must not count as 200B dollars.
    s.run(&[
        "add",
        "--title",
        "Euro giant",
        "--kind",
        "investment",
        "--value",
        "€200B",
    ]);
    let big = s.json(&["list", "--min-value", "100B"]);
    assert_eq!(
        slug_set(&big),
        set(&[
            "openai-azure-commitment-2025",
            "nvidia-openai-10gw",
            "openai-oracle-compute-2025",
            "stargate"
        ])
    );
    for deal in big.as_array().unwrap() {
        assert_eq!(deal["value_currency"], "USD");
        assert!(deal["value_amount"].as_i64().unwrap() >= 100_000_000_000);
    }
    let euro = s.json(&["list", "--min-value", "€100B"]);
    assert_eq!(slug_set(&euro), set(&["euro-giant"]));
}

#[test]
fn sort_by_value_is_largest_first_with_undisclosed_last() {
    let s = Sandbox::seeded();
    let sorted = s.json(&["list", "--sort", "value"]);
    let amounts: Vec<Option<i64>> = sorted
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["value_amount"].as_i64())
        .collect();
    assert_eq!(amounts.len(), 12);
    let known: Vec<i64> = amounts.iter().map_while(|a| *a).collect();
    assert_eq!(known.len(), 8, "{amounts:?}");
    assert!(
        amounts[8..].iter().all(Option::is_none),
        "undisclosed last: {amounts:?}"
    );
    assert!(
        known.windows(2).all(|w| w[0] >= w[1]),
        "descending: {known:?}"
    );
    assert_eq!(known[0], 500_000_000_000);
    assert_eq!(slugs(&sorted)[0], "stargate");
}

#[test]
fn sort_by_title_is_alphabetical() {
    let s = Sandbox::seeded();
    let sorted = s.json(&["list", "--sort", "title"]);
    let titles: Vec<String> = sorted
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["title"].as_str().unwrap().to_lowercase())
        .collect();
    assert_eq!(titles.len(), 12);
    let mut expected = titles.clone();
    expected.sort();
    assert_eq!(titles, expected);
    assert_eq!(slugs(&sorted)[0], "amazon-anthropic-investment");
}

#[test]
fn default_order_is_newest_first() {
    let s = Sandbox::seeded();
    let list = s.json(&["list"]);
    let dates: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["announced_on"].as_str().unwrap())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    assert_eq!(slugs(&list)[0], AWS_DEAL);
}

#[test]
fn limit_keeps_the_first_n() {
    let s = Sandbox::seeded();
    let all = slugs(&s.json(&["list"]));
    let three = slugs(&s.json(&["list", "--limit", "3"]));
    assert_eq!(three, all[..3].to_vec());
    let top = slugs(&s.json(&["list", "--sort", "value", "--limit", "1"]));
    assert_eq!(top, vec!["stargate".to_string()]);
}

#[test]
fn unknown_company_in_list_is_an_error_with_suggestions() {
    let s = Sandbox::seeded();
    let (code, stderr) = s.fail(&["list", "--company", "Amazn"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.starts_with("error:"), "{stderr}");
    assert!(stderr.contains("Amazn"), "{stderr}");
    assert!(stderr.contains("did you mean"), "{stderr}");
    assert!(stderr.contains("Amazon"), "{stderr}");
    let (code, stderr) = s.fail(&["list", "--counterparty", "Microsfot"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("Microsoft"), "{stderr}");
}

/// The hint of an unknown-company error must not offer a flag the command lacks:
/// `list`, `company show` and `company add --parent` have no --create-companies.
#[test]
fn unknown_company_hint_offers_only_flags_the_command_has() {
    let s = Sandbox::seeded();
    let commands: [&[&str]; 3] = [
        &["list", "--company", "Amazn"],
        &["company", "show", "Amzon"],
        &["company", "add", "Kuiper", "--parent", "Amazn"],
    ];
    let mut wrong = Vec::new();
    for args in commands {
        let (_, stderr) = s.fail(args);
        if stderr.contains("--create-companies") {
            wrong.push(format!("`deals {}`: {}", args.join(" "), stderr.trim()));
        }
    }
    assert!(
        wrong.is_empty(),
        "these hints name --create-companies, which the command does not accept:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn list_filters_take_commas_as_well_as_repeats() {
    let s = Sandbox::seeded();
    let by_comma = s.json(&["list", "--status", "signed,active"]);
    let by_repeat = s.json(&["list", "--status", "signed", "--status", "active"]);
    assert_eq!(slug_set(&by_comma), slug_set(&by_repeat));
    assert!(!by_comma.as_array().unwrap().is_empty());
    for deal in by_comma.as_array().unwrap() {
        assert!(deal["status"] == "signed" || deal["status"] == "active");
    }
    let kinds = s.json(&["list", "--kind", "investment,chip-supply"]);
    let kinds_repeated = s.json(&["list", "--kind", "investment", "--kind", "chip-supply"]);
    assert_eq!(slug_set(&kinds), slug_set(&kinds_repeated));
    let mut seen: Vec<&str> = kinds
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["kind"].as_str().unwrap())
        .collect();
    seen.sort_unstable();
    seen.dedup();
    assert_eq!(seen, ["chip-supply", "investment"]);
    // Tags: a deal with any of them.
    let tags = s.json(&["list", "--tag", "anthropic,stargate"]);
    let anthropic = s.json(&["list", "--tag", "anthropic"]);
    let stargate = s.json(&["list", "--tag", "stargate"]);
    let either: std::collections::BTreeSet<String> = slug_set(&anthropic)
        .union(&slug_set(&stargate))
        .cloned()
        .collect();
    assert_eq!(slug_set(&tags), either);
    assert_eq!(either.len(), 4);
}

#[test]
fn an_unknown_status_suggests_the_status_meant() {
    let s = Sandbox::seeded();
    let (code, stderr) = s.fail(&["list", "--status", "signed,rumour"]);
    assert_eq!(code, 2);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("unknown status 'rumour' (did you mean reported?)"),
        "{stderr}"
    );
    let (_, stderr) = s.fail(&["list", "--status", "sined"]);
    assert!(stderr.contains("did you mean signed?"), "{stderr}");
}

#[test]
fn list_rollup_includes_the_deals_of_subsidiaries() {
    let s = Sandbox::seeded();
    let own = s.json(&["list", "--company", "Amazon"]);
    assert_eq!(slug_set(&own), set(&["amazon-anthropic-investment"]));
    let rolled = s.json(&["list", "--company", "Amazon", "--rollup"]);
    assert_eq!(
        slug_set(&rolled),
        set(&[
            "amazon-anthropic-investment",
            AWS_DEAL,
            "aws-anthropic-indiana-campus"
        ])
    );
    // The same companies a rolled-up report counts under Amazon.
    let report = s.json(&["report", "--by", "none", "--company", "Amazon", "--rollup"]);
    let counted: u64 = report["totals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["deals"].as_u64().unwrap())
        .sum();
    assert_eq!(counted, 3, "{report:#}");
    let (code, stderr) = s.fail(&["list", "--rollup"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("--company"), "{stderr}");
}
