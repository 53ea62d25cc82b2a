//! Fitting a table to a terminal's width. Columns people copy from (ids, slugs,
//! dates, money) keep their width; free text (parties, notes) wraps, titles are
//! cut with an ellipsis. When even the narrowest layout is wider than the
//! terminal, the table overflows: a slug is never wrapped or cut.

use unicode_width::UnicodeWidthChar;

/// What a column may do when its table does not fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fit {
    /// Never wrapped or cut: what people copy and compare.
    Keep,
    /// Wrapped onto more lines, at spaces and after hyphens where it can.
    Wrap,
    /// Cut to one line ending in "…".
    Truncate,
}

/// Headers of columns that keep their width, whatever the terminal.
const KEEP: &str = "ID SLUG DEAL ARTICLE ANNOUNCED PUBLISHED DATE ON PERIOD CURRENCY \
                    VALUE AMOUNT CUMULATIVE TERM DEALS LINKS IMPRECISE URL";
/// Headers of columns cut to one line rather than wrapped.
const TRUNCATE: &str = "TITLE";

/// How the column under `header` fits a narrow terminal.
pub fn fit_of(header: &str) -> Fit {
    if KEEP.split_whitespace().any(|h| h == header) {
        Fit::Keep
    } else if TRUNCATE.split_whitespace().any(|h| h == header) {
        Fit::Truncate
    } else {
        Fit::Wrap
    }
}

/// A cut column keeps at least this many columns (or its header's width).
const MIN_TRUNCATED: usize = 6;
/// A wrapped column is squeezed no narrower than its longest word, its header
/// or this many columns, whichever is least; words longer than that are split.
const MAX_WORD: usize = 12;

/// The terminal columns `text` takes on its widest line.
pub fn text_width(text: &str) -> usize {
    text.lines().map(line_width).max().unwrap_or(0)
}

fn line_width(line: &str) -> usize {
    line.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// The columns a table whose columns are `naturals` wide takes with the house
/// spacing: a space either side of every cell and one between cells.
pub fn natural_width(naturals: &[usize]) -> usize {
    naturals.iter().map(|w| w + 2).sum::<usize>() + naturals.len().saturating_sub(1)
}

/// One column as the layout sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// The width of its widest cell or header.
    pub natural: usize,
    /// The narrowest it may be squeezed to.
    pub floor: usize,
    pub fit: Fit,
}

impl Column {
    /// The column of `cells` under `header`.
    pub fn of<'a>(header: &str, cells: impl Iterator<Item = &'a str>) -> Column {
        let fit = fit_of(header);
        let head = text_width(header);
        let mut natural = head;
        let mut word = 0;
        for cell in cells {
            natural = natural.max(text_width(cell));
            if fit == Fit::Wrap {
                let longest = cell
                    .lines()
                    .flat_map(pieces)
                    .map(|p| line_width(p.trim_end()));
                word = word.max(longest.max().unwrap_or(0));
            }
        }
        let floor = match fit {
            Fit::Keep => natural,
            Fit::Wrap => head.max(word.min(MAX_WORD)),
            Fit::Truncate => head.max(MIN_TRUNCATED),
        };
        Column {
            natural,
            floor: floor.min(natural),
            fit,
        }
    }
}

/// How a squeezed table is laid out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// The content width of each column.
    pub widths: Vec<usize>,
    /// Spaces between two cells (2, or 1 when 2 leaves too little room); one
    /// space comes before the first cell.
    pub gap: usize,
}

