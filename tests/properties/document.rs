//! The interchange document: any bytes are read or refused cleanly, and the seed
//! document with random damage is either refused, naming a place, or loads into
//! a fresh database (all of it, or none of it).

use proptest::prelude::*;
use serde_json::Value;

use super::cases;
use deals::db::Db;
use deals::error::{Error, Result};
use deals::ops::import::{self, Origin};

const SEED: &str = include_str!("../../seeds/openai-aws-2025.json");
const ORIGIN: &str = "fuzz.json";

/// Field names of the document, so that generated objects reach past the first
/// unknown field.
const FIELDS: &[&str] = &[
    "format",
    "companies",
    "articles",
    "deals",
    "name",
    "slug",
    "kind",
    "country",
    "parent",
    "aliases",
    "website",
    "description",
    "key",
    "url",
    "title",
    "publisher",
    "author",
    "language",
    "published_on",
    "summary",
    "body",
    "body_file",
    "status",
    "announced_on",
    "value",
    "value_amount",
    "value_currency",
    "value_qualifier",
    "term_months",
    "starts_on",
    "notes",
    "parties",
    "tags",
    "events",
    "sources",
    "company",
    "role",
    "on",
    "note",
    "article",
    "quote",
    "stated",
    "stated_amount",
    "stated_currency",
    "stated_qualifier",
];

/// Values of the kinds a document holds, and some it should not.
const TEXTS: &[&str] = &[
    "deals/1",
    "deals/2",
    "",
    " ",
    "OpenAI",
    "AWS",
    "customer",
    "owner",
    "other",
    "signed",
    "2025-11-03",
    "2025-13",
    "2026-H2",
    "38 miliardi di dollari",
    "lots",
    "USD",
    "usd",
    "XYZ",
    "exact",
    "maybe",
    "it",
    "en",
    "x-klingon-ZZ",
    "a1",
    "000_a1f5f37c4354f31f.txt",
    "../../etc/passwd",
    "https://example.com/a",
    "\u{0}",
    "\u{1b}[31m",
    "%",
    "'; DROP TABLE deals; --",
];

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        prop_oneof![any::<i64>(), -2i64..1300].prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        proptest::sample::select(TEXTS).prop_map(Value::from),
        any::<String>().prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::vec(
                (prop_oneof![4 => proptest::sample::select(FIELDS).prop_map(str::to_string), 1 => any::<String>()], inner),
                0..6
            )
            .prop_map(|fields| Value::Object(fields.into_iter().collect())),
        ]
    })
}

/// A document whose lists hold generated records.
fn document_value() -> impl Strategy<Value = Value> {
    (
        proptest::sample::select(&["deals/1", "deals/2", ""][..]),
        proptest::collection::vec(json_value(), 0..3),
        proptest::collection::vec(json_value(), 0..3),
        proptest::collection::vec(json_value(), 0..3),
    )
        .prop_map(|(format, companies, articles, deals)| {
            serde_json::json!({
                "format": format,
                "companies": companies,
                "articles": articles,
                "deals": deals,
            })
        })
}

/// One random change to a text: a cut, a deletion, an insertion or a swap of
/// bytes, kept to character boundaries.
#[derive(Debug, Clone)]
enum Damage {
    Truncate(usize),
    Delete(usize, usize),
    Insert(usize, String),
    Replace(usize, char),
}

fn damage() -> impl Strategy<Value = Damage> {
    let text = prop_oneof![
        proptest::sample::select(
            &[
                "{", "}", "[", "]", "\"", ",", ":", "\\", "null", "-1", "0", "1e999", "\"\"",
                "\u{0}"
            ][..]
        )
        .prop_map(str::to_string),
        proptest::sample::select(TEXTS).prop_map(|t| format!("{t:?}")),
        any::<String>(),
    ];
    prop_oneof![
        any::<usize>().prop_map(Damage::Truncate),
        (any::<usize>(), 1usize..40).prop_map(|(at, len)| Damage::Delete(at, len)),
        (any::<usize>(), text).prop_map(|(at, t)| Damage::Insert(at, t)),
        (any::<usize>(), any::<char>()).prop_map(|(at, c)| Damage::Replace(at, c)),
    ]
}

