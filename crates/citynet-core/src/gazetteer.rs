//! The GeoNames gazetteer: the world's cities of 15,000 people or more, and the smaller
//! places a member list names, with the names people type for them (`Mailand`, `Wenen`).
//!
//! The asset (`assets/gazetteer/cities.tsv`, written by `tools/gazetteer`) is compiled in
//! as text and decoded only when a lookup first needs it ([`embedded`]): start-up never
//! pays for it. GeoNames data is CC BY 4.0; [`CREDIT`] is the attribution to show with it.

use std::sync::OnceLock;

use crate::data::parse::LoadError;
use crate::lookup;

/// The asset's file name, as errors name it.
pub const FILE: &str = "assets/gazetteer/cities.tsv";

// A static, not a const: a const's value is copied into every function that uses it, and
// this one is 2.9 MB.
static TEXT: &str = include_str!("../../../assets/gazetteer/cities.tsv");

/// The attribution GeoNames' licence asks for, wherever gazetteer data is shown.
pub const CREDIT: &str =
    "Place names, coordinates and populations: GeoNames (https://www.geonames.org/), CC BY 4.0";

/// The size from which GeoNames' places are cities of their own in the gazetteer; smaller
/// places are in it only because a member list names them.
pub const CITY_POPULATION: u64 = 15_000;

/// What a place's population figure is, for a label beside it.
pub const POPULATION_SOURCE: &str = "GeoNames, city proper, year not stated";

/// One GeoNames place, borrowing its text from the asset.
#[derive(Debug, Clone, PartialEq)]
pub struct Place<'a> {
    pub id: u32,
    pub name: &'a str,
    /// The name without accents, where it differs from `name`.
    pub ascii: Option<&'a str>,
    /// ISO 3166-1 alpha-2.
    pub country: &'a str,
    pub lat: f64,
    pub lon: f64,
    pub population: u64,
    /// `|`-separated alternate names in Latin script.
    alternates: &'a str,
}

impl<'a> Place<'a> {
    pub fn alternates(&self) -> impl Iterator<Item = &'a str> {
        self.alternates.split('|').filter(|a| !a.is_empty())
    }
}

/// The decoded gazetteer: places sorted by id, and every folded name pointing at them.
#[derive(Debug)]
pub struct Gazetteer<'a> {
    places: Vec<Place<'a>>,
    /// (a name's key, index into `places`), sorted: a name is a binary search away.
    keys: OnceLock<Keys>,
}

/// The compiled-in gazetteer, decoded on first use. An asset that does not decode is a
/// build mistake the tests catch; here it is an error for the caller to show.
pub fn embedded() -> Result<&'static Gazetteer<'static>, &'static LoadError> {
    static DECODED: OnceLock<Result<Gazetteer<'static>, LoadError>> = OnceLock::new();
    DECODED
        .get_or_init(|| Gazetteer::parse(FILE, TEXT))
        .as_ref()
}

/// Every name's keys in one string, and (where a key starts, its length, its place) sorted
/// by key: about 200,000 keys in 5 MB, where a string apiece took twice that.
#[derive(Debug, Default)]
struct Keys {
    text: String,
    entries: Vec<(u32, u32, u32)>,
}

impl Keys {
    fn key(&self, &(start, len, _): &(u32, u32, u32)) -> &str {
        &self.text[start as usize..(start + len) as usize]
    }

    /// The places whose keys are exactly `key`.
    fn places<'k>(&'k self, key: &'k str) -> impl Iterator<Item = u32> + 'k {
        let start = self.entries.partition_point(|e| self.key(e) < key);
        self.entries[start..]
            .iter()
            .take_while(move |e| self.key(e) == key)
            .map(|&(_, _, place)| place)
    }
}

/// The keys a name is found by: every spelling the engine's lookups compare
/// ([`lookup::spellings`]: folded, words only, `Köln` as `koln` and `koeln`), spaces aside.
fn keys_of(name: &str) -> Vec<String> {
    lookup::spellings(name)
        .iter()
        .map(|s| lookup::compact(s))
        .collect()
}

