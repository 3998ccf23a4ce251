//! The country view: one country's members in every member list, grouped by network
//! (the jump's "Germany"), answered by the engine's `country::in_country`.
//!
//! Its lines are kept as indexes, not borrowed rows, so the view can live in `Mode` and
//! in the back stack; the view reads the members from the dataset as it draws.

use citynet_core::cities::Seat;
use citynet_core::country::in_country;

use super::update::{follow, show_members, show_seat, step};
use super::{Action, App, Back, Mode};
use crate::export;
use crate::layout;

/// One line of the view: a network's heading, or one of its members there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountryLine {
    Network {
        network: usize,
        count: usize,
    },
    Member {
        network: usize,
        member: u32,
        /// The member table's Population figure.
        population: Option<u64>,
    },
}

impl CountryLine {
    pub fn network(self) -> usize {
        match self {
            CountryLine::Network { network, .. } | CountryLine::Member { network, .. } => network,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountryView {
    /// The ISO 3166-1 alpha-2 code, upper-case.
    pub code: String,
    pub lines: Vec<CountryLine>,
    /// Member lists looked in (all that the dataset has).
    pub searched: usize,
    /// Memberships shown: a city in two lists is two.
    pub members: usize,
    /// Distinct cities among them.
    pub cities: usize,
    pub selected: usize,
    /// The first line shown.
    pub offset: usize,
}

impl CountryView {
    /// The member table's filter for this country: what Enter on a heading opens with.
    pub fn filter(&self) -> String {
        format!("country:{}", self.code.to_lowercase())
    }

    /// How many networks have members there.
    pub fn groups(&self) -> usize {
        self.lines
            .iter()
            .filter(|l| matches!(l, CountryLine::Network { .. }))
            .count()
    }
}

/// The view of country `code`, or `None` when no list has a member there.
pub fn build(app: &App, code: &str) -> Option<CountryView> {
    let found = in_country(&app.data, app.cities(), code, &[]);
    if found.is_empty() {
        return None;
    }
    let mut lines = Vec::new();
    for g in &found.groups {
        lines.push(CountryLine::Network {
            network: g.network,
            count: g.rows.len(),
        });
        lines.extend(g.rows.iter().map(|r| CountryLine::Member {
            network: g.network,
            member: r.member,
            population: r.population,
        }));
    }
    Some(CountryView {
        members: found.total(),
        searched: found.searched.len(),
        cities: found.cities,
        code: found.code,
        lines,
        // The first member rather than the first heading: Enter on it opens a city.
        selected: 1,
        offset: 0,
    })
}

/// Opens the view of the country a jump result names.
pub fn open(app: &mut App, code: [u8; 2]) {
    let code = String::from_utf8_lossy(&code).into_owned();
    match build(app, &code) {
        Some(mut view) => {
            // From an open roster with members there, its heading: Enter filters it.
            let open = app.members.as_ref().map(|t| t.network);
            if let Some(at) = view.lines.iter().position(
                |l| matches!(l, CountryLine::Network { network, .. } if Some(*network) == open),
            ) {
                view.selected = at;
            }
            app.mode = Mode::Country(view);
        }
        None => {
            let name = citynet_core::data::countries::name(&code).unwrap_or(&code);
            app.message = Some(format!("No member list has a member in {name} ({code})"));
        }
    }
}

fn view_mut(app: &mut App) -> Option<&mut CountryView> {
    match &mut app.mode {
        Mode::Country(v) => Some(v),
        _ => None,
    }
}

/// A key in the country view.
pub fn action(app: &mut App, action: Action) {
    // Read under a borrow: a key that only moves the cursor copies nothing.
    let Mode::Country(view) = &app.mode else {
        return;
    };
    let len = view.lines.len();
    let page = layout::country_rows(app.size, len).max(1);
    let page = isize::try_from(page).unwrap_or(isize::MAX);
    let to = match action {
        Action::Up => Some(step(view.selected, -1, len)),
        Action::Down => Some(step(view.selected, 1, len)),
        Action::PageUp => Some(step(view.selected, -page, len)),
        Action::PageDown => Some(step(view.selected, page, len)),
        Action::First => Some(0),
        Action::Last => Some(len.saturating_sub(1)),
        // The next (previous) network's heading: a long group is one key to pass.
        Action::FocusNext => view.lines[view.selected.min(len)..]
            .iter()
            .skip(1)
            .position(|l| matches!(l, CountryLine::Network { .. }))
            .map(|i| view.selected + 1 + i),
        Action::FocusPrev => view.lines[..view.selected.min(len)]
            .iter()
            .rposition(|l| matches!(l, CountryLine::Network { .. })),
        _ => None,
    };
    let line = view.lines.get(view.selected).copied();
    let code = view.code.clone();
    if let Some(to) = to {
        if let Some(v) = view_mut(app) {
            v.selected = to;
        }
        return;
    }
    match action {
        Action::Open => {
            let Some(line) = line else {
                return;
            };
            // The view moves to the back stack, for Esc in the roster to return to.
            let Mode::Country(view) = std::mem::replace(&mut app.mode, Mode::Browse) else {
                return;
            };
            match line {
                CountryLine::Network { network, .. } => {
                    show_members(app, network, &view.filter());
                }
                CountryLine::Member {
                    network, member, ..
                } => show_seat(app, Seat { network, member }),
            }
            app.back = Some(Back::Country(view));
        }
        Action::CopySelection => {
            let found = in_country(&app.data, app.cities(), &code, &[]);
            let text = export::country::text(&app.data, &found);
            let name = found.country_name().to_string();
            app.clipboard = Some(super::Clip {
                text,
                what: format!("{name}'s members"),
            });
        }
        Action::OpenPins => app.mode = Mode::Pins { selected: 0 },
        Action::Back | Action::CancelInput => app.mode = Mode::Browse,
        _ => {}
    }
}

/// Scrolls the view so its selected line shows, on a screen of any size (`update` calls
/// it after every action, resizes included).
pub fn keep_in_sight(app: &mut App) {
    let size = app.size;
    if let Some(v) = view_mut(app) {
        let len = v.lines.len();
        let height = layout::country_rows(size, len);
        v.selected = v.selected.min(len.saturating_sub(1));
        v.offset = follow(v.selected, v.offset, height).min(len.saturating_sub(height.max(1)));
    }
}
