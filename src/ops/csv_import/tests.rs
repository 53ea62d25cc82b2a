//! The importer against an in-memory database: batches, the rows a batch sends
//! back, and rows that must wait for the batch.

use super::*;
use crate::db::Db;

#[derive(Default)]
struct Kept {
    header: Vec<String>,
    rows: Vec<(String, String)>,
}

impl Rejects for Kept {
    fn header(&mut self, header: &csv::ByteRecord) -> Result<()> {
        self.header = header
            .iter()
            .map(|h| String::from_utf8_lossy(h).into_owned())
            .collect();
        Ok(())
    }

    fn reject(&mut self, record: &csv::ByteRecord, reason: &str) -> Result<()> {
        let first = String::from_utf8_lossy(&record[0]).into_owned();
        self.rows.push((first, reason.to_string()));
        Ok(())
    }
}

fn run(db: &Db, text: &str, skip: bool) -> (Result<Summary>, Kept) {
    let mut kept = Kept::default();
    let options = Options {
        origin: "t.csv",
        maps: &[],
        sets: &[],
        skip,
    };
    let tx = db.write().unwrap();
    let result = import(&tx, text.as_bytes(), &options, &mut kept, &mut |_| {});
    if result.is_ok() {
        tx.commit().unwrap();
    }
    (result, kept)
}

fn names(db: &Db, sql: &str) -> Vec<String> {
    db.conn()
        .prepare_cached(sql)
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
}

/// A database that refuses the deal titled "Bad".
fn refusing_bad() -> Db {
    let db = Db::open_in_memory().unwrap();
    db.conn()
        .execute_batch(
            "CREATE TRIGGER no_bad BEFORE INSERT ON deals WHEN new.title = 'Bad'
             BEGIN SELECT RAISE(ABORT, 'no bad deals'); END;",
        )
        .unwrap();
    db
}

const ROWS: &str = "title,kind,parties\nGood,other,A:partner\nBad,other,B:partner\nFine,other,a:partner; C:partner\n";

#[test]
fn a_row_the_database_refuses_leaves_its_batch_and_its_companies_out() {
    let db = refusing_bad();
    let (summary, kept) = run(&db, ROWS, true);
    let summary = summary.unwrap();
    assert_eq!(summary.deals.inserted, 2);
    assert_eq!(summary.deals.rejected, 1);
    assert_eq!(kept.rows.len(), 1);
    assert_eq!(kept.rows[0].0, "Bad");
    assert!(
        kept.rows[0]
            .1
            .starts_with("line 3: refused by the database: "),
        "{:?}",
        kept.rows
    );
    assert!(kept.rows[0].1.contains("no bad deals"), "{:?}", kept.rows);
    assert_eq!(
        names(&db, "SELECT name FROM companies ORDER BY name"),
        ["A", "C"],
        "'a' is A in another case; B went with its deal"
    );
    assert_eq!(
        names(&db, "SELECT title FROM deals ORDER BY id"),
        ["Good", "Fine"]
    );
    let db = refusing_bad();
    let (result, _) = run(&db, ROWS, false);
    let err = result.unwrap_err().to_string();
    assert!(
        err.starts_with("t.csv: line 3: refused by the database: "),
        "{err}"
    );
}

#[test]
fn rows_that_name_a_waiting_deal_or_company_wait_for_the_batch() {
    let db = Db::open_in_memory().unwrap();
    let (summary, _) = run(
        &db,
        "slug,title,kind,parties\nfirst,First,other,New Co:partner\nfirst,First,other,New Co:partner\n",
        false,
    );
    let summary = summary.unwrap();
    assert_eq!(
        (
            summary.deals.inserted,
            summary.deals.merged,
            summary.companies.inserted
        ),
        (1, 1, 1)
    );
    // An existing deal that names a company still waiting in the batch.
    let (summary, _) = run(
        &db,
        "slug,title,kind,parties\nsecond,Second,other,Newer Co:partner\nfirst,First,other,NEWER CO:partner\n",
        false,
    );
    let summary = summary.unwrap();
    assert_eq!(
        (
            summary.deals.inserted,
            summary.deals.updated,
            summary.companies.inserted
        ),
        (1, 1, 1)
    );
    assert_eq!(
        names(
            &db,
            "SELECT c.name FROM deal_parties p JOIN companies c ON c.id = p.company_id
             JOIN deals d ON d.id = p.deal_id WHERE d.slug = 'first'"
        ),
        ["Newer Co"]
    );
}

#[test]
fn more_rows_than_a_batch_load_in_order() {
    let db = Db::open_in_memory().unwrap();
    let mut text = String::from("title,kind,parties\n");
    for i in 0..(batch::SIZE * 2 + 3) {
        text.push_str(&format!(
            "Deal {i},other,Co {}:partner; Co {i}:partner\n",
            i % 7
        ));
    }
    let (summary, _) = run(&db, &text, true);
    let summary = summary.unwrap();
    assert_eq!(summary.deals.inserted as usize, batch::SIZE * 2 + 3);
    let parties: i64 = db
        .conn()
        .query_row("SELECT count(*) FROM deal_parties", [], |r| r.get(0))
        .unwrap();
    // Deals 0 to 6 name the same company twice.
    assert_eq!(parties as usize, 2 * (batch::SIZE * 2 + 3) - 7);
    let (again, _) = run(&db, &text, true);
    assert_eq!(again.unwrap().deals.unchanged as usize, batch::SIZE * 2 + 3);
}

#[test]
fn a_bulk_import_ends_where_the_per_row_triggers_would() {
    let mut text = String::from("title,kind,parties,announced_on,value,tags,notes\n");
    for i in 0..2600 {
        let value = ["$1B", "about €2B", "up to $3B", "", "over ¥4B"][i % 5];
        let on = ["2025-03-01", "2024-Q2", "", "2023"][i % 4];
        let parties = format!("Alpha {}:customer; Beta {}:provider", i % 37, i % 11);
        let tags = ["ai; cloud", "", "gpu"][i % 3];
        text.push_str(&format!(
            "Deal {i},cloud-compute,{parties},{on},{value},{tags},note {i}\n"
        ));
    }
    let load = |per_row: bool| {
        crate::db::bulk::tests::PER_ROW.set(per_row);
        let db = Db::open_in_memory().unwrap();
        crate::ops::seed::load(&db).unwrap();
        let (summary, _) = run(&db, &text, false);
        assert_eq!(summary.unwrap().deals.inserted, 2600);
        crate::db::bulk::tests::PER_ROW.set(false);
        crate::db::bulk::tests::state(&db)
    };
    let bulk = load(false);
    let per_row = load(true);
    assert!(bulk.len() > 10_000, "{}", bulk.len());
    for (a, b) in bulk.iter().zip(&per_row) {
        assert_eq!(a, b);
    }
    assert_eq!(bulk.len(), per_row.len());
}
