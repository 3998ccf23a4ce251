//! Every key discoverable: the footer comes from the keymap table and keeps help's key at
//! any width; help opens at the section for where it was opened and pages; prompts edit
//! and move as fzf's do.

use citynet::app::keymap::{self, Context, KEYMAP, dispatch};
use citynet::app::{Action, App, Mode, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::support::{app, open, type_text};

fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, mods)
}

/// The footer row (second from the bottom) as text.
fn footer(a: &App) -> String {
    let mut t = Terminal::new(TestBackend::new(a.size.width, a.size.height)).expect("backend");
    t.draw(|f| citynet::ui::view(f, a)).expect("draw");
    let buf = t.backend().buffer();
    let y = a.size.height - 2;
    (0..a.size.width)
        .map(|x| buf[(x, y)].symbol().to_string())
        .collect::<String>()
        .trim_end()
        .to_string()
}

/// A key as the footer writes it, back to a key event.
fn event(label: &str) -> KeyEvent {
    let code = match label {
        "Enter" => KeyCode::Enter,
        "Esc" => KeyCode::Esc,
        "Tab" => KeyCode::Tab,
        "Space" => KeyCode::Char(' '),
        "PgDn" => KeyCode::PageDown,
        "F1" => KeyCode::F(1),
        "1-9" => KeyCode::Char('1'),
        l if l.starts_with("Ctrl-") => {
            let c = l.chars().last().expect("a letter").to_ascii_lowercase();
            return key(KeyCode::Char(c), KeyModifiers::CONTROL);
        }
        l => KeyCode::Char(l.chars().next().expect("a key")),
    };
    key(code, KeyModifiers::NONE)
}

#[test]
fn every_footer_hint_is_a_key_that_works_there() {
    for cx in Context::ALL {
        let hints = keymap::footer(cx);
        assert!(
            !hints.is_empty() || cx == Context::Help,
            "{cx:?} has no hints"
        );
        for h in hints.iter().chain([&keymap::help_hint(cx)]) {
            let ev = event(&h.key);
            assert!(
                dispatch(&ev, cx).is_some(),
                "{cx:?}: the footer's “{} {}” does nothing",
                h.key,
                h.word
            );
        }
        // Help's key is the one that opens (or closes) it there.
        let help = keymap::help_hint(cx);
        assert_eq!(
            dispatch(&event(&help.key), cx),
            Some(Action::ToggleHelp),
            "{cx:?}"
        );
    }
    // Where `?` is typed, F1 is help's key.
    assert_eq!(keymap::help_hint(Context::Jump).key, "F1");
    assert_eq!(keymap::help_hint(Context::Networks).key, "?");
}

#[test]
fn the_footer_fits_and_keeps_help_down_to_40_columns() {
    for width in [40, 60, 80, 120, 200] {
        let mut a = app(width, 24);
        let line = footer(&a);
        assert!(line.ends_with("? help"), "{width}: {line:?}");
        assert!(line.contains("Enter open"), "{width}: {line:?}");
        open(&mut a, "eurocities");
        let line = footer(&a);
        assert!(line.ends_with("? help"), "{width}: {line:?}");
        assert!(line.contains("/ filter"), "{width}: {line:?}");
        if width >= 120 {
            for hint in ["m map", "b chart", "y copy", "Y CSV", "c command", ": jump"] {
                assert!(line.contains(hint), "{width}: {hint} not in {line:?}");
            }
        }
        update(&mut a, Action::OpenJump);
        let line = footer(&a);
        assert!(
            line.contains("Enter go") && line.ends_with("F1 help"),
            "{line:?}"
        );
    }
}

#[test]
fn help_opens_at_the_section_for_where_it_was_opened_and_pages() {
    let mut a = app(80, 24);
    open(&mut a, "eurocities");
    update(&mut a, Action::ToggleHelp);
    let Mode::Help { scroll, here, .. } = a.mode else {
        panic!("help is open");
    };
    assert_eq!(here, Context::Members);
    assert!(scroll > 0, "not at the top: at the member table's keys");
    let lines = keymap::help_columns(78).remove(0);
    assert_eq!(
        lines[scroll],
        keymap::HelpLine::Section(keymap::When::Members.title())
    );
    update(&mut a, Action::Last);
    let last = a.help_scroll().expect("open");
    update(&mut a, Action::PageUp);
    let up = a.help_scroll().expect("open");
    assert!(up < last);
    update(&mut a, Action::PageDown);
    assert_eq!(
        a.help_scroll(),
        Some(last),
        "a page down is clamped to the end"
    );
    update(&mut a, Action::First);
    assert_eq!(a.help_scroll(), Some(0));
    // Space, Ctrl-F and PgDn page; g and G go to the ends.
    for (code, mods) in [
        (KeyCode::Char(' '), KeyModifiers::NONE),
        (KeyCode::Char('f'), KeyModifiers::CONTROL),
        (KeyCode::PageDown, KeyModifiers::NONE),
    ] {
        assert_eq!(
            dispatch(&key(code, mods), Context::Help),
            Some(Action::PageDown)
        );
    }
    assert_eq!(
        dispatch(&key(KeyCode::Char('G'), KeyModifiers::SHIFT), Context::Help),
        Some(Action::Last)
    );
}

