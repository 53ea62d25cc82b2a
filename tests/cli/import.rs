//! `deals import`: JSON documents and CSV files, idempotent, all or nothing,
//! --skip-errors with rejects files that import again, --dry-run, --map/--set,
//! and the mess that real exports are made of. Every input is written here.

use serde_json::Value;

use crate::util::Sandbox;

/// `deals import FILE ARGS --format json`, parsed.
fn import(s: &Sandbox, file: &std::path::Path, args: &[&str]) -> Value {
    let mut all = vec!["import", file.to_str().unwrap()];
    all.extend_from_slice(args);
    s.json(&all)
}

fn counts(summary: &Value) -> [u64; 4] {
    ["inserted", "updated", "unchanged", "rejected"].map(|k| summary[k].as_u64().unwrap())
}

/// A deal by slug, from `deals show`.
fn show(s: &Sandbox, slug: &str) -> Value {
    s.json(&["show", slug])
}

const OWN: &str = "\
slug,title,kind,status,announced_on,value,value_amount,value_currency,value_qualifier,term_months,starts_on,parties,tags,source_url,notes
openai-aws,OpenAI–AWS,cloud-compute,active,2025-11-03,$38B,,,,84,2025-11,OpenAI:customer; AWS:provider,gpu; AI Compute,https://news.example/aws,\"two
lines\"
,Oracle deal,cloud-compute,,2025-Q3,,300000000000,USD,approx,5y,,OpenAI:customer; Oracle:provider,,,
";

#[test]
fn our_csv_loads_and_loading_it_again_changes_nothing() {
    let s = Sandbox::empty();
    let file = s.write_file("deals.csv", OWN);
    let first = import(&s, &file, &[]);
    assert_eq!(counts(&first), [2, 0, 0, 0]);
    assert_eq!(first["companies"]["inserted"], 3);
    assert_eq!(first["articles"]["inserted"], 1);
    let deal = show(&s, "openai-aws");
    assert_eq!(deal["value_amount"], 38_000_000_000_i64);
    assert_eq!(deal["term_months"], 84);
    assert_eq!(deal["tags"], serde_json::json!(["ai-compute", "gpu"]));
    assert_eq!(deal["notes"], "two\nlines");
    assert_eq!(
        deal["sources"][0]["article_title"],
        "https://news.example/aws"
    );
    // No slug: made from the title and the date, the same every time.
    let oracle = show(&s, "oracle-deal-2025-q3");
    assert_eq!(oracle["value_qualifier"], "approx");
    assert_eq!(oracle["status"], "announced");
    assert_eq!(oracle["term_months"], 60);
    let before = s.dump();
    let again = import(&s, &file, &[]);
    assert_eq!(counts(&again), [0, 0, 2, 0]);
    assert_eq!(s.dump(), before);
    let text = s.stdout(&["import", file.to_str().unwrap()]);
    assert!(text.starts_with("Imported "), "{text}");
    assert!(
        text.contains("0 inserted, 0 updated, 2 unchanged, 0 rejected; nothing changed."),
        "{text}"
    );
}

#[test]
fn a_changed_row_updates_its_deal_and_keeps_what_the_file_does_not_give() {
    let s = Sandbox::seeded();
    let file = s.write_file(
        "status.csv",
        "slug,status,tags\nopenai-aws-compute-2025,completed,closed\n",
    );
    let summary = import(&s, &file, &[]);
    assert_eq!(counts(&summary), [0, 1, 0, 0]);
    let deal = show(&s, "openai-aws-compute-2025");
    assert_eq!(deal["status"], "completed");
    assert_eq!(deal["tags"], serde_json::json!(["closed"]));
    assert_eq!(deal["value_amount"], 38_000_000_000_i64);
    assert_eq!(deal["sources"].as_array().unwrap().len(), 6);
    assert!(!deal["events"].as_array().unwrap().is_empty());
}

