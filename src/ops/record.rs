//! One reader for a deal, however it was written: command flags, a JSON record of
//! a document, or a CSV row each fill a [`DealRecord`], and one [`Resolver`] turns
//! it into the [`DealInput`] the database stores. The steps every way in shares
//! live here once: companies found (or created) by name, articles found by key or
//! URL (or recorded from a URL), quotes checked against the article text, and a
//! value read from `value` or `value_amount`.

use std::collections::{HashMap, HashSet};

use crate::db::Conn;

use crate::db::articles::{self, ArticleInput};
use crate::db::companies::{self, CompanyInput};
use crate::db::{SlugTable, free_slug};
use crate::error::{Error, Result, one_line};
use crate::model::clean::name_key;
use crate::model::{DealInput, Event, Figure, Money, PartialDate, SourceInput, Term};

/// A deal as someone wrote it: values parsed, nothing looked up yet. `None`
/// or empty: the writer left the field out.
#[derive(Debug, Clone, Default)]
pub struct DealRecord {
    /// The key: given or derived by the way in; `None` makes a free slug from
    /// the title.
    pub slug: Option<String>,
    pub title: String,
    /// True when the title was made from the parties, not written.
    pub generated_title: bool,
    pub kind: Option<String>,
    pub status: Option<String>,
    pub announced: Option<PartialDate>,
    pub value: Option<Money>,
    pub term: Option<Term>,
    pub starts: Option<PartialDate>,
    pub notes: Option<String>,
    /// (company name or alias, role), roles already checked, in the order given.
    pub parties: Vec<(String, String)>,
    pub tags: Vec<String>,
    pub events: Vec<Event>,
    pub sources: Vec<SourceRecord>,
}

/// A deal's link to an article, as written.
#[derive(Debug, Clone, Default)]
pub struct SourceRecord {
    /// The article: a key of the document being read, a slug, an id or a URL.
    pub article: String,
    /// The sentence that supports the deal; empty for none.
    pub quote: String,
    pub stated: Option<Figure>,
}

/// The part of a record a resolver could not accept, by position, so that each
/// way in names it in its own terms (`parties[1]`, `--party 'X:y'`, a column).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Party(usize),
    SourceArticle(usize),
    SourceQuote(usize),
}

/// What a resolver does with a company nobody has recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewCompanies {
    /// Refuse it, suggesting the closest known names.
    Refuse,
    /// Insert it, known by its name only.
    Create,
    /// Give it a placeholder id (negative) and keep its name for
    /// [`Resolver::take_waiting`]: bulk writers insert many at once
    /// ([`insert_named`], [`fill_placeholders`]).
    Defer,
}

/// What a resolver does with an article nobody has recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewArticles {
    /// Refuse it: sources name stored articles, or those of the document.
    Refuse,
    /// Record an http(s) URL as an article known by its URL only.
    FromUrl,
}

/// Turns [`DealRecord`]s into [`DealInput`]s against one database, counting the
/// companies and articles it creates.
pub struct Resolver<'c> {
    conn: &'c Conn,
    pub companies: NewCompanies,
    articles: NewArticles,
    /// Articles of the document being read, by key and URL.
    keys: HashMap<String, i64>,
    /// Stored articles found so far, by the text that named them: an import
    /// deletes no article, so they stay found.
    stored: HashMap<String, i64>,
    /// Stored companies found so far by name, by [`name_key`]: an import
    /// deletes and renames no company, so they stay found. On a server this
    /// saves a round trip a party.
    found: HashMap<String, i64>,
    /// The name keys of the companies, and the URLs of the articles, that this
    /// resolver inserted: never remembered as found, since the savepoint of
    /// the record that inserted them may still roll them back.
    made: HashSet<String>,
    /// Names of the companies waiting for [`Resolver::take_waiting`]; the
    /// placeholder of the i-th is -(i + 1).
    waiting: Vec<String>,
    waiting_keys: HashMap<String, usize>,
    /// Whether a company may also be named by its slug or id (command flags).
    any_key: bool,
    /// Companies and articles created so far.
    pub created_companies: u64,
    pub created_articles: u64,
}

impl<'c> Resolver<'c> {
    pub fn new(conn: &'c Conn, companies: NewCompanies, articles: NewArticles) -> Self {
        Resolver {
            conn,
            companies,
            articles,
            keys: HashMap::new(),
            stored: HashMap::new(),
            found: HashMap::new(),
            made: HashSet::new(),
            waiting: Vec::new(),
            waiting_keys: HashMap::new(),
            any_key: false,
            created_companies: 0,
            created_articles: 0,
        }
    }

