//! One city, one identity across every roster: the city pivot.
//!
//! Members of different rosters are the same city when they are in the same country and
//! share a name (their own or another name, accents folded), and both are plain cities.
//! London (GB) and London (CA) stay apart by country; the two Granadas likewise; regional
//! and metropolitan members never merge with a city of a similar name.

use std::collections::{BTreeSet, HashMap};

use crate::data::{Dataset, MemberKind};
use crate::search::{Folded, Matcher, fold_query};

/// One membership: a network's roster row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Seat {
    pub network: usize,
    pub member: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct City {
    /// The name shown: the one most rosters use (ties: the first roster's).
    pub name: String,
    pub country: String,
    pub kind: MemberKind,
    pub lat: f64,
    pub lon: f64,
    /// Every name the rosters give it, the shown one first.
    pub names: Vec<String>,
    /// Its rows, in network order.
    pub seats: Vec<Seat>,
}

impl City {
    pub fn networks(&self) -> BTreeSet<usize> {
        self.seats.iter().map(|s| s.network).collect()
    }
}

pub struct Cities {
    pub cities: Vec<City>,
    by_seat: HashMap<Seat, usize>,
    keys: Vec<Vec<Folded>>,
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

impl Cities {
    pub fn build(data: &Dataset) -> Cities {
        let mut seats: Vec<Seat> = Vec::new();
        for (n, net) in data.networks.iter().enumerate() {
            if let Some(r) = &net.roster {
                seats.extend((0..r.members.len() as u32).map(|member| Seat { network: n, member }));
            }
        }
        let member = |s: &Seat| {
            data.networks[s.network]
                .roster
                .as_ref()
                .and_then(|r| r.members.get(s.member as usize))
        };
        let mut parent: Vec<usize> = (0..seats.len()).collect();
        // (country, kind, folded name) -> first seat with it.
        let mut first: HashMap<(String, MemberKind, String), usize> = HashMap::new();
        for (i, s) in seats.iter().enumerate() {
            let Some(m) = member(s) else { continue };
            for name in std::iter::once(&m.name).chain(&m.aka) {
                let key = (m.country.clone(), m.kind, fold_query(name));
                match first.get(&key) {
                    Some(&j) => {
                        let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                        parent[a.max(b)] = a.min(b);
                    }
                    None => {
                        first.insert(key, i);
                    }
                }
            }
        }
        let mut groups: Vec<Vec<usize>> = Vec::new();
        let mut group_of: HashMap<usize, usize> = HashMap::new();
        for i in 0..seats.len() {
            let root = find(&mut parent, i);
            let g = *group_of.entry(root).or_insert_with(|| {
                groups.push(Vec::new());
                groups.len() - 1
            });
            groups[g].push(i);
        }
        let mut cities = Vec::with_capacity(groups.len());
        let mut by_seat = HashMap::with_capacity(seats.len());
        for group in groups {
            let members: Vec<_> = group.iter().filter_map(|&i| member(&seats[i])).collect();
            let Some(head) = members.first() else {
                continue;
            };
            // The name most rosters use; ties go to the earliest network's spelling.
            let mut counts: Vec<(&str, usize)> = Vec::new();
            for m in &members {
                match counts.iter_mut().find(|(n, _)| *n == m.name) {
                    Some(c) => c.1 += 1,
                    None => counts.push((&m.name, 1)),
                }
            }
            // `max_by_key` keeps the last of equals; reversed, that is the first.
            let name = counts
                .iter()
                .rev()
                .max_by_key(|(_, c)| *c)
                .map_or(head.name.as_str(), |(n, _)| *n)
                .to_string();
            let mut names = vec![name.clone()];
            for m in &members {
                for n in std::iter::once(&m.name).chain(&m.aka) {
                    if !names.contains(n) {
                        names.push(n.clone());
                    }
                }
            }
            let id = cities.len();
            for &i in &group {
                by_seat.insert(seats[i], id);
            }
            cities.push(City {
                name,
                country: head.country.clone(),
                kind: head.kind,
                lat: head.lat,
                lon: head.lon,
                names,
                seats: group.iter().map(|&i| seats[i]).collect(),
            });
        }
        let keys = cities
            .iter()
            .map(|c| c.names.iter().map(|n| Folded::new(n)).collect())
            .collect();
        Cities {
            cities,
            by_seat,
            keys,
        }
    }

    /// The city a roster row belongs to.
    pub fn of(&self, seat: Seat) -> Option<usize> {
        self.by_seat.get(&seat).copied()
    }

    pub fn keys(&self, city: usize) -> &[Folded] {
        self.keys.get(city).map_or(&[], Vec::as_slice)
    }

    /// Cities matching `query` by any of their names, best first (ties by name).
    pub fn search(&self, matcher: &Matcher, query: &str) -> Vec<(usize, i64)> {
        let q = fold_query(query);
        let mut hits: Vec<(usize, i64)> = (0..self.cities.len())
            .filter_map(|c| matcher.best(&q, &self.keys[c]).map(|(_, m)| (c, m.score)))
            .collect();
        hits.sort_by(|a, b| {
            b.1.cmp(&a.1)
                .then_with(|| self.cities[a.0].name.cmp(&self.cities[b.0].name))
        });
        hits
    }

    /// Cities exactly named `query` (any name, accents folded), for a forgiving lookup that
    /// still tells apart London (GB) and London (CA).
    pub fn named(&self, query: &str) -> Vec<usize> {
        let q = fold_query(query);
        (0..self.cities.len())
            .filter(|&c| self.keys[c].iter().any(|k| k.text == q))
            .collect()
    }

    /// Cities in every network of `all`, in none of `none` (sorted by name, country).
    pub fn select(&self, all: &[usize], none: &[usize]) -> Vec<usize> {
        let mut out: Vec<usize> = (0..self.cities.len())
            .filter(|&c| {
                let nets = self.cities[c].networks();
                all.iter().all(|n| nets.contains(n)) && !none.iter().any(|n| nets.contains(n))
            })
            .collect();
        self.sort(&mut out);
        out
    }

    pub fn sort(&self, ids: &mut [usize]) {
        ids.sort_by(|&a, &b| {
            let (x, y) = (&self.cities[a], &self.cities[b]);
            fold_query(&x.name)
                .cmp(&fold_query(&y.name))
                .then_with(|| x.country.cmp(&y.country))
        });
    }
}

/// How a set of networks' rosters overlap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    pub networks: Vec<usize>,
    /// Cities in every one of them.
    pub all: Vec<usize>,
    /// Cities in more than one but not all (empty for two networks).
    pub some: Vec<usize>,
    /// Per network (same order), the cities in it and in none of the others.
    pub only: Vec<Vec<usize>>,
}

impl Comparison {
    pub fn new(cities: &Cities, networks: &[usize]) -> Comparison {
        let mut all = Vec::new();
        let mut some = Vec::new();
        let mut only = vec![Vec::new(); networks.len()];
        for (c, city) in cities.cities.iter().enumerate() {
            let nets = city.networks();
            let inside: Vec<usize> = networks
                .iter()
                .enumerate()
                .filter(|(_, n)| nets.contains(n))
                .map(|(i, _)| i)
                .collect();
            match inside.len() {
                0 => {}
                1 => only[inside[0]].push(c),
                k if k == networks.len() => all.push(c),
                _ => some.push(c),
            }
        }
        cities.sort(&mut all);
        cities.sort(&mut some);
        for o in &mut only {
            cities.sort(o);
        }
        Comparison {
            networks: networks.to_vec(),
            all,
            some,
            only,
        }
    }
}
