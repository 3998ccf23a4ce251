//! A roster ready for querying: folded search keys and sort orders built once, then
//! tier toggles + fuzzy filter + sort -> the rows to show. Shared by the TUI's member
//! table and the command line's `members`, so both answer a query the same way.
//!
//! Built for rosters of a quarter of a million members (UCLG's size): the folded names
//! live in one string, each country is folded once, the orders are ready before the first
//! query, a query is scored without computing matched positions (the view asks for those,
//! for the rows it draws), and a member table keeps its [`Matches`] so that a tier toggle
//! or a sort change never scores again and a growing query rescans only what matched.
//!
//! The front ends read a query's answer through [`RosterSearch`] (`roster/rows.rs`), which
//! keeps those matches, defers and settles scores, and hands out rows with their
//! highlights; the deferred-scoring machinery here is private to the crate.

mod rows;

pub use rows::{RosterSearch, Row};

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use rayon::prelude::*;

use crate::data::{Member, Roster, Text, cache, countries};
use crate::parallel::{in_halves, in_halves_mut};
use crate::query::{Atom, Query, Record, Term};
use crate::search::{self, Folded, Matcher, fold_query};
use crate::text::name_width as width;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SortColumn {
    /// Best match first, ties by name; only meaningful with a query.
    Relevance,
    City,
    Country,
    Tier,
    /// The Population column: GeoNames' figure where the list is matched to GeoNames,
    /// else the list's own ([`RosterIndex::population_source`]).
    Population,
    /// The list's own figure, a column of its own where the Population column is
    /// GeoNames' (the Covenant's declared populations).
    Stated,
    /// The year the member joined, where the list gives it.
    Since,
}

impl SortColumn {
    pub fn label(self) -> &'static str {
        match self {
            SortColumn::Relevance => "relevance",
            SortColumn::City => "City",
            SortColumn::Country => "Country",
            SortColumn::Tier => "Tier",
            SortColumn::Population => "Population",
            SortColumn::Stated => "Stated",
            SortColumn::Since => "Since",
        }
    }
}

/// Where a roster's Population column comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PopulationSource {
    /// GeoNames' figure for the place each member was matched to
    /// ([`crate::gazetteer::POPULATION_SOURCE`]).
    GeoNames,
    /// The figures the list itself gives.
    List,
}

/// Ranks ordered by a figure per member (no figure first), ties by rank.
fn order_by_figure(figure: impl Fn(usize) -> Option<u64>, by_city: &[u32]) -> Vec<u32> {
    // (has a figure, figure, rank) packed into one integer. Only the members indexed are
    // in `by_city`: an index built for one query sorts the few it keeps, not the roster.
    let mut packed: Vec<u128> = by_city
        .iter()
        .enumerate()
        .map(|(rank, &m)| {
            let p = figure(m as usize).map_or(0, |f| 1 << 64 | u128::from(f));
            p << 32 | rank as u128
        })
        .collect();
    packed.sort_unstable();
    packed.into_iter().map(|k| k as u32).collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    pub column: SortColumn,
    pub ascending: bool,
}

impl Sort {
    /// Best match first: the order a typed query switches to.
    pub const RELEVANCE: Sort = Sort {
        column: SortColumn::Relevance,
        ascending: true,
    };
}

impl Default for Sort {
    fn default() -> Self {
        Sort {
            column: SortColumn::City,
            ascending: true,
        }
    }
}

/// Which of a member's keys matched a query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchedKey {
    Name,
    /// The n-th of the member's other names.
    Aka(usize),
    Country,
}

/// One row of a query's result. The matched characters are not kept: a query can match a
/// quarter of a million rows, of which a screen shows forty, so only the rows read through
/// [`RosterSearch::window`] get them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Index into the roster's members.
    pub member: u32,
    /// Never [`PENDING`] outside this crate: only [`RosterSearch`] defers scores, and it
    /// settles every row it hands out.
    pub score: i64,
    pub key: MatchedKey,
}

/// The score of a scattered match whose skim score is put off until it is shown: its
/// matched key is not known yet either.
pub(crate) const PENDING: i64 = i64::MIN;

/// How [`RosterIndex::run`] scores the members that match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scoring {
    /// Every one: the rows complete in every way. Only the unit tests ask for it, to
    /// compare; `RosterSearch` settles deferred rows instead.
    #[cfg_attr(not(test), allow(dead_code))]
    Eager,
    /// For a screen, which shows a page of the rows at a time. A member whose keys match
    /// only scattered (`brl` in "Berlin") is left unscored ([`PENDING`]): skim's scoring
    /// is most of the cost of a keystroke on a large roster, and matters only for the rows
    /// shown. The rows are the same members in the same order as `Eager` gives, except
    /// that in a relevance order the rows from the first unscored one on (the tail) are in
    /// by-city order, and that a pending row's matched key is not known yet.
    /// [`RosterIndex::settle`] works out what a screen is about to show.
    Deferred,
}

impl Hit {
    pub(crate) fn is_pending(&self) -> bool {
        self.score == PENDING
    }
}

/// How close (in rows) the screen may come to the unscored tail of a relevance order
/// before the whole tail is scored and sorted: a few pages, so paging never meets it.
const SETTLE_MARGIN: usize = 200;

/// Every member that matches one query, whatever the tiers and the order: kept by a member
/// table so that a tier toggle or a sort change reorders these instead of scoring the
/// roster again, and a query that grows rescans only these.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Matches {
    /// The folded query these answer; `None` before the first.
    query: Option<String>,
    /// In by-city order.
    found: Vec<Found>,
}

/// What joins the alternatives of a folded query on the fast path (`ber | lin` is
/// `ber\u{1f}lin`): a control character, which no folded phrase holds.
const ALT: char = '\u{1f}';

/// A folded query's alternatives, each with its letters ([`search::letters`]).
fn alternatives(query: &str) -> Vec<(&str, u64)> {
    query.split(ALT).map(|q| (q, search::letters(q))).collect()
}

/// Whether every match of the folded `query` is a match of `before`: each alternative
/// grew from the one in its place (a fuzzy phrase only loses matches as it grows).
fn grows_from(query: &str, before: &str) -> bool {
    let (now, was) = (query.split(ALT), before.split(ALT));
    now.clone().count() == was.clone().count()
        && now.zip(was).all(|(n, w)| !w.is_empty() && n.starts_with(w))
}

/// A match, by the member's place in the by-city order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Found {
    rank: u32,
    key: MatchedKey,
    score: i64,
}

impl Found {
    fn is_pending(&self) -> bool {
        self.score == PENDING
    }
}

/// One of the roster's countries, folded once for all its members.
struct CountryKey {
    /// The code as the roster writes it.
    code: String,
    name: &'static str,
    key: Folded,
    letters: u64,
}

impl CountryKey {
    fn new(code: &str) -> CountryKey {
        let name = countries::name(code).unwrap_or("unknown country");
        let key = Folded::new(name);
        let letters = search::letters(&key.text);
        CountryKey {
            code: code.to_string(),
            name,
            key,
            letters,
        }
    }
}

/// Search keys and orders for one roster, built once at load.
///
/// Everything a query reads is laid out in by-city order (a member's *rank*): a scan walks
/// memory straight through instead of jumping around a roster too large for the caches.
pub struct RosterIndex {
    /// The members in by-city order: rank -> member.
    by_city: Vec<u32>,
    /// member -> rank.
    city_rank: Vec<u32>,
    /// Every member's name and akas, folded, by rank.
    folded: String,
    /// Key k is `folded[bounds[k]..bounds[k + 1]]`.
    bounds: Vec<u32>,
    /// The member at rank r has keys `first_key[r]..first_key[r + 1]`: its name, then its
    /// akas, each followed by its transliterated spelling where it has one.
    first_key: Vec<u32>,
    /// By key: which of its member's names the key spells (0: the name, a + 1: aka a).
    spelled: Vec<u16>,
    /// By rank: the letters of the member's name and akas (`search::letters`). A query with
    /// a letter outside them cannot match those keys, which are then not scanned.
    letters: Vec<u64>,
    /// By rank: an index into `countries`.
    country_by_rank: Vec<u32>,
    /// By rank: the tier.
    tier_by_rank: Vec<u8>,
    /// By member: an index into `countries`, and the tier.
    country_of: Vec<u32>,
    tier_of: Vec<u8>,
    countries: Vec<CountryKey>,
    /// The other orders, as ranks.
    by_country: Vec<u32>,
    by_tier: Vec<u32>,
    /// (These three are sorted when first asked for: an index built for one query is
    /// seldom sorted by a figure. The full index sorts them as it is built.)
    by_population: OnceLock<Vec<u32>>,
    by_stated: OnceLock<Vec<u32>>,
    /// By joining year; empty when the list gives too few to be a column.
    by_since: OnceLock<Vec<u32>>,
    /// By member: the year joined, where the years are a column.
    since: Vec<Option<u16>>,
    /// By member: the Population column's figure and the list's own, where that is a
    /// column of its own; empty when no member has one.
    population: Vec<Option<u64>>,
    stated: Vec<Option<u64>>,
    /// Whether the list's own figures are worth a column beside GeoNames'.
    stated_column: bool,
    /// Whether any member of the whole list has a figure in the Population column, and
    /// whether its joining years are a column (an index of a sifted load may hold none
    /// of the members that have them).
    population_column: bool,
    since_column: bool,
    population_source: PopulationSource,
    /// Members per tier, in the roster's tier order.
    pub tier_counts: Vec<usize>,
    widest_name: usize,
    widest_country: usize,
}

