//! `deals article add|list|show|link`.

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
