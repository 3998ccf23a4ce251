//! The Eurocities roster against its source: the encyclopedia article's member tables,
//! copied row by row into `tests/fixtures/eurocities_seed.tsv` (name, tier).

use std::collections::HashMap;

use crate::roster_checks::assert_country_and_two_decimals;

use citynet::embedded::embedded;
use citynet_core::data::{Dataset, Member, MemberKind, Roster, validate};

const SEED: &str = include_str!("../fixtures/eurocities_seed.tsv");

/// The fixture's rows, in order: (name, tier).
fn seed() -> Vec<(&'static str, &'static str)> {
    let mut lines = SEED.lines();
    assert_eq!(lines.next(), Some("name\ttier"), "fixture header");
    lines
        .filter(|l| !l.is_empty())
        .map(|l| {
            let (name, tier) = l
                .split_once('\t')
                .unwrap_or_else(|| panic!("fixture row without a tab: {l:?}"));
            assert!(
                !tier.contains('\t'),
                "fixture row with extra columns: {l:?}"
            );
            (name, tier)
        })
        .collect()
}

fn dataset() -> Dataset {
    embedded().unwrap_or_else(|e| panic!("embedded dataset does not load: {e}"))
}

fn roster(d: &Dataset) -> &Roster {
    d.networks
        .iter()
        .find(|n| n.id == "eurocities")
        .expect("the directory has a eurocities network")
        .roster
        .as_ref()
        .expect("eurocities has a roster")
}

fn member<'a>(r: &'a Roster, name: &str) -> &'a Member {
    let found: Vec<&Member> = r.members.iter().filter(|m| m.name == name).collect();
    assert_eq!(found.len(), 1, "{name} must be in the roster exactly once");
    found[0]
}

fn count(tiers: impl Iterator<Item = &'static str>, tier: &str) -> usize {
    tiers.filter(|t| *t == tier).count()
}

#[test]
fn fixture_has_the_source_tables_rows() {
    let rows = seed();
    assert_eq!(rows.len(), 202);
    assert_eq!(count(rows.iter().map(|r| r.1), "full"), 117);
    assert_eq!(count(rows.iter().map(|r| r.1), "associate"), 32);
    assert_eq!(count(rows.iter().map(|r| r.1), "partner"), 53);
    for (name, tier) in &rows {
        assert!(
            matches!(*tier, "full" | "associate" | "partner"),
            "{name}: tier {tier}"
        );
        assert_eq!(name.trim(), *name, "{name:?} has stray spaces");
        assert!(!name.is_empty());
    }
}

#[test]
fn roster_matches_the_fixture_row_for_row() {
    let d = dataset();
    let r = roster(&d);
    let rows = seed();

    let mut in_roster: HashMap<&str, usize> = HashMap::new();
    for m in &r.members {
        *in_roster.entry(m.name.as_str()).or_default() += 1;
    }
    for (name, tier) in &rows {
        assert_eq!(
            in_roster.get(name).copied(),
            Some(1),
            "{name} must be in the roster exactly once"
        );
        assert_eq!(member(r, name).tier, *tier, "{name}'s tier");
    }
    let in_fixture: HashMap<&str, &str> = rows.iter().copied().collect();
    for m in &r.members {
        assert!(
            in_fixture.contains_key(m.name.as_str()),
            "{} is in the roster but not in the source",
            m.name
        );
    }

    // Same order as the source: the full/associate table, then the partners.
    let names: Vec<&str> = r.members.iter().map(|m| m.name.as_str()).collect();
    let expected: Vec<&str> = rows.iter().map(|r| r.0).collect();
    assert_eq!(names, expected);

    let tiers = || r.members.iter().map(|m| m.tier.as_str());
    assert_eq!(tiers().filter(|t| *t == "full").count(), 117);
    assert_eq!(tiers().filter(|t| *t == "associate").count(), 32);
    assert_eq!(tiers().filter(|t| *t == "partner").count(), 53);
    assert_eq!(r.members.len(), 202);
}

#[test]
fn roster_header_names_its_source_and_tiers() {
    let d = dataset();
    let r = roster(&d);
    assert_eq!(r.sources, ["encyclopedia-eurocities"]);
    // The encyclopedia article is undated; the roster says so rather than invent a year.
    assert_eq!(r.as_of, "undated source, read on 2026-12-02");
    assert_eq!(r.completeness, citynet_core::data::Completeness::Complete);
    let tiers: Vec<(&str, &str, &str)> = r
        .tiers
        .iter()
        .map(|t| (t.id.as_str(), t.label.as_str(), t.short.as_str()))
        .collect();
    assert_eq!(
        tiers,
        [
            ("full", "Full member", "Full"),
            ("associate", "Associate member", "Associate"),
            ("partner", "Partner", "Partner"),
        ]
    );
    for t in &r.tiers {
        assert!(
            t.description
                .as_deref()
                .is_some_and(|s| !s.trim().is_empty()),
            "tier {} has no description",
            t.id
        );
    }
}

