//! One city, one identity across every roster: the city pivot.
//!
//! Members of different rosters are the same city when they are in the same country and
//! share a name (their own or another name, accents folded), and both are plain cities.
//! London (GB) and London (CA) stay apart by country; the two Granadas likewise; regional
//! and metropolitan members never merge with a city of a similar name.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use crate::data::{Dataset, Member, MemberKind, Network};
use crate::gazetteer;
use crate::lookup::{self, Lookup};
use crate::search::{self, Matcher, fold_into, fold_query};

/// One membership: a network's roster row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Seat {
    pub network: usize,
    pub member: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct City {
    /// The name shown: GeoNames' name for it where its rows were matched to a place, else
    /// the one most rosters use (ties: the first roster's).
    pub name: String,
    pub country: String,
    pub kind: MemberKind,
    pub lat: f64,
    pub lon: f64,
    /// Every name the rosters give it, the shown one first.
    pub names: Vec<String>,
    /// Its rows, in network order.
    pub seats: Vec<Seat>,
    /// The networks it is in, sorted, each once.
    nets: Vec<usize>,
    /// The GeoNames place its rows were matched to, where they were.
    pub geonames: Option<u32>,
    /// GeoNames' population figure for it ([`gazetteer::POPULATION_SOURCE`]).
    pub population: Option<u64>,
}

impl City {
    /// Where its point comes from: GeoNames' place where it was matched to one, else the
    /// first list that names it.
    pub fn point_source(&self) -> &'static str {
        match self.geonames {
            Some(_) => "GeoNames",
            None => "as the list gives it",
        }
    }

    /// The networks it is in, sorted, each once.
    pub fn networks(&self) -> &[usize] {
        &self.nets
    }

    pub fn is_in(&self, network: usize) -> bool {
        self.nets.binary_search(&network).is_ok()
    }
}

/// One of a city's memberships, as a card shows it.
pub struct Membership<'d> {
    pub network: &'d Network,
    pub member: &'d Member,
    /// The tier's label ("Full member"), or its id when the roster does not define it.
    pub tier: &'d str,
    /// Whether the network's profile names the city among its founders.
    pub founding: bool,
}

impl City {
    /// Its memberships, in network order.
    pub fn memberships<'d>(&self, data: &'d Dataset) -> Vec<Membership<'d>> {
        self.seats
            .iter()
            .filter_map(|seat| {
                let network = data.networks.get(seat.network)?;
                let roster = network.roster.as_ref()?;
                let member = roster.members.get(seat.member as usize)?;
                let tier = roster
                    .tiers
                    .iter()
                    .find(|t| t.id == member.tier)
                    .map_or(member.tier.as_str(), |t| t.label.as_str());
                let founding = network
                    .profile
                    .as_ref()
                    .is_some_and(|p| p.founding_members.iter().any(|f| self.names.contains(f)));
                Some(Membership {
                    network,
                    member,
                    tier,
                    founding,
                })
            })
            .collect()
    }
}

pub struct Cities {
    pub cities: Vec<City>,
    /// `by_seat[network][member]`: the city of each roster row (empty for networks with
    /// no roster).
    by_seat: Vec<Vec<u32>>,
    /// Every city, in display order (folded name, then country): sections built by walking
    /// it come out sorted, with no sort per query.
    order: Vec<u32>,
    /// In display order, each city's networks as bits (network n is bit n), when every
    /// network with a roster is among the first 64: a comparison then reads one dense
    /// array instead of a quarter of a million scattered cities.
    order_nets: Option<Vec<u64>>,
    /// Search keys: built on first search, which a browse may never need.
    keys: OnceLock<SearchKeys>,
    /// Exact names and suggestion names: built on the first lookup.
    lookups: OnceLock<Lookups>,
    /// GeoNames id -> the city matched to it.
    by_geonames: FxHashMap<u32, u32>,
}

/// A city [`Cities::lookup_anywhere`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A city of the member lists (an index into `Cities::cities`).
    Listed(usize),
    /// A GeoNames place in none of them (its GeoNames id).
    Elsewhere(u32),
}

