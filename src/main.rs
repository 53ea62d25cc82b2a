use std::io::{IsTerminal, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match deals::cli::Cli::try_parse_env() {
        Ok(cli) => cli,
        Err(e) => {
            let code = ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
            // Help and version go to stdout with 0. A command left out (`deals`,
            // `deals company`) shows that command's help, whole, on stderr with 2;
            // other usage errors go to stderr with 2, on one line like every other error.
            if let Some(help) = deals::cli::Cli::help_for(&e) {
                let _ = write!(anstream::stderr(), "{}", help.ansi());
            } else if e.use_stderr() {
                report(&deals::error::clap_message(&e));
            } else {
                let _ = e.print();
            }
            return code;
        }
    };
    match deals::app::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.is_broken_pipe() => ExitCode::SUCCESS,
        Err(e) => {
            report(&deals::error::one_line_message(&e));
            ExitCode::from(e.exit_code())
        }
    }
}

/// Prints the one line of an error on stderr, in one write, so that a failing
/// stderr loses the line whole rather than cutting it; never the exit code.
fn report(message: &str) {
    let stderr = std::io::stderr();
    let colour = stderr.is_terminal()
        && anstream::AutoStream::choice(&stderr) != anstream::ColorChoice::Never;
    let line = if colour {
        let red = anstyle::AnsiColor::Red.on_default().bold();
        format!("{red}error:{red:#} {message}\n")
    } else {
        format!("error: {message}\n")
    };
    let _ = stderr.lock().write_all(line.as_bytes());
}
