//! `deals import FILE`: a `deals/1` JSON document or a CSV file of deals, in one
//! transaction: all or nothing, or with --skip-errors the good records and a
//! rejects file for the bad ones; --dry-run rolls everything back.

use std::fs::File;
use std::io::{IsTerminal, Write};
use std::path::Path;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::cli::{ImportArgs, ImportKind};
use crate::db::Conn;
use crate::error::{Error, Result};
use crate::model::document::Document;
use crate::model::mapping::{Field, REJECT_REASON};
use crate::ops::csv_import::{self, Rejects};
use crate::ops::import::{self, Counts, Origin, Rejected, Section, Summary};
use crate::output;
use crate::output::atomic::AtomicFile;

use super::Ctx;

/// SQLite's page cache during an import, in KiB: bounded, whatever the file size.
const IMPORT_CACHE_KIB: i64 = 32 * 1024;

/// How many reasons for rejected records are shown on stderr.
const SHOWN_REJECTS: usize = 10;

pub fn run(ctx: &mut Ctx<'_>, args: &ImportArgs) -> Result<()> {
    let kind = kind_of(args)?;
    let (maps, sets) = (&args.maps, &args.sets);
    if kind == ImportKind::Json && !(maps.is_empty() && sets.is_empty()) {
        return Err(Error::usage("--map and --set: only for CSV files"));
    }
    let name = args.file.display().to_string();
    // A large import keeps its pages in memory until the commit. Temporary
    // data goes to files: a bulk batch's savepoint journals every page the batch
    // changes, which in memory grew with the database (13 MB at 30k deals, by
    // massif); SQLite still keeps a journal under 64 KiB, such as a record's
    // savepoint under --skip-errors, in memory.
    let conn = ctx.db.conn();
    if let Some(conn) = conn.sqlite() {
        conn.pragma_update(None, "cache_size", -IMPORT_CACHE_KIB)?;
        conn.pragma_update(None, "temp_store", "file")?;
    }
    let tx = ctx.db.write()?;
    let mut shown = Shown::default();
    let (records, summary) = match kind {
        ImportKind::Json => import_json(&tx, args, &name, &mut shown)?,
        ImportKind::Csv => import_csv(&tx, args, &name, maps, sets, &mut shown)?,
    };
    if args.dry_run {
        tx.rollback()?;
    } else {
        tx.commit()?;
    }
    shown.report(args.rejects.as_deref());
    output::import::summary(&mut ctx.output, &name, records, &summary, args.dry_run)
}

fn kind_of(args: &ImportArgs) -> Result<ImportKind> {
    if let Some(kind) = args.kind {
        return Ok(kind);
    }
    let extension = args
        .file
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase());
    match extension.as_deref() {
        Some("json") => Ok(ImportKind::Json),
        Some("csv" | "txt") => Ok(ImportKind::Csv),
        _ => Err(Error::usage(format!(
            "{}: cannot tell a JSON document from a CSV file by the name; pass --kind json or --kind csv",
            args.file.display()
        ))),
    }
}

fn open(path: &Path) -> Result<File> {
    File::open(path).map_err(|e| Error::invalid(format!("cannot read {}: {e}", path.display())))
}

fn import_json(
    conn: &Conn,
    args: &ImportArgs,
    name: &str,
    shown: &mut Shown,
) -> Result<(Counts, Summary)> {
    let text = std::io::read_to_string(open(&args.file)?)
        .map_err(|e| Error::invalid(format!("{name}: cannot read it as UTF-8 text: {e}")))?;
    let doc = import::parse(&text, name)?;
    let folder = args.file.parent().unwrap_or(Path::new("")).to_path_buf();
    let read_body = move |path: &str| import::read_body_file(&folder, path);
    let origin = Origin {
        name: name.to_string(),
        read_body: &read_body,
        kept: None,
    };
    let (summary, rejected) = import::apply_with(conn, &doc, &origin, args.skip_errors)?;
    for r in &rejected {
        shown.add(&r.reason);
    }
    if let Some(path) = &args.rejects {
        let mut file = AtomicFile::create(path, "--rejects")?;
        serde_json::to_writer_pretty(&mut file, &rejects_document(&doc, &rejected))?;
        writeln!(file)?;
        file.commit()?;
    }
    Ok((summary.total(), summary))
}

