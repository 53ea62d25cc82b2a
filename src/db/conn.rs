//! One connection over both engines: an SQLite file (rusqlite) or a PostgreSQL
//! server (the `postgres` crate). The table modules write each statement once,
//! in SQLite's dialect with `?N` parameters; on PostgreSQL it goes through
//! [`super::postgres::translate`] first. Values and rows cross the boundary as
//! SQLite's value types, so a column reads the same way on both engines.

use rusqlite::types::{FromSql, Value, ValueRef};

use super::postgres::Session;
use crate::error::{Error, Result};

/// An open connection to either engine.
pub struct Conn {
    inner: Inner,
}

enum Inner {
    Sqlite(rusqlite::Connection),
    Postgres(Box<Session>),
}

/// The values bound to a statement's parameters, in order: `params![a, b]`,
/// `[id]`, `[]`, or a slice or `Vec` of values (such as [`Value`]s built at
/// run time).
pub trait Args {
    fn args(&self) -> Vec<&dyn rusqlite::ToSql>;
}

impl Args for [&(dyn rusqlite::ToSql + Send + Sync); 0] {
    fn args(&self) -> Vec<&dyn rusqlite::ToSql> {
        Vec::new()
    }
}

impl<T: rusqlite::ToSql> Args for &[T] {
    fn args(&self) -> Vec<&dyn rusqlite::ToSql> {
        self.iter().map(|v| v as &dyn rusqlite::ToSql).collect()
    }
}

impl<T: rusqlite::ToSql> Args for Vec<T> {
    fn args(&self) -> Vec<&dyn rusqlite::ToSql> {
        self.iter().map(|v| v as &dyn rusqlite::ToSql).collect()
    }
}

macro_rules! array_args {
    ($($n:literal)*) => {$(
        impl<T: rusqlite::ToSql> Args for [T; $n] {
            fn args(&self) -> Vec<&dyn rusqlite::ToSql> {
                self.iter().map(|v| v as &dyn rusqlite::ToSql).collect()
            }
        }
    )*};
}
array_args!(1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16);

/// The owned value of one bound parameter, for the PostgreSQL side.
pub(crate) fn owned(arg: &dyn rusqlite::ToSql) -> Result<Value> {
    use rusqlite::types::ToSqlOutput;
    Ok(match arg.to_sql()? {
        ToSqlOutput::Borrowed(v) => Value::try_from(v).map_err(unreadable)?,
        ToSqlOutput::Owned(v) => v,
        _ => Value::Null,
    })
}

fn unreadable(e: rusqlite::types::FromSqlError) -> Error {
    Error::Sqlite(rusqlite::Error::FromSqlConversionFailure(
        0,
        rusqlite::types::Type::Null,
        Box::new(e),
    ))
}

impl Conn {
    pub(crate) fn sqlite_conn(conn: rusqlite::Connection) -> Conn {
        Conn {
            inner: Inner::Sqlite(conn),
        }
    }

    pub(crate) fn postgres_conn(session: Session) -> Conn {
        Conn {
            inner: Inner::Postgres(Box::new(session)),
        }
    }

    /// The SQLite connection, for what only SQLite has (pragmas, the backup
    /// API, the SQL console's authorizer, bulk loading); None on PostgreSQL.
    pub fn sqlite(&self) -> Option<&rusqlite::Connection> {
        match &self.inner {
            Inner::Sqlite(c) => Some(c),
            Inner::Postgres(_) => None,
        }
    }

    pub(crate) fn sqlite_mut(&mut self) -> Option<&mut rusqlite::Connection> {
        match &mut self.inner {
            Inner::Sqlite(c) => Some(c),
            Inner::Postgres(_) => None,
        }
    }

    pub(crate) fn postgres(&self) -> Option<&Session> {
        match &self.inner {
            Inner::Postgres(s) => Some(s),
            Inner::Sqlite(_) => None,
        }
    }

    /// A statement, prepared once per connection and kept for the next call
    /// (SQLite keeps the last 16 in rusqlite's cache; PostgreSQL keeps them all).
    /// Every statement goes through here.
    pub fn prepare_cached(&self, sql: &str) -> Result<Statement<'_>> {
        Ok(match &self.inner {
            Inner::Sqlite(c) => Statement::Sqlite(c.prepare_cached(sql)?),
            Inner::Postgres(s) => Statement::Postgres(s, s.prepare(sql)?),
        })
    }

    /// Runs one statement; the number of rows it changed.
    pub fn execute(&self, sql: &str, args: impl Args) -> Result<usize> {
        self.prepare_cached(sql)?.execute(args)
    }

    /// Runs statements that take no parameters, one after another.
    pub fn execute_batch(&self, sql: &str) -> Result<()> {
        match &self.inner {
            Inner::Sqlite(c) => Ok(c.execute_batch(sql)?),
            Inner::Postgres(s) => Ok(s.client().batch_execute(sql)?),
        }
    }

    /// The first row of a query, through `f`; an error when there is none
    /// (see [`OptionalExtension::optional`]).
    pub fn query_row<T>(
        &self,
        sql: &str,
        args: impl Args,
        f: impl FnOnce(&Row<'_>) -> Result<T>,
    ) -> Result<T> {
        self.prepare_cached(sql)?.query_row(args, f)
    }
}

