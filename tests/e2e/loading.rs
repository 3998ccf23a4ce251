//! The loading screen: a `--data` file that arrives slowly (a FIFO the test writes half of,
//! then the rest when told) keeps the browser on its loading screen for as long as the
//! test likes, so what happens during a load is checked without timing anything.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc::{self, Sender};
use std::thread::{self, JoinHandle};

use crate::support::keys::{CTRL_C, ENTER};
use crate::support::{TIMEOUT, Tui};

/// The embedded dataset as a `--data` file: thirty networks, so a key has somewhere to go.
fn embedded_ron() -> Vec<u8> {
    let out = Command::new(env!("CARGO_BIN_EXE_citynet"))
        .args(["export", "--format", "ron"])
        .output()
        .expect("citynet runs");
    assert!(out.status.success(), "export failed: {out:?}");
    out.stdout
}

fn fifo_in(dir: &Path) -> PathBuf {
    let fifo = dir.join("slow.ron");
    let c = std::ffi::CString::new(fifo.display().to_string()).expect("a path");
    // SAFETY: mkfifo with a NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0, "mkfifo");
    fifo
}

/// Writes the first half of `text` into `fifo` once citynet opens it, and the rest when
/// the returned sender is sent anything (or dropped).
fn feed(fifo: PathBuf, text: Vec<u8>) -> (Sender<()>, JoinHandle<()>) {
    let (go, wait) = mpsc::channel::<()>();
    let writer = thread::spawn(move || {
        let mut pipe = std::fs::OpenOptions::new()
            .write(true)
            .open(&fifo)
            .expect("the fifo opens");
        let (head, tail) = text.split_at(text.len() / 2);
        // A reader that quit mid-load makes these fail: that is what some tests ask for.
        if pipe.write_all(head).is_err() {
            return;
        }
        let _ = wait.recv();
        let _ = pipe.write_all(tail);
    });
    (go, writer)
}

/// citynet on a file that is half there, showing its loading screen.
fn loading(text: Vec<u8>) -> (Tui, Sender<()>, JoinHandle<()>, tempfile::TempDir) {
    loading_with(text, &[])
}

/// [`loading`] with more arguments on citynet's command line.
fn loading_with(
    text: Vec<u8>,
    args: &[&str],
) -> (Tui, Sender<()>, JoinHandle<()>, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let fifo = fifo_in(dir.path());
    let path = fifo.display().to_string();
    let mut all = vec!["--data", path.as_str()];
    all.extend_from_slice(args);
    let tui = Tui::spawn_with_args(80, 24, &[], &all);
    let (go, writer) = feed(fifo, text);
    let mut tui = tui;
    tui.wait_for_all(
        &["Loading", "slow.ron", "reading", "read", "q quits"],
        TIMEOUT,
    );
    (tui, go, writer, dir)
}

#[test]
fn q_and_ctrl_c_leave_a_load_at_once_with_the_terminal_restored() {
    for key in ["q", CTRL_C] {
        let (mut tui, go, _writer, _dir) = loading(embedded_ron());
        // Half the file is in and the rest never comes while the key is handled.
        tui.send(key);
        assert_eq!(tui.wait_exit_code(TIMEOUT), 0, "exit code of {key:?}");
        tui.assert_restored();
        drop(go);
    }
}

/// citynet on a file that arrives after `keys` were typed on its loading screen.
fn typed_during_load(keys: &str) -> Tui {
    let (mut tui, go, writer, _dir) = loading(embedded_ron());
    tui.send(keys);
    tui.wait_for_text("Loading", TIMEOUT);
    go.send(()).expect("the writer waits");
    writer.join().expect("the writer");
    tui.wait_for_text("Networks", TIMEOUT);
    tui
}

#[test]
fn a_key_typed_during_a_load_moves_the_cursor_once_it_is_in() {
    let mut tui = typed_during_load("j");
    tui.wait_for_text("/ to filter", TIMEOUT);
    let rows: Vec<String> = tui.screen_text().lines().map(str::to_string).collect();
    let hint = rows
        .iter()
        .position(|r| r.contains("/ to filter"))
        .expect("the filter hint");
    let cursor = rows
        .iter()
        .position(|r| r.contains('▶'))
        .expect("a selected row");
    // The first network is on the row under the hint, `j` moved one down.
    assert_eq!(
        cursor,
        hint + 2,
        "the cursor moved down once:\n{}",
        tui.dump()
    );
    tui.send("q");
    assert_eq!(tui.wait_exit_code(TIMEOUT), 0);
    tui.assert_restored();
}

