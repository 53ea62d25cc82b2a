//! `deals report`: deal count and value over time.

use std::io::Write;

use crate::cli::{ReportArgs, ReportBy, ReportGroup};
use crate::db::vocab::Vocab;
use crate::error::{Context, Error, Result};
use crate::model::Currency;
use crate::model::report::{Bucket, GroupBy, Report};
use crate::ops::reports::{self, Request};
use crate::output::Output;
use crate::output::atomic::AtomicFile;
use crate::output::{self, Format};

use super::{Ctx, check_vocab, list, parse_date};

pub fn run(ctx: &mut Ctx<'_>, args: &ReportArgs) -> Result<()> {
    let conn = ctx.db.conn();
    if args.role.is_some()
        && !matches!(args.group, ReportGroup::Company | ReportGroup::Counterparty)
    {
        return Err(Error::usage(
            "--role: only applies with --group company or counterparty",
        ));
    }
    if args.top == Some(0) {
        return Err(Error::usage("--top: keep at least one group"));
    }
    let request = Request {
        filter: list::filter(conn, &args.filter)?,
        bucket: match args.by {
            ReportBy::Month => Bucket::Month,
            ReportBy::Quarter => Bucket::Quarter,
            ReportBy::Year => Bucket::Year,
            ReportBy::None => Bucket::None,
        },
        group: match args.group {
            ReportGroup::None => GroupBy::None,
            ReportGroup::Kind => GroupBy::Kind,
            ReportGroup::Status => GroupBy::Status,
            ReportGroup::Company => GroupBy::Company,
            ReportGroup::Counterparty => GroupBy::Counterparty,
            ReportGroup::Tag => GroupBy::Tag,
        },
        role: args
            .role
            .as_deref()
            .map(|r| check_vocab(conn, Vocab::Role, "--role", r))
            .transpose()?,
        rollup: args.rollup,
        currency: args
            .currency
            .as_deref()
            .map(|c| c.parse::<Currency>().flag("--currency"))
            .transpose()?,
        spread: args.spread,
        cumulative: args.cumulative,
        top: args.top,
        since: args
            .filter
            .since
            .as_deref()
            .map(|d| parse_date("--since", d))
            .transpose()?,
        until: args
            .filter
            .until
            .as_deref()
            .map(|d| parse_date("--until", d))
            .transpose()?,
        use_totals: true,
    };
    let report = reports::report(conn, &request)?;
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
                args.chart,
            )
        })?;
        writeln!(ctx.output, "Wrote {}.", path.display())?;
        return Ok(());
    }
    render(&mut ctx.output, &report, args.chart)
}

fn render(o: &mut Output<'_>, report: &Report, chart: bool) -> Result<()> {
    output::report::write(o, report)?;
    if chart && matches!(o.format, Format::Table | Format::Markdown) {
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
