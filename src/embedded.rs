//! The dataset compiled into the binary: `assets/`, parsed and validated by the build
//! script (`build.rs`) with the engine, and stored as JSON.

use citynet_core::data::parse::{LoadError, attach};
use citynet_core::data::{Dataset, Roster};

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compiled_dataset_is_exactly_the_ron_assets() {
        let compiled = embedded().expect("compiled form decodes");
        let parsed = citynet_core::data::parse::embedded_from_ron().expect("assets parse");
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
        assert_eq!(
            sizes,
            [
                ("c40", 3),
                ("ccdr", 26),
                ("covenant-of-mayors", 11_972),
                ("eurocities", 202),
                ("healthy-cities-partnership", 73),
                ("peace-in-our-cities", 20),
                ("uccn", 382)
            ]
        );
        let unknown = embedded_with_roster("nope", "x.ron", roster).expect_err("no such network");
        assert_eq!(
            unknown.to_string(),
            "x.ron: roster for unknown network `nope`"
        );
    }
}
