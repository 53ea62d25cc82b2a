//! Importing a CSV file of deals, one row per deal, streamed: each row is read,
//! cleaned, checked and written before the next is read, so memory stays flat
//! whatever the file size. The caller holds the one transaction.
//!
//! Deals are keyed by slug (given, or made from the title and the announced date),
//! companies by name or alias (created when new), articles by URL (created, URL
//! only, when new). A new deal is written with straight inserts; an existing one
//! is loaded, the row's fields laid over it, and written only when it changed.

mod batch;
mod lines;
mod merge;
mod row;
mod store;

use std::io::Read;

use crate::db::Conn;

use crate::db::deals;
use crate::error::{Error, Result, one_line, one_line_message};
use crate::model::mapping::{self, Field, Plan};
use crate::ops::import::{Summary, savepoint};
use crate::ops::record::{DealRecord, NewArticles, NewCompanies, Resolver};

use batch::Batch;
use lines::{Tail, start_line};
use row::{Cells, VocabCache};
use store::{Bits, Written};

/// How to read the file.
pub struct Options<'a> {
    /// The file's name, for messages.
    pub origin: &'a str,
    /// --map FIELD=COLUMN, in the order given.
    pub maps: &'a [(Field, String)],
    /// --set FIELD=VALUE.
    pub sets: &'a [(Field, String)],
    /// Load the good rows and hand the bad ones to `Rejects` instead of failing.
    pub skip: bool,
}

/// Where bad rows go when skipping.
pub trait Rejects {
    /// The file's header row, before any rejected row.
    fn header(&mut self, header: &csv::ByteRecord) -> Result<()>;
    /// A row left out, as it was in the file, with the reason ("line 7: ...").
    fn reject(&mut self, record: &csv::ByteRecord, reason: &str) -> Result<()>;
}

/// Imports the CSV from `input` inside the caller's transaction. `progress` is
/// told how many bytes have been read, every few rows.
pub fn import(
    conn: &Conn,
    input: impl Read,
    options: &Options<'_>,
    rejects: &mut dyn Rejects,
    progress: &mut dyn FnMut(u64),
) -> Result<Summary> {
    let origin = options.origin;
    let tail = Tail::new(input);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(true)
        .from_reader(tail);
    let header = reader
        .byte_headers()
        .map_err(|e| Error::invalid(format!("{origin}: {}", csv_error(&e))))?
        .clone();
    if header.is_empty() {
        return Err(Error::invalid(format!(
            "{origin}: the file is empty: expected a header row naming the columns"
        )));
    }
    let names: Vec<String> = header
        .iter()
        .map(|h| row::cell_text(h).trim().to_string())
        .collect();
    let plan = mapping::plan(&names, options.maps, options.sets)
        .map_err(|m| Error::usage(format!("{origin}: {m}")))?;
    if !options.skip
        && let Some(conn) = conn.sqlite()
    {
        // All or nothing: no statement needs undoing on its own, so with foreign
        // keys checked at the commit (every value is checked before it is written)
        // and OR FAIL inserts, SQLite keeps no per-statement journal.
        conn.pragma_update(None, "defer_foreign_keys", true)?;
    }
    let mut importer = Importer::new(conn, plan, origin)?;
    importer.check_plan(&names)?;
    rejects.header(&header)?;
    let mut record = csv::ByteRecord::new();
    let mut rows: u64 = 0;
    loop {
        let more = reader
            .read_byte_record(&mut record)
            .map_err(|e| Error::invalid(format!("{origin}: {}", csv_error(&e))))?;
        if !more {
            break;
        }
        let line = start_line(&record, reader.position(), reader.get_ref());
        rows += 1;
        if rows.is_multiple_of(1024) {
            progress(reader.position().byte());
        }
        if record
            .iter()
            .all(|cell| row::cell_text(cell).trim().is_empty())
        {
            continue;
        }
        let step = loop {
            let step = if record.len() != header.len() {
                Step::Rejected(format!(
                    "expected {} fields as in the header, found {}",
                    header.len(),
                    record.len()
                ))
            } else if options.skip {
                // A rejected row is rolled back, and so is what the resolver
                // took from it (companies waiting for the batch, counts).
                let mark = importer.resolver.mark();
                let written = savepoint(conn, || match importer.row(&record, line)? {
                    Step::Rejected(reason) => Err(Error::Invalid(reason)),
                    step => Ok(step),
                })?;
                written.unwrap_or_else(|e| {
                    importer.resolver.rewind(mark);
                    Step::Rejected(one_line_message(&e))
                })
            } else {
                importer.row(&record, line)?
            };
            match step {
                Step::FlushFirst => importer.flush(rejects, options.skip)?,
                step => break step,
            }
        };
        if let Step::Rejected(reason) = step {
            importer.reject(line, &record, &reason, rejects, options.skip)?;
        }
        if importer.batch.len() >= batch::SIZE {
            importer.flush(rejects, options.skip)?;
        }
    }
    importer.flush(rejects, options.skip)?;
    progress(reader.position().byte());
    // What the resolver created: a row rejected in its savepoint took back
    // its own count when it was rewound, a deal refused when its batch was
    // written took back the companies only it named.
    importer.summary.companies.inserted = importer.resolver.created_companies;
    importer.summary.articles.inserted = importer.resolver.created_articles;
    Ok(importer.summary)
}

