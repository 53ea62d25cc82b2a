//! Which CSV column feeds which deal field: our own column names, `--map
//! FIELD=COLUMN` for anyone else's, and `--set FIELD=VALUE` for constants.

use std::str::FromStr;

use strum::IntoEnumIterator;

use super::ParseError;

/// A deal field a CSV column can fill; the own fields in the order `deals export`
/// writes their columns, each named as its column.
#[derive(Debug, Clone, PartialEq, Eq, Hash, strum::Display, strum::EnumIter)]
#[strum(serialize_all = "snake_case")]
pub enum Field {
    Slug,
    Title,
    Kind,
    Status,
    AnnouncedOn,
    Value,
    ValueAmount,
    ValueCurrency,
    ValueQualifier,
    TermMonths,
    StartsOn,
    /// `OpenAI:customer; AWS:provider`
    Parties,
    /// `a; b`
    Tags,
    SourceUrl,
    Notes,
    /// One company in this role: `party:acquirer`.
    #[strum(to_string = "party:{0}")]
    Party(String),
}

/// The column a rejects file adds, which the importer ignores.
pub const REJECT_REASON: &str = "reject_reason";

impl Field {
    pub fn name(&self) -> String {
        self.to_string()
    }

    /// The fields with a column of our own, in the order `deals export` writes them.
    pub fn own() -> impl Iterator<Item = Field> {
        Field::iter().filter(|f| !matches!(f, Field::Party(_)))
    }

    /// The names of our own columns: "slug, title, ...".
    pub fn own_names() -> String {
        Field::own()
            .map(|f| f.name())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The place of the field in export order; parties after every own field.
    fn position(&self) -> usize {
        let variant = std::mem::discriminant(self);
        Field::iter()
            .position(|f| std::mem::discriminant(&f) == variant)
            .unwrap_or(usize::MAX)
    }

    /// Whether the value is one line (names, codes) rather than free text.
    pub fn is_one_line(&self) -> bool {
        !matches!(self, Field::Notes)
    }
}

impl FromStr for Field {
    type Err = ParseError;

    /// A field name (any case); `party:ROLE` keeps ROLE for the caller to check.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let name = text.trim().to_lowercase();
        if let Some(role) = name.strip_prefix("party:") {
            let role = role.trim();
            if role.is_empty() {
                return Err(ParseError::new("party: needs a role, e.g. party:acquirer"));
            }
            return Ok(Field::Party(role.to_string()));
        }
        Field::own().find(|f| f.name() == name).ok_or_else(|| {
            ParseError::new(format!(
                "unknown field '{}'; expected one of: {}, party:ROLE",
                text.trim(),
                Field::own_names()
            ))
        })
    }
}

/// Splits `FIELD=TEXT` (a --map or --set argument).
pub fn parse_assignment(text: &str) -> Result<(Field, String), ParseError> {
    let (field, value) = text
        .split_once('=')
        .ok_or_else(|| ParseError::new(format!("'{text}': expected FIELD=VALUE")))?;
    Ok((field.parse()?, value.to_string()))
}

/// Where each field of a row comes from, resolved against a file's header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// (field, column index, column name as in the header), in field order.
    pub columns: Vec<(Field, usize, String)>,
    /// (field, value) from --set.
    pub constants: Vec<(Field, String)>,
}

impl Plan {
    /// Whether a column or a constant gives `field`.
    pub fn has(&self, field: &Field) -> bool {
        self.columns.iter().any(|(f, _, _)| f == field)
            || self.constants.iter().any(|(f, _)| f == field)
    }

    /// Whether any column or constant names a party.
    pub fn has_parties(&self) -> bool {
        let party = |f: &Field| matches!(f, Field::Parties | Field::Party(_));
        self.columns.iter().any(|(f, _, _)| party(f))
            || self.constants.iter().any(|(f, _)| party(f))
    }
}

