//! `RosterIndex::for_query` indexes only the members that could match one plain query,
//! for a command that asks one question. Its rows for that query must be the full
//! index's rows exactly: the same members in the same order, with the same matched keys
//! and highlights, whatever the tiers and the order, on generated rosters of any size.

use std::sync::LazyLock;

use citynet_core::data::cache::{self, Key};
use citynet_core::data::{Dataset, Member, Roster};
use citynet_core::roster::{MatchedKey, RosterIndex, RosterSearch, Row, Sort, SortColumn};
use citynet_testdata::roster_dataset;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};

/// Two generated rosters, made once: a small one, where most queries match a fair part of
/// the members, and a larger one with more countries and rarer names.
static DATA: LazyLock<[Dataset; 2]> =
    LazyLock::new(|| [roster_dataset(300, 7), roster_dataset(3_000, 2025)]);

const SORTS: [SortColumn; 6] = [
    SortColumn::Relevance,
    SortColumn::City,
    SortColumn::Country,
    SortColumn::Tier,
    SortColumn::Population,
    SortColumn::Stated,
];

/// The rows of the first roster with a member list.
fn rows(d: &Dataset, index: &RosterIndex, text: &str, tiers: &[bool], sort: Sort) -> Vec<Row> {
    rows_of(d, 0, index, text, tiers, sort)
}

fn rows_of(
    d: &Dataset,
    at: usize,
    index: &RosterIndex,
    text: &str,
    tiers: &[bool],
    sort: Sort,
) -> Vec<Row> {
    let mut s = RosterSearch::new(d, at, index).expect("a roster");
    s.set_query(text).expect("the query parses");
    s.set_tiers(tiers);
    s.set_sort(sort);
    s.window(0..usize::MAX)
}

/// A query: part of a member's name (as typed, or folded), scattered letters from it, a
/// country, a fixed phrase, or the filter language, which indexes everyone.
fn query(d: &Dataset) -> impl Strategy<Value = String> {
    let names: Vec<String> = d.networks[0]
        .roster
        .as_ref()
        .map(|r| r.members.iter().map(|m| m.name.to_string()).collect())
        .unwrap_or_default();
    let part = (
        proptest::sample::select(names.clone()),
        0usize..8,
        1usize..6,
    )
        .prop_map(|(name, from, len)| {
            name.chars()
                .skip(from % name.chars().count().max(1))
                .take(len)
                .collect()
        });
    let scattered = (proptest::sample::select(names), 0usize..4).prop_map(|(name, step)| {
        name.to_lowercase()
            .chars()
            .step_by(step + 2)
            .take(4)
            .collect()
    });
    let fixed = proptest::sample::select(vec![
        "b",
        "berl",
        "brl",
        "saint",
        "st",
        "lodz",
        "zü",
        "new p",
        "germany",
        "grmny",
        "fr",
        "zq",
        "x",
        "an ",
        "ber | lin",
        "^br",
        "country:de",
        "!tier:partner b",
        "",
    ])
    .prop_map(str::to_string);
    prop_oneof![3 => part, 2 => scattered, 2 => fixed]
}

/// Runs `check` on random cases (a query, tiers switched on, an order) over each
/// generated roster and its full index: `cases` for the small one and the large one.
fn each_case(
    cases: [u32; 2],
    seed: u8,
    what: &str,
    check: impl Fn(&Dataset, &Roster, &RosterIndex, &str, &[bool], Sort) -> Result<(), TestCaseError>,
) {
    for (k, d) in DATA.iter().enumerate() {
        let roster = d.networks[0].roster.as_ref().expect("a roster");
        let full = RosterIndex::new(roster);
        let tiers = roster.tiers.len();
        let mut runner = TestRunner::new_with_rng(
            Config {
                cases: cases[k],
                failure_persistence: None,
                ..Config::default()
            },
            TestRng::from_seed(RngAlgorithm::ChaCha, &[k as u8 + seed; 32]),
        );
        let case = (
            query(d),
            proptest::collection::vec(proptest::bool::weighted(0.8), tiers),
            proptest::sample::select(SORTS.to_vec()),
            any::<bool>(),
        );
        runner
            .run(&case, |(text, tiers_on, column, ascending)| {
                check(
                    d,
                    roster,
                    &full,
                    &text,
                    &tiers_on,
                    Sort { column, ascending },
                )
            })
            .expect(what);
    }
}