/// Up to twelve bytes of `b`, big-endian, zero-padded, in the low 96 bits: whenever two of
/// these differ, they order the byte strings as comparing them would.
fn prefix12(b: &[u8]) -> u128 {
    let mut out = [0u8; 16];
    let n = b.len().min(12);
    out[4..4 + n].copy_from_slice(&b[..n]);
    u128::from_be_bytes(out)
}

/// Sorts `ids`, whose keys all share their first `depth` bytes, by key, then by
/// `tie_break`. Twelve bytes at a time: each member becomes one integer (the next twelve
/// bytes over its id), which sorts fast, and only those still level go on to the next
/// twelve. A string sort that reads each key once per round instead of once per
/// comparison, which matters when the keys are scattered over a large roster.
fn sort_by_key_bytes<'k>(
    ids: &mut [u32],
    depth: usize,
    key: &impl Fn(u32) -> &'k [u8],
    tie_break: &impl Fn(u32, u32) -> std::cmp::Ordering,
) {
    let mut packed: Vec<u128> = ids
        .iter()
        .map(|&m| prefix12(key(m).get(depth..).unwrap_or(&[])) << 32 | u128::from(m))
        .collect();
    packed.sort_unstable();
    for (id, k) in ids.iter_mut().zip(&packed) {
        *id = *k as u32;
    }
    let mut run = 0;
    while run < ids.len() {
        let level = packed[run] >> 32;
        let mut end = run + 1;
        while end < ids.len() && packed[end] >> 32 == level {
            end += 1;
        }
        if end - run > 1 {
            let group = &mut ids[run..end];
            if group.iter().all(|&m| key(m).len() <= depth + 12) {
                // Every key ends inside these twelve bytes: they compare in full here.
                group.sort_unstable_by(|&a, &b| key(a).cmp(key(b)).then_with(|| tie_break(a, b)));
            } else {
                sort_by_key_bytes(group, depth + 12, key, tie_break);
            }
        }
        run = end;
    }
}

/// `order` laid out again, stably grouped by `group` (ranks `0..groups`): what a stable
/// sort by the group gives, by counting, in linear time.
fn group_stably(order: &[u32], groups: usize, group: impl Fn(u32) -> usize) -> Vec<u32> {
    let mut start = vec![0usize; groups + 1];
    for &m in order {
        start[group(m) + 1] += 1;
    }
    for g in 0..groups {
        start[g + 1] += start[g];
    }
    let mut out = vec![0u32; order.len()];
    for &m in order {
        let g = group(m);
        out[start[g]] = m;
        start[g] += 1;
    }
    out
}

/// The keys of some members, in order: part of an index being built.
#[derive(Default)]
struct Keys {
    folded: String,
    /// Where each key ends in `folded` (the first starts at 0).
    ends: Vec<u32>,
    spelled: Vec<u16>,
    /// The members, their first key, and their letters.
    ids: Vec<u32>,
    first: Vec<u32>,
    letters: Vec<u64>,
}

/// The folded query of an index built for the one query `text` (`RosterIndex::for_query`),
/// when that index leaves members out: plain text only, as the filter language reads
/// every member.
fn one_off_query(roster: &Roster, text: &str) -> Option<String> {
    let plain = Query::for_roster(text, roster).is_ok_and(|q| q.plain().is_some());
    let folded = fold_query(text);
    (plain && !folded.is_empty()).then_some(folded)
}

/// Whether names have every letter of a plain query, whose letters are `wanted`, read off
/// them as written (`search::spelling_letters`): a member whose names do not is no match
/// for it.
fn names_may_match<'a>(wanted: u64, names: impl Iterator<Item = &'a str>) -> bool {
    let own = names.fold(0, |set, t| set | search::spelling_letters(t));
    wanted & !own == 0
}

/// Whether a country's name matches the folded plain `query`, whose letters are `wanted`,
/// which lets every member from it into a one-off index.
fn country_matches(key: &CountryKey, wanted: u64, query: &str) -> bool {
    wanted & !key.letters == 0 && rows::MATCHER.score_only(query, &key.key).is_some()
}

/// Which name a key spells, as stored: a member with more than 65,534 other names (which
/// no real one has) shares the last slot among the rest.
fn spelling_source(source: usize) -> u16 {
    u16::try_from(source).unwrap_or(u16::MAX)
}

/// What building an index reads of each member in its first pass (`RosterIndex::build`).
struct Glance {
    /// Its country code's slot (`countries::code_slot`), or [`Glance::ODD`].
    slot: u16,
    tier: u8,
    may_match: bool,
    population: bool,
    since: bool,
    geonames: bool,
}

impl Glance {
    /// A code that is not two capital letters, which validation reports.
    const ODD: u16 = u16::MAX;
}

impl RosterIndex {
    pub fn new(roster: &Roster) -> RosterIndex {
        RosterIndex::build(roster, None)
    }

    /// An index that answers the filter `text` (as typed in the member table) exactly as
    /// [`RosterIndex::new`]'s would, built for that one query: for plain text, only the
    /// members that could match it are indexed (those with every letter of the query in
    /// their names, or in a country that matches), which for a one-off command on a large
    /// roster saves sorting and laying out members it will never show. Anything else in
    /// the filter language, or no query, indexes every member.
    ///
    /// Its rows for `text`, with any tiers and any order, are the full index's rows; only
    /// [`RosterIndex::len`] and queries other than `text` (or narrowings of it) differ.
    pub fn for_query(roster: &Roster, text: &str) -> RosterIndex {
        match one_off_query(roster, text) {
            Some(folded) => RosterIndex::build(roster, Some(&folded)),
            None => RosterIndex::new(roster),
        }
    }

    /// Whether a member (its name, other names and country code) could be in the index
    /// [`RosterIndex::for_query`] builds for `text`: what a one-off load of a large roster
    /// sifts it by ([`cache::read_sifted`]), before decoding a member it would never
    /// show. `None` when that index holds every member. `roster` is read for its tiers
    /// only: its members may not be loaded yet.
    ///
    /// An index for `text` built on the members kept, with what was noted of the rest,
    /// is the index built on the whole roster.
    pub fn sieve(roster: &Roster, text: &str) -> Option<cache::Keep> {
        let folded = one_off_query(roster, text)?;
        let wanted = search::letters(&folded);
        // By two-capital code, worked out the first time a member has it.
        let by_code: Vec<OnceLock<bool>> = (0..countries::CODE_SLOTS)
            .map(|_| OnceLock::new())
            .collect();
        let country = move |code: &str| country_matches(&CountryKey::new(code), wanted, &folded);
        Some(Box::new(move |name: &str, aka: &[&str], code: &str| {
            names_may_match(wanted, std::iter::once(name).chain(aka.iter().copied()))
                || match countries::code_slot(code) {
                    Some(slot) => *by_code[slot].get_or_init(|| country(code)),
                    None => country(code),
                }
        }))
    }

