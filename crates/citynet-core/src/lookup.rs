//! Lookups that answer with one thing: a city, a network, a country.
//!
//! A person in a meeting reads the answer aloud, so a lookup never guesses. Only an exact
//! match of one of a thing's names (folded: case, accents, punctuation and the usual ASCII
//! spellings such as `koeln` for Köln do not matter) is an answer. Several exact matches
//! are a question back ("London in GB or in CA?"). Anything else gets suggestions, ranked
//! by typo distance first (a swap of two neighbouring letters is one typo, so `pairs` is
//! one typo from Paris) and by how notable the thing is second, and is never presented as
//! an answer.
//!
//! Lists that narrow as a person types (the member table's filter) stay fuzzy: they
//! show everything that might match. This module is for the lookups that pick one.

use crate::data::Network;
use crate::search::{Folded, has_transliteration};

/// What a name a person typed refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup<T> {
    /// Exactly one thing has that name.
    Found(T),
    /// Several things have that name exactly: all of them, most notable first.
    Ambiguous(Vec<T>),
    /// Nothing has that name: the closest names, closest first (possibly none).
    Unknown(Vec<T>),
}

impl<T> Lookup<T> {
    /// The answer, when there is exactly one.
    pub fn found(self) -> Option<T> {
        match self {
            Lookup::Found(t) => Some(t),
            Lookup::Ambiguous(_) | Lookup::Unknown(_) => None,
        }
    }

    pub fn map<U>(self, mut f: impl FnMut(T) -> U) -> Lookup<U> {
        match self {
            Lookup::Found(t) => Lookup::Found(f(t)),
            Lookup::Ambiguous(v) => Lookup::Ambiguous(v.into_iter().map(f).collect()),
            Lookup::Unknown(v) => Lookup::Unknown(v.into_iter().map(f).collect()),
        }
    }
}

/// How many suggestions an unknown name gets at most.
pub const MAX_SUGGESTIONS: usize = 8;

/// A name as lookups compare it: folded, with only its words of letters and digits, `&`
/// read as `and`: `"ICLEI – Local Governments"` -> `"iclei local governments"`,
/// `"Côte d’Ivoire"` -> `"cote d ivoire"`, `"Bosnia & Herzegovina"` ->
/// `"bosnia and herzegovina"`.
pub fn normalize(s: &str) -> String {
    words(&Folded::new(s).text)
}

/// Every way a name is compared: [`normalize`]d, and its German or Nordic transliteration
/// where it has one (`Köln`: `koln` and `koeln`).
pub fn spellings(s: &str) -> Vec<String> {
    let mut out = vec![normalize(s)];
    if has_transliteration(s)
        && let Some(t) = Folded::transliterated(s)
    {
        let t = words(&t.text);
        if !out.contains(&t) {
            out.push(t);
        }
    }
    out.retain(|s| !s.is_empty());
    out
}

