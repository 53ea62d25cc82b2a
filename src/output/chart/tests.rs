//! Tests of the terminal chart, and the report builders the SVG tests share.

use super::series::{money, tick};
use super::*;
use crate::model::report::{GroupBy, Options, Parameters, Row, Total};

pub(crate) fn report(group: GroupBy, periods: &[&str], rows: Vec<Row>) -> Report {
    Report {
        parameters: Parameters::new(
            &Options {
                group,
                ..Options::default()
            },
            vec!["announced".into()],
            None,
            None,
        ),
        periods: periods.iter().map(|p| p.to_string()).collect(),
        rows,
        totals: Vec::new(),
        unconverted: Vec::new(),
    }
}

pub(crate) fn row(period: &str, group: Option<&str>, currency: &str, value: i128) -> Row {
    Row {
        period: Some(period.to_string()),
        group: group.map(str::to_string),
        currency: (!currency.is_empty()).then(|| currency.to_string()),
        deals: 1,
        value,
        qualifiers: Default::default(),
        imprecise: 0,
        cumulative_value: None,
    }
}

const B: i128 = 1_000_000_000;

fn draw(report: &Report, style: Style) -> String {
    let mut out = Vec::new();
    terminal(&mut out, report, style).unwrap();
    String::from_utf8(out).unwrap()
}

fn plain(width: u16) -> Style {
    Style {
        color: false,
        width: Some(width),
    }
}

/// The line of a period's bar.
fn line<'a>(text: &'a str, period: &str) -> &'a str {
    text.lines()
        .find(|l| l.starts_with(&format!("{period} │")))
        .unwrap_or_else(|| panic!("no bar for {period} in\n{text}"))
}

#[test]
fn an_empty_report_says_so() {
    let text = draw(&report(GroupBy::None, &[], vec![]), Style::default());
    assert_eq!(text, "no deals to chart\n");
}

#[test]
fn one_period_fills_the_width() {
    let r = report(
        GroupBy::None,
        &["2025-Q4"],
        vec![row("2025-Q4", None, "USD", 38 * B)],
    );
    let text = draw(&r, plain(40));
    assert_eq!(text.lines().next(), Some("Deal value per quarter, USD"));
    let bar = line(&text, "2025-Q4");
    assert!(bar.ends_with(" $38.0B"), "{text}");
    assert_eq!(bar.chars().count(), 40, "{text}");
    assert_eq!(bar.matches('█').count(), 40 - 7 - 3 - 6);
}

