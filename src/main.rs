use std::process::ExitCode;

use clap::Parser;

use citynet::cli::{Cli, Command};
use citynet::data::{self, Dataset, LoadError};

fn load(cli: &Cli) -> Result<Dataset, LoadError> {
    match &cli.data {
        Some(path) => data::load_file(path),
        None => data::embedded(),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match &cli.command {
        None => {
            let dataset = match load(&cli) {
                Ok(d) => d,
                Err(e) => {
                    eprintln!("citynet: {e}");
                    return ExitCode::from(1);
                }
            };
            let problems = data::validate(&dataset);
            if !problems.is_empty() {
                eprintln!("citynet: the dataset has {} problem(s):", problems.len());
                for p in &problems {
                    eprintln!("  {p}");
                }
                return ExitCode::from(1);
            }
            match citynet::tui::run(dataset) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("citynet: terminal error: {e}");
                    ExitCode::from(1)
                }
            }
        }
        Some(Command::Validate { file }) => match data::load_file(file) {
            Err(e) => {
                eprintln!("{e}");
                ExitCode::from(1)
            }
            Ok(d) => {
                let text = std::fs::read_to_string(file).unwrap_or_default();
                let problems = data::validate(&d);
                for p in &problems {
                    match p.position_in(&text) {
                        Some((l, c)) => println!("{}:{l}:{c}: {p}", file.display()),
                        None => println!("{}: {p}", file.display()),
                    }
                }
                if problems.is_empty() {
                    println!("{}: ok ({} networks)", file.display(), d.networks.len());
                    ExitCode::SUCCESS
                } else {
                    ExitCode::from(1)
                }
            }
        },
    }
}