    /// The index of the members of `roster` that could match the folded plain query
    /// `only` (every member without it).
    fn build(roster: &Roster, only: Option<&str>) -> RosterIndex {
        let members = &roster.members;
        let n = members.len();
        let wanted = only.map_or(0, search::letters);
        // What a one-off load left out of the roster, which counts towards every figure
        // of the whole list but is never indexed (`RosterIndex::sieve`).
        let left_out = members.left_out();
        let total = n + left_out.map_or(0, |l| l.members);
        let tier_index = |tier: &str| roster.tier_index(tier).unwrap_or(0).min(u8::MAX as usize);

        // Every member's country and tier, then the names and akas of each member
        // indexed, folded into one string (below).
        let mut countries: Vec<CountryKey> = Vec::new();
        // By country: whether it matches `only`, which lets its every member in.
        let mut country_in: Vec<bool> = Vec::new();
        // ISO codes are two capital letters, looked up in a table; anything else (which
        // validation reports) goes through a map.
        let mut by_code = vec![u32::MAX; countries::CODE_SLOTS];
        let mut odd_codes: HashMap<&str, u32> = HashMap::new();
        let mut folded = String::with_capacity(if only.is_some() { 1 << 16 } else { n * 20 });
        let mut bounds = Vec::with_capacity(n + n / 4 + 1);
        bounds.push(0u32);
        // The members indexed, by their place in the index: its position -> member.
        let mut ids: Vec<u32> = Vec::new();
        let mut first_key = Vec::with_capacity(n + 1);
        // By key: which of the member's names (0: its name, a + 1: its aka a) it spells.
        let mut spelled: Vec<u16> = Vec::with_capacity(n + n / 4);
        let mut letters = Vec::with_capacity(n);
        let mut country_of = Vec::with_capacity(n);
        let mut tier_of = Vec::with_capacity(n);
        // One pass over the members, on every core for a large roster, takes what the
        // loop below needs of each (and the widest name, of the members here and any a
        // one-off load left out); the loop then reads a few bytes a member, not the
        // members.
        let glance = |m: &Member| Glance {
            slot: countries::code_slot(&m.country)
                .and_then(|slot| u16::try_from(slot).ok())
                .unwrap_or(Glance::ODD),
            tier: tier_index(&m.tier) as u8,
            // For a one-off index: whether the member's names have every letter of the
            // query (tested on the names as written, sparing most members of a large
            // roster any folding). Every member a one-off load kept passed this test
            // (`RosterIndex::sieve`).
            may_match: only.is_some()
                && (left_out.is_some() || {
                    let names = std::iter::once(&m.name).chain(&m.aka);
                    names_may_match(wanted, names.map(Text::as_str))
                }),
            population: m.population.is_some(),
            since: m.since.is_some(),
            geonames: m.geonames.is_some(),
        };
        let part = |chunk: &[Member]| {
            let widest = chunk
                .iter()
                .fold(0, |widest, m| crate::text::widest_name(widest, &m.name));
            (chunk.iter().map(glance).collect(), widest)
        };
        let chunk = crate::parallel::PARALLEL_FROM / 4;
        // A small roster (every embedded one) is done before a second thread would start.
        let parts: Vec<(Vec<Glance>, usize)> = if crate::parallel::pays(n) {
            members.par_chunks(chunk).map(part).collect()
        } else {
            members.chunks(chunk).map(part).collect()
        };
        let widest_name = parts
            .iter()
            .map(|(_, w)| *w)
            .fold(left_out.map_or(0, |l| l.widest_name), usize::max);
        let glances: Vec<Glance> = parts.into_iter().flat_map(|(g, _)| g).collect();
        // First, in file order: every member's country and tier, and whether it may be
        // indexed (its country matching lets it in whatever its names).
        let mut has_population = false;
        let (mut with_since, mut with_geonames) = (0usize, false);
        let mut candidate: Vec<bool> = Vec::with_capacity(if only.is_some() { n } else { 0 });
        for (id, g) in glances.iter().enumerate() {
            let mut add_country = |code: &str| {
                let key = CountryKey::new(code);
                country_in.push(only.is_some_and(|query| country_matches(&key, wanted, query)));
                countries.push(key);
                countries.len() as u32 - 1
            };
            let c = match by_code.get_mut(usize::from(g.slot)) {
                Some(slot) => {
                    if *slot == u32::MAX {
                        *slot = add_country(&members[id].country);
                    }
                    *slot
                }
                None => *odd_codes
                    .entry(members[id].country.as_str())
                    .or_insert_with(|| add_country(&members[id].country)),
            };
            country_of.push(c);
            tier_of.push(g.tier);
            // Over every member, indexed or not: which figures the Population column
            // shows depends on it.
            has_population |= g.population;
            with_since += usize::from(g.since);
            with_geonames |= g.geonames;
            if only.is_some() {
                candidate.push(g.may_match || country_in[c as usize]);
            }
        }
        drop(glances);
        // Then the keys of the members indexed, folded on two threads for a large
        // roster, each half into its own keys, joined in order.
        let keys_of = |range: Range<usize>| {
            let mut keys = Keys::default();
            for id in range {
                let m = &members[id];
                if only.is_some() && !candidate[id] {
                    continue;
                }
                let (start, first) = (keys.folded.len(), keys.ends.len());
                for (source, text) in std::iter::once(&m.name).chain(&m.aka).enumerate() {
                    search::fold_into(&mut keys.folded, text);
                    keys.ends.push(keys.folded.len() as u32);
                    keys.spelled.push(spelling_source(source));
                    // `Köln` is also `koeln`: a second key, which matches as the name it
                    // spells.
                    if search::transliterate_into(&mut keys.folded, text) {
                        keys.ends.push(keys.folded.len() as u32);
                        keys.spelled.push(spelling_source(source));
                    }
                }
                let own = search::letters(&keys.folded[start..]);
                let country = country_in.get(country_of[id] as usize) == Some(&true);
                if only.is_some() && wanted & !own != 0 && !country {
                    // Neither its names nor its country can match: left out.
                    keys.folded.truncate(start);
                    keys.ends.truncate(first);
                    keys.spelled.truncate(first);
                    continue;
                }
                keys.ids.push(id as u32);
                keys.first.push(first as u32);
                keys.letters.push(own);
            }
            keys
        };
        let mid = n / 2;
        let (one, two) = crate::parallel::join(n, || keys_of(0..mid), || keys_of(mid..n));
        for part in [one, two] {
            let (text_at, key_at) = (folded.len() as u32, bounds.len() as u32 - 1);
            folded.push_str(&part.folded);
            bounds.extend(part.ends.iter().map(|e| e + text_at));
            spelled.extend_from_slice(&part.spelled);
            ids.extend_from_slice(&part.ids);
            first_key.extend(part.first.iter().map(|f| f + key_at));
            letters.extend_from_slice(&part.letters);
        }
        first_key.push(bounds.len() as u32 - 1);
        let k = ids.len();
        let mut tier_counts = vec![0; roster.tiers.len()];
        for &t in &tier_of {
            if let Some(c) = tier_counts.get_mut(t as usize) {
                *c += 1;
            }
        }
        if let Some(left_out) = left_out {
            for (tier, count) in &left_out.tiers {
                if let Some(c) = tier_counts.get_mut(tier_index(tier)) {
                    *c += count;
                }
            }
            // Their countries count towards the widest country name.
            for code in left_out.countries() {
                let known = match countries::code_slot(&code) {
                    Some(slot) => by_code[slot] != u32::MAX,
                    None => odd_codes.contains_key(code.as_str()),
                };
                if !known {
                    countries.push(CountryKey::new(&code));
                }
            }
            has_population |= left_out.with_population > 0;
        }

        // By city: folded name, then the name as written, then file order (what a stable
        // sort gives).
        // (Sorted as positions in the index, which follow file order.)
        let name = |j: u32| {
            let k = first_key[j as usize] as usize;
            &folded.as_bytes()[bounds[k] as usize..bounds[k + 1] as usize]
        };
        let member = |j: u32| &members[ids[j as usize] as usize];
        let mut by_city: Vec<u32> = (0..k as u32).collect();
        sort_by_key_bytes(&mut by_city, 0, &name, &|a, b| {
            member(a).name.cmp(&member(b).name).then(a.cmp(&b))
        });
        // Members left out have no rank.
        let mut city_rank = vec![u32::MAX; n];
        for (rank, &j) in by_city.iter().enumerate() {
            city_rank[ids[j as usize] as usize] = rank as u32;
        }

        // Everything a scan reads, again in rank order.
        let mut by_rank = String::with_capacity(folded.len());
        let mut rank_bounds = Vec::with_capacity(bounds.len());
        rank_bounds.push(0u32);
        let mut rank_first_key = Vec::with_capacity(n + 1);
        let mut rank_letters = Vec::with_capacity(n);
        let mut rank_spelled = Vec::with_capacity(spelled.len());
        for &m in &by_city {
            let m = m as usize;
            rank_first_key.push(rank_bounds.len() as u32 - 1);
            for k in first_key[m]..first_key[m + 1] {
                let (from, to) = (bounds[k as usize] as usize, bounds[k as usize + 1] as usize);
                by_rank.push_str(&folded[from..to]);
                rank_bounds.push(by_rank.len() as u32);
                rank_spelled.push(spelled[k as usize]);
            }
            rank_letters.push(letters[m]);
        }
        rank_first_key.push(rank_bounds.len() as u32 - 1);
        drop((folded, bounds, first_key, letters, spelled));
        // From here on, by_city holds members.
        for j in &mut by_city {
            *j = ids[*j as usize];
        }
        let country_by_rank: Vec<u32> = by_city.iter().map(|&m| country_of[m as usize]).collect();
        let tier_by_rank: Vec<u8> = by_city.iter().map(|&m| tier_of[m as usize]).collect();

        // The other orders break ties by city, as stable sorts of `by_city` would.
        let ranks: Vec<u32> = (0..k as u32).collect();
        let mut names: Vec<&'static str> = countries.iter().map(|c| c.name).collect();
        names.sort_unstable();
        names.dedup();
        let name_rank: Vec<usize> = countries
            .iter()
            .map(|c| names.binary_search(&c.name).unwrap_or(0))
            .collect();
        let by_country = group_stably(&ranks, names.len(), |r| {
            name_rank[country_by_rank[r as usize] as usize]
        });
        let by_tier = group_stably(&ranks, usize::from(u8::MAX) + 1, |r| {
            usize::from(tier_by_rank[r as usize])
        });
        // A list matched to GeoNames shows GeoNames' figures, one source for every list,
        // and its own figures (if any) beside them; any other shows its own. A GeoNames
        // population of 0 means GeoNames does not know it.
        let own = || -> Vec<Option<u64>> { members.iter().map(|m| m.population).collect() };
        let geo_figure = |id: Option<u32>| {
            let place = id.and_then(crate::gazetteer::place)?;
            Some(place.population).filter(|&p| p > 0)
        };
        // Of the members left out: how many state a figure, and whether any has one
        // from GeoNames.
        let (left_stated, left_geonames, left_geo) = left_out.map_or((0, false, false), |l| {
            let geo = l.geonames.iter().any(|&id| geo_figure(Some(id)).is_some());
            (l.with_population, !l.geonames.is_empty(), geo)
        });
        let (population, stated, population_source, left_figures) = if left_geonames
            || with_geonames
        {
            let geo: Vec<Option<u64>> = members.iter().map(|m| geo_figure(m.geonames)).collect();
            let stated = if has_population { own() } else { Vec::new() };
            (
                geo,
                stated,
                PopulationSource::GeoNames,
                (left_geo, left_stated),
            )
        } else if has_population {
            (
                own(),
                Vec::new(),
                PopulationSource::List,
                (left_stated > 0, 0),
            )
        } else {
            (Vec::new(), Vec::new(), PopulationSource::List, (false, 0))
        };
        let any = |v: &[Option<u64>]| v.iter().any(Option::is_some);
        let population_column = left_figures.0 || any(&population);
        let population = if population_column {
            population
        } else {
            Vec::new()
        };
        let stated_count = stated.iter().filter(|f| f.is_some()).count() + left_figures.1;
        let stated = if stated_count > 0 { stated } else { Vec::new() };
        // A column blank on nine rows in ten is noise in a table (Eurocities states one
        // population of its 202); such figures still show on the city card and in exports.
        let stated_column = stated_count * 10 >= total.max(1);
        // The same one-in-ten rule as the stated figures: UCCN and the Covenant give
        // every member's year, Eurocities a few.
        let left_since = left_out.map_or(0, |l| l.with_since);
        let since_count = with_since + left_since;
        let since_column = since_count * 10 >= total.max(1);
        let since = if since_column {
            members.iter().map(|m| m.since).collect()
        } else {
            Vec::new()
        };

        let widest_country = countries.iter().map(|c| width(c.name)).max().unwrap_or(0);
        let index = RosterIndex {
            by_city,
            city_rank,
            folded: by_rank,
            bounds: rank_bounds,
            first_key: rank_first_key,
            spelled: rank_spelled,
            letters: rank_letters,
            country_by_rank,
            tier_by_rank,
            country_of,
            tier_of,
            countries,
            by_country,
            by_tier,
            by_population: OnceLock::new(),
            by_stated: OnceLock::new(),
            by_since: OnceLock::new(),
            since,
            population,
            stated,
            stated_column,
            population_column,
            since_column,
            population_source,
            tier_counts,
            widest_name,
            widest_country,
        };
        if only.is_none() {
            // The browser's index is built behind its first frame: a sort by a figure
            // must not wait on it later.
            for column in [
                SortColumn::Population,
                SortColumn::Stated,
                SortColumn::Since,
            ] {
                index.order(column);
            }
        }
        index
    }

