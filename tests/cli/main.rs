//! The command line, through the real binary: every command and format, pipes, a terminal, hostile data.
//!
//! One test binary per area: each links the crate once, which keeps `cargo test` quick.

mod cache;
mod cli;
mod cli_pivot;
mod cli_tty;
mod country;
mod hostile;
mod mine;
#[cfg(unix)]
mod pipes;
mod readme;
#[cfg(unix)]
mod robust;
mod support;
mod tables;
