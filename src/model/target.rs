//! Where the data is: an SQLite file, or a database on a PostgreSQL server
//! named by a URL whose password is never shown.

use std::path::PathBuf;

use postgres::Config;

use crate::model::ParseError;

/// Where the data is: an SQLite file, or a database on a PostgreSQL server.
#[derive(Debug, Clone)]
pub enum Target {
    File(PathBuf),
    Server(Box<Location>),
}

impl Target {
    /// The file's path, or the URL without its password.
    pub fn shown(&self) -> String {
        match self {
            Target::File(path) => path.display().to_string(),
            Target::Server(location) => location.shown.clone(),
        }
    }
}

/// Where a PostgreSQL database is: the parsed URL, with the password from the
/// URL or from `PGPASSWORD`.
#[derive(Clone)]
pub struct Location {
    pub config: Config,
    /// The URL without its password, for messages.
    pub shown: String,
}

impl std::fmt::Debug for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.shown)
    }
}

/// True for a `postgres://` or `postgresql://` URL.
pub fn is_url(text: &str) -> bool {
    let lower = text.trim_start().to_ascii_lowercase();
    lower.starts_with("postgres://") || lower.starts_with("postgresql://")
}

impl Location {
    /// Parses `postgres://user[:password]@host[:port]/dbname[?sslmode=…]`
    /// (`postgresql://` too). `sslmode` is `disable`, `prefer` (the default)
    /// or `require`. Errors never show the password.
    pub fn parse(url: &str) -> Result<Location, ParseError> {
        let shown = without_password(url);
        let mut config: Config = url.parse().map_err(|e| {
            ParseError::new(format!(
                "'{shown}' is not a PostgreSQL URL we can read: {e}"
            ))
        })?;
        if config.get_password().is_none()
            && let Ok(password) = std::env::var("PGPASSWORD")
            && !password.is_empty()
        {
            config.password(password);
        }
        if config.get_user().is_none() {
            return Err(ParseError::new(format!(
                "'{shown}' names no user; write postgres://USER@HOST/DBNAME"
            )));
        }
        if config.get_dbname().is_none() {
            return Err(ParseError::new(format!(
                "'{shown}' names no database; write postgres://USER@HOST/DBNAME"
            )));
        }
        config.application_name("deals");
        Ok(Location { config, shown })
    }

    pub fn user(&self) -> &str {
        self.config.get_user().unwrap_or_default()
    }
}

/// `url` with its password left out: the one between `user:` and `@`, and a
/// `password=` parameter.
pub fn without_password(url: &str) -> String {
    crate::model::clean::one_line(&password_left_out(url))
}

fn password_left_out(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    // Whatever stands before the last `@` is the user and the password, even
    // where the password holds `/`, `?` or `@` (the URL parser takes it so):
    // only the user, up to the first `:`, is kept.
    let rest = match rest.rfind('@') {
        Some(at) => {
            let user = rest[..at].split([':', '@']).next().unwrap_or_default();
            format!("{user}{}", &rest[at..])
        }
        None => rest.to_string(),
    };
    let rest = match rest.split_once('?') {
        Some((base, query)) => {
            let kept: Vec<&str> = query
                .split('&')
                .filter(|p| {
                    let key = p.split('=').next().unwrap_or_default();
                    !percent_decoded(key).eq_ignore_ascii_case("password")
                })
                .collect();
            if kept.is_empty() {
                base.to_string()
            } else {
                format!("{base}?{}", kept.join("&"))
            }
        }
        None => rest,
    };
    format!("{scheme}://{rest}")
}

/// `text` with its `%XX` escapes decoded (a bad escape is kept as it is).
fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_left_out_of_shown_urls() {
        assert_eq!(
            without_password("postgres://ann:s3cret@db.example:5433/deals?sslmode=require"),
            "postgres://ann@db.example:5433/deals?sslmode=require"
        );
        assert_eq!(
            without_password("postgresql://ann@host/deals"),
            "postgresql://ann@host/deals"
        );
        for url in [
            "postgres://ann:pa/ss@h/db",
            "postgres://ann:pa?ss@h/db",
            "postgres://ann:p@ss@h/db",
            "postgres://h/db?user=ann&pass%77ord=s3cret",
            "postgres://h/db?PASSWORD=s3cret&user=ann",
        ] {
            let shown = without_password(url);
            assert!(
                !shown.contains("ss@") && !shown.contains("s3cret"),
                "{url}: {shown}"
            );
            assert!(shown.contains("ann"), "{url}: {shown}");
        }
    }
}
