//! Text that cannot hurt the terminal: output shows control, bidi and
//! zero-width characters, whoever wrote them (SQL behind the tool's back
//! included), as escapes, never raw.

use crate::util::Sandbox;

const HOSTILE: &str = "Evil\u{1b}[2J\u{7}title\u{202e}cba\u{200b}";

#[test]
fn output_escapes_what_sql_wrote_behind_the_tools_back() {
    // About the SQLite file itself, or plain SQL in SQLite's dialect.
    crate::sqlite_only!();
    let s = Sandbox::seeded();
    s.sql()
        .execute(
            "UPDATE deals SET title = ?1, notes = ?1 WHERE slug = 'stargate'",
            [HOSTILE],
        )
        .unwrap();
    for args in [
        &["list"][..],
        &["list", "--format", "markdown"],
        &["show", "stargate"],
        &["show", "stargate", "--format", "markdown"],
    ] {
        let out = s.stdout(args);
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{7}') && !out.contains('\u{202e}'),
            "`deals {}` printed a raw control character: {out:?}",
            args.join(" ")
        );
    }
    let show = s.stdout(&["show", "stargate"]);
    assert!(show.contains(r"Evil\e[2J"), "{show}");
    assert!(show.contains("U+202E"), "{show}");
    // Machine formats carry the data as it is, escaped by their own rules.
    let json = s.json(&["show", "stargate"]);
    assert_eq!(json["title"], HOSTILE);
}
