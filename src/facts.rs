//! A network's facts as lines of plain text, wrapped to a width: what the detail pane
//! draws (each piece styled by its [`Tone`]) and what `citynet show` prints. Below the
//! view and the command line, so that `update` can count the lines it scrolls through.

use citynet_core::data::{Completeness, Dataset, Figure, Network};

use crate::plain::{safe, wrap};

/// How a piece of a line is meant to look; the view picks the style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tone {
    /// Blank space: indentation.
    #[default]
    Plain,
    Title,
    Heading,
    Label,
    Text,
    Dim,
}

/// One line: its pieces, in order.
pub type Line = Vec<(String, Tone)>;

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
        // "26 of more than 60, as of 2019-03": nothing old or partial reads as whole.
        let completeness = match &r.completeness {
            Completeness::Complete => r.coverage(),
            Completeness::Partial { note, .. } => format!("partial: {}; {note}", r.coverage()),
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
                "{} listed ({}) · {}",
                r.members.len(),
                completeness,
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

/// The detail text of network `n`, wrapped to `width` columns, every value escaped.
/// `tier_counts`, when known, saves counting the roster's members per tier.
pub fn lines(data: &Dataset, n: &Network, tier_counts: Option<&[usize]>, width: u16) -> Vec<Line> {
    let width = usize::from(width).max(10);
    let label_w = 12;
    let mut out = Vec::new();
    out.extend(wrap(
        vec![(safe(&n.full_title()).into_owned(), Tone::Title)],
        width,
        0,
    ));
    for item in items(data, n, tier_counts) {
        match item {
            Item::Heading(h) => out.push(vec![(h, Tone::Heading)]),
            Item::Field(label, value) => {
                let pieces = vec![
                    (format!("{label:<label_w$}"), Tone::Label),
                    (safe(&value).into_owned(), Tone::Text),
                ];
                out.extend(wrap(pieces, width, label_w));
            }
            Item::Bullet(s) => {
                let pieces = vec![
                    ("• ".to_string(), Tone::Dim),
                    (safe(&s).into_owned(), Tone::Text),
                ];
                out.extend(wrap(pieces, width, 2));
            }
            Item::Para(s) => out.extend(wrap(vec![(safe(&s).into_owned(), Tone::Text)], width, 0)),
            Item::Blank => out.push(Vec::new()),
        }
    }
    out
}

/// How many lines [`lines`] gives.
pub fn line_count(data: &Dataset, n: &Network, tier_counts: Option<&[usize]>, width: u16) -> usize {
    lines(data, n, tier_counts, width).len()
}

/// A line's text, without its trailing blanks.
pub fn text(line: &Line) -> String {
    let s: String = line.iter().map(|(s, _)| s.as_str()).collect();
    s.trim_end().to_string()
}
