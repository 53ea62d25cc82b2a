//! Deals with their parties, tags, events and sources.

use crate::db::{Conn, OptionalExtension, Row};
use rusqlite::params;
use rusqlite::types::Value;

use crate::db::{date_columns, figure_columns, money_columns, required_date};
use crate::error::{Error, Result, one_line};
use crate::model::suggest;
use crate::model::{
    Currency, Deal, DealDetail, DealInput, Event, PartialDate, Party, Source, SourceInput, Term,
};

pub use crate::model::deal::Outcome;
pub use write::{delete, insert_batch, insert_sources, save, save_over};

mod write;

/// Finds a deal by id or slug.
pub fn resolve(conn: &Conn, text: &str) -> Result<Option<(i64, String)>> {
    let text = text.trim();
    conn.query_row(
        "SELECT id, slug FROM deals WHERE slug = lower(?1)
             UNION ALL SELECT id, slug FROM deals WHERE id = ?2 LIMIT 1",
        params![text, text.parse::<i64>().ok()],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()
}

/// Finds a deal by slug only: the key of imports.
pub fn by_slug(conn: &Conn, slug: &str) -> Result<Option<i64>> {
    conn.query_row("SELECT id FROM deals WHERE slug = ?1", [slug], |r| r.get(0))
        .optional()
}

/// Like `resolve`, but an unknown deal is an error that suggests close slugs.
pub fn require(conn: &Conn, text: &str) -> Result<(i64, String)> {
    if let Some(found) = resolve(conn, text)? {
        return Ok(found);
    }
    let slugs = conn
        .prepare_cached("SELECT slug FROM deals")?
        .query_map::<_, Vec<_>>([], |r| r.get::<_, String>(0))?;
    let hint = suggest::hint(&suggest::closest(
        text,
        slugs.iter().map(|s| (s, s.as_str())),
        3,
    ));
    Err(Error::invalid(format!(
        "no deal '{}'{hint}; `deals list` shows ids and slugs",
        one_line(text.trim())
    )))
}

/// The stored state of deal `id`, in the canonical order of `DealInput::normalize`.
pub fn load_input(conn: &Conn, id: i64) -> Result<DealInput> {
    let deal = get(conn, id)?;
    let detail = detail_of(conn, deal)?;
    let deal = detail.deal;
    let mut input = DealInput {
        slug: deal.slug,
        title: deal.title,
        kind: deal.kind,
        status: deal.status,
        announced: deal.announced,
        value: deal.value,
        term: deal.term,
        starts: deal.starts,
        notes: deal.notes,
        parties: deal
            .parties
            .into_iter()
            .map(|p| (p.company_id, p.role))
            .collect(),
        tags: deal.tags,
        events: detail.events,
        sources: detail
            .sources
            .into_iter()
            .map(|s| SourceInput {
                article_id: s.article_id,
                quote: s.quote,
                stated: s.stated,
            })
            .collect(),
    };
    input.normalize();
    Ok(input)
}

/// Which deals `list` returns, and in which order.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Deals where any of these companies holds a role (all deals when empty).
    pub companies: Vec<i64>,
    /// Deals where this company holds a role (with `companies`: as another party).
    pub counterparty: Option<i64>,
    /// Any of these kinds (all when empty).
    pub kinds: Vec<String>,
    /// Any of these statuses (all when empty).
    pub statuses: Vec<String>,
    /// Any of these tags (all when empty).
    pub tags: Vec<String>,
    /// Announced on or after the first day of this date's period.
    pub since: Option<PartialDate>,
    /// Announced on or before the last day of this date's period.
    pub until: Option<PartialDate>,
    /// At least this amount in this currency.
    pub min_value: Option<(i64, Currency)>,
    pub order: Order,
    pub limit: Option<u32>,
}

pub use crate::model::deal::DealOrder as Order;

const DEAL_COLUMNS: &str = "SELECT d.id, d.slug, d.title, d.kind, d.status, d.announced_on,
    d.announced_precision, d.value_amount, d.value_currency, d.value_qualifier, d.term_months,
    d.starts_on, d.starts_precision, d.notes, d.created_at, d.updated_at FROM deals d";

/// Newest first, undated last: SQLite puts NULL last in a descending order, so
/// the index on `announced_on`, read backwards, gives this order without a sort.
const BY_DATE: &str = " ORDER BY d.announced_on DESC, d.id DESC";

