//! Pop-ups over the panes: the jump-anywhere prompt and the theme picker.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::{pane, text};
use crate::app::App;
use crate::app::jump::Destination;

/// The jump list's column for what each entry is ("district?" fits).
const KIND_W: usize = 10;
use crate::app::update::picker_themes;
use crate::layout;

pub fn render_jump(frame: &mut Frame, app: &App) {
    let Some(j) = app.jump() else { return };
    let th = &app.style;
    let area = layout::jump_area(app.size);
    frame.render_widget(Clear, area);
    let title = Line::from(vec![
        Span::styled(" Jump to ", th.title),
        Span::styled(
            "network, city, country or theme · Enter goes · Esc closes ",
            th.dim,
        ),
    ]);
    frame.render_widget(pane(title, true, th), area);
    let inner = layout::inner(area);
    if inner.height == 0 {
        return;
    }
    let mut prompt = vec![Span::styled("› ", th.key)];
    prompt.extend(super::networks::typed(&j.query, app));
    let prompt = Line::from(prompt);
    frame.render_widget(Paragraph::new(prompt), Rect { height: 1, ..inner });
    let list = layout::jump_list(app.size);
    let width = usize::from(list.width);
    if j.query.trim().is_empty() && j.hits.is_empty() {
        frame.render_widget(
            Paragraph::new(Line::styled(
                "Type part of a name: accents are optional (lodz finds Łódź).",
                th.dim,
            )),
            list,
        );
        return;
    }
    if j.hits.is_empty() {
        frame.render_widget(
            Paragraph::new(Line::styled("Nothing matches.", th.dim)),
            list,
        );
        return;
    }
    // Before anything is typed, the places visited most and most lately.
    let recent = j.query.trim().is_empty();
    if recent {
        frame.render_widget(
            Paragraph::new(Line::styled("Visited most, and most lately:", th.dim)),
            Rect {
                height: 1.min(list.height),
                ..list
            },
        );
    }
    let list = layout::jump_results(app.size, recent);
    let height = usize::from(list.height);
    let offset = layout::jump_offset(j.selected, list);
    for (row, (i, hit)) in j
        .hits
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .enumerate()
    {
        let (title, detail) = app.jump_index().describe(hit.to, &app.data, app.cities());
        let selected = i == j.selected;
        // What the entry is: a list's member that is no city (a group of towns, a
        // region) says so, never "city". A suggestion says so too: it is the closest
        // name, not a match.
        let what = match hit.to {
            Destination::City(c) => app
                .cities()
                .cities
                .get(c)
                .map_or("city", |c| c.kind.label()),
            to => to.kind(),
        };
        let what = if what == "metropolitan" {
            "metro"
        } else {
            what
        };
        let kind = if hit.suggested {
            format!("{:<KIND_W$}", format!("{what}?"))
        } else {
            format!("{what:<KIND_W$}")
        };
        let marker = if selected { th.marker } else { "  " };
        let title_room = width.saturating_sub(2 + KIND_W + 1).min(40);
        let title = text::safe(&title).into_owned();
        let mut spans = vec![Span::raw(marker), Span::styled(kind, th.dim)];
        spans.extend(text::highlighted(
            &title,
            &hit.positions,
            th.text,
            th.matched,
            title_room,
        ));
        let mut used = 2 + 8 + text::width(&title).min(title_room);
        // The other name that matched, as the member table shows it: "Milan (Milano)".
        if let Some(name) = &hit.matched {
            let note = format!(" ({})", text::safe(name));
            let room = title_room.saturating_sub(used - 10);
            if room > 3 {
                let note = text::truncate(&note, room);
                used += text::width(&note);
                spans.push(Span::styled(note, th.matched));
            }
        }
        let detail_room = width.saturating_sub(used + 2);
        spans.push(Span::raw("  "));
        let detail = if hit.suggested {
            format!("did you mean? · {detail}")
        } else {
            detail
        };
        spans.push(Span::styled(
            text::truncate(&text::safe(&detail), detail_room),
            th.dim,
        ));
        let mut line = Line::from(spans);
        if selected {
            line = super::highlight(line, th.selected);
        }
        let at = Rect {
            y: list.y + row as u16,
            height: 1,
            ..list
        };
        frame.render_widget(Paragraph::new(line), at);
        if selected {
            super::cursor_on_selection(frame, app, at);
        }
    }
}

