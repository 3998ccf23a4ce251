//! Signals and terminals that go away (issue 18): every terminating signal restores the
//! terminal, the cursor included; a suspend hands the terminal back and `fg` takes it
//! again; a terminal that hangs up ends citynet even when SIGHUP is ignored.

use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::keys::CTRL_Z;
use crate::support::{TIMEOUT, Tui};

fn start() -> Tui {
    let mut tui = Tui::spawn(100, 30, &[]);
    tui.wait_for_text("Networks", TIMEOUT);
    tui
}

#[test]
fn every_terminating_signal_restores_the_terminal_and_shows_the_cursor() {
    for sig in [
        libc::SIGTERM,
        libc::SIGHUP,
        libc::SIGINT,
        libc::SIGQUIT,
        libc::SIGUSR1,
        libc::SIGUSR2,
        libc::SIGALRM,
    ] {
        let mut tui = start();
        tui.signal(sig);
        let status = tui.wait_exit(TIMEOUT);
        let code = u32::try_from(128 + sig).expect("a small number");
        assert_eq!(status.exit_code(), code, "signal {sig}: {status:?}");
        tui.assert_restored();
    }
}

/// Suspended, citynet gives the terminal back as it found it and stops; continued, it
/// takes the terminal again and redraws everything.
fn suspend_and_continue(tui: &mut Tui, suspend: impl FnOnce(&mut Tui)) {
    suspend(tui);
    tui.wait_stopped(true, TIMEOUT);
    assert!(tui.cooked_mode(), "stopped in raw mode:\n{}", tui.dump());
    // The bytes written before the stop may still be on their way through the reader
    // thread (on a loaded machine they are, now and then): wait for them to be parsed.
    tui.wait_until("the normal screen back", TIMEOUT, |s| !s.alternate_screen());
    tui.with_screen(|s| {
        assert!(!s.alternate_screen(), "stopped on the alternate screen");
        assert_eq!(s.mouse_protocol_mode(), vt100::MouseProtocolMode::None);
        assert!(!s.hide_cursor(), "stopped with the cursor hidden");
    });
    assert!(!tui.screen_text().contains("Networks"), "{}", tui.dump());

    tui.signal(libc::SIGCONT);
    tui.wait_stopped(false, TIMEOUT);
    tui.wait_for_text("Networks", TIMEOUT);
    assert!(
        !tui.cooked_mode(),
        "continued in cooked mode:\n{}",
        tui.dump()
    );
    tui.with_screen(|s| {
        assert!(s.alternate_screen(), "continued on the normal screen");
        assert_ne!(s.mouse_protocol_mode(), vt100::MouseProtocolMode::None);
    });
    // Keys work again: `/` opens the filter.
    tui.send("/c40");
    tui.wait_for_text("networks match “c40”", TIMEOUT);
}

#[test]
fn sigtstp_then_sigcont_hands_the_terminal_back_and_takes_it_again() {
    let mut tui = start();
    if tui.stopped().is_none() {
        return; // no /proc to see a stop in
    }
    suspend_and_continue(&mut tui, |t| t.signal(libc::SIGTSTP));
    tui.send("\x1b");
    tui.wait_for_no_text("networks match", TIMEOUT);
    tui.send("q");
    assert_eq!(tui.wait_exit_code(TIMEOUT), 0);
    tui.assert_restored();
}

#[test]
fn ctrl_z_suspends() {
    let mut tui = start();
    if tui.stopped().is_none() {
        return;
    }
    suspend_and_continue(&mut tui, |t| t.send(CTRL_Z));
    tui.send("\x03");
    assert_eq!(tui.wait_exit_code(TIMEOUT), 0);
    tui.assert_restored();
}

/// A pseudo-terminal of our own: the harness keeps a copy of the master for its reader,
/// so it cannot close the terminal under the program, which this test must do.
fn openpty() -> (OwnedFd, OwnedFd) {
    let (mut master, mut slave) = (-1, -1);
    let size = libc::winsize {
        ws_row: 30,
        ws_col: 100,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: openpty writes two descriptors into the given ints; the other pointers may
    // be null, and `size` outlives the call.
    let rc = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            &size,
        )
    };
    assert_eq!(rc, 0, "openpty failed");
    // Not inherited: a child holding the master open would keep the terminal alive.
    for fd in [master, slave] {
        // SAFETY: sets a flag on a descriptor just opened.
        assert_eq!(
            unsafe { libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC) },
            0
        );
    }
    // SAFETY: both descriptors were just opened and are owned by nobody else.
    unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) }
}

/// Reads from `fd` until `needle` has been seen or `timeout` passes.
fn read_until(fd: &OwnedFd, needle: &[u8], timeout: Duration) -> bool {
    let start = Instant::now();
    let mut seen = Vec::new();
    let mut buf = [0u8; 4096];
    while start.elapsed() < timeout {
        let mut p = libc::pollfd {
            fd: fd.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one live pollfd.
        if unsafe { libc::poll(&mut p, 1, 100) } <= 0 {
            continue;
        }
        // SAFETY: reads into a live buffer of its stated length.
        let n = unsafe { libc::read(fd.as_raw_fd(), buf.as_mut_ptr().cast(), buf.len()) };
        let Ok(n) = usize::try_from(n) else {
            return false;
        };
        seen.extend_from_slice(&buf[..n]);
        if seen.windows(needle.len()).any(|w| w == needle) {
            return true;
        }
    }
    false
}

#[test]
fn a_terminal_that_hangs_up_ends_citynet_even_with_sighup_ignored() {
    if !std::path::Path::new("/bin/sh").exists() {
        return;
    }
    let (master, slave) = openpty();
    let stdio = || Stdio::from(slave.try_clone().expect("dup the pty slave"));
    let mut cmd = Command::new("/bin/sh");
    // `trap "" HUP` as `nohup` would: citynet inherits SIGHUP ignored.
    cmd.args([
        "-c",
        "trap '' HUP; exec \"$0\"",
        env!("CARGO_BIN_EXE_citynet"),
    ])
    .env("TERM", "xterm-256color")
    .env_remove("NO_COLOR")
    .stdin(stdio())
    .stdout(stdio())
    .stderr(stdio());
    // SAFETY: only async-signal-safe calls between fork and exec: a new session, with the
    // pty (now stdin) as its controlling terminal.
    unsafe {
        use std::os::unix::process::CommandExt;
        cmd.pre_exec(|| {
            if libc::setsid() < 0 || libc::ioctl(0, libc::TIOCSCTTY, 0) < 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let mut child = cmd.spawn().expect("citynet starts");
    drop(cmd);
    drop(slave);
    let drew = read_until(&master, b"Networks", TIMEOUT);
    // The terminal goes away: its last descriptor on our side closes.
    drop(master);
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("try_wait") {
            break Some(status);
        }
        if start.elapsed() > TIMEOUT {
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    if status.is_none() {
        let _ = child.kill();
        let _ = child.wait();
    }
    assert!(drew, "citynet never drew its first screen");
    let status = status.expect("citynet kept running after its terminal hung up");
    assert_eq!(status.code(), Some(1), "{status:?}");
}
