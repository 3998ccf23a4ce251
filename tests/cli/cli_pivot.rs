//! `citynet city` and `citynet cities`: the city pivot on the command line.

use crate::support::run;

fn csv_rows(s: &str) -> Vec<csv::StringRecord> {
    csv::Reader::from_reader(s.as_bytes())
        .records()
        .collect::<Result<_, _>>()
        .expect("valid CSV")
}

#[test]
fn city_card_lists_every_network_with_its_tier() {
    let r = run(&["city", "milano"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("Milan, Italy (IT)\n"), "{}", r.stdout);
    assert!(r.stdout.contains("Also known as: Milano"));
    for (net, tier) in [
        ("c40", "Member"),
        ("eurocities", "Full member"),
        ("uccn", "Literature"),
    ] {
        let line = r
            .stdout
            .lines()
            .find(|l| l.starts_with(net))
            .unwrap_or_else(|| panic!("{net} missing:\n{}", r.stdout));
        assert!(line.contains(tier), "{line}");
    }
    assert!(r.stdout.contains("founding member"));
}

#[test]
fn city_json_is_the_memberships_and_parses() {
    let r = run(&["city", "barcelona", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("JSON");
    let nets: Vec<&str> = v
        .as_array()
        .expect("array")
        .iter()
        .map(|row| row["network"].as_str().expect("network"))
        .collect();
    assert_eq!(
        nets,
        [
            "c40",
            "ccdr",
            "covenant-of-mayors",
            "eurocities",
            "healthy-cities-partnership",
            "uccn"
        ]
    );
}

#[test]
fn ambiguous_city_lists_candidates_with_countries_and_exits_2() {
    let r = run(&["city", "london"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("London (GB, United Kingdom)"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("London (CA, Canada)"), "{}", r.stderr);
    assert!(r.stdout.is_empty());
    let ca = run(&["city", "london", "--country", "CA"]);
    assert_eq!(ca.code, 0);
    assert!(
        ca.stdout.contains("uccn") && !ca.stdout.contains("c40"),
        "{}",
        ca.stdout
    );
    let unknown = run(&["city", "qqqzzz"]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown.stderr.contains("no city is called “qqqzzz”"),
        "{}",
        unknown.stderr
    );
}

#[test]
fn any_city_of_the_world_answers_and_says_it_is_in_no_list() {
    // Lugano is a Swiss city of GeoNames (over 15,000 people) in none of the lists.
    let r = run(&["city", "lugano"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.starts_with("Lugano, Switzerland (CH)\n"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains(
            "In none of the 7 member lists (they cover 7 of the directory's 30 networks)."
        )
    );
    assert!(
        r.stdout
            .contains("(GeoNames, city proper, year not stated)")
    );
    assert!(
        r.stdout
            .contains("GeoNames (https://www.geonames.org/), CC BY 4.0")
    );
    // An exonym from GeoNames finds the listed city, with its lists and their dates.
    let milan = run(&["city", "mailand"]);
    assert_eq!(milan.code, 0, "{}", milan.stderr);
    assert!(
        milan.stdout.starts_with("Milan, Italy (IT)\n"),
        "{}",
        milan.stdout
    );
    assert!(
        milan.stdout.contains("26 of more than 60, as of 2019-03"),
        "{}",
        milan.stdout
    );
    assert!(
        milan.stdout.contains("CC BY 4.0"),
        "the JRC credit goes with Covenant data"
    );
    // A typo still gets suggestions, not GeoNames' nearest city.
    let typo = run(&["city", "mialn"]);
    assert_eq!(typo.code, 2);
    assert!(
        typo.stderr.contains("Did you mean:\n  Milan (IT, Italy)"),
        "{}",
        typo.stderr
    );
}

#[test]
fn cities_in_c40_and_eurocities_are_the_sixteen() {
    let r = run(&[
        "cities",
        "--in",
        "c40",
        "--in",
        "eurocities",
        "--format",
        "csv",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let names: Vec<String> = csv_rows(&r.stdout)
        .iter()
        .map(|r| r[0].to_string())
        .collect();
    assert_eq!(names.len(), 16, "{names:?}");
    assert!(names.contains(&"Milan".to_string()) && names.contains(&"London".to_string()));
    assert!(
        r.stderr.is_empty(),
        "no partial roster involved: {}",
        r.stderr
    );
}

#[test]
fn not_in_and_country_narrow_and_partial_rosters_are_noted() {
    let r = run(&[
        "cities",
        "--in",
        "eurocities",
        "--not-in",
        "c40",
        "--country",
        "NO",
        "--format",
        "csv",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut names: Vec<String> = csv_rows(&r.stdout)
        .iter()
        .map(|r| r[0].to_string())
        .collect();
    names.sort();
    assert_eq!(names, ["Bergen", "Stavanger"], "Oslo is in C40");
    let u = run(&[
        "cities",
        "--in",
        "uccn",
        "--in",
        "eurocities",
        "--format",
        "csv",
    ]);
    assert!(u.stderr.contains("partial (382 of 408)"), "{}", u.stderr);
}

#[test]
fn formats_agree_for_a_cities_query() {
    let args = ["cities", "--in", "c40", "--in", "uccn"];
    let csv = run(&[&args[..], &["--format", "csv"]].concat());
    let json = run(&[&args[..], &["--format", "json"]].concat());
    let table = run(&args);
    let n = csv_rows(&csv.stdout).len();
    let v: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    assert_eq!(v.as_array().map(Vec::len), Some(n));
    assert_eq!(table.stdout.lines().count(), n + 1, "header + rows");
    assert!(n > 10);
}

#[test]
fn cities_rejects_networks_without_a_roster_and_unknown_names() {
    let r = run(&["cities", "--in", "iclei"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("no member list"), "{}", r.stderr);
    let r = run(&["cities", "--in", "nonesuch"]);
    assert_eq!(r.code, 2);
}

#[test]
fn members_without_a_network_follows_the_tier_asked_for() {
    // Three networks have rosters; only Eurocities has a `full` tier.
    let r = run(&[
        "members",
        "--tier",
        "full",
        "--country",
        "DE",
        "--format",
        "csv",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let rows = csv_rows(&r.stdout);
    assert_eq!(rows.len(), 21);
    assert!(rows.iter().all(|r| &r[1] == "DE" && &r[3] == "full"));
    let r = run(&["members"]);
    assert_eq!(r.code, 2, "no tier, several rosters: ambiguous");
    assert!(r.stderr.contains("name one"));
}

/// A matched city's point is GeoNames' place, said so: Faenza's Covenant row reads 44.17,
/// 11.53 (degrees and minutes written as decimals), 31 km from the town.
#[test]
fn a_matched_citys_point_is_geonames_and_says_so() {
    let r = run(&["city", "faenza"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("Location: 44.29° N, 11.88° E (GeoNames)"),
        "{}",
        r.stdout
    );
    let r = run(&["city", "lugano"]);
    assert!(r.stdout.contains("° E (GeoNames)"), "{}", r.stdout);
}
