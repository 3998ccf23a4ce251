//! citynet's engine, shared by the browser, the command line and the build script.
//!
//! `data` is the model, loading and validation; `search` folds text and scores matches;
//! `query` is the filter language; `roster` and `cities` are the indexes that answer
//! queries over member lists and across them; `gazetteer` is GeoNames' cities, decoded
//! on first use; `text` escapes and measures text bound for a terminal. Nothing here
//! knows of terminals or of the
//! command line, so every front end gets the same answers.

pub mod cities;
pub mod country;
pub mod data;
pub mod gazetteer;
pub mod lookup;
pub mod networks;
pub mod parallel;
pub mod query;
pub mod roster;
pub mod search;
pub mod text;

// The unit tests build synthetic rosters with the development-only generator. A
// dev-dependency on `citynet-testdata` would link a second copy of this crate, whose types
// are not ours; compiling its one file into the test build instead keeps them the same.
#[cfg(test)]
extern crate self as citynet_core;
#[cfg(test)]
#[allow(dead_code)] // the unit tests use some of the generator, the benches the rest
#[path = "../../citynet-testdata/src/lib.rs"]
mod generate;