/// What [`Cities::lookup`] reads.
struct Lookups {
    /// Every spelling of every name, normalized and without spaces -> its cities.
    exact: FxHashMap<String, Vec<u32>>,
    /// Every spelling of every name, normalized, with its city.
    names: Vec<(String, u32)>,
}

/// Every city's names, folded into one string (no allocation per name: a quarter of a
/// million cities), and each city's letters (`search::letters`), to skip a city that
/// cannot match before scoring it.
struct SearchKeys {
    text: String,
    /// Name k is `text[bounds[k]..bounds[k + 1]]`.
    bounds: Vec<u32>,
    /// City c's names (and their second spellings) are `first[c]..first[c + 1]`.
    first: Vec<u32>,
    letters: Vec<u64>,
}

fn find(parent: &mut [u32], mut x: u32) -> u32 {
    while parent[x as usize] != x {
        parent[x as usize] = parent[parent[x as usize] as usize];
        x = parent[x as usize];
    }
    x
}

impl Cities {
    pub fn build(data: &Dataset) -> Cities {
        let mut seats: Vec<Seat> = Vec::new();
        let mut rows: Vec<&Member> = Vec::new();
        for (n, net) in data.networks.iter().enumerate() {
            if let Some(r) = &net.roster {
                for (i, m) in r.members.iter().enumerate() {
                    seats.push(Seat {
                        network: n,
                        member: i as u32,
                    });
                    rows.push(m);
                }
            }
        }
        let mut parent: Vec<u32> = (0..seats.len() as u32).collect();
        // Every row's names, folded, in one string: no allocation per name, on rosters of
        // a quarter of a million rows. Row i's are `bounds[first_name[i]..first_name[i+1]]`.
        let mut folded = String::new();
        let mut bounds = vec![0u32];
        let mut first_name = Vec::with_capacity(rows.len() + 1);
        for m in &rows {
            first_name.push(bounds.len() as u32 - 1);
            for name in std::iter::once(&m.name).chain(&m.aka) {
                fold_into(&mut folded, name);
                bounds.push(folded.len() as u32);
            }
        }
        first_name.push(bounds.len() as u32 - 1);
        {
            // (country, kind, folded name) -> the first row with it.
            let mut first: FxHashMap<(&str, MemberKind, &str), u32> = FxHashMap::default();
            first.reserve(bounds.len());
            for (i, m) in rows.iter().enumerate() {
                for k in first_name[i]..first_name[i + 1] {
                    let name =
                        &folded[bounds[k as usize] as usize..bounds[k as usize + 1] as usize];
                    match first.entry((m.country.as_str(), m.kind, name)) {
                        std::collections::hash_map::Entry::Occupied(e) => {
                            let (a, b) = (find(&mut parent, i as u32), find(&mut parent, *e.get()));
                            parent[a.max(b) as usize] = a.min(b);
                        }
                        std::collections::hash_map::Entry::Vacant(e) => {
                            e.insert(i as u32);
                        }
                    }
                }
            }
            // One GeoNames id is one city, whatever each list calls it ("Koeln", "Cologne").
            let mut by_place: FxHashMap<u32, u32> = FxHashMap::default();
            for (i, m) in rows.iter().enumerate() {
                let Some(place) = m.geonames else { continue };
                match by_place.entry(place) {
                    std::collections::hash_map::Entry::Occupied(e) => {
                        let (a, b) = (find(&mut parent, i as u32), find(&mut parent, *e.get()));
                        parent[a.max(b) as usize] = a.min(b);
                    }
                    std::collections::hash_map::Entry::Vacant(e) => {
                        e.insert(i as u32);
                    }
                }
            }
            // The map goes before the cities are built, so that they can reuse its memory.
        }
        drop((folded, bounds, first_name));
        // Rows grouped by their root, in row order (so by network, then roster order):
        // group g is `grouped[start[g]..start[g + 1]]`, counted out with no list per group.
        let mut group_of = vec![u32::MAX; seats.len()];
        let mut row_group = Vec::with_capacity(seats.len());
        let mut count: Vec<u32> = Vec::new();
        for i in 0..seats.len() as u32 {
            let root = find(&mut parent, i) as usize;
            if group_of[root] == u32::MAX {
                group_of[root] = count.len() as u32;
                count.push(0);
            }
            row_group.push(group_of[root]);
            count[group_of[root] as usize] += 1;
        }
        drop((parent, group_of));
        let mut start = Vec::with_capacity(count.len() + 1);
        start.push(0u32);
        for c in &count {
            start.push(start.last().copied().unwrap_or(0) + c);
        }
        let mut next = start.clone();
        let mut grouped = vec![0u32; seats.len()];
        for (i, &g) in row_group.iter().enumerate() {
            grouped[next[g as usize] as usize] = i as u32;
            next[g as usize] += 1;
        }
        drop((row_group, next, count));
        let groups = start
            .windows(2)
            .map(|w| &grouped[w[0] as usize..w[1] as usize]);
        let mut cities = Vec::with_capacity(start.len() - 1);
        let mut by_seat: Vec<Vec<u32>> = data
            .networks
            .iter()
            .map(|n| vec![u32::MAX; n.roster.as_ref().map_or(0, |r| r.members.len())])
            .collect();
        for group in groups {
            let head = rows[group[0] as usize];
            let name = if group.len() == 1 {
                head.name.to_string()
            } else {
                // The name most rosters use; ties go to the earliest network's spelling
                // (`max_by_key` keeps the last of equals; reversed, that is the first).
                let mut counts: Vec<(&str, usize)> = Vec::new();
                for &i in group {
                    let n = rows[i as usize].name.as_str();
                    match counts.iter_mut().find(|(x, _)| *x == n) {
                        Some(c) => c.1 += 1,
                        None => counts.push((n, 1)),
                    }
                }
                counts
                    .iter()
                    .rev()
                    .max_by_key(|(_, c)| *c)
                    .map_or(head.name.as_str(), |(n, _)| *n)
                    .to_string()
            };
            let mut names = Vec::with_capacity(1 + head.aka.len());
            names.push(name.clone());
            for &i in group {
                let m = rows[i as usize];
                for n in std::iter::once(&m.name).chain(&m.aka) {
                    if !names.iter().any(|x| x == n) {
                        names.push(n.to_string());
                    }
                }
            }
            let id = cities.len();
            let mut nets: Vec<usize> = group.iter().map(|&i| seats[i as usize].network).collect();
            nets.dedup();
            for &i in group {
                let seat = seats[i as usize];
                by_seat[seat.network][seat.member as usize] = id as u32;
            }
            let geonames = group.iter().find_map(|&i| rows[i as usize].geonames);
            let mut city = City {
                name,
                country: head.country.to_string(),
                kind: head.kind,
                lat: head.lat,
                lon: head.lon,
                names,
                seats: group.iter().map(|&i| seats[i as usize]).collect(),
                nets,
                geonames,
                population: None,
            };
            // The gazetteer is the one source of a matched city's name, population and
            // point: the lists write "Koeln", "Köln" and "Cologne" for one city.
            // Each read from the asset's text: decoding all of GeoNames' places would cost
            // 4 MB for the few thousand the lists name.
            if let Some(place) = geonames.and_then(gazetteer::place) {
                if city.name != place.name {
                    city.names.retain(|n| n != place.name);
                    city.names.insert(0, place.name.to_string());
                    city.name = place.name.to_string();
                }
                city.population = Some(place.population);
                // And of its point: a list's may be off (a few hundred Covenant points read
                // 44.17 for 44°17'), GeoNames' is the place's.
                city.lat = place.lat;
                city.lon = place.lon;
            }
            cities.push(city);
        }
        let mut by_geonames: FxHashMap<u32, u32> = FxHashMap::default();
        for (i, c) in cities.iter().enumerate() {
            if let (Some(id), Ok(i)) = (c.geonames, u32::try_from(i)) {
                by_geonames.entry(id).or_insert(i);
            }
        }
        // Display order: folded name, then country (the shown names folded into one
        // string, as above).
        let mut sort_text = String::new();
        let mut sort_bounds = Vec::with_capacity(cities.len() + 1);
        sort_bounds.push(0usize);
        for c in &cities {
            fold_into(&mut sort_text, c.name.trim());
            sort_bounds.push(sort_text.len());
        }
        let key = |i: u32| &sort_text[sort_bounds[i as usize]..sort_bounds[i as usize + 1]];
        let mut order: Vec<u32> = (0..cities.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| {
            key(a)
                .cmp(key(b))
                .then_with(|| cities[a as usize].country.cmp(&cities[b as usize].country))
                .then(a.cmp(&b))
        });
        drop((sort_text, sort_bounds));
        let order_nets = cities
            .iter()
            .all(|c| c.nets.iter().all(|&n| n < 64))
            .then(|| {
                order
                    .iter()
                    .map(|&c| {
                        cities[c as usize]
                            .nets
                            .iter()
                            .fold(0u64, |m, &n| m | 1 << n)
                    })
                    .collect()
            });
        Cities {
            cities,
            by_seat,
            order,
            order_nets,
            keys: OnceLock::new(),
            lookups: OnceLock::new(),
            by_geonames,
        }
    }

