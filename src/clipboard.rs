//! Putting text on the clipboard, and saying truthfully how far it got.
//!
//! A terminal program has three ways to the clipboard, and none works everywhere:
//!
//! 1. the desktop's own copy command (`wl-copy`, `xclip`, `xsel`, `pbcopy`), when a display
//!    server is there: it says whether it worked, so only this one is "copied";
//! 2. inside tmux, `tmux load-buffer -w -`: tmux keeps the text as a paste buffer (which is
//!    certain) and hands it to the outer terminal's clipboard itself, whatever its
//!    `set-clipboard` says about applications' own OSC 52;
//! 3. OSC 52, the escape sequence that asks the terminal to set its clipboard. Inside tmux
//!    or screen it is wrapped in their passthrough sequence so that it reaches the outer
//!    terminal; nothing ever answers it, so the text has only been *sent to the terminal*.
//!
//! Command-line tools are used rather than a clipboard crate because on X11 and Wayland
//! the copying program must keep serving the text until something else is copied: the
//! tools fork a process that does that, while a library's copy dies with citynet.

use std::io::{self, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine;

/// A multiplexer between citynet and the terminal, whose passthrough OSC 52 needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mux {
    None,
    Tmux,
    Screen,
}

/// How the text went out: what the status line and `--copy` report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// The system clipboard, by this command, which said it worked.
    System(&'static str),
    /// tmux's paste buffer (and, by tmux, the terminal's clipboard).
    TmuxBuffer,
    /// An OSC 52 sequence was written to the terminal, through this multiplexer.
    Terminal(Mux),
    /// No way out: no clipboard command worked and there is no terminal to write to.
    Nowhere,
}

impl Route {
    /// What the person is told about copying `what` ("Eurocities's summary", "12 rows").
    pub fn says(self, what: &str) -> String {
        match self {
            Route::System(tool) => format!("Copied {what} to the clipboard (by {tool})"),
            Route::TmuxBuffer => {
                format!("Copied {what} to tmux's paste buffer (prefix ] pastes)")
            }
            Route::Terminal(mux) => {
                let through = match mux {
                    Mux::None => "",
                    Mux::Tmux => ", through tmux",
                    Mux::Screen => ", through screen",
                };
                format!(
                    "Sent {what} to the terminal (OSC 52{through}); no clipboard tool confirmed it"
                )
            }
            Route::Nowhere => format!(
                "Could not copy {what}: no clipboard command (wl-copy, xclip, xsel, pbcopy) \
                 worked and there is no terminal to send it to"
            ),
        }
    }

    /// Whether the text is known to have arrived somewhere.
    pub fn confirmed(self) -> bool {
        matches!(self, Route::System(_) | Route::TmuxBuffer)
    }
}

/// What decides the route, read from the environment once (tests build their own).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Env {
    pub wayland: bool,
    pub x11: bool,
    pub macos: bool,
    pub tmux: bool,
    pub screen: bool,
}

impl Env {
    pub fn detect() -> Env {
        let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
        Env {
            wayland: set("WAYLAND_DISPLAY"),
            x11: set("DISPLAY"),
            macos: cfg!(target_os = "macos"),
            tmux: set("TMUX"),
            // screen sets STY in every window; TERM=screen alone is also what tmux uses.
            screen: set("STY"),
        }
    }

    /// The multiplexer OSC 52 must pass through (tmux when both are set: it is inside).
    pub fn mux(&self) -> Mux {
        if self.tmux {
            Mux::Tmux
        } else if self.screen {
            Mux::Screen
        } else {
            Mux::None
        }
    }

    /// The desktop's copy commands to try, in order: each is a program and its arguments.
    pub fn system_tools(&self) -> Vec<(&'static str, &'static [&'static str])> {
        let mut tools: Vec<(&'static str, &'static [&'static str])> = Vec::new();
        if self.macos {
            tools.push(("pbcopy", &[]));
        }
        if self.wayland {
            tools.push(("wl-copy", &[]));
        }
        if self.x11 {
            tools.push(("xclip", &["-selection", "clipboard", "-in"]));
            tools.push(("xsel", &["--clipboard", "--input"]));
        }
        tools
    }
}

/// The escape sequence that asks the terminal to set the system clipboard to `text`.
pub fn osc52(text: &str) -> String {
    let b64 = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    format!("\x1b]52;c;{b64}\x07")
}

/// screen cuts a passthrough string at 768 bytes; chunks this long stay well below it.
const SCREEN_CHUNK: usize = 76;

/// OSC 52 for `text`, wrapped so that `mux` passes it on to the terminal outside it: tmux's
/// `DCS tmux; ... ST` with every ESC inside doubled, or screen's `DCS ... ST` in chunks.
pub fn terminal_bytes(text: &str, mux: Mux) -> String {
    let seq = osc52(text);
    match mux {
        Mux::None => seq,
        Mux::Tmux => format!("\x1bPtmux;{}\x1b\\", seq.replace('\x1b', "\x1b\x1b")),
        Mux::Screen => {
            let b64 = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
            // Base64 is ASCII, so cutting it by bytes never splits a character.
            let chunks: Vec<&str> = b64
                .as_bytes()
                .chunks(SCREEN_CHUNK)
                .map(|c| std::str::from_utf8(c).unwrap_or_default())
                .collect();
            format!("\x1bP\x1b]52;c;{}\x07\x1b\\", chunks.join("\x1b\\\x1bP"))
        }
    }
}

/// How long a copy command may take before it is given up on (a hung X server).
const TOOL_TIMEOUT: Duration = Duration::from_secs(2);

/// Runs `program args` with `text` on its standard input; true when it exits 0 in time.
fn run_tool(program: &str, args: &[&str], text: &str) -> bool {
    let child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        // The tools fork a process that keeps serving the text; it must not hold our
        // pipes, or waiting for the output would wait for the next copy.
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    let Ok(mut child) = child else {
        return false;
    };
    if let Some(mut stdin) = child.stdin.take() {
        // A tool that exits early closes the pipe; its exit status then says why.
        let _ = stdin.write_all(text.as_bytes());
    }
    let start = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return status.success(),
            Ok(None) if start.elapsed() < TOOL_TIMEOUT => {
                std::thread::sleep(Duration::from_millis(5));
            }
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return false;
            }
        }
    }
}

