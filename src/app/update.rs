//! `update`: the one place the app's state changes.

use ratatui::layout::{Position, Rect};

use super::jump::Destination;
use super::{Action, App, Card, Focus, Jump, MemberTable, Mode, Right, Side, mine};
use crate::layout::{self, Target};
use crate::{export, facts};
use citynet_core::cities::Seat;
use citynet_core::data::Theme;
use citynet_core::roster::{Sort, SortColumn};

/// Moves a cursor over `len` rows by `delta`, clamped.
fn step(selected: usize, delta: isize, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    selected.saturating_add_signed(delta).min(len - 1)
}

/// Keeps `selected` inside the window `offset..offset + height`.
fn follow(selected: usize, offset: usize, height: usize) -> usize {
    let height = height.max(1);
    if selected < offset {
        selected
    } else if selected >= offset + height {
        selected + 1 - height
    } else {
        offset
    }
}

/// What a key did to a line being typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Typed {
    /// The text may have changed; typing goes on.
    Text,
    /// Typing is over: Enter, Esc, or Backspace with nothing left to delete.
    Done,
}

/// Applies a typing action to `text`; `None` for an action that is not typing.
fn edit(text: &mut String, action: Action) -> Option<Typed> {
    match action {
        Action::Input(c) => text.push(c),
        Action::Backspace => {
            if text.pop().is_none() {
                return Some(Typed::Done);
            }
        }
        Action::DeleteWord => {
            let trimmed = text.trim_end().len();
            text.truncate(trimmed);
            let cut = text.rfind(' ').map_or(0, |i| i + 1);
            text.truncate(cut);
        }
        Action::ClearInput => text.clear(),
        Action::AcceptInput => return Some(Typed::Done),
        Action::CancelInput => {
            text.clear();
            return Some(Typed::Done);
        }
        _ => return None,
    }
    Some(Typed::Text)
}

/// Applies one action to the state.
pub fn update(app: &mut App, action: Action) {
    let action = mine::translate(app, action);
    if !matches!(action, Action::Resize { .. }) {
        app.message = None;
    }
    if !matches!(
        action,
        Action::HistoryOlder | Action::HistoryNewer | Action::Resize { .. }
    ) {
        app.recall = None;
    }
    if action == Action::AcceptInput {
        mine::remember_accept(app);
    }
    match action {
        Action::Quit => app.quit = true,
        Action::HistoryOlder | Action::HistoryNewer => {
            mine::recall(app, action == Action::HistoryOlder);
        }
        Action::Resize { width, height } => {
            app.size = Rect::new(0, 0, width, height);
        }
        Action::ToggleHelp => {
            app.mode = match app.mode {
                Mode::Help { .. } => Mode::Browse,
                _ => Mode::Help { scroll: 0 },
            };
        }
        // The one place that decides who has the keys: the overlay on top, else the panes.
        _ => match app.mode {
            Mode::Help { .. } => help_action(app, action),
            Mode::Jump(_) => jump_action(app, action),
            Mode::Themes { .. } => themes_action(app, action),
            Mode::Card(_) => card_action(app, action),
            Mode::Pins { .. } => mine::pins_action(app, action),
            Mode::Views { .. } => mine::views_action(app, action),
            Mode::Naming { .. } => mine::naming_action(app, action),
            Mode::Browse | Mode::Filter => panes_action(app, action),
        },
    }
    clamp(app);
}

/// An action for the panes: the focused one, or the one under the pointer.
fn panes_action(app: &mut App, action: Action) {
    match action {
        Action::OpenJump => {
            app.mode = Mode::Jump(Jump {
                query: String::new(),
                hits: mine::frecent_hits(app, 20),
                selected: 0,
            });
        }
        Action::Pin => mine::toggle_pin(app),
        Action::OpenPins => app.mode = Mode::Pins { selected: 0 },
        Action::SaveView => mine::start_naming(app),
        Action::OpenViews => app.mode = Mode::Views { selected: 0 },
        Action::CopySelection => copy_selection(app),
        Action::Click { column, row } => click(app, column, row),
        Action::Scroll { column, row, down } => scroll(app, column, row, down),
        Action::FocusNext | Action::FocusPrev => cycle_focus(app, action == Action::FocusNext),
        _ => match app.focus {
            Focus::Networks => networks_action(app, action),
            Focus::Detail => detail_action(app, action),
            Focus::Members => members_action(app, action),
        },
    }
}

