//! The country view: a summary line, then per network a heading and its members there.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::{pane, text};
use crate::app::keymap::Command;
use crate::app::{App, Context, CountryLine, Mode};
use crate::layout;
use citynet_core::data::{countries, group_thousands};

/// Columns for a member's year and population; the tier's is a quarter of the width
/// (up to 22), and the name has the rest.
const SINCE_W: usize = 6;
const POP_W: usize = 11;

pub fn render(frame: &mut Frame, app: &App) {
    let Mode::Country(view) = &app.mode else {
        return;
    };
    let th = &app.style;
    let area = layout::country_area(app.size, view.lines.len());
    frame.render_widget(Clear, area);
    let name = countries::name(&view.code).unwrap_or(&view.code);
    // The first key of each, as the card's title names one.
    let keys = |c: Command| app.keys.first_key_for(c, Context::Country);
    let head = format!(" {name} ({}) ", view.code);
    // The hint gives up its parts, least needed last, before the border cuts it.
    let room = usize::from(area.width.saturating_sub(2)).saturating_sub(text::width(&head));
    let hint = [
        format!(
            "{} opens a list · {} next list · {} copies · {} closes ",
            keys(Command::Open),
            keys(Command::FocusNext),
            keys(Command::CopySelection),
            keys(Command::Back)
        ),
        format!(
            "{} opens a list · {} closes ",
            keys(Command::Open),
            keys(Command::Back)
        ),
    ]
    .into_iter()
    .find(|h| text::width(h) <= room)
    .unwrap_or_default();
    let title = Line::from(vec![
        Span::styled(head, th.title),
        Span::styled(hint, th.dim),
    ]);
    frame.render_widget(pane(title, true, th), area);
    let inner = layout::inner(area);
    let width = usize::from(inner.width);
    let plural = |n: usize, one: &str, many: &str| {
        format!(
            "{} {}",
            group_thousands(n as u64),
            if n == 1 { one } else { many }
        )
    };
    let summary = format!(
        "{} in {} of the {} member lists · {}",
        plural(view.members, "member", "members"),
        view.groups(),
        view.searched,
        plural(view.cities, "distinct city", "distinct cities"),
    );
    let tier_w = (width / 4).clamp(10, 22);
    let name_w = width
        .saturating_sub(2 + 2 + tier_w + SINCE_W + POP_W)
        .max(8);
    let header = format!(
        "    {:<name_w$} {:<tier_w$}{:>SINCE_W$}{:>POP_W$}",
        "City",
        "Tier",
        "Since",
        "Population",
        tier_w = tier_w - 1
    );
    frame.render_widget(
        Paragraph::new(vec![
            Line::styled(text::truncate(&summary, width), th.dim),
            Line::styled(text::truncate(&header, width), th.header),
        ]),
        ratatui::layout::Rect {
            height: 2.min(inner.height),
            ..inner
        },
    );
    let list = layout::country_list(app.size, view.lines.len());
    let rows = usize::from(list.height);
    let mut lines = Vec::new();
    let mut selected_line = None;
    for (i, line) in view.lines.iter().enumerate().skip(view.offset).take(rows) {
        let selected = i == view.selected;
        let Some(n) = app.data.networks.get(line.network()) else {
            continue;
        };
        let mark = if selected { th.marker } else { "  " };
        let mut drawn = match *line {
            CountryLine::Network { count, .. } => {
                let mut head = format!(
                    "{} · {}",
                    text::safe(n.label()),
                    plural(count, "member", "members")
                );
                if let Some(r) = &n.roster {
                    head.push_str(&format!(" · list {}", r.coverage()));
                }
                Line::from(vec![
                    Span::raw(mark),
                    Span::styled(text::truncate(&head, width.saturating_sub(2)), th.header),
                ])
            }
            CountryLine::Member {
                member, population, ..
            } => {
                let Some(roster) = &n.roster else { continue };
                let Some(m) = roster.members.get(member as usize) else {
                    continue;
                };
                let tier = roster
                    .tiers
                    .iter()
                    .find(|t| t.id == m.tier)
                    .map_or(m.tier.as_str(), |t| t.label.as_str());
                let city = text::truncate(&text::safe(&m.name), name_w);
                let pad = name_w.saturating_sub(text::width(&city));
                Line::from(vec![
                    Span::raw(mark),
                    Span::raw("  "),
                    Span::raw(format!("{city}{} ", " ".repeat(pad))),
                    Span::styled(
                        format!(
                            "{:<w$}",
                            text::truncate(&text::safe(tier), tier_w - 1),
                            w = tier_w - 1
                        ),
                        th.label,
                    ),
                    Span::styled(
                        format!(
                            "{:>w$}",
                            m.since.map_or(String::new(), |y| y.to_string()),
                            w = SINCE_W
                        ),
                        th.dim,
                    ),
                    Span::raw(format!(
                        "{:>w$}",
                        population.map_or(String::new(), group_thousands),
                        w = POP_W
                    )),
                ])
            }
        };
        if selected {
            drawn = super::highlight(drawn, th.selected);
            selected_line = Some(lines.len());
        }
        lines.push(drawn);
    }
    frame.render_widget(Paragraph::new(lines), list);
    if let Some(line) = selected_line {
        super::cursor_on_line(frame, app, list, line);
    }
}