#[test]
fn gaps_are_empty_bars_with_zero() {
    let r = report(
        GroupBy::None,
        &["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"],
        vec![
            row("2025-Q1", None, "USD", 8 * B),
            row("2025-Q4", None, "USD", B),
        ],
    );
    let text = draw(&r, Style::default());
    assert_eq!(line(&text, "2025-Q2"), "2025-Q2 │ $0");
    assert_eq!(line(&text, "2025-Q3"), "2025-Q3 │ $0");
    let periods: Vec<&str> = text.lines().skip(1).map(|l| &l[..7]).collect();
    assert_eq!(periods, ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"]);
}

#[test]
fn eighth_blocks_give_sub_cell_precision() {
    // 10 cells for the bar: $8.0B is 80 eighths, $1.0B is 10 (one cell and ¼).
    let r = report(
        GroupBy::None,
        &["2025-Q1", "2025-Q2"],
        vec![
            row("2025-Q1", None, "USD", 8 * B),
            row("2025-Q2", None, "USD", B),
        ],
    );
    let text = draw(&r, plain(7 + 3 + 5 + 10));
    assert_eq!(line(&text, "2025-Q1"), "2025-Q1 │██████████ $8.0B");
    assert_eq!(line(&text, "2025-Q2"), "2025-Q2 │█▎ $1.0B");
}

#[test]
fn a_tiny_value_still_shows() {
    let r = report(
        GroupBy::None,
        &["2025-Q1", "2025-Q2"],
        vec![
            row("2025-Q1", None, "USD", 1_000 * B),
            row("2025-Q2", None, "USD", 5),
        ],
    );
    assert_eq!(line(&draw(&r, plain(80)), "2025-Q2"), "2025-Q2 │▏ $5");
}

#[test]
fn groups_that_partition_the_deals_are_stacked_with_a_legend() {
    let r = report(
        GroupBy::Kind,
        &["2025-Q4"],
        vec![
            row("2025-Q4", Some("Microsoft"), "USD", 10 * B),
            row("2025-Q4", Some("OpenAI"), "USD", 30 * B),
        ],
    );
    let text = draw(&r, plain(7 + 3 + 6 + 40));
    let bar = line(&text, "2025-Q4");
    assert_eq!(
        bar,
        format!("2025-Q4 │{}{} $40.0B", "█".repeat(30), "▓".repeat(10))
    );
    assert!(
        text.contains("\n         █ OpenAI  ▓ Microsoft\n"),
        "{text}"
    );
}

#[test]
fn many_groups_share_one_glyph_as_other_groups() {
    let rows = (0..12)
        .map(|i| row("2025", Some(&format!("Company {i:02}")), "USD", (i + 1) * B))
        .collect();
    let text = draw(&report(GroupBy::Kind, &["2025"], rows), plain(200));
    let legend = text.lines().find(|l| l.contains("other groups")).unwrap();
    assert!(legend.contains("█ Company 11  ▓ Company 10"), "{text}");
    assert!(legend.ends_with("▀ other groups"), "{text}");
    assert_eq!(legend.matches("Company").count(), 7, "{text}");
}

#[test]
fn each_currency_gets_its_own_chart() {
    let r = report(
        GroupBy::None,
        &["2025-Q4"],
        vec![
            row("2025-Q4", None, "USD", 38 * B),
            row("2025-Q4", None, "EUR", 2 * B),
        ],
    );
    let text = draw(&r, Style::default());
    let titles: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("Deal value"))
        .collect();
    assert_eq!(
        titles,
        ["Deal value per quarter, EUR", "Deal value per quarter, USD"]
    );
    let usd = text.lines().find(|l| l.ends_with(" $38.0B")).unwrap();
    assert_eq!(usd.matches('█').count(), 80 - 7 - 3 - 6, "{text}");
    assert!(text.contains(" €2.0B\n"), "{text}");
}

#[test]
fn cumulative_reports_draw_running_totals() {
    let mut r = report(
        GroupBy::None,
        &["2025-Q1", "2025-Q2", "2025-Q3"],
        vec![
            row("2025-Q1", None, "USD", 10 * B),
            row("2025-Q3", None, "USD", 5 * B),
        ],
    );
    r.parameters.cumulative = true;
    r.rows[0].cumulative_value = Some(10 * B);
    r.rows[1].cumulative_value = Some(15 * B);
    let text = draw(&r, Style::default());
    assert!(
        text.starts_with("Cumulative deal value per quarter, USD\n"),
        "{text}"
    );
    assert!(line(&text, "2025-Q1").ends_with(" $10.0B"), "{text}");
    assert!(
        line(&text, "2025-Q2").ends_with(" $10.0B"),
        "a gap keeps the running total"
    );
    assert!(line(&text, "2025-Q3").ends_with(" $15.0B"), "{text}");
}

#[test]
fn colour_only_when_asked() {
    let r = report(
        GroupBy::Kind,
        &["2025"],
        vec![
            row("2025", Some("compute"), "USD", B),
            row("2025", Some("equity"), "USD", B),
        ],
    );
    assert!(!draw(&r, Style::default()).contains('\u{1b}'));
    let coloured = draw(
        &r,
        Style {
            color: true,
            width: None,
        },
    );
    assert!(coloured.contains("\u{1b}[34m"), "{coloured:?}");
}

#[test]
fn deals_without_value_or_date_are_counted_below() {
    let mut undated = row("x", None, "USD", B);
    undated.period = None;
    let mut r = report(
        GroupBy::None,
        &["2025"],
        vec![
            row("2025", None, "USD", B),
            undated,
            row("2025", None, "", 0),
        ],
    );
    r.rows[2].deals = 3;
    r.totals.push(Total {
        currency: None,
        deals: 3,
        value: 0,
        qualifiers: Default::default(),
    });
    let text = draw(&r, Style::default());
    assert!(
        text.contains("1 deal in USD without a date, not charted"),
        "{text}"
    );
    assert!(
        text.contains("3 deals without a disclosed value, not charted"),
        "{text}"
    );

    let only_undisclosed = report(GroupBy::None, &["2025"], vec![row("2025", None, "", 0)]);
    let text = draw(&only_undisclosed, Style::default());
    assert!(
        text.starts_with("no deals with a disclosed value to chart\n"),
        "{text}"
    );
}

