//! Companies: `company list` and `company show`.

use serde::Serialize;

use super::Output;
use super::deals::parties_text;
use super::json::{self, CompanyJson, DealJson};
use super::{Format, Grid, Record, opt};
use crate::error::Result;
use crate::model::profile::Profile;
use crate::model::{Company, Deal};
use crate::output::report::money;

/// Writes companies as `company list` shows them.
pub fn list(o: &mut Output<'_>, companies: &[Company]) -> Result<()> {
    match o.format {
        Format::Json => json::write(
            o.out,
            &companies.iter().map(CompanyJson::new).collect::<Vec<_>>(),
        ),
        Format::Csv => {
            let mut grid = Grid::new(vec![
                "id",
                "slug",
                "name",
                "kind",
                "country",
                "parent",
                "aliases",
                "website",
                "deal_count",
            ]);
            for c in companies {
                grid.push(vec![
                    c.id.to_string(),
                    c.slug.clone(),
                    c.name.clone(),
                    c.kind.clone(),
                    opt(&c.country),
                    opt(&c.parent),
                    c.aliases.join("; "),
                    opt(&c.website),
                    c.deal_count.to_string(),
                ]);
            }
            o.grid(&grid)
        }
        Format::Table | Format::Markdown => {
            let mut grid = Grid::new(vec![
                "ID", "NAME", "KIND", "COUNTRY", "PARENT", "ALIASES", "DEALS",
            ])
            .align_right(&["ID", "DEALS"]);
            for c in companies {
                grid.push(vec![
                    c.id.to_string(),
                    c.name.clone(),
                    c.kind.clone(),
                    opt(&c.country),
                    opt(&c.parent),
                    c.aliases.join(", "),
                    c.deal_count.to_string(),
                ]);
            }
            o.grid(&grid)
        }
    }
}

#[derive(Serialize)]
struct CompanyDetailJson<'a> {
    #[serde(flatten)]
    company: CompanyJson<'a>,
    subsidiaries: &'a [String],
    #[serde(flatten)]
    profile: &'a Profile,
    deals: Vec<CompanyDealJson<'a>>,
}

#[derive(Serialize)]
struct CompanyDealJson<'a> {
    roles: Vec<&'a str>,
    #[serde(flatten)]
    deal: DealJson<'a>,
}

/// The roles `company` holds in `deal`.
fn roles_in<'a>(company: &Company, deal: &'a Deal) -> Vec<&'a str> {
    deal.parties
        .iter()
        .filter(|p| p.company_id == company.id)
        .map(|p| p.role.as_str())
        .collect()
}

/// Writes one company with its subsidiaries and deals.
pub fn show(
    o: &mut Output<'_>,
    company: &Company,
    subsidiaries: &[String],
    deals: &[Deal],
    profile: &Profile,
) -> Result<()> {
    match o.format {
        Format::Json => json::write(
            o.out,
            &CompanyDetailJson {
                company: CompanyJson::new(company),
                subsidiaries,
                profile,
                deals: deals
                    .iter()
                    .map(|d| CompanyDealJson {
                        roles: roles_in(company, d),
                        deal: DealJson::new(d),
                    })
                    .collect(),
            },
        ),
        Format::Csv => {
            let mut grid = Grid::new(vec![
                "role",
                "deal_id",
                "slug",
                "announced_on",
                "value_amount",
                "value_currency",
            ]);
            for deal in deals {
                for role in roles_in(company, deal) {
                    grid.push(vec![
                        role.to_string(),
                        deal.id.to_string(),
                        deal.slug.clone(),
                        deal.announced.map(|d| d.start_iso()).unwrap_or_default(),
                        deal.value.map(|v| v.amount.to_string()).unwrap_or_default(),
                        deal.value
                            .map(|v| v.currency.to_string())
                            .unwrap_or_default(),
                    ]);
                }
            }
            o.grid(&grid)
        }
        Format::Table | Format::Markdown => {
            let mut record = Record::new(format!("{} ({})", company.name, company.slug));
            record.field("Id", Some(company.id.to_string()));
            record.field("Kind", Some(company.kind.clone()));
            record.field("Country", company.country.clone());
            record.field("Parent", company.parent.clone());
            record.field("Subsidiaries", Some(subsidiaries.join(", ")));
            record.field("Aliases", Some(company.aliases.join(", ")));
            record.field("Website", company.website.clone());
            record.field("About", company.description.clone());
            record.field("Deals", Some(company.deal_count.to_string()));
            let mark = |m: &Option<crate::model::profile::DealMark>| {
                m.as_ref().map(|m| {
                    let on = crate::model::PartialDate::from_parts(
                        &m.announced_on,
                        m.announced_precision,
                    )
                    .map_or_else(|_| m.announced_on.clone(), |d| d.to_string());
                    format!("{} ({on})", m.slug)
                })
            };
            record.field("First deal", mark(&profile.first_deal));
            record.field("Last deal", mark(&profile.last_deal));
            o.record(&record)?;
            if !profile.by_role.is_empty() {
                o.section("By role")?;
                let mut grid = Grid::new(vec!["ROLE", "CURRENCY", "DEALS", "VALUE"])
                    .align_right(&["DEALS", "VALUE"]);
                for r in &profile.by_role {
                    grid.push(vec![
                        r.role.clone(),
                        r.currency.clone().unwrap_or_else(|| "undisclosed".into()),
                        r.deals.to_string(),
                        money(r.value, r.currency.as_deref()),
                    ]);
                }
                o.grid(&grid)?;
            }
            if !profile.counterparties.is_empty() {
                o.section("Deals most often with")?;
                let mut grid = Grid::new(vec!["COMPANY", "DEALS"]).align_right(&["DEALS"]);
                for c in &profile.counterparties {
                    grid.push(vec![c.company.clone(), c.deals.to_string()]);
                }
                o.grid(&grid)?;
            }
            if !deals.is_empty() {
                o.section("Deals")?;
                let mut grid = Grid::new(vec![
                    "ROLE",
                    "ANNOUNCED",
                    "SLUG",
                    "STATUS",
                    "VALUE",
                    "PARTIES",
                ])
                .align_right(&["VALUE"]);
                for deal in deals {
                    grid.push(vec![
                        roles_in(company, deal).join(", "),
                        opt(&deal.announced),
                        deal.slug.clone(),
                        deal.status.clone(),
                        deal.value.map(|v| v.compact()).unwrap_or_default(),
                        parties_text(&deal.parties),
                    ]);
                }
                o.grid(&grid)?;
            }
            Ok(())
        }
    }
}
