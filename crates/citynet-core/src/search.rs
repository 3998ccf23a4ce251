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
    /// For each char of `text`, the index of the original char it came from. Left empty
    /// when every char comes from the original char at its own index (plain ASCII, most
    /// names): a quarter of a million members need not carry a map that says `i -> i`.
    origin: Vec<u32>,
}

/// Builds `Folded::origin` only once a folded char lands away from its own index.
struct Origin {
    map: Vec<u32>,
    identity: bool,
    len: u32,
}

impl Origin {
    fn push(&mut self, from: u32) {
        if self.identity && from != self.len {
            self.identity = false;
            self.map = (0..self.len).collect();
        }
        if !self.identity {
            self.map.push(from);
        }
        self.len += 1;
    }
}

impl Folded {
    pub fn new(original: &str) -> Folded {
        Folded::with(original, false)
    }

    /// The spelling of `original` with German and Nordic letters written as their digraphs
    /// (`Köln` -> `koeln`, `Århus` -> `aarhus`, `Tromsø` -> `tromsoe`), when it has such a
    /// letter: the second key a name gets, so that `koeln` and `koln` both find Köln.
    pub fn transliterated(original: &str) -> Option<Folded> {
        has_transliteration(original).then(|| Folded::with(original, true))
    }

    fn with(original: &str, transliterate: bool) -> Folded {
        let mut text = String::with_capacity(original.len());
        let mut origin = Origin {
            map: Vec::new(),
            identity: true,
            len: 0,
        };
        fold_each(original, transliterate, |f, i| {
            text.push(f);
            origin.push(i);
        });
        Folded {
            text,
            origin: origin.map,
        }
    }

    /// Maps positions in `text` to positions (char indices) in the original, deduplicated.
    pub fn original_positions(&self, folded: &[usize]) -> Vec<usize> {
        let mut out: Vec<usize> = if self.origin.is_empty() {
            let len = self.text.chars().count();
            folded.iter().copied().filter(|&p| p < len).collect()
        } else {
            folded
                .iter()
                .filter_map(|&p| self.origin.get(p).map(|&o| o as usize))
                .collect()
        };
        out.dedup();
        out
    }
}

/// How a letter is written on an ASCII keyboard by the people whose letter it is, where
/// that differs from dropping its accent: `Köln` is `koeln` to a German, `Århus` `aarhus`
/// to a Dane. (`ß` and `æ` need nothing: the plain fold gives `ss` and `ae` already.)
fn transliteration(c: char) -> Option<&'static str> {
    Some(match c {
        'ä' | 'Ä' => "ae",
        'ö' | 'Ö' | 'ø' | 'Ø' => "oe",
        'ü' | 'Ü' => "ue",
        'å' | 'Å' => "aa",
        _ => return None,
    })
}

/// Whether `original` has a second folded spelling ([`Folded::transliterated`]).
pub fn has_transliteration(original: &str) -> bool {
    !original.is_ascii() && original.chars().any(|c| transliteration(c).is_some())
}

/// Folds `original` char by char: each folded char, with the index of the original char
/// it comes from. With `transliterate`, the letters of [`transliteration`] become their
/// digraphs instead of losing their accent.
fn fold_each(original: &str, transliterate: bool, mut emit: impl FnMut(char, u32)) {
    for (i, c) in original.chars().enumerate() {
        // Names are short; a name past four billion characters is not one.
        let i = u32::try_from(i).unwrap_or(u32::MAX);
        fold_char(c, transliterate, |f| emit(f, i));
    }
}

/// What [`fold_each`] makes of one char.
fn fold_char(c: char, transliterate: bool, mut emit: impl FnMut(char)) {
    if c.is_ascii() {
        emit(c.to_ascii_lowercase());
        return;
    }
    if transliterate && let Some(t) = transliteration(c) {
        t.chars().for_each(emit);
        return;
    }
    match deunicode::deunicode_char(c) {
        // Some transliterations carry padding spaces (CJK); keep them out.
        Some(s) if !s.trim().is_empty() => {
            for f in s.trim().chars() {
                emit(f.to_ascii_lowercase());
            }
        }
        _ => c.to_lowercase().for_each(emit),
    }
}

