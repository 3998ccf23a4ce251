//! The seven member lists on one gazetteer: row counts against the shared source files
//! (copied into `tests/fixtures/rosters/`), the GeoNames identities issue 13 names, the
//! Covenant's groups and repeated names, the licence credits, and overlaps checked by hand.

use std::collections::{BTreeSet, HashMap};

use citynet::embedded::embedded;
use citynet_core::data::{Dataset, Member, MemberKind, Roster};
use citynet_core::gazetteer;

const COVENANT_TSV: &str = include_str!("../fixtures/rosters/covenant-of-mayors.tsv");
const PHC_TSV: &str = include_str!("../fixtures/rosters/partnership-for-healthy-cities.tsv");
const PEACE_TSV: &str = include_str!("../fixtures/rosters/peace-in-our-cities.tsv");
const CCDR_TSV: &str = include_str!("../fixtures/rosters/cities-coalition-for-digital-rights.tsv");

/// The data rows of a shared roster file: after the `#` block and the header line.
fn rows(tsv: &str) -> Vec<Vec<&str>> {
    let mut lines = tsv.lines().skip_while(|l| l.starts_with('#'));
    let header = lines.next().expect("a header line");
    assert!(
        header.starts_with("city\tcountry_iso2\ttier_or_category"),
        "{header}"
    );
    lines
        .filter(|l| !l.is_empty())
        .map(|l| l.split('\t').collect())
        .collect()
}

fn dataset() -> Dataset {
    embedded().unwrap_or_else(|e| panic!("embedded dataset does not load: {e}"))
}

fn roster<'a>(d: &'a Dataset, id: &str) -> &'a Roster {
    d.networks
        .iter()
        .find(|n| n.id == id)
        .and_then(|n| n.roster.as_ref())
        .unwrap_or_else(|| panic!("{id} has a roster"))
}

/// The one member so named in this country (and with this source id, where given).
fn member<'a>(r: &'a Roster, name: &str, country: &str) -> &'a Member {
    let found: Vec<&Member> = r
        .members
        .iter()
        .filter(|m| m.name == name && m.country == country)
        .collect();
    assert_eq!(found.len(), 1, "{name} ({country}) once");
    found[0]
}

fn geonames(r: &Roster, name: &str, country: &str) -> u32 {
    member(r, name, country)
        .geonames
        .unwrap_or_else(|| panic!("{name} ({country}) has a GeoNames id"))
}

#[test]
fn each_roster_has_its_sources_rows() {
    let d = dataset();
    let covenant = rows(COVENANT_TSV);
    for (id, tsv_rows) in [
        ("covenant-of-mayors", covenant.len()),
        ("healthy-cities-partnership", rows(PHC_TSV).len()),
        ("peace-in-our-cities", rows(PEACE_TSV).len()),
        ("ccdr", rows(CCDR_TSV).len()),
    ] {
        assert_eq!(roster(&d, id).members.len(), tsv_rows, "{id}");
    }
    let sizes: Vec<(&str, usize)> = d
        .networks
        .iter()
        .filter_map(|n| Some((n.id.as_str(), n.roster.as_ref()?.members.len())))
        .collect();
    assert_eq!(
        sizes,
        [
            ("c40", 97),
            ("ccdr", 26),
            ("covenant-of-mayors", 11_972),
            ("eurocities", 202),
            ("healthy-cities-partnership", 73),
            ("peace-in-our-cities", 20),
            ("uccn", 382),
        ]
    );
    // The Covenant row for row: name, status, signatory id, declared population, day joined.
    let r = roster(&d, "covenant-of-mayors");
    let mut status: HashMap<&str, usize> = HashMap::new();
    // The one name the source stored mis-encoded, put back by the roster script.
    let mended = |id: &str, name: &'static str| match (id, name) {
        ("SI0016", "Å empeter-Vrtojba") => "Šempeter-Vrtojba",
        _ => name,
    };
    for (m, row) in r.members.iter().zip(&covenant) {
        assert_eq!(
            (m.name.as_str(), m.country.as_str()),
            (mended(row[3], row[0]), row[1])
        );
        let (tier, group) = match row[2].split_once("; ") {
            Some((t, g)) => (t, g == "group"),
            None => (row[2], false),
        };
        assert_eq!(m.tier, tier, "{}", m.name);
        assert_eq!(m.kind == MemberKind::Group, group, "{}", m.name);
        let id = (row[3] != "-").then_some(row[3]);
        assert_eq!(m.id.as_deref(), id, "{}", m.name);
        let pop = row[4].parse::<u64>().ok().filter(|&p| p > 0);
        assert_eq!(m.population, pop, "{}", m.name);
        assert_eq!(m.joined.as_deref(), Some(row[7]), "{}", m.name);
        assert_eq!(
            m.since.map(|y| y.to_string()).as_deref(),
            Some(&row[7][..4])
        );
        *status.entry(tier).or_default() += 1;
    }
    assert_eq!(status.get("active"), Some(&9_719));
    assert_eq!(status.get("on-hold"), Some(&2_253));
}

