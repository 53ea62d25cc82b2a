//! Snapshots of what people read: the listing, a deal, reports, the data check and
//! the help of every command, on the seeded sandbox without a terminal (so without
//! colour or wrapping). The reviewed files are in `snapshots/` beside this one.
//!
//! A change to a table or to help text fails here until its snapshot is accepted:
//! `INSTA_UPDATE=always cargo test --test cli snapshots`, then read the diff of
//! `tests/cli/snapshots/` like code before committing it.

use clap::CommandFactory;

use crate::util::{AWS_DEAL, Sandbox};

/// Runs `deals ARGS` on a seeded sandbox and snapshots its stdout as `name`, with
/// whatever could differ between runs (the sandbox path, clock times, today's
/// date) replaced by a placeholder.
fn assert_output(s: &Sandbox, name: &str, args: &[&str]) {
    let output = s.stdout(args);
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_description(format!("deals {}", args.join(" ")));
    settings.set_omit_expression(true);
    settings.add_filter(&regex_escape(&s.root().display().to_string()), "[SANDBOX]");
    settings.add_filter(
        r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?",
        "[TIMESTAMP]",
    );
    let today = chrono::Local::now().format("%Y-%m-%d").to_string();
    settings.add_filter(&regex_escape(&today), "[TODAY]");
    settings.bind(|| insta::assert_snapshot!(name, output));
}

/// `text` as a regular expression that matches only itself.
fn regex_escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\.+*?()|[]{}^$#&-~".contains(c) {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

#[test]
fn list() {
    assert_output(&Sandbox::seeded(), "list", &["list"]);
}

/// `deals ARGS` at a terminal width of `columns` (`COLUMNS` is honoured off a
/// terminal too), snapshotted as `name`.
fn assert_output_at(s: &Sandbox, columns: &str, name: &str, args: &[&str]) {
    let out = s
        .cmd()
        .env("COLUMNS", columns)
        .args(args)
        .assert()
        .success();
    let output = String::from_utf8(out.get_output().stdout.clone()).expect("UTF-8");
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_description(format!("COLUMNS={columns} deals {}", args.join(" ")));
    settings.set_omit_expression(true);
    settings.bind(|| insta::assert_snapshot!(name, output));
}

#[test]
fn list_on_narrow_terminals() {
    let s = Sandbox::seeded();
    assert_output_at(&s, "100", "list_100", &["list"]);
    assert_output_at(&s, "137", "list_137", &["list"]);
}

#[test]
fn report_wide() {
    let s = Sandbox::seeded();
    assert_output(&s, "report_wide", &["report", "--wide", "--by", "year"]);
    let by_kind = ["report", "--wide", "--by", "year", "--group", "kind"];
    assert_output(&s, "report_wide_kind", &by_kind);
    assert_output(&s, "report_wide_quarter", &["report", "--wide"]);
}

#[test]
fn show() {
    assert_output(&Sandbox::seeded(), "show", &["show", AWS_DEAL]);
}

#[test]
fn report() {
    let s = Sandbox::seeded();
    assert_output(&s, "report", &["report"]);
    assert_output(&s, "report_markdown", &["report", "--format", "markdown"]);
    assert_output(&s, "report_chart", &["report", "--chart"]);
}

#[test]
fn report_charts_stack_only_groups_that_partition_the_deals() {
    let s = Sandbox::seeded();
    let by = ["report", "--by", "year", "--chart", "--group"];
    assert_output(
        &s,
        "report_chart_company",
        &[&by[..], &["company"]].concat(),
    );
    assert_output(&s, "report_chart_kind", &[&by[..], &["kind"]].concat());
}

#[test]
fn report_svg_chart() {
    let s = Sandbox::seeded();
    let out = s.root().join("chart.svg");
    let path = out.to_str().unwrap();
    let args = [
        "report",
        "--by",
        "quarter",
        "--kind",
        "cloud-compute",
        "--spread",
        "--since",
        "2025",
        "--format",
        "svg",
        "--out",
        path,
    ];
    s.run(&args);
    let svg = std::fs::read_to_string(&out).unwrap();
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_description(
        "deals report --by quarter --kind cloud-compute --spread --since 2025 --format svg",
    );
    settings.set_omit_expression(true);
    settings.bind(|| insta::assert_snapshot!("report_svg_chart", svg));
}

#[test]
fn event_list() {
    assert_output(
        &Sandbox::seeded(),
        "event_list",
        &["event", "list", AWS_DEAL],
    );
}

#[test]
fn check() {
    assert_output(&Sandbox::seeded(), "check", &["check"]);
}

/// Every command path of the command line (`[]`, `["company"]`, `["company",
/// "add"]`, ...), hidden ones left out.
fn command_paths(command: &clap::Command, path: Vec<String>, all: &mut Vec<Vec<String>>) {
    all.push(path.clone());
    for sub in command.get_subcommands().filter(|c| !c.is_hide_set()) {
        let mut sub_path = path.clone();
        sub_path.push(sub.get_name().to_string());
        command_paths(sub, sub_path, all);
    }
}

#[test]
fn help_of_every_command() {
    let mut paths = Vec::new();
    command_paths(&deals::cli::Cli::command(), Vec::new(), &mut paths);
    assert!(paths.len() > 20, "only {} commands", paths.len());
    let s = Sandbox::seeded();
    for path in paths {
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        let name = ["help"]
            .into_iter()
            .chain(args.iter().copied())
            .collect::<Vec<_>>()
            .join("_");
        args.push("--help");
        assert_output(&s, &name, &args);
    }
}
