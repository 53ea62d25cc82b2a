//! One file per subcommand. Each takes its parsed arguments and a `Ctx`, calls
//! `db` and `model`, and hands rows to `output`.

pub mod access;
pub mod add;
pub mod article;
pub mod backup;
pub mod check;
pub mod company;
pub mod edit;
pub mod event;
pub mod export;
pub mod extract;
pub mod fx;
pub mod history;
pub mod import;
pub mod init;
pub mod list;
pub mod man;
pub mod report;
pub mod rm;
pub mod schema;
pub mod search;
pub mod seed;
pub mod show;
pub mod sql;
pub mod timeline;

use std::io::{self, BufRead, IsTerminal, Write};

use crate::db::Conn;

use crate::db::Db;
use crate::db::vocab::{self, Vocab};
use crate::error::{Error, Result, one_line};
use crate::ops::record::{NewCompanies, Resolver};
use crate::output::Output;

/// What every command gets: the open database and where and how to write.
pub struct Ctx<'a> {
    pub db: Db,
    /// Where and how output goes.
    pub output: Output<'a>,
    /// True when the user passed --format (commands that write then print the record).
    pub format_given: bool,
    /// `--format svg`: draw the report as an SVG chart.
    pub svg: bool,
}

/// The id of the deal an optional argument names (an id or a slug); None
/// when none is named.
pub fn deal_id(conn: &Conn, deal: Option<&str>) -> Result<Option<i64>> {
    deal.map(|d| crate::db::deals::require(conn, d).map(|(id, _)| id))
        .transpose()
}

/// A vocabulary value from a flag; the error names the flag.
pub fn check_vocab(conn: &Conn, vocab: Vocab, flag: &str, text: &str) -> Result<String> {
    vocab::check(conn, vocab, text).map_err(|e| Error::usage(format!("{flag}: {e}")))
}

/// Reads `COMPANY:ROLE` arguments into (company name, role), roles checked.
pub fn parse_parties(conn: &Conn, flag: &str, args: &[String]) -> Result<Vec<(String, String)>> {
    let mut parties = Vec::with_capacity(args.len());
    for arg in args {
        let place = format!("{flag} '{}'", one_line(arg));
        let (name, role) = arg.rsplit_once(':').ok_or_else(|| {
            Error::usage(format!(
                "{place}: expected COMPANY:ROLE, e.g. OpenAI:customer"
            ))
        })?;
        let role = check_vocab(conn, Vocab::Role, &place, role)?;
        let name = name.trim();
        if name.is_empty() {
            return Err(Error::usage(format!("{place}: the company name is empty")));
        }
        parties.push((name.to_string(), role));
    }
    Ok(parties)
}

/// Resolves `COMPANY:ROLE` arguments to (company id, role), creating unknown
/// companies only when `create` is set.
pub fn resolve_parties(
    conn: &Conn,
    flag: &str,
    args: &[String],
    create: bool,
) -> Result<Vec<(i64, String)>> {
    let companies = if create {
        NewCompanies::Create
    } else {
        NewCompanies::Refuse
    };
    let mut resolver = Resolver::for_flags(conn, companies);
    let parties = parse_parties(conn, flag, args)?;
    parties
        .into_iter()
        .zip(args)
        .map(|((name, role), arg)| {
            let id = resolver
                .company(&name)
                .map_err(|e| e.at(&format!("{flag} '{}'", one_line(arg))))?;
            Ok((id, role))
        })
        .collect()
}

/// Asks a yes/no question on the terminal. Without a terminal nothing can be
/// confirmed, so the answer is an error telling the user to pass --yes.
pub fn confirm(question: &str) -> Result<bool> {
    let stdin = io::stdin();
    if !stdin.is_terminal() {
        return Err(Error::usage(format!(
            "{question}: not asking without a terminal; pass --yes to confirm"
        )));
    }
    let mut stderr = io::stderr();
    write!(stderr, "{question}? [y/N] ")?;
    stderr.flush()?;
    let mut answer = String::new();
    stdin.lock().read_line(&mut answer)?;
    Ok(matches!(answer.trim().to_lowercase().as_str(), "y" | "yes"))
}
