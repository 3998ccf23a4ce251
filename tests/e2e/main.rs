//! The real binary in a pseudo-terminal: the terminal is restored on every exit.
//!
//! One test binary per area: each links the crate once, which keeps `cargo test` quick.

#[cfg(unix)]
mod copy;
#[cfg(unix)]
mod loading;
mod mine;
#[cfg(unix)]
mod modes;
#[cfg(unix)]
mod signals;
#[cfg(unix)]
mod support;
#[cfg(unix)]
mod tui;
