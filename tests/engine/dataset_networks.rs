//! The embedded directory against its sources.
//!
//! The tables below are written from the seed documents (copied into
//! `tests/fixtures/seeds/`), not from `assets/directory.ron`, so a number mistyped in the
//! data file fails here.

use std::collections::HashSet;

use citynet::embedded::embedded;
use citynet_core::data::{Dataset, Figure, Measure, Network, Qualifier, Scope, validate};

use Measure::{Cities, Count, Countries, Members, Participants, Population, Share};
use Qualifier::{Almost, Exact, Hundreds, MoreThan, Nearly, Over};

/// The seed documents, compiled in: the tests never read outside the repository.
const SEEDS: [(&str, &str); 3] = [
    (
        "000 directory",
        include_str!("../fixtures/seeds/000_443a37c5b7c3a249.txt"),
    ),
    (
        "001 eurocities about",
        include_str!("../fixtures/seeds/001_05c9af1694ba86cd.txt"),
    ),
    (
        "002 encyclopedia",
        include_str!("../fixtures/seeds/002_61132321227a30aa.txt"),
    ),
];

/// The sources this file's figures come from. Figures another source supplies (a roster
/// site, added later) are outside the tables below.
const OUR_SOURCES: [&str; 3] = [
    "gch-directory",
    "eurocities-about",
    "encyclopedia-eurocities",
];

/// The 30 networks of the directory, in its order.
const IDS: [&str; 30] = [
    "c40",
    "cities-alliance",
    "ccdr",
    "climate-alliance",
    "covenant-of-mayors",
    "energy-cities",
    "eurocities",
    "fmdv",
    "gpm",
    "human-rights-cities",
    "iclei",
    "aimf",
    "icorn",
    "leading-cities",
    "mcr2030",
    "mmc",
    "metropolis",
    "oasc",
    "healthy-cities-partnership",
    "peace-in-our-cities",
    "platforma",
    "rainbow-cities",
    "regions4",
    "r-cities",
    "uccn",
    "gnlc",
    "uclg",
    "who-healthy-cities",
    "gnafcc",
    "wego",
];

/// Every figure the sources state, as they state it.
const FIGURES: &[(&str, Measure, u64, Qualifier)] = &[
    // "a network of nearly 100 cities"
    ("c40", Members, 100, Nearly),
    // "more than 2000 members in 28 countries"
    ("climate-alliance", Members, 2000, MoreThan),
    ("climate-alliance", Countries, 28, Exact),
    // "over 10,000 cities and towns"
    ("covenant-of-mayors", Members, 10_000, Over),
    // "hundreds of local governments from 30 different countries"
    ("energy-cities", Members, 100, Hundreds),
    ("energy-cities", Countries, 30, Exact),
    // "more than 200 major European cities in 38 countries, representing 150 million
    // people" (000); "more than 150 million people", "one quarter of Europe's population",
    // "6,000 politicians, experts and officials" (001); "over 130 million people" (002)
    // Each source's own wording: "more than 200" (000), "over 200" (001 and 002).
    ("eurocities", Members, 200, MoreThan),
    ("eurocities", Members, 200, Over),
    ("eurocities", Members, 200, Over),
    ("eurocities", Countries, 38, Exact),
    // "150 million" (000, no qualifier), "more than 150 million" (001).
    ("eurocities", Population, 150_000_000, Exact),
    ("eurocities", Population, 150_000_000, MoreThan),
    ("eurocities", Population, 130_000_000, Over),
    ("eurocities", Share, 25, Exact),
    ("eurocities", Participants, 6_000, Exact),
    // "more than 2500 local and regional governments", "more than 125 countries"
    ("iclei", Members, 2500, MoreThan),
    ("iclei", Countries, 125, MoreThan),
    // "In 2025, the AIMF had 345 members in 56 countries"
    ("aimf", Members, 345, Exact),
    ("aimf", Countries, 56, Exact),
    // "more than 90 cities across Europe and the Americas"
    ("icorn", Members, 90, MoreThan),
    // "more than 160 cities and 700 million inhabitants"
    ("metropolis", Members, 160, MoreThan),
    ("metropolis", Population, 700_000_000, Exact),
    // "more than 190 cities are members, in 40 countries"
    ("oasc", Members, 190, MoreThan),
    ("oasc", Countries, 40, Exact),
    // "one of 14 possible fields of risk"
    ("healthy-cities-partnership", Count, 14, Exact),
    // "more than 200 local and regional governments"
    ("regions4", Members, 200, MoreThan),
    // "almost 100 cities and more than 40 countries"
    ("r-cities", Members, 100, Almost),
    ("r-cities", Countries, 40, MoreThan),
    // "more than 400 cities"
    ("uccn", Members, 400, MoreThan),
    // "250,000 members in over 140 States, represents 70% of the world's population"
    ("uclg", Members, 250_000, Exact),
    ("uclg", Countries, 140, Over),
    ("uclg", Share, 70, Exact),
    // "More than 1700 cities from more than 57 countries"
    ("gnafcc", Members, 1700, MoreThan),
    ("gnafcc", Countries, 57, MoreThan),
];

