//! The interactive app's state. `update` (in `update.rs`) is the only thing that changes
//! it. The view (the `ui` module) only reads it, and nothing here reads the view:
//! geometry comes from `crate::layout` and text from `crate::facts`, below both.

pub mod action;
pub mod compare;
pub mod country;
pub mod indexes;
pub mod jump;
pub mod keymap;
pub mod keys;
pub mod mine;
pub mod update;

pub use action::Action;
pub use keymap::{Context, KEYMAP, dispatch};
pub use update::update;

use std::cell::OnceCell;
use std::collections::BTreeSet;
use std::sync::Arc;

use ratatui::layout::Rect;

use citynet_core::cities::{Cities, Comparison};
use citynet_core::data::{Dataset, Network, Problem, Roster, Theme};
use citynet_core::networks::{NetworkIndex, NetworkOrder};
use citynet_core::query::Query;
use citynet_core::roster::{RosterIndex, RosterSearch, Sort, SortColumn};

pub use crate::layout::Focus;
use citynet_core::search::Matcher;
pub use indexes::Indexes;

/// What the right-hand pane shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Right {
    Detail,
    Members,
    /// Every network's stated size, side by side.
    Sizes,
    /// How the marked networks' rosters overlap.
    Compare,
}

/// What sits beside the member table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    None,
    Map,
    /// Members per country for the rows shown.
    Countries,
}

/// What has the keys: the focused pane, its filter line, or one overlay on top. One
/// value, so no two can claim the keys at once, and `App::context` reads it alone.
///
/// The charts, the map and the comparison are not here: they are panes (`Right`, `Side`)
/// that the browsing keys scroll and close like the panes they replace, not overlays with
/// keys of their own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    /// Keys go to the focused pane.
    Browse,
    /// Keys go into the focused list's filter line.
    Filter,
    /// The key overlay, scrolled this many lines, opened from `here` (whose section it
    /// opens at and marks).
    Help {
        scroll: usize,
        here: Context,
        /// What help was opened over, and closing it returns to.
        under: Box<Mode>,
    },
    Jump(Jump),
    /// The theme picker: its cursor, the text typed to narrow it, and the themes chosen
    /// when it opened (Esc puts them back).
    Themes {
        cursor: usize,
        filter: String,
        was: BTreeSet<Theme>,
    },
    Card(Card),
    /// One country across every member list (the jump's country).
    Country(CountryView),
    /// The pinned list, with its cursor.
    Pins {
        selected: usize,
    },
    /// The saved views, with their cursor.
    Views {
        selected: usize,
    },
    /// Typing a name to save the view under.
    Naming {
        name: String,
    },
}

/// Text to copy, and what to call it when saying where it went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clip {
    pub text: String,
    /// "Łódź's card", "12 rows as CSV".
    pub what: String,
}

/// A city's card: its names, place and every network it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Card {
    pub city: usize,
    pub selected: usize,
}

/// Where Esc in a roster returns to: the overlay it was opened from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Back {
    Card(Card),
    Country(CountryView),
}

impl Back {
    /// Whether `filter` is the one this overlay opened the roster with (a country's
    /// view opens it at `country:de`): then it is part of where it led, not one typed,
    /// and Esc goes back rather than clearing it.
    pub fn opened_with(&self, filter: &str) -> bool {
        match self {
            Back::Country(v) => filter == v.filter(),
            Back::Card(_) => false,
        }
    }
}

pub use country::{CountryLine, CountryView};

/// The jump-anywhere prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Jump {
    pub query: String,
    pub hits: Vec<jump::JumpHit>,
    pub selected: usize,
}

pub use citynet_core::networks::{NetworkKey, NetworkRow};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetworkList {
    /// The filter line, as typed.
    pub filter: String,
    /// Why the filter text is not a valid query, while it is not.
    pub error: Option<String>,
    pub rows: Vec<NetworkRow>,
    pub selected: usize,
    pub offset: usize,
    /// The order without a query (`s` cycles it, `r` reverses it).
    pub order: NetworkOrder,
    pub reverse: bool,
}

/// How the network list's order reads: "name (A-Z)", "size (largest first)".
pub fn network_order_words(order: NetworkOrder, reverse: bool) -> &'static str {
    match (order, reverse) {
        (NetworkOrder::Name, false) => "name (A-Z)",
        (NetworkOrder::Name, true) => "name (Z-A)",
        (NetworkOrder::Size, false) => "size (largest first)",
        (NetworkOrder::Size, true) => "size (smallest first)",
        (NetworkOrder::Founded, false) => "founding year (oldest first)",
        (NetworkOrder::Founded, true) => "founding year (newest first)",
    }
}

