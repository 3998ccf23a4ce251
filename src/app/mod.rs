//! The interactive app's state. `update` (in `update.rs`) is the only thing that changes
//! it; the view in `crate::ui` only reads it.

pub mod action;
pub mod indexes;
pub mod jump;
pub mod keymap;
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
use citynet_core::networks::NetworkIndex;
use citynet_core::query::Query;
use citynet_core::roster::{Hit, Matches, RosterIndex, Scoring, Sort, SortColumn};

use citynet_core::search::Matcher;
pub use indexes::Indexes;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Networks,
    Detail,
    Members,
}

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

/// A city's card: its names, place and every network it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Card {
    pub city: usize,
    pub selected: usize,
}

/// The jump-anywhere prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Jump {
    pub input: Input,
    pub hits: Vec<jump::JumpHit>,
    pub selected: usize,
}

/// A filter line: the text, and whether keys go into it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Input {
    pub text: String,
    pub editing: bool,
}

pub use citynet_core::networks::{NetworkKey, NetworkRow};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetworkList {
    pub filter: Input,
    /// Why the filter text is not a valid query, while it is not.
    pub error: Option<String>,
    pub rows: Vec<NetworkRow>,
    pub selected: usize,
    pub offset: usize,
}

/// The member table of one network's roster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberTable {
    pub network: usize,
    pub tiers_on: Vec<bool>,
    pub filter: Input,
    /// Why the filter text is not a valid query, while it is not.
    pub error: Option<String>,
    pub sort: Sort,
    /// The sort to return to when the query is cleared (typing switches to relevance).
    pub sort_without_query: Sort,
    pub rows: Vec<Hit>,
    /// Where the not yet sorted end of a relevance order starts, if it has one
    /// (`Scoring::Deferred`): sorted when the screen comes near it.
    pub tail: Option<usize>,
    pub selected: usize,
    pub offset: usize,
    /// The query text `rows` answer, to narrow from when the query grows.
    pub(crate) answered: Option<String>,
    /// Every member the last plain query matched: a tier toggle or a sort change reorders
    /// these instead of scoring the roster again, and a longer query rescans only these.
    pub(crate) matches: Matches,
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
    /// Open help, with its scroll offset.
    pub help: Option<usize>,
    pub side: Side,
    /// Networks are listed when they have any of these themes (all when empty).
    pub theme_filter: BTreeSet<Theme>,
    /// The theme picker, open, with its cursor.
    pub theme_picker: Option<usize>,
    pub jump: Option<Jump>,
    /// Built on first use: a large roster should not pay for it at start-up.
    jump_index: OnceCell<jump::JumpIndex>,
    /// The city card, open: which city, and the membership under the cursor.
    pub card: Option<Card>,
    /// Networks marked (x) for the comparison view.
    pub compare: Vec<usize>,
    /// The marked networks' comparison, computed when asked for (C) or when the marks
    /// change while it shows.
    pub comparison: Option<Comparison>,
    /// A one-off message for the status line ("Copied ..."), cleared by the next action.
    pub message: Option<String>,
    /// Text waiting to be put on the clipboard; the terminal loop sends it (OSC 52).
    pub clipboard: Option<String>,
    pub style: crate::theme::Theme,
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
                filter: Input::default(),
                error: None,
                rows: Vec::new(),
                selected: 0,
                offset: 0,
            },
            detail_scroll: 0,
            members: None,
            help: None,
            side: Side::None,
            theme_filter: BTreeSet::new(),
            theme_picker: None,
            jump: None,
            jump_index: OnceCell::new(),
            card: None,
            compare: Vec::new(),
            comparison: None,
            message: None,
            clipboard: None,
            style,
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
        self.indexes.roster(network)
    }

    /// Whether network `network` has a member list.
    pub fn has_roster(&self, network: usize) -> bool {
        self.data
            .networks
            .get(network)
            .is_some_and(|n| n.roster.is_some())
    }

    /// Scores the member table's rows in `window` that are still pending, and sorts its
    /// tail if the window comes near it (`RosterIndex::settle`).
    pub(crate) fn settle_members(&mut self, window: std::ops::Range<usize>) {
        if let Some(t) = self.members.as_mut()
            && let Some(idx) = self.indexes.roster(t.network)
        {
            idx.settle(&self.matcher, &t.matches, &mut t.rows, &mut t.tail, window);
        }
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

    /// The context keys are read in.
    pub fn context(&self) -> Context {
        if self.help.is_some() {
            return Context::Help;
        }
        if self.jump.is_some() {
            return Context::Jump;
        }
        if self.card.is_some() {
            return Context::Card;
        }
        if self.theme_picker.is_some() {
            return Context::Themes;
        }
        match self.focus {
            Focus::Networks if self.networks.filter.editing => Context::Editing,
            Focus::Members if self.members.as_ref().is_some_and(|m| m.filter.editing) => {
                Context::Editing
            }
            Focus::Networks => Context::Networks,
            Focus::Detail => Context::Detail,
            Focus::Members => Context::Members,
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
        let r = n.roster.as_ref()?;
        let idx = self.indexes.roster(t.network)?;
        Some((t, n, r, idx))
    }

    pub(crate) fn refilter_networks(&mut self) {
        let query = match Query::for_networks(&self.networks.filter.text) {
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
        self.networks.rows = self
            .network_index
            .filter(&self.data, &self.matcher, &query, &themes);
        // Keep the same network selected when it is still listed; otherwise the best match.
        self.networks.selected = keep
            .and_then(|k| self.networks.rows.iter().position(|r| r.network == k))
            .filter(|_| query.is_empty())
            .unwrap_or(0);
        self.networks.offset = 0;
    }

    /// Opens (or keeps) the member table for network `i`.
    pub(crate) fn open_members(&mut self, i: usize) -> bool {
        let Some(idx) = self.indexes.roster(i) else {
            return false;
        };
        if self.members.as_ref().is_none_or(|m| m.network != i) {
            let tiers = idx.tier_counts.len();
            let mut t = MemberTable {
                network: i,
                tiers_on: vec![true; tiers],
                filter: Input::default(),
                error: None,
                sort: Sort::default(),
                sort_without_query: Sort::default(),
                rows: Vec::new(),
                tail: None,
                selected: 0,
                offset: 0,
                answered: None,
                matches: Matches::default(),
            };
            // No query yet: every member, scored alike, so nothing to defer.
            (t.rows, t.tail) = idx.query_with(
                &self.matcher,
                "",
                &t.tiers_on,
                t.sort,
                &mut t.matches,
                false,
                Scoring::Eager,
            );
            self.members = Some(t);
        }
        true
    }

    /// Recomputes the member rows after the query, tiers or sort changed. When only the
    /// query grew, it narrows from the members the last query matched instead of scanning
    /// the whole roster; when only tiers or sort changed, it reuses those matches. A
    /// query that does not parse keeps the rows it had and says why.
    pub(crate) fn refilter_members(&mut self, narrowing_allowed: bool) {
        let Some(t) = self.members.as_mut() else {
            return;
        };
        let Some(idx) = self.indexes.roster(t.network) else {
            return;
        };
        let Some(roster) = self
            .data
            .networks
            .get(t.network)
            .and_then(|n| n.roster.as_ref())
        else {
            return;
        };
        let parsed = match Query::for_roster(&t.filter.text, roster) {
            Ok(q) => q,
            Err(e) => {
                t.error = Some(e.to_string());
                return;
            }
        };
        t.error = None;
        let keep = t.rows.get(t.selected).map(|h| h.member);
        (t.rows, t.tail) = idx.run(
            &self.matcher,
            &t.filter.text,
            &parsed,
            &t.tiers_on,
            t.sort,
            &mut t.matches,
            narrowing_allowed,
            Scoring::Deferred,
        );
        t.answered = Some(t.filter.text.clone());
        t.selected = keep
            .and_then(|k| t.rows.iter().position(|h| h.member == k))
            .filter(|_| t.sort.column != SortColumn::Relevance)
            .unwrap_or(0);
        t.offset = 0;
    }
}
