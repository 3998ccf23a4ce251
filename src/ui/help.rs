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
                Span::styled(format!("  {keys:<22}"), theme.key),
                Span::raw(b.help),
            ]));
        }
    }
    out.push(Line::default());
    out.push(Line::styled("Mouse", theme.header));
    for (what, does) in MOUSE {
        out.push(Line::from(vec![
            Span::styled(format!("  {what:<22}"), theme.key),
            Span::raw(*does),
        ]));
    }
    out
}

pub fn line_count() -> usize {
    lines(&Theme::mono()).len()
}

pub fn render(frame: &mut Frame, app: &App) {
    let area = layout::help_area(app.size);
    frame.render_widget(Clear, area);
    let inner = layout::inner(area);
    let scroll = app.help.unwrap_or(0);
    let total = line_count();
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
    let visible: Vec<Line> = lines(&app.style)
        .into_iter()
        .skip(scroll)
        .take(usize::from(inner.height))
        .collect();
    frame.render_widget(Paragraph::new(visible), inner);
}