/// The nearest character boundary at or before `at % (len + 1)`.
fn boundary(text: &str, at: usize) -> usize {
    let mut at = at % (text.len() + 1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn apply_damage(text: &mut String, damage: &Damage) {
    match damage {
        Damage::Truncate(at) => {
            let at = boundary(text, *at);
            text.truncate(at);
        }
        Damage::Delete(at, len) => {
            let start = boundary(text, *at);
            let end = boundary(text, start.saturating_add(*len).min(text.len()));
            text.replace_range(start..end.max(start), "");
        }
        Damage::Insert(at, inserted) => {
            let at = boundary(text, *at);
            text.insert_str(at, inserted);
        }
        Damage::Replace(at, c) => {
            let at = boundary(text, *at);
            if let Some(old) = text[at..].chars().next() {
                text.replace_range(at..at + old.len_utf8(), &c.to_string());
            }
        }
    }
}

/// Article bodies kept in files: the seed's two, nothing else.
fn read_body(path: &str) -> Result<String> {
    match path {
        "000_a1f5f37c4354f31f.txt" => {
            Ok(include_str!("../../seeds/000_a1f5f37c4354f31f.txt").into())
        }
        "001_0bfb23b6abed9931.txt" => {
            Ok(include_str!("../../seeds/001_0bfb23b6abed9931.txt").into())
        }
        _ => Err(Error::invalid(format!("no file {path}"))),
    }
}

/// Counts of the tables a document fills.
fn counts(db: &Db) -> Vec<i64> {
    [
        "companies",
        "articles",
        "deals",
        "deal_parties",
        "deal_sources",
        "deal_events",
        "deal_tags",
    ]
    .iter()
    .map(|t| {
        db.conn()
            .query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))
            .unwrap_or(-1)
    })
    .collect()
}

/// Reads `text`; when it is a document, loads it into a fresh database in one
/// transaction. An error must be one line naming the document; a failed load
/// leaves the database as it was.
fn read_and_load(text: &str) -> std::result::Result<(), TestCaseError> {
    let doc = match import::parse(text, ORIGIN) {
        Ok(doc) => doc,
        Err(e) => {
            let message = deals::error::one_line_message(&e);
            prop_assert!(message.starts_with(ORIGIN), "{message}");
            return Ok(());
        }
    };
    let db = Db::open_in_memory().map_err(|e| TestCaseError::fail(e.to_string()))?;
    let empty = counts(&db);
    let origin = Origin {
        name: ORIGIN.into(),
        read_body: &read_body,
        kept: None,
    };
    let tx = db.write().map_err(|e| TestCaseError::fail(e.to_string()))?;
    let loaded = import::apply(&tx, &doc, &origin);
    match loaded {
        Ok(_) => tx
            .commit()
            .map_err(|e| TestCaseError::fail(e.to_string()))?,
        Err(e) => {
            drop(tx);
            let message = e.to_string();
            prop_assert!(message.starts_with(ORIGIN), "{message}");
            prop_assert_eq!(counts(&db), empty, "a failed load wrote: {}", message);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(cases(256))]

    #[test]
    fn any_text_is_read_or_refused(text in any::<String>()) {
        let _ = import::parse(&text, ORIGIN);
    }

    #[test]
    fn any_bytes_are_read_or_refused(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
        let _ = import::parse(&String::from_utf8_lossy(&bytes), ORIGIN);
    }
}

proptest! {
    #![proptest_config(cases(64))]

    #[test]
    fn generated_documents_load_whole_or_not_at_all(doc in document_value()) {
        read_and_load(&doc.to_string())?;
    }

    #[test]
    fn a_damaged_seed_loads_whole_or_not_at_all(damages in proptest::collection::vec(damage(), 1..4)) {
        let mut text = SEED.to_string();
        for d in &damages {
            apply_damage(&mut text, d);
        }
        read_and_load(&text)?;
    }
}
