//! The app's state machine, driven through `update` with no terminal.

use citynet::app::{Action, App, Focus, Right, update};
use citynet_core::roster::SortColumn;

use crate::support::{app, open, selected_id, shown_names, type_text};

fn run(app: &mut App, actions: &[Action]) {
    for a in actions {
        update(app, *a);
    }
}

fn status(app: &App) -> String {
    citynet::ui::status_text(app)
}

#[test]
fn navigation_stops_at_the_edges() {
    let mut a = app(120, 40);
    assert_eq!(a.networks.selected, 0);
    run(&mut a, &[Action::Up, Action::PageUp]);
    assert_eq!(a.networks.selected, 0);
    run(&mut a, &[Action::Last, Action::Down, Action::PageDown]);
    assert_eq!(a.networks.selected, a.data.networks.len() - 1);
    run(&mut a, &[Action::First]);
    // A to Z by the name shown: "AIMF International Association of Francophone Mayors".
    assert_eq!(selected_id(&a), "aimf");
}

#[test]
fn paging_moves_by_the_visible_height_and_keeps_the_cursor_on_screen() {
    let mut a = app(120, 12);
    update(&mut a, Action::PageDown);
    let page = citynet::layout::page_height(a.screen(), Focus::Networks);
    assert_eq!(a.networks.selected, page);
    assert!(a.networks.offset <= a.networks.selected);
    assert!(a.networks.selected < a.networks.offset + page);
}

#[test]
fn enter_opens_the_member_table_and_esc_steps_back() {
    let mut a = app(120, 40);
    open(&mut a, "eurocities");
    assert_eq!(a.focus, Focus::Members);
    assert_eq!(a.right, Right::Members);
    assert_eq!(shown_names(&a).len(), 202);
    update(&mut a, Action::Back);
    assert_eq!(a.focus, Focus::Networks);
    assert_eq!(a.right, Right::Detail);
}

#[test]
fn enter_on_a_network_without_roster_focuses_the_detail() {
    let mut a = app(120, 40);
    open(&mut a, "iclei");
    assert_eq!(a.focus, Focus::Detail);
    assert!(a.members.is_none());
}

#[test]
fn tier_toggles_in_every_combination_follow_the_counts() {
    let mut a = app(120, 40);
    open(&mut a, "eurocities");
    let sizes = [117, 32, 53];
    for mask in 0u8..8 {
        // Set the toggles to `mask` from whatever they are.
        for (tier, _) in sizes.iter().enumerate() {
            let want = mask & (1 << tier) != 0;
            let is = a.members.as_ref().expect("open").search.tiers_on()[tier];
            if want != is {
                update(&mut a, Action::ToggleTier(tier));
            }
        }
        let expected: usize = sizes
            .iter()
            .enumerate()
            .filter(|(t, _)| mask & (1 << t) != 0)
            .map(|(_, n)| n)
            .sum();
        assert_eq!(shown_names(&a).len(), expected, "mask {mask:03b}");
        let s = status(&a);
        assert!(s.starts_with(&format!("{expected} of 202 shown")), "{s}");
        for (tier, label) in ["Full 117", "Associate 32", "Partner 53"]
            .iter()
            .enumerate()
        {
            let off = mask & (1 << tier) == 0;
            assert_eq!(s.contains(&format!("{label} (off)")), off, "{s}");
        }
    }
}

#[test]
fn toggling_a_tier_twice_changes_nothing() {
    let mut a = app(120, 40);
    open(&mut a, "eurocities");
    let before = shown_names(&a);
    run(&mut a, &[Action::ToggleTier(1), Action::ToggleTier(1)]);
    assert_eq!(shown_names(&a), before);
}

#[test]
fn status_line_matches_the_issue_example() {
    let mut a = app(120, 40);
    open(&mut a, "eurocities");
    update(&mut a, Action::ToggleTier(2));
    assert_eq!(
        status(&a),
        "149 of 202 shown · undated source, read on 2026-12-02 · Full 117 · Associate 32 · Partner 53 (off) · sorted by City ▲ · Population: GeoNames, city proper, year not stated"
    );
}

#[test]
fn filter_then_clear() {
    let mut a = app(120, 40);
    open(&mut a, "eurocities");
    update(&mut a, Action::StartFilter);
    type_text(&mut a, "lodz");
    assert_eq!(shown_names(&a), ["Łódź"]);
    assert!(status(&a).contains("sorted by relevance"));
    update(&mut a, Action::CancelInput);
    assert_eq!(shown_names(&a).len(), 202);
    assert!(status(&a).contains("sorted by City ▲"));
}

