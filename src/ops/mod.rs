//! The use cases: what the product does with the database, written once, with no
//! flag names and no exit codes. Commands call them; they call `db` and `model`.

pub mod check;
pub mod csv_import;
pub mod export;
pub mod import;
pub mod record;
pub mod reports;
pub mod seed;
pub mod sql;
