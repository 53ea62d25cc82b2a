use super::*;
use crate::db::Db;
use rusqlite::params;

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

/// A small deterministic generator (xorshift), so that a failing seed can be rerun.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

const COMPANIES: &[&str] = &[
    "OpenAI",
    "Open AI Inc",
    "Amazon",
    "Nvidia",
    "Microsoft",
    "Oracle",
    "AMD",
    "Meta",
];
const KINDS: &[&str] = &[
    "investment",
    "acquisition",
    "merger",
    "cloud-compute",
    "chip-supply",
    "datacenter",
    "partnership",
    "licensing",
    "joint-venture",
    "other",
];
const ROLES: &[&str] = &[
    "customer", "provider", "investor", "investee", "acquirer", "target", "partner",
];
const AMOUNTS: &[i64] = &[
    0,
    500,
    1_000_000_000,
    1_050_000_000,
    1_400_000_000,
    38_000_000,
    38_000_000_000,
    38_500_000_000,
    400_000_000_000,
];
const QUALIFIERS: &[&str] = &["exact", "approx", "at-least", "up-to"];
const DATES: &[(&str, &str)] = &[
    ("1900-01-01", "year"),
    ("2025-11-03", "day"),
    ("2025-11-01", "month"),
    ("2025-10-01", "quarter"),
    ("2026-01-20", "day"),
    ("2026-03-01", "month"),
    ("2024-01-01", "year"),
    ("2031-07-01", "half"),
];
const SENTENCES: &[(&str, &str)] = &[
    ("en", "OpenAI signed a deal with Amazon worth $38 billion."),
    (
        "en",
        "Nvidia will invest about $1.05 billion in Oracle over two years.",
    ),
    (
        "en",
        "The partnership is valued at more than $400 billion in total.",
    ),
    ("en", "Microsoft paid $38 million for the licence."),
    ("en", "Nothing in this sentence is a figure."),
    ("en", "AMD expects €2.5 billion from Meta."),
    (
        "en",
        "The contract with Oracle is worth $7 billion, analysts said.",
    ),
    (
        "it",
        "OpenAI ha firmato un accordo da circa 1,4 miliardi di dollari.",
    ),
    ("it", "L'investimento supera i 38 miliardi di dollari."),
];

/// (company id, role)
type Party = (i64, &'static str);
/// (amount, currency, qualifier)
type Value = (i64, &'static str, &'static str);

/// A database of `deals` random deals whose figures, dates, parties and links
/// are drawn from small sets, so that every rule has something to find.
fn random_database(seed: u64, deals: u64) -> Db {
    let db = Db::open_in_memory().unwrap();
    let conn = db.conn();
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    for (i, name) in COMPANIES.iter().enumerate() {
        conn.execute(
            "INSERT INTO companies (id, slug, name) VALUES (?1, ?2, ?3)",
            params![i as i64 + 1, crate::model::slug::slugify(name), name],
        )
        .unwrap();
    }
    conn.execute(
        "INSERT INTO company_aliases (alias, company_id) VALUES ('Open-AI', 3)",
        [],
    )
    .unwrap();
    let articles = 12;
    for i in 0..articles {
        let language = *rng.pick(&["en", "it"]);
        let written: Vec<&str> = SENTENCES
            .iter()
            .filter(|(l, _)| *l == language)
            .map(|(_, s)| *s)
            .collect();
        let sentences: Vec<&str> = (0..rng.below(5)).map(|_| *rng.pick(&written)).collect();
        let body = sentences.join(" ");
        let hash = (!body.is_empty()).then(|| format!("{i:064x}"));
        let stored_language = rng.chance(70).then_some(language);
        conn.execute(
            "INSERT INTO articles (id, slug, title, language, body, content_hash)
             VALUES (?1, ?2, ?2, ?3, ?4, ?5)",
            params![
                i as i64 + 1,
                format!("article-{:02}", (i * 5) % articles),
                stored_language,
                body,
                hash
            ],
        )
        .unwrap();
    }
    let mut previous: Option<(&str, Vec<Party>, Option<Value>)> = None;
    for i in 0..deals {
        // Slugs in another order than ids, as after renames.
        let slug = format!("deal-{:04}", (i * 37) % deals);
        let (on, precision) = match rng.chance(20) {
            true => (None, None),
            false => {
                let (on, precision) = rng.pick(DATES);
                (Some(*on), Some(*precision))
            }
        };
        let mut value = rng.chance(80).then(|| {
            (
                *rng.pick(AMOUNTS),
                *rng.pick(&["USD", "USD", "EUR"]),
                *rng.pick(QUALIFIERS),
            )
        });
        let mut kind = *rng.pick(KINDS);
        // Few companies and roles: deals alike, and companies on both sides.
        let mut parties: Vec<Party> = (0..rng.below(4))
            .map(|_| (1 + rng.below(4) as i64, *rng.pick(&ROLES[..4])))
            .collect();
        // Some deals are twins of the one before, as when one is recorded twice.
        if let Some(twin) = previous.take().filter(|_| rng.chance(25)) {
            (kind, parties, value) = twin;
            if let Some((amount, _, _)) = value.as_mut().filter(|_| rng.chance(30)) {
                *amount += *amount / 20;
            }
        }
        previous = Some((kind, parties.clone(), value));
        conn.execute(
            "INSERT INTO deals (id, slug, title, kind, announced_on, announced_precision,
                                value_amount, value_currency, value_qualifier)
             VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                i as i64 + 1,
                slug,
                kind,
                on,
                precision,
                value.map(|v| v.0),
                value.map(|v| v.1),
                value.map(|v| v.2),
            ],
        )
        .unwrap();
        for (company, role) in parties {
            conn.execute(
                "INSERT OR IGNORE INTO deal_parties (deal_id, company_id, role) VALUES (?1, ?2, ?3)",
                params![i as i64 + 1, company, role],
            )
            .unwrap();
        }
        for _ in 0..rng.below(3) {
            let quote = match rng.below(3) {
                0 => "",
                1 => rng.pick(SENTENCES).1,
                _ => "A sentence no article has.",
            };
            let stated = rng.chance(50).then(|| {
                (
                    *rng.pick(AMOUNTS),
                    *rng.pick(&[None, Some("USD"), Some("EUR")]),
                    *rng.pick(QUALIFIERS),
                )
            });
            conn.execute(
                "INSERT OR IGNORE INTO deal_sources
                     (deal_id, article_id, quote, stated_amount, stated_currency, stated_qualifier)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    i as i64 + 1,
                    1 + rng.below(articles) as i64,
                    quote,
                    stated.map(|s| s.0),
                    stated.and_then(|s| s.1),
                    stated.map(|s| s.2),
                ],
            )
            .unwrap();
        }
    }
    db
}

#[test]
fn the_set_wise_rules_find_what_the_whole_load_rules_find() {
    let mut seen = std::collections::BTreeSet::new();
    for seed in 1..=6 {
        let db = random_database(seed, 300);
        let found = run_in(db.conn(), 2026).unwrap();
        assert_eq!(found, oracle::run(db.conn(), 2026).unwrap(), "seed {seed}");
        seen.extend(found.iter().map(|f| f.code));
    }
    let codes = checks::CODES.iter().map(|(code, _, _)| *code);
    assert_eq!(seen, codes.collect(), "every rule has findings to compare");
}

#[test]
fn the_set_wise_rules_agree_on_the_seed_set() {
    let db = Db::open_in_memory().unwrap();
    crate::ops::seed::load(&db).unwrap();
    let found = run_in(db.conn(), 2026).unwrap();
    assert_eq!(found, oracle::run(db.conn(), 2026).unwrap());
}
