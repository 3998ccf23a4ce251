//! Reading datasets: the embedded one compiled into the binary, or a file a person hands us.
//!
//! Every failure names the file, and the line and column where the format gives one, so a
//! person editing a data file by hand can go straight to the mistake.

use std::path::Path;

use super::model::{Dataset, Roster};
use super::parse::{LoadError, attach, parse_dataset};

/// The assets, parsed from RON by the build script and stored as JSON: decoding that is
/// several times faster than parsing the RON (ron's lexer is the slow part), and start-up
/// is the one moment every user waits through. The RON files stay the source of truth.
const COMPILED: &str = include_str!(concat!(env!("OUT_DIR"), "/embedded.json"));

/// The dataset compiled into the binary.
pub fn embedded() -> Result<Dataset, LoadError> {
    serde_json::from_str(COMPILED).map_err(|e| LoadError {
        file: "the embedded dataset".into(),
        position: None,
        message: e.to_string(),
    })
}

/// The embedded dataset with `network`'s roster replaced by `roster`: how a roster file
/// being edited is checked, against the directory it belongs to.
pub fn embedded_with_roster(
    network: &str,
    file: &str,
    roster: Roster,
) -> Result<Dataset, LoadError> {
    let mut dataset = embedded()?;
    if let Some(net) = dataset.networks.iter_mut().find(|n| n.id == network) {
        net.roster = None;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compiled_dataset_is_exactly_the_ron_assets() {
        let compiled = embedded().expect("compiled form decodes");
        let parsed = super::super::parse::embedded_from_ron().expect("assets parse");
        assert_eq!(compiled, parsed);
    }

    #[test]
    fn a_roster_checked_against_the_directory_replaces_that_networks_roster() {
        let c40 = embedded()
            .expect("decodes")
            .networks
            .into_iter()
            .find(|n| n.id == "c40");
        let mut roster = c40.and_then(|n| n.roster).expect("c40 has a roster");
        roster.members.truncate(3);
        let d = embedded_with_roster("c40", "c40.ron", roster.clone()).expect("attaches");
        let sizes: Vec<(&str, usize)> = d
            .networks
            .iter()
            .filter_map(|n| Some((n.id.as_str(), n.roster.as_ref()?.members.len())))
            .collect();
        assert_eq!(sizes, [("c40", 3), ("eurocities", 202), ("uccn", 382)]);
        let unknown = embedded_with_roster("nope", "x.ron", roster).expect_err("no such network");
        assert_eq!(
            unknown.to_string(),
            "x.ron: roster for unknown network `nope`"
        );
    }
}
