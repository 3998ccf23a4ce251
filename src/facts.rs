//! A network's facts as lines of plain text, wrapped to a width: what the detail pane
//! draws (each piece styled by its [`Tone`]) and what `citynet show` prints. Below the
//! view and the command line, so that `update` can count the lines it scrolls through.

use citynet_core::data::{Completeness, Dataset, Figure, Network, Source, Sourced};

use crate::plain::{safe, wrap};
use citynet_core::cities::{City, Membership};

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

/// What the pane says where no source we have states a fact: an empty field must not
/// read as "there is none".
pub const NOT_STATED: &str = "not stated by the sources we have";

/// The footnotes of one network's detail: each source gets a number the first time a
/// fact cites it, and the list at the end gives the numbered sources in that order.
struct Notes<'d> {
    data: &'d Dataset,
    order: Vec<String>,
}

impl Notes<'_> {
    /// The footnote mark for `ids`: " [1]", " [1,3]", or nothing for no ids.
    fn mark(&mut self, ids: &[String]) -> String {
        if ids.is_empty() {
            return String::new();
        }
        let mut numbers = Vec::new();
        for id in ids {
            let i = match self.order.iter().position(|o| o == id) {
                Some(i) => i,
                None => {
                    self.order.push(id.clone());
                    self.order.len() - 1
                }
            };
            numbers.push(i + 1);
        }
        numbers.sort_unstable();
        numbers.dedup();
        let numbers: Vec<String> = numbers.iter().map(usize::to_string).collect();
        format!(" [{}]", numbers.join(","))
    }

    /// The numbered sources, one line each: title, publisher, dates, address.
    fn list(&self) -> Vec<String> {
        self.order
            .iter()
            .enumerate()
            .map(|(i, id)| match self.data.source(id) {
                Some(s) => source_line(i + 1, s),
                None => format!("[{}] {id} (unknown source)", i + 1),
            })
            .collect()
    }
}

/// A source as one citation: "[1] Title. Publisher; published 2020; read on 2026-12-02; URL".
/// A membership's own population figure where it differs from GeoNames' for the city,
/// with whom it was declared to and when: "1,352,000 (declared to Covenant of Mayors,
/// 2008-12-18)". The Covenant's figures are what each signatory declared on joining.
pub fn declared_population(ms: &Membership, city: &City) -> Option<String> {
    let pop = ms
        .member
        .population
        .filter(|&p| city.population != Some(p))?;
    let when = ms
        .member
        .joined
        .as_deref()
        .map(|d| format!(", {}", safe(d)))
        .unwrap_or_default();
    Some(format!(
        "{} (declared to {}{when})",
        citynet_core::data::group_thousands(pop),
        safe(ms.network.label())
    ))
}

pub fn source_line(number: usize, s: &Source) -> String {
    let date = s.published_or_undated();
    // "published 2020", but "undated" and "as of 2025" say what they are themselves.
    let date = if date.starts_with(|c: char| c.is_ascii_digit()) {
        format!("published {date}")
    } else {
        date.to_string()
    };
    let mut line = format!("[{number}] {}. {}; {date}", s.title, s.publisher);
    if let Some(r) = &s.read_on {
        line.push_str(&format!("; read on {r}"));
    }
    if let Some(u) = &s.url {
        line.push_str(&format!("; {u}"));
    }
    line
}

fn figure_text(notes: &mut Notes, f: &Figure) -> String {
    format!("{}{}", f.phrase(), notes.mark(&f.sources))
}

/// Each value with its footnote and note, or NOT_STATED where there is none.
fn sourced<T>(notes: &mut Notes, values: &[Sourced<T>], show: impl Fn(&T) -> String) -> String {
    if values.is_empty() {
        return NOT_STATED.to_string();
    }
    values
        .iter()
        .map(|v| {
            let note = v.note.as_ref().map_or(String::new(), |n| format!(" ({n})"));
            format!("{}{note}{}", show(&v.value), notes.mark(&v.sources))
        })
        .collect::<Vec<_>>()
        .join("; ")
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
    items_and_sources(data, n, tier_counts).0
}