fn help_action(app: &mut App, action: Action) {
    let Mode::Help { scroll } = &mut app.mode else {
        return;
    };
    match action {
        Action::Up => *scroll = scroll.saturating_sub(1),
        Action::Down => *scroll += 1,
        Action::Back | Action::CancelInput => app.mode = Mode::Browse,
        _ => {}
    }
}

/// The themes the picker lists: those at least one network has, in the enum's order.
pub fn picker_themes(app: &App) -> Vec<(Theme, usize)> {
    Theme::ALL
        .into_iter()
        .map(|t| {
            let n = app
                .data
                .networks
                .iter()
                .filter(|n| n.themes.contains(&t))
                .count();
            (t, n)
        })
        .filter(|(_, n)| *n > 0)
        .collect()
}

fn themes_action(app: &mut App, action: Action) {
    let themes = picker_themes(app);
    let Mode::Themes { cursor } = &mut app.mode else {
        return;
    };
    match action {
        Action::Up => *cursor = step(*cursor, -1, themes.len()),
        Action::Down => *cursor = step(*cursor, 1, themes.len()),
        Action::ToggleMark => {
            if let Some((t, _)) = themes.get(*cursor)
                && !app.theme_filter.remove(t)
            {
                app.theme_filter.insert(*t);
            }
            app.refilter_networks();
            app.detail_scroll = 0;
        }
        Action::ClearMarks => {
            app.theme_filter.clear();
            app.refilter_networks();
        }
        Action::CancelInput | Action::Back | Action::AcceptInput => app.mode = Mode::Browse,
        _ => {}
    }
}

fn jump_action(app: &mut App, action: Action) {
    let Mode::Jump(j) = &mut app.mode else {
        return;
    };
    match action {
        Action::Up => j.selected = step(j.selected, -1, j.hits.len()),
        Action::Down => j.selected = step(j.selected, 1, j.hits.len()),
        Action::AcceptInput => {
            let to = j.hits.get(j.selected).map(|h| h.to);
            app.mode = Mode::Browse;
            if let Some(to) = to {
                go(app, to);
            }
        }
        Action::CancelInput | Action::Back => app.mode = Mode::Browse,
        a => match edit(&mut j.query, a) {
            None => {}
            // Backspace on an empty prompt closes it.
            Some(Typed::Done) => app.mode = Mode::Browse,
            Some(Typed::Text) => search_jump(app),
        },
    }
}

/// Puts the jump prompt's results for its query (the frecent places when it is empty),
/// equals ordered by frecency.
pub(super) fn search_jump(app: &mut App) {
    let Some(text) = app.jump().map(|j| j.query.clone()) else {
        return;
    };
    let mut hits = if text.trim().is_empty() {
        mine::frecent_hits(app, 20)
    } else {
        app.jump_index()
            .search_or_suggest(&app.data, &app.matcher, app.cities(), &text, 200)
    };
    mine::order_ties(app, &mut hits);
    if let Mode::Jump(j) = &mut app.mode {
        j.hits = hits;
        j.selected = 0;
    }
}

/// Computes the comparison of the marked networks, once, for the view to page through.
fn compare(app: &mut App) {
    app.comparison = (app.compare.len() >= 2)
        .then(|| citynet_core::cities::Comparison::new(app.cities(), &app.compare));
}

/// Selects network `i` in a list with no filters, so it is visible.
fn reveal_network(app: &mut App, i: usize) {
    if !app.networks.filter.is_empty()
        || !app.theme_filter.is_empty()
        || !app.networks.rows.iter().any(|r| r.network == i)
    {
        app.networks.filter.clear();
        app.theme_filter.clear();
        app.refilter_networks();
    }
    if let Some(row) = app.networks.rows.iter().position(|r| r.network == i) {
        select_network(app, row);
    }
}

/// Opens network `i`'s member table with every tier on and `query` in its filter.
pub(super) fn show_members(app: &mut App, i: usize, query: &str) -> bool {
    reveal_network(app, i);
    if !app.open_members(i) {
        return false;
    }
    if let Some(t) = app.members.as_mut() {
        let all = vec![true; t.search.tiers_on().len()];
        t.search.set_tiers(&all);
        let before = std::mem::replace(&mut t.filter, query.to_string());
        on_query_change(app, &before);
    }
    app.mode = Mode::Browse;
    app.focus = Focus::Members;
    app.right = Right::Members;
    true
}

