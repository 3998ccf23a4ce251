//! Where each pane goes for a given terminal size and focus, and where the member
//! table's chips, columns and rows sit inside its pane. Pure, and below both the app and
//! the view: the view draws into these rectangles, and `update` sizes pages and hit-tests
//! clicks against the same ones.

use ratatui::layout::{Constraint, Layout as RLayout, Position, Rect};

use citynet_core::data::Roster;
use citynet_core::roster::{RosterIndex, SortColumn};

use crate::plain::{safe, width};

/// Which pane has the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Networks,
    Detail,
    Members,
}

/// What the layout depends on: the terminal's size and what the panes show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Screen {
    pub size: Rect,
    pub focus: Focus,
    /// The right-hand pane shows an open member table (not the detail, a chart or the
    /// comparison).
    pub members: bool,
    /// A map or a chart goes beside the member table.
    pub side: bool,
}

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
    /// The keys that work here, above the status line.
    pub keys: Rect,
    pub status: Rect,
}

pub fn too_small(size: Rect) -> bool {
    size.width < MIN_WIDTH || size.height < MIN_HEIGHT
}

/// The panes for a screen; `None` when the terminal is too small.
pub fn compute(screen: Screen) -> Option<Areas> {
    let size = screen.size;
    if too_small(size) {
        return None;
    }
    let [title, body, keys, status] = RLayout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(size);
    let right_is_members = screen.members;
    let mut areas = Areas {
        title,
        networks: None,
        detail: None,
        members: None,
        side: None,
        keys,
        status,
    };
    // A wide screen gives the list room for the networks' full names (up to about 56
    // columns of name beside the count); below that, the short name and the name's start.
    let list_width = if size.width >= WIDE {
        let most = if size.width >= 180 { 64 } else { 44 };
        (size.width / 3).clamp(30, most)
    } else {
        (size.width * 2 / 5).max(26)
    };
    // A map or chart beside the table needs the width the network list would take.
    let side_needs_room = screen.side
        && right_is_members
        && screen.focus == Focus::Members
        && size.width < 2 * WIDE - 40;
    let side_by_side = if side_needs_room {
        false
    } else if size.width >= WIDE {
        true
    } else if size.width >= NARROW {
        // A member table needs the whole width of a medium terminal.
        !(screen.focus == Focus::Members || (right_is_members && screen.focus != Focus::Networks))
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
        match screen.focus {
            Focus::Networks => areas.networks = Some(body),
            Focus::Detail => areas.detail = Some(body),
            Focus::Members => areas.members = Some(body),
        }
    }
    if screen.side
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
pub fn page_height(screen: Screen, pane: Focus) -> usize {
    let Some(a) = compute(screen) else {
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
pub fn help_height(size: Rect) -> usize {
    usize::from(inner(help_area(size)).height).max(1)
}

/// The widest the detail text may be, to compute its wrapping.
pub fn detail_width(screen: Screen) -> u16 {
    compute(screen)
        .and_then(|a| a.detail.or(a.members).or(a.networks))
        .map_or(40, |r| inner(r).width)
}

// ------------------------------------------------------------------------ member table

/// What a click in the member pane lands on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Tier(usize),
    Filter,
    Header(SortColumn),
    /// A row, as an index into the table's rows.
    Row(usize),
}

/// One column: which sort it maps to, its header, x offset and width inside the pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub sort: SortColumn,
    pub title: &'static str,
    pub x: u16,
    pub width: u16,
}

/// Columns taken by the selection marker, and between two columns.
pub const MARKER: u16 = 2;
pub const GAP: u16 = 2;

/// The member table's columns as drawn: City, frozen at the left, then the columns that
/// fit from the first one scrolled to (`H`/`L`), and how many are hidden either side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns {
    pub cols: Vec<Column>,
    pub hidden_left: usize,
    pub hidden_right: usize,
}

