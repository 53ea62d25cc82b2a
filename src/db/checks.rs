//! The queries behind `deals check`: each picks out, over whole tables, only the
//! records a data-quality rule has to judge, and hands them over one by one, so
//! that memory does not grow with the number of deals.

use rusqlite::params;

use crate::db::Conn;

use crate::db::{date_columns, figure_columns, money_columns};
use crate::error::Result;
use crate::model::checks::Candidate;
use crate::model::{Currency, Figure, Money, PartialDate};

/// Every stated figure of a deal that has a value: (deal slug, value, article
/// slug, stated figure), by deal slug, then article and link.
pub fn stated_figures(
    conn: &Conn,
    mut each: impl FnMut(&str, &Money, &str, &Figure) -> Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT d.slug, d.value_amount, d.value_currency, d.value_qualifier, a.slug,
                s.stated_amount, s.stated_currency, s.stated_qualifier
         FROM deal_sources s
         JOIN deals d ON d.id = s.deal_id
         JOIN articles a ON a.id = s.article_id
         WHERE s.stated_amount IS NOT NULL AND d.value_amount IS NOT NULL
         ORDER BY d.slug, s.article_id, s.id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(ref r) = rows.next()? {
        let (Some(value), Some(stated)) = (money_columns(r, 1)?, figure_columns(r, 5)?) else {
            continue;
        };
        each(&r.text(0)?, &value, &r.text(4)?, &stated)?;
    }
    Ok(())
}

/// The slugs of deals that no article supports, in order.
pub fn unsourced(conn: &Conn, mut each: impl FnMut(&str) -> Result<()>) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT d.slug FROM deals d
         WHERE NOT EXISTS (SELECT 1 FROM deal_sources s WHERE s.deal_id = d.id)
         ORDER BY d.slug",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(ref r) = rows.next()? {
        each(&r.text(0)?)?;
    }
    Ok(())
}

/// The slugs of deals of `kind` where no party holds any of `roles`, in order.
pub fn lacking_roles(
    conn: &Conn,
    kind: &str,
    roles: &[&str],
    mut each: impl FnMut(&str) -> Result<()>,
) -> Result<()> {
    let roles = serde_json::to_string(roles)?;
    let mut stmt = conn.prepare_cached(
        "SELECT d.slug FROM deals d
         WHERE d.kind = ?1
           AND NOT EXISTS (SELECT 1 FROM deal_parties p
                           WHERE p.deal_id = d.id AND p.role IN (SELECT value FROM json_each(?2)))
         ORDER BY d.slug",
    )?;
    let mut rows = stmt.query(params![kind, roles])?;
    while let Some(ref r) = rows.next()? {
        each(&r.text(0)?)?;
    }
    Ok(())
}

/// Companies that hold more than one role in a deal: (deal slug, company name,
/// the roles), by deal slug and company name.
pub fn several_roles(
    conn: &Conn,
    mut each: impl FnMut(&str, &str, &[&str]) -> Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT d.slug, c.name, g.roles
         FROM (SELECT deal_id, company_id, group_concat(role, ',' ORDER BY role) AS roles
               FROM deal_parties GROUP BY deal_id, company_id HAVING count(*) > 1) g
         JOIN deals d ON d.id = g.deal_id
         JOIN companies c ON c.id = g.company_id
         ORDER BY d.slug, c.name",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(ref r) = rows.next()? {
        let roles = r.text(2)?;
        let roles: Vec<&str> = roles.split(',').collect();
        each(&r.text(0)?, &r.text(1)?, &roles)?;
    }
    Ok(())
}

/// Deals announced before `earliest` or on or after `too_late` (both
/// `YYYY-MM-DD`), or worth less than `smallest`: (slug, announced, value).
pub fn out_of_range(
    conn: &Conn,
    earliest: &str,
    too_late: &str,
    smallest: i64,
    mut each: impl FnMut(&str, Option<PartialDate>, Option<Money>) -> Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT slug, announced_on, announced_precision, value_amount, value_currency,
                value_qualifier
         FROM deals
         WHERE announced_on < ?1 OR announced_on >= ?2 OR value_amount < ?3",
    )?;
    let mut rows = stmt.query(params![earliest, too_late, smallest])?;
    while let Some(ref r) = rows.next()? {
        each(&r.text(0)?, date_columns(r, 1)?, money_columns(r, 3)?)?;
    }
    Ok(())
}

