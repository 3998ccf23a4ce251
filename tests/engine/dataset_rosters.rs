//! The C40 and UNESCO Creative Cities rosters against their sources: the shared roster
//! files, copied as they are into `tests/fixtures/rosters/` (`city`, `country_iso2`,
//! `tier_or_category`, after a `#` header that names the sources and the traps).

use std::collections::HashMap;

use crate::roster_checks::assert_country_and_two_decimals;

use citynet::embedded::embedded;
use citynet_core::data::{Completeness, Dataset, Member, MemberKind, Roster, geo, validate};
use citynet_core::search::fold_query;

const C40_TSV: &str = include_str!("../fixtures/rosters/c40.tsv");
const UCCN_TSV: &str = include_str!("../fixtures/rosters/unesco-creative-cities.tsv");

/// One fixture row: (city, country, tier_or_category), as the file writes them.
type Row = (&'static str, &'static str, &'static str);

fn rows(tsv: &'static str) -> Vec<Row> {
    let mut lines = tsv.lines().skip_while(|l| l.starts_with('#'));
    assert_eq!(
        lines.next(),
        Some("city\tcountry_iso2\ttier_or_category"),
        "fixture header"
    );
    lines
        .filter(|l| !l.is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            assert_eq!(cols.len(), 3, "fixture row without three columns: {l:?}");
            (cols[0], cols[1], cols[2])
        })
        .collect()
}

/// A UCCN category as the fixture writes it -> (tier id, joined in 2025?).
fn uccn_tier(category: &str) -> (&'static str, bool) {
    let (field, new) = match category.strip_suffix(" (2025)") {
        Some(f) => (f, true),
        None => (category, false),
    };
    let id = match field {
        "Crafts and Folk Art" => "crafts-and-folk-art",
        "Design" => "design",
        "Film" => "film",
        "Gastronomy" => "gastronomy",
        "Literature" => "literature",
        "Media Arts" => "media-arts",
        "Music" => "music",
        "Architecture" => "architecture",
        other => panic!("unknown creative field {other:?}"),
    };
    (id, new)
}

/// The roster's name for a fixture city: the scraped source spells Como "Come".
fn uccn_name(city: &str) -> &str {
    if city == "Come" { "Como" } else { city }
}

fn dataset() -> Dataset {
    embedded().unwrap_or_else(|e| panic!("embedded dataset does not load: {e}"))
}

fn roster<'a>(d: &'a Dataset, id: &str) -> &'a Roster {
    d.networks
        .iter()
        .find(|n| n.id == id)
        .unwrap_or_else(|| panic!("the directory has a {id} network"))
        .roster
        .as_ref()
        .unwrap_or_else(|| panic!("{id} has a roster"))
}

/// The one member with this name in this country.
fn member<'a>(r: &'a Roster, name: &str, country: &str) -> &'a Member {
    let found: Vec<&Member> = r
        .members
        .iter()
        .filter(|m| m.name == name && m.country == country)
        .collect();
    assert_eq!(
        found.len(),
        1,
        "{name} ({country}) must be in the roster exactly once"
    );
    found[0]
}

fn near(m: &Member, lat: f64, lon: f64, slack: f64) -> bool {
    (m.lat - lat).abs() <= slack && (m.lon - lon).abs() <= slack
}

#[test]
fn fixtures_have_the_stated_counts() {
    let c40 = rows(C40_TSV);
    assert_eq!(c40.len(), 97);
    assert!(
        c40.iter().all(|r| r.2.is_empty()),
        "C40's source gives no tiers"
    );

    let uccn = rows(UCCN_TSV);
    assert_eq!(uccn.len(), 382);
    let mut fields: HashMap<&str, usize> = HashMap::new();
    let mut new = 0;
    for (city, _, category) in &uccn {
        if category.ends_with(" (2025)") {
            new += 1;
        } else {
            *fields.entry(category).or_default() += 1;
        }
        uccn_tier(category); // every category maps to a tier
        assert_eq!(city.trim(), *city, "{city:?} has stray spaces");
    }
    assert_eq!(new, 32);
    assert_eq!(fields.values().sum::<usize>(), 350);
    for (field, n) in [
        ("Music", 75),
        ("Crafts and Folk Art", 66),
        ("Gastronomy", 56),
        ("Literature", 53),
        ("Design", 49),
        ("Film", 26),
        ("Media Arts", 25),
    ] {
        assert_eq!(fields.get(field).copied(), Some(n), "{field} in the 350");
    }
    assert_eq!(fields.len(), 7, "no other field before 2025: {fields:?}");
}

