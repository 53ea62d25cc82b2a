//! The dated events of deals (`deal_events`), one row at a time. Every write is
//! recorded in `changes` by the table's triggers.

use rusqlite::params;

use crate::db::{Conn, OptionalExtension, Row};

use crate::db::required_date;
use crate::error::{Error, Result};
use crate::model::{DealEvent, Event};

const EVENT_COLUMNS: &str = "SELECT e.id, e.deal_id, d.slug, e.occurs_on, e.occurs_precision,
    e.kind, e.note FROM deal_events e JOIN deals d ON d.id = e.deal_id";

fn event_row(r: &Row<'_>) -> Result<DealEvent> {
    Ok(DealEvent {
        id: r.get(0)?,
        deal_id: r.get(1)?,
        deal_slug: r.get(2)?,
        event: Event {
            on: required_date(r, 3)?,
            kind: r.get(5)?,
            note: r.get(6)?,
        },
    })
}

/// Adds `event` to deal `deal`; the new event's id.
pub fn insert(conn: &Conn, deal: i64, event: &Event) -> Result<i64> {
    conn.query_row(
        "INSERT INTO deal_events (deal_id, occurs_on, occurs_precision, kind, note)
         VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
        params![
            deal,
            event.on.start_iso(),
            event.on.precision().as_str(),
            event.kind,
            event.note
        ],
        |r| r.get(0),
    )
}

/// The events of one deal (all deals when None), by deal and date.
pub fn list(conn: &Conn, deal: Option<i64>) -> Result<Vec<DealEvent>> {
    conn.prepare_cached(
        &[
            EVENT_COLUMNS,
            " WHERE ?1 IS NULL OR e.deal_id = ?1 ORDER BY d.slug, e.occurs_on, e.kind, e.id",
        ]
        .concat(),
    )?
    .query_map([deal], event_row)
}

/// Event `id`, or an error saying where to find ids.
pub fn require(conn: &Conn, id: i64) -> Result<DealEvent> {
    conn.prepare_cached(&[EVENT_COLUMNS, " WHERE e.id = ?1"].concat())?
        .query_row([id], event_row)
        .optional()?
        .ok_or_else(|| Error::invalid(format!("no event {id}; `deals event list` shows ids")))
}

/// Writes `event` over event `id`; whether anything changed (an unchanged
/// event is not written, so the history records no empty change).
pub fn update(conn: &Conn, id: i64, event: &Event) -> Result<bool> {
    if require(conn, id)?.event == *event {
        return Ok(false);
    }
    conn.execute(
        "UPDATE deal_events SET occurs_on = ?2, occurs_precision = ?3, kind = ?4, note = ?5
         WHERE id = ?1",
        params![
            id,
            event.on.start_iso(),
            event.on.precision().as_str(),
            event.kind,
            event.note
        ],
    )?;
    Ok(true)
}

/// Deletes event `id`.
pub fn delete(conn: &Conn, id: i64) -> Result<()> {
    conn.execute("DELETE FROM deal_events WHERE id = ?1", [id])?;
    Ok(())
}
