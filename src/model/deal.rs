//! Records as the program sees them: a deal with its parties, events and sources,
//! a company, an article. Plain data; the database layer fills them in.

use super::{Figure, Money, ParseError, PartialDate, Term};

/// What a save did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Inserted,
    Updated,
    Unchanged,
    /// Left as it is: a seeded record changed by someone since it was seeded.
    Kept,
}

/// How `list` orders deals.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum DealOrder {
    /// Announced date, newest first (undated deals last)
    #[default]
    Date,
    /// Value, largest first (undisclosed last; currencies are not converted)
    Value,
    /// Title, A to Z
    Title,
}

/// How `company list` orders companies.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum CompanyOrder {
    #[default]
    Name,
    /// Most deals first
    Deals,
    /// Largest total value in US dollars first (other currencies are not converted)
    Value,
}

/// A deal as listed: its own fields, parties and tags.
#[derive(Debug, Clone, PartialEq)]
pub struct Deal {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub kind: String,
    pub status: String,
    pub announced: Option<PartialDate>,
    pub value: Option<Money>,
    pub term: Option<Term>,
    pub starts: Option<PartialDate>,
    pub notes: Option<String>,
    pub parties: Vec<Party>,
    pub tags: Vec<String>,
    pub created_at: String,
    pub updated_at: String,
}

#[cfg(test)]
impl Deal {
    /// A test deal: announced on `on`, worth `value` ("$38B"), with
    /// (company id, company, role) parties; kind `other`, status `announced`.
    pub(crate) fn sample(
        id: i64,
        on: &str,
        value: Option<&str>,
        parties: &[(i64, &str, &str)],
    ) -> Deal {
        Deal {
            id,
            slug: format!("d{id}"),
            title: format!("d{id}"),
            kind: "other".into(),
            status: "announced".into(),
            announced: Some(on.parse().unwrap()),
            value: value.map(|v| v.parse().unwrap()),
            term: None,
            starts: None,
            notes: None,
            parties: parties
                .iter()
                .map(|(id, name, role)| Party {
                    company_id: *id,
                    company: name.to_string(),
                    role: role.to_string(),
                })
                .collect(),
            tags: vec![],
            created_at: String::new(),
            updated_at: String::new(),
        }
    }
}

/// A company on one side of a deal, in one role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Party {
    pub company_id: i64,
    pub company: String,
    pub role: String,
}

/// Something that happened to a deal, or is due to happen; ordered by date.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Event {
    pub on: PartialDate,
    pub kind: String,
    pub note: Option<String>,
}

/// A stored event with its id and the deal it belongs to: what `event list` shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DealEvent {
    pub id: i64,
    pub deal_id: i64,
    pub deal_slug: String,
    pub event: Event,
}

/// An article that supports a deal: the sentence and the figure it states.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    pub article_id: i64,
    pub article_slug: String,
    pub article_title: String,
    pub quote: String,
    pub stated: Option<Figure>,
}

/// A deal with everything `show` prints.
#[derive(Debug, Clone, PartialEq)]
pub struct DealDetail {
    pub deal: Deal,
    pub events: Vec<Event>,
    pub sources: Vec<Source>,
}

/// The writable state of a deal: what `add`, `edit` and import produce and the
/// database stores. Parties and sources refer to rows by id.
#[derive(Debug, Clone, PartialEq)]
pub struct DealInput {
    pub slug: String,
    pub title: String,
    pub kind: String,
    pub status: String,
    pub announced: Option<PartialDate>,
    pub value: Option<Money>,
    pub term: Option<Term>,
    pub starts: Option<PartialDate>,
    pub notes: Option<String>,
    /// (company id, role), sorted and without repeats.
    pub parties: Vec<(i64, String)>,
    /// Sorted and without repeats.
    pub tags: Vec<String>,
    /// In date order.
    pub events: Vec<Event>,
    /// Sorted by article and quote.
    pub sources: Vec<SourceInput>,
}

/// A link from a deal to an article.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceInput {
    pub article_id: i64,
    pub quote: String,
    pub stated: Option<Figure>,
}

impl DealInput {
    /// Strips the text fields of what could hurt a terminal (see
    /// [`super::clean::strip_line`] and [`super::clean::strip_text`]) and puts
    /// the collections in their canonical order, so that two inputs with the
    /// same content compare equal whatever order they were written in.
    pub fn normalize(&mut self) {
        use super::clean::{strip_line, strip_text};
        // What could hurt a terminal never reaches the database.
        self.title = strip_line(&self.title).trim().to_string();
        self.slug = strip_line(&self.slug).into_owned();
        if let Some(notes) = &mut self.notes {
            *notes = strip_text(notes).into_owned();
        }
        for tag in &mut self.tags {
            *tag = strip_line(tag).into_owned();
        }
        for event in &mut self.events {
            if let Some(note) = &mut event.note {
                *note = strip_text(note).into_owned();
            }
        }
        for source in &mut self.sources {
            source.quote = strip_line(&source.quote).into_owned();
        }
        self.parties.sort();
        self.parties.dedup();
        for tag in &mut self.tags {
            *tag = normalize_tag(tag);
        }
        self.tags.retain(|t| !t.is_empty());
        self.tags.sort();
        self.tags.dedup();
        self.events.sort();
        self.events.dedup();
        self.sources
            .sort_by(|a, b| (a.article_id, &a.quote).cmp(&(b.article_id, &b.quote)));
        self.sources
            .dedup_by(|a, b| a.article_id == b.article_id && a.quote == b.quote);
    }
}

