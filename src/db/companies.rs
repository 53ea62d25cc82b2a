//! Companies and the names they are known by.

use rusqlite::params;

use crate::db::{Conn, OptionalExtension, Row};

use crate::db::{SlugTable, free_slug_besides};
use crate::error::{Error, Result, one_line};
use crate::model::clean::{name_key, strip_line, strip_text};
use crate::model::{Company, suggest};

/// The writable state of a company.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CompanyInput {
    pub name: String,
    pub slug: String,
    pub kind: String,
    pub country: Option<String>,
    pub parent_id: Option<i64>,
    pub website: Option<String>,
    pub description: Option<String>,
}

/// A company found by one of its names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompanyRef {
    pub id: i64,
    pub name: String,
}

/// Finds a company by name or alias (see [`name_key`]: any case, any Unicode
/// composition), slug, or numeric id.
pub fn resolve(conn: &Conn, text: &str) -> Result<Option<CompanyRef>> {
    let text = text.trim();
    let found = conn
        .query_row(
            "SELECT id, name FROM companies
             WHERE id = (SELECT company_id FROM company_aliases
                         WHERE alias_key = ?3 OR (alias_key IS NULL AND alias = ?1) LIMIT 1)
             UNION ALL SELECT id, name FROM companies WHERE slug = lower(?1)
             UNION ALL SELECT id, name FROM companies WHERE id = ?2
             LIMIT 1",
            params![text, text.parse::<i64>().ok(), name_key(text)],
            |r| {
                Ok(CompanyRef {
                    id: r.get(0)?,
                    name: r.get(1)?,
                })
            },
        )
        .optional()?;
    Ok(found)
}

/// Every (alias, company name) pair; a company's own name is one of its
/// aliases. For finding the companies a text names.
pub fn alias_names(conn: &Conn) -> Result<Vec<(String, String)>> {
    conn.prepare_cached(
        "SELECT a.alias, c.name FROM company_aliases a JOIN companies c ON c.id = a.company_id
             ORDER BY c.name, a.alias",
    )?
    .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
}

/// Like `resolve`, but an unknown company is an error that suggests the closest
/// known names. `place` says where the name came from ("--party 'Amazn:provider'").
pub fn require(conn: &Conn, text: &str, place: &str) -> Result<CompanyRef> {
    match resolve(conn, text)? {
        Some(found) => Ok(found),
        None => Err(unknown(conn, text, place, false)?),
    }
}

/// The error for a company nobody has recorded, with did-you-mean suggestions;
/// `can_create` when the command takes --create-companies.
pub fn unknown(conn: &Conn, text: &str, place: &str, can_create: bool) -> Result<Error> {
    Ok(Error::UnknownCompany {
        name: text.trim().to_string(),
        place: place.to_string(),
        suggestions: suggest(conn, text)?,
        can_create,
    })
}

/// Up to three known names closest to `text`, best first.
pub fn suggest(conn: &Conn, text: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.alias, c.name FROM company_aliases a JOIN companies c ON c.id = a.company_id",
    )?;
    let known: Vec<_> = stmt.query_map([], |r| {
        let (alias, name): (String, String) = (r.get(0)?, r.get(1)?);
        let shown = if alias == name {
            name
        } else {
            format!("{alias} ({name})")
        };
        Ok((alias, shown))
    })?;
    Ok(suggest::closest(text, known, 3))
}

/// Checks that `alias` names no other company; `own` is the company that may hold it.
pub fn check_alias_free(conn: &Conn, alias: &str, own: Option<i64>) -> Result<()> {
    if let Some(holder) = by_name(conn, alias)?
        && Some(holder.id) != own
    {
        return Err(Error::invalid(format!(
            "'{}' already names {}",
            one_line(alias),
            holder.name
        )));
    }
    Ok(())
}

/// Finds a company by its name or an alias only (see [`name_key`]): the key
/// of imports. An alias written with plain SQL and not yet given its key is
/// matched by NOCASE.
pub fn by_name(conn: &Conn, alias: &str) -> Result<Option<CompanyRef>> {
    by_key(conn, alias, &name_key(alias))
}

