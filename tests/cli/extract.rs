//! `deals article extract`: money figures of stored articles and of texts.

use serde_json::Value;

use crate::util::{BLOG_ARTICLE, NEWS_ARTICLE, Sandbox};

const B: i64 = 1_000_000_000;

/// (amount, currency, qualifier, text) of every figure in a JSON answer.
fn figures(list: &Value) -> Vec<(i64, Option<String>, String, String)> {
    list.as_array()
        .expect("a JSON array")
        .iter()
        .map(|f| {
            (
                f["amount"].as_i64().expect("an integer amount"),
                f["currency"].as_str().map(str::to_string),
                f["qualifier"].as_str().expect("a qualifier").to_string(),
                f["text"].as_str().expect("the text").to_string(),
            )
        })
        .collect()
}

fn figure(
    amount: i64,
    currency: Option<&str>,
    qualifier: &str,
    text: &str,
) -> (i64, Option<String>, String, String) {
    (
        amount,
        currency.map(str::to_string),
        qualifier.to_string(),
        text.to_string(),
    )
}

fn companies(found: &Value) -> Vec<&str> {
    found["companies"]
        .as_array()
        .expect("companies")
        .iter()
        .map(|c| c.as_str().expect("a name"))
        .collect()
}

/// The JSON answer for a text given with --file, plus any other arguments.
fn from_file(s: &Sandbox, text: &str, args: &[&str]) -> Value {
    let file = s.write_file("text.txt", text);
    let mut all = vec![
        "article",
        "extract",
        "--file",
        file.to_str().expect("a UTF-8 path"),
    ];
    all.extend(args);
    s.json(&all)
}

#[test]
fn the_news_article_gives_its_six_figures_with_their_companies() {
    let s = Sandbox::seeded();
    let found = s.json(&["article", "extract", NEWS_ARTICLE]);
    let usd = Some("USD");
    assert_eq!(
        figures(&found),
        [
            figure(38 * B, usd, "exact", "38 miliardi di dollari"),
            figure(13 * B, usd, "exact", "13 miliardi di dollari"),
            figure(
                1_400_000_000,
                usd,
                "approx",
                "circa 1,4 miliardi di dollari"
            ),
            figure(250 * B, usd, "exact", "250 miliardi di dollari"),
            figure(360 * B, usd, "at-least", "più di 360 miliardi di dollari"),
            figure(11 * B, usd, "exact", "11 miliardi di dollari"),
        ]
    );
    assert_eq!(companies(&found[0]), ["OpenAI", "Amazon Web Services"]);
    assert_eq!(companies(&found[1]), ["OpenAI", "Microsoft"]);
    assert_eq!(companies(&found[3]), ["Microsoft"], "Azure is Microsoft's");
    let sentence = found[0]["sentence"].as_str().unwrap();
    assert!(
        sentence.starts_with("OpenAI ha siglato un accordo con Amazon Web Services (AWS)")
            && sentence.ends_with("per i prossimi sette anni."),
        "{sentence}"
    );
    let keys: Vec<&String> = found[0].as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "amount",
            "companies",
            "currency",
            "high",
            "qualifier",
            "sentence",
            "text"
        ]
    );
}

#[test]
fn the_blog_article_gives_the_38_billion_and_over_13_billion() {
    let s = Sandbox::seeded();
    let found = figures(&s.json(&["article", "extract", BLOG_ARTICLE]));
    assert!(
        found.contains(&figure(38 * B, None, "exact", "38 Miliardi")),
        "{found:?}"
    );
    let usd_38 = figure(38 * B, Some("USD"), "exact", "38 miliardi di dollari");
    assert_eq!(
        found.iter().filter(|f| **f == usd_38).count(),
        3,
        "{found:?}"
    );
    assert!(found.contains(&figure(
        13 * B,
        Some("USD"),
        "at-least",
        "oltre 13 miliardi di dollari"
    )));
    assert_eq!(found.len(), 5, "{found:?}");
}

#[test]
fn articles_are_found_by_id_and_shown_as_a_table() {
    let s = Sandbox::seeded();
    let id = s.count(&format!(
        "SELECT id FROM articles WHERE slug = '{NEWS_ARTICLE}'"
    ));
    let table = s.stdout(&["article", "extract", &id.to_string()]);
    let header = table.lines().next().unwrap();
    for column in ["TEXT", "AMOUNT", "QUALIFIER", "COMPANIES", "SENTENCE"] {
        assert!(header.contains(column), "{header}");
    }
    assert!(
        table.contains("$38.0B") && table.contains("at-least"),
        "{table}"
    );
    let csv = s.stdout(&["article", "extract", NEWS_ARTICLE, "--format", "csv"]);
    assert!(
        csv.starts_with("text,amount,high,currency,qualifier,companies,sentence\n"),
        "{csv}"
    );
    assert!(
        csv.contains(",38000000000,,USD,exact,OpenAI; Amazon Web Services,"),
        "{csv}"
    );
}

