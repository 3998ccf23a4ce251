//! The comparison view: how the marked networks' rosters overlap.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{layout, pane, text};
use crate::app::{App, Focus};
use crate::cities::Comparison;
use crate::data::countries;
use crate::theme::Theme;

fn section(out: &mut Vec<Line<'static>>, app: &App, title: String, cities: &[usize], th: &Theme) {
    out.push(Line::default());
    out.push(Line::styled(
        format!("{title} ({})", cities.len()),
        th.header,
    ));
    if cities.is_empty() {
        out.push(Line::styled("  none", th.dim));
    }
    let all = app.cities();
    for &c in cities {
        let Some(city) = all.cities.get(c) else {
            continue;
        };
        let country = countries::name(&city.country).unwrap_or("");
        out.push(Line::from(vec![
            Span::raw(format!(
                "  {:<28} ",
                text::truncate(&text::safe(&city.name), 28)
            )),
            Span::styled(format!("{} {country}", city.country), th.dim),
        ]));
    }
}

/// The comparison as lines: a summary, then the cities in all, in some, and only in each.
pub fn lines(app: &App) -> Vec<Line<'static>> {
    let th = &app.style;
    let nets = &app.compare;
    let cmp = Comparison::new(app.cities(), nets);
    let label = |i: usize| {
        app.data
            .networks
            .get(i)
            .map_or("?".to_string(), |n| text::safe(n.label()).into_owned())
    };
    let names: Vec<String> = nets.iter().map(|&i| label(i)).collect();
    let mut out = vec![Line::styled(
        format!("Comparing {}", names.join(", ")),
        th.title,
    )];
    let mut summary = vec![format!("in all: {}", cmp.all.len())];
    if nets.len() > 2 {
        summary.push(format!("in some: {}", cmp.some.len()));
    }
    for (i, only) in cmp.only.iter().enumerate() {
        summary.push(format!("only {}: {}", names[i], only.len()));
    }
    out.push(Line::styled(summary.join(" · "), th.label));
    for &n in nets {
        if let Some(r) = app.data.networks.get(n).and_then(|n| n.roster.as_ref())
            && let crate::data::Completeness::Partial { listed, total, .. } = r.completeness
        {
            out.push(Line::styled(
                format!(
                    "{}'s list is partial ({listed} of {total}): counts are a lower bound",
                    label(n)
                ),
                th.dim,
            ));
        }
    }
    out.push(Line::styled(
        "Cities are matched by name (and other names) within a country.",
        th.dim,
    ));
    section(
        &mut out,
        app,
        format!("In all of {}", names.join(" and ")),
        &cmp.all,
        th,
    );
    if nets.len() > 2 {
        section(&mut out, app, "In some, not all".into(), &cmp.some, th);
    }
    for (i, only) in cmp.only.iter().enumerate() {
        let others: Vec<&str> = names
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .map(|(_, n)| n.as_str())
            .collect();
        section(
            &mut out,
            app,
            format!("In {} and not {}", names[i], others.join(" or ")),
            only,
            th,
        );
    }
    out
}

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let th = &app.style;
    let all = lines(app);
    let inner = layout::inner(area);
    let height = usize::from(inner.height);
    let scroll = app
        .detail_scroll
        .min(all.len().saturating_sub(height.max(1)));
    let title = Line::from(vec![
        Span::styled(" Compare ", th.title),
        Span::styled(
            format!(
                "{}-{} of {} · x marks · Esc back ",
                scroll + 1,
                (scroll + height).min(all.len()),
                all.len()
            ),
            th.dim,
        ),
    ]);
    frame.render_widget(pane(title, app.focus == Focus::Detail, th), area);
    let visible: Vec<Line> = all.into_iter().skip(scroll).take(height).collect();
    frame.render_widget(Paragraph::new(visible), inner);
}
