//! citynet: the international city networks directory, offline, in the terminal.
//!
//! `data` knows the dataset and nothing of terminals; `search` and `roster` answer queries
//! for both front ends; `app` is the interactive state and `update`; `ui` draws it; `tui`
//! owns the terminal; `cli` is the command line.

pub mod app;
pub mod cli;
pub mod embedded;
pub mod export;
pub mod theme;
pub mod tui;
pub mod ui;