    /// How many members are indexed: all the roster's, except in an index built for one
    /// query ([`RosterIndex::for_query`]).
    pub fn len(&self) -> usize {
        self.by_city.len()
    }

    /// Member `member`'s place in the by-city order, if it is indexed.
    fn rank_of(&self, member: u32) -> Option<u32> {
        self.city_rank
            .get(member as usize)
            .copied()
            .filter(|&r| r != u32::MAX)
    }

    pub fn is_empty(&self) -> bool {
        self.by_city.is_empty()
    }

    pub fn country_name(&self, member: usize) -> &'static str {
        self.country_of
            .get(member)
            .map_or("", |&c| self.countries[c as usize].name)
    }

    pub fn tier_of(&self, member: usize) -> usize {
        self.tier_of.get(member).map_or(0, |t| *t as usize)
    }

    /// Member `member`'s figure in the Population column.
    pub fn population(&self, member: usize) -> Option<u64> {
        self.population.get(member).copied().flatten()
    }

    /// Member `member`'s figure as its list states it, where that is a column of its own.
    pub fn stated(&self, member: usize) -> Option<u64> {
        self.stated.get(member).copied().flatten()
    }

    /// Whether any member has a figure in the Population column, and where they come from.
    pub fn has_population(&self) -> bool {
        self.population_column
    }

    pub fn population_source(&self) -> PopulationSource {
        self.population_source
    }

    /// Whether the list's own figures are a column of their own: they are beside
    /// GeoNames' and on at least one row in ten.
    pub fn has_stated(&self) -> bool {
        self.stated_column
    }

    /// Whether the list's joining years are a column: on at least one row in ten.
    pub fn has_since(&self) -> bool {
        self.since_column
    }

    /// The widest member name, in terminal columns.
    pub fn widest_name(&self) -> usize {
        self.widest_name
    }

    /// The widest of the members' country names, in terminal columns.
    pub fn widest_country(&self) -> usize {
        self.widest_country
    }

    /// The order by `figures` (by member), kept in `order` once sorted.
    fn by_figure<'a>(
        &'a self,
        order: &'a OnceLock<Vec<u32>>,
        figures: &[Option<u64>],
    ) -> &'a [u32] {
        order.get_or_init(|| {
            if figures.is_empty() {
                (0..self.by_city.len() as u32).collect()
            } else {
                order_by_figure(|m| figures[m], &self.by_city)
            }
        })
    }

    /// An order, as ranks (`by_city` is the identity there).
    fn order(&self, column: SortColumn) -> Option<&[u32]> {
        match column {
            SortColumn::Relevance | SortColumn::City => None,
            SortColumn::Country => Some(&self.by_country),
            SortColumn::Tier => Some(&self.by_tier),
            SortColumn::Population => Some(self.by_figure(&self.by_population, &self.population)),
            SortColumn::Stated => Some(self.by_figure(&self.by_stated, &self.stated)),
            SortColumn::Since if !self.since_column => None,
            SortColumn::Since => {
                Some(self.by_since.get_or_init(|| {
                    order_by_figure(|m| self.since[m].map(u64::from), &self.by_city)
                }))
            }
        }
    }

    /// Which of its member's names key `k` (counted from its first) of the member at
    /// `rank` spells.
    fn key_at(&self, rank: u32, k: usize) -> MatchedKey {
        let first = self.first_key[rank as usize] as usize;
        match self.spelled.get(first + k).copied().unwrap_or(0) {
            0 => MatchedKey::Name,
            a => MatchedKey::Aka(usize::from(a) - 1),
        }
    }

    /// The folded names, akas and their spellings of the member at `rank`.
    fn own_keys(&self, rank: u32) -> impl Iterator<Item = &str> {
        let r = rank as usize;
        (self.first_key[r] as usize..self.first_key[r + 1] as usize)
            .map(|k| &self.folded[self.bounds[k] as usize..self.bounds[k + 1] as usize])
    }

    /// Each country's score for the folded `query`: its best over the alternatives.
    fn country_scores(&self, matcher: &Matcher, query: &str) -> Vec<Option<i64>> {
        let alts = alternatives(query);
        self.countries
            .iter()
            .map(|c| {
                alts.iter()
                    .filter(|(_, wanted)| wanted & !c.letters == 0)
                    .filter_map(|(q, _)| matcher.score_only(q, &c.key))
                    .max()
            })
            .collect()
    }

    /// How the member at `rank` matches the folded (non-empty) `query`: the best of its
    /// keys over the query's alternatives, ties to the earlier key, as `Matcher::best`
    /// picks. `alts` is [`alternatives`] of the query, `country_score` what
    /// [`RosterIndex::country_scores`] gave.
    ///
    /// With `defer` (which [`search::can_defer`] must allow), a member whose keys match
    /// only scattered is not scored: it comes back [`PENDING`], unless its country matches
    /// whole, which then wins outright.
    fn score(
        &self,
        matcher: &Matcher,
        alts: &[(&str, u64)],
        country_score: &[Option<i64>],
        rank: u32,
        defer: bool,
    ) -> Option<(MatchedKey, i64)> {
        let r = rank as usize;
        let country = country_score[self.country_by_rank[r] as usize];
        let mut own: Option<(usize, i64)> = None;
        let mut scattered = false;
        for &(query, wanted) in alts {
            if wanted & !self.letters[r] != 0 {
                continue;
            }
            let best = if defer {
                let (whole, apart) = matcher.best_quick(query, self.own_keys(rank));
                scattered |= apart;
                whole
            } else {
                matcher.best_score_str(query, self.own_keys(rank))
            };
            if let Some((k, s)) = best
                && own.is_none_or(|(_, b)| s > b)
            {
                own = Some((k, s));
            }
        }
        // Scattered keys cannot beat a substring match, so they only matter when no key
        // matched whole, for any alternative.
        if defer && own.is_none() && scattered {
            return match country {
                Some(c) if c >= search::SUBSTRING_FLOOR => Some((MatchedKey::Country, c)),
                _ => Some((MatchedKey::Name, PENDING)),
            };
        }
        // The country is the last key: it wins only when it scores higher than every name.
        match (own, country) {
            (Some((_, s)), Some(c)) if c > s => Some((MatchedKey::Country, c)),
            (Some((k, s)), _) => Some((self.key_at(rank, k), s)),
            (None, Some(c)) => Some((MatchedKey::Country, c)),
            (None, None) => None,
        }
    }

    /// The members at `ranks` (ascending) that match the folded `query`, into `out`.
    fn scan(
        &self,
        matcher: &Matcher,
        query: &str,
        ranks: impl Iterator<Item = u32>,
        out: &mut Vec<Found>,
        defer: bool,
    ) {
        out.clear();
        if query.is_empty() {
            out.extend(ranks.map(|rank| Found {
                rank,
                key: MatchedKey::Name,
                score: 0,
            }));
            return;
        }
        let alts = alternatives(query);
        let country_score = self.country_scores(matcher, query);
        let defer = defer && alts.iter().all(|(q, _)| search::can_defer(q));
        out.extend(ranks.filter_map(|rank| {
            let (key, score) = self.score(matcher, &alts, &country_score, rank, defer)?;
            Some(Found { rank, key, score })
        }));
    }

    /// Every member that matches the folded `query`, into `out`.
    fn scan_all(&self, matcher: &Matcher, query: &str, out: &mut Vec<Found>, defer: bool) {
        if query.is_empty() {
            self.scan(matcher, query, 0..self.len() as u32, out, false);
            return;
        }
        let alts = alternatives(query);
        let country_score = self.country_scores(matcher, query);
        let defer = defer && alts.iter().all(|(q, _)| search::can_defer(q));
        *out = in_halves(self.len(), |ranks| {
            ranks
                .filter_map(|r| {
                    let rank = r as u32;
                    let (key, score) = self.score(matcher, &alts, &country_score, rank, defer)?;
                    Some(Found { rank, key, score })
                })
                .collect()
        });
    }

    /// Keeps the matches of `found` that still match the longer folded `query`, rescored.
    fn narrow(&self, matcher: &Matcher, query: &str, found: &mut Vec<Found>, defer: bool) {
        let alts = alternatives(query);
        let country_score = self.country_scores(matcher, query);
        let defer = defer && alts.iter().all(|(q, _)| search::can_defer(q));
        let kept = in_halves(found.len(), |range| {
            found[range]
                .iter()
                .filter_map(|f| {
                    let (key, score) = self.score(matcher, &alts, &country_score, f.rank, defer)?;
                    Some(Found { key, score, ..*f })
                })
                .collect()
        });
        *found = kept;
    }

    /// Scores the pending matches among `items` for the folded `query`, in place.
    fn resolve<T: Send>(
        &self,
        matcher: &Matcher,
        query: &str,
        items: &mut [T],
        rank_of: impl Fn(&T) -> Option<u32> + Sync,
        set: impl Fn(&mut T, MatchedKey, i64) + Sync,
    ) {
        let alts = alternatives(query);
        let country_score = self.country_scores(matcher, query);
        let work = |part: &mut [T]| {
            for item in part {
                if let Some(rank) = rank_of(item)
                    && let Some((key, score)) =
                        self.score(matcher, &alts, &country_score, rank, false)
                {
                    set(item, key, score);
                }
            }
        };
        in_halves_mut(items, work);
    }

    /// Scores the pending matches among `found` (none: nothing to do).
    fn resolve_found(&self, matcher: &Matcher, query: &str, found: &mut [Found]) {
        if found.iter().any(Found::is_pending) {
            let rank_of = |f: &Found| f.is_pending().then_some(f.rank);
            self.resolve(matcher, query, found, rank_of, |f, key, score| {
                (f.key, f.score) = (key, score)
            });
        }
    }

    fn hit(&self, f: &Found) -> Hit {
        Hit {
            member: self.by_city[f.rank as usize],
            score: f.score,
            key: f.key,
        }
    }

    /// The rows to show from `found` (by rank): the enabled tiers, in the requested order,
    /// and where an unsorted tail starts, if there is one.
    ///
    /// Pending matches (scattered, not scored: [`Scoring::Deferred`]) cannot rank
    /// above a substring match, so a relevance order is the substring matches, sorted, then
    /// the rest in by-city order: the tail, which [`RosterIndex::settle`] sorts when the
    /// screen comes near it. Reversed, that order would start with the tail, so then the
    /// pending matches are scored here.
    fn arrange(
        &self,
        matcher: &Matcher,
        query: &str,
        found: &mut [Found],
        has_query: bool,
        tiers_on: &[bool],
        sort: Sort,
    ) -> (Vec<Hit>, Option<usize>) {
        let tier_on = |rank: u32| {
            tiers_on
                .get(usize::from(self.tier_by_rank[rank as usize]))
                .copied()
                .unwrap_or(true)
        };
        let relevance = sort.column == SortColumn::Relevance && has_query;
        if relevance && !sort.ascending {
            self.resolve_found(matcher, query, found);
        }
        let in_tail = |f: &Found| f.score < search::SUBSTRING_FLOOR;
        let deferred = relevance && found.iter().any(Found::is_pending);
        let mut tail = None;
        let mut rows: Vec<Hit> = match self.order(sort.column) {
            None if relevance => {
                // Best score first, ties in by-city order. Scores fit in 32 bits
                // (bonuses of 100,000, skim scores of a few hundred), so a score and a
                // place pack into one integer, and those sort several times faster than
                // rows.
                let packed: Option<Vec<u64>> = found
                    .iter()
                    .enumerate()
                    .filter(|(_, f)| tier_on(f.rank) && !(deferred && in_tail(f)))
                    .map(|(i, f)| {
                        let score = i32::try_from(f.score).ok()?;
                        let place = u32::try_from(i).ok()?;
                        // The sign bit flipped makes unsigned order signed order;
                        // inverted, the best come first.
                        let best_first = !((score as u32) ^ 0x8000_0000);
                        Some(u64::from(best_first) << 32 | u64::from(place))
                    })
                    .collect();
                let mut rows: Vec<Hit> = match packed {
                    Some(mut keys) => {
                        keys.sort_unstable();
                        keys.into_iter()
                            .map(|k| self.hit(&found[(k & 0xFFFF_FFFF) as usize]))
                            .collect()
                    }
                    None => {
                        let mut rows: Vec<Hit> = found
                            .iter()
                            .filter(|f| tier_on(f.rank) && !(deferred && in_tail(f)))
                            .map(|f| self.hit(f))
                            .collect();
                        rows.sort_by_key(|h| std::cmp::Reverse(h.score));
                        rows
                    }
                };
                if deferred {
                    tail = Some(rows.len());
                    rows.extend(
                        found
                            .iter()
                            .filter(|f| tier_on(f.rank) && in_tail(f))
                            .map(|f| self.hit(f)),
                    );
                }
                rows
            }
            None => found
                .iter()
                .filter(|f| tier_on(f.rank))
                .map(|f| self.hit(f))
                .collect(),
            Some(order) if found.len() == self.len() => {
                // Everyone matched: the match for rank r is found[r].
                order
                    .iter()
                    .filter(|&&r| tier_on(r))
                    .map(|&r| self.hit(&found[r as usize]))
                    .collect()
            }
            Some(order) => {
                // Which ranks matched, as bits, with a running count per word to find
                // each one's match: a few kilobytes, where a table by member would be a
                // megabyte.
                let words = self.len().div_ceil(64);
                let mut bits = vec![0u64; words];
                for f in found.iter() {
                    bits[f.rank as usize / 64] |= 1 << (f.rank % 64);
                }
                let mut before = Vec::with_capacity(words);
                let mut count = 0u32;
                for w in &bits {
                    before.push(count);
                    count += w.count_ones();
                }
                order
                    .iter()
                    .filter(|&&r| bits[r as usize / 64] & 1 << (r % 64) != 0 && tier_on(r))
                    .map(|&r| {
                        let word = bits[r as usize / 64] & ((1 << (r % 64)) - 1);
                        let i = before[r as usize / 64] + word.count_ones();
                        self.hit(&found[i as usize])
                    })
                    .collect()
            }
        };
        if !sort.ascending {
            rows.reverse();
        }
        (rows, tail)
    }

    /// Scores the pending rows a screen is about to show ([`Scoring::Deferred`]): those
    /// in `window`, and when `window` comes near
    /// the unsorted `tail` of a relevance order, the whole tail, which is then sorted into
    /// place. `matches` must be what `rows` came from.
    pub(crate) fn settle(
        &self,
        matcher: &Matcher,
        matches: &Matches,
        rows: &mut [Hit],
        tail: &mut Option<usize>,
        window: Range<usize>,
    ) {
        let Some(query) = matches.query.as_deref().filter(|q| !q.is_empty()) else {
            *tail = None;
            return;
        };
        let rank_of = |h: &Hit| h.is_pending().then(|| self.rank_of(h.member)).flatten();
        let set = |h: &mut Hit, key, score| (h.key, h.score) = (key, score);
        if let Some(t) = *tail
            && window.end.saturating_add(SETTLE_MARGIN) > t
        {
            let from = t.min(rows.len());
            let block = &mut rows[from..];
            self.resolve(matcher, query, block, rank_of, set);
            // Best first, ties in by-city order, as `arrange` orders the rows before it.
            let rank = |h: &Hit| self.rank_of(h.member);
            block.sort_unstable_by_key(|h| (std::cmp::Reverse(h.score), rank(h)));
            *tail = None;
        }
        let end = window.end.min(rows.len());
        let start = window.start.min(end);
        let window = &mut rows[start..end];
        // Most reads find their rows scored already (the screen shown a moment ago):
        // scoring the roster's countries for nothing would cost more than the check.
        if window.iter().any(Hit::is_pending) {
            self.resolve(matcher, query, window, rank_of, set);
        }
    }

    /// The rows a query shows: members of the enabled tiers that match `query`, in the
    /// requested order. `candidates`, when given, restricts the scan to those members: the
    /// caller passes the previous result when the query only grew, since a longer query can
    /// only match fewer rows.
    pub fn query(
        &self,
        matcher: &Matcher,
        query: &str,
        tiers_on: &[bool],
        sort: Sort,
        candidates: Option<&[u32]>,
    ) -> Vec<Hit> {
        let folded = fold_query(query);
        let mut found = Vec::new();
        match candidates {
            Some(c) => {
                let mut ranks: Vec<u32> = c.iter().filter_map(|&m| self.rank_of(m)).collect();
                ranks.sort_unstable();
                ranks.dedup();
                self.scan(matcher, &folded, ranks.into_iter(), &mut found, false);
            }
            None => self.scan_all(matcher, &folded, &mut found, false),
        }
        let has_query = !folded.is_empty();
        self.arrange(matcher, &folded, &mut found, has_query, tiers_on, sort)
            .0
    }

    /// [`RosterIndex::query`] for a table that keeps its [`Matches`]: the same rows, but a
    /// tier toggle or a sort change (the same query) only reorders the matches, and a
    /// query that grows from the last one rescans only its matches, when `narrow` allows.
    /// With [`Scoring::Deferred`], also where an unsorted tail starts, if there is one.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn query_with(
        &self,
        matcher: &Matcher,
        query: &str,
        tiers_on: &[bool],
        sort: Sort,
        matches: &mut Matches,
        narrow: bool,
        scoring: Scoring,
    ) -> (Vec<Hit>, Option<usize>) {
        // A separator typed or pasted into a plain query is a space, not an "or".
        let folded = fold_query(query).replace(ALT, " ");
        self.query_folded(folded, tiers_on, sort, matches, narrow, scoring, matcher)
    }

    /// [`RosterIndex::query_with`] for a folded query, alternatives joined by [`ALT`].
    #[allow(clippy::too_many_arguments)]
    fn query_folded(
        &self,
        folded: String,
        tiers_on: &[bool],
        sort: Sort,
        matches: &mut Matches,
        narrow: bool,
        scoring: Scoring,
        matcher: &Matcher,
    ) -> (Vec<Hit>, Option<usize>) {
        let defer = scoring == Scoring::Deferred;
        if matches.query.as_deref() != Some(folded.as_str()) {
            match matches.query.as_deref() {
                Some(before) if narrow && !before.is_empty() && grows_from(&folded, before) => {
                    self.narrow(matcher, &folded, &mut matches.found, defer);
                }
                _ => self.scan_all(matcher, &folded, &mut matches.found, defer),
            }
            matches.query = Some(folded);
        }
        let query = matches.query.as_deref().unwrap_or_default();
        if !defer {
            // Matches kept from a deferred query are scored now, for rows complete in
            // every way.
            self.resolve_found(matcher, query, &mut matches.found);
        }
        let has_query = !query.is_empty();
        self.arrange(
            matcher,
            query,
            &mut matches.found,
            has_query,
            tiers_on,
            sort,
        )
    }

    /// The rows for `text` as typed in a member filter, `parsed` being its parse: plain
    /// text takes the fast fuzzy path (reusing and narrowing `matches`, when `narrow`
    /// allows), anything else the query language's evaluator. With [`Scoring::Deferred`],
    /// also where the unsorted tail of a relevance order starts, if it has one.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn run(
        &self,
        matcher: &Matcher,
        text: &str,
        parsed: &Query,
        tiers_on: &[bool],
        sort: Sort,
        matches: &mut Matches,
        narrow: bool,
        scoring: Scoring,
    ) -> (Vec<Hit>, Option<usize>) {
        if parsed.is_empty() || parsed.plain().is_some() {
            self.query_with(matcher, text, tiers_on, sort, matches, narrow, scoring)
        } else if let Some(phrases) = parsed.plain_alternatives() {
            // `ber | lin`: the fast path, the phrases searched together, each member
            // scored by its best; the same rows and scores as the evaluator gives.
            let joined = phrases.join(&ALT.to_string());
            self.query_folded(joined, tiers_on, sort, matches, narrow, scoring, matcher)
        } else {
            (self.query_parsed(matcher, parsed, tiers_on, sort), None)
        }
    }

    /// What highlights the rows a query (as typed) returned: each row's matched
    /// characters, worked out when the row is drawn.
    pub(crate) fn highlight<'a>(
        &'a self,
        roster: &'a Roster,
        matcher: &'a Matcher,
        query: &str,
    ) -> Highlight<'a> {
        let how = match Query::for_roster(query, roster) {
            Ok(q) if q.is_empty() => How::Nothing,
            Ok(q) if q.plain().is_some() => How::Plain(fold_query(query)),
            Ok(q) => How::Parsed(q),
            Err(_) => How::Nothing,
        };
        Highlight {
            index: self,
            roster,
            matcher,
            how,
        }
    }
}

