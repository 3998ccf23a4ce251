//! The terminal: raw mode, alternate screen, mouse capture and a hidden cursor on the way
//! in; all of it undone on every way out (quit, error, panic, every terminating signal, a
//! terminal that hangs up), and for a suspend (Ctrl-Z, SIGTSTP) until `fg` brings it back.
//!
//! Restoring must work when the terminal is already gone, from the signal thread and the
//! panic hook alike: it writes the bytes that undo each mode straight to the descriptor,
//! ignores every error, runs at most once per setup, and never prints (an `eprintln!` to
//! a dead terminal panics, and a panic inside the panic hook aborts).

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{self, Event, MouseButton, MouseEventKind};
use ratatui::crossterm::terminal::{disable_raw_mode, enable_raw_mode};
use ratatui::layout::Rect;

use crate::app::{Action, App, update};
use crate::cli::errors::Failure;
use crate::loading::Source;
use crate::prefs::state::View;
use crate::prefs::{Saved, Store};
use crate::settings::Settings;
use crate::theme::Theme;
use crate::ui;

mod loading;
mod sgr;

type Term = Terminal<CrosstermBackend<sgr::Sgr16<io::Stdout>>>;

/// Alternate screen on, then mouse capture on (crossterm's `EnableMouseCapture`).
const ENTER: &[u8] = b"\x1b[?1049h\x1b[?1000h\x1b[?1002h\x1b[?1003h\x1b[?1015h\x1b[?1006h";
/// Mouse capture off (crossterm's `DisableMouseCapture`), alternate screen off, cursor shown.
const LEAVE: &[u8] = b"\x1b[?1006l\x1b[?1015l\x1b[?1003l\x1b[?1002l\x1b[?1000l\x1b[?1049l\x1b[?25h";

/// Whether the terminal is in the app's modes, so that restoring has anything to undo.
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Writes `bytes` to the terminal, giving up at the first error: there is no one to tell.
fn write_raw(bytes: &[u8]) {
    #[cfg(unix)]
    {
        let mut rest = bytes;
        while !rest.is_empty() {
            // SAFETY: writes from a live slice to descriptor 1; a closed or dead descriptor
            // only makes it fail.
            let n = unsafe { libc::write(libc::STDOUT_FILENO, rest.as_ptr().cast(), rest.len()) };
            match usize::try_from(n) {
                Ok(0) => return,
                Ok(n) => rest = rest.get(n..).unwrap_or_default(),
                Err(_) if io::Error::last_os_error().kind() == io::ErrorKind::Interrupted => {}
                Err(_) => return,
            }
        }
    }
    #[cfg(not(unix))]
    {
        let mut out = io::stdout();
        let _ = out.write_all(bytes).and_then(|()| out.flush());
    }
}

fn enter() -> io::Result<()> {
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    let mut out = io::stdout();
    out.write_all(ENTER)?;
    out.flush()
}

/// Leaves the terminal as we found it: mouse capture off, the normal screen back, the
/// cursor shown, cooked mode. Safe to call more than once and from any thread, and on a
/// terminal that is gone; it never panics and never prints.
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    // Not through `io::stdout()`: the main thread may hold its lock, blocked on a write.
    write_raw(LEAVE);
    let _ = disable_raw_mode();
    // Wait until the terminal has taken every byte: on Linux a pseudo-terminal whose other
    // end closes right after can drop the last ones, which are exactly the sequences that
    // leave the alternate screen.
    #[cfg(unix)]
    // SAFETY: tcdrain only reads the descriptor's state; on a non-terminal or a dead one it
    // just fails.
    unsafe {
        libc::tcdrain(libc::STDOUT_FILENO);
    }
}

/// Restores the terminal before the panic message is printed, so that it is readable.
/// Not ratatui's hook, which prints with `eprintln!` when restoring fails.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

#[cfg(unix)]
mod signals {
    //! Which signals end the app, and the ones it handles on the main thread (a suspend,
    //! a continue, a resize), each of which wakes it from waiting for input.