#[test]
fn backspace_widens_the_filter_again() {
    let mut a = app(120, 40);
    open(&mut a, "eurocities");
    update(&mut a, Action::StartFilter);
    type_text(&mut a, "berl");
    let narrow = shown_names(&a);
    assert_eq!(narrow.first().map(String::as_str), Some("Berlin"));
    update(&mut a, Action::Backspace);
    update(&mut a, Action::Backspace);
    let wide = shown_names(&a);
    assert!(wide.len() > narrow.len());
    for n in &narrow {
        assert!(wide.contains(n), "{n} lost when the query shrank");
    }
}

#[test]
fn accent_and_alias_queries_find_their_cities() {
    let mut a = app(120, 40);
    open(&mut a, "eurocities");
    for (query, first) in [
        ("lodz", "Łódź"),
        ("zurich", "Zürich"),
        ("izmir", "İzmir"),
        ("gdansk", "Gdańsk"),
        ("munchen", "Munich"),
        ("munich", "Munich"),
        ("den haag", "The Hague"),
        ("rome", "Rome"),
    ] {
        update(&mut a, Action::StartFilter);
        update(&mut a, Action::ClearInput);
        type_text(&mut a, query);
        let names = shown_names(&a);
        assert_eq!(
            names.first().map(String::as_str),
            Some(first),
            "query {query}: {names:?}"
        );
        update(&mut a, Action::CancelInput);
    }
}

#[test]
fn filter_matches_country_names_too() {
    let mut a = app(120, 40);
    open(&mut a, "eurocities");
    update(&mut a, Action::StartFilter);
    type_text(&mut a, "norway");
    let names = shown_names(&a);
    for city in ["Oslo", "Bergen", "Stavanger"] {
        assert!(names.contains(&city.to_string()), "{names:?}");
    }
}

#[test]
fn every_tier_off_gives_an_empty_table_not_a_crash() {
    let mut a = app(120, 40);
    open(&mut a, "eurocities");
    run(
        &mut a,
        &[
            Action::ToggleTier(0),
            Action::ToggleTier(1),
            Action::ToggleTier(2),
            Action::Down,
            Action::PageDown,
            Action::Last,
            Action::SortNext,
        ],
    );
    assert!(shown_names(&a).is_empty());
    assert!(status(&a).starts_with("0 of 202 shown"));
}

#[test]
fn a_query_that_matches_nothing_is_empty() {
    let mut a = app(120, 40);
    open(&mut a, "eurocities");
    update(&mut a, Action::StartFilter);
    type_text(&mut a, "qqqxz");
    assert!(shown_names(&a).is_empty());
    run(
        &mut a,
        &[Action::Down, Action::Up, Action::AcceptInput, Action::Last],
    );
    assert_eq!(a.members.as_ref().map(|t| t.selected), Some(0));
}

#[test]
fn sort_cycles_columns_and_directions() {
    let mut a = app(120, 40);
    open(&mut a, "eurocities");
    assert_eq!(shown_names(&a).first().map(String::as_str), Some("Aarhus"));
    update(&mut a, Action::SortNext); // City ▼
    assert_eq!(shown_names(&a).first().map(String::as_str), Some("Zürich"));
    assert!(status(&a).contains("sorted by City ▼ ·"));
    update(&mut a, Action::SortNext); // Country ▲: Albania first
    assert_eq!(shown_names(&a).first().map(String::as_str), Some("Tirana"));
    update(&mut a, Action::SortReverse); // Country ▼
    let t = a.members.as_ref().expect("open");
    assert_eq!(t.search.sort().column, SortColumn::Country);
    assert!(!t.search.sort().ascending);
    run(&mut a, &[Action::SortNext, Action::SortNext]); // Tier ▲ then ▼
    let names = shown_names(&a);
    let r = a.open_roster().expect("open").2;
    let tier_of = |n: &str| {
        r.members
            .iter()
            .find(|m| m.name == n)
            .map(|m| m.tier.clone())
            .unwrap_or_default()
    };
    assert_eq!(tier_of(&names[0]), "partner");
    assert_eq!(tier_of(names.last().expect("rows")), "full");
}

#[test]
fn clicking_a_header_sorts_by_it() {
    let mut a = app(120, 40);
    open(&mut a, "eurocities");
    let areas = citynet::layout::compute(a.screen()).expect("big enough");
    let pane = areas.members.expect("member pane shown");
    let header = citynet::layout::members_parts(pane)[2];
    let (_, _, roster, index) = a.open_roster().expect("open");
    let cols = citynet::layout::columns(roster, index, header.width, 0).cols;
    let country = cols
        .iter()
        .find(|c| c.sort == SortColumn::Country)
        .expect("country column");
    let click = Action::Click {
        column: header.x + country.x + 1,
        row: header.y,
    };
    update(&mut a, click);
    assert!(status(&a).contains("sorted by Country ▲ ·"));
    update(&mut a, click);
    assert!(status(&a).contains("sorted by Country ▼ ·"));
}