#[test]
fn partial_and_old_lists_say_so() {
    let d = dataset();
    let coverage = |id: &str| roster(&d, id).coverage();
    assert_eq!(coverage("ccdr"), "26 of more than 60, as of 2019-03");
    assert_eq!(coverage("peace-in-our-cities"), "20 of 22, as of 2024");
    assert_eq!(coverage("covenant-of-mayors"), "complete, as of 2023-12-13");
    assert_eq!(
        coverage("healthy-cities-partnership"),
        "complete, as of 2024"
    );
}

#[test]
fn the_cc_by_credits_go_with_the_data() {
    let d = dataset();
    let credits = d.credits(roster(&d, "covenant-of-mayors"));
    assert_eq!(credits.len(), 1, "{credits:?}");
    assert!(
        credits[0].contains("Joint Research Centre"),
        "{}",
        credits[0]
    );
    assert!(credits[0].contains("CC BY 4.0"), "{}", credits[0]);
    let geonames = d.source("geonames").expect("GeoNames is a source");
    assert_eq!(geonames.licence.as_deref(), Some("CC BY 4.0"));
    assert!(gazetteer::CREDIT.contains("GeoNames") && gazetteer::CREDIT.contains("CC BY 4.0"));
    // The lists without a licence ask for no credit.
    assert!(d.credits(roster(&d, "c40")).is_empty());
}

#[test]
fn the_identities_issue_13_names() {
    let d = dataset();
    let (c40, eurocities, uccn) = (
        roster(&d, "c40"),
        roster(&d, "eurocities"),
        roster(&d, "uccn"),
    );
    let (covenant, phc) = (
        roster(&d, "covenant-of-mayors"),
        roster(&d, "healthy-cities-partnership"),
    );
    let (peace, ccdr) = (roster(&d, "peace-in-our-cities"), roster(&d, "ccdr"));
    // "Santiago de Cali" is Cali.
    let cali = geonames(phc, "Cali", "CO");
    assert_eq!(geonames(peace, "Santiago de Cali", "CO"), cali);
    assert_eq!(geonames(uccn, "Santiago de Cali", "CO"), cali);
    // "Torino" is Turin; "Koeln" is Köln, which Eurocities calls Cologne.
    let turin = geonames(eurocities, "Turin", "IT");
    assert_eq!(geonames(ccdr, "Torino", "IT"), turin);
    assert_eq!(geonames(covenant, "Torino", "IT"), turin);
    assert_eq!(
        geonames(covenant, "Koeln", "DE"),
        geonames(eurocities, "Cologne", "DE")
    );
    assert_eq!(
        geonames(covenant, "Milano", "IT"),
        geonames(c40, "Milan", "IT")
    );
    // London GB and London CA stay apart; so do the two Granadas.
    assert_ne!(
        geonames(c40, "London", "GB"),
        geonames(uccn, "London", "CA")
    );
    assert_ne!(
        geonames(uccn, "Granada", "ES"),
        geonames(uccn, "Granada", "NI")
    );
    assert_eq!(
        geonames(uccn, "Granada", "ES"),
        geonames(covenant, "Granada", "ES")
    );
    // Bodies that are not cities are linked to their main city, never merged with it.
    for (r, body, country, city_roster, city) in [
        (phc, "Greater Manchester", "GB", eurocities, "Manchester"),
        (
            eurocities,
            "Brussels Capital Region",
            "BE",
            eurocities,
            "Brussels",
        ),
        (covenant, "Bruxelles-Capitale", "BE", eurocities, "Brussels"),
        (
            eurocities,
            "Métropole Européenne de Lille",
            "FR",
            covenant,
            "Lille",
        ),
    ] {
        let m = member(r, body, country);
        assert_ne!(m.kind, MemberKind::City, "{body}");
        assert_eq!(m.geonames, None, "{body} is not a GeoNames city");
        assert_eq!(
            m.main_city,
            Some(geonames(city_roster, city, country)),
            "{body}"
        );
    }
    assert_eq!(
        geonames(covenant, "Bruxelles/Brussel", "BE"),
        geonames(eurocities, "Brussels", "BE")
    );
}

