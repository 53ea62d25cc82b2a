//! `deals search`: accents, prefixes, phrases, scopes, limits, snippets, and
//! queries that FTS5 itself would reject.

use assert_cmd::Command;

use crate::util::Sandbox;
use serde_json::Value;

/// A fresh seeded database in a clean environment.
fn sandbox() -> Sandbox {
    Sandbox::seeded()
}

fn deals(tmp: &Sandbox) -> Command {
    tmp.cmd()
}

fn search_json(tmp: &Sandbox, args: &[&str]) -> Vec<Value> {
    let out = deals(tmp)
        .args(["search", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    match serde_json::from_slice(&out.stdout).unwrap() {
        Value::Array(hits) => hits,
        other => panic!("not an array: {other}"),
    }
}

#[test]
fn accents_are_ignored_and_articles_list_their_deals() {
    // About FTS5's bm25 ranking and snippets; PostgreSQL's differ (README, Team mode).
    crate::sqlite_only!();
    let tmp = sandbox();
    let hits = search_json(&tmp, &["capacita"]);
    assert!(!hits.is_empty());
    let article = hits.iter().find(|h| h["kind"] == "article").unwrap();
    for key in ["id", "slug", "title", "snippet", "rank"] {
        assert!(article.get(key).is_some(), "{key} missing: {article}");
    }
    let snippet = article["snippet"].as_str().unwrap().to_lowercase();
    assert!(snippet.contains("[capacità]"), "{snippet}");
    let deals = article["deals"].as_array().unwrap();
    assert!(!deals.is_empty() && deals.len() <= 3, "{deals:?}");
    let ranks: Vec<f64> = hits.iter().map(|h| h["rank"].as_f64().unwrap()).collect();
    assert!(
        ranks.windows(2).all(|w| w[0] <= w[1]),
        "best first: {ranks:?}"
    );
}

#[test]
fn prefixes_phrases_scopes_and_limits() {
    let tmp = sandbox();
    let prefixed = search_json(&tmp, &["capac*", "--in", "articles"]);
    assert!(!prefixed.is_empty());
    assert!(prefixed.iter().all(|h| h["kind"] == "article"));
    let deals = search_json(&tmp, &["OpenAI", "--in", "deals"]);
    assert!(
        deals.len() > 2
            && deals
                .iter()
                .all(|h| h["kind"] == "deal" && h.get("deals").is_none())
    );
    assert_eq!(search_json(&tmp, &["OpenAI", "--limit", "2"]).len(), 2);
    assert!(!search_json(&tmp, &["\"sette anni\""]).is_empty());
    assert!(!search_json(&tmp, &["Oracle OR Broadcom"]).is_empty());
    assert!(search_json(&tmp, &["nosuchwordanywhere"]).is_empty());
}

#[test]
fn malformed_queries_never_crash() {
    let tmp = sandbox();
    for query in [
        "\"unclosed",
        "a OR",
        "OpenAI AND",
        "NEAR(",
        "title:x",
        "a\"b",
    ] {
        deals(&tmp).args(["search", query]).assert().success();
    }
    for query in ["AND", "(", "", "OR NOT", "*"] {
        let out = deals(&tmp).args(["search", query]).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{query:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.starts_with("error: search: "), "{err}");
    }
}

#[test]
fn tables_bracket_matches_when_not_on_a_terminal() {
    // About FTS5's bm25 ranking and snippets; PostgreSQL's differ (README, Team mode).
    crate::sqlite_only!();
    let tmp = sandbox();
    let out = deals(&tmp)
        .args(["search", "capacita", "--in", "articles"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.to_lowercase().contains("[capacità]"), "{text}");
    assert!(text.contains("deals: "), "{text}");
    assert!(!text.contains('\u{1b}'));
    let csv = deals(&tmp)
        .args(["search", "capacita", "-f", "csv"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8(csv.stdout)
            .unwrap()
            .starts_with("kind,id,slug,title,snippet,rank,deals\n")
    );
    let md = deals(&tmp)
        .args(["search", "capacita", "-f", "markdown"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8(md.stdout)
            .unwrap()
            .contains("**capacità**")
    );
}

/// The slugs of the hits of a search.
fn hit_slugs(tmp: &Sandbox, query: &str) -> Vec<String> {
    search_json(tmp, &[query])
        .iter()
        .map(|h| h["slug"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn letters_slugs_fold_are_folded_by_search_too() {
    // About FTS5's bm25 ranking and snippets; PostgreSQL's differ (README, Team mode).
    crate::sqlite_only!();
    let tmp = sandbox();
    tmp.stdout(&[
        "add",
        "--title",
        "Ørsted sells a stake to Łódź Straße Holdings",
        "--kind",
        "other",
    ]);
    for query in [
        "orsted", "Ørsted", "ØRSTED", "lodz", "strasse", "Straße", "orst*",
    ] {
        assert_eq!(
            hit_slugs(&tmp, query),
            ["orsted-sells-a-stake-to-lodz-strasse-holdings"],
            "{query}"
        );
    }
    // Written with plain SQL, behind the tool's back: the triggers index it the same way.
    tmp.sql()
        .execute(
            "INSERT INTO deals (slug, title, kind) VALUES ('aeroe', 'Ærø Energi buys a ferry', 'other')",
            [],
        )
        .unwrap();
    assert_eq!(hit_slugs(&tmp, "aero"), ["aeroe"]);
    tmp.sql()
        .execute(
            "UPDATE deals SET title = 'Þórr Capital' WHERE slug = 'aeroe'",
            [],
        )
        .unwrap();
    assert!(hit_slugs(&tmp, "aero").is_empty());
    assert_eq!(hit_slugs(&tmp, "thorr"), ["aeroe"]);
    let integrity = tmp.sql().execute(
        "INSERT INTO deals_fts (deals_fts) VALUES ('integrity-check')",
        [],
    );
    assert!(integrity.is_ok(), "{integrity:?}");
}

#[test]
fn chinese_and_japanese_text_is_found() {
    // About FTS5's bm25 ranking and snippets; PostgreSQL's differ (README, Team mode).
    crate::sqlite_only!();
    let tmp = sandbox();
    tmp.stdout(&[
        "add",
        "--title",
        "阿里巴巴与英伟达签署算力合作协议",
        "--slug",
        "alibaba-nvidia",
        "--kind",
        "other",
    ]);
    tmp.stdout(&[
        "add",
        "--title",
        "ソフトバンクとOpenAIが合弁会社を設立",
        "--slug",
        "softbank-openai-jv",
        "--kind",
        "other",
    ]);
    assert_eq!(hit_slugs(&tmp, "阿里巴巴"), ["alibaba-nvidia"]);
    assert_eq!(hit_slugs(&tmp, "英伟达签署"), ["alibaba-nvidia"]);
    assert_eq!(hit_slugs(&tmp, "合弁会社"), ["softbank-openai-jv"]);
    // Words of one or two characters, too short for trigrams: 阿里 (Alibaba), 英伟.
    assert_eq!(hit_slugs(&tmp, "阿里"), ["alibaba-nvidia"]);
    assert_eq!(hit_slugs(&tmp, "合弁"), ["softbank-openai-jv"]);
    let short = search_json(&tmp, &["英伟"]);
    assert!(
        short[0]["snippet"].as_str().unwrap().contains("[英伟]达"),
        "{short:?}"
    );
    // A Latin word written against CJK characters.
    let openai = hit_slugs(&tmp, "OpenAI");
    assert!(
        openai.contains(&"softbank-openai-jv".to_string()),
        "{openai:?}"
    );
    assert_eq!(
        openai.iter().filter(|s| *s == "softbank-openai-jv").count(),
        1,
        "found by both indexes, listed once: {openai:?}"
    );
    let hits = search_json(&tmp, &["阿里巴巴"]);
    assert!(
        hits[0]["snippet"].as_str().unwrap().contains("[阿里巴巴]"),
        "{hits:?}"
    );
}

#[test]
fn not_leaves_out_what_the_cjk_index_would_bring_back() {
    // About FTS5's bm25 ranking and snippets; PostgreSQL's differ (README, Team mode).
    crate::sqlite_only!();
    let tmp = sandbox();
    tmp.stdout(&[
        "add",
        "--title",
        "OpenAI signed with 阿里 today",
        "--slug",
        "with-ali",
        "--kind",
        "other",
    ]);
    tmp.stdout(&[
        "add",
        "--title",
        "OpenAI signed with テンセント today",
        "--slug",
        "with-tencent",
        "--kind",
        "other",
    ]);
    let found = hit_slugs(&tmp, "openai NOT 阿里");
    assert!(!found.contains(&"with-ali".to_string()), "{found:?}");
    assert!(found.contains(&"with-tencent".to_string()), "{found:?}");
}
