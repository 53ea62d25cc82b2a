//! `deals article add|list|show|link|edit|unlink|rm|restore`.

use crate::util::{AWS_DEAL, BLOG_ARTICLE, NEWS_ARTICLE, Sandbox, find, set, slug_set};

const BODY: &str = "Primo titolo\n\
OpenAI ha firmato un contratto da 38 miliardi di dollari con AWS.\n\
La capacità iniziale sarà disponibile entro il 2026.\n";

const QUOTE: &str = "OpenAI ha firmato un contratto da 38 miliardi di dollari con AWS.";

fn added_slug(out: &str) -> String {
    // "Added article 3 (t1)."
    let open = out.find('(').expect("a slug in parentheses");
    let close = out[open..].find(')').expect("closing parenthesis") + open;
    out[open + 1..close].to_string()
}

#[test]
fn article_add_from_a_file_with_its_metadata() {
    let s = Sandbox::seeded();
    let file = s.write_file("article.txt", BODY);
    let out = s.stdout(&[
        "article",
        "add",
        "--file",
        file.to_str().unwrap(),
        "--title",
        "Un contratto",
        "--language",
        "it",
        "--published",
        "2025-11",
        "--url",
        "https://example.com/contratto",
        "--publisher",
        "Esempio",
    ]);
    let slug = added_slug(&out);
    assert_eq!(slug, "un-contratto");

    let list = s.json(&["article", "list"]);
    assert_eq!(list.as_array().unwrap().len(), 3);
    let article = find(&list, &slug);
    assert_eq!(article["title"], "Un contratto");
    assert_eq!(article["language"], "it");
    assert_eq!(article["published_on"], "2025-11-01");
    assert_eq!(article["published_precision"], "month");
    assert_eq!(article["url"], "https://example.com/contratto");
    assert_eq!(article["publisher"], "Esempio");
    assert_eq!(article["source_count"].as_i64(), Some(0));
    let hash = article["content_hash"].as_str().unwrap();
    assert!(
        hash.len() == 64 && hash.chars().all(|c| c.is_ascii_hexdigit()),
        "{hash}"
    );
    assert!(
        article.get("body").is_none(),
        "the list leaves the body out"
    );

    let shown = s.json(&["article", "show", &slug]);
    assert_eq!(shown["body"], BODY);
    // By URL and by id too.
    assert_eq!(
        s.json(&["article", "show", "https://example.com/contratto"])["slug"],
        slug.as_str()
    );
    let id = shown["id"].as_i64().unwrap().to_string();
    assert_eq!(s.json(&["article", "show", &id])["slug"], slug.as_str());
}

#[test]
fn article_add_reads_the_body_from_stdin() {
    let s = Sandbox::seeded();
    let body = "Body from stdin\nsecond line, with capacità\n";
    let out = s.run_stdin(&["article", "add", "--language", "en"], body);
    let slug = added_slug(&String::from_utf8_lossy(&out.stdout));
    let article = s.json(&["article", "show", &slug]);
    assert_eq!(
        article["title"], "Body from stdin",
        "the title defaults to the first line"
    );
    assert_eq!(article["body"], body);
    assert_eq!(article["language"], "en");

    let dash = s.run_stdin(
        &["article", "add", "--file", "-", "--title", "Dash"],
        "Text via dash\n",
    );
    let slug = added_slug(&String::from_utf8_lossy(&dash.stdout));
    assert_eq!(
        s.json(&["article", "show", &slug])["body"],
        "Text via dash\n"
    );
}

#[test]
fn storing_the_same_text_twice_is_refused_naming_the_existing_article() {
    let s = Sandbox::seeded();
    let file = s.write_file("article.txt", BODY);
    let first = s.stdout(&[
        "article",
        "add",
        "--file",
        file.to_str().unwrap(),
        "--title",
        "First",
    ]);
    let slug = added_slug(&first);
    let before = s.dump();
    let (code, stderr) = s.fail(&[
        "article",
        "add",
        "--file",
        file.to_str().unwrap(),
        "--title",
        "Second",
    ]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains(&slug), "{stderr}");
    let (code, stderr) = crate::util::fail_cmd(
        s.cmd()
            .args(["article", "add", "--title", "Third"])
            .write_stdin(BODY),
        &["article", "add"],
    );
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains(&slug), "{stderr}");
    assert_eq!(before, s.dump());
}

