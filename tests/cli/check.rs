//! `deals check`: findings, codes and the exit code.

use crate::util::{AWS_DEAL, Sandbox};

#[test]
fn the_seed_set_passes_with_notes() {
    let s = Sandbox::seeded();
    let findings = s.json(&["check"]);
    let findings = findings.as_array().unwrap();
    assert!(
        findings.iter().all(|f| f["severity"] != "error"),
        "{findings:#?}"
    );
    assert!(
        findings
            .iter()
            .any(|f| f["code"] == "no-source" && f["records"][0] == "deal:amd-openai-6gw"),
        "{findings:#?}"
    );
    for f in findings {
        for key in ["severity", "code", "records", "message", "hint"] {
            assert!(f.get(key).is_some(), "{key} missing in {f}");
        }
    }
}

#[test]
fn a_unit_slip_is_an_error_and_exits_1() {
    let s = Sandbox::seeded();
    s.run(&[
        "article",
        "link",
        "openai-aws-38-miliardi-notizia",
        AWS_DEAL,
        "--quote",
        "OpenAI ha siglato un accordo con Amazon Web Services (AWS) del valore di 38 miliardi di dollari per i prossimi sette anni.",
        "--stated",
        "38 milioni di dollari",
    ]);
    let out = s
        .cmd()
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let findings: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let slip = findings
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "unit-slip")
        .expect("a unit-slip finding");
    assert_eq!(slip["severity"], "error");
    assert!(
        slip["hint"].as_str().unwrap().contains("milioni/miliardi"),
        "{slip}"
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

#[test]
fn findings_cover_parties_dates_and_duplicates() {
    let s = Sandbox::seeded();
    s.run(&[
        "add",
        "--title",
        "Lonely investment",
        "--kind",
        "investment",
        "--value",
        "5B",
        "--announced",
        "1900",
        "--party",
        "OpenAI:investee",
    ]);
    s.run(&[
        "add",
        "--title",
        "Copy of the AWS deal",
        "--kind",
        "cloud-compute",
        "--value",
        "38.2B",
        "--announced",
        "2025-11-04",
        "--party",
        "OpenAI:customer",
        "--party",
        "AWS:provider",
    ]);
    let codes: Vec<String> = s
        .json(&["check"])
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{} {}",
                f["code"].as_str().unwrap(),
                f["records"][0].as_str().unwrap()
            )
        })
        .collect();
    for expected in [
        "roles-misfit deal:lonely-investment",
        "implausible-date deal:lonely-investment",
        "probable-duplicate deal:copy-of-the-aws-deal",
    ] {
        assert!(
            codes.iter().any(|c| c == expected),
            "{expected} not in {codes:#?}"
        );
    }
}

#[test]
fn code_filters_and_unknown_codes() {
    let s = Sandbox::seeded();
    let only = s.json(&["check", "--code", "no-source"]);
    assert!(
        only.as_array()
            .unwrap()
            .iter()
            .all(|f| f["code"] == "no-source")
    );
    let (code, stderr) = s.fail(&["check", "--code", "nonsense"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("unknown"), "{stderr}");
}