/// The member table of one network's roster: the filter line and cursor over the
/// engine's search, which holds the query it answers, the tiers, the order and the rows.
#[derive(Debug, Clone)]
pub struct MemberTable {
    pub network: usize,
    /// The filter line, as typed.
    pub filter: String,
    /// Why the filter text is not a valid query, while it is not.
    pub error: Option<String>,
    /// The sort to return to when the query is cleared (typing switches to relevance).
    pub sort_without_query: Sort,
    pub search: RosterSearch,
    pub selected: usize,
    pub offset: usize,
    /// Columns scrolled past to the right of the frozen City column (`H`/`L`).
    pub scroll: usize,
}

impl MemberTable {
    /// After the rows changed: in a fixed order the cursor stays on the member it was on
    /// (`keep`) while it is shown; in a relevance order it goes to the best match.
    pub(crate) fn reselect(&mut self, keep: Option<u32>) {
        self.selected = keep
            .filter(|_| self.search.sort().column != SortColumn::Relevance)
            .and_then(|k| self.search.position(k))
            .unwrap_or(0);
        self.offset = 0;
    }
}

/// A dataset ready for the browser: validated, or known to be valid.
pub struct Prepared {
    pub data: Dataset,
}

/// Validates `data`; problems found: the dataset is refused. The indexes are built later,
/// off the start-up path (`indexes`).
pub fn prepare(data: Dataset) -> Result<Prepared, Vec<Problem>> {
    let problems = citynet_core::data::validate(&data);
    if problems.is_empty() {
        Ok(Prepared { data })
    } else {
        Err(problems)
    }
}

/// A dataset known to be valid: the embedded one, which the build script validated when
/// the binary was built, so start-up does not check it again.
pub fn prepare_valid(data: Dataset) -> Prepared {
    Prepared { data }
}

pub struct App {
    pub data: Arc<Dataset>,
    pub matcher: Matcher,
    /// The roster and city indexes, shared with the thread that builds them.
    pub indexes: Arc<Indexes>,
    network_index: NetworkIndex,
    pub size: Rect,
    pub focus: Focus,
    pub right: Right,
    pub networks: NetworkList,
    pub detail_scroll: usize,
    pub members: Option<MemberTable>,
    /// What has the keys.
    pub mode: Mode,
    /// Where the cursor is in the line being typed, in characters from its end: 0 (the
    /// end) whatever the text, until ←, Home or Ctrl-A move it.
    pub cursor_back: usize,
    pub side: Side,
    /// How far the members-per-country chart is scrolled.
    pub side_scroll: usize,
    /// Networks are listed when they have any of these themes (all when empty).
    pub theme_filter: BTreeSet<Theme>,
    /// Built on first use: a large roster should not pay for it at start-up.
    jump_index: OnceCell<jump::JumpIndex>,
    /// The overlay a roster was opened from (Enter on a city's card or in a country's
    /// view): Esc in that roster goes back to it, as a browser's back button would.
    pub back: Option<Back>,
    /// Networks marked (x) for the comparison view.
    pub compare: Vec<usize>,
    /// The marked networks' comparison, computed when asked for (C) or when the marks
    /// change while it shows.
    pub comparison: Option<Comparison>,
    /// The comparison's selected row (Enter on a city opens its card).
    pub compare_selected: usize,
    /// A one-off message for the status line ("Copied ..."), cleared by the next action.
    pub message: Option<String>,
    /// Text waiting to be put on the clipboard: the terminal loop delivers it and answers
    /// with `Action::Copied`, which says on the status line how far it got.
    pub clipboard: Option<Clip>,
    pub style: crate::theme::Theme,
    /// The keymap: the one table with the config's overrides.
    pub keys: keys::Keymap,
    /// What is kept between runs (history, pins, views), as this run sees it.
    pub saved: crate::prefs::Saved,
    /// Changes to `saved` not yet written; the terminal loop hands them to the store.
    pub pending: Vec<crate::prefs::Op>,
    /// How far back in a prompt's history the text shown is (1: the newest), while it is
    /// a recalled query.
    pub recall: Option<usize>,
    /// Plain and accessible modes, as the config asks (stored for the app to use).
    pub plain: bool,
    pub accessible: bool,
    pub quit: bool,
}