/// [`by_name`] with the name's key already made (`key` is `name_key(alias)`).
pub fn by_key(conn: &Conn, alias: &str, key: &str) -> Result<Option<CompanyRef>> {
    conn.prepare_cached(
        // No join: with one, SQLite plans the statement again on every call.
        // Two lookups, not one with OR: both engines read each by the index
        // on alias_key, where PostgreSQL scanned the table for the OR.
        "SELECT id, name FROM companies
             WHERE id = coalesce(
                 (SELECT company_id FROM company_aliases WHERE alias_key = ?2 LIMIT 1),
                 (SELECT company_id FROM company_aliases
                   WHERE alias_key IS NULL AND alias = ?1 LIMIT 1))",
    )?
    .query_row(params![alias.trim(), key], |r| {
        Ok(CompanyRef {
            id: r.get(0)?,
            name: r.get(1)?,
        })
    })
    .optional()
}

/// Sets the keys of `?1`, a JSON array of [alias, key] pairs.
const FILL_KEYS: &str = "WITH k (alias, alias_key) AS MATERIALIZED
      (SELECT value ->> 0, value ->> 1 FROM json_each(?1))
    UPDATE company_aliases SET alias_key = k.alias_key
      FROM k
     WHERE company_aliases.alias_key IS NULL AND company_aliases.alias = k.alias";

/// Gives every alias without a key its key ([`name_key`]): those that the
/// trigger of a new or renamed company or plain SQL wrote. Returns the pairs
/// of companies whose names now share a key, as "'A' and 'B'", once each:
/// the caseless matching finds them to be one, and nothing merges them.
pub fn fill_keys(conn: &Conn) -> Result<Vec<String>> {
    let missing: Vec<String> = conn
        .prepare_cached("SELECT alias FROM company_aliases WHERE alias_key IS NULL")?
        .query_map([], |r| r.get(0))?;
    if missing.is_empty() {
        return Ok(Vec::new());
    }
    let keys: Vec<String> = missing.iter().map(|alias| name_key(alias)).collect();
    let pairs: Vec<(&String, &String)> = missing.iter().zip(&keys).collect();
    // One statement for all of them: a round trip each would be the most of
    // an import on a server. The pairs are read once (MATERIALIZED), then each
    // alias is found by its index; joined directly, SQLite would read the whole
    // array again for every alias without a key.
    conn.execute(FILL_KEYS, [serde_json::to_string(&pairs)?])?;
    let mut shared = conn.prepare_cached(
        "SELECT a.alias_key, c.name FROM company_aliases a JOIN companies c ON c.id = a.company_id
          WHERE a.alias_key IN (SELECT value FROM json_each(?1))
          GROUP BY a.alias_key, c.id, c.name
          ORDER BY a.alias_key, c.name",
    )?;
    let mut by_key: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    let keys = serde_json::Value::from(keys).to_string();
    let rows: Vec<(String, String)> = shared.query_map([keys], |r| Ok((r.get(0)?, r.get(1)?)))?;
    for (key, name) in rows {
        by_key
            .entry(key)
            .or_default()
            .push(format!("'{}'", one_line(&name)));
    }
    Ok(by_key
        .into_values()
        .filter(|names| names.len() > 1)
        .map(|names| names.join(" and "))
        .collect())
}

impl CompanyInput {
    /// The company as it is stored: the name and website stripped with
    /// [`strip_line`], the description with [`strip_text`].
    pub fn stripped(&self) -> CompanyInput {
        CompanyInput {
            name: strip_line(&self.name).trim().to_string(),
            website: self.website.as_deref().map(|t| strip_line(t).into_owned()),
            description: self
                .description
                .as_deref()
                .map(|t| strip_text(t).into_owned()),
            ..self.clone()
        }
    }
}

/// Inserts a company; its name becomes one of its aliases. An empty `slug` is
/// made from the name. Errors: the name already names a company.
pub fn insert(conn: &Conn, input: &CompanyInput) -> Result<i64> {
    let input = input.stripped();
    check_alias_free(conn, &input.name, None)?;
    let ids = insert_many(conn, std::slice::from_ref(&input))?;
    ids.first()
        .copied()
        .ok_or_else(|| Error::invalid("internal: no company was inserted"))
}

