//! One search over one roster: the value the member table and `citynet members` both
//! read. Set the query, the tiers and the order; read how many rows there are, any window
//! of them with the matched characters, or all of them.
//!
//! Everything that makes this fast on a quarter of a million members stays in here: the
//! matches a tier toggle or a sort change reuses, the narrowing of a query that grows,
//! scores put off until a row is read (`Scoring::Deferred`), the threads. Whatever is
//! read is final: a row's place, its matched key and its highlights are what scoring every
//! member at once would give (`tests/engine/deferred_scoring.rs` holds it to that).

use std::borrow::Borrow;
use std::cell::RefCell;
use std::ops::Range;
use std::sync::{Arc, LazyLock};

use super::{Hit, MatchedKey, Matches, RosterIndex, Scoring, Sort};
use crate::data::{Completeness, Dataset, Members, Roster};
use crate::query::{Query, QueryError};
use crate::search::Matcher;

/// One matcher for every search: it holds no state a search could disturb.
static MATCHER: LazyLock<Matcher> = LazyLock::new(Matcher::default);

/// What a network without a roster searches: nothing. `RosterSearch::new` refuses such a
/// network, so this only stands in where the type needs a roster.
static NO_ROSTER: Roster = Roster {
    sources: Vec::new(),
    columns: None,
    as_of: String::new(),
    completeness: Completeness::Complete,
    tiers: Vec::new(),
    population_note: None,
    members: Members::new(),
};

/// A row as read: the member, the key it matched by, and the matched characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Index into the roster's members.
    pub member: u32,
    pub key: MatchedKey,
    /// Character positions in the original text of `key` that the query matched.
    pub positions: Vec<usize>,
}

/// The rows of the current settings, worked out on the first read after a change.
#[derive(Debug, Clone, Default)]
struct Answer {
    /// Whether `rows` still answer older settings.
    stale: bool,
    rows: Vec<Hit>,
    /// Where the not yet sorted end of a relevance order starts, if it has one.
    tail: Option<usize>,
    /// Every member the last plain query matched, whatever the tiers and order.
    matches: Matches,
}

/// A query, tier switches and an order over network `network`'s roster, and their rows.
///
/// `D` and `I` are how the search holds the dataset and the roster's index: `Arc`s for
/// the browser, which keeps a search for as long as its member table is open, references
/// or values for a one-off command.
#[derive(Clone)]
pub struct RosterSearch<D = Arc<Dataset>, I = Arc<RosterIndex>> {
    data: D,
    network: usize,
    index: I,
    /// The text the rows answer: the last query that parsed.
    text: String,
    parsed: Query,
    tiers_on: Vec<bool>,
    sort: Sort,
    answer: RefCell<Answer>,
}

impl<D, I> std::fmt::Debug for RosterSearch<D, I> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RosterSearch")
            .field("network", &self.network)
            .field("text", &self.text)
            .field("tiers_on", &self.tiers_on)
            .field("sort", &self.sort)
            .finish_non_exhaustive()
    }
}

impl<D: Borrow<Dataset>, I: Borrow<RosterIndex>> RosterSearch<D, I> {
    /// Every member of network `network`'s roster, every tier on, by city; `None` when the
    /// network has no roster. `index` must be that roster's index.
    pub fn new(data: D, network: usize, index: I) -> Option<Self> {
        let tiers = data
            .borrow()
            .networks
            .get(network)?
            .roster
            .as_ref()?
            .tiers
            .len();
        Some(RosterSearch {
            data,
            network,
            index,
            text: String::new(),
            parsed: Query::default(),
            tiers_on: vec![true; tiers],
            sort: Sort::default(),
            answer: RefCell::new(Answer {
                stale: true,
                ..Answer::default()
            }),
        })
    }

    pub fn network(&self) -> usize {
        self.network
    }

    pub fn roster(&self) -> &Roster {
        self.data
            .borrow()
            .networks
            .get(self.network)
            .and_then(|n| n.roster.as_ref())
            .unwrap_or(&NO_ROSTER)
    }

    pub fn index(&self) -> &RosterIndex {
        self.index.borrow()
    }

    /// Filters by `text` in the filter language. A query that does not parse changes
    /// nothing: the rows stay those of the last one that did, and the error says why.
    pub fn set_query(&mut self, text: &str) -> Result<(), QueryError> {
        if text == self.text {
            return Ok(());
        }
        self.parsed = Query::for_roster(text, self.roster())?;
        self.text = text.to_string();
        self.answer.get_mut().stale = true;
        Ok(())
    }

    /// The query the rows answer.
    pub fn query(&self) -> &str {
        &self.text
    }

    /// Which tiers are shown, in the roster's tier order.
    pub fn tiers_on(&self) -> &[bool] {
        &self.tiers_on
    }

    pub fn set_tiers(&mut self, on: &[bool]) {
        if on != self.tiers_on.as_slice() {
            self.tiers_on = on.to_vec();
            self.answer.get_mut().stale = true;
        }
    }

    /// Switches tier `tier` on or off; false when the roster has no such tier.
    pub fn toggle_tier(&mut self, tier: usize) -> bool {
        let Some(on) = self.tiers_on.get_mut(tier) else {
            return false;
        };
        *on = !*on;
        self.answer.get_mut().stale = true;
        true
    }

    pub fn sort(&self) -> Sort {
        self.sort
    }

    pub fn set_sort(&mut self, sort: Sort) {
        if sort != self.sort {
            self.sort = sort;
            self.answer.get_mut().stale = true;
        }
    }

