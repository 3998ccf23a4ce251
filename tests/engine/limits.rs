//! Validation's limits (issue 18): every number a file states is bounded, a roster's tiers
//! fit the index that numbers them, text that terminals misdraw is refused, and every
//! problem has a position found from the file's own structure.

use citynet_core::data::spans::{SourceFile, locate};
use citynet_core::data::{Measure, Tier, parse_dataset, validate};

fn dataset() -> citynet_core::data::Dataset {
    citynet_testdata::roster_dataset(60, 18)
}

#[test]
fn a_figure_of_any_size_is_bounded_by_what_it_counts() {
    for (measure, ok, absurd) in [
        (Measure::Members, 250_000, u64::MAX),
        (Measure::Share, 100, 101),
        (Measure::Countries, 193, 251),
        (Measure::Population, 8_000_000_000, 20_000_000_000),
    ] {
        for (value, refused) in [(ok, false), (absurd, true)] {
            let mut d = dataset();
            let mut f = citynet_core::data::Figure {
                measure,
                value,
                qualifier: Default::default(),
                of: "cities".into(),
                year: None,
                sources: Vec::new(),
            };
            f.year = Some(2024);
            d.networks[0].figures.push(f);
            let problems = validate(&d);
            let hit = problems
                .iter()
                .any(|p| p.message.contains("plausible range"));
            assert_eq!(hit, refused, "{measure:?} {value}: {problems:?}");
        }
    }
}

#[test]
fn more_tiers_than_the_index_can_number_are_refused() {
    let mut d = dataset();
    let roster = d.networks[0].roster.as_mut().expect("a roster");
    let tier = |i: usize| Tier {
        id: format!("t{i}"),
        label: format!("Tier {i}"),
        short: format!("T{i}"),
        description: None,
    };
    roster.tiers = (0..256).map(tier).collect();
    for m in &mut roster.members {
        m.tier = "t255".into();
    }
    assert!(
        !validate(&d).iter().any(|p| p.message.contains("tiers")),
        "256 tiers fit"
    );
    d.networks[0]
        .roster
        .as_mut()
        .expect("a roster")
        .tiers
        .push(tier(256));
    let problems = validate(&d);
    assert!(
        problems.iter().any(|p| p
            .message
            .contains("defines 257 tiers; a roster may define at most 256")),
        "{problems:?}"
    );
}

#[test]
fn text_that_terminals_draw_differently_is_refused() {
    for (bad, noun) in [
        ("\u{200d}", "joiner"),
        ("a\u{200d}", "joiner"),
        ("\u{2028}", "separator"),
        ("\u{2029}", "separator"),
        ("\u{61c}", "bidirectional"),
        ("\u{feff}", "format"),
        ("\u{200b}", "format"),
        ("\u{e0001}", "format"),
        ("\u{fdd0}", "noncharacter"),
        ("\u{ffff}", "noncharacter"),
    ] {
        let mut d = dataset();
        let roster = d.networks[0].roster.as_mut().expect("a roster");
        roster.members[3].name.push_str(bad);
        let problems = validate(&d);
        assert!(
            problems
                .iter()
                .any(|p| p.message.contains(noun) && p.char_at.is_some()),
            "{bad:?}: {problems:?}"
        );
    }
    // Joiners between letters (Persian, the Indic scripts, emoji) are text, not hazards.
    let mut d = dataset();
    let roster = d.networks[0].roster.as_mut().expect("a roster");
    roster.members[3].aka.push("می\u{200c}خواهم".into());
    roster.members[3].aka.push("👩\u{200d}🔬".into());
    roster.members[3].aka.push("Deutschland 🇩🇪".into());
    assert_eq!(validate(&d), []);
}

#[test]
fn every_problem_in_a_large_file_is_located_at_its_member() {
    let mut d = citynet_testdata::roster_dataset(3000, 7);
    let roster = d.networks[0].roster.as_mut().expect("a roster");
    // Every 97th member gets a wrong country, and its name is given earlier in the file
    // as another member's other name, where a text search would have found it.
    let broken: Vec<usize> = (1..roster.members.len()).step_by(97).collect();
    for &i in &broken {
        let name = roster.members[i].name.clone();
        roster.members[i - 1].aka.push(name);
        roster.members[i].country = "QQ".into();
    }
    let text = citynet_testdata::to_ron(&d).expect("writes RON");
    let parsed = parse_dataset("big.ron", &text).expect("parses");
    let problems = validate(&parsed);
    let wrong: Vec<_> = problems
        .iter()
        .filter(|p| p.message.contains("`QQ`"))
        .collect();
    assert_eq!(wrong.len(), broken.len(), "{problems:?}");
    let files = [SourceFile {
        name: "big.ron",
        text: &text,
        holds: Vec::new(),
    }];
    let all: Vec<_> = problems.clone();
    for (p, at) in all.iter().zip(locate(&all, &files)) {
        let (line, _) = at.position.unwrap_or_else(|| panic!("no position for {p}"));
        if p.message.contains("`QQ`") {
            let l = text.lines().nth(line - 1).expect("the line");
            assert!(l.contains("QQ"), "{p} at line {line}: {l}");
        }
    }
}