/// Inserts companies with one statement, the one place that adds companies; their
/// ids in order. Each name becomes one of its aliases (by the schema's trigger);
/// an empty `slug` is made from the name, unique among the stored companies and
/// these. The caller has checked that the names are free.
pub fn insert_many(conn: &Conn, inputs: &[CompanyInput]) -> Result<Vec<i64>> {
    if inputs.is_empty() {
        return Ok(Vec::new());
    }
    let mut taken: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut rows = Vec::with_capacity(inputs.len());
    let mut taken_in_order = Vec::with_capacity(inputs.len());
    let inputs: Vec<CompanyInput> = inputs.iter().map(CompanyInput::stripped).collect();
    for input in &inputs {
        let slug = if input.slug.is_empty() {
            free_slug_besides(conn, SlugTable::Companies, &input.name, &taken)?
        } else {
            input.slug.clone()
        };
        taken.insert(slug.clone());
        taken_in_order.push(slug.clone());
        rows.push(serde_json::json!([
            slug,
            input.name,
            input.kind,
            input.country,
            input.parent_id,
            input.website,
            input.description
        ]));
    }
    let sql =
        "INSERT OR FAIL INTO companies (slug, name, kind, country, parent_id, website, description)
         SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, CAST(value ->> 4 AS BIGINT),
                value ->> 5, value ->> 6
           FROM json_each(?1)
         RETURNING id, slug";
    let mut ids: std::collections::HashMap<String, i64> = conn
        .prepare_cached(sql)?
        .query_map([serde_json::Value::Array(rows).to_string()], |r| {
            Ok((r.get(1)?, r.get(0)?))
        })?;
    fill_keys(conn)?;
    taken_in_order
        .iter()
        .map(|slug| {
            ids.remove(slug).ok_or_else(|| {
                Error::invalid(format!("internal: the new company {slug} got no id"))
            })
        })
        .collect()
}

/// Writes `input` over company `id`; returns whether anything changed.
pub fn update(conn: &Conn, id: i64, input: &CompanyInput) -> Result<bool> {
    let input = &input.stripped();
    if load_input(conn, id)? == *input {
        return Ok(false);
    }
    check_alias_free(conn, &input.name, Some(id))?;
    if input.parent_id.is_some() && creates_cycle(conn, id, input.parent_id)? {
        return Err(Error::invalid(format!(
            "{} cannot be its own parent, directly or through its subsidiaries",
            input.name
        )));
    }
    conn.execute(
        "UPDATE companies SET slug = ?2, name = ?3, kind = ?4, country = ?5, parent_id = ?6,
         website = ?7, description = ?8 WHERE id = ?1",
        params![
            id,
            input.slug,
            input.name,
            input.kind,
            input.country,
            input.parent_id,
            input.website,
            input.description
        ],
    )?;
    fill_keys(conn)?;
    Ok(true)
}

fn creates_cycle(conn: &Conn, id: i64, parent: Option<i64>) -> Result<bool> {
    let mut next = parent;
    let mut steps = 0;
    while let Some(current) = next {
        if current == id {
            return Ok(true);
        }
        steps += 1;
        if steps > 1000 {
            return Ok(true);
        }
        next = conn
            .query_row(
                "SELECT parent_id FROM companies WHERE id = ?1",
                [current],
                |r| r.get(0),
            )
            .optional()?
            .flatten();
    }
    Ok(false)
}

/// The stored state of company `id`.
pub fn load_input(conn: &Conn, id: i64) -> Result<CompanyInput> {
    conn.query_row(
        "SELECT name, slug, kind, country, parent_id, website, description
           FROM companies WHERE id = ?1",
        [id],
        |r| {
            Ok(CompanyInput {
                name: r.get(0)?,
                slug: r.get(1)?,
                kind: r.get(2)?,
                country: r.get(3)?,
                parent_id: r.get(4)?,
                website: r.get(5)?,
                description: r.get(6)?,
            })
        },
    )
}

/// Adds an alias; returns false when the company already had it.
pub fn add_alias(conn: &Conn, id: i64, alias: &str) -> Result<bool> {
    let alias = strip_line(alias);
    let alias = alias.trim();
    if alias.is_empty() {
        return Err(Error::usage("an alias cannot be empty"));
    }
    check_alias_free(conn, alias, Some(id))?;
    let added = conn.execute(
        "INSERT OR IGNORE INTO company_aliases (alias, company_id, alias_key)
             SELECT ?1, ?2, ?3
              WHERE NOT EXISTS (SELECT 1 FROM company_aliases WHERE alias_key = ?3)",
        params![alias, id, name_key(alias)],
    )?;
    Ok(added > 0)
}

