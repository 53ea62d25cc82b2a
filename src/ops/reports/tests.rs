use rusqlite::params;

use super::*;
use crate::db::Db;
use crate::model::report::Bucket;

fn seeded() -> Db {
    let db = Db::open_in_memory().unwrap();
    crate::ops::seed::load(&db).unwrap();
    db
}

fn request(bucket: Bucket, group: GroupBy) -> Request {
    Request {
        filter: Filter::default(),
        options: Options {
            bucket,
            group,
            ..Options::default()
        },
        use_totals: true,
        described: Default::default(),
    }
}

#[test]
fn quarters_match_a_plain_sql_aggregation() {
    let db = seeded();
    let report = report(db.conn(), &request(Bucket::Quarter, GroupBy::None)).unwrap();
    let mut stmt = db
        .conn()
        .prepare_cached(
            "SELECT strftime('%Y', announced_on) || '-Q' || ((CAST(strftime('%m', announced_on) AS INTEGER) + 2) / 3),
                    value_currency, count(*), coalesce(sum(value_amount), 0)
             FROM deals WHERE status <> 'cancelled' AND announced_on IS NOT NULL
             GROUP BY 1, 2",
        )
        .unwrap();
    let expected: Vec<(String, Option<String>, i64, i64)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap();
    assert!(!expected.is_empty());
    for (period, currency, deals, value) in &expected {
        let row = report
            .rows
            .iter()
            .find(|r| r.period.as_ref() == Some(period) && &r.currency == currency)
            .unwrap_or_else(|| panic!("no row for {period} {currency:?}"));
        assert_eq!(
            (row.deals as i64, row.value),
            (*deals, i128::from(*value)),
            "{period}"
        );
    }
    let with_deals = report.rows.iter().filter(|r| r.deals > 0).count();
    assert_eq!(
        with_deals,
        expected.len(),
        "no row without a matching SQL group"
    );
    assert_eq!(report.periods.first().map(String::as_str), Some("2019-Q1"));
    assert_eq!(
        report.periods.len(),
        (2025 - 2019) * 4 + 4,
        "no gaps from 2019-Q1 to 2025-Q4"
    );
}

#[test]
fn grouping_by_company_counts_each_deal_once_in_the_totals() {
    let db = seeded();
    let report = report(db.conn(), &request(Bucket::None, GroupBy::Company)).unwrap();
    let deals: u64 = report.totals.iter().map(|t| t.deals).sum();
    assert_eq!(deals, 12);
    let grouped: u64 = report.rows.iter().map(|r| r.deals).sum();
    assert!(grouped > 12, "a deal appears under each of its companies");
}

#[test]
fn rollup_counts_subsidiaries_under_their_parent() {
    let db = seeded();
    let mut r = request(Bucket::None, GroupBy::Company);
    r.options.rollup = true;
    let report = report(db.conn(), &r).unwrap();
    assert!(
        report
            .rows
            .iter()
            .all(|r| r.group.as_deref() != Some("Amazon Web Services"))
    );
    let amazon: u64 = report
        .rows
        .iter()
        .filter(|r| r.group.as_deref() == Some("Amazon"))
        .map(|r| r.deals)
        .sum();
    assert_eq!(amazon, 3, "AWS's two deals and Amazon's own");
}

#[test]
fn roles_limit_the_companies_grouped() {
    let db = seeded();
    let mut r = request(Bucket::None, GroupBy::Company);
    r.options.role = Some("investor".into());
    let report = report(db.conn(), &r).unwrap();
    let groups: HashSet<&str> = report
        .rows
        .iter()
        .filter_map(|r| r.group.as_deref())
        .collect();
    assert_eq!(groups, HashSet::from(["Amazon", "Microsoft", "Nvidia"]));
}

