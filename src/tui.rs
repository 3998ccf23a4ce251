//! The terminal: raw mode, alternate screen and mouse on the way in, all three undone on
//! every way out (quit, error, panic, SIGTERM/SIGHUP), and the event loop between.

use std::io::{self, Write};
use std::time::Duration;

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;
use ratatui::layout::Rect;

use crate::app::{Action, App, Prepared, dispatch, update};
use crate::theme::Theme;
use crate::ui;

/// Leaves the terminal as we found it. Safe to call more than once.
pub fn restore() {
    let _ = execute!(io::stdout(), DisableMouseCapture);
    ratatui::restore();
    let _ = io::stdout().flush();
    // Wait until the terminal has taken every byte: on Linux a pseudo-terminal whose other
    // end closes right after can drop the last ones, which are exactly the sequences that
    // leave the alternate screen.
    #[cfg(unix)]
    // SAFETY: tcdrain only reads the descriptor's state; stdout stays open for the
    // process's life, and on a non-terminal it just fails with ENOTTY.
    unsafe {
        libc::tcdrain(libc::STDOUT_FILENO);
    }
}

/// ratatui's panic hook leaves raw mode and the alternate screen; mouse capture is ours
/// to undo, before the panic message is printed so that it is readable.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// A terminating signal would otherwise kill us with the terminal still in raw mode.
fn install_signal_handler() {
    use signal_hook::consts::{SIGHUP, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP]) else {
        return;
    };
    std::thread::spawn(move || {
        if let Some(sig) = signals.forever().next() {
            restore();
            std::process::exit(128 + sig);
        }
    });
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
            dispatch(key, app.context())
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

fn event_loop(terminal: &mut DefaultTerminal, app: &mut App) -> io::Result<()> {
    loop {
        terminal.draw(|frame| ui::view(frame, app))?;
        if app.quit {
            return Ok(());
        }
        // Block until something happens (no CPU while idle), then apply everything
        // already queued before drawing again, so fast typing never lags behind.
        let first = event::read()?;
        let mut next = Some(first);
        while let Some(ev) = next {
            if let Some(a) = action_for(&ev, app) {
                update(app, a);
            }
            if let Some(text) = app.clipboard.take() {
                let mut out = io::stdout();
                out.write_all(crate::export::osc52(&text).as_bytes())?;
                out.flush()?;
            }
            if app.quit {
                break;
            }
            next = if event::poll(Duration::ZERO)? {
                Some(event::read()?)
            } else {
                None
            };
        }
    }
}

/// Runs the interactive app until the user quits.
pub fn run(prepared: Prepared) -> io::Result<()> {
    let theme = Theme::from_env();
    let mut terminal = ratatui::try_init()?;
    install_panic_hook();
    install_signal_handler();
    let result = (|| {
        execute!(io::stdout(), EnableMouseCapture)?;
        // Starts crossterm's reader, and so its SIGWINCH handler, before the size is read:
        // a resize in between would otherwise be lost (the signal is ignored until then).
        event::poll(Duration::ZERO)?;
        let size = terminal.size()?;
        let mut app = App::from_prepared(prepared, theme, Rect::new(0, 0, size.width, size.height));
        app.index_in_background();
        event_loop(&mut terminal, &mut app)
    })();
    restore();
    result
}
