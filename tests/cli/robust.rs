//! Robustness, round two (issue 18), through the real binary: exact positions, a roster
//! file being edited, bounded and once-only reading, text that could drive a terminal in
//! any message, output that is honest about where it went.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const SMALL: &str = include_str!("../fixtures/cli/small.ron");
const C40: &str = include_str!("../../assets/rosters/c40.ron");

struct Ran {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn citynet() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_citynet"));
    c.env_remove("NO_COLOR").stdin(Stdio::null());
    // A large --data file is cached (`data::cache`): not in the home of whoever runs the tests.
    c.env(
        "XDG_CACHE_HOME",
        std::env::temp_dir().join("citynet-tests-cache"),
    );
    c
}

fn run(args: &[&str]) -> Ran {
    let out = citynet().args(args).output().expect("citynet runs");
    Ran {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).expect("written");
    p
}

/// The 1-based line of `text` that holds `needle` (the first).
fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle:?} is not in the text"))
        + 1
}

#[test]
fn a_member_named_like_an_earlier_one_is_placed_at_its_own_line() {
    // Kiel is named first as Gdańsk's other name: a text search found that line.
    let text = SMALL
        .replacen(
            "(name: \"Gdańsk\", country: \"PL\"",
            "(name: \"Gdańsk\", aka: [\"Kiel\"], country: \"PL\"",
            1,
        )
        .replacen(
            "(name: \"Kiel\", country: \"DE\"",
            "(name: \"Kiel\", country: \"QQ\"",
            1,
        );
    let dir = tempfile::tempdir().expect("a temporary directory");
    let p = write(dir.path(), "d.ron", &text);
    let r = run(&["validate", &p.display().to_string()]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    let line = line_of(&text, "(name: \"Kiel\"");
    let col = text
        .lines()
        .nth(line - 1)
        .and_then(|l| l.find("\"Kiel\""))
        .expect("Kiel")
        + 1;
    assert!(
        r.stdout.contains(&format!(
            "d.ron:{line}:{col}: roster baltic-ring › member \"Kiel\": unknown country code `QQ`"
        )),
        "{}",
        r.stdout
    );
}

#[test]
fn control_characters_written_as_any_escape_are_refused_at_the_character() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    // Controls written as escapes, the separators and bidi marks terminals misdraw, a
    // joiner beside a space, a noncharacter.
    for (escape, shown) in [
        ("\\x1b", "\\u{1b}"),
        ("\\u{a}", "\\u{a}"),
        ("\\u{9}", "\\u{9}"),
        ("\\u{2028}", "\\u{2028}"),
        ("\\u{61c}", "\\u{61c}"),
        ("\\u{200d} ", "\\u{200d}"),
        ("\\u{fdd0}", "\\u{fdd0}"),
        ("\\u{ad}", "\\u{ad}"),
    ] {
        let text = SMALL.replacen("\"Tallinn\"", &format!("\"Tal{escape}linn\""), 1);
        let p = write(dir.path(), "e.ron", &text);
        let r = run(&["validate", &p.display().to_string()]);
        assert_eq!(r.code, Some(1), "{escape}: {}", r.stderr);
        let line = line_of(&text, "Tal\\");
        let col = text
            .lines()
            .nth(line - 1)
            .and_then(|l| l.find("\\"))
            .expect("\\")
            + 1;
        assert!(
            r.stdout.contains(&format!("e.ron:{line}:{col}: ")) && r.stdout.contains(shown),
            "{escape}: {}",
            r.stdout
        );
        assert!(!r.stdout.contains('\u{1b}'), "{escape}");
    }
}

#[test]
fn absurd_numbers_are_refused_with_their_position() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    for (from, to) in [
        ("value: 1991", "value: 9999"),
        ("since: 1995", "since: 0"),
        ("population: 605273", "population: 18446744073709551615"),
    ] {
        let text = SMALL.replacen(from, to, 1);
        assert_ne!(text, SMALL, "{from}");
        let p = write(dir.path(), "n.ron", &text);
        let r = run(&["validate", &p.display().to_string()]);
        assert_eq!(r.code, Some(1), "{to}: {}", r.stdout);
        let line = line_of(&text, to);
        assert!(
            r.stdout.contains(&format!("n.ron:{line}:")) && r.stdout.contains("plausible range"),
            "{to}: {}",
            r.stdout
        );
    }
}

