//! `deals`: a local, SQLite-backed tracker of tech-industry deals.
//!
//! Data flows CLI -> command -> database/model -> output. `model` holds pure domain
//! values, `db` every query, `output` every renderer, `commands` one file per
//! subcommand; `app` wires them together and `main` only turns the result into an
//! exit code.

pub mod app;
pub mod cli;
pub mod commands;
pub mod db;
pub mod error;
pub mod model;
pub mod ops;
pub mod output;