/// How a table of `columns` fits in `width` terminal columns, or None when it
/// fits as it is. A squeezed table uses tighter spacing; its `Keep` columns stay
/// as wide as their content and the others give up width, the widest first,
/// down to their floor. When that is still too wide, the table is wider than
/// `width`: it overflows rather than cutting what people copy.
pub fn layout(columns: &[Column], width: usize) -> Option<Layout> {
    let naturals: Vec<usize> = columns.iter().map(|c| c.natural).collect();
    if natural_width(&naturals) <= width {
        return None;
    }
    let flexible = |c: &Column| c.fit != Fit::Keep;
    let fixed: usize = columns
        .iter()
        .filter(|c| !flexible(c))
        .map(|c| c.natural)
        .sum();
    let floors: usize = columns
        .iter()
        .filter(|c| flexible(c))
        .map(|c| c.floor)
        .sum();
    let room = |gap: usize| width.saturating_sub(1 + gap * columns.len().saturating_sub(1) + fixed);
    let gap = if room(2) >= floors { 2 } else { 1 };
    let room = room(gap);
    let at_cap = |cap: usize| -> Vec<usize> {
        columns
            .iter()
            .map(|c| match flexible(c) {
                true => c.natural.min(cap).max(c.floor),
                false => c.natural,
            })
            .collect()
    };
    let flex_sum = |widths: &[usize]| -> usize {
        columns
            .iter()
            .zip(widths)
            .filter(|(c, _)| flexible(c))
            .map(|(_, w)| *w)
            .sum()
    };
    let widest = columns.iter().map(|c| c.natural).max().unwrap_or(0);
    // The widest cap under which the flexible columns fit the room left.
    let cap = (0..=widest)
        .rev()
        .find(|&cap| flex_sum(&at_cap(cap)) <= room)
        .unwrap_or(0);
    let mut widths = at_cap(cap);
    // Hand out what the cap left over, one column each, left to right.
    let mut spare = room.saturating_sub(flex_sum(&widths));
    for (c, w) in columns.iter().zip(widths.iter_mut()) {
        if spare > 0 && flexible(c) && *w < c.natural {
            *w += 1;
            spare -= 1;
        }
    }
    Some(Layout { widths, gap })
}

/// The columns a squeezed table takes.
pub fn squeezed_width(layout: &Layout) -> usize {
    1 + layout.widths.iter().sum::<usize>() + layout.gap * layout.widths.len().saturating_sub(1)
}

/// `text` folded into lines at most `width` columns wide: broken at spaces and
/// after hyphens where it can, inside a word only when a word is wider.
pub fn wrap(text: &str, width: usize) -> String {
    let width = width.max(1);
    let mut lines: Vec<String> = Vec::new();
    for line in text.lines() {
        let mut current = String::new();
        for piece in pieces(line) {
            let candidate = format!("{current}{piece}");
            if line_width(candidate.trim_end()) <= width {
                current = candidate;
                continue;
            }
            if !current.trim_end().is_empty() {
                lines.push(current.trim_end().to_string());
            }
            let mut rest = piece.trim_start().to_string();
            while line_width(rest.trim_end()) > width {
                let (head, tail) = split_at_width(&rest, width);
                lines.push(head.to_string());
                rest = tail.to_string();
            }
            current = rest;
        }
        if !current.trim_end().is_empty() || lines.is_empty() {
            lines.push(current.trim_end().to_string());
        }
    }
    lines.join("\n")
}

/// The pieces of a line between the places it may break: after each space and
/// each hyphen.
fn pieces(line: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    let mut cuts: Vec<&str> = Vec::new();
    for (i, c) in line.char_indices() {
        if c == ' ' || c == '-' {
            cuts.push(&line[start..i + c.len_utf8()]);
            start = i + c.len_utf8();
        }
    }
    if start < line.len() {
        cuts.push(&line[start..]);
    }
    cuts.into_iter()
}

/// The longest head of `text` at most `width` columns wide (at least one
/// character), and the rest.
fn split_at_width(text: &str, width: usize) -> (&str, &str) {
    let mut used = 0;
    for (i, c) in text.char_indices() {
        used += c.width().unwrap_or(0);
        if used > width && i > 0 {
            return text.split_at(i);
        }
    }
    (text, "")
}