/// Founding years the sources state.
const FOUNDED: &[(&str, u16)] = &[
    ("eurocities", 1986),
    ("aimf", 1979),
    ("leading-cities", 2008),
    ("regions4", 2002),
    ("uccn", 2004),
    ("who-healthy-cities", 1988),
    ("gnafcc", 2010),
];

/// Organisations the directory ties a network to (a word of the affiliation's name).
const AFFILIATIONS: &[(&str, &str)] = &[
    ("covenant-of-mayors", "European Commission"),
    ("mcr2030", "UNDRR"),
    ("mmc", "Global Cities Fund"),
    ("healthy-cities-partnership", "Bloomberg Philanthropies"),
    ("healthy-cities-partnership", "World Health Organization"),
    ("healthy-cities-partnership", "Vital Strategies"),
    ("regions4", "World Summit on Sustainable Development"),
    ("r-cities", "100 Resilient Cities"),
    ("r-cities", "Rockefeller Foundation"),
    ("uccn", "UNESCO"),
    ("gnlc", "UNESCO"),
    ("who-healthy-cities", "World Health Organization"),
    ("gnafcc", "World Health Organization"),
];

/// Acronyms and usual short forms.
const SHORT_NAMES: &[(&str, &str)] = &[
    ("c40", "C40"),
    ("iclei", "ICLEI"),
    ("aimf", "AIMF"),
    ("icorn", "ICORN"),
    ("mcr2030", "MCR2030"),
    ("mmc", "MMC"),
    ("oasc", "OASC"),
    ("gpm", "GPM"),
    ("fmdv", "FMDV"),
    ("r-cities", "R-Cities"),
    ("uccn", "UCCN"),
    ("gnlc", "GNLC"),
    ("uclg", "UCLG"),
    ("gnafcc", "GNAFCC"),
    ("wego", "WeGO"),
];

fn dataset() -> Dataset {
    embedded().unwrap_or_else(|e| panic!("the embedded dataset does not parse: {e}"))
}

fn network<'a>(d: &'a Dataset, id: &str) -> &'a Network {
    d.networks
        .iter()
        .find(|n| n.id == id)
        .unwrap_or_else(|| panic!("no network `{id}`"))
}

/// Whether a figure comes from this file's sources (those without their own `sources`
/// come from the network's).
fn ours(f: &Figure) -> bool {
    f.sources.is_empty() || f.sources.iter().any(|s| OUR_SOURCES.contains(&s.as_str()))
}

fn describe(f: &Figure) -> String {
    format!("{} {:?} ({})", f.measure.label(), f.qualifier, f.phrase())
}

#[test]
fn the_embedded_dataset_parses_and_validates() {
    let d = dataset();
    let problems = validate(&d);
    for p in &problems {
        eprintln!("{p}");
    }
    assert!(
        problems.is_empty(),
        "{} validation problems",
        problems.len()
    );
    assert_eq!(d.as_of, "2026-12-02");
    assert_eq!(d.newest_read(), "2026-12-02");
    assert!(!d.title.trim().is_empty());
}