/// Appends `original`, folded as [`Folded::new`] folds it, to `out`: for an index that keeps
/// many keys in one string instead of one allocation each.
pub fn fold_into(out: &mut String, original: &str) {
    if original.is_ascii() {
        let start = out.len();
        out.push_str(original);
        out[start..].make_ascii_lowercase();
        return;
    }
    // The foldings of the chars most names are written in, worked out once: `text` holds
    // them one after another, char c's at `text[at[c]..at[c + 1]]`.
    struct Table {
        text: String,
        at: Vec<u32>,
    }
    static TABLE: std::sync::OnceLock<Table> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut text = String::new();
        let mut at = vec![0];
        for c in 0..TABLED {
            if let Some(c) = char::from_u32(c) {
                fold_char(c, false, |f| text.push(f));
            }
            at.push(u32::try_from(text.len()).unwrap_or(u32::MAX));
        }
        Table { text, at }
    });
    for c in original.chars() {
        let i = c as usize;
        match (table.at.get(i), table.at.get(i + 1)) {
            (Some(&from), Some(&to)) => out.push_str(&table.text[from as usize..to as usize]),
            _ => fold_char(c, false, |f| out.push(f)),
        }
    }
}

/// Appends [`Folded::transliterated`]'s text for `original` to `out`, when it has one;
/// returns whether it did.
pub fn transliterate_into(out: &mut String, original: &str) -> bool {
    if !has_transliteration(original) {
        return false;
    }
    fold_each(original, true, |f, _| out.push(f));
    true
}

/// Every folded spelling of `names`, as keys for an index: each name folded, and after it
/// its transliterated spelling where it has one, each with the index of the name it spells.
/// The one way every index (members, cities, networks, the jump prompt) builds its keys,
/// so that a spelling found in one is found in all.
pub fn spellings<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<(usize, Folded)> {
    let mut out = Vec::new();
    for (i, name) in names.into_iter().enumerate() {
        out.push((i, Folded::new(name)));
        if let Some(t) = Folded::transliterated(name) {
            out.push((i, t));
        }
    }
    out
}

/// The letters (bytes) a folded text contains, as a 64-bit set: `a`-`z` and `0`-`9` one bit
/// each, every other byte sharing the remaining bits. A text can only match a query whose
/// letters it contains, so `letters(query) & !letters(key) != 0` rules the key out before
/// any scanning.
pub fn letters(folded: &str) -> u64 {
    folded
        .bytes()
        .fold(0, |set, b| set | LETTER_BITS[usize::from(b)])
}

/// [`letters`] of every key [`spellings`] makes of `original` (its folding, and its
/// transliterated folding where it has one), found char by char without building them:
/// what a one-off index tests every member's names with, before it folds any of them.
pub fn spelling_letters(original: &str) -> u64 {
    if let Some(set) = letters_if_ascii(original) {
        return set;
    }
    // The letters of the chars most names are written in, worked out once.
    static TABLE: std::sync::OnceLock<Vec<u64>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        (0..TABLED)
            .map(|c| char::from_u32(c).map_or(0, char_letters))
            .collect()
    });
    original.chars().fold(0, |set, c| {
        set | table
            .get(c as usize)
            .copied()
            .unwrap_or_else(|| char_letters(c))
    })
}

/// Chars below this (Latin, Greek, Cyrillic, Hebrew, Arabic) have their letters in a table.
const TABLED: u32 = 0x800;

/// The letters `c` adds to the keys of a name it is in.
fn char_letters(c: char) -> u64 {
    let mut set = 0;
    let mut add = |f: char| set |= letters(f.encode_utf8(&mut [0; 4]));
    fold_char(c, false, &mut add);
    // The second spelling differs from the first only at these chars.
    if transliteration(c).is_some() {
        fold_char(c, true, &mut add);
    }
    set
}

