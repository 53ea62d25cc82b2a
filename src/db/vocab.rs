//! The small vocabularies kept in lookup tables (deal kinds, statuses, party roles,
//! company kinds, event kinds). They live in the database, not in the binary, so
//! that SQL users can extend them; values are checked against the tables.

use crate::db::Conn;

use crate::error::{Error, Result};
use crate::model::suggest;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vocab {
    DealKind,
    Status,
    Role,
    CompanyKind,
    EventKind,
}

impl Vocab {
    /// The word used in messages.
    pub fn noun(self) -> &'static str {
        match self {
            Vocab::DealKind => "kind",
            Vocab::Status => "status",
            Vocab::Role => "role",
            Vocab::CompanyKind => "company kind",
            Vocab::EventKind => "event kind",
        }
    }

    /// Other words people use for values of this vocabulary, and the value each
    /// means: offered as suggestions only.
    fn synonyms(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Vocab::Status => crate::model::vocab::STATUS_SYNONYMS,
            _ => &[],
        }
    }

    fn list_sql(self) -> &'static str {
        match self {
            Vocab::DealKind => "SELECT kind FROM deal_kinds ORDER BY rowid",
            Vocab::Status => "SELECT status FROM deal_statuses ORDER BY position",
            Vocab::Role => "SELECT role FROM party_roles ORDER BY rowid",
            Vocab::CompanyKind => "SELECT kind FROM company_kinds ORDER BY rowid",
            Vocab::EventKind => "SELECT kind FROM event_kinds ORDER BY rowid",
        }
    }
}

/// Every value of a vocabulary, in its natural order.
pub fn values(conn: &Conn, vocab: Vocab) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(vocab.list_sql())?;
    stmt.query_map([], |r| r.get(0))
}

/// The canonical form of `text` when it is a value of `vocab` (any case, spaces or
/// underscores for hyphens); otherwise a usage error listing what is allowed, with
/// the closest values (by spelling, or by meaning: `rumour` suggests `reported`).
pub fn check(conn: &Conn, vocab: Vocab, text: &str) -> Result<String> {
    let wanted = text.trim().to_lowercase().replace([' ', '_'], "-");
    let known = values(conn, vocab)?;
    if known.contains(&wanted) {
        return Ok(wanted);
    }
    let synonyms = vocab
        .synonyms()
        .iter()
        .filter(|(_, meant)| known.iter().any(|k| k == meant))
        .map(|&(word, meant)| (word, meant));
    let candidates = known
        .iter()
        .map(|k| (k.as_str(), k.as_str()))
        .chain(synonyms);
    let hint = suggest::hint(&suggest::closest(&wanted, candidates, 3));
    Err(Error::usage(format!(
        "unknown {} '{}'{hint}; expected one of: {}",
        vocab.noun(),
        crate::error::one_line(text),
        known.join(", ")
    )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;

    #[test]
    fn values_are_checked_against_the_lookup_tables() {
        let db = Db::open_in_memory().unwrap();
        let c = db.conn();
        assert_eq!(
            check(c, Vocab::DealKind, "Cloud Compute").unwrap(),
            "cloud-compute"
        );
        assert_eq!(
            check(c, Vocab::Status, "letter_of_intent").unwrap(),
            "letter-of-intent"
        );
        let err = check(c, Vocab::DealKind, "cloud").unwrap_err().to_string();
        assert!(err.contains("unknown kind 'cloud'"), "{err}");
        assert!(err.contains("did you mean cloud-compute?"), "{err}");
        let err = check(c, Vocab::Role, "owner").unwrap_err().to_string();
        assert!(err.contains("expected one of: customer, provider"), "{err}");
    }

    #[test]
    fn other_words_for_a_status_suggest_it() {
        let db = Db::open_in_memory().unwrap();
        let err = check(db.conn(), Vocab::Status, "rumour")
            .unwrap_err()
            .to_string();
        assert!(err.contains("did you mean reported?"), "{err}");
    }

    #[test]
    fn the_explained_words_are_those_the_migrations_seed() {
        use crate::model::vocab::{DEAL_KINDS, EVENT_KINDS, STATUSES};
        let db = Db::open_in_memory().unwrap();
        let c = db.conn();
        for (table, key, order, words) in [
            ("deal_kinds", "kind", "rowid", DEAL_KINDS),
            ("deal_statuses", "status", "position", STATUSES),
            ("event_kinds", "kind", "rowid", EVENT_KINDS),
        ] {
            let sql = format!("SELECT {key}, description FROM {table} ORDER BY {order}");
            let stored: Vec<(String, String)> = c
                .prepare_cached(&sql)
                .unwrap()
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                .unwrap();
            let known: Vec<(String, String)> = words
                .iter()
                .map(|(w, d)| (w.to_string(), d.to_string()))
                .collect();
            assert_eq!(stored, known, "{table}");
        }
        for (_, meant) in crate::model::vocab::STATUS_SYNONYMS {
            assert!(STATUSES.iter().any(|(s, _)| s == meant), "{meant}");
        }
    }

    #[test]
    fn a_value_added_with_sql_is_accepted() {
        let db = Db::open_in_memory().unwrap();
        let c = db.conn();
        c.execute(
            "INSERT INTO deal_kinds (kind, description) VALUES ('spectrum', 'Radio spectrum')",
            [],
        )
        .unwrap();
        assert_eq!(check(c, Vocab::DealKind, "spectrum").unwrap(), "spectrum");
    }
}