/// The items, and the ids of the sources they cite in footnote order.
fn items_and_sources(
    data: &Dataset,
    n: &Network,
    tier_counts: Option<&[usize]>,
) -> (Vec<Item>, Vec<String>) {
    use Item::*;
    let mut notes = Notes {
        data,
        order: Vec::new(),
    };
    let mut v = Vec::new();
    let mut name = format!("{}{}", n.name, notes.mark(n.name_cited()));
    if let Some(s) = &n.short_name
        && s != &n.name
    {
        name.push_str(&format!(" · {s}{}", notes.mark(n.short_name_cited())));
    }
    v.push(Field("Name", name));
    let mut facts = vec![n.scope.to_string()];
    if let Some(m) = &n.members_are {
        facts.push(m.clone());
    }
    v.push(Field(
        "Scope",
        format!("{}{}", facts.join(" · "), notes.mark(&n.sources)),
    ));
    v.push(Field(
        "Themes",
        n.themes
            .iter()
            .map(|t| t.label())
            .collect::<Vec<_>>()
            .join(", "),
    ));
    v.push(Field(
        "Founded",
        sourced(&mut notes, &n.founded, u16::to_string),
    ));
    v.push(Field(
        "Based in",
        sourced(&mut notes, &n.headquarters, String::clone),
    ));
    v.push(Field(
        "Website",
        sourced(&mut notes, &n.website, String::clone),
    ));
    v.push(Blank);
    v.push(Para(format!("{}{}", n.summary, notes.mark(&n.sources))));
    if !n.figures.is_empty() {
        v.push(Blank);
        v.push(Heading("Figures".into()));
        for f in &n.figures {
            v.push(Bullet(figure_text(&mut notes, f)));
        }
    }
    if !n.targets.is_empty() {
        v.push(Blank);
        v.push(Heading("Targets".into()));
        for t in &n.targets {
            let figures: Vec<String> = t
                .figures
                .iter()
                .map(|f| figure_text(&mut notes, f))
                .collect();
            let mut s = format!("by {}: {}{}", t.by, t.goal, notes.mark(&t.sources));
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
            v.push(Bullet(format!(
                "{}: {}{}",
                a.name,
                a.role,
                notes.mark(&a.sources)
            )));
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
        let columns: Vec<String> = r
            .column_sources()
            .into_iter()
            .map(|(column, ids)| format!("{column}{}", notes.mark(ids)))
            .collect();
        v.push(Field("Sources", columns.join("; ")));
        // CC BY data carries its credit wherever it is shown.
        for credit in data.credits(r) {
            v.push(Field("Credit", credit.to_string()));
        }
        v.push(Field("Open", "Enter shows the member table".into()));
    }
    if let Some(p) = &n.profile {
        let src = &p.sources;
        v.push(Blank);
        v.push(Heading("Profile".into()));
        if !p.founding_members.is_empty() {
            v.push(Field(
                "Founded by",
                format!(
                    "{}{}",
                    p.founding_members.join(", "),
                    notes.mark(&src.founding_members)
                ),
            ));
        }
        if let Some(s) = &p.secretariat {
            v.push(Field(
                "Secretariat",
                format!("{s}{}", notes.mark(&src.secretariat)),
            ));
        }
        if !p.leaders.is_empty() {
            let leaders: Vec<String> = p
                .leaders
                .iter()
                .map(|l| format!("{}: {}", l.role, l.name))
                .collect();
            v.push(Field(
                if p.leaders.len() == 1 {
                    "Leader"
                } else {
                    "Leaders"
                },
                format!("{}{}", leaders.join("; "), notes.mark(&src.leaders)),
            ));
        }
        let governance = notes.mark(&src.governance);
        for b in &p.governance {
            let mut s = b.name.clone();
            if let Some(c) = &b.composition {
                s.push_str(&format!(", {c}"));
            }
            if let Some(m) = b.meets_per_year_at_least {
                s.push_str(&format!(", meets at least {m} times a year"));
            }
            s.push_str(&format!(": {}{governance}", b.role));
            v.push(Bullet(s));
        }
        if !p.membership_rules.is_empty() {
            v.push(Heading("Who may join".into()));
            let rules = notes.mark(&src.membership_rules);
            for r in &p.membership_rules {
                v.push(Bullet(format!("{}: {}{rules}", r.label, r.who)));
            }
        }
        if !p.thematic_areas.is_empty() {
            v.push(Field(
                "Themes",
                format!(
                    "{} areas: {}{}",
                    p.thematic_areas.len(),
                    p.thematic_areas.join(", "),
                    notes.mark(&src.thematic_areas)
                ),
            ));
        }
        let mut work = Vec::new();
        if let Some(f) = p.forums {
            work.push(format!("{f} forums{}", notes.mark(&src.forums)));
        }
        if let Some(w) = p.working_groups {
            work.push(format!(
                "{w} working groups{}",
                notes.mark(&src.working_groups)
            ));
        }
        if let Some(pr) = p.projects {
            let note = p
                .projects_note
                .as_ref()
                .map_or(String::new(), |n| format!(" ({n})"));
            work.push(format!("{pr} projects{note}{}", notes.mark(&src.projects)));
        }
        if !work.is_empty() {
            v.push(Field("Work", work.join(" · ")));
        }
        if !p.forum_topics.is_empty() {
            v.push(Field(
                "Forums",
                format!(
                    "{}{}",
                    p.forum_topics.join(", "),
                    notes.mark(&src.forum_topics)
                ),
            ));
        }
        if !p.activities.is_empty() {
            v.push(Heading("Activities".into()));
            let activities = notes.mark(&src.activities);
            for a in &p.activities {
                v.push(Bullet(format!("{}: {}{activities}", a.name, a.what)));
            }
        }
        if !p.notes.is_empty() {
            v.push(Heading("Notes".into()));
            for note in &p.notes {
                v.push(Bullet(format!(
                    "{}{}",
                    note.value,
                    notes.mark(&note.sources)
                )));
            }
        }
    }
    v.push(Blank);
    v.push(Heading("Sources".into()));
    for line in notes.list() {
        v.push(Para(line));
    }
    (v, notes.order)
}

/// The ids of every source network `n` cites, in the order its detail numbers them.
pub fn cited_sources(data: &Dataset, n: &Network) -> Vec<String> {
    items_and_sources(data, n, Some(&[])).1
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

/// Which of [`lines`]' lines heads the numbered sources, where the network cites any.
pub fn sources_line(
    data: &Dataset,
    n: &Network,
    tier_counts: Option<&[usize]>,
    width: u16,
) -> Option<usize> {
    lines(data, n, tier_counts, width)
        .iter()
        .position(|l| matches!(l.as_slice(), [(h, Tone::Heading)] if h == "Sources"))
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

/// A member figure in a few columns: `~100`, `>2,500`, `250,000`, `100s`.
pub fn compact(f: &citynet_core::data::Figure) -> String {
    let n = citynet_core::data::group_thousands(f.value);
    match f.qualifier {
        citynet_core::data::Qualifier::Exact => n,
        citynet_core::data::Qualifier::About
        | citynet_core::data::Qualifier::Nearly
        | citynet_core::data::Qualifier::Almost => format!("~{n}"),
        citynet_core::data::Qualifier::MoreThan | citynet_core::data::Qualifier::Over => {
            format!(">{n}")
        }
        citynet_core::data::Qualifier::Hundreds => "100s".into(),
    }
}
