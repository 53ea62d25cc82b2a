//! How a CSV row is laid over a stored deal: over a deal of the database it
//! replaces the fields the file has columns for; over a deal an earlier row of
//! the same file gave, it only fills the fields still empty, and a field the two
//! rows set to different values is a [`Conflict`].

use crate::error::one_line;
use crate::model::DealInput;
use crate::model::mapping::{Field, Plan};
use crate::ops::record::DealRecord;

/// A field two rows of one file set to different values: this row's value and
/// the earlier row's, as the message shows them.
pub struct Conflict {
    pub field: &'static str,
    pub here: String,
    pub there: String,
}

/// `deal` with the fields `plan` has columns for taken from `draft`; the
/// others, and the events, keep their stored values.
pub fn overlay(
    plan: &Plan,
    mut deal: DealInput,
    draft: &DealRecord,
    parties: Vec<(i64, String)>,
) -> DealInput {
    let has = |f: Field| plan.has(&f);
    if has(Field::Title) && !draft.generated_title && !draft.title.is_empty() {
        deal.title = draft.title.clone();
    }
    if let Some(kind) = &draft.kind {
        deal.kind = kind.clone();
    }
    if let Some(status) = &draft.status {
        deal.status = status.clone();
    }
    if has(Field::AnnouncedOn) {
        deal.announced = draft.announced;
    }
    if has(Field::Value) || has(Field::ValueAmount) {
        deal.value = draft.value;
    }
    if has(Field::TermMonths) {
        deal.term = draft.term;
    }
    if has(Field::StartsOn) {
        deal.starts = draft.starts;
    }
    if has(Field::Notes) {
        deal.notes = draft.notes.clone();
    }
    if plan.has_parties() {
        deal.parties = parties;
    }
    if has(Field::Tags) {
        deal.tags = draft.tags.clone();
    }
    deal
}

/// `deal`, which an earlier row of the file gave, with the fields it leaves
/// empty filled from `draft`; a field both set to different values is the error.
pub fn fill(
    plan: &Plan,
    mut deal: DealInput,
    draft: &DealRecord,
    mut parties: Vec<(i64, String)>,
) -> Result<DealInput, Conflict> {
    let quoted = |t: &String| format!("'{}'", one_line(t));
    if plan.has(&Field::Title) && !draft.generated_title && !draft.title.is_empty() {
        agree("title", &deal.title, Some(&draft.title), quoted)?;
    }
    agree("kind", &deal.kind, draft.kind.as_ref(), quoted)?;
    agree("status", &deal.status, draft.status.as_ref(), quoted)?;
    let shown = |d: &_| format!("{d}");
    fill_in("announced_on", &mut deal.announced, draft.announced, shown)?;
    let money = |m: &crate::model::Money| format!("{} {} ({})", m.amount, m.currency, m.qualifier);
    fill_in("value", &mut deal.value, draft.value, money)?;
    fill_in("term_months", &mut deal.term, draft.term, |t| {
        t.months().to_string()
    })?;
    fill_in("starts_on", &mut deal.starts, draft.starts, shown)?;
    fill_in("notes", &mut deal.notes, draft.notes.clone(), quoted)?;
    parties.sort();
    parties.dedup();
    let here = draft.parties.iter().map(|(n, r)| format!("{n}:{r}"));
    let here = format!("'{}'", here.collect::<Vec<_>>().join("; "));
    fill_list(
        "parties",
        &mut deal.parties,
        parties,
        || here,
        || "other parties".into(),
    )?;
    let mut tags = draft.tags.clone();
    tags.sort();
    tags.dedup();
    let (here, there) = (
        format!("'{}'", tags.join("; ")),
        format!("'{}'", deal.tags.join("; ")),
    );
    fill_list("tags", &mut deal.tags, tags, || here, || there)?;
    Ok(deal)
}

/// A field every deal has: the row may only repeat it.
fn agree<T: PartialEq>(
    field: &'static str,
    stored: &T,
    given: Option<&T>,
    show: impl Fn(&T) -> String,
) -> Result<(), Conflict> {
    match given {
        Some(new) if new != stored => Err(Conflict {
            field,
            here: show(new),
            there: show(stored),
        }),
        _ => Ok(()),
    }
}

/// An optional field: filled when empty, else the row may only repeat it.
fn fill_in<T: PartialEq>(
    field: &'static str,
    stored: &mut Option<T>,
    given: Option<T>,
    show: impl Fn(&T) -> String,
) -> Result<(), Conflict> {
    match (stored.as_ref(), given) {
        (Some(old), Some(new)) => agree(field, old, Some(&new), show),
        (None, given) => {
            *stored = given;
            Ok(())
        }
        (Some(_), None) => Ok(()),
    }
}

/// A list (parties, tags), sorted: filled when empty, else the row's list, when
/// it gives one, must be the same.
fn fill_list<T: PartialEq>(
    field: &'static str,
    stored: &mut Vec<T>,
    given: Vec<T>,
    here: impl FnOnce() -> String,
    there: impl FnOnce() -> String,
) -> Result<(), Conflict> {
    if stored.is_empty() {
        *stored = given;
    } else if !given.is_empty() && given != *stored {
        return Err(Conflict {
            field,
            here: here(),
            there: there(),
        });
    }
    Ok(())
}
