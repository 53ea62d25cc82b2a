//! Figures found in running text, in each language and in the seed articles.

use super::*;
use crate::model::Language::{English, French, German, Italian, Spanish};
use crate::model::{Currency, Qualifier};
use strum::VariantArray;

const B: i64 = 1_000_000_000;
const USD: Option<Currency> = Some(Currency::USD);
const EUR: Option<Currency> = Some(Currency::EUR);
const NONE: Option<Currency> = None;
use Qualifier::{Approx, AtLeast, Exact, UpTo};

fn names() -> CompanyNames {
    let pairs = [
        ("OpenAI", "OpenAI"),
        ("Amazon", "Amazon"),
        ("Amazon Web Services", "Amazon Web Services"),
        ("AWS", "Amazon Web Services"),
        ("Microsoft", "Microsoft"),
        ("Azure", "Microsoft"),
        ("Nvidia", "Nvidia"),
        ("Google", "Google"),
        ("Oracle", "Oracle"),
        ("Broadcom", "Broadcom"),
        ("Anthropic", "Anthropic"),
        ("Meta", "Meta"),
        ("Meta Platforms", "Meta"),
        ("Deutsche Telekom", "Deutsche Telekom"),
        ("  ", "Nobody"),
    ];
    CompanyNames::new(pairs.map(|(a, n)| (a.to_string(), n.to_string())))
}

/// (amount, currency, qualifier, text) of every figure.
fn figures_of(text: &str, language: Language) -> Vec<(i64, Option<Currency>, Qualifier, String)> {
    extract(text, Some(language), &names())
        .into_iter()
        .map(|e| {
            (
                e.figure.amount,
                e.figure.currency,
                e.figure.qualifier,
                e.text,
            )
        })
        .collect()
}

fn one(text: &str, language: Language) -> Extracted {
    let mut found = extract(text, Some(language), &names());
    assert_eq!(found.len(), 1, "{text}: {found:#?}");
    found.remove(0)
}

fn row(
    amount: i64,
    currency: Option<Currency>,
    qualifier: Qualifier,
    text: &str,
) -> (i64, Option<Currency>, Qualifier, String) {
    (amount, currency, qualifier, text.to_string())
}

#[test]
fn seed_article_000() {
    let text = include_str!("../../../seeds/000_a1f5f37c4354f31f.txt");
    assert_eq!(
        figures_of(text, Italian),
        [
            row(38 * B, USD, Exact, "38 miliardi di dollari"),
            row(13 * B, USD, Exact, "13 miliardi di dollari"),
            row(1_400_000_000, USD, Approx, "circa 1,4 miliardi di dollari"),
            row(250 * B, USD, Exact, "250 miliardi di dollari"),
            row(360 * B, USD, AtLeast, "più di 360 miliardi di dollari"),
            row(11 * B, USD, Exact, "11 miliardi di dollari"),
        ]
    );
    let found = extract(text, Some(Italian), &names());
    assert_eq!(found[0].companies, ["OpenAI", "Amazon Web Services"]);
    assert!(
        found[0]
            .sentence
            .starts_with("OpenAI ha siglato un accordo")
    );
    assert!(found[0].sentence.ends_with("per i prossimi sette anni."));
    assert_eq!(found[1].companies, ["OpenAI", "Microsoft"]);
    assert_eq!(
        found[4].companies,
        ["OpenAI", "Amazon", "Google", "Meta", "Microsoft"]
    );
}

#[test]
fn seed_article_001() {
    let text = include_str!("../../../seeds/001_0bfb23b6abed9931.txt");
    assert_eq!(
        figures_of(text, Italian),
        [
            row(38 * B, NONE, Exact, "38 Miliardi"),
            row(38 * B, USD, Exact, "38 miliardi di dollari"),
            row(38 * B, USD, Exact, "38 miliardi di dollari"),
            row(13 * B, USD, AtLeast, "oltre 13 miliardi di dollari"),
            row(38 * B, USD, Exact, "38 miliardi di dollari"),
        ]
    );
}

