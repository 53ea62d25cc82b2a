//! `deals backup PATH`: a consistent copy of the live database. An SQLite
//! file is copied page by page; a PostgreSQL database is dumped by `pg_dump
//! -Fc` when it is on the PATH, and written as a `deals/1` document otherwise.

use std::io::Write;
use std::process::Command;

use crate::cli::BackupArgs;
use crate::db::backup;
use crate::error::{Error, Result};
use crate::output::atomic::AtomicFile;

use super::Ctx;

pub fn run(ctx: &mut Ctx<'_>, args: &BackupArgs) -> Result<()> {
    let conn = ctx.db.conn();
    if let Some(file) = conn.sqlite() {
        let pages = backup::backup(file, &args.path)?;
        writeln!(
            ctx.output,
            "Backed up {pages} pages to {}.",
            args.path.display()
        )?;
        return Ok(());
    }
    let Some(session) = conn.postgres() else {
        return Ok(());
    };
    if args.path.exists() {
        return Err(Error::invalid(format!(
            "{} already exists; choose a new file for the backup",
            args.path.display()
        )));
    }
    if let Some(dumped) = pg_dump(&session.location, &args.path)? {
        writeln!(
            ctx.output,
            "Backed up with pg_dump -Fc to {} ({dumped} bytes); restore it with pg_restore.",
            args.path.display()
        )?;
        return Ok(());
    }
    let snapshot = ctx.db.snapshot()?;
    let mut file = AtomicFile::create(&args.path, "PATH")?;
    super::export::document(&snapshot, &mut file)?;
    file.commit()?;
    snapshot.commit()?;
    writeln!(
        ctx.output,
        "Backed up as a deals/1 document to {} (pg_dump is not on the PATH); restore it with `deals import`.",
        args.path.display()
    )?;
    Ok(())
}

/// Runs `pg_dump -Fc` into `path`; None when pg_dump is not on the PATH. The
/// password goes through the environment, never the command line.
fn pg_dump(
    location: &crate::db::postgres::Location,
    path: &std::path::Path,
) -> Result<Option<u64>> {
    let config = &location.config;
    let mut command = Command::new("pg_dump");
    command
        .arg("-Fc")
        .arg("--no-password")
        .arg("--file")
        .arg(path);
    // Only the URL says where: none of libpq's own variables.
    for name in [
        "PGHOST",
        "PGHOSTADDR",
        "PGPORT",
        "PGDATABASE",
        "PGUSER",
        "PGSERVICE",
        "PGOPTIONS",
        "PGPASSFILE",
    ] {
        command.env_remove(name);
    }
    if let Some(user) = config.get_user() {
        command.arg("--username").arg(user);
    }
    if let Some(db) = config.get_dbname() {
        command.arg("--dbname").arg(db);
    }
    match config.get_hosts().first() {
        Some(postgres::config::Host::Tcp(host)) => {
            command.arg("--host").arg(host);
        }
        Some(postgres::config::Host::Unix(folder)) => {
            command.arg("--host").arg(folder);
        }
        None => {}
    }
    if let Some(port) = config.get_ports().first() {
        command.arg("--port").arg(port.to_string());
    }
    if let Some(password) = config.get_password() {
        command.env("PGPASSWORD", String::from_utf8_lossy(password).as_ref());
    }
    let sslmode = match config.get_ssl_mode() {
        postgres::config::SslMode::Disable => "disable",
        postgres::config::SslMode::Require => "require",
        _ => "prefer",
    };
    command.env("PGSSLMODE", sslmode);
    let output = match command.output() {
        Ok(output) => output,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Error::invalid(format!("cannot run pg_dump: {e}"))),
    };
    if !output.status.success() {
        let _ = std::fs::remove_file(path);
        let said = String::from_utf8_lossy(&output.stderr);
        return Err(Error::invalid(format!(
            "pg_dump failed: {}",
            said.lines().next().unwrap_or("no message")
        )));
    }
    Ok(Some(std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)))
}