/// One line of the asset as a place, or the column and message of what is wrong with it.
fn parse_line(line: &str) -> Result<Place<'_>, (usize, String)> {
    let cells: Vec<&str> = line.split('\t').collect();
    let [id, name, ascii, country, lat, lon, population, alternates] = cells[..] else {
        return Err((1, format!("{} cells, expected 8", cells.len())));
    };
    // The column a cell starts at, for the message about it.
    let col = |n: usize| {
        cells[..n]
            .iter()
            .map(|c| c.chars().count() + 1)
            .sum::<usize>()
            + 1
    };
    let id: u32 = id
        .parse()
        .map_err(|_| (col(0), format!("id `{id}` is not a number")))?;
    let coordinate = |n: usize, text: &str, limit: f64| {
        text.parse::<f64>()
            .ok()
            .filter(|v| v.abs() <= limit)
            .ok_or_else(|| (col(n), format!("`{text}` is not a coordinate")))
    };
    let lat = coordinate(4, lat, 90.0)?;
    let lon = coordinate(5, lon, 180.0)?;
    let population: u64 = population
        .parse()
        .map_err(|_| (col(6), format!("population `{population}` is not a number")))?;
    if name.trim().is_empty() || country.len() != 2 {
        return Err((1, "a place needs a name and a two-letter country".into()));
    }
    Ok(Place {
        id,
        name,
        ascii: (!ascii.is_empty()).then_some(ascii),
        country,
        lat,
        lon,
        population,
        alternates,
    })
}

/// The place with GeoNames id `id`, read straight from the asset's text without decoding
/// the other 41,000: what the city and roster indexes need for the few thousand places
/// the lists name, at a fraction of the memory of [`embedded`] (0.3 MB of line starts
/// instead of 4 MB of places).
pub fn place(id: u32) -> Option<Place<'static>> {
    static LINES: OnceLock<Vec<(u32, u32)>> = OnceLock::new();
    place_in(TEXT, LINES.get_or_init(|| line_starts(TEXT)), id)
}

/// Each place line's id and where it starts, in the text's order (sorted by id).
fn line_starts(text: &str) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    let mut at = 0usize;
    for line in text.split_inclusive('\n') {
        let id = line
            .split('\t')
            .next()
            .and_then(|id| id.parse::<u32>().ok());
        if let (Some(id), Ok(start)) = (id, u32::try_from(at)) {
            out.push((id, start));
        }
        at += line.len();
    }
    out
}

fn place_in<'a>(text: &'a str, lines: &[(u32, u32)], id: u32) -> Option<Place<'a>> {
    let i = lines.binary_search_by_key(&id, |&(id, _)| id).ok()?;
    let rest = text.get(lines[i].1 as usize..)?;
    parse_line(rest.lines().next()?).ok()
}

impl<'a> Gazetteer<'a> {
    /// Decodes the asset's text: `#` header lines, then one place a line (id, name, ascii,
    /// country, lat, lon, population, alternates; tab-separated), sorted by id.
    pub fn parse(file: &str, text: &'a str) -> Result<Gazetteer<'a>, LoadError> {
        let mut places: Vec<Place<'a>> = Vec::new();
        for (i, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let place = parse_line(line).map_err(|(col, message)| LoadError {
                file: file.to_string(),
                position: Some((i + 1, col)),
                message,
            })?;
            if places.last().is_some_and(|p| p.id >= place.id) {
                return Err(LoadError {
                    file: file.to_string(),
                    position: Some((i + 1, 1)),
                    message: format!("id {} is out of order", place.id),
                });
            }
            places.push(place);
        }
        Ok(Gazetteer {
            places,
            keys: OnceLock::new(),
        })
    }

    /// Every name's keys, sorted: built on the first search by name, which most uses of
    /// the gazetteer (a place by its id) never make.
    fn keys(&self) -> &Keys {
        self.keys.get_or_init(|| {
            let mut keys = Keys {
                text: String::with_capacity(self.places.len() * 40),
                entries: Vec::with_capacity(self.places.len() * 5),
            };
            for (i, p) in self.places.iter().enumerate() {
                let Ok(at) = u32::try_from(i) else { break };
                let names = std::iter::once(p.name).chain(p.ascii).chain(p.alternates());
                for name in names {
                    for k in keys_of(name) {
                        let (Ok(start), Ok(len)) =
                            (u32::try_from(keys.text.len()), u32::try_from(k.len()))
                        else {
                            break;
                        };
                        keys.text.push_str(&k);
                        keys.entries.push((start, len, at));
                    }
                }
            }
            let mut entries = std::mem::take(&mut keys.entries);
            entries.sort_unstable_by(|a, b| keys.key(a).cmp(keys.key(b)).then(a.2.cmp(&b.2)));
            entries.dedup_by(|a, b| a.2 == b.2 && keys.key(a) == keys.key(b));
            keys.entries = entries;
            keys
        })
    }

    pub fn len(&self) -> usize {
        self.places.len()
    }

    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    pub fn places(&self) -> &[Place<'a>] {
        &self.places
    }

    pub fn by_id(&self, id: u32) -> Option<&Place<'a>> {
        let i = self.places.binary_search_by_key(&id, |p| p.id).ok()?;
        self.places.get(i)
    }