/// Copies `text` by the best route `env` offers; `terminal` writes bytes to the terminal,
/// or is `None` when there is none (a command whose stdout and stderr are not terminals
/// and no `/dev/tty`).
pub fn copy(text: &str, env: &Env, terminal: Option<&mut dyn Write>) -> io::Result<Route> {
    for (tool, args) in env.system_tools() {
        if run_tool(tool, args, text) {
            return Ok(Route::System(tool));
        }
    }
    let mux = env.mux();
    let tmux_buffer = mux == Mux::Tmux
        && (run_tool("tmux", &["load-buffer", "-w", "-"], text)
            || run_tool("tmux", &["load-buffer", "-"], text));
    let Some(out) = terminal else {
        return Ok(if tmux_buffer {
            Route::TmuxBuffer
        } else {
            Route::Nowhere
        });
    };
    // Also when tmux took it: tmux with passthrough allowed hands it on at once, and one
    // that does not ignores it.
    out.write_all(terminal_bytes(text, mux).as_bytes())?;
    out.flush()?;
    Ok(if tmux_buffer {
        Route::TmuxBuffer
    } else {
        Route::Terminal(mux)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osc52_is_base64_of_the_text() {
        assert_eq!(osc52("Łódź"), "\x1b]52;c;xYHDs2TFug==\x07");
        assert_eq!(osc52(""), "\x1b]52;c;\x07");
    }

    #[test]
    fn tmux_wraps_and_doubles_every_escape() {
        assert_eq!(
            terminal_bytes("Łódź", Mux::Tmux),
            "\x1bPtmux;\x1b\x1b]52;c;xYHDs2TFug==\x07\x1b\\"
        );
        assert_eq!(terminal_bytes("Łódź", Mux::None), osc52("Łódź"));
    }

    #[test]
    fn screen_gets_short_chunks_that_rejoin_to_the_sequence() {
        let text = "x".repeat(400);
        let bytes = terminal_bytes(&text, Mux::Screen);
        assert!(bytes.starts_with("\x1bP\x1b]52;c;") && bytes.ends_with("\x07\x1b\\"));
        let pieces: Vec<&str> = bytes
            .trim_start_matches("\x1bP")
            .trim_end_matches("\x1b\\")
            .split("\x1b\\\x1bP")
            .collect();
        assert!(pieces.len() > 1);
        assert!(pieces.iter().all(|p| p.len() < 768));
        assert_eq!(pieces.concat(), osc52(&text));
    }

    #[test]
    fn tools_follow_the_display_servers_there() {
        let none = Env::default();
        assert!(none.system_tools().is_empty());
        assert_eq!(none.mux(), Mux::None);
        let x = Env {
            x11: true,
            tmux: true,
            screen: true,
            ..Env::default()
        };
        let names: Vec<_> = x.system_tools().into_iter().map(|(t, _)| t).collect();
        assert_eq!(names, ["xclip", "xsel"]);
        assert_eq!(x.mux(), Mux::Tmux, "tmux inside screen writes to tmux");
        let w = Env {
            wayland: true,
            x11: true,
            ..Env::default()
        };
        assert_eq!(w.system_tools()[0].0, "wl-copy");
    }

    #[test]
    fn with_no_tool_the_terminal_gets_the_sequence_and_it_is_not_called_copied() {
        let mut out = Vec::new();
        let route = copy("hello", &Env::default(), Some(&mut out)).expect("writes");
        assert_eq!(route, Route::Terminal(Mux::None));
        assert_eq!(out, osc52("hello").as_bytes());
        let said = route.says("the card");
        assert!(said.starts_with("Sent the card to the terminal"), "{said}");
        assert!(!said.contains("Copied"));
        assert!(!route.confirmed());
        assert_eq!(
            copy("hello", &Env::default(), None).expect("nothing to write"),
            Route::Nowhere
        );
    }
}