/// Groups of two or more deals of one kind whose parties are the same
/// companies in the same roles, one group at a time.
pub fn alike_deals(
    conn: &Conn,
    mut each: impl FnMut(&mut Vec<Candidate>) -> Result<()>,
) -> Result<()> {
    // Each deal's parties as one sorted key, "company:role;company:role"; the
    // window counts the deals of each (kind, key) so that only groups leave.
    let mut stmt = conn.prepare_cached(
        "WITH shaped AS (
             SELECT d.id, d.kind, p.parties,
                    count(*) OVER (PARTITION BY d.kind, p.parties) AS alike
             FROM (SELECT deal_id,
                          group_concat(company_id || ':' || role, ';' ORDER BY company_id, role)
                              AS parties
                   FROM deal_parties GROUP BY deal_id) p
             JOIN deals d ON d.id = p.deal_id
         )
         SELECT s.kind, s.parties, d.slug, d.announced_on, d.announced_precision,
                d.value_amount, d.value_currency, d.value_qualifier
         FROM shaped s JOIN deals d ON d.id = s.id
         WHERE s.alike > 1
         ORDER BY s.kind, s.parties",
    )?;
    let mut rows = stmt.query([])?;
    let mut shape: (String, String) = Default::default();
    let mut group: Vec<Candidate> = Vec::new();
    while let Some(ref r) = rows.next()? {
        let (kind, parties) = (r.text(0)?, r.text(1)?);
        if (kind.as_ref(), parties.as_ref()) != (shape.0.as_str(), shape.1.as_str()) {
            if !group.is_empty() {
                each(&mut group)?;
                group.clear();
            }
            shape = (kind.to_string(), parties.to_string());
        }
        group.push(Candidate {
            slug: r.get(2)?,
            announced: date_columns(r, 3)?,
            value: money_columns(r, 5)?,
        });
    }
    if !group.is_empty() {
        each(&mut group)?;
    }
    Ok(())
}

/// (amount, currency) of every deal value and every stated figure, each once,
/// sorted by amount.
pub fn known_figures(conn: &Conn) -> Result<Vec<(i64, Option<Currency>)>> {
    let mut figures: Vec<(i64, Option<Currency>)> = conn
        .prepare_cached(
            "SELECT value_amount, value_currency FROM deals WHERE value_amount IS NOT NULL
             UNION
             SELECT stated_amount, stated_currency FROM deal_sources
             WHERE stated_amount IS NOT NULL",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    figures.sort_unstable_by_key(|(amount, _)| *amount);
    figures.shrink_to_fit();
    Ok(figures)
}

/// An article that supports deals, with what `check` reads in it.
pub struct LinkedArticle {
    pub id: i64,
    pub slug: String,
    pub language: Option<String>,
    pub body: String,
}

/// Every article that supports a deal, one at a time, by id.
pub fn linked_articles(
    conn: &Conn,
    mut each: impl FnMut(LinkedArticle) -> Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, a.slug, a.language, a.body FROM articles a
         WHERE a.id IN (SELECT article_id FROM deal_sources)
         ORDER BY a.id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(ref r) = rows.next()? {
        each(LinkedArticle {
            id: r.get(0)?,
            slug: r.get(1)?,
            language: r.get(2)?,
            body: r.get(3)?,
        })?;
    }
    Ok(())
}

/// The links of article `id`: (quote, value of the deal it supports), by deal
/// slug and link.
pub fn article_links(conn: &Conn, id: i64) -> Result<Vec<(String, Option<Money>)>> {
    let mut links = conn.prepare_cached(
        "SELECT s.quote, d.value_amount, d.value_currency, d.value_qualifier
         FROM deal_sources s JOIN deals d ON d.id = s.deal_id
         WHERE s.article_id = ?1
         ORDER BY d.slug, s.id",
    )?;
    let found = links.query_map([id], |l| Ok((l.get(0)?, money_columns(l, 1)?)))?;
    Ok(found)
}

/// (company id, company name, alias) for every name a company is known by.
pub fn all_names(conn: &Conn) -> Result<Vec<(i64, String, String)>> {
    conn
        .prepare_cached(
            "SELECT c.id, c.name, a.alias FROM company_aliases a JOIN companies c ON c.id = a.company_id
             ORDER BY c.name COLLATE NOCASE, a.alias COLLATE NOCASE",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
}
