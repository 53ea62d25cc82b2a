//! `deals export`: everything as one `deals/1` JSON document (to --out FILE or
//! stdout), or as one CSV file per kind of record in --out DIR. Files are written
//! whole or not at all.

use std::io::Write;
use std::path::Path;

use crate::db::Conn;

use crate::cli::ExportArgs;
use crate::error::{Error, Result};
use crate::ops::export;
use crate::output::Format;
use crate::output::atomic::AtomicFile;
use crate::output::interchange::{self as rows, CsvTable, DocumentWriter};

use super::Ctx;

/// The files of a CSV export, in the order they are written.
pub const CSV_FILES: [&str; 5] = [
    "companies.csv",
    "articles.csv",
    "deals.csv",
    "sources.csv",
    "events.csv",
];

pub fn run(ctx: &mut Ctx<'_>, args: &ExportArgs) -> Result<()> {
    let format = if ctx.format_given {
        ctx.output.format
    } else {
        Format::Json
    };
    // One read transaction: every record from the same moment, whoever writes.
    let snapshot = ctx.db.snapshot()?;
    match format {
        Format::Json => match &args.out {
            Some(path) => {
                let mut file = AtomicFile::create(path, "--out")?;
                document(&snapshot, &mut file)?;
                file.commit()?;
                writeln!(ctx.output, "Wrote {}.", path.display())?;
            }
            None => document(&snapshot, ctx.output.out)?,
        },
        Format::Csv => {
            let dir = args.out.as_deref().ok_or_else(|| {
                Error::usage("--format csv: name a folder for the CSV files with --out DIR")
            })?;
            tables(&snapshot, dir)?;
            writeln!(
                ctx.output,
                "Wrote {} to {}.",
                CSV_FILES.join(", "),
                dir.display()
            )?;
        }
        Format::Table | Format::Markdown => {
            return Err(Error::usage(
                "--format: export writes json (the default) or csv",
            ));
        }
    }
    snapshot.commit()?;
    Ok(())
}

/// The whole database as one document.
pub fn document(conn: &Conn, out: &mut dyn Write) -> Result<()> {
    let mut doc = DocumentWriter::begin(out)?;
    doc.list("companies")?;
    export::companies(conn, &mut |c| doc.record(&c))?;
    doc.list("articles")?;
    export::articles(conn, &mut |a| doc.record(&a))?;
    doc.list("deals")?;
    export::deals(conn, &mut |d| doc.record(&d))?;
    doc.finish()
}

/// One CSV file per kind of record in `dir`; the files appear together at the end.
fn tables(conn: &Conn, dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir)
        .map_err(|e| Error::invalid(format!("--out {}: {e}", dir.display())))?;
    let file = |name: &str| AtomicFile::create(&dir.join(name), "--out");
    let [c, a, d, s, e] = CSV_FILES;
    let mut companies = CsvTable::with_header(file(c)?, rows::header(rows::COMPANIES))?;
    let mut articles = CsvTable::with_header(file(a)?, rows::header(rows::ARTICLES))?;
    let mut deals = CsvTable::begin::<rows::DealRow>(file(d)?)?;
    let mut sources = CsvTable::with_header(file(s)?, rows::header(rows::SOURCES))?;
    let mut events = CsvTable::with_header(file(e)?, rows::header(rows::EVENTS))?;
    export::companies(conn, &mut |c| {
        companies.row(&rows::cells(rows::COMPANIES, &c))
    })?;
    export::articles(conn, &mut |a| {
        articles.row(&rows::cells(rows::ARTICLES, &a))
    })?;
    export::deals(conn, &mut |d| {
        deals.row(&rows::DealRow::new(&d))?;
        for source in &d.sources {
            sources.row(&rows::cells(rows::SOURCES, &(&d, source)))?;
        }
        for event in &d.events {
            events.row(&rows::cells(rows::EVENTS, &(&d, event)))?;
        }
        Ok(())
    })?;
    let done = [
        companies.finish()?,
        articles.finish()?,
        deals.finish()?,
        sources.finish()?,
        events.finish()?,
    ];
    for file in done {
        file.commit()?;
    }
    Ok(())
}
