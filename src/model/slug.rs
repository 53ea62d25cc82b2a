//! URL-style identifiers for deals, companies and articles: lower-case ASCII
//! letters, digits and single hyphens, such as `openai-aws-compute-deal-2025`.
//!
//! Slugs are stable (the same text always gives the same slug) and never only
//! digits, because commands take "id or slug" and `42` must mean the id.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::ParseError;

/// Longest slug [`slugify`] produces.
const MAX_SLUGIFY_LEN: usize = 60;

/// Longest slug [`validate`] accepts.
const MAX_SLUG_LEN: usize = 80;

/// A slug from free text: lower-case ASCII letters, digits and single hyphens.
///
/// Accents are folded (`capacità` → `capacita`), `&` becomes `and`,
/// apostrophes and every other non-alphanumeric run become one hyphen, and
/// the result is at most 60 characters, cut at a hyphen when possible. Text
/// with nothing usable (`!!!`, `東京`) gives `""`; callers then fall back to a
/// generated name (see [`unique`]).
///
/// ```
/// use deals::model::slug::slugify;
/// assert_eq!(slugify("OpenAI–AWS compute deal (2025)"), "openai-aws-compute-deal-2025");
/// ```
pub fn slugify(text: &str) -> String {
    truncate_at_hyphen(&slug_words(text), MAX_SLUGIFY_LEN).to_string()
}

/// The slug of `text` before any shortening: lower-case ASCII words joined by
/// hyphens.
pub fn slug_words(text: &str) -> String {
    let mut slug = String::new();
    for c in text.nfkd().filter(|&c| !is_combining_mark(c)) {
        for lower in c.to_lowercase() {
            push_folded(&mut slug, lower);
        }
    }
    slug.trim_matches('-').to_string()
}

/// Appends one decomposed, lower-case character to a slug being built.
fn push_folded(slug: &mut String, c: char) {
    if c.is_ascii_alphanumeric() {
        slug.push(c);
    } else if c == '&' {
        push_hyphen(slug);
        slug.push_str("and");
        push_hyphen(slug);
    } else if let Some(ascii) = fold_letter(c) {
        slug.push_str(ascii);
    } else {
        // Apostrophes ("dell'IA" -> "dell-ia") and everything else.
        push_hyphen(slug);
    }
}

/// Latin letters that NFKD does not decompose, with the ASCII they fold to,
/// in both cases. Slugs fold them, and so does search: migration V7 folds the
/// same letters in SQL (`search_folded`), and a test holds the two lists equal.
pub const FOLDED_LETTERS: &[(char, &str)] = &[
    ('ß', "ss"),
    ('ẞ', "SS"),
    ('æ', "ae"),
    ('Æ', "AE"),
    ('œ', "oe"),
    ('Œ', "OE"),
    ('ø', "o"),
    ('Ø', "O"),
    ('ł', "l"),
    ('Ł', "L"),
    ('đ', "d"),
    ('Đ', "D"),
    ('ð', "d"),
    ('Ð', "D"),
    ('þ', "th"),
    ('Þ', "TH"),
    ('ı', "i"),
];

/// ASCII for a Latin letter that NFKD does not decompose.
fn fold_letter(c: char) -> Option<&'static str> {
    FOLDED_LETTERS
        .iter()
        .find(|(letter, _)| *letter == c)
        .map(|(_, ascii)| *ascii)
}

/// `text` with the letters of [`FOLDED_LETTERS`] folded ("Ørsted" ->
/// "Orsted", "Straße" -> "Strasse"); everything else as it is.
pub fn fold_letters(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match fold_letter(c) {
            Some(ascii) => out.push_str(ascii),
            None => out.push(c),
        }
    }
    out
}

/// Appends a hyphen unless the slug is empty or already ends with one.
fn push_hyphen(slug: &mut String) {
    if !slug.is_empty() && !slug.ends_with('-') {
        slug.push('-');
    }
}

/// Cuts an ASCII slug to at most `max` characters, at the last hyphen that
/// keeps whole words when there is one, never leaving a trailing hyphen.
fn truncate_at_hyphen(slug: &str, max: usize) -> &str {
    if slug.len() <= max {
        return slug;
    }
    // `slug` is ASCII, so byte offsets are character offsets.
    let cut = match slug.as_bytes()[max] {
        b'-' => max,
        _ => slug[..max].rfind('-').unwrap_or(max),
    };
    slug[..cut].trim_end_matches('-')
}