    /// How many rows there are.
    pub fn len(&self) -> usize {
        self.fresh();
        self.answer.borrow().rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The member on row `row`.
    pub fn member(&self, row: usize) -> Option<u32> {
        self.settle(row..row.saturating_add(1));
        self.answer.borrow().rows.get(row).map(|h| h.member)
    }

    /// The row member `member` is on, if it is shown.
    pub fn position(&self, member: u32) -> Option<usize> {
        self.fresh();
        let at = self.find(member)?;
        // A row in an unsorted tail has no final place yet: giving it one sorts the tail.
        if self.answer.borrow().tail.is_some_and(|t| at >= t) {
            self.settle(at..at + 1);
            return self.find(member);
        }
        Some(at)
    }

    fn find(&self, member: u32) -> Option<usize> {
        self.answer
            .borrow()
            .rows
            .iter()
            .position(|h| h.member == member)
    }

    /// The rows in `rows` (cut to those there are), with what matched in each.
    pub fn window(&self, rows: Range<usize>) -> Vec<Row> {
        self.settle(rows.clone());
        let answer = self.answer.borrow();
        let end = rows.end.min(answer.rows.len());
        let start = rows.start.min(end);
        let light = self.index().highlight(self.roster(), &MATCHER, &self.text);
        answer.rows[start..end]
            .iter()
            .map(|h| Row {
                member: h.member,
                key: h.key,
                positions: light.positions(h),
            })
            .collect()
    }

    /// Every row's member, in order.
    pub fn members(&self) -> Vec<u32> {
        self.settle(0..usize::MAX);
        self.answer.borrow().rows.iter().map(|h| h.member).collect()
    }

    /// Calls `f` with every row's member, in no promised order: for counts and maps,
    /// which need the set and not the order (and so no scoring). `f` must not read this
    /// search.
    pub fn for_each_member(&self, mut f: impl FnMut(u32)) {
        self.fresh();
        for h in &self.answer.borrow().rows {
            f(h.member);
        }
    }

    /// Brings the rows up to date with the settings.
    fn fresh(&self) {
        if !self.answer.borrow().stale {
            return;
        }
        let mut answer = self.answer.borrow_mut();
        let Answer {
            stale,
            rows,
            tail,
            matches,
        } = &mut *answer;
        // A query that grew from the last one narrows from its matches: typing never
        // leaves the person waiting for a scan of the whole roster.
        (*rows, *tail) = self.index().run(
            &MATCHER,
            &self.text,
            &self.parsed,
            &self.tiers_on,
            self.sort,
            matches,
            true,
            Scoring::Deferred,
        );
        *stale = false;
    }

    /// Gives the rows in `window` their final place and score.
    fn settle(&self, window: Range<usize>) {
        self.fresh();
        let mut answer = self.answer.borrow_mut();
        let Answer {
            rows,
            tail,
            matches,
            ..
        } = &mut *answer;
        self.index().settle(&MATCHER, matches, rows, tail, window);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn search(n: usize, seed: u64) -> RosterSearch<Dataset, RosterIndex> {
        let data = crate::generate::roster_dataset(n, seed);
        let index = RosterIndex::new(data.networks[0].roster.as_ref().expect("a roster"));
        RosterSearch::new(data, 0, index).expect("network 0 has a roster")
    }

    fn pending(s: &RosterSearch<Dataset, RosterIndex>, range: Range<usize>) -> usize {
        let a = s.answer.borrow();
        a.rows[range].iter().filter(|h| h.is_pending()).count()
    }

    #[test]
    fn reading_a_window_scores_that_window_and_sorts_a_tail_it_nears() {
        let mut s = search(3_000, 17);
        s.set_query("an").expect("parses");
        s.set_sort(Sort::RELEVANCE);
        let len = s.len();
        let t = s
            .answer
            .borrow()
            .tail
            .expect("`an` leaves a tail on this roster");
        assert!(t > 400, "the substring matches come first: {t}");
        assert!(pending(&s, t..len) > 0);
        // The first screen is far from the tail: the tail stays as it is.
        s.window(0..40);
        assert_eq!(s.answer.borrow().tail, Some(t));
        // Within a few pages of it, the whole tail is scored and sorted.
        s.window(t - 100..t - 60);
        assert_eq!(s.answer.borrow().tail, None);
        assert_eq!(pending(&s, 0..len), 0);

        // In a by-city order, a window's pending rows are scored in place, and only those.
        s.set_sort(Sort::default());
        let len = s.len();
        let total = pending(&s, 0..len);
        let in_window = pending(&s, 100..140);
        assert!(in_window > 0, "the window holds pending rows");
        s.window(100..140);
        assert_eq!(pending(&s, 100..140), 0);
        assert_eq!(pending(&s, 0..len), total - in_window);
    }

    #[test]
    fn settings_are_applied_once_when_read() {
        let mut s = search(500, 3);
        s.set_query("b").expect("parses");
        s.toggle_tier(0);
        s.set_sort(Sort::RELEVANCE);
        assert!(
            s.answer.borrow().stale,
            "nothing is worked out before a read"
        );
        let n = s.len();
        assert!(!s.answer.borrow().stale);
        assert!(n > 0);
        // A query that does not parse keeps the rows and the query they answer.
        assert!(s.set_query("tier:gold").is_err());
        assert_eq!((s.query(), s.len()), ("b", n));
        assert!(!s.answer.borrow().stale);
    }
}
