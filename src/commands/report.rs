//! `deals report`: deal count and value over time.

use std::io::Write;

use crate::cli::ReportArgs;
use crate::db::vocab::Vocab;
use crate::error::{Error, Result};
use crate::model::report::{GroupBy, Report};
use crate::ops::reports::{self, Request};
use crate::output::Output;
use crate::output::atomic::AtomicFile;
use crate::output::{self, Format};

use super::{Ctx, check_vocab, list};

pub fn run(ctx: &mut Ctx<'_>, args: &ReportArgs) -> Result<()> {
    let conn = ctx.db.conn();
    let mut options = args.options.clone();
    if let Some(role) = &options.role {
        if !matches!(options.group, GroupBy::Company | GroupBy::Counterparty) {
            return Err(Error::usage(
                "--role: only applies with --group company or counterparty",
            ));
        }
        options.role = Some(check_vocab(conn, Vocab::Role, "--role", role)?);
    }
    let filter = list::filter(conn, &args.filter)?;
    let request = Request {
        described: list::describe(conn, &args.filter, &filter)?,
        filter,
        options,
        use_totals: true,
    };
    let report = reports::report(conn, &request)?;
    if ctx.svg && args.wide {
        return Err(Error::usage(
            "--wide: a table layout, not a chart; leave out --format svg",
        ));
    }
    if ctx.svg {
        let path = args
            .out
            .as_ref()
            .ok_or_else(|| Error::usage("--format svg: name the file with --out FILE"))?;
        return write_file(path, |w| output::svg::write(w, &report)).map(|()| {
            let _ = writeln!(ctx.output, "Wrote {}.", path.display());
        });
    }
    if let Some(path) = &args.out {
        let format = ctx.output.format;
        write_file(path, |w| {
            render(
                &mut Output::new(w, format, output::Style::default()),
                &report,
                args,
            )
        })?;
        writeln!(ctx.output, "Wrote {}.", path.display())?;
        return Ok(());
    }
    render(&mut ctx.output, &report, args)
}

fn render(o: &mut Output<'_>, report: &Report, args: &ReportArgs) -> Result<()> {
    match args.wide {
        true => output::report::write_wide(o, report)?,
        false => output::report::write(o, report)?,
    }
    if args.chart && matches!(o.format, Format::Table | Format::Markdown) {
        writeln!(o)?;
        output::chart::terminal(o.out, report, o.style)?;
    }
    Ok(())
}

/// Writes `path` whole or not at all (see `AtomicFile`).
fn write_file(
    path: &std::path::Path,
    body: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    let mut file = AtomicFile::create(path, "--out")?;
    body(&mut file)?;
    file.commit()
}