/// Opens a roster at one of its rows.
fn show_seat(app: &mut App, seat: Seat) {
    if show_members(app, seat.network, "")
        && let Some(t) = app.members.as_mut()
        && let Some(row) = t.search.position(seat.member)
    {
        t.selected = row;
    }
}

fn card_action(app: &mut App, action: Action) {
    let Some(card) = app.card() else { return };
    let seats = app
        .cities()
        .cities
        .get(card.city)
        .map(|c| c.seats.clone())
        .unwrap_or_default();
    match action {
        Action::Up => {
            if let Mode::Card(c) = &mut app.mode {
                c.selected = step(c.selected, -1, seats.len());
            }
        }
        Action::Down => {
            if let Mode::Card(c) = &mut app.mode {
                c.selected = step(c.selected, 1, seats.len());
            }
        }
        Action::Open => {
            app.mode = Mode::Browse;
            if let Some(seat) = seats.get(card.selected) {
                show_seat(app, *seat);
            }
        }
        Action::CopySelection => {
            let text = export::city_text(&app.data, app.cities(), card.city);
            let name = app
                .cities()
                .cities
                .get(card.city)
                .map_or(String::new(), |c| c.name.clone());
            copy(app, text, format!("{name}'s card"));
        }
        Action::Pin => mine::toggle_pin(app),
        Action::Back | Action::CancelInput => app.mode = Mode::Browse,
        _ => {}
    }
}

/// Goes where a jump result leads.
pub fn go(app: &mut App, to: Destination) {
    match to {
        Destination::Network(i) => {
            reveal_network(app, i);
            app.focus = Focus::Networks;
            app.right = Right::Detail;
        }
        Destination::City(city) => {
            let seats = app
                .cities()
                .cities
                .get(city)
                .map(|c| c.seats.clone())
                .unwrap_or_default();
            match seats.as_slice() {
                [only] => show_seat(app, *only),
                [] => {}
                _ => app.mode = Mode::Card(Card { city, selected: 0 }),
            }
        }
        Destination::Place(id) => {
            // A city in no list has no row to open: say so, rather than do nothing.
            let name = citynet_core::gazetteer::embedded()
                .ok()
                .and_then(|g| g.by_id(id))
                .map_or_else(
                    || "That city".to_string(),
                    |p| format!("{} ({})", p.name, p.country),
                );
            app.message = Some(format!(
                "{name} is in none of the {}",
                app.data.lists_cover()
            ));
        }
        Destination::Country(code) => {
            let code = String::from_utf8_lossy(&code).into_owned();
            let count = |n: &citynet_core::data::Network| {
                n.roster.as_ref().map_or(0, |r| {
                    r.members.iter().filter(|m| m.country == code).count()
                })
            };
            // The open roster when it has members there, else the one with the most.
            let open = app.members.as_ref().map(|t| t.network);
            let target = open
                .filter(|&i| app.data.networks.get(i).is_some_and(|n| count(n) > 0))
                .or_else(|| {
                    (0..app.data.networks.len())
                        .filter(|&i| count(&app.data.networks[i]) > 0)
                        .max_by_key(|&i| (count(&app.data.networks[i]), std::cmp::Reverse(i)))
                });
            if let Some(i) = target {
                show_members(app, i, &format!("country:{}", code.to_lowercase()));
            }
        }
        Destination::Theme(t) => {
            app.networks.filter.clear();
            app.theme_filter = [t].into_iter().collect();
            app.refilter_networks();
            app.focus = Focus::Networks;
            app.right = Right::Detail;
            app.detail_scroll = 0;
        }
    }
}

fn copy(app: &mut App, text: String, what: String) {
    app.message = Some(format!("Copied {what} to the clipboard"));
    app.clipboard = Some(text);
}