#[test]
fn one_bad_row_writes_nothing_and_names_file_line_field_and_column() {
    let s = Sandbox::seeded();
    let before = s.dump();
    // Line 5: the quoted line break of lines 2-3 and the blank line 4 count.
    let file = s.write_file(
        "bad.csv",
        "title,kind,announced_on\r\n\"A\r\nB\",other,2025\r\n\r\nC,other,2025-13-01\r\nD,other,2025\r\n",
    );
    let (code, err) = s.fail(&["import", file.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains(
            "bad.csv: line 5: announced_on (column 'announced_on'): invalid date '2025-13-01'"
        ),
        "{err}"
    );
    assert_eq!(s.dump(), before);
}

#[test]
fn skipping_errors_loads_the_rest_and_the_fixed_rejects_import_again() {
    let s = Sandbox::empty();
    let file = s.write_file(
        "mixed.csv",
        "title,kind,value\nGood,other,$1B\nBad kind,rumour,\nBad value,other,lots\nAlso good,other,\n",
    );
    let rejects = s.root().join("rejects.csv");
    let summary = import(
        &s,
        &file,
        &["--skip-errors", "--rejects", rejects.to_str().unwrap()],
    );
    assert_eq!(counts(&summary), [2, 0, 0, 2]);
    let text = std::fs::read_to_string(&rejects).unwrap();
    let rows: Vec<&str> = text.lines().collect();
    assert_eq!(rows[0], "title,kind,value,reject_reason");
    assert!(
        rows[1]
            .starts_with("Bad kind,rumour,,\"line 3: kind (column 'kind'): unknown kind 'rumour'"),
        "{text}"
    );
    assert!(rows[2].starts_with("Bad value,other,lots,"), "{text}");
    assert!(
        rows[2].contains("line 4: value (column 'value'): "),
        "{text}"
    );
    // Fixed by hand; the reject_reason column is ignored.
    let fixed = text.replace("rumour", "other").replace(",lots,", ",$2B,");
    let fixed = s.write_file("fixed.csv", &fixed);
    let summary = import(&s, &fixed, &["--skip-errors"]);
    assert_eq!(counts(&summary), [2, 0, 0, 0]);
    assert_eq!(s.count("SELECT count(*) FROM deals"), 4);
}

#[test]
fn companies_counted_are_the_companies_kept_when_a_row_is_rolled_back() {
    let s = Sandbox::empty();
    // The second row names the first row's deal with another title: a conflict,
    // found after its new company Beta was created, and rolled back with it.
    let file = s.write_file(
        "merge.csv",
        "slug,title,kind,parties\nx,X,other,Alpha:acquirer\nx,Y,other,Beta:acquirer\ny,Z,other,Gamma:target\n",
    );
    let summary = import(&s, &file, &["--skip-errors"]);
    assert_eq!(counts(&summary), [2, 0, 0, 1]);
    assert_eq!(s.count("SELECT count(*) FROM companies"), 2);
    assert_eq!(summary["companies"]["inserted"], 2);
}

#[test]
fn companies_of_a_deal_refused_with_its_batch_are_not_counted() {
    crate::sqlite_only!();
    let s = Sandbox::empty();
    // A rule of the desk's own: the database refuses the second deal when its
    // batch is written, after its new companies were made for it.
    s.execute(
        "CREATE TRIGGER no_rumours BEFORE INSERT ON deals WHEN NEW.title LIKE 'Rumour%'
         BEGIN SELECT RAISE(ABORT, 'no rumours'); END",
    );
    let file = s.write_file(
        "desk.csv",
        "title,kind,parties\n\
         Chips for Meta,chip-supply,Meta:customer; Nvidia:provider\n\
         Rumour: Apple buys Mistral,acquisition,Apple:acquirer; Mistral AI:target\n\
         Cloud for xAI,cloud-compute,xAI:customer; Nvidia:provider\n",
    );
    let summary = import(&s, &file, &["--skip-errors"]);
    assert_eq!(counts(&summary), [2, 0, 0, 1]);
    assert_eq!(s.count("SELECT count(*) FROM companies"), 3);
    assert_eq!(summary["companies"]["inserted"], 3);
}

#[test]
fn json_documents_skip_bad_records_into_a_document_that_imports_again() {
    let s = Sandbox::empty();
    let file = s.write_file(
        "doc.json",
        r#"{"format": "deals/1", "deals": [
            {"slug": "good", "title": "Good", "kind": "other"},
            {"slug": "bad", "title": "Bad", "kind": "other", "announced_on": "2025-13"}]}"#,
    );
    let (code, err) = s.fail(&["import", file.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        err.contains("doc.json: deals[1] (bad): announced_on: invalid date '2025-13'"),
        "{err}"
    );
    assert_eq!(s.count("SELECT count(*) FROM deals"), 0);
    let rejects = s.root().join("rejects.json");
    let summary = import(
        &s,
        &file,
        &["--skip-errors", "--rejects", rejects.to_str().unwrap()],
    );
    assert_eq!(counts(&summary), [1, 0, 0, 1]);
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&rejects).unwrap()).unwrap();
    assert_eq!(doc["deals"][0]["slug"], "bad");
    assert!(
        doc["deals"][0]["reject_reason"]
            .as_str()
            .unwrap()
            .contains("announced_on")
    );
    let fixed = std::fs::read_to_string(&rejects)
        .unwrap()
        .replace("2025-13", "2025-12");
    let fixed = s.write_file("fixed.json", &fixed);
    assert_eq!(counts(&import(&s, &fixed, &[])), [1, 0, 0, 0]);
}