impl App {
    /// The app on a dataset, as is (tests and benchmarks: the binary validates first).
    pub fn new(data: Dataset, style: crate::theme::Theme, size: Rect) -> App {
        App::from_prepared(prepare_valid(data), style, size)
    }

    /// The app on a dataset [`prepare`] checked. Its indexes are built when first asked
    /// for, or ahead of that by [`App::index_in_background`].
    pub fn from_prepared(prepared: Prepared, style: crate::theme::Theme, size: Rect) -> App {
        let data = Arc::new(prepared.data);
        let network_index = NetworkIndex::new(&data);
        let mut app = App {
            indexes: Arc::new(Indexes::new(Arc::clone(&data))),
            data,
            matcher: Matcher::default(),
            network_index,
            size,
            focus: Focus::Networks,
            right: Right::Detail,
            networks: NetworkList {
                filter: String::new(),
                error: None,
                rows: Vec::new(),
                selected: 0,
                offset: 0,
                order: NetworkOrder::default(),
                reverse: false,
            },
            detail_scroll: 0,
            members: None,
            mode: Mode::Browse,
            cursor_back: 0,
            side: Side::None,
            side_scroll: 0,
            theme_filter: BTreeSet::new(),
            jump_index: OnceCell::new(),
            back: None,
            compare: Vec::new(),
            comparison: None,
            compare_selected: 0,
            message: None,
            clipboard: None,
            style,
            keys: keys::Keymap::default(),
            saved: crate::prefs::Saved::default(),
            pending: Vec::new(),
            recall: None,
            plain: false,
            accessible: false,
            quit: false,
        };
        app.refilter_networks();
        app
    }

    /// Starts building every index on a thread of its own, so that they are ready by the
    /// time the person first needs one. Without it, each is built when first needed.
    pub fn index_in_background(&self) {
        let indexes = Arc::clone(&self.indexes);
        // If no thread can be had, the indexes are built on demand instead.
        let _ = std::thread::Builder::new()
            .name("citynet-index".into())
            .spawn(move || indexes.build_all());
    }

    /// Network `network`'s roster index, if it has a roster.
    pub fn roster_index(&self, network: usize) -> Option<&RosterIndex> {
        self.indexes.roster(network).map(|i| &**i)
    }

    /// Whether network `network` has a member list.
    pub fn has_roster(&self, network: usize) -> bool {
        self.data
            .networks
            .get(network)
            .is_some_and(|n| n.roster.is_some())
    }

    /// Every city across all rosters, recognised as one.
    pub fn cities(&self) -> &Cities {
        self.indexes.cities()
    }

    /// The jump-anywhere index (built on first use).
    pub fn jump_index(&self) -> &jump::JumpIndex {
        self.jump_index
            .get_or_init(|| jump::JumpIndex::new(&self.data, self.cities()))
    }

    /// The context keys are read in: the mode decides, and in the panes, the focus.
    pub fn context(&self) -> Context {
        self.context_of(&self.mode)
    }

    /// The context keys would be read in with `mode` on top.
    pub fn context_of(&self, mode: &Mode) -> Context {
        match (mode, self.focus) {
            (Mode::Help { .. }, _) => Context::Help,
            (Mode::Jump(_), _) => Context::Jump,
            (Mode::Card(_), _) => Context::Card,
            (Mode::Country(_), _) => Context::Country,
            (Mode::Themes { .. }, _) => Context::Themes,
            (Mode::Pins { .. }, _) => Context::Pins,
            (Mode::Views { .. }, _) => Context::Views,
            (Mode::Naming { .. }, _) => Context::Naming,
            (Mode::Filter, Focus::Networks) => Context::Editing,
            (Mode::Filter, Focus::Members) if self.members.is_some() => Context::Editing,
            (_, Focus::Networks) => Context::Networks,
            (_, Focus::Detail) if self.right == Right::Compare => Context::Compare,
            (_, Focus::Detail) => Context::Detail,
            (_, Focus::Members) => Context::Members,
        }
    }

    /// Whether keys go into the filter line of the pane `pane`.
    pub fn editing(&self, pane: Focus) -> bool {
        self.mode == Mode::Filter && self.focus == pane
    }

