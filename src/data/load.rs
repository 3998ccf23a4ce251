//! Reading datasets: the embedded one compiled into the binary, or a file a person hands us.
//!
//! Every failure names the file, and the line and column where the format gives one, so a
//! person editing a data file by hand can go straight to the mistake.

use std::fmt;
use std::path::Path;

use ron::extensions::Extensions;
use serde::de::DeserializeOwned;

use super::model::{Dataset, Roster};

/// The directory file: every network, without rosters.
pub const EMBEDDED_DIRECTORY: (&str, &str) = (
    "assets/directory.ron",
    include_str!("../../assets/directory.ron"),
);

/// Each network's roster lives in a file of its own, named by the network's id, so the
/// long member lists stay out of the way of the directory entries.
pub const EMBEDDED_ROSTERS: &[(&str, &str, &str)] = &[
    (
        "eurocities",
        "assets/rosters/eurocities.ron",
        include_str!("../../assets/rosters/eurocities.ron"),
    ),
    (
        "c40",
        "assets/rosters/c40.ron",
        include_str!("../../assets/rosters/c40.ron"),
    ),
    (
        "uccn",
        "assets/rosters/uccn.ron",
        include_str!("../../assets/rosters/uccn.ron"),
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

fn ron_options() -> ron::Options {
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

/// Parses a whole dataset file (networks, and any rosters written inline).
pub fn parse_dataset(file: &str, text: &str) -> Result<Dataset, LoadError> {
    parse(file, text)
}

/// Parses one roster file.
pub fn parse_roster(file: &str, text: &str) -> Result<Roster, LoadError> {
    parse(file, text)
}

/// Attaches a roster to the network with the given id.
fn attach(
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

/// The dataset compiled into the binary.
pub fn embedded() -> Result<Dataset, LoadError> {
    let (file, text) = EMBEDDED_DIRECTORY;
    let mut dataset = parse_dataset(file, text)?;
    for (network, file, text) in EMBEDDED_ROSTERS {
        let roster = parse_roster(file, text)?;
        attach(&mut dataset, network, file, roster)?;
    }
    Ok(dataset)
}

/// The embedded dataset with `network`'s roster replaced by `roster`: how a roster file
/// being edited is checked, against the directory it belongs to.
pub fn embedded_with_roster(
    network: &str,
    file: &str,
    roster: Roster,
) -> Result<Dataset, LoadError> {
    let (dir_file, text) = EMBEDDED_DIRECTORY;
    let mut dataset = parse_dataset(dir_file, text)?;
    for (id, f, text) in EMBEDDED_ROSTERS {
        if *id != network {
            attach(&mut dataset, id, f, parse_roster(f, text)?)?;
        }
    }
    attach(&mut dataset, network, file, roster)?;
    Ok(dataset)
}

/// Reads a dataset file from disk: one RON file in the shape of `citynet export --format ron`.
pub fn load_file(path: &Path) -> Result<Dataset, LoadError> {
    let file = path.display().to_string();
    let error = |message: String| LoadError {
        file: file.clone(),
        position: None,
        message,
    };
    if path.is_dir() {
        return Err(error("is a directory, not a dataset file".into()));
    }
    let bytes = std::fs::read(path).map_err(|e| error(format!("cannot read: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let prefix = &e.as_bytes()[..at];
        let line = prefix.iter().filter(|&&b| b == b'\n').count() + 1;
        let col = prefix.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
        LoadError {
            file: file.clone(),
            position: Some((line, col)),
            message: "not valid UTF-8".into(),
        }
    })?;
    parse_dataset(&file, &text)
}
