//! Where each pane goes for a given terminal size and focus. Pure: the view draws into
//! these rectangles and `update` hit-tests clicks and sizes pages against the same ones.

use ratatui::layout::{Constraint, Layout as RLayout, Rect};

use crate::app::{App, Focus, Right, Side};

/// Below this the screen shows a message instead of panes.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;
/// From this width the network list and the right pane sit side by side whatever is focused.
pub const WIDE: u16 = 100;
/// Below this width only the focused pane is shown.
pub const NARROW: u16 = 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub title: Rect,
    pub networks: Option<Rect>,
    pub detail: Option<Rect>,
    pub members: Option<Rect>,
    /// The map or chart beside (or instead of) the member table.
    pub side: Option<Rect>,
    pub status: Rect,
}

pub fn too_small(size: Rect) -> bool {
    size.width < MIN_WIDTH || size.height < MIN_HEIGHT
}

/// The panes for the app's current size and focus; `None` when the terminal is too small.
pub fn compute(app: &App) -> Option<Areas> {
    let size = app.size;
    if too_small(size) {
        return None;
    }
    let [title, body, status] = RLayout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(size);
    let right_is_members = app.right == Right::Members && app.members.is_some();
    let mut areas = Areas {
        title,
        networks: None,
        detail: None,
        members: None,
        side: None,
        status,
    };
    let list_width = if size.width >= WIDE {
        (size.width / 3).clamp(30, 44)
    } else {
        (size.width * 2 / 5).max(26)
    };
    // A map or chart beside the table needs the width the network list would take.
    let side_needs_room = app.side != Side::None
        && right_is_members
        && app.focus == Focus::Members
        && size.width < 2 * WIDE - 40;
    let side_by_side = if side_needs_room {
        false
    } else if size.width >= WIDE {
        true
    } else if size.width >= NARROW {
        // A member table needs the whole width of a medium terminal.
        !(app.focus == Focus::Members || (right_is_members && app.focus != Focus::Networks))
    } else {
        false
    };
    if side_by_side {
        let [left, right] =
            RLayout::horizontal([Constraint::Length(list_width), Constraint::Min(1)]).areas(body);
        areas.networks = Some(left);
        if right_is_members {
            areas.members = Some(right);
        } else {
            areas.detail = Some(right);
        }
    } else {
        match app.focus {
            Focus::Networks => areas.networks = Some(body),
            Focus::Detail => areas.detail = Some(body),
            Focus::Members => areas.members = Some(body),
        }
    }
    if app.side != Side::None
        && let Some(m) = areas.members
    {
        if m.width >= WIDE - 10 {
            let table = (m.width * 11 / 20).max(56).min(m.width - 20);
            let [t, s] =
                RLayout::horizontal([Constraint::Length(table), Constraint::Min(1)]).areas(m);
            areas.members = Some(t);
            areas.side = Some(s);
        } else {
            // Too narrow to share: the map or chart takes the pane; `m`/`b` give it back.
            areas.members = None;
            areas.side = Some(m);
        }
    }
    Some(areas)
}

/// Inside a bordered pane.
pub fn inner(area: Rect) -> Rect {
    Rect {
        x: area.x.saturating_add(1),
        y: area.y.saturating_add(1),
        width: area.width.saturating_sub(2),
        height: area.height.saturating_sub(2),
    }
}

/// The network list's rows: inside the border, below the filter line.
pub fn networks_rows(area: Rect) -> Rect {
    let i = inner(area);
    Rect {
        y: i.y.saturating_add(1),
        height: i.height.saturating_sub(1),
        ..i
    }
}

/// The member table's lines, top to bottom: tier chips, filter, header, then rows.
pub fn members_parts(area: Rect) -> [Rect; 4] {
    let i = inner(area);
    let line = |n: u16| Rect {
        y: i.y.saturating_add(n),
        height: u16::from(i.height > n),
        ..i
    };
    let rows = Rect {
        y: i.y.saturating_add(3),
        height: i.height.saturating_sub(3),
        ..i
    };
    [line(0), line(1), line(2), rows]
}

/// How many rows one page of the given pane holds (at least 1), for PgUp/PgDn and scrolling.
pub fn page_height(app: &App, pane: Focus) -> usize {
    let Some(a) = compute(app) else {
        return 1;
    };
    let h = match pane {
        Focus::Networks => a.networks.map(|r| networks_rows(r).height),
        Focus::Detail => a.detail.map(|r| inner(r).height),
        Focus::Members => a.members.map(|r| members_parts(r)[3].height),
    };
    // A pane hidden at this size still pages by what it would show at full height.
    usize::from(
        h.unwrap_or(
            a.networks
                .or(a.detail)
                .or(a.members)
                .map_or(1, |r| inner(r).height),
        ),
    )
    .max(1)
}

/// The help overlay's box inside the screen.
pub fn help_area(size: Rect) -> Rect {
    let w = size.width.saturating_sub(4).min(130);
    let h = size.height.saturating_sub(2);
    Rect {
        x: size.x + (size.width - w) / 2,
        y: size.y + (size.height - h) / 2,
        width: w,
        height: h,
    }
}

/// Text lines the help overlay shows at once.
pub fn help_height(app: &App) -> usize {
    usize::from(inner(help_area(app.size)).height).max(1)
}

/// The widest the detail text may be, to compute its wrapping.
pub fn detail_width(app: &App) -> u16 {
    compute(app)
        .and_then(|a| a.detail.or(a.members).or(a.networks))
        .map_or(40, |r| inner(r).width)
}
