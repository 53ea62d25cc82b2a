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
    let url = match url.split_once('?') {
        Some((base, query)) => {
            let kept: Vec<&str> = query
                .split('&')
                .filter(|p| !p.to_ascii_lowercase().starts_with("password="))
                .collect();
            if kept.is_empty() {
                base.to_string()
            } else {
                format!("{base}?{}", kept.join("&"))
            }
        }
        None => url.to_string(),
    };
    let url = url.as_str();
    let Some(scheme_end) = url.find("://") else {
        return url.to_string();
    };
    let rest = &url[scheme_end + 3..];
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let authority = &rest[..authority_end];
    match authority.rfind('@') {
        Some(at) => {
            let userinfo = &authority[..at];
            let user = userinfo.split(':').next().unwrap_or_default();
            format!(
                "{}{user}{}{}",
                &url[..scheme_end + 3],
                &authority[at..],
                &rest[authority_end..]
            )
        }
        None => url.to_string(),
    }
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
    }
}