#[test]
fn texts_in_french_german_spanish_and_english() {
    let s = Sandbox::seeded();
    let found = from_file(
        &s,
        "Nvidia investira jusqu'à 100 milliards de dollars dans OpenAI.",
        &[],
    );
    assert_eq!(
        figures(&found),
        [figure(
            100 * B,
            Some("USD"),
            "up-to",
            "jusqu'à 100 milliards de dollars"
        )]
    );
    assert_eq!(companies(&found[0]), ["Nvidia", "OpenAI"]);

    let found = from_file(&s, "Die Deutsche Telekom zahlt 1,5 Mrd. Euro.", &[]);
    assert_eq!(
        figures(&found),
        [figure(1_500_000_000, Some("EUR"), "exact", "1,5 Mrd. Euro")]
    );

    let found = from_file(&s, "El acuerdo de 2 billones de dólares", &[]);
    assert_eq!(
        figures(&found),
        [figure(
            2_000 * B,
            Some("USD"),
            "exact",
            "2 billones de dólares"
        )]
    );

    let found = from_file(&s, "Amazon will invest up to $4 billion in Anthropic", &[]);
    assert_eq!(
        figures(&found),
        [figure(4 * B, Some("USD"), "up-to", "up to $4 billion")]
    );
    assert_eq!(companies(&found[0]), ["Amazon", "Anthropic"]);
}

#[test]
fn the_language_flag_decides_what_billion_means() {
    let s = Sandbox::seeded();
    let text = "OpenAI signed a deal worth 2 billion dollars.";
    assert_eq!(figures(&from_file(&s, text, &[]))[0].0, 2 * B);
    assert_eq!(
        figures(&from_file(&s, text, &["--language", "fr"]))[0].0,
        2_000 * B
    );
    let text = "Un plan de 1 400 milliards de dollars.";
    assert_eq!(
        figures(&from_file(&s, text, &["--language", "fr-FR"]))[0].0,
        1_400 * B
    );
}

#[test]
fn text_comes_from_stdin_and_aliases_added_later_count() {
    let s = Sandbox::seeded();
    s.run(&["company", "add", "Deutsche Telekom", "--alias", "DT"]);
    let out = s.run_stdin(
        &["article", "extract", "--file", "-", "--format", "json"],
        "Die DT zahlt 1,5 Mrd. Euro an Nvidia. Das sind 5% mehr als 2024.",
    );
    let found: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(figures(&found).len(), 1, "{found:#}");
    assert_eq!(companies(&found[0]), ["Deutsche Telekom", "Nvidia"]);
    let none = s.run_stdin(
        &["article", "extract", "--file", "-", "--format", "json"],
        "Nel 2026, il 5%.",
    );
    assert_eq!(String::from_utf8_lossy(&none.stdout).trim(), "[]");
}

#[test]
fn bad_requests_fail_with_one_line() {
    let s = Sandbox::seeded();
    let (code, err) = s.fail(&["article", "extract", "no-such-article"]);
    assert_eq!(code, 1);
    assert!(err.contains("no article 'no-such-article'"), "{err}");
    let (code, err) = s.fail(&["article", "extract", NEWS_ARTICLE, "--language", "pt"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("--language: unsupported language 'pt'"),
        "{err}"
    );
    let missing = s.root().join("missing.txt");
    let (code, err) = s.fail(&["article", "extract", "--file", missing.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("missing.txt"), "{err}");
    let (code, _) = s.fail(&["article", "extract"]);
    assert_eq!(code, 2);
    s.run(&["article", "add", "--url", "https://example.com/empty"]);
    let (code, err) = s.fail(&["article", "extract", "https://example.com/empty"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("has no stored text; pass the text with --file"),
        "{err}"
    );
    for (_, err) in [
        s.fail(&["article", "extract", "no-such-article"]),
        s.fail(&["article", "extract", "--file", missing.to_str().unwrap()]),
    ] {
        assert_eq!(err.trim().lines().count(), 1, "{err}");
    }
}

#[test]
fn mixed_languages_ranges_and_grouped_figures_from_a_file() {
    let s = Sandbox::seeded();
    let found = from_file(
        &s,
        "Le groupe a levé 1,2 milliard d'euros auprès de ses actionnaires. La empresa invirtió 3.000 millones de dólares en chips. Separately, the startup raised $2.5 billion last week.\n\nUn acuerdo de 3 000 millones de dólares. OpenAI schließt einen Vertrag über 38 Milliarden US-Dollar. A deal worth between $10bn and $15bn. The company commits ₹5,000 crore.",
        &[],
    );
    assert_eq!(
        figures(&found),
        [
            figure(1_200_000_000, Some("EUR"), "exact", "1,2 milliard d'euros"),
            figure(3 * B, Some("USD"), "exact", "3.000 millones de dólares"),
            figure(2_500_000_000, Some("USD"), "exact", "$2.5 billion"),
            figure(3 * B, Some("USD"), "exact", "3 000 millones de dólares"),
            figure(38 * B, Some("USD"), "exact", "38 Milliarden US-Dollar"),
            figure(10 * B, Some("USD"), "exact", "between $10bn and $15bn"),
            figure(50 * B, Some("INR"), "exact", "₹5,000 crore"),
        ]
    );
    assert_eq!(found[5]["high"], 15 * B);
    assert!(found[0]["high"].is_null());
}

#[test]
fn value_flags_group_with_spaces_and_refuse_ranges() {
    let s = Sandbox::empty();
    let deal = s.json(&[
        "add",
        "--title",
        "Grouped",
        "--kind",
        "other",
        "--value",
        "1 000 000 €",
    ]);
    assert_eq!(deal["value_amount"], 1_000_000);
    assert_eq!(deal["value_currency"], "EUR");
    for range in [
        "between $10bn and $15bn",
        "$10bn–$15bn",
        "tra 10 e 15 miliardi di dollari",
    ] {
        let (code, message) = s.fail(&[
            "add", "--title", "Range", "--kind", "other", "--value", range,
        ]);
        assert_eq!(code, 2, "{message}");
        assert!(message.contains("is a range, not one value"), "{message}");
        assert_eq!(message.lines().count(), 1, "{message}");
    }
}
