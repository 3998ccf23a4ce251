//! Fuzzy, accent-insensitive matching shared by the TUI and the command line.
//!
//! Every searchable string is folded once, at load, into lowercase ASCII-ish text with a
//! map back to the original characters. A query is folded the same way, so `lodz` meets
//! `Łódź` on equal terms, and the matched positions still point into the original name for
//! highlighting.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

/// A string folded for matching, with a way back to the original's characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folded {
    /// Lowercase, accents removed, transliterated (`Łódź` -> `lodz`, `Straße` -> `strasse`).
    pub text: String,
    /// For each char of `text`, the index of the original char it came from.
    origin: Vec<u32>,
}

impl Folded {
    pub fn new(original: &str) -> Folded {
        let mut text = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len());
        for (i, c) in original.chars().enumerate() {
            let i = i as u32;
            if c.is_ascii() {
                text.push(c.to_ascii_lowercase());
                origin.push(i);
                continue;
            }
            match deunicode::deunicode_char(c) {
                // Some transliterations carry padding spaces (CJK); keep them out.
                Some(s) if !s.trim().is_empty() => {
                    for f in s.trim().chars() {
                        text.push(f.to_ascii_lowercase());
                        origin.push(i);
                    }
                }
                _ => {
                    for f in c.to_lowercase() {
                        text.push(f);
                        origin.push(i);
                    }
                }
            }
        }
        Folded { text, origin }
    }

    /// Maps positions in `text` to positions (char indices) in the original, deduplicated.
    pub fn original_positions(&self, folded: &[usize]) -> Vec<usize> {
        let mut out: Vec<usize> = folded
            .iter()
            .filter_map(|&p| self.origin.get(p).map(|&o| o as usize))
            .collect();
        out.dedup();
        out
    }
}

/// Folds a query the same way as the keys, and trims it.
pub fn fold_query(query: &str) -> String {
    Folded::new(query.trim()).text
}

/// Quick rejection: can `query`'s characters appear in `key` in order? Much cheaper than
/// scoring, and every fuzzy match must pass it.
pub fn is_subsequence(query: &str, key: &str) -> bool {
    let mut k = key.bytes();
    query
        .bytes()
        .filter(|b| *b != b' ')
        .all(|q| k.any(|c| c == q))
}

/// How well one key matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyMatch {
    pub score: i64,
    /// Matched positions in `text` (folded).
    pub folded_positions: Vec<usize>,
}

/// Bonuses that put exact and prefix matches above scattered fuzzy ones. They dwarf the
/// skim scores (which stay in the low hundreds for names), so `rome` puts Rome first.
const EXACT_BONUS: i64 = 100_000;
const PREFIX_BONUS: i64 = 50_000;
const WORD_PREFIX_BONUS: i64 = 20_000;
const SUBSTRING_BONUS: i64 = 10_000;

/// The matcher, built once: skim's algorithm, case already folded away.
pub struct Matcher {
    skim: SkimMatcherV2,
}

impl Default for Matcher {
    fn default() -> Self {
        Matcher {
            skim: SkimMatcherV2::default().ignore_case(),
        }
    }
}

impl Matcher {
    /// Scores a folded query against one folded key. `query` must come from `fold_query`.
    pub fn score(&self, query: &str, key: &Folded) -> Option<KeyMatch> {
        if query.is_empty() {
            return Some(KeyMatch {
                score: 0,
                folded_positions: Vec::new(),
            });
        }
        let text = key.text.as_str();
        if let Some(at) = text.find(query) {
            let bonus = if text.len() == query.len() {
                EXACT_BONUS
            } else if at == 0 {
                PREFIX_BONUS
            } else if text[..at].ends_with([' ', '-', '\'', '(', '/']) {
                WORD_PREFIX_BONUS
            } else {
                SUBSTRING_BONUS
            };
            let start = text[..at].chars().count();
            let len = query.chars().count();
            // Shorter keys rank higher among equals: "Rome" over "Romeo".
            let tightness = 1000 - (text.chars().count() as i64).min(1000);
            return Some(KeyMatch {
                score: bonus + tightness,
                folded_positions: (start..start + len).collect(),
            });
        }
        if !is_subsequence(query, text) {
            return None;
        }
        let (score, positions) = self.skim.fuzzy_indices(text, query)?;
        Some(KeyMatch {
            score,
            folded_positions: positions,
        })
    }