enum How {
    Nothing,
    Plain(String),
    Parsed(Query),
}

/// The matched characters of the rows on screen: see [`RosterIndex::highlight`].
pub(crate) struct Highlight<'a> {
    index: &'a RosterIndex,
    roster: &'a Roster,
    matcher: &'a Matcher,
    how: How,
}

impl Highlight<'_> {
    /// Character positions in the original text of `hit.key` that the query matched.
    pub(crate) fn positions(&self, hit: &Hit) -> Vec<usize> {
        let Some(m) = self.roster.members.get(hit.member as usize) else {
            return Vec::new();
        };
        let country = self.index.country_name(hit.member as usize);
        match &self.how {
            How::Nothing => Vec::new(),
            How::Plain(query) => {
                let original = match hit.key {
                    MatchedKey::Name => m.name.as_str(),
                    MatchedKey::Aka(a) => m.aka.get(a).map_or("", Text::as_str),
                    MatchedKey::Country => country,
                };
                // The key that matched may be the name's second spelling (`koeln`).
                let spelled = search::spellings([original]);
                self.matcher
                    .best(query, spelled.iter().map(|(_, k)| k))
                    .and_then(|(k, m)| {
                        Some(spelled.get(k)?.1.original_positions(&m.folded_positions))
                    })
                    .unwrap_or_default()
            }
            How::Parsed(query) => {
                // The member's record, folded here for this one row, as the index keeps it.
                let mut keys: Vec<Folded> = search::spellings(
                    std::iter::once(m.name.as_str()).chain(m.aka.iter().map(Text::as_str)),
                )
                .into_iter()
                .map(|(_, k)| k)
                .collect();
                let names = keys.len();
                keys.push(Folded::new(country));
                let texts: Vec<&str> = keys.iter().map(|k| k.text.as_str()).collect();
                let rec = Record {
                    keys: &texts,
                    names,
                    country: &m.country,
                    tier: self.index.tier_of(hit.member as usize),
                    themes: &[],
                    population: self.index.population(hit.member as usize),
                    stated: self.index.stated(hit.member as usize),
                };
                query
                    .eval(self.matcher, &rec)
                    .and_then(|k| Some(keys.get(k.key)?.original_positions(&k.positions)))
                    .unwrap_or_default()
            }
        }
    }
}

