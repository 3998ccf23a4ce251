//! The dataset compiled into the binary: `assets/`, parsed and validated by the build
//! script (`build.rs`) with the engine, and stored as JSON.

use citynet_core::data::cache::Key;
use citynet_core::data::parse::{LoadError, attach};
use citynet_core::data::{Dataset, Member, Members, Roster};

/// The assets, parsed from RON by the build script and stored as JSON: decoding that is
/// several times faster than parsing the RON (ron's lexer is the slow part), and start-up
/// is the one moment every user waits through. The RON files stay the source of truth.
static COMPILED: &str = include_str!(concat!(env!("OUT_DIR"), "/embedded.json"));

// `DEFERRED`: (network index, member count, the members as JSON) for each roster the
// build script stored apart, being too long to decode at start-up.
include!(concat!(env!("OUT_DIR"), "/deferred.rs"));

/// The dataset compiled into the binary. A long roster's members are decoded when first
/// read (`Members::deferred`), so start-up decodes the directory and the short lists only.
pub fn embedded() -> Result<Dataset, LoadError> {
    let mut dataset: Dataset = serde_json::from_str(COMPILED).map_err(|e| LoadError {
        file: "the embedded dataset".into(),
        position: None,
        message: e.to_string(),
    })?;
    for &(network, len, json) in DEFERRED {
        if let Some(roster) = dataset
            .networks
            .get_mut(network)
            .and_then(|n| n.roster.as_mut())
        {
            roster.members = Members::deferred(len, move || decode_members(json));
        }
    }
    Ok(dataset)
}

/// The embedded dataset's cache key: its compiled text, not just the version, since a
/// build from other assets under the same version holds other data.
pub fn fingerprint(version: &str) -> Key {
    DEFERRED
        .iter()
        .fold(Key::of(COMPILED.as_bytes(), version), |k, (_, _, json)| {
            k.joined("", &Key::of(json.as_bytes(), version))
        })
}

fn decode_members(json: &str) -> Vec<Member> {
    // The build script wrote this text from members it had just parsed and validated, and
    // `the_compiled_dataset_is_exactly_the_ron_assets` decodes it: failing here is a build
    // fault, not bad input.
    serde_json::from_str(json).expect("the build script's roster text decodes")
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
    fn the_covenant_waits_until_read_and_the_short_lists_do_not() {
        let d = embedded().expect("decodes");
        let waiting: Vec<(&str, usize)> = d
            .networks
            .iter()
            .filter_map(|n| n.roster.as_ref().map(|r| (n, r)))
            .filter(|(_, r)| !r.members.is_decoded())
            .map(|(n, r)| (n.id.as_str(), r.members.len()))
            .collect();
        assert_eq!(waiting, [("covenant-of-mayors", 11_972)]);
    }

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
