//! The `?` overlay, written from the keymap table itself (`keymap::help_lines`).

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::{pane, text};
use crate::app::App;
use crate::app::keymap::{HelpLine, KEYMAP, MOUSE, SECTIONS, SYMBOLS, help_lines, section_of};
use crate::layout;
use crate::theme::Theme;

/// Key column width in the help overlay.
const KEYS_W: usize = 17;

/// One help line, cut with an ellipsis to `width` columns; `here` is the title of the
/// section for where help was opened from, which is marked.
fn styled(line: HelpLine, theme: &Theme, width: usize, here: Option<&str>) -> Line<'static> {
    match line {
        HelpLine::Blank => Line::default(),
        HelpLine::Section(title) if Some(title) == here => Line::from(vec![
            Span::styled(text::truncate(title, width), theme.header),
            Span::styled(
                text::truncate(" ◀ you are here", width.saturating_sub(text::width(title))),
                theme.key,
            ),
        ]),
        HelpLine::Section(title) => Line::styled(text::truncate(title, width), theme.header),
        HelpLine::Keys(keys, does) => {
            let keys = text::truncate(&format!(" {keys:<KEYS_W$} "), width);
            let room = width.saturating_sub(text::width(&keys));
            Line::from(vec![
                Span::styled(keys, theme.key),
                Span::raw(text::truncate(does, room)),
            ])
        }
    }
}

/// The help text, one entry per binding, grouped by where it applies.
pub fn lines(theme: &Theme) -> Vec<Line<'static>> {
    help_lines()
        .into_iter()
        .map(|l| styled(l, theme, usize::MAX, None))
        .collect()
}

/// The key table as Markdown, for the README (a test keeps the README's copy equal).
pub fn markdown() -> String {
    let mut out = String::from("| Where | Keys | What |\n| --- | --- | --- |\n");
    for &when in SECTIONS {
        for b in KEYMAP.iter().filter(|b| b.when == when) {
            let keys = b
                .keys
                .iter()
                .map(|k| format!("`{}`", k.label()))
                .collect::<Vec<_>>()
                .join(" ");
            out.push_str(&format!("| {} | {keys} | {} |\n", when.title(), b.help));
        }
    }
    for (what, does) in MOUSE {
        out.push_str(&format!("| Mouse | {what} | {does} |\n"));
    }
    for (mark, means) in SYMBOLS {
        out.push_str(&format!("| Symbol | `{mark}` | {means} |\n"));
    }
    out
}

pub fn render(frame: &mut Frame, app: &App) {
    let Some(scroll) = app.help_scroll() else {
        return;
    };
    let area = layout::help_area(app.size);
    frame.render_widget(Clear, area);
    let inner = layout::inner(area);
    let cols = app.keys.help_columns(inner.width);
    let total = cols.iter().map(Vec::len).max().unwrap_or(0);
    let height = usize::from(inner.height);
    let more = if total > height {
        format!(
            "lines {}-{} of {total} · ↑↓ PgUp PgDn g G scroll · ",
            scroll + 1,
            (scroll + height).min(total)
        )
    } else {
        String::new()
    };
    let title = Line::from(vec![
        Span::styled(" Keys ", app.style.title),
        Span::styled(format!("({more}? or Esc closes) "), app.style.dim),
    ]);
    frame.render_widget(pane(title, true, &app.style), area);
    let n = cols.len() as u16;
    let col_w = inner.width / n.max(1);
    for (i, col) in cols.into_iter().enumerate() {
        let rect = ratatui::layout::Rect {
            x: inner.x + col_w * i as u16,
            // A gap between the columns.
            width: col_w.saturating_sub(2),
            ..inner
        };
        let here = app.help_here().map(|cx| section_of(cx).title());
        let visible: Vec<Line> = col
            .into_iter()
            .skip(scroll)
            .take(height)
            .map(|l| styled(l, &app.style, usize::from(rect.width), here))
            .collect();
        frame.render_widget(Paragraph::new(visible), rect);
    }
}
