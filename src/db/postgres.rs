//! The PostgreSQL side of [`super::Conn`]: the connection (URL, password,
//! TLS through rustls with libpq's `sslmode` meanings), the statement cache,
//! the translation of the statements' SQLite dialect, and the conversion of
//! values both ways.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, VecDeque};
use std::error::Error as StdError;
use std::sync::Arc;

use postgres::types::{FromSql, IsNull, ToSql, Type, to_sql_checked};
use postgres::{Client, NoTls};
use rusqlite::types::Value;

use super::conn::{Args, owned};
use crate::error::{Error, Result};
pub use crate::model::target::{Location, is_url, without_password};

/// An open PostgreSQL connection with its statement cache.
pub struct Session {
    client: RefCell<Client>,
    statements: RefCell<HashMap<String, Prepared>>,
    pub(crate) in_transaction: Cell<bool>,
    /// Cursors open now, and whether the transaction they read in was begun
    /// for them (it ends with the last of them).
    cursors: Cell<u32>,
    cursor_transaction: Cell<bool>,
    next_cursor: Cell<u64>,
    pub location: Location,
}

impl Session {
    /// Connects, with TLS as `sslmode` says.
    pub fn connect(location: &Location) -> Result<Session> {
        use postgres::config::SslMode;
        let client = match location.config.get_ssl_mode() {
            SslMode::Disable => location.config.connect(NoTls),
            _ => location.config.connect(tls()?),
        }
        .map_err(|e| {
            Error::invalid(format!(
                "cannot connect to {}: {}",
                location.shown,
                message(&e)
            ))
        })?;
        Ok(Session {
            client: RefCell::new(client),
            statements: RefCell::new(HashMap::new()),
            in_transaction: Cell::new(false),
            cursors: Cell::new(0),
            cursor_transaction: Cell::new(false),
            next_cursor: Cell::new(0),
            location: location.clone(),
        })
    }

    pub fn client(&self) -> std::cell::RefMut<'_, Client> {
        self.client.borrow_mut()
    }

    pub(crate) fn prepare(&self, sql: &str) -> Result<Prepared> {
        if let Some(prepared) = self.statements.borrow().get(sql) {
            return Ok(prepared.clone());
        }
        let translated = translate(sql);
        // `$1 IS NULL OR x = $1`: PostgreSQL types a parameter where it first
        // meets it, and IS NULL says nothing, so such a statement would not
        // prepare (and would abort the transaction around it). Its types come
        // from the statement without those tests; a parameter met only in
        // them takes any value as text.
        let without = strip_null_tests(&translated);
        let stmt = if without == translated {
            self.client().prepare(&translated)?
        } else {
            let mut types = self.client().prepare(&without)?.params().to_vec();
            types.resize(parameter_count(&translated).max(types.len()), Type::TEXT);
            self.client().prepare_typed(&translated, &types)?
        };
        let prepared = Prepared {
            statement: stmt,
            text: translated.into(),
        };
        self.statements
            .borrow_mut()
            .insert(sql.to_string(), prepared.clone());
        Ok(prepared)
    }

    pub(crate) fn execute(&self, stmt: &postgres::Statement, args: &impl Args) -> Result<usize> {
        let changed = with_bound(args, |refs| Ok(self.client().execute(stmt, refs)?))?;
        Ok(usize::try_from(changed).unwrap_or(usize::MAX))
    }

    /// Every row of the statement at once: for lookups and short lists.
    pub(crate) fn query_all(
        &self,
        stmt: &postgres::Statement,
        args: &impl Args,
    ) -> Result<Vec<postgres::Row>> {
        with_bound(args, |refs| Ok(self.client().query(stmt, refs)?))
    }

    /// The rows of the statement through a server-side cursor, a page at a
    /// time, so that memory holds a page, never the whole result; other
    /// statements may run between pages. Outside a transaction, one is begun
    /// for the cursors and ends with the last of them.
    pub(crate) fn query(&self, prepared: &Prepared, args: &impl Args) -> Result<Cursor<'_>> {
        let number = self.next_cursor.get() + 1;
        self.next_cursor.set(number);
        let name = format!("deals_cursor_{number}");
        if !self.in_transaction.get() && self.cursors.get() == 0 {
            self.client()
                .batch_execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")?;
            self.cursor_transaction.set(true);
        }
        self.cursors.set(self.cursors.get() + 1);
        let cursor = Cursor {
            session: self,
            name,
            rows: VecDeque::new(),
            fetch: None,
            done: false,
        };
        let declare = format!(
            "DECLARE {} NO SCROLL CURSOR FOR {}",
            cursor.name, prepared.text
        );
        with_bound(args, |refs| {
            let mut client = self.client();
            let declared = client.prepare_typed(&declare, prepared.statement.params())?;
            Ok(client.execute(&declared, refs)?)
        })?;
        Ok(cursor)
    }
}

