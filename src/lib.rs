//! citynet: the international city networks directory, offline, in the terminal.
//!
//! The engine (`citynet_core`) knows the dataset and answers every query. Here, in layers,
//! each using only those below it: `plain` (text widths and escaping), `layout` (where
//! panes go) and `facts` (a network's details as text); `app` (the interactive state and
//! `update`); `ui` (draws the app); `tui` (the terminal and event loop) and `cli` (the
//! command line).

pub mod app;
pub mod cli;
pub mod clipboard;
pub mod embedded;
pub mod export;
pub mod facts;
pub mod layout;
pub mod loading;
pub mod pinned;
pub mod plain;
pub mod prefs;
pub mod settings;
pub mod theme;
pub mod tui;
pub mod ui;