impl Filter {
    /// The WHERE clause (empty, or starting with " WHERE ") over `deals d`, and
    /// its bound values. The clause text comes from a fixed list; values are bound.
    pub fn where_clause(&self) -> (String, Vec<Value>) {
        let mut sql = String::new();
        let mut values: Vec<Value> = Vec::new();
        let mut bind = |clause: &'static str, bound: &[Value]| {
            sql.push_str(if sql.is_empty() { " WHERE " } else { " AND " });
            sql.push_str(clause);
            values.extend_from_slice(bound);
        };
        let ids = |items: &[i64]| Value::Text(serde_json::Value::from(items.to_vec()).to_string());
        if !self.companies.is_empty() {
            bind(
                "d.id IN (SELECT deal_id FROM deal_parties WHERE company_id IN (SELECT value FROM json_each(?)))",
                &[ids(&self.companies)],
            );
        }
        if let Some(other) = self.counterparty {
            bind(
                "d.id IN (SELECT deal_id FROM deal_parties WHERE company_id = ? AND company_id NOT IN (SELECT value FROM json_each(?)))",
                &[Value::Integer(other), ids(&self.companies)],
            );
        }
        let list =
            |items: &[String]| Value::Text(serde_json::Value::from(items.to_vec()).to_string());
        if !self.kinds.is_empty() {
            bind(
                "d.kind IN (SELECT value FROM json_each(?))",
                &[list(&self.kinds)],
            );
        }
        if !self.statuses.is_empty() {
            bind(
                "d.status IN (SELECT value FROM json_each(?))",
                &[list(&self.statuses)],
            );
        }
        if !self.tags.is_empty() {
            bind(
                "d.id IN (SELECT deal_id FROM deal_tags WHERE tag IN (SELECT value FROM json_each(?)))",
                &[list(&self.tags)],
            );
        }
        if let Some(since) = self.since {
            bind(
                "d.announced_on >= ?",
                &[Value::Text(since.start().to_string())],
            );
        }
        if let Some(until) = self.until {
            bind(
                "d.announced_on <= ?",
                &[Value::Text(until.end().to_string())],
            );
        }
        if let Some((amount, currency)) = self.min_value {
            bind(
                "d.value_currency = ? AND d.value_amount >= ?",
                &[
                    Value::Text(currency.as_str().into()),
                    Value::Integer(amount),
                ],
            );
        }
        (sql, values)
    }
}

/// The deals that pass `filter`, with their parties and tags.
pub fn list(conn: &Conn, filter: &Filter) -> Result<Vec<Deal>> {
    let mut deals = Vec::new();
    each(conn, filter, &mut |deal| {
        deals.push(deal);
        Ok(())
    })?;
    Ok(deals)
}

/// How many deals get their parties and tags in one query while streaming.
const CHUNK: usize = 1000;

/// Hands each deal of `filter`, in its order, with its parties and tags, to
/// `each` as the rows are read: memory holds a chunk of deals, never the
/// whole result.
pub fn each(conn: &Conn, filter: &Filter, each: &mut dyn FnMut(Deal) -> Result<()>) -> Result<()> {
    let (clause, mut values) = filter.where_clause();
    let mut sql = String::from(DEAL_COLUMNS);
    sql.push_str(&clause);
    sql.push_str(match filter.order {
        Order::Date => BY_DATE,
        Order::Value => {
            " ORDER BY d.value_amount IS NULL, d.value_amount DESC, d.value_currency, d.id"
        }
        Order::Title => " ORDER BY d.title COLLATE NOCASE, d.id",
    });
    sql.push_str(" LIMIT ?");
    values.push(Value::Integer(filter.limit.map_or(-1, i64::from)));
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(values)?;
    let mut chunk: Vec<Deal> = Vec::with_capacity(CHUNK);
    let mut emit = |chunk: &mut Vec<Deal>| -> Result<()> {
        attach_parties_and_tags(conn, chunk)?;
        chunk.drain(..).try_for_each(&mut *each)
    };
    while let Some(ref row) = rows.next()? {
        chunk.push(deal_row(row)?);
        if chunk.len() == CHUNK {
            emit(&mut chunk)?;
        }
    }
    emit(&mut chunk)
}

/// One deal with its parties and tags.
pub fn get(conn: &Conn, id: i64) -> Result<Deal> {
    let mut deal = conn
        .prepare_cached(&[DEAL_COLUMNS, " WHERE d.id = ?1"].concat())?
        .query_row([id], deal_row)?;
    attach_parties_and_tags(conn, std::slice::from_mut(&mut deal))?;
    Ok(deal)
}

/// One deal with its events and sources.
pub fn detail(conn: &Conn, id: i64) -> Result<DealDetail> {
    detail_of(conn, get(conn, id)?)
}

fn detail_of(conn: &Conn, deal: Deal) -> Result<DealDetail> {
    let mut details = vec![DealDetail {
        deal,
        events: Vec::new(),
        sources: Vec::new(),
    }];
    attach_events_and_sources(conn, &mut details)?;
    Ok(details.remove(0))
}