/// [`letters`] of `original` folded, read off the text as written when it is ASCII, where
/// folding is lowercasing; `None` for any other text.
fn letters_if_ascii(original: &str) -> Option<u64> {
    original.is_ascii().then(|| {
        original.bytes().fold(0, |set, b| {
            set | LETTER_BITS[usize::from(b.to_ascii_lowercase())]
        })
    })
}

/// Each byte's bit for [`letters`]; the space has none (queries skip spaces).
static LETTER_BITS: [u64; 256] = {
    let mut bits = [0u64; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        let bit = match byte {
            b'a'..=b'z' => byte - b'a',
            b'0'..=b'9' => 26 + (byte - b'0'),
            _ => 36 + byte % 28,
        };
        if byte != b' ' {
            bits[b] = 1 << bit;
        }
        b += 1;
    }
    bits
};

/// Folds a query the same way as the keys, and trims it.
pub fn fold_query(query: &str) -> String {
    Folded::new(query.trim()).text
}

/// Where `query` (not empty) first occurs in `text`: `str::find`, minus the searcher it
/// sets up on every call, which costs more than the search in a short name.
fn find(text: &str, query: &str) -> Option<usize> {
    let (t, q) = (text.as_bytes(), query.as_bytes());
    let (&first, rest) = q.split_first()?;
    let last = t.len().checked_sub(q.len())?;
    let mut from = 0;
    while from <= last {
        let at = from + t[from..=last].iter().position(|&b| b == first)?;
        if t[at + 1..at + q.len()] == *rest {
            // A match of valid UTF-8 in valid UTF-8 starts on a char boundary.
            return Some(at);
        }
        from = at + 1;
    }
    None
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
        self.score_str(query, &key.text)
    }

    /// [`Matcher::score`] on a folded text kept elsewhere than in a [`Folded`]: the
    /// positions are in `text`.
    pub fn score_str(&self, query: &str, text: &str) -> Option<KeyMatch> {
        if query.is_empty() {
            return Some(KeyMatch {
                score: 0,
                folded_positions: Vec::new(),
            });
        }
        if let Some(at) = find(text, query) {
            let start = text[..at].chars().count();
            let len = query.chars().count();
            return Some(KeyMatch {
                score: substring_score(text, query, at),
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

    /// The score [`Matcher::score`] gives, without the matched positions: what ranking
    /// needs, at a fraction of the cost (no allocation, and skim's cheaper score-only pass).
    pub fn score_only(&self, query: &str, key: &Folded) -> Option<i64> {
        self.score_text(query, &key.text)
    }

    /// [`Matcher::score_only`] for a folded text kept elsewhere than in a [`Folded`].
    pub fn score_text(&self, query: &str, text: &str) -> Option<i64> {
        if query.is_empty() {
            return Some(0);
        }
        if let Some(at) = find(text, query) {
            return Some(substring_score(text, query, at));
        }
        if !is_subsequence(query, text) {
            return None;
        }
        self.skim.fuzzy_match(text, query)
    }

    /// How `text` matches the folded `query`, short of scoring a scattered match: skim's
    /// scoring is most of a large roster's search, and [`can_defer`] says when it can wait.
    pub fn quick(&self, query: &str, text: &str) -> Quick {
        if let Some(at) = find(text, query) {
            Quick::Substring(substring_score(text, query, at))
        } else if is_subsequence(query, text) {
            Quick::Scattered
        } else {
            Quick::No
        }
    }

    /// [`Matcher::quick`] over several texts: the best whole match (which text, and its
    /// score; ties to the earlier) and whether any text holds the query scattered.
    pub fn best_quick<'k>(
        &self,
        query: &str,
        texts: impl IntoIterator<Item = &'k str>,
    ) -> (Option<(usize, i64)>, bool) {
        let mut whole: Option<(usize, i64)> = None;
        let mut scattered = false;
        for (i, text) in texts.into_iter().enumerate() {
            match self.quick(query, text) {
                Quick::Substring(s) if whole.is_none_or(|(_, b)| s > b) => whole = Some((i, s)),
                Quick::Scattered => scattered = true,
                _ => {}
            }
        }
        (whole, scattered)
    }

    /// The best of several keys: which key (index), its score and matched positions.
    pub fn best<'k>(
        &self,
        query: &str,
        keys: impl IntoIterator<Item = &'k Folded>,
    ) -> Option<(usize, KeyMatch)> {
        self.best_str(query, keys.into_iter().map(|k| k.text.as_str()))
    }

    /// [`Matcher::best`] over folded texts.
    pub fn best_str<'k>(
        &self,
        query: &str,
        texts: impl IntoIterator<Item = &'k str>,
    ) -> Option<(usize, KeyMatch)> {
        let mut best: Option<(usize, KeyMatch)> = None;
        for (i, text) in texts.into_iter().enumerate() {
            if let Some(m) = self.score_str(query, text)
                && best.as_ref().is_none_or(|(_, b)| m.score > b.score)
            {
                best = Some((i, m));
            }
        }
        best
    }

    /// [`Matcher::best`] without positions: which key, and its score. Ties go to the
    /// earlier key, as there.
    pub fn best_score<'k>(
        &self,
        query: &str,
        keys: impl IntoIterator<Item = &'k Folded>,
    ) -> Option<(usize, i64)> {
        self.best_score_str(query, keys.into_iter().map(|k| k.text.as_str()))
    }

    /// [`Matcher::best_score`] over folded texts.
    pub fn best_score_str<'k>(
        &self,
        query: &str,
        texts: impl IntoIterator<Item = &'k str>,
    ) -> Option<(usize, i64)> {
        let mut best: Option<(usize, i64)> = None;
        for (i, text) in texts.into_iter().enumerate() {
            if let Some(score) = self.score_text(query, text)
                && best.is_none_or(|(_, b)| score > b)
            {
                best = Some((i, score));
            }
        }
        best
    }
}

