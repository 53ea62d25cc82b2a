//! Writing deals: one at a time (compared with what is stored, so that an
//! unchanged deal is not written) or in batches of new ones.

use rusqlite::types::Value;
use std::collections::HashMap;

use rusqlite::params;

use crate::db::Conn;

use super::{Outcome, load_input};
use crate::error::{Error, Result};
use crate::model::{DealInput, Event, PartialDate, SourceInput};

/// Inserts `input` as a new deal (`id` None) or writes it over deal `id`.
pub fn save(conn: &Conn, id: Option<i64>, input: &DealInput) -> Result<(i64, Outcome)> {
    let Some(id) = id else {
        // A new deal has nothing to clear: its row, then its parties, tags,
        // events and sources, in the order its history lists them.
        let id = insert_rows(conn, std::slice::from_ref(input))?[0];
        insert_parties(conn, parties_of(id, input))?;
        insert_tags(conn, tags_of(id, input))?;
        insert_events(conn, id, &input.events)?;
        insert_sources(conn, input.sources.iter().map(|s| (id, s)))?;
        return Ok((id, Outcome::Inserted));
    };
    let old = load_input(conn, id)?;
    Ok((id, save_over(conn, id, &old, input)?))
}

/// Writes `input` over deal `id`, whose stored state `old` the caller has already
/// loaded; only the parts that differ are written.
pub fn save_over(conn: &Conn, id: i64, old: &DealInput, input: &DealInput) -> Result<Outcome> {
    if old == input {
        return Ok(Outcome::Unchanged);
    }
    update_row(conn, id, input)?;
    if old.parties != input.parties {
        conn.execute("DELETE FROM deal_parties WHERE deal_id = ?1", [id])?;
        insert_parties(conn, parties_of(id, input))?;
    }
    if old.tags != input.tags {
        conn.execute("DELETE FROM deal_tags WHERE deal_id = ?1", [id])?;
        insert_tags(conn, tags_of(id, input))?;
    }
    if old.events != input.events {
        conn.execute("DELETE FROM deal_events WHERE deal_id = ?1", [id])?;
        insert_events(conn, id, &input.events)?;
    }
    if old.sources != input.sources {
        conn.execute("DELETE FROM deal_sources WHERE deal_id = ?1", [id])?;
        insert_sources(conn, input.sources.iter().map(|s| (id, s)))?;
    }
    Ok(Outcome::Updated)
}

/// Inserts new deals with one statement for their rows (and so one flush of the
/// full-text index, instead of one per deal), then their events, sources, parties
/// and tags; returns their ids in order. Bulk imports use it for deals whose slugs
/// are known to be free.
pub fn insert_batch(conn: &Conn, inputs: &[DealInput]) -> Result<Vec<i64>> {
    if inputs.is_empty() {
        return Ok(Vec::new());
    }
    // Statements of a few fixed sizes, so that only four are ever prepared.
    let mut ids: Vec<i64> = Vec::with_capacity(inputs.len());
    let mut rest = inputs;
    while !rest.is_empty() {
        let size = [64, 16, 4, 1]
            .into_iter()
            .find(|&n| n <= rest.len())
            .unwrap_or(1);
        let (chunk, after) = rest.split_at(size);
        ids.extend(insert_rows(conn, chunk)?);
        rest = after;
    }
    // Parties and tags of all the deals with one statement each.
    let mut parties: Vec<(i64, i64, &str)> = Vec::new();
    let mut tags: Vec<(i64, &str)> = Vec::new();
    let mut sources = Vec::new();
    for (&id, input) in ids.iter().zip(inputs) {
        parties.extend(parties_of(id, input));
        tags.extend(tags_of(id, input));
        insert_events(conn, id, &input.events)?;
        sources.extend(input.sources.iter().map(|s| (id, s)));
    }
    insert_sources(conn, sources)?;
    insert_parties(conn, parties)?;
    insert_tags(conn, tags)?;
    Ok(ids)
}

/// A deal's parties as rows of `deal_parties`: (deal id, company id, role).
fn parties_of(id: i64, input: &DealInput) -> impl Iterator<Item = (i64, i64, &str)> {
    input.parties.iter().map(move |(c, r)| (id, *c, r.as_str()))
}

/// A deal's tags as rows of `deal_tags`: (deal id, tag).
fn tags_of(id: i64, input: &DealInput) -> impl Iterator<Item = (i64, &str)> {
    input.tags.iter().map(move |t| (id, t.as_str()))
}

/// Inserts rows of `deal_parties` with one statement.
fn insert_parties<'a>(
    conn: &Conn,
    rows: impl IntoIterator<Item = (i64, i64, &'a str)>,
) -> Result<()> {
    let rows: Vec<_> = rows.into_iter().collect();
    conn.execute(
        "INSERT OR FAIL INTO deal_parties (deal_id, company_id, role)
         SELECT CAST(value ->> 0 AS BIGINT), CAST(value ->> 1 AS BIGINT), value ->> 2
           FROM json_each(?1)",
        [serde_json::to_string(&rows)?],
    )?;
    Ok(())
}

