//! A report over time as a bar chart in the terminal: one horizontal bar per
//! period (empty periods included), one chart per currency. Groups that
//! partition the deals (kind, status) are stacked inside the bar with a glyph
//! (and, on a colour terminal, a colour) each; groups that overlap (company,
//! counterparty, tag) get a named line each, side by side, never added.
//!
//! ```text
//! Deal value per quarter, USD
//! 2025-Q3 │████████████▌ $10.0B
//! 2025-Q4 │██████████████████████████████████████████████ $38.0B
//! 2026-Q1 │ $0
//! ```

pub(crate) mod series;

use std::io::Write;

use anstyle::AnsiColor;

use self::series::{Chart, Panel, deals, money, sanitize, scale};
use super::Style;
use crate::error::Result;
use crate::model::report::Report;

/// Glyphs of the groups, largest group first; the last also stands for
/// "other groups" when there are more than [`series::MAX_GROUPS`].
const GLYPHS: [char; series::MAX_GROUPS] = ['█', '▓', '▒', '░', '▚', '▞', '▄', '▀'];
/// Colours of the groups, in the same order as the glyphs.
const COLORS: [AnsiColor; series::MAX_GROUPS] = [
    AnsiColor::Blue,
    AnsiColor::Yellow,
    AnsiColor::Green,
    AnsiColor::Magenta,
    AnsiColor::Cyan,
    AnsiColor::Red,
    AnsiColor::BrightBlue,
    AnsiColor::BrightBlack,
];
/// Partial cells of an ungrouped bar, in eighths (index 1 = ⅛).
const EIGHTHS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
/// The width when the output is not a terminal.
const DEFAULT_WIDTH: usize = 80;
/// Bars stay at least this long however narrow the terminal.
const MIN_BAR: usize = 10;

/// Draws `report` as bar charts, one per currency, to fit `style.width`.
pub fn terminal(out: &mut dyn Write, report: &Report, style: Style) -> Result<()> {
    if report.rows.is_empty() {
        writeln!(out, "no deals to chart")?;
        return Ok(());
    }
    let chart = Chart::of(report);
    let width = style.width.map_or(DEFAULT_WIDTH, usize::from);
    if chart.panels.is_empty() {
        writeln!(out, "no deals with a disclosed value to chart")?;
    }
    for (i, panel) in chart.panels.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        write_panel(out, &chart, panel, width, style)?;
    }
    if let Some(note) = &chart.overlap {
        writeln!(out, "\nNote: {note}.")?;
    }
    if chart.undisclosed > 0 {
        let n = deals(chart.undisclosed);
        writeln!(out, "\n{n} without a disclosed value, not charted")?;
    }
    if chart.unconverted > 0 {
        let n = deals(chart.unconverted as u64);
        writeln!(
            out,
            "{n} with no exchange rate to convert them, not charted"
        )?;
    }
    Ok(())
}

fn write_panel(
    out: &mut dyn Write,
    chart: &Chart,
    panel: &Panel,
    width: usize,
    style: Style,
) -> Result<()> {
    let title = super::paint(&chart.title(panel), super::BOLD, style.color);
    writeln!(out, "{title}")?;

    if panel.side_by_side {
        write_side_by_side(out, panel, width, style)?;
    } else {
        write_stacked(out, panel, width, style)?;
    }
    if panel.bars.iter().any(|b| b.imprecise) {
        writeln!(out, "* includes deals dated less precisely than the period")?;
    }
    if panel.undated > 0 {
        let (n, currency) = (deals(panel.undated), &panel.currency);
        writeln!(out, "{n} in {currency} without a date, not charted")?;
    }
    if panel.hidden > 0 {
        let groups = hidden_groups(panel.hidden);
        writeln!(out, "{groups} not charted; the table lists them")?;
    }
    if panel.folded_other {
        writeln!(out, "{FOLDED_OTHER}, not charted; the table lists it")?;
    }
    Ok(())
}

/// Why a side-by-side panel has no `other` bar.
pub(crate) const FOLDED_OTHER: &str =
    "'other' (the folded groups, which share deals and could count one twice)";

/// "3 smaller groups": what a side-by-side panel leaves out past its largest.
pub(crate) fn hidden_groups(hidden: usize) -> String {
    let groups = if hidden == 1 { "group" } else { "groups" };
    format!("{hidden} smaller {groups}")
}

/// One bar a period, its groups stacked inside it, with a legend.
fn write_stacked(out: &mut dyn Write, panel: &Panel, width: usize, style: Style) -> Result<()> {
    let labels: Vec<String> = panel.bars.iter().map(|b| sanitize(&b.period)).collect();
    let values: Vec<String> = panel
        .bars
        .iter()
        .map(|b| value_text(b.total, b.imprecise, &panel.currency))
        .collect();
    let label_width = widest(&labels);
    // "label │bar value"
    let cells = bar_cells(width, label_width, widest(&values));
    let max = panel.max();
    for ((bar, label), value) in panel.bars.iter().zip(&labels).zip(&values) {
        let drawn = if panel.groups.is_empty() {
            let mut eighths = scale(bar.total, max, cells * 8);
            if eighths == 0 && bar.total > 0 {
                eighths = 1; // a small deal still shows
            }
            let text = format!("{}{}", "█".repeat(eighths / 8), EIGHTHS[eighths % 8]);
            paint(&text, 0, style)
        } else {
            stacked(&bar.segments, max, cells, style)
        };
        writeln!(out, "{label:<label_width$} │{drawn} {value}")?;
    }
    if !panel.groups.is_empty() {
        write_legend(out, &panel.groups, label_width + 2, width, style)?;
    }
    Ok(())
}

