//! `deals fx set|list`: the exchange rates `report --currency` converts with.

use serde_json::{Value, json};

use crate::util::Sandbox;

fn rates(s: &Sandbox) -> Value {
    s.json(&["fx", "list"])
}

#[test]
fn fx_set_records_a_rate_that_fx_list_shows() {
    let s = Sandbox::seeded();
    assert_eq!(rates(&s), json!([]));
    let out = s.stdout(&["fx", "set", "EUR", "0.92", "--on", "2025-01-01"]);
    assert!(out.contains("Recorded"), "{out}");
    assert_eq!(
        rates(&s),
        json!([{"currency": "EUR", "effective_on": "2025-01-01", "per_usd": 0.92}])
    );
    // A partial date starts on the first day of its period; codes in any case.
    s.run(&["fx", "set", "gbp", "0.8", "--on", "2025-Q2"]);
    assert_eq!(
        s.json(&["fx", "list", "GBP"]),
        json!([{"currency": "GBP", "effective_on": "2025-04-01", "per_usd": 0.8}])
    );
    assert_eq!(rates(&s).as_array().unwrap().len(), 2);
    let table = s.stdout(&["fx", "list"]);
    assert!(
        table.contains("EUR") && table.contains("0.92") && table.contains("2025-01-01"),
        "{table}"
    );
}

#[test]
fn a_rate_for_the_same_day_replaces_the_old_one() {
    let s = Sandbox::seeded();
    s.run(&["fx", "set", "EUR", "0.92", "--on", "2025-01-01"]);
    s.run(&["fx", "set", "EUR", "0.5", "--on", "2025-06-01"]);
    let out = s.stdout(&["fx", "set", "EUR", "0.95", "--on", "2025-01-01"]);
    assert!(out.contains("Replaced"), "{out}");
    assert_eq!(
        rates(&s),
        json!([
            {"currency": "EUR", "effective_on": "2025-01-01", "per_usd": 0.95},
            {"currency": "EUR", "effective_on": "2025-06-01", "per_usd": 0.5}
        ])
    );
    assert_eq!(s.count("SELECT count(*) FROM fx_rates"), 2);
}

#[test]
fn a_bad_rate_is_a_one_line_usage_error_and_writes_nothing() {
    let s = Sandbox::seeded();
    s.run(&["fx", "set", "EUR", "0.92", "--on", "2025-01-01"]);
    let before = s.dump();
    for rate in ["abc", "0", "-1", "", "NaN", "inf", "1\n2"] {
        let args = ["fx", "set", "EUR", rate, "--on", "2025-01-01"];
        let (code, stderr) = s.fail(&args);
        assert_eq!(code, 2, "rate {rate:?}: {stderr}");
        assert_eq!(
            stderr.trim_end().lines().count(),
            1,
            "rate {rate:?}: not one line:\n{stderr}"
        );
        assert!(stderr.starts_with("error:"), "{stderr}");
        assert!(stderr.contains("RATE"), "{stderr}");
    }
    assert_eq!(s.dump(), before, "a refused rate changed the database");
}

#[test]
fn usd_and_unknown_currencies_and_bad_dates_are_refused() {
    let s = Sandbox::seeded();
    let before = s.dump();
    let cases: [&[&str]; 5] = [
        &["fx", "set", "USD", "1", "--on", "2025"],
        &["fx", "set", "usd", "1", "--on", "2025-01-01"],
        &["fx", "set", "XYZ", "1.5", "--on", "2025-01-01"],
        &["fx", "set", "EURO", "0.9", "--on", "2025-01-01"],
        &["fx", "set", "EUR", "0.9", "--on", "2025-13"],
    ];
    for args in cases {
        let (code, stderr) = s.fail(args);
        assert_eq!(code, 2, "`deals {}`: {stderr}", args.join(" "));
        assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    }
    let (_, stderr) = s.fail(&["fx", "set", "XYZ", "1.5", "--on", "2025-01-01"]);
    assert!(stderr.contains("XYZ"), "{stderr}");
    let (_, stderr) = s.fail(&["fx", "set", "USD", "1", "--on", "2025"]);
    assert!(stderr.contains("USD"), "{stderr}");
    let (code, _) = s.fail(&["fx", "set", "EUR", "0.9"]);
    assert_eq!(code, 2, "--on is required");
    assert_eq!(s.dump(), before, "a refused rate changed the database");
    assert_eq!(rates(&s), json!([]));
}

/// A rate `fx set` accepts must be one `report --currency` converts with: a
/// tiny rate is either refused or used, never stored and then treated as if
/// there were no rate at all.
#[test]
fn a_rate_fx_set_accepts_is_used_by_report() {
    let s = Sandbox::seeded();
    let args = ["fx", "set", "EUR", "0.0000001", "--on", "2019-01-01"];
    let out = s.cmd().args(args).output().expect("spawn deals");
    if !out.status.success() {
        assert_eq!(
            out.status.code(),
            Some(2),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(rates(&s), json!([]));
        return;
    }
    let report = s.json(&["report", "--by", "none", "--currency", "EUR"]);
    let unconverted: Vec<&str> = report["unconverted"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["slug"].as_str().unwrap())
        .collect();
    assert!(
        unconverted.is_empty(),
        "1 USD = 0.0000001 EUR was recorded from 2019-01-01, yet the report \
         says no rate applies to {unconverted:?}"
    );
    // 1,220 billion USD at 0.0000001 EUR per USD, each deal rounded to the euro.
    let eur = report["totals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["currency"] == "EUR")
        .expect("an EUR total");
    assert_eq!(eur["deals"], 8);
    assert!(
        (eur["value"].as_i64().unwrap() - 122_000).abs() <= 8,
        "{eur}"
    );
}
