//! Resolves the database path, opens it (creating and seeding it on first use),
//! decides how output looks, and dispatches to the command.

use std::io::{self, IsTerminal, Write};

use crate::cli::{Cli, Command, Format as CliFormat};
use crate::commands::{self, Ctx};
use crate::db::{Db, Target};
use crate::error::{Error, Result};
use crate::ops::seed;
use crate::output::{self, Format, Output, Style};

/// Runs one command line to completion.
pub fn run(cli: Cli) -> Result<()> {
    let target = database_target(cli.db.clone())?;
    let stdout = io::stdout();
    let style = style_for(&stdout);
    // On a terminal, through anstream, which strips colour with NO_COLOR.
    // Elsewhere (a pipe, a file) raw: renderers write no colour there, and data
    // such as CSV or JSON must reach the file byte for byte.
    let raw: Box<dyn Write> = if stdout.is_terminal() {
        Box::new(anstream::AutoStream::auto(stdout.lock()))
    } else {
        Box::new(stdout.lock())
    };
    let mut out = io::BufWriter::new(raw);
    match &cli.command {
        // The commands that need no open database.
        Command::Completions(args) => {
            use clap::CommandFactory;
            clap_complete::generate(args.shell, &mut Cli::command(), "deals", &mut out);
        }
        Command::Man(args) => commands::man::run(&mut out, args)?,
        Command::Init(args) => commands::init::run(&mut out, &target, args)?,
        command => {
            let svg = cli.format == Some(CliFormat::Svg);
            if svg && !matches!(command, Command::Report(_)) {
                return Err(Error::usage(
                    "--format svg: only `deals report` draws charts",
                ));
            }
            let db = open(&target)?;
            let format = match cli.format {
                None | Some(CliFormat::Table) | Some(CliFormat::Svg) => Format::Table,
                Some(CliFormat::Json) => Format::Json,
                Some(CliFormat::Csv) => Format::Csv,
                Some(CliFormat::Markdown) => Format::Markdown,
            };
            let mut ctx = Ctx {
                db,
                output: Output::new(&mut out, format, style),
                format_given: cli.format.is_some(),
                svg,
            };
            dispatch(&mut ctx, command)?;
        }
    }
    Ok(out.flush()?)
}

fn dispatch(ctx: &mut Ctx<'_>, command: &Command) -> Result<()> {
    match command {
        Command::Init(_) | Command::Completions(_) | Command::Man(_) => Ok(()),
        Command::Seed => commands::seed::run(ctx),
        Command::Add(args) => commands::add::run(ctx, args),
        Command::Edit(args) => commands::edit::run(ctx, args),
        Command::Rm(args) => commands::rm::run(ctx, args),
        Command::List(args) => commands::list::run(ctx, args),
        Command::Show(args) => commands::show::run(ctx, args),
        Command::Company(command) => commands::company::run(ctx, command),
        Command::Article(command) => commands::article::run(ctx, command),
        Command::Event(command) => commands::event::run(ctx, command),
        Command::Report(args) => commands::report::run(ctx, args),
        Command::Timeline(args) => commands::timeline::run(ctx, args),
        Command::Search(args) => commands::search::run(ctx, args),
        Command::Sql(args) => commands::sql::run(ctx, args),
        Command::Schema => commands::schema::run(ctx),
        Command::Fx(command) => commands::fx::run(ctx, command),
        Command::Import(args) => commands::import::run(ctx, args),
        Command::Export(args) => commands::export::run(ctx, args),
        Command::Check(args) => commands::check::run(ctx, args),
        Command::Backup(args) => commands::backup::run(ctx, args),
        Command::Access(command) => commands::access::run(ctx, command),
        Command::History(args) => commands::history::run(ctx, args),
        Command::Restore(args) => commands::history::restore(ctx, args),
    }
}

