//! The directory's networks, ready to be searched: the network list's filter and the
//! command line's `search` read the same keys through the same matcher.

use std::cmp::Ordering;

use crate::data::{Dataset, Network, Qualifier, Theme};
use crate::query::{Query, Record};
use crate::search::{self, Folded, Matcher, fold_into};

/// How the networks are listed when no query ranks them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NetworkOrder {
    /// A to Z by the name the list shows (its short name, or its name where that starts
    /// with the short name), accents and case aside.
    #[default]
    Name,
    /// Largest first, by the member figure the network states ("hundreds" as 100), else
    /// by its member list's length.
    Size,
    /// Oldest first, by the earliest founding year a source gives.
    Founded,
}

impl NetworkOrder {
    pub const ALL: [NetworkOrder; 3] = [
        NetworkOrder::Name,
        NetworkOrder::Size,
        NetworkOrder::Founded,
    ];

    /// The word the command line takes and the list's title shows.
    pub fn id(self) -> &'static str {
        match self {
            NetworkOrder::Name => "name",
            NetworkOrder::Size => "size",
            NetworkOrder::Founded => "founded",
        }
    }

    /// The order after this one, for a key that cycles them.
    pub fn next(self) -> NetworkOrder {
        match self {
            NetworkOrder::Name => NetworkOrder::Size,
            NetworkOrder::Size => NetworkOrder::Founded,
            NetworkOrder::Founded => NetworkOrder::Name,
        }
    }

    /// The order `word` names (its id, in any case).
    pub fn parse(word: &str) -> Option<NetworkOrder> {
        let word = word.trim().to_ascii_lowercase();
        NetworkOrder::ALL.into_iter().find(|o| o.id() == word)
    }
}

/// The name a network is listed under: its name where that already starts with its short
/// name ("ICLEI – Local Governments for Sustainability"), else its short name, which the
/// name follows.
pub fn listed_name(n: &Network) -> &str {
    if n.name.starts_with(n.label()) {
        &n.name
    } else {
        n.label()
    }
}

/// A network's size for ordering: the member figure it states, else how many members
/// its list has; `None` when it has neither.
pub fn size_of(n: &Network) -> Option<u64> {
    match (n.member_figure(), &n.roster) {
        (Some(f), _) if f.qualifier == Qualifier::Hundreds => Some(f.value.max(100)),
        (Some(f), _) => Some(f.value),
        (None, Some(r)) => u64::try_from(r.members.len()).ok(),
        (None, None) => None,
    }
}

/// Puts the networks at `rows` (indexes into `data.networks`) in `order`, or its reverse.
/// Networks the order has no value for (no figure, no year) come last either way; ties,
/// and the name order itself, go by the listed name then the full name, folded.
pub fn sort_networks(data: &Dataset, rows: &mut [usize], order: NetworkOrder, reverse: bool) {
    let key = |i: usize| {
        let n = &data.networks[i];
        let mut k = String::new();
        fold_into(&mut k, listed_name(n));
        k.push('\u{0}');
        fold_into(&mut k, &n.name);
        k
    };
    let mut keyed: Vec<(Option<i64>, String, usize)> = rows
        .iter()
        .map(|&i| {
            let n = &data.networks[i];
            let value = match order {
                NetworkOrder::Name => Some(0),
                // Largest first: the negated size sorts ascending.
                NetworkOrder::Size => size_of(n).map(|v| -i64::try_from(v).unwrap_or(i64::MAX)),
                NetworkOrder::Founded => n.first_founded().map(i64::from),
            };
            (value, key(i), i)
        })
        .collect();
    keyed.sort_by(|(va, ka, ia), (vb, kb, ib)| {
        let by_value = match (va, vb) {
            (Some(a), Some(b)) if reverse => b.cmp(a),
            (Some(a), Some(b)) => a.cmp(b),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        };
        let by_name = if reverse && order == NetworkOrder::Name {
            kb.cmp(ka)
        } else {
            ka.cmp(kb)
        };
        by_value.then(by_name).then(ia.cmp(ib))
    });
    for (slot, (_, _, i)) in rows.iter_mut().zip(keyed) {
        *slot = i;
    }
}

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
    /// first for a query (ties by label), else in `order` ([`sort_networks`]).
    pub fn filter(
        &self,
        data: &Dataset,
        matcher: &Matcher,
        query: &Query,
        themes: &[Theme],
        order: (NetworkOrder, bool),
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
            return rows.into_iter().map(|(_, r)| r).collect();
        }
        let mut order_of: Vec<usize> = rows.iter().map(|(_, r)| r.network).collect();
        sort_networks(data, &mut order_of, order.0, order.1);
        let mut by_network: Vec<Option<NetworkRow>> = vec![None; data.networks.len()];
        for (_, r) in rows {
            let i = r.network;
            by_network[i] = Some(r);
        }
        order_of
            .into_iter()
            .filter_map(|i| by_network.get_mut(i).and_then(Option::take))
            .collect()
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
