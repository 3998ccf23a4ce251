//! Copying, end to end: the bytes the real binary sends to the terminal with no clipboard
//! command, inside tmux and inside screen, and the clipboard command it runs when a display
//! server is there; and what the status line says in each case.

use crate::support::keys::ENTER;
use crate::support::{TIMEOUT, Tui};
use citynet::clipboard::{Mux, terminal_bytes};

const COMMAND: &str = "citynet members eurocities";

/// Opens Eurocities' member table and presses `c` (copy the command for this view).
fn copy_the_command(env: &[(&str, &str)]) -> Tui {
    let mut tui = Tui::spawn(120, 40, env);
    tui.wait_for_text("Networks", TIMEOUT);
    tui.send("/eurocities");
    tui.wait_for_text("networks match “eurocities”", TIMEOUT);
    tui.send(ENTER);
    tui.send(ENTER);
    tui.wait_for_text("202 shown", TIMEOUT);
    tui.send("c");
    tui
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn quit(mut tui: Tui) {
    tui.send("q");
    assert_eq!(tui.wait_exit_code(TIMEOUT), 0);
    tui.assert_restored();
}

#[test]
fn with_nothing_but_the_terminal_osc52_is_sent_and_not_called_copied() {
    let mut tui = copy_the_command(&[]);
    tui.wait_for_text("Sent `citynet members eurocities` to the terminal", TIMEOUT);
    let raw = tui.raw();
    assert!(contains(
        &raw,
        terminal_bytes(COMMAND, Mux::None).as_bytes()
    ));
    assert!(
        !contains(&raw, b"\x1bPtmux;"),
        "no tmux wrapping outside tmux"
    );
    assert!(!tui.screen_text().contains("Copied"), "{}", tui.dump());
    quit(tui);
}

#[test]
fn inside_tmux_osc52_goes_through_its_passthrough() {
    // A server that is not there: `tmux load-buffer` fails, so OSC 52 is all there is.
    let mut tui = copy_the_command(&[("TMUX", "/nonexistent/citynet-test,1,0")]);
    tui.wait_for_text("(OSC 52, through tmux)", TIMEOUT);
    let wrapped = terminal_bytes(COMMAND, Mux::Tmux);
    assert!(wrapped.starts_with("\x1bPtmux;\x1b\x1b]52;c;"));
    assert!(contains(&tui.raw(), wrapped.as_bytes()));
    quit(tui);
}

#[test]
fn inside_screen_osc52_goes_through_its_passthrough() {
    let mut tui = copy_the_command(&[("STY", "1234.pts-0.host")]);
    tui.wait_for_text("(OSC 52, through screen)", TIMEOUT);
    let wrapped = terminal_bytes(COMMAND, Mux::Screen);
    assert!(wrapped.starts_with("\x1bP\x1b]52;c;"));
    assert!(contains(&tui.raw(), wrapped.as_bytes()));
    quit(tui);
}

#[test]
fn with_a_display_server_its_copy_command_gets_the_text() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let got = dir.path().join("clipboard");
    let tool = dir.path().join("wl-copy");
    std::fs::write(&tool, format!("#!/bin/sh\ncat > '{}'\n", got.display()))
        .expect("write the stand-in wl-copy");
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&tool, std::fs::Permissions::from_mode(0o755))
            .expect("make it runnable");
    }
    let path = format!(
        "{}:{}",
        dir.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut tui = copy_the_command(&[("WAYLAND_DISPLAY", "wayland-test"), ("PATH", &path)]);
    tui.wait_for_text(
        "Copied `citynet members eurocities` to the clipboard (by wl-copy)",
        TIMEOUT,
    );
    assert_eq!(std::fs::read_to_string(&got).expect("copied"), COMMAND);
    assert!(
        !contains(&tui.raw(), b"\x1b]52;"),
        "no OSC 52 once the tool took it"
    );
    quit(tui);
}
