//! How the browser draws for the terminal it is in: ASCII only (`--ascii`, or a locale
//! that is not UTF-8), for a screen reader (`--accessible`), and the basic colours as
//! sixteen-colour codes.

use crate::support::keys::ENTER;
use crate::support::{TIMEOUT, Tui};

fn start(env: &[(&str, &str)], args: &[&str]) -> Tui {
    let mut tui = Tui::spawn_with_args(80, 24, env, args);
    tui.wait_for_text("Networks", TIMEOUT);
    tui
}

fn quit(mut tui: Tui) {
    tui.send("q");
    assert_eq!(tui.wait_exit_code(TIMEOUT), 0);
    tui.assert_restored();
}

fn non_ascii(screen: &str) -> Vec<char> {
    let mut odd: Vec<char> = screen.chars().filter(|c| !c.is_ascii()).collect();
    odd.dedup();
    odd
}

#[test]
fn ascii_mode_draws_every_screen_in_ascii_down_to_the_map() {
    let mut tui = start(&[], &["--ascii"]);
    let screen = tui.screen_text();
    assert!(
        non_ascii(&screen).is_empty(),
        "{:?}\n{screen}",
        non_ascii(&screen)
    );
    // The legend of marks says what the ASCII stand-ins mean.
    assert!(screen.contains("# member list"), "{screen}");
    assert!(screen.contains("+ Networks"), "{screen}");
    tui.send(":eurocities");
    tui.wait_for_text("network", TIMEOUT);
    tui.send(ENTER);
    tui.wait_for_text("Eurocities [1,2,3]", TIMEOUT);
    tui.send(ENTER);
    tui.wait_for_text("202 shown", TIMEOUT);
    tui.send("m");
    tui.wait_for_text("O selected", TIMEOUT);
    let screen = tui.screen_text();
    assert!(
        non_ascii(&screen).is_empty(),
        "{:?}\n{screen}",
        non_ascii(&screen)
    );
    assert!(
        screen.contains("o Full  ^ Associate  & Partner"),
        "{screen}"
    );
    quit(tui);
}

#[test]
fn a_locale_that_is_not_utf8_chooses_ascii_and_unicode_overrides_it() {
    let tui = start(&[("LANG", "C")], &[]);
    let screen = tui.screen_text();
    assert!(non_ascii(&screen).is_empty(), "LANG=C: {screen}");
    quit(tui);
    let tui = start(&[("LC_ALL", "en_US.ISO-8859-1")], &[]);
    assert!(non_ascii(&tui.screen_text()).is_empty());
    quit(tui);
    let tui = start(&[("LANG", "C")], &["--unicode"]);
    assert!(tui.screen_text().contains('▦'), "--unicode keeps the marks");
    quit(tui);
    let tui = start(&[], &[]);
    assert!(
        tui.screen_text().contains('▦'),
        "a UTF-8 locale keeps the marks"
    );
    quit(tui);
}

#[test]
fn accessible_mode_puts_the_cursor_on_the_selection_and_says_where_it_is() {
    let mut tui = start(&[], &["--accessible"]);
    tui.send("jj");
    tui.wait_for_text("Row 3 of 30", TIMEOUT);
    let screen = tui.screen_text();
    assert!(
        !screen
            .chars()
            .any(|c| ('\u{2500}'..='\u{257f}').contains(&c)),
        "no borders: {screen}"
    );
    let (row, visible) = tui.with_screen(|s| (s.cursor_position().0, !s.hide_cursor()));
    assert!(visible, "the cursor is shown");
    let line = screen.lines().nth(usize::from(row)).unwrap_or_default();
    assert!(
        line.contains('▶'),
        "the cursor's row {row} is the selection: {line:?}\n{screen}"
    );
    // Down again: the cursor follows.
    tui.send("j");
    tui.wait_for_text("Row 4 of 30", TIMEOUT);
    let next = tui.with_screen(|s| s.cursor_position().0);
    assert_eq!(next, row + 1);
    quit(tui);
}

#[test]
fn the_basic_colours_go_out_as_sixteen_colour_codes() {
    let mut tui = start(&[], &[]);
    tui.send("j");
    // The second network, C40, once `j` is drawn.
    tui.wait_for_text("Cities Climate Leadership Group (C40)", TIMEOUT);
    let raw = String::from_utf8_lossy(&tui.raw()).into_owned();
    for n in 0..16 {
        for ground in ["38", "48"] {
            let long = format!("{ground};5;{n}m");
            let mid = format!("{ground};5;{n};");
            assert!(
                !raw.contains(&long) && !raw.contains(&mid),
                "{long} was written in the 256-colour form"
            );
        }
    }
    // The focused border (cyan) and the selection (white on blue), as 16-colour codes:
    // a parameter of its own in some `CSI ... m` sequence (`36;49m`, `1;36m`, `36m`).
    let params: Vec<&str> = raw
        .split("\u{1b}[")
        .filter_map(|seq| seq.split_once('m').map(|(p, _)| p))
        .filter(|p| p.bytes().all(|b| b.is_ascii_digit() || b == b';'))
        .flat_map(|p| p.split(';'))
        .collect();
    assert!(params.contains(&"36"), "cyan as 36: {params:?}");
    assert!(params.contains(&"44"), "blue background as 44: {params:?}");
    quit(tui);
}
