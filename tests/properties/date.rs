//! Dates: any text parses or fails cleanly; every date's canonical text parses
//! back to it, in every spelling the parser accepts; a period never ends before
//! it starts.

use chrono::{Datelike, Days, NaiveDate};
use proptest::prelude::*;
use strum::VariantArray;

use super::{cases, text_of};
use deals::model::{PartialDate, Precision};

const PIECES: &[&str] = &[
    "2025", "0999", "10000", "-", "/", "11", "13", "00", "03", "29", "30", "31", "Q", "q", "H",
    "h", "4", "5", "W45", "T", " ", "14:00", ":00", "Z", "+02:00", "-0530", ".5", "99",
];

/// Any valid date: a year from 1000 to 9999 and a period of it.
fn partial_date() -> impl Strategy<Value = PartialDate> {
    (1000i32..=9999, 0usize..5, 0u32..366).prop_map(|(year, precision, n)| {
        let precision = Precision::VARIANTS[precision];
        let (month, day) = match precision {
            Precision::Day => {
                let first = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default();
                let date = first
                    .checked_add_days(Days::new(u64::from(n)))
                    .filter(|d| d.year() == year)
                    .unwrap_or(first);
                return PartialDate::day(date);
            }
            Precision::Month => (n % 12 + 1, 1),
            Precision::Quarter => (n % 4 * 3 + 1, 1),
            Precision::Half => (n % 2 * 6 + 1, 1),
            Precision::Year => (1, 1),
        };
        let start = NaiveDate::from_ymd_opt(year, month, day).unwrap_or_default();
        PartialDate::new(start, precision).unwrap_or_else(|_| PartialDate::day(start))
    })
}

/// Other ways people write the same period, all of which must parse to it.
fn spellings(date: &PartialDate) -> Vec<String> {
    let canonical = date.to_string();
    let mut all = vec![canonical.to_lowercase(), format!("  {canonical}\t")];
    let year = date.start().year();
    match date.precision() {
        Precision::Day => {
            all.push(date.start().format("%Y/%m/%d").to_string());
            all.push(format!("{canonical}T14:30:00Z"));
            all.push(format!("{canonical} 09:15+02:00"));
        }
        Precision::Quarter => {
            let q = date.start().month0() / 3 + 1;
            all.push(format!("Q{q} {year}"));
            all.push(format!("{year} q{q}"));
        }
        Precision::Half => {
            let h = date.start().month0() / 6 + 1;
            all.push(format!("H{h} {year}"));
            all.push(format!("{year} h{h}"));
        }
        Precision::Month | Precision::Year => {}
    }
    all
}

proptest! {
    #![proptest_config(cases(256))]

    #[test]
    fn any_text_parses_or_fails_cleanly(text in any::<String>()) {
        let _ = text.parse::<PartialDate>();
    }

    #[test]
    fn date_like_text_parses_or_fails_cleanly(text in text_of(PIECES)) {
        if let Ok(date) = text.parse::<PartialDate>() {
            prop_assert!(date.start() <= date.end(), "{text:?}");
            prop_assert_eq!(date.to_string().parse::<PartialDate>(), Ok(date));
        }
    }

    #[test]
    fn every_date_reads_back_as_itself(date in partial_date()) {
        let text = date.to_string();
        prop_assert_eq!(text.parse::<PartialDate>(), Ok(date), "{}", text);
        for spelling in spellings(&date) {
            prop_assert_eq!(spelling.parse::<PartialDate>(), Ok(date), "{:?}", spelling);
        }
        let stored = PartialDate::from_parts(&date.start_iso(), date.precision().as_str());
        prop_assert_eq!(stored, Ok(date));
    }

    #[test]
    fn a_period_covers_its_days_and_no_more(date in partial_date()) {
        let (start, end) = (date.start(), date.end());
        prop_assert!(start <= end, "{date}");
        let days = (end - start).num_days() + 1;
        let expected = match date.precision() {
            Precision::Day => 1..=1,
            Precision::Month => 28..=31,
            Precision::Quarter => 90..=92,
            Precision::Half => 181..=184,
            Precision::Year => 365..=366,
        };
        prop_assert!(expected.contains(&days), "{date}: {days} days");
        // The next day starts the next period of the same width.
        if let Some(next) = end.succ_opt().filter(|d| d.year() <= 9999) {
            prop_assert!(PartialDate::new(next, date.precision()).is_ok(), "{date} then {next}");
        }
    }
}
