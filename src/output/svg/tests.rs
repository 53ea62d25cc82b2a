use super::*;
use crate::model::report::{GroupBy, Row};
use crate::output::chart::tests::{report, row};

const B: i128 = 1_000_000_000;

fn svg(report: &Report) -> String {
    let mut out = Vec::new();
    write(&mut out, report).unwrap();
    let text = String::from_utf8(out).unwrap();
    check_xml(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    text
}

/// A strict little XML check: tags balance, one root, attribute values are
/// quoted, and `<` or a bare `&` never appears in text or attribute values.
fn check_xml(text: &str) -> Result<(), String> {
    let mut stack: Vec<&str> = Vec::new();
    let mut roots = 0;
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        check_text(&rest[..open])?;
        rest = &rest[open..];
        if rest.starts_with("<?") || rest.starts_with("<!--") {
            let end = if rest.starts_with("<?") { "?>" } else { "-->" };
            let close = rest.find(end).ok_or("unclosed declaration")?;
            rest = &rest[close + end.len()..];
            continue;
        }
        let close = tag_end(rest)?;
        let tag = &rest[1..close];
        rest = &rest[close + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            match stack.pop() {
                Some(open) if open == name.trim() => {}
                other => return Err(format!("</{name}> closes {other:?}")),
            }
            continue;
        }
        let empty = tag.ends_with('/');
        let tag = tag.trim_end_matches('/');
        let name = tag.split_whitespace().next().ok_or("empty tag")?;
        if !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ':')
        {
            return Err(format!("bad tag name {name:?}"));
        }
        check_attributes(&tag[name.len()..])?;
        if stack.is_empty() {
            roots += 1;
        }
        if !empty {
            stack.push(name);
        }
    }
    check_text(rest)?;
    match (stack.is_empty(), roots) {
        (true, 1) => Ok(()),
        _ => Err(format!("unclosed {stack:?} or {roots} roots")),
    }
}

/// Where a tag ends: the first `>` outside a quoted attribute value.
fn tag_end(tag: &str) -> Result<usize, String> {
    let mut quote = None;
    for (i, c) in tag.char_indices().skip(1) {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '<') => return Err(format!("'<' inside a tag: {tag:.60}")),
            (Some(_), '<') => return Err(format!("'<' in an attribute: {tag:.60}")),
            (None, '>') => return Ok(i),
            _ => {}
        }
    }
    Err("unclosed tag".to_string())
}

fn check_attributes(mut attributes: &str) -> Result<(), String> {
    loop {
        attributes = attributes.trim_start();
        if attributes.is_empty() {
            return Ok(());
        }
        let eq = attributes.find('=').ok_or("attribute without a value")?;
        let quote = attributes[eq + 1..].chars().next().ok_or("no value")?;
        if quote != '"' && quote != '\'' {
            return Err(format!("unquoted attribute: {attributes:.40}"));
        }
        let value = &attributes[eq + 2..];
        let end = value.find(quote).ok_or("unclosed attribute")?;
        check_text(&value[..end])?;
        attributes = &value[end + 1..];
    }
}

/// Text may hold entities but no bare `&`, and no control characters.
fn check_text(text: &str) -> Result<(), String> {
    if let Some(c) = text
        .chars()
        .find(|c| c.is_control() && !"\t\n\r".contains(*c))
    {
        return Err(format!("control character {c:?} in {text:?}"));
    }
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        rest = &rest[amp + 1..];
        let end = rest
            .find(';')
            .ok_or_else(|| format!("bare & in {text:?}"))?;
        let entity = &rest[..end];
        let known = ["amp", "lt", "gt", "quot", "apos"].contains(&entity)
            || entity
                .strip_prefix('#')
                .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()));
        if !known {
            return Err(format!("bad entity &{entity}; in {text:?}"));
        }
    }
    Ok(())
}

/// The text nodes of `<text>` elements, trimmed.
fn texts(svg: &str) -> Vec<&str> {
    svg.split("<text")
        .skip(1)
        .filter_map(|t| {
            let start = t.find('>')? + 1;
            let end = t.find("</text>")?;
            Some(t[start..end].trim())
        })
        .collect()
}

fn quarters() -> Report {
    report(
        GroupBy::None,
        &["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"],
        vec![
            row("2025-Q1", None, "USD", 12 * B),
            row("2025-Q4", None, "USD", 38 * B),
        ],
    )
}

