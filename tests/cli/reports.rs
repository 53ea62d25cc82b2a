//! `deals report`: periods, groups, statuses, conversion, spreading, running
//! totals and the chart outputs, checked against plain SQL over the seed set.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::util::{AWS_DEAL, Sandbox, set};

/// The parsed JSON of `deals report ARGS`.
fn report(s: &Sandbox, args: &[&str]) -> Value {
    let mut all = vec!["report"];
    all.extend_from_slice(args);
    s.json(&all)
}

fn rows(report: &Value) -> &Vec<Value> {
    report["rows"].as_array().expect("rows")
}

fn totals(report: &Value) -> &Vec<Value> {
    report["totals"].as_array().expect("totals")
}

fn periods(report: &Value) -> Vec<String> {
    report["periods"]
        .as_array()
        .expect("periods")
        .iter()
        .map(|p| p.as_str().expect("a period name").to_string())
        .collect()
}

fn int(value: &Value) -> i128 {
    i128::from(
        value
            .as_i64()
            .unwrap_or_else(|| panic!("not an integer: {value}")),
    )
}

fn opt_str(value: &Value) -> Option<String> {
    value.as_str().map(str::to_string)
}

/// The total of a currency (None: undisclosed) as (deals, value).
fn total_of(report: &Value, currency: Option<&str>) -> (i128, i128) {
    let total = totals(report)
        .iter()
        .find(|t| t["currency"].as_str() == currency)
        .unwrap_or_else(|| panic!("no {currency:?} total in {:#}", report["totals"]));
    (int(&total["deals"]), int(&total["value"]))
}

/// The sum of `deals` over the totals: each deal counted once.
fn deals_in_totals(report: &Value) -> i128 {
    totals(report).iter().map(|t| int(&t["deals"])).sum()
}

/// The distinct group labels of a report's rows (null groups left out).
fn groups(report: &Value) -> BTreeSet<String> {
    rows(report)
        .iter()
        .filter_map(|r| opt_str(&r["group"]))
        .collect()
}

