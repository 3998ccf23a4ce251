//! The app's side of a person's own state: recalling queries, ranking places by how
//! often and how lately they were visited (frecency), pins and saved views. Every change
//! goes through [`App::record`], which changes `saved` and queues the change for the
//! store; nothing here touches the disk.

use std::collections::HashMap;

use citynet_core::data::Theme;
use citynet_core::roster::{Sort, SortColumn};

use super::jump::{Destination, JumpHit};
use super::keys::Keymap;
use super::update::{go, on_query_change, search_jump, show_members, sort_by};
use super::{Action, App, Card, Focus, Mode, Side};
use crate::pinned::{self, Pinned};
use crate::prefs::state::{Op, Pin, PinKey, View};
use crate::prefs::{Saved, time};

impl App {
    /// Changes the saved state and queues the change to be written.
    pub fn record(&mut self, op: Op) {
        self.saved.apply(&op);
        self.pending.push(op);
    }

    /// The app as a person's config and saved state make it.
    pub fn personalise(
        &mut self,
        keys: Keymap,
        saved: Saved,
        network: Option<usize>,
        side: Side,
        modes: (bool, bool),
    ) {
        self.keys = keys;
        self.saved = saved;
        self.side = side;
        (self.plain, self.accessible) = modes;
        if let Some(i) = network
            && let Some(row) = self.networks.rows.iter().position(|r| r.network == i)
        {
            self.networks.selected = row;
        }
    }
}

/// The prompt keys are typed into, by the name its history is kept under.
pub fn prompt(app: &App) -> Option<&'static str> {
    match (&app.mode, app.focus) {
        (Mode::Jump(_), _) => Some("jump"),
        (Mode::Filter, Focus::Networks) => Some("networks"),
        (Mode::Filter, Focus::Members) if app.members.is_some() => Some("members"),
        _ => None,
    }
}

fn prompt_text(app: &App) -> Option<&str> {
    match (&app.mode, app.focus) {
        (Mode::Jump(j), _) => Some(&j.query),
        (Mode::Filter, Focus::Networks) => Some(&app.networks.filter),
        (Mode::Filter, Focus::Members) => app.members.as_ref().map(|t| t.filter.as_str()),
        _ => None,
    }
}

/// ↑ in an empty prompt, or in one showing a recalled query, recalls an older one; ↓
/// then a newer one (as fzf's `--history` does). Otherwise they move the selection.
pub fn translate(app: &App, action: Action) -> Action {
    let Some(text) = prompt_text(app) else {
        return action;
    };
    match action {
        Action::Up if text.is_empty() || app.recall.is_some() => Action::HistoryOlder,
        Action::Down if app.recall.is_some() => Action::HistoryNewer,
        a => a,
    }
}

/// Puts an older (or newer) query of the prompt's history in the prompt.
pub fn recall(app: &mut App, older: bool) {
    let Some(context) = prompt(app) else { return };
    let list = app.saved.history.queries(context);
    let len = list.len();
    let n = app.recall.unwrap_or(0);
    let next = if older { n + 1 } else { n.saturating_sub(1) };
    if next > len {
        app.message = Some(if len == 0 {
            "No queries kept for this prompt yet".into()
        } else {
            "That is the oldest query kept".into()
        });
        return;
    }
    let text = if next == 0 {
        String::new()
    } else {
        list[len - next].clone()
    };
    set_prompt_text(app, text);
    app.recall = (next > 0).then_some(next);
}

fn set_prompt_text(app: &mut App, text: String) {
    match (&mut app.mode, app.focus) {
        (Mode::Jump(j), _) => {
            j.query = text;
            search_jump(app);
        }
        (Mode::Filter, Focus::Networks) => {
            app.networks.filter = text;
            app.refilter_networks();
        }
        (Mode::Filter, Focus::Members) => {
            if let Some(t) = app.members.as_mut() {
                let before = std::mem::replace(&mut t.filter, text);
                on_query_change(app, &before);
            }
        }
        _ => {}
    }
}

/// Before Enter is applied: keeps the prompt's query, and the place a jump goes to.
pub fn remember_accept(app: &mut App) {
    let Some(context) = prompt(app) else { return };
    let text = prompt_text(app).unwrap_or("").trim().to_string();
    let visit = app
        .jump()
        .and_then(|j| j.hits.get(j.selected))
        .and_then(|h| destination_key(app, h.to));
    if !text.is_empty() {
        app.record(Op::Query {
            context: context.to_string(),
            text,
        });
    }
    if let Some(to) = visit {
        app.record(Op::Visit {
            to,
            at: time::now(),
        });
    }
}

