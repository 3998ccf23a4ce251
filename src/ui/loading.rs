//! The screen shown while a `--data` file loads: which file, what the load is doing, how
//! much of it has been read, and how to leave.

use std::time::Duration;

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use citynet_core::data::load::{Stage, size_text};
use citynet_core::text::{safe, truncate};

use crate::theme::Theme;

/// What the loading screen shows, read from the running load.
pub struct LoadingView<'a> {
    pub file: &'a str,
    pub stage: Stage,
    pub read: u64,
    pub total: Option<u64>,
    pub elapsed: Duration,
}

/// "12 MiB of 31 MiB read", or without the total for a pipe.
fn amount(view: &LoadingView) -> String {
    match view.total {
        Some(total) => format!("{} of {} read", size_text(view.read), size_text(total)),
        None => format!("{} read", size_text(view.read)),
    }
}

/// A bar `width` cells wide, filled by the share of the file read.
fn bar(read: u64, total: u64, width: usize) -> (String, String) {
    let filled = if total == 0 {
        width
    } else {
        let share = u128::from(read.min(total)) * width as u128 / u128::from(total);
        usize::try_from(share).unwrap_or(width)
    };
    ("█".repeat(filled), "░".repeat(width.saturating_sub(filled)))
}

/// "parsing · 12 MiB of 31 MiB read · 0.4 s", without the time when it does not fit.
fn status(view: &LoadingView, width: usize) -> String {
    let head = format!("{} · {}", view.stage.describe(), amount(view));
    let full = format!("{head} · {:.1} s", view.elapsed.as_secs_f64());
    if citynet_core::text::width(&full) <= width {
        full
    } else {
        head
    }
}

pub fn render(frame: &mut Frame, view: &LoadingView, theme: &Theme) {
    let area = frame.area();
    let width = usize::from(area.width);
    let file = truncate(&safe(view.file), width.saturating_sub(8));
    let mut lines = vec![
        Line::styled("citynet", theme.title),
        Line::from(vec![
            Span::styled("Loading ", theme.text),
            Span::styled(file, theme.label),
        ]),
        Line::styled(status(view, width), theme.dim),
    ];
    if let Some(total) = view.total {
        let (done, left) = bar(view.read, total, width.saturating_sub(4).min(40));
        lines.push(Line::from(vec![
            Span::styled(done, theme.bar),
            Span::styled(left, theme.dim),
        ]));
    }
    lines.push(Line::from(vec![
        Span::styled("q", theme.key),
        Span::styled(" quits · keys typed wait for the data", theme.dim),
    ]));
    let height = u16::try_from(lines.len()).unwrap_or(u16::MAX);
    let top = area.height.saturating_sub(height) / 2;
    let rect = Rect {
        y: area.y + top,
        height: area.height - top,
        ..area
    };
    frame.render_widget(Paragraph::new(lines).alignment(Alignment::Center), rect);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_fills_with_the_share_read() {
        assert_eq!(bar(0, 100, 10), (String::new(), "░".repeat(10)));
        assert_eq!(bar(50, 100, 10), ("█".repeat(5), "░".repeat(5)));
        assert_eq!(bar(200, 100, 4), ("█".repeat(4), String::new()));
    }
}
