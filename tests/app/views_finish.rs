//! Views that finish the job: the comparison closes and gives way, says where each city
//! of "in some, not all" is; the card is a place to come back to; chart keys never move
//! the table behind the chart; the theme picker is sorted, narrows as you type, applies
//! on Enter and cancels on Esc.

use citynet::app::{Action, App, Right, Side, update};
use citynet_core::data::Theme;

use crate::support::{app, open, type_text};

fn mark(a: &mut App, ids: &[&str]) {
    for id in ids {
        update(a, Action::First);
        while a.data.networks[a.selected_network().expect("a network")].id != *id {
            update(a, Action::Down);
        }
        update(a, Action::Mark);
    }
}

#[test]
fn the_comparison_closes_gives_way_and_says_where_each_city_is() {
    let mut a = app(120, 40);
    mark(&mut a, &["c40", "eurocities", "uccn"]);
    update(&mut a, Action::Compare);
    assert_eq!(a.right, Right::Compare);
    let text = citynet::app::compare::text(&a);
    let some = text
        .split("In some, not all")
        .nth(1)
        .expect("the section")
        .lines()
        .nth(1)
        .expect("a city in it");
    // Each city there with the compared networks it is in, and its tier in each.
    let networks = some.split(": ").nth(1).expect("where it is");
    assert!(networks.split(", ").count() >= 2, "{some}");
    assert!(networks.contains('('), "with tiers: {some}");
    // Esc closes it; the marks stay.
    update(&mut a, Action::Back);
    assert_eq!(a.right, Right::Detail);
    assert_eq!(a.compare.len(), 3);
    // Moving in the list replaces it with the new row's detail.
    update(&mut a, Action::Compare);
    update(&mut a, Action::FocusPrev);
    update(&mut a, Action::Down);
    assert_eq!(a.right, Right::Detail);
}

#[test]
fn esc_from_a_roster_opened_from_the_card_returns_to_the_card() {
    let mut a = app(120, 40);
    update(&mut a, Action::OpenJump);
    type_text(&mut a, "lodz");
    update(&mut a, Action::AcceptInput);
    let card = a.card().expect("Łódź's card");
    update(&mut a, Action::Down);
    let card = a.card().map_or(card, |c| c);
    update(&mut a, Action::Open);
    assert!(a.card().is_none(), "the roster is open");
    assert!(a.members.is_some());
    update(&mut a, Action::Down);
    update(&mut a, Action::Back);
    assert_eq!(a.card(), Some(card), "back on the card, at the same row");
    // A roster reached another way goes back to the list, as before.
    update(&mut a, Action::Back);
    update(&mut a, Action::Back);
    assert!(a.card().is_none());
    let mut b = app(120, 40);
    open(&mut b, "eurocities");
    update(&mut b, Action::Back);
    assert!(b.card().is_none());
    assert_eq!(b.right, Right::Detail);
}

#[test]
fn chart_keys_scroll_the_chart_and_never_move_the_hidden_table() {
    // At 80 columns the chart takes the member table's place.
    let mut a = app(80, 24);
    open(&mut a, "covenant-of-mayors");
    update(&mut a, Action::ToggleChart);
    assert_eq!(a.side, Side::Countries);
    let areas = citynet::layout::compute(a.screen()).expect("fits");
    assert!(areas.members.is_none(), "the chart has the table's place");
    let before = a.members.as_ref().map(|t| t.selected);
    for _ in 0..5 {
        update(&mut a, Action::Down);
    }
    assert_eq!(a.members.as_ref().map(|t| t.selected), before);
    assert_eq!(a.side_scroll, 5);
    update(&mut a, Action::Last);
    let last = a.side_scroll;
    assert!(last > 5 && last < a.countries_shown());
    update(&mut a, Action::First);
    assert_eq!(a.side_scroll, 0);
    // With the table beside the chart, the keys move the table.
    let mut b = app(200, 60);
    open(&mut b, "covenant-of-mayors");
    update(&mut b, Action::ToggleChart);
    update(&mut b, Action::Down);
    assert_eq!(b.members.as_ref().map(|t| t.selected), Some(1));
}

#[test]
fn the_theme_picker_is_sorted_narrows_applies_and_cancels() {
    let mut a = app(120, 40);
    update(&mut a, Action::OpenThemes);
    let themes = citynet::app::update::picker_themes(&a);
    let labels: Vec<&str> = themes.iter().map(|(t, _)| t.label()).collect();
    let mut sorted = labels.clone();
    sorted.sort_unstable();
    assert_eq!(labels, sorted);
    type_text(&mut a, "clim");
    let narrowed = citynet::app::update::picker_themes(&a);
    assert_eq!(narrowed.first().map(|(t, _)| *t), Some(Theme::Climate));
    assert!(narrowed.len() < themes.len());
    update(&mut a, Action::ToggleMark);
    let climate = a.networks.rows.len();
    assert!(climate < 30);
    // Esc: the themes as they were (none), the list whole again.
    update(&mut a, Action::CancelInput);
    assert!(a.theme_filter.is_empty());
    assert_eq!(a.networks.rows.len(), 30);
    // Enter keeps what was chosen.
    update(&mut a, Action::OpenThemes);
    type_text(&mut a, "clim");
    update(&mut a, Action::ToggleMark);
    update(&mut a, Action::AcceptInput);
    assert!(a.theme_cursor().is_none());
    assert_eq!(a.networks.rows.len(), climate);
    assert!(a.theme_filter.contains(&Theme::Climate));
}

#[test]
fn a_city_in_the_comparison_opens_its_card() {
    let mut a = app(120, 40);
    mark(&mut a, &["c40", "eurocities"]);
    update(&mut a, Action::Compare);
    let rows = citynet::app::compare::rows(&a);
    let first_city = rows
        .iter()
        .position(|r| matches!(r, citynet::app::compare::Row::City(_)))
        .expect("a city row");
    let citynet::app::compare::Row::City(city) = rows[first_city] else {
        unreachable!()
    };
    for _ in 0..first_city {
        update(&mut a, Action::Down);
    }
    assert_eq!(a.compare_selected, first_city);
    update(&mut a, Action::Open);
    assert_eq!(a.card().map(|c| c.city), Some(city));
    // Esc closes the card, back on the comparison.
    update(&mut a, Action::Back);
    assert_eq!(a.right, Right::Compare);
}

#[test]
fn the_pinned_list_opens_from_the_city_card_too() {
    use citynet::app::Mode;
    use citynet::app::keymap::{Command, Context};
    let mut a = app(120, 40);
    open(&mut a, "eurocities");
    update(&mut a, Action::Open);
    assert!(
        matches!(a.mode, Mode::Card(_)),
        "Enter on a member opens its card"
    );
    assert_eq!(a.keys.keys_for(Command::OpenPins, Context::Card), "P");
    update(&mut a, Action::OpenPins);
    assert!(matches!(a.mode, Mode::Pins { .. }));
}