    /// A resolver for command flags: companies are also found by slug or id.
    pub fn for_flags(conn: &'c Conn, companies: NewCompanies) -> Self {
        Resolver {
            any_key: true,
            ..Resolver::new(conn, companies, NewArticles::FromUrl)
        }
    }

    /// Where the resolver stands: [`Resolver::rewind`] goes back to it when the
    /// record read since is rolled back.
    pub fn mark(&self) -> (usize, u64, u64) {
        (
            self.waiting.len(),
            self.created_companies,
            self.created_articles,
        )
    }

    /// Forgets the companies that began waiting, and the counts taken, since `mark`.
    pub fn rewind(&mut self, mark: (usize, u64, u64)) {
        let (waiting, companies, articles) = mark;
        for name in self.waiting.drain(waiting..) {
            self.waiting_keys.remove(&name_key(&name));
        }
        self.created_companies = companies;
        self.created_articles = articles;
    }

    /// Makes `key` name article `id` for the sources of the records that follow.
    pub fn know_article(&mut self, key: &str, id: i64) {
        self.keys.insert(key.trim().to_string(), id);
    }

    /// The record as the database stores it. Errors about the record carry the
    /// part they concern; database errors come out with no part.
    pub fn resolve(
        &mut self,
        record: &DealRecord,
    ) -> std::result::Result<DealInput, (Option<Part>, Error)> {
        let kind = record.kind.clone().ok_or_else(|| {
            (
                None,
                Error::invalid("kind: empty: expected a deal kind such as acquisition"),
            )
        })?;
        let slug = match &record.slug {
            Some(slug) => slug.clone(),
            None => free_slug(self.conn, SlugTable::Deals, &record.title, None)
                .map_err(|e| (None, e))?,
        };
        let parties = self.parties(record).map_err(|(p, e)| (Some(p), e))?;
        let sources = self.sources(record).map_err(|(p, e)| (Some(p), e))?;
        let mut input = DealInput {
            slug,
            title: record.title.clone(),
            kind,
            status: record
                .status
                .clone()
                .unwrap_or_else(|| "announced".to_string()),
            announced: record.announced,
            value: record.value,
            term: record.term,
            starts: record.starts,
            notes: record.notes.clone(),
            parties,
            tags: record.tags.clone(),
            events: record.events.clone(),
            sources,
        };
        input.normalize();
        Ok(input)
    }

    /// The record's parties as (company id, role).
    pub fn parties(
        &mut self,
        record: &DealRecord,
    ) -> std::result::Result<Vec<(i64, String)>, (Part, Error)> {
        let mut parties = Vec::with_capacity(record.parties.len());
        for (i, (name, role)) in record.parties.iter().enumerate() {
            let id = self.company(name).map_err(|e| (Part::Party(i), e))?;
            parties.push((id, role.clone()));
        }
        Ok(parties)
    }

    /// The record's sources, their articles found and their quotes checked.
    pub fn sources(
        &mut self,
        record: &DealRecord,
    ) -> std::result::Result<Vec<SourceInput>, (Part, Error)> {
        let mut sources = Vec::with_capacity(record.sources.len());
        for (i, source) in record.sources.iter().enumerate() {
            let article_id = self
                .article(&source.article)
                .map_err(|e| (Part::SourceArticle(i), e))?;
            let label = format!("'{}'", one_line(&source.article));
            check_quote(self.conn, article_id, &source.quote, &label)
                .map_err(|e| (Part::SourceQuote(i), e))?;
            sources.push(SourceInput {
                article_id,
                quote: source.quote.clone(),
                stated: source.stated,
            });
        }
        Ok(sources)
    }

    /// The id of the company with this name or alias (any case); a new one is
    /// created, deferred or refused as the resolver was told.
    pub fn company(&mut self, name: &str) -> Result<i64> {
        let name = name.trim();
        if name.is_empty() {
            return Err(Error::invalid("a party needs a company name"));
        }
        // The key is made once a name: a bulk import asks this for every party.
        let key = name_key(name);
        if let Some(&index) = self.waiting_keys.get(&key) {
            return Ok(placeholder(index));
        }
        if let Some(&id) = self.found.get(&key) {
            return Ok(id);
        }
        // People at the command line name companies by slug or id too; files
        // name them by name or alias only.
        let found = if self.any_key {
            companies::resolve(self.conn, name)?.map(|c| c.id)
        } else {
            companies::by_key(self.conn, name, &key)?.map(|c| c.id)
        };
        if let Some(id) = found {
            if !self.made.contains(&key) {
                self.found.insert(key, id);
            }
            return Ok(id);
        }
        let id = match self.companies {
            NewCompanies::Refuse => return Err(companies::unknown(self.conn, name, "", true)?),
            NewCompanies::Create => {
                let id = companies::insert(self.conn, &named(name))?;
                self.made.insert(key);
                id
            }
            NewCompanies::Defer => {
                let index = self.waiting.len();
                self.waiting_keys.insert(key, index);
                self.waiting.push(name.to_string());
                placeholder(index)
            }
        };
        self.created_companies += 1;
        Ok(id)
    }

