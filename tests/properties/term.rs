//! Terms: any text parses or fails cleanly; every term reads back from its short
//! and long forms and from years and months written apart.

use proptest::prelude::*;

use super::{cases, text_of};
use deals::model::Term;

const PIECES: &[&str] = &[
    "0",
    "1",
    "7",
    "12",
    "84",
    "1200",
    "1201",
    "18446744073709551616",
    ".",
    ",",
    ".5",
    ",25",
    "-",
    "y",
    "yr",
    "years",
    "anni",
    "m",
    "mo",
    "months",
    "mesi",
    "and",
    "e",
    " ",
    "Y",
    "M",
];

proptest! {
    #![proptest_config(cases(256))]

    #[test]
    fn any_text_parses_or_fails_cleanly(text in any::<String>()) {
        let _ = text.parse::<Term>();
    }

    #[test]
    fn term_like_text_parses_within_bounds(text in text_of(PIECES)) {
        if let Ok(term) = text.parse::<Term>() {
            prop_assert!((1..=1200).contains(&term.months()), "{text:?} gave {term:?}");
        }
    }

    #[test]
    fn every_term_reads_back(months in 1i64..=1200) {
        let term = Term::from_months(months).unwrap();
        prop_assert_eq!(term.short().parse::<Term>(), Ok(term));
        prop_assert_eq!(term.to_string().parse::<Term>(), Ok(term));
        prop_assert_eq!(format!("{months} months").parse::<Term>(), Ok(term));
        let (years, rest) = (months / 12, months % 12);
        if years > 0 && rest > 0 {
            prop_assert_eq!(format!("{years}y{rest}m").parse::<Term>(), Ok(term));
            prop_assert_eq!(format!("{years} anni e {rest} mesi").parse::<Term>(), Ok(term));
        }
        if months % 6 == 0 {
            let half_years = format!("{}.{}y", months / 12, if months % 12 == 6 { 5 } else { 0 });
            prop_assert_eq!(half_years.parse::<Term>(), Ok(term), "{}", half_years);
        }
    }

    #[test]
    fn terms_out_of_bounds_are_refused(months in prop_oneof![i64::MIN..1, 1201i64..]) {
        prop_assert!(Term::from_months(months).is_err());
        if months > 0 {
            let text = format!("{months}m");
            prop_assert!(text.parse::<Term>().is_err(), "{}", text);
        }
    }
}