#[test]
fn the_checker_rejects_broken_xml() {
    assert!(check_xml("<svg><text>a</text></svg>").is_ok());
    assert!(check_xml("<svg><text>a</svg>").is_err());
    assert!(check_xml("<svg><text>AT&T</text></svg>").is_err());
    assert!(check_xml("<svg><text><b></text></svg>").is_err());
    assert!(check_xml("<svg a=\"<\"/>").is_err());
    assert!(check_xml("<svg/><svg/>").is_err());
}

#[test]
fn a_document_with_title_axes_and_money_ticks() {
    let text = svg(&quarters());
    assert!(text.starts_with("<svg "), "{text}");
    assert!(text.contains("xmlns=\"http://www.w3.org/2000/svg\""));
    let labels = texts(&text);
    assert!(
        labels.contains(&"Deal value per quarter, USD"),
        "{labels:?}"
    );
    for tick in ["$0", "$10B", "$20B", "$30B", "$40B"] {
        assert!(labels.contains(&tick), "{tick} in {labels:?}");
    }
    for period in ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"] {
        assert!(labels.contains(&period), "{period} in {labels:?}");
    }
    assert_eq!(
        text.matches("<rect").count(),
        1 + 2,
        "background and two bars"
    );
}

#[test]
fn the_same_report_gives_the_same_bytes() {
    assert_eq!(svg(&quarters()), svg(&quarters()));
}

#[test]
fn hostile_group_names_are_escaped() {
    let r = report(
        GroupBy::Company,
        &["2025"],
        vec![
            row("2025", Some("AT&T <\"Labs\">"), "USD", 3 * B),
            row("2025", Some("O'Neil\u{0}</text><script>"), "USD", B),
        ],
    );
    let text = svg(&r);
    assert!(text.contains("AT&amp;T &lt;&quot;Labs&quot;&gt;"), "{text}");
    assert!(
        text.contains("O&apos;Neil &lt;/text&gt;&lt;script&gt;"),
        "{text}"
    );
    assert!(!text.contains("<script"), "{text}");
}

/// Oracle's $30B in 2025-Q3; Oracle's $10B and AWS's $38B in 2025-Q4.
fn oracle_and_aws(group: GroupBy) -> Report {
    report(
        group,
        &["2025-Q3", "2025-Q4"],
        vec![
            row("2025-Q3", Some("Oracle"), "USD", 30 * B),
            row("2025-Q4", Some("Oracle"), "USD", 10 * B),
            row("2025-Q4", Some("AWS"), "USD", 38 * B),
        ],
    )
}

#[test]
fn groups_that_partition_the_deals_are_stacked_and_named_in_a_legend() {
    let r = oracle_and_aws(GroupBy::Kind);
    let text = svg(&r);
    let labels = texts(&text);
    assert!(
        labels.contains(&"AWS") && labels.contains(&"Oracle"),
        "{labels:?}"
    );
    // Oracle ($40B) is the larger group: drawn first, at the bottom, in blue.
    let oracle = text.find(">\nOracle\n<").unwrap();
    assert!(oracle < text.find(">\nAWS\n<").unwrap(), "{text}");
    assert_eq!(text.matches("fill=\"#4E79A7\"").count(), 2 + 1, "{text}");
    assert_eq!(text.matches("fill=\"#F28E2B\"").count(), 1 + 1, "{text}");
}

#[test]
fn each_currency_gets_a_panel() {
    let r = report(
        GroupBy::None,
        &["2025"],
        vec![
            row("2025", None, "USD", 38 * B),
            row("2025", None, "EUR", 2 * B),
        ],
    );
    let text = svg(&r);
    let labels = texts(&text);
    assert!(
        labels.contains(&"Deal value per quarter, EUR"),
        "{labels:?}"
    );
    assert!(
        labels.contains(&"Deal value per quarter, USD"),
        "{labels:?}"
    );
    assert!(
        labels.contains(&"€2B") || labels.contains(&"€2.0B"),
        "{labels:?}"
    );
    let height = |svg: &str| -> u32 {
        let start = svg.find(" height=\"").unwrap() + 9;
        svg[start..].split('"').next().unwrap().parse().unwrap()
    };
    let one = svg(&report(
        GroupBy::None,
        &["2025"],
        vec![row("2025", None, "USD", B)],
    ));
    assert!(
        height(&text) > 2 * (height(&one) - 2 * NOTE_LINE),
        "two panels"
    );
}

