//! Every ```sql block of README.md runs through `deals sql` on a fresh seeded
//! database and returns at least one row.

use assert_cmd::Command;
use serde_json::Value;

const README: &str = include_str!("../../README.md");

/// The contents of every fenced block opened with ```sql.
fn sql_blocks(markdown: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in markdown.lines() {
        match current.as_mut() {
            None if line.trim() == "```sql" => current = Some(String::new()),
            None => {}
            Some(_) if line.trim() == "```" => blocks.extend(current.take()),
            Some(block) => {
                block.push_str(line);
                block.push('\n');
            }
        }
    }
    blocks
}

#[test]
fn the_sql_cookbook_runs_on_the_seed_set() {
    let blocks = sql_blocks(README);
    assert!(
        blocks.len() >= 4,
        "the README's SQL cookbook has {} blocks",
        blocks.len()
    );
    let tmp = tempfile::tempdir().unwrap();
    for sql in &blocks {
        let out = Command::cargo_bin("deals")
            .unwrap()
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", tmp.path())
            .env("DEALS_DB", tmp.path().join("x.db"))
            .args(["sql", "--format", "json", sql])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{sql}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let rows: Value = serde_json::from_slice(&out.stdout).unwrap();
        let rows = rows.as_array().unwrap();
        assert!(!rows.is_empty(), "no rows from:\n{sql}");
    }
}
