//! The languages whose figures `deals` reads. The language decides the decimal
//! separator ("1,4" is 1.4 in Italian) and what "billion" means (10^9 in
//! English, 10^12 in French, German and Spanish).

use std::fmt;
use std::str::FromStr;

use super::ParseError;

/// A language of news text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Language {
    English,
    Italian,
    French,
    German,
    Spanish,
}

impl Language {
    /// Every language, in the order ties are broken when guessing.
    pub const ALL: [Language; 5] = [
        Language::English,
        Language::Italian,
        Language::French,
        Language::German,
        Language::Spanish,
    ];

    /// The BCP 47 tag: "en", "it", "fr", "de", "es".
    pub fn code(&self) -> &'static str {
        match self {
            Language::English => "en",
            Language::Italian => "it",
            Language::French => "fr",
            Language::German => "de",
            Language::Spanish => "es",
        }
    }

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
        Language::ALL
            .into_iter()
            .find(|language| primary.eq_ignore_ascii_case(language.code()))
            .ok_or_else(|| {
                ParseError::new(format!(
                    "unsupported language '{}' (expected en, it, fr, de or es)",
                    s.trim()
                ))
            })
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        for language in Language::ALL {
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
