//! Reading values that span or need checking across columns.

use crate::db::Row;
use crate::error::{Error, Result};
use crate::model::{Currency, Figure, Money, Qualifier};

/// A value read from the database that does not parse, as a rusqlite error.
pub(crate) fn conversion(
    column: usize,
    e: impl std::error::Error + Send + Sync + 'static,
) -> Error {
    Error::Sqlite(rusqlite::Error::FromSqlConversionFailure(
        column,
        rusqlite::types::Type::Text,
        Box::new(e),
    ))
}

/// A value kept in three columns (amount, currency, qualifier) from `at`.
pub(crate) fn money_columns(r: &Row<'_>, at: usize) -> Result<Option<Money>> {
    let currency: Option<Currency> = r.get(at + 1)?;
    match (r.get::<_, Option<i64>>(at)?, currency) {
        (Some(amount), Some(currency)) => Money::new(amount, currency, qualifier(r, at + 2)?)
            .map(Some)
            .map_err(|e| conversion(at, e)),
        _ => Ok(None),
    }
}

/// A figure as an article states it, in three columns (amount, currency,
/// qualifier) from `at`; `None` when there is no amount.
pub(crate) fn figure_columns(r: &Row<'_>, at: usize) -> Result<Option<Figure>> {
    Ok(match r.get::<_, Option<i64>>(at)? {
        Some(amount) => Some(Figure {
            amount,
            currency: r.get(at + 1)?,
            qualifier: qualifier(r, at + 2)?,
        }),
        None => None,
    })
}

fn qualifier(r: &Row<'_>, at: usize) -> Result<Qualifier> {
    Ok(r.get::<_, Option<Qualifier>>(at)?.unwrap_or_default())
}

/// A date kept in two columns, the first day at `at` and the precision at `at + 1`.
pub(crate) fn date_columns(r: &Row<'_>, at: usize) -> Result<Option<crate::model::PartialDate>> {
    let start: Option<String> = r.get(at)?;
    let precision: Option<String> = r.get(at + 1)?;
    match (start, precision) {
        (Some(start), Some(precision)) => crate::model::PartialDate::from_parts(&start, &precision)
            .map(Some)
            .map_err(|e| conversion(at, e)),
        _ => Ok(None),
    }
}

/// Like `date_columns`, for columns that are never NULL.
pub(crate) fn required_date(r: &Row<'_>, at: usize) -> Result<crate::model::PartialDate> {
    date_columns(r, at)?.ok_or_else(|| {
        Error::Sqlite(rusqlite::Error::InvalidColumnType(
            at,
            "date".into(),
            rusqlite::types::Type::Null,
        ))
    })
}
