//! Integration tests of the `deals` binary. Every test runs the real binary in its
//! own temporary sandbox (see `util`), never against the user's database.

mod util;

mod articles;
mod bad_input;
mod companies;
mod database;
mod deals;
mod export;
mod import;
mod list;
mod output;
mod seed;
mod setup;