    /// The placeholder of a waiting new company with this name (see
    /// [`name_key`]: any case, any Unicode composition).
    pub fn waiting_company(&self, name: &str) -> Option<i64> {
        if self.waiting.is_empty() {
            return None;
        }
        self.waiting_keys
            .get(&name_key(name))
            .map(|&i| placeholder(i))
    }

    /// The names of the companies waiting to be inserted, in placeholder order;
    /// the resolver forgets them.
    pub fn take_waiting(&mut self) -> Vec<String> {
        self.waiting_keys.clear();
        std::mem::take(&mut self.waiting)
    }

    /// The id of the article a source names: a key of the document, a stored
    /// article's slug, URL or id, or (when allowed) a new article recorded from
    /// an http(s) URL.
    pub fn article(&mut self, text: &str) -> Result<i64> {
        if let Some(&id) = self.keys.get(text.trim()) {
            return Ok(id);
        }
        if let Some(&id) = self.stored.get(text) {
            return Ok(id);
        }
        if let Some((id, _)) = articles::resolve(self.conn, text)? {
            if !self.made.contains(text.trim()) {
                self.stored.insert(text.to_string(), id);
            }
            return Ok(id);
        }
        let url = text.trim();
        let is_url = url.starts_with("https://") || url.starts_with("http://");
        if self.articles == NewArticles::Refuse || !is_url || url.contains(char::is_whitespace) {
            return Err(Error::UnknownArticle {
                text: url.to_string(),
                url_allowed: self.articles == NewArticles::FromUrl,
            });
        }
        let words = url.split_once("://").map_or(url, |(_, rest)| rest);
        let words = words.strip_prefix("www.").unwrap_or(words);
        let id = articles::insert(
            self.conn,
            &ArticleInput {
                slug: free_slug(self.conn, SlugTable::Articles, words, None)?,
                url: Some(url.to_string()),
                title: url.to_string(),
                ..Default::default()
            },
        )?;
        self.made.insert(url.to_string());
        self.created_articles += 1;
        Ok(id)
    }
}

/// Refuses a quote that does not occur in the text of article `article_id`
/// (called `label` in the message, as it is), white space aside. An empty quote, or an
/// article whose text is not stored, passes.
pub fn check_quote(conn: &Conn, article_id: i64, quote: &str, label: &str) -> Result<()> {
    if quote.is_empty() {
        return Ok(());
    }
    let body = articles::load_input(conn, article_id)?.body;
    if body.is_empty() || articles::body_contains(&body, quote) {
        return Ok(());
    }
    Err(Error::invalid(format!(
        "'{}' does not occur in article {label}",
        one_line(quote)
    )))
}

/// A company known only by its name.
fn named(name: &str) -> CompanyInput {
    CompanyInput {
        name: name.to_string(),
        kind: "company".into(),
        ..Default::default()
    }
}

/// Inserts companies known only by their names, with one statement; their ids.
pub fn insert_named(conn: &Conn, names: &[String]) -> Result<Vec<i64>> {
    let inputs: Vec<CompanyInput> = names.iter().map(|name| named(name)).collect();
    companies::insert_many(conn, &inputs)
}

/// Gives a deal's parties with placeholder ids the ids `ids` holds for them.
pub fn fill_placeholders(deal: &mut DealInput, ids: &[i64]) -> Result<()> {
    for (company, _) in &mut deal.parties {
        if *company < 0 {
            *company = ids
                .get(index(*company))
                .copied()
                .ok_or_else(|| Error::invalid("internal: a party names no waiting company"))?;
        }
    }
    deal.normalize();
    Ok(())
}

/// The position of a placeholder id among the waiting names.
pub fn waiting_index(placeholder: i64) -> Option<usize> {
    (placeholder < 0).then(|| index(placeholder))
}

fn placeholder(index: usize) -> i64 {
    -1 - i64::try_from(index).unwrap_or(i64::MAX - 1)
}

