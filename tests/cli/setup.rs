//! First use, `init`, `seed`, `--db` / DEALS_DB, `--version`, `--help`.

use crate::util::{Sandbox, fail_cmd, lines, slugs, succeed};

#[test]
fn first_use_creates_the_database_and_its_folders_with_the_seed_set() {
    // About the SQLite file itself, or plain SQL in SQLite's dialect.
    crate::sqlite_only!();
    let s = Sandbox::new();
    assert!(!s.db().parent().unwrap().exists());

    let out = s.run(&["list", "--format", "json"]);
    let stderr = String::from_utf8(out.stderr).unwrap();
    let stderr_lines = lines(&stderr);
    assert_eq!(stderr_lines.len(), 1, "one line on stderr, got:\n{stderr}");
    assert!(stderr_lines[0].contains("Created"), "{stderr}");
    assert!(stderr_lines[0].contains("seed set"), "{stderr}");
    assert!(s.db().is_file(), "the database file was not created");

    let deals: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(deals.as_array().unwrap().len(), 12);
    assert!(slugs(&deals).contains(&"openai-aws-compute-2025".to_string()));

    // Only the first use says so.
    let again = s.run(&["list"]);
    assert!(
        again.stderr.is_empty(),
        "{:?}",
        String::from_utf8_lossy(&again.stderr)
    );
}

#[test]
fn the_table_of_a_new_database_lists_the_seed_deals() {
    let s = Sandbox::new();
    let table = String::from_utf8(s.run(&["list"]).stdout).unwrap();
    for slug in [
        "openai-aws-compute-2025",
        "stargate",
        "stargate-uae",
        "amd-openai-6gw",
    ] {
        assert!(table.contains(slug), "{slug} missing from:\n{table}");
    }
}

#[test]
fn db_flag_beats_deals_db() {
    let s = Sandbox::new();
    let other = s.root().join("other").join("flag.db");
    let other_text = other.to_str().unwrap();
    let out = s.run(&["--db", other_text, "list", "--format", "json"]);
    assert!(other.is_file(), "--db path was not created");
    assert!(!s.db().exists(), "DEALS_DB was used despite --db");
    let deals: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(deals.as_array().unwrap().len(), 12);
}

#[test]
fn without_db_flag_or_deals_db_the_database_goes_to_the_data_dir() {
    let s = Sandbox::new();
    succeed(s.cmd_without_db().arg("list"), &["list"]);
    let expected = s.root().join("xdg-data").join("deals").join("deals.db");
    assert!(expected.is_file(), "no database at {}", expected.display());
    assert!(!s.db().exists());
}

#[test]
fn init_empty_makes_a_blank_database_with_the_lookup_tables() {
    let s = Sandbox::new();
    let out = s.run(&["init", "--empty"]);
    assert!(crate::util::on_postgres() || s.db().is_file());
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("seed set"),
        "an empty database must not claim to be seeded"
    );
    assert_eq!(s.json(&["list"]).as_array().unwrap().len(), 0);
    assert_eq!(s.count("SELECT count(*) FROM deals"), 0);
    assert_eq!(s.count("SELECT count(*) FROM companies"), 0);
    assert_eq!(s.count("SELECT count(*) FROM articles"), 0);
    assert_eq!(s.count("SELECT count(*) FROM deal_kinds"), 10);
    assert_eq!(s.count("SELECT count(*) FROM deal_statuses"), 8);
    assert_eq!(s.count("SELECT count(*) FROM party_roles"), 7);
    assert_eq!(s.count("SELECT count(*) FROM company_kinds"), 4);
    assert_eq!(s.count("SELECT count(*) FROM event_kinds"), 8);
}

