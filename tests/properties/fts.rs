//! The search box: whatever is typed, the query builder either says there is
//! nothing to search for or gives a query that FTS5 accepts.

use proptest::prelude::*;

use super::{cases, text_of};
use deals::db::Db;
use deals::db::search::{Scope, each};
use deals::model::fts::query;

const PIECES: &[&str] = &[
    "capac*",
    "*",
    "\"",
    "(",
    ")",
    "OR",
    "AND",
    "NOT",
    "NEAR",
    "NEAR(",
    ",",
    "+",
    "-",
    "^",
    ":",
    "col:",
    "title:",
    "{",
    "}",
    "'",
    "\\",
    "a",
    "é",
    "東京",
    "²",
    "\u{0}",
    "\u{300}",
    "\u{e000}",
    "OpenAI",
    "sette anni",
    " ",
    "\"\"",
    "*\"",
    "OR OR",
];

thread_local! {
    static DB: Db = {
        let db = Db::open_in_memory().unwrap_or_else(|e| panic!("a database in memory: {e}"));
        deals::ops::seed::load(&db).unwrap_or_else(|e| panic!("the seed set: {e}"));
        db
    };
}

fn check(text: &str) -> std::result::Result<(), TestCaseError> {
    let Ok(fts) = query(text) else {
        return Ok(());
    };
    DB.with(|db| {
        each(db.conn(), &fts, Scope::All, 3, &mut |_| Ok(()))
            .map_err(|e| TestCaseError::fail(format!("{text:?} -> {fts:?}: {e}")))
    })
}

proptest! {
    #![proptest_config(cases(256))]

    #[test]
    fn typed_text_gives_a_query_fts5_accepts(text in text_of(PIECES)) {
        check(&text)?;
    }

    #[test]
    fn any_text_gives_a_query_fts5_accepts(text in any::<String>()) {
        check(&text)?;
    }
}