/// Queries in the filter language (`country:de`, `^br`, `!tier:partner`, `a | b`): the
/// general path, for anything that is not a single plain phrase.
impl RosterIndex {
    pub fn query_parsed(
        &self,
        matcher: &Matcher,
        query: &Query,
        tiers_on: &[bool],
        sort: Sort,
    ) -> Vec<Hit> {
        let order = self.order(sort.column);
        let tier_on = |r: u32| {
            tiers_on
                .get(usize::from(self.tier_by_rank[r as usize]))
                .copied()
                .unwrap_or(true)
        };
        let gates: Vec<Gate> = query
            .alternatives
            .iter()
            .map(|terms| self.gate(terms))
            .collect();
        // Each member's record from the index alone (its folded name and akas, its
        // country's key and code), never from the roster's scattered members: one buffer,
        // reused from member to member, on each of two threads for a large roster.
        let mut hits = in_halves(self.len(), |range| {
            let mut keys: Vec<&str> = Vec::new();
            let mut hits = Vec::new();
            for i in range {
                let rank = order.map_or(i as u32, |o| o[i]);
                if !tier_on(rank) {
                    continue;
                }
                let r = rank as usize;
                if !gates.is_empty() && !gates.iter().any(|g| self.may_pass(g, r)) {
                    continue;
                }
                let country = &self.countries[self.country_by_rank[r] as usize];
                keys.clear();
                keys.extend(self.own_keys(rank));
                let names = keys.len();
                keys.push(&country.key.text);
                let member = self.by_city[r] as usize;
                let rec = Record {
                    keys: &keys,
                    names,
                    country: &country.code,
                    tier: usize::from(self.tier_by_rank[r]),
                    themes: &[],
                    population: self.population(member),
                    stated: self.stated(member),
                };
                let Some(matched) = query.eval_score(matcher, &rec) else {
                    continue;
                };
                let key = if matched.key == names {
                    MatchedKey::Country
                } else {
                    self.key_at(rank, matched.key)
                };
                hits.push(Hit {
                    member: self.by_city[r],
                    score: matched.score,
                    key,
                });
            }
            hits
        });
        if sort.column == SortColumn::Relevance && !query.is_empty() {
            hits.sort_by_key(|h| std::cmp::Reverse(h.score));
        }
        if !sort.ascending {
            hits.reverse();
        }
        hits
    }
}

/// What a member must have to match one alternative of a query, known from the index
/// before its record is built: most members of a large roster fail on it.
struct Gate {
    /// By country (`RosterIndex::countries`): whether its `country:` terms let it in.
    countries: Vec<bool>,
    /// The tiers (by index) its `tier:` terms let in, and those they keep out.
    tiers_in: Vec<Vec<usize>>,
    tiers_out: Vec<usize>,
    /// The letters its names must have, for the exact, prefix and suffix terms.
    names: u64,
    /// Each fuzzy term's letters, which its names or its country's name must have.
    fuzzy: Vec<u64>,
}

impl RosterIndex {
    fn gate(&self, terms: &[Term]) -> Gate {
        let mut gate = Gate {
            countries: vec![true; self.countries.len()],
            tiers_in: Vec::new(),
            tiers_out: Vec::new(),
            names: 0,
            fuzzy: Vec::new(),
        };
        for Term { negate, atom } in terms {
            match (atom, negate) {
                (Atom::Country(codes), _) => {
                    for (ok, c) in gate.countries.iter_mut().zip(&self.countries) {
                        *ok &= codes.contains(&c.code) != *negate;
                    }
                }
                (Atom::Tier(tiers), false) => gate.tiers_in.push(tiers.clone()),
                (Atom::Tier(tiers), true) => gate.tiers_out.extend(tiers),
                (Atom::Exact(q) | Atom::Prefix(q) | Atom::Suffix(q), false) => {
                    gate.names |= search::letters(q);
                }
                (Atom::Fuzzy(q), false) => gate.fuzzy.push(search::letters(q)),
                _ => {}
            }
        }
        gate
    }