/// What became of a row.
enum Step {
    /// Written, or waiting in the batch; counted.
    Done,
    /// Bad: why.
    Rejected(String),
    /// An earlier row still waiting in the batch has the same slug: insert the
    /// batch, then read the row again.
    FlushFirst,
}

fn csv_error(e: &csv::Error) -> String {
    match e.position() {
        Some(p) => format!("line {}: not readable as CSV: {e}", p.line()),
        None => format!("not readable as CSV: {e}"),
    }
}

/// The state of one import: the plan, caches, and which deals rows have touched.
struct Importer<'c> {
    conn: &'c Conn,
    plan: Plan,
    origin: &'c str,
    vocab: VocabCache,
    /// Deals with an id above this were inserted by this import.
    last_id_before: i64,
    /// Existing deals that an earlier row of this file wrote or confirmed.
    touched: Bits,
    /// The line of the first row of this file that gave each deal it wrote or
    /// confirmed, by deal id (0: none), for the message of a later row that
    /// conflicts with it: four bytes a deal, not a map entry.
    first_lines: Vec<u32>,
    /// New deals waiting to be inserted.
    batch: Batch,
    /// When the table was small before: its slugs and those inserted since, so
    /// that most new rows need no lookup.
    written: Option<Written>,
    /// Companies and articles named by rows, found or created.
    resolver: Resolver<'c>,
    summary: Summary,
}