#[test]
fn only_rijeka_has_a_population() {
    let d = dataset();
    let r = roster(&d);
    assert_eq!(member(r, "Rijeka").population, Some(128_624));
    let others: Vec<&str> = r
        .members
        .iter()
        .filter(|m| m.name != "Rijeka" && m.population.is_some())
        .map(|m| m.name.as_str())
        .collect();
    assert!(
        others.is_empty(),
        "populations the source does not give: {others:?}"
    );
}

#[test]
fn spot_checks() {
    let d = dataset();
    let r = roster(&d);
    for (name, country, tier) in [
        ("Łódź", "PL", "full"),
        ("İzmir", "TR", "associate"),
        ("Timișoara", "RO", "full"),
        ("Zürich", "CH", "associate"),
        ("Kyiv", "UA", "associate"),
        ("Rijeka", "HR", "partner"),
        ("Reykjavík", "IS", "associate"),
        ("Tbilisi", "GE", "associate"),
        ("Yerevan", "AM", "associate"),
        ("Skopje", "MK", "associate"),
        ("Banja Luka", "BA", "associate"),
        ("Nicosia", "CY", "full"),
        ("Turkish Cypriot community of Nicosia", "CY", "partner"),
        ("Derry-Strabane", "GB", "partner"),
        ("Netwerkstad Twente", "NL", "partner"),
        ("Luxembourg", "LU", "full"),
        ("Saint-Étienne Métropole", "FR", "full"),
        ("Klaipėda", "LT", "partner"),
    ] {
        let m = member(r, name);
        assert_eq!(m.country, country, "{name}'s country");
        assert_eq!(m.tier, tier, "{name}'s tier");
    }

    for (name, alias) in [
        ("Cologne", "Köln"),
        ("Munich", "München"),
        ("The Hague", "Den Haag"),
        ("Kyiv", "Kiev"),
        ("Brussels", "Bruxelles"),
        ("Derry-Strabane", "Londonderry"),
    ] {
        let m = member(r, name);
        assert!(
            m.aka.iter().any(|a| a == alias),
            "{name} should also be known as {alias} (has {:?})",
            m.aka
        );
    }

    for (name, kind) in [
        ("BrabantStad", MemberKind::Region),
        ("Brussels Capital Region", MemberKind::Region),
        ("Brussels", MemberKind::City),
        ("Métropole Européenne de Lille", MemberKind::Metropolitan),
        ("Beyoğlu", MemberKind::District),
        (
            "Turkish Cypriot community of Nicosia",
            MemberKind::Community,
        ),
    ] {
        assert_eq!(member(r, name).kind, kind, "{name}'s kind");
    }
}

#[test]
fn aliases_are_not_just_the_name_again() {
    let d = dataset();
    let r = roster(&d);
    for m in &r.members {
        for a in &m.aka {
            assert_ne!(a.trim(), "", "{}: empty alias", m.name);
            assert!(
                !a.eq_ignore_ascii_case(&m.name),
                "{}: alias {a} repeats the name",
                m.name
            );
        }
    }
}

#[test]
fn countries_and_coordinates_pass_validation() {
    let d = dataset();
    let r = roster(&d);
    for m in &r.members {
        assert_country_and_two_decimals(m);
    }
    let problems: Vec<String> = validate(&d)
        .into_iter()
        .filter(|p| p.place.starts_with("roster eurocities"))
        .map(|p| p.to_string())
        .collect();
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn well_known_centres_are_where_they_should_be() {
    let d = dataset();
    let r = roster(&d);
    // (name, true centre): members' two-decimal centres must be within 0.3° of these.
    for (name, lat, lon) in [
        ("Berlin", 52.520, 13.405),
        ("Paris", 48.857, 2.352),
        ("London", 51.507, -0.128),
        ("Madrid", 40.417, -3.704),
        ("Rome", 41.903, 12.496),
        ("Vienna", 48.208, 16.374),
        ("Warsaw", 52.230, 21.012),
        ("Amsterdam", 52.368, 4.904),
        ("Lisbon", 38.722, -9.139),
        ("Stockholm", 59.329, 18.069),
        ("Reykjavík", 64.147, -21.943),
        ("Kyiv", 50.450, 30.523),
        ("Istanbul", 41.008, 28.978),
        ("Zürich", 47.377, 8.542),
        ("Athens", 37.984, 23.728),
    ] {
        let m = member(r, name);
        assert!(
            (m.lat - lat).abs() <= 0.3 && (m.lon - lon).abs() <= 0.3,
            "{name} is at ({}, {}), expected near ({lat}, {lon})",
            m.lat,
            m.lon
        );
    }
}