    /// The city a roster row belongs to.
    pub fn of(&self, seat: Seat) -> Option<usize> {
        self.by_seat
            .get(seat.network)?
            .get(seat.member as usize)
            .filter(|&&c| c != u32::MAX)
            .map(|&c| c as usize)
    }

    fn search_keys(&self) -> &SearchKeys {
        self.keys.get_or_init(|| {
            let mut keys = SearchKeys {
                text: String::new(),
                bounds: vec![0],
                first: Vec::with_capacity(self.cities.len() + 1),
                letters: Vec::with_capacity(self.cities.len()),
            };
            for c in &self.cities {
                keys.first.push(keys.bounds.len() as u32 - 1);
                let start = keys.text.len();
                for n in &c.names {
                    fold_into(&mut keys.text, n);
                    keys.bounds.push(keys.text.len() as u32);
                    // `koeln` finds Köln here as in the member table.
                    if search::transliterate_into(&mut keys.text, n) {
                        keys.bounds.push(keys.text.len() as u32);
                    }
                }
                keys.letters.push(search::letters(&keys.text[start..]));
            }
            keys.first.push(keys.bounds.len() as u32 - 1);
            keys
        })
    }

    /// City `city`'s names, folded, in `City::names` order, each followed by its
    /// transliterated spelling where it has one.
    pub fn folded_names(&self, city: usize) -> impl Iterator<Item = &str> {
        let k = self.search_keys();
        let names = match (k.first.get(city), k.first.get(city + 1)) {
            (Some(&a), Some(&b)) => a as usize..b as usize,
            _ => 0..0,
        };
        names.map(|i| &k.text[k.bounds[i] as usize..k.bounds[i + 1] as usize])
    }