/// A line of a side-by-side chart: the period label (on its first line
/// only), the group's slot and value (none for an empty period), the value text.
type SideLine = (String, Option<(usize, i128)>, String);

/// A line a group in each period, named, with a bar of its own: groups that
/// share deals are never added into one bar. A period with no group gets one
/// empty line.
fn write_side_by_side(
    out: &mut dyn Write,
    panel: &Panel,
    width: usize,
    style: Style,
) -> Result<()> {
    let mut lines: Vec<SideLine> = Vec::new();
    for bar in &panel.bars {
        let mut period = sanitize(&bar.period);
        let shown = bar.segments.iter().enumerate().filter(|(_, v)| **v != 0);
        for (slot, value) in shown {
            let text = value_text(*value, bar.imprecise, &panel.currency);
            lines.push((std::mem::take(&mut period), Some((slot, *value)), text));
        }
        if !period.is_empty() {
            lines.push((period, None, value_text(0, false, &panel.currency)));
        }
    }
    let names: Vec<String> = panel.groups.iter().map(|g| sanitize(g)).collect();
    let label_width = widest(&lines.iter().map(|l| l.0.clone()).collect::<Vec<_>>());
    let name_width = widest(&names);
    let value_width = widest(&lines.iter().map(|l| l.2.clone()).collect::<Vec<_>>());
    let cells = bar_cells(width, label_width + 1 + name_width, value_width);
    let max = panel.max();
    for (label, slot, value) in &lines {
        let (name, drawn) = match *slot {
            Some((slot, amount)) => {
                // A small deal still shows.
                let length = scale(amount, max, cells).max(usize::from(amount > 0));
                let glyph = GLYPHS[slot.min(GLYPHS.len() - 1)];
                let run: String = std::iter::repeat_n(glyph, length).collect();
                (names[slot].as_str(), paint(&run, slot, style))
            }
            None => ("", String::new()),
        };
        writeln!(
            out,
            "{label:<label_width$} {name:<name_width$} │{drawn} {value}"
        )?;
    }
    Ok(())
}

/// "$38.0B", with a star when the value holds deals dated less precisely
/// than the period.
fn value_text(value: i128, imprecise: bool, currency: &str) -> String {
    let star = if imprecise { "*" } else { "" };
    format!("{}{star}", money(value, currency))
}

/// The display width of the widest text.
fn widest(texts: &[String]) -> usize {
    texts.iter().map(|t| t.chars().count()).max().unwrap_or(0)
}

/// The cells a bar may take in "label │bar value" at `width`.
fn bar_cells(width: usize, label_width: usize, value_width: usize) -> usize {
    width
        .saturating_sub(label_width + 3 + value_width)
        .max(MIN_BAR)
}

/// A grouped bar: each segment ends where the running sum ends, so rounding
/// never makes the whole bar shorter than its total, and longer only by the
/// one cell each tiny group gets so that it shows.
fn stacked(segments: &[i128], max: i128, cells: usize, style: Style) -> String {
    let mut text = String::new();
    let (mut sum, mut drawn) = (0_i128, 0_usize);
    for (slot, segment) in segments.iter().enumerate() {
        sum = sum.saturating_add(*segment);
        // A group with money always shows, even when rounding would hide it.
        let end = scale(sum, max, cells).max(drawn + usize::from(*segment > 0));
        let glyph = GLYPHS[slot.min(GLYPHS.len() - 1)];
        let run: String = std::iter::repeat_n(glyph, end - drawn).collect();
        if !run.is_empty() {
            text.push_str(&paint(&run, slot, style));
        }
        drawn = end;
    }
    text
}

/// Text in the colour of group `slot`, when colour is on.
fn paint(text: &str, slot: usize, style: Style) -> String {
    let color = COLORS[slot.min(COLORS.len() - 1)];
    let look = anstyle::Style::new().fg_color(Some(color.into()));
    super::paint(text, look, style.color && !text.is_empty())
}

/// "█ OpenAI  ▓ Microsoft  ▞ other groups", wrapped to the width and indented
/// to start under the bars.
fn write_legend(
    out: &mut dyn Write,
    groups: &[String],
    indent: usize,
    width: usize,
    style: Style,
) -> Result<()> {
    let mut line = String::new();
    let mut used = 0;
    for (slot, group) in groups.iter().enumerate() {
        let name = sanitize(group);
        let glyph = GLYPHS[slot.min(GLYPHS.len() - 1)].to_string();
        let entry_width = name.chars().count() + 2;
        if used > 0 && indent + used + 2 + entry_width > width {
            writeln!(out, "{:indent$}{line}", "")?;
            line.clear();
            used = 0;
        }
        if used > 0 {
            line.push_str("  ");
            used += 2;
        }
        line.push_str(&format!("{} {name}", paint(&glyph, slot, style)));
        used += entry_width;
    }
    if used > 0 {
        writeln!(out, "{:indent$}{line}", "")?;
    }
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests;