/// Resolves the mapping against `header`. Without `maps`, columns are read by
/// their names (any case, trimmed) and an unknown column is an error; with
/// `maps`, only the mapped columns are read. The error is a message for a usage
/// error: it names the column or field and lists the valid ones.
pub fn plan(
    header: &[String],
    maps: &[(Field, String)],
    sets: &[(Field, String)],
) -> Result<Plan, String> {
    let key = |s: &str| s.trim().to_lowercase();
    let mut columns = Vec::new();
    if maps.is_empty() {
        for (i, name) in header.iter().enumerate() {
            let wanted = key(name);
            if wanted == REJECT_REASON || (wanted.is_empty() && header.len() > 1) {
                continue;
            }
            let field = Field::own()
                .find(|f| f.name() == wanted)
                .ok_or_else(|| {
                    format!(
                        "unknown column '{}'; our columns are {} (map other columns with --map FIELD=COLUMN)",
                        name.trim(),
                        Field::own_names()
                    )
                })?;
            columns.push((field, i, name.clone()));
        }
    } else {
        for (field, column) in maps {
            let exact = header.iter().position(|h| h == column);
            let index = exact
                .or_else(|| header.iter().position(|h| key(h) == key(column)))
                .ok_or_else(|| {
                    format!(
                        "--map {field}={column}: no column '{column}' in the file; its columns are {}",
                        header.join(", ")
                    )
                })?;
            columns.push((field.clone(), index, header[index].clone()));
        }
    }
    for (field, _) in sets {
        if let Some((_, _, column)) = columns.iter().find(|(f, _, _)| f == field) {
            return Err(format!(
                "--set {field}: the field also comes from column '{column}'; give one or the other"
            ));
        }
    }
    for (i, (field, _, column)) in columns.iter().enumerate() {
        let repeated =
            !matches!(field, Field::Party(_)) && columns[..i].iter().any(|(f, _, _)| f == field);
        if repeated {
            return Err(format!(
                "{field} comes from two columns (the second is '{column}')"
            ));
        }
    }
    columns.sort_by_key(|(f, i, _)| (f.position(), *i));
    Ok(Plan {
        columns,
        constants: sets.to_vec(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn fields_parse_by_name_and_party_role() {
        assert_eq!("Announced_On".parse::<Field>().unwrap(), Field::AnnouncedOn);
        assert_eq!(
            "party:Acquirer".parse::<Field>().unwrap(),
            Field::Party("acquirer".into())
        );
        let err = "anounced".parse::<Field>().unwrap_err().to_string();
        assert!(
            err.starts_with("unknown field 'anounced'; expected one of: slug, title"),
            "{err}"
        );
        assert!(err.ends_with("notes, party:ROLE"), "{err}");
        assert!(parse_assignment("kind").is_err());
        assert_eq!(
            parse_assignment("kind=acquisition").unwrap(),
            (Field::Kind, "acquisition".into())
        );
    }

    #[test]
    fn our_columns_map_themselves_in_any_order() {
        let plan = plan(&header(&["Title ", "slug", "reject_reason"]), &[], &[]).unwrap();
        assert_eq!(
            plan.columns,
            vec![
                (Field::Slug, 1, "slug".into()),
                (Field::Title, 0, "Title ".into())
            ]
        );
        let err = super::plan(&header(&["title", "price"]), &[], &[]).unwrap_err();
        assert!(
            err.starts_with("unknown column 'price'; our columns are slug, title"),
            "{err}"
        );
    }

    #[test]
    fn maps_name_columns_and_unknown_columns_list_the_file() {
        let maps = vec![
            (Field::Party("target".into()), "company_name".into()),
            (Field::Party("acquirer".into()), "acquirer_name".into()),
            (Field::AnnouncedOn, "acquired_at".into()),
        ];
        let sets = vec![(Field::Kind, "acquisition".into())];
        let head = header(&["company_name", "acquirer_name", "acquired_at", "other"]);
        let plan = plan(&head, &maps, &sets).unwrap();
        assert_eq!(plan.columns.len(), 3);
        assert!(plan.has(&Field::Kind) && plan.has_parties() && !plan.has(&Field::Title));
        let bad = vec![(Field::Title, "name".into())];
        let err = super::plan(&head, &bad, &[]).unwrap_err();
        assert_eq!(
            err,
            "--map title=name: no column 'name' in the file; its columns are company_name, acquirer_name, acquired_at, other"
        );
        let clash = vec![(Field::AnnouncedOn, "x".into())];
        assert!(super::plan(&head, &maps, &clash).is_err());
    }
}