/// Counts a visit to `to` for ranking: opening a network's members or a city's card
/// is a visit as much as jumping there.
pub fn visited(app: &mut App, to: Destination) {
    if let Some(key) = destination_key(app, to) {
        app.record(Op::Visit {
            to: key,
            at: time::now(),
        });
    }
}

/// How a destination is kept in the history: by what names it in any dataset, not by
/// its place in this one.
pub fn destination_key(app: &App, to: Destination) -> Option<String> {
    Some(match to {
        Destination::Network(i) => format!("network:{}", app.data.networks.get(i)?.id),
        Destination::City(c) => {
            let c = app.cities().cities.get(c)?;
            format!("city:{}/{}", c.name, c.country)
        }
        Destination::Country([a, b]) => format!("country:{}{}", char::from(a), char::from(b)),
        Destination::Theme(t) => format!("theme:{}", t.label()),
        Destination::Place(id) => format!("place:{id}"),
    })
}

/// The destination a kept key names in this dataset, if any.
pub fn destination_of(app: &App, key: &str) -> Option<Destination> {
    let (kind, rest) = key.split_once(':')?;
    match kind {
        "network" => app
            .data
            .networks
            .iter()
            .position(|n| n.id == rest)
            .map(Destination::Network),
        "city" => {
            let (name, country) = rest.rsplit_once('/')?;
            app.cities()
                .cities
                .iter()
                .position(|c| c.name == name && c.country == country)
                .map(Destination::City)
        }
        "country" => match rest.as_bytes() {
            [a, b] => Some(Destination::Country([*a, *b])),
            _ => None,
        },
        "theme" => Theme::parse(rest).map(Destination::Theme),
        "place" => rest.parse().ok().map(Destination::Place),
        _ => None,
    }
}

/// How much a visit counts by its age, as browsers weigh history: the last few days most.
fn weight(age_secs: u64) -> f64 {
    const DAY: u64 = 86_400;
    match age_secs / DAY {
        0..=3 => 100.0,
        4..=13 => 70.0,
        14..=30 => 50.0,
        31..=90 => 30.0,
        _ => 10.0,
    }
}

/// Each visited place's frecency: visits times the weight of the latest one's age.
pub fn frecency(app: &App, now: u64) -> HashMap<&str, f64> {
    app.saved
        .history
        .visits
        .iter()
        .map(|v| {
            let age = time::parse(&v.last).map_or(u64::MAX, |t| now.saturating_sub(t));
            (v.to.as_str(), f64::from(v.count) * weight(age))
        })
        .collect()
}

/// The jump prompt's list before anything is typed: the places visited most and
/// most lately.
pub fn frecent_hits(app: &App, limit: usize) -> Vec<JumpHit> {
    let scores = frecency(app, time::now());
    let mut ranked: Vec<(&str, f64)> = scores.into_iter().collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
    ranked
        .into_iter()
        .filter_map(|(k, _)| destination_of(app, k))
        .take(limit)
        .map(|to| JumpHit {
            to,
            suggested: false,
            score: 0,
            positions: Vec::new(),
            matched: None,
        })
        .collect()
}

/// Among results that match equally well, the places visited more and more lately first.
pub fn order_ties(app: &App, hits: &mut [JumpHit]) {
    if app.saved.history.visits.is_empty() {
        return;
    }
    let scores = frecency(app, time::now());
    let of = |h: &JumpHit| {
        destination_key(app, h.to)
            .and_then(|k| scores.get(k.as_str()).copied())
            .unwrap_or(0.0)
    };
    let mut start = 0;
    while start < hits.len() {
        let same =
            |h: &JumpHit| h.score == hits[start].score && h.suggested == hits[start].suggested;
        let end = start + hits[start..].iter().take_while(|h| same(h)).count();
        // A stable sort: equally frecent results keep the engine's order.
        hits[start..end].sort_by(|a, b| of(b).total_cmp(&of(a)));
        start = end;
    }
}