pub fn render_themes(frame: &mut Frame, app: &App) {
    let Some(cursor) = app.theme_cursor() else {
        return;
    };
    let th = &app.style;
    let themes = picker_themes(app);
    let all = crate::app::update::picker_themes_all(app);
    let area = layout::centred(app.size, 50, all as u16 + 4);
    frame.render_widget(Clear, area);
    let title = Line::from(vec![
        Span::styled(" Themes ", th.title),
        Span::styled(
            "type to narrow · Space selects · Enter applies · Esc cancels ",
            th.dim,
        ),
    ]);
    frame.render_widget(pane(title, true, th), area);
    let inner = layout::inner(area);
    let filter = match &app.mode {
        crate::app::Mode::Themes { filter, .. } => filter.as_str(),
        _ => "",
    };
    let mut prompt = vec![Span::styled("› ", th.key)];
    prompt.extend(super::networks::typed(filter, app));
    frame.render_widget(
        Paragraph::new(Line::from(prompt)),
        Rect { height: 1, ..inner },
    );
    let inner = Rect {
        y: inner.y + 1,
        height: inner.height.saturating_sub(1),
        ..inner
    };
    if themes.is_empty() {
        frame.render_widget(
            Paragraph::new(Line::styled("No theme matches.", th.dim)),
            inner,
        );
        return;
    }
    let height = usize::from(inner.height);
    let offset = cursor.saturating_sub(height.saturating_sub(1));
    let lines: Vec<Line> = themes
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, (t, n))| {
            let on = app.theme_filter.contains(t);
            let mut line = Line::from(vec![
                Span::raw(if i == cursor { th.marker } else { "  " }),
                Span::styled(if on { "[x] " } else { "[ ] " }, th.key),
                Span::raw(format!("{:<24}", t.label())),
                Span::styled(format!("{n:>3}"), th.dim),
            ]);
            if i == cursor {
                line = super::highlight(line, th.selected);
            } else if on {
                line = line.style(th.chip_on);
            }
            line
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
    super::cursor_on_line(frame, app, inner, cursor - offset);
}

pub fn render_card(frame: &mut Frame, app: &App) {
    let Some(card) = app.card() else { return };
    let th = &app.style;
    let Some(city) = app.cities().cities.get(card.city) else {
        return;
    };
    let country = citynet_core::data::countries::name(&city.country).unwrap_or("unknown country");
    let extra = u16::from(city.population.is_some());
    let area = layout::centred(
        app.size,
        88,
        u16::try_from(city.seats.len())
            .unwrap_or(u16::MAX)
            .saturating_add(9 + extra),
    );
    frame.render_widget(Clear, area);
    let title = Line::from(vec![
        Span::styled(format!(" {} ", text::safe(&city.name)), th.title),
        Span::styled("Enter opens a roster · y copies · Esc closes ", th.dim),
    ]);
    frame.render_widget(pane(title, true, th), area);
    let inner = layout::inner(area);
    let width = usize::from(inner.width);
    let mut selected_line = None;
    let mut lines = vec![
        Line::from(vec![
            Span::styled("Country   ", th.label),
            Span::raw(format!("{country} ({})", city.country)),
        ]),
        Line::from(vec![
            Span::styled("Location  ", th.label),
            Span::raw(text::truncate(
                &format!(
                    "{} ({})",
                    citynet_core::data::geo::degrees(city.lat, city.lon),
                    city.point_source()
                ),
                width.saturating_sub(10),
            )),
        ]),
    ];
    if let Some(pop) = city.population {
        lines.push(Line::from(vec![
            Span::styled("People    ", th.label),
            Span::raw(text::truncate(
                &format!(
                    "{} ({}; CC BY 4.0)",
                    citynet_core::data::group_thousands(pop),
                    citynet_core::gazetteer::POPULATION_SOURCE
                ),
                width.saturating_sub(10),
            )),
        ]));
    }
    // Each list's own figure beside GeoNames', with whom and when, as the CLI's card.
    for ms in city.memberships(&app.data) {
        if let Some(declared) = crate::facts::declared_population(&ms, city) {
            lines.push(Line::from(vec![
                Span::styled("People    ", th.label),
                Span::raw(text::truncate(&declared, width.saturating_sub(10))),
            ]));
        }
    }
    if city.names.len() > 1 {
        lines.push(Line::from(vec![
            Span::styled("Also      ", th.label),
            Span::raw(text::truncate(
                &text::safe(&city.names[1..].join(", ")),
                width.saturating_sub(10),
            )),
        ]));
    }
    lines.push(Line::default());
    lines.push(Line::styled(
        text::truncate(
            &format!(
                "In {} of the {}",
                city.networks().len(),
                app.data.lists_cover()
            ),
            width,
        ),
        th.header,
    ));
    for (i, ms) in city.memberships(&app.data).into_iter().enumerate() {
        let n = ms.network;
        let mut what = ms.tier.to_string();
        if let Some(y) = ms.member.since {
            what.push_str(&format!(", since {y}"));
        }
        if ms.founding {
            what.push_str(", founding member");
        }
        // Every count says how whole and how old its list is.
        if let Some(r) = &n.roster {
            what.push_str(&format!(" · list {}", r.coverage()));
        }
        let selected = i == card.selected;
        let mut line = Line::from(vec![
            Span::raw(if selected { th.marker } else { "  " }),
            Span::styled(
                format!("{:<26} ", text::truncate(&text::safe(n.label()), 26)),
                th.label,
            ),
            Span::raw(text::truncate(&text::safe(&what), width.saturating_sub(29))),
        ]);
        if selected {
            line = super::highlight(line, th.selected);
            selected_line = Some(lines.len());
        }
        lines.push(line);
    }
    frame.render_widget(Paragraph::new(lines), inner);
    if let Some(line) = selected_line {
        super::cursor_on_line(frame, app, inner, line);
    }
}
