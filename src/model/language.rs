//! The languages whose figures `deals` reads. The language decides the decimal
//! separator ("1,4" is 1.4 in Italian) and what "billion" means (10^9 in
//! English, 10^12 in French, German and Spanish).

use std::str::FromStr;

use strum::{Display, IntoStaticStr, VariantArray};

use super::{ParseError, parse_name};

/// A language of news text, written as its BCP 47 tag. The variants are in the
/// order ties are broken when guessing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, IntoStaticStr, Display, VariantArray)]
pub enum Language {
    #[strum(serialize = "en")]
    English,
    #[strum(serialize = "it")]
    Italian,
    #[strum(serialize = "fr")]
    French,
    #[strum(serialize = "de")]
    German,
    #[strum(serialize = "es")]
    Spanish,
}

impl Language {
    /// True when ',' is the decimal separator and '.' groups thousands.
    pub fn decimal_comma(&self) -> bool {
        *self != Language::English
    }

    /// True when "billion" means 10^12 and "trillion" 10^18 (the long scale).
    pub fn long_scale(&self) -> bool {
        matches!(
            self,
            Language::French | Language::German | Language::Spanish
        )
    }
}

impl FromStr for Language {
    type Err = ParseError;

    /// Reads a BCP 47 tag by its primary subtag: "it", "en-GB", "de_CH", "FR".
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let primary = s.trim().split(['-', '_']).next().unwrap_or_default();
        parse_name(primary, s, |s, names| {
            format!("unsupported language '{s}' (expected {names})")
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use strum::VariantArray;

    #[test]
    fn tags_parse_by_their_primary_subtag() {
        assert_eq!("it".parse::<Language>().unwrap(), Language::Italian);
        assert_eq!(" en-GB ".parse::<Language>().unwrap(), Language::English);
        assert_eq!("de_CH".parse::<Language>().unwrap(), Language::German);
        assert_eq!("FR".parse::<Language>().unwrap(), Language::French);
        assert_eq!("es-419".parse::<Language>().unwrap(), Language::Spanish);
        let err = "pt".parse::<Language>().unwrap_err().0;
        assert_eq!(
            err,
            "unsupported language 'pt' (expected en, it, fr, de or es)"
        );
        assert!("".parse::<Language>().is_err());
        for &language in Language::VARIANTS {
            assert_eq!(language.to_string().parse::<Language>().unwrap(), language);
        }
    }

    #[test]
    fn separators_and_scales_follow_the_language() {
        assert!(!Language::English.decimal_comma());
        assert!(Language::Italian.decimal_comma());
        assert!(!Language::English.long_scale());
        assert!(!Language::Italian.long_scale());
        assert!(Language::French.long_scale());
        assert!(Language::German.long_scale());
        assert!(Language::Spanish.long_scale());
    }
}