#[test]
fn extreme_values_do_not_panic() {
    let r = report(
        GroupBy::Kind,
        &["2025-Q1", "2025-Q2"],
        vec![
            row("2025-Q1", Some("A"), "USD", i128::MAX),
            row("2025-Q1", Some("B"), "USD", i128::MAX),
            row("2025-Q2", Some("A"), "USD", -5),
        ],
    );
    let text = draw(&r, plain(1));
    assert!(line(&text, "2025-Q2").ends_with("│ -$5"), "{text}");
    let zeros = report(GroupBy::None, &["2025"], vec![row("2025", None, "USD", 0)]);
    assert_eq!(line(&draw(&zeros, Style::default()), "2025"), "2025 │ $0");
}

#[test]
fn names_cannot_send_escape_sequences() {
    let r = report(
        GroupBy::Company,
        &["2025"],
        vec![row("2025", Some("Evil\u{1b}[2J"), "USD", B)],
    );
    let text = draw(&r, Style::default());
    assert!(!text.contains('\u{1b}'), "{text:?}");
    assert!(text.contains("2025 Evil [2J │█"), "{text}");
}

#[test]
fn overlapping_groups_stand_side_by_side_and_are_never_added() {
    // One $30B deal between OpenAI and Microsoft, and a $10B one of Microsoft.
    let r = report(
        GroupBy::Company,
        &["2025-Q3", "2025-Q4"],
        vec![
            row("2025-Q4", Some("Microsoft"), "USD", 40 * B),
            row("2025-Q4", Some("OpenAI"), "USD", 30 * B),
        ],
    );
    let text = draw(&r, plain(7 + 1 + 9 + 3 + 6 + 40));
    let lines: Vec<&str> = text.lines().collect();
    let q4 = lines.iter().position(|l| l.starts_with("2025-Q4")).unwrap();
    assert_eq!(lines[q4 - 1], "2025-Q3           │ $0", "{text}");
    assert_eq!(
        lines[q4],
        format!("2025-Q4 Microsoft │{} $40.0B", "█".repeat(40)),
        "{text}"
    );
    assert_eq!(
        lines[q4 + 1],
        format!("        OpenAI    │{} $30.0B", "▓".repeat(30)),
        "{text}"
    );
    assert!(!text.contains("$70.0B"), "never stacked: {text}");
    assert!(text.contains("do not add up to a period's total"), "{text}");
}

#[test]
fn side_by_side_charts_name_the_groups_they_leave_out() {
    let rows = (0..12)
        .map(|i| row("2025", Some(&format!("Tag {i:02}")), "USD", (i + 1) * B))
        .collect();
    let text = draw(&report(GroupBy::Tag, &["2025"], rows), plain(200));
    assert_eq!(text.matches(" │").count(), 8, "{text}");
    assert!(
        text.contains("Tag 11") && !text.contains("Tag 03"),
        "{text}"
    );
    assert!(
        text.contains("\n4 smaller groups not charted; the table lists them\n"),
        "{text}"
    );
    assert!(!text.contains("other groups"), "{text}");
}

#[test]
fn money_is_readable() {
    assert_eq!(money(38 * B, "USD"), "$38.0B");
    assert_eq!(money(-2 * B, "EUR"), "-€2.0B");
    assert_eq!(money(2_500_000, "CHF"), "CHF 2.5M");
    assert_eq!(tick(10 * B, "USD"), "$10B");
    assert_eq!(tick(2_500_000_000, "USD"), "$2.5B");
    assert_eq!(tick(0, "USD"), "$0");
}

#[test]
fn a_folded_other_of_overlapping_groups_is_not_drawn() {
    // Two folded companies of one €38 deal: `other` adds up to €76.
    let mut r = report(
        GroupBy::Company,
        &["2025"],
        vec![
            row("2025", Some("Kept"), "EUR", 38),
            row("2025", Some("other"), "EUR", 76),
        ],
    );
    r.parameters.top = Some(1);
    let text = draw(&r, plain(80));
    assert!(!text.contains("€76"), "{text}");
    assert!(
        text.contains(
            "'other' (the folded groups, which share deals and could count one twice), not charted"
        ),
        "{text}"
    );
}