    use std::io::{self, Read};
    use std::os::fd::AsRawFd;
    use std::os::unix::net::UnixStream;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};

    use signal_hook::consts::{
        SIGALRM, SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGUSR1, SIGUSR2, SIGWINCH,
    };

    /// Every signal whose default action ends the process and that a terminal user may
    /// meet: each restores the terminal first.
    pub const TERMINATING: [i32; 7] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM];

    /// Whether `sig` is ignored as the process starts (`nohup`, `trap "" HUP`): the user
    /// asked for it to be, so it stays so.
    fn ignored(sig: i32) -> bool {
        // SAFETY: an all-zero sigaction is a valid value for sigaction to overwrite, and a
        // null new action only reads the current one.
        unsafe {
            let mut old: libc::sigaction = std::mem::zeroed();
            libc::sigaction(sig, std::ptr::null(), &mut old) == 0
                && old.sa_sigaction == libc::SIG_IGN
        }
    }

    /// A thread that restores the terminal and exits as the signal would have (128 + its
    /// number) on any terminating signal.
    pub fn on_termination(restore: fn()) {
        let wanted: Vec<i32> = TERMINATING.into_iter().filter(|&s| !ignored(s)).collect();
        let Ok(mut signals) = signal_hook::iterator::Signals::new(wanted) else {
            return;
        };
        std::thread::spawn(move || {
            if let Some(sig) = signals.forever().next() {
                restore();
                // Not `process::exit`: its clean-up takes the stdout lock, which the main
                // thread may hold while blocked on a dead terminal.
                // SAFETY: _exit ends the process at once; nothing is left to run.
                unsafe { libc::_exit(128 + sig) };
            }
        });
    }

    /// Suspend and continue requests, and the wake-up byte any of them (or a resize)
    /// writes.
    pub struct Requests {
        pub suspend: Arc<AtomicBool>,
        pub resumed: Arc<AtomicBool>,
        wake: UnixStream,
    }

    impl Requests {
        pub fn install() -> io::Result<Requests> {
            let (wake, write) = UnixStream::pair()?;
            wake.set_nonblocking(true)?;
            let suspend = Arc::new(AtomicBool::new(false));
            let resumed = Arc::new(AtomicBool::new(false));
            signal_hook::flag::register(SIGTSTP, Arc::clone(&suspend))?;
            signal_hook::flag::register(SIGCONT, Arc::clone(&resumed))?;
            for sig in [SIGTSTP, SIGCONT, SIGWINCH] {
                signal_hook::low_level::pipe::register(sig, write.try_clone()?)?;
            }
            Ok(Requests {
                suspend,
                resumed,
                wake,
            })
        }

        pub fn wake_fd(&self) -> i32 {
            self.wake.as_raw_fd()
        }

        /// Reads every wake-up byte waiting.
        pub fn drain(&self) {
            let mut buf = [0u8; 64];
            while matches!((&self.wake).read(&mut buf), Ok(n) if n > 0) {}
        }

        pub fn take_suspend(&self) -> bool {
            self.suspend.swap(false, Ordering::SeqCst)
        }

        pub fn take_resumed(&self) -> bool {
            self.resumed.swap(false, Ordering::SeqCst)
        }
    }

    /// Stops the process until it is continued (`fg`, SIGCONT), as SIGTSTP would have.
    pub fn stop() {
        let _ = signal_hook::low_level::emulate_default_handler(SIGTSTP);
    }

    /// What Ctrl-Z does in a shell: SIGTSTP to the whole process group, so that a parent
    /// waiting on us (`cargo run`) stops too. Ours arrives as a suspend request.
    pub fn suspend_group() {
        // SAFETY: kill(2) with pid 0 signals our own process group.
        unsafe {
            libc::kill(0, SIGTSTP);
        }
    }
}

/// The terminal's input, watched for a hang-up that crossterm would not report: on a
/// terminal that is gone, its reader spins on empty reads for ever. So the loop waits here
/// first, with `poll(2)`, and asks crossterm only for input that is really there.
#[cfg(unix)]
struct Input {
    /// The terminal crossterm reads: stdin, or `/dev/tty` when stdin is not one.
    tty: Option<std::fs::File>,
    requests: Option<signals::Requests>,
}

#[cfg(unix)]
enum Woken {
    Input,
    HungUp,
}

#[cfg(unix)]
impl Input {
    fn open() -> Input {
        use std::io::IsTerminal;
        let tty = if io::stdin().is_terminal() {
            None
        } else {
            std::fs::File::open("/dev/tty").ok()
        };
        Input {
            tty,
            requests: signals::Requests::install().ok(),
        }
    }

    fn tty_fd(&self) -> i32 {
        use std::os::fd::AsRawFd;
        self.tty
            .as_ref()
            .map_or(libc::STDIN_FILENO, |f| f.as_raw_fd())
    }

    /// Blocks until there is input, a signal to handle, or the terminal hangs up.
    fn wait(&self) -> io::Result<Woken> {
        let wake = self
            .requests
            .as_ref()
            .map_or(-1, signals::Requests::wake_fd);
        if wait_on_terminal(self.tty_fd(), wake, None)? {
            return Ok(Woken::HungUp);
        }
        if let Some(r) = &self.requests {
            r.drain();
        }
        Ok(Woken::Input)
    }
}

