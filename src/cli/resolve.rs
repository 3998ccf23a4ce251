//! Which network a person means: `eurocities`, `EUROCITIES`, `c40`, `learning cities`.
//!
//! Pure, so the TUI can use it too (a "go to network" prompt). A name is compared folded
//! (lowercase, accents and punctuation gone), first whole, then word by word; when nothing
//! fits, the closest names by edit distance are offered instead.

use citynet_core::data::Network;
use citynet_core::search::Folded;

/// What a name the user typed refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// Exactly one network: its index.
    Found(usize),
    /// Several networks fit: all their indices, best first.
    Ambiguous(Vec<usize>),
    /// None fits: the closest networks, closest first (possibly none).
    Unknown(Vec<usize>),
}

/// How many close names an unknown one gets at most.
pub const MAX_CANDIDATES: usize = 8;

/// Folds `s` and keeps only words of letters and digits: `"ICLEI – Local Governments"`
/// -> `"iclei local governments"`, `"R-Cities"` -> `"r cities"`.
pub fn normalize(s: &str) -> String {
    let folded = Folded::new(s).text;
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The names a network answers to, normalized: id, short name, name.
fn keys(n: &Network) -> Vec<String> {
    let mut k = vec![normalize(&n.id), normalize(&n.name)];
    if let Some(s) = &n.short_name {
        k.push(normalize(s));
    }
    k.retain(|s| !s.is_empty());
    k
}

fn compact(s: &str) -> String {
    s.chars().filter(|c| *c != ' ').collect()
}

/// Does every word of `query` start some word of `key`? Returns how tight the match is
/// (lower is better): 0 when the query's words appear in order and together.
fn word_match(query: &str, key: &str) -> Option<usize> {
    let key_words: Vec<&str> = key.split(' ').collect();
    let all = query
        .split(' ')
        .all(|q| key_words.iter().any(|k| k.starts_with(q)));
    if !all {
        return None;
    }
    let together = key.starts_with(query) || key.contains(&format!(" {query}"));
    Some(if together { 0 } else { 1 })
}

/// Levenshtein distance over characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitute = prev[j] + usize::from(ca != cb);
            cur[j + 1] = substitute.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The smallest edit distance between `query` and `key`, or any run of as many words in
/// `key` as `query` has (so `lerning cities` is close to `... of learning cities`).
fn distance(query: &str, key: &str) -> usize {
    let whole = edit_distance(query, key).min(edit_distance(&compact(query), &compact(key)));
    let n = query.split(' ').count();
    let words: Vec<&str> = key.split(' ').collect();
    let windows = words
        .windows(n.min(words.len()).max(1))
        .map(|w| edit_distance(query, &w.join(" ")))
        .min()
        .unwrap_or(usize::MAX);
    whole.min(windows)
}

/// Resolves what a person typed to a network.
pub fn resolve(networks: &[Network], typed: &str) -> Resolution {
    let query = normalize(typed);
    if query.is_empty() {
        return Resolution::Unknown(Vec::new());
    }
    let all_keys: Vec<Vec<String>> = networks.iter().map(keys).collect();

    // 1. A whole name, id or short name, ignoring case, accents, punctuation and spaces.
    let exact: Vec<usize> = all_keys
        .iter()
        .enumerate()
        .filter(|(_, ks)| {
            ks.iter()
                .any(|k| *k == query || compact(k) == compact(&query))
        })
        .map(|(i, _)| i)
        .collect();
    match exact.len() {
        1 => return Resolution::Found(exact[0]),
        n if n > 1 => return Resolution::Ambiguous(exact),
        _ => {}
    }

    // 2. Every word typed starts a word of one of its names: `learning cities`, `eurocit`.
    let mut partial: Vec<(usize, usize, usize)> = all_keys
        .iter()
        .enumerate()
        .filter_map(|(i, ks)| {
            ks.iter()
                .filter_map(|k| word_match(&query, k).map(|t| (t, k.len())))
                .min()
                .map(|(t, len)| (t, len, i))
        })
        .collect();
    partial.sort();
    match partial.len() {
        1 => return Resolution::Found(partial[0].2),
        n if n > 1 => {
            return Resolution::Ambiguous(partial.into_iter().map(|(_, _, i)| i).collect());
        }
        _ => {}
    }

    // 3. Nothing fits: the closest names, within a distance that still looks like a typo
    //    (a third of the length), and no further than one edit behind the closest.
    let limit = (query.chars().count() / 3).max(2);
    let mut close: Vec<(usize, usize)> = all_keys
        .iter()
        .enumerate()
        .filter_map(|(i, ks)| {
            let d = ks.iter().map(|k| distance(&query, k)).min()?;
            (d <= limit).then_some((d, i))
        })
        .collect();
    close.sort();
    let best = close.first().map_or(0, |(d, _)| *d);
    Resolution::Unknown(
        close
            .into_iter()
            .take_while(|(d, _)| *d <= best + 1)
            .take(MAX_CANDIDATES)
            .map(|(_, i)| i)
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use citynet_core::data::Scope;

    fn net(id: &str, name: &str, short: Option<&str>) -> Network {
        Network {
            id: id.into(),
            name: name.into(),
            short_name: short.map(Into::into),
            scope: Scope::Global,
            members_are: None,
            themes: vec![],
            summary: String::new(),
            founded: None,
            headquarters: None,
            website: None,
            figures: vec![],
            targets: vec![],
            affiliations: vec![],
            sources: vec![],
            profile: None,
            roster: None,
        }
    }

    fn networks() -> Vec<Network> {
        vec![
            net("c40", "C40 Cities Climate Leadership Group", Some("C40")),
            net("eurocities", "Eurocities", None),
            net(
                "iclei",
                "ICLEI – Local Governments for Sustainability",
                Some("ICLEI"),
            ),
            net("uccn", "UNESCO Creative Cities Network", Some("UCCN")),
            net(
                "gnlc",
                "UNESCO Global Network of Learning Cities",
                Some("GNLC"),
            ),
            net("leading-cities", "Leading Cities", None),
            net("r-cities", "Resilient Cities Network", Some("R-Cities")),
            net("mcr2030", "Making Cities Resilient 2030", Some("MCR2030")),
            net("energy-cities", "Énergie Cités", None),
        ]
    }

    fn found(typed: &str) -> Option<String> {
        let n = networks();
        match resolve(&n, typed) {
            Resolution::Found(i) => Some(n[i].id.clone()),
            _ => None,
        }
    }

    fn ids(n: &[Network], is: &[usize]) -> Vec<String> {
        is.iter().map(|&i| n[i].id.clone()).collect()
    }

    #[test]
    fn ids_short_names_and_names_in_any_case() {
        assert_eq!(found("eurocities").as_deref(), Some("eurocities"));
        assert_eq!(found("EUROCITIES").as_deref(), Some("eurocities"));
        assert_eq!(found("c40").as_deref(), Some("c40"));
        assert_eq!(found("C40").as_deref(), Some("c40"));
        assert_eq!(found("iclei").as_deref(), Some("iclei"));
        assert_eq!(
            found("ICLEI - Local Governments for Sustainability").as_deref(),
            Some("iclei")
        );
    }

    #[test]
    fn punctuation_spaces_and_accents_do_not_matter() {
        assert_eq!(found("r-cities").as_deref(), Some("r-cities"));
        assert_eq!(found("R Cities").as_deref(), Some("r-cities"));
        assert_eq!(found("rcities").as_deref(), Some("r-cities"));
        assert_eq!(found("MCR 2030").as_deref(), Some("mcr2030"));
        assert_eq!(found("energie cites").as_deref(), Some("energy-cities"));
    }

    #[test]
    fn words_of_a_name_find_it() {
        assert_eq!(found("learning cities").as_deref(), Some("gnlc"));
        assert_eq!(found("Learning").as_deref(), Some("gnlc"));
        assert_eq!(found("eurocit").as_deref(), Some("eurocities"));
        assert_eq!(found("creative").as_deref(), Some("uccn"));
        // "leading" is a word of Leading Cities only, not of "Learning".
        assert_eq!(found("leading").as_deref(), Some("leading-cities"));
    }

    #[test]
    fn ambiguous_names_list_every_fit() {
        let n = networks();
        let Resolution::Ambiguous(c) = resolve(&n, "unesco") else {
            panic!("unesco names two networks");
        };
        let mut got = ids(&n, &c);
        got.sort();
        assert_eq!(got, ["gnlc", "uccn"]);
        let Resolution::Ambiguous(c) = resolve(&n, "resilient") else {
            panic!("resilient is in two names");
        };
        assert_eq!(ids(&n, &c).len(), 2);
    }

    #[test]
    fn unknown_names_suggest_the_closest() {
        let n = networks();
        let Resolution::Unknown(c) = resolve(&n, "eurocitis") else {
            panic!("a typo is not a match");
        };
        assert_eq!(ids(&n, &c).first().map(String::as_str), Some("eurocities"));
        let Resolution::Unknown(c) = resolve(&n, "iclie") else {
            panic!("a typo is not a match");
        };
        assert_eq!(ids(&n, &c).first().map(String::as_str), Some("iclei"));
        let Resolution::Unknown(c) = resolve(&n, "lerning cities") else {
            panic!("a typo is not a match");
        };
        assert_eq!(ids(&n, &c).first().map(String::as_str), Some("gnlc"));
        assert_eq!(resolve(&n, "xyzzyqwerty"), Resolution::Unknown(vec![]));
        assert_eq!(resolve(&n, "  "), Resolution::Unknown(vec![]));
    }

    #[test]
    fn edit_distance_counts_characters() {
        assert_eq!(edit_distance("", ""), 0);
        assert_eq!(edit_distance("abc", ""), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("łódź", "lodz"), 3);
        assert_eq!(normalize("Łódź – Métropole"), "lodz metropole");
    }
}