/// Every deal with its parties, tags, events and sources, by slug: a few
/// queries over whole tables, none per deal. Only the test oracle of `check`
/// loads everything.
#[cfg(test)]
pub fn all_details(conn: &Conn) -> Result<Vec<DealDetail>> {
    let mut deals: Vec<Deal> = conn
        .prepare_cached(&[DEAL_COLUMNS, " ORDER BY d.slug"].concat())?
        .query_map([], deal_row)?;
    attach_parties_and_tags(conn, &mut deals)?;
    let mut details: Vec<DealDetail> = deals
        .into_iter()
        .map(|deal| DealDetail {
            deal,
            events: Vec::new(),
            sources: Vec::new(),
        })
        .collect();
    attach_events_and_sources(conn, &mut details)?;
    Ok(details)
}

/// Fills the events and sources of `details`, with one query each.
fn attach_events_and_sources(conn: &Conn, details: &mut [DealDetail]) -> Result<()> {
    let ids: Vec<i64> = details.iter().map(|d| d.deal.id).collect();
    by_deal(
        conn,
        "SELECT deal_id, occurs_on, occurs_precision, kind, note FROM deal_events
         WHERE deal_id IN (SELECT value FROM json_each(?1))
         ORDER BY deal_id, occurs_on, kind, id",
        &ids,
        |i, r| {
            details[i].events.push(Event {
                on: required_date(r, 1)?,
                kind: r.get(3)?,
                note: r.get(4)?,
            });
            Ok(())
        },
    )?;
    by_deal(
        conn,
        "SELECT s.deal_id, s.article_id, a.slug, a.title, s.quote, s.stated_amount,
                s.stated_currency, s.stated_qualifier
         FROM deal_sources s JOIN articles a ON a.id = s.article_id
         WHERE s.deal_id IN (SELECT value FROM json_each(?1))
         ORDER BY s.deal_id, s.article_id, s.id",
        &ids,
        |i, r| {
            details[i].sources.push(Source {
                article_id: r.get(1)?,
                article_slug: r.get(2)?,
                article_title: r.get(3)?,
                quote: r.get(4)?,
                stated: figure_columns(r, 5)?,
            });
            Ok(())
        },
    )
}

fn deal_row(r: &Row<'_>) -> Result<Deal> {
    Ok(Deal {
        id: r.get(0)?,
        slug: r.get(1)?,
        title: r.get(2)?,
        kind: r.get(3)?,
        status: r.get(4)?,
        announced: date_columns(r, 5)?,
        value: money_columns(r, 7)?,
        term: r.get::<_, Option<Term>>(10)?,
        starts: date_columns(r, 11)?,
        notes: r.get(13)?,
        created_at: r.get(14)?,
        updated_at: r.get(15)?,
        parties: Vec::new(),
        tags: Vec::new(),
    })
}

/// Runs `sql` over the rows of a page of deals: its first column is the
/// deal's id, and `?1` takes `ids` as a JSON array. Each row goes to `add`
/// with its deal's position in `ids`; the rows are read at once, so on
/// PostgreSQL a page costs one round trip, not a cursor.
pub(crate) fn by_deal(
    conn: &Conn,
    sql: &str,
    ids: &[i64],
    mut add: impl FnMut(usize, &Row<'_>) -> Result<()>,
) -> Result<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let position: std::collections::HashMap<i64, usize> =
        ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    conn.prepare_cached(sql)?
        .query_map([serde_json::to_string(ids)?], |r| {
            match position.get(&r.get(0)?) {
                Some(&i) => add(i, r),
                None => Ok(()),
            }
        })
}

/// Fills in parties and tags of `deals` with two queries, whatever their number.
fn attach_parties_and_tags(conn: &Conn, deals: &mut [Deal]) -> Result<()> {
    let ids: Vec<i64> = deals.iter().map(|d| d.id).collect();
    by_deal(
        conn,
        "SELECT p.deal_id, p.company_id, c.name, p.role
         FROM deal_parties p JOIN companies c ON c.id = p.company_id
         WHERE p.deal_id IN (SELECT value FROM json_each(?1))
         ORDER BY p.deal_id, c.name COLLATE NOCASE, p.role",
        &ids,
        |i, r| {
            deals[i].parties.push(Party {
                company_id: r.get(1)?,
                company: r.get(2)?,
                role: r.get(3)?,
            });
            Ok(())
        },
    )?;
    for (deal, tags) in deals.iter_mut().zip(tags(conn, &ids)?) {
        deal.tags = tags;
    }
    Ok(())
}

/// The tags of each of the deals `ids`, in order.
pub(crate) fn tags(conn: &Conn, ids: &[i64]) -> Result<Vec<Vec<String>>> {
    let mut tags = vec![Vec::new(); ids.len()];
    by_deal(
        conn,
        "SELECT deal_id, tag FROM deal_tags WHERE deal_id IN (SELECT value FROM json_each(?1))
         ORDER BY deal_id, tag",
        ids,
        |i, r| {
            tags[i].push(r.get(1)?);
            Ok(())
        },
    )?;
    Ok(tags)
}

#[cfg(test)]
mod tests;
