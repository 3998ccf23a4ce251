//! The command line: clap definitions and the non-interactive commands.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "citynet",
    version,
    about = "Browse the world's international city networks, offline",
    long_about = "Browse the world's international city networks, offline.\n\nWith no command, opens the interactive browser on the embedded dataset."
)]
pub struct Cli {
    /// Use this RON dataset file instead of the embedded one.
    #[arg(long, global = true, value_name = "FILE")]
    pub data: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a dataset file and print every problem with its position.
    Validate {
        /// The RON file to check.
        file: PathBuf,
    },
}
