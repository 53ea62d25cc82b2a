//! `deals export`: the interchange document and the CSV files, and the round trip
//! export -> import into an empty database -> export.

use serde_json::Value;

use crate::util::{AWS_DEAL, Sandbox, lines};

/// A sandbox with an empty database.
/// Exports from `from`, imports into a new empty database, exports again.
fn round_trip(from: &Sandbox) -> (String, String) {
    let first = from.stdout(&["export"]);
    let to = Sandbox::empty();
    let file = to.write_file("first.json", &first);
    to.run(&["import", file.to_str().unwrap()]);
    (first, to.stdout(&["export"]))
}

#[test]
fn the_seed_set_survives_export_import_export() {
    let s = Sandbox::seeded();
    let (first, second) = round_trip(&s);
    assert_eq!(first, second);
    assert_eq!(
        first,
        s.stdout(&["export"]),
        "two exports are the same bytes"
    );
    let doc: Value = serde_json::from_str(&first).unwrap();
    assert_eq!(doc["format"], "deals/1");
    assert_eq!(doc["deals"].as_array().unwrap().len(), 12);
    let aws = doc["companies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "Amazon Web Services")
        .unwrap();
    assert_eq!(aws["parent"], "Amazon");
    assert_eq!(aws["aliases"][0], "AWS");
    let articles = doc["articles"].as_array().unwrap();
    assert!(
        articles
            .iter()
            .all(|a| a["body"].as_str().unwrap().len() > 3000)
    );
    let deal = doc["deals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["slug"] == AWS_DEAL)
        .unwrap();
    assert_eq!(deal["value_amount"], 38_000_000_000_i64);
    assert_eq!(deal["sources"].as_array().unwrap().len(), 6);
}

/// A document with every field of every record filled in.
const FULL: &str = r#"{
  "format": "deals/1",
  "companies": [
    {"name": "Parent Co", "slug": "parent-co", "kind": "fund", "country": "IT",
     "aliases": ["PCo", "Parent"], "website": "https://parent.example", "description": "The parent."},
    {"name": "Child Co", "slug": "child", "kind": "company", "country": "US", "parent": "PCo",
     "aliases": ["Kid"], "website": "https://child.example", "description": "A subsidiary,\nin two lines."}
  ],
  "articles": [
    {"key": "the-article", "url": "https://news.example/a", "title": "Parent invests",
     "publisher": "News", "author": "A. Writer", "language": "en", "published_on": "2025-11",
     "summary": "Short.", "body": "Parent Co puts $2 billion into Child Co. More text."}
  ],
  "deals": [
    {"slug": "parent-child-2025", "title": "Parent – Child", "kind": "investment", "status": "signed",
     "announced_on": "2025-Q4", "value_amount": 2000000000, "value_currency": "EUR",
     "value_qualifier": "at-least", "term_months": 18, "starts_on": "2026-H1", "notes": "Line one;\nline \"two\".",
     "parties": [{"company": "Parent", "role": "investor"}, {"company": "Kid", "role": "investee"},
                 {"company": "Kid", "role": "partner"}],
     "tags": ["zeta", "alpha"],
     "events": [{"on": "2026", "kind": "milestone", "note": "first tranche"},
                {"on": "2025-11-03", "kind": "signed"}],
     "sources": [{"article": "the-article", "quote": "Parent Co puts $2 billion into Child Co.",
                  "stated_amount": 2000000000, "stated_currency": "USD", "stated_qualifier": "approx"},
                 {"article": "https://news.example/a", "quote": "More text."}]}
  ]
}"#;

#[test]
fn every_field_survives_export_import_export() {
    let s = Sandbox::empty();
    let file = s.write_file("full.json", FULL);
    s.run(&["import", file.to_str().unwrap()]);
    let (first, second) = round_trip(&s);
    assert_eq!(first, second);
    let doc: Value = serde_json::from_str(&first).unwrap();
    let child = &doc["companies"][0];
    assert_eq!(child["name"], "Child Co");
    assert_eq!(child["parent"], "Parent Co");
    assert_eq!(child["description"], "A subsidiary,\nin two lines.");
    assert_eq!(
        doc["companies"][1]["aliases"],
        serde_json::json!(["Parent", "PCo"])
    );
    let article = &doc["articles"][0];
    for (key, value) in [
        ("key", "the-article"),
        ("publisher", "News"),
        ("author", "A. Writer"),
        ("language", "en"),
        ("published_on", "2025-11"),
        ("summary", "Short."),
    ] {
        assert_eq!(article[key], value, "{key}");
    }
    let deal = &doc["deals"][0];
    assert_eq!(deal["announced_on"], "2025-Q4");
    assert_eq!(deal["starts_on"], "2026-H1");
    assert_eq!(deal["value_qualifier"], "at-least");
    assert_eq!(deal["term_months"], 18);
    assert_eq!(deal["tags"], serde_json::json!(["alpha", "zeta"]));
    assert_eq!(deal["parties"].as_array().unwrap().len(), 3);
    assert_eq!(deal["events"][0]["on"], "2025-11-03");
    assert_eq!(deal["sources"][0]["quote"], "More text.");
    assert_eq!(deal["sources"][0]["article"], "the-article");
    assert_eq!(deal["sources"][1]["stated_qualifier"], "approx");
}

#[test]
fn csv_export_writes_one_file_per_record_kind_that_imports_again() {
    let s = Sandbox::seeded();
    let dir = s.root().join("csv");
    let out = s.stdout(&["export", "--format", "csv", "--out", dir.to_str().unwrap()]);
    assert!(
        out.starts_with("Wrote companies.csv, articles.csv"),
        "{out}"
    );
    let deals = std::fs::read_to_string(dir.join("deals.csv")).unwrap();
    assert!(deals.starts_with(
        "slug,title,kind,status,announced_on,value_amount,value_currency,value_qualifier,term_months,starts_on,parties,tags,notes\n"
    ));
    let aws = deals.lines().find(|l| l.starts_with(AWS_DEAL)).unwrap();
    assert!(
        aws.contains("Amazon Web Services:provider; OpenAI:customer"),
        "{aws}"
    );
    assert_eq!(lines(&deals).len(), 13);
    for (name, header) in [
        (
            "companies.csv",
            "name,slug,kind,country,parent,aliases,website,description",
        ),
        (
            "articles.csv",
            "key,url,title,publisher,author,language,published_on,summary,body",
        ),
        (
            "sources.csv",
            "deal,article,quote,stated_amount,stated_currency,stated_qualifier",
        ),
        ("events.csv", "deal,on,kind,note"),
    ] {
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        assert_eq!(text.lines().next(), Some(header), "{name}");
    }
    let before = s.dump();
    let summary = s.json(&["import", dir.join("deals.csv").to_str().unwrap()]);
    assert_eq!(
        (summary["inserted"].as_u64(), summary["updated"].as_u64()),
        (Some(0), Some(0))
    );
    assert_eq!(summary["unchanged"], 12);
    assert_eq!(s.dump(), before);
    let again = s.root().join("csv2");
    s.run(&[
        "export",
        "--format",
        "csv",
        "--out",
        again.to_str().unwrap(),
    ]);
    for name in [
        "companies.csv",
        "articles.csv",
        "deals.csv",
        "sources.csv",
        "events.csv",
    ] {
        assert_eq!(
            std::fs::read(dir.join(name)).unwrap(),
            std::fs::read(again.join(name)).unwrap(),
            "{name}"
        );
    }
}

#[test]
fn export_to_a_file_and_its_usage_errors() {
    let s = Sandbox::seeded();
    let path = s.root().join("all.json");
    let out = s.stdout(&["export", "--out", path.to_str().unwrap()]);
    assert_eq!(out, format!("Wrote {}.\n", path.display()));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        s.stdout(&["export"])
    );
    assert!(!s.root().join("all.json.partial").exists());
    let (code, err) = s.fail(&["export", "--format", "csv"]);
    assert_eq!(code, 2);
    assert!(err.contains("--out DIR"), "{err}");
    let (code, err) = s.fail(&["export", "--format", "markdown"]);
    assert_eq!(code, 2);
    assert!(err.contains("json (the default) or csv"), "{err}");
    // A folder that cannot be written leaves nothing behind.
    let (code, _) = s.fail(&[
        "export",
        "--out",
        s.root().join("no/such/dir/x.json").to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
}

/// Names and tags holding the list separators come back whole from
/// `export --format csv` and `import deals.csv`: a separator inside an item is
/// written with a backslash before it.
#[test]
fn any_company_name_or_tag_survives_the_csv_round_trip() {
    let s = Sandbox::empty();
    s.run(&[
        "add",
        "--title",
        "Odd names",
        "--kind",
        "partnership",
        "--party",
        "Alpha; Beta Holdings:partner",
        "--party",
        "Re:Think Labs:partner",
        "--party",
        r"Back\slash Ltd:partner",
        "--tag",
        "a|b",
        "--tag",
        "c;d",
        "--create-companies",
    ]);
    let before = s.json(&["show", "odd-names"]);
    let dir = s.root().join("csv");
    s.run(&["export", "--format", "csv", "--out", dir.to_str().unwrap()]);
    let deals_csv = std::fs::read_to_string(dir.join("deals.csv")).unwrap();
    assert!(
        deals_csv.contains(r"Alpha\; Beta Holdings:partner"),
        "{deals_csv}"
    );
    let fresh = Sandbox::empty();
    fresh.run(&["import", dir.join("deals.csv").to_str().unwrap()]);
    let after = fresh.json(&["show", "odd-names"]);
    for key in ["parties", "tags"] {
        let names = |deal: &serde_json::Value| {
            deal[key]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.get("company").unwrap_or(v).as_str().unwrap().to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(names(&after), names(&before), "{key}");
    }
}
