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
            let _ = e.print();
            let _ = std::io::stdout().flush();
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    if cli.command.is_some() {
        return cli::run(&cli);
    }
    // No command: the interactive browser, on a dataset that loads and validates.
    let dataset = match cli::load(cli.data.as_deref()) {
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
