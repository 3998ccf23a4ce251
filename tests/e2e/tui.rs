//! End-to-end tests: the real binary in a pseudo-terminal, read back through a terminal
//! emulator. Each test waits for what a person would see, so none depends on timing
//! except through the generous timeout.

use crate::support::keys::{CTRL_C, ENTER, ESC, F12};
use crate::support::{TIMEOUT, Tui};
use citynet::app::keymap::{Command, KEYMAP};

/// Starts citynet and waits for its first screen.
fn start(cols: u16, rows: u16, env: &[(&str, &str)]) -> Tui {
    let mut tui = Tui::spawn(cols, rows, env);
    tui.wait_for_text("Networks", TIMEOUT);
    tui
}

/// From the first screen, filters the network list to Eurocities and opens its members.
fn open_eurocities(tui: &mut Tui) {
    tui.send("/eurocities");
    tui.wait_for_text("networks match “eurocities”", TIMEOUT);
    tui.send(ENTER);
    tui.send(ENTER);
    tui.wait_for_text("Eurocities members", TIMEOUT);
    tui.wait_for_text("202 shown", TIMEOUT);
}

/// Quits with `q` from a browsing context and checks a clean exit.
fn quit_ok(tui: &mut Tui) {
    tui.send("q");
    assert_eq!(tui.wait_exit_code(TIMEOUT), 0, "exit code of `q`");
    tui.assert_restored();
}

#[test]
fn open_eurocities_toggle_partners_and_filter() {
    let mut tui = start(120, 40, &[]);
    open_eurocities(&mut tui);

    tui.send("3");
    tui.wait_for_text("149 of 202 shown", TIMEOUT);
    let status = tui.last_row();
    assert!(status.contains("Partner 53 (off)"), "status: {status}");
    assert!(status.contains("Full 117"), "status: {status}");
    // The tier chips: two on (●), the partner chip off (○).
    let screen = tui.screen_text();
    let chips = screen
        .lines()
        .find(|l| l.contains("Partner 53") && !l.contains("shown"))
        .unwrap_or_default();
    assert_eq!(
        (chips.matches('●').count(), chips.matches('○').count()),
        (2, 1),
        "chips: {chips}"
    );
    assert!(
        chips.find('○') > chips.find("Associate 32"),
        "the partner chip is the one off: {chips}"
    );

    tui.send("/lodz");
    tui.wait_for_all(&["/ lodz", "1 of 202 shown"], TIMEOUT);
    let screen = tui.screen_text();
    assert!(screen.contains("Łódź"), "Łódź is listed:\n{}", tui.dump());
    assert!(
        screen.contains("PL Poland"),
        "with its country:\n{}",
        tui.dump()
    );

    // Esc while typing clears the filter; the partners stay off and Łódź stays selected
    // among its neighbours.
    tui.send(ESC);
    tui.wait_for_text("149 of 202 shown", TIMEOUT);
    tui.wait_for_text("Ljubljana", TIMEOUT);
    assert!(
        tui.screen_text().contains("▶ Łódź"),
        "Łódź is still selected:\n{}",
        tui.dump()
    );
    // Esc again steps back to the network list, still filtered to Eurocities.
    tui.send(ESC);
    tui.wait_for_no_text("Eurocities members", TIMEOUT);
    tui.wait_for_text("networks match “eurocities”", TIMEOUT);

    quit_ok(&mut tui);
}

#[test]
fn accent_insensitive_alias_search() {
    let mut tui = start(120, 40, &[]);
    open_eurocities(&mut tui);

    tui.send("/munchen");
    tui.wait_for_all(
        &["/ munchen", "1 of 202 shown", "Munich (München)"],
        TIMEOUT,
    );
    let screen = tui.screen_text();
    assert!(screen.contains("DE Germany"), "{}", tui.dump());
    assert!(
        tui.last_row().contains("sorted by relevance"),
        "typing switches to relevance:\n{}",
        tui.dump()
    );

    tui.send(ESC);
    tui.wait_for_text("202 of 202 shown", TIMEOUT);
    quit_ok(&mut tui);
}