    /// Whether city `city` can match a query with the letters `wanted`.
    pub fn may_match(&self, city: usize, wanted: u64) -> bool {
        self.search_keys()
            .letters
            .get(city)
            .is_some_and(|&have| wanted & !have == 0)
    }

    /// How city `city` matches the folded `query`: the best of its names (which, and its
    /// score), ties to the earlier, as `Matcher::best_score` picks.
    pub fn best_score(&self, matcher: &Matcher, query: &str, city: usize) -> Option<(usize, i64)> {
        matcher.best_score_str(query, self.folded_names(city))
    }

    /// Cities matching `query` by any of their names, best first (ties by name).
    pub fn search(&self, matcher: &Matcher, query: &str) -> Vec<(usize, i64)> {
        let q = fold_query(query);
        let wanted = search::letters(&q);
        let mut hits: Vec<(usize, i64)> = (0..self.cities.len())
            .filter(|&c| self.may_match(c, wanted))
            .filter_map(|c| Some((c, self.best_score(matcher, &q, c)?.1)))
            .collect();
        hits.sort_by(|a, b| {
            b.1.cmp(&a.1)
                .then_with(|| self.cities[a.0].name.cmp(&self.cities[b.0].name))
        });
        hits
    }

    /// The lookup tables, built on the first lookup.
    fn lookups(&self) -> &Lookups {
        self.lookups.get_or_init(|| {
            let mut exact: FxHashMap<String, Vec<u32>> = FxHashMap::default();
            let mut names = Vec::new();
            for (c, city) in self.cities.iter().enumerate() {
                let c = u32::try_from(c).unwrap_or(u32::MAX);
                for name in &city.names {
                    for spelling in lookup::spellings(name) {
                        let key = lookup::compact(&spelling);
                        let list = exact.entry(key).or_default();
                        if !list.contains(&c) {
                            list.push(c);
                        }
                        names.push((spelling, c));
                    }
                }
            }
            Lookups { exact, names }
        })
    }