fn copy_selection(app: &mut App) {
    if app.focus == Focus::Members {
        let Some((t, n, r, _)) = app.open_roster() else {
            return;
        };
        let Some(m) = t
            .search
            .member(t.selected)
            .and_then(|m| r.members.get(m as usize))
        else {
            app.message = Some("Nothing selected to copy".into());
            return;
        };
        let (text, name) = (export::member_text(n, r, m), m.name.clone());
        copy(app, text, name);
    } else if let Some(n) = app.selected_network().and_then(|i| app.network(i)) {
        let (text, name) = (export::network_text(&app.data, n), n.label().to_string());
        copy(app, text, format!("{name}'s summary and figures"));
    }
}

fn cycle_focus(app: &mut App, forward: bool) {
    let has_roster = app.selected_network().is_some_and(|i| app.has_roster(i));
    let mut order = vec![Focus::Networks, Focus::Detail];
    if has_roster {
        order.push(Focus::Members);
    }
    let at = order.iter().position(|f| *f == app.focus).unwrap_or(0);
    let next = if forward {
        (at + 1) % order.len()
    } else {
        (at + order.len() - 1) % order.len()
    };
    focus(app, order[next]);
}

fn focus(app: &mut App, to: Focus) {
    match to {
        Focus::Networks => {}
        Focus::Detail => app.right = Right::Detail,
        Focus::Members => {
            let Some(i) = app.selected_network() else {
                return;
            };
            if !app.open_members(i) {
                return;
            }
            app.right = Right::Members;
        }
    }
    app.focus = to;
}

fn select_network(app: &mut App, to: usize) {
    if to != app.networks.selected {
        app.networks.selected = to;
        app.detail_scroll = 0;
        if app.right == Right::Members {
            app.right = Right::Detail;
        }
    }
}

fn networks_action(app: &mut App, action: Action) {
    let len = app.networks.rows.len();
    let page = layout::page_height(app.screen(), Focus::Networks) as isize;
    if app.editing(Focus::Networks)
        && let Some(typed) = edit(&mut app.networks.filter, action)
    {
        if typed == Typed::Done {
            app.mode = Mode::Browse;
        }
        app.refilter_networks();
        app.detail_scroll = 0;
        app.right = Right::Detail;
        return;
    }
    let sel = app.networks.selected;
    match action {
        Action::Up => select_network(app, step(sel, -1, len)),
        Action::Down => select_network(app, step(sel, 1, len)),
        Action::PageUp => select_network(app, step(sel, -page, len)),
        Action::PageDown => select_network(app, step(sel, page, len)),
        Action::First => select_network(app, 0),
        Action::Last => select_network(app, len.saturating_sub(1)),
        Action::StartFilter => app.mode = Mode::Filter,
        // Esc clears the text filter first, then the theme filter.
        Action::Back if !app.networks.filter.is_empty() => {
            app.networks.filter.clear();
            app.refilter_networks();
        }
        Action::Back if !app.theme_filter.is_empty() => {
            app.theme_filter.clear();
            app.refilter_networks();
        }
        Action::OpenThemes => app.mode = Mode::Themes { cursor: 0 },
        Action::Mark => {
            if let Some(i) = app.selected_network() {
                if !app.has_roster(i) {
                    app.message = Some(format!(
                        "{} has no member list to compare",
                        app.data.networks[i].label()
                    ));
                } else if let Some(at) = app.compare.iter().position(|&n| n == i) {
                    app.compare.remove(at);
                } else {
                    app.compare.push(i);
                }
                if app.right == Right::Compare {
                    compare(app);
                }
            }
        }
        Action::Compare => {
            if app.compare.len() >= 2 {
                compare(app);
                app.right = Right::Compare;
                app.focus = Focus::Detail;
                app.detail_scroll = 0;
            } else {
                app.message =
                    Some("Mark two or more networks with a member list (x), then press C".into());
            }
        }
        Action::ShowSources => {
            if let Some(i) = app.selected_network()
                && let Some(n) = app.network(i)
            {
                let width = layout::detail_width(app.screen());
                let at = facts::sources_line(&app.data, n, app.indexes.tier_counts(i), width);
                app.right = Right::Detail;
                app.focus = Focus::Detail;
                app.detail_scroll = at.unwrap_or(0);
            }
        }
        Action::ToggleChart => {
            app.right = if app.right == Right::Sizes {
                Right::Detail
            } else {
                Right::Sizes
            };
        }
        Action::Open => {
            if let Some(i) = app.selected_network()
                && app.has_roster(i)
            {
                mine::visited(app, Destination::Network(i));
                focus(app, Focus::Members);
            } else {
                focus(app, Focus::Detail);
            }
        }
        _ => {}
    }
}

