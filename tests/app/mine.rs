//! History, frecency, pins and saved views in the app, through `update`: what is kept
//! goes to `saved` and, as ops, to `pending` for the store.

use citynet::app::jump::Destination;
use citynet::app::{Action, Mode, Side, mine, update};
use citynet::prefs::Op;

use crate::support::{app, draw, open, screen, shown_names, type_text};

#[test]
fn an_empty_prompt_recalls_older_queries_and_back() {
    let mut a = app(120, 40);
    for q in ["climate", "learning"] {
        update(&mut a, Action::StartFilter);
        update(&mut a, Action::ClearInput);
        type_text(&mut a, q);
        update(&mut a, Action::AcceptInput);
    }
    assert_eq!(a.saved.history.queries("networks"), ["climate", "learning"]);
    assert!(matches!(
        &a.pending[..],
        [Op::Query { .. }, Op::Query { .. }]
    ));
    update(&mut a, Action::StartFilter);
    update(&mut a, Action::ClearInput);
    update(&mut a, Action::Up);
    assert_eq!(a.networks.filter, "learning");
    update(&mut a, Action::Up);
    assert_eq!(a.networks.filter, "climate");
    // The oldest stays, and says so.
    update(&mut a, Action::HistoryOlder);
    assert_eq!(a.networks.filter, "climate");
    assert!(a.message.as_deref().unwrap_or("").contains("oldest"));
    update(&mut a, Action::Down);
    assert_eq!(a.networks.filter, "learning");
    update(&mut a, Action::HistoryNewer);
    assert_eq!(a.networks.filter, "");
    // Typing ends the recall: ↑ moves the selection again.
    type_text(&mut a, "c");
    update(&mut a, Action::Up);
    assert_eq!(a.networks.filter, "c");
    // Each prompt has its own history.
    assert!(a.saved.history.queries("jump").is_empty());
}

#[test]
fn the_jump_prompt_offers_frecent_places_and_orders_equals_by_them() {
    let mut a = app(120, 40);
    let eurocities = a
        .data
        .networks
        .iter()
        .position(|n| n.id == "eurocities")
        .unwrap();
    for _ in 0..3 {
        update(&mut a, Action::OpenJump);
        type_text(&mut a, "eurocities");
        let first = a.jump().unwrap().hits[0].to;
        assert_eq!(first, Destination::Network(eurocities));
        update(&mut a, Action::AcceptInput);
    }
    update(&mut a, Action::OpenJump);
    let hits = &a.jump().unwrap().hits;
    assert_eq!(
        hits.first().map(|h| h.to),
        Some(Destination::Network(eurocities))
    );
    update(&mut a, Action::CancelInput);

    // Two results of one score: the one visited comes first.
    update(&mut a, Action::OpenJump);
    type_text(&mut a, "london");
    let hits = a.jump().unwrap().hits.clone();
    let tied: Vec<_> = hits.iter().filter(|h| h.score == hits[0].score).collect();
    assert!(tied.len() >= 2, "no tie to order: {hits:?}");
    {
        let second = tied[1].to;
        let key = mine::destination_key(&a, second).unwrap();
        a.saved.apply(&Op::Visit {
            to: key,
            at: citynet::prefs::time::now(),
        });
        update(&mut a, Action::Backspace);
        type_text(&mut a, "n");
        assert_eq!(a.jump().unwrap().hits[0].to, second);
    }
}