#[test]
fn a_one_off_index_answers_its_query_as_the_full_index_does() {
    let what = "the one-off index gives the full index's rows";
    each_case(
        [200, 60],
        1,
        what,
        |d, roster, full, text, tiers_on, sort| {
            let one_off = RosterIndex::for_query(roster, text);
            prop_assert!(one_off.len() <= full.len());
            let want = rows(d, full, text, tiers_on, sort);
            let got = rows(d, &one_off, text, tiers_on, sort);
            prop_assert_eq!(got, want, "{:?} {:?}", text, sort);
            Ok(())
        },
    );
}

#[test]
fn a_one_off_index_leaves_out_who_cannot_match() {
    let roster = DATA[1].networks[0].roster.as_ref().expect("a roster");
    let full = RosterIndex::new(roster).len();
    assert!(RosterIndex::for_query(roster, "berl").len() < full / 4);
    // The filter language and no query index everyone.
    assert_eq!(RosterIndex::for_query(roster, "ber | lin").len(), full);
    assert_eq!(RosterIndex::for_query(roster, "").len(), full);
}

#[test]
fn a_one_off_index_answers_as_the_full_one_on_the_embedded_lists() {
    // Lists matched to GeoNames, whose Population column is GeoNames' figure.
    let d = citynet::embedded::embedded().expect("embedded dataset loads");
    for (at, net) in d.networks.iter().enumerate() {
        let Some(roster) = net.roster.as_ref() else {
            continue;
        };
        let full = RosterIndex::new(roster);
        let all = vec![true; roster.tiers.len()];
        for text in ["b", "berl", "saint", "lodz", "germany", "zq"] {
            let one_off = RosterIndex::for_query(roster, text);
            for column in SORTS {
                for ascending in [true, false] {
                    let sort = Sort { column, ascending };
                    let rows = |index: &RosterIndex| {
                        let mut s = RosterSearch::new(&d, at, index).expect("a roster");
                        s.set_query(text).expect("parses");
                        s.set_tiers(&all);
                        s.set_sort(sort);
                        s.window(0..usize::MAX)
                    };
                    assert_eq!(rows(&one_off), rows(&full), "{} {text:?} {sort:?}", net.id);
                }
            }
        }
    }
}

/// The one-off index leaves a member out on `search::spelling_letters` of its names, read
/// off the names as written; that must be the letters of the keys the full index folds,
/// for every name and other name of the embedded lists and of generated ones.
#[test]
fn the_letters_read_off_every_name_are_the_letters_of_its_keys() {
    use citynet_core::search::{fold_into, letters, spelling_letters, transliterate_into};
    let embedded = citynet_core::data::parse::embedded_from_ron().expect("assets parse");
    let mut checked = 0;
    for d in DATA.iter().chain([&embedded]) {
        for m in d
            .networks
            .iter()
            .filter_map(|n| n.roster.as_ref())
            .flat_map(|r| r.members.iter())
        {
            for text in std::iter::once(&m.name).chain(&m.aka) {
                let mut keys = String::new();
                fold_into(&mut keys, text);
                transliterate_into(&mut keys, text);
                assert_eq!(spelling_letters(text), letters(&keys), "{text:?}");
                checked += 1;
            }
        }
    }
    assert!(checked > 12_000, "{checked} names");
}

/// What an index says of the whole list, beside its rows: the same for an index of a
/// sifted load as for the full one, or the member table and an export would show other
/// columns.
fn summary(index: &RosterIndex) -> impl PartialEq + std::fmt::Debug {
    (
        index.tier_counts.clone(),
        index.has_population(),
        index.population_source(),
        index.has_stated(),
        index.has_since(),
        index.widest_name(),
        index.widest_country(),
    )
}

/// Rows with each member as it is, not its place in a list: a sifted load holds fewer
/// members, at other places.
fn as_members(
    r: &citynet_core::data::Roster,
    rows: Vec<Row>,
) -> Vec<(Member, MatchedKey, Vec<usize>)> {
    rows.into_iter()
        .map(|row| {
            (
                r.members[row.member as usize].clone(),
                row.key,
                row.positions,
            )
        })
        .collect()
}