/// Waits until the terminal `tty` or the descriptor `other` (skipped when negative) is
/// ready, or `timeout` has passed (`None`: no limit), again when a signal interrupts the
/// wait. Whether the terminal hung up: crossterm would spin on a dead one for ever.
#[cfg(unix)]
fn wait_on_terminal(tty: i32, other: i32, timeout: Option<Duration>) -> io::Result<bool> {
    let mut fds = [
        libc::pollfd {
            fd: tty,
            events: libc::POLLIN,
            revents: 0,
        },
        libc::pollfd {
            fd: other,
            events: libc::POLLIN,
            revents: 0,
        },
    ];
    let until = timeout.map(|t| std::time::Instant::now() + t);
    loop {
        let ms = until.map_or(-1, |u| {
            let left = u.saturating_duration_since(std::time::Instant::now());
            i32::try_from(left.as_millis()).unwrap_or(i32::MAX)
        });
        // SAFETY: `fds` is a live array of two pollfd; a negative fd is skipped.
        let n = unsafe { libc::poll(fds.as_mut_ptr(), 2, ms) };
        if n < 0 {
            let e = io::Error::last_os_error();
            if e.kind() == io::ErrorKind::Interrupted {
                continue;
            }
            return Err(e);
        }
        return Ok(fds[0].revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0);
    }
}

/// The action an input event means, if any.
pub fn action_for(event: &Event, app: &App) -> Option<Action> {
    match event {
        Event::Key(key) => {
            #[cfg(debug_assertions)]
            if key.code == event::KeyCode::F(12)
                && std::env::var_os("CITYNET_DEBUG_PANIC").is_some()
            {
                panic!("deliberate panic (CITYNET_DEBUG_PANIC, debug builds only)");
            }
            app.keys.dispatch(key, app.context())
        }
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                column: m.column,
                row: m.row,
            }),
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => Some(Action::Scroll {
                column: m.column,
                row: m.row,
                down: m.kind == MouseEventKind::ScrollDown,
            }),
            _ => None,
        },
        Event::Resize(width, height) => Some(Action::Resize {
            width: *width,
            height: *height,
        }),
        _ => None,
    }
}

/// Back from a stop: the shell has put the terminal back its own way, so every mode is set
/// again and the whole screen redrawn.
fn reenter(terminal: &mut Term, app: &mut App) -> io::Result<()> {
    enter()?;
    // A new terminal has empty buffers, so the next frame is drawn whole onto the screen
    // cleared here. (`Terminal::clear` would ask the terminal where its cursor is first.)
    write_raw(b"\x1b[2J");
    let old = std::mem::replace(
        terminal,
        Terminal::new(CrosstermBackend::new(sgr::Sgr16::new(io::stdout())))?,
    );
    // As in `run`: dropping it could print to a terminal that has gone.
    std::mem::forget(old);
    let size = terminal.size()?;
    update(
        app,
        Action::Resize {
            width: size.width,
            height: size.height,
        },
    );
    Ok(())
}

/// Suspend and continue requests that arrived since the last look.
#[cfg(unix)]
fn handle_requests(input: &Input, terminal: &mut Term, app: &mut App) -> io::Result<()> {
    let Some(r) = &input.requests else {
        return Ok(());
    };
    if r.take_suspend() {
        restore();
        signals::stop();
        // Continued: the SIGCONT that did it needs nothing more.
        r.take_resumed();
        reenter(terminal, app)?;
    } else if r.take_resumed() {
        // Stopped by something we could not see coming (SIGSTOP), and continued.
        reenter(terminal, app)?;
    }
    Ok(())
}

/// Writes the changes the last actions made to the saved state, merged with what other
/// citynets wrote meanwhile; a problem saving is said on the status line.
fn save(store: &mut Store, app: &mut App) {
    if app.pending.is_empty() {
        return;
    }
    let ops = std::mem::take(&mut app.pending);
    let (merged, notices) = store.commit(&ops);
    if let Some(m) = merged {
        app.saved = m;
    }
    if !notices.is_empty() {
        app.message = Some(notices.join(" · "));
    }
}

fn apply(event: &Event, terminal: &mut Term, app: &mut App, store: &mut Store) -> io::Result<()> {
    let Some(action) = action_for(event, app) else {
        return Ok(());
    };
    if action == Action::Suspend {
        #[cfg(unix)]
        signals::suspend_group();
        return Ok(());
    }
    update(app, action);
    save(store, app);
    if matches!(app.mode, crate::app::Mode::Jump(_)) {
        app.indexes.prepare_jump();
    }
    if let Some(clip) = &app.clipboard {
        let env = crate::clipboard::Env::detect();
        let route = crate::clipboard::copy(&clip.text, &env, Some(terminal.backend_mut()))?;
        update(app, Action::Copied(route));
    }
    Ok(())
}