/// `--db` (or `$DEALS_DB`, read by clap), else `deals/deals.db` in the platform
/// data dir.
pub fn database_target(flag: Option<Target>) -> Result<Target> {
    if let Some(target) = flag {
        return Ok(target);
    }
    use etcetera::BaseStrategy;
    let strategy = etcetera::choose_base_strategy().map_err(|e| {
        Error::invalid(format!(
            "cannot find a data folder for the database ({e}); pass --db PATH or set DEALS_DB"
        ))
    })?;
    Ok(Target::File(
        strategy.data_dir().join("deals").join("deals.db"),
    ))
}

/// Opens the database, creating it with the seed set when it does not exist
/// (and saying so on stderr).
fn open(target: &Target) -> Result<Db> {
    let path = match target {
        Target::File(path) => path,
        Target::Server(location) => {
            let (db, created) = Db::open_postgres(location)?;
            if created {
                let summary = seed::load(&db)?;
                commands::init::announce(&target.shown(), &summary);
            }
            return Ok(db);
        }
    };
    if seed::exists_with_content(path) {
        let db = Db::open(path)?;
        for names in &db.shared_names {
            output::note(format!(
                "companies {names} are now one name to deals (names match in any case and \
                 Unicode form); `deals check` lists them, nothing was merged"
            ));
        }
        return Ok(db);
    }
    let (db, summary) = seed::create(path)?;
    commands::init::announce(&target.shown(), &summary);
    Ok(db)
}

/// Colour only on a terminal and never with NO_COLOR; the table width from
/// [`table_width`].
fn style_for(stdout: &io::Stdout) -> Style {
    let terminal = stdout.is_terminal();
    let choice = anstream::AutoStream::choice(stdout);
    let reported = || comfy_table::Table::new().width();
    Style {
        color: terminal && choice != anstream::ColorChoice::Never,
        width: table_width(
            std::env::var_os("COLUMNS").as_deref(),
            terminal.then(reported).flatten(),
        ),
    }
}

/// The narrowest width a terminal is believed to report: a pty whose size was
/// never set (under `script`, `docker exec -t`, some CI runners) says 0.
const MIN_REPORTED_WIDTH: u16 = 20;

/// The width tables are fitted to, in terminal columns: `COLUMNS` when it is a
/// positive integer (on a terminal or not: setting it asks for that width),
/// else the width the terminal reports, unless it is implausibly narrow; None
/// (tables as wide as their content) off a terminal or when the width is unknown.
pub fn table_width(columns: Option<&std::ffi::OsStr>, reported: Option<u16>) -> Option<u16> {
    let asked = columns
        .and_then(|c| c.to_str())
        .and_then(|c| c.trim().parse::<u16>().ok())
        .filter(|w| *w > 0);
    asked.or(reported.filter(|w| *w >= MIN_REPORTED_WIDTH))
}

#[cfg(test)]
mod tests {
    use super::table_width;
    use std::ffi::OsStr;

    #[test]
    fn columns_is_honoured_when_it_is_a_positive_integer() {
        assert_eq!(table_width(Some(OsStr::new("72")), None), Some(72));
        assert_eq!(table_width(Some(OsStr::new("72")), Some(137)), Some(72));
        assert_eq!(table_width(Some(OsStr::new("0")), Some(137)), Some(137));
        assert_eq!(table_width(Some(OsStr::new("-5")), Some(137)), Some(137));
        assert_eq!(table_width(Some(OsStr::new("wide")), None), None);
        assert_eq!(table_width(Some(OsStr::new("")), Some(90)), Some(90));
        assert_eq!(table_width(Some(OsStr::new("99999")), None), None);
    }

    #[test]
    fn a_terminal_of_width_zero_is_a_terminal_of_unknown_width() {
        assert_eq!(table_width(None, Some(0)), None);
        assert_eq!(table_width(None, Some(5)), None);
        assert_eq!(table_width(None, Some(100)), Some(100));
        assert_eq!(table_width(None, None), None);
    }
}
