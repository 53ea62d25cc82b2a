//! A report over time as a standalone SVG document: vertical bars per period,
//! one panel per currency stacked top to bottom. Groups that partition the
//! deals (kind, status) are stacked; groups that overlap (company,
//! counterparty, tag) stand side by side, so no deal is drawn twice in a bar.
//!
//! Drawn with `plotters` (SVG backend only, `default-features = false`) rather
//! than hand-written SVG. We read its SVG backend before choosing it
//! (`plotters-svg` 0.3.7, `SVGBackend::escape_and_push`): every text node and
//! every attribute value goes through an escape of `&`, `<`, `>`, `"` and `'`,
//! so company names reach the file as data, never as markup. Without its `ttf`
//! feature it measures text with a built-in estimate instead of loading fonts,
//! so it needs no font files or system libraries; the whole dependency is
//! plotters, plotters-backend, plotters-svg and num-traits. It gives us axes,
//! tick placement and legends that we would otherwise write and test by hand.
//! What plotters does not do, we do before handing text over: control
//! characters, which XML does not allow even escaped, become spaces
//! ([`sanitize`]). Its output holds integer pixel positions and no time stamps
//! or random ids, so the same report gives the same bytes.

use std::io::Write;

use plotters::backend::SVGBackend;
use plotters::coord::Shift;
use plotters::prelude::*;

use super::chart::series::{Chart, Panel, deals, sanitize, tick};
use crate::error::{Error, Result};
use crate::model::report::Report;

/// The document's width and each panel's height, in pixels.
const WIDTH: u32 = 900;
const PANEL_HEIGHT: u32 = 440;
/// Room for the y-axis labels and the notes under a panel.
const Y_LABELS: u32 = 80;
const NOTES: u32 = 22;
/// The legend's column right of a grouped panel, and the characters of a
/// group name that fit in it.
const LEGEND: u32 = 200;
const LEGEND_CHARS: usize = 24;
/// At most this many intervals on the y axis.
const MAX_STEPS: i128 = 6;
const FONT: &str = "sans-serif";

/// Group colours (Tableau 10), largest group first; the last is "other groups".
const COLORS: [RGBColor; 8] = [
    RGBColor(0x4e, 0x79, 0xa7),
    RGBColor(0xf2, 0x8e, 0x2b),
    RGBColor(0x59, 0xa1, 0x4f),
    RGBColor(0xe1, 0x57, 0x59),
    RGBColor(0x76, 0xb7, 0xb2),
    RGBColor(0xed, 0xc9, 0x48),
    RGBColor(0xb0, 0x7a, 0xa1),
    RGBColor(0x9c, 0x9c, 0x9c),
];

/// Writes `report` as an SVG document.
pub fn write(out: &mut dyn Write, report: &Report) -> Result<()> {
    let chart = Chart::of(report);
    let panels = chart.panels.len().max(1) as u32;
    let mut svg = String::new();
    {
        let root =
            SVGBackend::with_string(&mut svg, (WIDTH, PANEL_HEIGHT * panels)).into_drawing_area();
        root.fill(&WHITE).map_err(failed)?;
        if chart.panels.is_empty() {
            let message = if report.rows.is_empty() {
                "no deals to chart"
            } else {
                "no deals with a disclosed value to chart"
            };
            root.draw(&Text::new(message, (20, 40), (FONT, 20).into_font()))
                .map_err(failed)?;
        }
        let areas = root.split_evenly((chart.panels.len().max(1), 1));
        for (i, (panel, area)) in chart.panels.iter().zip(&areas).enumerate() {
            draw_panel(area, &chart, panel, i + 1 == chart.panels.len())?;
        }
        root.present().map_err(failed)?;
    }
    out.write_all(svg.as_bytes())?;
    Ok(())
}

fn failed(error: impl std::fmt::Display) -> Error {
    Error::invalid(format!("cannot draw the SVG chart: {error}"))
}