/// (deals, value) per (period, currency) from plain SQL over `deals`, with
/// PERIOD an SQL expression over `announced_on`.
fn sql_cells(s: &Sandbox, period: &str) -> BTreeMap<(String, Option<String>), (i128, i128)> {
    let conn = s.sql();
    let query = format!(
        "SELECT {period}, value_currency, count(*), coalesce(sum(value_amount), 0)
         FROM deals WHERE status <> 'cancelled' AND announced_on IS NOT NULL
         GROUP BY 1, 2"
    );
    let mut stmt = conn.prepare(&query).unwrap();
    stmt.query_map([], |r| {
        Ok((
            (r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?),
            (
                i128::from(r.get::<_, i64>(2)?),
                i128::from(r.get::<_, i64>(3)?),
            ),
        ))
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

const SQL_QUARTER: &str = "strftime('%Y', announced_on) || '-Q' || \
     ((CAST(strftime('%m', announced_on) AS INTEGER) + 2) / 3)";
const SQL_MONTH: &str = "strftime('%Y-%m', announced_on)";
const SQL_YEAR: &str = "strftime('%Y', announced_on)";

/// The period after `period` for a report `--by BY`.
fn next_period(by: &str, period: &str) -> String {
    match by {
        "year" => (period.parse::<i32>().unwrap() + 1).to_string(),
        "quarter" => {
            let (year, q) = period.split_once("-Q").expect("YYYY-Qn");
            let (year, q): (i32, u32) = (year.parse().unwrap(), q.parse().unwrap());
            assert!((1..=4).contains(&q), "{period}");
            if q == 4 {
                format!("{}-Q1", year + 1)
            } else {
                format!("{year}-Q{}", q + 1)
            }
        }
        "month" => {
            let (year, month) = period.split_once('-').expect("YYYY-MM");
            let (year, month): (i32, u32) = (year.parse().unwrap(), month.parse().unwrap());
            assert!((1..=12).contains(&month), "{period}");
            if month == 12 {
                format!("{}-01", year + 1)
            } else {
                format!("{year}-{:02}", month + 1)
            }
        }
        other => panic!("no next period --by {other}"),
    }
}

/// Checks the ungrouped report `--by BY` against SQL, cell by cell in both
/// directions, and its periods for gaps.
fn matches_sql(s: &Sandbox, by: &str, period_sql: &str) {
    let report = report(s, &["--by", by]);
    let expected = sql_cells(s, period_sql);
    assert!(!expected.is_empty());

    let mut got: BTreeMap<(String, Option<String>), (i128, i128)> = BTreeMap::new();
    for row in rows(&report) {
        assert!(row["group"].is_null(), "--by {by}: ungrouped row {row}");
        let deals = int(&row["deals"]);
        if deals == 0 {
            assert!(
                row["currency"].is_null() && int(&row["value"]) == 0,
                "--by {by}: an empty row with a value: {row}"
            );
            continue;
        }
        let key = (
            opt_str(&row["period"]).expect("a dated period"),
            opt_str(&row["currency"]),
        );
        let previous = got.insert(key.clone(), (deals, int(&row["value"])));
        assert!(previous.is_none(), "--by {by}: two rows for {key:?}");
    }
    assert_eq!(
        got, expected,
        "--by {by}: report rows (left) against plain SQL (right)"
    );

    let periods = periods(&report);
    let first = expected.keys().map(|k| &k.0).min().unwrap();
    let last = expected.keys().map(|k| &k.0).max().unwrap();
    assert_eq!(periods.first(), Some(first), "--by {by}: first period");
    assert_eq!(periods.last(), Some(last), "--by {by}: last period");
    for pair in periods.windows(2) {
        assert_eq!(
            next_period(by, &pair[0]),
            pair[1],
            "--by {by}: a gap or disorder in {periods:?}"
        );
    }
    for period in &periods {
        assert!(
            rows(&report)
                .iter()
                .any(|r| r["period"].as_str() == Some(period)),
            "--by {by}: no row for period {period}"
        );
    }
    assert!(
        rows(&report)
            .iter()
            .all(|r| periods.iter().any(|p| r["period"].as_str() == Some(p))),
        "--by {by}: a row outside the periods"
    );
}

#[test]
fn report_by_quarter_matches_plain_sql_with_no_gaps() {
    // About its oracle is plain SQL in SQLite's dialect.
    crate::sqlite_only!();
    let s = Sandbox::seeded();
    matches_sql(&s, "quarter", SQL_QUARTER);
    // The default width is the quarter.
    let default = report(&s, &[]);
    assert_eq!(default["parameters"]["by"], "quarter");
    assert_eq!(default, report(&s, &["--by", "quarter"]));
}

#[test]
fn report_by_month_matches_plain_sql_with_no_gaps() {
    // About its oracle is plain SQL in SQLite's dialect.
    crate::sqlite_only!();
    let s = Sandbox::seeded();
    matches_sql(&s, "month", SQL_MONTH);
}

#[test]
fn report_by_year_matches_plain_sql_with_no_gaps() {
    // About its oracle is plain SQL in SQLite's dialect.
    crate::sqlite_only!();
    let s = Sandbox::seeded();
    matches_sql(&s, "year", SQL_YEAR);
}

#[test]
fn report_by_none_is_one_period_called_all() {
    // About its oracle is plain SQL in SQLite's dialect.
    crate::sqlite_only!();
    let s = Sandbox::seeded();
    let r = report(&s, &["--by", "none"]);
    assert_eq!(periods(&r), ["all"]);
    assert!(rows(&r).iter().all(|row| row["period"] == "all"), "{r:#}");
    let expected = sql_cells(&s, "'all'");
    for ((_, currency), (deals, value)) in &expected {
        assert_eq!(
            total_of(&r, currency.as_deref()),
            (*deals, *value),
            "{currency:?}"
        );
    }
    assert_eq!(deals_in_totals(&r), 12);
}

#[test]
fn grouping_by_company_counts_each_deal_once_in_the_totals() {
    let s = Sandbox::seeded();
    let plain = report(&s, &["--by", "none"]);
    let grouped = report(&s, &["--by", "none", "--group", "company"]);
    assert_eq!(deals_in_totals(&grouped), 12, "{:#}", grouped["totals"]);
    assert_eq!(grouped["totals"], plain["totals"]);
    let row_deals: i128 = rows(&grouped).iter().map(|r| int(&r["deals"])).sum();
    assert!(
        row_deals > 12,
        "a deal counts under each of its companies: {row_deals}"
    );
    // OpenAI is party to ten deals, six of them with a disclosed value.
    let openai: i128 = rows(&grouped)
        .iter()
        .filter(|r| r["group"] == "OpenAI")
        .map(|r| int(&r["deals"]))
        .sum();
    assert_eq!(openai, 10);
    assert!(groups(&grouped).contains("Amazon Web Services"));
}

#[test]
fn role_limits_the_companies_grouped() {
    let s = Sandbox::seeded();
    let r = report(
        &s,
        &["--by", "none", "--group", "company", "--role", "investor"],
    );
    assert_eq!(groups(&r), set(&["Amazon", "Microsoft", "Nvidia"]));
    assert_eq!(r["parameters"]["role"], "investor");
    let investors: i64 =
        s.count("SELECT count(DISTINCT deal_id) FROM deal_parties WHERE role = 'investor'");
    assert_eq!(deals_in_totals(&r), i128::from(investors));
}

#[test]
fn rollup_counts_subsidiaries_under_their_parent() {
    let s = Sandbox::seeded();
    let r = report(&s, &["--by", "none", "--group", "company", "--rollup"]);
    let names = groups(&r);
    assert!(!names.contains("Amazon Web Services"), "{names:?}");
    assert!(!names.contains("Google"), "Google rolls up to Alphabet");
    assert!(names.contains("Alphabet"));
    let amazon: Vec<&Value> = rows(&r).iter().filter(|r| r["group"] == "Amazon").collect();
    let deals: i128 = amazon.iter().map(|r| int(&r["deals"])).sum();
    assert_eq!(deals, 3, "Amazon's own deal and AWS's two: {amazon:?}");
    let value: i128 = amazon.iter().map(|r| int(&r["value"])).sum();
    assert_eq!(value, 8_000_000_000 + 38_000_000_000 + 11_000_000_000);
    assert_eq!(r["totals"], report(&s, &["--by", "none"])["totals"]);
}

#[test]
fn counterparty_groups_the_other_parties_of_the_company() {
    let s = Sandbox::seeded();
    let r = report(
        &s,
        &[
            "--by",
            "none",
            "--group",
            "counterparty",
            "--company",
            "OpenAI",
        ],
    );
    let names = groups(&r);
    assert!(!names.contains("OpenAI"), "{names:?}");
    assert_eq!(
        names,
        set(&[
            "AMD",
            "Amazon Web Services",
            "Broadcom",
            "G42",
            "Google",
            "MGX",
            "Microsoft",
            "Nvidia",
            "Oracle",
            "SoftBank"
        ])
    );
    let oracle: i128 = rows(&r)
        .iter()
        .filter(|r| r["group"] == "Oracle")
        .map(|r| int(&r["deals"]))
        .sum();
    assert_eq!(oracle, 3);
    assert_eq!(deals_in_totals(&r), 10, "OpenAI's ten deals, once each");
}

#[test]
fn counterparty_without_company_and_role_without_company_grouping_are_usage_errors() {
    let s = Sandbox::seeded();
    let (code, stderr) = s.fail(&["report", "--group", "counterparty"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("--company"), "{stderr}");
    for args in [
        &["report", "--role", "investor"][..],
        &["report", "--group", "kind", "--role", "investor"],
        &["report", "--group", "tag", "--role", "customer"],
    ] {
        let (code, stderr) = s.fail(args);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(stderr.contains("--role"), "{stderr}");
    }
}

#[test]
fn cancelled_deals_are_left_out_unless_asked_for() {
    let s = Sandbox::seeded();
    let before = report(&s, &["--by", "none"]);
    s.run(&[
        "add",
        "--title",
        "Called off",
        "--kind",
        "other",
        "--status",
        "cancelled",
        "--value",
        "5B",
        "--announced",
        "2025-11",
    ]);
    let after = report(&s, &["--by", "none"]);
    assert_eq!(after["totals"], before["totals"]);
    let statuses: Vec<&str> = after["parameters"]["statuses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(!statuses.contains(&"cancelled"), "{statuses:?}");
    assert!(statuses.contains(&"active") && statuses.contains(&"completed"));

    let cancelled = report(&s, &["--by", "none", "--status", "cancelled"]);
    assert_eq!(
        cancelled["parameters"]["statuses"],
        serde_json::json!(["cancelled"])
    );
    assert_eq!(
        cancelled["totals"],
        serde_json::json!([{
            "currency": "USD",
            "deals": 1,
            "value": 5_000_000_000_i64,
            "qualifiers": {"exact": 5_000_000_000_i64}
        }])
    );

    let table = s.stdout(&["report"]);
    let line = table
        .lines()
        .find(|l| l.starts_with("Statuses counted:"))
        .unwrap_or_else(|| panic!("no statuses line:\n{table}"));
    let counted = line.split('.').next().unwrap();
    assert!(!counted.contains("cancelled"), "{line}");
    let table = s.stdout(&["report", "--status", "cancelled"]);
    assert!(
        table
            .lines()
            .any(|l| l.starts_with("Statuses counted: cancelled.")),
        "{table}"
    );
}

#[test]
fn year_precise_deals_are_imprecise_by_quarter_but_not_by_year() {
    let s = Sandbox::seeded();
    let coarse = s.count(
        "SELECT count(*) FROM deals WHERE announced_precision IN ('half', 'year') AND status <> 'cancelled'",
    );
    assert_eq!(
        coarse, 2,
        "microsoft-openai-investment and the Indiana campus"
    );
    let quarterly = report(&s, &["--by", "quarter"]);
    let imprecise: i128 = rows(&quarterly).iter().map(|r| int(&r["imprecise"])).sum();
    assert_eq!(imprecise, 2);
    let cell = |period: &str| {
        rows(&quarterly)
            .iter()
            .find(|r| r["period"] == period && r["currency"] == "USD")
            .unwrap_or_else(|| panic!("no USD row in {period}"))
            .clone()
    };
    // 2019-Q1 holds only the 2019 Microsoft investment; 2025-Q1 holds Stargate
    // (dated to the day) and the Indiana campus (dated 2025).
    assert_eq!(int(&cell("2019-Q1")["imprecise"]), 1);
    assert_eq!(int(&cell("2025-Q1")["imprecise"]), 1);
    assert_eq!(int(&cell("2025-Q1")["deals"]), 2);

    let monthly = report(&s, &["--by", "month"]);
    let imprecise: i128 = rows(&monthly).iter().map(|r| int(&r["imprecise"])).sum();
    assert_eq!(imprecise, 2);

    let yearly = report(&s, &["--by", "year"]);
    assert!(
        rows(&yearly).iter().all(|r| int(&r["imprecise"]) == 0),
        "{:#}",
        yearly["rows"]
    );
}

#[test]
fn undisclosed_values_count_in_rows_without_a_currency() {
    let s = Sandbox::seeded();
    let undisclosed =
        s.count("SELECT count(*) FROM deals WHERE value_amount IS NULL AND status <> 'cancelled'");
    assert_eq!(undisclosed, 4);
    for by in ["quarter", "none"] {
        let r = report(&s, &["--by", by]);
        let blank: Vec<&Value> = rows(&r)
            .iter()
            .filter(|r| r["currency"].is_null() && int(&r["deals"]) > 0)
            .collect();
        let deals: i128 = blank.iter().map(|r| int(&r["deals"])).sum();
        assert_eq!(deals, i128::from(undisclosed), "--by {by}: {blank:?}");
        assert!(blank.iter().all(|r| int(&r["value"]) == 0), "{blank:?}");
        assert_eq!(total_of(&r, None), (i128::from(undisclosed), 0));
    }
}

#[test]
fn spread_splits_a_deal_over_the_months_of_its_term() {
    let s = Sandbox::seeded();
    let r = report(
        &s,
        &[
            "--spread",
            "--by",
            "year",
            "--company",
            "AWS",
            "--kind",
            "cloud-compute",
        ],
    );
    assert_eq!(r["parameters"]["spread"], true);
    assert_eq!(
        periods(&r),
        [
            "2025", "2026", "2027", "2028", "2029", "2030", "2031", "2032"
        ]
    );
    let value = 38_000_000_000_i128;
    let mut by_year = BTreeMap::new();
    for row in rows(&r) {
        assert_eq!(row["currency"], "USD", "{row}");
        assert_eq!(int(&row["deals"]), 1, "{row}");
        by_year.insert(
            row["period"].as_str().unwrap().to_string(),
            int(&row["value"]),
        );
    }
    assert_eq!(by_year.len(), 8, "{by_year:?}");
    assert_eq!(
        by_year.values().sum::<i128>(),
        value,
        "nothing lost to rounding"
    );
    // 84 months from November 2025: 2 in 2025, 12 a year to 2031, 10 in 2032.
    for (year, months) in [("2025", 2), ("2026", 12), ("2031", 12), ("2032", 10)] {
        let got = by_year[year];
        // Each month's share is within one unit of value / 84.
        assert!(
            (got * 84 - months * value).abs() <= 84 * months,
            "{year}: {got} is not {months}/84 of {value}"
        );
    }
    assert_eq!(total_of(&r, Some("USD")), (1, value));

    let unspread = report(
        &s,
        &[
            "--by",
            "year",
            "--company",
            "AWS",
            "--kind",
            "cloud-compute",
        ],
    );
    assert_eq!(periods(&unspread), ["2025"]);
    assert_eq!(int(&rows(&unspread)[0]["value"]), value);
    let slugs =
        crate::util::slug_set(&s.json(&["list", "--company", "AWS", "--kind", "cloud-compute"]));
    assert_eq!(slugs, set(&[AWS_DEAL]));
}

/// Checks every running total of a `--cumulative` report; returns the last
/// running total per (group, currency).
fn check_running_totals(r: &Value) -> BTreeMap<(Option<String>, String), i128> {
    let mut running: BTreeMap<(Option<String>, String), i128> = BTreeMap::new();
    for period in periods(r) {
        let in_period: Vec<&Value> = rows(r).iter().filter(|x| x["period"] == period).collect();
        let series: BTreeSet<(Option<String>, String)> = in_period
            .iter()
            .filter_map(|x| Some((opt_str(&x["group"]), opt_str(&x["currency"])?)))
            .collect();
        // Every series that has started shows in every later period.
        for key in running.keys() {
            assert!(series.contains(key), "{period} drops the series {key:?}");
        }
        for row in in_period {
            match opt_str(&row["currency"]) {
                Some(currency) => {
                    let key = (opt_str(&row["group"]), currency);
                    let total = running.entry(key.clone()).or_default();
                    *total += int(&row["value"]);
                    assert_eq!(
                        int(&row["cumulative_value"]),
                        *total,
                        "running total of {key:?} in {period}"
                    );
                }
                None => assert!(
                    int(&row["value"]) == 0
                        && (int(&row["deals"]) == 0 || row.get("cumulative_value").is_none()),
                    "undisclosed values have no running total: {row}"
                ),
            }
        }
    }
    let dated = rows(r).iter().all(|x| x["period"].is_string());
    assert!(dated, "the seed has no undated deal");
    running
}

#[test]
fn cumulative_values_are_running_sums_per_group_and_currency() {
    // About its oracle is plain SQL in SQLite's dialect.
    crate::sqlite_only!();
    let s = Sandbox::seeded();
    let r = report(&s, &["--by", "quarter", "--cumulative"]);
    assert_eq!(r["parameters"]["cumulative"], true);
    let last = check_running_totals(&r);
    let usd = total_of(&r, Some("USD")).1;
    assert_eq!(last[&(None, "USD".to_string())], usd);
    let last_usd_row = rows(&r)
        .iter()
        .rev()
        .find(|r| r["currency"] == "USD")
        .unwrap();
    assert_eq!(int(&last_usd_row["cumulative_value"]), usd);
    assert_eq!(last_usd_row["period"], "2025-Q4");

    // Grouped by kind: each kind's last running total is that kind's value.
    let grouped = report(&s, &["--by", "quarter", "--cumulative", "--group", "kind"]);
    let last = check_running_totals(&grouped);
    let conn = s.sql();
    let mut stmt = conn
        .prepare(
            "SELECT kind, sum(value_amount) FROM deals
             WHERE status <> 'cancelled' AND value_currency = 'USD' GROUP BY kind",
        )
        .unwrap();
    let expected: BTreeMap<(Option<String>, String), i128> = stmt
        .query_map([], |r| {
            Ok((
                (Some(r.get::<_, String>(0)?), "USD".to_string()),
                i128::from(r.get::<_, i64>(1)?),
            ))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(last, expected);
}

#[test]
fn top_keeps_the_largest_groups_and_folds_the_rest_into_other() {
    let s = Sandbox::seeded();
    let plain = report(&s, &["--by", "none"]);
    let all = report(&s, &["--by", "none", "--group", "company"]);
    let top = report(&s, &["--by", "none", "--group", "company", "--top", "2"]);
    // The two companies with the largest USD value: OpenAI and Oracle.
    let mut usd: Vec<(i128, String)> = rows(&all)
        .iter()
        .filter(|r| r["currency"] == "USD")
        .map(|r| (int(&r["value"]), r["group"].as_str().unwrap().to_string()))
        .collect();
    usd.sort_by(|a, b| b.cmp(a));
    let largest: BTreeSet<String> = usd[..2].iter().map(|(_, g)| g.clone()).collect();
    assert_eq!(largest, set(&["OpenAI", "Oracle"]));
    let mut expected = largest.clone();
    expected.insert("other".to_string());
    assert_eq!(groups(&top), expected);
    assert_eq!(
        rows(&top).last().unwrap()["group"],
        "other",
        "other comes last"
    );
    assert_eq!(top["totals"], plain["totals"]);
    assert_eq!(top["parameters"]["top"], 2);
    let (code, _) = s.fail(&["report", "--group", "company", "--top", "0"]);
    assert_eq!(code, 2);
}

#[test]
fn currency_converts_with_the_rate_in_force() {
    let s = Sandbox::seeded();
    let plain = report(&s, &["--by", "none"]);
    let (usd_deals, usd_value) = total_of(&plain, Some("USD"));
    s.run(&["fx", "set", "EUR", "0.9", "--on", "2019-01-01"]);
    let r = report(&s, &["--by", "none", "--currency", "EUR"]);
    assert_eq!(r["parameters"]["currency"], "EUR");
    let currencies: Vec<Option<&str>> = totals(&r).iter().map(|t| t["currency"].as_str()).collect();
    assert_eq!(currencies, [Some("EUR"), None], "{:#}", r["totals"]);
    let (eur_deals, eur_value) = total_of(&r, Some("EUR"));
    assert_eq!(eur_deals, usd_deals);
    // Each deal is rounded to a whole euro at most.
    assert!(
        (eur_value * 10 - usd_value * 9).abs() <= 10 * usd_deals,
        "{eur_value} EUR against {usd_value} USD at 0.9"
    );
    assert!(r["unconverted"].as_array().unwrap().is_empty());
    assert_eq!(deals_in_totals(&r), 12);
}

#[test]
fn deals_before_the_first_rate_are_listed_as_unconverted_and_kept() {
    // About its oracle is plain SQL in SQLite's dialect.
    crate::sqlite_only!();
    let s = Sandbox::seeded();
    s.run(&["fx", "set", "EUR", "0.9", "--on", "2025-06-01"]);
    let r = report(&s, &["--by", "none", "--currency", "EUR"]);
    let early: BTreeSet<String> = {
        let conn = s.sql();
        let mut stmt = conn
            .prepare(
                "SELECT slug FROM deals WHERE value_amount IS NOT NULL
                 AND announced_on < '2025-06-01' AND status <> 'cancelled'",
            )
            .unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    assert_eq!(
        early,
        set(&[
            "microsoft-openai-investment",
            "amazon-anthropic-investment",
            "aws-anthropic-indiana-campus",
            "stargate"
        ])
    );
    let unconverted = r["unconverted"].as_array().unwrap();
    let listed: BTreeSet<String> = unconverted
        .iter()
        .map(|u| u["slug"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(listed, early);
    let stargate = unconverted
        .iter()
        .find(|u| u["slug"] == "stargate")
        .unwrap();
    assert_eq!(stargate["currency"], "USD");
    assert_eq!(stargate["amount"], 500_000_000_000_i64);
    assert_eq!(stargate["on"], "2025-01-21");
    assert_eq!(stargate["title"], "Stargate joint venture");

    let early_value: i128 = unconverted.iter().map(|u| int(&u["amount"])).sum();
    assert_eq!(total_of(&r, Some("USD")), (4, early_value), "kept in USD");
    let usd_row = rows(&r)
        .iter()
        .find(|row| row["currency"] == "USD")
        .unwrap_or_else(|| panic!("no USD row: {:#}", r["rows"]));
    assert_eq!(
        (int(&usd_row["deals"]), int(&usd_row["value"])),
        (4, early_value)
    );
    let (eur_deals, eur_value) = total_of(&r, Some("EUR"));
    assert_eq!(eur_deals, 4);
    let usd_total = total_of(&report(&s, &["--by", "none"]), Some("USD")).1;
    assert!((eur_value * 10 - (usd_total - early_value) * 9).abs() <= 40);
    assert_eq!(deals_in_totals(&r), 12, "nothing silently dropped");

    let table = s.stdout(&["report", "--by", "none", "--currency", "EUR"]);
    assert!(table.contains("Not converted"), "{table}");
    assert!(table.contains("amazon-anthropic-investment"), "{table}");
}

#[test]
fn chart_draws_bars_in_the_terminal() {
    let s = Sandbox::seeded();
    let plain = s.stdout(&["report", "--by", "year"]);
    let chart = s.stdout(&["report", "--by", "year", "--chart"]);
    let bar = |text: &str| {
        text.lines()
            .find(|l| l.starts_with("2025 ") && l.contains('│') && l.contains('$'))
            .map(str::to_string)
    };
    assert!(bar(&plain).is_none(), "no chart without --chart:\n{plain}");
    let line = bar(&chart).unwrap_or_else(|| panic!("no bar for 2025:\n{chart}"));
    assert!(line.contains('█'), "{line}");
    assert!(chart.contains("Deal value per year, USD"), "{chart}");
    assert!(chart.starts_with(&plain), "the table comes first");
}

#[test]
fn svg_chart_is_written_to_the_file_with_names_escaped() {
    let s = Sandbox::seeded();
    let name = r#"AT&T <"Labs">"#;
    s.run(&["company", "add", name]);
    s.run(&[
        "add",
        "--title",
        "Labs deal",
        "--kind",
        "partnership",
        "--value",
        "2T",
        "--announced",
        "2025-07",
        "--party",
        &format!("{name}:partner"),
        "--party",
        "OpenAI:partner",
    ]);
    let grouped = report(&s, &["--by", "none", "--group", "company"]);
    assert!(groups(&grouped).contains(name), "{:#}", grouped["rows"]);

    let plain = s.root().join("plain.svg");
    let out = s.stdout(&[
        "report",
        "--format",
        "svg",
        "--out",
        plain.to_str().unwrap(),
    ]);
    assert!(out.contains("plain.svg"), "{out}");
    let svg = std::fs::read_to_string(&plain).expect("the SVG file");
    assert!(
        svg.starts_with("<svg") || svg.starts_with("<?xml"),
        "{}",
        &svg[..svg.len().min(200)]
    );
    assert!(svg.contains("Deal value"));
    assert!(svg.trim_end().ends_with("</svg>"));

    let by_company = s.root().join("company.svg");
    s.run(&[
        "report",
        "--group",
        "company",
        "--format",
        "svg",
        "--out",
        by_company.to_str().unwrap(),
    ]);
    let svg = std::fs::read_to_string(&by_company).expect("the SVG file");
    assert!(svg.contains("AT&amp;T &lt;"), "the name is not in the SVG");
    assert!(
        !svg.contains("AT&T <"),
        "the name reached the SVG as markup"
    );
    assert!(!svg.contains(r#"<"Labs"#));
}

#[test]
fn svg_needs_out_and_is_only_for_report() {
    let s = Sandbox::seeded();
    let before = std::fs::read_dir(s.root()).unwrap().count();
    let (code, stderr) = s.fail(&["report", "--format", "svg"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("--out"), "{stderr}");
    let (code, stderr) = s.fail(&["list", "--format", "svg"]);
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(std::fs::read_dir(s.root()).unwrap().count(), before);
}

#[test]
fn out_writes_the_json_to_the_file() {
    let s = Sandbox::seeded();
    let path = s.root().join("report.json");
    let out = s.stdout(&[
        "report",
        "--by",
        "year",
        "--format",
        "json",
        "--out",
        path.to_str().unwrap(),
    ]);
    assert!(
        !out.contains('{'),
        "the JSON went to the file, not stdout: {out}"
    );
    let written: Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).expect("JSON in the file");
    assert_eq!(written, report(&s, &["--by", "year"]));
}

/// A failed `--out` leaves neither the file nor a temporary one behind.
#[test]
fn out_leaves_nothing_partial_on_error() {
    let s = Sandbox::seeded();
    let dir = s.root().join("reports");
    std::fs::create_dir(&dir).unwrap();
    let missing = s.root().join("missing").join("report.json");
    let mut left = Vec::new();
    for format in ["json", "svg"] {
        for target in [&dir, &missing] {
            let args = [
                "report",
                "--format",
                format,
                "--out",
                target.to_str().unwrap(),
            ];
            let (code, stderr) = s.fail(&args);
            assert_eq!(code, 1, "{args:?}: {stderr}");
            assert!(stderr.contains("--out"), "{stderr}");
            let entries: Vec<String> = std::fs::read_dir(s.root())
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|n| n.contains("report") || n.contains("partial"))
                .collect();
            if entries != ["reports"] {
                left.push(format!("`deals {}` left {entries:?}", args.join(" ")));
                for name in entries.iter().filter(|n| n.as_str() != "reports") {
                    let _ = std::fs::remove_file(s.root().join(name));
                }
            }
        }
    }
    assert!(!missing.parent().unwrap().exists());
    assert!(std::fs::read_dir(&dir).unwrap().next().is_none());
    assert!(left.is_empty(), "{}", left.join("\n"));
}

#[test]
fn csv_and_markdown_reports_have_a_header() {
    let s = Sandbox::seeded();
    let json = report(&s, &["--by", "year"]);
    let csv = s.stdout(&["report", "--by", "year", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(
        header,
        [
            "period",
            "group",
            "currency",
            "deals",
            "value",
            "exact_value",
            "approx_value",
            "at_least_value",
            "up_to_value",
            "imprecise"
        ]
    );
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), rows(&json).len());
    for (record, row) in records.iter().zip(rows(&json)) {
        assert_eq!(&record[0], row["period"].as_str().unwrap());
        assert_eq!(&record[2], row["currency"].as_str().unwrap_or(""));
        assert_eq!(record[3].parse::<i128>().unwrap(), int(&row["deals"]));
        assert_eq!(record[4].parse::<i128>().unwrap(), int(&row["value"]));
    }

    let markdown = s.stdout(&["report", "--by", "year", "--format", "markdown"]);
    let table: Vec<&str> = markdown.lines().filter(|l| l.starts_with('|')).collect();
    assert!(table.len() >= 2, "{markdown}");
    assert!(
        table[0].contains("PERIOD") && table[0].contains("VALUE"),
        "{markdown}"
    );
    assert!(table[1].contains("---"), "{markdown}");
    assert!(markdown.contains("Statuses counted:"), "{markdown}");
}

#[test]
fn spread_over_a_range_counts_only_what_falls_in_it() {
    let s = Sandbox::seeded();
    let total = |by: &str| {
        let r = report(
            &s,
            &[
                "--spread", "--by", by, "--since", "2026-01", "--until", "2026-03",
            ],
        );
        for row in rows(&r) {
            let period = row["period"].as_str().unwrap_or("undated");
            assert!(
                period.starts_with("2026") || period == "all",
                "--by {by}: a row outside the range: {row}"
            );
        }
        let in_rows: i128 = rows(&r)
            .iter()
            .filter(|row| row["currency"] == "USD")
            .map(|row| int(&row["value"]))
            .sum();
        let (_, total) = total_of(&r, Some("USD"));
        assert_eq!(in_rows, total, "--by {by}: the total is the rows' sum");
        (r, total)
    };
    let (r, before) = total("month");
    assert_eq!(periods(&r), ["2026-01", "2026-02", "2026-03"]);
    assert!(before > 0, "the seeded terms reach 2026");
    // Without a term and announced before the range; undated; announced inside.
    let add = |title: &str, value: &str, on: Option<&str>| {
        let mut args = vec!["add", "--title", title, "--kind", "other", "--value", value];
        args.extend(on.map(|on| ["--announced", on]).into_iter().flatten());
        s.stdout(&args);
    };
    add("Early", "$5B", Some("2019-01-15"));
    add("Undated", "$7B", None);
    assert_eq!(total("month").1, before, "neither counts in 2026-Q1");
    add("Inside", "$3B", Some("2026-02"));
    for by in ["month", "quarter", "year", "none"] {
        assert_eq!(total(by).1, before + 3_000_000_000, "--by {by}");
    }
}

/// The qualifier split of a row or total, checked to add up to its value.
fn qualifiers_of(item: &Value) -> BTreeMap<String, i128> {
    let split: BTreeMap<String, i128> = item["qualifiers"]
        .as_object()
        .unwrap_or_else(|| panic!("no qualifiers in {item}"))
        .iter()
        .map(|(q, v)| (q.clone(), int(v)))
        .collect();
    let sum: i128 = split.values().sum();
    assert_eq!(sum, int(&item["value"]), "the split adds up: {item}");
    split
}

#[test]
fn every_row_and_total_splits_its_value_by_qualifier() {
    // About its oracle is plain SQL in SQLite's dialect.
    crate::sqlite_only!();
    let s = Sandbox::seeded();
    let shapes: &[&[&str]] = &[
        &[],
        &["--by", "year"],
        &["--by", "none", "--group", "company"],
        &["--by", "month", "--group", "status"],
        &["--by", "year", "--spread"],
        &["--by", "year", "--cumulative"],
    ];
    let expected: BTreeMap<String, i128> = {
        let conn = s.sql();
        let mut stmt = conn
            .prepare(
                "SELECT value_qualifier, sum(value_amount) FROM deals
                 WHERE value_currency = 'USD' AND status <> 'cancelled' GROUP BY 1",
            )
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)?.into())))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    assert!(
        expected.len() >= 3,
        "the seed set mixes qualifiers: {expected:?}"
    );
    for shape in shapes {
        let r = report(&s, shape);
        for row in rows(&r) {
            qualifiers_of(row);
        }
        let usd = totals(&r).iter().find(|t| t["currency"] == "USD").unwrap();
        if !shape.contains(&"--spread") {
            assert_eq!(qualifiers_of(usd), expected, "{shape:?}");
        }
        qualifiers_of(usd);
    }
    let csv = s.stdout(&["report", "--by", "year", "--format", "csv"]);
    let header = csv.lines().next().unwrap();
    assert!(
        header.contains(",value,exact_value,approx_value,at_least_value,up_to_value,"),
        "{header}"
    );
}

#[test]
fn tables_mark_totals_that_hold_estimates_floors_or_ceilings() {
    let s = Sandbox::seeded();
    let text = s.stdout(&["report", "--by", "year"]);
    let usd_total = text
        .lines()
        .skip_while(|l| !l.starts_with("Totals"))
        .find(|l| l.starts_with(" USD"))
        .unwrap();
    assert!(usd_total.contains("~≥≤ $1.22T"), "{text}");
    assert!(
        text.contains("USD $1.22T = $307B exact + $300B approx + $13.0B at least + $600B up to"),
        "{text}"
    );
    // A report of exact values alone carries no marks.
    let exact = s.stdout(&["report", "--by", "year", "--company", "Anthropic"]);
    assert!(!exact.contains('≤') && !exact.contains("marked"), "{exact}");
}

#[test]
fn report_parameters_name_every_filter_as_given_and_as_resolved() {
    let s = Sandbox::seeded();
    let r = report(
        &s,
        &[
            "--company",
            "aws",
            "--counterparty",
            "OpenAI",
            "--kind",
            "Cloud-Compute",
            "--tag",
            "cloud",
            "--min-value",
            "€1B",
            "--since",
            "2025",
            "--until",
            "2025-Q3",
        ],
    );
    let filters = &r["parameters"]["filters"];
    let aws = s.json(&["company", "show", "aws"]);
    assert_eq!(filters["company"]["given"], "aws");
    assert_eq!(filters["company"]["resolved"]["id"], aws["id"]);
    assert_eq!(filters["company"]["resolved"]["name"], aws["name"]);
    assert_eq!(filters["counterparty"]["resolved"]["name"], "OpenAI");
    assert_eq!(
        filters["kind"]["given"],
        serde_json::json!(["Cloud-Compute"])
    );
    assert_eq!(
        filters["kind"]["resolved"],
        serde_json::json!(["cloud-compute"])
    );
    assert_eq!(filters["tag"]["resolved"], serde_json::json!(["cloud"]));
    assert_eq!(
        filters["min_value"]["resolved"]["amount"],
        1_000_000_000_i64
    );
    assert_eq!(filters["min_value"]["resolved"]["currency"], "EUR");
    assert_eq!(filters["since"]["given"], "2025");
    assert_eq!(filters["since"]["resolved"], "2025-01-01");
    assert_eq!(filters["until"]["given"], "2025-Q3");
    assert_eq!(filters["until"]["resolved"], "2025-09-30");
    let none = report(&s, &[]);
    for key in [
        "kind",
        "company",
        "counterparty",
        "tag",
        "min_value",
        "since",
        "until",
    ] {
        assert!(
            none["parameters"]["filters"][key].is_null(),
            "{key}: {none}"
        );
    }
}

#[test]
fn chart_titles_name_the_filters() {
    let s = Sandbox::seeded();
    let args = [
        "report",
        "--by",
        "year",
        "--kind",
        "cloud-compute",
        "--company",
        "aws",
        "--spread",
        "--since",
        "2025",
        "--chart",
    ];
    let text = s.stdout(&args);
    assert!(
        text.contains(
            "Deal value per year, USD: cloud-compute, Amazon Web Services, from 2025, spread over each term\n"
        ),
        "{text}"
    );
    let out = s.root().join("c.svg");
    let mut svg_args = args[..args.len() - 1].to_vec();
    svg_args.extend(["--format", "svg", "--out", out.to_str().unwrap()]);
    s.run(&svg_args);
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(
        svg.contains("Deal value per year, USD: cloud-compute, Amazon Web Services, from 2025"),
        "{svg}"
    );
}

#[test]
fn the_long_table_folds_runs_of_empty_periods_and_the_data_keeps_them() {
    let s = Sandbox::seeded();
    let table = s.stdout(&["report"]);
    assert!(table.contains(" 2019-Q2–2023-Q2   —"), "{table}");
    assert!(!table.contains("2020-Q1"), "{table}");
    let csv = s.stdout(&["report", "--format", "csv"]);
    assert!(csv.lines().any(|l| l.starts_with("2020-Q1,")), "{csv}");
    let json = report(&s, &[]);
    assert!(rows(&json).iter().any(|r| r["period"] == "2020-Q1"));
    let markdown = s.stdout(&["report", "--format", "markdown"]);
    assert!(markdown.contains("| 2019-Q2–2023-Q2 |"), "{markdown}");
}

#[test]
fn a_wide_report_has_a_column_per_period_and_a_total_per_currency() {
    let s = Sandbox::seeded();
    let table = s.stdout(&["report", "--wide", "--by", "year"]);
    let header = table.lines().nth(1).unwrap();
    assert!(header.contains("2019") && header.contains("2025") && header.ends_with("TOTAL"));
    let usd = table.lines().find(|l| l.starts_with(" USD")).unwrap();
    assert!(
        usd.trim_end().ends_with("~≥≤ $1.22T"),
        "the long table's marks: {table}"
    );
    assert!(
        table.contains("4 deals"),
        "undisclosed deals are counted: {table}"
    );
    let csv = s.stdout(&["report", "--wide", "--by", "year", "--format", "csv"]);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("currency,2019,2020,2021,2022,2023,2024,2025,total")
    );
    let json = report(&s, &["--by", "year"]);
    let usd_total = total_of(&json, Some("USD")).1;
    assert_eq!(
        lines.next().unwrap().rsplit(',').next().unwrap(),
        usd_total.to_string()
    );
    let wide_json: Value =
        serde_json::from_str(&s.stdout(&["report", "--wide", "--by", "year", "--format", "json"]))
            .unwrap();
    assert_eq!(wide_json, json, "JSON is the report's own");
}

#[test]
fn a_wide_report_by_group_ends_in_a_total_row_per_currency() {
    let s = Sandbox::seeded();
    let table = s.stdout(&["report", "--wide", "--by", "year", "--group", "kind"]);
    let total = table
        .lines()
        .find(|l| l.starts_with(" total") && l.contains("USD"));
    assert!(total.unwrap().contains("$8.0B"), "periods add up: {table}");
    let table = s.stdout(&["report", "--wide", "--by", "year", "--group", "company"]);
    let total = table
        .lines()
        .find(|l| l.starts_with(" total") && l.contains("USD"))
        .unwrap();
    assert!(
        !total.contains("$8.0B"),
        "overlapping groups are not added: {table}"
    );
    assert!(total.trim_end().ends_with("$1.22T"), "{table}");
}

#[test]
fn wide_refuses_charts_and_running_totals() {
    let s = Sandbox::seeded();
    for args in [
        &["report", "--wide", "--chart"][..],
        &["report", "--wide", "--cumulative"],
        &["--format", "svg", "report", "--wide", "--out", "x.svg"],
    ] {
        let (code, err) = s.fail(args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains("--wide"), "{err}");
    }
}
