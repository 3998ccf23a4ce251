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
    /// Whether `prepare_jump` has started.
    names_started: std::sync::atomic::AtomicBool,
    /// Members per tier, for each network with a roster: the detail pane shows them on
    /// the first screen, before any index exists, and counting takes one quick pass. Each
    /// is counted when first shown: counting the Covenant's would decode its members.
    tier_counts: Vec<OnceLock<Option<Vec<usize>>>>,
}

impl Indexes {
    pub fn new(data: Arc<Dataset>) -> Indexes {
        Indexes {
            rosters: data.networks.iter().map(|_| OnceLock::new()).collect(),
            cities: OnceLock::new(),
            names_started: Default::default(),
            tier_counts: data.networks.iter().map(|_| OnceLock::new()).collect(),
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
        let roster = self.data.networks.get(network)?.roster.as_ref();
        self.tier_counts
            .get(network)?
            .get_or_init(|| {
                let r = roster?;
                let mut counts = vec![0; r.tiers.len()];
                for m in &r.members {
                    if let Some(c) = r.tier_index(&m.tier).and_then(|t| counts.get_mut(t)) {
                        *c += 1;
                    }
                }
                Some(counts)
            })
            .as_deref()
    }

    /// Builds every index not built yet: the roster indexes first (a member table is the
    /// likelier first stop), then the city index where there is a pivot to make.
    pub fn build_all(&self) {
        for n in 0..self.rosters.len() {
            self.roster(n);
        }
        let rosters = self.data.networks.iter().filter(|n| n.roster.is_some());
        if rosters.count() > 1 {
            self.cities();
        }
    }

    /// Builds what the jump prompt reads beyond the lists, on a thread of its own: the
    /// index of GeoNames' names (about 40 ms and 8 MB), which only a jump needs, so the
    /// app asks for it as the prompt opens rather than at start-up or on a keystroke.
    /// Only where the lists are matched to GeoNames, as the embedded ones are.
    pub fn prepare_jump(self: &Arc<Self>) {
        if self
            .names_started
            .swap(true, std::sync::atomic::Ordering::Relaxed)
        {
            return;
        }
        let me = Arc::clone(self);
        std::thread::spawn(move || {
            if me.cities().cities.iter().any(|c| c.geonames.is_some())
                && let Ok(g) = citynet_core::gazetteer::embedded()
            {
                g.named("");
            }
        });
    }
}
