//! The terminal while a `--data` file loads (`crate::loading`): a frame at once, redrawn
//! as the load goes on, `q`, Esc and Ctrl-C leaving at any moment, and every other key
//! kept for the app, which gets them in order once it exists.

use std::io;
use std::time::Duration;

use ratatui::crossterm::event::{self, Event, KeyCode, KeyEvent, KeyModifiers};

use super::Term;
use crate::app::{Action, Context, Prepared, dispatch};
use crate::cli::errors::Failure;
use crate::loading::{Loader, Status};
use crate::theme::Theme;
use crate::ui::loading::{LoadingView, render};

/// How the wait for the data ended.
pub enum Waited {
    /// The data, and the events that came in while it loaded.
    Ready(Prepared, Vec<Event>),
    Quit,
    Failed(Failure),
}

/// How often the screen is redrawn while the load runs: often enough that its figures move
/// smoothly, seldom enough to cost the load nothing.
const REDRAW: Duration = Duration::from_millis(50);
/// How long a load may take before it gets a loading screen: a small file is ready sooner,
/// and its app is drawn straight away, without a screen that flashes.
const GRACE: Duration = Duration::from_millis(20);

/// Whether `key` leaves during the load, given the keys already kept: Ctrl-C always; `q`
/// and Esc unless a kept key opened a line to type into or an overlay, where they mean
/// what they would there.
fn quits(key: &KeyEvent, kept: &[Event]) -> bool {
    if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
        return true;
    }
    if !matches!(key.code, KeyCode::Char('q') | KeyCode::Esc) {
        return false;
    }
    !kept.iter().any(|e| {
        matches!(e, Event::Key(k) if matches!(
            dispatch(k, Context::Networks),
            Some(Action::StartFilter | Action::OpenJump | Action::OpenThemes | Action::ToggleHelp)
        ))
    })
}

/// Draws the loading screen until the data is ready, the load fails or the person leaves.
pub fn wait(
    terminal: &mut Term,
    loader: &Loader,
    theme: &Theme,
    glyphs: crate::ui::glyphs::Glyphs,
) -> io::Result<Waited> {
    let mut kept = Vec::new();
    let mut drawn = false;
    #[cfg(unix)]
    let input = super::Input {
        tty: if io::IsTerminal::is_terminal(&io::stdin()) {
            None
        } else {
            std::fs::File::open("/dev/tty").ok()
        },
        requests: None,
    };
    loop {
        match loader.status() {
            Status::Done(Ok(prepared)) => return Ok(Waited::Ready(prepared, kept)),
            Status::Done(Err(failure)) => return Ok(Waited::Failed(failure)),
            Status::Running => {}
        }
        let elapsed = loader.started.elapsed();
        if drawn || elapsed >= GRACE {
            let view = LoadingView {
                file: &loader.name,
                stage: loader.progress.stage(),
                read: loader.progress.read(),
                total: loader.progress.total(),
                elapsed,
            };
            terminal.draw(|frame| {
                render(frame, &view, theme);
                crate::ui::glyphs::finish(frame.buffer_mut(), glyphs);
            })?;
            drawn = true;
        }
        let timeout = if drawn {
            REDRAW
        } else {
            GRACE.saturating_sub(elapsed)
        };
        #[cfg(unix)]
        wait_for_input(&input, loader, timeout)?;
        #[cfg(not(unix))]
        event::poll(timeout)?;
        while event::poll(Duration::ZERO)? {
            match event::read()? {
                Event::Key(key) if quits(&key, &kept) => return Ok(Waited::Quit),
                ev @ Event::Key(_) => kept.push(ev),
                // The app is made at the terminal's size when the data arrives, and the
                // loading screen has nothing to click.
                _ => {}
            }
        }
    }
}

/// Waits until a key, the end of the load, or `timeout`; an error when the terminal has
/// hung up (crossterm would spin on it for ever).
#[cfg(unix)]
fn wait_for_input(input: &super::Input, loader: &Loader, timeout: Duration) -> io::Result<()> {
    if super::wait_on_terminal(input.tty_fd(), loader.wake_fd(), Some(timeout))? {
        return Err(io::Error::new(
            io::ErrorKind::BrokenPipe,
            "the terminal hung up",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn q_quits_a_load_unless_a_kept_key_opened_a_line_to_type_into() {
        let q = key(KeyCode::Char('q'));
        assert!(quits(&q, &[]));
        assert!(quits(&key(KeyCode::Esc), &[Event::Key(key(KeyCode::Down))]));
        let slash = Event::Key(key(KeyCode::Char('/')));
        assert!(!quits(&q, std::slice::from_ref(&slash)));
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert!(quits(&ctrl_c, &[slash]));
        assert!(!quits(&key(KeyCode::Char('j')), &[]));
    }
}