#[test]
fn the_examples_of_each_language() {
    let found = one(
        "Nvidia investira jusqu'à 100 milliards de dollars dans OpenAI.",
        French,
    );
    assert_eq!(found.figure.amount, 100 * B);
    assert_eq!((found.figure.currency, found.figure.qualifier), (USD, UpTo));
    assert_eq!(found.text, "jusqu'à 100 milliards de dollars");
    assert_eq!(found.companies, ["Nvidia", "OpenAI"]);

    let found = one("Die Deutsche Telekom zahlt 1,5 Mrd. Euro.", German);
    assert_eq!(
        (found.figure.amount, found.figure.currency),
        (1_500_000_000, EUR)
    );
    assert_eq!(found.text, "1,5 Mrd. Euro");
    assert_eq!(found.companies, ["Deutsche Telekom"]);

    let found = one("El acuerdo de 2 billones de dólares", Spanish);
    assert_eq!(
        (found.figure.amount, found.figure.currency),
        (2_000 * B, USD)
    );

    let found = one("Amazon will invest up to $4 billion in Anthropic", English);
    assert_eq!(found.figure.amount, 4 * B);
    assert_eq!((found.figure.currency, found.figure.qualifier), (USD, UpTo));
    assert_eq!(found.text, "up to $4 billion");
    assert_eq!(found.companies, ["Amazon", "Anthropic"]);
}

#[test]
fn symbols_codes_and_spaces() {
    assert_eq!(
        figures_of(
            "Deals of US$ 38 billion, EUR 2.5bn and ~$300B were signed.",
            English
        ),
        [
            row(38 * B, USD, Exact, "US$ 38 billion"),
            row(2_500_000_000, EUR, Exact, "EUR 2.5bn"),
            row(300 * B, USD, Approx, "~$300B"),
        ]
    );
    assert_eq!(
        figures_of("Un plan de 1 400 milliards de dollars et 15 000 €.", French),
        [
            row(1_400 * B, USD, Exact, "1 400 milliards de dollars"),
            row(15_000, EUR, Exact, "15 000 €"),
        ]
    );
    assert_eq!(
        figures_of("Il piano vale più di €2,5 miliardi.", Italian),
        [row(2_500_000_000, EUR, AtLeast, "più di €2,5 miliardi")]
    );
}

#[test]
fn bare_scaled_numbers_need_a_sentence_about_money() {
    assert_eq!(
        figures_of("OpenAI raised 6.6 billion in its latest round.", English),
        [row(6_600_000_000, NONE, Exact, "6.6 billion")]
    );
    assert!(figures_of("The world has 8 billion people.", English).is_empty());
    assert_eq!(
        figures_of("Nvidia sold 4 million GPUs worth about $100bn.", English),
        [row(100 * B, USD, Approx, "about $100bn")]
    );
    assert_eq!(
        figures_of(
            "The deal: 2 billion, or 3 billion in cash, 4 billion deal.",
            English
        )
        .len(),
        3
    );
    assert_eq!(
        figures_of("Un accordo da 38 miliardi l'anno.", Italian),
        [row(38 * B, NONE, Exact, "38 miliardi")]
    );
    assert!(figures_of("Sì, avete letto bene, 38 miliardi.", Italian).is_empty());
    assert!(figures_of("L'accordo raggiunge 2 milioni di utenti.", Italian).is_empty());
    assert_eq!(
        figures_of("Un investimento di 13 miliardi di investimenti.", Italian),
        [row(13 * B, NONE, Exact, "13 miliardi")]
    );
}

#[test]
fn numbers_that_are_not_money() {
    for (text, language) in [
        (
            "Dopo la notizia le azioni di Amazon sono aumentate di circa il 5%.",
            Italian,
        ),
        (
            "Tutta la capacità dell'accordo sarà disponibile entro la fine del 2026.",
            Italian,
        ),
        (
            "The deal covers 10 GW of capacity, worth billions of dollars.",
            English,
        ),
        ("Nvidia GB200 and GB300 chips, 3nm, 5G: a $ deal.", English),
        ("The deal was signed on 2025-11-03 for dollars.", English),
        (
            "A 5 m wall cost money. A wall of 1 million bricks.",
            English,
        ),
        ("Shares rose to $38.50 a share.", English),
        (
            "centinaia di migliaia di GPU per miliardi di dollari",
            Italian,
        ),
    ] {
        let found = figures_of(text, language);
        assert!(found.is_empty(), "{text}: {found:?}");
    }
    assert_eq!(
        figures_of("Nel 2026, 38 dollari.", Italian),
        [row(38, USD, Exact, "38 dollari")]
    );
}

#[test]
fn several_figures_share_their_sentence() {
    let found = extract(
        "Amazon invested $4 billion and Google\n$2 billion in Anthropic.",
        Some(English),
        &names(),
    );
    assert_eq!(found.len(), 2);
    assert_eq!(found[1].figure.amount, 2 * B);
    assert_eq!(
        found[1].sentence,
        "Amazon invested $4 billion and Google $2 billion in Anthropic."
    );
    assert_eq!(found[1].companies, ["Amazon", "Google", "Anthropic"]);
}