#[test]
fn article_show_lists_the_deals_it_supports() {
    let s = Sandbox::seeded();
    let blog = s.json(&["article", "show", BLOG_ARTICLE]);
    let deals: Vec<&str> = blog["deals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["deal_slug"].as_str().unwrap())
        .collect();
    for slug in [
        AWS_DEAL,
        "microsoft-openai-investment",
        "openai-oracle-compute-2025",
        "openai-google-cloud-2025",
    ] {
        assert!(deals.contains(&slug), "{slug} missing from {deals:?}");
    }
    assert!(!deals.contains(&"stargate"), "{deals:?}");
    assert!(blog["body"].as_str().unwrap().len() > 3000);

    let body_line = "Ciao a tutti, appassionati di tecnologia";
    let full = s.stdout(&["article", "show", BLOG_ARTICLE]);
    assert!(
        full.contains(AWS_DEAL) && full.contains(body_line),
        "{full}"
    );
    let short = s.stdout(&["article", "show", BLOG_ARTICLE, "--no-body"]);
    assert!(short.contains(AWS_DEAL), "{short}");
    assert!(!short.contains(body_line), "--no-body printed the body");
}

#[test]
fn article_link_stores_the_quote_and_the_stated_figure() {
    let s = Sandbox::seeded();
    let file = s.write_file("article.txt", BODY);
    let slug = added_slug(&s.stdout(&[
        "article",
        "add",
        "--file",
        file.to_str().unwrap(),
        "--title",
        "Linked",
    ]));
    let id = s.json(&["article", "show", &slug])["id"].as_i64().unwrap();

    s.run(&[
        "article",
        "link",
        &slug,
        "amd-openai-6gw",
        "--quote",
        QUOTE,
        "--stated",
        "38 miliardi di dollari",
    ]);
    let deal = s.json(&["show", "amd-openai-6gw"]);
    let sources = deal["sources"].as_array().unwrap();
    assert_eq!(sources.len(), 1, "{sources:#?}");
    let source = &sources[0];
    assert_eq!(source["article_id"].as_i64(), Some(id));
    assert_eq!(source["article_slug"], slug.as_str());
    assert_eq!(source["quote"], QUOTE);
    assert_eq!(source["stated_amount"].as_i64(), Some(38_000_000_000));
    assert_eq!(source["stated_currency"], "USD");
    assert_eq!(source["stated_qualifier"], "exact");
    // The deal's own value is not touched by what a source states.
    assert!(deal["value_amount"].is_null());

    let article = s.json(&["article", "show", &slug]);
    assert_eq!(article["source_count"].as_i64(), Some(1));
    assert_eq!(article["deals"][0]["deal_slug"], "amd-openai-6gw");
    assert_eq!(article["deals"][0]["quote"], QUOTE);
}

#[test]
fn a_quote_that_is_not_in_the_article_is_refused() {
    let s = Sandbox::seeded();
    let before = s.dump();
    let (code, stderr) = s.fail(&[
        "article",
        "link",
        NEWS_ARTICLE,
        "amd-openai-6gw",
        "--quote",
        "AMD pagherà 90 miliardi.",
        "--stated",
        "90 miliardi",
    ]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("--quote"), "{stderr}");
    assert_eq!(before, s.dump());
    assert!(
        s.json(&["show", "amd-openai-6gw"])["sources"]
            .as_array()
            .unwrap()
            .is_empty()
    );
}

#[test]
fn article_list_by_deal() {
    let s = Sandbox::seeded();
    let both = s.json(&["article", "list", "--deal", AWS_DEAL]);
    assert_eq!(slug_set(&both), set(&[NEWS_ARTICLE, BLOG_ARTICLE]));
    let one = s.json(&["article", "list", "--deal", "stargate"]);
    assert_eq!(slug_set(&one), set(&[NEWS_ARTICLE]));
    let none = s.json(&["article", "list", "--deal", "amd-openai-6gw"]);
    assert!(none.as_array().unwrap().is_empty());
    let (code, _) = s.fail(&["article", "list", "--deal", "no-such-deal"]);
    assert_eq!(code, 1);
    assert_eq!(
        s.json(&["article", "list", "--limit", "1"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

/// (id, deal id, article id, quote) of every source link, by id.
fn source_rows(s: &Sandbox) -> Vec<(i64, i64, i64, String)> {
    s.rows("SELECT id, deal_id, article_id, quote FROM deal_sources ORDER BY id")
        .iter()
        .map(|r| {
            let id = |i: usize| r[i].as_i64().expect("an integer");
            (
                id(0),
                id(1),
                id(2),
                r[3].as_str().expect("text").to_string(),
            )
        })
        .collect()
}

#[test]
fn article_link_adds_one_row_and_leaves_the_other_sources_alone() {
    let s = Sandbox::seeded();
    let before = source_rows(&s);
    let out = s.stdout(&["article", "link", BLOG_ARTICLE, "stargate"]);
    assert!(out.starts_with("Linked"), "{out}");
    let after = source_rows(&s);
    assert_eq!(after.len(), before.len() + 1);
    // Every earlier link keeps its id and content.
    for row in &before {
        assert!(after.contains(row), "{row:?} changed or went");
    }
    let deletes = s.count(
        "SELECT count(*) FROM changes WHERE table_name = 'deal_sources' AND operation = 'delete'",
    );
    assert_eq!(deletes, 0, "linking rewrote other sources");
    // Linking again with a figure updates that one row.
    s.run(&[
        "article",
        "link",
        BLOG_ARTICLE,
        "stargate",
        "--stated",
        "$500 billion",
    ]);
    let again = source_rows(&s);
    assert_eq!(again, after);
    assert_eq!(
        s.count(
            "SELECT stated_amount FROM deal_sources WHERE id = (SELECT max(id) FROM deal_sources)"
        ),
        500_000_000_000
    );
}

#[test]
fn article_edit_changes_and_clears_fields() {
    let s = Sandbox::seeded();
    let out = s.stdout(&[
        "article",
        "edit",
        NEWS_ARTICLE,
        "--title",
        "Nuovo titolo",
        "--author",
        "Mario Rossi",
        "--published",
        "2025-Q4",
        "--language",
        "EN",
        "--summary",
        "none",
    ]);
    assert!(out.starts_with("Updated article"), "{out}");
    let a = s.json(&["article", "show", NEWS_ARTICLE, "--no-body"]);
    assert_eq!(a["title"], "Nuovo titolo");
    assert_eq!(a["author"], "Mario Rossi");
    assert_eq!(a["language"], "en");
    assert_eq!(a["summary"], serde_json::Value::Null);
    assert_eq!(
        s.count(&format!(
            "SELECT count(*) FROM articles WHERE slug = '{NEWS_ARTICLE}'
             AND published_on = '2025-10-01' AND published_precision = 'quarter'"
        )),
        1
    );
    assert_eq!(
        s.count(
            "SELECT count(*) FROM changes WHERE table_name = 'articles' AND operation = 'update'"
        ),
        1
    );
    let out = s.stdout(&["article", "edit", NEWS_ARTICLE, "--author", "Mario Rossi"]);
    assert!(out.starts_with("Unchanged:"), "{out}");
    // A URL another article has is refused; nothing given is a usage error.
    s.run(&[
        "article",
        "edit",
        NEWS_ARTICLE,
        "--url",
        "https://example.com/a",
    ]);
    let before = s.dump();
    let (code, stderr) = s.fail(&[
        "article",
        "edit",
        BLOG_ARTICLE,
        "--url",
        "https://example.com/a",
    ]);
    assert_eq!(code, 1);
    assert!(stderr.contains("already has the URL"), "{stderr}");
    let (code, _) = s.fail(&["article", "edit", BLOG_ARTICLE]);
    assert_eq!(code, 2);
    let (code, stderr) = s.fail(&["article", "edit", BLOG_ARTICLE, "--published", "2025-13"]);
    assert_eq!(code, 2);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert_eq!(before, s.dump());
}

#[test]
fn article_unlink_removes_only_that_deals_sources() {
    let s = Sandbox::seeded();
    let article = s.count(&format!(
        "SELECT id FROM articles WHERE slug = '{NEWS_ARTICLE}'"
    ));
    let deal = s.count(&format!("SELECT id FROM deals WHERE slug = '{AWS_DEAL}'"));
    let before = source_rows(&s);
    let out = s.stdout(&["article", "unlink", NEWS_ARTICLE, AWS_DEAL]);
    assert!(out.starts_with("Removed"), "{out}");
    let after = source_rows(&s);
    let kept: Vec<_> = before
        .iter()
        .filter(|(_, d, a, _)| !(*d == deal && *a == article))
        .cloned()
        .collect();
    assert_eq!(after, kept);
    assert!(after.len() < before.len());
    let (code, stderr) = s.fail(&["article", "unlink", NEWS_ARTICLE, AWS_DEAL]);
    assert_eq!(code, 1);
    assert!(stderr.contains("is not a source of deal"), "{stderr}");
}

#[test]
fn article_rm_asks_removes_links_and_restore_brings_them_back() {
    let s = Sandbox::seeded();
    let before = s.dump();
    let (code, stderr) = s.fail(&["article", "rm", NEWS_ARTICLE]);
    assert_eq!(code, 2);
    assert!(stderr.contains("pass --yes"), "{stderr}");
    assert_eq!(before, s.dump());

    // A link removed before the article was deleted stays removed.
    s.run(&["article", "unlink", NEWS_ARTICLE, "stargate"]);
    let links = source_rows(&s);
    let article = s.count(&format!(
        "SELECT id FROM articles WHERE slug = '{NEWS_ARTICLE}'"
    ));
    let out = s.stdout(&["article", "rm", NEWS_ARTICLE, "--yes"]);
    assert!(out.contains("deals article restore"), "{out}");
    assert_eq!(
        s.count(&format!(
            "SELECT count(*) FROM deal_sources WHERE article_id = {article}"
        )),
        0
    );
    let (code, _) = s.fail(&["article", "show", NEWS_ARTICLE]);
    assert_eq!(code, 1);

    let out = s.stdout(&["article", "restore", NEWS_ARTICLE]);
    assert!(
        out.starts_with(&format!("Restored article {article}")),
        "{out}"
    );
    assert_eq!(source_rows(&s), links, "the links came back with their ids");
    let a = s.json(&["article", "show", NEWS_ARTICLE]);
    assert!(a["body"].as_str().unwrap().contains("38 miliardi"));
    assert!(
        !s.json(&["search", "esclusività"])
            .as_array()
            .unwrap()
            .is_empty()
    );
    let (code, stderr) = s.fail(&["article", "restore", NEWS_ARTICLE]);
    assert_eq!(code, 1);
    assert!(stderr.contains("another article has its slug"), "{stderr}");
}
