//! The overlays of a person's own state: the pinned list, the saved views, and the
//! prompt that names a view. Their hints name the keys the keymap (config included) has.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::{pane, text};
use crate::app::keymap::Command;
use crate::app::{App, Context, Mode};
use crate::layout;
use crate::layout::centred;
use crate::pinned;

/// "Enter goes · d unpins": each hint with the keys bound to it in `cx`.
fn hints(app: &App, cx: Context, items: &[(Command, &str)]) -> String {
    let parts: Vec<String> = items
        .iter()
        .filter_map(|(c, what)| {
            let keys = app.keys.keys_for(*c, cx);
            (!keys.is_empty()).then(|| format!("{keys} {what}"))
        })
        .collect();
    format!("{} ", parts.join(" · "))
}

pub fn render_pins(frame: &mut Frame, app: &App) {
    let Mode::Pins { selected } = app.mode else {
        return;
    };
    let th = &app.style;
    let entries = pinned::entries(&app.data, app.cities(), &app.saved.pins);
    // As tall as its lines (two a pin at least), within the screen.
    let want: usize = entries
        .iter()
        .map(|e| 1 + e.seats.len().max(1))
        .sum::<usize>()
        + 2;
    let area = centred(app.size, 96, u16::try_from(want.max(5)).unwrap_or(u16::MAX));
    frame.render_widget(Clear, area);
    let title = Line::from(vec![
        Span::styled(format!(" Pinned ({}) ", entries.len()), th.title),
        Span::styled(
            hints(
                app,
                Context::Pins,
                &[
                    (Command::Open, "goes"),
                    (Command::Delete, "unpins"),
                    (Command::CopySelection, "copies a brief"),
                    (Command::Back, "closes"),
                ],
            ),
            th.dim,
        ),
    ]);
    frame.render_widget(pane(title, true, th), area);
    let inner = layout::inner(area);
    let width = usize::from(inner.width);
    if entries.is_empty() {
        let pin = app.keys.keys_for(Command::Pin, Context::Networks);
        frame.render_widget(
            Paragraph::new(Line::styled(
                text::truncate(
                    &format!("Nothing pinned yet: {pin} pins the selected network, or a member's city in its table."),
                    width,
                ),
                th.dim,
            )),
            inner,
        );
        return;
    }
    let mut lines = Vec::new();
    let mut first_of_selected = 0;
    for (i, e) in entries.iter().enumerate() {
        let is = i == selected;
        if is {
            first_of_selected = lines.len();
        }
        let when = e
            .pinned
            .as_deref()
            .map_or(String::new(), |d| format!("  pinned {d}"));
        let kind = if e.kind == "network" {
            "network  "
        } else {
            "city     "
        };
        let mut head = Line::from(vec![
            Span::raw(if is { th.marker } else { "  " }),
            Span::styled(kind, th.dim),
            Span::styled(text::safe(&e.title).into_owned(), th.label),
            Span::styled(when, th.dim),
        ]);
        if is {
            head = head.style(th.selected);
        }
        lines.push(head);
        let mut sub: Vec<String> = e
            .seats
            .iter()
            .map(|s| {
                let mut t = format!("{}: {}", s.network, s.tier);
                if let Some(y) = s.since {
                    t.push_str(&format!(", since {y}"));
                }
                if s.founding {
                    t.push_str(", founding member");
                }
                format!("{t} · list {}", s.list)
            })
            .collect();
        if e.missing {
            sub.push("not in this dataset".into());
        } else if let Some(n) = &e.note {
            sub.push(n.clone());
        } else if e.kind == "city" && e.seats.is_empty() {
            sub.push(format!("in none of the {}", app.data.lists_cover()));
        }
        for t in sub {
            lines.push(Line::styled(
                text::truncate(&format!("           {}", text::safe(&t)), width),
                th.text,
            ));
        }
    }
    let height = usize::from(inner.height);
    let offset = first_of_selected.saturating_sub(height.saturating_sub(3));
    let shown: Vec<Line> = lines.into_iter().skip(offset).take(height).collect();
    frame.render_widget(Paragraph::new(shown), inner);
    super::cursor_on_line(frame, app, inner, first_of_selected - offset);
}

pub fn render_views(frame: &mut Frame, app: &App) {
    let Mode::Views { selected } = app.mode else {
        return;
    };
    let th = &app.style;
    let views = &app.saved.views.views;
    let rows = u16::try_from(views.len()).unwrap_or(u16::MAX);
    let area = centred(app.size, 90, rows.saturating_add(3).max(5));
    frame.render_widget(Clear, area);
    let title = Line::from(vec![
        Span::styled(format!(" Saved views ({}) ", views.len()), th.title),
        Span::styled(
            hints(
                app,
                Context::Views,
                &[
                    (Command::Open, "opens"),
                    (Command::Delete, "deletes"),
                    (Command::Back, "closes"),
                ],
            ),
            th.dim,
        ),
    ]);
    frame.render_widget(pane(title, true, th), area);
    let inner = layout::inner(area);
    let width = usize::from(inner.width);
    if views.is_empty() {
        let save = app.keys.keys_for(Command::SaveView, Context::Members);
        frame.render_widget(
            Paragraph::new(Line::styled(
                text::truncate(
                    &format!("No saved views yet: {save} in a member table names its view."),
                    width,
                ),
                th.dim,
            )),
            inner,
        );
        return;
    }
    let height = usize::from(inner.height);
    let offset = selected.saturating_sub(height.saturating_sub(1));
    let lines: Vec<Line> = views
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, v)| {
            let network = app
                .data
                .networks
                .iter()
                .find(|n| n.id == v.network)
                .map_or(v.network.as_str(), |n| n.label());
            let mut what = vec![network.to_string()];
            if !v.tiers.is_empty() {
                what.push(format!("tiers {}", v.tiers.join(",")));
            }
            if !v.query.is_empty() {
                what.push(format!("\"{}\"", v.query));
            }
            if !v.sort.is_empty() {
                what.push(format!(
                    "by {}{}",
                    v.sort,
                    if v.descending { " ▼" } else { "" }
                ));
            }
            if !v.side.is_empty() && v.side != "none" {
                what.push(v.side.clone());
            }
            let name = text::truncate(&text::safe(&v.name), 20);
            let mut line = Line::from(vec![
                Span::raw(if i == selected { th.marker } else { "  " }),
                Span::styled(format!("{name:<21}"), th.label),
                Span::raw(text::truncate(
                    &text::safe(&what.join(" · ")),
                    width.saturating_sub(23),
                )),
            ]);
            if i == selected {
                line = line.style(th.selected);
            }
            line
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
    super::cursor_on_line(frame, app, inner, selected - offset);
}

pub fn render_naming(frame: &mut Frame, app: &App) {
    let Mode::Naming { name } = &app.mode else {
        return;
    };
    let th = &app.style;
    let area = centred(app.size, 60, 3);
    frame.render_widget(Clear, area);
    let title = Line::from(vec![
        Span::styled(" Save this view as ", th.title),
        Span::styled(
            hints(
                app,
                Context::Naming,
                &[
                    (Command::AcceptInput, "saves"),
                    (Command::CancelInput, "cancels"),
                ],
            ),
            th.dim,
        ),
    ]);
    frame.render_widget(pane(title, true, th), area);
    let inner = layout::inner(area);
    let prompt = Line::from(vec![
        Span::styled("› ", th.key),
        Span::styled(text::safe(name).into_owned(), th.input),
        Span::styled("▏", th.key),
    ]);
    frame.render_widget(Paragraph::new(prompt), inner);
}