#[test]
fn quit_restores_the_terminal() {
    let mut tui = start(100, 30, &[]);
    assert!(!tui.cooked_mode(), "citynet runs in raw mode");
    tui.with_screen(|s| {
        assert!(
            s.alternate_screen(),
            "citynet draws on the alternate screen"
        );
        assert_ne!(
            s.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "citynet captures the mouse"
        );
    });
    // Sanity for the NO_COLOR test below: the default theme does use colour.
    let coloured = tui.with_screen(|s| {
        let (rows, cols) = s.size();
        (0..rows).any(|r| {
            (0..cols).any(|c| {
                s.cell(r, c)
                    .is_some_and(|cell| cell.fgcolor() != vt100::Color::Default)
            })
        })
    });
    assert!(coloured, "some text is coloured:\n{}", tui.dump());
    quit_ok(&mut tui);
    // Leaving the alternate screen brings back the (empty) normal screen.
    assert!(
        !tui.screen_text().contains("Networks"),
        "the app's screen is gone:\n{}",
        tui.dump()
    );
}

/// F12 panics only in debug builds, so this runs only when the binary is one.
#[cfg(debug_assertions)]
#[test]
fn panic_restores_the_terminal_and_shows_the_message() {
    let mut tui = start(100, 30, &[("CITYNET_DEBUG_PANIC", "1")]);
    tui.send(F12);
    let status = tui.wait_exit(TIMEOUT);
    assert!(!status.success(), "a panic exits non-zero: {status:?}");
    assert_eq!(
        status.exit_code(),
        101,
        "Rust's panic exit code: {status:?}"
    );
    tui.assert_restored();
    let screen = tui.screen_text();
    assert!(
        screen.contains("deliberate panic"),
        "the panic message is on the normal screen:\n{}",
        tui.dump()
    );
    // Restored before the message was printed, so it reads as plain lines
    // (in raw mode a newline would not return the cursor to column 0).
    assert!(
        screen
            .lines()
            .any(|l| l.starts_with("thread 'main'") && l.contains("panicked")),
        "the panic message starts at column 0:\n{}",
        tui.dump()
    );
}

#[test]
fn sigterm_restores_the_terminal() {
    let mut tui = start(100, 30, &[]);
    tui.signal(libc::SIGTERM);
    let status = tui.wait_exit(TIMEOUT);
    assert_eq!(
        status.exit_code(),
        128 + 15,
        "exits as if killed by SIGTERM, after restoring: {status:?}"
    );
    tui.assert_restored();
}

#[test]
fn sighup_restores_the_terminal() {
    let mut tui = start(100, 30, &[]);
    tui.signal(libc::SIGHUP);
    let status = tui.wait_exit(TIMEOUT);
    assert_eq!(status.exit_code(), 128 + 1, "{status:?}");
    tui.assert_restored();
}

#[test]
fn ctrl_c_quits_cleanly_even_while_typing() {
    let mut tui = start(100, 30, &[]);
    // Ctrl-C quits from anywhere, the filter line included.
    tui.send("/c40");
    tui.wait_for_text("networks match “c40”", TIMEOUT);
    tui.send(CTRL_C);
    assert_eq!(tui.wait_exit_code(TIMEOUT), 0, "exit code of Ctrl-C");
    tui.assert_restored();
}

#[test]
fn too_small_then_resized() {
    let mut tui = Tui::spawn(30, 8, &[]);
    tui.wait_for_text("Terminal too small", TIMEOUT);
    assert!(!tui.screen_text().contains("Networks"), "{}", tui.dump());

    tui.resize(100, 30);
    tui.wait_for_text("Networks", TIMEOUT);
    tui.wait_for_no_text("Terminal too small", TIMEOUT);
    tui.wait_for_text("networks · ▦ member list", TIMEOUT);
    tui.wait_for_text("Enter open", TIMEOUT);

    quit_ok(&mut tui);
}