#[test]
fn clicking_a_network_selects_and_focuses_it() {
    let mut a = app(120, 40);
    open(&mut a, "eurocities");
    let rows = citynet::layout::networks_rows(
        citynet::layout::compute(a.screen())
            .and_then(|l| l.networks)
            .expect("list shown"),
    );
    update(
        &mut a,
        Action::Click {
            column: rows.x + 2,
            row: rows.y + 2,
        },
    );
    assert_eq!(a.focus, Focus::Networks);
    assert_eq!(a.networks.selected, 2);
}

#[test]
fn network_filter_matches_names_short_names_and_themes() {
    let mut a = app(120, 40);
    update(&mut a, Action::StartFilter);
    type_text(&mut a, "learning cities");
    assert_eq!(selected_id(&a), "gnlc");
    update(&mut a, Action::ClearInput);
    type_text(&mut a, "iclei");
    assert_eq!(selected_id(&a), "iclei");
    update(&mut a, Action::ClearInput);
    type_text(&mut a, "migration");
    let ids: Vec<String> = a
        .networks
        .rows
        .iter()
        .map(|r| a.data.networks[r.network].id.clone())
        .collect();
    assert!(ids.contains(&"mmc".to_string()), "{ids:?}");
    update(&mut a, Action::CancelInput);
    assert_eq!(a.networks.rows.len(), 30);
}

#[test]
fn tab_cycles_the_panes_that_exist() {
    let mut a = app(120, 40);
    open(&mut a, "eurocities");
    update(&mut a, Action::Back);
    assert_eq!(a.focus, Focus::Networks);
    update(&mut a, Action::FocusNext);
    assert_eq!(a.focus, Focus::Detail);
    update(&mut a, Action::FocusNext);
    assert_eq!(a.focus, Focus::Members);
    update(&mut a, Action::FocusNext);
    assert_eq!(a.focus, Focus::Networks);
    update(&mut a, Action::FocusPrev);
    assert_eq!(a.focus, Focus::Members);
    // A network with no roster has two panes.
    update(&mut a, Action::FocusNext);
    update(&mut a, Action::First);
    while selected_id(&a) != "iclei" {
        update(&mut a, Action::Down);
    }
    run(&mut a, &[Action::FocusNext, Action::FocusNext]);
    assert_eq!(a.focus, Focus::Networks);
}

#[test]
fn detail_scroll_is_clamped_to_the_text() {
    let mut a = app(80, 24);
    open(&mut a, "eurocities");
    update(&mut a, Action::Back);
    update(&mut a, Action::FocusNext);
    assert_eq!(a.focus, Focus::Detail);
    update(&mut a, Action::Last);
    let bottom = a.detail_scroll;
    assert!(bottom > 0, "Eurocities' detail is longer than one screen");
    update(&mut a, Action::Down);
    assert_eq!(a.detail_scroll, bottom);
    update(&mut a, Action::First);
    assert_eq!(a.detail_scroll, 0);
}

#[test]
fn help_opens_and_closes_and_swallows_other_keys() {
    let mut a = app(80, 24);
    update(&mut a, Action::ToggleHelp);
    assert!(a.help_scroll().is_some());
    update(&mut a, Action::Down);
    assert_eq!(a.networks.selected, 0, "keys scroll help, not the list");
    update(&mut a, Action::Back);
    assert!(a.help_scroll().is_none());
}

#[test]
fn resizing_keeps_the_selection_visible() {
    let mut a = app(120, 40);
    open(&mut a, "eurocities");
    update(&mut a, Action::Last);
    update(
        &mut a,
        Action::Resize {
            width: 80,
            height: 12,
        },
    );
    let t = a.members.as_ref().expect("open");
    let h = citynet::layout::page_height(a.screen(), Focus::Members);
    assert!(t.offset <= t.selected && t.selected < t.offset + h);
    update(
        &mut a,
        Action::Resize {
            width: 1,
            height: 1,
        },
    );
    update(&mut a, Action::Down);
    update(
        &mut a,
        Action::Resize {
            width: 120,
            height: 40,
        },
    );
    assert_eq!(a.members.as_ref().map(|t| t.search.len()), Some(202));
}