/// A prepared statement of either engine.
pub enum Statement<'c> {
    Sqlite(rusqlite::CachedStatement<'c>),
    Postgres(&'c Session, super::postgres::Prepared),
}

impl Statement<'_> {
    /// The rows of the query, read as they are asked for.
    pub fn query(&mut self, args: impl Args) -> Result<Rows<'_>> {
        Ok(match self {
            Statement::Sqlite(s) => Rows::Sqlite(s.query(rusqlite::params_from_iter(args.args()))?),
            Statement::Postgres(session, prepared) => {
                Rows::Postgres(session.query(prepared, &args)?, None)
            }
        })
    }

    /// The rows of a short query: on PostgreSQL read in one round trip,
    /// without the cursor that [`Statement::query`] streams through.
    fn query_short(&mut self, args: impl Args) -> Result<Rows<'_>> {
        match self {
            Statement::Postgres(session, prepared) => Ok(Rows::Fetched(
                session.query_all(&prepared.statement, &args)?.into(),
                None,
            )),
            Statement::Sqlite(_) => self.query(args),
        }
    }

    /// The first row through `f`; an error when there is none.
    pub fn query_row<T>(
        &mut self,
        args: impl Args,
        f: impl FnOnce(&Row<'_>) -> Result<T>,
    ) -> Result<T> {
        let mut rows = self.query_short(args)?;
        match rows.next()? {
            Some(row) => f(&row),
            None => Err(Error::Sqlite(rusqlite::Error::QueryReturnedNoRows)),
        }
    }

    /// Every row through `f`, gathered into `C` (a `Vec`, a `HashMap`, ...);
    /// on PostgreSQL read in one round trip. The first error stops the read.
    pub fn query_map<T, C: FromIterator<T>>(
        &mut self,
        args: impl Args,
        mut f: impl FnMut(&Row<'_>) -> Result<T>,
    ) -> Result<C> {
        let mut rows = self.query_short(args)?;
        let mut all = Vec::new();
        while let Some(ref row) = rows.next()? {
            all.push(f(row)?);
        }
        Ok(all.into_iter().collect())
    }

    /// True when the query returns a row.
    pub fn exists(&mut self, args: impl Args) -> Result<bool> {
        Ok(self.query_short(args)?.next()?.is_some())
    }

    /// Runs the statement; the number of rows it changed.
    pub fn execute(&mut self, args: impl Args) -> Result<usize> {
        match self {
            Statement::Sqlite(s) => Ok(s.execute(rusqlite::params_from_iter(args.args()))?),
            Statement::Postgres(session, prepared) => session.execute(&prepared.statement, &args),
        }
    }
}

/// The rows of a running query.
pub enum Rows<'s> {
    Sqlite(rusqlite::Rows<'s>),
    Postgres(super::postgres::Cursor<'s>, Option<postgres::Row>),
    /// PostgreSQL rows read at once, and the one handed out last.
    Fetched(
        std::collections::VecDeque<postgres::Row>,
        Option<postgres::Row>,
    ),
}

impl Rows<'_> {
    /// The next row, or None after the last.
    #[allow(clippy::should_implement_trait)] // Rows lend their rows: not an Iterator.
    pub fn next(&mut self) -> Result<Option<Row<'_>>> {
        match self {
            Rows::Sqlite(rows) => Ok(rows.next()?.map(Row::Sqlite)),
            Rows::Postgres(cursor, current) => {
                *current = cursor.next()?;
                Ok(current.as_ref().map(Row::Postgres))
            }
            Rows::Fetched(rows, current) => {
                *current = rows.pop_front();
                Ok(current.as_ref().map(Row::Postgres))
            }
        }
    }
}

/// One row of either engine.
pub enum Row<'r> {
    Sqlite(&'r rusqlite::Row<'r>),
    Postgres(&'r postgres::Row),
}

/// The index of a column in a [`Row`], counted from 0.
pub trait ColumnIndex: Copy {
    fn at(self) -> usize;
}

impl ColumnIndex for usize {
    fn at(self) -> usize {
        self
    }
}

impl Row<'_> {
    /// Column `idx` as `T`, with SQLite's conversions on both engines.
    pub fn get<I: ColumnIndex, T: FromSql>(&self, idx: I) -> Result<T> {
        let idx = idx.at();
        match self {
            Row::Sqlite(r) => Ok(r.get(idx)?),
            Row::Postgres(r) => {
                let value = super::postgres::cell(r, idx)?;
                T::column_result(ValueRef::from(&value)).map_err(|e| {
                    Error::Sqlite(rusqlite::Error::FromSqlConversionFailure(
                        idx,
                        ValueRef::from(&value).data_type(),
                        Box::new(e),
                    ))
                })
            }
        }
    }

    /// Column `idx` as text, borrowed from the row on SQLite.
    pub fn text(&self, idx: usize) -> Result<std::borrow::Cow<'_, str>> {
        match self {
            Row::Sqlite(r) => Ok(std::borrow::Cow::Borrowed(
                r.get_ref(idx)?
                    .as_str()
                    .map_err(|e| super::conversion(idx, e))?,
            )),
            Row::Postgres(_) => Ok(std::borrow::Cow::Owned(self.get(idx)?)),
        }
    }
}

/// `.optional()` on a single-row query: no row is `None`, not an error.
pub trait OptionalExtension<T> {
    fn optional(self) -> Result<Option<T>>;
}

impl<T> OptionalExtension<T> for Result<T> {
    fn optional(self) -> Result<Option<T>> {
        match self {
            Ok(v) => Ok(Some(v)),
            Err(Error::Sqlite(rusqlite::Error::QueryReturnedNoRows)) => Ok(None),
            Err(e) => Err(e),
        }
    }
}
