//! Rendering, into ratatui's TestBackend: snapshots a person has read, at 80x24 and
//! 120x40, plus style checks that snapshots cannot see (they record no colour).

use citynet::app::{Action, App, update};
use citynet::embedded::embedded;
use citynet::theme::Theme;
use citynet::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};

fn app(width: u16, height: u16, theme: Theme) -> App {
    App::new(
        embedded().expect("embedded dataset loads"),
        theme,
        Rect::new(0, 0, width, height),
    )
}

fn draw(app: &App) -> Buffer {
    let mut terminal =
        Terminal::new(TestBackend::new(app.size.width, app.size.height)).expect("test backend");
    terminal
        .draw(|f| ui::view(f, app))
        .expect("drawing into a test backend");
    terminal.backend().buffer().clone()
}

use crate::support::screen as text;

fn open_eurocities(app: &mut App) {
    update(app, Action::StartFilter);
    for c in "eurocities".chars() {
        update(app, Action::Input(c));
    }
    update(app, Action::AcceptInput);
    update(app, Action::Open);
}

#[test]
fn main_screen_80x24() {
    let a = app(80, 24, Theme::mono());
    insta::assert_snapshot!(text(&draw(&a)));
}

#[test]
fn main_screen_120x40() {
    let a = app(120, 40, Theme::mono());
    insta::assert_snapshot!(text(&draw(&a)));
}

#[test]
fn member_table_80x24() {
    let mut a = app(80, 24, Theme::mono());
    open_eurocities(&mut a);
    update(&mut a, Action::ToggleTier(2));
    insta::assert_snapshot!(text(&draw(&a)));
}

#[test]
fn member_table_120x40_filtered() {
    let mut a = app(120, 40, Theme::mono());
    open_eurocities(&mut a);
    update(&mut a, Action::StartFilter);
    for c in "munchen".chars() {
        update(&mut a, Action::Input(c));
    }
    insta::assert_snapshot!(text(&draw(&a)));
}

#[test]
fn member_table_every_tier_off() {
    let mut a = app(80, 24, Theme::mono());
    open_eurocities(&mut a);
    for t in 0..3 {
        update(&mut a, Action::ToggleTier(t));
    }
    let s = text(&draw(&a));
    assert!(s.contains("every tier is switched off"), "{s}");
    assert!(s.contains("0 of 202 shown"), "{s}");
}

#[test]
fn eurocities_detail_120x40() {
    let mut a = app(120, 40, Theme::mono());
    open_eurocities(&mut a);
    update(&mut a, Action::Back);
    insta::assert_snapshot!(text(&draw(&a)));
}

#[test]
fn help_overlay_80x24() {
    let mut a = app(80, 24, Theme::mono());
    update(&mut a, Action::ToggleHelp);
    insta::assert_snapshot!(text(&draw(&a)));
}

#[test]
fn help_overlay_120x40() {
    let mut a = app(120, 40, Theme::mono());
    update(&mut a, Action::ToggleHelp);
    insta::assert_snapshot!(text(&draw(&a)));
}

#[test]
fn too_small_shows_a_message() {
    for (w, h) in [(39, 24), (80, 9), (20, 5), (1, 1)] {
        let a = app(w, h, Theme::mono());
        let s = text(&draw(&a));
        if w >= 20 {
            assert!(s.contains("Terminal"), "{w}x{h}: {s}");
        }
        assert!(!s.contains("Networks"), "{w}x{h}: {s}");
    }
    insta::assert_snapshot!(text(&draw(&app(39, 12, Theme::mono()))));
}

#[test]
fn every_help_entry_comes_from_the_keymap() {
    let lines: Vec<String> = ui::help::lines(&Theme::mono())
        .iter()
        .map(|l| l.to_string())
        .collect();
    for b in citynet::app::KEYMAP {
        assert!(
            lines.iter().any(|l| l.contains(b.help)),
            "help lacks {}",
            b.help
        );
    }
}