#[test]
fn every_id_is_a_gazetteer_place_in_the_members_country() {
    let d = dataset();
    let g = gazetteer::embedded().expect("the gazetteer decodes");
    let mut matched = 0;
    for r in d.networks.iter().filter_map(|n| n.roster.as_ref()) {
        for m in &r.members {
            for id in m.geonames.iter().chain(&m.main_city) {
                let p = g
                    .by_id(*id)
                    .unwrap_or_else(|| panic!("{}: {id} not in the gazetteer", m.name));
                assert_eq!(p.country, m.country, "{} -> {}", m.name, p.name);
            }
            matched += usize::from(m.geonames.is_some());
            if m.kind != MemberKind::City {
                assert_eq!(m.geonames, None, "{} is a {:?}", m.name, m.kind);
            }
        }
    }
    // The match reports' figures (tools/gazetteer/reports): 9,823 of the Covenant's
    // 11,972 and 730 of the other six lists' 800.
    assert_eq!(matched, 9_823 + 97 - 3 + 26 + 180 + 72 + 20 + 376);
}

#[test]
fn no_group_is_placed_at_a_placeholder_point() {
    let d = dataset();
    let r = roster(&d, "covenant-of-mayors");
    let groups: Vec<&Member> = r
        .members
        .iter()
        .filter(|m| m.kind == MemberKind::Group)
        .collect();
    assert_eq!(groups.len(), 294);
    for m in &groups {
        assert!(!m.is_placed(), "{}: a group has no one place", m.name);
        assert_eq!(m.geonames, None, "{}", m.name);
    }
    // Italy's centroid, which the source gives 24 rows, is never shown as a place.
    for m in r
        .members
        .iter()
        .filter(|m| (m.lat, m.lon) == (42.64, 12.67))
    {
        assert!(!m.is_placed(), "{}", m.name);
    }
    // The rows without a point in the source are placeholders too.
    assert!(!member(r, "Baunei", "IT").is_placed());
    assert!(member(r, "Levice", "IT").is_placed());
}

#[test]
fn the_covenants_repeated_names_stay_apart() {
    let d = dataset();
    let r = roster(&d, "covenant-of-mayors");
    let mut by_name: HashMap<(String, &str), Vec<&Member>> = HashMap::new();
    for m in &r.members {
        by_name
            .entry((m.name.as_str().to_lowercase(), m.country.as_str()))
            .or_default()
            .push(m);
    }
    let repeated: Vec<&Vec<&Member>> = by_name.values().filter(|v| v.len() > 1).collect();
    // 50 names repeat once case is ignored (8 exactly as written); the source's header
    // counts 28.
    assert_eq!(repeated.len(), 50);
    for same in &repeated {
        let ids: BTreeSet<Option<&str>> = same.iter().map(|m| m.id.as_deref()).collect();
        assert_eq!(
            ids.len(),
            same.len(),
            "{}: the signatory ids differ",
            same[0].name
        );
    }
    // Two municipalities named El Perelló (Tarragona, Valencia) are two places; one
    // signed up twice (Mussolente) is one.
    let perello: BTreeSet<Option<u32>> = r
        .members
        .iter()
        .filter(|m| m.name == "El Perelló")
        .map(|m| m.geonames)
        .collect();
    assert_eq!(perello.len(), 2, "{perello:?}");
    assert!(perello.iter().all(Option::is_some));
    let mussolente = geonames(r, "Mussolente", "IT");
    assert_eq!(geonames(r, "MUSSOLENTE", "IT"), mussolente);
}