/// The first line of `text` cut to at most `width` columns, ending in "…" when
/// anything was cut.
pub fn truncate(text: &str, width: usize) -> String {
    let line = text.lines().next().unwrap_or("");
    let cut = text.lines().nth(1).is_some();
    if !cut && line_width(line) <= width {
        return line.to_string();
    }
    let room = width.saturating_sub(1);
    let (head, _) = match line_width(line) <= room {
        true => (line, ""),
        false => split_at_width(line, room),
    };
    let head = if line_width(head) > room { "" } else { head };
    format!("{}…", head.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn col(natural: usize, floor: usize, fit: Fit) -> Column {
        Column {
            natural,
            floor,
            fit,
        }
    }

    #[test]
    fn a_table_that_fits_is_left_alone() {
        let columns = [col(2, 2, Fit::Keep), col(10, 5, Fit::Wrap)];
        // " ID   TEXT......" = 2 + 2 + 1 + 10 + 2
        assert_eq!(layout(&columns, 17), None);
        assert!(layout(&columns, 16).is_some());
    }

    #[test]
    fn kept_columns_never_shrink_and_the_widest_text_gives_way_first() {
        let columns = [
            col(23, 23, Fit::Keep),
            col(13, 10, Fit::Wrap),
            col(40, 6, Fit::Truncate),
            col(70, 11, Fit::Wrap),
        ];
        let layout = layout(&columns, 100).unwrap();
        let widths = &layout.widths;
        assert_eq!(layout.gap, 2);
        assert_eq!(widths[0], 23);
        assert_eq!(widths[1], 13, "short text keeps its width: {widths:?}");
        assert!(widths[2].abs_diff(widths[3]) <= 1, "{widths:?}");
        assert_eq!(squeezed_width(&layout), 100);
    }

    #[test]
    fn a_tight_table_closes_up_its_spacing_before_splitting_words() {
        let columns = [
            col(52, 52, Fit::Keep),
            col(13, 10, Fit::Wrap),
            col(16, 9, Fit::Wrap),
            col(40, 6, Fit::Truncate),
            col(70, 11, Fit::Wrap),
        ];
        // 52 kept + 36 of floors + 9 of double spacing is more than 95.
        let layout = layout(&columns, 95).unwrap();
        assert_eq!(layout.gap, 1);
        assert!(
            layout.widths[1..]
                .iter()
                .zip(&columns[1..])
                .all(|(w, c)| *w >= c.floor)
        );
        assert_eq!(squeezed_width(&layout), 95);
    }

    #[test]
    fn a_very_narrow_terminal_overflows_rather_than_cutting_a_slug() {
        let columns = [col(28, 28, Fit::Keep), col(70, 11, Fit::Wrap)];
        let layout = layout(&columns, 20).unwrap();
        assert_eq!(layout.widths, vec![28, 11]);
    }

    #[test]
    fn a_column_is_squeezed_no_narrower_than_its_header_and_its_longest_word() {
        let cells = ["Amazon Web Services (provider)", "AMD (provider)"];
        let parties = Column::of("PARTIES", cells.into_iter());
        assert_eq!(parties, col(30, 10, Fit::Wrap));
        let slug = Column::of("SLUG", ["openai-aws-compute-2025"].into_iter());
        assert_eq!(slug, col(23, 23, Fit::Keep));
        let title = Column::of("TITLE", ["OpenAI–AWS compute agreement"].into_iter());
        assert_eq!(title, col(28, 6, Fit::Truncate));
        let notes = Column::of(
            "NOTE",
            ["see https://example.com/a/very/long/path"].into_iter(),
        );
        assert_eq!(notes.floor, 12, "a very long word is split");
    }

    #[test]
    fn text_wraps_at_spaces_and_after_hyphens() {
        assert_eq!(wrap("letter-of-intent", 10), "letter-of-\nintent");
        assert_eq!(
            wrap("Amazon Web Services (provider), OpenAI (customer)", 20),
            "Amazon Web Services\n(provider), OpenAI\n(customer)"
        );
        assert_eq!(wrap("supercalifragilistic", 8), "supercal\nifragili\nstic");
        assert_eq!(wrap("", 8), "");
        assert_eq!(wrap("two\nlines", 8), "two\nlines");
    }

    #[test]
    fn titles_are_cut_with_an_ellipsis() {
        assert_eq!(truncate("OpenAI–AWS compute agreement", 12), "OpenAI–AWS…");
        assert_eq!(truncate("Stargate", 12), "Stargate");
        assert_eq!(truncate("Stargate", 8), "Stargate");
        assert_eq!(truncate("Stargate", 7), "Starga…");
        assert_eq!(truncate("one\ntwo", 12), "one…");
        assert_eq!(text_width("日本"), 4);
        assert_eq!(truncate("日本語のタイトル", 5), "日本…");
    }

    #[test]
    fn headers_say_how_their_column_fits() {
        assert_eq!(fit_of("SLUG"), Fit::Keep);
        assert_eq!(fit_of("ID"), Fit::Keep);
        assert_eq!(fit_of("TITLE"), Fit::Truncate);
        assert_eq!(fit_of("PARTIES"), Fit::Wrap);
    }
}
