//! A person's own files through the real binary: pins and queries kept across runs, a
//! corrupt file set aside, a directory that cannot be written, a writer killed between
//! its temporary write and the rename, and two citynets writing history at once.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::support::keys::ENTER;
use crate::support::{TIMEOUT, Tui};

/// A config and a state directory of a test's own.
struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Home {
        let dir = tempfile::tempdir().expect("temp dir");
        fs::create_dir_all(dir.path().join("config")).expect("config dir");
        Home { dir }
    }

    fn state(&self) -> PathBuf {
        self.dir.path().join("state")
    }

    /// Where citynet keeps its state files (`$XDG_STATE_HOME/citynet`).
    fn files(&self) -> PathBuf {
        self.state().join("citynet")
    }

    fn env(&self) -> Vec<(String, String)> {
        vec![
            (
                "XDG_CONFIG_HOME".into(),
                self.dir.path().join("config").display().to_string(),
            ),
            ("XDG_STATE_HOME".into(), self.state().display().to_string()),
            ("CITYNET_NO_SAVE".into(), String::new()),
        ]
    }

    fn start_with(&self, extra: &[(&str, &str)]) -> Tui {
        let mut env = self.env();
        env.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let mut tui = Tui::spawn(120, 40, &env);
        tui.wait_for_text("Networks", TIMEOUT);
        tui
    }

    fn start(&self) -> Tui {
        self.start_with(&[])
    }
}