/// The GeoNames ids two rosters share.
fn overlap(d: &Dataset, a: &str, b: &str) -> BTreeSet<u32> {
    let ids = |id: &str| -> BTreeSet<u32> {
        roster(d, id)
            .members
            .iter()
            .filter_map(|m| m.geonames)
            .collect()
    };
    ids(a).intersection(&ids(b)).copied().collect()
}

fn names(d: &Dataset, id: &str, shared: &BTreeSet<u32>) -> Vec<String> {
    let mut v: Vec<String> = roster(d, id)
        .members
        .iter()
        .filter(|m| m.geonames.is_some_and(|g| shared.contains(&g)))
        .map(|m| m.name.to_string())
        .collect();
    v.sort();
    v
}

#[test]
fn overlaps_checked_by_hand() {
    let d = dataset();
    let sizes = [
        ("c40", "healthy-cities-partnership", 46),
        ("eurocities", "covenant-of-mayors", 152),
        ("c40", "ccdr", 13),
        ("ccdr", "eurocities", 14),
        ("peace-in-our-cities", "healthy-cities-partnership", 5),
    ];
    for (a, b, n) in sizes {
        assert_eq!(overlap(&d, a, b).len(), n, "{a} ∩ {b}");
    }
    // Read off the two source files by hand.
    let peace_phc = overlap(&d, "peace-in-our-cities", "healthy-cities-partnership");
    assert_eq!(
        names(&d, "peace-in-our-cities", &peace_phc),
        [
            "Amman",
            "Bogotá",
            "Guadalajara",
            "Nairobi",
            "Santiago de Cali"
        ]
    );
    assert_eq!(
        names(&d, "healthy-cities-partnership", &peace_phc),
        ["Amman", "Bogotá", "Cali", "Guadalajara", "Nairobi"]
    );
    let c40_ccdr = overlap(&d, "c40", "ccdr");
    assert_eq!(
        names(&d, "ccdr", &c40_ccdr),
        [
            "Amsterdam",
            "Athens",
            "Austin",
            "Barcelona",
            "Berlin",
            "Chicago",
            "Guadalajara",
            "London",
            "Los Angeles",
            "Milan",
            "New York City",
            "Philadelphia",
            "Portland"
        ]
    );
    // C40 ∩ the Partnership: Dhaka is in both lists, but C40's member is the two city
    // corporations (metropolitan), so it is not counted as the city; Greater Manchester
    // and Cali are in the Partnership only.
    let c40_phc = names(&d, "c40", &overlap(&d, "c40", "healthy-cities-partnership"));
    for city in [
        "Bogotá",
        "Milan",
        "London",
        "São Paulo",
        "Quezon City",
        "Warsaw",
    ] {
        assert!(c40_phc.contains(&city.to_string()), "{city}");
    }
    assert!(!c40_phc.iter().any(|n| n.starts_with("Dhaka")));
    // Eurocities ∩ the Covenant, where the names differ.
    let ec = overlap(&d, "eurocities", "covenant-of-mayors");
    let covenant = names(&d, "covenant-of-mayors", &ec);
    for signatory in [
        "Koeln",
        "Torino",
        "Bruxelles/Brussel",
        "Praha",
        "Lisboa",
        "Milano",
        "MUNICIPALITY OF TIMISOARA",
        "Timisoara",
    ] {
        assert!(covenant.contains(&signatory.to_string()), "{signatory}");
    }
    assert!(
        !covenant.contains(&"Bruxelles-Capitale".to_string()),
        "a region is no city"
    );
}