fn detail_action(app: &mut App, action: Action) {
    let page = layout::page_height(app.screen(), Focus::Detail);
    let s = app.detail_scroll;
    app.detail_scroll = match action {
        Action::Up => s.saturating_sub(1),
        Action::Down => s + 1,
        Action::PageUp => s.saturating_sub(page),
        Action::PageDown => s + page,
        Action::First => 0,
        Action::Last => usize::MAX,
        Action::Back => {
            app.focus = Focus::Networks;
            s
        }
        _ => s,
    };
}

fn members_action(app: &mut App, action: Action) {
    let page = layout::page_height(app.screen(), Focus::Members) as isize;
    let editing = app.editing(Focus::Members);
    let Some(t) = app.members.as_mut() else {
        app.focus = Focus::Networks;
        return;
    };
    if editing {
        let before = t.filter.clone();
        if let Some(typed) = edit(&mut t.filter, action) {
            let changed = t.filter != before;
            if typed == Typed::Done {
                app.mode = Mode::Browse;
            }
            if changed {
                on_query_change(app, &before);
            }
            return;
        }
    }
    let len = t.search.len();
    let sel = t.selected;
    match action {
        Action::Up => t.selected = step(sel, -1, len),
        Action::Down => t.selected = step(sel, 1, len),
        Action::PageUp => t.selected = step(sel, -page, len),
        Action::PageDown => t.selected = step(sel, page, len),
        Action::First => t.selected = 0,
        Action::Last => t.selected = len.saturating_sub(1),
        Action::StartFilter => app.mode = Mode::Filter,
        Action::Open => {
            if let Some(member) = t.search.member(t.selected) {
                let seat = Seat {
                    network: t.network,
                    member,
                };
                if let Some(city) = app.cities().of(seat) {
                    let selected = app
                        .cities()
                        .cities
                        .get(city)
                        .and_then(|c| c.seats.iter().position(|s| *s == seat))
                        .unwrap_or(0);
                    app.mode = Mode::Card(Card { city, selected });
                    mine::visited(app, Destination::City(city));
                }
            }
        }
        Action::Back => {
            if t.filter.is_empty() {
                app.focus = Focus::Networks;
                app.right = Right::Detail;
            } else {
                let before = std::mem::take(&mut t.filter);
                on_query_change(app, &before);
            }
        }
        Action::ToggleMap => {
            app.side = if app.side == Side::Map {
                Side::None
            } else {
                Side::Map
            };
        }
        Action::ToggleChart => {
            app.side = if app.side == Side::Countries {
                Side::None
            } else {
                Side::Countries
            };
        }
        Action::CopyCsv => {
            if let Some((t, _, r, _)) = app.open_roster() {
                // Every row, in its final order.
                let members = t.search.members();
                let rows = members.len();
                let csv = export::members_csv(
                    r,
                    members.iter().filter_map(|&m| r.members.get(m as usize)),
                );
                copy(app, csv, format!("{rows} rows as CSV"));
            }
        }
        Action::CopyCommand => {
            if let Some((t, n, r, _)) = app.open_roster() {
                let cmd =
                    export::members_command(n, r, t.search.tiers_on(), &t.filter, t.search.sort());
                copy(app, cmd.clone(), format!("`{cmd}`"));
            }
        }
        Action::ToggleTier(n) => {
            let keep = t.search.member(t.selected);
            if t.search.toggle_tier(n) {
                t.reselect(keep);
            }
        }
        Action::SortNext => {
            let has_query = !t.filter.trim().is_empty();
            let index = t.search.index();
            let figures = [
                (index.has_population(), SortColumn::Population),
                (index.has_stated(), SortColumn::Stated),
            ];
            let sort = next_sort(t.search.sort(), has_query, &figures);
            sort_by(t, sort);
        }
        Action::SortReverse => {
            let mut sort = t.search.sort();
            sort.ascending = !sort.ascending;
            sort_by(t, sort);
        }
        Action::SortBy(column) => {
            let now = t.search.sort();
            let sort = Sort {
                column,
                ascending: now.column != column || !now.ascending,
            };
            sort_by(t, sort);
        }
        _ => {}
    }
}