/// Inserts rows of `deal_tags` with one statement.
fn insert_tags<'a>(conn: &Conn, rows: impl IntoIterator<Item = (i64, &'a str)>) -> Result<()> {
    let rows: Vec<_> = rows.into_iter().collect();
    conn.execute(
        "INSERT OR FAIL INTO deal_tags (deal_id, tag)
         SELECT CAST(value ->> 0 AS BIGINT), value ->> 1 FROM json_each(?1)",
        [serde_json::to_string(&rows)?],
    )?;
    Ok(())
}

/// Inserts the rows of new deals with one statement; their ids in order.
fn insert_rows(conn: &Conn, inputs: &[DealInput]) -> Result<Vec<i64>> {
    let mut sql = String::from(
        "INSERT OR FAIL INTO deals (slug, title, kind, status, announced_on, announced_precision,
            value_amount, value_currency, value_qualifier, term_months, starts_on,
            starts_precision, notes) VALUES ",
    );
    for i in 0..inputs.len() {
        sql.push_str(if i == 0 { "" } else { "," });
        sql.push_str("(?,?,?,?,?,?,?,?,?,?,?,?,?)");
    }
    sql.push_str(" RETURNING id, slug");
    let values: Vec<Value> = inputs.iter().flat_map(row_params).collect();
    let ids: HashMap<String, i64> = conn
        .prepare_cached(&sql)?
        .query_map(values, |r| Ok((r.get(1)?, r.get(0)?)))?;
    inputs
        .iter()
        .map(|d| {
            ids.get(&d.slug).copied().ok_or_else(|| {
                Error::invalid(format!("internal: the new deal {} got no id", d.slug))
            })
        })
        .collect()
}

fn row_params(input: &DealInput) -> [Value; 13] {
    let date = |d: &Option<PartialDate>| -> (Value, Value) {
        match d {
            Some(d) => (
                Value::Text(d.start_iso()),
                Value::Text(d.precision().as_str().into()),
            ),
            None => (Value::Null, Value::Null),
        }
    };
    let text = |t: &Option<String>| t.clone().map_or(Value::Null, Value::Text);
    let (announced_on, announced_precision) = date(&input.announced);
    let (starts_on, starts_precision) = date(&input.starts);
    let (amount, currency, qualifier) = match &input.value {
        Some(m) => (
            Value::Integer(m.amount),
            Value::Text(m.currency.as_str().into()),
            Value::Text(m.qualifier.as_str().into()),
        ),
        None => (Value::Null, Value::Null, Value::Null),
    };
    [
        Value::Text(input.slug.clone()),
        Value::Text(input.title.clone()),
        Value::Text(input.kind.clone()),
        Value::Text(input.status.clone()),
        announced_on,
        announced_precision,
        amount,
        currency,
        qualifier,
        input
            .term
            .map_or(Value::Null, |t| Value::Integer(i64::from(t.months()))),
        starts_on,
        starts_precision,
        text(&input.notes),
    ]
}

fn update_row(conn: &Conn, id: i64, input: &DealInput) -> Result<()> {
    let mut values = row_params(input).to_vec();
    values.push(Value::Integer(id));
    conn.execute(
        "UPDATE deals SET slug = ?1, title = ?2, kind = ?3, status = ?4, announced_on = ?5,
            announced_precision = ?6, value_amount = ?7, value_currency = ?8,
            value_qualifier = ?9, term_months = ?10, starts_on = ?11, starts_precision = ?12,
            notes = ?13, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE id = ?14",
        values,
    )?;
    Ok(())
}

fn insert_events(conn: &Conn, id: i64, events: &[Event]) -> Result<()> {
    let mut insert = conn.prepare_cached(
        "INSERT INTO deal_events (deal_id, occurs_on, occurs_precision, kind, note)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for e in events {
        insert.execute(params![
            id,
            e.on.start_iso(),
            e.on.precision().as_str(),
            e.kind,
            e.note
        ])?;
    }
    Ok(())
}

/// Inserts source links with one statement, each `(deal id, link)`, in
/// order; their ids, in that order.
pub fn insert_sources<'a>(
    conn: &Conn,
    sources: impl IntoIterator<Item = (i64, &'a SourceInput)>,
) -> Result<Vec<i64>> {
    let rows: Vec<serde_json::Value> = sources
        .into_iter()
        .map(|(id, s)| {
            let stated = s.stated.as_ref();
            serde_json::json!([
                id,
                s.article_id,
                s.quote,
                stated.map(|f| f.amount),
                stated.and_then(|f| f.currency.map(|c| c.as_str().to_string())),
                stated.map(|f| f.qualifier.as_str())
            ])
        })
        .collect();
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let mut ids = conn
        .prepare_cached(
            "INSERT OR FAIL INTO deal_sources (deal_id, article_id, quote, stated_amount,
                stated_currency, stated_qualifier)
             SELECT CAST(value ->> 0 AS BIGINT), CAST(value ->> 1 AS BIGINT), value ->> 2,
                    CAST(value ->> 3 AS BIGINT), value ->> 4, value ->> 5
               FROM json_each(?1)
             RETURNING id",
        )?
        .query_map::<_, Vec<i64>>([serde_json::Value::Array(rows).to_string()], |r| r.get(0))?;
    // New rows take rising ids, in the order of the array.
    ids.sort_unstable();
    Ok(ids)
}

/// Deletes a deal; its parties, tags, events and source links go with it.
pub fn delete(conn: &Conn, id: i64) -> Result<()> {
    conn.execute("DELETE FROM deals WHERE id = ?1", [id])?;
    Ok(())
}