#[test]
fn other_names_find_their_city() {
    let g = gazetteer::embedded().expect("the gazetteer decodes");
    let first = |typed: &str, country: &str| -> String {
        g.named_in(typed, country)
            .first()
            .map(|p| p.name.to_string())
            .unwrap_or_else(|| panic!("{typed} finds nothing in {country}"))
    };
    assert_eq!(first("Mailand", "IT"), "Milan");
    assert_eq!(first("Milão", "IT"), "Milan");
    assert_eq!(first("Colonia", "DE"), "Köln");
    assert_eq!(first("koeln", "DE"), "Köln");
    assert_eq!(first("Cologne", "DE"), "Köln");
    assert_eq!(first("Wenen", "AT"), "Vienna");
    assert_eq!(first("Lisbonne", "PT"), "Lisbon");
    assert_eq!(first("geneva", "CH"), "Geneva");
    // The world's cities of 15,000 or more, and the smaller places members are.
    let big = g.places().iter().filter(|p| p.population >= 15_000).count();
    assert_eq!(big, 34_024);
    assert_eq!(g.len(), 41_555);
    let london = g.named("london");
    assert_eq!((london[0].country, london[0].id), ("GB", 2_643_743));
    assert!(london.iter().any(|p| p.country == "CA"));
}

/// The GeoNames place a member of the Covenant is, by the member's name and signatory id.
fn covenant_place(d: &Dataset, name: &str, country: &str) -> (String, u64) {
    let g = gazetteer::embedded().expect("the gazetteer decodes");
    let id = geonames(roster(d, "covenant-of-mayors"), name, country);
    let p = g
        .by_id(id)
        .unwrap_or_else(|| panic!("{name}: {id} in the gazetteer"));
    (p.name.to_string(), p.population)
}

#[test]
fn names_written_with_words_of_government_are_their_city() {
    let d = dataset();
    // Each a rule of tools/gazetteer/build.py: Hungarian "city with county rights", a
    // plan's year, a Romanian "town hall of the municipality of", a qualifier after a comma,
    // an article put last, the member's country named after it, a bilingual name, "S.",
    // a Spanish article GeoNames writes and the list does not, a Romanian county code.
    for (member, country, city) in [
        ("Szeged Megyei Jogú Város", "HU", "Szeged"),
        ("Pápa Város Önkormányzata", "HU", "Pápa"),
        ("Sint-Niklaas 2030", "BE", "Sint-Niklaas"),
        ("Primăria Municipiului Tecuci", "RO", "Tecuci"),
        ("Torrent, VLC", "ES", "Torrent"),
        ("Zolochiv, Lviv region", "UA", "Zolochiv"),
        ("Vendrell, el", "ES", "El Vendrell"),
        ("CISTERNINO (BR) ITALY", "IT", "Cisternino"),
        ("Pula-Pola", "HR", "Pula"),
        ("Mercato S. Severino", "IT", "Mercato San Severino"),
        ("Masnou", "ES", "El Masnou"),
        ("Mioveni AG", "RO", "Mioveni"),
        ("Elad municipality", "IL", "El‘ad"),
    ] {
        assert_eq!(covenant_place(&d, member, country).0, city, "{member}");
    }
}

#[test]
fn a_point_written_as_degrees_and_minutes_still_finds_its_city() {
    // Faenza's point in the source, 44.17, 11.53, is 44°17', 11°53' written as decimals:
    // 31 km from Faenza as written, under a kilometre read as degrees and minutes.
    let d = dataset();
    let m = member(roster(&d, "covenant-of-mayors"), "Faenza", "IT");
    assert_eq!((m.lat, m.lon), (44.17, 11.53));
    let g = gazetteer::embedded().expect("the gazetteer decodes");
    let p = g
        .by_id(m.geonames.expect("Faenza is matched"))
        .expect("in the gazetteer");
    assert_eq!(p.name, "Faenza");
    assert!(
        (p.lat - 44.17).abs() > 0.1,
        "the place is not at the written point"
    );
    assert!((p.lat - (44.0 + 17.0 / 60.0)).abs() < 0.02, "{}", p.lat);
    assert!((p.lon - (11.0 + 53.0 / 60.0)).abs() < 0.02, "{}", p.lon);
}