#[test]
fn figures_are_read_in_the_language_given() {
    let text = "The French say 2 billion dollars.";
    assert_eq!(figures_of(text, English)[0].0, 2 * B);
    assert_eq!(figures_of(text, French)[0].0, 2_000 * B);
}

#[test]
fn flatten_keeps_no_break_spaces() {
    assert_eq!(flatten("  a\n\t b  c "), "a b c");
    assert_eq!(flatten("1\u{a0}400"), "1\u{a0}400");
}

#[test]
fn odd_text_never_panics() {
    const PIECES: &[&str] = &[
        "1", "38", "400", "000", ".", ",", " ", "\u{a0}", "\u{202f}", "'", "’", "$", "€", "US$",
        "-", "%", "\n", "\n\n", "miliardi", "billion", "Mrd.", "mil", "mille", "de", "di", "d'",
        "dollari", "USD", "oltre", "jusqu'à", "OpenAI", "AWS", "ca.", "U.S.", "é", "İ", "…", "”",
        "GB", "m", "k", "bn", "accordo", "e",
    ];
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    for _ in 0..1_500 {
        let mut text = String::new();
        let count = 1 + (seed % 12) as usize;
        for _ in 0..count {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            text.push_str(PIECES[(seed % PIECES.len() as u64) as usize]);
        }
        for &language in Language::VARIANTS {
            for found in extract(&text, Some(language), &names()) {
                assert!(found.sentence.contains(&found.text), "{text:?}: {found:?}");
            }
            let _ = Figure::parse_in(&text, language);
        }
        let _ = Figure::parse(&text);
        let _ = detect_language(&text);
    }
}

#[test]
fn the_longest_alias_wins_and_names_come_once_in_order() {
    assert_eq!(
        names().find("OpenAI ha siglato un accordo con Amazon Web Services (AWS) e Azure."),
        ["OpenAI", "Amazon Web Services", "Microsoft"]
    );
    assert_eq!(
        names().find("collaborare con Amazon AWS"),
        ["Amazon", "Amazon Web Services"]
    );
}

#[test]
fn matching_ignores_case_but_needs_word_boundaries() {
    assert_eq!(
        names().find("openai and MICROSOFT"),
        ["OpenAI", "Microsoft"]
    );
    assert!(names().find("the metaverse of OpenAIs").is_empty());
    assert_eq!(
        names().find("dell'OpenAI, l’AWS"),
        ["OpenAI", "Amazon Web Services"]
    );
    assert_eq!(
        names().find("Die Deutsche Telekom zahlt"),
        ["Deutsche Telekom"]
    );
    assert_eq!(names().find("Meta Platforms' capex"), ["Meta"]);
    assert!(CompanyNames::default().find("OpenAI").is_empty());
}

#[test]
fn only_digits_and_number_words_can_start_a_figure() {
    use figures::may_hold_figure;
    for text in [
        "38",
        "nel 2026",
        "Mille miliardi",
        "MIL millones",
        "x mil y",
    ] {
        assert!(may_hold_figure(text), "{text}");
    }
    for text in ["miliardi di dollari", "Milano", "a million", "", "milles"] {
        assert!(!may_hold_figure(text), "{text}");
    }
    // A text without a digit still gives the figures its number words start.
    let found = extract(
        "Un accordo da mille miliardi di dollari.\n\nNessun altro numero, miliardi a parte.",
        Some(Italian),
        &names(),
    );
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].text, "mille miliardi di dollari");
    assert!(extract("Miliardi e miliardi di parole.", Some(Italian), &names()).is_empty());
}