#[test]
fn a_q_typed_into_a_filter_during_a_load_is_text_not_a_quit() {
    let mut tui = typed_during_load("/eq");
    tui.wait_for_text("networks match “eq”", TIMEOUT);
    assert!(!tui.screen_text().contains("Loading"), "{}", tui.dump());
    tui.send(CTRL_C);
    assert_eq!(tui.wait_exit_code(TIMEOUT), 0);
    tui.assert_restored();
}

#[test]
fn a_file_that_fails_to_load_is_reported_after_the_terminal_is_restored() {
    let mut text = embedded_ron();
    // A mistake in the second half, which arrives after the loading screen is up.
    text.extend_from_slice(b"\n)(oops");
    // What a command says about the same bytes in a file of the same name.
    let plain = tempfile::tempdir().expect("a temporary directory");
    let file = plain.path().join("slow.ron");
    std::fs::write(&file, &text).expect("write the file");
    let out = Command::new(env!("CARGO_BIN_EXE_citynet"))
        .args(["--no-cache", "--data", &file.display().to_string(), "list"])
        .output()
        .expect("citynet runs");
    assert_eq!(out.status.code(), Some(1));
    let told = String::from_utf8_lossy(&out.stderr);
    let first = told.lines().next().unwrap_or_default();
    let at = first
        .split_once("slow.ron:")
        .map(|(_, rest)| format!("slow.ron:{rest}"))
        .expect("the error names the file");
    let (mut tui, go, writer, _dir) = loading(text);
    drop(go);
    writer.join().expect("the writer");
    assert_eq!(tui.wait_exit_code(TIMEOUT), 1);
    tui.assert_restored();
    let screen = tui.screen_text();
    assert!(screen.contains("citynet: "), "{screen}");
    // The same words, line and column (`slow.ron:15482:2: …`); the screen may wrap them.
    let flat: String = screen.lines().map(str::trim_end).collect();
    let at_flat: String = at.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains(&at_flat),
        "the error as a command tells it ({at}):\n{screen}"
    );
}

#[test]
fn the_loading_screen_follows_the_ascii_flag() {
    let (mut tui, go, _writer, _dir) = loading_with(embedded_ron(), &["--ascii"]);
    let screen = tui.screen_text();
    let odd: Vec<char> = screen.chars().filter(|c| !c.is_ascii()).collect();
    assert!(odd.is_empty(), "{odd:?} on the loading screen:\n{screen}");
    // Its words are there, their dots as ASCII ("reading · 2 MiB read").
    assert!(screen.contains("reading - "), "{screen}");
    tui.send("q");
    assert_eq!(tui.wait_exit_code(TIMEOUT), 0);
    tui.assert_restored();
    drop(go);
}

fn table(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/tables")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn a_csv_member_list_loads_into_the_browser() {
    let csv = table("eurocities.csv");
    let mut tui = Tui::spawn_with_args(120, 40, &[], &["--data", &csv]);
    tui.wait_for_text("Networks", TIMEOUT);
    tui.send("/eurocities");
    tui.wait_for_text("networks match “eurocities”", TIMEOUT);
    tui.send(ENTER);
    tui.send(ENTER);
    tui.wait_for_text("Eurocities members", TIMEOUT);
    tui.wait_for_all(&["4 shown", "Bergen", "Łódź"], TIMEOUT);
    tui.send("q");
    assert_eq!(tui.wait_exit_code(TIMEOUT), 0);
    tui.assert_restored();
}

#[test]
fn a_csv_member_list_with_a_problem_is_reported_after_the_terminal_is_restored() {
    let spec = format!("eurocities={}", table("bad_lat.csv"));
    let mut tui = Tui::spawn_with_args(120, 40, &[], &["--roster", &spec]);
    assert_eq!(tui.wait_exit_code(TIMEOUT), 1);
    tui.assert_restored();
    let flat: String = tui.screen_text().lines().map(str::trim_end).collect();
    // Short pieces: the screen may wrap a long path anywhere.
    assert!(flat.contains("bad_lat.csv:3:1:"), "{flat}");
    assert!(flat.contains("coordinates (95.5, 4.9)"), "{flat}");
}
