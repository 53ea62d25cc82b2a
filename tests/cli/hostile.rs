//! Hostile input: every refusal goes through `refusal::check_refused` (exit 1 or 2,
//! one line on stderr naming what was wrong, no terminal escape, an unchanged
//! database); text that is only odd is stored exactly as written.

mod files;
mod terminal;
mod text;
mod values;