#[test]
fn conversion_uses_the_nearest_earlier_rate_and_lists_the_rest() {
    let db = seeded();
    let c = db.conn();
    c.execute(
        "INSERT INTO deals (slug, title, kind, announced_on, announced_precision, value_amount, value_currency, value_qualifier)
         VALUES ('eu', 'EU deal', 'other', '2025-06-01', 'day', 920, 'EUR', 'exact'),
                ('jp', 'JP deal', 'other', '2025-06-01', 'day', 1000, 'JPY', 'exact')",
        [],
    )
    .unwrap();
    c.execute(
        "INSERT INTO fx_rates VALUES ('EUR', '2025-01-01', 0.92), ('EUR', '2025-07-01', 0.5)",
        [],
    )
    .unwrap();
    let mut r = request(Bucket::None, GroupBy::None);
    r.options.currency = Some(Currency::USD);
    let report = report(c, &r).unwrap();
    assert_eq!(report.unconverted.len(), 1);
    assert_eq!(report.unconverted[0].slug, "jp");
    let usd = report
        .totals
        .iter()
        .find(|t| t.currency.as_deref() == Some("USD"))
        .unwrap();
    let seed_usd: i64 = c
        .query_row(
            "SELECT sum(value_amount) FROM deals WHERE value_currency = 'USD'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(usd.value, i128::from(seed_usd) + 1000);
    assert!(
        report
            .totals
            .iter()
            .any(|t| t.currency.as_deref() == Some("JPY")),
        "kept, not dropped"
    );
}

/// A small deterministic generator, so the test needs no extra crate.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

fn random_date(rng: &mut Lcg) -> (Option<String>, Option<&'static str>) {
    let year = 2019 + rng.next(7);
    let month = 1 + rng.next(12);
    match rng.next(6) {
        0 => (None, None),
        1 => (
            Some(format!("{year}-{month:02}-{:02}", 1 + rng.next(28))),
            Some("day"),
        ),
        2 => (Some(format!("{year}-{month:02}-01")), Some("month")),
        3 => (
            Some(format!("{year}-{:02}-01", (month - 1) / 3 * 3 + 1)),
            Some("quarter"),
        ),
        4 => (
            Some(format!("{year}-{:02}-01", if month > 6 { 7 } else { 1 })),
            Some("half"),
        ),
        _ => (Some(format!("{year}-01-01")), Some("year")),
    }
}

#[test]
fn totals_cells_answer_exactly_as_the_deals_do_after_random_writes() {
    let db = seeded();
    let c = db.conn();
    let mut rng = Lcg(7);
    let kinds = ["investment", "cloud-compute", "chip-supply", "acquisition"];
    let statuses = ["reported", "announced", "signed", "cancelled", "completed"];
    let currencies = [Some("USD"), Some("EUR"), Some("JPY"), None];
    let qualifiers = ["exact", "approx", "at-least", "up-to"];
    for i in 0..300 {
        let (on, precision) = random_date(&mut rng);
        let currency = currencies[rng.next(4) as usize];
        let amount = currency.map(|_| 1_000_000 * (1 + rng.next(50_000)) as i64);
        c.execute(
            "INSERT INTO deals (slug, title, kind, status, announced_on, announced_precision,
                value_amount, value_currency, value_qualifier)
             VALUES (?1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, CASE WHEN ?6 IS NULL THEN NULL ELSE ?8 END)",
            params![
                format!("r{i}"),
                kinds[rng.next(4) as usize],
                statuses[rng.next(5) as usize],
                on,
                precision,
                amount,
                currency,
                qualifiers[rng.next(4) as usize]
            ],
        )
        .unwrap();
    }
    // Parties: none, one, or several companies, some holding two roles.
    let roles = ["customer", "provider", "investor", "partner"];
    for i in 0..300 {
        for _ in 0..rng.next(4) {
            c.execute(
                "INSERT OR IGNORE INTO deal_parties (deal_id, company_id, role)
                 SELECT id, ?2, ?3 FROM deals WHERE slug = ?1",
                params![
                    format!("r{i}"),
                    1 + rng.next(15) as i64,
                    roles[rng.next(4) as usize]
                ],
            )
            .unwrap();
        }
    }
    for _ in 0..80 {
        let slug = format!("r{}", rng.next(300));
        if rng.next(3) == 0 {
            c.execute(
                "DELETE FROM deal_parties WHERE rowid IN (SELECT 1) OR (deal_id, company_id) IN
                   (SELECT deal_id, company_id FROM deal_parties
                    WHERE deal_id = (SELECT id FROM deals WHERE slug = ?1) LIMIT 1)",
                [&slug],
            )
            .ok();
        }
        match rng.next(4) {
            0 => {
                c.execute("DELETE FROM deals WHERE slug = ?1", [&slug])
                    .unwrap();
            }
            1 => {
                c.execute(
                    "UPDATE deals SET status = ?2 WHERE slug = ?1",
                    params![slug, statuses[rng.next(5) as usize]],
                )
                .unwrap();
            }
            2 => {
                let (on, precision) = random_date(&mut rng);
                c.execute(
                    "UPDATE deals SET announced_on = ?2, announced_precision = ?3 WHERE slug = ?1",
                    params![slug, on, precision],
                )
                .unwrap();
            }
            _ => {
                c.execute(
                    "UPDATE deals SET value_amount = value_amount * 2, kind = ?2,
                       value_qualifier = CASE WHEN value_amount IS NULL THEN NULL ELSE ?3 END
                     WHERE slug = ?1",
                    params![
                        slug,
                        kinds[rng.next(4) as usize],
                        qualifiers[rng.next(4) as usize]
                    ],
                )
                .unwrap();
            }
        }
    }
    let month = |t: &str| Some(t.parse::<PartialDate>().unwrap());
    for bucket in [Bucket::Month, Bucket::Quarter, Bucket::Year, Bucket::None] {
        for group in [GroupBy::None, GroupBy::Kind, GroupBy::Status] {
            for variant in 0..4 {
                let mut r = request(bucket, group);
                match variant {
                    1 => {
                        r.filter.statuses = vec!["cancelled".into(), "signed".into()];
                        r.options.cumulative = true;
                    }
                    2 => {
                        r.filter.kinds = vec!["investment".into()];
                        r.filter.since = month("2021-03");
                        r.filter.until = month("2024-Q2");
                    }
                    3 => r.options.top = Some(2),
                    _ => {}
                }
                let fast = report(c, &r).unwrap();
                r.use_totals = false;
                let slow = report(c, &r).unwrap();
                assert_eq!(fast, slow, "{bucket:?} {group:?} variant {variant}");
            }
        }
    }
    for variant in 0..3 {
        let mut r = request(Bucket::None, GroupBy::Company);
        match variant {
            1 => r.filter.statuses = vec!["cancelled".into(), "signed".into()],
            2 => r.options.top = Some(3),
            _ => {}
        }
        let fast = report(c, &r).unwrap();
        r.use_totals = false;
        let slow = report(c, &r).unwrap();
        assert_eq!(fast, slow, "by company, variant {variant}");
    }
    // The fast answers do come from the cells: spoil one and they differ.
    c.execute(
        "UPDATE deal_totals SET value = value + 1 WHERE currency = 'USD' AND status = 'signed'",
        [],
    )
    .unwrap();
    let mut r = request(Bucket::None, GroupBy::None);
    let fast = report(c, &r).unwrap();
    r.use_totals = false;
    assert_ne!(fast, report(c, &r).unwrap());
}

#[test]
fn counterparty_needs_a_company() {
    let db = seeded();
    let err = report(db.conn(), &request(Bucket::None, GroupBy::Counterparty)).unwrap_err();
    assert_eq!(err.exit_code(), 2);
}
