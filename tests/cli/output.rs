//! Output formats, colour and broken pipes.

use std::io::{BufRead, BufReader};
use std::process::Stdio;

use crate::util::{AWS_DEAL, NEWS_ARTICLE, Sandbox};

const VIEWS: [&[&str]; 6] = [
    &["list"],
    &["show", AWS_DEAL],
    &["company", "list"],
    &["company", "show", "AWS"],
    &["article", "list"],
    &["article", "show", NEWS_ARTICLE],
];

#[test]
fn every_view_renders_in_every_format_without_escape_codes() {
    let s = Sandbox::seeded();
    for view in VIEWS {
        for format in ["table", "json", "csv", "markdown"] {
            for no_color in [false, true] {
                let mut args = view.to_vec();
                args.extend(["--format", format]);
                let shown = format!("`deals {}` (NO_COLOR: {no_color})", args.join(" "));
                let mut cmd = s.cmd();
                cmd.args(&args);
                if no_color {
                    cmd.env("NO_COLOR", "1");
                }
                let out = crate::util::succeed(&mut cmd, &args);
                assert!(
                    !out.stdout.contains(&0x1b),
                    "{shown}: ANSI escape on stdout"
                );
                assert!(
                    !out.stderr.contains(&0x1b),
                    "{shown}: ANSI escape on stderr"
                );
                let text =
                    String::from_utf8(out.stdout).unwrap_or_else(|_| panic!("{shown}: not UTF-8"));
                assert!(!text.trim().is_empty(), "{shown}: no output");
                assert!(text.ends_with('\n'), "{shown}: no final newline");
                match format {
                    "json" => {
                        let value: serde_json::Value = serde_json::from_str(&text)
                            .unwrap_or_else(|e| panic!("{shown}: invalid JSON ({e})"));
                        assert!(value.is_array() || value.is_object(), "{shown}");
                    }
                    "csv" => {
                        let mut reader = csv::Reader::from_reader(text.as_bytes());
                        let header = reader
                            .headers()
                            .unwrap_or_else(|e| panic!("{shown}: {e}"))
                            .clone();
                        assert!(header.len() >= 2, "{shown}: header {header:?}");
                        assert!(
                            header
                                .iter()
                                .all(|h| !h.is_empty() && h == h.to_lowercase()),
                            "{shown}: header {header:?}"
                        );
                        let records: Vec<csv::StringRecord> = reader
                            .records()
                            .collect::<Result<_, _>>()
                            .unwrap_or_else(|e| panic!("{shown}: bad CSV ({e})"));
                        assert!(!records.is_empty(), "{shown}: no rows");
                        assert!(
                            records.iter().all(|r| r.len() == header.len()),
                            "{shown}: ragged rows"
                        );
                    }
                    "markdown" => {
                        assert!(
                            text.starts_with('|') || text.starts_with("##"),
                            "{shown}:\n{text}"
                        );
                    }
                    _ => {}
                }
            }
        }
    }
}

#[test]
fn error_messages_have_no_escape_codes() {
    let s = Sandbox::seeded();
    let (_, stderr) = s.fail(&["show", "no-such-deal"]);
    assert!(!stderr.contains('\x1b'), "{stderr:?}");
    assert!(stderr.starts_with("error: "), "{stderr:?}");
}

#[test]
fn the_list_table_shows_human_amounts() {
    let s = Sandbox::seeded();
    let table = s.stdout(&["list"]);
    for shown in [
        "$38.0B",
        "≤ $100B",
        "≥ $13.0B",
        "~$300B",
        "$250B",
        "$8.0B",
        "7y",
    ] {
        assert!(table.contains(shown), "{shown} missing from:\n{table}");
    }
    assert!(
        !table.contains("38000000000"),
        "the table shows raw amounts:\n{table}"
    );
    let markdown = s.stdout(&["list", "--format", "markdown"]);
    assert!(markdown.contains("$38.0B"), "{markdown}");
}

