//! Every view, drawn: snapshots a person has read of the map, the charts, the comparison,
//! the jump prompt, the city card, the country view and the theme picker at 80x24 and
//! 120x40 (without colour, as under NO_COLOR), every view in colour (where each colour
//! goes) and in plain (ASCII) mode at both sizes, and a check of
//! every cell of every view, in colour and without, that nothing is drawn in the colour
//! of its own background.

use citynet::app::{Action, App, update};
use citynet::theme::Theme;
use ratatui::layout::Rect;
use ratatui::style::Color;

use crate::support::{draw, open, screen, type_text};

fn app(width: u16, height: u16, theme: Theme) -> App {
    App::new(
        citynet::embedded::embedded().expect("embedded dataset loads"),
        theme,
        Rect::new(0, 0, width, height),
    )
}

fn jump(a: &mut App, query: &str) {
    update(a, Action::OpenJump);
    type_text(a, query);
    update(a, Action::AcceptInput);
}

fn mark(a: &mut App, ids: &[&str]) {
    for id in ids {
        update(a, Action::First);
        while a.data.networks[a.selected_network().expect("a network")].id != *id {
            update(a, Action::Down);
        }
        update(a, Action::Mark);
    }
}

/// Each view by name, in the state a person reaches it in.
fn views(width: u16, height: u16, theme: &Theme) -> Vec<(&'static str, App)> {
    let fresh = || app(width, height, theme.clone());
    let mut out = Vec::new();

    out.push(("networks", fresh()));

    let mut a = fresh();
    open(&mut a, "eurocities");
    out.push(("members", a));

    // The member table's selection while the network list has the keys: the unfocused
    // selection, in both panes at 120 columns.
    let mut a = fresh();
    open(&mut a, "eurocities");
    update(&mut a, Action::FocusNext);
    out.push(("members unfocused", a));

    let mut a = fresh();
    open(&mut a, "uccn");
    update(&mut a, Action::ToggleMap);
    out.push(("map", a));

    let mut a = fresh();
    open(&mut a, "eurocities");
    update(&mut a, Action::ToggleChart);
    out.push(("countries chart", a));

    let mut a = fresh();
    update(&mut a, Action::ToggleChart);
    out.push(("sizes chart", a));

    let mut a = fresh();
    mark(&mut a, &["c40", "eurocities", "uccn"]);
    update(&mut a, Action::Compare);
    out.push(("compare", a));

    let mut a = fresh();
    update(&mut a, Action::OpenJump);
    type_text(&mut a, "london");
    out.push(("jump", a));

    let mut a = fresh();
    jump(&mut a, "lodz");
    out.push(("card", a));

    let mut a = fresh();
    jump(&mut a, "germany");
    out.push(("country", a));

    let mut a = fresh();
    update(&mut a, Action::OpenThemes);
    update(&mut a, Action::Down);
    update(&mut a, Action::ToggleMark);
    out.push(("themes", a));

    let mut a = fresh();
    update(&mut a, Action::ToggleHelp);
    out.push(("help", a));

    let mut a = fresh();
    update(&mut a, Action::Open);
    update(&mut a, Action::FocusPrev);
    out.push(("detail", a));
    out
}

/// Where each colour goes: per row, the runs of cells drawn alike, as
/// `first-last fg/bg modifiers`.
fn styles(buf: &ratatui::buffer::Buffer) -> String {
    let area = buf.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut runs: Vec<(u16, u16, String)> = Vec::new();
        for x in 0..area.width {
            let c = &buf[(x, y)];
            let mods = if c.modifier.is_empty() {
                String::new()
            } else {
                format!(" {:?}", c.modifier)
            };
            let style = format!("{:?}/{:?}{mods}", c.fg, c.bg);
            match runs.last_mut() {
                Some((_, last, s)) if *s == style => *last = x,
                _ => runs.push((x, x, style)),
            }
        }
        let row: Vec<String> = runs
            .into_iter()
            .map(|(a, b, s)| format!("{a}-{b} {s}"))
            .collect();
        out.push_str(&format!("{y:2}| {}\n", row.join(" · ")));
    }
    out
}

/// Every view in colour at 80x24 and 120x40: the text, then where each colour goes, so a change
/// of colour roles shows in review as a change of text does.
#[test]
fn every_view_in_colour() {
    for (w, h) in [(80, 24), (120, 40)] {
        for (name, a) in views(w, h, &Theme::colour()) {
            let buf = draw(&a);
            insta::assert_snapshot!(
                format!("colour_{}_{w}x{h}", name.replace(' ', "_")),
                format!("{}\n{}", screen(&buf), styles(&buf))
            );
        }
    }
}

/// Every view in plain mode (`--ascii`), at 80x24 and 120x40: what a terminal without
/// UTF-8 shows.
#[test]
fn every_view_in_plain_mode() {
    for (w, h) in [(80, 24), (120, 40)] {
        for (name, mut a) in views(w, h, &Theme::mono()) {
            a.plain = true;
            let shown = screen(&draw(&a));
            if let Some(c) = shown.chars().find(|c| !c.is_ascii()) {
                panic!("{name} at {w}x{h}: {c:?} is not ASCII:\n{shown}");
            }
            insta::assert_snapshot!(format!("plain_{}_{w}x{h}", name.replace(' ', "_")), shown);
        }
    }
}

#[test]
fn nothing_is_drawn_in_the_colour_of_its_background() {
    for theme in [Theme::colour(), Theme::mono()] {
        for (w, h) in [(80, 24), (120, 40)] {
            for (name, a) in views(w, h, &theme) {
                let buf = draw(&a);
                for y in 0..h {
                    for x in 0..w {
                        let cell = &buf[(x, y)];
                        if cell.symbol().trim().is_empty() {
                            continue;
                        }
                        let (fg, bg) = (cell.fg, cell.bg);
                        assert!(
                            fg == Color::Reset || fg != bg,
                            "{name} at {w}x{h}: {:?} drawn {fg:?} on {bg:?} at ({x}, {y}):\n{}",
                            cell.symbol(),
                            screen(&buf)
                        );
                    }
                }
            }
        }
    }
}

macro_rules! snapshots {
    ($($test:ident: $view:literal),* $(,)?) => {$(
        #[test]
        fn $test() {
            for (w, h) in [(80, 24), (120, 40)] {
                let (_, a) = views(w, h, &Theme::mono())
                    .into_iter()
                    .find(|(name, _)| *name == $view)
                    .expect("a view of that name");
                insta::assert_snapshot!(
                    format!("{}_{w}x{h}", stringify!($test)),
                    screen(&draw(&a))
                );
            }
        }
    )*};
}

snapshots! {
    map_of_uccn: "map",
    countries_chart: "countries chart",
    sizes_chart: "sizes chart",
    comparison: "compare",
    jump_prompt: "jump",
    city_card: "card",
    country_view: "country",
    theme_picker: "themes",
    unfocused_selection: "members unfocused",
}