/// Tags are lower-case, trimmed, with inner runs of spaces made single hyphens.
pub fn normalize_tag(tag: &str) -> String {
    tag.split_whitespace()
        .collect::<Vec<_>>()
        .join("-")
        .to_lowercase()
}

/// A tag as people type it ("AI compute"), normalized; an error when it has no text.
pub fn parse_tag(text: &str) -> Result<String, ParseError> {
    non_empty(
        normalize_tag(&super::clean::strip_line(text)),
        "a tag cannot be empty",
    )
}

/// A title as stored: stripped (see [`super::clean::strip_line`]) and
/// trimmed; an error when nothing is left.
pub fn parse_title(text: &str) -> Result<String, ParseError> {
    let stripped = super::clean::strip_line(text);
    non_empty(stripped.trim().to_string(), "a title cannot be empty")
}

fn non_empty(text: String, error: &str) -> Result<String, ParseError> {
    if text.is_empty() {
        Err(ParseError::new(error))
    } else {
        Ok(text)
    }
}

/// A country as stored: an ISO 3166 alpha-2 code, upper case ("us" is US).
pub fn parse_country(text: &str) -> Result<String, ParseError> {
    let code = text.trim().to_uppercase();
    if code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(code)
    } else {
        Err(ParseError::new(format!(
            "invalid country '{}': expected an ISO 3166 alpha-2 code such as US, JP or AE",
            super::clean::one_line(text)
        )))
    }
}

/// A company with what `company list` and `company show` print; its JSON
/// form has these keys in this order.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Company {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub kind: String,
    pub country: Option<String>,
    pub parent: Option<String>,
    /// Other names, without the company's own name.
    pub aliases: Vec<String>,
    pub website: Option<String>,
    pub description: Option<String>,
    pub deal_count: i64,
    pub created_at: String,
}

/// A stored article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    pub id: i64,
    pub slug: String,
    pub url: Option<String>,
    pub title: String,
    pub publisher: Option<String>,
    pub author: Option<String>,
    pub language: Option<String>,
    pub published: Option<PartialDate>,
    pub summary: Option<String>,
    pub body: String,
    pub content_hash: Option<String>,
    pub added_at: String,
    /// How many deal links the article has.
    pub source_count: i64,
}

/// One recorded change; its JSON form is the contract of `history --format json`:
/// the row's columns before (`old`) and after (`new`), as JSON objects.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Change {
    pub id: i64,
    pub changed_at: String,
    pub table: String,
    pub key: String,
    pub operation: String,
    pub deal_id: Option<i64>,
    pub company_id: Option<i64>,
    pub old: Option<serde_json::Value>,
    pub new: Option<serde_json::Value>,
}

/// One dated entry of the timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub on: PartialDate,
    pub kind: String,
    pub deal_slug: String,
    pub deal_title: String,
    pub note: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> DealInput {
        DealInput {
            slug: "d".into(),
            title: "D".into(),
            kind: "other".into(),
            status: "announced".into(),
            announced: None,
            value: None,
            term: None,
            starts: None,
            notes: None,
            parties: vec![],
            tags: vec![],
            events: vec![],
            sources: vec![],
        }
    }

    #[test]
    fn normalize_makes_order_irrelevant() {
        let mut a = input();
        a.parties = vec![
            (2, "provider".into()),
            (1, "customer".into()),
            (2, "provider".into()),
        ];
        a.tags = vec![
            "GPU".into(),
            " ai  compute ".into(),
            "gpu".into(),
            "  ".into(),
        ];
        let mut b = input();
        b.parties = vec![(1, "customer".into()), (2, "provider".into())];
        b.tags = vec!["ai-compute".into(), "gpu".into()];
        a.normalize();
        b.normalize();
        assert_eq!(a, b);
        assert_eq!(a.tags, vec!["ai-compute", "gpu"]);
    }

    #[test]
    fn sources_with_the_same_article_and_quote_collapse() {
        let mut a = input();
        let s = |id, q: &str| SourceInput {
            article_id: id,
            quote: q.into(),
            stated: None,
        };
        a.sources = vec![s(2, "b"), s(1, "a"), s(2, "b")];
        a.normalize();
        assert_eq!(a.sources, vec![s(1, "a"), s(2, "b")]);
    }
}