    /// Whether the member at rank `r` may pass `gate` (then its record decides).
    fn may_pass(&self, gate: &Gate, r: usize) -> bool {
        let c = self.country_by_rank[r] as usize;
        let tier = usize::from(self.tier_by_rank[r]);
        let own = self.letters[r];
        let country = self.countries.get(c).map_or(0, |k| k.letters);
        gate.countries.get(c).copied().unwrap_or(true)
            && gate.tiers_in.iter().all(|t| t.contains(&tier))
            && !gate.tiers_out.contains(&tier)
            && gate.names & !own == 0
            && gate
                .fuzzy
                .iter()
                .all(|&w| w & !own == 0 || w & !country == 0)
    }
}

#[cfg(test)]
mod tests {
    use super::Scoring::Eager;
    use super::*;
    use crate::data::{Completeness, Member, MemberKind, Tier};
    use crate::parallel::PARALLEL_FROM;

    fn member(name: &str, country: &str, tier: &str, aka: &[&str]) -> Member {
        Member {
            name: name.into(),
            country: country.into(),
            tier: tier.into(),
            lat: 0.0,
            lon: 0.0,
            aka: aka.iter().map(|&s| s.into()).collect(),
            kind: MemberKind::City,
            population: None,
            since: None,
            joined: None,
            id: None,
            placeholder: false,
            geonames: None,
            main_city: None,
        }
    }

    fn roster() -> Roster {
        let tier = |id: &str| Tier {
            id: id.into(),
            label: id.into(),
            short: id.into(),
            description: None,
        };
        Roster {
            sources: vec!["s".into()],
            columns: None,
            as_of: "2025".into(),
            completeness: Completeness::Complete,
            tiers: vec![tier("full"), tier("associate"), tier("partner")],
            population_note: None,
            members: vec![
                member("Rotterdam", "NL", "full", &[]),
                member("Munich", "DE", "full", &["München"]),
                member("Rome", "IT", "full", &["Roma"]),
                member("Łódź", "PL", "full", &[]),
                member("Zürich", "CH", "associate", &[]),
                member("Bruges", "BE", "partner", &["Brugge"]),
            ]
            .into(),
        }
    }

    #[test]
    fn no_char_is_wider_than_its_bytes() {
        // What lets the widest name skip measuring names no longer than the widest.
        for c in (0..0x11_0000).filter_map(char::from_u32) {
            let text = c.to_string();
            assert!(width(&text) <= text.len(), "{c:?}");
        }
    }

    fn names(r: &Roster, hits: &[Hit]) -> Vec<String> {
        hits.iter()
            .map(|h| r.members[h.member as usize].name.to_string())
            .collect()
    }

    const ALL: [bool; 3] = [true, true, true];

    #[test]
    fn empty_query_lists_everyone_by_city() {
        let r = roster();
        let idx = RosterIndex::new(&r);
        let hits = idx.query(&Matcher::default(), "", &ALL, Sort::default(), None);
        assert_eq!(
            names(&r, &hits),
            ["Bruges", "Łódź", "Munich", "Rome", "Rotterdam", "Zürich"]
        );
    }

    #[test]
    fn tiers_filter_and_counts() {
        let r = roster();
        let idx = RosterIndex::new(&r);
        assert_eq!(idx.tier_counts, vec![4, 1, 1]);
        let hits = idx.query(
            &Matcher::default(),
            "",
            &[false, true, true],
            Sort::default(),
            None,
        );
        assert_eq!(names(&r, &hits), ["Bruges", "Zürich"]);
        let none = idx.query(&Matcher::default(), "", &[false; 3], Sort::default(), None);
        assert!(none.is_empty());
    }

    #[test]
    fn relevance_puts_exact_first_and_reports_alias() {
        let r = roster();
        let idx = RosterIndex::new(&r);
        let sort = Sort {
            column: SortColumn::Relevance,
            ascending: true,
        };
        let hits = idx.query(&Matcher::default(), "rom", &ALL, sort, None);
        assert_eq!(names(&r, &hits)[0], "Rome");
        let hits = idx.query(&Matcher::default(), "munchen", &ALL, sort, None);
        assert_eq!(names(&r, &hits), ["Munich"]);
        assert_eq!(hits[0].key, MatchedKey::Aka(0));
        let hits = idx.query(&Matcher::default(), "germany", &ALL, sort, None);
        assert_eq!(hits[0].key, MatchedKey::Country);
    }

    #[test]
    fn sorts_by_each_column_both_ways() {
        let r = roster();
        let idx = RosterIndex::new(&r);
        let q = |column, ascending| {
            names(
                &r,
                &idx.query(
                    &Matcher::default(),
                    "",
                    &ALL,
                    Sort { column, ascending },
                    None,
                ),
            )
        };
        assert_eq!(q(SortColumn::Country, true)[0], "Bruges"); // Belgium
        assert_eq!(q(SortColumn::Country, false)[0], "Zürich"); // Switzerland
        assert_eq!(q(SortColumn::Tier, false)[0], "Bruges"); // partner last ascending
        let down = q(SortColumn::City, false);
        assert_eq!(down.first().map(String::as_str), Some("Zürich"));
    }

    #[test]
    fn narrowing_from_candidates_gives_the_same_rows() {
        let r = roster();
        let idx = RosterIndex::new(&r);
        let m = Matcher::default();
        let sort = Sort::default();
        let broad = idx.query(&m, "r", &ALL, sort, None);
        let ids: Vec<u32> = broad.iter().map(|h| h.member).collect();
        let narrowed = idx.query(&m, "ro", &ALL, sort, Some(&ids));
        let full = idx.query(&m, "ro", &ALL, sort, None);
        assert_eq!(narrowed, full);
    }

    /// The straightforward answer the index must give: every key of every member scored
    /// with `Matcher::best`, the rows walked in the column's order (a stable sort of the
    /// by-city order), relevance sorted stably. What the index did before it was made
    /// fast for a quarter of a million members.
    fn reference(r: &Roster, query: &str, tiers_on: &[bool], sort: Sort) -> Vec<(Hit, Vec<usize>)> {
        let m = Matcher::default();
        let q = fold_query(query);
        let country =
            |i: usize| countries::name(&r.members[i].country).unwrap_or("unknown country");
        // Each name and its second spelling, then the country; `source` says which name
        // (or, past the names, the country) a key spells.
        let source: Vec<Vec<usize>> = (0..r.members.len())
            .map(|i| {
                let mem = &r.members[i];
                let names =
                    std::iter::once(mem.name.as_str()).chain(mem.aka.iter().map(Text::as_str));
                let mut s: Vec<usize> = search::spellings(names).iter().map(|(n, _)| *n).collect();
                s.push(usize::MAX);
                s
            })
            .collect();
        let keys: Vec<Vec<Folded>> = (0..r.members.len())
            .map(|i| {
                let mem = &r.members[i];
                let names =
                    std::iter::once(mem.name.as_str()).chain(mem.aka.iter().map(Text::as_str));
                let mut k: Vec<Folded> = search::spellings(names)
                    .into_iter()
                    .map(|(_, f)| f)
                    .collect();
                k.push(Folded::new(country(i)));
                k
            })
            .collect();
        let tier = |i: usize| r.tier_index(&r.members[i].tier).unwrap_or(0);
        let mut by_city: Vec<usize> = (0..r.members.len()).collect();
        by_city.sort_by(|&a, &b| {
            keys[a][0]
                .text
                .cmp(&keys[b][0].text)
                .then_with(|| r.members[a].name.cmp(&r.members[b].name))
        });
        let mut order = by_city.clone();
        match sort.column {
            SortColumn::Country => order.sort_by_key(|&i| country(i)),
            SortColumn::Tier => order.sort_by_key(|&i| tier(i)),
            SortColumn::Population => order.sort_by_key(|&i| r.members[i].population),
            // Not among the columns this reference is compared on.
            SortColumn::Stated | SortColumn::Since => {}
            SortColumn::City | SortColumn::Relevance => {}
        }
        let mut rows: Vec<(Hit, Vec<usize>)> = order
            .into_iter()
            .filter(|&i| tiers_on.get(tier(i)).copied().unwrap_or(true))
            .filter_map(|i| {
                let (k, km) = m.best(&q, &keys[i])?;
                let key = match source[i][k] {
                    0 => MatchedKey::Name,
                    usize::MAX => MatchedKey::Country,
                    a => MatchedKey::Aka(a - 1),
                };
                let hit = Hit {
                    member: i as u32,
                    score: km.score,
                    key,
                };
                Some((hit, keys[i][k].original_positions(&km.folded_positions)))
            })
            .collect();
        if sort.column == SortColumn::Relevance && !q.is_empty() {
            rows.sort_by_key(|(h, _)| std::cmp::Reverse(h.score));
        }
        if !sort.ascending {
            rows.reverse();
        }
        rows
    }