    /// The best of several keys: which key (index), its score and matched positions.
    pub fn best<'k>(
        &self,
        query: &str,
        keys: impl IntoIterator<Item = &'k Folded>,
    ) -> Option<(usize, KeyMatch)> {
        let mut best: Option<(usize, KeyMatch)> = None;
        for (i, key) in keys.into_iter().enumerate() {
            if let Some(m) = self.score(query, key)
                && best.as_ref().is_none_or(|(_, b)| m.score > b.score)
            {
                best = Some((i, m));
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(query: &str, name: &str) -> bool {
        Matcher::default()
            .score(&fold_query(query), &Folded::new(name))
            .is_some()
    }

    #[test]
    fn accents_and_special_letters_fold() {
        assert_eq!(Folded::new("Łódź").text, "lodz");
        assert_eq!(Folded::new("İzmir").text, "izmir");
        assert_eq!(Folded::new("Zürich").text, "zurich");
        assert_eq!(Folded::new("Gdańsk").text, "gdansk");
        assert_eq!(Folded::new("Timișoara").text, "timisoara");
        assert_eq!(Folded::new("Reykjavík").text, "reykjavik");
        assert_eq!(Folded::new("København").text, "kobenhavn");
    }

    #[test]
    fn unaccented_queries_find_accented_names() {
        assert!(matches("lodz", "Łódź"));
        assert!(matches("zurich", "Zürich"));
        assert!(matches("izmir", "İzmir"));
        assert!(matches("gdansk", "Gdańsk"));
        assert!(matches("ŁÓDŹ", "Lodz"));
        assert!(!matches("berlin", "Bern"));
    }

    #[test]
    fn positions_map_back_to_original_characters() {
        let key = Folded::new("Straße Łódź");
        // "ss" is two folded chars from one original ß: they collapse to position 4.
        let m = Matcher::default().score("strasse", &key).expect("matches");
        assert_eq!(
            key.original_positions(&m.folded_positions),
            vec![0, 1, 2, 3, 4, 5]
        );
        let m = Matcher::default().score("lodz", &key).expect("matches");
        assert_eq!(
            key.original_positions(&m.folded_positions),
            vec![7, 8, 9, 10]
        );
    }

    #[test]
    fn exact_then_prefix_then_word_then_fuzzy() {
        let m = Matcher::default();
        let s = |name: &str| m.score("rome", &Folded::new(name)).map(|k| k.score);
        let exact = s("Rome").expect("exact");
        let prefix = s("Romeo").expect("prefix");
        let word = s("Greater Rome").expect("word");
        let inner = s("Jerome").expect("substring");
        let fuzzy = s("Rotterdam Metro").expect("fuzzy");
        assert!(exact > prefix && prefix > word && word > inner && inner > fuzzy);
    }

    #[test]
    fn best_reports_which_key_matched() {
        let keys = [Folded::new("Munich"), Folded::new("München")];
        let m = Matcher::default();
        assert_eq!(m.best("munchen", &keys).map(|(i, _)| i), Some(1));
        assert_eq!(m.best("munich", &keys).map(|(i, _)| i), Some(0));
        assert!(m.best("paris", &keys).is_none());
    }

    #[test]
    fn subsequence_prefilter() {
        assert!(is_subsequence("bln", "berlin"));
        assert!(is_subsequence("den haag", "den haag"));
        assert!(!is_subsequence("nlb", "berlin"));
        assert!(is_subsequence("", "x"));
    }
}
