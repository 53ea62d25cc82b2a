//! A figure as a record of an input file writes it: in one field as people write
//! it (`value`: `2,5 miliardi di euro`), or in three (`value_amount`,
//! `value_currency`, `value_qualifier`). JSON records and CSV rows read deal
//! values and the figures sources state through these rules.

use super::{Currency, Figure, Money, Qualifier};

/// An amount as a record gives it: text to parse (`9000000`, `9,000,000`) or
/// whole units.
#[derive(Debug, Clone, Copy)]
pub enum Amount<'a> {
    Text(&'a str),
    Units(i64),
}

/// A field-level error of a figure: the field's name and what was wrong.
pub type FieldError = (String, String);

/// A figure from the four fields a record may write it in, named after
/// `field` (`value`, `value_amount`, `value_currency`, `value_qualifier`; or
/// `stated`, ...): the text as people write it, or the amount in whole units;
/// the currency (checked against one the text names) and the qualifier (which
/// overrides one the text implies). Both text and amount is an error; a
/// currency or qualifier without either is no figure.
pub fn read_figure(
    field: &str,
    text: Option<&str>,
    amount: Option<Amount<'_>>,
    currency: Option<&str>,
    qualifier: Option<&str>,
) -> std::result::Result<Option<Figure>, FieldError> {
    let named = |suffix: &str| format!("{field}{suffix}");
    let currency = currency
        .map(|c| {
            c.parse::<Currency>()
                .map_err(|e| (named("_currency"), e.to_string()))
        })
        .transpose()?;
    let qualifier = qualifier
        .map(|q| {
            q.parse::<Qualifier>()
                .map_err(|e| (named("_qualifier"), e.to_string()))
        })
        .transpose()?;
    let parse = |name: String, text: &str| Figure::parse(text).map_err(|e| (name, e.to_string()));
    let (name, mut figure, written) = match (text, amount) {
        (Some(_), Some(_)) => {
            let message = format!("give {field} or {field}_amount, not both");
            return Err((named("_amount"), message));
        }
        (Some(text), None) => (named(""), parse(named(""), text)?, text.to_string()),
        (None, Some(Amount::Text(text))) => {
            let name = named("_amount");
            (name.clone(), parse(name, text)?, text.to_string())
        }
        (None, Some(Amount::Units(units))) if units < 0 => {
            let message = "negative amounts are not allowed".to_string();
            return Err((named("_amount"), message));
        }
        (None, Some(Amount::Units(units))) => {
            let figure = Figure {
                amount: units,
                currency: None,
                qualifier: Qualifier::Exact,
            };
            (named("_amount"), figure, units.to_string())
        }
        (None, None) => return Ok(None),
    };
    if let (Some(said), Some(given)) = (figure.currency, currency)
        && said != given
    {
        let message = format!("'{written}' is in {said} but {field}_currency says {given}");
        return Err((name, message));
    }
    figure.currency = figure.currency.or(currency);
    figure.qualifier = qualifier.unwrap_or(figure.qualifier);
    Ok(Some(figure))
}

/// A deal's value from the fields of [`read_figure`] named `value`: US dollars
/// when the text names no currency; an amount with no currency is an error.
pub fn deal_value(
    text: Option<&str>,
    amount: Option<Amount<'_>>,
    currency: Option<&str>,
    qualifier: Option<&str>,
) -> std::result::Result<Option<Money>, FieldError> {
    let Some(figure) = read_figure("value", text, amount, currency, qualifier)? else {
        return Ok(None);
    };
    let field = if text.is_some() {
        "value"
    } else {
        "value_amount"
    };
    let currency = match (figure.currency, text) {
        (Some(c), _) => c,
        (None, Some(_)) => Currency::USD,
        (None, None) => {
            let message = format!(
                "empty, but the amount '{}' needs one: expected an ISO 4217 code such as USD",
                figure.amount
            );
            return Err(("value_currency".to_string(), message));
        }
    };
    Money::new(figure.amount, currency, figure.qualifier)
        .map(Some)
        .map_err(|e| (field.to_string(), e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_comes_from_one_field_and_names_the_field_it_fails_in() {
        let money = deal_value(Some("2,5 miliardi di euro"), None, None, None)
            .unwrap()
            .unwrap();
        assert_eq!(
            (money.amount, money.currency),
            (2_500_000_000, Currency::EUR)
        );
        let money = deal_value(None, Some(Amount::Units(9)), Some("JPY"), Some("up-to"))
            .unwrap()
            .unwrap();
        assert_eq!(money.qualifier, Qualifier::UpTo);
        assert_eq!(money.currency, Currency::JPY);
        let (field, message) =
            deal_value(Some("1B"), Some(Amount::Text("1")), None, None).unwrap_err();
        assert_eq!(field, "value_amount");
        assert_eq!(message, "give value or value_amount, not both");
        let (field, message) = deal_value(None, Some(Amount::Text("12")), None, None).unwrap_err();
        assert_eq!(field, "value_currency");
        assert!(
            message.starts_with("empty, but the amount '12' needs one"),
            "{message}"
        );
        let (field, _) = deal_value(Some("€3B"), None, Some("USD"), None).unwrap_err();
        assert_eq!(field, "value");
        let (field, message) =
            read_figure("stated", None, Some(Amount::Units(-1)), None, None).unwrap_err();
        assert_eq!(field, "stated_amount");
        assert_eq!(message, "negative amounts are not allowed");
        let stated = read_figure("stated", Some("circa 1,4 miliardi"), None, None, None)
            .unwrap()
            .unwrap();
        assert_eq!(
            (stated.currency, stated.qualifier),
            (None, Qualifier::Approx)
        );
        assert_eq!(
            deal_value(None, None, Some("USD"), Some("approx")),
            Ok(None)
        );
    }
}
