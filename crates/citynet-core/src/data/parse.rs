//! RON text into the model: the embedded assets and any file a person writes by hand.
//!
//! The build script compiles this module too (`build.rs`), so the assets are parsed by the
//! very code that parses a `--data` file, and a broken asset fails the build with the same
//! `file:line:col` message a broken `--data` file gets at run time.

use std::fmt;

use ron::extensions::Extensions;
use serde::de::DeserializeOwned;

use super::model::{Dataset, Roster};

/// The directory file: every network, without rosters.
pub const EMBEDDED_DIRECTORY: (&str, &str) = (
    "assets/directory.ron",
    include_str!("../../../../assets/directory.ron"),
);

/// Each network's roster lives in a file of its own, named by the network's id, so the
/// long member lists stay out of the way of the directory entries.
pub const EMBEDDED_ROSTERS: &[(&str, &str, &str)] = &[
    (
        "eurocities",
        "assets/rosters/eurocities.ron",
        include_str!("../../../../assets/rosters/eurocities.ron"),
    ),
    (
        "c40",
        "assets/rosters/c40.ron",
        include_str!("../../../../assets/rosters/c40.ron"),
    ),
    (
        "uccn",
        "assets/rosters/uccn.ron",
        include_str!("../../../../assets/rosters/uccn.ron"),
    ),
    (
        "covenant-of-mayors",
        "assets/rosters/covenant-of-mayors.ron",
        include_str!("../../../../assets/rosters/covenant-of-mayors.ron"),
    ),
    (
        "healthy-cities-partnership",
        "assets/rosters/healthy-cities-partnership.ron",
        include_str!("../../../../assets/rosters/healthy-cities-partnership.ron"),
    ),
    (
        "peace-in-our-cities",
        "assets/rosters/peace-in-our-cities.ron",
        include_str!("../../../../assets/rosters/peace-in-our-cities.ron"),
    ),
    (
        "ccdr",
        "assets/rosters/ccdr.ron",
        include_str!("../../../../assets/rosters/ccdr.ron"),
    ),
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub file: String,
    /// 1-based line and column, where the format points at one.
    pub position: Option<(usize, usize)>,
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some((line, col)) => write!(f, "{}:{line}:{col}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for LoadError {}

pub fn ron_options() -> ron::Options {
    // implicit_some lets a hand-written file say `founded: 1986` instead of `Some(1986)`.
    ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME)
}

fn parse<T: DeserializeOwned>(file: &str, text: &str) -> Result<T, LoadError> {
    ron_options().from_str(text).map_err(|e| LoadError {
        file: file.to_string(),
        position: (e.span.start.line > 0).then_some((e.span.start.line, e.span.start.col)),
        message: e.code.to_string(),
    })
}

/// Parses a whole dataset file (networks, and any rosters written inline); a large one's
/// member lists on every core (`split`).
pub fn parse_dataset(file: &str, text: &str) -> Result<Dataset, LoadError> {
    if text.len() >= super::split::MIN_BYTES {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        if let Some(dataset) = super::split::parse(text, threads, super::split::MIN_PIECE) {
            return Ok(dataset);
        }
    }
    parse(file, text)
}

/// Parses one roster file.
pub fn parse_roster(file: &str, text: &str) -> Result<Roster, LoadError> {
    parse(file, text)
}

/// Attaches a roster to the network with the given id.
pub fn attach(
    dataset: &mut Dataset,
    network: &str,
    file: &str,
    roster: Roster,
) -> Result<(), LoadError> {
    let error = |message: String| LoadError {
        file: file.to_string(),
        position: None,
        message,
    };
    let Some(net) = dataset.networks.iter_mut().find(|n| n.id == network) else {
        return Err(error(format!("roster for unknown network `{network}`")));
    };
    if net.roster.is_some() {
        return Err(error(format!("network `{network}` has a roster already")));
    }
    net.roster = Some(roster);
    Ok(())
}

/// The embedded dataset, parsed from its RON text. The binary does this once, when it is
/// built; at run time it decodes the result (`load::embedded`).
pub fn embedded_from_ron() -> Result<Dataset, LoadError> {
    let (file, text) = EMBEDDED_DIRECTORY;
    let mut dataset = parse_dataset(file, text)?;
    for (network, file, text) in EMBEDDED_ROSTERS {
        let roster = parse_roster(file, text)?;
        attach(&mut dataset, network, file, roster)?;
    }
    Ok(dataset)
}
