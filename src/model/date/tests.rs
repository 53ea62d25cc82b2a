use super::*;
use rusqlite::Connection;
use strum::VariantArray;

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn parse(text: &str) -> PartialDate {
    text.parse()
        .unwrap_or_else(|e| panic!("'{text}' should parse: {e}"))
}

fn error(text: &str) -> String {
    match text.parse::<PartialDate>() {
        Ok(date) => panic!("'{text}' should not parse, got {date}"),
        Err(e) => e.0,
    }
}

fn expected_error(text: &str) -> String {
    format!("invalid date '{text}': {EXPECTED}")
}

#[test]
fn precision_names_round_trip() {
    for &p in Precision::VARIANTS {
        assert_eq!(p.as_str().parse::<Precision>().unwrap(), p);
        assert_eq!(p.to_string(), p.as_str());
    }
    assert_eq!(
        " Quarter ".parse::<Precision>().unwrap(),
        Precision::Quarter
    );
}

#[test]
fn precision_rejects_unknown_names() {
    let e = "week".parse::<Precision>().unwrap_err();
    assert_eq!(
        e.0,
        "invalid precision 'week': expected day, month, quarter, half or year"
    );
    assert!("".parse::<Precision>().is_err());
}

#[test]
fn precision_orders_finest_first() {
    let mut sorted = Precision::VARIANTS.to_vec();
    sorted.reverse();
    sorted.sort();
    assert_eq!(sorted, Precision::VARIANTS);
    assert!(Precision::Day < Precision::Year);
}

#[test]
fn precision_sqlite_round_trip() {
    let conn = Connection::open_in_memory().unwrap();
    for &p in Precision::VARIANTS {
        let back: Precision = conn.query_row("SELECT ?1", [p], |r| r.get(0)).unwrap();
        assert_eq!(back, p);
        let text: String = conn.query_row("SELECT ?1", [p], |r| r.get(0)).unwrap();
        assert_eq!(text, p.as_str());
    }
}

#[test]
fn precision_sqlite_rejects_bad_values() {
    let conn = Connection::open_in_memory().unwrap();
    let bad: rusqlite::Result<Precision> = conn.query_row("SELECT 'fortnight'", [], |r| r.get(0));
    assert!(bad.is_err());
    let wrong_type: rusqlite::Result<Precision> = conn.query_row("SELECT 3", [], |r| r.get(0));
    assert!(wrong_type.is_err());
}

#[test]
fn parses_days() {
    let d = parse("2025-11-03");
    assert_eq!(d.start(), ymd(2025, 11, 3));
    assert_eq!(d.precision(), Precision::Day);
    assert_eq!(parse("2024-02-29").start(), ymd(2024, 2, 29));
    assert_eq!(parse("2025/11/03"), d);
    assert_eq!(parse("  2025-11-03\n"), d);
}

#[test]
fn parses_days_with_a_time_part_as_written() {
    let d = PartialDate::day(ymd(2025, 11, 3));
    for text in [
        "2025-11-03T14:00:00Z",
        "2025-11-03t14:00:00z",
        "2025-11-03 14:00:00",
        "2025-11-03T14:00:00+01:00",
        "2025-11-03T23:30:00-05:00",
        "2025-11-03T14:00:00.123Z",
        "2025-11-03T14:00",
        "2025-11-03T14:00:00+0100",
        "2025-11-03 14:00:00 +01:00",
        "2025/11/03 14:00:00",
    ] {
        assert_eq!(parse(text), d, "{text}");
    }
}

#[test]
fn rejects_bad_time_parts() {
    for text in [
        "2025-11-03T",
        "2025-11-03T25:00:00",
        "2025-11-03Tnoon",
        "2025-11-03 14:00:00 +99:00",
        "2025-11-03 later",
    ] {
        assert_eq!(error(text), expected_error(text), "{text}");
    }
    assert_eq!(
        error("2025-02-30T10:00:00Z"),
        "invalid date '2025-02-30T10:00:00Z': 2025-02-30 is not a day of the calendar"
    );
}

#[test]
fn parses_months() {
    let d = parse("2025-11");
    assert_eq!(d.start(), ymd(2025, 11, 1));
    assert_eq!(d.precision(), Precision::Month);
}

