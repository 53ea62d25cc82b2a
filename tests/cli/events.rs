//! `deals event add|list|edit|rm`: dated events of a deal, with their precision,
//! each write one transaction recorded in the history.

use serde_json::Value;

use crate::util::{AWS_DEAL, Sandbox};

fn events(s: &Sandbox, deal: &str) -> Vec<Value> {
    s.json(&["event", "list", deal])
        .as_array()
        .expect("a JSON array")
        .clone()
}

fn event(s: &Sandbox, id: i64) -> Value {
    s.json(&["event", "list"])
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == id)
        .cloned()
        .unwrap_or_else(|| panic!("no event {id}"))
}

fn changes(s: &Sandbox, id: i64) -> Vec<String> {
    s.rows(&format!(
        "SELECT operation FROM changes WHERE table_name = 'deal_events' AND row_key = '{id}' ORDER BY id"
    ))
    .iter()
    .map(|r| r[0].as_str().expect("text").to_string())
    .collect()
}

#[test]
fn event_add_keeps_the_precision_of_its_date_and_is_recorded() {
    let s = Sandbox::seeded();
    let before = events(&s, AWS_DEAL).len();
    let out = s.stdout(&[
        "event",
        "add",
        AWS_DEAL,
        "--on",
        "2026-H2",
        "--kind",
        "milestone",
        "--note",
        "first gigawatt online",
    ]);
    assert!(out.contains("milestone on 2026-H2 (half)"), "{out}");
    let after = events(&s, AWS_DEAL);
    assert_eq!(after.len(), before + 1);
    let new = after
        .iter()
        .find(|e| e["note"] == "first gigawatt online")
        .expect("the new event");
    assert_eq!(new["on"], "2026-07-01");
    assert_eq!(new["precision"], "half");
    assert_eq!(new["kind"], "milestone");
    assert_eq!(new["deal"], AWS_DEAL);
    let id = new["id"].as_i64().unwrap();
    assert_eq!(
        s.count(&format!(
            "SELECT count(*) FROM deal_events WHERE id = {id} AND occurs_on = '2026-07-01' AND occurs_precision = 'half'"
        )),
        1
    );
    assert_eq!(changes(&s, id), ["insert"]);
    // The timeline and the deal show it too.
    let show = s.json(&["show", AWS_DEAL]);
    assert!(
        show["events"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["note"] == "first gigawatt online"),
        "{show:#}"
    );
}

#[test]
fn event_list_gives_ids_in_every_format() {
    let s = Sandbox::seeded();
    let all = s.json(&["event", "list"]);
    let stored = s.count("SELECT count(*) FROM deal_events");
    assert_eq!(all.as_array().unwrap().len() as i64, stored);
    for e in all.as_array().unwrap() {
        assert!(e["id"].as_i64().is_some(), "{e}");
    }
    let csv = s.stdout(&["event", "list", AWS_DEAL, "--format", "csv"]);
    assert!(
        csv.starts_with("id,deal_id,deal,on,precision,kind,note\n"),
        "{csv}"
    );
    assert_eq!(
        csv.lines().count() as i64 - 1,
        events(&s, AWS_DEAL).len() as i64
    );
    let markdown = s.stdout(&["event", "list", AWS_DEAL, "--format", "markdown"]);
    assert!(markdown.contains("| ID"), "{markdown}");
    let (code, stderr) = s.fail(&["event", "list", "no-such-deal"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("no deal 'no-such-deal'"), "{stderr}");
}

#[test]
fn event_edit_changes_only_the_fields_given() {
    let s = Sandbox::seeded();
    let id = events(&s, AWS_DEAL)[0]["id"].as_i64().unwrap();
    let old = event(&s, id);
    let seeded = changes(&s, id);
    s.run(&["event", "edit", &id.to_string(), "--on", "2027-Q1"]);
    let new = event(&s, id);
    assert_eq!(new["on"], "2027-01-01");
    assert_eq!(new["precision"], "quarter");
    assert_eq!(new["kind"], old["kind"]);
    assert_eq!(new["note"], old["note"]);
    s.run(&[
        "event",
        "edit",
        &id.to_string(),
        "--kind",
        "signed",
        "--note",
        "none",
    ]);
    let new = event(&s, id);
    assert_eq!(new["kind"], "signed");
    assert_eq!(new["note"], Value::Null);
    assert_eq!(changes(&s, id)[seeded.len()..], ["update", "update"]);
    // Nothing new to write: nothing written.
    let out = s.stdout(&["event", "edit", &id.to_string(), "--kind", "signed"]);
    assert!(out.starts_with("Unchanged:"), "{out}");
    assert_eq!(changes(&s, id).len(), seeded.len() + 2);
}

#[test]
fn event_bad_input_is_one_clear_line() {
    let s = Sandbox::seeded();
    let before = s.dump();
    for (args, code, says) in [
        (
            &[
                "event",
                "add",
                AWS_DEAL,
                "--on",
                "2026-H3",
                "--kind",
                "milestone",
            ][..],
            2,
            "--on",
        ),
        (
            &[
                "event", "add", AWS_DEAL, "--on", "2026", "--kind", "milstone",
            ][..],
            2,
            "did you mean milestone?",
        ),
        (
            &[
                "event",
                "add",
                "nope",
                "--on",
                "2026",
                "--kind",
                "milestone",
            ][..],
            1,
            "no deal 'nope'",
        ),
        (
            &["event", "edit", "9999", "--on", "2026"][..],
            1,
            "no event 9999",
        ),
        (&["event", "edit", "1"][..], 2, "--on"),
        (&["event", "rm", "9999", "--yes"][..], 1, "no event 9999"),
        (&["event", "rm", "abc"][..], 2, "ID"),
    ] {
        let (got, stderr) = s.fail(args);
        assert_eq!(got, code, "{args:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        assert!(stderr.contains(says), "{args:?}: {stderr}");
    }
    assert_eq!(
        before,
        s.dump(),
        "a refused event command changed the database"
    );
}

#[test]
fn event_rm_asks_and_refuses_without_a_terminal() {
    let s = Sandbox::seeded();
    let id = events(&s, AWS_DEAL)[0]["id"].as_i64().unwrap();
    let seeded = changes(&s, id);
    let before = s.dump();
    let (code, stderr) = s.fail(&["event", "rm", &id.to_string()]);
    assert_eq!(code, 2);
    assert!(stderr.contains("pass --yes"), "{stderr}");
    assert_eq!(before, s.dump());
    let out = s.stdout(&["event", "rm", &id.to_string(), "--yes"]);
    assert!(
        out.starts_with(&format!("Deleted event {id} of deal {AWS_DEAL}")),
        "{out}"
    );
    assert_eq!(
        s.count(&format!("SELECT count(*) FROM deal_events WHERE id = {id}")),
        0
    );
    assert_eq!(changes(&s, id)[seeded.len()..], ["delete"]);
    let history = s.json(&["history", AWS_DEAL]);
    let last = history.as_array().unwrap().last().unwrap();
    assert_eq!(last["table"], "deal_events");
    assert_eq!(last["operation"], "delete");
    assert_eq!(last["old"]["id"], id);
}