#[test]
fn init_empty_on_an_existing_database_is_an_error() {
    let s = Sandbox::seeded();
    let before = s.dump();
    let (code, stderr) = s.fail(&["init", "--empty"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.starts_with("error:"), "{stderr}");
    assert!(stderr.contains("already exists"), "{stderr}");
    assert_eq!(before, s.dump());
}

#[test]
fn init_on_an_existing_database_reports_up_to_date() {
    let s = Sandbox::seeded();
    let before = s.dump();
    let out = s.stdout(&["init"]);
    assert!(out.contains("up to date"), "{out}");
    assert_eq!(before, s.dump());
}

#[test]
fn seed_twice_changes_nothing_the_second_time() {
    let s = Sandbox::new();
    s.run(&["init", "--empty"]);
    let first = s.stdout(&["seed"]);
    assert!(first.contains("Deals: 12 added"), "{first}");
    assert_eq!(s.json(&["list"]).as_array().unwrap().len(), 12);

    let before = s.dump();
    let second = s.stdout(&["seed"]);
    assert!(second.contains("nothing changed"), "{second}");
    assert_eq!(before, s.dump(), "the second seed changed the database");
}

#[test]
fn version_and_help_exit_zero() {
    let s = Sandbox::new();
    let version = s.stdout(&["--version"]);
    assert!(version.starts_with("deals "), "{version}");
    let help = s.stdout(&["--help"]);
    for command in [
        "init", "seed", "add", "edit", "rm", "list", "show", "company", "article",
    ] {
        assert!(help.contains(command), "--help does not mention {command}");
    }
    let add_help = s.stdout(&["add", "--help"]);
    assert!(add_help.contains("--party"), "{add_help}");
    assert!(
        !s.db().exists(),
        "--help / --version must not create a database"
    );
}

#[test]
fn a_command_without_its_subcommand_prints_its_help() {
    let s = Sandbox::new();
    for (args, usage) in [
        (&[][..], "Usage: deals [OPTIONS] <COMMAND>"),
        (&["company"][..], "Usage: deals company [OPTIONS] <COMMAND>"),
        (&["article"][..], "Usage: deals article [OPTIONS] <COMMAND>"),
        (&["fx"][..], "Usage: deals fx [OPTIONS] <COMMAND>"),
        (&["event"][..], "Usage: deals event [OPTIONS] <COMMAND>"),
    ] {
        // With DEALS_DB set (which clap counts as an argument given) and without.
        for with_db in [true, false] {
            let mut cmd = if with_db { s.cmd() } else { s.cmd_without_db() };
            let (code, stderr) = fail_cmd(cmd.args(args), args);
            assert_eq!(code, 2, "{args:?}: {stderr}");
            assert!(!stderr.starts_with("error:"), "{args:?}: {stderr}");
            assert!(stderr.contains(usage), "{args:?}: {stderr}");
            assert!(stderr.contains("\nCommands:\n"), "{args:?}: {stderr}");
            assert!(stderr.lines().count() > 8, "{args:?}: {stderr}");
        }
    }
    assert!(!s.db().exists(), "help must not create a database");
}

#[test]
fn help_command_prints_the_help_of_a_command() {
    let s = Sandbox::new();
    let help = s.stdout(&["help"]);
    assert!(help.contains("Usage: deals [OPTIONS] <COMMAND>"), "{help}");
    let company = s.stdout(&["help", "company"]);
    assert!(
        company.contains("Usage: deals company [OPTIONS] <COMMAND>"),
        "{company}"
    );
    let list = s.stdout(&["help", "list"]);
    assert_eq!(list, s.stdout(&["list", "--help"]));
    let (code, _) = s.fail(&["help", "frobnicate"]);
    assert_eq!(code, 2);
}

#[test]
fn unknown_subcommand_is_a_usage_error() {
    let s = Sandbox::new();
    let (code, stderr) = fail_cmd(s.cmd().arg("frobnicate"), &["frobnicate"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("frobnicate"), "{stderr}");
    let (code, _) = fail_cmd(s.cmd().args(["list", "--bogus"]), &["list", "--bogus"]);
    assert_eq!(code, 2);
}

#[test]
fn completions_name_the_commands() {
    let s = Sandbox::new();
    let script = s.stdout(&["completions", "bash"]);
    assert!(
        script.contains("deals") && script.contains("report"),
        "{script}"
    );
    assert!(!s.db().exists(), "completions need no database");
    let (code, _) = s.fail(&["completions", "nosuchshell"]);
    assert_eq!(code, 2);
}

#[test]
fn every_flag_is_described_and_every_command_ends_with_examples() {
    use clap::CommandFactory;
    fn walk(command: &clap::Command, path: &str, missing: &mut Vec<String>) {
        for arg in command.get_arguments() {
            let id = arg.get_id().as_str();
            if arg.get_help().is_none() && id != "help" && id != "version" {
                missing.push(format!("{path} {id}: no description"));
            }
        }
        let leaf = command.get_subcommands().next().is_none();
        let examples = command
            .get_after_help()
            .is_some_and(|h| h.to_string().starts_with("Example"));
        if leaf && !examples {
            missing.push(format!("{path}: no examples"));
        }
        for sub in command.get_subcommands() {
            walk(sub, &format!("{path} {}", sub.get_name()), missing);
        }
    }
    let mut missing = Vec::new();
    walk(&deals::cli::Cli::command(), "deals", &mut missing);
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

#[test]
fn man_pages_are_written_to_stdout_or_a_folder() {
    let s = Sandbox::new();
    let page = s.stdout(&["man"]);
    assert!(page.contains(".TH deals 1"), "{page}");
    assert!(page.contains("event"), "{page}");
    let dir = s.root().join("man1");
    s.run(&["man", "--out", dir.to_str().unwrap()]);
    for page in ["deals.1", "deals-list.1", "deals-event-add.1"] {
        assert!(dir.join(page).exists(), "no {page}");
    }
    assert!(!s.db().exists(), "man pages need no database");
}