/// Puts the member table in another order, kept for when the query is cleared when
/// there is none.
pub(super) fn sort_by(t: &mut MemberTable, sort: Sort) {
    let keep = t.search.member(t.selected);
    t.search.set_sort(sort);
    if t.filter.trim().is_empty() {
        t.sort_without_query = sort;
    }
    t.reselect(keep);
}

/// Typing a query switches the order to relevance; clearing it restores the chosen sort.
pub(super) fn on_query_change(app: &mut App, before: &str) {
    let Some(t) = app.members.as_mut() else {
        return;
    };
    let had = !before.trim().is_empty();
    let has = !t.filter.trim().is_empty();
    if has && !had {
        t.sort_without_query = t.search.sort();
        t.search.set_sort(Sort::RELEVANCE);
    } else if had && !has {
        t.search.set_sort(t.sort_without_query);
    }
    app.refilter_members();
}

/// Cycles City ▲ → City ▼ → Country ▲ → ... and, with a query, relevance first.
fn next_sort(sort: Sort, has_query: bool, figures: &[(bool, SortColumn)]) -> Sort {
    let mut columns = Vec::with_capacity(6);
    if has_query {
        columns.push(SortColumn::Relevance);
    }
    columns.extend([SortColumn::City, SortColumn::Country, SortColumn::Tier]);
    columns.extend(figures.iter().filter(|(has, _)| *has).map(|&(_, c)| c));
    if sort.ascending && sort.column != SortColumn::Relevance {
        return Sort {
            column: sort.column,
            ascending: false,
        };
    }
    let at = columns.iter().position(|c| *c == sort.column).unwrap_or(0);
    Sort {
        column: columns[(at + 1) % columns.len()],
        ascending: true,
    }
}

fn click(app: &mut App, column: u16, row: u16) {
    let Some(l) = layout::compute(app.screen()) else {
        return;
    };
    let at = Position::new(column, row);
    // A click in another pane ends typing into a filter; one in the member table's
    // filter line starts it, and a click on its rows ends it.
    let typing = app.mode == Mode::Filter;
    if let Some(area) = l.networks
        && area.contains(at)
    {
        app.focus = Focus::Networks;
        if typing {
            app.mode = Mode::Browse;
        }
        let rows = layout::networks_rows(area);
        if rows.contains(at) {
            let i = app.networks.offset + (row - rows.y) as usize;
            if i < app.networks.rows.len() {
                select_network(app, i);
            }
        }
        return;
    }
    if let Some(area) = l.detail
        && area.contains(at)
    {
        app.focus = Focus::Detail;
        if typing {
            app.mode = Mode::Browse;
        }
        return;
    }
    if let Some(area) = l.members
        && area.contains(at)
    {
        if typing && app.focus != Focus::Members {
            app.mode = Mode::Browse;
        }
        app.focus = Focus::Members;
        let hit = app.open_roster().and_then(|(t, _, roster, index)| {
            let table = layout::Table {
                roster,
                index,
                tiers_on: t.search.tiers_on(),
                offset: t.offset,
                rows: t.search.len(),
            };
            layout::member_target(&table, area, at)
        });
        match hit {
            Some(Target::Tier(n)) => members_action(app, Action::ToggleTier(n)),
            Some(Target::Header(c)) => members_action(app, Action::SortBy(c)),
            Some(Target::Row(i)) => {
                app.mode = Mode::Browse;
                if let Some(t) = app.members.as_mut() {
                    t.selected = i;
                }
            }
            Some(Target::Filter) => app.mode = Mode::Filter,
            None => {}
        }
    }
}

fn scroll(app: &mut App, column: u16, row: u16, down: bool) {
    let Some(l) = layout::compute(app.screen()) else {
        return;
    };
    let at = Position::new(column, row);
    let delta: isize = if down { 3 } else { -3 };
    if l.networks.is_some_and(|a| a.contains(at)) {
        let len = app.networks.rows.len();
        select_network(app, step(app.networks.selected, delta, len));
    } else if l.detail.is_some_and(|a| a.contains(at)) {
        app.detail_scroll = app.detail_scroll.saturating_add_signed(delta);
    } else if l.members.is_some_and(|a| a.contains(at))
        && let Some(t) = app.members.as_mut()
    {
        t.selected = step(t.selected, delta, t.search.len());
    }
}