fn event_loop(terminal: &mut Term, app: &mut App, store: &mut Store) -> io::Result<()> {
    #[cfg(unix)]
    let input = Input::open();
    loop {
        terminal.draw(|frame| ui::view(frame, app))?;
        if app.quit {
            return Ok(());
        }
        // Block until something happens (no CPU while idle), then apply everything
        // already queued before drawing again, so fast typing never lags behind.
        #[cfg(unix)]
        {
            if let Woken::HungUp = input.wait()? {
                return Err(io::Error::new(
                    io::ErrorKind::BrokenPipe,
                    "the terminal hung up",
                ));
            }
            handle_requests(&input, terminal, app)?;
        }
        #[cfg(not(unix))]
        {
            let first = event::read()?;
            apply(&first, terminal, app, store)?;
        }
        while !app.quit && event::poll(Duration::ZERO)? {
            let ev = event::read()?;
            apply(&ev, terminal, app, store)?;
            #[cfg(unix)]
            handle_requests(&input, terminal, app)?;
        }
    }
}

/// A person's own citynet for this run: their checked config, their saved state and
/// where it is kept, what was wrong with it, and a saved view to start at.
pub struct Mine {
    pub settings: Settings,
    pub store: Store,
    pub saved: Saved,
    pub notices: Vec<String>,
    pub view: Option<View>,
}

impl Default for Mine {
    fn default() -> Mine {
        Mine {
            settings: Settings::default(),
            store: Store::none(),
            saved: Saved::default(),
            notices: Vec::new(),
            view: None,
        }
    }
}

/// Runs the interactive app until the user quits, on data that may still be loading (a
/// loading screen shows until it is in, `tui::loading`); `mine` reads the person's own
/// citynet, checked against the data once it is in. A load or a config that fails is
/// handed back, to be told once the terminal is restored.
pub fn run(
    source: Source,
    loading_glyphs: crate::ui::glyphs::Glyphs,
    mine: impl FnOnce(&citynet_core::data::Dataset) -> Result<Mine, Failure>,
) -> io::Result<Result<(), Failure>> {
    install_panic_hook();
    #[cfg(unix)]
    signals::on_termination(restore);
    enter()?;
    let result = (|| {
        let mut terminal = Terminal::new(CrosstermBackend::new(sgr::Sgr16::new(io::stdout())))?;
        // Starts crossterm's reader, and so its SIGWINCH handler, before the size is read:
        // a resize in between would otherwise be lost (the signal is ignored until then).
        event::poll(Duration::ZERO)?;
        let (prepared, kept) = match source {
            Source::Ready(prepared) => (prepared, Vec::new()),
            // The config's theme is not known before the data is in (the config is
            // checked against it): the loading screen has the environment's, and the
            // drawing mode the command line and the locale choose.
            Source::Loading(loader) => {
                match loading::wait(&mut terminal, &loader, &Theme::from_env(), loading_glyphs) {
                    Ok(loading::Waited::Ready(prepared, kept)) => (prepared, kept),
                    ended => {
                        // As below: dropping it could print to a terminal that has gone.
                        std::mem::forget(terminal);
                        return ended.map(|w| match w {
                            loading::Waited::Failed(failure) => Err(failure),
                            _ => Ok(()),
                        });
                    }
                }
            }
        };
        let Mine {
            settings,
            mut store,
            saved,
            notices,
            view,
        } = match mine(&prepared.data) {
            Ok(m) => m,
            Err(failure) => {
                std::mem::forget(terminal);
                return Ok(Err(failure));
            }
        };
        let theme = Theme::from_env_or(settings.theme.clone());
        let size = terminal.size()?;
        let mut app = App::from_prepared(prepared, theme, Rect::new(0, 0, size.width, size.height));
        app.personalise(
            settings.keys,
            saved,
            settings.network,
            settings.side,
            (settings.plain.unwrap_or(false), settings.accessible),
        );
        if let Some(v) = &view
            && let Err(e) = crate::app::mine::open_view(&mut app, v)
        {
            app.message = Some(e);
        }
        if !notices.is_empty() {
            app.message = Some(notices.join(" · "));
        }
        app.index_in_background();
        for ev in &kept {
            if !app.quit {
                apply(ev, &mut terminal, &mut app, &mut store)?;
            }
        }
        let result = event_loop(&mut terminal, &mut app, &mut store).map(Ok);
        save(&mut store, &mut app);
        // Dropping the terminal would show the cursor again and, should that fail on a
        // terminal that is gone, print about it; `restore` shows it, and prints nothing.
        std::mem::forget(terminal);
        result
    })();
    restore();
    result
}
