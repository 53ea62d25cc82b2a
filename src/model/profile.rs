//! A company's profile over its deals: totals by role and currency, the
//! companies it deals with most, its first and last deal. Pure arithmetic over
//! deals already loaded.

use std::collections::BTreeMap;

use serde::Serialize;

use super::Deal;

/// Deals and value of one role in one currency (None: undisclosed values).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoleTotal {
    pub role: String,
    pub currency: Option<String>,
    pub deals: u64,
    pub value: i128,
}

/// A company on the other side, with the number of deals shared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Counterparty {
    pub company: String,
    pub deals: u64,
}

/// A deal named in a profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DealMark {
    pub slug: String,
    pub announced_on: String,
    pub announced_precision: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Profile {
    pub by_role: Vec<RoleTotal>,
    pub counterparties: Vec<Counterparty>,
    pub first_deal: Option<DealMark>,
    pub last_deal: Option<DealMark>,
}

/// How many counterparties a profile names.
pub const TOP_COUNTERPARTIES: usize = 5;

/// The roles the companies of `group` hold in `deal`, each once, sorted.
pub fn roles_in<'a>(group: &[i64], deal: &'a Deal) -> Vec<&'a str> {
    let mut roles: Vec<&str> = deal
        .parties
        .iter()
        .filter(|p| group.contains(&p.company_id))
        .map(|p| p.role.as_str())
        .collect();
    roles.sort_unstable();
    roles.dedup();
    roles
}

/// The profile of the companies `group` (one company, or a parent with its
/// subsidiaries, counted as one) over `deals` (those where one of them is a party).
pub fn profile(group: &[i64], deals: &[Deal]) -> Profile {
    let mut by_role: BTreeMap<(String, bool, Option<String>), (u64, i128)> = BTreeMap::new();
    let mut others: BTreeMap<&str, u64> = BTreeMap::new();
    for deal in deals {
        let roles = roles_in(group, deal);
        let currency = deal.value.map(|v| v.currency.to_string());
        for role in roles {
            let entry = by_role
                .entry((role.to_string(), currency.is_none(), currency.clone()))
                .or_default();
            entry.0 += 1;
            entry.1 += deal.value.map_or(0, |v| i128::from(v.amount));
        }
        let mut names: Vec<&str> = deal
            .parties
            .iter()
            .filter(|p| !group.contains(&p.company_id))
            .map(|p| p.company.as_str())
            .collect();
        names.sort_unstable();
        names.dedup();
        for name in names {
            *others.entry(name).or_default() += 1;
        }
    }
    let mut counterparties: Vec<Counterparty> = others
        .into_iter()
        .map(|(company, deals)| Counterparty {
            company: company.to_string(),
            deals,
        })
        .collect();
    counterparties.sort_by(|a, b| (b.deals, &a.company).cmp(&(a.deals, &b.company)));
    counterparties.truncate(TOP_COUNTERPARTIES);
    let dated = || deals.iter().filter_map(|d| d.announced.map(|on| (on, d)));
    let mark = |(on, deal): (super::PartialDate, &Deal)| DealMark {
        slug: deal.slug.clone(),
        announced_on: on.start_iso(),
        announced_precision: on.precision().as_str(),
    };
    Profile {
        by_role: by_role
            .into_iter()
            .map(|((role, _, currency), (deals, value))| RoleTotal {
                role,
                currency,
                deals,
                value,
            })
            .collect(),
        counterparties,
        first_deal: dated().min_by_key(|(on, d)| (on.start(), d.id)).map(mark),
        last_deal: dated().max_by_key(|(on, d)| (on.start(), d.id)).map(mark),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deal(id: i64, on: &str, value: Option<&str>, parties: &[(i64, &str, &str)]) -> Deal {
        Deal::sample(id, on, value, parties)
    }

    #[test]
    fn totals_by_role_keep_currencies_apart() {
        let deals = [
            deal(
                1,
                "2025-11-03",
                Some("$38B"),
                &[(1, "OpenAI", "customer"), (2, "AWS", "provider")],
            ),
            deal(
                2,
                "2019",
                Some("$13B"),
                &[(1, "OpenAI", "investee"), (3, "Microsoft", "investor")],
            ),
            deal(
                3,
                "2025-10-28",
                Some("$250B"),
                &[(1, "OpenAI", "customer"), (3, "Microsoft", "provider")],
            ),
            deal(
                4,
                "2025-06",
                None,
                &[(1, "OpenAI", "customer"), (4, "Google", "provider")],
            ),
        ];
        let p = profile(&[1], &deals);
        let customer: Vec<(Option<&str>, u64, i128)> = p
            .by_role
            .iter()
            .filter(|r| r.role == "customer")
            .map(|r| (r.currency.as_deref(), r.deals, r.value))
            .collect();
        assert_eq!(customer, [(Some("USD"), 2, 288_000_000_000), (None, 1, 0)]);
        assert_eq!(
            p.counterparties[0],
            Counterparty {
                company: "Microsoft".into(),
                deals: 2
            }
        );
        assert_eq!(p.first_deal.unwrap().slug, "d2");
        assert_eq!(p.last_deal.unwrap().slug, "d1");
    }
}
