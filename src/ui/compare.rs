//! The comparison view: how the marked networks' rosters overlap.
//!
//! A comparison of the largest rosters holds tens of thousands of cities, so the view
//! works from the comparison `update` computed once, lays it out as light rows, and turns
//! only the rows on screen into text.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{pane, text};
use crate::app::compare::{Row, rows};
use crate::app::{App, Focus};
use crate::layout;
use citynet_core::data::countries;

fn line(app: &App, row: Row) -> Line<'static> {
    let th = &app.style;
    match row {
        Row::Text(s, true) => Line::styled(s, th.title),
        Row::Text(s, false) => Line::styled(s, th.dim),
        Row::Blank => Line::default(),
        Row::Heading(title, n) => Line::styled(
            format!("{title} ({})", crate::app::compare::count(n)),
            th.header,
        ),
        Row::None => Line::styled("  none", th.dim),
        Row::City(c) | Row::CityIn(c) => {
            let Some(city) = app.cities().cities.get(c) else {
                return Line::default();
            };
            let country = countries::name(&city.country).unwrap_or("");
            let mut spans = vec![
                Span::raw(format!(
                    "  {:<28} ",
                    text::truncate(&text::safe(&city.name), 28)
                )),
                Span::styled(format!("{} {country}", text::safe(&city.country)), th.dim),
            ];
            if matches!(row, Row::CityIn(_)) {
                spans.push(Span::raw(format!(
                    " · {}",
                    crate::app::compare::where_in(app, c)
                )));
            }
            Line::from(spans)
        }
    }
}

/// The whole comparison as text: for tests and for copying.
pub fn lines(app: &App) -> Vec<Line<'static>> {
    rows(app).into_iter().map(|r| line(app, r)).collect()
}

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let th = &app.style;
    let all = rows(app);
    let total = all.len();
    let inner = layout::inner(area);
    let height = usize::from(inner.height);
    let scroll = app.detail_scroll.min(total.saturating_sub(height.max(1)));
    let title = Line::from(vec![
        Span::styled(" Compare ", th.title),
        Span::styled(
            format!(
                "{}-{} of {} · x marks · Esc closes ",
                crate::app::compare::count(scroll + 1),
                crate::app::compare::count((scroll + height).min(total)),
                crate::app::compare::count(total)
            ),
            th.dim,
        ),
    ]);
    frame.render_widget(pane(title, app.focus == Focus::Detail, th), area);
    let focused = app.focus == Focus::Detail;
    for (i, (at, r)) in all
        .into_iter()
        .enumerate()
        .skip(scroll)
        .take(height)
        .enumerate()
    {
        let mut l = line(app, r);
        if at == app.compare_selected {
            let style = if focused {
                th.selected
            } else {
                th.selected_unfocused
            };
            l = super::highlight(l, style);
        }
        let row = Rect {
            y: inner.y + i as u16,
            height: 1,
            ..inner
        };
        frame.render_widget(Paragraph::new(l), row);
    }
}
