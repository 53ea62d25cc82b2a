//! `deals article extract`: the money figures of a stored article or of a
//! text given with --file, each with its sentence and the companies named in it.

use std::io::Read;
use std::path::Path;

use crate::cli::ArticleExtractArgs;
use crate::db::Conn;
use crate::db::{articles, companies};
use crate::error::{Error, Result, one_line};
use crate::model::extract::{CompanyNames, extract};
use crate::output;

use super::Ctx;

pub fn run(ctx: &mut Ctx<'_>, args: &ArticleExtractArgs) -> Result<()> {
    let given = args.language;
    let conn = ctx.db.conn();
    let (text, stored) = match (&args.file, &args.article) {
        (Some(path), _) => (read_text(path)?, None),
        (None, Some(article)) => stored_text(conn, article)?,
        (None, None) => {
            return Err(Error::usage(
                "give an article (id, slug or URL) or --file FILE",
            ));
        }
    };
    // --language, else the article's own (when it is one we read), else a
    // guess for each sentence.
    let language = given.or_else(|| stored.and_then(|tag| tag.parse().ok()));
    let names = CompanyNames::new(companies::alias_names(conn)?);
    let found = extract(&text, language, &names);
    output::extract::figures(&mut ctx.output, &found)
}

/// The body and language of a stored article; an article without text is an error.
fn stored_text(conn: &Conn, article: &str) -> Result<(String, Option<String>)> {
    let (id, title) = articles::require(conn, article)?;
    let article = articles::get(conn, id)?;
    if article.body.trim().is_empty() {
        return Err(Error::invalid(format!(
            "article {id} ({}) has no stored text; pass the text with --file",
            one_line(&title)
        )));
    }
    Ok((article.body, article.language))
}

/// The text of --file, '-' meaning stdin.
fn read_text(path: &Path) -> Result<String> {
    if path == Path::new("-") {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| Error::invalid(format!("--file -: stdin: {e}")))?;
        return Ok(text);
    }
    std::fs::read_to_string(path)
        .map_err(|e| Error::invalid(format!("--file {}: {e}", path.display())))
}
