//! The dataset: types, loading and validation. Knows nothing of terminals.

pub mod countries;
pub mod geo;
pub mod load;
pub mod model;
pub mod validate;

pub use load::{LoadError, embedded, load_file, parse_dataset, parse_roster};
pub use model::*;
pub use validate::{Problem, validate};