#[test]
fn c40_matches_the_fixture_row_for_row() {
    let d = dataset();
    let r = roster(&d, "c40");
    let rows = rows(C40_TSV);
    for (city, country, _) in &rows {
        let m = member(r, city, country);
        assert_eq!(m.tier, "member", "{city}'s tier");
        assert_eq!(m.since, None, "{city}: the source gives no joining year");
    }
    assert_eq!(r.members.len(), rows.len());
    for m in &r.members {
        assert!(
            rows.iter().any(|(c, k, _)| *c == m.name && *k == m.country),
            "{} ({}) is in the roster but not in the source",
            m.name,
            m.country
        );
    }
    // Same order as the source.
    let names: Vec<&str> = r.members.iter().map(|m| m.name.as_str()).collect();
    let expected: Vec<&str> = rows.iter().map(|r| r.0).collect();
    assert_eq!(names, expected);
}

#[test]
fn uccn_matches_the_fixture_row_for_row() {
    let d = dataset();
    let r = roster(&d, "uccn");
    let rows = rows(UCCN_TSV);
    for (city, country, category) in &rows {
        let name = uccn_name(city);
        let (tier, new) = uccn_tier(category);
        let m = member(r, name, country);
        assert_eq!(m.tier, tier, "{name} ({country})'s field");
        assert_eq!(
            m.since,
            new.then_some(2025),
            "{name} ({country}): since 2025 exactly when the source marks it"
        );
    }
    assert_eq!(r.members.len(), rows.len());
    for m in &r.members {
        assert!(
            rows.iter()
                .any(|(c, k, _)| uccn_name(c) == m.name && *k == m.country),
            "{} ({}) is in the roster but not in the source",
            m.name,
            m.country
        );
    }
    let names: Vec<&str> = r.members.iter().map(|m| m.name.as_str()).collect();
    let expected: Vec<&str> = rows.iter().map(|r| uccn_name(r.0)).collect();
    assert_eq!(names, expected, "same order as the source");

    let count = |tier: &str, new: bool| {
        r.members
            .iter()
            .filter(|m| m.tier == tier && m.since.is_some() == new)
            .count()
    };
    assert_eq!(count("music", false), 75);
    assert_eq!(count("crafts-and-folk-art", false), 66);
    assert_eq!(count("gastronomy", false), 56);
    assert_eq!(count("literature", false), 53);
    assert_eq!(count("design", false), 49);
    assert_eq!(count("film", false), 26);
    assert_eq!(count("media-arts", false), 25);
    assert_eq!(count("architecture", false), 0);
    assert_eq!(count("architecture", true), 5);
    assert_eq!(
        r.members.iter().filter(|m| m.since == Some(2025)).count(),
        32
    );
}

#[test]
fn c40_header_is_complete_with_one_tier() {
    let d = dataset();
    let r = roster(&d, "c40");
    assert_eq!(r.sources, ["c40-site"]);
    assert_eq!(r.as_of, "2021");
    assert_eq!(r.completeness, Completeness::Complete);
    assert_eq!(r.tiers.len(), 1);
    let t = &r.tiers[0];
    assert_eq!(
        (t.id.as_str(), t.label.as_str(), t.short.as_str()),
        ("member", "Member", "Member")
    );
    assert!(
        t.description
            .as_deref()
            .is_some_and(|s| s.contains("no tiers")),
        "the tier says the source gives none"
    );
}

