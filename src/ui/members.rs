//! The member table: tier chips, filter line, a sortable table of only the visible rows,
//! and the status line's counts. Where each part goes is `layout`'s; which rows, in what
//! order, with which characters matched, is the engine's search's.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::networks::filter_line;
use super::{pane, text};
use crate::app::{App, Focus, MemberTable};
use crate::layout::{self, Column, MARKER};
use citynet_core::data::{Completeness, Roster, group_thousands};
use citynet_core::roster::{MatchedKey, PopulationSource, SortColumn};

/// "149 of 202 shown · Full 117 · Associate 32 · Partner 53 (off) · sorted by City ▲"
pub fn status(app: &App) -> Option<String> {
    let (t, _, roster, index) = app.open_roster()?;
    let mut parts = vec![format!(
        "{} of {} shown",
        group_thousands(t.search.len() as u64),
        group_thousands(roster.members.len() as u64)
    )];
    // Early in the line, so that a narrow screen never cuts it off.
    // How whole and how old the list is: "partial list: 26 of more than 60, as of 2019-03".
    parts.push(match roster.completeness {
        Completeness::Partial { .. } => format!("partial list: {}", text::safe(&roster.coverage())),
        Completeness::Complete => text::safe(&roster.when()).into_owned(),
    });
    for (i, tier) in roster.tiers.iter().enumerate() {
        let on = t.search.tiers_on().get(i).copied().unwrap_or(true);
        parts.push(format!(
            "{} {}{}",
            text::safe(&tier.short),
            group_thousands(index.tier_counts.get(i).copied().unwrap_or(0) as u64),
            if on { "" } else { " (off)" }
        ));
    }
    let sort = t.search.sort();
    let arrow = if sort.ascending { "▲" } else { "▼" };
    parts.push(if sort.column == SortColumn::Relevance {
        format!(
            "sorted by relevance{}",
            if sort.ascending { "" } else { " ▼" }
        )
    } else {
        format!("sorted by {} {arrow}", sort.column.label())
    });
    // Where the figures come from, said once beside them (last: a narrow screen may cut it).
    if index.has_population() {
        parts.push(match index.population_source() {
            PopulationSource::GeoNames => {
                format!("Population: {}", citynet_core::gazetteer::POPULATION_SOURCE)
            }
            PopulationSource::List => "Population: as the list gives it".into(),
        });
    }
    if index.has_stated() {
        parts.push("Stated: as the list gives it".into());
    }
    Some(parts.join(" · "))
}