/// `d` as a load of its cache entry sifted for the query `text` reads it.
fn sifted(d: &Dataset, text: &str) -> Dataset {
    let key = Key::of(b"a large file", "test");
    let bytes = cache::encode(d, &key);
    let sift = |head: &Dataset| {
        head.networks
            .iter()
            .filter_map(|n| n.roster.as_ref())
            .map(|r| RosterIndex::sieve(r, text))
            .collect()
    };
    cache::decode_sifted(&bytes, &key, &sift).expect("the entry decodes")
}

#[test]
fn a_sifted_load_answers_its_query_as_the_whole_list_does() {
    let what = "a sifted load gives the whole list's rows";
    each_case(
        [150, 40],
        11,
        what,
        |d, roster, full, text, tiers_on, sort| {
            let light = sifted(d, text);
            let kept = light.networks[0].roster.as_ref().expect("a roster");
            let index = RosterIndex::for_query(kept, text);
            let want = as_members(roster, rows(d, full, text, tiers_on, sort));
            let got = as_members(kept, rows(&light, &index, text, tiers_on, sort));
            prop_assert_eq!(got, want, "{:?} {:?}", text, sort);
            prop_assert_eq!(summary(&index), summary(full), "{:?}", text);
            Ok(())
        },
    );
}

#[test]
fn a_sifted_load_keeps_only_who_could_match() {
    let d = &DATA[1];
    let all = d.networks[0]
        .roster
        .as_ref()
        .expect("a roster")
        .members
        .len();
    let kept = |text: &str| {
        let light = sifted(d, text);
        let r = light.networks[0].roster.as_ref().expect("a roster");
        (r.members.len(), r.members.left_out().map(|l| l.members))
    };
    let (some, left) = kept("berl");
    assert!(some < all / 4, "{some} of {all}");
    assert_eq!(left, Some(all - some));
    // The filter language and no query read every member.
    assert_eq!(kept("ber | lin"), (all, None));
    assert_eq!(kept(""), (all, None));
}

#[test]
fn a_sifted_load_answers_as_the_whole_list_on_the_embedded_lists() {
    // Lists matched to GeoNames, and lists that state their own figures and years.
    let d = citynet::embedded::embedded().expect("embedded dataset loads");
    for text in ["b", "berl", "saint", "lodz", "germany", "zq"] {
        let light = sifted(&d, text);
        for (at, (net, kept)) in d.networks.iter().zip(&light.networks).enumerate() {
            let (Some(roster), Some(kept)) = (&net.roster, &kept.roster) else {
                continue;
            };
            let full = RosterIndex::new(roster);
            let index = RosterIndex::for_query(kept, text);
            assert_eq!(summary(&index), summary(&full), "{} {text:?}", net.id);
            let all = vec![true; roster.tiers.len()];
            for column in SORTS {
                let sort = Sort {
                    column,
                    ascending: true,
                };
                let want = as_members(roster, rows_of(&d, at, &full, text, &all, sort));
                let got = as_members(kept, rows_of(&light, at, &index, text, &all, sort));
                assert_eq!(got, want, "{} {text:?} {sort:?}", net.id);
            }
        }
    }
}

#[test]
fn one_off_and_sifted_indexes_of_a_roster_split_between_threads_answer_as_the_full_one() {
    // Past `PARALLEL_FROM` twice over: the keys are folded in two halves, and the copy's
    // parts decoded on two threads.
    let d = roster_dataset(2 * citynet_core::parallel::PARALLEL_FROM + 777, 99);
    let roster = d.networks[0].roster.as_ref().expect("a roster");
    let full = RosterIndex::new(roster);
    let all = vec![true; roster.tiers.len()];
    for text in ["berl", "saint", "germany", "zü", "x"] {
        let light = sifted(&d, text);
        let kept = light.networks[0].roster.as_ref().expect("a roster");
        let index = RosterIndex::for_query(kept, text);
        let one_off = RosterIndex::for_query(roster, text);
        assert_eq!(summary(&index), summary(&full), "{text:?}");
        for column in [
            SortColumn::Relevance,
            SortColumn::City,
            SortColumn::Population,
        ] {
            let sort = Sort {
                column,
                ascending: true,
            };
            let want = rows(&d, &full, text, &all, sort);
            assert_eq!(rows(&d, &one_off, text, &all, sort), want, "{text:?}");
            let got = as_members(kept, rows(&light, &index, text, &all, sort));
            assert_eq!(got, as_members(roster, want), "{text:?} {sort:?}");
        }
    }
}
