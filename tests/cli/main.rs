//! Integration tests of the `deals` binary. Every test runs the real binary in its
//! own temporary sandbox (see `util`), never against the user's database.

mod util;

mod articles;
mod backup;
mod bad_input;
mod check;
mod companies;
mod concurrency;
mod crash;
mod database;
mod deals;
mod events;
mod export;
mod extract;
mod faults;
mod flags;
mod fx;
mod history;
mod hostile;
mod import;
mod layers;
mod list;
mod output;
mod postgres;
mod profiles;
mod readme;
mod refusal;
mod reports;
mod search;
mod seed;
mod setup;
mod snapshots;
mod sql;
mod terminal;
mod timeline;
