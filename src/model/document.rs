//! The interchange document, `{"format": "deals/1", ...}`: what `deals import`
//! reads, `deals export` writes and the bundled seed set is written in.
//!
//! Values stay as written (dates and money as text or raw integers) so that the
//! importer can name the record and field of anything that fails to parse.

use serde::{Deserialize, Serialize};

use super::deal::Outcome;

/// The format tag this version reads and writes.
pub const FORMAT: &str = "deals/1";

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub format: String,
    #[serde(default)]
    pub companies: Vec<CompanyDoc>,
    #[serde(default)]
    pub articles: Vec<ArticleDoc>,
    #[serde(default)]
    pub deals: Vec<DealDoc>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompanyDoc {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Name or alias of another company.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Why the record was left out of an import (in a rejects file); ignored
    /// when the document is imported again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reject_reason: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleDoc {
    /// The article's slug; sources refer to an article by key or url.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_on: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// The full text, inline...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// ...or in a text file, by a path relative to the document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_file: Option<String>,
    /// Why the record was left out of an import (in a rejects file); ignored
    /// when the document is imported again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reject_reason: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DealDoc {
    /// The key of the deal; made from the title when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    pub title: String,
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub announced_on: Option<String>,
    /// The value as people write it ("38 miliardi di dollari"), instead of the
    /// three value_ fields.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_amount: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_currency: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_qualifier: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term_months: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub starts_on: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parties: Vec<PartyDoc>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<EventDoc>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceDoc>,
    /// Why the record was left out of an import (in a rejects file); ignored
    /// when the document is imported again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reject_reason: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartyDoc {
    /// Name or alias.
    pub company: String,
    pub role: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventDoc {
    pub on: String,
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceDoc {
    /// The article's key or url (or, for an article already stored, its slug).
    pub article: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// The figure as the article writes it, instead of the three stated_ fields.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stated: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stated_amount: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stated_currency: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stated_qualifier: Option<String>,
}

/// How many records of one kind were inserted, updated, left as they were,
/// merged into an earlier record of the same file (CSV rows of one deal), or
/// rejected (only with skipping).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub inserted: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub rejected: u64,
    pub merged: u64,
    /// Seeded records left as someone changed them (only `deals seed` keeps).
    #[serde(skip_serializing_if = "is_zero")]
    pub kept: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

impl Counts {
    pub fn add(&mut self, outcome: Outcome) {
        *match outcome {
            Outcome::Inserted => &mut self.inserted,
            Outcome::Updated => &mut self.updated,
            Outcome::Unchanged => &mut self.unchanged,
            Outcome::Kept => &mut self.kept,
        } += 1;
    }

    /// Both counts added up.
    pub fn plus(self, other: Counts) -> Counts {
        Counts {
            inserted: self.inserted + other.inserted,
            updated: self.updated + other.updated,
            unchanged: self.unchanged + other.unchanged,
            rejected: self.rejected + other.rejected,
            merged: self.merged + other.merged,
            kept: self.kept + other.kept,
        }
    }
}

/// What an import did, per kind of record.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub companies: Counts,
    pub articles: Counts,
    pub deals: Counts,
}

impl Summary {
    /// True when the import changed nothing.
    pub fn unchanged(&self) -> bool {
        [self.companies, self.articles, self.deals]
            .iter()
            .all(|c| c.inserted == 0 && c.updated == 0)
    }

    /// The three kinds added up.
    pub fn total(&self) -> Counts {
        self.companies.plus(self.articles).plus(self.deals)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_fields_are_refused() {
        let text =
            r#"{"format": "deals/1", "deals": [{"title": "T", "kind": "other", "valeu": 3}]}"#;
        let err = serde_json::from_str::<Document>(text).unwrap_err();
        assert!(err.to_string().contains("valeu"), "{err}");
    }

    #[test]
    fn absent_optional_fields_are_not_written() {
        let doc = Document {
            format: FORMAT.into(),
            deals: vec![DealDoc {
                title: "T".into(),
                kind: "other".into(),
                ..Default::default()
            }],
            ..Default::default()
        };
        let text = serde_json::to_string(&doc).unwrap();
        assert_eq!(
            text,
            r#"{"format":"deals/1","companies":[],"articles":[],"deals":[{"title":"T","kind":"other"}]}"#
        );
        assert_eq!(serde_json::from_str::<Document>(&text).unwrap(), doc);
    }
}
