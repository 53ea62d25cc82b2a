//! `deals add`, `edit`, `rm` and `show`.

use crate::util::{AWS_DEAL, Sandbox, pairs, parties};

fn added_slug(stdout: &[u8]) -> String {
    // "Added deal 13 (test-deal)"
    let text = String::from_utf8_lossy(stdout);
    let open = text.find('(').expect("a slug in parentheses");
    let close = text[open..].find(')').expect("closing parenthesis") + open;
    text[open + 1..close].to_string()
}

#[test]
fn add_reads_italian_money_and_quarter_dates() {
    let s = Sandbox::seeded();
    let out = s.run(&[
        "add",
        "--title",
        "Test deal",
        "--kind",
        "investment",
        "--value",
        "2,5 miliardi di euro",
        "--announced",
        "2025-Q3",
        "--party",
        "OpenAI:investee",
        "--party",
        "Microsoft:investor",
    ]);
    assert_eq!(added_slug(&out.stdout), "test-deal");
    let deal = s.json(&["show", "test-deal"]);
    assert_eq!(deal["title"], "Test deal");
    assert_eq!(deal["kind"], "investment");
    assert_eq!(deal["status"], "announced", "default status");
    assert_eq!(deal["value_amount"].as_i64(), Some(2_500_000_000));
    assert_eq!(deal["value_currency"], "EUR");
    assert_eq!(deal["value_qualifier"], "exact");
    assert_eq!(deal["announced_on"], "2025-07-01");
    assert_eq!(deal["announced_precision"], "quarter");
    assert_eq!(
        parties(&deal),
        pairs(&[("Microsoft", "investor"), ("OpenAI", "investee")])
    );
    assert_eq!(s.json(&["list"]).as_array().unwrap().len(), 13);
}

#[test]
fn add_reads_the_written_forms_of_money() {
    let s = Sandbox::seeded();
    let cases: [(&str, i64, &str, &str); 8] = [
        ("$38 billion", 38_000_000_000, "USD", "exact"),
        ("USD 38bn", 38_000_000_000, "USD", "exact"),
        ("38 miliardi di dollari", 38_000_000_000, "USD", "exact"),
        ("€2.5bn", 2_500_000_000, "EUR", "exact"),
        ("$1.4 trillion", 1_400_000_000_000, "USD", "exact"),
        ("mille miliardi", 1_000_000_000_000, "USD", "exact"),
        ("up to $100B", 100_000_000_000, "USD", "up-to"),
        ("over $13 billion", 13_000_000_000, "USD", "at-least"),
    ];
    for (i, (written, amount, currency, qualifier)) in cases.iter().enumerate() {
        let slug = format!("money-{i}");
        s.run(&[
            "add", "--title", written, "--kind", "other", "--value", written, "--slug", &slug,
        ]);
        let deal = s.json(&["show", &slug]);
        assert_eq!(deal["value_amount"].as_i64(), Some(*amount), "{written}");
        assert_eq!(deal["value_currency"], *currency, "{written}");
        assert_eq!(deal["value_qualifier"], *qualifier, "{written}");
    }
}

