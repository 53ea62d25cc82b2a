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
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::chart::series::{Chart, Panel, deals, sanitize, tick};
use crate::error::{Error, Result};
use crate::model::report::Report;

/// The document's least width and each panel's plot height, in pixels; the
/// document widens when its periods need room for their labels.
const WIDTH: u32 = 900;
const PANEL_HEIGHT: u32 = 418;
/// Room for the y-axis labels, and for each line of notes under a panel.
const Y_LABELS: u32 = 80;
const NOTE_LINE: u32 = 20;
/// About how wide a character of a 15 px label is, and the room a period
/// label takes beside the next when standing upright (rotated).
const CHAR: u32 = 8;
const UPRIGHT: u32 = 18;
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

/// How the document is laid out: its width, and whether the period labels
/// stand upright (rotated) so that every period gets its label.
#[derive(Debug, Clone, Copy)]
struct Layout {
    width: u32,
    upright: bool,
    /// The longest period label, in characters.
    label_chars: u32,
}

impl Layout {
    fn of(chart: &Chart) -> Layout {
        let bars = chart.panels.iter().map(|p| p.bars.len()).max().unwrap_or(1) as u32;
        let label_chars = chart
            .panels
            .iter()
            .flat_map(|p| &p.bars)
            .map(|b| b.period.chars().count() as u32)
            .max()
            .unwrap_or(1);
        let legend = if chart.panels.iter().any(|p| !p.groups.is_empty()) {
            LEGEND
        } else {
            0
        };
        let frame = Y_LABELS + legend + 24;
        // Labels stand upright when they do not fit side by side.
        let upright = frame + bars * (label_chars * CHAR + 16) > WIDTH;
        Layout {
            width: match upright {
                true => (frame + bars * UPRIGHT).max(WIDTH),
                false => WIDTH,
            },
            upright,
            label_chars,
        }
    }

    /// The room under the plot for the period labels.
    fn label_area(&self) -> u32 {
        if self.upright {
            self.label_chars * CHAR + 14
        } else {
            30
        }
    }

    /// The characters of a line of notes.
    fn note_chars(&self) -> usize {
        ((self.width - 2 * 20) / CHAR) as usize
    }
}

/// Writes `report` as an SVG document.
pub fn write(out: &mut dyn Write, report: &Report) -> Result<()> {
    let chart = Chart::of(report);
    let layout = Layout::of(&chart);
    let count = chart.panels.len();
    let notes: Vec<Vec<String>> = (0..count)
        .map(|i| {
            wrap(
                &notes_of(&chart, &chart.panels[i], i + 1 == count),
                layout.note_chars(),
            )
        })
        .collect();
    let heights: Vec<u32> = notes
        .iter()
        .map(|n| PANEL_HEIGHT + layout.label_area() + NOTE_LINE * n.len() as u32 + 8)
        .collect();
    let total = heights.iter().sum::<u32>().max(PANEL_HEIGHT);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (layout.width, total)).into_drawing_area();
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
        let mut rest = root.clone();
        for ((panel, notes), height) in chart.panels.iter().zip(&notes).zip(&heights) {
            let (area, below) = rest.split_vertically(*height);
            draw_panel(&area, &chart, panel, notes, layout)?;
            rest = below;
        }
        root.present().map_err(failed)?;
    }
    out.write_all(svg.as_bytes())?;
    Ok(())
}

fn failed(error: impl std::fmt::Display) -> Error {
    Error::invalid(format!("cannot draw the SVG chart: {error}"))
}

/// Draws one currency's panel with its lines of notes under it.
fn draw_panel(
    area: &DrawingArea<SVGBackend, Shift>,
    chart: &Chart,
    panel: &Panel,
    note_lines: &[String],
    layout: Layout,
) -> Result<()> {
    let (plot, notes) = area.split_vertically(PANEL_HEIGHT + layout.label_area());
    let (plot, legend) = if panel.groups.is_empty() {
        (plot, None)
    } else {
        let (plot, legend) = plot.split_horizontally(layout.width - LEGEND);
        (plot, Some(legend))
    };
    let (step, steps) = nice_steps(panel.max());
    let top = step.saturating_mul(steps) as f64;
    let count = panel.bars.len().max(1);

    let mut builder = ChartBuilder::on(&plot);
    builder
        .caption(sanitize(&chart.title(panel)), (FONT, 20))
        .margin(12)
        .x_label_area_size(layout.label_area())
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
    // Every period gets its label: upright (drawn below) when they do not
    // fit side by side, since the mesh centres its labels on the tick.
    let no_label = |_: &f64| String::new();
    ctx.configure_mesh()
        .disable_x_mesh()
        .max_light_lines(0)
        .bold_line_style(RGBColor(0xdd, 0xdd, 0xdd))
        .x_labels(count)
        .x_label_style((FONT, 15))
        .x_label_formatter(if layout.upright {
            &no_label
        } else {
            &period_label
        })
        .y_labels(steps as usize + 1)
        .y_label_formatter(&money_label)
        .y_label_style((FONT, 15))
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
    if layout.upright {
        let style = TextStyle::from((FONT, 14).into_font())
            .transform(FontTransform::Rotate270)
            .pos(Pos::new(HPos::Right, VPos::Center));
        let base = plot.get_base_pixel();
        for (i, period) in periods.iter().enumerate() {
            let (x, y) = ctx.backend_coord(&(i as f64, 0.0));
            let at = (x - base.0, y - base.1 + 8);
            plot.draw(&Text::new(period.as_str(), at, style.clone()))
                .map_err(failed)?;
        }
    }
    if let Some(legend) = legend {
        draw_legend(&legend, &panel.groups)?;
    }

    for (i, line) in note_lines.iter().enumerate() {
        let y = 4 + (NOTE_LINE * i as u32) as i32;
        notes
            .draw(&Text::new(line.as_str(), (20, y), (FONT, 15).into_font()))
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

/// What to know about this panel, as paragraphs: what is drawn with a caveat,
/// what is not drawn; the last panel also carries what concerns the whole
/// report.
fn notes_of(chart: &Chart, panel: &Panel, last: bool) -> Vec<String> {
    let mut notes = Vec::new();
    if panel.bars.iter().any(|b| b.imprecise) {
        notes.push(
            "Note: some bars include deals dated less precisely than their period.".to_string(),
        );
    }
    if last && let Some(note) = &chart.overlap {
        notes.push(format!("Note: {note}."));
    }
    let mut left_out = Vec::new();
    if panel.undated > 0 {
        left_out.push(format!("{} without a date", deals(panel.undated)));
    }
    if last && chart.undisclosed > 0 {
        let n = deals(chart.undisclosed);
        left_out.push(format!("{n} without a disclosed value"));
    }
    if last && chart.unconverted > 0 {
        let n = deals(chart.unconverted as u64);
        left_out.push(format!("{n} with no exchange rate"));
    }
    if panel.hidden > 0 {
        left_out.push(super::chart::hidden_groups(panel.hidden));
    }
    if panel.folded_other {
        left_out.push(super::chart::FOLDED_OTHER.to_string());
    }
    if !left_out.is_empty() {
        notes.push(format!("Not charted: {}.", left_out.join("; ")));
    }
    notes
}

/// Paragraphs broken into lines of at most `chars` characters, at spaces.
fn wrap(paragraphs: &[String], chars: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in paragraphs {
        let mut line = String::new();
        for word in paragraph.split(' ') {
            if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > chars {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        lines.push(line);
    }
    lines
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