/// Draws one currency's panel; the `last` one also carries the notes that
/// concern the whole report.
fn draw_panel(
    area: &DrawingArea<SVGBackend, Shift>,
    chart: &Chart,
    panel: &Panel,
    last: bool,
) -> Result<()> {
    let (plot, notes) = area.split_vertically(PANEL_HEIGHT - NOTES);
    let (plot, legend) = if panel.groups.is_empty() {
        (plot, None)
    } else {
        let (plot, legend) = plot.split_horizontally(WIDTH - LEGEND);
        (plot, Some(legend))
    };
    let (step, steps) = nice_steps(panel.max());
    let top = step.saturating_mul(steps) as f64;
    let count = panel.bars.len().max(1);
    let label_chars = panel
        .bars
        .iter()
        .map(|b| b.period.chars().count())
        .max()
        .unwrap_or(1);
    // A period label is about 8 px a character, plus a gap: keep the rest out.
    let plot_width = plot.dim_in_pixel().0.saturating_sub(Y_LABELS) as usize;
    let fit = (plot_width / (label_chars * 8 + 16)).max(1);

    let mut builder = ChartBuilder::on(&plot);
    builder
        .caption(sanitize(&chart.title(panel)), (FONT, 22))
        .margin(12)
        .x_label_area_size(30)
        .y_label_area_size(Y_LABELS);
    let mut ctx = builder
        .build_cartesian_2d(-0.5..(count as f64 - 0.5), 0.0..top)
        .map_err(failed)?;

    let periods: Vec<String> = panel.bars.iter().map(|b| sanitize(&b.period)).collect();
    let period_label = |x: &f64| -> String {
        let index = x.round();
        if (x - index).abs() > 1e-6 || index < 0.0 {
            return String::new();
        }
        periods.get(index as usize).cloned().unwrap_or_default()
    };
    let currency = panel.currency.as_str();
    let money_label = |y: &f64| -> String {
        // Ticks sit on multiples of `step`; rounding hides float noise.
        let multiple = (y / step as f64).round() as i128;
        tick(multiple.saturating_mul(step), currency)
    };
    ctx.configure_mesh()
        .disable_x_mesh()
        .max_light_lines(0)
        .bold_line_style(RGBColor(0xdd, 0xdd, 0xdd))
        .x_labels(fit.min(count))
        .x_label_formatter(&period_label)
        .y_labels(steps as usize + 1)
        .y_label_formatter(&money_label)
        .label_style((FONT, 15))
        .draw()
        .map_err(failed)?;

    let slots = panel.groups.len().max(1);
    for slot in 0..slots {
        let color = COLORS[slot.min(COLORS.len() - 1)];
        let rectangles = panel.bars.iter().enumerate().filter_map(|(i, bar)| {
            let segment = bar.segments.get(slot).copied().unwrap_or(0);
            if segment <= 0 {
                return None;
            }
            let x = i as f64;
            let (left, right, base) = if panel.side_by_side {
                let width = 0.8 / slots as f64;
                let left = x - 0.4 + width * slot as f64;
                (left, left + width, 0)
            } else {
                let below = bar.segments[..slot].iter();
                (
                    x - 0.4,
                    x + 0.4,
                    below.fold(0, |a: i128, b| a.saturating_add(*b)),
                )
            };
            let top = base.saturating_add(segment) as f64;
            Some(Rectangle::new(
                [(left, base as f64), (right, top)],
                color.filled(),
            ))
        });
        ctx.draw_series(rectangles).map_err(failed)?;
    }
    if let Some(legend) = legend {
        draw_legend(&legend, &panel.groups)?;
    }

    let note = notes_of(chart, panel, last);
    if !note.is_empty() {
        notes
            .draw(&Text::new(
                note,
                (Y_LABELS as i32, 4),
                (FONT, 15).into_font(),
            ))
            .map_err(failed)?;
    }
    Ok(())
}

/// A swatch and a name per group, top to bottom in stacking order.
fn draw_legend(area: &DrawingArea<SVGBackend, Shift>, groups: &[String]) -> Result<()> {
    for (slot, group) in groups.iter().enumerate() {
        let color = COLORS[slot.min(COLORS.len() - 1)];
        let y = 50 + 20 * slot as i32;
        area.draw(&Rectangle::new([(4, y), (16, y + 12)], color.filled()))
            .map_err(failed)?;
        let mut name = sanitize(group);
        if name.chars().count() > LEGEND_CHARS {
            name = name.chars().take(LEGEND_CHARS - 1).collect::<String>() + "…";
        }
        area.draw(&Text::new(name, (22, y), (FONT, 15).into_font()))
            .map_err(failed)?;
    }
    Ok(())
}

/// What this panel leaves out, in one line under it.
fn notes_of(chart: &Chart, panel: &Panel, last: bool) -> String {
    let mut notes = Vec::new();
    if panel.bars.iter().any(|b| b.imprecise) {
        notes.push("some deals are dated less precisely than their period".to_string());
    }
    if panel.undated > 0 {
        notes.push(format!("{} without a date", deals(panel.undated)));
    }
    if last && chart.undisclosed > 0 {
        let n = deals(chart.undisclosed);
        notes.push(format!("{n} without a disclosed value"));
    }
    if last && chart.unconverted > 0 {
        let n = deals(chart.unconverted as u64);
        notes.push(format!("{n} with no exchange rate"));
    }
    if panel.hidden > 0 {
        notes.push(super::chart::hidden_groups(panel.hidden));
    }
    let mut parts = Vec::new();
    if !notes.is_empty() {
        parts.push(format!("Not charted: {}.", notes.join("; ")));
    }
    if last && let Some(note) = &chart.overlap {
        parts.push(format!("Note: {note}."));
    }
    parts.join(" ")
}

/// A round step (1, 2 or 5 times a power of ten, in whole currency units) and
/// how many of them reach `max`: at most [`MAX_STEPS`], at least one.
fn nice_steps(max: i128) -> (i128, i128) {
    let max = max.max(1);
    let mut power: i128 = 1;
    loop {
        for factor in [1, 2, 5] {
            let Some(step) = power.checked_mul(factor) else {
                return (power, max.div_euclid(power).saturating_add(1));
            };
            let steps = max.div_euclid(step) + i128::from(max.rem_euclid(step) != 0);
            if steps <= MAX_STEPS {
                return (step, steps);
            }
        }
        match power.checked_mul(10) {
            Some(next) => power = next,
            None => return (power, max.div_euclid(power).saturating_add(1)),
        }
    }
}

#[cfg(test)]
mod tests;