/// Removes an alias of company `id`. A company's own name cannot be removed.
pub fn remove_alias(conn: &Conn, id: i64, alias: &str) -> Result<()> {
    let company = load_input(conn, id)?;
    if name_key(&company.name) == name_key(alias) {
        return Err(Error::invalid(format!(
            "'{}' is the name of the company; rename it with `deals company edit --name`",
            company.name
        )));
    }
    let removed = conn.execute(
        "DELETE FROM company_aliases
              WHERE (alias_key = ?3 OR (alias_key IS NULL AND alias = ?1)) AND company_id = ?2",
        params![alias.trim(), id, name_key(alias)],
    )?;
    if removed == 0 {
        return Err(Error::invalid(format!(
            "{} has no alias '{}'",
            company.name,
            one_line(alias)
        )));
    }
    Ok(())
}

/// Deletes a company that is party to no deal; its subsidiaries lose their parent.
pub fn delete(conn: &Conn, id: i64) -> Result<()> {
    let deals: Vec<String> = conn
        .prepare_cached(
            "SELECT DISTINCT d.slug FROM deal_parties p JOIN deals d ON d.id = p.deal_id
             WHERE p.company_id = ?1 ORDER BY d.slug",
        )?
        .query_map([id], |r| r.get(0))?;
    if !deals.is_empty() {
        let name = load_input(conn, id)?.name;
        return Err(Error::invalid(format!(
            "{name} is a party to {} deal(s) ({}); remove it from them first",
            deals.len(),
            deals.join(", ")
        )));
    }
    conn.execute("DELETE FROM companies WHERE id = ?1", [id])?;
    Ok(())
}

const COMPANY_COLUMNS: &str =
    "SELECT c.id, c.slug, c.name, c.kind, c.country, p.name, c.website, c.description,
        (SELECT count(DISTINCT deal_id) FROM deal_parties WHERE company_id = c.id),
        c.created_at,
        (SELECT group_concat(alias, char(31)) FROM (SELECT alias FROM company_aliases
           WHERE company_id = c.id AND alias <> c.name ORDER BY alias COLLATE NOCASE) AS aliases)
     FROM companies c LEFT JOIN companies p ON p.id = c.parent_id";

fn company_row(r: &Row<'_>) -> Result<Company> {
    let aliases: Option<String> = r.get(10)?;
    Ok(Company {
        id: r.get(0)?,
        slug: r.get(1)?,
        name: r.get(2)?,
        kind: r.get(3)?,
        country: r.get(4)?,
        parent: r.get(5)?,
        website: r.get(6)?,
        description: r.get(7)?,
        deal_count: r.get(8)?,
        created_at: r.get(9)?,
        aliases: aliases
            .map(|a| a.split('\u{1f}').map(str::to_string).collect())
            .unwrap_or_default(),
    })
}

/// One company with its aliases, parent and deal count.
pub fn get(conn: &Conn, id: i64) -> Result<Company> {
    let sql = format!("{COMPANY_COLUMNS} WHERE c.id = ?1");
    conn.prepare_cached(&sql)?.query_row([id], company_row)
}

pub use crate::model::deal::CompanyOrder as Order;

/// All companies, by name or by number of deals.
pub fn list(conn: &Conn, order: Order, limit: Option<u32>) -> Result<Vec<Company>> {
    let order_by = match order {
        Order::Name => " ORDER BY c.name COLLATE NOCASE",
        Order::Deals => " ORDER BY 9 DESC, c.name COLLATE NOCASE",
        Order::Value => {
            " ORDER BY (SELECT coalesce(sum(d.value_amount), 0) FROM deals d
                WHERE d.value_currency = 'USD'
                  AND d.id IN (SELECT deal_id FROM deal_parties WHERE company_id = c.id)) DESC,
               c.name COLLATE NOCASE"
        }
    };
    let sql = format!("{COMPANY_COLUMNS}{order_by} LIMIT ?1");
    let limit = limit.map_or(-1, i64::from);
    let rows = conn.prepare_cached(&sql)?.query_map([limit], company_row)?;
    Ok(rows)
}