#[test]
fn add_term_tags_and_explicit_slug() {
    let s = Sandbox::seeded();
    let out = s.run(&[
        "add",
        "--title",
        "Seven years",
        "--kind",
        "cloud-compute",
        "--term",
        "7y",
        "--tag",
        "gpu",
        "--tag",
        "Cloud",
        "--slug",
        "my-slug",
        "--status",
        "signed",
        "--announced",
        "2026-H2",
        "--starts",
        "2027",
        "--notes",
        "Some notes",
    ]);
    assert_eq!(added_slug(&out.stdout), "my-slug");
    let deal = s.json(&["show", "my-slug"]);
    assert_eq!(deal["term_months"].as_u64(), Some(84));
    assert_eq!(deal["status"], "signed");
    assert_eq!(deal["announced_on"], "2026-07-01");
    assert_eq!(deal["announced_precision"], "half");
    assert_eq!(deal["starts_on"], "2027-01-01");
    assert_eq!(deal["starts_precision"], "year");
    assert_eq!(deal["notes"], "Some notes");
    let tags: Vec<&str> = deal["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    assert!(tags.contains(&"gpu") && tags.contains(&"cloud"), "{tags:?}");
    assert_eq!(tags.len(), 2);
    // The tag filter finds it.
    assert!(
        crate::util::slugs(&s.json(&["list", "--tag", "cloud"])).contains(&"my-slug".to_string())
    );

    s.run(&[
        "add",
        "--title",
        "Months",
        "--kind",
        "other",
        "--term",
        "18 months",
        "--slug",
        "months",
    ]);
    assert_eq!(
        s.json(&["show", "months"])["term_months"].as_u64(),
        Some(18)
    );
}

#[test]
fn add_makes_the_slug_from_the_title_and_avoids_duplicates() {
    let s = Sandbox::seeded();
    let first = s.run(&["add", "--title", "Test deal", "--kind", "other"]);
    assert_eq!(added_slug(&first.stdout), "test-deal");
    let second = s.run(&["add", "--title", "Test deal", "--kind", "other"]);
    assert_eq!(added_slug(&second.stdout), "test-deal-2");
    let accents = s.run(&[
        "add",
        "--title",
        "Società Générale – Übernahme",
        "--kind",
        "other",
    ]);
    assert_eq!(added_slug(&accents.stdout), "societa-generale-ubernahme");
    // A title that collides with a seed slug.
    let stargate = s.run(&["add", "--title", "Stargate", "--kind", "other"]);
    assert_eq!(added_slug(&stargate.stdout), "stargate-2");
    assert_eq!(s.json(&["show", "test-deal-2"])["title"], "Test deal");
    assert_eq!(
        s.json(&["show", "stargate"])["kind"],
        "joint-venture",
        "the seed deal is untouched"
    );
}

#[test]
fn add_with_currency_flag_applies_it_to_a_bare_value() {
    let s = Sandbox::seeded();
    s.run(&[
        "add",
        "--title",
        "Euro",
        "--kind",
        "other",
        "--currency",
        "EUR",
        "--value",
        "38B",
    ]);
    let deal = s.json(&["show", "euro"]);
    assert_eq!(deal["value_amount"].as_i64(), Some(38_000_000_000));
    assert_eq!(deal["value_currency"], "EUR");
}

#[test]
fn edit_value_keeps_the_deals_currency_unless_the_text_names_one() {
    let s = Sandbox::seeded();
    let add = ["add", "--title", "Mistral Nvidia", "--kind", "other"];
    s.run(&[&add[..], &["--value", "€2.5B"]].concat());
    let value = |s: &Sandbox| {
        let deal = s.json(&["show", "mistral-nvidia"]);
        (
            deal["value_amount"].as_i64(),
            deal["value_currency"].clone(),
        )
    };
    s.run(&["edit", "mistral-nvidia", "--value", "3 miliardi"]);
    assert_eq!(value(&s), (Some(3_000_000_000), "EUR".into()));
    s.run(&["edit", "mistral-nvidia", "--value", "$4B"]);
    assert_eq!(value(&s), (Some(4_000_000_000), "USD".into()));
    s.run(&[
        "edit",
        "mistral-nvidia",
        "--value",
        "5B",
        "--currency",
        "GBP",
    ]);
    assert_eq!(value(&s), (Some(5_000_000_000), "GBP".into()));
    // A deal without a value takes US dollars, as `add` does.
    s.run(&["edit", "mistral-nvidia", "--value", "none"]);
    s.run(&["edit", "mistral-nvidia", "--value", "6B"]);
    assert_eq!(value(&s), (Some(6_000_000_000), "USD".into()));
}

#[test]
fn add_with_a_source_url_records_and_links_a_new_article() {
    let s = Sandbox::seeded();
    let articles_before = s.json(&["article", "list"]).as_array().unwrap().len();
    s.run(&[
        "add",
        "--title",
        "Sourced",
        "--kind",
        "other",
        "--source",
        "https://example.com/x",
        "--source",
        "openai-aws-38-miliardi-notizia",
    ]);
    let deal = s.json(&["show", "sourced"]);
    let sources = deal["sources"].as_array().unwrap();
    assert_eq!(sources.len(), 2, "{sources:#?}");

    let articles = s.json(&["article", "list"]);
    assert_eq!(articles.as_array().unwrap().len(), articles_before + 1);
    let article = s.json(&["article", "show", "https://example.com/x"]);
    assert_eq!(article["url"], "https://example.com/x");
    let id = article["id"].as_i64().unwrap();
    assert!(
        sources
            .iter()
            .any(|src| src["article_id"].as_i64() == Some(id))
    );
    assert_eq!(article["source_count"].as_i64(), Some(1));
}

#[test]
fn add_with_create_companies_adds_the_unknown_party() {
    let s = Sandbox::seeded();
    s.run(&[
        "add",
        "--title",
        "Mistral deal",
        "--kind",
        "partnership",
        "--party",
        "Mistral AI:partner",
        "--party",
        "AWS:provider",
        "--create-companies",
    ]);
    let company = s.json(&["company", "show", "Mistral AI"]);
    assert_eq!(company["name"], "Mistral AI");
    assert_eq!(company["deal_count"].as_i64(), Some(1));
    let deal = s.json(&["show", "mistral-deal"]);
    assert_eq!(
        parties(&deal),
        pairs(&[
            ("Amazon Web Services", "provider"),
            ("Mistral AI", "partner")
        ])
    );
}

#[test]
fn add_with_an_unknown_company_names_it_and_writes_nothing() {
    let s = Sandbox::seeded();
    let before = s.dump();
    let (code, stderr) = s.fail(&[
        "add",
        "--title",
        "Typo",
        "--kind",
        "other",
        "--party",
        "Micrsoft:partner",
        "--source",
        "https://example.com/typo",
        "--tag",
        "x",
    ]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("Micrsoft"), "{stderr}");
    assert!(
        stderr.contains("Microsoft"),
        "suggests the close name: {stderr}"
    );
    assert_eq!(before, s.dump(), "a failed add wrote something");
}

#[test]
fn edit_changes_the_fields_it_is_given() {
    let s = Sandbox::seeded();
    let out = s.stdout(&[
        "edit",
        "amd-openai-6gw",
        "--status",
        "active",
        "--value",
        "$90B",
        "--announced",
        "2025-10",
        "--term",
        "4y",
        "--notes",
        "New notes",
        "--title",
        "AMD–OpenAI GPUs",
        "--kind",
        "investment",
        "--starts",
        "2026-H2",
    ]);
    assert!(out.contains("Updated"), "{out}");
    let deal = s.json(&["show", "amd-openai-6gw"]);
    assert_eq!(deal["status"], "active");
    assert_eq!(deal["value_amount"].as_i64(), Some(90_000_000_000));
    assert_eq!(deal["value_currency"], "USD");
    assert_eq!(deal["announced_on"], "2025-10-01");
    assert_eq!(deal["announced_precision"], "month");
    assert_eq!(deal["term_months"].as_u64(), Some(48));
    assert_eq!(deal["notes"], "New notes");
    assert_eq!(deal["title"], "AMD–OpenAI GPUs");
    assert_eq!(deal["kind"], "investment");
    assert_eq!(deal["starts_on"], "2026-07-01");
    // Untouched fields stay.
    assert_eq!(parties(&deal).len(), 2);
}

#[test]
fn edit_none_clears_value_term_and_notes() {
    let s = Sandbox::seeded();
    s.run(&[
        "edit", AWS_DEAL, "--value", "none", "--term", "none", "--notes", "none", "--starts",
        "none",
    ]);
    let deal = s.json(&["show", AWS_DEAL]);
    assert!(deal["value_amount"].is_null(), "{deal:#}");
    assert!(deal["value_currency"].is_null());
    assert!(deal["value_qualifier"].is_null());
    assert!(deal["term_months"].is_null());
    assert!(deal["notes"].is_null());
    assert!(deal["starts_on"].is_null());
    // The sources and their stated figures are not the deal's value.
    assert_eq!(deal["sources"].as_array().unwrap().len(), 6);
}

#[test]
fn edit_slug_renames_the_deal() {
    let s = Sandbox::seeded();
    s.run(&["edit", AWS_DEAL, "--slug", "aws-openai"]);
    let deal = s.json(&["show", "aws-openai"]);
    assert_eq!(deal["title"], "OpenAI–AWS compute agreement");
    let (code, stderr) = s.fail(&["show", AWS_DEAL]);
    assert_eq!(code, 1, "{stderr}");
    // Renaming to a slug in use is refused.
    let (code, stderr) = s.fail(&["edit", "aws-openai", "--slug", "stargate"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("stargate"), "{stderr}");
}

#[test]
fn edit_adds_and_removes_parties_and_tags() {
    let s = Sandbox::seeded();
    s.run(&[
        "edit",
        AWS_DEAL,
        "--add-party",
        "Nvidia:provider",
        "--remove-party",
        "AWS",
        "--tag",
        "New-Tag",
        "--untag",
        "cloud",
    ]);
    let deal = s.json(&["show", AWS_DEAL]);
    assert_eq!(
        parties(&deal),
        pairs(&[("Nvidia", "provider"), ("OpenAI", "customer")])
    );
    let tags: Vec<&str> = deal["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    assert_eq!(tags, vec!["ai-compute", "gpu", "new-tag"]);
    // AWS is still a company, with one deal fewer.
    assert_eq!(
        s.json(&["company", "show", "AWS"])["deal_count"].as_i64(),
        Some(1)
    );

    // Removing one role of a company that holds two.
    s.run(&[
        "edit",
        "nvidia-openai-10gw",
        "--remove-party",
        "Nvidia:investor",
    ]);
    let nvidia = parties(&s.json(&["show", "nvidia-openai-10gw"]));
    assert!(!nvidia.contains(&("Nvidia".into(), "investor".into())));
    assert!(nvidia.contains(&("Nvidia".into(), "provider".into())));
}

#[test]
fn edit_that_changes_nothing_says_unchanged_and_writes_nothing() {
    let s = Sandbox::seeded();
    let before = s.dump();
    for args in [
        &["edit", AWS_DEAL, "--status", "active"][..],
        &[
            "edit",
            AWS_DEAL,
            "--value",
            "$38 billion",
            "--term",
            "84m",
            "--tag",
            "gpu",
        ],
        &["edit", AWS_DEAL, "--add-party", "OpenAI:customer"],
        &["edit", "amd-openai-6gw", "--value", "none"],
    ] {
        let out = s.stdout(args);
        assert!(
            out.contains("Unchanged"),
            "`deals {}`: {out}",
            args.join(" ")
        );
    }
    assert_eq!(before, s.dump(), "an unchanged edit wrote something");
}

#[test]
fn a_failed_edit_writes_nothing_at_all() {
    let s = Sandbox::seeded();
    let before = s.dump();
    // The status change is valid; the party removal is not: all or nothing.
    let (code, stderr) = s.fail(&[
        "edit",
        "stargate",
        "--status",
        "cancelled",
        "--remove-party",
        "AMD",
    ]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("AMD"), "{stderr}");
    assert_eq!(before, s.dump());
    assert_eq!(s.json(&["show", "stargate"])["status"], "announced");
}

#[test]
fn rm_yes_deletes_the_deal_and_keeps_the_companies() {
    let s = Sandbox::seeded();
    let id = s.json(&["show", AWS_DEAL])["id"].as_i64().unwrap();
    let out = s.stdout(&["rm", AWS_DEAL, "--yes"]);
    assert!(out.contains("Deleted"), "{out}");
    let (code, _) = s.fail(&["show", AWS_DEAL]);
    assert_eq!(code, 1);
    assert_eq!(s.json(&["list"]).as_array().unwrap().len(), 11);
    for table in ["deal_parties", "deal_tags", "deal_events", "deal_sources"] {
        assert_eq!(
            s.count(&format!(
                "SELECT count(*) FROM {table} WHERE deal_id = {id}"
            )),
            0,
            "{table} still has rows of the deleted deal"
        );
    }
    // The companies and the articles stay.
    assert_eq!(
        s.json(&["company", "show", "AWS"])["deal_count"].as_i64(),
        Some(1)
    );
    assert_eq!(
        s.json(&["company", "show", "OpenAI"])["deal_count"].as_i64(),
        Some(9)
    );
    assert_eq!(s.json(&["article", "list"]).as_array().unwrap().len(), 2);
}

#[test]
fn rm_without_yes_and_without_a_terminal_refuses() {
    let s = Sandbox::seeded();
    let before = s.dump();
    let (code, stderr) = s.fail(&["rm", AWS_DEAL]);
    assert!(code == 1 || code == 2, "{code}: {stderr}");
    assert!(stderr.contains("--yes"), "{stderr}");
    assert_eq!(before, s.dump(), "rm without --yes deleted something");
    // Also with an answer piped in: stdin is not a terminal.
    let (_, stderr) =
        crate::util::fail_cmd(s.cmd().args(["rm", AWS_DEAL]).write_stdin("y\n"), &["rm"]);
    assert!(stderr.contains("--yes"), "{stderr}");
    assert_eq!(before, s.dump());
}

#[test]
fn show_of_an_unknown_slug_suggests_close_slugs() {
    let s = Sandbox::seeded();
    let (code, stderr) = s.fail(&["show", "openai-aws"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.starts_with("error:"), "{stderr}");
    assert!(stderr.contains(AWS_DEAL), "{stderr}");
    let (code, stderr) = s.fail(&["show", "stargat"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("stargate"), "{stderr}");
    let (code, _) = s.fail(&["show", "99999"]);
    assert_eq!(code, 1);
}

#[test]
fn show_by_numeric_id() {
    let s = Sandbox::seeded();
    let id = s.json(&["show", AWS_DEAL])["id"].as_i64().unwrap();
    let by_id = s.json(&["show", &id.to_string()]);
    assert_eq!(by_id["slug"], AWS_DEAL);
    assert_eq!(by_id["value_amount"].as_i64(), Some(38_000_000_000));
    // Edit and rm take ids too.
    s.run(&["edit", &id.to_string(), "--status", "completed"]);
    assert_eq!(s.json(&["show", AWS_DEAL])["status"], "completed");
}

/// With --create-companies a party is still found by slug or id first, as
/// without it; only a name nobody has is created.
#[test]
fn create_companies_finds_companies_by_slug_and_id_first() {
    let s = Sandbox::seeded();
    let companies = s.count("SELECT count(*) FROM companies");
    let aws_id = s.count("SELECT id FROM companies WHERE slug = 'amazon-web-services'");
    let by_id = format!("{aws_id}:provider");
    s.run(&[
        "add",
        "--title",
        "By slug and id",
        "--kind",
        "partnership",
        "--party",
        "openai:customer",
        "--party",
        &by_id,
        "--create-companies",
    ]);
    assert_eq!(s.count("SELECT count(*) FROM companies"), companies);
    let deal = s.json(&["show", "by-slug-and-id"]);
    let names: Vec<&str> = deal["parties"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["company"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Amazon Web Services", "OpenAI"]);
}

#[test]
fn add_and_edit_say_what_they_understood() {
    let s = Sandbox::seeded();
    let out = s.run(&[
        "add",
        "--title",
        "Mistral Nvidia",
        "--kind",
        "chip-supply",
        "--value",
        "€2.5B",
        "--announced",
        "2025-Q3",
        "--term",
        "5y",
        "--party",
        "Mistral AI:customer",
        "--party",
        "Nvidia:provider",
        "--create-companies",
    ]);
    let id = s.json(&["show", "mistral-nvidia"])["id"].clone();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!(
            "Added deal {id} (mistral-nvidia): €2.5B exact, 2025-Q3, 5y, Mistral AI (customer), Nvidia (provider).\n"
        )
    );
    assert!(out.stderr.is_empty(), "no warning for a plausible value");
    let out = s.run(&["edit", "mistral-nvidia", "--value", "about 3 miliardi"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.starts_with(&format!(
            "Updated deal {id} (mistral-nvidia): €3.0B approx, 2025-Q3,"
        )),
        "{stdout}"
    );
    // A value under 1,000 units is kept, with a warning.
    let out = s.run(&["edit", "mistral-nvidia", "--value", "38"]);
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "warning: €38 is small for a deal; did you mean 38B?\n"
    );
    assert_eq!(s.json(&["show", "mistral-nvidia"])["value_amount"], 38);
    let out = s.run(&["add", "--title", "Bare", "--kind", "other"]);
    assert!(String::from_utf8_lossy(&out.stdout).ends_with("(bare).\n"));
}
