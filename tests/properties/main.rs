//! Property tests of everything that reads what people type or files hold: money,
//! dates, terms, slugs, the interchange document and the search box. Each target
//! runs a few hundred cases in `cargo test`; `fuzz/run.sh` runs the same targets
//! long (`PROPTEST_CASES`). Failures proptest finds are kept in
//! `tests/proptest-regressions/` (one file per target) and replayed first on every
//! run. Only the public API of the `deals` library is used.

mod date;
mod document;
mod fts;
mod money;
mod slug;
mod term;

use proptest::prelude::*;
use proptest::test_runner::Config;

/// `default` cases unless PROPTEST_CASES says how many.
fn cases(default: u32) -> Config {
    let mut config = Config::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = default;
    }
    config
}

/// Text made of pieces a parser cares about, mixed with any characters: finds
/// more than uniformly random text, which rarely looks like input at all.
fn text_of(pieces: &'static [&'static str]) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => proptest::sample::select(pieces).prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
        1 => proptest::sample::select(&[" ", "\u{a0}", "\t", "\n", "\u{0}", "\u{300}", "\u{1b}"][..])
            .prop_map(str::to_string),
    ];
    proptest::collection::vec(piece, 0..12).prop_map(|parts| parts.concat())
}