/// A statement prepared on the server, with the text it was prepared from.
#[derive(Clone)]
pub struct Prepared {
    pub(crate) statement: postgres::Statement,
    text: std::rc::Rc<str>,
}

/// The newest migration applied to the database, None when it has no deals
/// schema yet. A database with other tables and no migration history is
/// refused untouched.
pub fn schema_version(session: &Session) -> Result<Option<i64>> {
    let mut client = session.client();
    let history: bool = client
        .query_one(
            "SELECT to_regclass('refinery_schema_history') IS NOT NULL",
            &[],
        )?
        .get(0);
    if !history {
        let tables: i64 = client
            .query_one(
                "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()",
                &[],
            )?
            .get(0);
        if tables > 0 {
            return Err(Error::invalid(format!(
                "{}: a PostgreSQL database that deals did not make (it has tables but no deals schema); refusing to change it",
                session.location.shown
            )));
        }
        return Ok(None);
    }
    let version: Option<i32> = client
        .query_one("SELECT max(version) FROM refinery_schema_history", &[])?
        .get(0);
    Ok(version.map(i64::from))
}

/// True when the connected user may change the deals (a new database counts
/// as writable when the user may create tables in it).
pub fn can_write(session: &Session) -> Result<bool> {
    let row = session.client().query_one(
        "SELECT CASE WHEN to_regclass('deals') IS NULL
                     THEN has_schema_privilege(current_schema(), 'CREATE')
                     ELSE has_table_privilege('deals', 'INSERT') END",
        &[],
    )?;
    Ok(row.get(0))
}

impl Session {
    /// Begins a writing transaction and waits, up to `timeout`, for the
    /// writers of other `deals` processes to finish: one transaction-wide
    /// advisory lock orders them as SQLite's write lock does.
    pub(crate) fn begin_write(&self, timeout: std::time::Duration) -> Result<()> {
        if self.cursors.get() > 0 {
            return Err(Error::invalid(
                "internal: a write began while a listing was still being read",
            ));
        }
        let mut client = self.client();
        client.batch_execute(&format!(
            "BEGIN; SET LOCAL lock_timeout = {}",
            timeout.as_millis()
        ))?;
        if let Err(e) = client.execute("SELECT pg_advisory_xact_lock(7263581)", &[]) {
            let _ = client.batch_execute("ROLLBACK");
            return Err(e.into());
        }
        self.in_transaction.set(true);
        Ok(())
    }
}

/// The rows of one query.
pub struct Cursor<'s> {
    session: &'s Session,
    name: String,
    rows: VecDeque<postgres::Row>,
    /// The FETCH statement, prepared at the first page: a round trip a page.
    fetch: Option<postgres::Statement>,
    done: bool,
}

/// How many rows a cursor fetches at a time: at a few hundred bytes a row, a
/// page stays within a few MiB.
const PAGE: usize = 4096;

impl Cursor<'_> {
    pub(crate) fn next(&mut self) -> Result<Option<postgres::Row>> {
        if self.rows.is_empty() && !self.done {
            let mut client = self.session.client();
            let fetch = match &self.fetch {
                Some(fetch) => fetch,
                None => self
                    .fetch
                    .insert(client.prepare(&format!("FETCH {PAGE} FROM {}", self.name))?),
            };
            let page = client.query(fetch, &[])?;
            self.done = page.len() < PAGE;
            self.rows = page.into();
        }
        Ok(self.rows.pop_front())
    }
}

impl Drop for Cursor<'_> {
    fn drop(&mut self) {
        let session = self.session;
        // A cursor of a failed transaction is gone with it; nothing to report.
        let _ = session
            .client()
            .batch_execute(&format!("CLOSE {}", self.name));
        session.cursors.set(session.cursors.get().saturating_sub(1));
        if session.cursors.get() == 0 && session.cursor_transaction.replace(false) {
            let _ = session.client().batch_execute("COMMIT");
        }
    }
}