/// Names of the companies whose parent is `id`.
pub fn subsidiaries(conn: &Conn, id: i64) -> Result<Vec<String>> {
    conn.prepare_cached(
        "SELECT name FROM companies WHERE parent_id = ?1 ORDER BY name COLLATE NOCASE",
    )?
    .query_map([id], |r| r.get(0))
}

/// A country code as stored: two upper-case letters.
pub fn parse_country(text: &str) -> Result<String> {
    crate::model::deal::parse_country(text).map_err(|e| Error::usage(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::{Db, SlugTable, free_slug};

    fn company(conn: &Conn, name: &str) -> i64 {
        let input = CompanyInput {
            name: name.into(),
            slug: free_slug(conn, SlugTable::Companies, name, None).unwrap(),
            kind: "company".into(),
            ..Default::default()
        };
        insert(conn, &input).unwrap()
    }

    #[test]
    fn keys_are_filled_by_looking_each_alias_up_not_by_rereading_the_array() {
        let db = Db::open_in_memory().unwrap();
        let c = db.conn();
        let plan: Vec<String> = c
            .prepare_cached(&format!("EXPLAIN QUERY PLAN {FILL_KEYS}"))
            .unwrap()
            .query_map(["[]"], |r| r.get(3))
            .unwrap();
        // The array is read once; a scan of it under each alias would make an
        // import quadratic in the companies of a batch.
        assert!(
            plan.iter().any(|p| p.starts_with("MATERIALIZE")),
            "{plan:?}"
        );
        assert!(
            plan.iter()
                .any(|p| p.starts_with("SEARCH company_aliases") && p.contains("(alias=?)")),
            "{plan:?}"
        );
    }

    #[test]
    fn companies_resolve_through_aliases_in_any_case() {
        let db = Db::open_in_memory().unwrap();
        let c = db.conn();
        let aws = company(c, "Amazon Web Services");
        add_alias(c, aws, "AWS").unwrap();
        for text in [
            "AWS",
            "aws",
            "amazon web services",
            "amazon-web-services",
            &aws.to_string(),
        ] {
            assert_eq!(resolve(c, text).unwrap().unwrap().id, aws, "{text}");
        }
        assert!(resolve(c, "Azure").unwrap().is_none());
    }

    #[test]
    fn unknown_names_suggest_the_closest() {
        let db = Db::open_in_memory().unwrap();
        let c = db.conn();
        company(c, "Amazon");
        let aws = company(c, "Amazon Web Services");
        add_alias(c, aws, "AWS").unwrap();
        company(c, "Microsoft");
        let err = require(c, "Amazn", "--party 'Amazn:provider'")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("unknown company 'Amazn' in --party 'Amazn:provider'"),
            "{err}"
        );
        assert!(err.contains("did you mean Amazon"), "{err}");
        assert!(!err.contains("Microsoft"), "{err}");
    }

    #[test]
    fn an_alias_cannot_name_two_companies() {
        let db = Db::open_in_memory().unwrap();
        let c = db.conn();
        let amazon = company(c, "Amazon");
        let aws = company(c, "Amazon Web Services");
        add_alias(c, aws, "AWS").unwrap();
        let err = add_alias(c, amazon, "aws").unwrap_err().to_string();
        assert_eq!(err, "'aws' already names Amazon Web Services");
        assert!(
            !add_alias(c, aws, "AWS").unwrap(),
            "adding twice is a no-op"
        );
    }

    #[test]
    fn parents_cannot_form_a_cycle() {
        let db = Db::open_in_memory().unwrap();
        let c = db.conn();
        let amazon = company(c, "Amazon");
        let aws = company(c, "AWS");
        let mut input = load_input(c, aws).unwrap();
        input.parent_id = Some(amazon);
        assert!(update(c, aws, &input).unwrap());
        let mut input = load_input(c, amazon).unwrap();
        input.parent_id = Some(aws);
        assert!(update(c, amazon, &input).is_err());
    }

    #[test]
    fn slugs_are_unique() {
        let db = Db::open_in_memory().unwrap();
        let c = db.conn();
        company(c, "Meta");
        assert_eq!(
            free_slug(c, SlugTable::Companies, "META", None).unwrap(),
            "meta-2"
        );
        assert!(free_slug(c, SlugTable::Companies, "x", Some("meta")).is_err());
    }
}
