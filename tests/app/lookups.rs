//! The browser answers through the engine: its member filter, its network filter and its
//! jump prompt give what `citynet-core` gives, for the examples of the issue "One search
//! engine you can trust".

use citynet::app::jump::Destination;
use citynet::app::{Action, update};
use citynet_core::cities::Cities;
use citynet_core::lookup::Lookup;
use citynet_core::query::Query;
use citynet_core::roster::{RosterIndex, Sort};
use citynet_core::search::Matcher;

use crate::support::{open, shown_names as shown, type_text};

fn app() -> citynet::app::App {
    crate::support::app(120, 40)
}

#[test]
fn the_member_filter_shows_what_the_engine_answers() {
    let mut a = app();
    open(&mut a, "eurocities");
    let (_, _, roster, _) = a.open_roster().expect("open");
    let roster = roster.clone();
    let idx = RosterIndex::new(&roster);
    for q in [
        "^b",
        "en$",
        "!ber",
        "koeln",
        "country:uk",
        "country:\"united kingdom\" ^b",
    ] {
        update(&mut a, Action::StartFilter);
        update(&mut a, Action::ClearInput);
        type_text(&mut a, q);
        update(&mut a, Action::AcceptInput);
        let query = Query::for_roster(q, &roster).expect("parses");
        let tiers = vec![true; roster.tiers.len()];
        let engine: Vec<String> = idx
            .query_parsed(&Matcher::default(), &query, &tiers, Sort::default())
            .iter()
            .map(|h| roster.members[h.member as usize].name.to_string())
            .collect();
        let mut screen = shown(&a);
        let mut engine_sorted = engine.clone();
        screen.sort();
        engine_sorted.sort();
        assert_eq!(screen, engine_sorted, "{q}");
    }
    update(&mut a, Action::StartFilter);
    update(&mut a, Action::ClearInput);
    type_text(&mut a, "^b");
    update(&mut a, Action::AcceptInput);
    assert!(!shown(&a).contains(&"Antwerp".to_string()));
}

#[test]
fn the_network_filter_anchors_on_names_and_themes_stay_fields() {
    let mut a = app();
    update(&mut a, Action::StartFilter);
    type_text(&mut a, "theme:climate !^c");
    update(&mut a, Action::AcceptInput);
    assert!(a.networks.error.is_none(), "{:?}", a.networks.error);
    let labels: Vec<String> = a
        .networks
        .rows
        .iter()
        .map(|r| a.data.networks[r.network].label().to_string())
        .collect();
    assert!(
        !labels.is_empty(),
        "climate networks whose names do not start with c"
    );
    assert!(
        labels.iter().all(|l| !l.to_lowercase().starts_with('c')),
        "{labels:?}"
    );
    assert!(labels.contains(&"Eurocities".to_string()), "{labels:?}");
}

#[test]
fn the_jump_prompt_suggests_as_the_lookups_do_when_nothing_holds_the_query() {
    let mut a = app();
    update(&mut a, Action::OpenJump);
    type_text(&mut a, "lodnon");
    let cities = Cities::build(&a.data);
    let Lookup::Unknown(engine) = cities.lookup("lodnon", &[]) else {
        panic!("a typo");
    };
    let j = a.jump().expect("the prompt is open");
    let suggested: Vec<Destination> = j
        .hits
        .iter()
        .filter(|h| h.suggested)
        .map(|h| h.to)
        .collect();
    assert!(
        j.hits.iter().take(suggested.len()).all(|h| h.suggested),
        "suggestions lead"
    );
    let names = |ds: &[Destination]| -> Vec<String> {
        ds.iter()
            .filter_map(|d| match d {
                Destination::City(c) => Some(format!(
                    "{} {}",
                    a.cities().cities[*c].name,
                    a.cities().cities[*c].country
                )),
                _ => None,
            })
            .collect()
    };
    let engine: Vec<String> = engine
        .iter()
        .map(|&c| format!("{} {}", cities.cities[c].name, cities.cities[c].country))
        .collect();
    assert_eq!(names(&suggested), engine);
    assert_eq!(engine[..2], ["London GB", "London CA"]);

    // A name held whole is a match, not a suggestion.
    update(&mut a, Action::ClearInput);
    type_text(&mut a, "koeln");
    let j = a.jump().expect("the prompt is open");
    assert!(!j.hits.is_empty() && !j.hits[0].suggested);
    let Destination::City(c) = j.hits[0].to else {
        panic!("a city first");
    };
    // One city under both lists' names (its GeoNames id is one); which name heads it is
    // the view's choice.
    let city = &a.cities().cities[c];
    assert!(
        [&city.name]
            .into_iter()
            .chain(&city.names)
            .any(|n| n == "Cologne"),
        "{} {:?}",
        city.name,
        city.names
    );
}

#[test]
fn the_jump_prompt_finds_any_city_by_the_names_geonames_gives_it() {
    let mut a = app();
    update(&mut a, Action::OpenJump);
    // An exonym finds the listed city, first.
    type_text(&mut a, "mailand");
    let j = a.jump().expect("the prompt is open");
    let Destination::City(c) = j.hits[0].to else {
        panic!("Milan first: {:?}", j.hits[0]);
    };
    assert_eq!(a.cities().cities[c].name, "Milan");
    // A city in no list is found, said to be in none, and Enter says so too.
    update(&mut a, Action::ClearInput);
    type_text(&mut a, "lugano");
    let j = a.jump().expect("the prompt is open");
    assert!(
        matches!(j.hits[0].to, Destination::Place(_)),
        "{:?}",
        j.hits[0]
    );
    let (title, detail) = a.jump_index().describe(j.hits[0].to, &a.data, a.cities());
    assert_eq!(
        (title.as_str(), detail.as_str()),
        ("Lugano", "CH · in no member list")
    );
    update(&mut a, Action::AcceptInput);
    let message = a.message.clone().unwrap_or_default();
    assert!(
        message.contains("Lugano (CH) is in none of the 7 member lists"),
        "{message}"
    );
}

#[test]
fn s_opens_the_detail_pane_at_the_selected_networks_sources() {
    let mut a = app();
    open(&mut a, "c40");
    update(&mut a, Action::Back);
    update(&mut a, Action::ShowSources);
    assert_eq!(a.focus, citynet::app::Focus::Detail);
    let i = a.selected_network().expect("a network");
    let n = a.network(i).expect("c40");
    let width = citynet::layout::detail_width(a.screen());
    let lines = citynet::facts::lines(&a.data, n, None, width);
    let at = citynet::facts::sources_line(&a.data, n, None, width).expect("C40 cites sources");
    assert_eq!(citynet::facts::text(&lines[at]), "Sources");
    assert!(citynet::facts::text(&lines[at + 1]).starts_with("[1] "));
    // The heading is on screen (the pane stops scrolling at its last page).
    let page = citynet::layout::page_height(a.screen(), citynet::app::Focus::Detail);
    assert!(a.detail_scroll > 0);
    assert!(
        (a.detail_scroll..a.detail_scroll + page).contains(&at),
        "{} {at}",
        a.detail_scroll
    );
}