#[test]
fn uccn_header_is_partial_382_of_408() {
    let d = dataset();
    let r = roster(&d, "uccn");
    assert!(r.sources.iter().any(|s| s == "unesco-uccn"));
    match &r.completeness {
        Completeness::Partial {
            listed,
            total,
            note,
            ..
        } => {
            assert_eq!((*listed, *total), (382, 408));
            assert!(note.contains("350"), "{note}");
            assert!(note.contains("32 of the 58"), "{note}");
        }
        other => panic!("UCCN must say it is partial, not {other:?}"),
    }
    let tiers: Vec<(&str, &str, &str)> = r
        .tiers
        .iter()
        .map(|t| (t.id.as_str(), t.label.as_str(), t.short.as_str()))
        .collect();
    assert_eq!(
        tiers,
        [
            ("crafts-and-folk-art", "Crafts and Folk Art", "Crafts"),
            ("design", "Design", "Design"),
            ("film", "Film", "Film"),
            ("gastronomy", "Gastronomy", "Gastronomy"),
            ("literature", "Literature", "Literature"),
            ("media-arts", "Media Arts", "Media Arts"),
            ("music", "Music", "Music"),
            ("architecture", "Architecture", "Architecture"),
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
fn roster_sources_are_in_the_directory() {
    let d = dataset();
    for (id, publisher) in [("c40-site", "C40 Cities"), ("unesco-uccn", "UNESCO")] {
        let s = d
            .sources
            .iter()
            .find(|s| s.id == id)
            .unwrap_or_else(|| panic!("source {id} is in the directory"));
        assert_eq!(s.publisher, publisher, "{id}'s publisher");
        assert!(s.url.is_some(), "{id} has a url");
        assert!(s.published.is_some(), "{id} has a date");
        assert!(s.read_on.is_some(), "{id} says when it was read");
        assert!(
            s.note.as_deref().is_some_and(|n| !n.trim().is_empty()),
            "{id} says nothing of what it is"
        );
    }
    let c40 = d.sources.iter().find(|s| s.id == "c40-site").unwrap();
    assert!(c40.note.as_deref().unwrap().contains("97 member cities"));
    let uccn = d.sources.iter().find(|s| s.id == "unesco-uccn").unwrap();
    assert!(uccn.note.as_deref().unwrap().contains("408"));
}

#[test]
fn known_traps() {
    let d = dataset();
    let uccn = roster(&d, "uccn");
    let c40 = roster(&d, "c40");

    // London (Music) is London, Ontario.
    let london = member(uccn, "London", "CA");
    assert_eq!(london.tier, "music");
    assert!(
        near(london, 42.98, -81.25, 0.1),
        "London, Ontario is at ({}, {})",
        london.lat,
        london.lon
    );
    assert!(!geo::plausible("GB", london.lat, london.lon));
    assert!(london.aka.iter().any(|a| a == "London, Ontario"));
    assert!(
        !uccn
            .members
            .iter()
            .any(|m| m.name == "London" && m.country == "GB")
    );
    // C40's London is the UK one.
    assert!(near(member(c40, "London", "GB"), 51.51, -0.13, 0.1));

    // Two Granadas, kept apart.
    let ni = member(uccn, "Granada", "NI");
    let es = member(uccn, "Granada", "ES");
    assert_eq!(
        (ni.tier.as_str(), es.tier.as_str()),
        ("design", "literature")
    );
    assert!(
        near(ni, 11.93, -85.96, 0.1),
        "Granada, Nicaragua: ({}, {})",
        ni.lat,
        ni.lon
    );
    assert!(
        near(es, 37.18, -3.60, 0.1),
        "Granada, Spain: ({}, {})",
        es.lat,
        es.lon
    );

    // Como, not Come.
    assert_eq!(member(uccn, "Como", "IT").tier, "crafts-and-folk-art");
    assert!(!uccn.members.iter().any(|m| m.name == "Come"));

    // Cuenca (2025) is the Ecuadorian one.
    let cuenca = member(uccn, "Cuenca", "EC");
    assert_eq!(
        (cuenca.tier.as_str(), cuenca.since),
        ("gastronomy", Some(2025))
    );
    assert!(cuenca.lat < 0.0 && cuenca.lon < -70.0);

    // Lyon is under Literature now.
    assert_eq!(member(uccn, "Lyon", "FR").tier, "literature");

    // Dhaka stays one row, as the page has it.
    let dhaka = member(c40, "Dhaka (North & South)", "BD");
    assert_eq!(dhaka.kind, MemberKind::Metropolitan);
    assert!(dhaka.aka.iter().any(|a| a == "Dhaka"));
    assert_eq!(c40.members.iter().filter(|m| m.country == "BD").count(), 1);

    // Hong Kong and Macao under their own codes.
    assert!(near(member(c40, "Hong Kong", "HK"), 22.30, 114.17, 0.1));
    assert!(near(member(uccn, "Macao", "MO"), 22.20, 113.55, 0.1));

    // C40 cities that joined the UCCN in 2025.
    for name in [
        "New Orleans",
        "Quezon City",
        "Quito",
        "Kuala Lumpur",
        "São Paulo",
    ] {
        let m = uccn.members.iter().find(|m| m.name == name).unwrap();
        assert_eq!(m.since, Some(2025), "{name} joined the UCCN in 2025");
    }
}

#[test]
fn kinds_only_where_the_member_is_not_a_plain_city() {
    let d = dataset();
    let c40 = roster(&d, "c40");
    let uccn = roster(&d, "uccn");
    for (r, name, country, kind) in [
        (c40, "Dhaka (North & South)", "BD", MemberKind::Metropolitan),
        (c40, "Delhi NCT", "IN", MemberKind::Region),
        (c40, "Ekurhuleni", "ZA", MemberKind::Metropolitan),
        (c40, "London", "GB", MemberKind::City),
        (uccn, "Shunde", "CN", MemberKind::District),
        (uccn, "Buffalo City", "ZA", MemberKind::Metropolitan),
        (uccn, "Hatay", "TR", MemberKind::Region),
        (uccn, "Al-Ahsa", "SA", MemberKind::Region),
        (uccn, "Sifnos", "GR", MemberKind::Region),
        (uccn, "Granada", "ES", MemberKind::City),
    ] {
        assert_eq!(member(r, name, country).kind, kind, "{name}'s kind");
    }
    for r in [c40, uccn] {
        let others = r.members.iter().filter(|m| !m.kind.is_city()).count();
        assert!(
            others <= 6,
            "most members are plain cities ({others} are not)"
        );
    }
}

#[test]
fn other_names_a_person_may_type() {
    let d = dataset();
    let c40 = roster(&d, "c40");
    let uccn = roster(&d, "uccn");
    for (r, name, country, alias) in [
        (c40, "Mumbai", "IN", "Bombay"),
        (uccn, "Mumbai", "IN", "Bombay"),
        (c40, "Beijing", "CN", "Peking"),
        (c40, "Ho Chi Minh City", "VN", "Saigon"),
        (c40, "Tshwane", "ZA", "Pretoria"),
        (c40, "Bengaluru", "IN", "Bangalore"),
        (c40, "Chennai", "IN", "Madras"),
        (uccn, "Almaty", "KZ", "Alma-Ata"),
        (c40, "Milan", "IT", "Milano"),
        (c40, "Rome", "IT", "Roma"),
        (c40, "Lisbon", "PT", "Lisboa"),
        (c40, "Warsaw", "PL", "Warszawa"),
        (c40, "Copenhagen", "DK", "København"),
        (c40, "Mexico City", "MX", "Ciudad de México"),
        (c40, "Rio de Janeiro", "BR", "Rio"),
        (c40, "New York City", "US", "New York"),
        (c40, "New York City", "US", "NYC"),
        (c40, "Washington, DC", "US", "Washington"),
        (uccn, "Québec City", "CA", "Québec"),
        (uccn, "Kyiv", "UA", "Kiev"),
        (uccn, "Torino", "IT", "Turin"),
        (uccn, "Slemani", "IQ", "Sulaymaniyah"),
        (uccn, "Al-Madinah Al-Munawwarah", "SA", "Medina"),
        (uccn, "Tambasasayama", "JP", "Tamba-Sasayama"),
        (c40, "Durban (eThekwini)", "ZA", "Durban"),
    ] {
        let m = member(r, name, country);
        assert!(
            m.aka.iter().any(|a| a == alias),
            "{name} should also be known as {alias} (has {:?})",
            m.aka
        );
    }
}

#[test]
fn aliases_are_not_the_name_again_nor_just_without_accents() {
    let d = dataset();
    for id in ["c40", "uccn"] {
        for m in &roster(&d, id).members {
            let name = fold_query(&m.name);
            for a in &m.aka {
                assert_ne!(a.trim(), "", "{}: empty alias", m.name);
                assert_ne!(
                    fold_query(a),
                    name,
                    "{id} {}: alias {a} only repeats the name (search folds accents)",
                    m.name
                );
            }
            let mut folded: Vec<String> = m.aka.iter().map(|a| fold_query(a)).collect();
            folded.sort();
            folded.dedup();
            assert_eq!(folded.len(), m.aka.len(), "{id} {}: an alias twice", m.name);
        }
    }
}

#[test]
fn countries_and_coordinates_pass_validation() {
    let d = dataset();
    for id in ["c40", "uccn"] {
        for m in &roster(&d, id).members {
            assert_country_and_two_decimals(m);
        }
    }
    let problems: Vec<String> = validate(&d)
        .into_iter()
        .filter(|p| {
            p.place.starts_with("roster c40")
                || p.place.starts_with("roster uccn")
                || p.place.starts_with("source c40-site")
                || p.place.starts_with("source unesco-uccn")
                || p.place.starts_with("source uccn-2025-list")
        })
        .map(|p| p.to_string())
        .collect();
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn well_known_centres_are_where_they_should_be() {
    let d = dataset();
    let c40 = roster(&d, "c40");
    let uccn = roster(&d, "uccn");
    // (roster, name, country, true centre): two-decimal centres within 0.3° of these.
    for (r, name, country, lat, lon) in [
        (c40, "New York City", "US", 40.713, -74.006),
        (c40, "Tokyo", "JP", 35.690, 139.692),
        (c40, "São Paulo", "BR", -23.551, -46.633),
        (c40, "Buenos Aires", "AR", -34.604, -58.382),
        (c40, "Sydney", "AU", -33.869, 151.209),
        (c40, "Cape Town", "ZA", -33.925, 18.424),
        (c40, "Lagos", "NG", 6.455, 3.394),
        (c40, "Mumbai", "IN", 19.076, 72.878),
        (c40, "Mexico City", "MX", 19.433, -99.133),
        (c40, "Los Angeles", "US", 34.052, -118.244),
        (c40, "Auckland", "NZ", -36.848, 174.763),
        (c40, "Lima", "PE", -12.046, -77.043),
        (uccn, "Reykjavík", "IS", 64.147, -21.943),
        (uccn, "Ulaanbaatar", "MN", 47.919, 106.918),
        (uccn, "Dunedin", "NZ", -45.874, 170.504),
        (uccn, "Montevideo", "UY", -34.901, -56.165),
        (uccn, "Havana", "CU", 23.113, -82.366),
        (uccn, "Ouagadougou", "BF", 12.371, -1.520),
    ] {
        let m = member(r, name, country);
        assert!(
            near(m, lat, lon, 0.3),
            "{name} is at ({}, {}), expected near ({lat}, {lon})",
            m.lat,
            m.lon
        );
    }
}

#[test]
fn members_in_both_rosters_sit_at_one_place() {
    // A city in C40 and in the UCCN must not be drawn in two places on the map.
    let d = dataset();
    let c40 = roster(&d, "c40");
    let uccn = roster(&d, "uccn");
    let mut shared = 0;
    for a in &c40.members {
        for b in &uccn.members {
            if a.country == b.country && fold_query(&a.name) == fold_query(&b.name) {
                shared += 1;
                assert!(
                    near(a, b.lat, b.lon, 0.011),
                    "{}: C40 ({}, {}) vs UCCN ({}, {})",
                    a.name,
                    a.lat,
                    a.lon,
                    b.lat,
                    b.lon
                );
            }
        }
    }
    assert!(shared >= 30, "only {shared} cities in both rosters");
}

/// Text in UTF-8 read back as Latin-1 or Windows-1252 turns each accented letter into two
/// characters: a lead (Ã, Å, Ä, Â, …) and a character from U+0080–U+00BF, or "â€" for
/// typographic quotes; a no-break space in the pair may also have become a plain space
/// ("Å empeter" for Šempeter). No name or other name in any embedded list may look so.
#[test]
fn no_member_name_is_mis_encoded() {
    let d = dataset();
    let suspicious = |s: &str| {
        let chars: Vec<char> = s.chars().collect();
        s.contains("â€")
            || chars
                .windows(2)
                .any(|w| "ÂÃÄÅÆÐÑ".contains(w[0]) && ('\u{80}'..='\u{bf}').contains(&w[1]))
            || chars
                .windows(3)
                .any(|w| "ÂÃÄÅ".contains(w[0]) && w[1] == ' ' && w[2].is_lowercase())
    };
    let mut seen = 0;
    let mut bad = Vec::new();
    for n in &d.networks {
        let Some(r) = &n.roster else { continue };
        for m in &r.members {
            seen += 1;
            for name in std::iter::once(&m.name).chain(&m.aka) {
                if suspicious(name) {
                    bad.push(format!("{}: {name:?} ({})", n.id, m.country));
                }
            }
        }
    }
    assert!(seen > 12_000, "every list was read ({seen} members)");
    assert!(bad.is_empty(), "{bad:#?}");
    let slovenia = roster(&d, "covenant-of-mayors");
    member(slovenia, "Šempeter-Vrtojba", "SI");
}