fn quit(tui: &mut Tui) {
    tui.send("q");
    assert_eq!(tui.wait_exit_code(TIMEOUT), 0, "exit code of `q`");
    tui.assert_restored();
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .map(|r| {
            r.filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

#[test]
fn a_pin_made_in_one_run_is_there_in_the_next() {
    let home = Home::new();
    let mut tui = home.start();
    tui.send("/eurocities");
    tui.wait_for_text("networks match", TIMEOUT);
    tui.send(ENTER);
    tui.send("p");
    tui.wait_for_text("Pinned Eurocities", TIMEOUT);
    quit(&mut tui);
    let pins = fs::read_to_string(home.files().join("pins.toml")).expect("pins.toml");
    assert!(pins.contains("network = \"eurocities\""), "{pins}");

    let mut tui = home.start();
    tui.send("P");
    tui.wait_for_all(&["Pinned (1)", "Eurocities", "members listed"], TIMEOUT);
    tui.send("q");
    tui.wait_for_no_text("Pinned (1)", TIMEOUT);
    quit(&mut tui);
}

#[test]
fn a_query_typed_in_one_run_is_recalled_in_the_next() {
    let home = Home::new();
    let mut tui = home.start();
    tui.send("\x0b");
    tui.wait_for_text("Jump to", TIMEOUT);
    tui.send("lisbo");
    tui.wait_for_text("Lisbon", TIMEOUT);
    tui.send(ENTER);
    // Lisbon is in several lists: its card opens.
    tui.wait_for_text("Enter opens a roster", TIMEOUT);
    tui.send("\x1b");
    tui.wait_for_no_text("Enter opens a roster", TIMEOUT);
    quit(&mut tui);

    let mut tui = home.start();
    tui.send("\x0b");
    tui.wait_for_text("Jump to", TIMEOUT);
    // Nothing typed: the place visited is offered first, and ↑ recalls the query.
    tui.wait_for_text("Lisbon", TIMEOUT);
    tui.send("\x1b[A");
    tui.wait_for_text("› lisbo", TIMEOUT);
    tui.send("\x1b");
    tui.wait_for_no_text("Jump to", TIMEOUT);
    quit(&mut tui);
}

#[test]
fn a_corrupt_state_file_is_reported_kept_aside_and_the_app_starts() {
    let home = Home::new();
    fs::create_dir_all(home.files()).unwrap();
    let bad = "version = 2\n[[pin]\ncity = \"Milan\"\n";
    fs::write(home.files().join("pins.toml"), bad).unwrap();
    let mut tui = home.start();
    tui.wait_for_text("pins.toml:2:", TIMEOUT);
    tui.wait_for_text("AIMF", TIMEOUT);
    let files = names(&home.files());
    let aside: Vec<&String> = files
        .iter()
        .filter(|f| f.starts_with("pins.toml.bad-"))
        .collect();
    assert_eq!(aside.len(), 1, "{files:?}");
    assert_eq!(
        fs::read_to_string(home.files().join(aside[0])).unwrap(),
        bad
    );
    assert!(!files.contains(&"pins.toml".to_string()), "{files:?}");
    // It works, and saves again.
    tui.send("p");
    tui.wait_for_text("Pinned AIMF", TIMEOUT);
    quit(&mut tui);
    assert!(home.files().join("pins.toml").exists());
}

#[test]
fn a_directory_that_cannot_be_written_works_without_saving() {
    let home = Home::new();
    // Root writes into a read-only directory, so as root the state directory is put where
    // no one can make it: under a plain file.
    let root = unsafe { libc::geteuid() } == 0;
    let state = if root {
        let file = home.dir.path().join("a-file");
        fs::write(&file, "").unwrap();
        file.join("state")
    } else {
        use std::os::unix::fs::PermissionsExt;
        fs::create_dir_all(home.state()).unwrap();
        fs::set_permissions(home.state(), fs::Permissions::from_mode(0o555)).unwrap();
        home.state()
    };
    let state_text = state.display().to_string();
    let mut tui = home.start_with(&[("XDG_STATE_HOME", &state_text)]);
    tui.wait_for_text("citynet saves nothing this run", TIMEOUT);
    tui.send("p");
    tui.wait_for_text("Pinned AIMF", TIMEOUT);
    tui.send("P");
    tui.wait_for_text("Pinned (1)", TIMEOUT);
    tui.send("q");
    tui.wait_for_no_text("Pinned (1)", TIMEOUT);
    quit(&mut tui);
    assert!(names(&state).is_empty(), "{:?}", names(&state));
}

#[test]
fn no_save_touches_nothing() {
    let home = Home::new();
    let mut tui = home.start_with(&[("CITYNET_NO_SAVE", "1")]);
    tui.send("p");
    tui.wait_for_text("Pinned AIMF", TIMEOUT);
    quit(&mut tui);
    assert!(!home.state().exists());
}

#[test]
fn a_writer_killed_before_the_rename_leaves_the_old_file_whole() {
    let home = Home::new();
    fs::create_dir_all(home.files()).unwrap();
    let old = "version = 2\n\n[[pin]]\nnetwork = \"eurocities\"\n";
    fs::write(home.files().join("pins.toml"), old).unwrap();
    let mut tui = home.start_with(&[("CITYNET_DEBUG_CRASH_BEFORE_RENAME", "1")]);
    tui.send("p");
    // The first write aborts the process between the temporary file and the rename.
    let status = tui.wait_exit(TIMEOUT);
    assert!(!status.success(), "{status:?}");
    assert_eq!(
        fs::read_to_string(home.files().join("pins.toml")).unwrap(),
        old
    );
    // The new text was whole in the temporary file the crash left behind.
    let files = names(&home.files());
    let tmp: Vec<&String> = files.iter().filter(|f| f.contains(".tmp-")).collect();
    assert_eq!(tmp.len(), 1, "{files:?}");
    let text = fs::read_to_string(home.files().join(tmp[0])).unwrap();
    assert!(
        text.contains("\"aimf\"") && text.contains("\"eurocities\""),
        "{text}"
    );
    // And the next run reads the old file as it was.
    let mut tui = home.start();
    tui.send("P");
    tui.wait_for_all(&["Pinned (1)", "Eurocities"], TIMEOUT);
    tui.send("q");
    tui.wait_for_no_text("Pinned (1)", TIMEOUT);
    quit(&mut tui);
}

#[test]
fn two_citynets_writing_history_at_once_lose_no_entry() {
    const EACH: usize = 25;
    let home = Home::new();
    let mut a = home.start();
    let mut b = home.start();
    // Each types its queries into the network list's filter as fast as the terminal
    // takes them, both at once (`/`, Ctrl-U to clear, the query, Enter): every Enter
    // writes the history file.
    let keys = |tag: &str| -> String {
        (0..EACH)
            .map(|i| format!("/\x15zz{tag}{i}{ENTER}"))
            .collect()
    };
    let (ka, kb) = (keys("a"), keys("b"));
    std::thread::scope(|s| {
        s.spawn(|| a.send(&ka));
        s.spawn(|| b.send(&kb));
    });
    let path = home.files().join("history.toml");
    let start = Instant::now();
    let count = || fs::read_to_string(&path).map_or(0, |t| t.matches("\"zz").count());
    while count() < 2 * EACH && start.elapsed() < TIMEOUT {
        std::thread::sleep(Duration::from_millis(20));
    }
    let text = fs::read_to_string(&path).unwrap_or_default();
    for tag in ["a", "b"] {
        for i in 0..EACH {
            assert!(
                text.contains(&format!("\"zz{tag}{i}\"")),
                "zz{tag}{i} lost:\n{text}"
            );
        }
    }
    quit(&mut a);
    quit(&mut b);
}
