//! Companies: `company list` and `company show`.

use serde::Serialize;

use super::Output;
use super::deals::parties_text;
use super::json::{self, DealJson};
use super::{Format, IntoGrid, Record, opt};
use crate::error::Result;
use crate::model::PartialDate;
use crate::model::profile::{DealMark, Profile, roles_in};
use crate::model::{Company, Deal};
use crate::output::report::money;

/// Writes companies as `company list` shows them.
pub fn list(o: &mut Output<'_>, companies: &[Company]) -> Result<()> {
    let grid = match o.format {
        Format::Json => return o.json_list(companies),
        Format::Csv => companies.grid(&[
            ("id", &|c| c.id.to_string()),
            ("slug", &|c| c.slug.clone()),
            ("name", &|c| c.name.clone()),
            ("kind", &|c| c.kind.clone()),
            ("country", &|c| opt(&c.country)),
            ("parent", &|c| opt(&c.parent)),
            ("aliases", &|c| c.aliases.join("; ")),
            ("website", &|c| opt(&c.website)),
            ("deal_count", &|c| c.deal_count.to_string()),
        ]),
        Format::Table | Format::Markdown => companies.grid(&[
            ("ID", &|c| c.id.to_string()),
            ("NAME", &|c| c.name.clone()),
            ("KIND", &|c| c.kind.clone()),
            ("COUNTRY", &|c| opt(&c.country)),
            ("PARENT", &|c| opt(&c.parent)),
            ("ALIASES", &|c| c.aliases.join(", ")),
            ("DEALS", &|c| c.deal_count.to_string()),
        ]),
    };
    o.grid(grid)
}

#[derive(Serialize)]
struct CompanyDetailJson<'a> {
    #[serde(flatten)]
    company: &'a Company,
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

/// Writes one company with its subsidiaries and deals. `group` is the company's
/// id, with its subsidiaries' when their deals are rolled up into `deals`.
pub fn show(
    o: &mut Output<'_>,
    company: &Company,
    group: &[i64],
    subsidiaries: &[String],
    deals: &[Deal],
    profile: &Profile,
) -> Result<()> {
    match o.format {
        Format::Json => json::write(
            o.out,
            &CompanyDetailJson {
                company,
                subsidiaries,
                profile,
                deals: deals
                    .iter()
                    .map(|d| CompanyDealJson {
                        roles: roles_in(group, d),
                        deal: DealJson(d),
                    })
                    .collect(),
            },
        ),
        Format::Csv => {
            let roles = deals
                .iter()
                .flat_map(|d| roles_in(group, d).into_iter().map(move |r| (r, d)));
            o.grid(roles.grid(&[
                ("role", &|(role, _)| role.to_string()),
                ("deal_id", &|(_, d)| d.id.to_string()),
                ("slug", &|(_, d)| d.slug.clone()),
                ("announced_on", &|(_, d)| {
                    opt(&d.announced.map(|d| d.start_iso()))
                }),
                ("value_amount", &|(_, d)| opt(&d.value.map(|v| v.amount))),
                ("value_currency", &|(_, d)| {
                    opt(&d.value.map(|v| v.currency))
                }),
            ]))
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
            if group.len() > 1 {
                record.field("With subsidiaries", Some(deals.len().to_string()));
            }
            let mark = |m: &Option<DealMark>| {
                m.as_ref().map(|m| {
                    let on = PartialDate::from_parts(&m.announced_on, m.announced_precision);
                    let on = on.map_or_else(|_| m.announced_on.clone(), |d| d.to_string());
                    format!("{} ({on})", m.slug)
                })
            };
            record.field("First deal", mark(&profile.first_deal));
            record.field("Last deal", mark(&profile.last_deal));
            o.record(&record)?;
            if !profile.by_role.is_empty() {
                o.section("By role")?;
                o.grid(profile.by_role.iter().grid(&[
                    ("ROLE", &|r| r.role.clone()),
                    ("CURRENCY", &|r| {
                        r.currency.clone().unwrap_or_else(|| "undisclosed".into())
                    }),
                    ("DEALS", &|r| r.deals.to_string()),
                    ("VALUE", &|r| money(r.value, r.currency.as_deref())),
                ]))?;
            }
            if !profile.counterparties.is_empty() {
                o.section("Deals most often with")?;
                o.grid(profile.counterparties.iter().grid(&[
                    ("COMPANY", &|c| c.company.clone()),
                    ("DEALS", &|c| c.deals.to_string()),
                ]))?;
            }
            if !deals.is_empty() {
                o.section("Deals")?;
                o.grid(deals.grid(&[
                    ("ROLE", &|d| roles_in(group, d).join(", ")),
                    ("ANNOUNCED", &|d| opt(&d.announced)),
                    ("SLUG", &|d| d.slug.clone()),
                    ("STATUS", &|d| d.status.clone()),
                    ("VALUE", &|d| opt(&d.value.map(|v| v.compact()))),
                    ("PARTIES", &|d| parties_text(&d.parties)),
                ]))?;
            }
            Ok(())
        }
    }
}
