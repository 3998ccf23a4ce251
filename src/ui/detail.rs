//! The detail pane: everything the dataset knows about the selected network.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{layout, pane, text};
use crate::app::{App, Focus};
use crate::theme::Theme;
use citynet_core::data::{Completeness, Dataset, Figure, Network};

/// How a source is cited in one line: its publisher.
fn cite(data: &Dataset, ids: &[String]) -> String {
    ids.iter()
        .map(|id| {
            data.sources
                .iter()
                .find(|s| &s.id == id)
                .map_or(id.as_str(), |s| s.publisher.as_str())
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn figure_text(data: &Dataset, f: &Figure) -> String {
    let mut s = f.phrase();
    if !f.sources.is_empty() {
        s.push_str(&format!(" [{}]", cite(data, &f.sources)));
    }
    s
}

/// The network's facts as text lines, before wrapping: (label, value) rows and headings.
enum Item {
    Heading(String),
    Field(&'static str, String),
    Bullet(String),
    Para(String),
    Blank,
}

fn items(data: &Dataset, n: &Network, tier_counts: Option<&[usize]>) -> Vec<Item> {
    use Item::*;
    let mut v = Vec::new();
    let mut facts = vec![n.scope.to_string()];
    if let Some(m) = &n.members_are {
        facts.push(m.clone());
    }
    if let Some(y) = n.founded {
        facts.push(format!("founded {y}"));
    }
    v.push(Field("Scope", facts.join(" · ")));
    v.push(Field(
        "Themes",
        n.themes
            .iter()
            .map(|t| t.label())
            .collect::<Vec<_>>()
            .join(", "),
    ));
    if let Some(hq) = &n.headquarters {
        v.push(Field("Based in", hq.clone()));
    }
    if let Some(w) = &n.website {
        v.push(Field("Website", w.clone()));
    }
    v.push(Blank);
    v.push(Para(n.summary.clone()));
    if !n.figures.is_empty() {
        v.push(Blank);
        v.push(Heading("Figures".into()));
        for f in &n.figures {
            v.push(Bullet(figure_text(data, f)));
        }
    }
    if !n.targets.is_empty() {
        v.push(Blank);
        v.push(Heading("Targets".into()));
        for t in &n.targets {
            let figures: Vec<String> = t.figures.iter().map(Figure::phrase).collect();
            let mut s = format!("by {}: {}", t.by, t.goal);
            if !figures.is_empty() {
                s.push_str(&format!(" ({})", figures.join(", ")));
            }
            v.push(Bullet(s));
        }
    }
    if !n.affiliations.is_empty() {
        v.push(Blank);
        v.push(Heading("Affiliations".into()));
        for a in &n.affiliations {
            v.push(Bullet(format!("{}: {}", a.name, a.role)));
        }
    }
    if let Some(r) = &n.roster {
        v.push(Blank);
        v.push(Heading("Roster".into()));
        let completeness = match &r.completeness {
            Completeness::Complete => "complete".to_string(),
            Completeness::Partial {
                listed,
                total,
                note,
                ..
            } => {
                format!("partial: {listed} of {total} listed; {note}")
            }
        };
        // Counting a quarter of a million members on every redraw would show: the app
        // passes the counts its roster index made once.
        let counted: Vec<usize>;
        let counts = match tier_counts {
            Some(c) => c,
            None => {
                counted = r
                    .tiers
                    .iter()
                    .map(|t| r.members.iter().filter(|m| m.tier == t.id).count())
                    .collect();
                &counted
            }
        };
        let tiers: Vec<String> = r
            .tiers
            .iter()
            .zip(counts)
            .map(|(t, c)| format!("{} {c}", t.short))
            .collect();
        v.push(Field(
            "Members",
            format!(
                "{} listed ({}), as of {} · {}",
                r.members.len(),
                completeness,
                r.as_of,
                tiers.join(" · ")
            ),
        ));
        v.push(Field("Source", cite(data, &r.sources)));
        v.push(Field("Open", "Enter shows the member table".into()));
    }
    if let Some(p) = &n.profile {
        v.push(Blank);
        v.push(Heading("Profile".into()));
        if !p.founding_members.is_empty() {
            v.push(Field("Founded by", p.founding_members.join(", ")));
        }
        if let Some(s) = &p.secretariat {
            v.push(Field("Secretariat", s.clone()));
        }
        for l in &p.leaders {
            v.push(Field("Leader", format!("{}: {}", l.role, l.name)));
        }
        for b in &p.governance {
            let mut s = b.name.clone();
            if let Some(c) = &b.composition {
                s.push_str(&format!(", {c}"));
            }
            if let Some(m) = b.meets_per_year_at_least {
                s.push_str(&format!(", meets at least {m} times a year"));
            }
            s.push_str(&format!(": {}", b.role));
            v.push(Bullet(s));
        }
        if !p.membership_rules.is_empty() {
            v.push(Heading("Who may join".into()));
            for r in &p.membership_rules {
                v.push(Bullet(format!("{}: {}", r.label, r.who)));
            }
        }
        if !p.thematic_areas.is_empty() {
            v.push(Field(
                "Themes",
                format!(
                    "{} areas: {}",
                    p.thematic_areas.len(),
                    p.thematic_areas.join(", ")
                ),
            ));
        }
        let mut work = Vec::new();
        if let Some(f) = p.forums {
            work.push(format!("{f} forums"));
        }
        if let Some(w) = p.working_groups {
            work.push(format!("{w} working groups"));
        }
        if let Some(pr) = p.projects {
            let note = p
                .projects_note
                .as_ref()
                .map_or(String::new(), |n| format!(" ({n})"));
            work.push(format!("{pr} projects{note}"));
        }
        if !work.is_empty() {
            v.push(Field("Work", work.join(" · ")));
        }
        if !p.activities.is_empty() {
            v.push(Heading("Activities".into()));
            for a in &p.activities {
                v.push(Bullet(format!("{}: {}", a.name, a.what)));
            }
        }
        if !p.sources.is_empty() {
            v.push(Field("Profile from", cite(data, &p.sources)));
        }
    }
    v.push(Blank);
    v.push(Field("Sources", cite(data, &n.sources)));
    v
}

/// The title line of a network: "C40 Cities Climate Leadership Group (C40)".
pub fn full_title(n: &Network) -> String {
    match &n.short_name {
        Some(s) if s != &n.name => format!("{} ({s})", n.name),
        _ => n.name.clone(),
    }
}

/// The detail text of network `n`, wrapped to `width` columns. `tier_counts`, when known,
/// saves counting the roster's members per tier.
pub fn lines(
    data: &Dataset,
    n: &Network,
    tier_counts: Option<&[usize]>,
    width: u16,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let width = usize::from(width).max(10);
    let label_w = 12;
    let mut out = Vec::new();
    out.extend(text::wrap(
        vec![Span::styled(
            text::safe(&full_title(n)).into_owned(),
            theme.title,
        )],
        width,
        0,
    ));
    for item in items(data, n, tier_counts) {
        match item {
            Item::Heading(h) => out.push(Line::styled(h, theme.header)),
            Item::Field(label, value) => {
                let spans = vec![
                    Span::styled(format!("{label:<label_w$}"), theme.label),
                    Span::styled(text::safe(&value).into_owned(), theme.text),
                ];
                out.extend(text::wrap(spans, width, label_w));
            }
            Item::Bullet(s) => {
                let spans = vec![
                    Span::styled("• ", theme.dim),
                    Span::styled(text::safe(&s).into_owned(), theme.text),
                ];
                out.extend(text::wrap(spans, width, 2));
            }
            Item::Para(s) => out.extend(text::wrap(
                vec![Span::styled(text::safe(&s).into_owned(), theme.text)],
                width,
                0,
            )),
            Item::Blank => out.push(Line::default()),
        }
    }
    out
}

fn tier_counts(app: &App, network: usize) -> Option<&[usize]> {
    app.indexes.tier_counts(network)
}

/// How many wrapped lines the selected network's detail has at the current size.
pub fn line_count(app: &App) -> usize {
    if app.right == crate::app::Right::Compare {
        return super::compare::line_count(app);
    }
    app.selected_network().map_or(0, |i| {
        let Some(n) = app.network(i) else { return 0 };
        lines(
            &app.data,
            n,
            tier_counts(app, i),
            layout::detail_width(app),
            &app.style,
        )
        .len()
    })
}

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let t = &app.style;
    let focused = app.focus == Focus::Detail;
    let Some(n) = app.selected_network().and_then(|i| app.network(i)) else {
        frame.render_widget(pane(Line::from(" Detail "), focused, t), area);
        return;
    };
    let inner = layout::inner(area);
    let counts = app.selected_network().and_then(|i| tier_counts(app, i));
    let all = lines(&app.data, n, counts, inner.width, t);
    let height = usize::from(inner.height);
    let scroll = app
        .detail_scroll
        .min(all.len().saturating_sub(height.max(1)));
    let more = if all.len() > height {
        format!(
            " {}-{} of {} ",
            scroll + 1,
            (scroll + height).min(all.len()),
            all.len()
        )
    } else {
        String::new()
    };
    let title = Line::from(vec![
        Span::styled(
            format!(" {} ", text::safe(n.label())),
            if focused { t.title } else { t.label },
        ),
        Span::styled(more, t.dim),
    ]);
    frame.render_widget(pane(title, focused, t), area);
    let visible: Vec<Line> = all.into_iter().skip(scroll).take(height).collect();
    frame.render_widget(Paragraph::new(visible), inner);
}