/// How many lines the detail pane scrolls through: the comparison's rows, or the
/// selected network's facts at the pane's width.
fn detail_lines(app: &App) -> usize {
    if app.right == Right::Compare {
        return super::compare::rows(app).len();
    }
    app.selected_network().map_or(0, |i| {
        let Some(n) = app.network(i) else { return 0 };
        let width = layout::detail_width(app.screen());
        facts::line_count(&app.data, n, app.indexes.tier_counts(i), width)
    })
}

/// Keeps every cursor and scroll offset inside what there is to show, after any action
/// (resizes included).
fn clamp(app: &mut App) {
    let screen = app.screen();
    let len = app.networks.rows.len();
    app.networks.selected = app.networks.selected.min(len.saturating_sub(1));
    let h = layout::page_height(screen, Focus::Networks);
    app.networks.offset = follow(app.networks.selected, app.networks.offset, h);
    let max_offset = len.saturating_sub(h.max(1));
    app.networks.offset = app.networks.offset.min(max_offset);

    let dh = layout::page_height(screen, Focus::Detail);
    let lines = detail_lines(app);
    app.detail_scroll = app.detail_scroll.min(lines.saturating_sub(dh.max(1)));

    let mh = layout::page_height(screen, Focus::Members);
    if let Some(t) = app.members.as_mut() {
        let len = t.search.len();
        t.selected = t.selected.min(len.saturating_sub(1));
        t.offset = follow(t.selected, t.offset, mh);
        t.offset = t.offset.min(len.saturating_sub(mh.max(1)));
    }
    if app.focus == Focus::Members && app.members.is_none() {
        app.focus = Focus::Networks;
        if app.mode == Mode::Filter {
            app.mode = Mode::Browse;
        }
    }
    // The detail pane has no filter line.
    if app.mode == Mode::Filter && app.focus == Focus::Detail {
        app.mode = Mode::Browse;
    }
    if let Mode::Help { scroll } = app.mode {
        let max = app
            .keys
            .help_line_count(app.size)
            .saturating_sub(layout::help_height(app.size));
        app.mode = Mode::Help {
            scroll: scroll.min(max),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn step_clamps_at_both_ends() {
        assert_eq!(step(0, -1, 5), 0);
        assert_eq!(step(4, 1, 5), 4);
        assert_eq!(step(2, 10, 5), 4);
        assert_eq!(step(0, 1, 0), 0);
    }

    #[test]
    fn follow_keeps_selection_in_window() {
        assert_eq!(follow(0, 0, 10), 0);
        assert_eq!(follow(12, 0, 10), 3);
        assert_eq!(follow(2, 5, 10), 2);
        assert_eq!(follow(7, 5, 10), 5);
    }

    #[test]
    fn sort_cycle_visits_every_column_both_ways() {
        let mut s = Sort::default();
        let mut seen = vec![s];
        for _ in 0..5 {
            s = next_sort(s, false, &[]);
            seen.push(s);
        }
        let cols: Vec<_> = seen.iter().map(|s| (s.column, s.ascending)).collect();
        assert_eq!(
            cols,
            [
                (SortColumn::City, true),
                (SortColumn::City, false),
                (SortColumn::Country, true),
                (SortColumn::Country, false),
                (SortColumn::Tier, true),
                (SortColumn::Tier, false),
            ]
        );
        assert_eq!(next_sort(s, false, &[]), Sort::default());
        assert_eq!(next_sort(s, true, &[]).column, SortColumn::Relevance);
        // The figure columns a roster has come after the tier, in order; the others never.
        let figures = [(true, SortColumn::Population), (false, SortColumn::Stated)];
        let mut s = Sort::default();
        let mut columns = vec![];
        for _ in 0..10 {
            s = next_sort(s, false, &figures);
            columns.push(s.column);
        }
        assert!(columns.contains(&SortColumn::Population));
        assert!(!columns.contains(&SortColumn::Stated));
        let both = [(true, SortColumn::Population), (true, SortColumn::Stated)];
        let after = Sort {
            column: SortColumn::Population,
            ascending: false,
        };
        assert_eq!(next_sort(after, false, &both).column, SortColumn::Stated);
    }
}
