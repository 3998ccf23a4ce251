//! citynet: the international city networks directory, offline, in the terminal.
//!
//! `data` knows the dataset and nothing of terminals; `search` and `roster` answer queries
//! for both front ends; `app` is the interactive state and `update`; `ui` draws it; `tui`
//! owns the terminal; `cli` is the command line.

pub mod app;
pub mod cities;
pub mod cli;
pub mod data;
pub mod export;
pub mod generate;
pub mod parallel;
pub mod query;
pub mod roster;
pub mod search;
pub mod theme;
pub mod tui;
pub mod ui;
