//! The member table's columns: every column the list has data for, City frozen at the
//! left while the others scroll (`L`/`→`, `H`/`←`), and `←` at the left edge steps back.

use citynet::app::{Action, Focus, update};
use citynet::layout;

use crate::support::{app, draw, open, screen};

/// The header row of the member table, as drawn.
fn header(a: &citynet::app::App) -> String {
    let text = screen(&draw(a));
    text.lines()
        .find(|l| l.contains("City"))
        .unwrap_or_default()
        .to_string()
}

#[test]
fn every_column_with_data_is_drawn_when_there_is_room() {
    let mut a = app(200, 60);
    open(&mut a, "covenant-of-mayors");
    let h = header(&a);
    for title in ["City", "Country", "Tier", "Population", "Stated", "Since"] {
        assert!(h.contains(title), "{title} missing: {h}");
    }
    // Berlin's row has its joining year.
    update(&mut a, Action::StartFilter);
    crate::support::type_text(&mut a, "berlin");
    update(&mut a, Action::AcceptInput);
    let (t, _, r, _) = a.open_roster().expect("open");
    let berlin = t.search.member(t.selected).expect("Berlin is shown") as usize;
    let year = r.members[berlin]
        .since
        .expect("the Covenant gives Berlin's year");
    let text = screen(&draw(&a));
    let row = text
        .lines()
        .find(|l| l.contains("▶ Berlin"))
        .unwrap_or_default();
    assert!(
        row.trim_end_matches(['┃', ' '])
            .ends_with(&year.to_string()),
        "{year}: {row}"
    );
    // A list without years (C40) has no Since column.
    let mut c40 = app(200, 60);
    open(&mut c40, "c40");
    assert!(!header(&c40).contains("Since"), "{}", header(&c40));
}

#[test]
fn city_stays_while_the_other_columns_scroll() {
    let mut a = app(60, 20);
    open(&mut a, "covenant-of-mayors");
    assert_eq!(a.focus, Focus::Members);
    let first = header(&a);
    // Country keeps its name rather than shrinking to make room for Population.
    assert!(
        first.contains("Country") && !first.contains("Population"),
        "{first}"
    );
    let text = screen(&draw(&a));
    assert!(
        text.contains("· columns 1-2 of"),
        "the title counts the columns: {text}"
    );
    let mut seen = vec![];
    for _ in 0..6 {
        update(&mut a, Action::ScrollRight);
        let h = header(&a);
        let inside = h.trim_start_matches(['┃', '│', ' ']);
        assert!(inside.starts_with("City"), "City is frozen: {h}");
        seen.push(h);
    }
    let all = seen.join("\n");
    for title in ["Tier", "Population", "Stated", "Since"] {
        assert!(all.contains(title), "{title} never shown:\n{all}");
    }
    // Scrolling stops at the last column: no further presses needed to come back.
    let scrolled = a.members.as_ref().map_or(0, |t| t.scroll);
    let width = layout::members_parts(
        layout::compute(a.screen())
            .and_then(|r| r.members)
            .unwrap_or_default(),
    )[2]
    .width;
    let (_, _, r, index) = a.open_roster().expect("open");
    let cols = layout::columns(r, index, width, scrolled);
    assert_eq!(cols.hidden_right, 0);
    assert_eq!(
        cols.hidden_left, scrolled,
        "the scroll is clamped to the last column"
    );
    for _ in 0..scrolled {
        update(&mut a, Action::ScrollLeft);
    }
    assert_eq!(header(&a), first);
    assert_eq!(a.focus, Focus::Members);
    // At the left edge, ← steps back as it did before.
    update(&mut a, Action::ScrollLeft);
    assert_eq!(a.focus, Focus::Networks);
}

#[test]
fn the_keys_reach_the_scroll() {
    use citynet::app::keymap::{Command, KEYMAP, When};
    let right: Vec<_> = KEYMAP
        .iter()
        .filter(|b| b.command == Command::ScrollRight && b.when == When::Members)
        .flat_map(|b| b.keys.iter().map(|k| format!("{k:?}")))
        .collect();
    assert!(right.iter().any(|k| k.contains("'L'")), "{right:?}");
    assert!(right.iter().any(|k| k.contains("Right")), "{right:?}");
}

#[test]
fn since_sorts_by_the_year_joined() {
    let mut a = app(200, 60);
    open(&mut a, "covenant-of-mayors");
    update(
        &mut a,
        Action::SortBy(citynet_core::roster::SortColumn::Since),
    );
    let (t, _, r, _) = a.open_roster().expect("open");
    let years: Vec<Option<u16>> = t
        .search
        .members()
        .into_iter()
        .map(|m| r.members[m as usize].since)
        .collect();
    assert_eq!(years.len(), r.members.len());
    assert!(years.windows(2).all(|w| w[0] <= w[1]), "not in year order");
    assert_ne!(years.first(), years.last(), "the years differ");
}

#[test]
fn sorting_by_a_column_out_of_sight_scrolls_it_into_view() {
    use citynet_core::roster::SortColumn;
    let mut a = app(60, 20);
    open(&mut a, "covenant-of-mayors");
    let title = |c: SortColumn| match c {
        SortColumn::Country => "Country",
        SortColumn::Tier => "Tier",
        SortColumn::Population => "Population",
        SortColumn::Stated => "Stated",
        SortColumn::Since => "Since",
        SortColumn::City | SortColumn::Relevance => "City",
    };
    let mut seen = Vec::new();
    // Each column ascending, then descending.
    for _ in 0..12 {
        update(&mut a, Action::SortNext);
        let (t, ..) = a.open_roster().expect("open");
        let column = t.search.sort().column;
        let h = header(&a);
        assert!(
            h.contains(title(column)),
            "sorted by {column:?}, its column shows: {h}"
        );
        assert!(h.starts_with("┃  City"), "City stays first: {h}");
        seen.push(column);
    }
    // At 60 columns the Covenant's table cannot show them all at once, so some `s` had to
    // scroll.
    assert!(seen.contains(&SortColumn::Since), "{seen:?}");
    assert!(seen.contains(&SortColumn::Country), "{seen:?}");
}
