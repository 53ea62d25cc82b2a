use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match deals::cli::Cli::try_parse_env() {
        Ok(cli) => cli,
        Err(e) => {
            let code = ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
            // Help and version go to stdout with 0; usage errors to stderr with 2,
            // on one line like every other error.
            if e.use_stderr() {
                let message = deals::error::clap_message(&e);
                let red = anstyle::AnsiColor::Red.on_default().bold();
                anstream::eprintln!("{red}error:{red:#} {message}");
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
            let red = anstyle::AnsiColor::Red.on_default().bold();
            anstream::eprintln!("{red}error:{red:#} {}", deals::error::one_line_message(&e));
            ExitCode::from(e.exit_code())
        }
    }
}
