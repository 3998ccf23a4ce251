//! The `?` overlay, written from the keymap table itself.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::{layout, pane};
use crate::app::App;
use crate::app::keymap::{KEYMAP, When};
use crate::theme::Theme;

/// Mouse actions are not keys, so they are listed here beside the table.
const MOUSE: &[(&str, &str)] = &[
    ("click", "select a row and focus its pane"),
    ("click a header", "sort by that column (again: reverse)"),
    ("click a chip", "toggle that tier"),
    ("wheel", "scroll the pane under the pointer"),
];

const SECTIONS: &[When] = &[
    When::Always,
    When::Browsing,
    When::Networks,
    When::List,
    When::Members,
    When::Editing,
    When::Jump,
    When::Typing,
    When::Themes,
    When::Card,
    When::Help,
];

/// The help text, one entry per binding, grouped by where it applies.
pub fn lines(theme: &Theme) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for &when in SECTIONS {
        let bindings: Vec<_> = KEYMAP.iter().filter(|b| b.when == when).collect();
        if bindings.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(Line::default());
        }
        out.push(Line::styled(when.title(), theme.header));
        for b in bindings {
            let keys = b
                .keys
                .iter()
                .map(|k| k.label())
                .collect::<Vec<_>>()
                .join(" ");
            out.push(Line::from(vec![
                Span::styled(format!(" {keys:<KEYS_W$}"), theme.key),
                Span::raw(b.help),
            ]));
        }
    }
    out.push(Line::default());
    out.push(Line::styled("Mouse", theme.header));
    for (what, does) in MOUSE {
        out.push(Line::from(vec![
            Span::styled(format!(" {what:<KEYS_W$}"), theme.key),
            Span::raw(*does),
        ]));
    }
    out
}

/// Key column width in the help overlay.
const KEYS_W: usize = 15;
/// From this inner width the overlay shows two columns.
const TWO_COLUMNS: u16 = 110;

/// The help split into columns for an overlay `width` wide: at a section boundary near the
/// middle when there is room for two.
pub fn columns(theme: &Theme, width: u16) -> Vec<Vec<Line<'static>>> {
    let all = lines(theme);
    if width < TWO_COLUMNS {
        return vec![all];
    }
    // The section boundary (blank line) that makes the longer column shortest.
    let cut = (0..all.len())
        .filter(|&i| all[i].width() == 0)
        .min_by_key(|&i| i.max(all.len() - i - 1))
        .unwrap_or(all.len().div_ceil(2));
    let mut left = all;
    let mut right = left.split_off(cut);
    while right.first().is_some_and(|l| l.width() == 0) {
        right.remove(0);
    }
    vec![left, right]
}

/// Lines to scroll through: the longest column at the current size.
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
    out
}

pub fn line_count(app: &App) -> usize {
    let inner = layout::inner(layout::help_area(app.size));
    columns(&app.style, inner.width)
        .iter()
        .map(Vec::len)
        .max()
        .unwrap_or(0)
}

pub fn render(frame: &mut Frame, app: &App) {
    let area = layout::help_area(app.size);
    frame.render_widget(Clear, area);
    let inner = layout::inner(area);
    let scroll = app.help.unwrap_or(0);
    let cols = columns(&app.style, inner.width);
    let total = cols.iter().map(Vec::len).max().unwrap_or(0);
    let height = usize::from(inner.height);
    let more = if total > height {
        format!(
            "lines {}-{} of {total}, ↑↓ scroll · ",
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
        let visible: Vec<Line> = col.into_iter().skip(scroll).take(height).collect();
        frame.render_widget(Paragraph::new(visible), rect);
    }
}
