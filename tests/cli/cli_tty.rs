//! The command line with stdout on a terminal: a pseudo-terminal of a known width, so the
//! styling, `NO_COLOR` and the terminal width can be checked on the real binary.

use std::io::Read;
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const TIMEOUT: Duration = Duration::from_secs(20);

/// Runs citynet in a `cols`-wide pseudo-terminal; gives its exit code and everything it
/// wrote (stdout and stderr share the terminal), with the terminal's `\r\n` made `\n`.
fn in_terminal(cols: u16, env: &[(&str, &str)], args: &[&str]) -> (u32, Vec<u8>) {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("open a pty");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_citynet"));
    cmd.args(args);
    cmd.env("TERM", "xterm-256color");
    cmd.env_remove("NO_COLOR");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = pair.slave.spawn_command(cmd).expect("spawn citynet");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().expect("pty reader");
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let mut out = Vec::new();
        let mut buf = [0u8; 8192];
        // The read fails (EIO) or ends once the child is gone and the slave is closed.
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            out.extend_from_slice(&buf[..n]);
        }
        let _ = tx.send(out);
    });
    let status = child.wait().expect("citynet exits");
    let out = rx.recv_timeout(TIMEOUT).expect("output ends");
    drop(pair.master);
    let text = String::from_utf8_lossy(&out).replace("\r\n", "\n");
    (status.exit_code(), text.into_bytes())
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn on_a_terminal_the_table_header_is_bold() {
    let (code, out) = in_terminal(200, &[], &["list"]);
    assert_eq!(code, 0, "{}", text(&out));
    let s = text(&out);
    assert!(s.starts_with("\x1b[1mID "), "{s:?}");
    // The header's bold, and nothing else.
    assert_eq!(s.matches('\u{1b}').count(), 2, "{s:?}");
}

#[test]
fn no_color_means_no_escape_bytes_even_on_a_terminal() {
    for args in [
        &["list"][..],
        &["members", "eurocities", "--tier", "full"],
        &["search", "lodz"],
        &["show", "eurocities"],
        &["list", "--format", "markdown"],
    ] {
        let (code, out) = in_terminal(120, &[("NO_COLOR", "1")], args);
        assert_eq!(code, 0, "{args:?}");
        assert!(!out.contains(&0x1b), "{args:?}: {:?}", text(&out));
    }
    // Without NO_COLOR the same table differs only by the header's bold.
    let (_, plain) = in_terminal(120, &[("NO_COLOR", "1")], &["list"]);
    let (_, styled) = in_terminal(120, &[], &["list"]);
    let unstyled = text(&styled).replace("\x1b[1m", "").replace("\x1b[0m", "");
    assert_eq!(unstyled, text(&plain));
}

#[test]
fn tables_fit_the_terminal_width() {
    let (code, out) = in_terminal(60, &[("NO_COLOR", "1")], &["list"]);
    assert_eq!(code, 0);
    let s = text(&out);
    let widths: Vec<usize> = s.lines().map(|l| l.chars().count()).collect();
    assert!(widths.iter().all(|&w| w <= 60), "{widths:?}\n{s}");
    assert!(s.contains('…'), "long themes are cut:\n{s}");
    assert!(s.lines().any(|l| l.starts_with("eurocities ")));
    // Piped, nothing is cut.
    let piped = assert_cmd::Command::new(env!("CARGO_BIN_EXE_citynet"))
        .arg("list")
        .output()
        .expect("runs");
    assert!(!String::from_utf8_lossy(&piped.stdout).contains('…'));
}

#[test]
fn show_wraps_to_the_terminal_width() {
    let (code, out) = in_terminal(50, &[("NO_COLOR", "1")], &["show", "iclei"]);
    assert_eq!(code, 0);
    let s = text(&out);
    let widths: Vec<usize> = s.lines().map(|l| l.chars().count()).collect();
    assert!(widths.iter().all(|&w| w <= 50), "{widths:?}\n{s}");
    assert!(widths.iter().any(|&w| w > 40), "{widths:?}");
    assert!(s.starts_with("ICLEI – Local Governments for Sustainability"));
}

#[test]
fn term_dumb_gets_no_bold_and_no_full_screen() {
    let (code, out) = in_terminal(200, &[("TERM", "dumb")], &["list"]);
    assert_eq!(code, 0);
    assert!(!out.contains(&0x1b), "no escape codes: {:?}", text(&out));
    assert!(text(&out).starts_with("ID"), "{}", text(&out));
    // The browser itself: a message pointing to the command line, and nothing else.
    let (code, out) = in_terminal(80, &[("TERM", "dumb")], &[]);
    assert_eq!(code, 2);
    assert!(!out.contains(&0x1b), "no escape codes: {:?}", text(&out));
    let said = text(&out);
    assert!(
        said.contains("TERM=dumb") && said.contains("citynet list"),
        "{said}"
    );
}

#[test]
fn list_fits_80_columns_and_never_cuts_an_id() {
    let (code, out) = in_terminal(80, &[("NO_COLOR", "1")], &["list"]);
    assert_eq!(code, 0);
    let out = text(&out);
    for line in out.lines() {
        assert!(line.chars().count() <= 80, "{line:?}");
    }
    let ids: Vec<&str> = out
        .lines()
        .skip(1)
        .filter_map(|l| l.split(' ').next())
        .collect();
    let data = citynet::embedded::embedded().expect("embedded");
    let mut order: Vec<usize> = (0..data.networks.len()).collect();
    citynet_core::networks::sort_networks(
        &data,
        &mut order,
        citynet_core::networks::NetworkOrder::Name,
        false,
    );
    let want: Vec<&str> = order
        .iter()
        .map(|&i| data.networks[i].id.as_str())
        .collect();
    assert_eq!(ids, want, "every id whole, in order");
    assert!(
        out.lines().next().is_some_and(|h| h.contains("Members")),
        "{out}"
    );
    assert!(out.contains(">10,000"), "the stated size: {out}");
}
