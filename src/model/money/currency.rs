//! ISO 4217 currencies.

use std::str::FromStr;

use crate::model::ParseError;

/// Active ISO 4217 alphabetic codes, sorted (for binary search). The testing
/// code XTS and "no currency" XXX are left out on purpose.
pub(super) const ISO_4217_CODES: &[&str] = &[
    "AED", "AFN", "ALL", "AMD", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BGN",
    "BHD", "BIF", "BMD", "BND", "BOB", "BOV", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD",
    "CDF", "CHE", "CHF", "CHW", "CLF", "CLP", "CNY", "COP", "COU", "CRC", "CUP", "CVE", "CZK",
    "DJF", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS",
    "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IQD",
    "IRR", "ISK", "JMD", "JOD", "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD",
    "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT",
    "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MXV", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK",
    "NPR", "NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD",
    "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD", "SSP",
    "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS",
    "UAH", "UGX", "USD", "USN", "UYI", "UYU", "UYW", "UZS", "VED", "VES", "VND", "VUV", "WST",
    "XAF", "XAG", "XAU", "XBA", "XBB", "XBC", "XBD", "XCD", "XCG", "XDR", "XOF", "XPD", "XPF",
    "XPT", "XSU", "XUA", "YER", "ZAR", "ZMW", "ZWG",
];

/// An ISO 4217 currency, always one of the active codes in upper case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency(&'static str);

impl Currency {
    /// United States dollar.
    pub const USD: Currency = Currency("USD");
    /// Euro.
    pub const EUR: Currency = Currency("EUR");
    /// Pound sterling.
    pub const GBP: Currency = Currency("GBP");
    /// Japanese yen.
    pub const JPY: Currency = Currency("JPY");
    /// Chinese yuan renminbi.
    pub const CNY: Currency = Currency("CNY");
    /// Swiss franc.
    pub const CHF: Currency = Currency("CHF");
    /// Indian rupee.
    pub const INR: Currency = Currency("INR");

    /// The three-letter code, e.g. "USD".
    pub fn as_str(&self) -> &str {
        self.0
    }

    /// The symbol written before amounts, for the few currencies that have
    /// an unambiguous one.
    pub fn symbol(&self) -> Option<&'static str> {
        match self.0 {
            "USD" => Some("$"),
            "EUR" => Some("€"),
            "GBP" => Some("£"),
            "JPY" => Some("¥"),
            "INR" => Some("₹"),
            _ => None,
        }
    }

    /// Looks up a code (any case) in the active ISO 4217 list.
    pub(super) fn from_code(code: &str) -> Option<Currency> {
        let upper = code.to_ascii_uppercase();
        ISO_4217_CODES
            .binary_search(&upper.as_str())
            .ok()
            .map(|index| Currency(ISO_4217_CODES[index]))
    }
}

pub(super) fn unknown_currency(code: &str) -> String {
    format!("unknown currency '{code}' (expected an ISO 4217 code such as USD, EUR, GBP, JPY)")
}

impl FromStr for Currency {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let code = s.trim();
        Currency::from_code(code).ok_or_else(|| ParseError::new(unknown_currency(code)))
    }
}
