//! The member table leaves scattered matches unscored until they are shown
//! (`Scoring::Deferred` and `RosterIndex::settle`). Once settled, its rows must be exactly what
//! the eager path (`run`, which the command line uses) gives, in every order, with any
//! tiers, and along a query typed letter by letter; before that, the same members, and
//! the same rows wherever the screen can see.

use citynet_core::data::Roster;
use citynet_core::query::Query;
use citynet_core::roster::Scoring::{Deferred, Eager};
use citynet_core::roster::{Hit, Matches, RosterIndex, Sort, SortColumn};
use citynet_core::search::Matcher;
use citynet_testdata::roster_dataset;

fn roster(n: usize, seed: u64) -> Roster {
    let mut d = roster_dataset(n, seed);
    d.networks
        .remove(0)
        .roster
        .expect("the generated network has a roster")
}

const SORTS: [SortColumn; 5] = [
    SortColumn::Relevance,
    SortColumn::City,
    SortColumn::Country,
    SortColumn::Tier,
    SortColumn::Population,
];

/// Plain queries of every kind: one letter, scattered letters, whole words, accents,
/// spaces (never deferred), a country, one that matches nothing, and one long enough to
/// be refused deferral.
fn queries() -> Vec<String> {
    let mut q: Vec<String> = [
        "b", "be", "ber", "berl", "brl", "sn", "saint", "st", "lodz", "łódź", "zü", "ae", "nwa",
        "new p", "germany", "grmny", "spain", "zq", "x", "aaa",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    q.push("ab".repeat(130));
    q
}

fn eager(idx: &RosterIndex, r: &Roster, text: &str, tiers: &[bool], sort: Sort) -> Vec<Hit> {
    let parsed = Query::for_roster(text, r).expect("a plain query parses");
    let mut matches = Matches::default();
    let m = Matcher::default();
    let (rows, tail) = idx.run(&m, text, &parsed, tiers, sort, &mut matches, false, Eager);
    assert_eq!(tail, None, "eager rows have no tail");
    rows
}

/// The deferred rows, before and after settling all of them.
fn deferred(
    idx: &RosterIndex,
    r: &Roster,
    text: &str,
    tiers: &[bool],
    sort: Sort,
    matches: &mut Matches,
) -> (Vec<Hit>, Option<usize>, Vec<Hit>) {
    let m = Matcher::default();
    let parsed = Query::for_roster(text, r).expect("a plain query parses");
    let (rows, tail) = idx.run(&m, text, &parsed, tiers, sort, matches, true, Deferred);
    let mut settled = rows.clone();
    let mut t = tail;
    idx.settle(&m, matches, &mut settled, &mut t, 0..usize::MAX);
    assert_eq!(t, None, "settling everything leaves no tail");
    (rows, tail, settled)
}

fn members(rows: &[Hit]) -> Vec<u32> {
    let mut m: Vec<u32> = rows.iter().map(|h| h.member).collect();
    m.sort_unstable();
    m
}

/// The first place two row lists differ, for a short failure message.
fn first_difference<'a>(
    a: &'a [Hit],
    b: &'a [Hit],
) -> Option<(usize, Option<&'a Hit>, Option<&'a Hit>)> {
    let at = (0..a.len().max(b.len())).find(|&i| a.get(i) != b.get(i))?;
    Some((at, a.get(at), b.get(at)))
}

fn check(
    idx: &RosterIndex,
    r: &Roster,
    text: &str,
    tiers: &[bool],
    sort: Sort,
    kept: &mut Matches,
) {
    let want = eager(idx, r, text, tiers, sort);
    let (rows, tail, settled) = deferred(idx, r, text, tiers, sort, kept);
    let case = format!("{text:?} {sort:?} tiers {tiers:?}");
    let diff = first_difference(&settled, &want);
    assert!(
        diff.is_none(),
        "{case}: settled rows differ from the eager ones at {diff:?}"
    );
    assert_eq!(members(&rows), members(&want), "{case}: different members");
    if sort.column == SortColumn::Relevance {
        // Before the tail, exactly the eager rows, all scored.
        let head = tail.unwrap_or(rows.len());
        let diff = first_difference(&rows[..head], &want[..head]);
        assert!(
            diff.is_none(),
            "{case}: rows before the tail differ at {diff:?}"
        );
        assert!(rows[..head].iter().all(|h| !h.is_pending()), "{case}");
    } else {
        // The same order at once; a scored row as the eager path scores it.
        assert_eq!(tail, None, "{case}");
        for (i, (got, w)) in rows.iter().zip(&want).enumerate() {
            assert_eq!(got.member, w.member, "{case}: row {i}");
            assert!(
                got.is_pending() || got == w,
                "{case}: row {i}: {got:?} / {w:?}"
            );
        }
    }
}

