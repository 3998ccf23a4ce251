//! The command line, run as a person or a script would run it: the real binary, stdout to a
//! pipe, exit codes and bytes checked. Data fixtures live in `tests/fixtures/cli/`.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command as Std, Stdio};

use assert_cmd::Command;
use clap::CommandFactory;

use citynet::cli::Cli;
use citynet::embedded::embedded;
use citynet_core::data::{Dataset, load_file};

const BIN: &str = env!("CARGO_BIN_EXE_citynet");

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/cli")
        .join(name)
}

fn citynet() -> Command {
    let mut c = Command::new(BIN);
    c.env_remove("NO_COLOR").env_remove("RUST_BACKTRACE");
    // A large --data file is cached (`data::cache`): not in the home of whoever runs the tests.
    c.env(
        "XDG_CACHE_HOME",
        std::env::temp_dir().join("citynet-tests-cache"),
    );
    c
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str]) -> Run {
    let out = citynet().args(args).output().expect("citynet runs");
    Run {
        code: out.status.code().expect("exited, not killed"),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

/// Runs a command that must succeed, and gives its stdout.
fn ok(args: &[&str]) -> String {
    let r = run(args);
    assert_eq!(r.code, 0, "{args:?} failed: {}", r.stderr);
    assert!(
        r.stderr.is_empty(),
        "{args:?} wrote to stderr: {}",
        r.stderr
    );
    r.stdout
}

fn with_data<'a>(file: &'a str, args: &[&'a str]) -> Vec<String> {
    let path = fixture(file).display().to_string();
    let mut v = vec!["--data".to_string(), path];
    v.extend(args.iter().map(|s| s.to_string()));
    v
}

fn ok_data(file: &str, args: &[&str]) -> String {
    let v = with_data(file, args);
    let refs: Vec<&str> = v.iter().map(String::as_str).collect();
    ok(&refs)
}

fn run_data(file: &str, args: &[&str]) -> Run {
    let v = with_data(file, args);
    let refs: Vec<&str> = v.iter().map(String::as_str).collect();
    run(&refs)
}

fn csv_rows(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let headers = r
        .headers()
        .expect("a header row")
        .iter()
        .map(String::from)
        .collect();
    let rows = r
        .records()
        .map(|rec| {
            rec.expect("a CSV record")
                .iter()
                .map(String::from)
                .collect()
        })
        .collect();
    (headers, rows)
}

fn csv_column(text: &str, key: &str) -> Vec<String> {
    let (headers, rows) = csv_rows(text);
    let i = headers
        .iter()
        .position(|h| h == key)
        .unwrap_or_else(|| panic!("no column {key} in {headers:?}"));
    rows.into_iter().map(|r| r[i].clone()).collect()
}

fn json_rows(text: &str) -> Vec<serde_json::Value> {
    let v: serde_json::Value = serde_json::from_str(text).expect("valid JSON");
    v.as_array().expect("a JSON array").clone()
}

/// Rows of the aligned table: every line but the header.
fn table_rows(text: &str) -> Vec<&str> {
    text.lines().skip(1).collect()
}

fn eurocities(d: &Dataset) -> &citynet_core::data::Roster {
    d.networks
        .iter()
        .find(|n| n.id == "eurocities")
        .and_then(|n| n.roster.as_ref())
        .expect("the embedded dataset has the Eurocities roster")
}

// --------------------------------------------------------------------------- clap, help

#[test]
fn clap_definition_is_consistent() {
    Cli::command().debug_assert();
}

#[test]
fn help_lists_the_commands_and_every_command_has_help() {
    let help = ok(&["--help"]);
    for c in [
        "list",
        "show",
        "members",
        "search",
        "export",
        "validate",
        "completions",
        "--data",
    ] {
        assert!(help.contains(c), "--help does not mention {c}:\n{help}");
    }
    assert!(!help.contains("\n  man "), "man is hidden from help");
    for (c, says) in [
        ("list", "--theme"),
        ("show", "NETWORK"),
        ("members", "--tier"),
        ("search", "--limit"),
        ("export", "--format"),
        ("validate", "FILE"),
        ("completions", "SHELL"),
        ("man", "manual"),
    ] {
        let h = ok(&[c, "--help"]);
        assert!(
            h.contains(says),
            "`{c} --help` does not mention {says}:\n{h}"
        );
    }
}

#[test]
fn version() {
    let v = ok(&["--version"]);
    assert_eq!(v.trim(), format!("citynet {}", env!("CARGO_PKG_VERSION")));
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["frobnicate"][..],
        &["members", "eurocities", "--sort", "size"],
        &["export", "--format", "xml"],
        &["list", "--format", "yaml"],
        &["completions", "tcsh"],
        &["show"],
        &["search", "lodz", "--limit", "many"],
    ] {
        let r = run(args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(r.stdout.is_empty());
        assert!(r.stderr.contains("error"), "{args:?}: {}", r.stderr);
    }
}

// ------------------------------------------------------------------------------- list

/// The ids of a `list --format csv`, in order.
fn list_ids(args: &[&str]) -> Vec<String> {
    let mut all = vec!["list", "--format", "csv"];
    all.extend_from_slice(args);
    ok(&all)
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .map(str::to_string)
        .collect()
}

#[test]
fn list_sorts_by_size_and_founding_year_and_reverses() {
    let d = embedded().expect("embedded dataset");
    let net = |id: &str| {
        d.networks
            .iter()
            .find(|n| n.id == id)
            .expect("a network of that id")
    };
    let by_size = list_ids(&["--sort", "size"]);
    assert_eq!(by_size.len(), d.networks.len());
    let sizes: Vec<Option<u64>> = by_size
        .iter()
        .map(|id| citynet_core::networks::size_of(net(id)))
        .collect();
    let known: Vec<u64> = sizes.iter().map_while(|s| *s).collect();
    assert!(known.windows(2).all(|w| w[0] >= w[1]), "{by_size:?}");
    assert!(sizes[known.len()..].iter().all(Option::is_none));
    assert_eq!(by_size[0], "uclg", "250,000 members");
    let founded = list_ids(&["--sort", "founded", "--reverse"]);
    let years: Vec<u16> = founded
        .iter()
        .map_while(|id| net(id).first_founded())
        .collect();
    assert!(years.windows(2).all(|w| w[0] >= w[1]), "{founded:?}");
    assert!(years.len() > 20);
    // Z to A is A to Z backwards.
    let mut za = list_ids(&["--reverse"]);
    za.reverse();
    assert_eq!(za, list_ids(&[]));
    // A typo gets the valid orders.
    let r = run(&["list", "--sort", "sizes"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("name, size, founded"), "{}", r.stderr);
}

#[test]
fn list_shows_every_network_once() {
    let d = embedded().expect("embedded dataset");
    let table = ok(&["list"]);
    let rows = table_rows(&table);
    assert_eq!(rows.len(), d.networks.len());
    assert_eq!(rows.len(), 30);
    assert!(table.starts_with("ID "));
    let ids: Vec<&str> = rows
        .iter()
        .filter_map(|r| r.split_whitespace().next())
        .collect();
    // By the name shown, as the browser's list: the engine's order.
    let mut order: Vec<usize> = (0..d.networks.len()).collect();
    citynet_core::networks::sort_networks(
        &d,
        &mut order,
        citynet_core::networks::NetworkOrder::Name,
        false,
    );
    let want: Vec<&str> = order.iter().map(|&i| d.networks[i].id.as_str()).collect();
    assert_eq!(ids, want);
    assert_eq!(ids.first(), Some(&"aimf"), "AIMF reads first");
    let eurocities = rows
        .iter()
        .find(|r| r.starts_with("eurocities "))
        .expect("a Eurocities row");
    assert!(eurocities.contains("1986"), "{eurocities}");
    assert!(eurocities.contains(" 202 "), "{eurocities}");
}

#[test]
fn list_filters_by_theme_and_scope() {
    let climate = csv_column(
        &ok(&["list", "--theme", "climate", "--format", "csv"]),
        "id",
    );
    assert_eq!(
        climate,
        [
            "c40",
            "climate-alliance",
            "covenant-of-mayors",
            "energy-cities",
            "eurocities",
            "iclei",
            "regions4"
        ]
    );
    // Labels and data names both work.
    let smart = csv_column(
        &ok(&["list", "--theme", "Smart_Cities", "--format", "csv"]),
        "id",
    );
    assert_eq!(smart, ["leading-cities", "oasc", "wego"]);

    let europe = ok(&["list", "--scope", "europe", "--format", "json"]);
    let rows = json_rows(&europe);
    assert!(rows.len() >= 5);
    assert!(rows.iter().all(|r| r["scope"] == "Europe"));
    assert!(rows.iter().any(|r| r["id"] == "eurocities"));
    assert!(!rows.iter().any(|r| r["id"] == "c40"));

    let regional = csv_column(
        &ok(&["list", "--scope", "regional", "--format", "csv"]),
        "id",
    );
    assert_eq!(regional, ["human-rights-cities", "icorn"]);
}

#[test]
fn list_rejects_unknown_theme_and_scope_listing_valid_values() {
    let r = run(&["list", "--theme", "weather"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("weather"));
    assert!(r.stderr.contains("climate") && r.stderr.contains("smart cities"));
    let r = run(&["list", "--scope", "mars"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("global") && r.stderr.contains("Europe and the Americas"));
}

// ------------------------------------------------------------------------------- show

/// The detail pane's text for a network, straight from the library, as plain lines.
fn pane_text(id: &str, width: u16) -> Vec<String> {
    let d = embedded().expect("embedded dataset");
    let n = d.networks.iter().find(|n| n.id == id).expect("network");
    citynet::ui::detail::lines(&d, n, None, width, &citynet::theme::Theme::mono())
        .iter()
        .map(|l| {
            l.spans
                .iter()
                .map(|s| s.content.as_ref())
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect()
}

#[test]
fn show_prints_the_detail_pane_as_plain_text() {
    let out = ok(&["show", "iclei"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "ICLEI – Local Governments for Sustainability (ICLEI)"
    );
    assert!(out.contains("• more than 2,500 local and regional governments"));
    assert!(out.contains("Bonn, Germany"));
    // Exactly the pane's lines at 80 columns (stdout is not a terminal here).
    assert_eq!(lines, pane_text("iclei", 80));
    let widths: Vec<usize> = lines.iter().map(|l| l.chars().count()).collect();
    assert!(widths.iter().all(|&w| w <= 80), "{widths:?}");
    assert!(widths.iter().any(|&w| w > 70), "wrapped at 80: {widths:?}");
}

#[test]
fn show_replaces_the_pane_key_hint_with_the_command() {
    let out = ok(&["show", "eurocities"]);
    assert!(!out.contains("Enter shows"), "{out}");
    assert!(out.contains("List        citynet members eurocities"));
    assert!(out.contains("202 listed (complete, undated source, read on 2026-12-02)"));
    let pane = pane_text("eurocities", 80);
    assert_eq!(out.lines().count(), pane.len());
}

#[test]
fn show_matches_names_forgivingly() {
    let canonical = ok(&["show", "eurocities"]);
    for name in ["EUROCITIES", "Eurocities", "  eurocities "] {
        assert_eq!(ok(&["show", name]), canonical, "{name}");
    }
    let c40 = ok(&["show", "c40"]);
    assert!(c40.starts_with("C40 Cities Climate Leadership Group (C40)\n"));
    assert_eq!(ok(&["show", "C40 Cities Climate Leadership Group"]), c40);
    let gnlc = ok(&["show", "gnlc"]);
    assert!(gnlc.starts_with("UNESCO Global Network of Learning Cities (GNLC)\n"));
    assert_eq!(
        ok(&["show", "UNESCO Global Network of Learning Cities"]),
        gnlc
    );
    // Some of a name's words are not its name: a suggestion, never the answer.
    let r = run(&["show", "learning cities"]);
    assert_eq!(r.code, 2);
    assert!(r.stdout.is_empty());
    assert!(r.stderr.contains("Did you mean:\n  gnlc"), "{}", r.stderr);
    assert!(ok(&["show", "R-Cities"]).starts_with("Resilient Cities Network (R-Cities)\n"));
}

#[test]
fn show_of_an_unknown_name_suggests_close_names() {
    let r = run(&["show", "eurocitis"]);
    assert_eq!(r.code, 2);
    assert!(r.stdout.is_empty());
    assert!(r.stderr.contains("no network is called “eurocitis”"));
    assert!(r.stderr.contains("Did you mean"));
    assert!(r.stderr.contains("eurocities"), "{}", r.stderr);

    let r = run(&["show", "metropolice"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("metropolis"), "{}", r.stderr);

    let r = run(&["show", "zzzzqqqq"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("citynet list"), "{}", r.stderr);
}

#[test]
fn show_of_an_ambiguous_name_lists_the_candidates() {
    let r = run(&["show", "unesco"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("could be 2 networks"), "{}", r.stderr);
    assert!(r.stderr.contains("uccn") && r.stderr.contains("gnlc"));
    assert!(r.stderr.contains("UNESCO Creative Cities Network"));
}

// ---------------------------------------------------------------------------- members

#[test]
fn members_full_tier_is_117_in_every_format() {
    let csv = ok(&["members", "eurocities", "--tier", "full", "--format", "csv"]);
    let (headers, rows) = csv_rows(&csv);
    assert_eq!(rows.len(), 117);
    assert_eq!(&headers[..4], ["city", "country", "country_name", "tier"]);
    assert!(rows.iter().all(|r| r[3] == "full"));

    let json = json_rows(&ok(&[
        "members",
        "eurocities",
        "--tier",
        "full",
        "--format",
        "json",
    ]));
    assert_eq!(json.len(), 117);
    assert!(json.iter().all(|r| r["tier"] == "full"));
    assert!(
        json.iter()
            .all(|r| r["lat"].is_f64() && r["aka"].is_array())
    );

    let table = ok(&["members", "eurocities", "--tier", "full"]);
    assert_eq!(table_rows(&table).len(), 117);
    assert_eq!(
        ok(&[
            "members",
            "eurocities",
            "--tier",
            "full",
            "--format",
            "table"
        ]),
        table
    );

    let md = ok(&[
        "members",
        "eurocities",
        "--tier",
        "full",
        "--format",
        "markdown",
    ]);
    let lines: Vec<&str> = md.lines().collect();
    assert_eq!(lines.len(), 117 + 2);
    assert!(lines[1].starts_with("| --- |"));
    assert!(
        lines
            .iter()
            .all(|l| l.starts_with("| ") && l.ends_with(" |"))
    );
}

#[test]
fn members_tiers_add_up_to_the_roster() {
    let d = embedded().expect("embedded dataset");
    let all = json_rows(&ok(&["members", "eurocities", "--format", "json"]));
    assert_eq!(all.len(), eurocities(&d).members.len());
    let count = |tiers: &str| {
        json_rows(&ok(&[
            "members",
            "eurocities",
            "--tier",
            tiers,
            "--format",
            "json",
        ]))
        .len()
    };
    assert_eq!(count("associate"), 32);
    assert_eq!(count("partner"), 53);
    assert_eq!(count("full,associate"), 117 + 32);
    // Tier labels work as well as ids, in any case.
    assert_eq!(count("Associate member"), 32);
    assert_eq!(count("FULL"), 117);
    // Every tier off, as the TUI copies it: no rows, like the table shows, and stderr
    // says there are none.
    let r = run(&["members", "eurocities", "--tier", "", "--format", "json"]);
    assert_eq!((r.code, json_rows(&r.stdout).len()), (0, 0));
    assert_eq!(r.stderr, "citynet: nothing matches; no rows\n");
}

#[test]
fn members_full_in_germany() {
    let d = embedded().expect("embedded dataset");
    let mut want: Vec<String> = eurocities(&d)
        .members
        .iter()
        .filter(|m| m.tier == "full" && m.country == "DE")
        .map(|m| m.name.to_string())
        .collect();
    want.sort();
    let csv = ok(&[
        "members",
        "eurocities",
        "--tier",
        "full",
        "--country",
        "DE",
        "--format",
        "csv",
    ]);
    let mut got = csv_column(&csv, "city");
    got.sort();
    assert_eq!(got, want);
    for city in ["Berlin", "Munich", "Hamburg", "Düsseldorf", "Münster"] {
        assert!(got.iter().any(|c| c == city), "{city} missing from {got:?}");
    }
    assert!(csv_column(&csv, "country").iter().all(|c| c == "DE"));
    assert!(
        csv_column(&csv, "country_name")
            .iter()
            .all(|c| c == "Germany")
    );
    // Lower case, names, and lists work too.
    for country in ["de", "Germany", "GERMANY"] {
        let again = ok(&[
            "members",
            "eurocities",
            "--tier",
            "full",
            "--country",
            country,
            "--format",
            "csv",
        ]);
        assert_eq!(again, csv, "--country {country}");
    }
    let de_fr = csv_column(
        &ok(&[
            "members",
            "eurocities",
            "--country",
            "de,FR",
            "--format",
            "csv",
        ]),
        "country",
    );
    assert!(de_fr.iter().any(|c| c == "DE") && de_fr.iter().any(|c| c == "FR"));
    assert!(de_fr.iter().all(|c| c == "DE" || c == "FR"));
}

#[test]
fn members_search_is_fuzzy_accent_insensitive_and_ranked() {
    let first = |args: &[&str]| -> String {
        let mut v = vec!["members", "eurocities", "--format", "csv"];
        v.extend_from_slice(args);
        csv_column(&ok(&v), "city")
            .into_iter()
            .next()
            .unwrap_or_default()
    };
    assert_eq!(first(&["--search", "lodz"]), "Łódź");
    assert_eq!(first(&["--search", "ŁÓDŹ"]), "Łódź");
    assert_eq!(first(&["--search", "munchen"]), "Munich");
    assert_eq!(first(&["--search", "dusseldorf"]), "Düsseldorf");
    // Relevance by default with a query: London before Barcelona, which sorts first by city.
    assert_eq!(first(&["--search", "lon"]), "London");
    let by_city = csv_column(
        &ok(&[
            "members",
            "eurocities",
            "--search",
            "lon",
            "--sort",
            "city",
            "--format",
            "csv",
        ]),
        "city",
    );
    assert_ne!(by_city[0], "London");
    let mut relevance = csv_column(
        &ok(&[
            "members",
            "eurocities",
            "--search",
            "lon",
            "--format",
            "csv",
        ]),
        "city",
    );
    let mut sorted = by_city.clone();
    relevance.sort();
    sorted.sort();
    assert_eq!(relevance, sorted, "the same rows, in another order");
}

#[test]
fn members_search_speaks_the_member_tables_filter_language() {
    let csv = ok(&[
        "members",
        "eurocities",
        "--search",
        "country:de,fr ^b",
        "--format",
        "csv",
    ]);
    let (headers, rows) = csv_rows(&csv);
    assert_eq!(&headers[..2], ["city", "country"]);
    assert!(rows.len() >= 4, "{csv}");
    assert!(rows.iter().any(|r| r[0] == "Berlin") && rows.iter().any(|r| r[0] == "Bordeaux"));
    assert!(rows.iter().all(|r| r[0].starts_with('B')));
    assert!(rows.iter().all(|r| r[1] == "DE" || r[1] == "FR"));
    // Without partners, by a negated field.
    let no_partners = csv_column(
        &ok(&[
            "members",
            "eurocities",
            "--search",
            "!tier:partner",
            "--format",
            "csv",
        ]),
        "tier",
    );
    assert_eq!(no_partners.len(), 117 + 32);
    // A filter that does not parse is a usage error that says why.
    let r = run(&["members", "eurocities", "--search", "country:zz"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("cannot use --search “country:zz”"),
        "{}",
        r.stderr
    );
}

#[test]
fn members_sort_and_reverse() {
    let cities = csv_column(&ok(&["members", "eurocities", "--format", "csv"]), "city");
    let mut reversed = csv_column(
        &ok(&["members", "eurocities", "--reverse", "--format", "csv"]),
        "city",
    );
    reversed.reverse();
    assert_eq!(cities, reversed);
    assert_eq!(cities[0], "Aarhus");

    let names = csv_column(
        &ok(&[
            "members",
            "eurocities",
            "--sort",
            "country",
            "--format",
            "csv",
        ]),
        "country_name",
    );
    assert!(names.windows(2).all(|w| w[0] <= w[1]), "sorted by country");
    assert_eq!(names[0], "Albania");

    let tiers = csv_column(
        &ok(&["members", "eurocities", "--sort", "tier", "--format", "csv"]),
        "tier",
    );
    let rank = |t: &str| {
        ["full", "associate", "partner"]
            .iter()
            .position(|x| *x == t)
    };
    assert!(tiers.windows(2).all(|w| rank(&w[0]) <= rank(&w[1])));
    let tiers = csv_column(
        &ok(&[
            "members",
            "eurocities",
            "--sort",
            "tier",
            "--reverse",
            "--format",
            "csv",
        ]),
        "tier",
    );
    assert_eq!(tiers[0], "partner");
}

#[test]
fn members_rejects_unknown_tier_and_country_listing_valid_values() {
    let r = run(&["members", "eurocities", "--tier", "gold"]);
    assert_eq!(r.code, 2);
    assert!(r.stdout.is_empty());
    assert!(r.stderr.contains("unknown tier “gold”"), "{}", r.stderr);
    assert!(
        r.stderr.contains("full, associate, partner"),
        "{}",
        r.stderr
    );

    let r = run(&["members", "eurocities", "--country", "XY"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("no country is called “XY”"),
        "{}",
        r.stderr
    );
    // One short line, not the whole table of countries.
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);

    // A typo gets the nearest names, one a line.
    let r = run(&["members", "eurocities", "--country", "germnay"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("Did you mean:\n  DE  Germany"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.lines().all(|l| l.len() < 100), "{}", r.stderr);
    // A name that is several countries' asks.
    let r = run(&["members", "eurocities", "--country", "korea"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("KR  South Korea") && r.stderr.contains("KP  North Korea"));

    let r = run(&["members", "unesco"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("uccn"));

    let r = run(&["members", "iclei"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("has no member list"), "{}", r.stderr);
    assert!(r.stderr.contains("eurocities"), "{}", r.stderr);
}

#[test]
fn members_defaults_to_the_only_network_with_a_roster() {
    let csv = ok_data("small.ron", &["members", "--format", "csv"]);
    assert_eq!(csv_column(&csv, "city").len(), 8);
    assert_eq!(
        ok_data("small.ron", &["members", "brhc", "--format", "csv"]),
        csv
    );
}

#[test]
fn members_needs_a_network_when_several_have_rosters() {
    // The embedded dataset: as many rosters as it has, every one listed when one is needed.
    let d = embedded().expect("embedded dataset");
    let with: Vec<&str> = d
        .networks
        .iter()
        .filter(|n| n.roster.is_some())
        .map(|n| n.id.as_str())
        .collect();
    // No tier given, so no roster can be told apart by its tiers.
    let r = run(&["members"]);
    if with.len() > 1 {
        assert_eq!(r.code, 2);
        assert!(r.stdout.is_empty());
        for id in &with {
            assert!(r.stderr.contains(id), "{id} not offered: {}", r.stderr);
        }
    } else {
        assert_eq!(r.code, 0);
    }

    let r = run_data("two_rosters.ron", &["members"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("2 networks have member lists"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("baltic-ring") && r.stderr.contains("quiet-squares"));

    let csv = ok_data(
        "two_rosters.ron",
        &["members", "quiet squares alliance", "--format", "csv"],
    );
    assert_eq!(csv_column(&csv, "city"), ["Ljubljana", "Zürich"]);
    let csv = ok_data("two_rosters.ron", &["members", "BRHC", "--format", "csv"]);
    assert_eq!(csv_column(&csv, "city").len(), 8);
}

// ----------------------------------------------------------------------------- search

#[test]
fn search_finds_networks_members_and_themes_and_says_which() {
    // Łódź is in more than one roster: each membership is a result of its own, all on top.
    let rows = json_rows(&ok(&["search", "lodz", "--format", "json"]));
    assert_eq!(rows[0]["rank"], 1);
    let best: Vec<&serde_json::Value> = rows.iter().filter(|r| r["rank"] == 1).collect();
    assert!(best.len() > 1, "Łódź ties with itself in each roster");
    assert!(
        best.iter()
            .all(|r| r["name"] == "Łódź" && r["kind"] == "member")
    );
    let eurocities = best
        .iter()
        .find(|r| r["network"] == "eurocities")
        .expect("Łódź as a member of Eurocities");
    assert_eq!(eurocities["what"], "member of Eurocities");
    assert_eq!(eurocities["details"], "Poland · Full member");

    let rows = json_rows(&ok(&["search", "climate", "--format", "json"]));
    assert_eq!(rows[0]["what"], "theme");
    assert_eq!(rows[0]["name"], "climate");
    assert!(
        rows[0]["details"]
            .as_str()
            .is_some_and(|d| d.starts_with("7 networks: C40,"))
    );
    assert!(rows.iter().any(|r| {
        r["what"] == "network"
            && r["name"]
                .as_str()
                .is_some_and(|n| n.starts_with("C40 Cities Climate"))
    }));

    let rows = json_rows(&ok(&["search", "iclei", "--format", "json"]));
    assert_eq!(rows[0]["what"], "network");
    assert_eq!(rows[0]["network"], "iclei");

    let table = ok(&["search", "munchen"]);
    let row = table_rows(&table)
        .into_iter()
        .find(|r| r.starts_with("member of Eurocities "))
        .expect("Munich, by its German name");
    assert!(row.contains(" Munich "), "{row}");
    assert!(row.contains("also “München”"), "{row}");
}

#[test]
fn search_ranks_best_first_and_limits() {
    let rows = json_rows(&ok(&["search", "cit", "--limit", "0", "--format", "json"]));
    assert!(rows.len() > 20, "{}", rows.len());
    let ranks: Vec<u64> = rows
        .iter()
        .map(|r| r["rank"].as_u64().expect("a rank"))
        .collect();
    assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{ranks:?}");
    // A rank is the place of the first result with that score: 1, 1, 3, ...
    for (i, w) in ranks.windows(2).enumerate() {
        assert!(w[1] == w[0] || w[1] == i as u64 + 2, "{ranks:?}");
    }
    let kinds: std::collections::BTreeSet<&str> =
        rows.iter().filter_map(|r| r["kind"].as_str()).collect();
    assert!(kinds.contains("network") && kinds.contains("member"));
    assert_eq!(
        json_rows(&ok(&["search", "cit", "--format", "json"])).len(),
        20
    );
    assert_eq!(
        json_rows(&ok(&["search", "cit", "--limit", "3", "--format", "json"])).len(),
        3
    );
    let r = run(&["search", "  "]);
    assert_eq!(r.code, 2);
}

// ------------------------------------------------------------------------ all formats

#[test]
fn formats_agree_on_the_rows() {
    let queries: [&[&str]; 5] = [
        &["list"],
        &["list", "--theme", "health"],
        &["members", "eurocities", "--tier", "full"],
        &["members", "eurocities", "--search", "ber"],
        &["search", "cit", "--limit", "0"],
    ];
    for q in queries {
        let with = |f: &str| {
            let mut v = q.to_vec();
            v.extend(["--format", f]);
            ok(&v)
        };
        let table = table_rows(&with("table")).len();
        let (_, csv) = csv_rows(&with("csv"));
        let json = json_rows(&with("json")).len();
        let md = with("markdown").lines().count() - 2;
        assert!(table > 0, "{q:?}");
        assert_eq!(csv.len(), table, "{q:?} csv vs table");
        assert_eq!(json, table, "{q:?} json vs table");
        assert_eq!(md, table, "{q:?} markdown vs table");
        assert_eq!(ok(q), with("table"), "{q:?}: table is the default");
    }
}

#[test]
fn table_aligns_wide_and_accented_names() {
    let out = ok_data("small.ron", &["members"]);
    let lines: Vec<&str> = out.lines().collect();
    // The "Code" column starts at the same display column on every line.
    let col = |l: &str| {
        let i = l.find("  ").expect("columns");
        let rest = &l[i..];
        let j = rest.len() - rest.trim_start().len();
        l[..i + j].chars().count()
    };
    let first = col(lines[0]);
    for l in &lines {
        assert_eq!(col(l), first, "misaligned: {l:?}");
    }
    assert!(out.contains("Łódź "));
    assert!(out.contains("İzmir "));
    // Populations are grouped and right-aligned; empty columns are left out of the table.
    assert!(out.contains("605,273"));
    assert!(lines[0].contains("Population") && lines[0].contains("Since"));
}

#[test]
fn csv_and_json_stay_faithful_and_markdown_escapes_pipes() {
    let csv = ok_data("small.ron", &["members", "--format", "csv"]);
    assert!(csv.contains("\"Dún Laoghaire, \"\"Kingstown\"\"\""));
    let cities = csv_column(&csv, "city");
    assert!(cities.contains(&"Dún Laoghaire, \"Kingstown\"".to_string()));
    assert!(cities.contains(&"Frankfurt (Oder) | Słubice".to_string()));
    let (headers, rows) = csv_rows(&csv);
    let pop = headers
        .iter()
        .position(|h| h == "population")
        .expect("population");
    let aka = headers.iter().position(|h| h == "aka").expect("aka");
    let riga = rows.iter().find(|r| r[0] == "Rīga").expect("Rīga");
    assert_eq!(riga[pop], "605273");
    assert_eq!(riga[aka], "Riga");

    let json = json_rows(&ok_data("small.ron", &["members", "--format", "json"]));
    let riga = json.iter().find(|r| r["city"] == "Rīga").expect("Rīga");
    assert_eq!(riga["population"], 605_273);
    assert_eq!(riga["since"], serde_json::Value::Null);
    assert_eq!(riga["aka"], serde_json::json!(["Riga"]));
    assert_eq!(riga["lat"], 56.95);

    let md = ok_data("small.ron", &["members", "--format", "markdown"]);
    assert!(md.contains("| Frankfurt (Oder) \\| Słubice |"), "{md}");
    // The escaped pipe does not split a cell: every line has the header's number of cells.
    let cells = |l: &str| l.matches(" | ").count();
    let header = md.lines().next().map_or(0, cells);
    assert!(md.lines().all(|l| cells(l) == header), "{md}");
}

// ----------------------------------------------------------------------------- export

#[test]
fn export_ron_loads_back_equal() {
    let ron = ok(&["export"]);
    assert_eq!(ok(&["export", "--format", "ron"]), ron);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("dataset.ron");
    std::fs::write(&path, &ron).expect("write export");
    let back = load_file(&path).expect("the export loads");
    assert_eq!(back, embedded().expect("embedded dataset"));
    // And the commands answer the same from it.
    let p = path.display().to_string();
    assert_eq!(ok(&["--data", &p, "list"]), ok(&["list"]));
    assert_eq!(
        ok(&[
            "--data",
            &p,
            "members",
            "eurocities",
            "--tier",
            "full",
            "--format",
            "csv"
        ]),
        ok(&["members", "eurocities", "--tier", "full", "--format", "csv"])
    );
    let d = embedded().expect("embedded dataset");
    let rosters: Vec<_> = d
        .networks
        .iter()
        .filter_map(|n| n.roster.as_ref())
        .collect();
    let members: usize = rosters.iter().map(|r| r.members.len()).sum();
    assert_eq!(
        ok(&["validate", &p]).trim_end(),
        format!(
            "{p}: ok (30 networks, {} roster{}, {} members)",
            rosters.len(),
            if rosters.len() == 1 { "" } else { "s" },
            citynet_core::data::group_thousands(members as u64)
        )
    );
}

#[test]
fn export_of_an_external_dataset_round_trips() {
    let ron = ok_data("two_rosters.ron", &["export"]);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("again.ron");
    std::fs::write(&path, &ron).expect("write export");
    assert_eq!(
        load_file(&path).expect("loads"),
        load_file(&fixture("two_rosters.ron")).expect("loads")
    );
}

#[test]
fn export_json_is_the_same_dataset() {
    let json = ok(&["export", "--format", "json"]);
    let back: Dataset = serde_json::from_str(&json).expect("JSON in the dataset's shape");
    assert_eq!(back, embedded().expect("embedded dataset"));
    let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(v["networks"].as_array().map(Vec::len), Some(30));
}

// --------------------------------------------------------------------------- validate

#[test]
fn validate_a_clean_file() {
    let p = fixture("small.ron").display().to_string();
    let out = ok(&["validate", &p]);
    assert_eq!(out, format!("{p}: ok (2 networks, 1 roster, 8 members)\n"));
}

/// (fixture, the position the message must give, words it must contain)
const BROKEN: [(&str, &str, &str); 6] = [
    ("syntax_error.ron", ":13:13:", "Expected comma"),
    ("wrong_type.ron", ":16:30:", "Expected integer"),
    (
        "unknown_field.ron",
        ":17:13:",
        "expected one of `id`, `name`",
    ),
    ("duplicate_id.ron", ":40:17:", "duplicate network id"),
    (
        "unknown_tier.ron",
        ":33:28:",
        "unknown tier `gold` (this roster's tiers: core, observer)",
    ),
    (
        "bad_country.ron",
        ":33:28:",
        "unknown country code `UK` (expected ISO 3166-1 alpha-2",
    ),
];

#[test]
fn validate_reports_every_problem_with_its_position() {
    for (file, at, says) in BROKEN {
        let p = fixture(file).display().to_string();
        let r = run(&["validate", &p]);
        assert_eq!(r.code, 1, "{file}");
        let all = format!("{}{}", r.stdout, r.stderr);
        assert!(all.contains(&format!("{p}{at}")), "{file}: {all}");
        assert!(all.contains(says), "{file}: {all}");
        assert!(!all.contains("panicked"));
    }
    let p = fixture("control_chars.ron").display().to_string();
    let r = run(&["validate", &p]);
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stdout.lines().count(),
        3,
        "two problems and a summary:\n{}",
        r.stdout
    );
    assert!(r.stdout.ends_with(&format!("{p}: 2 problems\n")));
}

#[test]
fn syntax_errors_quote_the_line() {
    let p = fixture("syntax_error.ron").display().to_string();
    let r = run(&["validate", &p]);
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stderr,
        format!(
            "citynet: {p}:13:13: Expected comma\n     |\n  12 |             short_name: \"BRHC\"\n  13 |             scope: Regional(\"Baltic Sea\"),\n     |             ^\n"
        )
    );
}

#[test]
fn missing_and_unreadable_files() {
    let r = run(&["validate", "no/such/file.ron"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("no/such/file.ron: cannot read"),
        "{}",
        r.stderr
    );
    let dir = fixture("").display().to_string();
    let r = run(&["validate", &dir]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("is a directory"), "{}", r.stderr);
    let r = run(&["--data", "no/such/file.ron", "list"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("no/such/file.ron: cannot read"));
}

// ----------------------------------------------------------------------------- --data

#[test]
fn data_changes_what_every_command_shows() {
    let list = ok_data("small.ron", &["list", "--format", "csv"]);
    assert_eq!(csv_column(&list, "id"), ["baltic-ring", "quiet-squares"]);
    assert_eq!(csv_column(&list, "scope"), ["Baltic Sea", "global"]);

    let show = ok_data("small.ron", &["show", "brhc"]);
    assert!(
        show.starts_with("Baltic Ring of Harbour Cities (BRHC)\n"),
        "{show}"
    );
    assert!(show.contains("8 listed (complete, as of 2024) · Core 4 · Observer 4"));
    assert_eq!(run_data("small.ron", &["show", "iclei"]).code, 2);

    let members = ok_data(
        "small.ron",
        &["members", "--tier", "core", "--format", "csv"],
    );
    assert_eq!(
        csv_column(&members, "city"),
        ["Gdańsk", "Kiel", "Rīga", "Tallinn"]
    );

    let search = json_rows(&ok_data(
        "small.ron",
        &["search", "riga", "--format", "json"],
    ));
    assert_eq!(search[0]["name"], "Rīga");
    assert_eq!(search[0]["what"], "member of BRHC");

    let export = ok_data("small.ron", &["export", "--format", "json"]);
    let d: Dataset = serde_json::from_str(&export).expect("dataset JSON");
    assert_eq!(d, load_file(&fixture("small.ron")).expect("loads"));

    let r = run_data("small.ron", &["members", "--tier", "full"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("valid tiers: core, observer"),
        "{}",
        r.stderr
    );
}

#[test]
fn every_command_refuses_a_broken_dataset() {
    let commands: [&[&str]; 6] = [
        &["list"],
        &["show", "brhc"],
        &["members"],
        &["search", "riga"],
        &["export"],
        &[],
    ];
    for (file, at, says) in BROKEN {
        for c in commands {
            let r = run_data(file, c);
            assert_eq!(r.code, 1, "{file} {c:?}: {}", r.stderr);
            assert!(r.stdout.is_empty(), "{file} {c:?}");
            assert!(r.stderr.starts_with("citynet: "), "{file} {c:?}");
            assert!(r.stderr.contains(at), "{file} {c:?}: {}", r.stderr);
            assert!(r.stderr.contains(says), "{file} {c:?}: {}", r.stderr);
            assert!(!r.stderr.contains("panicked") && !r.stderr.contains("backtrace"));
            assert!(r.stderr.lines().count() <= 24, "one screen: {}", r.stderr);
        }
    }
    for c in commands {
        let r = run(&[&["--data", "no/such.ron"][..], c].concat());
        assert_eq!(r.code, 1, "{c:?}");
        assert!(r.stderr.contains("no/such.ron: cannot read"));
        let dir = fixture("").display().to_string();
        let r = run(&[&["--data", dir.as_str()][..], c].concat());
        assert_eq!(r.code, 1, "{c:?}");
        assert!(r.stderr.contains("is a directory"));
    }
}

// --------------------------------------------------------------- terminal safety, pipes

#[test]
fn no_escape_bytes_when_piped_or_under_no_color() {
    let commands: [&[&str]; 6] = [
        &["list"],
        &["show", "eurocities"],
        &["members", "eurocities"],
        &["members", "eurocities", "--format", "markdown"],
        &["search", "lodz"],
        &["list", "--format", "markdown"],
    ];
    for c in commands {
        for no_color in [false, true] {
            let mut cmd = citynet();
            if no_color {
                cmd.env("NO_COLOR", "1");
            }
            let out = cmd.args(c).output().expect("runs");
            assert!(out.status.success());
            assert!(!out.stdout.contains(&0x1b), "{c:?} NO_COLOR={no_color}");
        }
    }
}

#[test]
fn data_text_never_reaches_the_terminal_raw() {
    // An invalid dataset full of escape sequences: every message about it is escaped.
    for c in [&["list"][..], &["members"], &[]] {
        let r = run_data("control_chars.ron", c);
        assert_eq!(r.code, 1);
        assert!(
            !r.stderr.contains('\u{1b}') && !r.stderr.contains('\u{7}'),
            "{c:?}"
        );
        assert!(r.stderr.contains("\\u{1b}"), "{}", r.stderr);
    }
    let p = fixture("control_chars.ron").display().to_string();
    let r = run(&["validate", &p]);
    assert!(!r.stdout.contains('\u{1b}') && !r.stdout.contains('\u{7}'));
    // What a person types is echoed escaped too.
    let r = run(&["show", "\u{1b}[2Jeuro\u{9b}"]);
    assert_eq!(r.code, 2);
    assert!(!r.stderr.contains('\u{1b}') && !r.stderr.contains('\u{9b}'));
}

/// Starts citynet with stdout to a pipe, reads one line, closes the pipe.
fn read_one_line_and_hang_up(args: &[&str]) -> (std::process::ExitStatus, String, String) {
    let mut child = Std::new(BIN)
        .args(args)
        .env_remove("RUST_BACKTRACE")
        .env(
            "XDG_CACHE_HOME",
            std::env::temp_dir().join("citynet-tests-cache"),
        )
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn citynet");
    let stdout = child.stdout.take().expect("stdout");
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("read a line");
    // The reader is dropped here: the pipe is closed with most of the output unread.
    let out = child.wait_with_output().expect("citynet exits");
    (
        out.status,
        line,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_reader_that_hangs_up_early_is_not_an_error() {
    // A big roster, so that every output is far larger than a pipe's buffer and the
    // writer is still writing when the reader goes.
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("big.ron");
    std::fs::write(&path, big_dataset(20_000)).expect("write");
    let p = path.display().to_string();
    for format in ["table", "csv", "json", "markdown"] {
        let (status, line, stderr) =
            read_one_line_and_hang_up(&["--data", &p, "members", "--format", format]);
        assert!(!line.is_empty(), "{format}");
        assert!(status.success(), "{format}: {status:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{format}: {stderr}");
    }
    for args in [
        &["export"][..],
        &["export", "--format", "json"],
        &["show", "big"],
    ] {
        let mut all = vec!["--data", p.as_str()];
        all.extend_from_slice(args);
        let (status, line, stderr) = read_one_line_and_hang_up(&all);
        assert!(!line.is_empty(), "{args:?}");
        assert!(status.success(), "{args:?}: {status:?}: {stderr}");
        assert!(stderr.is_empty(), "{args:?}: {stderr}");
    }
}

/// A valid dataset with one network of `n` members, all in Berlin.
fn big_dataset(n: usize) -> String {
    let mut s = String::from(
        r#"(title: "Big", as_of: "2024", sources: [(id: "s", title: "S", publisher: "P")],
networks: [(id: "big", name: "Big Network", scope: Global, themes: [climate], summary: "Many members.",
sources: ["s"], roster: (sources: ["s"], as_of: "2024", completeness: Complete,
tiers: [(id: "full", label: "Full member", short: "Full")], members: [
"#,
    );
    for i in 0..n {
        s.push_str(&format!(
            "(name: \"Town {i:05}\", country: \"DE\", tier: \"full\", lat: 52.52, lon: 13.40),\n"
        ));
    }
    s.push_str("]))])\n");
    s
}

// -------------------------------------------------------------------- completions, man

#[test]
fn completions_for_each_shell() {
    for (shell, says) in [
        ("bash", "complete -F _citynet"),
        ("zsh", "#compdef citynet"),
        ("fish", "complete -c citynet"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let out = ok(&["completions", shell]);
        assert!(out.contains(says), "{shell}");
        assert!(out.contains("members"), "{shell} completes subcommands");
    }
    // The dataset is not needed, so a broken one does not stop completions.
    assert!(ok_data("wrong_type.ron", &["completions", "bash"]).contains("_citynet"));
}

#[test]
fn man_page_from_the_same_definition() {
    let roff = ok(&["man"]);
    assert!(
        roff.contains(".TH citynet"),
        "{}",
        &roff[..roff.len().min(300)]
    );
    for word in ["members", "export", "\\-\\-data"] {
        assert!(roff.contains(word), "man page lacks {word}");
    }
}

#[test]
fn write_errors_other_than_a_closed_pipe_fail() {
    // stdout to /dev/full: every write fails with "no space left", which is an error.
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        return; // not on Linux
    };
    let out = Std::new(BIN)
        .arg("list")
        .stdout(full)
        .stderr(Stdio::piped())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("cannot write to stdout"), "{stderr}");
    assert!(!stderr.contains("panicked"));
}

#[test]
fn validate_checks_a_roster_file_within_the_embedded_directory() {
    let dir = tempfile::tempdir().expect("temp dir");
    let good = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/rosters/eurocities.ron");
    let r = run(&["validate", good.to_str().expect("utf-8 path")]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains(": ok ("), "{}", r.stdout);
    // The same roster with a bad country code: named by the file's line and column, and
    // the member's name quoted as written.
    let text = std::fs::read_to_string(&good).expect("roster");
    let broken = dir.path().join("eurocities.ron");
    std::fs::write(&broken, text.replacen("\"PL\"", "\"XX\"", 1)).expect("write");
    let r = run(&["validate", broken.to_str().expect("utf-8 path")]);
    assert_eq!(r.code, 1);
    let first = r.stdout.lines().next().unwrap_or_default();
    assert!(first.contains("eurocities.ron:"), "{first}");
    assert!(
        first.contains("member \"Białystok\": unknown country code `XX`"),
        "{first}"
    );
    // A roster file named after no network says so.
    let stray = dir.path().join("nonesuch.ron");
    std::fs::write(&stray, &text).expect("write");
    let r = run(&["validate", stray.to_str().expect("utf-8 path")]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("unknown network `nonesuch`"),
        "{}",
        r.stderr
    );
}

// ------------------------------------------------------------------------ provenance

#[test]
fn show_numbers_each_fact_and_lists_its_sources() {
    let out = ok(&["show", "c40"]);
    assert!(out.contains("Founded     2005 [2,4]"), "{out}");
    assert!(out.contains("\nSources\n[1] "), "{out}");
    assert!(out.contains("https://www.c40.org/history"), "{out}");
    assert!(out.contains("read on 2026-12-02"), "{out}");
    let fmdv = ok(&["show", "fmdv"]);
    assert!(
        fmdv.contains("Website     not stated by the sources we have"),
        "{fmdv}"
    );
    let euro = ok(&["show", "eurocities"]);
    assert!(!euro.contains("fromEurocities"), "{euro}");
    assert_eq!(euro.matches("\nLeader").count(), 1, "{euro}");
    assert!(
        euro.contains("Leaders     President: Burkhard Jung;"),
        "{euro}"
    );
    assert!(euro.contains("150,000,000 people [1]"), "{euro}");
    assert!(euro.contains("more than 150,000,000 people [2]"), "{euro}");
    assert!(
        euro.contains("undated source, read on 2026-12-02"),
        "{euro}"
    );
    assert!(euro.contains("Bergen is a full member"), "{euro}");
    assert!(
        euro.contains("culture, economic development, environment, knowledge society"),
        "{euro}"
    );
}

#[test]
fn sources_lists_every_source_with_its_facts_in_every_format() {
    let d = citynet::embedded::embedded().expect("embedded");
    let table = ok(&["sources"]);
    assert_eq!(
        table.lines().filter(|l| l.starts_with('[')).count(),
        d.sources.len(),
        "{table}"
    );
    assert!(table.contains("(c40-history)"), "{table}");
    assert!(table.contains("    c40 founded: 2005"), "{table}");
    // Only the gazetteer's source, which `citynet city` credits, backs no directory fact.
    assert_eq!(table.matches("cited by no fact").count(), 1, "{table}");

    let json = ok(&["sources", "--format", "json"]);
    let rows: serde_json::Value = serde_json::from_str(&json).expect("json parses");
    let rows = rows.as_array().expect("an array");
    assert_eq!(rows.len(), d.sources.len());
    let gch = rows
        .iter()
        .find(|r| r["id"] == "gch-directory")
        .expect("the directory");
    let facts = gch["facts"].as_array().expect("facts");
    assert!(facts.iter().any(|f| f == "aimf founded: 1979"), "{gch}");
    // The directory states no website: none may be credited to it.
    assert!(
        !facts
            .iter()
            .any(|f| f.as_str().is_some_and(|s| s.contains("website")))
    );

    let csv = ok(&["sources", "--format", "csv"]);
    assert!(
        csv.starts_with("id,title,publisher,published,read_on,url,fact_count,facts"),
        "{csv}"
    );
    assert!(csv.contains("citynet-assigned,"), "{csv}");

    let md = ok(&["sources", "--format", "markdown"]);
    assert!(md.starts_with("| ID |"), "{md}");
    assert_eq!(md.lines().count(), d.sources.len() + 2, "{md}");
}

#[test]
fn json_export_carries_each_facts_sources() {
    let json = ok(&["export", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).expect("json parses");
    let c40 = v["networks"]
        .as_array()
        .and_then(|n| n.iter().find(|n| n["id"] == "c40"))
        .expect("c40");
    assert_eq!(c40["founded"][0]["value"], 2005);
    assert_eq!(c40["founded"][0]["sources"][0], "c40-history");
    assert_eq!(c40["figures"][0]["sources"][0], "gch-directory");
}

#[test]
#[cfg(unix)]
fn copy_puts_the_output_on_the_clipboard_by_the_desktop_command() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("a temporary directory");
    let got = dir.path().join("clipboard");
    let tool = dir.path().join("xclip");
    std::fs::write(&tool, format!("#!/bin/sh\ncat > '{}'\n", got.display()))
        .expect("write the stand-in xclip");
    std::fs::set_permissions(&tool, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let path = format!(
        "{}:{}",
        dir.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let args = ["members", "eurocities", "--format", "csv"];
    let printed = ok(&args);
    let out = citynet()
        .args(args)
        .arg("--copy")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("TMUX")
        .env_remove("STY")
        .env("DISPLAY", ":99")
        .env("PATH", &path)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty(), "nothing printed while copying");
    let stderr = String::from_utf8(out.stderr).expect("UTF-8");
    let lines = printed.lines().count();
    assert_eq!(
        stderr,
        format!("citynet: Copied {lines} lines to the clipboard (by xclip)\n")
    );
    assert_eq!(std::fs::read_to_string(&got).expect("copied"), printed);
}

#[test]
fn copy_without_a_command_is_a_usage_error() {
    let r = run(&["--copy"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("--copy puts a command's output"),
        "{}",
        r.stderr
    );
}

#[test]
fn several_words_are_one_name_without_quotes() {
    let quoted = ok(&["city", "sao paulo"]);
    assert!(quoted.starts_with("São Paulo, Brazil"), "{quoted}");
    assert_eq!(ok(&["city", "sao", "paulo"]), quoted);
    assert_eq!(
        ok(&[
            "show", "unesco", "global", "network", "of", "learning", "cities"
        ]),
        ok(&["show", "gnlc"])
    );
    assert_eq!(ok(&["search", "den", "haag"]), ok(&["search", "den haag"]));
    // Options still work after the words.
    let london = ok(&["city", "london", "--country", "ca"]);
    assert!(london.starts_with("London, Canada"), "{london}");
}

#[test]
fn search_csv_has_a_rank_not_an_internal_score() {
    let csv = ok(&["search", "lodz", "--format", "csv"]);
    let (header, rows) = csv_rows(&csv);
    assert!(!header.iter().any(|h| h == "score"), "{header:?}");
    let rank = header
        .iter()
        .position(|h| h == "rank")
        .expect("a rank column");
    assert_eq!(rows[0][rank], "1");
}

#[test]
fn an_empty_answer_says_so_on_stderr() {
    for args in [
        &["search", "qqqqzzzz"][..],
        &["members", "eurocities", "--country", "JP"],
        &[
            "members",
            "eurocities",
            "--country",
            "JP",
            "--format",
            "json",
        ],
    ] {
        let r = run(args);
        assert_eq!(r.code, 0, "{args:?}");
        assert_eq!(r.stderr, "citynet: nothing matches; no rows\n", "{args:?}");
    }
    assert!(run(&["search", "lodz"]).stderr.is_empty());
}

#[test]
fn help_piped_wraps_at_80_columns() {
    for args in [&["--help"][..], &["members", "--help"], &["city", "--help"]] {
        let out = ok(args);
        for line in out.lines() {
            assert!(line.chars().count() <= 80, "{args:?}: {line:?}");
        }
    }
}

#[test]
fn completions_offer_network_ids_tiers_and_country_codes() {
    for shell in ["bash", "zsh", "fish"] {
        let script = ok(&["completions", shell]);
        for word in ["eurocities", "covenant-of-mayors", "associate", "DE"] {
            assert!(script.contains(word), "{shell}: {word} not offered");
        }
    }
    // Only the scripts: names that are not ids still work.
    assert!(ok(&["members", "Eurocities", "--country", "germany"]).contains("Berlin"));
}

#[test]
fn the_man_page_names_no_missing_page_and_has_the_keys() {
    let page = ok(&["man"]);
    assert!(!page.contains("citynet\\-list(1)"), "no page per command");
    assert!(page.contains(".SH KEYS") && page.contains(".SH COMMANDS"));
}