#[test]
fn a_roster_being_edited_is_reported_at_its_own_lines() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let rosters = dir.path().join("rosters");
    std::fs::create_dir(&rosters).expect("a directory");
    // Two lines more at the top than the compiled-in copy, and Abidjan's country wrong.
    let edited = format!("// edited\n// by hand\n{C40}").replacen(
        "(name: \"Abidjan\", country: \"CI\"",
        "(name: \"Abidjan\", country: \"XX\"",
        1,
    );
    assert!(edited.contains("\"XX\""), "Abidjan is in the roster as CI");
    let p = write(&rosters, "c40.ron", &edited);
    let r = run(&["validate", &p.display().to_string()]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    let line = line_of(&edited, "\"Abidjan\"");
    assert!(
        r.stdout.contains(&format!("{}:{line}:", p.display())) && r.stdout.contains("`XX`"),
        "{}",
        r.stdout
    );

    // A syntax error: ron's own, at its own place in this file.
    let broken = C40.replacen("(name: \"Abidjan\",", "(name: \"Abidjan\"", 1);
    let p = write(&rosters, "c40.ron", &broken);
    let r = run(&["validate", &p.display().to_string()]);
    assert_eq!(r.code, Some(1));
    let line = line_of(&broken, "\"Abidjan\"");
    assert!(
        r.stderr.contains(&format!("{}:{line}:", p.display()))
            && r.stderr.contains("Expected comma"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_fifo_is_read_once_and_its_mistake_quoted_from_what_was_read() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let fifo = dir.path().join("pipe.ron");
    let c = std::ffi::CString::new(fifo.display().to_string()).expect("a path");
    // SAFETY: mkfifo with a NUL-terminated path.
    if unsafe { libc::mkfifo(c.as_ptr(), 0o600) } != 0 {
        return;
    }
    let mut child = citynet()
        .args(["--data", &fifo.display().to_string(), "list"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("citynet starts");
    let mut w = std::fs::OpenOptions::new()
        .write(true)
        .open(&fifo)
        .expect("the fifo opens");
    w.write_all(b"(\n  title: 12,\n)").expect("written");
    drop(w);
    let start = Instant::now();
    while child.try_wait().expect("try_wait").is_none() {
        if start.elapsed() > Duration::from_secs(15) {
            let _ = child.kill();
            panic!("citynet hung on a FIFO whose content is wrong");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().expect("finished");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("pipe.ron:2:"), "{stderr}");
    assert!(
        stderr.contains("  2 |   title: 12,"),
        "quoted from what was read: {stderr}"
    );
}

#[test]
fn files_past_the_size_limit_and_devices_are_refused() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    // Two MiB of valid RON: a comment, then the small dataset.
    let big = format!("// {}\n{SMALL}", "x".repeat(2 << 20));
    let p = write(dir.path(), "big.ron", &big).display().to_string();
    let r = run(&["--max-size", "1", "--data", &p, "list"]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(r.stderr.contains("--max-size"), "{}", r.stderr);
    let r = run(&["--max-size", "3", "--data", &p, "list"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let r = run(&["--max-size", "1", "validate", &p]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    if Path::new("/dev/zero").exists() {
        let start = Instant::now();
        let r = run(&["--data", "/dev/zero", "list"]);
        assert_eq!(r.code, Some(1));
        assert!(r.stderr.contains("device"), "{}", r.stderr);
        // Refused, not read: a generous bound that no read of 512 MiB could meet here.
        assert!(start.elapsed() < Duration::from_secs(10));
    }
}

#[test]
fn usage_errors_show_what_was_typed_escaped() {
    let r = run(&["list", "--format", "\u{1b}]0;owned\u{7}"]);
    assert_eq!(r.code, Some(2));
    assert!(
        !r.stderr.contains('\u{1b}') && !r.stderr.contains('\u{7}'),
        "{:?}",
        r.stderr
    );
    assert!(r.stderr.contains("\\u{1b}]0;owned\\u{7}"), "{}", r.stderr);
    let r = run(&["members", "--no-such-\u{9b}31m"]);
    assert_eq!(r.code, Some(2));
    assert!(!r.stderr.contains('\u{9b}'), "{:?}", r.stderr);
    assert!(r.stderr.contains("\\u{9b}"), "{}", r.stderr);
}

#[test]
fn the_browser_refuses_a_stdout_that_is_not_a_terminal() {
    let out = citynet()
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "nothing drawn into the file");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("needs a terminal"), "{stderr}");
}

#[test]
fn csv_cells_that_a_spreadsheet_would_run_are_neutralised_unless_raw() {
    let text = SMALL
        .replacen("\"Kiel\"", "\"=HYPERLINK(\\\"x\\\")\"", 1)
        .replacen("\"Tallinn\"", "\"@SUM(A1)\"", 1);
    let dir = tempfile::tempdir().expect("a temporary directory");
    let p = write(dir.path(), "f.ron", &text).display().to_string();
    let r = run(&["--data", &p, "members", "--format", "csv"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stdout.contains("\"'=HYPERLINK(\"\"x\"\")\""),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("'@SUM(A1)"), "{}", r.stdout);
    // Negative coordinates stay numbers.
    assert!(r.stdout.contains(",-6.13"), "{}", r.stdout);
    let r = run(&["--data", &p, "members", "--format", "csv", "--raw"]);
    assert!(
        r.stdout.contains("\"=HYPERLINK(\"\"x\"\")\""),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains("'@"), "{}", r.stdout);
}
