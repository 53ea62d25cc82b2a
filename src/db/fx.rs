//! Exchange rates: units of a currency per US dollar, from a day on.

use rusqlite::params;

use crate::db::Conn;

use crate::error::Result;
use crate::model::Currency;

/// One recorded rate; its JSON form has these keys.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Rate {
    pub currency: String,
    pub effective_on: String,
    pub per_usd: f64,
}

/// Records a rate, replacing one of the same currency and day; true if it was new.
pub fn set(conn: &Conn, currency: Currency, on: &str, per_usd: f64) -> Result<bool> {
    let replaced = conn.execute(
        "DELETE FROM fx_rates WHERE currency = ?1 AND effective_on = ?2",
        params![currency.as_str(), on],
    )?;
    conn.execute(
        "INSERT INTO fx_rates (currency, effective_on, per_usd) VALUES (?1, ?2, ?3)",
        params![currency.as_str(), on, per_usd],
    )?;
    Ok(replaced == 0)
}

/// Every rate, or one currency's, by currency and day.
pub fn list(conn: &Conn, currency: Option<Currency>) -> Result<Vec<Rate>> {
    let rows = conn
        .prepare_cached(
            "SELECT currency, effective_on, per_usd FROM fx_rates
             WHERE ?1 IS NULL OR currency = ?1 ORDER BY currency, effective_on",
        )?
        .query_map([currency.map(|c| c.as_str().to_string())], |r| {
            Ok(Rate {
                currency: r.get(0)?,
                effective_on: r.get(1)?,
                per_usd: r.get(2)?,
            })
        })?;
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;

    #[test]
    fn a_rate_for_the_same_day_replaces_the_old_one() {
        let db = Db::open_in_memory().unwrap();
        let c = db.conn();
        assert!(set(c, Currency::EUR, "2025-01-01", 0.92).unwrap());
        assert!(!set(c, Currency::EUR, "2025-01-01", 0.95).unwrap());
        set(c, Currency::GBP, "2025-01-01", 0.8).unwrap();
        let rates = list(c, Some(Currency::EUR)).unwrap();
        assert_eq!(rates.len(), 1);
        assert_eq!(rates[0].per_usd, 0.95);
        assert_eq!(list(c, None).unwrap().len(), 2);
    }
}
