//! Bad input: every rejected value gives exit 1 or 2, one line on stderr that starts
//! with "error:" and names what was wrong, no panic, and an unchanged database.

use crate::util::Sandbox;

struct Case {
    /// Arguments after `deals add` (a title and a kind are added unless given).
    args: &'static [&'static str],
    /// Texts the one-line message must contain.
    names: &'static [&'static str],
}

const fn case(args: &'static [&'static str], names: &'static [&'static str]) -> Case {
    Case { args, names }
}

/// Runs every case against one seeded database and reports all the cases that broke.
fn check_cases(s: &Sandbox, cases: &[(Vec<&str>, &[&str])]) {
    let before = s.dump();
    let mut broken = Vec::new();
    for (args, names) in cases {
        let shown = format!("`deals {}`", args.join(" "));
        let (code, stderr) = s.fail(args);
        let stderr_lines: Vec<&str> = stderr.lines().collect();
        let mut problems = Vec::new();
        if code != 1 && code != 2 {
            problems.push(format!("exit code {code}"));
        }
        if stderr_lines.len() != 1 {
            problems.push(format!("{} lines on stderr", stderr_lines.len()));
        }
        if !stderr.starts_with("error:") {
            problems.push("stderr does not start with \"error:\"".to_string());
        }
        for name in names.iter() {
            if !stderr.contains(name) {
                problems.push(format!("message does not name {name:?}"));
            }
        }
        if s.dump() != before {
            problems.push("the database changed".to_string());
        }
        if !problems.is_empty() {
            broken.push(format!(
                "{shown}: {}\n    stderr: {stderr:?}",
                problems.join(", ")
            ));
        }
    }
    assert!(
        broken.is_empty(),
        "{} case(s) broke:\n{}",
        broken.len(),
        broken.join("\n")
    );
}

#[test]
fn bad_add_input_is_rejected_with_one_line_naming_it() {
    let cases = [
        // Money.
        case(&["--value", "lots"], &["--value", "lots"]),
        case(&["--value=-5B"], &["--value", "-5B"]),
        case(&["--value", "$-5B"], &["--value"]),
        case(&["--value", "38 XYZ"], &["--value", "XYZ"]),
        case(
            &["--value", "99999999999 trillion"],
            &["--value", "99999999999 trillion"],
        ),
        case(&["--value", "1.234"], &["--value"]),
        case(
            &["--value", "5B", "--currency", "xx"],
            &["--currency", "xx"],
        ),
        // Dates.
        case(&["--announced", "2025-13"], &["--announced", "2025-13"]),
        case(
            &["--announced", "2025-02-30"],
            &["--announced", "2025-02-30"],
        ),
        case(&["--announced", "2025-Q5"], &["--announced", "2025-Q5"]),
        case(&["--starts", "2025-H3"], &["--starts", "2025-H3"]),
        // Terms.
        case(&["--term", "84"], &["--term", "84"]),
        case(&["--term", "0m"], &["--term", "0m"]),
        case(&["--term", "seven years"], &["--term"]),
        // Parties.
        case(&["--party", "OpenAI:owner"], &["--party", "owner"]),
        case(&["--party", "OpenAI"], &["--party", "OpenAI"]),
        case(&["--party", ":customer"], &["--party"]),
        case(&["--party", "Nobody Inc:partner"], &["Nobody Inc"]),
        case(
            &[
                "--party",
                "OpenAI:customer",
                "--party",
                "Nobody Inc:partner",
            ],
            &["Nobody Inc"],
        ),
        // Vocabulary.
        case(&["--kind", "rumour"], &["--kind", "rumour"]),
        case(&["--status", "rumoured"], &["--status", "rumoured"]),
        // Title and slug.
        case(&["--title", ""], &["--title"]),
        case(&["--title", "   "], &["--title"]),
        case(&["--slug", "Bad Slug"], &["--slug", "Bad Slug"]),
        case(&["--slug", "42"], &["--slug", "42"]),
        case(&["--slug", "stargate"], &["stargate"]),
        // Sources.
        case(
            &["--source", "no-such-article"],
            &["--source", "no-such-article"],
        ),
    ];
    let s = Sandbox::seeded();
    let runs: Vec<(Vec<&str>, &[&str])> = cases
        .iter()
        .map(|c| {
            let mut args = vec!["add"];
            if !c.args.contains(&"--title") {
                args.extend(["--title", "Bad input deal"]);
            }
            if !c.args.contains(&"--kind") {
                args.extend(["--kind", "other"]);
            }
            args.extend(c.args.iter().copied());
            (args, c.names)
        })
        .collect();
    check_cases(&s, &runs);
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
    let s = Sandbox::seeded();
    let runs: Vec<(Vec<&str>, &[&str])> = cases.iter().map(|(a, n)| (a.to_vec(), *n)).collect();
    check_cases(&s, &runs);
}

/// A negative value typed the natural way (`--value -5B`, two arguments) must be
/// reported like any other bad value: one line naming --value.
#[test]
fn negative_value_as_a_separate_argument_is_reported_against_value() {
    let s = Sandbox::seeded();
    let runs: Vec<(Vec<&str>, &[&str])> = vec![(
        vec![
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
    check_cases(&s, &runs);
}