fn words(folded: &str) -> String {
    // `&` between words is "and", with or without spaces around it.
    let spaced;
    let text = if folded.contains('&') {
        spaced = folded.replace('&', " and ");
        spaced.as_str()
    } else {
        folded
    };
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// `s` without its spaces: `den haag` and `denhaag` compare equal this way.
pub fn compact(s: &str) -> String {
    s.chars().filter(|c| *c != ' ').collect()
}

/// Whether the normalized `query` is exactly the normalized `name`, spaces aside.
pub fn same_name(query: &str, name: &str) -> bool {
    query == name || (query.contains(' ') != name.contains(' ') && compact(query) == compact(name))
}

/// Typos between two normalized names: the optimal string alignment distance, in which a
/// swap of two neighbouring letters counts as one edit (`mialn` -> `milan`).
pub fn typos(a: &str, b: &str) -> usize {
    strsim::osa_distance(a, b)
}

/// The most typos a suggestion may be from what was typed: one in a short name, more in a
/// long one, so `rome` does not suggest every four-letter city.
pub fn typo_budget(query: &str) -> usize {
    match query.chars().count() {
        0..=5 => 1,
        6..=9 => 2,
        _ => 3,
    }
}

/// How close a name is to what was typed, for ranking suggestions (lower is closer), or
/// `None` when it is not close enough to suggest.
///
/// A name counts as close when it is within [`typo_budget`] typos of the query, whole or
/// spaces aside, or when a run of its words is (`manchster` in "Greater Manchester"), or
/// when one of its words starts with the query (`barc` for Barcelona). A whole-name
/// distance ranks before a partial one.
pub fn closeness(query: &str, name: &str) -> Option<usize> {
    if query.is_empty() || name.is_empty() {
        return None;
    }
    let budget = typo_budget(query);
    let whole = typos(query, name).min(typos(&compact(query), &compact(name)));
    if whole <= budget {
        return Some(whole * 2);
    }
    let n = query.split(' ').count();
    let words: Vec<&str> = name.split(' ').collect();
    if words.len() > n {
        let part = words
            .windows(n)
            .map(|w| typos(query, &w.join(" ")))
            .min()
            .unwrap_or(usize::MAX);
        if part <= budget {
            return Some(part * 2 + 1);
        }
    }
    let prefix = query.chars().count() >= 3
        && (name.starts_with(query) || name.contains(&format!(" {query}")));
    prefix.then_some(budget * 2 + 1)
}

/// Cuts suggestions sorted by closeness to the closest few: those at most one step (see
/// [`closeness`]) further than the best, and at most [`MAX_SUGGESTIONS`]. A list read out
/// in a meeting should hold the likely names, not everything within reach.
pub fn keep_closest<T>(sorted: &mut Vec<T>, closeness: impl Fn(&T) -> usize) {
    if let Some(best) = sorted.first().map(&closeness) {
        sorted.retain(|c| closeness(c) <= best + 1);
    }
    sorted.truncate(MAX_SUGGESTIONS);
}

/// A candidate for [`lookup`]: a thing, its names ([`spellings`] of each), and how notable
/// it is (ranks suggestions and ambiguities; higher first).
pub struct Candidate<T> {
    pub item: T,
    pub names: Vec<String>,
    pub notability: u64,
}

/// The lookup rule over `candidates` for the normalized `query`: exact names answer, or
/// ask when several share one; otherwise the closest names are suggested.
pub fn lookup<T: Clone>(query: &str, candidates: &[Candidate<T>]) -> Lookup<T> {
    if query.is_empty() {
        return Lookup::Unknown(Vec::new());
    }
    let mut exact: Vec<&Candidate<T>> = candidates
        .iter()
        .filter(|c| c.names.iter().any(|n| same_name(query, n)))
        .collect();
    if exact.len() == 1 {
        return Lookup::Found(exact[0].item.clone());
    }
    if !exact.is_empty() {
        // A stable sort: equally notable things keep the candidates' order.
        exact.sort_by_key(|c| std::cmp::Reverse(c.notability));
        return Lookup::Ambiguous(exact.into_iter().map(|c| c.item.clone()).collect());
    }
    Lookup::Unknown(suggest(query, candidates))
}

/// The closest candidates to the normalized `query`, closest first, then most notable, at
/// most [`MAX_SUGGESTIONS`].
pub fn suggest<T: Clone>(query: &str, candidates: &[Candidate<T>]) -> Vec<T> {
    let mut close: Vec<(usize, u64, usize)> = candidates
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let d = c.names.iter().filter_map(|n| closeness(query, n)).min()?;
            Some((d, c.notability, i))
        })
        .collect();
    close.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    keep_closest(&mut close, |c| c.0);
    close
        .into_iter()
        .map(|(_, _, i)| candidates[i].item.clone())
        .collect()
}

/// The network a person means: its id, short name or name, in any case, with or without
/// accents and punctuation (`eurocities`, `EUROCITIES`, `c40`, `"ICLEI – Local
/// Governments for Sustainability"`). Anything else gets suggestions: typos
/// (`eurocitis`), a start (`eurocit`), some of its words (`learning cities`).
pub fn network(networks: &[Network], typed: &str) -> Lookup<usize> {
    let candidates: Vec<Candidate<usize>> = networks
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let mut names = spellings(&n.id);
            names.extend(spellings(&n.name));
            if let Some(s) = &n.short_name {
                names.extend(spellings(s));
            }
            Candidate {
                item: i,
                names,
                notability: 0,
            }
        })
        .collect();
    let query = normalize(typed);
    match lookup(&query, &candidates) {
        // A word several networks' names share (`unesco`) is a question, not a typo.
        Lookup::Unknown(near) => {
            let within: Vec<usize> = candidates
                .iter()
                .filter(|c| c.names.iter().any(|n| contains_words(n, &query)))
                .map(|c| c.item)
                .collect();
            if within.len() > 1 {
                Lookup::Ambiguous(within)
            } else {
                Lookup::Unknown(near)
            }
        }
        found => found,
    }
}