#[test]
fn parses_quarters_in_every_form() {
    let q4 = PartialDate::new(ymd(2025, 10, 1), Precision::Quarter).unwrap();
    for text in [
        "2025-Q4",
        "2025-q4",
        "Q4 2025",
        "q4 2025",
        "2025 Q4",
        " 2025  q4 ",
    ] {
        assert_eq!(parse(text), q4, "{text}");
    }
    assert_eq!(parse("2025-Q1").start(), ymd(2025, 1, 1));
    assert_eq!(parse("2025-Q2").start(), ymd(2025, 4, 1));
    assert_eq!(parse("2025-Q3").start(), ymd(2025, 7, 1));
}

#[test]
fn parses_halves_in_every_form() {
    let h2 = PartialDate::new(ymd(2026, 7, 1), Precision::Half).unwrap();
    for text in ["2026-H2", "2026-h2", "H2 2026", "h2 2026", "2026 H2"] {
        assert_eq!(parse(text), h2, "{text}");
    }
    assert_eq!(parse("2026-H1").start(), ymd(2026, 1, 1));
}

#[test]
fn parses_years() {
    let d = parse("2025");
    assert_eq!(d.start(), ymd(2025, 1, 1));
    assert_eq!(d.precision(), Precision::Year);
    assert_eq!(parse("1000").start(), ymd(1000, 1, 1));
    assert_eq!(parse("9999").start(), ymd(9999, 1, 1));
}

#[test]
fn rejects_days_not_in_the_calendar() {
    for text in [
        "2025-02-30",
        "2025-13-01",
        "2025-11-31",
        "2025-02-29",
        "2025-00-10",
    ] {
        assert_eq!(
            error(text),
            format!("invalid date '{text}': {text} is not a day of the calendar")
        );
    }
    assert_eq!(
        error("2025/02/30"),
        "invalid date '2025/02/30': 2025-02-30 is not a day of the calendar"
    );
}

#[test]
fn rejects_bad_quarters_and_halves() {
    for text in [
        "2025-Q0", "2025-Q5", "Q5 2025", "2025 Q0", "2025-Q", "2025-Q12",
    ] {
        let e = error(text);
        assert!(e.contains("the quarter must be Q1, Q2, Q3 or Q4"), "{e}");
        assert!(e.contains(&format!("'{}'", text.trim())), "{e}");
    }
    for text in ["2026-H3", "2026-H0", "H3 2026", "2026 H"] {
        assert!(error(text).contains("the half must be H1 or H2"), "{text}");
    }
}

#[test]
fn rejects_everything_else_saying_what_is_expected() {
    assert_eq!(
        error("2025-13"),
        "invalid date '2025-13': expected YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY"
    );
    for text in [
        "",
        "   ",
        "25",
        "20250",
        "25-11-03",
        "2025-1",
        "2025-00",
        "2025-1-03",
        "2025-11-3",
        "2025-11-03-01",
        "2025.11.03",
        "2025-11/03",
        "2025/11",
        "Q4",
        "Q4 2025 Q1",
        "2025 11",
        "next year",
        "November 2025",
        "+2025",
        "２０２５",
        "2025-Q4-01",
        "Q4-2025",
    ] {
        assert_eq!(error(text), expected_error(text.trim()), "{text:?}");
    }
}

#[test]
fn rejects_years_outside_four_digits() {
    for text in ["0999", "0000", "0999-Q1"] {
        assert_eq!(
            error(text),
            format!("invalid date '{text}': the year must be between 1000 and 9999")
        );
    }
}

#[test]
fn displays_canonical_text() {
    for text in [
        "2025-11-03",
        "2025-11",
        "2025-Q4",
        "2026-H2",
        "2025",
        "1000-01-01",
    ] {
        assert_eq!(parse(text).to_string(), text);
    }
    assert_eq!(parse("q4 2025").to_string(), "2025-Q4");
    assert_eq!(parse("2025-11-03T14:00:00Z").to_string(), "2025-11-03");
}

