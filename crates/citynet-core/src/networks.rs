//! The directory's networks, ready to be searched: the network list's filter and the
//! command line's `search` read the same keys through the same matcher.

use crate::data::{Dataset, Theme};
use crate::query::{Query, Record};
use crate::search::{self, Folded, Matcher};

/// Which of a network's search keys matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NetworkKey {
    /// Its short name (or name, when it has none).
    Label,
    Name,
    /// The n-th of its themes.
    Theme(usize),
}

/// A network a query matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetworkRow {
    pub network: usize,
    pub key: NetworkKey,
    /// Matched character positions in the matched key's original text.
    pub positions: Vec<usize>,
}

/// Every network's keys, folded once: its label and name (each with its second spelling,
/// where it has one), then its themes.
pub struct NetworkIndex {
    keys: Vec<Vec<(NetworkKey, Folded)>>,
    /// How many of each network's keys are names (the rest are themes).
    names: Vec<usize>,
}

impl NetworkIndex {
    pub fn new(data: &Dataset) -> NetworkIndex {
        let mut keys = Vec::with_capacity(data.networks.len());
        let mut names = Vec::with_capacity(data.networks.len());
        for n in &data.networks {
            let mut k: Vec<(NetworkKey, Folded)> = search::spellings([n.label(), n.name.as_str()])
                .into_iter()
                .map(|(i, f)| {
                    let key = if i == 0 {
                        NetworkKey::Label
                    } else {
                        NetworkKey::Name
                    };
                    (key, f)
                })
                .collect();
            names.push(k.len());
            k.extend(
                n.themes
                    .iter()
                    .enumerate()
                    .map(|(t, theme)| (NetworkKey::Theme(t), Folded::new(theme.label()))),
            );
            keys.push(k);
        }
        NetworkIndex { keys, names }
    }

    /// The networks `query` keeps, among those with one of `themes` (all when empty): best
    /// first for a query, in list order otherwise; ties by label.
    pub fn filter(
        &self,
        data: &Dataset,
        matcher: &Matcher,
        query: &Query,
        themes: &[Theme],
    ) -> Vec<NetworkRow> {
        let mut rows: Vec<(i64, NetworkRow)> = self
            .keys
            .iter()
            .enumerate()
            .filter(|(i, _)| {
                themes.is_empty() || data.networks[*i].themes.iter().any(|t| themes.contains(t))
            })
            .filter_map(|(i, keys)| {
                let n = &data.networks[i];
                let texts: Vec<&str> = keys.iter().map(|(_, k)| k.text.as_str()).collect();
                let rec = Record {
                    keys: &texts,
                    names: self.names[i],
                    country: "",
                    tier: 0,
                    themes: &n.themes,
                    population: None,
                    stated: None,
                };
                let m = query.eval(matcher, &rec)?;
                let (key, folded) = keys.get(m.key)?;
                Some((
                    m.score,
                    NetworkRow {
                        network: i,
                        key: *key,
                        positions: folded.original_positions(&m.positions),
                    },
                ))
            })
            .collect();
        if !query.is_empty() {
            let nets = &data.networks;
            rows.sort_by(|(sa, a), (sb, b)| {
                sb.cmp(sa)
                    .then_with(|| nets[a.network].label().cmp(nets[b.network].label()))
            });
        }
        rows.into_iter().map(|(_, r)| r).collect()
    }

    /// The networks whose names (not themes) match the folded `query`, with their scores,
    /// best first: for a search across everything, where themes are results of their own.
    pub fn search(&self, matcher: &Matcher, query: &str) -> Vec<(usize, i64)> {
        let mut found: Vec<(usize, i64)> = self
            .keys
            .iter()
            .enumerate()
            .filter_map(|(i, keys)| {
                let names = keys[..self.names[i]].iter().map(|(_, k)| k);
                Some((i, matcher.best_score(query, names)?.1))
            })
            .collect();
        found.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        found
    }
}