/// What `p` pins where it is pressed: the member's city in the member table, the city
/// on its card, else the selected network.
fn pin_here(app: &App) -> Option<(Pin, String)> {
    let city = match (&app.mode, app.focus) {
        (Mode::Card(c), _) => Some(c.city),
        (_, Focus::Members) => app.members.as_ref().and_then(|t| {
            let member = t.search.member(t.selected)?;
            app.cities().of(citynet_core::cities::Seat {
                network: t.network,
                member,
            })
        }),
        _ => None,
    };
    if let Some(c) = city {
        let pin = pinned::city_pin(app.cities(), c)?;
        let title = pinned::title(&app.data, app.cities(), &pin);
        return Some((pin, title));
    }
    let n = app.selected_network().and_then(|i| app.network(i))?;
    Some((Pin::network(&n.id), n.label().to_string()))
}

/// Pins what is selected, or unpins it when it is pinned.
pub fn toggle_pin(app: &mut App) {
    let Some((pin, title)) = pin_here(app) else {
        app.message = Some("Nothing selected to pin".into());
        return;
    };
    let key = pin.key();
    let list = app
        .keys
        .keys_for(super::keymap::Command::OpenPins, super::Context::Networks);
    if app.saved.pins.contains(&key) {
        app.record(Op::Unpin(key));
        app.message = Some(format!("Unpinned {title}"));
    } else {
        app.record(Op::Pin(pin));
        app.message = Some(format!("Pinned {title} ({list} lists the pins)"));
    }
}

pub fn pins_action(app: &mut App, action: Action) {
    let Mode::Pins { selected } = app.mode else {
        return;
    };
    let len = app.saved.pins.pins.len();
    match action {
        Action::Up => {
            app.mode = Mode::Pins {
                selected: selected.saturating_sub(1),
            }
        }
        Action::Down => {
            app.mode = Mode::Pins {
                selected: (selected + 1).min(len.saturating_sub(1)),
            }
        }
        Action::Delete => {
            if let Some(pin) = app.saved.pins.pins.get(selected) {
                let key: PinKey = pin.key();
                let title = pinned::title(&app.data, app.cities(), pin);
                app.record(Op::Unpin(key));
                app.message = Some(format!("Unpinned {title}"));
                let len = app.saved.pins.pins.len();
                app.mode = Mode::Pins {
                    selected: selected.min(len.saturating_sub(1)),
                };
            }
        }
        Action::Open => {
            let Some(pin) = app.saved.pins.pins.get(selected).cloned() else {
                return;
            };
            match pinned::resolve(&app.data, app.cities(), &pin) {
                Pinned::City(city) => app.mode = Mode::Card(Card { city, selected: 0 }),
                Pinned::Network(i) => {
                    app.mode = Mode::Browse;
                    go(app, Destination::Network(i));
                }
                Pinned::Missing => {
                    app.message = Some(format!(
                        "{} is not in this dataset",
                        pinned::title(&app.data, app.cities(), &pin)
                    ));
                }
            }
        }
        Action::CopySelection => {
            let entries = pinned::entries(&app.data, app.cities(), &app.saved.pins);
            let n = entries.len();
            app.clipboard = Some(super::Clip {
                text: pinned::markdown(&app.data, &entries),
                what: "the pins as a Markdown brief".into(),
            });
            app.message = Some(format!("Copied {n} pins as a Markdown brief"));
        }
        Action::Back | Action::CancelInput => app.mode = Mode::Browse,
        _ => {}
    }
}

/// The member table's view, ready to be named.
pub fn current_view(app: &App, name: &str) -> Option<View> {
    let (t, n, r, _) = app.open_roster()?;
    let on = t.search.tiers_on();
    let tiers = if on.iter().all(|&b| b) {
        Vec::new()
    } else {
        r.tiers
            .iter()
            .zip(on)
            .filter(|(_, on)| **on)
            .map(|(tier, _)| tier.id.clone())
            .collect()
    };
    let sort = t.search.sort();
    Some(View {
        name: name.to_string(),
        network: n.id.clone(),
        tiers,
        query: t.filter.clone(),
        sort: sort_name(sort.column).to_string(),
        descending: !sort.ascending,
        side: crate_side_name(app.side).to_string(),
        saved: Some(time::format(time::now())),
    })
}

const SORTS: [(&str, SortColumn); 7] = [
    ("relevance", SortColumn::Relevance),
    ("city", SortColumn::City),
    ("country", SortColumn::Country),
    ("tier", SortColumn::Tier),
    ("population", SortColumn::Population),
    ("stated", SortColumn::Stated),
    ("since", SortColumn::Since),
];

fn sort_name(c: SortColumn) -> &'static str {
    SORTS
        .iter()
        .find(|(_, s)| *s == c)
        .map_or("city", |(n, _)| n)
}