fn index(placeholder: i64) -> usize {
    usize::try_from(-1 - placeholder).unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;

    #[test]
    fn companies_are_found_created_deferred_or_refused_as_told() {
        let db = Db::open_in_memory().unwrap();
        let conn = db.conn();
        let mut create = Resolver::new(conn, NewCompanies::Create, NewArticles::Refuse);
        let id = create.company("Acme").unwrap();
        assert_eq!(create.company("ACME").unwrap(), id, "any case finds it");
        assert_eq!(create.created_companies, 1);
        let mut refuse = Resolver::new(conn, NewCompanies::Refuse, NewArticles::Refuse);
        match refuse.company("Acmee").unwrap_err() {
            Error::UnknownCompany {
                name, suggestions, ..
            } => {
                assert_eq!(name, "Acmee");
                assert_eq!(suggestions, vec!["Acme".to_string()]);
            }
            other => panic!("{other:?}"),
        }
        let mut defer = Resolver::new(conn, NewCompanies::Defer, NewArticles::Refuse);
        let first = defer.company("Beta").unwrap();
        assert!(first < 0);
        assert_eq!(defer.company("beta").unwrap(), first);
        assert_eq!(defer.company("Acme").unwrap(), id);
        let mut deal = DealInput {
            slug: "d".into(),
            title: "D".into(),
            kind: "other".into(),
            status: "announced".into(),
            announced: None,
            value: None,
            term: None,
            starts: None,
            notes: None,
            parties: vec![(first, "partner".into())],
            tags: vec![],
            events: vec![],
            sources: vec![],
        };
        let ids = insert_named(conn, &defer.take_waiting()).unwrap();
        fill_placeholders(&mut deal, &ids).unwrap();
        let beta = companies::by_name(conn, "Beta").unwrap().unwrap().id;
        assert_eq!(deal.parties, vec![(beta, "partner".to_string())]);
    }

    #[test]
    fn what_a_rolled_back_record_inserted_is_never_remembered_as_found() {
        let db = Db::open_in_memory().unwrap();
        let conn = db.conn();
        let mut create = Resolver::new(conn, NewCompanies::Create, NewArticles::FromUrl);
        conn.execute_batch("SAVEPOINT record").unwrap();
        let zeta = create.company("Zeta Labs").unwrap();
        assert_eq!(create.company("Zeta Labs").unwrap(), zeta);
        let article = create.article("https://example.com/z").unwrap();
        assert_eq!(create.article("https://example.com/z").unwrap(), article);
        conn.execute_batch("ROLLBACK TO record; RELEASE record")
            .unwrap();
        // The ids are free again, and the next rows may take them.
        let other = create.company("Other Co").unwrap();
        assert_ne!(create.company("Zeta Labs").unwrap(), other);
        let next = create.article("https://example.com/other").unwrap();
        assert_ne!(create.article("https://example.com/z").unwrap(), next);
    }

    #[test]
    fn rewinding_forgets_waiting_companies_whatever_their_letters() {
        let db = Db::open_in_memory().unwrap();
        let mut defer = Resolver::new(db.conn(), NewCompanies::Defer, NewArticles::Refuse);
        let mark = defer.mark();
        defer.company("ÉCOLE Corp").unwrap();
        defer.rewind(mark);
        let other = defer.company("Other Co").unwrap();
        assert_ne!(defer.company("école corp").unwrap(), other);
        assert_eq!(defer.take_waiting(), vec!["Other Co", "école corp"]);
    }

    #[test]
    fn sources_name_known_articles_or_urls_and_quotes_must_occur() {
        let db = Db::open_in_memory().unwrap();
        let conn = db.conn();
        let mut refuse = Resolver::new(conn, NewCompanies::Create, NewArticles::Refuse);
        let err = refuse.article("https://example.com/a").unwrap_err();
        assert_eq!(
            err.to_string(),
            "no article 'https://example.com/a' in the document or the database"
        );
        let mut from_url = Resolver::new(conn, NewCompanies::Create, NewArticles::FromUrl);
        let id = from_url.article("https://example.com/a").unwrap();
        assert_eq!(from_url.article("https://example.com/a").unwrap(), id);
        assert_eq!(from_url.created_articles, 1);
        assert!(from_url.article("not a url").is_err());
        let body = ArticleInput {
            slug: "b".into(),
            title: "B".into(),
            body: "Un accordo da 38 miliardi.  Altro.".into(),
            ..Default::default()
        };
        let b = articles::insert(conn, &body).unwrap();
        check_quote(conn, b, "accordo da 38\nmiliardi.", "'b'").unwrap();
        let err = check_quote(conn, b, "39 miliardi", "'b'").unwrap_err();
        assert_eq!(
            err.to_string(),
            "'39 miliardi' does not occur in article 'b'"
        );
        check_quote(conn, id, "anything", "a").unwrap();
    }
}
