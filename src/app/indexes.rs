//! The indexes the browser searches: one per roster, and the city index across rosters.
//!
//! None is built before the first frame. The binary builds them on a thread of their own
//! as soon as the app starts (`App::index_in_background`), while the person reads the
//! first screen; whatever asks for one before it is ready waits for it, or builds it when
//! nobody has started it (as in the tests, which never start the thread). On 250,000
//! members the roster index takes about 0.1 s: kept off the start-up path, a large file
//! opens as soon as it is read and checked.

use std::sync::{Arc, OnceLock};

use citynet_core::cities::Cities;
use citynet_core::data::Dataset;
use citynet_core::roster::RosterIndex;

pub struct Indexes {
    data: Arc<Dataset>,
    /// One per network, empty for a network without a roster.
    /// Shared with the member table's search, which keeps the index it was opened on.
    rosters: Vec<OnceLock<Arc<RosterIndex>>>,
    cities: OnceLock<Cities>,
    /// Members per tier, for each network with a roster: the detail pane shows them on
    /// the first screen, before any index exists, and counting takes one quick pass.
    tier_counts: Vec<Option<Vec<usize>>>,
}

impl Indexes {
    pub fn new(data: Arc<Dataset>) -> Indexes {
        let tier_counts = data
            .networks
            .iter()
            .map(|n| {
                let r = n.roster.as_ref()?;
                let mut counts = vec![0; r.tiers.len()];
                for m in &r.members {
                    if let Some(c) = r.tier_index(&m.tier).and_then(|t| counts.get_mut(t)) {
                        *c += 1;
                    }
                }
                Some(counts)
            })
            .collect();
        Indexes {
            rosters: data.networks.iter().map(|_| OnceLock::new()).collect(),
            cities: OnceLock::new(),
            tier_counts,
            data,
        }
    }

    /// Network `network`'s roster index, if it has a roster.
    pub fn roster(&self, network: usize) -> Option<&Arc<RosterIndex>> {
        let roster = self.data.networks.get(network)?.roster.as_ref()?;
        Some(self.rosters[network].get_or_init(|| Arc::new(RosterIndex::new(roster))))
    }

    /// Every city across all rosters, recognised as one.
    pub fn cities(&self) -> &Cities {
        self.cities.get_or_init(|| Cities::build(&self.data))
    }

    pub fn tier_counts(&self, network: usize) -> Option<&[usize]> {
        self.tier_counts.get(network)?.as_deref()
    }

    /// Builds every index not built yet: the roster indexes first (a member table is the
    /// likelier first stop), then the city index where there is a pivot to make.
    pub fn build_all(&self) {
        for n in 0..self.rosters.len() {
            self.roster(n);
        }
        if self.tier_counts.iter().flatten().count() > 1 {
            let cities = self.cities();
            // The jump prompt looks a typed name up among GeoNames' names: build that index
            // here (about 40 ms) rather than on a keystroke. Only where the lists are
            // matched to GeoNames, as the embedded ones are.
            if cities.cities.iter().any(|c| c.geonames.is_some())
                && let Ok(g) = citynet_core::gazetteer::embedded()
            {
                g.named("");
            }
        }
    }
}
