//! The database modules on the bundled seed set, through the library: the seed
//! is loaded by `ops::seed`, a layer above `db`, so these tests live outside it.

mod backup;
mod history;
mod search;
mod timeline;