#[test]
fn the_three_seed_sources_come_first() {
    let d = dataset();
    let got: Vec<(&str, &str)> = d
        .sources
        .iter()
        .take(3)
        .map(|s| (s.id.as_str(), s.publisher.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("gch-directory", "Global Cities Hub (Geneva Cities Hub)"),
            ("eurocities-about", "Eurocities"),
            ("encyclopedia-eurocities", "Wikipedia"),
        ]
    );
    for s in d.sources.iter().take(3) {
        assert!(
            s.note.as_deref().is_some_and(|n| !n.trim().is_empty()),
            "source {} says nothing of what it is",
            s.id
        );
    }
}

#[test]
fn all_thirty_networks_in_directory_order() {
    let d = dataset();
    let ids: Vec<&str> = d.networks.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids, IDS);
    let unique: HashSet<&str> = ids.iter().copied().collect();
    assert_eq!(unique.len(), 30);
}

#[test]
fn every_network_cites_the_directory() {
    let d = dataset();
    for n in &d.networks {
        assert!(
            n.sources.iter().any(|s| s == "gch-directory"),
            "{} does not cite gch-directory",
            n.id
        );
    }
    assert_eq!(
        network(&d, "eurocities").sources,
        [
            "gch-directory",
            "eurocities-about",
            "encyclopedia-eurocities"
        ]
    );
}