/// The rejected records as a document that imports again once they are fixed,
/// each with its `reject_reason`.
fn rejects_document(doc: &Document, rejected: &[Rejected]) -> Document {
    let mut out = Document {
        format: doc.format.clone(),
        ..Default::default()
    };
    for r in rejected {
        let reason = Some(r.reason.clone());
        match r.section {
            Section::Companies => out.companies.extend(doc.companies.get(r.index).map(|c| {
                let mut c = c.clone();
                c.reject_reason = reason;
                c
            })),
            Section::Articles => out.articles.extend(doc.articles.get(r.index).map(|a| {
                let mut a = a.clone();
                a.reject_reason = reason;
                a
            })),
            Section::Deals => out.deals.extend(doc.deals.get(r.index).map(|d| {
                let mut d = d.clone();
                d.reject_reason = reason;
                d
            })),
        }
    }
    out
}

fn import_csv(
    conn: &Conn,
    args: &ImportArgs,
    name: &str,
    maps: &[(Field, String)],
    sets: &[(Field, String)],
    shown: &mut Shown,
) -> Result<(Counts, Summary)> {
    let file = open(&args.file)?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let bar = progress_bar(size);
    let options = csv_import::Options {
        origin: name,
        maps,
        sets,
        skip: args.skip_errors,
    };
    let mut sink = CsvRejects {
        writer: args
            .rejects
            .as_deref()
            .map(|path| AtomicFile::create(path, "--rejects").map(csv::Writer::from_writer))
            .transpose()?,
        shown,
        had_reasons: false,
    };
    let summary = csv_import::import(conn, file, &options, &mut sink, &mut |bytes| {
        bar.set_position(bytes)
    });
    bar.finish_and_clear();
    let summary = summary?;
    if let Some(writer) = sink.writer {
        let file = writer
            .into_inner()
            .map_err(|e| Error::invalid(format!("--rejects: {}", e.error())))?;
        file.commit()?;
    }
    Ok((summary.deals, summary))
}

/// A progress bar on stderr, only when stderr is a terminal.
fn progress_bar(size: u64) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(size), ProgressDrawTarget::stderr());
    if let Ok(style) =
        ProgressStyle::with_template("importing {bar:40} {bytes}/{total_bytes} ({eta} left)")
    {
        bar.set_style(style);
    }
    bar
}

/// Rejected CSV rows: written as they were, plus their reason, to --rejects.
struct CsvRejects<'a> {
    writer: Option<csv::Writer<AtomicFile>>,
    shown: &'a mut Shown,
    /// The file is itself a rejects file: its old reasons are replaced.
    had_reasons: bool,
}

impl Rejects for CsvRejects<'_> {
    fn header(&mut self, header: &csv::ByteRecord) -> Result<()> {
        if let Some(w) = &mut self.writer {
            let mut row = header.clone();
            // A rejects file imported again has the column already: keep one.
            if row.iter().next_back() == Some(REJECT_REASON.as_bytes()) {
                self.had_reasons = true;
                row.truncate(row.len() - 1);
            }
            row.push_field(REJECT_REASON.as_bytes());
            w.write_byte_record(&row)?;
        }
        Ok(())
    }

    fn reject(&mut self, record: &csv::ByteRecord, reason: &str) -> Result<()> {
        self.shown.add(reason);
        if let Some(w) = &mut self.writer {
            let mut row = record.clone();
            if self.had_reasons {
                row.truncate(row.len().saturating_sub(1));
            }
            row.push_field(reason.as_bytes());
            w.write_byte_record(&row)?;
        }
        Ok(())
    }
}

/// The first reasons for rejected records, to show on stderr.
#[derive(Default)]
struct Shown {
    reasons: Vec<String>,
    more: u64,
}

impl Shown {
    fn add(&mut self, reason: &str) {
        if self.reasons.len() < SHOWN_REJECTS {
            self.reasons.push(reason.to_string());
        } else {
            self.more += 1;
        }
    }

    fn report(&self, rejects: Option<&Path>) {
        for reason in &self.reasons {
            output::note(format_args!("rejected: {reason}"));
        }
        if self.more > 0 {
            output::note(format_args!("rejected: ... and {} more", self.more));
        }
        match rejects {
            Some(path) if !self.reasons.is_empty() => {
                output::note(format_args!(
                    "The rejected records and their reasons are in {}.",
                    path.display()
                ));
            }
            None if !self.reasons.is_empty() => {
                output::note(
                    "Pass --rejects FILE to keep the rejected records with their reasons.",
                );
            }
            _ => {}
        }
    }
}
