//! The comparison view: how the marked networks' rosters overlap.
//!
//! A comparison of the largest rosters holds tens of thousands of cities, so the view
//! works from the comparison `update` computed once, lays it out as light rows, and turns
//! only the rows on screen into text.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{layout, pane, text};
use crate::app::{App, Focus};
use citynet_core::data::{Completeness, countries};

/// One line of the comparison, before it becomes text.
enum Row {
    Text(String, bool),
    Blank,
    Heading(String, usize),
    None,
    City(usize),
}

fn names(app: &App) -> Vec<String> {
    app.compare
        .iter()
        .map(|&i| {
            app.data
                .networks
                .get(i)
                .map_or("?".to_string(), |n| text::safe(n.label()).into_owned())
        })
        .collect()
}

fn rows(app: &App) -> Vec<Row> {
    let Some(cmp) = &app.comparison else {
        return vec![Row::Text(
            "Mark networks with x, then press C.".into(),
            false,
        )];
    };
    let names = names(app);
    let mut out = vec![Row::Text(format!("Comparing {}", names.join(", ")), true)];
    // One count a line: long network names would not fit one line on a narrow screen.
    out.push(Row::Text(format!("in all: {}", cmp.all.len()), true));
    if names.len() > 2 {
        out.push(Row::Text(format!("in some: {}", cmp.some.len()), true));
    }
    for (i, only) in cmp.only.iter().enumerate() {
        out.push(Row::Text(
            format!("only in {}: {}", names[i], only.len()),
            true,
        ));
    }
    for (&n, name) in cmp.networks.iter().zip(&names) {
        if let Some(r) = app.data.networks.get(n).and_then(|n| n.roster.as_ref())
            && let Completeness::Partial { listed, total, .. } = r.completeness
        {
            out.push(Row::Text(
                format!("{name}'s list is partial ({listed} of {total}): counts are a lower bound"),
                false,
            ));
        }
    }
    out.push(Row::Text(
        "Same city: same country and a shared name.".into(),
        false,
    ));
    let mut section = |title: String, cities: &[usize]| {
        out.push(Row::Blank);
        out.push(Row::Heading(title, cities.len()));
        if cities.is_empty() {
            out.push(Row::None);
        }
        out.extend(cities.iter().map(|&c| Row::City(c)));
    };
    section(format!("In all of {}", names.join(" and ")), &cmp.all);
    if names.len() > 2 {
        section("In some, not all".into(), &cmp.some);
    }
    for (i, only) in cmp.only.iter().enumerate() {
        let others: Vec<&str> = names
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .map(|(_, n)| n.as_str())
            .collect();
        section(
            format!("In {} and not {}", names[i], others.join(" or ")),
            only,
        );
    }
    out
}

fn line(app: &App, row: Row) -> Line<'static> {
    let th = &app.style;
    match row {
        Row::Text(s, true) => Line::styled(s, th.title),
        Row::Text(s, false) => Line::styled(s, th.dim),
        Row::Blank => Line::default(),
        Row::Heading(title, n) => Line::styled(format!("{title} ({n})"), th.header),
        Row::None => Line::styled("  none", th.dim),
        Row::City(c) => {
            let Some(city) = app.cities().cities.get(c) else {
                return Line::default();
            };
            let country = countries::name(&city.country).unwrap_or("");
            Line::from(vec![
                Span::raw(format!(
                    "  {:<28} ",
                    text::truncate(&text::safe(&city.name), 28)
                )),
                Span::styled(format!("{} {country}", text::safe(&city.country)), th.dim),
            ])
        }
    }
}

/// The whole comparison as text: for tests and for copying.
pub fn lines(app: &App) -> Vec<Line<'static>> {
    rows(app).into_iter().map(|r| line(app, r)).collect()
}

/// How many lines the comparison has, for scrolling.
pub fn line_count(app: &App) -> usize {
    rows(app).len()
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
                "{}-{} of {total} · x marks · Esc back ",
                scroll + 1,
                (scroll + height).min(total)
            ),
            th.dim,
        ),
    ]);
    frame.render_widget(pane(title, app.focus == Focus::Detail, th), area);
    let visible: Vec<Line> = all
        .into_iter()
        .skip(scroll)
        .take(height)
        .map(|r| line(app, r))
        .collect();
    frame.render_widget(Paragraph::new(visible), inner);
}
