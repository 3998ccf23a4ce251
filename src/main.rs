use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use citynet::cli::{self, Cli};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // Help and version go to stdout (exit 0), usage errors to stderr (exit 2). A
            // reader that went away is not worth a panic.
            let code = u8::try_from(e.exit_code()).unwrap_or(2);
            // Help or version that could not be written (a full disk) is a failure, not a
            // silent success; a reader that went away is neither. A usage error keeps its 2.
            return match e.print().and_then(|()| std::io::stdout().flush()) {
                Err(err) if code == 0 && err.kind() != std::io::ErrorKind::BrokenPipe => {
                    let _ = writeln!(std::io::stderr(), "citynet: cannot write: {err}");
                    ExitCode::from(1)
                }
                _ => ExitCode::from(code),
            };
        }
    };
    if cli.command.is_some() {
        return cli::run(&cli);
    }
    // No command: the interactive browser, on a dataset that loads and validates.
    let dataset = match cli::load_for_browser(cli.data.as_deref()) {
        Ok(d) => d,
        Err(f) => return f.report(),
    };
    match citynet::tui::run(dataset) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("citynet: terminal error: {e}");
            ExitCode::from(1)
        }
    }
}