#[test]
fn json_and_csv_carry_raw_integers_and_iso_dates() {
    let s = Sandbox::seeded();
    let json = s.stdout(&["list", "--format", "json"]);
    assert!(json.contains("38000000000"), "{json}");
    let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
    let aws = crate::util::find(&parsed, AWS_DEAL);
    assert!(
        aws["value_amount"].is_i64(),
        "a JSON number, not text: {aws:#}"
    );
    assert_eq!(aws["announced_on"], "2025-11-03");

    let csv_text = s.stdout(&["list", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let header = reader.headers().unwrap().clone();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no {name} column in {header:?}"))
    };
    let (slug, amount, currency, announced, term) = (
        col("slug"),
        col("value_amount"),
        col("value_currency"),
        col("announced_on"),
        col("term_months"),
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 12);
    let aws = rows
        .iter()
        .find(|r| &r[slug] == AWS_DEAL)
        .expect("the AWS deal row");
    assert_eq!(&aws[amount], "38000000000");
    assert_eq!(&aws[currency], "USD");
    assert_eq!(&aws[announced], "2025-11-03");
    assert_eq!(&aws[term], "84");
    let microsoft = rows
        .iter()
        .find(|r| &r[slug] == "microsoft-openai-investment")
        .unwrap();
    assert_eq!(
        &microsoft[announced], "2019-01-01",
        "year-precise dates are ISO in CSV"
    );

    let show_csv = s.stdout(&["show", AWS_DEAL, "--format", "csv"]);
    assert!(show_csv.contains("38000000000"), "{show_csv}");
    let company_csv = s.stdout(&["company", "show", "AWS", "--format", "csv"]);
    assert!(company_csv.contains("38000000000"), "{company_csv}");
}

#[test]
fn article_show_into_a_closed_pipe_exits_quietly() {
    let s = Sandbox::seeded();
    // About 500 KB of text, far more than a pipe buffer holds.
    let mut body = String::from("A very long article\n");
    let mut i = 0;
    while body.len() < 500_000 {
        body.push_str(&format!(
            "Riga {i}: la capacità di calcolo cresce ancora, miliardi dopo miliardi.\n"
        ));
        i += 1;
    }
    let file = s.write_file("long.txt", &body);
    s.run(&[
        "article",
        "add",
        "--file",
        file.to_str().unwrap(),
        "--slug",
        "long-article",
    ]);

    for format in ["table", "json", "markdown"] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("deals"))
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", s.root().join("home"))
            .env("DEALS_DB", s.target())
            .args(["article", "show", "long-article", "--format", format])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn deals");
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut first = String::new();
        stdout.read_line(&mut first).unwrap();
        assert!(!first.is_empty(), "{format}: no first line");
        drop(stdout);
        let out = child.wait_with_output().expect("wait for deals");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{format}: exit status {:?}, stderr: {stderr}",
            out.status
        );
        assert!(stderr.is_empty(), "{format}: stderr not empty: {stderr}");
    }
}

/// A stream that cannot be written to (`/dev/full`): the error still decides the
/// exit code (1), never a panic (101), whether it is stdout or stderr that fails.
#[test]
fn a_full_stdout_or_stderr_is_an_error_never_a_panic() {
    let s = Sandbox::seeded();
    let full = || std::fs::OpenOptions::new().write(true).open("/dev/full");
    let Ok(probe) = full() else {
        // A machine without /dev/full cannot show this.
        return;
    };
    drop(probe);
    let run = |args: &[&str], stdout_full: bool| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_deals"));
        cmd.args(args)
            .env_clear()
            .env("DEALS_DB", s.target())
            .env("HOME", s.root())
            .stdin(Stdio::null())
            .stderr(full().expect("open /dev/full"));
        if stdout_full {
            cmd.stdout(full().expect("open /dev/full"));
        } else {
            cmd.stdout(Stdio::null());
        }
        cmd.status().expect("run deals").code()
    };
    assert_eq!(run(&["show", "no-such-deal"], false), Some(1));
    assert_eq!(run(&["list"], true), Some(1));
    assert_eq!(run(&["list", "--limit", "nope"], false), Some(2));
    assert_eq!(run(&["list"], false), Some(0));
}

/// Runs `deals ARGS` on a real terminal (through `script`) of `columns` columns;
/// None where `script` is missing.
fn on_terminal(s: &Sandbox, columns: u16, env: &[(&str, &str)], args: &str) -> Option<String> {
    let script = ["/usr/bin/script", "/bin/script"]
        .into_iter()
        .find(|p| std::path::Path::new(p).exists())?;
    let command = format!(
        "stty cols {columns} rows 40; {} {args}",
        env!("CARGO_BIN_EXE_deals")
    );
    let output = std::process::Command::new(script)
        .args(["-qec", &command, "/dev/null"])
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("DEALS_DB", s.target())
        .env("HOME", s.root())
        .env("TERM", "xterm-256color")
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .output()
        .expect("run script");
    assert!(output.status.success(), "{output:?}");
    Some(String::from_utf8_lossy(&output.stdout).replace('\r', ""))
}

#[test]
fn a_terminal_gets_colour_unless_no_color_and_a_sizeless_one_no_wrapping() {
    let s = Sandbox::seeded();
    let Some(coloured) = on_terminal(&s, 160, &[], "list --limit 2") else {
        return;
    };
    assert!(coloured.contains("\x1b[1m"), "{coloured}");
    let plain = on_terminal(&s, 160, &[("NO_COLOR", "1")], "list --limit 2").unwrap_or_default();
    assert!(!plain.contains('\x1b'), "{plain}");
    assert!(plain.contains("openai-aws-compute-2025"), "{plain}");
    // 0 columns: a terminal that does not know its size.
    let sizeless = on_terminal(&s, 0, &[("NO_COLOR", "1")], "list --limit 2").unwrap_or_default();
    assert!(sizeless.contains("ANNOUNCED"), "{sizeless}");
    assert!(sizeless.contains("openai-aws-compute-2025"), "{sizeless}");
}