#[test]
fn p_pins_a_network_or_a_members_city_and_again_unpins() {
    let mut a = app(120, 40);
    update(&mut a, Action::Pin);
    assert_eq!(a.saved.pins.pins.len(), 1);
    // The selected network: the first, A to Z.
    assert_eq!(a.saved.pins.pins[0].network.as_deref(), Some("aimf"));
    update(&mut a, Action::Pin);
    assert!(a.saved.pins.pins.is_empty());
    open(&mut a, "eurocities");
    // The city as the cities index names it (GeoNames' name where matched).
    let (t, ..) = a.open_roster().unwrap();
    let seat = citynet_core::cities::Seat {
        network: t.network,
        member: t.search.member(0).unwrap(),
    };
    let city = a.cities().of(seat).unwrap();
    let first = a.cities().cities[city].name.clone();
    assert!(!shown_names(&a).is_empty());
    update(&mut a, Action::Pin);
    assert_eq!(a.saved.pins.pins[0].city.as_deref(), Some(first.as_str()));
    update(&mut a, Action::OpenPins);
    assert!(matches!(a.mode, Mode::Pins { selected: 0 }));
    update(&mut a, Action::CopySelection);
    let brief = a.clipboard.take().unwrap();
    assert!(
        brief.text.contains(&format!("### {first} (")),
        "{}",
        brief.text
    );
    update(&mut a, Action::Open);
    assert!(matches!(a.mode, Mode::Card(_)), "{:?}", a.mode);
    update(&mut a, Action::Back);
    update(&mut a, Action::OpenPins);
    update(&mut a, Action::Delete);
    assert!(a.saved.pins.pins.is_empty());
    let pin_ops = a
        .pending
        .iter()
        .filter(|o| o.file() == citynet::prefs::state::File::Pins)
        .count();
    assert_eq!(pin_ops, 4);
    // Opening Eurocities' members counted as a visit to it.
    assert!(
        a.saved
            .history
            .visits
            .iter()
            .any(|v| v.to == "network:eurocities")
    );
}

#[test]
fn a_saved_view_opens_again_as_it_was() {
    let mut a = app(160, 40);
    update(&mut a, Action::SaveView);
    assert_eq!(a.mode, Mode::Browse, "no view without a member table");
    open(&mut a, "eurocities");
    update(&mut a, Action::ToggleTier(2));
    update(&mut a, Action::ToggleMap);
    update(&mut a, Action::StartFilter);
    type_text(&mut a, "country:de");
    update(&mut a, Action::AcceptInput);
    let rows = shown_names(&a);
    update(&mut a, Action::SaveView);
    type_text(&mut a, "monday");
    update(&mut a, Action::AcceptInput);
    let view = a.saved.views.get("monday").cloned().expect("saved");
    assert_eq!(view.network, "eurocities");
    assert_eq!(view.tiers, ["full", "associate"]);
    assert_eq!(view.query, "country:de");
    assert_eq!(view.side, "map");

    let mut b = app(160, 40);
    mine::open_view(&mut b, &view).unwrap();
    assert_eq!(shown_names(&b), rows);
    assert_eq!(b.side, Side::Map);
    assert_eq!(b.members.as_ref().unwrap().filter, "country:de");
    // A view of a network not in the data says so.
    let gone = citynet::prefs::state::View {
        network: "atlantis".into(),
        ..view
    };
    assert!(
        mine::open_view(&mut b, &gone)
            .unwrap_err()
            .contains("atlantis")
    );
}

#[test]
fn a_click_on_a_visited_place_picks_the_row_drawn_there() {
    let mut a = app(120, 40);
    for name in ["eurocities", "c40"] {
        update(&mut a, Action::OpenJump);
        type_text(&mut a, name);
        update(&mut a, Action::AcceptInput);
    }
    update(&mut a, Action::OpenJump);
    let hits = a.jump().unwrap().hits.clone();
    assert!(hits.len() >= 2, "two places visited: {hits:?}");
    // The first line under the prompt is the heading "Visited most…": a click there picks
    // nothing, and the row under it is the first place.
    let list = citynet::layout::jump_list(a.size);
    let rows = citynet::layout::jump_results(a.size, true);
    assert_eq!(rows.y, list.y + 1);
    let screen = screen(&draw(&a));
    let drawn = screen.lines().nth(usize::from(rows.y)).unwrap_or("");
    let (title, _) = a.jump_index().describe(hits[0].to, &a.data, a.cities());
    // The title may be cut to the width: its first words are there.
    let start: String = title.chars().take(20).collect();
    assert!(drawn.contains(&start), "{title:?} not drawn on {drawn:?}");
    update(
        &mut a,
        Action::Click {
            column: rows.x + 4,
            row: list.y,
        },
    );
    assert!(a.jump().is_some(), "the heading is not a result");
    update(
        &mut a,
        Action::Click {
            column: rows.x + 4,
            row: rows.y,
        },
    );
    assert!(a.jump().is_none(), "the click went to the result");
    let Destination::Network(i) = hits[0].to else {
        panic!("the first place is a network: {:?}", hits[0].to)
    };
    assert_eq!(a.selected_network(), Some(i));
}