/// Runs `run` with the values of `args` bound as the server asks for them.
fn with_bound<T>(
    args: &impl Args,
    run: impl FnOnce(&[&(dyn ToSql + Sync)]) -> Result<T>,
) -> Result<T> {
    let values = args
        .args()
        .into_iter()
        .map(|a| owned(a).map(Bound))
        .collect::<Result<Vec<_>>>()?;
    let refs: Vec<&(dyn ToSql + Sync)> = values.iter().map(|v| v as &(dyn ToSql + Sync)).collect();
    run(&refs)
}

/// A bound value, written as whatever type the server asks for.
#[derive(Debug)]
struct Bound(Value);

impl ToSql for Bound {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut postgres::types::private::BytesMut,
    ) -> std::result::Result<IsNull, Box<dyn StdError + Sync + Send>> {
        match &self.0 {
            Value::Null => Ok(IsNull::Yes),
            Value::Integer(i) => match *ty {
                Type::INT8 => i.to_sql(ty, out),
                Type::INT4 => i32::try_from(*i)?.to_sql(ty, out),
                Type::INT2 => i16::try_from(*i)?.to_sql(ty, out),
                Type::BOOL => (*i != 0).to_sql(ty, out),
                Type::FLOAT8 => (*i as f64).to_sql(ty, out),
                Type::FLOAT4 => (*i as f32).to_sql(ty, out),
                _ => i.to_string().to_sql(&Type::TEXT, out),
            },
            Value::Real(f) => match *ty {
                Type::FLOAT4 => (*f as f32).to_sql(ty, out),
                Type::FLOAT8 => f.to_sql(ty, out),
                _ => f.to_string().to_sql(&Type::TEXT, out),
            },
            Value::Text(s) => match *ty {
                Type::INT8 => s.trim().parse::<i64>()?.to_sql(ty, out),
                Type::INT4 => s.trim().parse::<i32>()?.to_sql(ty, out),
                Type::FLOAT8 => s.trim().parse::<f64>()?.to_sql(ty, out),
                Type::JSONB => {
                    out.extend_from_slice(&[1]);
                    out.extend_from_slice(s.as_bytes());
                    Ok(IsNull::No)
                }
                _ => {
                    out.extend_from_slice(s.as_bytes());
                    Ok(IsNull::No)
                }
            },
            Value::Blob(b) => b.as_slice().to_sql(&Type::BYTEA, out),
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    to_sql_checked!();
}

/// A cell read as SQLite's value of it.
struct Cell0(Value);

impl<'a> FromSql<'a> for Cell0 {
    fn from_sql(
        ty: &Type,
        raw: &'a [u8],
    ) -> std::result::Result<Self, Box<dyn StdError + Sync + Send>> {
        let value = match *ty {
            Type::INT8 => Value::Integer(i64::from_sql(ty, raw)?),
            Type::INT4 => Value::Integer(i32::from_sql(ty, raw)?.into()),
            Type::INT2 => Value::Integer(i16::from_sql(ty, raw)?.into()),
            Type::OID => Value::Integer(u32::from_sql(ty, raw)?.into()),
            Type::BOOL => Value::Integer(bool::from_sql(ty, raw)?.into()),
            Type::FLOAT8 => Value::Real(f64::from_sql(ty, raw)?),
            Type::FLOAT4 => Value::Real(f32::from_sql(ty, raw)?.into()),
            Type::NUMERIC => numeric(raw)?,
            Type::BYTEA => Value::Blob(raw.to_vec()),
            Type::JSONB => Value::Text(String::from_utf8(
                raw.get(1..).unwrap_or_default().to_vec(),
            )?),
            // Dates and times as SQLite's date functions write them.
            Type::DATE => Value::Text(chrono::NaiveDate::from_sql(ty, raw)?.to_string()),
            Type::TIMESTAMP => Value::Text(
                chrono::NaiveDateTime::from_sql(ty, raw)?
                    .format("%Y-%m-%d %H:%M:%S%.f")
                    .to_string(),
            ),
            Type::TIMESTAMPTZ => Value::Text(
                chrono::DateTime::<chrono::Utc>::from_sql(ty, raw)?
                    .format("%Y-%m-%dT%H:%M:%S%.fZ")
                    .to_string(),
            ),
            Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME | Type::JSON | Type::UNKNOWN => {
                Value::Text(std::str::from_utf8(raw)?.to_string())
            }
            // Another type in its binary form: text when it reads as text
            // (an extension's text type), else its bytes; cast it to text in
            // the query to see it as PostgreSQL writes it.
            _ => match std::str::from_utf8(raw) {
                Ok(text) if !text.chars().any(char::is_control) => Value::Text(text.to_string()),
                _ => Value::Blob(raw.to_vec()),
            },
        };
        Ok(Cell0(value))
    }

    fn from_sql_null(_: &Type) -> std::result::Result<Self, Box<dyn StdError + Sync + Send>> {
        Ok(Cell0(Value::Null))
    }

    fn accepts(_: &Type) -> bool {
        true
    }
}

/// A NUMERIC in PostgreSQL's binary form (base-10000 digits with a weight):
/// an integer when it has no fraction, a real otherwise.
fn numeric(raw: &[u8]) -> std::result::Result<Value, Box<dyn StdError + Sync + Send>> {
    let word = |i: usize| -> std::result::Result<i16, Box<dyn StdError + Sync + Send>> {
        let bytes = raw.get(i * 2..i * 2 + 2).ok_or("short NUMERIC")?;
        Ok(i16::from_be_bytes([bytes[0], bytes[1]]))
    };
    let digits = word(0)?;
    let weight = word(1)?;
    let sign = word(2)? as u16;
    if sign == 0xC000 {
        return Ok(Value::Null);
    }
    let mut whole: i128 = 0;
    let mut fraction = 0f64;
    for i in 0..digits {
        let digit = i128::from(word(4 + i as usize)?);
        let power = i32::from(weight) - i32::from(i);
        if power >= 0 {
            whole += digit * 10_000i128.pow(power as u32);
        } else {
            fraction += digit as f64 * 10_000f64.powi(power);
        }
    }
    let negative = sign == 0x4000;
    if fraction == 0.0
        && let Ok(v) = i64::try_from(if negative { -whole } else { whole })
    {
        return Ok(Value::Integer(v));
    }
    let v = whole as f64 + fraction;
    Ok(Value::Real(if negative { -v } else { v }))
}

/// Column `idx` of `row` as SQLite's value.
pub(crate) fn cell(row: &postgres::Row, idx: usize) -> Result<Value> {
    Ok(row.try_get::<_, Cell0>(idx)?.0)
}

/// A statement in SQLite's dialect, as PostgreSQL reads it:
/// - `?N` and `?` parameters become `$N`;
/// - `json_each(?N)` becomes the elements of a JSON array (as text, or as
///   JSON when the statement reads them with `value ->> N`); a list of ids
///   is read as bigint;
/// - `json_extract(x, '$.k')` and `x ->> '$.k'` read a key of JSON text;
/// - `LIMIT -1` means no limit, `group_concat` is `string_agg`, and NULLs
///   sort below every value, as on SQLite;
/// - `NAME COLLATE NOCASE` becomes `deals_nocase(NAME)` (A-Z folded, as
///   SQLite's NOCASE; text columns compare bytes, as SQLite's BINARY);
/// - `INSERT OR IGNORE` gains `ON CONFLICT DO NOTHING`, `INSERT OR FAIL`
///   becomes a plain insert (both stop at the first refused row);
/// - the current time as `strftime('%Y-%m-%dT%H:%M:%SZ', 'now')` is read
///   from the statement's clock.
///
/// Quoted text and identifiers are left as they are.
pub fn translate(sql: &str) -> String {
    let mut sql = sql.replace(
        "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
        "to_char(statement_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')",
    );
    sql = sql.replace("INSERT OR FAIL INTO", "INSERT INTO");
    // SQLite reads LIMIT -1 as no limit, PostgreSQL LIMIT NULL.
    let mut from = 0;
    while let Some(found) = sql[from..].find("LIMIT ?") {
        let at = from + found + "LIMIT ".len();
        let end = sql[at + 1..]
            .find(|c: char| !c.is_ascii_digit())
            .map_or(sql.len(), |n| at + 1 + n);
        let parameter = sql[at..end].to_string();
        let limit = format!("NULLIF({parameter}::bigint, -1)");
        sql.replace_range(at..end, &limit);
        from = at + limit.len();
    }
    sql = sql.replace("group_concat(", "string_agg(");
    sql = sql.replace("char(31)", "chr(31)");
    // History rows keep JSON text: `json_extract(x, '$.k')` and `x ->> '$.k'`.
    sql = sql.replace(" ->> '$.", "::jsonb ->> '");
    while let Some(at) = sql.find("json_extract(") {
        let args = at + "json_extract(".len();
        let Some(comma) = sql[args..].find(", '$.").map(|i| args + i) else {
            break;
        };
        let Some(close) = sql[comma..].find("')").map(|i| comma + i) else {
            break;
        };
        let column = sql[args..comma].to_string();
        let key = sql[comma + ", '$.".len()..close].to_string();
        sql.replace_range(at..close + 2, &format!("({column}::jsonb ->> '{key}')"));
    }
    // SQLite sorts NULL below every value, PostgreSQL above.
    sql = sql.replace(" DESC", " DESC NULLS LAST");
    // The lookup tables list their words in the order the migration wrote them.
    sql = sql.replace("ORDER BY rowid", "ORDER BY ctid");
    if sql.contains("INSERT OR IGNORE INTO") {
        sql = sql.replace("INSERT OR IGNORE INTO", "INSERT INTO");
        match sql.find(" RETURNING ") {
            Some(at) => sql.insert_str(at, " ON CONFLICT DO NOTHING"),
            None => sql.push_str(" ON CONFLICT DO NOTHING"),
        }
    }
    while let Some(at) = sql.find(" COLLATE NOCASE") {
        let start = sql[..at]
            .rfind(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
            .map_or(0, |i| i + 1);
        let name = sql[start..at].to_string();
        sql.replace_range(
            start..at + " COLLATE NOCASE".len(),
            &format!("deals_nocase({name})"),
        );
    }
    integer_lists(placeholders(&sql))
}

/// A JSON array of ids (`deal_id IN (SELECT value FROM json_each(?1))`) holds
/// numbers: its elements are read as bigint, which the ids are, where SQLite
/// needs no type. Every other array holds text (kinds, tags, name keys).
fn integer_lists(mut sql: String) -> String {
    const LIST: &str = " IN (SELECT value FROM json_array_elements_text(";
    let mut from = 0;
    while let Some(found) = sql[from..].find(LIST) {
        let at = from + found;
        let before = sql[..at].trim_end_matches(" NOT");
        let column = before
            .rsplit(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
            .next()
            .unwrap_or_default();
        if column == "id" || column.ends_with(".id") || column.ends_with("_id") {
            sql.insert_str(at + " IN (SELECT value".len(), "::bigint");
        }
        from = at + LIST.len();
    }
    sql
}

/// The highest `$N` in `sql`.
fn parameter_count(sql: &str) -> usize {
    sql.match_indices('$')
        .filter_map(|(at, _)| {
            let digits: String = sql[at + 1..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            digits.parse::<usize>().ok()
        })
        .max()
        .unwrap_or(0)
}

/// `sql` with each `$N IS NULL` test made FALSE.
fn strip_null_tests(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut rest = sql;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        let digits = rest[at + 1..]
            .find(|c: char| !c.is_ascii_digit())
            .map_or(rest.len() - at - 1, |n| n);
        let after = &rest[at + 1 + digits..];
        if digits > 0 && after.starts_with(" IS NULL") {
            out.push_str("FALSE");
            rest = &after[" IS NULL".len()..];
        } else {
            out.push_str(&rest[at..at + 1 + digits]);
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

fn placeholders(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 16);
    let mut chars = sql.char_indices().peekable();
    let mut next_free = 1usize;
    // Inside `json_each(`: its `)` closes the array's elements, named value.
    let mut in_json_each = false;
    while let Some((at, c)) = chars.next() {
        match c {
            '\'' | '"' => {
                out.push(c);
                for (_, d) in chars.by_ref() {
                    out.push(d);
                    if d == c {
                        break;
                    }
                }
            }
            '?' => {
                let mut digits = String::new();
                while let Some(&(_, d)) = chars.peek()
                    && d.is_ascii_digit()
                {
                    digits.push(d);
                    chars.next();
                }
                let n = digits.parse::<usize>().unwrap_or(next_free);
                next_free = next_free.max(n + 1);
                out.push('$');
                out.push_str(&n.to_string());
            }
            ')' if in_json_each => {
                out.push_str("::json) AS json_each(value)");
                in_json_each = false;
            }
            _ if sql[at..].starts_with("json_each(") => {
                // Rows read as `value ->> N` are arrays: their elements stay JSON.
                out.push_str(if sql.contains("value ->> ") {
                    "json_array_elements("
                } else {
                    "json_array_elements_text("
                });
                for _ in 0.."json_each(".len() - 1 {
                    chars.next();
                }
                in_json_each = true;
            }
            _ => out.push(c),
        }
    }
    out
}

pub use crate::error::postgres_words as message;

/// TLS as libpq does it for `sslmode=prefer` and `require`: the connection is
/// encrypted, and the server's certificate is not checked against a
/// certificate authority (libpq checks it only from `verify-ca` on).
fn tls() -> Result<tokio_postgres_rustls::MakeRustlsConnect> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::invalid(format!("TLS: {e}")))?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(Unverified(provider)))
        .with_no_client_auth();
    Ok(tokio_postgres_rustls::MakeRustlsConnect::new(config))
}

/// Accepts the server's certificate without a certificate authority, but
/// still checks the handshake's signatures with it.
#[derive(Debug)]
struct Unverified(Arc<rustls::crypto::CryptoProvider>);

impl rustls::client::danger::ServerCertVerifier for Unverified {
    fn verify_server_cert(
        &self,
        _: &rustls::pki_types::CertificateDer<'_>,
        _: &[rustls::pki_types::CertificateDer<'_>],
        _: &rustls::pki_types::ServerName<'_>,
        _: &[u8],
        _: rustls::pki_types::UnixTime,
    ) -> std::result::Result<rustls::client::danger::ServerCertVerified, rustls::Error> {
        Ok(rustls::client::danger::ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &rustls::pki_types::CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> std::result::Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &rustls::pki_types::CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> std::result::Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_are_numbered_for_postgres() {
        assert_eq!(
            translate("SELECT ?1, '?', ?, ?3, ?"),
            "SELECT $1, '?', $2, $3, $4"
        );
    }

    #[test]
    fn sqlite_words_become_postgres_words() {
        assert_eq!(
            translate("SELECT a FROM t ORDER BY c.name COLLATE NOCASE, alias COLLATE NOCASE"),
            "SELECT a FROM t ORDER BY deals_nocase(c.name), deals_nocase(alias)"
        );
        assert_eq!(
            translate("SELECT a FROM t LIMIT ?2"),
            "SELECT a FROM t LIMIT NULLIF($2::bigint, -1)"
        );
        assert_eq!(
            strip_null_tests("WHERE ($1 IS NULL OR a = $1) AND $12 IS NULL"),
            "WHERE (FALSE OR a = $1) AND FALSE"
        );
        assert_eq!(
            translate("INSERT OR IGNORE INTO t (a) VALUES (?1) RETURNING id"),
            "INSERT INTO t (a) VALUES ($1) ON CONFLICT DO NOTHING RETURNING id"
        );
    }

    #[test]
    fn arrays_of_ids_are_read_as_numbers() {
        assert_eq!(
            translate(
                "d.id IN (SELECT value FROM json_each(?1)) AND kind IN (SELECT value FROM json_each(?2))"
            ),
            "d.id IN (SELECT value::bigint FROM json_array_elements_text($1::json) AS json_each(value)) \
             AND kind IN (SELECT value FROM json_array_elements_text($2::json) AS json_each(value))"
        );
    }

    #[test]
    fn ids_left_out_are_numbers_too() {
        assert!(
            translate("company_id NOT IN (SELECT value FROM json_each(?1))")
                .contains("NOT IN (SELECT value::bigint FROM")
        );
    }

    #[test]
    fn json_arrays_are_read_as_tables() {
        assert_eq!(
            translate("x IN (SELECT value FROM json_each(?2)) AND y = ?"),
            "x IN (SELECT value FROM json_array_elements_text($2::json) AS json_each(value)) AND y = $3"
        );
    }
}