    /// The help overlay's scroll offset, while it is open.
    pub fn help_scroll(&self) -> Option<usize> {
        match &self.mode {
            Mode::Help { scroll, .. } => Some(*scroll),
            _ => None,
        }
    }

    /// The context help was opened from, while it is open.
    pub fn help_here(&self) -> Option<Context> {
        match &self.mode {
            Mode::Help { here, .. } => Some(*here),
            _ => None,
        }
    }

    /// The jump prompt, while it is open.
    pub fn jump(&self) -> Option<&Jump> {
        match &self.mode {
            Mode::Jump(j) => Some(j),
            _ => None,
        }
    }

    /// The open city card.
    pub fn card(&self) -> Option<Card> {
        match self.mode {
            Mode::Card(c) => Some(c),
            _ => None,
        }
    }

    /// The theme picker's cursor, while it is open.
    pub fn theme_cursor(&self) -> Option<usize> {
        match &self.mode {
            Mode::Themes { cursor, .. } => Some(*cursor),
            _ => None,
        }
    }

    /// What the layout is computed from.
    pub fn screen(&self) -> crate::layout::Screen {
        crate::layout::Screen {
            size: self.size,
            focus: self.focus,
            members: self.right == Right::Members && self.members.is_some(),
            side: self.side != Side::None,
        }
    }

    /// The network under the list's cursor.
    pub fn selected_network(&self) -> Option<usize> {
        self.networks
            .rows
            .get(self.networks.selected)
            .map(|r| r.network)
    }

    pub fn network(&self, i: usize) -> Option<&Network> {
        self.data.networks.get(i)
    }

    /// The network the member table shows, with its roster and index.
    pub fn open_roster(&self) -> Option<(&MemberTable, &Network, &Roster, &RosterIndex)> {
        let t = self.members.as_ref()?;
        let n = self.data.networks.get(t.network)?;
        Some((t, n, t.search.roster(), t.search.index()))
    }

    /// Puts the filter line's text to the member table's search. A query that does not
    /// parse keeps the rows it had, and the status line says why.
    pub(crate) fn refilter_members(&mut self) {
        let Some(t) = self.members.as_mut() else {
            return;
        };
        let keep = t.search.member(t.selected);
        match t.search.set_query(&t.filter) {
            Ok(()) => t.error = None,
            Err(e) => {
                t.error = Some(e.to_string());
                return;
            }
        }
        t.reselect(keep);
    }

    pub(crate) fn refilter_networks(&mut self) {
        let query = match Query::for_networks(&self.networks.filter) {
            Ok(q) => {
                self.networks.error = None;
                q
            }
            Err(e) => {
                // Keep the last good rows on screen; the status line says what is wrong.
                self.networks.error = Some(e.to_string());
                return;
            }
        };
        let keep = self.selected_network();
        let themes: Vec<Theme> = self.theme_filter.iter().copied().collect();
        self.networks.rows = self.network_index.filter(
            &self.data,
            &self.matcher,
            &query,
            &themes,
            (self.networks.order, self.networks.reverse),
        );
        // Keep the same network selected when it is still listed; otherwise the best match.
        self.networks.selected = keep
            .and_then(|k| self.networks.rows.iter().position(|r| r.network == k))
            .filter(|_| query.is_empty())
            .unwrap_or(0);
        self.networks.offset = 0;
    }

    /// How many countries the member table's rows are in: the chart's bars.
    pub fn countries_shown(&self) -> usize {
        let Some((t, _, r, _)) = self.open_roster() else {
            return 0;
        };
        let mut seen = std::collections::HashSet::new();
        t.search.for_each_member(|m| {
            if let Some(m) = r.members.get(m as usize) {
                seen.insert(m.country.as_str());
            }
        });
        seen.len()
    }

    /// Opens (or keeps) the member table for network `i`.
    pub(crate) fn open_members(&mut self, i: usize) -> bool {
        if self.members.as_ref().is_some_and(|m| m.network == i) {
            return true;
        }
        let Some(idx) = self.indexes.roster(i) else {
            return false;
        };
        let Some(search) = RosterSearch::new(Arc::clone(&self.data), i, Arc::clone(idx)) else {
            return false;
        };
        self.members = Some(MemberTable {
            network: i,
            filter: String::new(),
            error: None,
            sort_without_query: Sort::default(),
            search,
            selected: 0,
            offset: 0,
            scroll: 0,
        });
        true
    }
}