#[test]
fn councils_of_several_towns_are_not_cities() {
    let d = dataset();
    let r = roster(&d, "covenant-of-mayors");
    let g = gazetteer::embedded().expect("the gazetteer decodes");
    // Named after an area, not a town: no GeoNames place, and no main city to link.
    for (name, country, kind) in [
        ("Kirklees", "GB", MemberKind::District),
        ("Sefton Council", "GB", MemberKind::District),
        ("North Ayrshire", "GB", MemberKind::Region),
        ("Kadikoy", "TR", MemberKind::District),
        ("Erbil Governorate", "IQ", MemberKind::Region),
        ("Consiliul Judeţean Argeş", "RO", MemberKind::Region),
        (
            "Union of Dannieh Municipalities",
            "LB",
            MemberKind::Community,
        ),
        ("Bakhmut TC", "UA", MemberKind::Community),
    ] {
        let m = member(r, name, country);
        assert_eq!(m.kind, kind, "{name}");
        assert_eq!(m.geonames, None, "{name}");
    }
    assert_eq!(member(r, "Kirklees", "GB").main_city, None);
    // Named after their main town, which they are linked to, never merged with.
    for (name, country, city) in [
        ("Bath & North East Somerset", "GB", "Bath"),
        ("Perth and Kinross Council", "GB", "Perth"),
        ("Nice Côte d'Azur", "FR", "Nice"),
        ("Veszprém Vármegyei Önkormányzat", "HU", "Veszprém"),
    ] {
        let m = member(r, name, country);
        assert!(!m.kind.is_city(), "{name}");
        assert_eq!(m.geonames, None, "{name}");
        let main = m
            .main_city
            .unwrap_or_else(|| panic!("{name} has a main city"));
        assert_eq!(g.by_id(main).map(|p| p.name), Some(city), "{name}");
    }
    // "Eastern Baalbek" is not Baalbek.
    assert_eq!(
        member(r, "The union of Municipalities of Eastern Baalbek", "LB").main_city,
        None
    );
}

#[test]
fn small_towns_come_from_the_smaller_city_file_only_where_a_member_is_one() {
    let d = dataset();
    let g = gazetteer::embedded().expect("the gazetteer decodes");
    // Borgomale (Piedmont, 20 people in GeoNames) and Tryńcza (Poland) are in no file of
    // cities of 15,000 or more.
    for (member, country, town) in [
        ("Borgomale 2050", "IT", "Borgomale"),
        ("Urząd Gminy Tryńcza", "PL", "Tryńcza"),
    ] {
        let (name, population) = covenant_place(&d, member, country);
        assert_eq!(name, town);
        assert!(population < 15_000, "{member}: {population}");
    }
    // Every smaller place in the asset is some member's place or main city: the asset
    // grows by what the lists name, not by GeoNames' 200,000 villages.
    let named: BTreeSet<u32> = d
        .networks
        .iter()
        .filter_map(|n| n.roster.as_ref())
        .flat_map(|r| &r.members)
        .flat_map(|m| m.geonames.iter().chain(&m.main_city).copied())
        .collect();
    let small: Vec<&gazetteer::Place> = g
        .places()
        .iter()
        .filter(|p| p.population < 15_000)
        .collect();
    assert_eq!(small.len(), 41_555 - 34_024);
    for p in small {
        assert!(
            named.contains(&p.id),
            "{} ({}) is no member's",
            p.name,
            p.id
        );
    }
}

#[test]
fn what_no_rule_settles_stays_unmatched() {
    let d = dataset();
    let r = roster(&d, "covenant-of-mayors");
    for (name, country) in [
        // Municipalities named after two places, which are neither.
        ("Kordelio-Evosmos", "GR"),
        ("Moschato - Tavros", "GR"),
        ("Gorenja vas - Poljane", "SI"),
        // A Danish municipality named after its area: the town at its point is Nykøbing.
        ("Guldborgsund", "DK"),
        // Roquetes (Tarragona) is not les Roquetes (Barcelona), the only place so named.
        ("Roquetes", "ES"),
        // A typo no rule reads and no review settled.
        ("Vllablanca", "ES"),
        // A name in two parts, of which only one is a place.
        ("Thorigné-Fouillard", "FR"),
    ] {
        let m = member(r, name, country);
        assert!(m.kind.is_city(), "{name}");
        assert_eq!(m.geonames, None, "{name}");
    }
    // Two rayons (districts) of Moldova were once taken for their towns.
    for name in ["Ialoveni (Rayon)", "Cimișlia (Rayon)"] {
        let m = member(r, name, "MD");
        assert_eq!((m.kind, m.geonames), (MemberKind::Region, None), "{name}");
    }
}
