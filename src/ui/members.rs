//! The member table: tier chips, filter line, a sortable table of only the visible rows,
//! and the status line's counts.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::networks::filter_line;
use super::{layout, pane, text};
use crate::app::{App, Focus, MemberTable};
use citynet_core::data::{Completeness, Roster, group_thousands};
use citynet_core::roster::{MatchedKey, RosterIndex, SortColumn};

/// What a click in the member pane lands on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Tier(usize),
    Filter,
    Header(SortColumn),
    /// A row, as an index into the table's rows.
    Row(usize),
}

/// One column: which sort it maps to, its header, x offset and width inside the pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub sort: SortColumn,
    pub title: &'static str,
    pub x: u16,
    pub width: u16,
}

const MARKER: u16 = 2;
const GAP: u16 = 2;

/// Column positions for a table `width` columns wide. Widths come from the roster's
/// longest values (so they do not jump while filtering), then shrink to fit.
pub fn columns(roster: &Roster, index: &RosterIndex, width: u16) -> Vec<Column> {
    let longest = |it: &mut dyn Iterator<Item = usize>| it.max().unwrap_or(0) as u16;
    let tier_w = longest(&mut roster.tiers.iter().map(|t| text::width(&t.short))).max(4);
    // The index knows the widest name and country: measuring every member on every frame
    // costs more than drawing the rows, once a roster has a quarter of a million.
    let country_need = (3 + index.widest_country() as u16).min(26);
    let city_need = (index.widest_name() as u16).clamp(10, 40);
    let pop_w = if roster.has_population() { 10 } else { 0 };
    let avail = width.saturating_sub(MARKER);
    let gaps = if pop_w > 0 { 3 * GAP } else { 2 * GAP };
    let rest = avail.saturating_sub(tier_w + pop_w + gaps);
    // The city is what people scan for: it gets its full width first (up to 22 columns
    // when space is short), the country takes what is left, down to its two-letter code;
    // any surplus goes back to the city, for the alias that matched.
    let city_min = city_need.min(22).min(rest.saturating_sub(2));
    let country_w = rest
        .saturating_sub(city_min)
        .min(country_need)
        .max(2.min(rest));
    let city_w = rest.saturating_sub(country_w).max(1);
    let mut x = MARKER;
    let mut out = Vec::new();
    let mut push = |sort, title, w: u16, x: &mut u16| {
        out.push(Column {
            sort,
            title,
            x: *x,
            width: w,
        });
        *x += w + GAP;
    };
    push(SortColumn::City, "City", city_w, &mut x);
    push(SortColumn::Country, "Country", country_w, &mut x);
    push(SortColumn::Tier, "Tier", tier_w, &mut x);
    if pop_w > 0 {
        push(SortColumn::Population, "Population", pop_w, &mut x);
    }
    out
}

/// The tier chips for a line `width` columns wide: label text and x range (relative to the
/// pane's inside) per tier. Many tiers (UNESCO's eight creative fields) do not fit with
/// their counts, so the chips shed detail until they fit: first the counts (the status
/// line has them too), then all but the first letters of the label.
pub fn chips(
    table: &MemberTable,
    roster: &Roster,
    index: &RosterIndex,
    width: u16,
) -> Vec<(String, u16, u16)> {
    let label = |i: usize, detail: u8| {
        let on = table.tiers_on.get(i).copied().unwrap_or(true);
        let key = if i < 9 {
            (i + 1).to_string()
        } else {
            String::new()
        };
        let dot = if on { "●" } else { "○" };
        let short = text::safe(&roster.tiers[i].short).into_owned();
        match detail {
            2 => format!(
                " {key} {dot} {short} {} ",
                index.tier_counts.get(i).copied().unwrap_or(0)
            ),
            1 => format!(" {key}{dot}{short} "),
            _ => format!(" {key}{dot}{} ", short.chars().take(3).collect::<String>()),
        }
    };
    let layout = |detail: u8| {
        let mut x = 0u16;
        (0..roster.tiers.len())
            .map(|i| {
                let l = label(i, detail);
                let w = text::width(&l) as u16;
                let chip = (l, x, x + w);
                x += w + 1;
                chip
            })
            .collect::<Vec<_>>()
    };
    let fits = |chips: &[(String, u16, u16)]| chips.last().is_none_or(|c| c.2 <= width);
    for detail in [2, 1] {
        let chips = layout(detail);
        if fits(&chips) {
            return chips;
        }
    }
    layout(0)
}

pub fn hit_test(app: &App, area: Rect, at: Position) -> Option<Target> {
    let (t, _, roster, index) = app.open_roster()?;
    let [chip_line, filter, header, rows] = layout::members_parts(area);
    if chip_line.contains(at) {
        let x = at.x - chip_line.x;
        return chips(t, roster, index, chip_line.width)
            .iter()
            .position(|(_, a, b)| (*a..*b).contains(&x))
            .map(Target::Tier);
    }
    if filter.contains(at) {
        return Some(Target::Filter);
    }
    if header.contains(at) {
        let x = at.x - header.x;
        return columns(roster, index, header.width)
            .iter()
            .find(|c| (c.x..c.x + c.width + GAP).contains(&x))
            .map(|c| Target::Header(c.sort));
    }
    if rows.contains(at) {
        let i = t.offset + usize::from(at.y - rows.y);
        return (i < t.rows.len()).then_some(Target::Row(i));
    }
    None
}

