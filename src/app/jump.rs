//! Jump anywhere: one fuzzy prompt over networks, roster cities, countries and themes.

use std::collections::BTreeMap;

use citynet_core::cities::Cities;
use citynet_core::data::{Dataset, Theme, countries};
use citynet_core::gazetteer;
use citynet_core::lookup::{self, Lookup};
use citynet_core::parallel::in_halves;
use citynet_core::search::{self, Folded, Matcher, SUBSTRING_FLOOR, fold_query};

/// The cities GeoNames names `query` exactly, as jump results: a listed city where the
/// place is matched to one, else the place itself. Short queries name too many places.
fn places_named(cities: &Cities, query: &str) -> Vec<JumpHit> {
    if query.trim().chars().count() < 4 {
        return Vec::new();
    }
    let Ok(g) = gazetteer::embedded() else {
        return Vec::new();
    };
    let mut out: Vec<JumpHit> = Vec::new();
    for p in g.named(query) {
        let to = match cities.by_geonames(p.id) {
            Some(c) => Destination::City(c),
            None if p.population >= gazetteer::CITY_POPULATION => Destination::Place(p.id),
            None => continue,
        };
        if !out.iter().any(|h| h.to == to) {
            out.push(JumpHit {
                to,
                suggested: false,
                score: SUBSTRING_FLOOR,
                positions: Vec::new(),
                matched: matched_name(cities, to, query),
            });
        }
    }
    out
}

/// The name of city `to` that `query` spells (as the data writes it), or the query as
/// typed when GeoNames knows the city by a name the lists do not give.
fn matched_name(cities: &Cities, to: Destination, query: &str) -> Option<String> {
    let folded = fold_query(query);
    let names = match to {
        Destination::City(c) => cities.cities.get(c).map(|c| c.names.as_slice()),
        _ => None,
    }
    .unwrap_or_default();
    if names.first().is_some_and(|n| fold_query(n) == folded) {
        return None;
    }
    Some(
        names
            .iter()
            .find(|n| fold_query(n) == folded)
            .cloned()
            .unwrap_or_else(|| query.trim().to_string()),
    )
}

/// A target's names as its keys: each, and its second spelling where it has one.
fn spelled<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<Folded> {
    search::spellings(names)
        .into_iter()
        .map(|(_, k)| k)
        .collect()
}

/// Where a result leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Destination {
    Network(usize),
    /// A city, with every roster it is in (an index into `Cities`).
    City(usize),
    /// A country (ISO code), with the networks whose rosters have members there.
    Country([u8; 2]),
    Theme(Theme),
    /// A city of GeoNames in no member list (its GeoNames id).
    Place(u32),
}

impl Destination {
    /// The word that says what a result is.
    pub fn kind(&self) -> &'static str {
        match self {
            Destination::Network(_) => "network",
            Destination::City(_) => "city",
            Destination::Country(_) => "country",
            Destination::Theme(_) => "theme",
            Destination::Place(_) => "city",
        }
    }

    /// Among equals of one kind: the order of the list they come from (networks and
    /// cities by index, countries by code, themes as `Theme::ALL` lists them).
    fn place(&self) -> usize {
        match self {
            Destination::Network(i) | Destination::City(i) => *i,
            Destination::Country([a, b]) => usize::from(*a) << 8 | usize::from(*b),
            Destination::Theme(t) => Theme::ALL.iter().position(|x| x == t).unwrap_or(0),
            Destination::Place(id) => usize::try_from(*id).unwrap_or(usize::MAX),
        }
    }

    /// Networks rank first among equals, then cities, countries, themes.
    fn rank(&self) -> u8 {
        match self {
            Destination::Network(_) => 0,
            Destination::City(_) => 1,
            Destination::Country(_) => 2,
            Destination::Theme(_) => 3,
            Destination::Place(_) => 1,
        }
    }
}

/// A jump target that is not a city: networks, countries and themes, a few hundred at
/// most. Cities, which can number a quarter of a million, are searched where they are
/// (`Cities`), not copied here.
pub struct Entry {
    pub to: Destination,
    /// What the row shows, and the first search key.
    pub title: String,
    /// Where it is: "global network", "3 networks".
    pub detail: String,
    keys: Vec<Folded>,
}