#[test]
fn settled_rows_are_the_eager_rows_in_every_order_and_tier_choice() {
    let r = roster(3_000, 17);
    let idx = RosterIndex::new(&r);
    let tiers = r.tiers.len();
    let choices = [vec![true; tiers], (0..tiers).map(|t| t % 2 == 0).collect()];
    let mut deferrals = 0;
    for text in queries() {
        for column in SORTS {
            for ascending in [true, false] {
                for on in &choices {
                    let sort = Sort { column, ascending };
                    let mut kept = Matches::default();
                    check(&idx, &r, &text, on, sort, &mut kept);
                    let (rows, _, _) = deferred(&idx, &r, &text, on, sort, &mut kept);
                    deferrals += rows.iter().filter(|h| h.is_pending()).count();
                }
            }
        }
    }
    assert!(
        deferrals > 1_000,
        "the test must exercise deferral: {deferrals} pending rows"
    );
}

#[test]
fn a_query_typed_letter_by_letter_narrows_to_the_same_rows() {
    let r = roster(3_000, 5);
    let idx = RosterIndex::new(&r);
    let all = vec![true; r.tiers.len()];
    let relevance = Sort {
        column: SortColumn::Relevance,
        ascending: true,
    };
    for word in ["berlin", "santa", "nowa", "strzn"] {
        let mut kept = Matches::default();
        for end in 1..=word.len() {
            check(&idx, &r, &word[..end], &all, relevance, &mut kept);
        }
    }
}

#[test]
fn a_roster_large_enough_for_two_threads_settles_the_same() {
    let r = roster(40_000, 9);
    let idx = RosterIndex::new(&r);
    let all = vec![true; r.tiers.len()];
    // `ae` leaves over 20,000 rows unscored, past the 16,384 from which scoring them is
    // split between two threads.
    for column in [SortColumn::Relevance, SortColumn::Country] {
        for ascending in [true, false] {
            let sort = Sort { column, ascending };
            let (rows, _, _) = deferred(&idx, &r, "ae", &all, sort, &mut Matches::default());
            let pending = rows.iter().filter(|h| h.is_pending()).count();
            if ascending || column != SortColumn::Relevance {
                assert!(pending > 16_384, "{sort:?}: {pending}");
            }
            check(&idx, &r, "ae", &all, sort, &mut Matches::default());
        }
    }
}

#[test]
fn settling_a_window_scores_that_window_and_sorts_a_tail_it_nears() {
    let r = roster(3_000, 17);
    let idx = RosterIndex::new(&r);
    let m = Matcher::default();
    let all = vec![true; r.tiers.len()];
    let relevance = Sort {
        column: SortColumn::Relevance,
        ascending: true,
    };
    let parsed = Query::for_roster("an", &r).expect("parses");
    let mut kept = Matches::default();
    let (mut rows, mut tail) = idx.run(
        &m, "an", &parsed, &all, relevance, &mut kept, true, Deferred,
    );
    let t = tail.expect("`an` leaves a tail on this roster");
    assert!(t > 400, "the substring matches come first: {t}");
    // The first screen is far from the tail: nothing changes.
    let before = rows.clone();
    idx.settle(&m, &kept, &mut rows, &mut tail, 0..40);
    assert_eq!((rows.clone(), tail), (before, Some(t)));
    // Within a few pages of it, the whole tail is scored and sorted.
    idx.settle(&m, &kept, &mut rows, &mut tail, t - 100..t - 60);
    assert_eq!(tail, None);
    assert!(rows.iter().all(|h| !h.is_pending()));
    assert_eq!(rows, eager(&idx, &r, "an", &all, relevance));

    // In a by-city order, a window's pending rows are scored in place, and only those.
    let by_city = Sort::default();
    let (mut rows, mut tail) = idx.run(&m, "an", &parsed, &all, by_city, &mut kept, true, Deferred);
    let pending = |rows: &[Hit]| rows.iter().filter(|h| h.is_pending()).count();
    let total = pending(&rows);
    let window = 100..140;
    let in_window = pending(&rows[window.clone()]);
    assert!(in_window > 0, "the window holds pending rows");
    idx.settle(&m, &kept, &mut rows, &mut tail, window.clone());
    assert_eq!(pending(&rows[window.clone()]), 0);
    assert_eq!(pending(&rows), total - in_window);
    assert_eq!(
        rows[window.clone()],
        eager(&idx, &r, "an", &all, by_city)[window]
    );
}
