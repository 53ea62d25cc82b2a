use super::*;
use crate::db::Db;

#[test]
fn the_seed_set_has_no_errors_and_its_unsourced_deal_is_noted() {
    let db = Db::open_in_memory().unwrap();
    crate::ops::seed::load(&db).unwrap();
    let found = run(db.conn()).unwrap();
    assert!(
        found.iter().all(|f| f.severity != checks::Severity::Error),
        "{found:#?}"
    );
    assert!(
        found
            .iter()
            .any(|f| f.code == "no-source" && f.records == ["deal:amd-openai-6gw"]),
        "{found:#?}"
    );
    // The first article's "circa 1,4 miliardi di dollari": a unit slip for
    // 1.400 miliardi, as the deals its sentence supports add up to far more.
    let slip = found
        .iter()
        .find(|f| f.code == "unaccounted-figure" && f.message.contains("1,4 miliardi"))
        .unwrap_or_else(|| panic!("{found:#?}"));
    assert_eq!(slip.records, ["article:openai-aws-38-miliardi-notizia"]);
    assert!(slip.hint.contains("unit slip"), "{}", slip.hint);
    assert!(
        !found
            .iter()
            .any(|f| f.code == "unaccounted-figure" && f.message.contains("'38 miliardi")),
        "figures that deals account for are not reported"
    );
}
