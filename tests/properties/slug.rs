//! Slugs: whatever the text, `slugify` gives a slug that validates, or nothing,
//! or digits that `unique` turns into a valid slug; it changes nothing in a slug
//! already valid.

use proptest::prelude::*;

use super::{cases, text_of};
use deals::model::slug::{slugify, unique, validate};

const PIECES: &[&str] = &[
    "OpenAI",
    "AWS",
    "2025",
    "-",
    "--",
    "&",
    "'",
    "’",
    " ",
    "capacità",
    "Straße",
    "Ørsted",
    "東京",
    "İ",
    "ﬁ",
    "①",
    "Ａ",
    "_",
    ".",
    "/",
    "ǅ",
    "K",
];

/// A slug `validate` accepts: words of letters and digits joined by hyphens.
fn valid_slug() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9]{0,9}(-[a-z0-9]{1,8}){0,5}"
}

proptest! {
    #![proptest_config(cases(256))]

    #[test]
    fn slugify_gives_a_slug_or_nothing(text in prop_oneof![any::<String>(), text_of(PIECES)]) {
        let slug = slugify(&text);
        let digits_only = slug.bytes().all(|b| b.is_ascii_digit() || b == b'-');
        // A slug of digits alone would read as an id: `unique` prefixes it.
        if !slug.is_empty() && !digits_only {
            prop_assert!(validate(&slug).is_ok(), "{text:?} gave {slug:?}: {:?}", validate(&slug));
        }
        prop_assert!(slug.len() <= 60, "{text:?} gave {slug:?}");
        prop_assert_eq!(slugify(&slug), slug.clone(), "slugify is not idempotent on {:?}", text);
        let chosen = unique(&slug, "deal", |_| false);
        prop_assert!(validate(&chosen).is_ok(), "{text:?} gave {chosen:?}");
    }

    #[test]
    fn a_valid_slug_is_its_own_slug(slug in valid_slug()) {
        prop_assert!(validate(&slug).is_ok(), "{slug}");
        prop_assert_eq!(slugify(&slug), slug);
    }

    #[test]
    fn unique_never_returns_a_taken_slug(
        slug in valid_slug(),
        taken in proptest::collection::btree_set(0u64..6, 0..6),
    ) {
        let taken: std::collections::BTreeSet<String> = taken
            .into_iter()
            .map(|n| if n < 2 { slug.clone() } else { format!("{slug}-{n}") })
            .collect();
        let chosen = unique(&slug, "deal", |s| taken.contains(s));
        prop_assert!(!taken.contains(&chosen), "{chosen}");
        prop_assert!(validate(&chosen).is_ok(), "{chosen}");
    }
}
