//! citynet: the international city networks directory, offline, in the terminal.

pub mod data;
