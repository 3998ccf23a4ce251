//! The network list pane.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{pane, text};
use crate::app::{App, Focus, NetworkKey};
use crate::layout;
use citynet_core::data::Network;
use citynet_core::networks::NetworkOrder;

pub use crate::facts::compact;

/// The count column: the stated member figure, or the roster's size when none is stated.
pub fn count_label(n: &Network) -> String {
    match (n.member_figure(), &n.roster) {
        (Some(f), _) => compact(f),
        (None, Some(r)) => citynet_core::data::group_thousands(r.members.len() as u64),
        (None, None) => String::new(),
    }
}

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let t = &app.style;
    let focused = app.focus == Focus::Networks;
    let list = &app.networks;
    // The order is named once it is not the one the list opens in.
    let count = format!("{}/{} ", list.rows.len(), app.data.networks.len());
    // The order is named once it is not the one the list opens in, as short as the pane
    // needs: the status line said it in words.
    let said = if (list.order, list.reverse) == (NetworkOrder::Name, false) {
        count
    } else {
        let arrow = if list.reverse == (list.order == NetworkOrder::Size) {
            "▲"
        } else {
            "▼"
        };
        let id = list.order.id();
        let room = usize::from(area.width.saturating_sub(2)).saturating_sub(" Networks ".len());
        [
            format!("{count}· by {id} {arrow} "),
            format!("{count}· {id} {arrow} "),
            format!("{id} {arrow} "),
        ]
        .into_iter()
        .find(|c| text::width(c) <= room)
        .unwrap_or_default()
    };
    let title = Line::from(vec![
        Span::styled(" Networks ", if focused { t.title } else { t.label }),
        Span::styled(said, t.dim),
    ]);
    frame.render_widget(pane(title, focused, t), area);
    let inner = layout::inner(area);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let filter_area = Rect { height: 1, ..inner };
    frame.render_widget(
        Paragraph::new(filter_line(
            &list.filter,
            app.editing(Focus::Networks),
            app,
            "/ to filter by name or theme",
            "clears",
        )),
        filter_area,
    );
    let rows = layout::networks_rows(area);
    let width = usize::from(rows.width);
    if list.rows.is_empty() {
        let msg = format!(
            "No network matches “{}”. Esc clears the filter.",
            text::safe(&list.filter)
        );
        frame.render_widget(
            Paragraph::new(Line::styled(msg, t.dim)).wrap(ratatui::widgets::Wrap { trim: true }),
            rows,
        );
        return;
    }
    let offset = list.offset.min(list.rows.len().saturating_sub(1));
    let visible = list
        .rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(usize::from(rows.height));
    for (line_no, (i, row)) in visible.enumerate() {
        let Some(n) = app.network(row.network) else {
            continue;
        };
        let selected = i == list.selected;
        let marker = if selected { t.marker } else { "  " };
        // Sorted by founding year, the column shows the year the order is by.
        let count = if list.order == NetworkOrder::Founded {
            n.first_founded().map_or(String::new(), |y| y.to_string())
        } else {
            count_label(n)
        };
        let roster_mark = if app.compare.contains(&row.network) {
            "✓"
        } else if n.roster.is_some() {
            "▦"
        } else {
            " "
        };
        let tail = format!(" {count:>7}{roster_mark}");
        let room = width.saturating_sub(text::width(marker) + text::width(&tail));
        // "ICLEI – Local Governments for Sustainability" already starts with its short
        // name: show the name alone rather than "ICLEI ICLEI – ...".
        let name_has_label = n.name.starts_with(n.label());
        let label = text::safe(citynet_core::networks::listed_name(n)).into_owned();
        let label_pos =
            if row.key == NetworkKey::Label || (name_has_label && row.key == NetworkKey::Name) {
                row.positions.as_slice()
            } else {
                &[]
            };
        let mut spans = vec![Span::raw(marker.to_string())];
        spans.extend(text::highlighted(
            &label, label_pos, t.label, t.matched, room,
        ));
        let mut used = text::width(&label).min(room);
        // The name, after the short name, unless the label shown already is the name.
        if !name_has_label
            && n.short_name.is_some()
            && n.short_name.as_deref() != Some(n.name.as_str())
            && used + 2 < room
        {
            let name = text::safe(&n.name).into_owned();
            let pos = if row.key == NetworkKey::Name {
                row.positions.as_slice()
            } else {
                &[]
            };
            spans.push(Span::raw(" "));
            spans.extend(text::highlighted(
                &name,
                pos,
                t.dim,
                t.matched,
                room - used - 1,
            ));
            used += 1 + text::width(&name).min(room - used - 1);
        }
        if let NetworkKey::Theme(k) = row.key
            && let Some(theme) = n.themes.get(k)
            && used + 3 < room
        {
            let note = format!(" #{}", theme.label());
            spans.push(Span::styled(text::truncate(&note, room - used), t.matched));
            used += text::width(&note).min(room - used);
        }
        spans.push(Span::raw(" ".repeat(room.saturating_sub(used))));
        spans.push(Span::styled(tail, t.dim));
        super::draw_row(
            frame,
            rows,
            line_no,
            Line::from(spans),
            selected,
            focused,
            app,
        );
    }
}

/// Text being typed, with the cursor where `app.cursor_back` puts it.
pub fn typed(input: &str, app: &App) -> Vec<Span<'static>> {
    let t = &app.style;
    let len = input.chars().count();
    let at = len - app.cursor_back.min(len);
    let before: String = input.chars().take(at).collect();
    let after: String = input.chars().skip(at).collect();
    vec![
        Span::styled(text::safe(&before).into_owned(), t.input),
        Span::styled("▏", t.key),
        Span::styled(text::safe(&after).into_owned(), t.input),
    ]
}

/// The filter line of a list: the query with a cursor while typing, else a hint, or the
/// query and what Esc does to it (`esc`: "clears", "goes back").
pub fn filter_line(input: &str, editing: bool, app: &App, hint: &str, esc: &str) -> Line<'static> {
    let t = &app.style;
    if editing {
        let mut spans = vec![Span::styled("/ ", t.key)];
        spans.extend(typed(input, app));
        Line::from(spans)
    } else if input.is_empty() {
        Line::styled(hint.to_string(), t.dim)
    } else {
        Line::from(vec![
            Span::styled("/ ", t.dim),
            Span::styled(text::safe(input).into_owned(), t.input),
            Span::styled(format!("  (Esc {esc})"), t.dim),
        ])
    }
}
