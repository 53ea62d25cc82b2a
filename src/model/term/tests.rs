use super::*;
use rusqlite::Connection;

fn months(text: &str) -> u32 {
    text.parse::<Term>()
        .unwrap_or_else(|e| panic!("'{text}' should parse: {e}"))
        .months()
}

fn error(text: &str) -> String {
    match text.parse::<Term>() {
        Ok(term) => panic!("'{text}' should not parse, got {term}"),
        Err(e) => e.0,
    }
}

#[test]
fn parses_years() {
    for text in [
        "7y", "7Y", "7 y", "7yr", "7 yrs", "7 years", "7 Years", "7 anni", "7-year", " 7y ",
    ] {
        assert_eq!(months(text), 84, "{text}");
    }
    assert_eq!(months("1 year"), 12);
    assert_eq!(months("1 anno"), 12);
    assert_eq!(months("1yr"), 12);
}

#[test]
fn parses_months() {
    for text in [
        "84m",
        "84 m",
        "84 months",
        "84mo",
        "84 mos",
        "84 mesi",
        "84-month",
    ] {
        assert_eq!(months(text), 84, "{text}");
    }
    assert_eq!(months("18 months"), 18);
    assert_eq!(months("1 month"), 1);
    assert_eq!(months("1 mese"), 1);
    assert_eq!(months("6mo"), 6);
}

#[test]
fn parses_years_and_months_together() {
    for text in [
        "1y6m",
        "1y 6m",
        "1 year 6 months",
        "1 year and 6 months",
        "1 year, 6 months",
        "1 anno e 6 mesi",
        "6m 1y",
    ] {
        assert_eq!(months(text), 18, "{text}");
    }
    assert_eq!(months("0y6m"), 6);
}

#[test]
fn parses_fractions_that_give_whole_months() {
    assert_eq!(months("2.5 years"), 30);
    assert_eq!(months("2,5 anni"), 30);
    assert_eq!(months("0.25y"), 3);
    assert_eq!(months("1.0y"), 12);
    assert_eq!(months("1.50 years"), 18);
}

#[test]
fn rejects_fractions_that_do_not_give_whole_months() {
    assert_eq!(
        error("2.3 years"),
        "invalid term '2.3 years': 2.3 years is not a whole number of months"
    );
    assert!(error("1.5m").contains("is not a whole number of months"));
}

#[test]
fn rejects_bare_numbers() {
    assert_eq!(error("84"), "term '84' needs a unit, e.g. 84m or 7y");
    assert_eq!(error(" 7 "), "term '7' needs a unit, e.g. 7m or 7y");
    assert_eq!(
        error("1y 6"),
        "invalid term '1y 6': '6' needs a unit, e.g. 6m or 6y"
    );
}

#[test]
fn rejects_zero_and_negative_terms() {
    for text in ["0m", "0y", "0 years", "-7y", "-1 month", "0y0m", "0.0y"] {
        assert_eq!(
            error(text),
            format!("invalid term '{text}': a term must be at least one month"),
        );
    }
}

#[test]
fn rejects_terms_over_a_hundred_years() {
    assert_eq!(months("100y"), 1200);
    assert_eq!(months("1200m"), 1200);
    for text in [
        "101y",
        "1201m",
        "100y1m",
        "99999999999999999999999y",
        "18446744073709551615y",
    ] {
        assert_eq!(
            error(text),
            format!("invalid term '{text}': a term must be at most 100 years (1200 months)"),
        );
    }
}

#[test]
fn rejects_unknown_units_and_garbage() {
    assert_eq!(
        error("7 weeks"),
        "invalid term '7 weeks': unknown unit 'weeks', expected years (y, yr, year, anni) or months (m, mo, month, mesi)"
    );
    assert!(error("sette anni").contains(EXPECTED));
    for text in [
        "", "y", "years", "7y and", "and 7y", "7y6m1y", "7 - y", "7y!", "7/12 y", "1y-6m", "7..5y",
    ] {
        let e = error(text);
        assert!(
            e.starts_with(&format!("invalid term '{}'", text.trim())),
            "{e}"
        );
    }
    assert_eq!(
        error("1y 2y"),
        "invalid term '1y 2y': years are given twice"
    );
    assert_eq!(
        error("1m 2m"),
        "invalid term '1m 2m': months are given twice"
    );
}

#[test]
fn from_months_checks_the_range() {
    assert_eq!(Term::from_months(1).unwrap().months(), 1);
    assert_eq!(Term::from_months(1200).unwrap().months(), 1200);
    assert_eq!(
        Term::from_months(0).unwrap_err().0,
        "a term must be at least one month"
    );
    assert!(Term::from_months(-5).is_err());
    assert_eq!(
        Term::from_months(1201).unwrap_err().0,
        "a term must be at most 100 years (1200 months)"
    );
    assert!(Term::from_months(i64::MAX).is_err());
}

#[test]
fn displays_years_or_months() {
    let show = |m: i64| Term::from_months(m).unwrap().to_string();
    assert_eq!(show(84), "7 years");
    assert_eq!(show(12), "1 year");
    assert_eq!(show(18), "18 months");
    assert_eq!(show(1), "1 month");
    assert_eq!(show(1200), "100 years");
}

#[test]
fn short_form() {
    let short = |m: i64| Term::from_months(m).unwrap().short();
    assert_eq!(short(84), "7y");
    assert_eq!(short(12), "1y");
    assert_eq!(short(18), "18m");
    assert_eq!(short(1), "1m");
}

#[test]
fn display_and_short_parse_back() {
    for m in [1, 6, 11, 12, 18, 30, 84, 1199, 1200] {
        let term = Term::from_months(m).unwrap();
        assert_eq!(term.to_string().parse::<Term>().unwrap(), term);
        assert_eq!(term.short().parse::<Term>().unwrap(), term);
    }
}

#[test]
fn orders_by_length() {
    let a = Term::from_months(18).unwrap();
    let b = Term::from_months(84).unwrap();
    assert!(a < b);
    assert_eq!(a.max(b), b);
}

#[test]
fn sqlite_round_trip_as_integer_months() {
    let conn = Connection::open_in_memory().unwrap();
    let term = Term::from_months(84).unwrap();
    let back: Term = conn.query_row("SELECT ?1", [term], |r| r.get(0)).unwrap();
    assert_eq!(back, term);
    let (raw, kind): (i64, String) = conn
        .query_row("SELECT ?1, typeof(?1)", [term], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!((raw, kind.as_str()), (84, "integer"));
}

#[test]
fn sqlite_rejects_bad_stored_terms() {
    let conn = Connection::open_in_memory().unwrap();
    for sql in ["SELECT 0", "SELECT -3", "SELECT 1201", "SELECT '7y'"] {
        let got: rusqlite::Result<Term> = conn.query_row(sql, [], |r| r.get(0));
        assert!(got.is_err(), "{sql}");
    }
}
