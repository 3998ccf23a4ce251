//! A large dataset file's member lists are parsed on every core (`data::split`). That way
//! must give exactly what ron's own serial parse gives, or give up and leave the file to
//! it: it may never return a different dataset, and never accept a file ron refuses.

use citynet_core::data::parse::ron_options;
use citynet_core::data::{Dataset, parse_dataset, split};
use citynet_testdata::{pivot_dataset, roster_dataset, to_ron};
use proptest::prelude::*;

fn serial(text: &str) -> Option<Dataset> {
    ron_options().from_str(text).ok()
}

/// Fails with the first difference rather than both datasets whole (they can be large).
fn assert_same(got: Option<Dataset>, want: &Dataset, case: &str) {
    let Some(got) = got else {
        panic!("{case}: the split way gave up");
    };
    if &got == want {
        return;
    }
    let members = |d: &Dataset| -> Vec<_> {
        d.networks
            .iter()
            .flat_map(|n| n.roster.iter().flat_map(|r| r.members.iter()))
            .cloned()
            .collect()
    };
    let (g, w) = (members(&got), members(want));
    let first = g.iter().zip(&w).position(|(a, b)| a != b);
    panic!(
        "{case}: {} members against {}; first different: {:?}",
        g.len(),
        w.len(),
        first.map(|i| (&g[i], &w[i]))
    );
}

/// Two rosters written by hand, with everything in their lists a naive split would trip
/// on: brackets, commas and quotes inside strings, raw strings, escapes, line and nested
/// block comments between entries, a raw identifier, trailing commas, an empty list.
const TRICKY: &str = r###"// members: [ this comment is not a list
(
    title: "Tricky members: [ ]",
    as_of: "2024",
    sources: [(id: "notes", title: "Notes, (with) [brackets]", publisher: "tests")],
    networks: [
        (
            id: "first",
            name: "First",
            scope: Global,
            themes: [culture],
            summary: "members: [\"not\", \"a list\"]",
            sources: ["notes"],
            roster: (
                sources: ["notes"],
                as_of: "2024",
                completeness: Complete,
                tiers: [(id: "core", label: "Core", short: "Core")],
                members : /* ] */ [
                    (name: "A, (]) \"quoted\"", country: "PL", tier: "core", lat: 54.35, lon: 18.65),
                    // a line comment with ], ( and " in it
                    (name: r#"Raw "], [("#, country: "DE", tier: "core", lat: 52.52, lon: 13.40,
                        aka: ["One, two", r"C:\", "back\\slash"]),
                    /* a block /* nested ] */ comment, ( */ (name: "Ünïcødé ,", country: "FR",
                        tier: "core", lat: 48.86, lon: 2.35, r#kind: region),
                    // it's a comment with a lone quote
                    (name: "L'Aquila ' (" , country: "IT", tier: "core", lat: 42.35, lon: 13.4),
                ],
            ),
        ),
        (
            id: "second",
            name: "Second",
            scope: Global,
            themes: [climate],
            summary: "Second.",
            sources: ["notes"],
            roster: (
                sources: ["notes"],
                as_of: "2024",
                completeness: Complete,
                tiers: [(id: "core", label: "Core", short: "Core")],
                members: [],
            ),
        ),
        (
            id: "third",
            name: "Third",
            scope: Global,
            themes: [climate],
            summary: "Third.",
            sources: ["notes"],
            roster: Some((
                sources: ["notes"],
                as_of: "2024",
                completeness: Complete,
                tiers: [(id: "core", label: "Core", short: "Core")],
                members: [(name: "Last", country: "ES", tier: "core", lat: 40.42, lon: -3.70,),],
            )),
        ),
    ],
)
"###;

#[test]
fn the_tricky_file_parses_the_same_both_ways_whatever_the_pieces() {
    let expected = serial(TRICKY).expect("ron parses the tricky file");
    let rosters: Vec<usize> = expected
        .networks
        .iter()
        .filter_map(|n| Some(n.roster.as_ref()?.members.len()))
        .collect();
    assert_eq!(rosters, [4, 0, 1]);
    for threads in [2, 3, 8] {
        for min_piece in [1, 40, 200, usize::MAX] {
            let split = split::parse(TRICKY, threads, min_piece);
            assert_same(split, &expected, &format!("{threads} threads, {min_piece}"));
        }
    }
}

#[test]
fn generated_rosters_parse_the_same_both_ways() {
    for dataset in [roster_dataset(3_000, 11), pivot_dataset(3_000, 3, 5)] {
        let text = to_ron(&dataset).expect("writes RON");
        assert_same(serial(&text), &dataset, "the generator round-trips");
        for (threads, min_piece) in [(2, 1), (2, 10_000), (4, 1_000), (2, split::MIN_PIECE)] {
            let split = split::parse(&text, threads, min_piece);
            assert_same(split, &dataset, &format!("{threads} threads, {min_piece}"));
        }
    }
}

#[test]
fn a_large_file_takes_the_split_way_and_a_broken_one_still_gets_rons_error() {
    let text = to_ron(&roster_dataset(20_000, 3)).expect("writes RON");
    assert!(text.len() >= split::MIN_BYTES, "{} bytes", text.len());
    let split = split::parse(&text, 2, split::MIN_PIECE).expect("the split way applies");
    assert_same(
        parse_dataset("big.ron", &text).ok(),
        &split,
        "parse_dataset",
    );

    // One member's latitude broken near the end: the pieces fail, and the error is the
    // serial parse's, with the line the mistake is on.
    let at = text.rfind("lat: ").expect("a latitude");
    let broken = format!("{}lat: north{}", &text[..at], &text[at + "lat: ".len()..]);
    let line = broken[..at].matches('\n').count() + 1;
    let e = parse_dataset("big.ron", &broken).expect_err("refused");
    assert_eq!(e.position.map(|(l, _)| l), Some(line), "{e}");
    assert_eq!(e.file, "big.ron");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    /// Whatever is cut out of the tricky file or typed into it: the split way either gives
    /// up or agrees with ron.
    #[test]
    fn a_damaged_file_is_never_read_differently(
        at in 0usize..TRICKY.len(),
        cut in 0usize..6,
        insert in prop::sample::select(vec!["", "\"", "'", "/", "*", "#", "r", "[", "]", "(", ")", ",", "\\", "//", "/*", "*/", "r#\"", "members: ["]),
        min_piece in prop::sample::select(vec![1usize, 60, usize::MAX]),
    ) {
        let at = (0..=at).rev().find(|&i| TRICKY.is_char_boundary(i)).unwrap_or(0);
        let end = (at + cut..=TRICKY.len()).find(|&i| TRICKY.is_char_boundary(i)).unwrap_or(TRICKY.len());
        let text = format!("{}{insert}{}", &TRICKY[..at], &TRICKY[end..]);
        if let Some(split) = split::parse(&text, 2, min_piece) {
            prop_assert!(Some(split) == serial(&text), "read differently: {:?}", text);
        }
    }
}