/// Whether the words of the normalized `query` appear together, as whole words, in the
/// normalized `name`, which is not the query itself: `korea` in "south korea".
pub fn contains_words(name: &str, query: &str) -> bool {
    !query.is_empty()
        && name != query
        && (name.starts_with(&format!("{query} "))
            || name.ends_with(&format!(" {query}"))
            || name.contains(&format!(" {query} ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_normalize_to_their_words() {
        assert_eq!(
            normalize("ICLEI – Local Governments"),
            "iclei local governments"
        );
        assert_eq!(normalize("Côte d’Ivoire"), "cote d ivoire");
        assert_eq!(normalize("Côte d'Ivoire"), "cote d ivoire");
        assert_eq!(normalize("Bosnia & Herzegovina"), "bosnia and herzegovina");
        assert_eq!(normalize("Bosnia&Herzegovina"), "bosnia and herzegovina");
        assert_eq!(normalize("  R-Cities "), "r cities");
        assert_eq!(normalize("Saint-Étienne"), "saint etienne");
        assert_eq!(spellings("Köln"), ["koln", "koeln"]);
        assert_eq!(spellings("Berlin"), ["berlin"]);
        assert!(spellings("–").is_empty());
    }

    #[test]
    fn a_swap_is_one_typo() {
        assert_eq!(typos("pairs", "paris"), 1);
        assert_eq!(typos("berlni", "berlin"), 1);
        assert_eq!(typos("mialn", "milan"), 1);
        assert_eq!(typos("lodnon", "london"), 1);
        assert_eq!(typos("milan", "milan"), 0);
    }

    fn city(item: &'static str, names: &[&str], notability: u64) -> Candidate<&'static str> {
        Candidate {
            item,
            names: names.iter().flat_map(|n| spellings(n)).collect(),
            notability,
        }
    }

    fn sample() -> Vec<Candidate<&'static str>> {
        vec![
            city("Paris FR", &["Paris"], 3),
            city("Aix-Marseille-Provence FR", &["Aix-Marseille-Provence"], 1),
            city("Berlin DE", &["Berlin"], 3),
            city("Reggio Calabria IT", &["Reggio Calabria"], 1),
            city("London GB", &["London"], 3),
            city("London CA", &["London"], 1),
            city("Milan IT", &["Milan", "Milano"], 3),
            city("Cologne DE", &["Cologne", "Köln"], 2),
            city("Greater Manchester GB", &["Greater Manchester"], 1),
            city("Barcelona ES", &["Barcelona"], 3),
        ]
    }

    #[test]
    fn exact_names_answer_and_shared_names_ask() {
        let c = sample();
        assert_eq!(lookup("paris", &c), Lookup::Found("Paris FR"));
        assert_eq!(lookup("milano", &c), Lookup::Found("Milan IT"));
        assert_eq!(lookup("koeln", &c), Lookup::Found("Cologne DE"));
        assert_eq!(lookup("koln", &c), Lookup::Found("Cologne DE"));
        assert_eq!(
            lookup("london", &c),
            Lookup::Ambiguous(vec!["London GB", "London CA"])
        );
    }

    #[test]
    fn typos_get_suggestions_never_an_answer() {
        let c = sample();
        let unknown = |q: &str| match lookup(q, &c) {
            Lookup::Unknown(v) => v,
            other => panic!("{q}: {other:?}"),
        };
        assert_eq!(unknown("pairs")[0], "Paris FR");
        assert_eq!(unknown("berlni")[0], "Berlin DE");
        assert_eq!(unknown("mialn")[0], "Milan IT");
        assert_eq!(unknown("lodnon")[..2], ["London GB", "London CA"]);
        assert_eq!(unknown("manchster"), ["Greater Manchester GB"]);
        assert_eq!(unknown("barc"), ["Barcelona ES"]);
        assert!(unknown("zzzzqqq").is_empty());
        assert!(!unknown("pairs").contains(&"Aix-Marseille-Provence FR"));
        assert!(!unknown("berlni").contains(&"Reggio Calabria IT"));
    }
}