/// See [`Matcher::quick`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quick {
    /// Found whole, with the score [`Matcher::score_text`] gives.
    Substring(i64),
    /// Its characters are in `text` in order, apart; skim would score it.
    Scattered,
    No,
}

/// The lowest score a substring match gets: every one of them ranks above every scattered
/// match when [`can_defer`] holds.
pub const SUBSTRING_FLOOR: i64 = SUBSTRING_BONUS;

/// Whether scattered matches of the folded `query` can be left unscored until they are
/// shown, with nothing else changed:
/// - whether one matches at all is decided by its characters appearing in order, as skim
///   decides it: true of ASCII queries without spaces (`is_subsequence` skips spaces,
///   which skim would have to find);
/// - its score stays below [`SUBSTRING_FLOOR`]: skim gives at most 32 a character (a
///   match of 16, doubled for a first character), so up to 250 characters it cannot
///   reach 10,000.
pub fn can_defer(query: &str) -> bool {
    query.is_ascii() && !query.contains(' ') && query.len() <= 250
}

/// The score of a substring match of `query` at byte `at` of `text`: the bonus for where it
/// sits, plus a little for a short key, so "Rome" ranks over "Romeo".
fn substring_score(text: &str, query: &str, at: usize) -> i64 {
    let bonus = if text.len() == query.len() {
        EXACT_BONUS
    } else if at == 0 {
        PREFIX_BONUS
    } else if text[..at].ends_with([' ', '-', '\'', '(', '/']) {
        WORD_PREFIX_BONUS
    } else {
        SUBSTRING_BONUS
    };
    let chars = if text.is_ascii() {
        text.len()
    } else {
        text.chars().count()
    };
    bonus + 1000 - (chars as i64).min(1000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scattered_match_never_outscores_a_substring_match_when_scoring_can_wait() {
        // The longest query deferral allows, each letter right after a word boundary
        // (skim's largest bonus), against a scattered match as strong as it can be.
        let m = Matcher::default();
        let query = "a".repeat(250);
        assert!(can_defer(&query));
        assert!(!can_defer(&"a".repeat(251)));
        for sep in ["-", " ", "/", "_", "b"] {
            let text = format!("a{sep}").repeat(250);
            assert_eq!(m.quick(&query, &text), Quick::Scattered);
            let score = m.score_text(&query, &text).expect("a scattered match");
            assert!(score < SUBSTRING_FLOOR, "{sep:?}: {score}");
        }
        // And the weakest substring match still reaches the floor.
        let long = format!("{}{query}", "x".repeat(5_000));
        assert_eq!(m.quick(&query, &long), Quick::Substring(SUBSTRING_FLOOR));
    }

    /// What [`spelling_letters`] must equal: the letters of the keys themselves.
    fn letters_of_keys(text: &str) -> u64 {
        let mut keys = String::new();
        fold_into(&mut keys, text);
        transliterate_into(&mut keys, text);
        letters(&keys)
    }

    #[test]
    fn spelling_letters_are_the_letters_of_the_keys() {
        // Every char of the first 0x3000 code points and a sample beyond, alone and in
        // names; the names of every member list are checked in tests/engine.
        let mut texts: Vec<String> = (0u32..0x3000)
            .chain((0x3000..0x11_0000).step_by(97))
            .filter_map(char::from_u32)
            .map(|c| format!("{c}{}", c.to_uppercase()))
            .collect();
        texts.extend(["San Sebastián", "BERLIN-Mitte", "St. Pölten", "ÅRHUS"].map(String::from));
        texts.extend(["Berlin", "L'Aquila", "A Coruña 2", "東京", "İzmir", ""].map(String::from));
        for text in &texts {
            assert_eq!(spelling_letters(text), letters_of_keys(text), "{text:?}");
            // And fold_into's table gives what folding char by char gives.
            let mut folded = String::from("x");
            fold_into(&mut folded, text);
            assert_eq!(folded, format!("x{}", Folded::new(text).text), "{text:?}");
        }
    }

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
    fn german_and_nordic_letters_have_a_second_spelling() {
        let t = |s: &str| Folded::transliterated(s).map(|f| f.text);
        assert_eq!(t("Köln").as_deref(), Some("koeln"));
        assert_eq!(t("München").as_deref(), Some("muenchen"));
        assert_eq!(t("Zürich").as_deref(), Some("zuerich"));
        assert_eq!(t("Düsseldorf").as_deref(), Some("duesseldorf"));
        assert_eq!(t("Göteborg").as_deref(), Some("goeteborg"));
        assert_eq!(t("Århus").as_deref(), Some("aarhus"));
        assert_eq!(t("Tromsø").as_deref(), Some("tromsoe"));
        assert_eq!(t("Gießen Ärzte").as_deref(), Some("giessen aerzte"));
        // Nothing to spell differently: no second key.
        assert_eq!(t("Łódź"), None);
        assert_eq!(t("Straße"), None);
        assert_eq!(t("Berlin"), None);
        // Positions still point at the original letters: `oe` both come from `ö`.
        let k = Folded::transliterated("Köln").expect("has one");
        let m = Matcher::default().score("koeln", &k).expect("matches");
        assert_eq!(k.original_positions(&m.folded_positions), vec![0, 1, 2, 3]);
        let mut out = String::new();
        assert!(transliterate_into(&mut out, "Köln"));
        assert!(!transliterate_into(&mut out, "Berlin"));
        assert_eq!(out, "koeln");
    }

    #[test]
    fn spellings_list_each_name_then_its_transliteration() {
        let keys: Vec<(usize, String)> = spellings(["Cologne", "Köln", "Colonia"])
            .into_iter()
            .map(|(i, f)| (i, f.text))
            .collect();
        assert_eq!(
            keys,
            [
                (0, "cologne".to_string()),
                (1, "koln".to_string()),
                (1, "koeln".to_string()),
                (2, "colonia".to_string()),
            ]
        );
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
    fn ascii_keys_keep_no_origin_map_but_map_positions_the_same() {
        let plain = Folded::new("Rotterdam");
        assert!(plain.origin.is_empty());
        assert_eq!(plain.original_positions(&[0, 1, 8, 9]), vec![0, 1, 8]);
        // One folded char per original char: no map needed either.
        let accented = Folded::new("Łódź");
        assert!(accented.origin.is_empty());
        assert_eq!(accented.original_positions(&[0, 3]), vec![0, 3]);
        // The map starts where a char first expands: "ß" -> "ss".
        let expanded = Folded::new("Aßb");
        assert_eq!(expanded.text, "assb");
        assert_eq!(expanded.origin, vec![0, 1, 1, 2]);
        assert_eq!(expanded.original_positions(&[1, 2, 3]), vec![1, 2]);
    }

    #[test]
    fn fold_into_appends_what_folded_holds() {
        let mut out = String::from("x");
        for name in [
            "Łódź",
            "Straße",
            "İzmir",
            "東京",
            "Rotterdam",
            "Thị xã Bắc Hà",
        ] {
            out.truncate(1);
            fold_into(&mut out, name);
            assert_eq!(out[1..], Folded::new(name).text, "{name}");
        }
    }

    #[test]
    fn score_only_agrees_with_score() {
        let m = Matcher::default();
        let names = [
            "Rome",
            "Romeo",
            "Greater Rome",
            "Jerome",
            "Rotterdam Metro",
            "Łódź",
            "Straße Łódź",
            "Berlin",
            "Bergen",
            "Brighton and Hove",
            "Den Haag",
            "Saint-Étienne-sur-Loire",
            "Aix-Marseille-Provence",
            "Reykjavík",
            "İzmir",
            "Bad Birkenhagen am Main",
            "Nové Dubky nad Sázavou",
            "東京",
            "Thị xã Bắc Hà",
        ];
        let queries = [
            "r", "ro", "rome", "b", "be", "ber", "berl", "bq", "lodz", "dh", "den haag", "st et",
            "aix", "mrs", "z", "ae", "hv", "bk", "dong", "xa bac",
        ];
        for name in names {
            let key = Folded::new(name);
            for q in queries {
                let q = fold_query(q);
                assert_eq!(
                    m.score_only(&q, &key),
                    m.score(&q, &key).map(|k| k.score),
                    "{q:?} in {name:?}"
                );
            }
        }
        let keys = [Folded::new("Munich"), Folded::new("München")];
        assert_eq!(
            m.best_score("munchen", &keys),
            m.best("munchen", &keys).map(|(i, k)| (i, k.score))
        );
    }

    #[test]
    fn letters_rule_out_only_what_cannot_match() {
        let key = Folded::new("Łódź-sur-Mer");
        let has = letters(&key.text);
        for q in ["lodz", "sur mer", "l-m", "dzm", ""] {
            assert_eq!(letters(q) & !has, 0, "{q}");
        }
        for q in ["x", "lodzq", "7"] {
            assert_ne!(letters(q) & !has, 0, "{q}");
            assert!(Matcher::default().score(q, &key).is_none(), "{q}");
        }
    }

    #[test]
    fn find_is_str_find() {
        for text in [
            "berlin",
            "bad berleburg",
            "łódź",
            "aaab",
            "",
            "ab",
            "straße am see",
        ] {
            for q in [
                "b", "be", "ber", "ab", "aab", "łó", "dź", "e a", "x", "berlinx",
            ] {
                assert_eq!(find(text, q), text.find(q), "{q:?} in {text:?}");
            }
        }
    }

    #[test]
    fn subsequence_prefilter() {
        assert!(is_subsequence("bln", "berlin"));
        assert!(is_subsequence("den haag", "den haag"));
        assert!(!is_subsequence("nlb", "berlin"));
        assert!(is_subsequence("", "x"));
    }
}