fn crate_side_name(side: Side) -> &'static str {
    match side {
        Side::None => "none",
        Side::Map => "map",
        Side::Countries => "countries",
    }
}

/// `V`: asks for a name for the member table's view.
pub fn start_naming(app: &mut App) {
    if app.open_roster().is_none() || app.right != super::Right::Members {
        app.message = Some(
            "Open a network's member table first: a view is its network, tiers, query, sort and side pane"
                .into(),
        );
        return;
    }
    app.mode = Mode::Naming {
        name: String::new(),
    };
}

pub fn naming_action(app: &mut App, action: Action) {
    let Mode::Naming { name } = &mut app.mode else {
        return;
    };
    match action {
        Action::Input(c) => name.push(c),
        Action::Backspace => {
            name.pop();
        }
        Action::DeleteWord | Action::ClearInput => name.clear(),
        Action::AcceptInput => {
            let name = name.trim().to_string();
            if name.is_empty() {
                app.message = Some("A view needs a name (Esc: do not save)".into());
                return;
            }
            app.mode = Mode::Browse;
            if let Some(view) = current_view(app, &name) {
                let replaced = app.saved.views.get(&name).is_some();
                app.record(Op::SaveView(view));
                app.message = Some(format!(
                    "{} view \"{name}\" (v opens it; citynet --view '{name}' starts there)",
                    if replaced { "Replaced" } else { "Saved" }
                ));
            }
        }
        Action::CancelInput | Action::Back => app.mode = Mode::Browse,
        _ => {}
    }
}

pub fn views_action(app: &mut App, action: Action) {
    let Mode::Views { selected } = app.mode else {
        return;
    };
    let len = app.saved.views.views.len();
    match action {
        Action::Up => {
            app.mode = Mode::Views {
                selected: selected.saturating_sub(1),
            }
        }
        Action::Down => {
            app.mode = Mode::Views {
                selected: (selected + 1).min(len.saturating_sub(1)),
            }
        }
        Action::Delete => {
            if let Some(v) = app.saved.views.views.get(selected) {
                let name = v.name.clone();
                app.record(Op::DeleteView(name.clone()));
                app.message = Some(format!("Deleted view \"{name}\""));
                let len = app.saved.views.views.len();
                app.mode = Mode::Views {
                    selected: selected.min(len.saturating_sub(1)),
                };
            }
        }
        Action::Open => {
            let Some(view) = app.saved.views.views.get(selected).cloned() else {
                return;
            };
            app.mode = Mode::Browse;
            if let Err(e) = open_view(app, &view) {
                app.message = Some(e);
            }
        }
        Action::Back | Action::CancelInput => app.mode = Mode::Browse,
        _ => {}
    }
}

/// Opens a saved view: its network's member table with its tiers, query, sort and side.
/// What no longer fits this dataset (a tier gone, a network not in `--data`) is said.
pub fn open_view(app: &mut App, view: &View) -> Result<(), String> {
    let Some(i) = app.data.networks.iter().position(|n| n.id == view.network) else {
        return Err(format!(
            "View \"{}\": no network `{}` in this dataset",
            view.name, view.network
        ));
    };
    if !show_members(app, i, &view.query) {
        return Err(format!(
            "View \"{}\": {} has no member list",
            view.name,
            app.data.networks[i].label()
        ));
    }
    let mut unknown = Vec::new();
    if let Some(t) = app.members.as_mut() {
        if !view.tiers.is_empty() {
            let tiers = &t.search.roster().tiers;
            let on: Vec<bool> = tiers
                .iter()
                .map(|tier| view.tiers.contains(&tier.id))
                .collect();
            unknown = view
                .tiers
                .iter()
                .filter(|id| !tiers.iter().any(|tier| tier.id == **id))
                .cloned()
                .collect();
            t.search.set_tiers(&on);
        }
        if let Some((_, column)) = SORTS.iter().find(|(n, _)| *n == view.sort) {
            sort_by(
                t,
                Sort {
                    column: *column,
                    ascending: !view.descending,
                },
            );
        }
        let keep = t.search.member(t.selected);
        t.reselect(keep);
    }
    app.side = match view.side.as_str() {
        "map" => Side::Map,
        "countries" => Side::Countries,
        _ => Side::None,
    };
    app.message = Some(if unknown.is_empty() {
        format!("View \"{}\"", view.name)
    } else {
        format!(
            "View \"{}\": no tier {} in this list any more",
            view.name,
            unknown.join(", ")
        )
    });
    Ok(())
}