#[test]
fn a_dry_run_says_what_it_would_do_and_writes_nothing() {
    let s = Sandbox::seeded();
    let before = s.dump();
    let file = s.write_file("deals.csv", OWN);
    let text = s.stdout(&["import", "--dry-run", file.to_str().unwrap()]);
    assert!(text.starts_with("Dry run of "), "{text}");
    assert!(
        text.contains("It would give: 2 inserted, 0 updated, 0 unchanged, 0 rejected."),
        "{text}"
    );
    assert_eq!(s.dump(), before);
}

#[test]
fn mapping_errors_are_usage_errors_that_list_what_is_valid() {
    let s = Sandbox::empty();
    let file = s.write_file("x.csv", "name,buyer,when\nA,B,2020\n");
    let path = file.to_str().unwrap();
    let (code, err) = s.fail(&["import", path, "--map", "anounced_on=when"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("unknown field 'anounced_on'; expected one of: slug, title, kind"),
        "{err}"
    );
    let (code, err) = s.fail(&[
        "import",
        path,
        "--map",
        "party:target=company",
        "--set",
        "kind=acquisition",
    ]);
    assert_eq!(code, 2);
    assert!(
        err.contains("no column 'company' in the file; its columns are name, buyer, when"),
        "{err}"
    );
    let (code, err) = s.fail(&[
        "import",
        path,
        "--map",
        "party:owner=name",
        "--set",
        "kind=acquisition",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown role 'owner'"), "{err}");
    let (code, err) = s.fail(&[
        "import",
        path,
        "--map",
        "party:target=name",
        "--set",
        "kind=rumour",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("--set kind: unknown kind 'rumour'"), "{err}");
    let (code, err) = s.fail(&["import", path, "--map", "party:target=name"]);
    assert_eq!(code, 2);
    assert!(err.contains("--set kind=KIND"), "{err}");
    let (code, err) = s.fail(&["import", path]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown column 'name'"), "{err}");
    let (code, _) = s.fail(&["import", path, "--rejects", "r.csv"]);
    assert_eq!(code, 2);
    let nothing = s.write_file("empty.csv", "");
    let (code, err) = s.fail(&["import", nothing.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("empty.csv: the file is empty"), "{err}");
    let doc = s.write_file("d.json", r#"{"format": "deals/1"}"#);
    let (code, _) = s.fail(&["import", doc.to_str().unwrap(), "--set", "kind=other"]);
    assert_eq!(code, 2);
}

/// A Crunchbase-style acquisitions export with every kind of mess.
const MESSY: &str = "\u{feff}company_name,acquirer_name,acquired_at,price_amount,price_currency_code\n\
003.RU,Media Saturn,2012-07-23,,USD\n\
\"Bon-PrivÃ©\",Plyce ,2013-01-01 00:00:00,9000000,EUR\n\
\n\
<b>Acme</b> &amp; Sons,\"Johnson &amp; Johnson\",2014-05-05,,\n\
\"Multi\nLine Corp\",Acme,2014-05-06,1200000,\n\
003.RU,Media Saturn,2012-07-23,,USD\n\
003.RU,Media Saturn,2015-01-01,,\n\
Typo Inc,Someone,3201-10-21,5,USD\n";

const CRUNCHBASE: [&str; 14] = [
    "--map",
    "party:target=company_name",
    "--map",
    "party:acquirer=acquirer_name",
    "--map",
    "announced_on=acquired_at",
    "--map",
    "value_amount=price_amount",
    "--map",
    "value_currency=price_currency_code",
    "--set",
    "kind=acquisition",
    "--set",
    "status=completed",
];

#[test]
fn a_messy_export_is_cleaned_by_the_documented_rules() {
    let s = Sandbox::empty();
    let file = s.write_file("acquisitions.csv", MESSY);
    let mut args = CRUNCHBASE.to_vec();
    args.push("--skip-errors");
    let summary = import(&s, &file, &args);
    // 7 rows: 4 deals, one duplicate row merged into the first, two rejected
    // (an amount without a currency, an impossible year); the blank line is no row.
    assert_eq!(counts(&summary), [4, 0, 0, 2]);
    assert_eq!(summary["merged"], 1);
    let media = show(&s, "media-saturn-acquires-003-ru-2012-07-23");
    assert_eq!(media["title"], "Media Saturn acquires 003.RU");
    assert_eq!(media["status"], "completed");
    assert!(
        media["value_amount"].is_null(),
        "a currency without an amount is no value"
    );
    // The same parties on another date are another deal.
    show(&s, "media-saturn-acquires-003-ru-2015-01-01");
    let bon = show(&s, "plyce-acquires-bon-prive-2013-01-01");
    assert_eq!(bon["title"], "Plyce acquires Bon-Privé");
    assert_eq!(bon["announced_on"], "2013-01-01");
    assert_eq!(bon["value_currency"], "EUR");
    let acme = show(&s, "johnson-and-johnson-acquires-acme-and-sons-2014-05-05");
    assert_eq!(acme["title"], "Johnson & Johnson acquires Acme & Sons");
    let names: Vec<String> = s
        .json(&["company", "list"])
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap().to_string())
        .collect();
    assert!(
        names.contains(&"Plyce".to_string()),
        "trailing spaces trimmed: {names:?}"
    );
    assert!(!names.iter().any(|n| n.contains("Multi")), "{names:?}");
    let before = s.dump();
    let again = import(&s, &file, &args);
    assert_eq!(counts(&again), [0, 0, 4, 2]);
    assert_eq!(again["merged"], 1);
    assert_eq!(s.dump(), before);
}

#[test]
fn the_readme_mapping_rejects_the_whole_file_without_skip_errors() {
    let s = Sandbox::empty();
    let file = s.write_file("acquisitions.csv", MESSY);
    let mut args = vec!["import", file.to_str().unwrap()];
    args.extend_from_slice(&CRUNCHBASE);
    let (code, err) = s.fail(&args);
    assert_eq!(code, 1);
    assert!(
        err.contains(
            "acquisitions.csv: line 6: value_currency: empty, but the amount '1200000' needs one"
        ),
        "{err}"
    );
    assert_eq!(s.count("SELECT count(*) FROM deals"), 0);
}

#[test]
fn conflicting_rows_for_one_deal_keep_the_first() {
    let s = Sandbox::empty();
    let file = s.write_file(
        "dups.csv",
        "slug,title,kind,value\nx-deal,X,other,$1B\nx-deal,X,other,$2B\nx-deal,X,other,$1B\n",
    );
    let summary = import(&s, &file, &["--skip-errors"]);
    assert_eq!(counts(&summary), [1, 0, 0, 1]);
    assert_eq!(summary["merged"], 1);
    assert_eq!(show(&s, "x-deal")["value_amount"], 1_000_000_000_i64);
    let again = import(&s, &file, &["--skip-errors"]);
    assert_eq!(counts(&again), [0, 0, 1, 1]);
    assert_eq!(again["merged"], 1);
}

/// Rows of one file that describe the same deal fill each other's empty
/// fields: the row with the amount is merged, not rejected.
#[test]
fn rows_of_one_deal_fill_each_others_empty_fields() {
    let s = Sandbox::empty();
    let file = s.write_file(
        "telx.csv",
        "company_name,acquirer_name,acquired_at,price_amount,price_currency_code
         Telx,Digital Realty Trust,2015-07-14,,USD
         Telx,Digital Realty Trust,2015-07-14,1886000000,USD
",
    );
    let summary = import(&s, &file, &CRUNCHBASE);
    assert_eq!(counts(&summary), [1, 0, 0, 0], "{summary}");
    assert_eq!(summary["merged"], 1, "{summary}");
    let deal = show(&s, "digital-realty-trust-acquires-telx-2015-07-14");
    assert_eq!(deal["value_amount"], 1_886_000_000_i64);
    assert_eq!(deal["value_currency"], "USD");
    let mut args = vec!["import", file.to_str().unwrap()];
    args.extend_from_slice(&CRUNCHBASE);
    let text = s.stdout(&args);
    assert!(text.contains("1 merged into an earlier row"), "{text}");
}

/// Two rows that set one field to different values conflict: the first is
/// kept, the later one is rejected with both values and the first row's line,
/// and the amount is never added twice; without --skip-errors nothing is written.
#[test]
fn rows_that_disagree_keep_the_first_and_say_both_values() {
    let s = Sandbox::empty();
    let file = s.write_file(
        "gloops.csv",
        "company_name,acquirer_name,acquired_at,price_amount,price_currency_code
         gloops,Nexon,2012-10-01,468400000,USD
         gloops,Nexon,2012-10-01,486000000,USD
",
    );
    let mut args = vec!["import", file.to_str().unwrap()];
    args.extend_from_slice(&CRUNCHBASE);
    let (code, err) = s.fail(&args);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(
            "line 3: value: 486000000 USD (exact) here, but line 2 gives 468400000 USD (exact)"
        ),
        "{err}"
    );
    assert_eq!(s.count("SELECT count(*) FROM deals"), 0);
    let rejects = s.root().join("rejects.csv");
    let mut skipping = CRUNCHBASE.to_vec();
    skipping.extend(["--skip-errors", "--rejects", rejects.to_str().unwrap()]);
    let summary = import(&s, &file, &skipping);
    assert_eq!(counts(&summary), [1, 0, 0, 1], "{summary}");
    assert_eq!(s.count("SELECT sum(value_amount) FROM deals"), 468_400_000);
    let kept = std::fs::read_to_string(&rejects).unwrap();
    assert!(
        kept.contains("486000000") && kept.contains("line 2 gives 468400000"),
        "{kept}"
    );
}

#[test]
fn latin1_files_and_odd_widths_are_handled() {
    let s = Sandbox::empty();
    let path = s.root().join("latin1.csv");
    std::fs::write(
        &path,
        b"title,kind\nCaf\xe9 deal,other\nshort\nwide,other,extra\n   ,  \n".as_slice(),
    )
    .unwrap();
    let summary = import(&s, &path, &["--skip-errors"]);
    assert_eq!(counts(&summary), [1, 0, 0, 2]);
    assert_eq!(show(&s, "cafe-deal")["title"], "Café deal");
}

/// A row rolled back with its savepoint takes the article it recorded with it:
/// a later row naming that URL records it again, never an article that took
/// its place.
#[test]
fn a_rejected_row_leaves_no_article_behind_for_later_rows() {
    let s = Sandbox::seeded();
    let file = s.write_file(
        "sources.csv",
        "slug,notes,source_url\n\
         openai-aws-compute-2025,first,\n\
         openai-aws-compute-2025,second,https://ex.com/a\n\
         broadcom-openai-10gw,,https://ex.com/b\n\
         amd-openai-6gw,,https://ex.com/a\n",
    );
    let summary = import(&s, &file, &["--skip-errors"]);
    assert_eq!(counts(&summary["deals"]), [0, 3, 0, 1], "{summary}");
    assert_eq!(summary["articles"]["inserted"], 2, "{summary}");
    let url_of = |slug: &str| {
        s.count(&format!(
            "SELECT count(*) FROM deal_sources s JOIN deals d ON d.id = s.deal_id
              JOIN articles a ON a.id = s.article_id
             WHERE d.slug = '{slug}' AND a.url = 'https://ex.com/a'"
        ))
    };
    assert_eq!(url_of("amd-openai-6gw"), 1);
    assert_eq!(url_of("broadcom-openai-10gw"), 0);
    assert_eq!(url_of("openai-aws-compute-2025"), 0);
}

/// Machine output reaches a pipe byte for byte: control characters in the data
/// are the data's.
#[test]
fn piped_output_keeps_every_byte() {
    let s = Sandbox::seeded();
    // The console speaks its engine's dialect.
    let char = if crate::util::on_postgres() {
        "chr"
    } else {
        "char"
    };
    let out = s.run(&[
        "sql",
        &format!("SELECT 'a' || {char}(127) || {char}(27) || 'b' AS x"),
        "--format",
        "csv",
    ]);
    assert_eq!(out.stdout, b"x\na\x7f\x1bb\n");
}

/// A document's `body_file` names a file beside the document or below it, and
/// nothing else: a parent path, an absolute path or a symbolic link out of the
/// folder is refused with the record named, and nothing is imported.
#[test]
fn body_files_stay_inside_the_documents_folder() {
    let s = Sandbox::seeded();
    let secret = s.write_file("secret.txt", "a private file outside the folder");
    let folder = s.root().join("shared");
    std::fs::create_dir_all(folder.join("texts")).unwrap();
    std::fs::write(
        folder.join("texts").join("a.txt"),
        "Un accordo da 1 miliardo.",
    )
    .unwrap();
    let doc = |body_file: &str| {
        format!(
            r#"{{"format": "deals/1", "articles": [{{"key": "a", "title": "A", "body_file": {}}}]}}"#,
            serde_json::to_string(body_file).unwrap()
        )
    };
    let mut refused = vec![
        "../secret.txt".to_string(),
        secret.to_str().unwrap().to_string(),
        "texts/../../secret.txt".to_string(),
    ];
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&secret, folder.join("link.txt")).unwrap();
        refused.push("link.txt".to_string());
    }
    let before = s.dump();
    for body_file in &refused {
        let path = folder.join("doc.json");
        std::fs::write(&path, doc(body_file)).unwrap();
        let (code, stderr) = s.fail(&["import", path.to_str().unwrap()]);
        assert_eq!(code, 1, "{body_file}: {stderr}");
        assert!(
            stderr.contains("articles[0] (a): body_file: ")
                && stderr.contains("outside the document's folder"),
            "{body_file}: {stderr}"
        );
        assert_eq!(s.dump(), before, "{body_file}: something was imported");
    }
    let path = folder.join("doc.json");
    std::fs::write(&path, doc("texts/a.txt")).unwrap();
    s.run(&["import", path.to_str().unwrap()]);
    let body = s.json(&["article", "show", "a"])["body"].clone();
    assert_eq!(body, "Un accordo da 1 miliardo.");
}

/// Titles alike in their first words, shortened for a slug, still give
/// distinct deals, and importing the file again finds the same three.
#[test]
fn long_titles_alike_at_the_start_never_share_a_key() {
    let s = Sandbox::empty();
    let file = s.write_file(
        "jiffy.csv",
        "company_name,acquirer_name,acquired_at,price_amount,price_currency_code\n\
         Jiffy Apps,ATLAS Intellectual Property Management Co.,2012-02-02,127000000,USD\n\
         Jiffy Development Services (PVT) Limited,ATLAS Intellectual Property Management Co.,2012-02-02,230000,USD\n\
         Jiffy Telecommunications Inc.,ATLAS Intellectual Property Management Co.,2012-02-02,8700000,USD\n",
    );
    let mut args = vec![file.to_str().unwrap()];
    args.extend_from_slice(&CRUNCHBASE);
    let summary = import(&s, std::path::Path::new(args[0]), &args[1..]);
    assert_eq!(counts(&summary["deals"]), [3, 0, 0, 0], "{summary}");
    let again = import(&s, std::path::Path::new(args[0]), &args[1..]);
    assert_eq!(counts(&again["deals"]), [0, 0, 3, 0], "{again}");
    assert_eq!(s.count("SELECT count(DISTINCT value_amount) FROM deals"), 3);
}