fn empty_message(t: &MemberTable, roster: &Roster) -> String {
    if t.search.tiers_on().iter().all(|on| !on) {
        let keys = (1..=roster.tiers.len().min(9))
            .map(|k| k.to_string())
            .collect::<Vec<_>>()
            .join(", ");
        format!("No members shown: every tier is switched off. Press {keys} to turn tiers back on.")
    } else if !t.filter.trim().is_empty() {
        format!(
            "No member matches “{}” in the tiers switched on. Esc clears the filter.",
            text::safe(&t.filter)
        )
    } else {
        "This roster has no members in the tiers switched on.".into()
    }
}

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let th = &app.style;
    let focused = app.focus == Focus::Members;
    let Some((t, network, roster, index)) = app.open_roster() else {
        frame.render_widget(pane(Line::from(" Members "), focused, th), area);
        return;
    };
    let title = Line::from(vec![
        Span::styled(
            format!(" {} members ", text::safe(network.label())),
            if focused { th.title } else { th.label },
        ),
        Span::styled(
            format!(
                "{}/{} ",
                group_thousands(t.search.len() as u64),
                group_thousands(roster.members.len() as u64)
            ),
            th.dim,
        ),
    ]);
    let [chip_line, filter, header, rows] = layout::members_parts(area);
    let table = layout::columns(roster, index, header.width, t.scroll);
    let mut title = title;
    if table.hidden_left + table.hidden_right > 0 {
        // Which of the columns beside City show, and the keys that scroll them.
        let beside = table.cols.len() - 1;
        let all = beside + table.hidden_left + table.hidden_right;
        let first = table.hidden_left + 1;
        let which = if beside == 1 {
            format!("column {first} of {all}")
        } else {
            format!("columns {first}-{} of {all}", first + beside - 1)
        };
        title
            .spans
            .push(Span::styled(format!("· {which} (H/L) "), th.dim));
    }
    frame.render_widget(pane(title, focused, th), area);

    // Tier chips, then the roster's completeness on the right when there is room.
    let mut spans = Vec::new();
    let tiers_on = t.search.tiers_on();
    for (i, chip) in layout::chips(roster, &index.tier_counts, tiers_on, chip_line.width)
        .into_iter()
        .enumerate()
    {
        let on = tiers_on.get(i).copied().unwrap_or(true);
        spans.push(Span::styled(
            chip.label,
            if on { th.chip_on } else { th.chip_off },
        ));
        spans.push(Span::raw(" "));
    }
    let note = match &roster.completeness {
        Completeness::Complete => format!("complete list, {}", roster.when()),
        Completeness::Partial { listed, total, .. } => {
            format!("partial: {listed} of {total} listed")
        }
    };
    let used: usize = spans.iter().map(|s| s.width()).sum();
    if used + text::width(&note) + 1 < usize::from(chip_line.width) {
        spans.push(Span::raw(
            " ".repeat(usize::from(chip_line.width) - used - text::width(&note)),
        ));
        spans.push(Span::styled(text::safe(&note).into_owned(), th.dim));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), chip_line);

    frame.render_widget(
        Paragraph::new(filter_line(
            &t.filter,
            app.editing(Focus::Members),
            app,
            "/ filter · 1-9 tiers · s sort · r reverse · Esc back",
            // Opened from a country's view at its filter, Esc returns to the view.
            if app.back.as_ref().is_some_and(|b| b.opened_with(&t.filter)) {
                "goes back"
            } else {
                "clears"
            },
        )),
        filter,
    );

    let cols = &table.cols;
    let sort = t.search.sort();
    let mut head = vec![Span::raw("  ")];
    let mut x = MARKER;
    for (i, c) in cols.iter().enumerate() {
        // `‹` in the gap after City: columns are scrolled past there.
        if i == 1 && table.hidden_left > 0 && c.x >= x + 2 {
            head.push(Span::raw(" ".repeat(usize::from(c.x - x - 2))));
            head.push(Span::styled("‹ ", th.key));
            x = c.x;
        }
        head.push(Span::raw(" ".repeat(usize::from(c.x.saturating_sub(x)))));
        let arrow = if sort.column == c.sort {
            if sort.ascending { " ▲" } else { " ▼" }
        } else {
            ""
        };
        let label = text::truncate(&format!("{}{arrow}", c.title), usize::from(c.width));
        // A figure's header sits over its digits, which are right-aligned.
        if matches!(
            c.sort,
            SortColumn::Population | SortColumn::Stated | SortColumn::Since
        ) {
            let pad = usize::from(c.width).saturating_sub(text::width(&label));
            head.push(Span::raw(" ".repeat(pad)));
            x = c.x + c.width;
        } else {
            x = c.x + text::width(&label) as u16;
        }
        head.push(Span::styled(label, th.header));
    }
    frame.render_widget(Paragraph::new(Line::from(head)), header);
    if table.hidden_right > 0 {
        // How many columns `L` shows, at the header's right end.
        let more = format!(" {} more ›", table.hidden_right);
        let w = text::width(&more) as u16;
        let end = cols.last().map_or(0, |c| c.x + c.width);
        if end + w <= header.width {
            let at = Rect {
                x: header.x + header.width - w,
                width: w,
                ..header
            };
            frame.render_widget(Paragraph::new(Line::styled(more, th.key)), at);
        }
    }

    let len = t.search.len();
    if len == 0 {
        frame.render_widget(
            Paragraph::new(Line::styled(empty_message(t, roster), th.dim))
                .wrap(ratatui::widgets::Wrap { trim: true }),
            rows,
        );
        return;
    }
    let offset = t.offset.min(len.saturating_sub(1));
    let shown = t.search.window(offset..offset + usize::from(rows.height));
    for (line_no, hit) in shown.iter().enumerate() {
        let Some(m) = roster.members.get(hit.member as usize) else {
            continue;
        };
        let selected = offset + line_no == t.selected;
        let positions = &hit.positions;
        let mut spans = vec![Span::raw(if selected { th.marker } else { "  " })];
        let mut x = MARKER;
        let pad_to = |spans: &mut Vec<Span<'static>>, x: &mut u16, col: &Column| {
            if col.x > *x {
                spans.push(Span::raw(" ".repeat(usize::from(col.x - *x))));
            }
            *x = col.x;
        };
        for c in cols {
            pad_to(&mut spans, &mut x, c);
            let w = usize::from(c.width);
            let cell: Vec<Span<'static>> = match c.sort {
                SortColumn::City | SortColumn::Relevance => {
                    let name = text::safe(&m.name).into_owned();
                    let pos = if hit.key == MatchedKey::Name {
                        positions.as_slice()
                    } else {
                        &[]
                    };
                    let mut cell = text::highlighted(&name, pos, th.text, th.matched, w);
                    if let MatchedKey::Aka(k) = hit.key
                        && let Some(aka) = m.aka.get(k)
                    {
                        let used = text::width(&name);
                        if used + 4 < w {
                            let aka = text::safe(aka).into_owned();
                            cell.push(Span::styled(" (", th.dim));
                            cell.extend(text::highlighted(
                                &aka,
                                positions,
                                th.dim,
                                th.matched,
                                w - used - 3,
                            ));
                            cell.push(Span::styled(")", th.dim));
                        }
                    }
                    cell
                }
                SortColumn::Country => {
                    let name = index.country_name(hit.member as usize);
                    let code = text::safe(&m.country).into_owned();
                    let mut cell = vec![Span::styled(code.clone(), th.label)];
                    if w > 4 {
                        let pos = if hit.key == MatchedKey::Country {
                            positions.as_slice()
                        } else {
                            &[]
                        };
                        cell.push(Span::raw(" "));
                        cell.extend(text::highlighted(
                            name,
                            pos,
                            th.text,
                            th.matched,
                            w - text::width(&code) - 1,
                        ));
                    }
                    cell
                }
                SortColumn::Tier => {
                    let label = roster
                        .tiers
                        .get(index.tier_of(hit.member as usize))
                        .map_or(m.tier.as_str(), |t| t.short.as_str());
                    vec![Span::raw(text::truncate(&text::safe(label), w))]
                }
                SortColumn::Since => {
                    let year = m.since.map(|y| y.to_string()).unwrap_or_default();
                    vec![Span::raw(format!("{year:>w$}"))]
                }
                SortColumn::Population | SortColumn::Stated => {
                    let member = hit.member as usize;
                    let figure = match c.sort {
                        SortColumn::Stated => index.stated(member),
                        _ => index.population(member),
                    };
                    let p = figure.map(group_thousands).unwrap_or_default();
                    vec![Span::raw(format!("{p:>w$}"))]
                }
            };
            let cell_w: usize = cell.iter().map(|s| s.width()).sum();
            spans.extend(cell);
            x += cell_w.min(w) as u16;
        }
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
