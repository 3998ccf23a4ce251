//! The engine and the dataset: loading, validation, the embedded lists against their sources, the split parse, deferred scoring.
//!
//! One test binary per area: each links the crate once, which keeps `cargo test` quick.

mod country;
mod dataset_networks;
mod dataset_roster;
mod dataset_rosters;
mod deferred_scoring;
mod gazetteer;
mod limits;
mod loader_edge;
mod lookups;
mod network_order;
mod one_off_index;
mod provenance;
mod roster_checks;
mod scale;
mod split_parse;