    /// How notable a city is, to rank suggestions and ambiguities: the networks it is in,
    /// then how many rows it has.
    pub fn notability(&self, city: usize) -> u64 {
        self.cities.get(city).map_or(0, |c| {
            let nets = u64::try_from(c.nets.len()).unwrap_or(u64::MAX);
            let seats = u64::try_from(c.seats.len()).unwrap_or(u64::MAX);
            nets.saturating_mul(1 << 32).saturating_add(seats)
        })
    }

    /// The city a person means by `typed`, in one of `countries` (ISO codes; empty: any).
    ///
    /// Only an exact name answers: any of the city's names, folded, spaces and
    /// punctuation aside, in its usual ASCII spelling too (`koeln`). Several cities with
    /// that name ask (London GB, London CA); anything else is [`Lookup::Unknown`] with the
    /// closest names as suggestions ([`crate::lookup`]), never a guess.
    pub fn lookup(&self, typed: &str, countries: &[&str]) -> Lookup<usize> {
        let query = lookup::normalize(typed);
        if query.is_empty() {
            return Lookup::Unknown(Vec::new());
        }
        let in_country =
            |c: usize| countries.is_empty() || countries.contains(&self.cities[c].country.as_str());
        let mut exact: Vec<usize> = self
            .lookups()
            .exact
            .get(&lookup::compact(&query))
            .map(|v| {
                v.iter()
                    .map(|&c| c as usize)
                    .filter(|&c| in_country(c))
                    .collect()
            })
            .unwrap_or_default();
        match exact.len() {
            0 => Lookup::Unknown(self.suggest(&query, countries)),
            1 => Lookup::Found(exact[0]),
            _ => {
                exact.sort_by_key(|&c| (std::cmp::Reverse(self.notability(c)), c));
                Lookup::Ambiguous(exact)
            }
        }
    }

    /// The city of the member lists matched to GeoNames place `id`.
    pub fn by_geonames(&self, id: u32) -> Option<usize> {
        self.by_geonames.get(&id).map(|&c| c as usize)
    }

    /// [`Cities::lookup`] over the world's cities: a name no member list has exactly is
    /// looked up in GeoNames ([`gazetteer`]), by its name or any of its alternate names
    /// (`geneva`, `Mailand`), and a place matched to a member list's city is that city.
    /// So `geneva` finds Genève in the Covenant of Mayors, and a city in no list is still
    /// an answer ("in none of the member lists") rather than a typo.
    pub fn lookup_anywhere(&self, typed: &str, countries: &[&str]) -> Lookup<Place> {
        let listed = self.lookup(typed, countries);
        let Lookup::Unknown(near) = listed else {
            return listed.map(Place::Listed);
        };
        let Ok(g) = gazetteer::embedded() else {
            return Lookup::Unknown(near.into_iter().map(Place::Listed).collect());
        };
        let mut found: Vec<Place> = Vec::new();
        for p in g.named(typed) {
            if !countries.is_empty() && !countries.iter().any(|c| c.eq_ignore_ascii_case(p.country))
            {
                continue;
            }
            let place = match self.by_geonames(p.id) {
                Some(c) => Place::Listed(c),
                None => Place::Elsewhere(p.id),
            };
            if !found.contains(&place) {
                found.push(place);
            }
        }
        match found.len() {
            0 => Lookup::Unknown(near.into_iter().map(Place::Listed).collect()),
            1 => Lookup::Found(found[0]),
            // GeoNames lists the most populous first; a listed city goes before the rest.
            _ => {
                found.sort_by_key(|p| matches!(p, Place::Elsewhere(_)));
                Lookup::Ambiguous(found)
            }
        }
    }

