mod search;
mod sql;
