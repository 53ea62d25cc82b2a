//! A report over time as a bar chart in the terminal: one horizontal bar per
//! period (empty periods included), one chart per currency, groups stacked
//! inside the bar with a glyph (and, on a colour terminal, a colour) each.
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

    let labels: Vec<String> = panel.bars.iter().map(|b| sanitize(&b.period)).collect();
    let values: Vec<String> = panel
        .bars
        .iter()
        .map(|b| {
            let star = if b.imprecise { "*" } else { "" };
            format!("{}{star}", money(b.total, &panel.currency))
        })
        .collect();
    let label_width = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let value_width = values.iter().map(|v| v.chars().count()).max().unwrap_or(0);
    // "label │bar value"
    let cells = width
        .saturating_sub(label_width + 3 + value_width)
        .max(MIN_BAR);
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
    if panel.bars.iter().any(|b| b.imprecise) {
        writeln!(out, "* includes deals dated less precisely than the period")?;
    }
    if panel.undated > 0 {
        let (n, currency) = (deals(panel.undated), &panel.currency);
        writeln!(out, "{n} in {currency} without a date, not charted")?;
    }
    Ok(())
}

/// A grouped bar: each segment ends where the running sum ends, so rounding
/// never makes the whole bar longer or shorter than its total.
fn stacked(segments: &[i128], max: i128, cells: usize, style: Style) -> String {
    let mut text = String::new();
    let (mut sum, mut drawn) = (0_i128, 0_usize);
    for (slot, segment) in segments.iter().enumerate() {
        sum = sum.saturating_add(*segment);
        let end = scale(sum, max, cells).max(drawn);
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