    /// Places elsewhere in the world, in no member list, that have `typed` as their name
    /// too: said beside an answer, so "Paris" is read as Paris, France knowingly.
    pub fn also_named(&self, typed: &str, found: usize) -> Vec<u32> {
        let Ok(g) = gazetteer::embedded() else {
            return Vec::new();
        };
        let city = &self.cities[found];
        g.named(typed)
            .into_iter()
            .filter(|p| Some(p.id) != city.geonames && self.by_geonames(p.id).is_none())
            .filter(|p| p.population >= gazetteer::CITY_POPULATION)
            .map(|p| p.id)
            .collect()
    }

    /// The cities whose names are closest to the normalized `query`, closest first, then
    /// most notable; at most [`lookup::MAX_SUGGESTIONS`].
    pub fn suggest(&self, query: &str, countries: &[&str]) -> Vec<usize> {
        let mut best: FxHashMap<u32, usize> = FxHashMap::default();
        for (name, c) in &self.lookups().names {
            let city = &self.cities[*c as usize];
            if !countries.is_empty() && !countries.contains(&city.country.as_str()) {
                continue;
            }
            if let Some(d) = lookup::closeness(query, name) {
                let e = best.entry(*c).or_insert(d);
                *e = (*e).min(d);
            }
        }
        let mut found: Vec<(usize, usize)> =
            best.into_iter().map(|(c, d)| (c as usize, d)).collect();
        found.sort_by_key(|&(c, d)| (d, std::cmp::Reverse(self.notability(c)), c));
        lookup::keep_closest(&mut found, |&(_, d)| d);
        found.into_iter().map(|(c, _)| c).collect()
    }

    /// Cities in every network of `all`, in none of `none` (sorted by name, country).
    pub fn select(&self, all: &[usize], none: &[usize]) -> Vec<usize> {
        self.order
            .iter()
            .map(|&c| c as usize)
            .filter(|&c| {
                let city = &self.cities[c];
                all.iter().all(|&n| city.is_in(n)) && !none.iter().any(|&n| city.is_in(n))
            })
            .collect()
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
        let distinct = networks
            .iter()
            .collect::<std::collections::BTreeSet<_>>()
            .len();
        match &cities.order_nets {
            Some(masks) if networks.iter().all(|&n| n < 64) && distinct == networks.len() => {
                let wanted = networks.iter().fold(0u64, |m, &n| m | 1 << n);
                Comparison::sorted(cities, networks, |pos, _| {
                    let inside = masks[pos] & wanted;
                    let last = (inside != 0).then(|| inside.ilog2() as usize);
                    let i = last.and_then(|n| networks.iter().position(|&m| m == n));
                    (inside.count_ones() as usize, i.unwrap_or(0))
                })
            }
            _ => Comparison::walking(cities, networks),
        }
    }

    /// The comparison the slow way, city by city: for more than 64 networks, and as the
    /// reference the fast way is tested against.
    pub fn walking(cities: &Cities, networks: &[usize]) -> Comparison {
        Comparison::sorted(cities, networks, |_, c| {
            let city = &cities.cities[c];
            let mut inside = 0;
            let mut last = 0;
            for (i, &n) in networks.iter().enumerate() {
                if city.is_in(n) {
                    inside += 1;
                    last = i;
                }
            }
            (inside, last)
        })
    }

    /// Sorts the cities, in display order, by `membership(place in that order, city)`:
    /// how many of `networks` it is in, and (for one) which of them.
    fn sorted(
        cities: &Cities,
        networks: &[usize],
        membership: impl Fn(usize, usize) -> (usize, usize),
    ) -> Comparison {
        let mut all = Vec::new();
        let mut some = Vec::new();
        let mut only = vec![Vec::new(); networks.len()];
        for (pos, c) in cities.order.iter().map(|&c| c as usize).enumerate() {
            match membership(pos, c) {
                (0, _) => {}
                (1, i) => only[i].push(c),
                (k, _) if k == networks.len() => all.push(c),
                _ => some.push(c),
            }
        }
        Comparison {
            networks: networks.to_vec(),
            all,
            some,
            only,
        }
    }
}
