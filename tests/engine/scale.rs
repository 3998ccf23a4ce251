//! A roster the size of UCLG's (250,000 members), written as a dataset file the way
//! `cargo run --example generate` writes it, loads and validates with no problems, and the
//! member table answers queries over all of it. Correctness only: the timings are in
//! `benches/scale.rs`.

use citynet_core::data::{self, validate};
use citynet_core::roster::{RosterIndex, Sort, SortColumn};
use citynet_core::search::Matcher;
use citynet_testdata::{DEFAULT_SEED, roster_dataset, to_ron};

#[test]
fn a_quarter_of_a_million_members_load_and_validate_cleanly() {
    let generated = roster_dataset(250_000, DEFAULT_SEED);
    let text = to_ron(&generated).expect("writes RON");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("big.ron");
    std::fs::write(&path, &text).expect("writes the file");

    let loaded = data::load_file(&path).expect("the generated file loads");
    let problems = validate(&loaded);
    assert!(
        problems.is_empty(),
        "{} problem(s), the first: {}",
        problems.len(),
        problems[0]
    );
    let roster = loaded.networks[0].roster.as_ref().expect("a roster");
    assert_eq!(roster.members.len(), 250_000);
    assert_eq!(loaded, generated, "what was written is what is read");

    let index = RosterIndex::new(roster);
    let matcher = Matcher::default();
    let all = vec![true; roster.tiers.len()];
    let everyone = index.query(&matcher, "", &all, Sort::default(), None);
    assert_eq!(everyone.len(), 250_000);
    let relevance = Sort {
        column: SortColumn::Relevance,
        ascending: true,
    };
    let b = index.query(&matcher, "b", &all, relevance, None);
    assert!(b.len() > 50_000, "{} rows match `b`", b.len());
    assert!(b.windows(2).all(|w| w[0].score >= w[1].score));
}