#[test]
fn at_80x24_list_and_detail_side_by_side_and_help() {
    let mut tui = start(80, 24, &[]);
    // The first network (A to Z: AIMF) is selected and described in the detail pane
    // beside the list.
    tui.wait_for_text("International Association of Francophone", TIMEOUT);
    // Row 2 holds the list's filter line on the left and the detail's first line on the right.
    let side_by_side = tui.with_screen(|s| {
        let (rows, cols) = s.size();
        (0..rows).any(|r| {
            let line = s.contents_between(r, 0, r, cols);
            match (
                line.find("/ to filter by name or theme"),
                line.find("International Association of Francophone"),
            ) {
                (Some(list), Some(detail)) => list < detail,
                _ => false,
            }
        })
    });
    assert!(
        side_by_side,
        "the list and the detail pane side by side:\n{}",
        tui.dump()
    );
    let title = tui.with_screen(|s| s.contents_between(1, 0, 1, 80));
    assert!(
        title.contains("Networks") && title.find(" AIMF ") > title.find("Networks"),
        "both pane titles on the top border: {title}"
    );

    // The overlay is written from the keymap table; find the tier toggle's line there.
    let tier_help = KEYMAP
        .iter()
        .find(|b| b.command == Command::ToggleTier)
        .expect("a binding toggles tiers")
        .help;
    assert!(tier_help.contains("tier"), "{tier_help}");
    let tier_line = |s: &vt100::Screen| {
        s.contents()
            .lines()
            .any(|l| l.contains("1-9") && l.contains(tier_help))
    };

    tui.send("?");
    tui.wait_for_text("Esc closes", TIMEOUT);
    // Help opens at the keys of where it was opened from, marked.
    tui.wait_for_text("Network list ◀ you are here", TIMEOUT);
    tui.send("g");
    tui.wait_for_text("Anywhere", TIMEOUT);
    // 24 rows do not hold the whole help: scroll until the member-table keys show.
    for _ in 0..100 {
        if tui.with_screen(tier_line) {
            break;
        }
        let before = tui.screen_text();
        tui.send("j");
        tui.wait_until("the help to scroll", TIMEOUT, |s| s.contents() != before);
    }
    tui.wait_until(
        &format!("\"1-9  {tier_help}\" in the help"),
        TIMEOUT,
        tier_line,
    );
    assert!(tui.screen_text().contains("Member table"), "{}", tui.dump());

    tui.send(ESC);
    tui.wait_for_no_text("Esc closes", TIMEOUT);
    assert!(!tui.with_screen(tier_line), "help closed:\n{}", tui.dump());
    quit_ok(&mut tui);
}

/// The harness itself: a program killed outright (no chance to restore) must fail
/// `assert_restored`, or the tests above would prove nothing.
#[test]
#[should_panic(expected = "raw mode")]
fn harness_notices_an_unrestored_terminal() {
    let mut tui = start(100, 30, &[]);
    tui.signal(libc::SIGKILL);
    let status = tui.wait_exit(TIMEOUT);
    assert!(status.signal().is_some(), "{status:?}");
    tui.assert_restored();
}

/// Under `NO_COLOR` nothing is coloured, yet the selection still shows: a marker and
/// reverse video (crossterm's own NO_COLOR handling could drop the reverse).
#[test]
fn no_color_keeps_the_selection_visible() {
    let mut tui = start(100, 30, &[("NO_COLOR", "1")]);
    tui.wait_for_text("▶ AIMF", TIMEOUT);
    tui.with_screen(|s| {
        let (rows, cols) = s.size();
        let cells = || (0..rows).flat_map(|r| (0..cols).map(move |c| (r, c)));
        let coloured = cells()
            .filter_map(|(r, c)| s.cell(r, c))
            .filter(|cell| {
                cell.fgcolor() != vt100::Color::Default || cell.bgcolor() != vt100::Color::Default
            })
            .count();
        assert_eq!(coloured, 0, "cells with colour under NO_COLOR");
        let (r, c) = cells()
            .find(|&(r, c)| s.cell(r, c).is_some_and(|cell| cell.contents() == "▶"))
            .expect("a selection marker");
        let row: String = (c..cols)
            .filter_map(|x| s.cell(r, x))
            .map(|cell| cell.contents())
            .collect();
        assert!(
            row.starts_with("▶ AIMF"),
            "the first network is selected: {row}"
        );
        assert!(
            (c..c + 5).all(|x| s.cell(r, x).is_some_and(vt100::Cell::inverse)),
            "the selected row is in reverse video"
        );
    });
    quit_ok(&mut tui);
}

#[test]
fn jump_to_a_city_typed_without_accents() {
    let mut tui = start(120, 40, &[]);
    // Ctrl-K opens the jump prompt; Rzeszów is in one roster, so Enter opens it there.
    tui.send("\x0b");
    tui.wait_for_text("Jump to", TIMEOUT);
    tui.send("rzeszow");
    tui.wait_for_all(&["Rzeszów", "PL · Eurocities"], TIMEOUT);
    tui.send(ENTER);
    tui.wait_for_text("Eurocities members", TIMEOUT);
    tui.wait_for_text("▶ Rzeszów", TIMEOUT);
    assert!(
        tui.last_row().contains("202 of 202 shown"),
        "{}",
        tui.last_row()
    );
    // `:` opens it too; Milan is in three rosters, so Enter opens its card.
    tui.send(ESC);
    tui.wait_for_text("Networks", TIMEOUT);
    tui.send(":milano");
    tui.wait_for_text("IT · C40, CC4DR, Covenant of Mayors, Eurocities", TIMEOUT);
    tui.send(ENTER);
    tui.wait_for_all(&["Italy (IT)", "founding member", "Literature"], TIMEOUT);
    tui.send(ESC);
    tui.wait_for_no_text("founding member", TIMEOUT);
    quit_ok(&mut tui);
}