#[test]
fn indexes_built_in_the_background_answer_as_those_built_on_demand() {
    let mut on_demand = app(120, 40);
    let mut background = app(120, 40);
    background.index_in_background();
    // Straight in, racing the thread: whichever builds an index, the other waits for it.
    for a in [&mut background, &mut on_demand] {
        open(a, "uccn");
        update(a, Action::StartFilter);
        type_text(a, "ana");
    }
    assert_eq!(shown_names(&background), shown_names(&on_demand));
    assert!(!shown_names(&on_demand).is_empty());
    let card = |a: &mut App| {
        update(a, Action::AcceptInput);
        update(a, Action::Open);
        let city = a.card().expect("a city card").city;
        a.cities().cities[city].name.clone()
    };
    assert_eq!(card(&mut background), card(&mut on_demand));
}

/// Start-up decodes the directory and the short lists only: the first screens, at every
/// size, leave the Covenant's 11,972 members undecoded (decoding them took four times the
/// start-up budget), and opening its table decodes them.
#[test]
fn the_first_screens_leave_the_long_list_undecoded() {
    use ratatui::{Terminal, backend::TestBackend};
    let covenant_decoded = |app: &citynet::app::App| {
        let n = app
            .data
            .networks
            .iter()
            .find(|n| n.id == "covenant-of-mayors");
        n.and_then(|n| n.roster.as_ref())
            .map(|r| r.members.is_decoded())
    };
    for (w, h) in [(60, 20), (80, 24), (120, 40), (200, 60)] {
        let mut app = app(w, h);
        let mut term = Terminal::new(TestBackend::new(w, h)).expect("test backend");
        for action in [Action::Down, Action::Down, Action::Up] {
            term.draw(|f| citynet::ui::view(f, &app)).expect("draws");
            update(&mut app, action);
        }
        assert_eq!(covenant_decoded(&app), Some(false), "{w}x{h}");
        open(&mut app, "covenant-of-mayors");
        term.draw(|f| citynet::ui::view(f, &app)).expect("draws");
        assert_eq!(covenant_decoded(&app), Some(true), "{w}x{h}");
        assert_eq!(shown_names(&app).len(), 11_972);
    }
}

/// The Population column has GeoNames' figures for the lists matched to it (Eurocities'
/// was blank for 201 of 202), sorts by them and filters with `pop:`; the Covenant's own
/// declared figures are a column beside them.
#[test]
fn population_comes_from_geonames_and_sorts_and_filters() {
    let mut a = app(200, 60);
    open(&mut a, "eurocities");
    let (_, _, roster, index) = a.open_roster().expect("open");
    assert!(index.has_population() && !index.has_stated());
    let figures = (0..202).filter(|&m| index.population(m).is_some()).count();
    let matched = roster
        .members
        .iter()
        .filter(|m| m.geonames.is_some())
        .count();
    assert_eq!(
        figures, matched,
        "every member matched to GeoNames has its figure"
    );
    assert!(matched >= 180, "{matched}");
    update(&mut a, Action::SortBy(SortColumn::Population));
    update(&mut a, Action::SortReverse);
    assert_eq!(shown_names(&a)[..3], ["Istanbul", "London", "Berlin"]);
    update(&mut a, Action::StartFilter);
    type_text(&mut a, "pop:>2m");
    let mut big = shown_names(&a);
    big.sort();
    assert_eq!(
        big,
        [
            "Berlin",
            "Gaziantep",
            "Istanbul",
            "Kyiv",
            "London",
            "Madrid",
            "Paris",
            "Rome",
            "İzmir"
        ]
    );
    assert!(status(&a).contains("Population: GeoNames, city proper, year not stated"));

    let mut c = app(200, 60);
    open(&mut c, "covenant-of-mayors");
    let (_, _, roster, index) = c.open_roster().expect("open");
    assert!(index.has_population() && index.has_stated());
    let milano = (0..roster.members.len())
        .find(|&m| roster.members[m].name == "Milano")
        .expect("Milano is a signatory");
    // GeoNames' figure, and the one Milano declared when it joined, each as its source has it.
    assert_eq!(index.population(milano), Some(1_371_498));
    assert_eq!(index.stated(milano), roster.members[milano].population);
    assert_eq!(index.stated(milano), Some(1_352_000));
    let titles: Vec<&str> = citynet::layout::columns(roster, index, 150, 0)
        .cols
        .iter()
        .map(|c| c.title)
        .collect();
    assert_eq!(
        titles,
        ["City", "Country", "Tier", "Population", "Stated", "Since"]
    );
    // A narrow table shows fewer at a time, in that order, and scrolls to the rest.
    let narrow = |w| {
        let c = citynet::layout::columns(roster, index, w, 0);
        (c.cols.len(), c.hidden_right)
    };
    assert_eq!(
        (narrow(80), narrow(60), narrow(40)),
        ((4, 2), (3, 3), (2, 4))
    );
    // `stated:` is the list's own figure, read straight from the members here.
    let mut want: Vec<String> = roster
        .members
        .iter()
        .filter(|m| m.population.is_some_and(|p| p > 3_000_000))
        .map(|m| m.name.to_string())
        .collect();
    want.sort();
    assert!(
        want.len() >= 5 && want.contains(&"Madrid".to_string()),
        "{want:?}"
    );
    update(&mut c, Action::StartFilter);
    type_text(&mut c, "stated:>3,000,000");
    let mut declared = shown_names(&c);
    declared.sort();
    assert_eq!(declared, want);
}