#[test]
fn a_range_is_one_figure_with_two_ends() {
    let range = |text: &str, language| {
        let found = one(text, language);
        (
            found.figure.amount,
            found.high,
            found.figure.currency,
            found.text,
        )
    };
    for (text, language, low, high, currency, span) in [
        (
            "A $10-20 billion deal.",
            English,
            10 * B,
            20 * B,
            USD,
            "$10-20 billion",
        ),
        (
            "A deal worth between $10bn and $15bn.",
            English,
            10 * B,
            15 * B,
            USD,
            "between $10bn and $15bn",
        ),
        (
            "A deal of $10bn–$15bn.",
            English,
            10 * B,
            15 * B,
            USD,
            "$10bn–$15bn",
        ),
        (
            "It will cost 10 to 15 billion dollars.",
            English,
            10 * B,
            15 * B,
            USD,
            "10 to 15 billion dollars",
        ),
        (
            "Un accordo tra 10 e 15 miliardi di dollari.",
            Italian,
            10 * B,
            15 * B,
            USD,
            "tra 10 e 15 miliardi di dollari",
        ),
        (
            "Un contrat entre 10 et 15 milliards d'euros.",
            French,
            10 * B,
            15 * B,
            EUR,
            "entre 10 et 15 milliards d'euros",
        ),
        (
            "Ein Auftrag zwischen 10 und 15 Milliarden Euro.",
            German,
            10 * B,
            15 * B,
            EUR,
            "zwischen 10 und 15 Milliarden Euro",
        ),
        (
            "Un acuerdo de 10 a 15 mil millones de dólares.",
            Spanish,
            10 * B,
            15 * B,
            USD,
            "de 10 a 15 mil millones de dólares",
        ),
        (
            "Accordo da 10-15 miliardi di euro.",
            Italian,
            10 * B,
            15 * B,
            EUR,
            "10-15 miliardi di euro",
        ),
    ] {
        assert_eq!(
            range(text, language),
            (low, Some(high), currency, span.to_string()),
            "{text}"
        );
    }
    // "and" without "between" is two figures; so are two ends that disagree.
    let two = extract(
        "Amazon put in $4 billion and Google $2 billion.",
        Some(English),
        &names(),
    );
    assert_eq!(two.iter().map(|f| f.high).collect::<Vec<_>>(), [None, None]);
    let two = extract("From $10bn to €15bn.", Some(English), &names());
    assert_eq!(two.len(), 2, "{two:?}");
}

#[test]
fn german_ueber_after_a_noun_is_what_the_contract_is_for() {
    let found = one(
        "OpenAI schließt einen Vertrag über 38 Milliarden US-Dollar.",
        German,
    );
    assert_eq!(
        (found.figure.amount, found.figure.qualifier),
        (38 * B, Exact)
    );
    assert_eq!(found.text, "38 Milliarden US-Dollar");
    let found = one("Der Konzern investiert über 38 Milliarden Euro.", German);
    assert_eq!(found.figure.qualifier, AtLeast);
    let found = one("Mit über 5 Milliarden Euro ist es der größte Deal.", German);
    assert_eq!(found.figure.qualifier, AtLeast);
}

#[test]
fn space_grouped_and_indian_figures_in_running_text() {
    let found = one("un acuerdo de 3 000 millones de dólares", Spanish);
    assert_eq!((found.figure.amount, found.figure.currency), (3 * B, USD));
    let found = one("Die Bank zahlt 5 000 Mio. Euro.", German);
    assert_eq!((found.figure.amount, found.figure.currency), (5 * B, EUR));
    let found = one(
        "Reliance will invest ₹5,000 crore in a data centre.",
        English,
    );
    assert_eq!(found.figure.amount, 50 * B);
    assert_eq!(
        found.figure.currency.map(|c| c.as_str().to_string()),
        Some("INR".into())
    );
}

#[test]
fn each_sentence_is_read_in_its_own_language_when_none_is_given() {
    let text = "Le groupe a levé 1,2 milliard d'euros auprès de ses actionnaires. La empresa invirtió 3.000 millones de dólares en chips. Separately, the startup raised $2.5 billion last week.";
    let found: Vec<(i64, Option<Currency>)> = extract(text, None, &names())
        .into_iter()
        .map(|f| (f.figure.amount, f.figure.currency))
        .collect();
    assert_eq!(
        found,
        [(1_200_000_000, EUR), (3 * B, USD), (2_500_000_000, USD)]
    );
}

#[test]
fn a_figure_glued_to_its_scale_ends_its_sentence() {
    let found = extract(
        "The round raised €500m. Amazon paid $2bn.",
        Some(English),
        &names(),
    );
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].sentence, "The round raised €500m.");
    assert_eq!(found[1].sentence, "Amazon paid $2bn.");
}

#[test]
fn rupees_written_rs_and_indian_grouping_only_for_indian_figures() {
    let inr = Some(Currency::INR);
    let found = one("Tata raised Rs 1,00,00,000 from investors.", English);
    assert_eq!(
        (found.figure.amount, found.figure.currency),
        (10_000_000, inr)
    );
    let found = extract(
        "The deal is worth Rs. 500 crore. It closed.",
        Some(English),
        &names(),
    );
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        (found[0].figure.amount, found[0].figure.currency),
        (5 * B, inr)
    );
    assert_eq!(found[0].sentence, "The deal is worth Rs. 500 crore.");
}