    /// The places a typed name is exactly the name or an alternate name of (compared as
    /// every lookup compares names), the most populous first.
    pub fn named(&self, typed: &str) -> Vec<&Place<'a>> {
        let mut found: Vec<u32> = Vec::new();
        let keys = self.keys();
        for f in keys_of(typed) {
            found.extend(keys.places(&f));
        }
        found.sort_unstable();
        found.dedup();
        let mut places: Vec<&Place<'a>> = found
            .into_iter()
            .filter_map(|i| self.places.get(i as usize))
            .collect();
        places.sort_by(|a, b| b.population.cmp(&a.population).then(a.id.cmp(&b.id)));
        places
    }

    /// [`named`](Self::named), in one country.
    pub fn named_in(&self, typed: &str, country: &str) -> Vec<&Place<'a>> {
        let mut places = self.named(typed);
        places.retain(|p| p.country.eq_ignore_ascii_case(country));
        places
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = "# a header\n\
        2643743\tLondon\t\tGB\t51.509\t-0.126\t8961989\tLondres|Londra\n\
        2886242\tKöln\tKoln\tDE\t50.933\t6.950\t963395\tCologne|Colonia|Keulen\n\
        6058560\tLondon\t\tCA\t42.983\t-81.233\t422324\t\n";

    #[test]
    fn names_are_found_folded_and_in_german_spelling() {
        let g = Gazetteer::parse("small.tsv", SMALL).expect("parses");
        assert_eq!(g.len(), 3);
        let ids = |typed: &str| -> Vec<u32> { g.named(typed).iter().map(|p| p.id).collect() };
        assert_eq!(ids("KOELN"), [2886242]);
        assert_eq!(ids("köln"), [2886242]);
        assert_eq!(ids("colonia"), [2886242]);
        assert_eq!(ids("london"), [2643743, 6058560], "most populous first");
        assert_eq!(g.named_in("london", "ca")[0].id, 6058560);
        assert!(ids("paris").is_empty());
        assert_eq!(g.by_id(2886242).map(|p| p.ascii), Some(Some("Koln")));
        assert_eq!(g.by_id(1), None);
    }

    #[test]
    fn a_place_read_from_the_text_is_the_decoded_one() {
        let g = Gazetteer::parse("small.tsv", SMALL).expect("parses");
        let lines = line_starts(SMALL);
        assert_eq!(lines.len(), 3);
        for p in g.places() {
            assert_eq!(place_in(SMALL, &lines, p.id).as_ref(), Some(p));
        }
        for missing in [0, 1, 2643744, 6058561, u32::MAX] {
            assert_eq!(place_in(SMALL, &lines, missing), None, "{missing}");
        }
        assert!(line_starts("# only a header\n").is_empty());
        let full = embedded().expect("the asset decodes");
        // Every place of the real asset, found by the search over its text.
        for p in full.places() {
            assert_eq!(place(p.id).as_ref(), Some(p));
        }
    }

    #[test]
    fn a_broken_line_is_named_by_line_and_column() {
        let bad = "1\tA\t\tGB\t51.5\t-0.1\t10\t\n2\tB\t\tGB\t151.5\t-0.1\t10\t\n";
        let e = Gazetteer::parse("g.tsv", bad).expect_err("latitude out of range");
        assert_eq!(e.to_string(), "g.tsv:2:9: `151.5` is not a coordinate");
        let e = Gazetteer::parse("g.tsv", "2\tA\t\tGB\t1\t1\t1\t\n1\tB\t\tGB\t1\t1\t1\t\n")
            .expect_err("out of order");
        assert_eq!(e.to_string(), "g.tsv:2:1: id 1 is out of order");
        let e = Gazetteer::parse("g.tsv", "1\tA\tGB\n").expect_err("too few cells");
        assert_eq!(e.to_string(), "g.tsv:1:1: 3 cells, expected 8");
    }
}