/// A list of one tier draws no Tier column (the chip line names the tier and its count),
/// and `s` never sorts by it; a list of several tiers keeps it.
#[test]
fn a_list_of_one_tier_has_no_tier_column() {
    let titles = |id: &str| {
        let mut a = app(120, 40);
        open(&mut a, id);
        let (_, _, roster, index) = a.open_roster().expect("open");
        let t: Vec<&str> = citynet::layout::columns(roster, index, 100, 0)
            .cols
            .iter()
            .map(|c| c.title)
            .collect();
        let mut sorts = vec![];
        for _ in 0..12 {
            update(&mut a, Action::SortNext);
            sorts.push(a.members.as_ref().expect("open").search.sort().column);
        }
        (t, sorts.contains(&SortColumn::Tier))
    };
    assert_eq!(
        titles("c40"),
        (vec!["City", "Country", "Population"], false)
    );
    assert_eq!(
        titles("eurocities"),
        (vec!["City", "Country", "Tier", "Population"], true)
    );
}

#[test]
fn s_orders_the_network_list_by_name_size_and_founding_year_and_r_reverses() {
    use citynet_core::networks::{NetworkOrder, sort_networks};
    let mut a = crate::support::app(80, 24);
    let listed = |a: &App| {
        a.networks
            .rows
            .iter()
            .map(|r| r.network)
            .collect::<Vec<_>>()
    };
    let engine = |a: &App, order, reverse| {
        let mut rows: Vec<usize> = (0..a.data.networks.len()).collect();
        sort_networks(&a.data, &mut rows, order, reverse);
        rows
    };
    // It opens A to Z by the name shown.
    assert_eq!(listed(&a), engine(&a, NetworkOrder::Name, false));
    update(&mut a, Action::Down);
    update(&mut a, Action::Down);
    let kept = a.selected_network();
    update(&mut a, Action::SortNext);
    assert_eq!(a.networks.order, NetworkOrder::Size);
    assert_eq!(listed(&a), engine(&a, NetworkOrder::Size, false));
    assert_eq!(
        a.selected_network(),
        kept,
        "the same network stays selected"
    );
    let shown = crate::support::screen(&crate::support::draw(&a));
    assert!(shown.contains("· by size ▼"), "{shown}");
    assert!(
        citynet::ui::status_text(&a).contains("Networks by size (largest first)"),
        "{}",
        citynet::ui::status_text(&a)
    );
    update(&mut a, Action::SortReverse);
    assert_eq!(listed(&a), engine(&a, NetworkOrder::Size, true));
    update(&mut a, Action::SortNext);
    assert_eq!(a.networks.order, NetworkOrder::Founded);
    assert!(!a.networks.reverse, "a new order starts its own way round");
    assert_eq!(listed(&a), engine(&a, NetworkOrder::Founded, false));
    // The count column shows the year the list is ordered by.
    let shown = crate::support::screen(&crate::support::draw(&a));
    let selected = &a.data.networks[a.selected_network().expect("selected")];
    let year = selected.first_founded().expect("a year").to_string();
    assert!(
        shown
            .lines()
            .any(|l| l.starts_with("┃▶") && l.split('┃').nth(1).is_some_and(|c| c.contains(&year))),
        "{year}: {shown}"
    );
    // A query ranks the list whatever the order, and clearing it brings the order back.
    update(&mut a, Action::StartFilter);
    crate::support::type_text(&mut a, "cities");
    update(&mut a, Action::AcceptInput);
    update(&mut a, Action::Back);
    assert_eq!(listed(&a), engine(&a, NetworkOrder::Founded, false));
    update(&mut a, Action::SortNext);
    assert_eq!(listed(&a), engine(&a, NetworkOrder::Name, false));
}
