//! A small harness for end-to-end tests: the real `citynet` binary in a pseudo-terminal.
//!
//! A reader thread feeds everything the program writes into a `vt100::Parser` (what a
//! person would see) and keeps the raw bytes too (to check the escape sequences sent on
//! the way out). Waits poll the parsed screen and fail with a dump of it, so a failing
//! test says what was on screen. The child is killed when the harness is dropped, so a
//! failing test never leaves a process behind.

use std::fmt::Write as _;
use std::io::{Read, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

/// Long enough for a slow, loaded CI machine; a passing test never waits this long.
pub const TIMEOUT: Duration = Duration::from_secs(15);
const POLL: Duration = Duration::from_millis(10);
/// How long the output must pause before a matching screen counts as drawn.
const SETTLE: Duration = Duration::from_millis(30);

/// Keys as the terminal sends them.
pub mod keys {
    pub const ENTER: &str = "\r";
    pub const ESC: &str = "\x1b";
    pub const CTRL_C: &str = "\x03";
    pub const F12: &str = "\x1b[24~";
    pub const CTRL_Z: &str = "\x1a";
}

/// What crossterm's `DisableMouseCapture` writes last (normal tracking off).
pub const MOUSE_OFF: &[u8] = b"\x1b[?1000l";
/// What crossterm's `EnableMouseCapture` writes first.
pub const MOUSE_ON: &[u8] = b"\x1b[?1000h";
pub const ALT_SCREEN_ON: &[u8] = b"\x1b[?1049h";
pub const ALT_SCREEN_OFF: &[u8] = b"\x1b[?1049l";

struct Output {
    parser: vt100::Parser,
    raw: Vec<u8>,
}

pub struct Tui {
    output: Arc<Mutex<Output>>,
    /// Set by the reader thread when the pty reports end of output (the child is gone).
    closed: Arc<AtomicBool>,
    writer: Box<dyn Write + Send>,
    master: Box<dyn MasterPty + Send>,
    child: Box<dyn Child + Send + Sync>,
    status: Option<ExitStatus>,
}

impl Tui {
    /// Starts `citynet` in a `cols`×`rows` pseudo-terminal with `TERM=xterm-256color`,
    /// without `NO_COLOR` or `CITYNET_DEBUG_PANIC` unless given in `env`.
    pub fn spawn(cols: u16, rows: u16, env: &[(&str, &str)]) -> Tui {
        Tui::spawn_with_args(cols, rows, env, &[])
    }

    /// [`Tui::spawn`], with command-line arguments.
    pub fn spawn_with_args(cols: u16, rows: u16, env: &[(&str, &str)], args: &[&str]) -> Tui {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_citynet"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        // A large --data file is cached (`data::cache`): not in the home of whoever runs the tests.
        cmd.env(
            "XDG_CACHE_HOME",
            std::env::temp_dir().join("citynet-tests-cache"),
        );
        // Nor the display servers and multiplexers the tests run under: a copy in a test
        // must never reach the developer's own clipboard.
        for var in [
            "NO_COLOR",
            "CITYNET_DEBUG_PANIC",
            "RUST_BACKTRACE",
            "DISPLAY",
            "WAYLAND_DISPLAY",
            "TMUX",
            "STY",
            "CITYNET_CONFIG",
            "LC_ALL",
            "LC_CTYPE",
        ] {
            cmd.env_remove(var);
        }
        // A UTF-8 locale, whatever the machine's: a non-UTF-8 one draws in ASCII.
        cmd.env("LANG", "C.UTF-8");
        // Never the tester's own config or state: a directory that is not there, and
        // nothing saved, unless a test gives its own.
        let none = std::env::temp_dir().join("citynet-e2e-no-such-dir");
        cmd.env("XDG_CONFIG_HOME", &none);
        cmd.env("XDG_STATE_HOME", &none);
        cmd.env("CITYNET_NO_SAVE", "1");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn citynet");
        // Only the child holds the slave end now, so reads end when it exits.
        drop(pair.slave);

        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let output = Arc::new(Mutex::new(Output {
            parser: vt100::Parser::new(rows, cols, 0),
            raw: Vec::new(),
        }));
        let closed = Arc::new(AtomicBool::new(false));
        {
            let output = Arc::clone(&output);
            let closed = Arc::clone(&closed);
            thread::spawn(move || {
                let mut buf = [0u8; 8192];
                loop {
                    match reader.read(&mut buf) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => {
                            let mut out = output.lock().unwrap_or_else(PoisonError::into_inner);
                            out.parser.process(&buf[..n]);
                            out.raw.extend_from_slice(&buf[..n]);
                        }
                    }
                }
                closed.store(true, Ordering::SeqCst);
            });
        }
        Tui {
            output,
            closed,
            writer,
            master: pair.master,
            child,
            status: None,
        }
    }

    fn output(&self) -> MutexGuard<'_, Output> {
        self.output.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Types `keys` (raw bytes as a terminal would send them).
    ///
    /// A lone Esc followed at once by more bytes reads as Alt plus the next key, so after
    /// sending Esc wait for its effect on screen before sending anything else.
    pub fn send(&mut self, keys: &str) {
        self.writer
            .write_all(keys.as_bytes())
            .expect("write to pty");
        self.writer.flush().expect("flush pty");
    }

    /// The screen as text, one line per row, trailing blanks trimmed.
    pub fn screen_text(&self) -> String {
        self.output().parser.screen().contents()
    }

    /// Runs `f` on the parsed screen.
    pub fn with_screen<T>(&self, f: impl FnOnce(&vt100::Screen) -> T) -> T {
        f(self.output().parser.screen())
    }

    /// Everything the program has written so far.
    pub fn raw(&self) -> Vec<u8> {
        self.output().raw.clone()
    }

    /// The last status-line row of the screen.
    pub fn last_row(&self) -> String {
        self.with_screen(|s| {
            let (rows, cols) = s.size();
            s.contents_between(rows - 1, 0, rows - 1, cols)
        })
    }

    /// Waits until `pred` holds for the screen; panics with the screen after `timeout`
    /// or as soon as the program exits.
    pub fn wait_until(
        &mut self,
        what: &str,
        timeout: Duration,
        pred: impl Fn(&vt100::Screen) -> bool,
    ) {
        let start = Instant::now();
        // A frame can arrive in several reads: once `pred` holds, wait for the output to
        // pause briefly so that the rest of the frame is on screen too.
        let mut held_since: Option<(Instant, usize)> = None;
        loop {
            if self.with_screen(&pred) {
                let len = self.output().raw.len();
                match held_since {
                    Some((at, n)) if n == len => {
                        if at.elapsed() >= SETTLE {
                            return;
                        }
                    }
                    _ => held_since = Some((Instant::now(), len)),
                }
            } else {
                held_since = None;
            }
            if let Some(status) = self.poll_exit() {
                // Output written just before exiting may still be on its way.
                self.wait_closed(Duration::from_secs(2));
                if self.with_screen(&pred) {
                    return;
                }
                panic!(
                    "citynet exited ({status:?}) while waiting for {what}; screen:\n{}",
                    self.dump()
                );
            }
            if start.elapsed() > timeout {
                panic!(
                    "timed out after {timeout:?} waiting for {what}; screen:\n{}",
                    self.dump()
                );
            }
            thread::sleep(POLL);
        }
    }

    /// Waits until `text` appears anywhere on the screen.
    pub fn wait_for_text(&mut self, text: &str, timeout: Duration) {
        self.wait_until(&format!("{text:?} on screen"), timeout, |s| {
            s.contents().contains(text)
        });
    }

    /// Waits until every one of `texts` is on the screen at once.
    pub fn wait_for_all(&mut self, texts: &[&str], timeout: Duration) {
        self.wait_until(&format!("all of {texts:?} on screen"), timeout, |s| {
            let c = s.contents();
            texts.iter().all(|t| c.contains(t))
        });
    }

    /// Waits until `text` is nowhere on the screen.
    pub fn wait_for_no_text(&mut self, text: &str, timeout: Duration) {
        self.wait_until(&format!("{text:?} gone from screen"), timeout, |s| {
            !s.contents().contains(text)
        });
    }

    /// Resizes the pty; the kernel sends the child SIGWINCH.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.output().parser.screen_mut().set_size(rows, cols);
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize pty");
    }

    /// Whether the pty is in cooked mode (line editing and echo on), as a shell expects,
    /// rather than the raw mode the program sets while it runs.
    pub fn cooked_mode(&self) -> bool {
        let fd = self.master.as_raw_fd().expect("pty master fd");
        // SAFETY: an all-zero termios is a valid value for tcgetattr to overwrite.
        let mut t: libc::termios = unsafe { std::mem::zeroed() };
        // SAFETY: fd is the open pty master; on Linux its termios is the pair's.
        let rc = unsafe { libc::tcgetattr(fd, &mut t) };
        assert_eq!(rc, 0, "tcgetattr on the pty failed");
        t.c_lflag & libc::ICANON != 0 && t.c_lflag & libc::ECHO != 0
    }

    /// Whether the child is stopped (job control), from `/proc`; `None` where there is no
    /// `/proc` to ask.
    pub fn stopped(&self) -> Option<bool> {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.pid())).ok()?;
        // The state follows the command name, which is in parentheses.
        let state = stat.rsplit_once(')')?.1.split_whitespace().next()?;
        Some(state == "T" || state == "t")
    }

    /// Waits until the child is stopped (or running again); panics after `timeout`.
    pub fn wait_stopped(&self, stopped: bool, timeout: Duration) {
        let start = Instant::now();
        while self.stopped() != Some(stopped) {
            assert!(
                start.elapsed() < timeout,
                "citynet did not {} within {timeout:?}:\n{}",
                if stopped { "stop" } else { "continue" },
                self.dump()
            );
            thread::sleep(POLL);
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("child pid")
    }

    /// Sends a signal to the child.
    pub fn signal(&self, sig: libc::c_int) {
        let pid = libc::pid_t::try_from(self.pid()).expect("pid fits pid_t");
        // SAFETY: kill(2) with a pid we spawned and have not reaped yet.
        let rc = unsafe { libc::kill(pid, sig) };
        assert_eq!(rc, 0, "kill({pid}, {sig}) failed");
    }

    fn poll_exit(&mut self) -> Option<ExitStatus> {
        if self.status.is_none() {
            self.status = self.child.try_wait().expect("try_wait");
        }
        self.status.clone()
    }

    fn wait_closed(&self, timeout: Duration) -> bool {
        let start = Instant::now();
        while !self.closed.load(Ordering::SeqCst) {
            if start.elapsed() > timeout {
                return false;
            }
            thread::sleep(POLL);
        }
        true
    }

    /// Waits for the program to exit and for all its output to be read; panics with the
    /// screen after `timeout`. Returns the exit status.
    pub fn wait_exit(&mut self, timeout: Duration) -> ExitStatus {
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.poll_exit() {
                break status;
            }
            if start.elapsed() > timeout {
                panic!(
                    "citynet did not exit within {timeout:?}; screen:\n{}",
                    self.dump()
                );
            }
            thread::sleep(POLL);
        };
        assert!(
            self.wait_closed(timeout.saturating_sub(start.elapsed()).max(POLL)),
            "the pty stayed open after citynet exited"
        );
        status
    }

    /// Waits for the program to exit and returns its exit code (1 if a signal killed it;
    /// see `wait_exit` for the signal).
    pub fn wait_exit_code(&mut self, timeout: Duration) -> u32 {
        self.wait_exit(timeout).exit_code()
    }

    /// The screen with row numbers plus the terminal modes, for failure messages.
    pub fn dump(&self) -> String {
        self.with_screen(|s| {
            let mut out = String::new();
            for (i, row) in s.contents().lines().enumerate() {
                let _ = writeln!(out, "{i:>3}|{row}");
            }
            let _ = write!(
                out,
                "[alternate screen: {}, mouse: {:?}]",
                s.alternate_screen(),
                s.mouse_protocol_mode()
            );
            out
        })
    }

    /// Asserts the terminal is as the program found it: cooked mode, normal screen, no
    /// mouse reporting, the cursor shown, and the bytes that undo the alternate screen and mouse capture
    /// sent after the ones that set them up. Call after `wait_exit`.
    pub fn assert_restored(&self) {
        let raw = self.raw();
        let dump = self.dump();
        assert!(self.cooked_mode(), "the pty was left in raw mode:\n{dump}");
        self.with_screen(|s| {
            assert!(
                !s.alternate_screen(),
                "still on the alternate screen:\n{dump}"
            );
            assert_eq!(
                s.mouse_protocol_mode(),
                vt100::MouseProtocolMode::None,
                "mouse reporting still on:\n{dump}"
            );
            assert!(!s.hide_cursor(), "the cursor is still hidden:\n{dump}");
        });
        let last = |needle: &[u8]| raw.windows(needle.len()).rposition(|w| w == needle);
        let (on, off) = (last(ALT_SCREEN_ON), last(ALT_SCREEN_OFF));
        assert!(on.is_some(), "never entered the alternate screen");
        assert!(off > on, "did not leave the alternate screen (\\e[?1049l)");
        let (on, off) = (last(MOUSE_ON), last(MOUSE_OFF));
        assert!(on.is_some(), "never enabled mouse capture");
        assert!(off > on, "did not disable mouse capture (\\e[?1000l)");
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        if self.poll_exit().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
