//! `update`: the one place the app's state changes.

use ratatui::layout::{Position, Rect};

use super::jump::Destination;
use super::{Action, App, Card, Focus, Jump, MemberTable, Mode, Right, Side, mine};
use crate::layout::{self, Target};
use crate::{export, facts};
use citynet_core::cities::Seat;
use citynet_core::data::{Theme, group_thousands};
use citynet_core::roster::{Sort, SortColumn};

/// Moves a cursor over `len` rows by `delta`, clamped.
pub(super) fn step(selected: usize, delta: isize, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    selected.saturating_add_signed(delta).min(len - 1)
}

/// Keeps `selected` inside the window `offset..offset + height`.
pub(super) fn follow(selected: usize, offset: usize, height: usize) -> usize {
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

/// The byte offset of the cursor in `text`, `back` characters from its end (clamped).
fn cursor_at(text: &str, back: &mut usize) -> usize {
    let len = text.chars().count();
    *back = (*back).min(len);
    text.char_indices()
        .nth(len - *back)
        .map_or(text.len(), |(i, _)| i)
}

/// Applies a typing action to `text` with the cursor `back` characters from its end;
/// `None` for an action that is not typing.
fn edit(text: &mut String, back: &mut usize, action: Action) -> Option<Typed> {
    let at = cursor_at(text, back);
    match action {
        Action::Input(c) => text.insert(at, c),
        Action::Backspace => {
            if text.is_empty() {
                return Some(Typed::Done);
            }
            if let Some((i, _)) = text[..at].char_indices().next_back() {
                text.replace_range(i..at, "");
            }
        }
        Action::DeleteForward => {
            if let Some(c) = text[at..].chars().next() {
                text.replace_range(at..at + c.len_utf8(), "");
                *back -= 1;
            }
        }
        Action::DeleteWord => {
            let before = text[..at].trim_end();
            let cut = before.rfind(' ').map_or(0, |i| i + 1);
            text.replace_range(cut..at, "");
        }
        Action::CursorLeft => *back = (*back + 1).min(text.chars().count()),
        Action::CursorRight => *back = back.saturating_sub(1),
        Action::CursorHome => *back = text.chars().count(),
        Action::CursorEnd => *back = 0,
        Action::ClearInput => {
            text.clear();
            *back = 0;
        }
        Action::AcceptInput => {
            *back = 0;
            return Some(Typed::Done);
        }
        Action::CancelInput => {
            text.clear();
            *back = 0;
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
        Action::Copied(route) => {
            if let Some(clip) = app.clipboard.take() {
                app.message = Some(route.says(&clip.what));
            }
        }
        Action::ToggleHelp => {
            let was = std::mem::replace(&mut app.mode, Mode::Browse);
            app.mode = match was {
                // Back to what help was opened over: the card, the prompt, the picker.
                Mode::Help { under, .. } => *under,
                was => {
                    let here = app.context_of(&was);
                    Mode::Help {
                        scroll: super::keymap::help_start(here, app.size),
                        here,
                        under: Box::new(was),
                    }
                }
            };
        }
        // The one place that decides who has the keys: the overlay on top, else the panes.
        _ => match app.mode {
            Mode::Help { .. } => help_action(app, action),
            Mode::Jump(_) => jump_action(app, action),
            Mode::Themes { .. } => themes_action(app, action),
            Mode::Card(_) => card_action(app, action),
            Mode::Country(_) => super::country::action(app, action),
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
            app.back = None;
            app.cursor_back = 0;
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
    let page = layout::help_height(app.size).max(1);
    let Mode::Help { scroll, .. } = &mut app.mode else {
        return;
    };
    match action {
        Action::Up => *scroll = scroll.saturating_sub(1),
        Action::Down => *scroll += 1,
        Action::PageUp => *scroll = scroll.saturating_sub(page),
        Action::PageDown => *scroll += page,
        Action::First => *scroll = 0,
        // Clamped to the last page below.
        Action::Last => *scroll = usize::MAX,
        Action::Back | Action::CancelInput => update(app, Action::ToggleHelp),
        _ => {}
    }
}

/// The themes the picker lists: those at least one network has, by name, narrowed to
/// those matching what was typed in it (fuzzy, as every filter is).
pub fn picker_themes(app: &App) -> Vec<(Theme, usize)> {
    let typed = match &app.mode {
        Mode::Themes { filter, .. } => citynet_core::search::fold_query(filter),
        _ => String::new(),
    };
    let mut themes: Vec<(Theme, usize)> = Theme::ALL
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
        .filter(|(t, _)| {
            typed.is_empty()
                || app
                    .matcher
                    .score(&typed, &citynet_core::search::Folded::new(t.label()))
                    .is_some()
        })
        .collect();
    themes.sort_by_key(|(t, _)| t.label());
    themes
}

/// How many themes the picker lists before anything is typed: its height.
pub fn picker_themes_all(app: &App) -> usize {
    Theme::ALL
        .into_iter()
        .filter(|t| app.data.networks.iter().any(|n| n.themes.contains(t)))
        .count()
}

fn themes_action(app: &mut App, action: Action) {
    let themes = picker_themes(app);
    let Mode::Themes {
        cursor,
        filter,
        was,
    } = &mut app.mode
    else {
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
        // Enter keeps the themes chosen; Esc puts back those there were.
        Action::AcceptInput => app.mode = Mode::Browse,
        Action::CancelInput | Action::Back => {
            app.theme_filter = std::mem::take(was);
            app.mode = Mode::Browse;
            app.refilter_networks();
        }
        a => {
            if edit(filter, &mut app.cursor_back, a) == Some(Typed::Text) {
                *cursor = 0;
            }
        }
    }
}

fn jump_action(app: &mut App, action: Action) {
    let Mode::Jump(j) = &mut app.mode else {
        return;
    };
    match action {
        Action::Up => j.selected = step(j.selected, -1, j.hits.len()),
        Action::Down => j.selected = step(j.selected, 1, j.hits.len()),
        Action::Scroll { down, .. } => {
            j.selected = step(j.selected, if down { 1 } else { -1 }, j.hits.len());
        }
        // A click on a result goes there, as Enter on it would; one outside the prompt
        // closes it.
        Action::Click { column, row } => {
            let list = layout::jump_results(app.size, j.query.trim().is_empty());
            let at = Position::new(column, row);
            if list.contains(at) {
                let i = layout::jump_offset(j.selected, list) + usize::from(row - list.y);
                if i < j.hits.len() {
                    j.selected = i;
                    jump_action(app, Action::AcceptInput);
                }
            } else if !layout::jump_area(app.size).contains(at) {
                app.mode = Mode::Browse;
            }
        }
        Action::AcceptInput => {
            let to = j.hits.get(j.selected).map(|h| h.to);
            app.mode = Mode::Browse;
            if let Some(to) = to {
                go(app, to);
            }
        }
        Action::CancelInput | Action::Back => app.mode = Mode::Browse,
        a => match edit(&mut j.query, &mut app.cursor_back, a) {
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
pub(super) fn show_seat(app: &mut App, seat: Seat) {
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
                app.back = Some(super::Back::Card(card));
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
        // What `p` just pinned, one key away, as everywhere else.
        Action::OpenPins => app.mode = Mode::Pins { selected: 0 },
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
        Destination::Country(code) => super::country::open(app, code),
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

/// Hands `text` to the terminal loop to deliver; its `Action::Copied` says where it went.
fn copy(app: &mut App, text: String, what: String) {
    app.clipboard = Some(super::Clip { text, what });
}

fn copy_selection(app: &mut App) {
    if app.right == Right::Compare && app.focus == Focus::Detail {
        // The pane shows the comparison, so that is what `y` copies.
        if app.comparison.is_some() {
            let text = super::compare::text(app);
            copy(app, text, "the comparison".into());
        }
    } else if app.focus == Focus::Members {
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
        let (text, name) = (export::member_text(n, r, m), m.name.to_string());
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
    // Another pane: the way back to a card is forgotten, as a browser's is on a new page.
    app.back = None;
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
        // The member table and the comparison are of other rows: the new row's detail
        // takes their place.
        if matches!(app.right, Right::Members | Right::Compare) {
            app.right = Right::Detail;
        }
    }
}

/// The width the member table's columns share (`layout::columns`), 0 when it is hidden.
fn table_width(app: &App) -> u16 {
    layout::compute(app.screen())
        .and_then(|a| a.members)
        .map_or(0, |r| layout::members_parts(r)[2].width)
}

/// Scrolls the member table's columns, as little as it takes, until the column it is
/// sorted by shows: an order by a column out of sight would read as no order at all.
fn reveal_sorted_column(app: &mut App) {
    let width = table_width(app);
    let Some((t, _, roster, index)) = app.open_roster() else {
        return;
    };
    let column = t.search.sort().column;
    let shows = |scroll: usize| {
        layout::columns(roster, index, width, scroll)
            .cols
            .iter()
            .any(|c| c.sort == column)
    };
    if shows(t.scroll) {
        return;
    }
    // City is always drawn and relevance is no column, so this is a scrolled-off one.
    let span = layout::columns(roster, index, width, 0);
    let count = span.cols.len() + span.hidden_left + span.hidden_right;
    let now = t.scroll;
    let Some(scroll) = (0..=count)
        .filter(|&s| shows(s))
        .min_by_key(|&s| s.abs_diff(now))
    else {
        return;
    };
    if let Some(t) = app.members.as_mut() {
        t.scroll = scroll;
    }
}

/// The status line's word on the network list's new order; a query ranks the list
/// meanwhile, which it says too.
fn say_network_order(app: &mut App) {
    let list = &app.networks;
    let mut said = format!(
        "Networks by {}",
        super::network_order_words(list.order, list.reverse)
    );
    if !list.filter.trim().is_empty() {
        said.push_str(" once the filter is cleared (a filter lists the best matches first)");
    }
    app.message = Some(said);
}

fn networks_action(app: &mut App, action: Action) {
    let len = app.networks.rows.len();
    let page = layout::page_height(app.screen(), Focus::Networks) as isize;
    if app.editing(Focus::Networks)
        && let Some(typed) = edit(&mut app.networks.filter, &mut app.cursor_back, action)
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
        Action::StartFilter => {
            app.mode = Mode::Filter;
            app.cursor_back = 0;
        }
        Action::SortNext => {
            app.networks.order = app.networks.order.next();
            app.networks.reverse = false;
            app.refilter_networks();
            say_network_order(app);
        }
        Action::SortReverse => {
            app.networks.reverse = !app.networks.reverse;
            app.refilter_networks();
            say_network_order(app);
        }
        // Esc clears the text filter first, then the theme filter.
        Action::Back if !app.networks.filter.is_empty() => {
            app.networks.filter.clear();
            app.refilter_networks();
        }
        Action::Back if !app.theme_filter.is_empty() => {
            app.theme_filter.clear();
            app.refilter_networks();
        }
        Action::OpenThemes => {
            app.cursor_back = 0;
            app.mode = Mode::Themes {
                cursor: 0,
                filter: String::new(),
                was: app.theme_filter.clone(),
            }
        }
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
                app.compare_selected = 0;
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

/// The comparison's keys: a cursor over its rows, which the view keeps on screen; Enter on
/// a city opens its card.
fn compare_action(app: &mut App, action: Action) {
    let page = layout::page_height(app.screen(), Focus::Detail) as isize;
    let rows = super::compare::rows(app);
    let sel = app.compare_selected;
    app.compare_selected = match action {
        Action::Up => step(sel, -1, rows.len()),
        Action::Down => step(sel, 1, rows.len()),
        Action::PageUp => step(sel, -page, rows.len()),
        Action::PageDown => step(sel, page, rows.len()),
        Action::First => 0,
        Action::Last => rows.len().saturating_sub(1),
        Action::Open => {
            if let Some(super::compare::Row::City(c) | super::compare::Row::CityIn(c)) =
                rows.get(sel)
            {
                app.mode = Mode::Card(Card {
                    city: *c,
                    selected: 0,
                });
            }
            sel
        }
        _ => sel,
    };
    let height = layout::page_height(app.screen(), Focus::Detail);
    app.detail_scroll = follow(app.compare_selected, app.detail_scroll, height);
}

fn detail_action(app: &mut App, action: Action) {
    if app.right == Right::Compare && action != Action::Back {
        compare_action(app, action);
        return;
    }
    let page = layout::page_height(app.screen(), Focus::Detail);
    let s = app.detail_scroll;
    app.detail_scroll = match action {
        Action::Back => {
            app.focus = Focus::Networks;
            // Esc closes the comparison (the marks stay for the next C).
            if app.right == Right::Compare {
                app.right = Right::Detail;
                return;
            }
            s
        }
        _ => scrolled(s, page, action).unwrap_or(s),
    };
}

/// Where a moving key takes a scroll position `s` in a view `page` lines high; `None`
/// for a key that does not scroll.
fn scrolled(s: usize, page: usize, action: Action) -> Option<usize> {
    Some(match action {
        Action::Up => s.saturating_sub(1),
        Action::Down => s + 1,
        Action::PageUp => s.saturating_sub(page),
        Action::PageDown => s + page,
        Action::First => 0,
        Action::Last => usize::MAX,
        _ => return None,
    })
}

/// The moving keys while a chart or the map has the member table's place (a narrow
/// screen): they scroll the chart, and never move the table no one can see.
fn side_only_action(app: &mut App, action: Action) -> bool {
    let Some(side) = layout::compute(app.screen())
        .filter(|l| l.members.is_none())
        .and_then(|l| l.side)
    else {
        return false;
    };
    let page = usize::from(layout::inner(side).height).max(1);
    let Some(to) = scrolled(app.side_scroll, page, action) else {
        return false;
    };
    if app.side == Side::Countries {
        app.side_scroll = to.min(app.countries_shown().saturating_sub(page));
    }
    true
}

fn members_action(app: &mut App, action: Action) {
    let page = layout::page_height(app.screen(), Focus::Members) as isize;
    let editing = app.editing(Focus::Members);
    if !editing && app.side != Side::None && side_only_action(app, action) {
        return;
    }
    let Some(t) = app.members.as_mut() else {
        app.focus = Focus::Networks;
        return;
    };
    if editing {
        let before = t.filter.clone();
        if let Some(typed) = edit(&mut t.filter, &mut app.cursor_back, action) {
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
        Action::StartFilter => {
            app.mode = Mode::Filter;
            app.cursor_back = 0;
        }
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
            let as_opened = app.back.as_ref().is_some_and(|b| b.opened_with(&t.filter));
            if t.filter.is_empty() || as_opened {
                if let Some(back) = app.back.take() {
                    // Opened from a city's card or a country's view: back to it.
                    app.mode = match back {
                        super::Back::Card(card) => Mode::Card(card),
                        super::Back::Country(view) => Mode::Country(view),
                    };
                } else {
                    app.focus = Focus::Networks;
                    app.right = Right::Detail;
                }
            } else {
                let before = std::mem::take(&mut t.filter);
                on_query_change(app, &before);
            }
        }
        Action::ScrollLeft if t.scroll == 0 => update(app, Action::Back),
        Action::ScrollLeft => t.scroll -= 1,
        // One column at a time; the view stops at the last column (layout::columns),
        // and the count is brought back to it so that `H` answers at once.
        Action::ScrollRight => {
            let width = table_width(app);
            if let Some((t, _, roster, index)) = app.open_roster() {
                let now = layout::columns(roster, index, width, t.scroll);
                let scroll = now.hidden_left + usize::from(now.hidden_right > 0);
                if let Some(t) = app.members.as_mut() {
                    t.scroll = scroll;
                }
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
            app.side_scroll = 0;
            app.side = if app.side == Side::Countries {
                Side::None
            } else {
                Side::Countries
            };
        }
        Action::CopyCsv => {
            if let Some((t, _, r, index)) = app.open_roster() {
                // Every row shown, in its order: while the filter typed does not parse,
                // those are the last good filter's, and the message says so.
                let members = t.search.members();
                let rows = members.len();
                let csv = export::members_csv(r, index, members);
                let stale = stale_note(t);
                let noun = if rows == 1 { "row" } else { "rows" };
                let what = format!("{} {noun} as CSV{stale}", group_thousands(rows as u64));
                copy(app, csv, what);
            }
        }
        Action::CopyCommand => {
            if let Some((t, n, r, _)) = app.open_roster() {
                // The query the rows answer, not the text typed: a filter that does not
                // parse would copy a command that fails.
                let cmd = export::members_command(
                    n,
                    r,
                    t.search.tiers_on(),
                    t.search.query(),
                    t.search.sort(),
                );
                let stale = stale_note(t);
                copy(app, cmd.clone(), format!("`{cmd}`{stale}"));
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
            // The columns the table draws beyond city and country (layout::columns).
            let figures = [
                (t.search.roster().tiers.len() > 1, SortColumn::Tier),
                (index.has_population(), SortColumn::Population),
                (index.has_stated(), SortColumn::Stated),
                (index.has_since(), SortColumn::Since),
            ];
            let sort = next_sort(t.search.sort(), has_query, &figures);
            sort_by(t, sort);
            reveal_sorted_column(app);
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

/// What a copy of the member table adds while the filter typed does not parse.
fn stale_note(t: &MemberTable) -> &'static str {
    if t.error.is_some() {
        " (for the rows shown: the filter typed does not parse)"
    } else {
        ""
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
    columns.extend([SortColumn::City, SortColumn::Country]);
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
        app.back = None;
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
        app.back = None;
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
                scroll: t.scroll,
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
            Some(Target::Filter) => {
                app.mode = Mode::Filter;
                app.cursor_back = 0;
            }
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
    super::country::keep_in_sight(app);
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
    let max = app
        .keys
        .help_line_count(app.size)
        .saturating_sub(layout::help_height(app.size));
    if let Mode::Help { scroll, .. } = &mut app.mode {
        *scroll = (*scroll).min(max);
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
        let tiers = [(true, SortColumn::Tier)];
        let mut s = Sort::default();
        let mut seen = vec![s];
        for _ in 0..5 {
            s = next_sort(s, false, &tiers);
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
        assert_eq!(next_sort(s, false, &tiers), Sort::default());
        assert_eq!(next_sort(s, true, &tiers).column, SortColumn::Relevance);
        // A list of one tier has no Tier column to sort by.
        let country_down = Sort {
            column: SortColumn::Country,
            ascending: false,
        };
        assert_eq!(
            next_sort(country_down, false, &[(false, SortColumn::Tier)]),
            Sort::default()
        );
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
