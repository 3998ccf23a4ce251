//! A large dataset file's member lists are parsed on every core (`data::split`). That way
//! must give exactly what ron's own serial parse gives, or give up and leave the file to
//! it: it may never return a different dataset, and never accept a file ron refuses.

use citynet_core::data::parse::ron_options;
use citynet_core::data::{Dataset, Member, MemberKind, parse_dataset, split};
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
    for threads in [1, 2, 3, 8] {
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
        for (threads, min_piece) in [
            (1, 1),
            (2, 1),
            (2, 10_000),
            (4, 1_000),
            (2, split::MIN_PIECE),
        ] {
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
        threads in 1usize..3,
    ) {
        let at = (0..=at).rev().find(|&i| TRICKY.is_char_boundary(i)).unwrap_or(0);
        let end = (at + cut..=TRICKY.len()).find(|&i| TRICKY.is_char_boundary(i)).unwrap_or(TRICKY.len());
        let text = format!("{}{insert}{}", &TRICKY[..at], &TRICKY[end..]);
        if let Some(split) = split::parse(&text, threads, min_piece) {
            prop_assert!(Some(split) == serial(&text), "read differently: {:?}", text);
        }
    }
}

/// ron's own reading of a run of list entries, between the brackets of a list.
fn ron_entries(text: &str) -> Option<Vec<Member>> {
    ron_options().from_str(&format!("[{text}]")).ok()
}

/// Pieces of text a name may hold that RON writes escaped, or that look like RON.
const AWKWARD: &[&str] = &[
    "a",
    "Z",
    "é",
    "ü",
    "ł",
    " ",
    "\"",
    "\\",
    "'",
    "\n",
    "\t",
    "\r",
    "\0",
    "\u{1}",
    "\u{7f}",
    "\u{307}",
    "\u{200b}",
    "\u{85}",
    "\u{1F600}",
    "{",
    "}",
    "(",
    ")",
    "[",
    "]",
    ",",
    ":",
    "//",
    "/*",
    "r#\"",
    "None",
    "Some(",
    "\\u{e9}",
];

fn awkward_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(AWKWARD), 0..6).prop_map(|p| p.concat())
}

fn any_float() -> impl Strategy<Value = f64> {
    prop_oneof![
        -90.0f64..90.0,
        prop::sample::select(vec![0.0, -0.0, 1.0, -180.0, 1e300, -2.5e-300, 5e-324, 0.1]),
        (-1000i32..1000).prop_map(f64::from),
    ]
}

prop_compose! {
    fn any_member()(
        name in awkward_text(),
        country in prop::sample::select(vec!["DE", "FR", "", "d\"e"]),
        tier in awkward_text(),
        lat in any_float(),
        lon in any_float(),
        aka in prop::collection::vec(awkward_text(), 0..3),
        kind in prop::sample::select(vec![
            MemberKind::City, MemberKind::Metropolitan, MemberKind::Region,
            MemberKind::District, MemberKind::Community, MemberKind::Group,
        ]),
        population in prop::option::of(any::<u64>()),
        since in prop::option::of(any::<u16>()),
        joined in prop::option::of(awkward_text()),
        id in prop::option::of(awkward_text()),
        placeholder in any::<bool>(),
        geonames in prop::option::of(any::<u32>()),
        main_city in prop::option::of(any::<u32>()),
    ) -> Member {
        Member {
            name: name.into(),
            country: country.into(),
            tier: tier.into(),
            lat,
            lon,
            aka: aka.into_iter().map(Into::into).collect(),
            kind,
            population,
            since,
            joined: joined.map(Into::into),
            id: id.map(Into::into),
            placeholder,
            geonames,
            main_city,
        }
    }
}

/// A list's entries as ron writes them, pretty or compact, without the brackets.
fn written(members: &[Member], pretty: bool) -> String {
    let text = if pretty {
        ron::ser::to_string_pretty(members, ron::ser::PrettyConfig::default())
    } else {
        ron::ser::to_string(members)
    }
    .expect("writes RON");
    let inner = text.trim();
    inner[1..inner.len() - 1].to_string()
}

/// One entry with every field, written by hand the ways people write them.
const ENTRY: &str = r#"(name: "Say \"hi\" i\u{307}", country: "DE", tier: "full", lat: -52.5, lon: 1.5e1,
    aka: ["B\\n", "C",], kind: region, population: Some(1200), since: 1999, joined: "1999-02-03",
    id: None, placeholder: true, geonames: 42, main_city: Some( 7 ), // a comment
),
(lon: 0.0, lat: 12, tier: "t", country: "IT", name: "Rome")"#;

#[test]
fn plain_entries_are_read_straight_and_as_ron_reads_them() {
    let got = split::plain_entries(ENTRY).expect("the plain form is read straight");
    assert_eq!(Some(got), ron_entries(ENTRY));
    // What the generator writes, which is what a large file holds, never falls back.
    let dataset = roster_dataset(3_000, 7);
    for roster in dataset.networks.iter().filter_map(|n| n.roster.as_ref()) {
        for pretty in [true, false] {
            let text = written(&roster.members, pretty);
            let got = split::plain_entries(&text);
            assert!(got.is_some(), "read straight");
            assert!(got.as_deref() == Some(&roster.members[..]));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    /// Members with anything in their text and any figures, as ron writes them: read
    /// straight, they come back as they were, and a text without control characters
    /// (which ron writes escaped in ways not read straight) is always read straight.
    #[test]
    fn any_member_written_by_ron_reads_back_the_same(
        members in prop::collection::vec(any_member(), 0..4),
        pretty in any::<bool>(),
    ) {
        let text = written(&members, pretty);
        let got = split::plain_entries(&text);
        if let Some(got) = &got {
            prop_assert!(got == &members, "read differently: {text}");
        }
        let plain = |s: &str| !s.chars().any(|c| c.is_control() && !"\n\t\r\0".contains(c));
        let all_plain = members.iter().all(|m| {
            plain(&m.name) && plain(&m.tier) && plain(&m.country) && m.aka.iter().all(|a| plain(a))
                && m.joined.as_deref().is_none_or(plain) && m.id.as_deref().is_none_or(plain)
        });
        prop_assert!(!all_plain || got.is_some(), "not read straight: {text}");
    }

    /// Whatever is cut out of the hand-written entries or typed into them: read
    /// straight, they are read as ron reads them, or left to ron.
    #[test]
    fn damaged_entries_are_never_read_differently(
        at in 0usize..ENTRY.len(),
        cut in 0usize..4,
        insert in prop::sample::select(vec![
            "", "\"", "\\", "'", "/", "//", "/*", "*/", "\n", ",", ":", "(", ")", "[", "]", "-",
            "+", ".", "_", "e", "0", "9", "x", "é", "{", "}", "u{", "Some(", "None", "true",
            "r#", "lat: 1.0", "name: \"x\"", "kind: city", "\\u{", "0x", "inf", "NaN",
        ]),
    ) {
        let at = (0..=at).rev().find(|&i| ENTRY.is_char_boundary(i)).unwrap_or(0);
        let end = (at + cut..=ENTRY.len()).find(|&i| ENTRY.is_char_boundary(i)).unwrap_or(ENTRY.len());
        let text = format!("{}{insert}{}", &ENTRY[..at], &ENTRY[end..]);
        if let Some(got) = split::plain_entries(&text) {
            prop_assert!(Some(got) == ron_entries(&text), "read differently: {:?}", text);
        }
    }
}