impl<'c> Importer<'c> {
    fn new(conn: &'c Conn, plan: Plan, origin: &'c str) -> Result<Importer<'c>> {
        let last_id_before: i64 =
            conn.query_row("SELECT coalesce(max(id), 0) FROM deals", [], |r| r.get(0))?;
        Ok(Importer {
            conn,
            plan,
            origin,
            vocab: VocabCache::default(),
            last_id_before,
            touched: Bits::default(),
            first_lines: Vec::new(),
            batch: Batch::default(),
            written: Written::of_small_table(conn, last_id_before)?,
            resolver: Resolver::new(conn, NewCompanies::Defer, NewArticles::FromUrl),
            summary: Summary::default(),
        })
    }

    /// Usage errors that no row can fix: a role or constant that is wrong, or no
    /// way to know a deal's kind or title.
    fn check_plan(&mut self, header: &[String]) -> Result<()> {
        let origin = self.origin;
        for (field, _, _) in &self.plan.columns {
            if let Field::Party(role) = field {
                self.vocab
                    .check(self.conn, crate::db::vocab::Vocab::Role, role)
                    .map_err(|e| Error::usage(format!("--map {field}: {e}")))?;
            }
        }
        if !self.plan.constants.is_empty() {
            let blank = csv::ByteRecord::from(vec![""; header.len()]);
            let cells = Cells::new(&self.plan, &blank);
            if let Err(e) = row::read(self.conn, &mut self.vocab, &cells)?
                && self.plan.constants.iter().any(|(f, _)| f.name() == e.field)
            {
                return Err(Error::usage(format!("--set {}: {}", e.field, e.message)));
            }
        }
        // With slugs, rows may update deals that have a kind and a title already.
        let keyed = self.plan.has(&Field::Slug);
        if !self.plan.has(&Field::Kind) && !keyed {
            return Err(Error::usage(format!(
                "{origin}: no kind for the deals: the file has no kind column; add --set kind=KIND (e.g. acquisition) or --map kind=COLUMN"
            )));
        }
        if !self.plan.has(&Field::Title) && !self.plan.has_parties() && !keyed {
            return Err(Error::usage(format!(
                "{origin}: no title for the deals: map a title column, or the parties (--map party:ROLE=COLUMN) to make titles from"
            )));
        }
        Ok(())
    }

    /// Reads and writes one row; an error is the database's, not the row's.
    fn row(&mut self, record: &csv::ByteRecord, line: u64) -> Result<Step> {
        let cells = Cells::new(&self.plan, record);
        let draft = match row::read(self.conn, &mut self.vocab, &cells)? {
            Ok(draft) => draft,
            Err(e) => return Ok(Step::Rejected(e.to_string())),
        };
        if self
            .batch
            .contains(draft.slug.as_deref().unwrap_or_default())
        {
            return Ok(Step::FlushFirst);
        }
        match self.write(&draft, line, record) {
            Ok(step) => Ok(step),
            Err(Error::Sqlite(e)) if Error::is_constraint(&e) => {
                Ok(Step::Rejected(format!("refused by the database: {e}")))
            }
            Err(e) if e.is_about_record() => Ok(Step::Rejected(e.to_string())),
            Err(e) => Err(e),
        }
    }

    /// Counts a bad row and hands it on; without skipping it ends the import.
    fn reject(
        &mut self,
        line: u64,
        record: &csv::ByteRecord,
        reason: &str,
        rejects: &mut dyn Rejects,
        skip: bool,
    ) -> Result<()> {
        let reason = format!("line {line}: {reason}");
        if !skip {
            return Err(Error::invalid(format!("{}: {reason}", self.origin)));
        }
        self.summary.deals.rejected += 1;
        rejects.reject(record, &reason)
    }

    /// Inserts the waiting new deals.
    fn flush(&mut self, rejects: &mut dyn Rejects, skip: bool) -> Result<()> {
        let flushed = self.batch.flush(self.conn, &mut self.resolver, skip)?;
        for (id, line) in flushed.inserted {
            self.first_line(id, line);
        }
        let created = &mut self.resolver.created_companies;
        *created = created.saturating_sub(flushed.companies_dropped);
        for late in flushed.late {
            self.summary.deals.inserted = self.summary.deals.inserted.saturating_sub(1);
            self.reject(late.line, &late.record, &late.reason, rejects, skip)?;
        }
        Ok(())
    }

    fn write(&mut self, draft: &DealRecord, line: u64, record: &csv::ByteRecord) -> Result<Step> {
        let conn = self.conn;
        let slug = draft.slug.as_deref().unwrap_or_default();
        let stored = match &self.written {
            Some(written) if !written.may_hold(slug) => None,
            _ => deals::by_slug(conn, slug)?,
        };
        match stored {
            None => {
                if draft.title.is_empty() {
                    return Err(Error::invalid(
                        "title: empty, and no parties to make one from: expected a title for a new deal",
                    ));
                }
                // New companies wait in the resolver for the batch's insert.
                self.resolver.companies = NewCompanies::Defer;
                let input = self.resolver.resolve(draft).map_err(|(_, e)| e)?;
                if let Some(written) = &mut self.written {
                    written.insert(&input.slug);
                }
                self.batch.push(input, line, record);
                self.summary.deals.inserted += 1;
            }
            Some(id) => {
                if draft
                    .parties
                    .iter()
                    .any(|(name, _)| self.resolver.waiting_company(name).is_some())
                {
                    return Ok(Step::FlushFirst);
                }
                self.resolver.companies = NewCompanies::Create;
                self.update(id, draft, line)?;
            }
        }
        Ok(Step::Done)
    }

    /// Lays the row over stored deal `id`, and counts it. A deal an
    /// earlier row of this file gave takes only the fields that row left
    /// empty: a field both set to different values is a conflict, and the
    /// first row is kept.
    fn update(&mut self, id: i64, draft: &DealRecord, line: u64) -> Result<()> {
        let conn = self.conn;
        let parties = self.resolver.parties(draft).map_err(|(_, e)| e)?;
        let sources = self.resolver.sources(draft).map_err(|(_, e)| e)?;
        let stored = deals::load_input(conn, id)?;
        let seen = id > self.last_id_before || self.touched.get(id);
        let mut wanted = if seen {
            merge::fill(&self.plan, stored.clone(), draft, parties)
                .map_err(|conflict| self.conflict(id, &stored.slug, conflict))?
        } else {
            merge::overlay(&self.plan, stored.clone(), draft, parties)
        };
        for source in sources {
            if !wanted
                .sources
                .iter()
                .any(|s| s.article_id == source.article_id)
            {
                wanted.sources.push(source);
            }
        }
        wanted.normalize();
        if wanted != stored {
            deals::save(conn, Some(id), &wanted)?;
        }
        let counts = &mut self.summary.deals;
        *match (seen, wanted == stored) {
            (true, _) => &mut counts.merged,
            (false, true) => &mut counts.unchanged,
            (false, false) => &mut counts.updated,
        } += 1;
        if id <= self.last_id_before {
            self.touched.set(id);
        }
        self.first_line(id, line);
        Ok(())
    }

    /// Notes `line` as the first row of this file that gave deal `id`, unless
    /// an earlier one did.
    fn first_line(&mut self, id: i64, line: u64) {
        let (Ok(i), Ok(line)) = (usize::try_from(id), u32::try_from(line)) else {
            return;
        };
        if self.first_lines.len() <= i {
            self.first_lines.resize(i + 1, 0);
        }
        if self.first_lines[i] == 0 {
            self.first_lines[i] = line;
        }
    }

    /// The error for a row that gives a field of deal `id` another value than
    /// an earlier row did.
    fn conflict(&self, id: i64, slug: &str, conflict: merge::Conflict) -> Error {
        let merge::Conflict { field, here, there } = conflict;
        let first = usize::try_from(id)
            .ok()
            .and_then(|i| self.first_lines.get(i))
            .filter(|line| **line > 0)
            .map_or("an earlier row".to_string(), |line| format!("line {line}"));
        Error::invalid(format!(
            "{field}: {here} here, but {first} gives {there} for deal '{}'; the first row is kept",
            one_line(slug)
        ))
    }
}

#[cfg(test)]
mod tests;