#[test]
fn every_stated_figure_is_there_and_nothing_else() {
    let d = dataset();
    let mut failures = Vec::new();
    for id in IDS {
        let n = network(&d, id);
        let mut left: Vec<&Figure> = n.figures.iter().filter(|f| ours(f)).collect();
        for &(_, measure, value, qualifier) in FIGURES.iter().filter(|(fid, ..)| *fid == id) {
            match left
                .iter()
                .position(|f| f.measure == measure && f.value == value && f.qualifier == qualifier)
            {
                Some(i) => {
                    left.remove(i);
                }
                None => failures.push(format!(
                    "{id}: missing {} {value} {qualifier:?}",
                    measure.label()
                )),
            }
        }
        for f in left {
            failures.push(format!("{id}: figure not in the sources: {}", describe(f)));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn figures_say_what_they_count() {
    let d = dataset();
    for n in &d.networks {
        for f in n
            .figures
            .iter()
            .chain(n.targets.iter().flat_map(|t| &t.figures))
        {
            assert!(
                !f.of.trim().is_empty(),
                "{}: {} counts nothing",
                n.id,
                describe(f)
            );
        }
    }
}

#[test]
fn dated_and_qualified_figures_keep_their_wording() {
    let d = dataset();
    let aimf = network(&d, "aimf");
    for f in &aimf.figures {
        assert_eq!(
            f.year,
            Some(2025),
            "aimf: {} is not dated 2025",
            describe(f)
        );
    }
    let uclg = network(&d, "uclg");
    let share = uclg
        .figures
        .iter()
        .find(|f| f.measure == Share)
        .expect("uclg share");
    assert_eq!(share.phrase(), "70% of the world's population");
    let energy = network(&d, "energy-cities");
    assert_eq!(
        energy.member_figure().map(Figure::phrase).as_deref(),
        Some("hundreds of local governments")
    );
    let c40 = network(&d, "c40");
    assert_eq!(
        c40.member_figure().map(Figure::phrase).as_deref(),
        Some("nearly 100 cities")
    );
}

#[test]
fn stated_targets() {
    let d = dataset();
    let ca = network(&d, "cities-alliance");
    assert_eq!(ca.targets.len(), 1, "cities-alliance: one target");
    let t = &ca.targets[0];
    assert_eq!(t.by, 2030);
    assert!(t.goal.to_lowercase().contains("lives"), "goal: {}", t.goal);
    let got: Vec<(Measure, u64, Qualifier)> = t
        .figures
        .iter()
        .map(|f| (f.measure, f.value, f.qualifier))
        .collect();
    assert_eq!(
        got,
        [
            (Population, 60_000_000, Exact),
            (Cities, 200, Exact),
            (Countries, 20, Exact),
        ]
    );

    let peace = network(&d, "peace-in-our-cities");
    assert_eq!(peace.targets.len(), 1, "peace-in-our-cities: one target");
    let t = &peace.targets[0];
    assert_eq!(t.by, 2030);
    assert!(t.goal.to_lowercase().contains("halve"), "goal: {}", t.goal);
    let got: Vec<(Measure, u64, Qualifier)> = t
        .figures
        .iter()
        .map(|f| (f.measure, f.value, f.qualifier))
        .collect();
    assert_eq!(got, [(Share, 50, Exact)]);

    for n in &d.networks {
        if !matches!(n.id.as_str(), "cities-alliance" | "peace-in-our-cities") {
            assert!(
                n.targets.is_empty(),
                "{}: a target the sources do not state",
                n.id
            );
        }
    }
}

#[test]
fn stated_founding_years() {
    let d = dataset();
    for &(id, year) in FOUNDED {
        assert!(
            network(&d, id).founded.iter().any(|f| f.value == year),
            "{id} founded"
        );
    }
}

#[test]
fn named_affiliations() {
    let d = dataset();
    for &(id, name) in AFFILIATIONS {
        let n = network(&d, id);
        assert!(
            n.affiliations.iter().any(|a| a.name.contains(name)),
            "{id}: no affiliation with {name}"
        );
    }
}

#[test]
fn names_short_names_and_scopes() {
    let d = dataset();
    for &(id, short) in SHORT_NAMES {
        assert_eq!(network(&d, id).short_name.as_deref(), Some(short), "{id}");
    }
    assert_eq!(
        network(&d, "iclei").name,
        "ICLEI – Local Governments for Sustainability"
    );
    assert_eq!(
        network(&d, "fmdv").name,
        "Global Fund for Cities Development"
    );
    assert_eq!(network(&d, "rainbow-cities").name, "Rainbow Cities Network");
    assert_eq!(
        network(&d, "icorn").scope,
        Scope::Regional("Europe and the Americas".into())
    );
    for id in [
        "eurocities",
        "climate-alliance",
        "covenant-of-mayors",
        "platforma",
    ] {
        assert_eq!(network(&d, id).scope, Scope::Europe, "{id}");
    }
    for id in ["c40", "iclei", "uclg", "metropolis", "uccn"] {
        assert_eq!(network(&d, id).scope, Scope::Global, "{id}");
    }
    for n in &d.networks {
        assert!(
            n.members_are
                .as_deref()
                .is_some_and(|m| !m.trim().is_empty()),
            "{}: who are the members?",
            n.id
        );
        for w in &n.website {
            let url = &w.value;
            assert!(
                url.starts_with("https://") || url.starts_with("http://"),
                "{}: {url}",
                n.id
            );
        }
    }
}

#[test]
fn eurocities_keeps_both_population_figures_with_their_sources() {
    let d = dataset();
    let e = network(&d, "eurocities");
    let pops: Vec<&Figure> = e
        .figures
        .iter()
        .filter(|f| f.measure == Population)
        .collect();
    assert_eq!(pops.len(), 3, "three population figures, one per wording");
    // The directory says "150 million" with no qualifier; only the About page says
    // "more than": neither source's wording is put on the other.
    let plain = pops
        .iter()
        .find(|f| f.value == 150_000_000 && f.qualifier == Exact)
        .expect("150 million, unqualified");
    assert_eq!(plain.sources, ["gch-directory"]);
    let more = pops
        .iter()
        .find(|f| f.value == 150_000_000 && f.qualifier == MoreThan)
        .expect("more than 150 million");
    assert_eq!(more.sources, ["eurocities-about"]);
    let p130 = pops
        .iter()
        .find(|f| f.value == 130_000_000)
        .expect("130 million");
    assert_eq!(p130.qualifier, Over);
    assert_eq!(p130.sources, ["encyclopedia-eurocities"]);

    let members = e.member_figure().expect("member figure");
    assert_eq!(members.sources, ["gch-directory"]);
    assert_eq!(members.qualifier, MoreThan);
    let participants = e
        .figures
        .iter()
        .find(|f| f.measure == Participants)
        .expect("participants");
    assert_eq!(participants.of, "politicians, experts and officials");
}

#[test]
fn eurocities_profile() {
    let d = dataset();
    let e = network(&d, "eurocities");
    assert_eq!(e.first_founded(), Some(1986));
    let p = e.profile.as_ref().expect("eurocities has a profile");
    assert_eq!(
        p.founding_members,
        [
            "Barcelona",
            "Birmingham",
            "Frankfurt",
            "Lyon",
            "Milan",
            "Rotterdam"
        ]
    );
    assert_eq!(p.secretariat.as_deref(), Some("Brussels, Belgium"));
    let leaders: Vec<(&str, &str)> = p
        .leaders
        .iter()
        .map(|l| (l.role.as_str(), l.name.as_str()))
        .collect();
    assert_eq!(
        leaders,
        [
            ("President", "Burkhard Jung"),
            ("Secretary general", "André Sobczak")
        ]
    );

    let exec = p
        .governance
        .iter()
        .find(|b| b.name.to_lowercase().contains("executive committee"))
        .expect("executive committee");
    assert_eq!(exec.seats, Some(12));
    assert_eq!(exec.meets_per_year_at_least, Some(3));
    assert_eq!(
        exec.composition.as_deref(),
        Some("12 elected cities and their mayors")
    );
    assert!(
        p.governance
            .iter()
            .any(|b| b.name.to_lowercase().contains("annual general meeting")),
        "annual general meeting"
    );

    assert_eq!(
        p.thematic_areas,
        [
            "governance",
            "climate and environment",
            "digital transformation",
            "culture",
            "food",
            "mobility",
            "migration",
            "social affairs",
            "economic development",
        ]
    );
    assert_eq!(p.forums, Some(6));
    assert_eq!(p.working_groups, Some(40));
    assert_eq!(p.projects, Some(29));
    assert_eq!(p.projects_note.as_deref(), Some("mostly EU-funded"));

    let rules: Vec<(Option<&str>, Option<u64>)> = p
        .membership_rules
        .iter()
        .map(|r| (r.tier.as_deref(), r.min_population))
        .collect();
    assert_eq!(
        rules,
        [
            (Some("full"), Some(250_000)),
            (Some("associate"), Some(250_000)),
            (Some("partner"), Some(50_000)),
            (None, None),
        ]
    );
    assert_eq!(p.membership_rules[3].label, "Associated business partner");

    let activities: Vec<&str> = p.activities.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(
        activities,
        [
            "Advocacy",
            "Insights",
            "Sharing of best practices",
            "Training"
        ]
    );
    assert_eq!(p.sources.thematic_areas, ["eurocities-about"]);
    assert_eq!(p.sources.founding_members, ["encyclopedia-eurocities"]);
}

/// Sentences: runs of text ended by `.`, `!` or `?` followed by a space or the end.
/// A decimal point ("1.5") does not end one.
fn sentences(text: &str) -> usize {
    let chars: Vec<char> = text.trim().chars().collect();
    chars
        .iter()
        .enumerate()
        .filter(|&(i, c)| {
            matches!(c, '.' | '!' | '?') && chars.get(i + 1).is_none_or(|n| n.is_whitespace())
        })
        .count()
}

#[test]
fn every_network_has_themes_and_a_short_summary() {
    let d = dataset();
    for n in &d.networks {
        assert!(!n.themes.is_empty(), "{}: no themes", n.id);
        let s = n.summary.trim();
        assert!(
            s.ends_with('.'),
            "{}: summary does not end a sentence",
            n.id
        );
        let count = sentences(s);
        assert!(
            (2..=4).contains(&count),
            "{}: summary has {count} sentences, want 2 to 4: {s}",
            n.id
        );
    }
}

/// Lowercase words, punctuation dropped: apostrophes vanish ("world's" -> "worlds"),
/// separators inside numbers vanish ("2,500" -> "2500"), anything else splits words.
fn words(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut cleaned = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let between_digits = i > 0
            && chars[i - 1].is_ascii_digit()
            && chars.get(i + 1).is_some_and(char::is_ascii_digit);
        if c.is_alphanumeric() {
            cleaned.extend(c.to_lowercase());
        } else if matches!(c, '\'' | '\u{2019}' | '\u{2018}')
            || (matches!(c, ',' | '.') && between_digits)
        {
            // joined
        } else {
            cleaned.push(' ');
        }
    }
    cleaned.split_whitespace().map(String::from).collect()
}

const RUN: usize = 8;

#[test]
fn normalising_ignores_case_and_punctuation() {
    assert_eq!(
        words("UCLG, with 250,000 members: 70% of the World’s population."),
        [
            "uclg",
            "with",
            "250000",
            "members",
            "70",
            "of",
            "the",
            "worlds",
            "population"
        ]
    );
}

/// Every run of `RUN` consecutive words in the seed documents.
fn seed_runs() -> HashSet<Vec<String>> {
    let mut runs = HashSet::new();
    for (_, text) in SEEDS {
        let w = words(text);
        for run in w.windows(RUN) {
            runs.insert(run.to_vec());
        }
    }
    runs
}

/// The first run of `RUN` words `text` shares with the seeds.
fn copied_run(text: &str, seed_runs: &HashSet<Vec<String>>) -> Option<String> {
    let w = words(text);
    w.windows(RUN)
        .find(|run| seed_runs.contains(*run))
        .map(|run| run.join(" "))
}

#[test]
fn the_copy_check_catches_a_copied_phrase() {
    let runs = seed_runs();
    // Lifted from the UCLG paragraph, with its case and punctuation changed.
    let lifted = "Indeed, ucLG — with 250000 Members in over 140 states — REPRESENTS 70 percent.";
    assert_eq!(
        copied_run(lifted, &runs).as_deref(),
        Some("uclg with 250000 members in over 140 states")
    );
    // Seven shared words are not a copy.
    assert_eq!(
        copied_run(
            "Today, with 250,000 members in over 140 States, it grows.",
            &runs
        ),
        None
    );
}

#[test]
fn our_prose_shares_no_run_of_eight_words_with_the_sources() {
    let seed_runs = seed_runs();
    assert!(seed_runs.len() > 1000, "the seed fixtures look empty");

    let d = dataset();
    // Every sentence we wrote: summaries, goals, roles, descriptions, notes.
    let mut prose: Vec<(String, &str)> = Vec::new();
    for s in &d.sources {
        if let Some(note) = &s.note {
            prose.push((format!("source {} note", s.id), note));
        }
    }
    for n in &d.networks {
        prose.push((format!("{} summary", n.id), &n.summary));
        for t in &n.targets {
            prose.push((format!("{} target", n.id), &t.goal));
        }
        for a in &n.affiliations {
            prose.push((format!("{} affiliation {}", n.id, a.name), &a.role));
        }
        if let Some(p) = &n.profile {
            for b in &p.governance {
                prose.push((format!("{} body {}", n.id, b.name), &b.role));
            }
            for r in &p.membership_rules {
                prose.push((format!("{} rule {}", n.id, r.label), &r.who));
            }
            for a in &p.activities {
                prose.push((format!("{} activity {}", n.id, a.name), &a.what));
            }
        }
    }

    let mut copied = Vec::new();
    for (place, text) in &prose {
        if let Some(run) = copied_run(text, &seed_runs) {
            copied.push(format!("{place}: \"{run}\""));
        }
    }
    assert!(
        copied.is_empty(),
        "text copied from the sources:\n{}",
        copied.join("\n")
    );
}

#[test]
fn summaries_are_not_copied_even_from_one_another() {
    // A summary pasted into two networks is a slip, not a paraphrase.
    let d = dataset();
    let mut seen = HashSet::new();
    for n in &d.networks {
        assert!(seen.insert(n.summary.trim()), "{}: summary repeated", n.id);
    }
}
