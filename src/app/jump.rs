//! Jump anywhere: one fuzzy prompt over networks, roster cities, countries and themes.

use std::collections::BTreeMap;

use crate::cities::Cities;
use crate::data::{Dataset, Theme, countries};
use crate::search::{Folded, Matcher, fold_query};

/// Where a result leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Destination {
    Network(usize),
    /// A city, with every roster it is in (an index into `Cities`).
    City(usize),
    /// A country (ISO code), with the networks whose rosters have members there.
    Country([u8; 2]),
    Theme(Theme),
}

impl Destination {
    /// The word that says what a result is.
    pub fn kind(&self) -> &'static str {
        match self {
            Destination::Network(_) => "network",
            Destination::City(_) => "city",
            Destination::Country(_) => "country",
            Destination::Theme(_) => "theme",
        }
    }

    /// Networks rank first among equals, then cities, countries, themes.
    fn rank(&self) -> u8 {
        match self {
            Destination::Network(_) => 0,
            Destination::City(_) => 1,
            Destination::Country(_) => 2,
            Destination::Theme(_) => 3,
        }
    }
}

pub struct Entry {
    pub to: Destination,
    /// What the row shows, and the first search key.
    pub title: String,
    /// Where it is: "Eurocities · Full member", "3 networks".
    pub detail: String,
    keys: Vec<Folded>,
}

/// Every jump target, built once at load.
pub struct JumpIndex {
    pub entries: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JumpHit {
    pub entry: usize,
    pub score: i64,
    /// Matched positions in the title, when the title matched.
    pub positions: Vec<usize>,
}

impl JumpIndex {
    pub fn new(data: &Dataset, cities: &Cities) -> JumpIndex {
        let mut entries = Vec::new();
        for (i, n) in data.networks.iter().enumerate() {
            let title = crate::ui::detail::full_title(n);
            let keys = [title.as_str(), n.label(), n.name.as_str()]
                .into_iter()
                .map(Folded::new)
                .collect();
            entries.push(Entry {
                to: Destination::Network(i),
                detail: format!("{} network", n.scope),
                title,
                keys,
            });
        }
        let mut by_country: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (c, city) in cities.cities.iter().enumerate() {
            let nets = city.networks();
            let labels: Vec<&str> = nets.iter().map(|&n| data.networks[n].label()).collect();
            entries.push(Entry {
                to: Destination::City(c),
                title: city.name.clone(),
                detail: format!("{} · {}", city.country, labels.join(", ")),
                keys: cities.keys(c).to_vec(),
            });
            for n in nets {
                let list = by_country.entry(city.country.as_str()).or_default();
                if !list.contains(n) {
                    list.push(*n);
                }
            }
        }
        for (code, nets) in by_country {
            let Some(name) = countries::name(code) else {
                continue;
            };
            let b = code.as_bytes();
            if b.len() != 2 {
                continue;
            }
            let mut nets = nets;
            nets.sort_unstable();
            let labels: Vec<&str> = nets.iter().map(|&i| data.networks[i].label()).collect();
            entries.push(Entry {
                to: Destination::Country([b[0], b[1]]),
                title: name.to_string(),
                detail: format!("{code} · members in {}", labels.join(", ")),
                keys: vec![Folded::new(name), Folded::new(code)],
            });
        }
        for t in Theme::ALL {
            let count = data
                .networks
                .iter()
                .filter(|n| n.themes.contains(&t))
                .count();
            if count == 0 {
                continue;
            }
            entries.push(Entry {
                to: Destination::Theme(t),
                title: t.label().to_string(),
                detail: format!("{count} networks"),
                keys: vec![Folded::new(t.label())],
            });
        }
        JumpIndex { entries }
    }

    /// The best `limit` results for `query`, best first; ties by kind, then title.
    pub fn search(&self, matcher: &Matcher, query: &str, limit: usize) -> Vec<JumpHit> {
        let q = fold_query(query);
        if q.is_empty() {
            return Vec::new();
        }
        let mut hits: Vec<JumpHit> = self
            .entries
            .iter()
            .enumerate()
            .filter_map(|(i, e)| {
                let (k, m) = matcher.best(&q, &e.keys)?;
                let positions = if k == 0 {
                    e.keys[0].original_positions(&m.folded_positions)
                } else {
                    Vec::new()
                };
                Some(JumpHit {
                    entry: i,
                    score: m.score,
                    positions,
                })
            })
            .collect();
        hits.sort_by(|a, b| {
            let (ea, eb) = (&self.entries[a.entry], &self.entries[b.entry]);
            b.score
                .cmp(&a.score)
                .then(ea.to.rank().cmp(&eb.to.rank()))
                .then_with(|| ea.title.cmp(&eb.title))
        });
        hits.truncate(limit);
        hits
    }
}