/// Validates a slug a user typed (`--slug`): lower-case ASCII letters and
/// digits in groups joined by single hyphens, 1 to 80 characters, and with at
/// least one letter (a number means an id).
pub fn validate(slug: &str) -> Result<(), ParseError> {
    let fail = |rule: &str| Err(ParseError::new(format!("invalid slug '{slug}': {rule}")));
    if slug.is_empty() {
        return Err(ParseError::new("a slug cannot be empty"));
    }
    if let Some(bad) = slug
        .chars()
        .find(|&c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'))
    {
        return fail(&format!(
            "'{bad}' is not allowed; use lower-case letters a-z, digits and hyphens"
        ));
    }
    if slug.len() > MAX_SLUG_LEN {
        return fail(&format!(
            "it is {} characters long; at most {MAX_SLUG_LEN} are allowed",
            slug.len()
        ));
    }
    if slug.starts_with('-') || slug.ends_with('-') {
        return fail("it cannot start or end with a hyphen");
    }
    if slug.contains("--") {
        return fail("it cannot contain two hyphens in a row");
    }
    if has_no_letter(slug) {
        return fail("it needs a letter, or it would be read as an id");
    }
    Ok(())
}

/// The first of `base`, `base-2`, `base-3`, ... for which `taken` returns
/// false.
///
/// An empty `base` is replaced by `fallback`, and a `base` without a letter (which
/// would read as an id) is prefixed with it: `2025` becomes `deal-2025`.
/// `fallback` should itself be a valid slug, such as `"deal"` or `"company"`.
pub fn unique(base: &str, fallback: &str, mut taken: impl FnMut(&str) -> bool) -> String {
    let base = if base.is_empty() {
        fallback.to_string()
    } else if has_no_letter(base) {
        format!("{fallback}-{base}")
    } else {
        base.to_string()
    };
    if !taken(&base) {
        return base;
    }
    (2u64..)
        .map(|n| format!("{base}-{n}"))
        .find(|candidate| !taken(candidate))
        .unwrap_or(base)
}

/// Whether `text` has no letter (digits and hyphens only), so that it could be
/// mistaken for an id.
fn has_no_letter(text: &str) -> bool {
    !text.bytes().any(|b| b.is_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn taken_set(slugs: &[&str]) -> HashSet<String> {
        slugs.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn slugify_basic_titles() {
        assert_eq!(
            slugify("OpenAI–AWS compute deal (2025)"),
            "openai-aws-compute-deal-2025"
        );
        assert_eq!(slugify("Microsoft"), "microsoft");
        assert_eq!(slugify("  Nvidia   /  Intel  "), "nvidia-intel");
        assert_eq!(slugify("CoreWeave, Inc."), "coreweave-inc");
        assert_eq!(slugify("already-a-slug"), "already-a-slug");
        assert_eq!(slugify("a -- b __ c"), "a-b-c");
    }

    #[test]
    fn slugify_folds_accents() {
        assert_eq!(slugify("capacità"), "capacita");
        assert_eq!(slugify("Société Générale"), "societe-generale");
        assert_eq!(slugify("Müller Straße"), "muller-strasse");
        assert_eq!(slugify("Ørsted Łódź"), "orsted-lodz");
        assert_eq!(slugify("ＡＢＣ ①"), "abc-1");
    }

    #[test]
    fn slugify_ampersand_and_apostrophes() {
        assert_eq!(slugify("AT&T"), "at-and-t");
        assert_eq!(slugify("Johnson & Johnson"), "johnson-and-johnson");
        assert_eq!(slugify("&"), "and");
        assert_eq!(slugify("dell'IA"), "dell-ia");
        assert_eq!(slugify("dell’IA"), "dell-ia");
        assert_eq!(slugify("l'intelligenza"), "l-intelligenza");
    }

    #[test]
    fn slugify_italian_title() {
        let title = "OpenAI e Amazon: Accordo da 38 Miliardi che Ridisegna il Futuro \
                     dell'IA (e Spaventa Microsoft)";
        let slug = slugify(title);
        assert_eq!(
            slug,
            "openai-e-amazon-accordo-da-38-miliardi-che-ridisegna-il"
        );
        assert!(validate(&slug).is_ok());
    }

    #[test]
    fn slugify_cuts_long_titles_at_a_hyphen() {
        let title =
            "Oracle signs a three hundred billion dollar cloud computing agreement with OpenAI";
        let slug = slugify(title);
        assert_eq!(
            slug,
            "oracle-signs-a-three-hundred-billion-dollar-cloud-computing"
        );
        assert!(slug.len() <= 60);

        // A word crossing the limit is dropped whole.
        let crossing = format!("{} {}", "a".repeat(58), "bc tail");
        assert_eq!(slugify(&crossing), "a".repeat(58));
        // A word ending exactly at the limit is kept.
        let exact = format!("{}-{} tail", "a".repeat(50), "b".repeat(9));
        assert_eq!(slugify(&exact).len(), 60);

        // One long word is cut hard.
        assert_eq!(slugify(&"x".repeat(100)), "x".repeat(60));
        // A hyphen right at the cut is never left behind.
        let hyphen_at_end = format!("{} {}", "a".repeat(59), "b".repeat(10));
        assert_eq!(slugify(&hyphen_at_end), "a".repeat(59));
    }

    #[test]
    fn slugify_output_always_validates_or_is_empty() {
        for text in [
            "OpenAI–AWS compute deal (2025)",
            "--- weird ---",
            "Ünïcödé ñ",
            &"word ".repeat(40),
            "dell'IA & co.",
        ] {
            let slug = slugify(text);
            assert!(validate(&slug).is_ok(), "{text:?} -> {slug:?}");
            assert!(slug.len() <= 60);
        }
    }

    #[test]
    fn slugify_with_nothing_usable_is_empty() {
        assert_eq!(slugify("!!!"), "");
        assert_eq!(slugify("東京"), "");
        assert_eq!(slugify(""), "");
        assert_eq!(slugify("  -- ''  "), "");
    }

    #[test]
    fn slugify_is_stable() {
        let text = "Société Générale & the 2025 deal";
        assert_eq!(slugify(text), slugify(text));
        assert_eq!(slugify(text), "societe-generale-and-the-2025-deal");
    }

    #[test]
    fn validate_accepts_good_slugs() {
        for slug in [
            "a",
            "openai",
            "openai-aws-2025",
            "q4-2025",
            "2025-deal",
            "x1",
            &"a".repeat(80),
        ] {
            assert!(validate(slug).is_ok(), "{slug}");
        }
    }

    #[test]
    fn validate_rejects_bad_slugs_naming_the_rule() {
        let error = |slug: &str| validate(slug).unwrap_err().0;
        assert_eq!(error(""), "a slug cannot be empty");
        assert_eq!(
            error("42"),
            "invalid slug '42': it needs a letter, or it would be read as an id"
        );
        assert_eq!(
            error("OpenAI"),
            "invalid slug 'OpenAI': 'O' is not allowed; use lower-case letters a-z, digits and hyphens"
        );
        assert!(error("open ai").contains("' ' is not allowed"));
        assert!(error("open_ai").contains("'_' is not allowed"));
        assert!(error("capacità").contains("'à' is not allowed"));
        assert_eq!(
            error("-openai"),
            "invalid slug '-openai': it cannot start or end with a hyphen"
        );
        assert!(error("openai-").contains("cannot start or end with a hyphen"));
        assert!(error("-").contains("cannot start or end with a hyphen"));
        assert_eq!(
            error("open--ai"),
            "invalid slug 'open--ai': it cannot contain two hyphens in a row"
        );
        let long = "a".repeat(81);
        assert_eq!(
            error(&long),
            format!("invalid slug '{long}': it is 81 characters long; at most 80 are allowed")
        );
    }

    #[test]
    fn unique_returns_the_base_when_free() {
        let taken = taken_set(&["other"]);
        assert_eq!(unique("openai", "deal", |s| taken.contains(s)), "openai");
    }

    #[test]
    fn unique_counts_up_from_two() {
        let taken = taken_set(&["openai", "openai-2", "openai-3", "openai-5"]);
        assert_eq!(unique("openai", "deal", |s| taken.contains(s)), "openai-4");
        let taken = taken_set(&["openai"]);
        assert_eq!(unique("openai", "deal", |s| taken.contains(s)), "openai-2");
    }

    #[test]
    fn unique_uses_the_fallback_for_empty_or_numeric_bases() {
        let none = HashSet::<String>::new();
        assert_eq!(unique("", "deal", |s| none.contains(s)), "deal");
        assert_eq!(unique("2025", "deal", |s| none.contains(s)), "deal-2025");
        let taken = taken_set(&["deal", "deal-2", "company-42"]);
        assert_eq!(unique("", "deal", |s| taken.contains(s)), "deal-3");
        assert_eq!(
            unique("42", "company", |s| taken.contains(s)),
            "company-42-2"
        );
        assert_eq!(
            unique(&slugify("東京"), "company", |s| taken.contains(s)),
            "company"
        );
    }

    #[test]
    fn unique_results_always_validate() {
        let mut taken = HashSet::new();
        for base in ["openai", "openai", "openai", "", "", "2025", "2025"] {
            let slug = unique(base, "deal", |s| taken.contains(s));
            assert!(validate(&slug).is_ok(), "{slug}");
            assert!(taken.insert(slug));
        }
        assert!(taken.contains("openai-3"));
        assert!(taken.contains("deal-2025-2"));
    }

    #[test]
    fn search_folds_the_letters_slugs_fold_in_rust_and_in_sql() {
        assert_eq!(
            fold_letters("Ørsted, Straße, Łódź"),
            "Orsted, Strasse, Lódź"
        );
        let migration = include_str!("../../migrations/V7__search_folding.sql");
        let first = migration.find("nullif(").unwrap();
        let expression = &migration[first..migration[first..].find(") VIRTUAL").unwrap() + first];
        let pairs: Vec<(char, String)> = expression
            .split("), '")
            .skip(1)
            .map(|pair| {
                let (letter, ascii) = pair.split_once("', '").unwrap();
                let ascii = ascii.split('\'').next().unwrap();
                (letter.chars().next().unwrap(), ascii.to_string())
            })
            .collect();
        let rust: Vec<(char, String)> = FOLDED_LETTERS
            .iter()
            .map(|(c, s)| (*c, s.to_string()))
            .collect();
        assert_eq!(pairs, rust);
    }
}
