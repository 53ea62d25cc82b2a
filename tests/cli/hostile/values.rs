//! Hostile values to every command, each refused with one line naming it: malformed
//! money, dates, terms, parties, kinds and slugs, control characters, SQL
//! meta-characters, huge strings, references that match nothing, missing or
//! unreadable files and flags the parser refuses.

use crate::refusal::{DROP, OR_TRUE, add, case, check_refused, edit};
use crate::util::{AWS_DEAL, NEWS_ARTICLE, Sandbox};

#[test]
fn hostile_values_are_refused_with_one_line_naming_them() {
    let s = Sandbox::seeded();
    let big_name = "N".repeat(100_000);
    let big_party = format!("{big_name}:customer");
    let long_slug = "a".repeat(81);
    let dir = s.root().display().to_string();
    let missing = s.root().join("missing.txt").display().to_string();
    let binary = s.root().join("binary.txt");
    std::fs::write(&binary, b"\xff\xfe not UTF-8 \xc3\x28").unwrap();
    let binary = binary.display().to_string();
    let existing = s.write_file("existing.db", "taken").display().to_string();
    let no_dir = s.root().join("no").join("such").join("dir");
    let backup_target = no_dir.join("b.db").display().to_string();
    let svg_target = no_dir.join("r.svg").display().to_string();
    let cases = vec![
        // Money, wherever a figure is read.
        add(&["--value", ""], &["--value"]),
        add(&["--value", "\u{1b}[31m5B"], &["--value", "\\u{1b}[31m5B"]),
        add(&["--value", "1e9"], &["--value", "1e9"]),
        add(&["--value", "0x10"], &["--value", "0x10"]),
        add(&["--value", "١٢٣"], &["--value"]),
        add(&["--value", DROP], &["--value", "DROP TABLE"]),
        add(&["--value", "5B\u{1}"], &["--value", "\\u{1}"]),
        edit(&["--value", "38B\r%"], &["--value", "%"]),
        case(&["list", "--min-value", "%"], &["--min-value", "%"]),
        case(&["report", "--min-value=-1B"], &["--min-value", "-1B"]),
        case(
            &[
                "article",
                "link",
                NEWS_ARTICLE,
                "stargate",
                "--stated",
                "\r\n",
            ],
            &["--stated"],
        ),
        // Currencies.
        add(&["--value", "5B", "--currency", "%"], &["--currency", "%"]),
        add(&["--value", "5B", "--currency", ""], &["--currency"]),
        case(&["report", "--currency", "US"], &["--currency", "US"]),
        case(
            &[
                "fx",
                "set",
                "'; DROP TABLE fx_rates; --",
                "1",
                "--on",
                "2025",
            ],
            &["CURRENCY", "DROP TABLE fx_rates"],
        ),
        case(
            &["fx", "set", "EUR", "NaN", "--on", "2025"],
            &["RATE", "NaN"],
        ),
        case(&["fx", "set", "EUR", "-1", "--on", "2025"], &["RATE", "-1"]),
        case(&["fx", "set", "EUR", "1e400", "--on", "2025"], &["RATE"]),
        case(&["fx", "list", "_"], &["CURRENCY", "_"]),
        // Dates.
        add(&["--announced", ""], &["--announced"]),
        add(&["--announced", "2025\u{1}"], &["--announced", "\\u{1}"]),
        add(&["--announced", "0000"], &["--announced", "0000"]),
        add(&["--announced", "2025-W45"], &["--announced", "2025-W45"]),
        edit(&["--starts", "2025-02-29"], &["--starts", "2025-02-29"]),
        case(&["list", "--until", "2025-Q0"], &["--until", "2025-Q0"]),
        case(&["timeline", "--since", DROP], &["--since", "DROP TABLE"]),
        case(&["history", "--since", "%"], &["--since", "%"]),
        case(&["timeline", "--until", "2025-Q5"], &["--until", "2025-Q5"]),
        case(
            &["fx", "set", "EUR", "0.9", "--on", "2025-1-3"],
            &["--on", "2025-1-3"],
        ),
        case(
            &[
                "article",
                "add",
                "--url",
                "https://example.com/hostile",
                "--published",
                "yesterday",
            ],
            &["--published", "yesterday"],
        ),
        // Terms.
        add(&["--term", ""], &["--term"]),
        add(&["--term=-7y"], &["--term", "-7y"]),
        add(&["--term", "101y"], &["--term", "101y"]),
        add(&["--term", "18446744073709551616m"], &["--term"]),
        edit(&["--term", "7y7y"], &["--term", "7y7y"]),
        // Parties and roles.
        add(&["--party", "OpenAI:"], &["--party", "OpenAI:"]),
        add(
            &["--party", "OpenAI:customer\u{1b}[0m"],
            &["--party", "\\u{1b}[0m"],
        ),
        add(
            &["--party", "OpenAI:customer'; DROP TABLE deals; --"],
            &["--party", "DROP TABLE"],
        ),
        add(
            &["--party", "'; DROP TABLE deals; --:customer"],
            &["--party", "DROP TABLE"],
        ),
        add(&["--party", "%:customer"], &["--party", "'%'"]),
        add(&["--party", "Open\nAI:customer"], &["--party", "Open\\nAI"]),
        add(&["--party", &big_party], &["--party", "NNNN"]),
        edit(&["--add-party", "_:partner"], &["--add-party", "'_'"]),
        edit(&["--remove-party", "%"], &["--remove-party", "'%'"]),
        case(
            &["report", "--group", "company", "--role", "%"],
            &["--role", "%"],
        ),
        // Kinds and statuses.
        add(&["--kind", ""], &["--kind"]),
        add(&["--kind", "other'; --"], &["--kind", "other'; --"]),
        add(&["--kind", "other\u{1}"], &["--kind", "\\u{1}"]),
        edit(&["--status", "%"], &["--status", "%"]),
        edit(&["--kind", "\r"], &["--kind"]),
        case(&["list", "--kind", "_"], &["--kind", "_"]),
        case(
            &["company", "add", "Newco", "--kind", "%"],
            &["--kind", "%"],
        ),
        // Slugs.
        add(&["--slug", ""], &["--slug"]),
        add(&["--slug", "a--b"], &["--slug", "a--b"]),
        add(&["--slug=-a"], &["--slug", "-a"]),
        add(&["--slug", "ü"], &["--slug", "ü"]),
        add(&["--slug", &long_slug], &["--slug", "81 characters"]),
        add(&["--slug", "a\nb"], &["--slug"]),
        edit(&["--slug", "stargate"], &["stargate"]),
        case(
            &["company", "add", "Newco", "--slug", "%"],
            &["--slug", "%"],
        ),
        case(
            &[
                "article",
                "add",
                "--url",
                "https://example.com/hostile",
                "--slug",
                DROP,
            ],
            &["--slug", "DROP TABLE"],
        ),
        // Empty and blank text.
        add(&["--title", "\r\n\t"], &["--title"]),
        add(&["--tag", "\n"], &["--tag"]),
        edit(&["--tag", ""], &["--tag"]),
        case(&["company", "add", "\n"], &["name"]),
        case(&["company", "alias", "OpenAI", ""], &["alias"]),
        case(&["company", "edit", "OpenAI", "--name", "  "], &["--name"]),
        case(&["article", "add", "--url", " "], &["body", "--url"]),
        // Huge text is named, cut.
        case(&["list", "--company", &big_name], &["--company", "NNNN"]),
        case(&["show", &big_name], &["NNNN"]),
        case(
            &["company", "add", "Newco", "--country", &big_name],
            &["country", "NNNN"],
        ),
        case(&["search", &"%".repeat(100_000)], &["search", "%%%%"]),
        // References with SQL meta-characters are names, not patterns.
        case(&["edit", DROP, "--status", "active"], &["DROP TABLE"]),
        case(&["rm", "%", "--yes"], &["'%'"]),
        case(&["rm", "_", "--yes"], &["'_'"]),
        case(&["show", OR_TRUE], &["OR 1=1"]),
        case(&["show", "99999999999999999999"], &["99999999999999999999"]),
        case(&["company", "show", "%"], &["'%'"]),
        case(&["company", "rm", "_", "--yes"], &["'_'"]),
        case(
            &[
                "company",
                "edit",
                "'; DROP TABLE companies; --",
                "--kind",
                "fund",
            ],
            &["DROP TABLE companies"],
        ),
        case(&["company", "alias", "%", "Alias"], &["'%'"]),
        case(&["article", "show", "%"], &["'%'"]),
        case(&["article", "list", "--deal", "_"], &["'_'"]),
        case(&["article", "link", "_", AWS_DEAL], &["'_'"]),
        case(
            &["article", "link", NEWS_ARTICLE, AWS_DEAL, "--quote", DROP],
            &["--quote", "DROP TABLE"],
        ),
        case(&["restore", "%"], &["'%'"]),
        case(&["history", DROP], &["DROP TABLE"]),
        case(&["history", "--company", "%"], &["--company", "'%'"]),
        case(&["timeline", "--company", "_"], &["--company", "'_'"]),
        case(
            &["list", "--counterparty", OR_TRUE],
            &["--counterparty", "OR 1=1"],
        ),
        case(&["report", "--company", "%"], &["--company", "'%'"]),
        // Search text that holds nothing to search for.
        case(&["search", "%"], &["search", "%"]),
        case(&["search", "_"], &["search", "_"]),
        case(&["search", "\u{1}\u{2}"], &["search", "\\u{1}"]),
        case(&["search", "OpenAI", "--limit", "0"], &["--limit"]),
        // SQL: statements are refused, never spliced.
        case(&["sql", DROP], &["sql"]),
        case(&["sql", "SELECT 1; DROP TABLE deals"], &["DROP TABLE"]),
        case(&["sql", "DELETE FROM deals WHERE 1=1"], &["DELETE"]),
        case(
            &["sql", "--write", "ATTACH 'elsewhere.db' AS x"],
            &["ATTACH"],
        ),
        // Files that are missing, folders, or not text.
        case(
            &["article", "add", "--file", &missing],
            &["--file", &missing],
        ),
        case(&["article", "add", "--file", &dir], &["--file", &dir]),
        case(
            &["article", "add", "--file", &binary],
            &["--file", &binary, "UTF-8"],
        ),
        case(&["backup", &backup_target], &["b.db"]),
        case(&["backup", &existing], &[&existing, "already exists"]),
        case(&["backup", &dir], &[&dir, "already exists"]),
        case(
            &["report", "--format", "svg", "--out", &svg_target],
            &["--out", &svg_target],
        ),
        // Flags and arguments the parser refuses, on one line too.
        case(&["list", "--limit", "-1"], &["-1"]),
        case(&["list", "--limit", "lots"], &["--limit", "lots"]),
        case(&["list", "--sort", "%"], &["--sort", "%"]),
        case(&["--format", "xml", "list"], &["--format", "xml"]),
        case(&["add", "--kind", "other"], &["--title"]),
        case(&["fx", "set", "EUR"], &["--on", "<RATE>"]),
        case(&["frobnicate"], &["frobnicate"]),
        case(&["schema", "--bogus"], &["--bogus"]),
        case(&["seed", "now"], &["now"]),
        case(&["company", "list", "--sort", "size"], &["--sort", "size"]),
        case(&["article", "list", "--limit", "x"], &["--limit", "x"]),
        case(&["--format", "svg", "list"], &["--format svg"]),
        // Other commands' own refusals.
        case(&["check", "--code", "%"], &["--code", "%"]),
        case(&["init", "--empty"], &["--empty"]),
        case(&["rm", AWS_DEAL], &["--yes"]),
        // The testing knobs are hidden, not trusted: nonsense is ignored.
        add(&["--value", "lots"], &["--value"]).env("DEALS_MAX_PAGE_COUNT", "-5"),
        add(&["--value", "lots"], &["--value"]).env("DEALS_BUSY_TIMEOUT_MS", "soon"),
    ];
    assert!(cases.len() >= 100, "{} cases", cases.len());
    check_refused(&s, &cases);
}
