//! Articles: the full text of what reports a deal, found again by URL, slug or
//! content hash.

use crate::db::{Conn, OptionalExtension, Row};
use crate::model::clean::{strip_line, strip_text};
use rusqlite::params;
use sha2::{Digest, Sha256};

use crate::db::figure_columns;
use crate::error::{Error, Result, one_line};
use crate::model::{Article, Figure, PartialDate, SourceInput};

/// The writable state of an article.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ArticleInput {
    pub slug: String,
    pub url: Option<String>,
    pub title: String,
    pub publisher: Option<String>,
    pub author: Option<String>,
    pub language: Option<String>,
    pub published: Option<PartialDate>,
    pub summary: Option<String>,
    pub body: String,
}

/// The SHA-256 of a body, in hex; None for an empty body.
pub fn content_hash(body: &str) -> Option<String> {
    if body.is_empty() {
        return None;
    }
    let digest = Sha256::digest(body.as_bytes());
    Some(digest.iter().map(|b| format!("{b:02x}")).collect())
}

/// Finds an article by slug, URL or numeric id.
pub fn resolve(conn: &Conn, text: &str) -> Result<Option<(i64, String)>> {
    let text = text.trim();
    conn.query_row(
        "SELECT id, title FROM articles WHERE slug = lower(?1)
             UNION ALL SELECT id, title FROM articles WHERE url = ?1
             UNION ALL SELECT id, title FROM articles WHERE id = ?2 LIMIT 1",
        rusqlite::params![text, text.parse::<i64>().ok()],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()
}

/// Like `resolve`, but an unknown article is an error.
pub fn require(conn: &Conn, text: &str) -> Result<(i64, String)> {
    resolve(conn, text)?.ok_or_else(|| {
        Error::invalid(format!(
            "no article '{}'; `deals article list` shows ids and slugs",
            one_line(text.trim())
        ))
    })
}

/// The stored article that `input` is another copy of: same URL, else same slug,
/// else the same text.
pub fn find_existing(
    conn: &Conn,
    url: Option<&str>,
    slug: Option<&str>,
    body: &str,
) -> Result<Option<i64>> {
    let hash = content_hash(body);
    conn.query_row(
        "SELECT id FROM articles WHERE url = ?1
             UNION ALL SELECT id FROM articles WHERE slug = ?2
             UNION ALL SELECT id FROM articles WHERE content_hash = ?3 LIMIT 1",
        params![url, slug, hash],
        |r| r.get(0),
    )
    .optional()
}

impl ArticleInput {
    /// The article as it is stored: one-line fields stripped with
    /// [`strip_line`], the summary and body with [`strip_text`].
    pub fn stripped(&self) -> ArticleInput {
        let line = |t: &Option<String>| t.as_deref().map(|t| strip_line(t).into_owned());
        ArticleInput {
            slug: strip_line(&self.slug).into_owned(),
            url: self.url.clone(),
            title: strip_line(&self.title).into_owned(),
            publisher: line(&self.publisher),
            author: line(&self.author),
            language: self.language.clone(),
            published: self.published,
            summary: self.summary.as_deref().map(|t| strip_text(t).into_owned()),
            body: strip_text(&self.body).into_owned(),
        }
    }
}

/// Inserts an article, stripped (see [`ArticleInput::stripped`]). The same
/// text stored twice is refused by name.
pub fn insert(conn: &Conn, input: &ArticleInput) -> Result<i64> {
    write(conn, None, &input.stripped())
}

/// Writes `input`, stripped, over article `id`; returns whether anything changed.
pub fn update(conn: &Conn, id: i64, input: &ArticleInput) -> Result<bool> {
    let input = input.stripped();
    if load_input(conn, id)? == input {
        return Ok(false);
    }
    write(conn, Some(id), &input)?;
    Ok(true)
}

/// Inserts (`id` None) or overwrites an article with one statement; its id.
fn write(conn: &Conn, id: Option<i64>, input: &ArticleInput) -> Result<i64> {
    check_unique_text(conn, id, &input.body)?;
    let (on, precision) = date_parts(input.published);
    conn.query_row(
        "INSERT INTO articles (id, slug, url, title, publisher, author, language,
                published_on, published_precision, summary, body, content_hash)
             VALUES (coalesce(?1, (SELECT coalesce(max(id), 0) + 1 FROM articles)),
                     ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
             ON CONFLICT (id) DO UPDATE SET slug = excluded.slug, url = excluded.url,
                title = excluded.title, publisher = excluded.publisher,
                author = excluded.author, language = excluded.language,
                published_on = excluded.published_on,
                published_precision = excluded.published_precision,
                summary = excluded.summary, body = excluded.body,
                content_hash = excluded.content_hash
             RETURNING id",
        params![
            id,
            input.slug,
            input.url,
            input.title,
            input.publisher,
            input.author,
            input.language,
            on,
            precision,
            input.summary,
            input.body,
            content_hash(&input.body)
        ],
        |r| r.get(0),
    )
}

fn check_unique_text(conn: &Conn, own: Option<i64>, body: &str) -> Result<()> {
    let found: Option<(i64, String)> = conn
        .query_row(
            "SELECT id, slug FROM articles WHERE content_hash = ?1",
            [content_hash(body)],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    match found {
        Some((id, slug)) if Some(id) != own => Err(Error::invalid(format!(
            "the same text is already stored as article {id} ({slug})"
        ))),
        _ => Ok(()),
    }
}

fn date_parts(date: Option<PartialDate>) -> (Option<String>, Option<&'static str>) {
    match date {
        Some(d) => (Some(d.start_iso()), Some(d.precision().as_str())),
        None => (None, None),
    }
}

/// The stored state of article `id`.
pub fn load_input(conn: &Conn, id: i64) -> Result<ArticleInput> {
    let a = get(conn, id)?;
    Ok(ArticleInput {
        slug: a.slug,
        url: a.url,
        title: a.title,
        publisher: a.publisher,
        author: a.author,
        language: a.language,
        published: a.published,
        summary: a.summary,
        body: a.body,
    })
}

const ARTICLE_COLUMNS: &str = "SELECT a.id, a.slug, a.url, a.title, a.publisher, a.author,
    a.language, a.published_on, a.published_precision, a.summary, a.body, a.content_hash,
    a.added_at, (SELECT count(*) FROM deal_sources s WHERE s.article_id = a.id)
    FROM articles a";

fn article_row(r: &Row<'_>) -> Result<Article> {
    let published = crate::db::date_columns(r, 7)?;
    Ok(Article {
        id: r.get(0)?,
        slug: r.get(1)?,
        url: r.get(2)?,
        title: r.get(3)?,
        publisher: r.get(4)?,
        author: r.get(5)?,
        language: r.get(6)?,
        published,
        summary: r.get(9)?,
        body: r.get(10)?,
        content_hash: r.get(11)?,
        added_at: r.get(12)?,
        source_count: r.get(13)?,
    })
}

/// One article, with its body.
pub fn get(conn: &Conn, id: i64) -> Result<Article> {
    conn.prepare_cached(&[ARTICLE_COLUMNS, " WHERE a.id = ?1"].concat())?
        .query_row([id], article_row)
}

/// Articles, newest first, optionally only those linked to one deal.
pub fn list(conn: &Conn, deal: Option<i64>, limit: Option<u32>) -> Result<Vec<Article>> {
    let limit = limit.map_or(-1, i64::from);
    conn.prepare_cached(
        &[
            ARTICLE_COLUMNS,
            " WHERE ?1 IS NULL OR a.id IN (SELECT article_id FROM deal_sources WHERE deal_id = ?1)
                  ORDER BY a.published_on IS NULL, a.published_on DESC, a.id DESC LIMIT ?2",
        ]
        .concat(),
    )?
    .query_map(params![deal, limit], article_row)
}

/// The deals an article supports: (slug, title, quote), by deal.
pub fn linked_deals(conn: &Conn, id: i64) -> Result<Vec<(String, String, String)>> {
    conn.prepare_cached(
        "SELECT d.slug, d.title, s.quote FROM deal_sources s JOIN deals d ON d.id = s.deal_id
             WHERE s.article_id = ?1 ORDER BY d.slug, s.id",
    )?
    .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
}

/// The source link of `article` to `deal` with `quote`: its id and the figure it
/// states, if there is one.
pub fn find_source(
    conn: &Conn,
    deal: i64,
    article: i64,
    quote: &str,
) -> Result<Option<(i64, Option<Figure>)>> {
    conn.query_row(
        "SELECT id, stated_amount, stated_currency, stated_qualifier FROM deal_sources
             WHERE deal_id = ?1 AND article_id = ?2 AND quote = ?3",
        params![deal, article, quote],
        |r| Ok((r.get(0)?, figure_columns(r, 1)?)),
    )
    .optional()
}

/// Adds one source link of `source.article_id` to `deal`, leaving the deal's
/// other sources as they are; the new link's id.
pub fn insert_source(conn: &Conn, deal: i64, source: &SourceInput) -> Result<i64> {
    crate::db::deals::insert_sources(conn, [(deal, source)])?
        .first()
        .copied()
        .ok_or_else(|| Error::invalid("internal: the new source link got no id"))
}

/// Sets the figure that source link `id` states.
pub fn set_stated(conn: &Conn, id: i64, stated: &Figure) -> Result<()> {
    conn.execute(
        "UPDATE deal_sources SET stated_amount = ?2, stated_currency = ?3, stated_qualifier = ?4
         WHERE id = ?1",
        params![
            id,
            stated.amount,
            stated.currency.map(|c| c.as_str().to_string()),
            stated.qualifier.as_str()
        ],
    )?;
    Ok(())
}

/// Removes every source link of `article` to `deal`; how many there were.
pub fn unlink(conn: &Conn, article: i64, deal: i64) -> Result<usize> {
    conn.execute(
        "DELETE FROM deal_sources WHERE article_id = ?1 AND deal_id = ?2",
        [article, deal],
    )
}

/// Deletes article `id`; its source links go with it. The history keeps both,
/// body included, for `history::restore_article`.
pub fn delete(conn: &Conn, id: i64) -> Result<()> {
    conn.execute("DELETE FROM articles WHERE id = ?1", [id])?;
    Ok(())
}

/// Whether `quote` occurs in `body`, ignoring differences in white space.
pub fn body_contains(body: &str, quote: &str) -> bool {
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    squash(body).contains(&squash(quote))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;

    fn article(body: &str) -> ArticleInput {
        ArticleInput {
            slug: "a".into(),
            title: "A".into(),
            body: body.into(),
            ..Default::default()
        }
    }

    #[test]
    fn the_same_text_is_not_stored_twice() {
        let db = Db::open_in_memory().unwrap();
        let c = db.conn();
        let id = insert(c, &article("Testo.")).unwrap();
        let mut again = article("Testo.");
        again.slug = "b".into();
        let err = insert(c, &again).unwrap_err().to_string();
        assert_eq!(
            err,
            format!("the same text is already stored as article {id} (a)")
        );
        assert_eq!(find_existing(c, None, None, "Testo.").unwrap(), Some(id));
    }

    #[test]
    fn articles_known_only_by_url_have_no_hash() {
        let db = Db::open_in_memory().unwrap();
        let c = db.conn();
        let mut a = article("");
        a.url = Some("https://example.com/1".into());
        let mut b = article("");
        b.slug = "b".into();
        b.url = Some("https://example.com/2".into());
        insert(c, &a).unwrap();
        let id = insert(c, &b).unwrap();
        assert_eq!(get(c, id).unwrap().content_hash, None);
        assert_eq!(resolve(c, "https://example.com/2").unwrap().unwrap().0, id);
    }

    #[test]
    fn quotes_match_across_line_breaks() {
        assert!(body_contains(
            "Un accordo\n  da 38 miliardi.",
            "accordo da 38"
        ));
        assert!(!body_contains("Un accordo da 38 miliardi.", "39 miliardi"));
    }

    #[test]
    fn hashes_are_sha256_hex() {
        assert_eq!(
            content_hash("abc").unwrap(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(content_hash(""), None);
    }
}