/// A file large enough for the split parse, opened at once: the member table waits for
/// its index if the background thread has not finished it, and a filter shows what the
/// library's eager query gives.
#[test]
fn a_large_file_opens_at_once_and_filters_like_the_library() {
    use citynet_core::data::split;
    use citynet_core::roster::{RosterIndex, Sort, SortColumn};
    use citynet_core::search::Matcher;

    let data = citynet_testdata::roster_dataset(20_000, 11);
    let text = citynet_testdata::to_ron(&data).expect("writes RON");
    assert!(text.len() >= split::MIN_BYTES, "large enough to be split");
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("big.ron");
    std::fs::write(&path, &text).expect("written");

    let roster = data.networks[0].roster.as_ref().expect("a roster");
    let all = vec![true; roster.tiers.len()];
    let relevance = Sort {
        column: SortColumn::Relevance,
        ascending: true,
    };
    let want = RosterIndex::new(roster).query(&Matcher::default(), "be", &all, relevance, None);
    let first = &roster.members[want[0].member as usize].name;

    let path = path.to_string_lossy().into_owned();
    let mut tui = Tui::spawn_with_args(120, 40, &[], &["--data", &path]);
    tui.wait_for_text("Networks", TIMEOUT);
    tui.send(ENTER);
    tui.wait_for_text("20,000 of 20,000 shown", TIMEOUT);
    tui.send("/be");
    tui.wait_for_text(
        &format!(
            "{} of 20,000 shown",
            citynet_core::data::group_thousands(want.len() as u64)
        ),
        TIMEOUT,
    );
    tui.wait_for_text(first, TIMEOUT);
    tui.send(ENTER);
    tui.wait_for_text("(Esc clears)", TIMEOUT);
    quit_ok(&mut tui);
}

#[test]
fn esc_from_a_roster_opened_from_a_card_comes_back_to_the_card() {
    let mut tui = start(120, 40, &[]);
    // Łódź is in three rosters: the jump opens its card.
    tui.send(":lodz");
    tui.wait_for_text("PL · Covenant of Mayors, Eurocities, UCCN", TIMEOUT);
    tui.send(ENTER);
    tui.wait_for_text("In 3 of the", TIMEOUT);
    // Its second network, Eurocities: the roster at Łódź.
    tui.send("j");
    tui.send(ENTER);
    tui.wait_for_text("Eurocities members", TIMEOUT);
    tui.wait_for_no_text("In 3 of the", TIMEOUT);
    tui.wait_for_text("▶ Łódź", TIMEOUT);
    // Esc: back on the card, the same row selected.
    tui.send(ESC);
    tui.wait_for_text("In 3 of the", TIMEOUT);
    assert!(
        tui.screen_text().contains("▶ Eurocities"),
        "the row it was on:\n{}",
        tui.dump()
    );
    tui.send(ESC);
    tui.wait_for_no_text("In 3 of the", TIMEOUT);
    quit_ok(&mut tui);
}

#[test]
fn esc_from_a_roster_opened_from_the_country_view_comes_back_to_it() {
    let mut tui = start(120, 40, &[]);
    tui.send(":germany");
    tui.wait_for_text("country   Germany", TIMEOUT);
    tui.send(ENTER);
    tui.wait_for_text("members in 5 of the 7 member lists", TIMEOUT);
    // Tab: the second network's heading; Enter: its roster, filtered to Germany.
    tui.send("\t");
    tui.send(ENTER);
    tui.wait_for_text("country:de", TIMEOUT);
    tui.wait_for_no_text("member lists ·", TIMEOUT);
    // One Esc: the view again, at that heading (the filter was the view's, not typed).
    tui.send(ESC);
    tui.wait_for_text("members in 5 of the 7 member lists", TIMEOUT);
    let screen = tui.screen_text();
    // The view's own selection (the network list's shows beside it, under the view).
    assert!(
        screen
            .lines()
            .any(|l| l.contains("┃▶ ") && l.contains("members · list")),
        "a network's heading is selected:\n{}",
        tui.dump()
    );
    tui.send(ESC);
    tui.wait_for_no_text("members in 5 of the 7 member lists", TIMEOUT);
    quit_ok(&mut tui);
}
