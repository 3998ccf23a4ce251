//! Pipes and full disks (issue #6): `citynet ... | head -1` exits quietly when the reader
//! goes away, and a write that fails (stdout on `/dev/full`) is an error message and exit 1,
//! never a panic (exit 101) or a silent success. The terminal-restoring paths (panic,
//! SIGTERM, Ctrl-C) are covered by the pseudo-terminal tests in `tests/e2e.rs`.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Command, Stdio};

fn citynet() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_citynet"));
    c.stdin(Stdio::null()).env_remove("NO_COLOR");
    // A large --data file is cached (`data::cache`): not in the home of whoever runs the tests.
    c.env(
        "XDG_CACHE_HOME",
        std::env::temp_dir().join("citynet-tests-cache"),
    );
    c
}

/// Commands that print a good deal, each more than a pipe holds at once (64 KiB) or not.
const COMMANDS: &[&[&str]] = &[
    &["list"],
    &["list", "--format", "csv"],
    &["members", "eurocities"],
    &["members", "uccn", "--format", "json"],
    &["search", "a", "--limit", "0"],
    &["show", "eurocities"],
    &["export"],
    &["export", "--format", "json"],
    &["completions", "bash"],
    &["man"],
];

fn stderr_of(child: std::process::Child) -> (Option<i32>, String) {
    let out = child.wait_with_output().expect("citynet finishes");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn every_command_prints_enough_to_fill_a_pipe_or_not() {
    // A sanity check of the list above: at least one of them overflows a pipe, so that
    // the reader closing really interrupts a write.
    let out = citynet().arg("export").output().expect("runs");
    assert!(out.status.success());
    assert!(out.stdout.len() > 64 * 1024, "{} bytes", out.stdout.len());
}

#[test]
fn a_reader_that_reads_one_line_and_leaves_is_not_an_error() {
    for args in COMMANDS {
        let mut child = citynet()
            .args(*args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("citynet starts");
        let mut first = String::new();
        {
            let mut out = BufReader::new(child.stdout.take().expect("stdout"));
            out.read_line(&mut first).expect("a first line");
            // `out` is dropped here: the pipe's read end closes, as `head -1` does.
        }
        assert!(!first.is_empty(), "{args:?} printed nothing");
        let (code, stderr) = stderr_of(child);
        assert_eq!(code, Some(0), "{args:?}: {stderr}");
        assert!(stderr.is_empty(), "{args:?} complained: {stderr}");
    }
}

#[test]
fn a_reader_that_is_gone_before_anything_is_written_is_not_an_error() {
    for args in COMMANDS {
        let mut child = citynet()
            .args(*args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("citynet starts");
        drop(child.stdout.take());
        let (code, stderr) = stderr_of(child);
        assert_eq!(code, Some(0), "{args:?}: {stderr}");
        assert!(stderr.is_empty(), "{args:?} complained: {stderr}");
    }
}

#[test]
fn a_shell_pipeline_into_head_exits_quietly() {
    if !Path::new("/bin/sh").exists() {
        return;
    }
    let bin = env!("CARGO_BIN_EXE_citynet");
    // The exit status of citynet itself, not of head.
    let script = format!(
        "'{bin}' export 2>err.txt | head -1 >/dev/null; \
         '{bin}' members eurocities 2>>err.txt | head -c 10 >/dev/null; \
         echo done"
    );
    let dir = tempfile::tempdir().expect("a temporary directory");
    let out = Command::new("/bin/sh")
        .arg("-c")
        .arg(format!("set -e; {script}"))
        .current_dir(dir.path())
        .output()
        .expect("sh runs");
    let err = std::fs::read_to_string(dir.path().join("err.txt")).unwrap_or_default();
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "done");
    assert!(err.is_empty(), "stderr: {err}");
    // And with bash, which can say how citynet itself exited.
    if Path::new("/bin/bash").exists() {
        let out = Command::new("/bin/bash")
            .arg("-c")
            .arg(format!(
                "'{bin}' export | head -1 >/dev/null; echo \"${{PIPESTATUS[0]}}\""
            ))
            .stderr(Stdio::piped())
            .output()
            .expect("bash runs");
        assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "0");
        assert!(
            out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

fn dev_full() -> Option<std::fs::File> {
    std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .ok()
}

#[test]
fn a_full_disk_is_an_error_message_and_exit_1() {
    let Some(_) = dev_full() else {
        eprintln!("no /dev/full here; skipped");
        return;
    };
    let mut commands: Vec<&[&str]> = COMMANDS.to_vec();
    commands.extend([&["validate", "tests/fixtures/hostile/escapes.ron"] as &[&str]]);
    for args in commands {
        let out = citynet()
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdout(dev_full().expect("/dev/full"))
            .output()
            .expect("citynet runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(
            stderr.starts_with("citynet: ") && stderr.contains("No space left on device"),
            "{args:?}: {stderr}"
        );
        assert_eq!(stderr.lines().count(), 1, "{args:?}: one line: {stderr}");
    }
}

#[test]
fn help_and_version_on_a_full_disk_do_not_panic() {
    let Some(_) = dev_full() else {
        return;
    };
    for args in [
        &["--help"] as &[&str],
        &["--version"],
        &["members", "--help"],
    ] {
        let out = citynet()
            .args(args)
            .stdout(dev_full().expect("/dev/full"))
            .output()
            .expect("citynet runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_ne!(out.status.code(), Some(101), "{args:?}: {stderr}");
        assert!(
            out.status.code().is_some(),
            "{args:?} was killed by a signal"
        );
    }
}

/// `--help` and `--version` print through clap: on a full disk that is an error (exit 1),
/// not a silent exit 0.
#[test]
fn help_on_a_full_disk_is_an_error() {
    let Some(_) = dev_full() else {
        return;
    };
    for args in [&["--help"] as &[&str], &["--version"]] {
        let out = citynet()
            .args(args)
            .stdout(dev_full().expect("/dev/full"))
            .output()
            .expect("citynet runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(
            stderr.contains("No space left on device"),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn a_full_disk_on_stderr_too_is_not_a_panic() {
    let Some(_) = dev_full() else {
        return;
    };
    // Both streams full: the error has nowhere to go, but the exit code still says so.
    let out = citynet()
        .arg("list")
        .stdout(dev_full().expect("/dev/full"))
        .stderr(dev_full().expect("/dev/full"))
        .status()
        .expect("citynet runs");
    assert_eq!(out.code(), Some(1));
    // A data error reported to a full stderr.
    let out = citynet()
        .args(["--data", "/nonexistent/citynet.ron", "list"])
        .stdout(Stdio::null())
        .stderr(dev_full().expect("/dev/full"))
        .status()
        .expect("citynet runs");
    assert_eq!(out.code(), Some(1));
    // A usage error reported to a full stderr.
    let out = citynet()
        .args(["members", "--no-such-flag"])
        .stdout(Stdio::null())
        .stderr(dev_full().expect("/dev/full"))
        .status()
        .expect("citynet runs");
    assert_eq!(out.code(), Some(2));
}

#[test]
fn a_closed_stdout_is_an_error_not_a_silent_success() {
    // stdout closed outright (`citynet list >&-`): nothing written, so exit 1 and say so
    // (Rust's runtime puts /dev/null in its place, which took every write as done).
    if !Path::new("/bin/sh").exists() {
        return;
    }
    let bin = env!("CARGO_BIN_EXE_citynet");
    for args in ["list", "export", "members eurocities", "--help"] {
        let mut child = Command::new("/bin/sh")
            .arg("-c")
            .arg(format!("'{bin}' {args} >&-; echo \"exit $?\" >&2"))
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("sh runs");
        let mut err = String::new();
        child
            .stderr
            .take()
            .expect("stderr")
            .read_to_string(&mut err)
            .expect("reads");
        child.wait().expect("waits");
        assert!(!err.contains("panicked"), "{args}: {err}");
        let code = err
            .lines()
            .last()
            .and_then(|l| l.strip_prefix("exit "))
            .and_then(|c| c.parse::<i32>().ok());
        assert_eq!(code, Some(1), "{args}: {err}");
        assert!(err.contains("stdout is closed"), "{args}: {err}");
    }
}