/// Every jump target but the cities, built on first use.
pub struct JumpIndex {
    pub entries: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JumpHit {
    pub to: Destination,
    /// Not a match but a suggestion: nothing holds the query whole, and this is one of the
    /// closest names (`lodnon`: both Londons), as `citynet city` would suggest it.
    pub suggested: bool,
    pub score: i64,
    /// Matched positions in the title, when the title matched.
    pub positions: Vec<usize>,
    /// The other name that matched, when not the title (`Mailand` for Milan), so that the
    /// list says why a result is there, as the member table does.
    pub matched: Option<String>,
}

impl JumpIndex {
    pub fn new(data: &Dataset, cities: &Cities) -> JumpIndex {
        let mut entries = Vec::new();
        for (i, n) in data.networks.iter().enumerate() {
            let title = n.full_title();
            let keys = spelled([title.as_str(), n.label(), n.name.as_str()]);
            entries.push(Entry {
                to: Destination::Network(i),
                detail: format!("{} network", n.scope),
                title,
                keys,
            });
        }
        let mut by_country: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for city in &cities.cities {
            for n in city.networks() {
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
                keys: spelled([name, code]),
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

    /// What a result's row shows: its title, and where it is ("DE · Eurocities, C40").
    pub fn describe(&self, to: Destination, data: &Dataset, cities: &Cities) -> (String, String) {
        if let Destination::Place(id) = to {
            return match gazetteer::embedded().ok().and_then(|g| g.by_id(id)) {
                Some(p) => (
                    p.name.to_string(),
                    format!("{} · in no member list", p.country),
                ),
                None => (String::new(), String::new()),
            };
        }
        if let Destination::City(c) = to {
            let Some(city) = cities.cities.get(c) else {
                return (String::new(), String::new());
            };
            let labels: Vec<&str> = city
                .networks()
                .iter()
                .filter_map(|&n| Some(data.networks.get(n)?.label()))
                .collect();
            return (
                city.name.clone(),
                format!("{} · {}", city.country, labels.join(", ")),
            );
        }
        self.entry(to)
            .map(|e| (e.title.clone(), e.detail.clone()))
            .unwrap_or_default()
    }

    fn entry(&self, to: Destination) -> Option<&Entry> {
        self.entries.iter().find(|e| e.to == to)
    }

    fn title<'a>(&'a self, to: Destination, cities: &'a Cities) -> &'a str {
        match to {
            Destination::Place(id) => gazetteer::embedded()
                .ok()
                .and_then(|g| g.by_id(id))
                .map_or("", |p| p.name),
            Destination::City(c) => cities.cities.get(c).map_or("", |c| c.name.as_str()),
            _ => self.entry(to).map_or("", |e| e.title.as_str()),
        }
    }

    /// The best `limit` results for `query`, best first; ties by kind, then title.
    pub fn search(
        &self,
        matcher: &Matcher,
        cities: &Cities,
        query: &str,
        limit: usize,
    ) -> Vec<JumpHit> {
        let q = fold_query(query);
        if q.is_empty() {
            return Vec::new();
        }
        // Scores first (no positions), for every target that matches. A city whose names
        // hold the query only scattered is scored last, and only when it could make the
        // list: it ranks below every name that holds the query whole
        // (`search::can_defer`), so `limit` of those leave it out.
        let wanted = search::letters(&q);
        let mut found: Vec<(Destination, i64)> = self
            .entries
            .iter()
            .filter_map(|e| Some((e.to, matcher.best_score(&q, &e.keys)?.1)))
            .collect();
        let defer = search::can_defer(&q);
        // The cities a range holds that match, with their score, or none yet when
        // (deferred) they match only scattered.
        let scan = |range: std::ops::Range<usize>| {
            let mut out: Vec<(usize, Option<i64>)> = Vec::new();
            for c in range.filter(|&c| cities.may_match(c, wanted)) {
                if !defer {
                    if let Some((_, score)) = cities.best_score(matcher, &q, c) {
                        out.push((c, Some(score)));
                    }
                    continue;
                }
                let (whole, apart) = matcher.best_quick(&q, cities.folded_names(c));
                if whole.is_some() || apart {
                    out.push((c, whole.map(|(_, score)| score)));
                }
            }
            out
        };
        let mut scattered = Vec::new();
        for (c, score) in in_halves(cities.cities.len(), scan) {
            match score {
                Some(score) => found.push((Destination::City(c), score)),
                None => scattered.push(c),
            }
        }
        let whole = found.iter().filter(|(_, s)| *s >= SUBSTRING_FLOOR).count();
        if whole < limit {
            found.extend(scattered.into_iter().filter_map(|c| {
                Some((Destination::City(c), cities.best_score(matcher, &q, c)?.1))
            }));
        }
        let order = |a: &(Destination, i64), b: &(Destination, i64)| {
            b.1.cmp(&a.1)
                .then(a.0.rank().cmp(&b.0.rank()))
                .then_with(|| self.title(a.0, cities).cmp(self.title(b.0, cities)))
                .then(a.0.place().cmp(&b.0.place()))
        };
        if found.len() > limit {
            found.select_nth_unstable_by(limit, order);
            found.truncate(limit);
        }
        found.sort_by(order);
        // Positions only for the results kept, and only when the title matched.
        found
            .into_iter()
            .map(|(to, score)| {
                // A city's names are folded again here, with their positions, for the
                // few results shown; the index keeps only their text.
                let city_keys: Vec<Folded>;
                let mut key_names: Vec<usize> = Vec::new();
                let mut names: &[String] = &[];
                let k: &[Folded] = match to {
                    Destination::City(c) => {
                        names = cities.cities.get(c).map_or(&[][..], |c| &c.names[..]);
                        let spelled = search::spellings(names.iter().map(String::as_str));
                        key_names = spelled.iter().map(|(n, _)| *n).collect();
                        city_keys = spelled.into_iter().map(|(_, k)| k).collect();
                        &city_keys
                    }
                    _ => self.entry(to).map_or(&[], |e| e.keys.as_slice()),
                };
                let best = matcher.best(&q, k);
                let positions = match &best {
                    Some((0, m)) => k[0].original_positions(&m.folded_positions),
                    _ => Vec::new(),
                };
                // A city found by another of its names says which.
                let matched = best
                    .and_then(|(key, _)| key_names.get(key).copied())
                    .filter(|&n| n != 0)
                    .and_then(|n| names.get(n).cloned());
                JumpHit {
                    to,
                    suggested: false,
                    score,
                    positions,
                    matched,
                }
            })
            .collect()
    }

    /// [`JumpIndex::search`], led by suggestions when nothing holds the query whole: a
    /// scattered match (`lodnon` in "London, Ontario") is no answer, so the closest names
    /// by typos come first, marked, ranked as the command line's lookups rank them.
    pub fn search_or_suggest(
        &self,
        data: &Dataset,
        matcher: &Matcher,
        cities: &Cities,
        query: &str,
        limit: usize,
    ) -> Vec<JumpHit> {
        let mut hits = self.search(matcher, cities, query, limit);
        // A name GeoNames gives a city exactly (`mailand`, `lugano`) leads: the listed city
        // it is, or the city in no list.
        let named = places_named(cities, query);
        if !named.is_empty() {
            hits.retain(|h| !named.iter().any(|n| n.to == h.to));
            hits.splice(0..0, named);
            hits.truncate(limit);
            return hits;
        }
        if hits.iter().any(|h| h.score >= SUBSTRING_FLOOR) {
            return hits;
        }
        let normalized = lookup::normalize(query);
        let mut suggested: Vec<Destination> = Vec::new();
        if let Lookup::Unknown(near) = lookup::network(&data.networks, query) {
            suggested.extend(near.into_iter().map(Destination::Network));
        }
        if let Lookup::Unknown(near) = countries::lookup(query) {
            suggested.extend(near.into_iter().filter_map(|code| {
                let b = code.as_bytes();
                let to = Destination::Country([*b.first()?, *b.get(1)?]);
                self.entry(to).map(|_| to)
            }));
        }
        suggested.extend(
            cities
                .suggest(&normalized, &[])
                .into_iter()
                .map(Destination::City),
        );
        // Suggestions of networks and countries only when close: a city is what people
        // mistype most, and the list is short.
        let mut out: Vec<JumpHit> = suggested
            .into_iter()
            .take(lookup::MAX_SUGGESTIONS)
            .map(|to| JumpHit {
                to,
                suggested: true,
                score: 0,
                positions: Vec::new(),
                matched: None,
            })
            .collect();
        let rest: Vec<JumpHit> = hits
            .into_iter()
            .filter(|h| !out.iter().any(|s| s.to == h.to))
            .collect();
        out.extend(rest);
        out.truncate(limit);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every target scored in full, sorted, cut to `limit`: what `search` must give.
    fn reference(
        index: &JumpIndex,
        m: &Matcher,
        cities: &Cities,
        query: &str,
        limit: usize,
    ) -> Vec<(Destination, i64)> {
        let q = fold_query(query);
        let mut all: Vec<(Destination, i64)> = index
            .entries
            .iter()
            .filter_map(|e| Some((e.to, m.best_score(&q, &e.keys)?.1)))
            .chain((0..cities.cities.len()).filter_map(|c| {
                // Each name folded on its own, as the index used to keep them.
                let keys = spelled(cities.cities[c].names.iter().map(String::as_str));
                Some((Destination::City(c), m.best_score(&q, &keys)?.1))
            }))
            .collect();
        // As before the shortcuts: a stable sort, so full ties stay in list order.
        all.sort_by(|a, b| {
            b.1.cmp(&a.1)
                .then(a.0.rank().cmp(&b.0.rank()))
                .then_with(|| index.title(a.0, cities).cmp(index.title(b.0, cities)))
        });
        all.truncate(limit);
        all
    }

    #[test]
    fn the_shortcuts_give_the_results_of_scoring_everything() {
        let embedded = crate::embedded::embedded().expect("loads");
        // Over 16,384 cities, so the search runs on two threads.
        let generated = citynet_testdata::pivot_dataset(24_000, 3, 3);
        let m = Matcher::default();
        for data in [&embedded, &generated] {
            let cities = Cities::build(data);
            let index = JumpIndex::new(data, &cities);
            for query in [
                "b", "be", "ber", "berl", "brl", "rome", "mln", "sn", "new y", "zürich", "zq",
                "climate", "de",
            ] {
                for limit in [1, 5, 200] {
                    let got: Vec<(Destination, i64)> = index
                        .search(&m, &cities, query, limit)
                        .into_iter()
                        .map(|h| (h.to, h.score))
                        .collect();
                    let want = reference(&index, &m, &cities, query, limit);
                    assert_eq!(got, want, "{query:?}, limit {limit}");
                }
            }
        }
    }
}
