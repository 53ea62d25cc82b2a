mod readme;
mod search;
mod sql;
