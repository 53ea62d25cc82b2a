use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match deals::cli::Cli::try_parse_env() {
        Ok(cli) => cli,
        Err(e) => {
            let code = ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
            // Help and version go to stdout with 0; usage errors to stderr with 2,
            // on one line like every other error.
            if e.use_stderr() {
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

/// Prints the one line of an error on stderr; a stderr that cannot be written
/// to loses the line, never the exit code.
fn report(message: &str) {
    let red = anstyle::AnsiColor::Red.on_default().bold();
    let _ = writeln!(anstream::stderr(), "{red}error:{red:#} {message}");
}