    #[test]
    fn the_fast_paths_give_the_straightforward_answer() {
        let mut r = crate::generate::roster(1500, 11);
        // Names that tie when folded, a long shared prefix, an odd country code.
        r.members[3].name = "Łódź".into();
        r.members[4].name = "Lodz".into();
        r.members[5].name = "LODZ".into();
        r.members[6].name = "Saint-Étienne-sur-Loire-le-Château".into();
        r.members[7].name = "Saint-Étienne-sur-Loire".into();
        r.members[8].country = "xx".into();
        r.members[9].population = Some(u64::MAX);
        let idx = RosterIndex::new(&r);
        let m = Matcher::default();
        let sorts = [
            SortColumn::Relevance,
            SortColumn::City,
            SortColumn::Country,
            SortColumn::Tier,
            SortColumn::Population,
        ];
        let tier_sets: [&[bool]; 3] = [&[true; 4], &[false, true, false, true], &[false; 4]];
        for query in [
            "", "b", "be", "ber", "berl", "bq", "lodz", "germ", "st et", "zz", "x",
        ] {
            for column in sorts {
                for ascending in [true, false] {
                    for tiers in tier_sets {
                        let sort = Sort { column, ascending };
                        let want = reference(&r, query, tiers, sort);
                        let got = idx.query(&m, query, tiers, sort, None);
                        let hits: Vec<Hit> = want.iter().map(|(h, _)| h.clone()).collect();
                        assert_eq!(got, hits, "{query:?} {sort:?} {tiers:?}");
                        let light = idx.highlight(&r, &m, query);
                        for (h, positions) in &want {
                            assert_eq!(&light.positions(h), positions, "{query:?} {h:?}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn kept_matches_give_the_same_rows_as_a_fresh_query() {
        let r = crate::generate::roster(1500, 12);
        let idx = RosterIndex::new(&r);
        let m = Matcher::default();
        let mut kept = Matches::default();
        let steps: [(&str, &[bool], SortColumn); 8] = [
            ("", &[true; 4], SortColumn::City),
            ("b", &[true; 4], SortColumn::Relevance),
            ("be", &[true; 4], SortColumn::Relevance),
            ("be", &[false, true, true, true], SortColumn::Relevance),
            ("be", &[false, true, true, true], SortColumn::Country),
            ("ber", &[true; 4], SortColumn::Population),
            ("b", &[true; 4], SortColumn::Tier),
            ("bq", &[true; 4], SortColumn::Relevance),
        ];
        for (query, tiers, column) in steps {
            let sort = Sort {
                column,
                ascending: true,
            };
            let fresh = idx.query(&m, query, tiers, sort, None);
            let (reused, _) = idx.query_with(&m, query, tiers, sort, &mut kept, true, Eager);
            assert_eq!(reused, fresh, "{query:?} {column:?}");
        }
    }

    #[test]
    fn alternatives_of_phrases_take_the_fast_path_with_the_evaluator_s_rows() {
        // Large enough for two threads.
        let r = crate::generate::roster(PARALLEL_FROM + 3000, 23);
        let idx = RosterIndex::new(&r);
        let m = Matcher::default();
        let all = vec![true; r.tiers.len()];
        let some: Vec<bool> = (0..r.tiers.len()).map(|t| t != 0).collect();
        let mut kept = Matches::default();
        // As typed, one character at a time: each step narrows from the last.
        for q in [
            "ber | l",
            "ber | li",
            "ber | lin",
            "ber | lin | zq",
            "an | o",
            "lódz | krak",
        ] {
            let parsed = Query::for_roster(q, &r).expect("parses");
            assert!(parsed.plain_alternatives().is_some(), "{q}");
            for column in [SortColumn::Relevance, SortColumn::City, SortColumn::Country] {
                for tiers in [&all, &some] {
                    for ascending in [true, false] {
                        let sort = Sort { column, ascending };
                        let want = idx.query_parsed(&m, &parsed, tiers, sort);
                        let (mut got, mut tail) = idx.run(
                            &m,
                            q,
                            &parsed,
                            tiers,
                            sort,
                            &mut kept,
                            true,
                            Scoring::Deferred,
                        );
                        let n = got.len();
                        idx.settle(&m, &kept, &mut got, &mut tail, 0..n);
                        let members = |h: &[Hit]| h.iter().map(|h| h.member).collect::<Vec<_>>();
                        let scores = |h: &[Hit]| h.iter().map(|h| h.score).collect::<Vec<_>>();
                        assert_eq!(scores(&got), scores(&want), "{q} {column:?} {ascending}");
                        if column != SortColumn::Relevance {
                            assert_eq!(members(&got), members(&want), "{q} {column:?}");
                        } else {
                            // Equal scores may come in another order: the same set.
                            let (mut a, mut b) = (members(&got), members(&want));
                            a.sort_unstable();
                            b.sort_unstable();
                            assert_eq!(a, b, "{q}");
                        }
                    }
                }
            }
        }
        // A phrase that grows narrows from the last matches; one more alternative scans.
        assert!(grows_from("ber\u{1f}lin", "ber\u{1f}li"));
        assert!(!grows_from("ber\u{1f}lin\u{1f}x", "ber\u{1f}lin"));
        assert!(!grows_from("ber", "ber\u{1f}l"));
    }

    #[test]
    fn the_query_language_reads_the_index_as_it_would_read_the_members() {
        // Large enough for two threads.
        let r = crate::generate::roster(PARALLEL_FROM + 3000, 21);
        let idx = RosterIndex::new(&r);
        let m = Matcher::default();
        let all = vec![true; r.tiers.len()];
        let some: Vec<bool> = (0..r.tiers.len()).map(|t| t != 1).collect();
        for q in [
            "country:de",
            "country:de ber",
            "^ber",
            "'ber",
            "ber !country:de",
            "ber | lin",
            "tier:partner s",
            "pop:>1000",
            "!pop:<500 ber",
            // What the gate before each record decides (`RosterIndex::gate`).
            "country:de,fr ber",
            "!country:de ^b",
            "tier:full,partner ^s",
            "!tier:partner 'er",
            "er$ tier:full",
            "country:de ber | country:fr lin",
            "germ !tier:partner",
            "ger an !country:at",
            "zq country:de",
        ] {
            let parsed = Query::for_roster(q, &r).expect("parses");
            for column in [SortColumn::Relevance, SortColumn::City, SortColumn::Country] {
                for tiers in [&all, &some] {
                    let sort = Sort {
                        column,
                        ascending: true,
                    };
                    let got = idx.query_parsed(&m, &parsed, tiers, sort);
                    // Straight from the members: each record folded from the roster.
                    let order = idx.order(column).unwrap_or(&[]).to_vec();
                    let ranks: Vec<u32> = if order.is_empty() {
                        (0..idx.len() as u32).collect()
                    } else {
                        order
                    };
                    let mut want: Vec<Hit> = ranks
                        .iter()
                        .map(|&rank| idx.by_city[rank as usize] as usize)
                        .filter(|&i| tiers[r.tier_index(&r.members[i].tier).unwrap_or(0)])
                        .filter_map(|i| {
                            let mem = &r.members[i];
                            let country =
                                countries::name(&mem.country).unwrap_or("unknown country");
                            let spelled = search::spellings(
                                std::iter::once(mem.name.as_str())
                                    .chain(mem.aka.iter().map(Text::as_str)),
                            );
                            let mut keys: Vec<Folded> =
                                spelled.iter().map(|(_, k)| k.clone()).collect();
                            keys.push(Folded::new(country));
                            let texts: Vec<&str> = keys.iter().map(|k| k.text.as_str()).collect();
                            let rec = Record {
                                keys: &texts,
                                names: spelled.len(),
                                country: &mem.country,
                                tier: r.tier_index(&mem.tier).unwrap_or(0),
                                themes: &[],
                                population: mem.population,
                                stated: None,
                            };
                            let x = parsed.eval(&m, &rec)?;
                            let key = match spelled.get(x.key) {
                                None => MatchedKey::Country,
                                Some((0, _)) => MatchedKey::Name,
                                Some((a, _)) => MatchedKey::Aka(a - 1),
                            };
                            Some(Hit {
                                member: i as u32,
                                score: x.score,
                                key,
                            })
                        })
                        .collect();
                    if column == SortColumn::Relevance {
                        want.sort_by_key(|h| std::cmp::Reverse(h.score));
                    }
                    assert!(
                        got == want,
                        "{q:?} {column:?} {} rows / {}",
                        got.len(),
                        want.len()
                    );
                }
            }
        }
    }

    #[test]
    fn a_scan_split_over_two_threads_gives_the_rows_of_one() {
        let r = crate::generate::roster(PARALLEL_FROM + 3000, 13);
        let idx = RosterIndex::new(&r);
        let m = Matcher::default();
        let everyone: Vec<u32> = (0..r.members.len() as u32).collect();
        let sort = Sort {
            column: SortColumn::Relevance,
            ascending: true,
        };
        let all = [true; 4];
        let mut kept = Matches::default();
        for query in ["b", "be", "ber", "germ"] {
            // With candidates, the scan walks them on one thread.
            let one = idx.query(&m, query, &all, sort, Some(&everyone));
            assert_eq!(idx.query(&m, query, &all, sort, None), one, "{query}");
            assert_eq!(
                idx.query_with(&m, query, &all, sort, &mut kept, true, Eager)
                    .0,
                one,
                "{query}"
            );
        }
    }

    #[test]
    fn the_query_language_path_and_its_highlights() {
        let r = roster();
        let idx = RosterIndex::new(&r);
        let m = Matcher::default();
        let q = Query::for_roster("country:de | ^bru", &r).expect("parses");
        let hits = idx.query_parsed(&m, &q, &ALL, Sort::default());
        assert_eq!(names(&r, &hits), ["Bruges", "Munich"]);
        let light = idx.highlight(&r, &m, "country:de | ^bru");
        assert_eq!(light.positions(&hits[0]), vec![0, 1, 2]);
    }
}