/// "149 of 202 shown · Full 117 · Associate 32 · Partner 53 (off) · sorted by City ▲"
pub fn status(app: &App) -> Option<String> {
    let (t, _, roster, index) = app.open_roster()?;
    let mut parts = vec![format!(
        "{} of {} shown",
        t.rows.len(),
        roster.members.len()
    )];
    // Early in the line, so that a narrow screen never cuts it off.
    if let Completeness::Partial { listed, total, .. } = roster.completeness {
        parts.push(format!("partial list: {listed} of {total}"));
    }
    for (i, tier) in roster.tiers.iter().enumerate() {
        let on = t.tiers_on.get(i).copied().unwrap_or(true);
        parts.push(format!(
            "{} {}{}",
            text::safe(&tier.short),
            index.tier_counts.get(i).copied().unwrap_or(0),
            if on { "" } else { " (off)" }
        ));
    }
    let arrow = if t.sort.ascending { "▲" } else { "▼" };
    parts.push(if t.sort.column == SortColumn::Relevance {
        format!(
            "sorted by relevance{}",
            if t.sort.ascending { "" } else { " ▼" }
        )
    } else {
        format!("sorted by {} {arrow}", t.sort.column.label())
    });
    Some(parts.join(" · "))
}

fn empty_message(t: &MemberTable, roster: &Roster) -> String {
    if t.tiers_on.iter().all(|on| !on) {
        let keys = (1..=roster.tiers.len().min(9))
            .map(|k| k.to_string())
            .collect::<Vec<_>>()
            .join(", ");
        format!("No members shown: every tier is switched off. Press {keys} to turn tiers back on.")
    } else if !t.filter.text.trim().is_empty() {
        format!(
            "No member matches “{}” in the tiers switched on. Esc clears the filter.",
            text::safe(&t.filter.text)
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
            format!("{}/{} ", t.rows.len(), roster.members.len()),
            th.dim,
        ),
    ]);
    frame.render_widget(pane(title, focused, th), area);
    let [chip_line, filter, header, rows] = layout::members_parts(area);

    // Tier chips, then the roster's completeness on the right when there is room.
    let mut spans = Vec::new();
    for (i, (label, _, _)) in chips(t, roster, index, chip_line.width)
        .into_iter()
        .enumerate()
    {
        let on = t.tiers_on.get(i).copied().unwrap_or(true);
        spans.push(Span::styled(
            label,
            if on { th.chip_on } else { th.chip_off },
        ));
        spans.push(Span::raw(" "));
    }
    let note = match &roster.completeness {
        Completeness::Complete => format!("complete list, as of {}", roster.as_of),
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
            app,
            "/ filter · 1-9 tiers · s sort · r reverse · Esc back",
        )),
        filter,
    );

    let cols = columns(roster, index, header.width);
    let mut head = vec![Span::raw("  ")];
    let mut x = MARKER;
    for c in &cols {
        head.push(Span::raw(" ".repeat(usize::from(c.x.saturating_sub(x)))));
        let arrow = if t.sort.column == c.sort {
            if t.sort.ascending { " ▲" } else { " ▼" }
        } else {
            ""
        };
        let label = text::truncate(&format!("{}{arrow}", c.title), usize::from(c.width));
        x = c.x + text::width(&label) as u16;
        head.push(Span::styled(label, th.header));
    }
    frame.render_widget(Paragraph::new(Line::from(head)), header);

    if t.rows.is_empty() {
        frame.render_widget(
            Paragraph::new(Line::styled(empty_message(t, roster), th.dim))
                .wrap(ratatui::widgets::Wrap { trim: true }),
            rows,
        );
        return;
    }
    let offset = t.offset.min(t.rows.len().saturating_sub(1));
    // Matched characters are worked out for the rows drawn, from the query they answer.
    let highlight = index.highlight(roster, &app.matcher, t.answered.as_deref().unwrap_or(""));
    for (line_no, (i, hit)) in t
        .rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(usize::from(rows.height))
        .enumerate()
    {
        let Some(m) = roster.members.get(hit.member as usize) else {
            continue;
        };
        let selected = i == t.selected;
        let positions = highlight.positions(hit);
        let mut spans = vec![Span::raw(if selected { th.marker } else { "  " })];
        let mut x = MARKER;
        let pad_to = |spans: &mut Vec<Span<'static>>, x: &mut u16, col: &Column| {
            if col.x > *x {
                spans.push(Span::raw(" ".repeat(usize::from(col.x - *x))));
            }
            *x = col.x;
        };
        for c in &cols {
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
                                &positions,
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
                SortColumn::Population => {
                    let p = m.population.map(group_thousands).unwrap_or_default();
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
            th,
        );
    }
}