#[test]
fn no_colour_theme_uses_no_colour_and_still_shows_the_selection() {
    let mut a = app(120, 40, Theme::mono());
    open_eurocities(&mut a);
    let buf = draw(&a);
    for cell in buf.content() {
        assert_eq!(cell.fg, Color::Reset, "colour at {:?}", cell.symbol());
        assert_eq!(cell.bg, Color::Reset);
    }
    // The selected row (Aarhus) is reversed and marked.
    let s = text(&buf);
    let y = s
        .lines()
        .position(|l| l.contains("▶ Aarhus"))
        .expect("selected row marked") as u16;
    let x = (0..buf.area.width)
        .find(|&x| buf[(x, y)].symbol() == "A")
        .expect("row text");
    assert!(buf[(x, y)].modifier.contains(Modifier::REVERSED));
}

#[test]
fn matched_characters_are_highlighted() {
    let mut a = app(120, 40, Theme::colour());
    open_eurocities(&mut a);
    update(&mut a, Action::StartFilter);
    for c in "lodz".chars() {
        update(&mut a, Action::Input(c));
    }
    let buf = draw(&a);
    let s = text(&buf);
    let y = s.lines().position(|l| l.contains("Łódź")).expect("row") as u16;
    let matched = Theme::colour().matched;
    let pane = citynet::layout::compute(a.screen())
        .and_then(|l| l.members)
        .expect("member pane");
    let hits: String = (pane.x..pane.right())
        .filter(|&x| buf[(x, y)].modifier.contains(Modifier::UNDERLINED))
        .map(|x| buf[(x, y)].symbol().to_string())
        .collect();
    assert_eq!(hits, "Łódź", "matched style {matched:?}");
}

#[test]
fn wide_and_accented_names_keep_columns_aligned() {
    let mut a = app(120, 40, Theme::mono());
    open_eurocities(&mut a);
    let s = text(&draw(&a));
    // The Country column starts at the same screen column on every row.
    let starts: Vec<usize> = s
        .lines()
        .filter(|l| {
            l.contains(" PL Poland") || l.contains(" TR Türkiye") || l.contains(" DE Germany")
        })
        .map(|l| {
            let byte = l
                .find(" PL ")
                .or(l.find(" TR "))
                .or(l.find(" DE "))
                .expect("code");
            unicode_width::UnicodeWidthStr::width(&l[..byte])
        })
        .collect();
    assert!(starts.len() > 3, "{s}");
    assert!(starts.windows(2).all(|w| w[0] == w[1]), "{starts:?}\n{s}");
}

/// The detail pane of C40, focused and scrolled to its end: the numbered sources its
/// facts' footnotes point to.
fn c40_footnotes(width: u16, height: u16) -> String {
    let mut a = app(width, height, Theme::mono());
    while a.data.networks[a.selected_network().expect("a network")].id != "c40" {
        update(&mut a, Action::Down);
    }
    update(&mut a, Action::FocusNext);
    update(&mut a, Action::Last);
    text(&draw(&a))
}

#[test]
fn detail_footnotes_80x24() {
    let s = c40_footnotes(80, 24);
    assert!(s.contains("[8] Values assigned by citynet"), "{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn detail_footnotes_120x40() {
    let s = c40_footnotes(120, 40);
    assert!(s.contains("Sources"), "{s}");
    assert!(s.contains("https://www.c40.org/history"), "{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn detail_says_which_facts_no_source_states() {
    // FMDV: no source we have gives its website.
    let d = embedded().expect("embedded dataset loads");
    let n = d
        .networks
        .iter()
        .find(|n| n.id == "fmdv")
        .expect("fmdv is in the directory");
    let lines: Vec<String> = ui::detail::lines(&d, n, None, 100, &Theme::mono())
        .iter()
        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
        .collect();
    let website = lines
        .iter()
        .find(|l| l.starts_with("Website"))
        .expect("a website line");
    assert!(website.ends_with(citynet::facts::NOT_STATED), "{website}");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("Founded") && l.contains("2010 (October) [")),
        "{lines:?}"
    );
}
