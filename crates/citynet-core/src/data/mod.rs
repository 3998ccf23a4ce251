//! The dataset: types, loading and validation. Knows nothing of terminals.

pub mod cache;
pub mod countries;
pub mod entries;
pub mod geo;
pub mod load;
pub mod members;
pub mod model;
pub mod parse;
pub mod provenance;
pub mod spans;
pub mod split;
pub mod table;
pub mod validate;

pub use load::load_file;
pub use model::*;
pub use parse::{LoadError, parse_dataset, parse_dataset_bytes, parse_roster};
pub use validate::{Problem, validate};
