//! The bundled seed set, as the CLI shows it.

use std::collections::BTreeSet;

use crate::util::{AWS_DEAL, BLOG_ARTICLE, NEWS_ARTICLE, Sandbox, find, parties, set, slug_set};

#[test]
fn seed_has_twelve_deals_and_the_openai_aws_deal_as_reported() {
    let s = Sandbox::seeded();
    let deals = s.json(&["list"]);
    assert_eq!(deals.as_array().unwrap().len(), 12);
    assert_eq!(
        slug_set(&deals),
        set(&[
            "openai-aws-compute-2025",
            "microsoft-openai-investment",
            "openai-azure-commitment-2025",
            "amazon-anthropic-investment",
            "aws-anthropic-indiana-campus",
            "openai-oracle-compute-2025",
            "nvidia-openai-10gw",
            "amd-openai-6gw",
            "broadcom-openai-10gw",
            "openai-google-cloud-2025",
            "stargate",
            "stargate-uae",
        ])
    );

    let aws = find(&deals, AWS_DEAL);
    assert_eq!(aws["value_amount"].as_i64(), Some(38_000_000_000));
    assert_eq!(aws["value_currency"], "USD");
    assert_eq!(aws["value_qualifier"], "exact");
    assert_eq!(aws["kind"], "cloud-compute");
    assert_eq!(aws["status"], "active");
    assert_eq!(aws["term_months"].as_u64(), Some(84));
    assert_eq!(aws["announced_on"], "2025-11-03");
    assert_eq!(aws["announced_precision"], "day");
    assert_eq!(aws["starts_on"], "2025-11-01");
    assert_eq!(aws["starts_precision"], "month");
    let p = parties(aws);
    assert!(p.contains(&("OpenAI".into(), "customer".into())), "{p:?}");
    assert!(
        p.contains(&("Amazon Web Services".into(), "provider".into())),
        "{p:?}"
    );
    assert_eq!(p.len(), 2);

    // A company may hold two roles in one deal.
    let nvidia = parties(find(&deals, "nvidia-openai-10gw"));
    assert!(nvidia.contains(&("Nvidia".into(), "investor".into())));
    assert!(nvidia.contains(&("Nvidia".into(), "provider".into())));
    // "up to $100B" and "more than $13B" keep their qualifiers.
    assert_eq!(
        find(&deals, "nvidia-openai-10gw")["value_qualifier"],
        "up-to"
    );
    assert_eq!(
        find(&deals, "microsoft-openai-investment")["value_qualifier"],
        "at-least"
    );
    assert_eq!(
        find(&deals, "openai-oracle-compute-2025")["value_qualifier"],
        "approx"
    );
    // Undisclosed values are null, not 0.
    assert!(find(&deals, "amd-openai-6gw")["value_amount"].is_null());
}

#[test]
fn the_openai_aws_deal_is_sourced_from_both_articles() {
    let s = Sandbox::seeded();
    let deal = s.json(&["show", AWS_DEAL]);
    assert_eq!(deal["slug"], AWS_DEAL);
    let sources = deal["sources"].as_array().expect("sources");
    assert_eq!(sources.len(), 6, "{sources:#?}");
    for source in sources {
        assert!(!source["quote"].as_str().unwrap().trim().is_empty());
    }

    let stating: Vec<_> = sources
        .iter()
        .filter(|src| src["stated_amount"].as_i64() == Some(38_000_000_000))
        .collect();
    let article_ids: BTreeSet<i64> = stating
        .iter()
        .map(|src| src["article_id"].as_i64().unwrap())
        .collect();
    assert_eq!(
        article_ids.len(),
        2,
        "both articles state $38B: {stating:#?}"
    );
    let article_slugs: BTreeSet<&str> = stating
        .iter()
        .map(|src| src["article_slug"].as_str().unwrap())
        .collect();
    assert_eq!(
        article_slugs,
        [BLOG_ARTICLE, NEWS_ARTICLE].into_iter().collect()
    );
    for src in &stating {
        assert!(
            src["quote"].as_str().unwrap().contains("38 miliardi"),
            "{src:#}"
        );
        assert_eq!(src["stated_currency"], "USD");
        assert_eq!(src["stated_qualifier"], "exact");
    }

    let events = deal["events"].as_array().expect("events");
    assert_eq!(events.len(), 6);
    assert!(
        events
            .iter()
            .any(|e| e["kind"] == "announced" && e["on"] == "2025-11-03")
    );
    assert!(
        events
            .iter()
            .any(|e| e["on"] == "2027-01-01" && e["precision"] == "year")
    );
}

#[test]
fn conflicting_source_figures_show_up_per_source() {
    // Article 000 says 13 billion, article 001 "more than 13 billion".
    let s = Sandbox::seeded();
    let deal = s.json(&["show", "microsoft-openai-investment"]);
    let qualifiers: BTreeSet<&str> = deal["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|src| src["stated_qualifier"].as_str().unwrap())
        .collect();
    assert_eq!(qualifiers, ["at-least", "exact"].into_iter().collect());
}

#[test]
fn seed_never_undoes_an_edit_and_says_what_it_left() {
    let s = Sandbox::seeded();
    s.run(&["edit", "stargate", "--status", "signed", "--tag", "mine"]);
    s.run(&["rm", "amd-openai-6gw", "--yes"]);
    let before = s.dump();
    let out = s.stdout(&["seed"]);
    assert!(
        out.contains("Left as changed since seeded: deal amd-openai-6gw, deal stargate."),
        "{out}"
    );
    let stargate = s.json(&["show", "stargate"]);
    assert_eq!(stargate["status"], "signed");
    assert!(stargate["tags"].to_string().contains("mine"), "{stargate}");
    s.fail(&["show", "amd-openai-6gw"]);
    assert_eq!(s.dump(), before, "seeding wrote nothing");
    // Seeding adds what is missing: a seeded deal renamed away stays renamed.
    s.run(&["edit", "nvidia-openai-10gw", "--slug", "nvidia-10gw"]);
    let out = s.stdout(&["seed"]);
    assert!(out.contains("deal nvidia-openai-10gw"), "{out}");
    s.fail(&["show", "nvidia-openai-10gw"]);
}
