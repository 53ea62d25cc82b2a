//! `deals company add|list|show|edit|rm|alias`.

use serde_json::Value;

use crate::util::{AWS_DEAL, Sandbox, find, set, slug_set};

fn aliases(company: &Value) -> Vec<&str> {
    company["aliases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect()
}

#[test]
fn company_add_with_country_alias_and_kind() {
    let s = Sandbox::seeded();
    let out = s.stdout(&[
        "company",
        "add",
        "Mistral AI",
        "--country",
        "fr",
        "--alias",
        "Mistral",
        "--kind",
        "company",
    ]);
    assert!(out.contains("Mistral AI"), "{out}");
    for name in ["Mistral", "mistral", "Mistral AI", "mistral-ai"] {
        let company = s.json(&["company", "show", name]);
        assert_eq!(company["name"], "Mistral AI", "{name}");
        assert_eq!(company["country"], "FR");
        assert_eq!(company["kind"], "company");
        assert!(aliases(&company).contains(&"Mistral"), "{company:#}");
        assert_eq!(company["deal_count"].as_i64(), Some(0));
    }
    // The alias works wherever a company is named.
    s.run(&[
        "add",
        "--title",
        "Mistral on AWS",
        "--kind",
        "cloud-compute",
        "--party",
        "mistral:customer",
    ]);
    assert_eq!(
        slug_set(&s.json(&["list", "--company", "Mistral"])),
        set(&["mistral-on-aws"])
    );

    s.run(&[
        "company",
        "add",
        "Public Investment Fund",
        "--kind",
        "fund",
        "--country",
        "SA",
    ]);
    assert_eq!(
        s.json(&["company", "show", "Public Investment Fund"])["kind"],
        "fund"
    );
}

#[test]
fn an_alias_that_names_another_company_is_refused() {
    let s = Sandbox::seeded();
    let before = s.dump();
    let (code, stderr) = s.fail(&["company", "add", "Foo", "--alias", "AWS"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("AWS") && stderr.contains("Amazon Web Services"),
        "{stderr}"
    );
    let (code, stderr) = s.fail(&["company", "alias", "OpenAI", "aws"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("Amazon Web Services"), "{stderr}");
    let (code, stderr) = s.fail(&["company", "add", "azure"]);
    assert_eq!(code, 1, "a name that is another company's alias: {stderr}");
    assert_eq!(before, s.dump());
}

#[test]
fn company_alias_adds_and_removes_names() {
    let s = Sandbox::seeded();
    s.run(&["company", "alias", "OpenAI", "Open AI", "OAI"]);
    let openai = s.json(&["company", "show", "oai"]);
    assert_eq!(openai["name"], "OpenAI");
    assert!(aliases(&openai).contains(&"Open AI"));
    assert_eq!(
        s.json(&["list", "--company", "open ai"])
            .as_array()
            .unwrap()
            .len(),
        10
    );

    s.run(&["company", "alias", "Microsoft", "--remove", "Azure"]);
    let microsoft = s.json(&["company", "show", "Microsoft"]);
    assert!(!aliases(&microsoft).contains(&"Azure"), "{microsoft:#}");
    let (code, stderr) = s.fail(&["list", "--company", "Azure"]);
    assert_eq!(code, 1, "{stderr}");
    // Microsoft's deals are untouched.
    assert_eq!(microsoft["deal_count"].as_i64(), Some(2));

    // Its own name is not a removable alias.
    let before = s.dump();
    let (code, stderr) = s.fail(&["company", "alias", "OpenAI", "--remove", "OpenAI"]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(before, s.dump());
}

#[test]
fn renaming_a_company_keeps_the_old_name_as_an_alias() {
    let s = Sandbox::seeded();
    s.run(&["company", "edit", "Meta", "--name", "Meta Platforms Inc"]);
    let meta = s.json(&["company", "show", "Meta"]);
    assert_eq!(meta["name"], "Meta Platforms Inc");
    assert!(aliases(&meta).contains(&"Meta"), "{meta:#}");
    assert!(aliases(&meta).contains(&"Meta Platforms"), "{meta:#}");

    // A company with deals: its deals still resolve by the old name.
    s.run(&["company", "edit", "OpenAI", "--name", "OpenAI Group"]);
    let by_old = s.json(&["list", "--company", "OpenAI"]);
    assert_eq!(by_old.as_array().unwrap().len(), 10);
    let deal = s.json(&["show", AWS_DEAL]);
    assert!(
        deal["parties"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["company"] == "OpenAI Group"),
        "{deal:#}"
    );
    s.run(&[
        "add",
        "--title",
        "Old name",
        "--kind",
        "other",
        "--party",
        "OpenAI:partner",
    ]);
    let added = s.json(&["show", "old-name"]);
    assert_eq!(added["parties"][0]["company"], "OpenAI Group");
}

#[test]
fn company_list_sorted_by_deals() {
    let s = Sandbox::seeded();
    let companies = s.json(&["company", "list", "--sort", "deals"]);
    let list = companies.as_array().unwrap();
    assert_eq!(list.len(), 15);
    assert_eq!(list[0]["name"], "OpenAI");
    assert_eq!(list[0]["deal_count"].as_i64(), Some(10));
    let counts: Vec<i64> = list
        .iter()
        .map(|c| c["deal_count"].as_i64().unwrap())
        .collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
    assert_eq!(list[1]["name"], "Oracle");
    let by_name = s.json(&["company", "list"]);
    let names: Vec<&str> = by_name
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    let mut sorted = names.clone();
    sorted.sort_by_key(|n| n.to_lowercase());
    assert_eq!(names, sorted);
    assert_eq!(
        s.json(&["company", "list", "--sort", "deals", "--limit", "2"])
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn company_rm_of_a_company_with_deals_is_refused_naming_them() {
    let s = Sandbox::seeded();
    let before = s.dump();
    let (code, stderr) = s.fail(&["company", "rm", "Amazon", "--yes"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("amazon-anthropic-investment"), "{stderr}");
    let (code, stderr) = s.fail(&["company", "rm", "AWS", "--yes"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains(AWS_DEAL) && stderr.contains("aws-anthropic-indiana-campus"),
        "{stderr}"
    );
    assert_eq!(before, s.dump());
}

#[test]
fn company_rm_of_an_unused_company() {
    let s = Sandbox::seeded();
    s.run(&["company", "add", "NewCo", "--alias", "New Company"]);
    let before = s.dump();
    let (_, stderr) = s.fail(&["company", "rm", "NewCo"]);
    assert!(stderr.contains("--yes"), "{stderr}");
    assert_eq!(before, s.dump(), "rm without --yes deleted something");

    s.run(&["company", "rm", "NewCo", "--yes"]);
    let (code, _) = s.fail(&["company", "show", "NewCo"]);
    assert_eq!(code, 1);
    let (code, _) = s.fail(&["company", "show", "New Company"]);
    assert_eq!(code, 1, "the alias went with the company");
    assert_eq!(
        s.count("SELECT count(*) FROM company_aliases WHERE alias = 'New Company'"),
        0
    );
    assert_eq!(s.json(&["company", "list"]).as_array().unwrap().len(), 15);
}

#[test]
fn company_show_lists_parent_subsidiaries_and_deals() {
    let s = Sandbox::seeded();
    let aws = s.json(&["company", "show", "AWS"]);
    assert_eq!(aws["name"], "Amazon Web Services");
    assert_eq!(aws["parent"], "Amazon");
    assert_eq!(aws["deal_count"].as_i64(), Some(2));
    assert_eq!(
        slug_set(&aws["deals"]),
        set(&[AWS_DEAL, "aws-anthropic-indiana-campus"])
    );

    let amazon = s.json(&["company", "show", "amazon"]);
    let subsidiaries: Vec<String> = amazon["subsidiaries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            x.as_str()
                .map(str::to_string)
                .unwrap_or_else(|| x["name"].as_str().unwrap().to_string())
        })
        .collect();
    assert_eq!(subsidiaries, vec!["Amazon Web Services".to_string()]);
    assert_eq!(
        slug_set(&amazon["deals"]),
        set(&["amazon-anthropic-investment"])
    );

    let table = s.stdout(&["company", "show", "AWS"]);
    assert!(
        table.contains("Amazon") && table.contains(AWS_DEAL),
        "{table}"
    );
}

#[test]
fn company_show_rollup_includes_the_deals_of_subsidiaries() {
    let s = Sandbox::seeded();
    let amazon = s.json(&["company", "show", "Amazon", "--rollup"]);
    assert_eq!(
        slug_set(&amazon["deals"]),
        set(&[
            "amazon-anthropic-investment",
            AWS_DEAL,
            "aws-anthropic-indiana-campus"
        ])
    );
    let aws = find(&amazon["deals"], AWS_DEAL);
    assert_eq!(aws["roles"], serde_json::json!(["provider"]));
    let provider = amazon["by_role"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["role"] == "provider")
        .expect("AWS's provider deals count under Amazon");
    assert_eq!(provider["deals"], 2);
    // Its subsidiary is no counterparty of the group.
    let counterparties: Vec<&str> = amazon["counterparties"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["company"].as_str().unwrap())
        .collect();
    assert!(
        !counterparties.contains(&"Amazon Web Services"),
        "{counterparties:?}"
    );
    let table = s.stdout(&["company", "show", "Amazon", "--rollup"]);
    assert!(table.contains("With subsidiaries  3"), "{table}");
}

#[test]
fn company_edit_sets_and_clears_fields() {
    let s = Sandbox::seeded();
    s.run(&[
        "company",
        "edit",
        "G42",
        "--parent",
        "MGX",
        "--country",
        "none",
        "--website",
        "https://g42.ai",
    ]);
    let g42 = s.json(&["company", "show", "G42"]);
    assert_eq!(g42["parent"], "MGX");
    assert!(g42["country"].is_null());
    assert_eq!(g42["website"], "https://g42.ai");
    s.run(&["company", "edit", "G42", "--parent", "none"]);
    assert!(s.json(&["company", "show", "G42"])["parent"].is_null());
}

#[test]
fn names_match_in_any_case_and_unicode_form_and_keep_their_spelling() {
    let s = Sandbox::seeded();
    s.stdout(&["company", "add", "Deutsche Börse"]);
    for written in ["DEUTSCHE BÖRSE", "Deutsche Bo\u{308}rse", "deutsche börse"] {
        let found = s.json(&["company", "show", written]);
        assert_eq!(found["name"], "Deutsche Börse", "{written}");
    }
    let (code, message) = s.fail(&["company", "add", "DEUTSCHE BÖRSE"]);
    assert_eq!(code, 1, "{message}");
    assert!(
        message.contains("already names Deutsche Börse"),
        "{message}"
    );
    let (_, message) = s.fail(&["company", "alias", "OpenAI", "deutsche BÖRSE"]);
    assert!(
        message.contains("already names Deutsche Börse"),
        "{message}"
    );

    // A party written either way, in a CSV file or a JSON document, is the same company.
    let csv = s.write_file(
        "deals.csv",
        "title,kind,parties\nListing,other,DEUTSCHE BÖRSE:target\nClearing,other,Deutsche Bo\u{308}rse:acquirer\n",
    );
    s.stdout(&["import", csv.to_str().unwrap()]);
    let doc = s.write_file(
        "deals.json",
        r#"{"format": "deals/1", "deals": [{"title": "Index", "kind": "other", "parties": [{"company": "deutsche börse", "role": "partner"}]}]}"#,
    );
    s.stdout(&["import", doc.to_str().unwrap()]);
    assert_eq!(
        s.count("SELECT count(*) FROM companies WHERE lower(name) LIKE 'deutsche b%'"),
        1
    );
    let listed = s.json(&["list", "--company", "DEUTSCHE BÖRSE"]);
    assert_eq!(listed.as_array().unwrap().len(), 3, "{listed}");
}

#[test]
fn plain_sql_companies_are_matched_and_shared_names_are_reported_not_merged() {
    // About the SQLite file itself, or plain SQL in SQLite's dialect.
    crate::sqlite_only!();
    let s = Sandbox::seeded();
    // Written behind the tool's back: the name trigger adds the alias without a key.
    s.sql()
        .execute_batch(
            "INSERT INTO companies (slug, name) VALUES ('strasse-ag', 'Straße AG');
             INSERT INTO companies (slug, name) VALUES ('strasse-ag-2', 'STRASSE AG');",
        )
        .unwrap();
    let out = s.run(&["company", "show", "straße ag", "--format", "json"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("'STRASSE AG' and 'Straße AG'") && stderr.contains("nothing was merged"),
        "{stderr}"
    );
    assert_eq!(
        s.count("SELECT count(*) FROM companies WHERE slug LIKE 'strasse-ag%'"),
        2
    );
    // Reported once: the keys are in place now.
    let again = s.run(&["company", "list", "--format", "json"]);
    assert!(String::from_utf8_lossy(&again.stderr).is_empty());
    assert_eq!(
        s.count("SELECT count(*) FROM company_aliases WHERE alias_key IS NULL"),
        0
    );
}

#[test]
fn names_are_shown_and_checked_as_stored() {
    let s = Sandbox::seeded();
    let out = s.stdout(&["company", "add", "Bad\u{202e}Name\u{7}X"]);
    assert_eq!(out.trim_end(), "Added company 16 (BadNameX).", "{out:?}");
    for invisible in ["\u{200b}", " \u{200b}\u{202e} "] {
        let (code, message) = s.fail(&["company", "add", invisible]);
        assert_eq!(code, 2, "{message}");
        assert!(
            message.contains("a company name cannot be empty"),
            "{message}"
        );
        let (code, message) = s.fail(&["add", "--title", invisible, "--kind", "other"]);
        assert_eq!(code, 2, "{message}");
        assert!(message.contains("a title cannot be empty"), "{message}");
    }
    // Direction marks and soft hyphens make no second company.
    for lookalike in ["OpenAI\u{200e}", "Open\u{ad}AI"] {
        let (code, message) = s.fail(&["company", "add", lookalike]);
        assert_eq!(code, 1, "{message}");
        assert!(message.contains("already names OpenAI"), "{message}");
    }
}

#[test]
fn a_held_write_lock_leaves_keys_for_later_and_reads_still_work() {
    // About the SQLite file itself, or plain SQL in SQLite's dialect.
    crate::sqlite_only!();
    let s = Sandbox::seeded();
    let holder = s.sql();
    holder
        .execute(
            "INSERT INTO companies (slug, name) VALUES ('acme', 'Acme')",
            [],
        )
        .unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let out = s
        .cmd()
        .env("DEALS_BUSY_TIMEOUT_MS", "50")
        .args(["company", "show", "ACME", "--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let found: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(found["name"], "Acme");
    holder.execute_batch("ROLLBACK").unwrap();
    drop(holder);
    s.run(&["company", "list"]);
    assert_eq!(
        s.count("SELECT count(*) FROM company_aliases WHERE alias_key IS NULL"),
        0
    );
}
