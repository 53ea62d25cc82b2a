use super::*;

fn fact(_id: i64, announced: &str, value: Option<(i64, Currency)>, groups: &[&str]) -> DealFact {
    DealFact {
        weight: 1,
        in_rows: true,
        announced: Some(announced.parse().unwrap()),
        starts: None,
        value,
        qualifier: Qualifier::Exact,
        split: None,
        term_months: None,
        groups: groups.iter().map(|g| g.to_string()).collect(),
    }
}

fn settings(bucket: Bucket) -> Settings {
    Settings {
        bucket,
        spread: false,
        cumulative: false,
        top: None,
        since: None,
        until: None,
        rank_currency: Currency::USD,
    }
}

fn usd(amount: i64) -> Option<(i64, Currency)> {
    Some((amount, Currency::USD))
}

#[test]
fn every_period_between_first_and_last_appears() {
    let facts = [
        fact(1, "2025-01-15", usd(10), &[]),
        fact(2, "2025-10", usd(5), &[]),
    ];
    let a = aggregate(&facts, &settings(Bucket::Quarter));
    assert_eq!(a.periods, ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"]);
    let deals: Vec<u64> = a.rows.iter().map(|r| r.deals).collect();
    assert_eq!(deals, [1, 0, 0, 1]);
    assert_eq!(a.rows[1].currency, None);
}

#[test]
fn currencies_are_never_summed_together() {
    let facts = [
        fact(1, "2025-11-03", usd(38), &[]),
        fact(2, "2025-11-04", Some((2, Currency::EUR)), &[]),
        fact(3, "2025-11-05", None, &[]),
    ];
    let a = aggregate(&facts, &settings(Bucket::Month));
    let cells: Vec<(Option<&str>, u64, i128)> = a
        .rows
        .iter()
        .map(|r| (r.currency.as_deref(), r.deals, r.value))
        .collect();
    assert_eq!(
        cells,
        [(Some("EUR"), 1, 2), (Some("USD"), 1, 38), (None, 1, 0)]
    );
    assert_eq!(a.totals.len(), 3);
}

#[test]
fn coarser_dates_are_counted_as_imprecise() {
    let facts = [
        fact(1, "2025", usd(1), &[]),
        fact(2, "2025-02", usd(1), &[]),
    ];
    let a = aggregate(&facts, &settings(Bucket::Quarter));
    assert_eq!(a.rows[0].deals, 2);
    assert_eq!(a.rows[0].imprecise, 1);
    let a = aggregate(&facts, &settings(Bucket::Year));
    assert_eq!(a.rows[0].imprecise, 0);
}

#[test]
fn a_deal_with_two_groups_counts_once_in_the_totals() {
    let facts = [fact(1, "2025-11", usd(38), &["OpenAI", "AWS"])];
    let a = aggregate(&facts, &settings(Bucket::Year));
    assert_eq!(a.rows.len(), 2);
    assert!(a.rows.iter().all(|r| r.deals == 1 && r.value == 38));
    assert_eq!(a.totals[0].deals, 1);
    assert_eq!(a.totals[0].value, 38);
}

#[test]
fn spreading_divides_the_value_over_the_months_of_the_term() {
    let mut f = fact(1, "2025-11-03", usd(38_000_000_000), &[]);
    f.term_months = Some(84);
    let s = Settings {
        spread: true,
        ..settings(Bucket::Year)
    };
    let a = aggregate(&[f], &s);
    assert_eq!(a.periods.first().map(String::as_str), Some("2025"));
    assert_eq!(a.periods.last().map(String::as_str), Some("2032"));
    let by_year: HashMap<&str, i128> = a
        .rows
        .iter()
        .map(|r| (r.period.as_deref().unwrap(), r.value))
        .collect();
    let month = 38_000_000_000_i128 / 84;
    assert!((by_year["2025"] - 2 * month).abs() <= 2);
    assert!((by_year["2026"] - 12 * month).abs() <= 12);
    assert!((by_year["2032"] - 10 * month).abs() <= 10);
    assert_eq!(
        by_year.values().sum::<i128>(),
        38_000_000_000,
        "nothing lost to rounding"
    );
}

#[test]
fn spreading_within_a_range_counts_only_the_months_inside_it() {
    let mut f = fact(1, "2025-11-03", usd(84), &[]);
    f.term_months = Some(84);
    let s = Settings {
        spread: true,
        since: NaiveDate::from_ymd_opt(2027, 1, 1),
        until: NaiveDate::from_ymd_opt(2027, 12, 31),
        ..settings(Bucket::Year)
    };
    let a = aggregate(&[f], &s);
    assert_eq!(a.periods, ["2027"]);
    assert_eq!(a.rows[0].value, 12);
    assert_eq!((a.totals[0].deals, a.totals[0].value), (1, 12));
}

#[test]
fn cumulative_rows_run_per_series_through_empty_periods() {
    let facts = [
        fact(1, "2025-01", usd(10), &[]),
        fact(2, "2025-07", usd(5), &[]),
    ];
    let s = Settings {
        cumulative: true,
        ..settings(Bucket::Quarter)
    };
    let a = aggregate(&facts, &s);
    let running: Vec<Option<i128>> = a.rows.iter().map(|r| r.cumulative_value).collect();
    assert_eq!(running, [Some(10), Some(10), Some(15)]);
}

#[test]
fn cumulative_keeps_each_currency_apart_and_gives_undisclosed_no_running_total() {
    let facts = [
        fact(1, "2025-01", usd(10), &[]),
        fact(2, "2025-04", Some((3, Currency::EUR)), &[]),
        fact(3, "2025-04", None, &[]),
        fact(4, "2025-10", usd(1), &[]),
    ];
    let s = Settings {
        cumulative: true,
        ..settings(Bucket::Quarter)
    };
    let a = aggregate(&facts, &s);
    let rows: Vec<(&str, Option<&str>, u64, Option<i128>)> = a
        .rows
        .iter()
        .map(|r| {
            (
                r.period.as_deref().unwrap(),
                r.currency.as_deref(),
                r.deals,
                r.cumulative_value,
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("2025-Q1", Some("USD"), 1, Some(10)),
            ("2025-Q2", Some("EUR"), 1, Some(3)),
            ("2025-Q2", Some("USD"), 0, Some(10)),
            ("2025-Q2", None, 1, None),
            ("2025-Q3", Some("EUR"), 0, Some(3)),
            ("2025-Q3", Some("USD"), 0, Some(10)),
            ("2025-Q4", Some("EUR"), 0, Some(3)),
            ("2025-Q4", Some("USD"), 1, Some(11)),
        ]
    );
}

#[test]
fn top_folds_the_smaller_groups_by_adding_up_their_rows() {
    let facts = [
        fact(1, "2025", usd(100), &["A"]),
        fact(2, "2025", usd(50), &["B"]),
        fact(3, "2025", usd(1), &["C", "D"]),
    ];
    let s = Settings {
        top: Some(2),
        ..settings(Bucket::Year)
    };
    let a = aggregate(&facts, &s);
    let groups: Vec<(Option<&str>, u64, i128)> = a
        .rows
        .iter()
        .map(|r| (r.group.as_deref(), r.deals, r.value))
        .collect();
    assert_eq!(
        groups,
        [
            (Some("A"), 1, 100),
            (Some("B"), 1, 50),
            (Some("other"), 2, 2)
        ]
    );
    assert_eq!(
        (a.totals[0].deals, a.totals[0].value),
        (3, 151),
        "totals count each deal once"
    );
}

#[test]
fn undated_deals_come_last_and_outside_the_periods() {
    let mut undated = fact(2, "2025", usd(7), &[]);
    undated.announced = None;
    let a = aggregate(
        &[fact(1, "2025", usd(1), &[]), undated],
        &settings(Bucket::Year),
    );
    assert_eq!(a.periods, ["2025"]);
    assert_eq!(a.rows.last().unwrap().period, None);
    assert_eq!(a.rows.last().unwrap().value, 7);
}

#[test]
fn the_range_widens_to_since_and_until() {
    let s = Settings {
        since: NaiveDate::from_ymd_opt(2024, 1, 1),
        until: NaiveDate::from_ymd_opt(2026, 12, 31),
        ..settings(Bucket::Year)
    };
    let a = aggregate(&[fact(1, "2025", usd(1), &[])], &s);
    assert_eq!(a.periods, ["2024", "2025", "2026"]);
}

#[test]
fn conversion_rounds_and_refuses_bad_rates() {
    // 2.5B EUR at 0.92 EUR per USD, into USD (1.0).
    assert_eq!(
        convert(2_500_000_000, 920_000, 1_000_000),
        Some(2_717_391_304)
    );
    assert_eq!(convert(1, 3_000_000, 1_000_000), Some(0));
    assert_eq!(convert(2, 3_000_000, 1_000_000), Some(1));
    assert_eq!(convert(1, 0, 1_000_000), None);
    assert_eq!(convert(i64::MAX, 1, 1_000_000), None);
}
