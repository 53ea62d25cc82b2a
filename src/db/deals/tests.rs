use super::*;
use crate::db::Db;
use crate::db::companies::{self, CompanyInput};
use crate::model::Money;

fn input(slug: &str) -> DealInput {
    DealInput {
        slug: slug.into(),
        title: format!("Deal {slug}"),
        kind: "cloud-compute".into(),
        status: "announced".into(),
        announced: Some("2025-11-03".parse().unwrap()),
        value: Some("$38B".parse().unwrap()),
        term: Some("7y".parse().unwrap()),
        starts: Some("2025-11".parse().unwrap()),
        notes: Some("note".into()),
        parties: vec![],
        tags: vec!["gpu".into()],
        events: vec![Event {
            on: "2026".parse().unwrap(),
            kind: "milestone".into(),
            note: Some("capacity".into()),
        }],
        sources: vec![],
    }
}

fn company(conn: &Conn, name: &str) -> i64 {
    companies::insert(
        conn,
        &CompanyInput {
            name: name.into(),
            slug: crate::model::slug::slugify(name),
            kind: "company".into(),
            ..Default::default()
        },
    )
    .unwrap()
}

#[test]
fn a_saved_deal_loads_back_the_same() {
    let db = Db::open_in_memory().unwrap();
    let c = db.conn();
    let openai = company(c, "OpenAI");
    let aws = company(c, "AWS");
    let mut deal = input("a");
    deal.parties = vec![(openai, "customer".into()), (aws, "provider".into())];
    deal.normalize();
    let (id, outcome) = save(c, None, &deal).unwrap();
    assert_eq!(outcome, Outcome::Inserted);
    assert_eq!(load_input(c, id).unwrap(), deal);
    assert_eq!(save(c, Some(id), &deal).unwrap().1, Outcome::Unchanged);
    deal.status = "active".into();
    assert_eq!(save(c, Some(id), &deal).unwrap().1, Outcome::Updated);
    assert_eq!(get(c, id).unwrap().status, "active");
}

#[test]
fn a_batch_of_new_deals_loads_back_the_same() {
    let db = Db::open_in_memory().unwrap();
    let c = db.conn();
    save(c, None, &input("before")).unwrap();
    let openai = company(c, "OpenAI");
    let mut batch: Vec<DealInput> = ["a", "b", "c"].iter().map(|s| input(s)).collect();
    batch[1].parties = vec![(openai, "customer".into())];
    let ids = insert_batch(c, &batch).unwrap();
    assert_eq!(ids, [2, 3, 4]);
    for (id, deal) in ids.iter().zip(&batch) {
        assert_eq!(load_input(c, *id).unwrap(), *deal);
    }
    assert!(insert_batch(c, &[input("a")]).is_err(), "slugs stay unique");
}

#[test]
fn list_filters_by_company_value_and_dates() {
    let db = Db::open_in_memory().unwrap();
    let c = db.conn();
    let openai = company(c, "OpenAI");
    let aws = company(c, "AWS");
    let mut a = input("a");
    a.parties = vec![(openai, "customer".into()), (aws, "provider".into())];
    save(c, None, &a).unwrap();
    let mut b = input("b");
    b.value = Some("€2.5bn".parse::<Money>().unwrap());
    b.value.as_mut().unwrap().currency = Currency::EUR;
    b.announced = Some("2024".parse().unwrap());
    b.parties = vec![(openai, "investee".into())];
    save(c, None, &b).unwrap();

    let slugs =
        |f: Filter| -> Vec<String> { list(c, &f).unwrap().into_iter().map(|d| d.slug).collect() };
    assert_eq!(slugs(Filter::default()), ["a", "b"]);
    assert_eq!(
        slugs(Filter {
            companies: vec![aws],
            ..Default::default()
        }),
        ["a"]
    );
    assert_eq!(
        slugs(Filter {
            companies: vec![openai],
            counterparty: Some(aws),
            ..Default::default()
        }),
        ["a"]
    );
    assert_eq!(
        slugs(Filter {
            min_value: Some((10_000_000_000, Currency::USD)),
            ..Default::default()
        }),
        ["a"]
    );
    assert_eq!(
        slugs(Filter {
            min_value: Some((1, Currency::EUR)),
            ..Default::default()
        }),
        ["b"]
    );
    assert_eq!(
        slugs(Filter {
            until: Some("2024".parse().unwrap()),
            ..Default::default()
        }),
        ["b"]
    );
    assert_eq!(
        slugs(Filter {
            limit: Some(1),
            ..Default::default()
        }),
        ["a"]
    );
    let listed = list(c, &Filter::default()).unwrap();
    assert_eq!(listed[0].parties.len(), 2);
    assert_eq!(listed[0].tags, ["gpu"]);
}

#[test]
fn unknown_deals_suggest_slugs() {
    let db = Db::open_in_memory().unwrap();
    let c = db.conn();
    save(c, None, &input("openai-aws-compute-2025")).unwrap();
    let err = require(c, "openai-aws").unwrap_err().to_string();
    assert!(err.contains("no deal 'openai-aws'"), "{err}");
    assert!(
        err.contains("did you mean openai-aws-compute-2025?"),
        "{err}"
    );
    assert_eq!(require(c, "1").unwrap().1, "openai-aws-compute-2025");
}

#[test]
fn by_date_the_newest_come_first_ties_by_newest_id_and_undated_last() {
    let db = Db::open_in_memory().unwrap();
    let c = db.conn();
    for (slug, announced) in [
        ("a", None),
        ("b", Some("2024-05")),
        ("c", Some("2025-01-02")),
        ("d", None),
        ("e", Some("2024-05")),
    ] {
        let mut deal = input(slug);
        deal.announced = announced.map(|d| d.parse().unwrap());
        deal.normalize();
        save(c, None, &deal).unwrap();
    }
    let mut order = Vec::new();
    let filter = Filter {
        order: Order::Date,
        ..Default::default()
    };
    each(c, &filter, &mut |deal| {
        order.push(deal.slug);
        Ok(())
    })
    .unwrap();
    assert_eq!(order, ["c", "e", "b", "d", "a"]);
    // The order comes from the index, read backwards, not from a sort of
    // every deal (which spills to disk at a million deals).
    let sql = format!("EXPLAIN QUERY PLAN {DEAL_COLUMNS}{BY_DATE}");
    let mut stmt = c.prepare_cached(&sql).unwrap();
    let plan: Vec<String> = stmt.query_map([], |r| r.get(3)).unwrap();
    assert!(
        plan.iter().any(|p| p.contains("deals_announced"))
            && !plan.iter().any(|p| p.contains("TEMP B-TREE")),
        "{plan:?}"
    );
}
