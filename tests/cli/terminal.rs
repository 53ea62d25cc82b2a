//! Tables on terminals of every width: `COLUMNS` is honoured, slugs are never
//! wrapped or cut, titles are cut with an ellipsis, and a report can be laid
//! out wide (periods as columns).

use crate::util::{AWS_DEAL, Sandbox};

/// `deals ARGS` with `COLUMNS` set to `columns`.
fn at_width(s: &Sandbox, columns: &str, args: &[&str]) -> String {
    let out = s
        .cmd()
        .env("COLUMNS", columns)
        .args(args)
        .assert()
        .success();
    String::from_utf8(out.get_output().stdout.clone()).expect("UTF-8")
}

fn widest_line(text: &str) -> usize {
    text.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

#[test]
fn columns_sets_the_width_tables_fit() {
    let s = Sandbox::seeded();
    let natural = s.stdout(&["list"]);
    assert!(widest_line(&natural) > 137, "{natural}");
    for width in [100, 137] {
        let text = at_width(&s, &width.to_string(), &["list"]);
        assert!(widest_line(&text) <= width, "COLUMNS={width}:\n{text}");
    }
}

#[test]
fn slugs_are_never_wrapped_or_cut_at_any_width() {
    let s = Sandbox::seeded();
    let slugs: Vec<String> = s
        .json(&["list"])
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["slug"].as_str().unwrap().to_string())
        .collect();
    for width in ["40", "60", "70", "80", "100", "137"] {
        let text = at_width(&s, width, &["list"]);
        for slug in &slugs {
            let whole = text
                .lines()
                .any(|l| l.split_whitespace().any(|w| w == slug));
            assert!(whole, "COLUMNS={width}: {slug} is not whole:\n{text}");
        }
        assert!(text.lines().next().unwrap().contains("SLUG"), "{text}");
    }
}

#[test]
fn titles_are_cut_with_an_ellipsis_on_a_narrow_terminal() {
    let s = Sandbox::seeded();
    let wide = s.stdout(&["list"]);
    assert!(wide.contains("OpenAI–AWS compute agreement"), "{wide}");
    let narrow = at_width(&s, "100", &["list"]);
    let line = narrow.lines().find(|l| l.contains(AWS_DEAL)).unwrap();
    assert!(line.contains('…'), "{narrow}");
    assert!(!narrow.contains("OpenAI–AWS compute agreement"), "{narrow}");
}

#[test]
fn columns_that_are_not_a_positive_integer_are_ignored() {
    let s = Sandbox::seeded();
    let natural = s.stdout(&["list"]);
    for columns in ["0", "-80", "wide", ""] {
        assert_eq!(
            at_width(&s, columns, &["list"]),
            natural,
            "COLUMNS={columns:?}"
        );
    }
}

#[test]
fn csv_and_json_ignore_the_width() {
    let s = Sandbox::seeded();
    for format in ["csv", "json"] {
        let args = ["list", "--format", format];
        assert_eq!(at_width(&s, "60", &args), s.stdout(&args), "{format}");
    }
}