#[test]
fn every_period_is_labelled_upright_when_labels_do_not_fit_side_by_side() {
    let periods: Vec<String> = (0..60)
        .map(|i| format!("{}-{:02}", 2021 + i / 12, i % 12 + 1))
        .collect();
    let names: Vec<&str> = periods.iter().map(String::as_str).collect();
    let rows = names.iter().map(|p| row(p, None, "USD", B)).collect();
    let text = svg(&report(GroupBy::None, &names, rows));
    let shown = texts(&text)
        .into_iter()
        .filter(|t| names.contains(t))
        .count();
    assert_eq!(shown, 60, "every period has its label");
    assert_eq!(text.matches("rotate(270").count(), 60, "standing upright");
    let few = svg(&report(
        GroupBy::None,
        &["2025"],
        vec![row("2025", None, "USD", B)],
    ));
    assert!(!few.contains("rotate("), "a few labels lie flat");
    assert!(texts(&few).contains(&"2025"));
}

#[test]
fn notes_are_true_and_fit_the_image() {
    let mut imprecise = row(
        "2025",
        Some("An extremely long company name for the legend"),
        "USD",
        B,
    );
    imprecise.imprecise = 1;
    let mut r = report(GroupBy::Company, &["2025"], vec![imprecise]);
    r.rows.push(row("2026", Some("Other"), "USD", B));
    r.periods.push("2026".into());
    let text = svg(&r);
    let lines = texts(&text);
    let drawn = lines
        .iter()
        .find(|l| l.contains("dated less precisely"))
        .unwrap_or_else(|| panic!("{lines:?}"));
    assert!(
        drawn.starts_with("Note: "),
        "imprecise bars are drawn: {drawn}"
    );
    assert!(
        !lines
            .iter()
            .any(|l| l.starts_with("Not charted") && l.contains("precisely"))
    );
    // Every note line fits the width at about 8 px a character.
    let width: usize = {
        let start = text.find(" width=\"").unwrap() + 8;
        text[start..].split('"').next().unwrap().parse().unwrap()
    };
    for line in lines
        .iter()
        .filter(|l| l.starts_with("Note") || l.contains("total"))
    {
        assert!(20 + line.chars().count() * 8 <= width, "{line}");
    }
}

#[test]
fn empty_and_extreme_reports_still_make_documents() {
    let text = svg(&report(GroupBy::None, &[], vec![]));
    assert!(texts(&text).contains(&"no deals to chart"), "{text}");

    let mut huge: Vec<Row> = vec![row("2025", Some("A"), "USD", i128::MAX)];
    huge.push(row("2025", Some("B"), "USD", i128::MAX));
    svg(&report(GroupBy::Company, &["2025"], huge));
    svg(&report(
        GroupBy::None,
        &["2025"],
        vec![row("2025", None, "USD", 0)],
    ));
}

#[test]
fn steps_are_round_and_few() {
    assert_eq!(nice_steps(38 * B), (10 * B, 4));
    assert_eq!(nice_steps(0), (1, 1));
    assert_eq!(nice_steps(7), (2, 4));
    assert_eq!(nice_steps(100), (20, 5));
    let (step, steps) = nice_steps(i128::MAX);
    assert!(step > 0 && steps <= MAX_STEPS + 1);
}

/// (x, bottom, height) of every bar drawn in `fill`, legend swatches left out.
fn bars_in(text: &str, fill: &str) -> Vec<(i64, i64, i64)> {
    let number = |rect: &str, name: &str| -> i64 {
        let start = rect.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
        rect[start..].split('"').next().unwrap().parse().unwrap()
    };
    text.split("<rect")
        .filter(|r| r.contains(&format!("fill=\"{fill}\"")))
        .map(|r| {
            (
                number(r, "x"),
                number(r, "y") + number(r, "height"),
                number(r, "height"),
            )
        })
        .filter(|(_, _, height)| *height != 12)
        .collect()
}

#[test]
fn overlapping_groups_stand_side_by_side_on_the_axis() {
    let r = oracle_and_aws(GroupBy::Company);
    let text = svg(&r);
    let oracle = bars_in(&text, "#4E79A7");
    let aws = bars_in(&text, "#F28E2B");
    assert_eq!((oracle.len(), aws.len()), (2, 1), "{text}");
    // Every bar stands on the axis, AWS beside Oracle in 2025-Q4.
    assert!(oracle.iter().all(|b| b.1 == aws[0].1), "{oracle:?} {aws:?}");
    assert!(aws[0].0 > oracle[1].0, "{oracle:?} {aws:?}");
    // The tallest bar is AWS's $38B, not a stacked $48B.
    assert!(aws[0].2 > oracle[0].2, "{oracle:?} {aws:?}");
}
