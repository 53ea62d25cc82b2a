//! The bundled seed set, embedded in the binary and loaded through the same
//! importer as `deals import`.

use std::path::Path;

use crate::db::Db;
use crate::error::{Error, Result};
use crate::ops::import::{self, Origin, Summary};

const DOCUMENT: &str = include_str!("../../seeds/openai-aws-2025.json");

/// The article texts the seed document names in `body_file`.
const BODIES: &[(&str, &str)] = &[
    (
        "000_a1f5f37c4354f31f.txt",
        include_str!("../../seeds/000_a1f5f37c4354f31f.txt"),
    ),
    (
        "001_0bfb23b6abed9931.txt",
        include_str!("../../seeds/001_0bfb23b6abed9931.txt"),
    ),
];

fn embedded_body(path: &str) -> Result<String> {
    BODIES
        .iter()
        .find(|(name, _)| *name == path)
        .map(|(_, body)| body.to_string())
        .ok_or_else(|| Error::invalid(format!("no bundled file {path}")))
}

/// Loads the seed set in one transaction, like [`load_keeping`].
pub fn load(db: &Db) -> Result<Summary> {
    load_keeping(db).map(|(summary, _)| summary)
}

/// Loads the seed set in one transaction: adds what is missing, and writes a
/// seeded record only when nobody changed it since it was seeded (the history
/// says so: see `db::seed_marks`). Returns what it did and the records it left
/// as someone changed, renamed or deleted them (`deal stargate`).
pub fn load_keeping(db: &Db) -> Result<(Summary, Vec<String>)> {
    let kept = std::cell::RefCell::new(Vec::new());
    let origin = Origin {
        name: "bundled seed set".into(),
        read_body: &embedded_body,
        kept: Some(&kept),
    };
    let doc = import::parse(DOCUMENT, &origin.name)?;
    let tx = db.write()?;
    let summary = import::apply(&tx, &doc, &origin)?;
    tx.commit()?;
    Ok((summary, kept.into_inner()))
}

/// True when `path` holds something; an empty file (from `touch` or `mktemp`)
/// counts as a database yet to be made.
pub fn exists_with_content(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.len() > 0)
}

/// Creates a database at `path` and loads the seed set; what it loaded. On
/// failure nothing is left behind.
pub fn create(path: &Path) -> Result<(Db, Summary)> {
    let existed = path.exists();
    let db = Db::open(path).inspect_err(|_| {
        if !existed {
            remove_database(path);
        }
    })?;
    match load(&db) {
        Ok(summary) => Ok((db, summary)),
        Err(e) => {
            drop(db);
            remove_database(path);
            Err(e)
        }
    }
}

/// Removes a database file that was being made, with its WAL files.
fn remove_database(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut file = path.as_os_str().to_owned();
        file.push(suffix);
        let _ = std::fs::remove_file(file);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_set_loads_and_reloads_without_change() {
        let db = Db::open_in_memory().unwrap();
        let first = load(&db).unwrap();
        assert_eq!(first.deals.inserted, 12);
        assert_eq!(first.articles.inserted, 2);
        assert!(load(&db).unwrap().unchanged());
    }

    #[test]
    fn the_bundled_articles_are_the_originals() {
        for (name, body) in BODIES {
            assert!(
                DOCUMENT.contains(name),
                "{name} is not used by the seed document"
            );
            assert!(body.len() > 3000, "{name} looks truncated");
        }
    }
}
