//! Bad input: every rejected value gives exit 1 or 2, one line on stderr that starts
//! with "error:" and names what was wrong, no panic, and an unchanged database.

use crate::refusal::{Case, add, case, check_refused};
use crate::util::Sandbox;

#[test]
fn bad_add_input_is_rejected_with_one_line_naming_it() {
    let cases = [
        // Money.
        add(&["--value", "lots"], &["--value", "lots"]),
        add(&["--value=-5B"], &["--value", "-5B"]),
        add(&["--value", "$-5B"], &["--value"]),
        add(&["--value", "38 XYZ"], &["--value", "XYZ"]),
        add(
            &["--value", "99999999999 trillion"],
            &["--value", "99999999999 trillion"],
        ),
        add(&["--value", "1.234"], &["--value"]),
        add(
            &["--value", "5B", "--currency", "xx"],
            &["--currency", "xx"],
        ),
        // Dates.
        add(&["--announced", "2025-13"], &["--announced", "2025-13"]),
        add(
            &["--announced", "2025-02-30"],
            &["--announced", "2025-02-30"],
        ),
        add(&["--announced", "2025-Q5"], &["--announced", "2025-Q5"]),
        add(&["--starts", "2025-H3"], &["--starts", "2025-H3"]),
        // Terms.
        add(&["--term", "84"], &["--term", "84"]),
        add(&["--term", "0m"], &["--term", "0m"]),
        add(&["--term", "seven years"], &["--term"]),
        // Parties.
        add(&["--party", "OpenAI:owner"], &["--party", "owner"]),
        add(&["--party", "OpenAI"], &["--party", "OpenAI"]),
        add(&["--party", ":customer"], &["--party"]),
        add(&["--party", "Nobody Inc:partner"], &["Nobody Inc"]),
        add(
            &[
                "--party",
                "OpenAI:customer",
                "--party",
                "Nobody Inc:partner",
            ],
            &["Nobody Inc"],
        ),
        // Vocabulary.
        add(&["--kind", "rumour"], &["--kind", "rumour"]),
        add(&["--status", "rumoured"], &["--status", "rumoured"]),
        // Title and slug.
        add(&["--title", ""], &["--title"]),
        add(&["--title", "   "], &["--title"]),
        add(&["--slug", "Bad Slug"], &["--slug", "Bad Slug"]),
        add(&["--slug", "42"], &["--slug", "42"]),
        add(&["--slug", "stargate"], &["stargate"]),
        // Sources.
        add(
            &["--source", "no-such-article"],
            &["--source", "no-such-article"],
        ),
    ];
    check_refused(&Sandbox::seeded(), &cases);
}

#[test]
fn bad_input_to_other_commands_is_rejected_with_one_line_naming_it() {
    let cases: [(&[&str], &[&str]); 19] = [
        (
            &["edit", "stargate", "--value", "lots"],
            &["--value", "lots"],
        ),
        (
            &["edit", "stargate", "--announced", "2025-13"],
            &["--announced"],
        ),
        (&["edit", "stargate", "--term", "84"], &["--term"]),
        (&["edit", "stargate", "--status", "rumoured"], &["--status"]),
        (&["edit", "stargate", "--slug", "Bad Slug"], &["--slug"]),
        (&["edit", "stargate", "--title", ""], &["--title"]),
        (&["edit", "stargate", "--remove-party", "AMD"], &["AMD"]),
        (
            &["edit", "stargate", "--add-party", "OpenAI:owner"],
            &["owner"],
        ),
        (
            &["edit", "stargate", "--untag", "no-such-tag"],
            &["no-such-tag"],
        ),
        (&["edit", "stargate", "--currency", "EUR"], &["--currency"]),
        (
            &["edit", "no-such-deal", "--status", "active"],
            &["no-such-deal"],
        ),
        (&["list", "--since", "2025-13"], &["--since"]),
        (&["list", "--min-value", "lots"], &["--min-value"]),
        (&["list", "--kind", "rumour"], &["--kind"]),
        (&["company", "add", "Newco", "--country", "USA"], &["USA"]),
        (
            &["company", "add", "Newco", "--kind", "startup"],
            &["--kind", "startup"],
        ),
        (&["company", "add", "  "], &["name"]),
        (
            &[
                "company",
                "edit",
                "Amazon",
                "--parent",
                "Amazon Web Services",
            ],
            &["parent"],
        ),
        (
            &[
                "article",
                "link",
                "openai-aws-38-miliardi-notizia",
                "stargate",
                "--stated",
                "lots",
            ],
            &["--stated"],
        ),
    ];
    let cases: Vec<Case> = cases
        .iter()
        .map(|(args, names)| case(args, names))
        .collect();
    check_refused(&Sandbox::seeded(), &cases);
}

/// A negative value typed the natural way (`--value -5B`, two arguments) must be
/// reported like any other bad value: one line naming --value.
#[test]
fn negative_value_as_a_separate_argument_is_reported_against_value() {
    let cases = [case(
        &[
            "add",
            "--title",
            "Bad input deal",
            "--kind",
            "other",
            "--value",
            "-5B",
        ],
        &["--value", "-5B"],
    )];
    check_refused(&Sandbox::seeded(), &cases);
}
