//! `RosterSearch` puts off scoring scattered matches until their rows are read. Whatever
//! it hands out must be exactly what scoring every member at once gives
//! (`RosterIndex::query`, which scores eagerly): in every order, with any tiers, along a
//! query typed letter by letter, and whichever window is read first.

use citynet_core::data::Dataset;
use citynet_core::roster::{Hit, RosterIndex, RosterSearch, Row, Sort, SortColumn};
use citynet_core::search::Matcher;
use citynet_testdata::roster_dataset;

type Search<'a> = RosterSearch<&'a Dataset, &'a RosterIndex>;

fn dataset(n: usize, seed: u64) -> (Dataset, RosterIndex) {
    let d = roster_dataset(n, seed);
    let index = RosterIndex::new(d.networks[0].roster.as_ref().expect("a roster"));
    (d, index)
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

/// The eager rows, as the search must hand them out: member, key, highlights.
fn eager(d: &Dataset, idx: &RosterIndex, text: &str, tiers: &[bool], sort: Sort) -> Vec<Row> {
    let hits = idx.query(&Matcher::default(), text, tiers, sort, None);
    // The highlights of the eager rows come from a search that reads every row at once.
    let mut all = Search::new(d, 0, idx).expect("a roster");
    all.set_query(text).expect("a plain query parses");
    all.set_tiers(tiers);
    all.set_sort(sort);
    let rows = all.window(0..usize::MAX);
    let got: Vec<(u32, _)> = rows.iter().map(|r| (r.member, r.key)).collect();
    let want: Vec<(u32, _)> = hits.iter().map(|h: &Hit| (h.member, h.key)).collect();
    assert!(
        got == want,
        "{text:?} {sort:?}: reading every row at once differs from the eager rows at {:?}",
        (0..got.len().max(want.len())).find(|&i| got.get(i) != want.get(i))
    );
    rows
}

/// The rows read a window at a time, in the order a person might page: the first screen,
/// a page far down, the last page, then everything in between.
fn paged(search: &Search, len: usize) -> Vec<Row> {
    let page = 37;
    let mut out: Vec<Option<Row>> = vec![None; len];
    let mut read = |range: std::ops::Range<usize>| {
        let start = range.start.min(len);
        for (i, row) in search.window(range).into_iter().enumerate() {
            out[start + i] = Some(row);
        }
    };
    read(0..page);
    read(len / 2..len / 2 + page);
    read(len.saturating_sub(page)..len);
    let mut at = 0;
    while at < len {
        read(at..at + page);
        at += page;
    }
    out.into_iter().flatten().collect()
}

fn check(
    d: &Dataset,
    idx: &RosterIndex,
    search: &mut Search,
    text: &str,
    tiers: &[bool],
    sort: Sort,
) {
    search.set_query(text).expect("a plain query parses");
    search.set_tiers(tiers);
    search.set_sort(sort);
    let want = eager(d, idx, text, tiers, sort);
    let case = format!("{text:?} {sort:?} tiers {tiers:?}");
    assert_eq!(search.len(), want.len(), "{case}: row count");
    let got = paged(search, want.len());
    let diff = (0..got.len().max(want.len())).find(|&i| got.get(i) != want.get(i));
    assert!(diff.is_none(), "{case}: rows differ at {diff:?}");
    let members: Vec<u32> = want.iter().map(|r| r.member).collect();
    assert_eq!(search.members(), members, "{case}: members in order");
}

#[test]
fn every_window_holds_the_eager_rows_in_every_order_and_tier_choice() {
    let (d, idx) = dataset(3_000, 17);
    let tiers = idx.tier_counts.len();
    let choices = [vec![true; tiers], (0..tiers).map(|t| t % 2 == 0).collect()];
    for text in queries() {
        for column in SORTS {
            for ascending in [true, false] {
                for on in &choices {
                    let sort = Sort { column, ascending };
                    // A fresh search each time: nothing read yet, so everything deferred.
                    let mut search = Search::new(&d, 0, &idx).expect("a roster");
                    check(&d, &idx, &mut search, &text, on, sort);
                }
            }
        }
    }
}

#[test]
fn a_query_typed_letter_by_letter_narrows_to_the_same_rows() {
    let (d, idx) = dataset(3_000, 5);
    let all = vec![true; idx.tier_counts.len()];
    for word in ["berlin", "santa", "nowa", "strzn"] {
        let mut search = Search::new(&d, 0, &idx).expect("a roster");
        for end in 1..=word.len() {
            check(&d, &idx, &mut search, &word[..end], &all, Sort::RELEVANCE);
        }
        // And back, as Backspace takes letters off.
        for end in (1..word.len()).rev() {
            check(&d, &idx, &mut search, &word[..end], &all, Sort::RELEVANCE);
        }
    }
}

#[test]
fn tier_toggles_and_sort_changes_reorder_the_same_matches() {
    let (d, idx) = dataset(3_000, 8);
    let tiers = idx.tier_counts.len();
    let mut search = Search::new(&d, 0, &idx).expect("a roster");
    let mut on = vec![true; tiers];
    check(&d, &idx, &mut search, "an", &on, Sort::RELEVANCE);
    for column in SORTS {
        on[0] = !on[0];
        check(
            &d,
            &idx,
            &mut search,
            "an",
            &on,
            Sort {
                column,
                ascending: false,
            },
        );
    }
}

#[test]
fn a_roster_large_enough_for_two_threads_reads_the_same() {
    let (d, idx) = dataset(40_000, 9);
    let all = vec![true; idx.tier_counts.len()];
    // `ae` leaves over 20,000 rows unscored, past the 16,384 from which scoring them is
    // split between two threads.
    for column in [SortColumn::Relevance, SortColumn::Country] {
        for ascending in [true, false] {
            let sort = Sort { column, ascending };
            let mut search = Search::new(&d, 0, &idx).expect("a roster");
            check(&d, &idx, &mut search, "ae", &all, sort);
        }
    }
}

#[test]
fn a_row_asked_for_by_member_is_where_the_eager_rows_put_it() {
    let (d, idx) = dataset(3_000, 17);
    let all = vec![true; idx.tier_counts.len()];
    let want = eager(&d, &idx, "an", &all, Sort::RELEVANCE);
    // The last rows are deep in what is left unsorted until the screen comes near it.
    for &at in &[0, want.len() / 2, want.len() - 1] {
        let mut search = Search::new(&d, 0, &idx).expect("a roster");
        search.set_query("an").expect("parses");
        search.set_sort(Sort::RELEVANCE);
        assert_eq!(search.position(want[at].member), Some(at));
        assert_eq!(search.member(at), Some(want[at].member));
    }
}