#[test]
fn help_lines_that_do_not_fit_end_in_an_ellipsis() {
    let mut a = app(44, 20);
    update(&mut a, Action::ToggleHelp);
    let mut t = Terminal::new(TestBackend::new(44, 20)).expect("backend");
    t.draw(|f| citynet::ui::view(f, &a)).expect("draw");
    let buf = t.backend().buffer();
    let rows: Vec<String> = (0..20)
        .map(|y| (0..44).map(|x| buf[(x, y)].symbol().to_string()).collect())
        .collect();
    assert!(rows.iter().any(|r| r.contains('…')), "{}", rows.join("\n"));
}

#[test]
fn prompts_edit_at_the_cursor_and_move_the_selection_as_fzf_does() {
    let mut a = app(120, 40);
    update(&mut a, Action::OpenJump);
    type_text(&mut a, "krkow");
    for a_ in [Action::CursorLeft, Action::CursorLeft, Action::CursorLeft] {
        update(&mut a, a_);
    }
    type_text(&mut a, "a");
    assert_eq!(a.jump().expect("open").query, "krakow");
    update(&mut a, Action::CursorHome);
    update(&mut a, Action::DeleteForward);
    assert_eq!(a.jump().expect("open").query, "rakow");
    update(&mut a, Action::CursorEnd);
    type_text(&mut a, " ");
    update(&mut a, Action::DeleteWord);
    assert_eq!(a.jump().expect("open").query, "");
    type_text(&mut a, "london");
    assert!(a.jump().expect("open").hits.len() > 1);
    let ctrl = |c| key(KeyCode::Char(c), KeyModifiers::CONTROL);
    // As fzf with --history: Ctrl-J/Ctrl-K move, Ctrl-N/Ctrl-P walk the history.
    for (c, action) in [
        ('j', Action::Down),
        ('k', Action::Up),
        ('n', Action::HistoryNewer),
        ('p', Action::HistoryOlder),
    ] {
        assert_eq!(dispatch(&ctrl(c), Context::Jump), Some(action), "Ctrl-{c}");
        assert_eq!(
            dispatch(&ctrl(c), Context::Editing),
            Some(action),
            "Ctrl-{c}"
        );
    }
    for (code, action) in [
        (KeyCode::Left, Action::CursorLeft),
        (KeyCode::Right, Action::CursorRight),
        (KeyCode::Home, Action::CursorHome),
        (KeyCode::End, Action::CursorEnd),
    ] {
        assert_eq!(
            dispatch(&key(code, KeyModifiers::NONE), Context::Jump),
            Some(action)
        );
    }
    assert_eq!(
        dispatch(&ctrl('a'), Context::Editing),
        Some(Action::CursorHome)
    );
    assert_eq!(
        dispatch(&ctrl('e'), Context::Editing),
        Some(Action::CursorEnd)
    );
    // Every binding still reachable, with the new ones in the table.
    assert!(
        KEYMAP
            .iter()
            .any(|b| b.keys.contains(&keymap::Key::Ctrl('j')))
    );
}

#[test]
fn a_click_on_a_jump_result_goes_there() {
    let mut a = app(120, 40);
    update(&mut a, Action::OpenJump);
    type_text(&mut a, "eurocities");
    let list = citynet::layout::jump_list(a.size);
    let hits = a.jump().expect("open").hits.clone();
    assert!(!hits.is_empty());
    update(
        &mut a,
        Action::Click {
            column: list.x + 4,
            row: list.y,
        },
    );
    assert!(a.jump().is_none(), "the click went to the result");
    assert_eq!(
        a.selected_network().map(|i| a.data.networks[i].id.as_str()),
        Some("eurocities")
    );
}

#[test]
fn a_city_found_by_another_name_says_which() {
    let mut a = app(120, 40);
    update(&mut a, Action::OpenJump);
    type_text(&mut a, "cracow");
    let j = a.jump().expect("open");
    let first = j.hits.first().expect("a hit");
    let matched = first.matched.as_deref().expect("says which name matched");
    assert_eq!(matched.to_lowercase(), "cracow");
    // A city found by the name it is listed under needs no note.
    update(&mut a, Action::ClearInput);
    type_text(&mut a, "krakow");
    let j = a.jump().expect("open");
    assert_eq!(j.hits.first().expect("a hit").matched, None);
}

#[test]
fn closing_help_returns_to_what_it_was_opened_over() {
    let mut a = app(120, 40);
    update(&mut a, Action::OpenJump);
    type_text(&mut a, "lodz");
    update(&mut a, Action::ToggleHelp);
    assert_eq!(a.help_here(), Some(Context::Jump));
    update(&mut a, Action::Back);
    assert_eq!(a.jump().map(|j| j.query.as_str()), Some("lodz"));
    update(&mut a, Action::AcceptInput);
    let card = a.card().expect("Łódź's card");
    assert_eq!(
        dispatch(&key(KeyCode::Char('?'), KeyModifiers::NONE), Context::Card),
        Some(Action::ToggleHelp)
    );
    update(&mut a, Action::ToggleHelp);
    assert_eq!(a.help_here(), Some(Context::Card));
    update(&mut a, Action::ToggleHelp);
    assert_eq!(a.card(), Some(card));
}