#[test]
fn ends_of_periods() {
    let end = |text: &str| parse(text).end();
    assert_eq!(end("2025-11-03"), ymd(2025, 11, 3));
    assert_eq!(end("2024-02"), ymd(2024, 2, 29));
    assert_eq!(end("2025-02"), ymd(2025, 2, 28));
    assert_eq!(end("1900-02"), ymd(1900, 2, 28));
    assert_eq!(end("2000-02"), ymd(2000, 2, 29));
    assert_eq!(end("2025-04"), ymd(2025, 4, 30));
    assert_eq!(end("2025-12"), ymd(2025, 12, 31));
    assert_eq!(end("2025-Q1"), ymd(2025, 3, 31));
    assert_eq!(end("2025-Q2"), ymd(2025, 6, 30));
    assert_eq!(end("2025-Q3"), ymd(2025, 9, 30));
    assert_eq!(end("2025-Q4"), ymd(2025, 12, 31));
    assert_eq!(end("2026-H1"), ymd(2026, 6, 30));
    assert_eq!(end("2026-H2"), ymd(2026, 12, 31));
    assert_eq!(end("2024"), ymd(2024, 12, 31));
    assert_eq!(end("9999"), ymd(9999, 12, 31));
}

#[test]
fn new_requires_the_first_day_of_the_period() {
    assert!(PartialDate::new(ymd(2025, 10, 1), Precision::Quarter).is_ok());
    assert!(PartialDate::new(ymd(2025, 11, 3), Precision::Day).is_ok());
    let e = PartialDate::new(ymd(2025, 11, 1), Precision::Quarter).unwrap_err();
    assert_eq!(
        e.0,
        "invalid date 2025-11-01: it is not the first day of a quarter"
    );
    assert!(PartialDate::new(ymd(2025, 11, 2), Precision::Month).is_err());
    assert!(PartialDate::new(ymd(2025, 4, 1), Precision::Half).is_err());
    assert!(PartialDate::new(ymd(2025, 7, 1), Precision::Half).is_ok());
    assert!(PartialDate::new(ymd(2025, 2, 1), Precision::Year).is_err());
    assert!(PartialDate::new(ymd(999, 1, 1), Precision::Year).is_err());
    assert!(PartialDate::new(ymd(10000, 1, 1), Precision::Year).is_err());
}

#[test]
fn day_constructor_and_start_iso() {
    let d = PartialDate::day(ymd(2025, 11, 3));
    assert_eq!(d.precision(), Precision::Day);
    assert_eq!(d.start_iso(), "2025-11-03");
    assert_eq!(parse("2025-Q4").start_iso(), "2025-10-01");
    assert_eq!(parse("1000").start_iso(), "1000-01-01");
}

#[test]
fn from_parts_round_trips_every_precision() {
    for text in ["2025-11-03", "2025-11", "2025-Q4", "2026-H2", "2025"] {
        let d = parse(text);
        let back = PartialDate::from_parts(&d.start_iso(), d.precision().as_str()).unwrap();
        assert_eq!(back, d);
    }
}

#[test]
fn from_parts_validates() {
    let e = PartialDate::from_parts("2025-11-03", "month").unwrap_err();
    assert!(e.0.contains("not the first day of a month"), "{}", e.0);
    assert!(PartialDate::from_parts("2025-10-01", "fortnight").is_err());
    for bad in [
        "2025-02-30",
        "2025-11",
        "25-11-03",
        "2025/11/03",
        "",
        "2025-11-03T00:00",
    ] {
        let e = PartialDate::from_parts(bad, "day").unwrap_err();
        assert_eq!(
            e.0,
            format!("invalid stored date '{bad}': expected a day as YYYY-MM-DD")
        );
    }
}

#[test]
fn sqlite_round_trip_through_two_columns() {
    let conn = Connection::open_in_memory().unwrap();
    let d = parse("2025-Q4");
    let (start, precision): (String, Precision) = conn
        .query_row(
            "SELECT ?1, ?2",
            rusqlite::params![d.start_iso(), d.precision()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        PartialDate::new(start.parse::<NaiveDate>().unwrap(), precision),
        Ok(d)
    );
}

#[test]
fn orders_by_start_then_precision() {
    let mut dates: Vec<PartialDate> = [
        "2026",
        "2025-Q4",
        "2025-10",
        "2025-10-01",
        "2025-09-30",
        "2025",
    ]
    .into_iter()
    .map(parse)
    .collect();
    dates.sort();
    let texts: Vec<String> = dates.iter().map(ToString::to_string).collect();
    assert_eq!(
        texts,
        [
            "2025",
            "2025-09-30",
            "2025-10-01",
            "2025-10",
            "2025-Q4",
            "2026"
        ]
    );
}
