//! The country view: jump to a country and see its members in every member list, grouped
//! by network, with the engine's counts; open a list there and come back with Esc.

use citynet::app::{Action, App, CountryLine, Mode, update};
use citynet_core::country::in_country;

use crate::support::{app, shown_names, type_text};

fn jump(a: &mut App, query: &str) {
    update(a, Action::OpenJump);
    type_text(a, query);
    update(a, Action::AcceptInput);
}

fn view(a: &App) -> &citynet::app::CountryView {
    match &a.mode {
        Mode::Country(v) => v,
        other => panic!("not the country view: {other:?}"),
    }
}

#[test]
fn a_jump_to_a_country_lists_every_list_s_members_there_grouped() {
    let mut a = app(120, 40);
    jump(&mut a, "germany");
    let v = view(&a).clone();
    assert_eq!(v.code, "DE");
    let found = in_country(&a.data, a.cities(), "DE", &[]);
    assert!(found.groups.len() > 1, "Germany is in several lists");
    // A heading per network, in the engine's order, then exactly its members there.
    let headings: Vec<usize> = v
        .lines
        .iter()
        .filter_map(|l| match l {
            CountryLine::Network { network, .. } => Some(*network),
            CountryLine::Member { .. } => None,
        })
        .collect();
    let engine: Vec<usize> = found.groups.iter().map(|g| g.network).collect();
    assert_eq!(headings, engine);
    for g in &found.groups {
        let members: Vec<u32> = v
            .lines
            .iter()
            .filter_map(|l| match l {
                CountryLine::Member {
                    network, member, ..
                } if *network == g.network => Some(*member),
                _ => None,
            })
            .collect();
        let want: Vec<u32> = g.rows.iter().map(|r| r.member).collect();
        assert_eq!(members, want, "{}", a.data.networks[g.network].id);
        let roster = a.data.networks[g.network].roster.as_ref().expect("a list");
        assert!(
            members
                .iter()
                .all(|&m| roster.members[m as usize].country == "DE")
        );
    }
    assert_eq!(v.members, found.total());
    assert_eq!(v.cities, found.cities);
    // The summary says it.
    let shown = crate::support::screen(&crate::support::draw(&a));
    assert!(
        shown.contains(&format!(
            "{} members in {} of the {} member lists",
            found.total(),
            found.groups.len(),
            found.searched.len()
        )),
        "{shown}"
    );
}

#[test]
fn tab_steps_between_networks_and_enter_opens_the_list_there_and_esc_comes_back() {
    let mut a = app(80, 24);
    jump(&mut a, "germany");
    update(&mut a, Action::FocusNext);
    let v = view(&a).clone();
    let CountryLine::Network { network, count } = v.lines[v.selected] else {
        panic!("Tab lands on a heading: {:?}", v.lines[v.selected]);
    };
    assert_ne!(v.selected, 0, "the second network's heading");
    update(&mut a, Action::Open);
    assert!(matches!(a.mode, Mode::Browse));
    let t = a.members.as_ref().expect("its roster");
    assert_eq!(t.network, network);
    assert_eq!(t.filter, "country:de");
    assert_eq!(shown_names(&a).len(), count);
    // Esc goes straight back: the filter is the view's, not one the person typed, and the
    // filter line says so.
    let shown = crate::support::screen(&crate::support::draw(&a));
    assert!(shown.contains("country:de  (Esc goes back)"), "{shown}");
    update(&mut a, Action::Back);
    assert_eq!(view(&a), &v);
    // Shift-Tab goes back to the first heading; Esc closes.
    update(&mut a, Action::FocusPrev);
    assert_eq!(view(&a).selected, 0);
    update(&mut a, Action::Back);
    assert!(matches!(a.mode, Mode::Browse));
}

#[test]
fn enter_on_a_member_opens_its_list_at_it() {
    let mut a = app(120, 40);
    jump(&mut a, "germany");
    for _ in 0..5 {
        update(&mut a, Action::Down);
    }
    let v = view(&a).clone();
    let CountryLine::Member {
        network, member, ..
    } = v.lines[v.selected]
    else {
        panic!("a member row");
    };
    update(&mut a, Action::Open);
    let (t, _, roster, _) = a.open_roster().expect("its roster");
    assert_eq!(t.network, network);
    assert_eq!(t.search.member(t.selected), Some(member));
    assert_eq!(roster.members[member as usize].country, "DE");
    update(&mut a, Action::Back);
    assert_eq!(view(&a).selected, v.selected);
}

#[test]
fn the_view_pages_and_keeps_its_selection_on_screen() {
    let mut a = app(60, 20);
    jump(&mut a, "germany");
    let len = view(&a).lines.len();
    let rows = citynet::layout::country_rows(a.size, len);
    assert!(len > rows, "Germany's lines do not fit at 60x20");
    update(&mut a, Action::Last);
    let v = view(&a);
    assert_eq!(v.selected, len - 1);
    assert!(v.offset + rows > v.selected && v.offset <= v.selected);
    update(&mut a, Action::First);
    update(&mut a, Action::PageDown);
    assert_eq!(view(&a).selected, rows);
    // A resize keeps it in sight.
    update(
        &mut a,
        Action::Resize {
            width: 60,
            height: 12,
        },
    );
    let v = view(&a);
    let rows = citynet::layout::country_rows(a.size, len);
    assert!(v.offset + rows > v.selected && v.offset <= v.selected);
}

#[test]
fn y_copies_what_the_command_line_prints() {
    let mut a = app(120, 40);
    jump(&mut a, "norway");
    update(&mut a, Action::CopySelection);
    let clip = a.clipboard.as_ref().expect("something to copy");
    let found = in_country(&a.data, a.cities(), "NO", &[]);
    assert_eq!(clip.text, citynet::export::country::text(&a.data, &found));
    assert!(clip.text.starts_with("Norway (NO): "), "{}", clip.text);
    for g in &found.groups {
        assert!(clip.text.contains(a.data.networks[g.network].label()));
        for r in &g.rows {
            assert!(
                clip.text.contains(r.entry.name.as_str()),
                "{}",
                r.entry.name
            );
        }
    }
}