/// Column positions for a table `width` columns wide, scrolled `scroll` columns to the
/// right. Widths come from the roster's longest values (so they do not jump while
/// filtering). A column with no data in the roster is never drawn. When the columns do
/// not all fit, City keeps its place and up to 22 columns, as csvlens and fzf's
/// `--freeze-left` do, and the others scroll; a column keeps its width (Country its
/// name) rather than shrinking to make room for the next one.
pub fn columns(roster: &Roster, index: &RosterIndex, width: u16, scroll: usize) -> Columns {
    let longest = |it: &mut dyn Iterator<Item = usize>| it.max().unwrap_or(0) as u16;
    // The index knows the widest name and country: measuring every member on every frame
    // costs more than drawing the rows, once a roster has a quarter of a million.
    let country_need = (3 + index.widest_country() as u16).min(26);
    let city_need = (index.widest_name() as u16).clamp(10, 40);
    let avail = width.saturating_sub(MARKER);
    // Room for "1,234,567,890", and for the title with the sort's arrow ("Population ▲").
    let figure_w = |title: &str| (self::width(title) as u16 + 2).max(10);
    let mut rest: Vec<(SortColumn, &'static str, u16)> =
        vec![(SortColumn::Country, "Country", country_need)];
    // A list of one tier (C40's "Member" for all 97) has no Tier column: the chip line
    // above the table names the one tier and its count.
    if roster.tiers.len() > 1 {
        let w = longest(&mut roster.tiers.iter().map(|t| self::width(&t.short))).max(4);
        rest.push((SortColumn::Tier, "Tier", w));
    }
    if index.has_population() {
        rest.push((SortColumn::Population, "Population", figure_w("Population")));
    }
    if index.has_stated() {
        rest.push((SortColumn::Stated, "Stated", figure_w("Stated")));
    }
    if index.has_since() {
        rest.push((SortColumn::Since, "Since", 7));
    }
    let span =
        |cols: &[(SortColumn, &'static str, u16)]| -> u16 { cols.iter().map(|c| c.2 + GAP).sum() };
    let mut out = Vec::new();
    let mut push = |sort, title, w: u16, x: &mut u16| {
        out.push(Column {
            sort,
            title,
            x: *x,
            width: w,
        });
        *x += w + GAP;
    };
    let mut x = MARKER;
    if city_need.min(22) + span(&rest) <= avail {
        // Everything fits: the surplus goes to the city, for the alias that matched.
        push(SortColumn::City, "City", avail - span(&rest), &mut x);
        for (sort, title, w) in rest {
            push(sort, title, w, &mut x);
        }
        return Columns {
            cols: out,
            hidden_left: 0,
            hidden_right: 0,
        };
    }
    let city_w = city_need.min(22).min(avail.saturating_sub(2 + GAP)).max(1);
    let room = avail.saturating_sub(city_w + GAP);
    // Scrolling stops once the last column shows: further would only hide columns.
    let last_start = (0..rest.len())
        .find(|&s| span(&rest[s..]) <= room + GAP)
        .unwrap_or(rest.len().saturating_sub(1));
    let start = scroll.min(last_start);
    // Country gives up the end of a long name (to "DK Den…", never less) for the Tier
    // column beside it; cut to its code, a row would no longer say where it is.
    if start == 0 && rest.first().is_some_and(|c| c.0 == SortColumn::Country) {
        let least = rest[0].2.min(7);
        rest[0].2 = rest[0].2.min(room);
        loop {
            let mut used = 0;
            let next = rest.iter().position(|c| {
                let fits = used + c.2 <= room;
                used += c.2 + GAP;
                !fits
            });
            // For the tier, what a row is for beside the city; a figure scrolls instead.
            let Some(k) = next.filter(|&k| k >= 1 && rest[k].0 == SortColumn::Tier) else {
                break;
            };
            let used: u16 = rest[..k].iter().map(|c| c.2 + GAP).sum();
            let short = (used + rest[k].2).saturating_sub(room);
            if rest[0].2.saturating_sub(short) < least {
                break;
            }
            rest[0].2 -= short;
        }
    }
    let mut shown = 0;
    let mut used = 0;
    let mut fitted = Vec::new();
    for &(sort, title, w) in &rest[start..] {
        if used + w <= room {
            fitted.push((sort, title, w));
            used += w + GAP;
            shown += 1;
        } else {
            if shown == 0 && room >= 2 {
                // Not even one column fits whole: the first is cut (Country to its code).
                fitted.push((sort, title, room));
                shown = 1;
            }
            break;
        }
    }
    // What the scrolled columns leave goes to the city, up to its longest name, once the
    // last column shows; before that it is where the header says what `L` shows.
    let hidden_right = rest.len() - start - shown;
    let spare = room.saturating_sub(used.saturating_sub(GAP));
    let city_w = if hidden_right == 0 {
        city_w + spare.min(city_need.saturating_sub(city_w))
    } else {
        city_w
    };
    push(SortColumn::City, "City", city_w, &mut x);
    for (sort, title, w) in fitted {
        push(sort, title, w, &mut x);
    }
    Columns {
        cols: out,
        hidden_left: start,
        hidden_right,
    }
}

/// One tier chip: its text and the columns it spans, relative to the pane's inside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chip {
    pub label: String,
    pub from: u16,
    pub to: u16,
}

/// The tier chips for a line `width` columns wide. Many tiers (UNESCO's eight creative
/// fields) do not fit with their counts, so the chips shed detail until they fit: first
/// the counts (the status line has them too), then all but the first letters of the label.
pub fn chips(roster: &Roster, counts: &[usize], tiers_on: &[bool], width: u16) -> Vec<Chip> {
    let label = |i: usize, detail: u8| {
        let on = tiers_on.get(i).copied().unwrap_or(true);
        let key = if i < 9 {
            (i + 1).to_string()
        } else {
            String::new()
        };
        let dot = if on { "●" } else { "○" };
        let short = safe(&roster.tiers[i].short).into_owned();
        match detail {
            2 => format!(
                " {key} {dot} {short} {} ",
                citynet_core::data::group_thousands(counts.get(i).copied().unwrap_or(0) as u64)
            ),
            1 => format!(" {key}{dot}{short} "),
            _ => format!(" {key}{dot}{} ", short.chars().take(3).collect::<String>()),
        }
    };
    let layout = |detail: u8| {
        let mut x = 0u16;
        (0..roster.tiers.len())
            .map(|i| {
                let label = label(i, detail);
                let w = self::width(&label) as u16;
                let chip = Chip {
                    label,
                    from: x,
                    to: x + w,
                };
                x += w + 1;
                chip
            })
            .collect::<Vec<_>>()
    };
    let fits = |chips: &[Chip]| chips.last().is_none_or(|c| c.to <= width);
    for detail in [2, 1] {
        let chips = layout(detail);
        if fits(&chips) {
            return chips;
        }
    }
    layout(0)
}

/// The member table a click may land in: its roster, which tiers are on, the first row
/// shown and how many rows there are.
pub struct Table<'a> {
    pub roster: &'a Roster,
    pub index: &'a RosterIndex,
    pub tiers_on: &'a [bool],
    pub offset: usize,
    pub rows: usize,
    /// The columns scrolled past (`MemberTable::scroll`).
    pub scroll: usize,
}

/// What a click at `at` in the member pane `area` lands on.
pub fn member_target(table: &Table, area: Rect, at: Position) -> Option<Target> {
    let [chip_line, filter, header, rows] = members_parts(area);
    if chip_line.contains(at) {
        let x = at.x - chip_line.x;
        return chips(
            table.roster,
            &table.index.tier_counts,
            table.tiers_on,
            chip_line.width,
        )
        .iter()
        .position(|c| (c.from..c.to).contains(&x))
        .map(Target::Tier);
    }
    if filter.contains(at) {
        return Some(Target::Filter);
    }
    if header.contains(at) {
        let x = at.x - header.x;
        return columns(table.roster, table.index, header.width, table.scroll)
            .cols
            .iter()
            .find(|c| (c.x..c.x + c.width + GAP).contains(&x))
            .map(|c| Target::Header(c.sort));
    }
    if rows.contains(at) {
        let i = table.offset + usize::from(at.y - rows.y);
        return (i < table.rows).then_some(Target::Row(i));
    }
    None
}

/// An overlay `w`×`h` (at most), centred across and a quarter of the way down.
pub fn centred(size: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(size.width.saturating_sub(2)).max(10.min(size.width));
    let h = h.min(size.height.saturating_sub(2)).max(3.min(size.height));
    Rect {
        x: size.x + (size.width - w) / 2,
        y: size.y + (size.height.saturating_sub(h)) / 4,
        width: w,
        height: h,
    }
}

/// The country view of `lines` lines: as tall as they are, within the screen, under a
/// summary line and the columns' names.
pub fn country_area(size: Rect, lines: usize) -> Rect {
    let want = u16::try_from(lines.saturating_add(4)).unwrap_or(u16::MAX);
    centred(size, 100, want.min(size.height.saturating_sub(2)))
}

/// The country view's rows, below its summary line and the columns' names.
pub fn country_list(size: Rect, lines: usize) -> Rect {
    let inner = inner(country_area(size, lines));
    Rect {
        y: inner.y + 2,
        height: inner.height.saturating_sub(2),
        ..inner
    }
}

/// How many of the country view's lines show at once.
pub fn country_rows(size: Rect, lines: usize) -> usize {
    usize::from(country_list(size, lines).height)
}

pub fn jump_area(size: Rect) -> Rect {
    centred(size, 80, size.height.saturating_sub(4).min(24))
}

/// The rows of the jump prompt's results, below its input line.
pub fn jump_list(size: Rect) -> Rect {
    let inner = inner(jump_area(size));
    Rect {
        y: inner.y + 1,
        height: inner.height.saturating_sub(1),
        ..inner
    }
}

/// The rows the jump prompt's results take: its list, below the line that heads the
/// places visited most when nothing is typed yet (`recent`). The view draws into it and a
/// click is read against it, so the two cannot drift a row apart.
pub fn jump_results(size: Rect, recent: bool) -> Rect {
    let list = jump_list(size);
    if !recent {
        return list;
    }
    let head = 1.min(list.height);
    Rect {
        y: list.y + head,
        height: list.height - head,
        ..list
    }
}

/// The first result the jump list shows: the selection stays on its last row.
pub fn jump_offset(selected: usize, list: Rect) -> usize {
    selected.saturating_sub(usize::from(list.height).saturating_sub(1))
}
