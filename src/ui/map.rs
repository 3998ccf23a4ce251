//! The member map: the world outline in braille, framed on the members shown, one marker
//! per cell for them (shape and colour by tier), the selected city labelled and as many
//! others as have room.

use std::collections::HashMap;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Color;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::canvas::{Canvas, Map, MapResolution};

use super::{pane, text};
use crate::app::{App, Focus};
use crate::layout;
use crate::theme::{SELECTED_MARKER, Theme};
use citynet_core::data::Roster;

/// A longitude/latitude box.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    pub west: f64,
    pub east: f64,
    pub south: f64,
    pub north: f64,
}

/// The least span of the frame, in degrees each way: one city alone is shown with its
/// region around it, not zoomed to a street.
pub const MIN_SPAN: f64 = 8.0;

/// The whole world, for a roster with no point to frame.
const WORLD: Bounds = Bounds {
    west: -180.0,
    east: 180.0,
    south: -60.0,
    north: 85.0,
};

/// The box around `points` (latitude, longitude), padded by a tenth of its span (at least
/// a degree) and at least [`MIN_SPAN`] each way; non-finite points are skipped, and `None`
/// when no point is left.
pub fn frame(points: impl IntoIterator<Item = (f64, f64)>) -> Option<Bounds> {
    let mut b: Option<Bounds> = None;
    for (lat, lon) in points {
        if !(lat.is_finite() && lon.is_finite()) {
            continue;
        }
        let p = b.get_or_insert(Bounds {
            west: lon,
            east: lon,
            south: lat,
            north: lat,
        });
        p.west = p.west.min(lon);
        p.east = p.east.max(lon);
        p.south = p.south.min(lat);
        p.north = p.north.max(lat);
    }
    let b = b?;
    let (west, east) = pad(b.west, b.east, 180.0);
    let (south, north) = pad(b.south, b.north, 90.0);
    Some(Bounds {
        west,
        east,
        south,
        north,
    })
}

/// One axis of [`frame`]: the margin and the least span, then moved (not cut) back inside
/// `±limit` so that a point near the edge of the world keeps its margin on the far side.
fn pad(lo: f64, hi: f64, limit: f64) -> (f64, f64) {
    let margin = ((hi - lo) / 10.0).max(1.0);
    let (mut lo, mut hi) = (lo - margin, hi + margin);
    let short = MIN_SPAN - (hi - lo);
    if short > 0.0 {
        lo -= short / 2.0;
        hi += short / 2.0;
    }
    if lo < -limit {
        hi = (hi - lo - limit).min(limit);
        lo = -limit;
    }
    if hi > limit {
        lo = (lo - (hi - limit)).max(-limit);
        hi = limit;
    }
    (lo, hi)
}

/// The frame on every member of the roster with a place, or the world when none has one.
pub fn extent(roster: &Roster) -> Bounds {
    // A placeholder point (a group's country centroid) is no place: it neither frames
    // the map nor shows on it.
    frame(
        roster
            .members
            .iter()
            .filter(|m| !m.placeholder)
            .map(|m| (m.lat, m.lon)),
    )
    .unwrap_or(WORLD)
}

/// The frame on the members shown (after the filter and the tier toggles) that have a
/// place, and how many those are; with none, the roster's [`extent`] and 0.
pub fn framing(app: &App) -> (Bounds, usize) {
    let Some((t, _, r, _)) = app.open_roster() else {
        return (WORLD, 0);
    };
    let mut points = Vec::new();
    t.search.for_each_member(|member| {
        if let Some(m) = r.members.get(member as usize)
            && !m.placeholder
            && m.lat.is_finite()
            && m.lon.is_finite()
        {
            points.push((m.lat, m.lon));
        }
    });
    match frame(points.iter().copied()) {
        Some(b) => (b, points.len()),
        None => (extent(r), 0),
    }
}

/// Widens the box so that a `w`×`h` cell area shows it undistorted: a cell is about twice
/// as tall as it is wide, and a degree of longitude shrinks with the cosine of latitude.
pub fn fit(b: Bounds, area: Rect) -> Bounds {
    let (w, h) = (f64::from(area.width.max(1)), f64::from(area.height.max(1)));
    let mid = ((b.north + b.south) / 2.0).to_radians().cos().max(0.2);
    let geo_w = (b.east - b.west) * mid;
    let geo_h = b.north - b.south;
    let screen = w / (2.0 * h);
    let mut out = b;
    if geo_w / geo_h < screen {
        let want = geo_h * screen / mid;
        let grow = (want - (b.east - b.west)) / 2.0;
        out.west -= grow;
        out.east += grow;
    } else {
        let want = geo_w / screen;
        let grow = (want - geo_h) / 2.0;
        out.south -= grow;
        out.north += grow;
    }
    out
}

/// The cell (column, row) of a point inside `area`, exactly as ratatui's canvas places a
/// printed label; `None` outside the box.
pub fn project(b: &Bounds, area: Rect, lat: f64, lon: f64) -> Option<(u16, u16)> {
    if area.width < 2 || area.height < 2 {
        return None;
    }
    if !(b.west..=b.east).contains(&lon) || !(b.south..=b.north).contains(&lat) {
        return None;
    }
    let x = ((lon - b.west) * f64::from(area.width - 1) / (b.east - b.west)) as u16;
    let y = ((b.north - lat) * f64::from(area.height - 1) / (b.north - b.south)) as u16;
    Some((area.x + x, area.y + y))
}

/// One marker per cell for the rows shown: (cell, tier index, a member there). Where
/// several members share a cell, the first tier wins (full members over partners).
pub fn markers(app: &App, b: &Bounds, area: Rect) -> Vec<((u16, u16), usize, u32)> {
    let Some((t, _, r, idx)) = app.open_roster() else {
        return Vec::new();
    };
    let mut cells: HashMap<(u16, u16), (usize, u32)> = HashMap::new();
    t.search.for_each_member(|member| {
        let Some(m) = r.members.get(member as usize).filter(|m| !m.placeholder) else {
            return;
        };
        let Some(cell) = project(b, area, m.lat, m.lon) else {
            return;
        };
        let tier = idx.tier_of(member as usize);
        // The lower tier, then the lower member, wins: the same marker in whatever order
        // the rows come.
        cells
            .entry(cell)
            .and_modify(|e| *e = (*e).min((tier, member)))
            .or_insert((tier, member));
    });
    let mut v: Vec<_> = cells.into_iter().map(|(c, (t, m))| (c, t, m)).collect();
    v.sort_unstable();
    v
}

/// A name written on the map: the cell it starts at and its text, a space either side so
/// that it stands clear of the outline and of the next label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub x: u16,
    pub y: u16,
    pub text: String,
}

impl Label {
    pub fn width(&self) -> u16 {
        u16::try_from(text::width(&self.text)).unwrap_or(u16::MAX)
    }

    fn overlaps(&self, other: &Label) -> bool {
        self.y == other.y
            && self.x < other.x.saturating_add(other.width())
            && other.x < self.x.saturating_add(self.width())
    }

    fn covers(&self, cell: (u16, u16)) -> bool {
        cell.1 == self.y && (self.x..self.x.saturating_add(self.width())).contains(&cell.0)
    }
}

/// The places tried for a label of width `w` beside the marker at `(x, y)`, in order:
/// right, left, above, below; only those inside `area`.
fn spots(area: Rect, (x, y): (u16, u16), w: u16) -> Vec<(u16, u16)> {
    if w > area.width {
        return Vec::new();
    }
    let centred = x
        .saturating_sub(w / 2)
        .clamp(area.x, area.right().saturating_sub(w));
    let rows = area.y..area.bottom();
    let mut v = Vec::new();
    if x.saturating_add(1).saturating_add(w) <= area.right() {
        v.push((x + 1, y));
    }
    if x >= area.x.saturating_add(w) {
        v.push((x - w, y));
    }
    if let Some(up) = y.checked_sub(1).filter(|r| rows.contains(r)) {
        v.push((centred, up));
    }
    if rows.contains(&y.saturating_add(1)) {
        v.push((centred, y + 1));
    }
    v
}

/// Where the names go. The selected city's name is always placed (cut to the width of the
/// area if it must be): beside its marker where it covers no other marker, else on the first
/// side with room. Then each of `others` in the order given, up to `most` of them, on the
/// first side where it covers no marker and no label placed before it, or not at all.
pub fn place_labels(
    area: Rect,
    markers: &[(u16, u16)],
    selected: Option<((u16, u16), &str)>,
    others: &[((u16, u16), String)],
    most: usize,
) -> (Option<Label>, Vec<Label>) {
    let free = |l: &Label, placed: &[Label]| {
        !markers.iter().any(|&c| l.covers(c)) && !placed.iter().any(|p| p.overlaps(l))
    };
    let chosen = selected.map(|(cell, name)| {
        let text = text::truncate(&format!(" {name} "), usize::from(area.width));
        let w = u16::try_from(text::width(&text)).unwrap_or(area.width);
        let tries: Vec<Label> = spots(area, cell, w)
            .into_iter()
            .map(|(x, y)| Label {
                x,
                y,
                text: text.clone(),
            })
            .collect();
        let fallback = Label {
            x: area.right().saturating_sub(w),
            y: cell.1,
            text: text.clone(),
        };
        tries
            .iter()
            .find(|l| free(l, &[]))
            .or(tries.first())
            .cloned()
            .unwrap_or(fallback)
    });
    let mut placed: Vec<Label> = chosen.iter().cloned().collect();
    let mut labelled: Vec<(u16, u16)> = selected.map(|(c, _)| c).into_iter().collect();
    let mut rest = Vec::new();
    for (cell, name) in others {
        if rest.len() >= most {
            break;
        }
        // One name per marker: the first given for a cell speaks for it.
        if labelled.contains(cell) {
            continue;
        }
        let text = format!(" {name} ");
        let Ok(w) = u16::try_from(text::width(&text)) else {
            continue;
        };
        let found = spots(area, *cell, w).into_iter().find_map(|(x, y)| {
            let l = Label {
                x,
                y,
                text: text.clone(),
            };
            free(&l, &placed).then_some(l)
        });
        if let Some(l) = found {
            labelled.push(*cell);
            placed.push(l.clone());
            rest.push(l);
        }
    }
    (chosen, rest)
}

/// The names to label besides the selection, largest population first (then roster
/// order), each with its cell: the members shown with a place in `b`.
fn label_candidates(app: &App, b: &Bounds, area: Rect) -> Vec<((u16, u16), String)> {
    let Some((t, _, r, idx)) = app.open_roster() else {
        return Vec::new();
    };
    let mut v: Vec<(std::cmp::Reverse<u64>, u32, (u16, u16))> = Vec::new();
    t.search.for_each_member(|member| {
        if let Some(m) = r.members.get(member as usize).filter(|m| !m.placeholder)
            && let Some(cell) = project(b, area, m.lat, m.lon)
        {
            // The Population column's figure, so that the names on the map are the largest
            // the table shows.
            let people = idx.population(member as usize).unwrap_or(0);
            v.push((std::cmp::Reverse(people), member, cell));
        }
    });
    v.sort_unstable();
    let mut seen = std::collections::HashSet::new();
    v.into_iter()
        .filter(|&(_, _, cell)| seen.insert(cell))
        .filter_map(|(_, member, cell)| {
            let m = r.members.get(member as usize)?;
            Some((cell, text::safe(&m.name).into_owned()))
        })
        .collect()
}

fn colour_of(style: ratatui::style::Style) -> Color {
    style.fg.unwrap_or(Color::Reset)
}

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let th = &app.style;
    let focused = app.focus == Focus::Members;
    let Some((t, network, roster, _)) = app.open_roster() else {
        return;
    };
    let (frame_on, placed) = framing(app);
    let shown = t.search.len();
    let framed = match (placed, shown) {
        (0, 0) => "none shown · framed on the roster".to_string(),
        (0, n) => format!(
            "none of {} shown has a place · framed on the roster",
            citynet_core::data::group_thousands(n as u64)
        ),
        (p, n) if p == n => format!(
            "framed on {} shown",
            citynet_core::data::group_thousands(n as u64)
        ),
        (p, n) => format!(
            "framed on {} of {} shown",
            citynet_core::data::group_thousands(p as u64),
            citynet_core::data::group_thousands(n as u64)
        ),
    };
    let name = format!(" {} map ", text::safe(network.label()));
    // A narrow pane drops the key hint before it cuts what the frame is.
    let room = usize::from(area.width.saturating_sub(2)).saturating_sub(text::width(&name));
    let hinted = format!("{framed} · m hides ");
    let plain = format!("{framed} ");
    let said = if text::width(&hinted) <= room {
        hinted
    } else if text::width(&plain) <= room || placed == 0 || placed == shown {
        plain
    } else {
        format!(
            "framed on {}/{} ",
            citynet_core::data::group_thousands(placed as u64),
            citynet_core::data::group_thousands(shown as u64)
        )
    };
    let title = Line::from(vec![
        Span::styled(name, if focused { th.title } else { th.label }),
        Span::styled(said, th.dim),
    ]);
    let block = pane(title, focused, th);
    let inner = layout::inner(area);
    if inner.width < 4 || inner.height < 3 {
        frame.render_widget(block, area);
        return;
    }
    // The legend takes the bottom lines of the pane, as many as every tier shown needs
    // (UCCN has eight), and the map gets the rest.
    let legend = legend_lines(app, roster, usize::from(inner.width));
    let legend_h = (legend.len() as u16).min(inner.height - 2);
    let map_area = Rect {
        height: inner.height - legend_h,
        ..inner
    };
    let bounds = fit(frame_on, map_area);
    let marks = markers(app, &bounds, map_area);
    let selected = t
        .search
        .member(t.selected)
        .and_then(|m| roster.members.get(m as usize))
        .filter(|m| !m.placeholder);
    let land = colour_of(th.map_land);
    frame.render_widget(block, area);
    let canvas = Canvas::default()
        .marker(Marker::Braille)
        .x_bounds([bounds.west, bounds.east])
        .y_bounds([bounds.south, bounds.north])
        .paint(|ctx| {
            ctx.draw(&Map {
                color: land,
                resolution: MapResolution::High,
            });
            ctx.layer();
            for &(_, tier, member) in &marks {
                if let Some(m) = roster.members.get(member as usize) {
                    ctx.print(
                        m.lon,
                        m.lat,
                        Span::styled(Theme::tier_marker(tier), th.tier_style(tier)),
                    );
                }
            }
            if let Some(m) = selected {
                ctx.print(m.lon, m.lat, Span::styled(SELECTED_MARKER, th.selected));
            }
        });
    frame.render_widget(canvas, map_area);
    // The selected city's name, then as many others as fit without hiding a marker or
    // each other: about one every other row, so that the names do not bury the map.
    let cells: Vec<(u16, u16)> = marks.iter().map(|&(c, ..)| c).collect();
    let selected_at = selected.and_then(|m| {
        Some((
            project(&bounds, map_area, m.lat, m.lon)?,
            text::safe(&m.name),
        ))
    });
    let others = label_candidates(app, &bounds, map_area);
    let (chosen, rest) = place_labels(
        map_area,
        &cells,
        selected_at.as_ref().map(|(c, n)| (*c, n.as_ref())),
        &others,
        usize::from(map_area.height / 2),
    );
    let buf = frame.buffer_mut();
    for l in &rest {
        buf.set_stringn(l.x, l.y, &l.text, usize::from(l.width()), th.label);
    }
    if let Some(l) = &chosen {
        buf.set_stringn(l.x, l.y, &l.text, usize::from(l.width()), th.selected);
    }
    if placed == 0 {
        let note = if shown == 0 {
            " No member shown: the map is framed on the whole roster "
        } else {
            " No member shown has a place: the map is framed on the whole roster "
        };
        let note = text::truncate(note, usize::from(map_area.width));
        let w = u16::try_from(text::width(&note)).unwrap_or(map_area.width);
        buf.set_stringn(
            map_area.x + (map_area.width.saturating_sub(w)) / 2,
            map_area.y + map_area.height / 2,
            &note,
            usize::from(w),
            th.text,
        );
    }
    frame.render_widget(
        ratatui::widgets::Paragraph::new(legend),
        Rect {
            y: inner.bottom() - legend_h,
            height: legend_h,
            ..inner
        },
    );
}

/// The map's legend: a marker and a name for each tier switched on, then the selection's
/// marker, packed into as few lines of `width` as they fit in.
fn legend_lines(
    app: &App,
    roster: &citynet_core::data::Roster,
    width: usize,
) -> Vec<Line<'static>> {
    let th = &app.style;
    let on = app
        .open_roster()
        .map(|(t, ..)| t.search.tiers_on().to_vec())
        .unwrap_or_default();
    let mut items: Vec<(Span<'static>, String)> = Vec::new();
    for (i, tier) in roster.tiers.iter().enumerate() {
        if on.get(i).copied().unwrap_or(true) {
            items.push((
                Span::styled(Theme::tier_marker(i), th.tier_style(i)),
                format!(" {}", text::safe(&tier.short)),
            ));
        }
    }
    items.push((Span::raw(SELECTED_MARKER), " selected".to_string()));
    let mut lines = Vec::new();
    let mut line: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    for (marker, name) in items {
        let w = 1 + text::width(&name);
        if used > 0 && used + 2 + w > width {
            lines.push(Line::from(std::mem::take(&mut line)));
            used = 0;
        }
        if used > 0 {
            line.push(Span::raw("  "));
            used += 2;
        }
        let name = text::truncate(&name, width.saturating_sub(used + 1));
        used += 1 + text::width(&name);
        line.push(marker);
        line.push(Span::styled(name, th.dim));
    }
    if !line.is_empty() {
        lines.push(Line::from(line));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    const EUROPE: Bounds = Bounds {
        west: -10.0,
        east: 30.0,
        south: 35.0,
        north: 65.0,
    };

    #[test]
    fn projection_puts_corners_and_centre_in_the_right_cells() {
        let area = Rect::new(10, 5, 41, 31);
        assert_eq!(project(&EUROPE, area, 65.0, -10.0), Some((10, 5)));
        assert_eq!(project(&EUROPE, area, 35.0, 30.0), Some((50, 35)));
        assert_eq!(project(&EUROPE, area, 50.0, 10.0), Some((30, 20)));
        assert_eq!(project(&EUROPE, area, 70.0, 10.0), None);
        assert_eq!(project(&EUROPE, area, 50.0, 31.0), None);
    }

    #[test]
    fn fitting_keeps_the_box_and_matches_the_screen_shape() {
        let area = Rect::new(0, 0, 80, 20);
        let f = fit(EUROPE, area);
        assert!(f.west <= EUROPE.west && f.east >= EUROPE.east);
        assert!(f.south <= EUROPE.south && f.north >= EUROPE.north);
        let mid = ((f.north + f.south) / 2.0).to_radians().cos();
        let ratio = (f.east - f.west) * mid / (f.north - f.south);
        assert!((ratio - 80.0 / 40.0).abs() < 0.01, "{ratio}");
    }

    #[test]
    fn the_frame_holds_every_point_with_a_tenth_of_the_span_around_it() {
        // Rhine cities: 7°-9° east, 48°-52° north, wider than the least span one way.
        let pts = [(48.0, 7.0), (52.0, 9.0), (50.0, 8.0), (49.0, 20.0)];
        let b = frame(pts).expect("points");
        for (lat, lon) in pts {
            assert!((b.west..=b.east).contains(&lon) && (b.south..=b.north).contains(&lat));
        }
        // East-west 13° padded by 1.3° each side; north-south 4°, padded by the least
        // degree and then grown to the least span about its middle.
        assert!(
            (b.west - 5.7).abs() < 1e-9 && (b.east - 21.3).abs() < 1e-9,
            "{b:?}"
        );
        assert!((b.north - b.south - MIN_SPAN).abs() < 1e-9, "{b:?}");
        assert!(((b.north + b.south) / 2.0 - 50.0).abs() < 1e-9, "{b:?}");
    }

    #[test]
    fn one_point_is_framed_on_the_least_span_not_a_street() {
        let b = frame([(59.91, 10.75)]).expect("a point");
        assert!((b.east - b.west - MIN_SPAN).abs() < 1e-9, "{b:?}");
        assert!((b.north - b.south - MIN_SPAN).abs() < 1e-9, "{b:?}");
        assert!(((b.east + b.west) / 2.0 - 10.75).abs() < 1e-9);
        // Near the edge of the world the frame moves inside it and keeps its size.
        let b = frame([(89.5, 179.5)]).expect("a point");
        assert_eq!((b.north, b.east), (90.0, 180.0));
        assert!((b.north - b.south - MIN_SPAN).abs() < 1e-9, "{b:?}");
    }

    #[test]
    fn no_finite_point_is_no_frame() {
        assert_eq!(frame([]), None);
        assert_eq!(frame([(f64::NAN, 10.0), (50.0, f64::INFINITY)]), None);
        let b = frame([(f64::NAN, 0.0), (50.0, 10.0)]).expect("one finite point");
        assert!(b.west > 0.0, "the NaN point framed the map: {b:?}");
    }

    #[test]
    fn placeholders_do_not_frame_the_roster() {
        use citynet_core::data::{Completeness, Member, MemberKind};
        let member = |name: &str, lat: f64, lon: f64, placeholder: bool| Member {
            name: name.into(),
            country: "NO".into(),
            tier: "full".into(),
            lat,
            lon,
            aka: Vec::new(),
            kind: MemberKind::City,
            population: None,
            since: None,
            joined: None,
            id: None,
            placeholder,
            geonames: None,
            main_city: None,
        };
        let r = Roster {
            sources: Vec::new(),
            columns: None,
            as_of: "2026".into(),
            completeness: Completeness::Complete,
            tiers: Vec::new(),
            population_note: None,
            members: vec![
                member("Oslo", 59.91, 10.75, false),
                member("Bergen", 60.39, 5.32, false),
                member("Group centroid", -40.0, 170.0, true),
            ]
            .into(),
        };
        let b = extent(&r);
        assert!(b.south > 50.0 && b.east < 20.0, "{b:?}");
        assert!(b.west <= 5.32 && b.east >= 10.75);
    }

    const AREA: Rect = Rect {
        x: 0,
        y: 0,
        width: 40,
        height: 10,
    };

    fn check(chosen: &Option<Label>, rest: &[Label], markers: &[(u16, u16)]) {
        let all: Vec<&Label> = chosen.iter().chain(rest).collect();
        for (i, a) in all.iter().enumerate() {
            assert!(
                a.x + a.width() <= AREA.right() && a.y < AREA.bottom(),
                "{a:?}"
            );
            for b in &all[i + 1..] {
                assert!(!a.overlaps(b), "{a:?} overlaps {b:?}");
            }
        }
        for l in rest {
            for &c in markers {
                assert!(!l.covers(c), "{l:?} covers the marker at {c:?}");
            }
        }
    }

    #[test]
    fn labels_neither_overlap_nor_cover_a_marker() {
        // A crowd: markers two cells apart on two rows, each a candidate with a long name.
        let markers: Vec<(u16, u16)> = (0..20).flat_map(|i| [(i * 2, 4), (i * 2, 5)]).collect();
        let others: Vec<((u16, u16), String)> = markers
            .iter()
            .map(|&c| (c, format!("City {}-{}", c.0, c.1)))
            .collect();
        let (chosen, rest) = place_labels(AREA, &markers, None, &others, 100);
        assert!(chosen.is_none());
        // Above the top row and below the bottom one there is room.
        assert!(rest.len() >= 2, "{rest:?}");
        check(&chosen, &rest, &markers);
        assert!(rest.iter().all(|l| l.y == 3 || l.y == 6), "{rest:?}");
        // At most `most`.
        let (_, few) = place_labels(AREA, &markers, None, &others, 1);
        assert_eq!(few.len(), 1);
    }

    #[test]
    fn the_selected_label_is_always_placed_and_others_give_way() {
        // Markers on every side of the selection: it is labelled all the same.
        let sel = (20, 5);
        let markers: Vec<(u16, u16)> = (0..AREA.width)
            .flat_map(|x| [(x, 4), (x, 5), (x, 6)])
            .collect();
        let others = vec![((22, 5), "Neighbour".to_string())];
        let (chosen, rest) = place_labels(AREA, &markers, Some((sel, "Selected")), &others, 9);
        let chosen = chosen.expect("the selection is labelled");
        assert_eq!(chosen.text, " Selected ");
        assert!(!chosen.covers(sel));
        assert!(rest.is_empty(), "{rest:?}");
        // With room, it goes right of its marker, and a neighbour's label keeps clear.
        let markers = [sel, (21, 6)];
        let others = vec![
            ((21, 6), "Below".to_string()),
            (sel, "Same cell".to_string()),
        ];
        let (chosen, rest) = place_labels(AREA, &markers, Some((sel, "Selected")), &others, 9);
        let chosen = chosen.expect("labelled");
        assert_eq!((chosen.x, chosen.y), (21, 5));
        assert_eq!(rest.len(), 1, "one name per marker: {rest:?}");
        check(&Some(chosen), &rest, &markers);
        // A name wider than the map is cut to fit, not dropped.
        let long = "x".repeat(60);
        let (chosen, _) = place_labels(AREA, &[], Some(((39, 0), long.as_str())), &[], 0);
        let chosen = chosen.expect("labelled");
        assert!(chosen.width() <= AREA.width && chosen.x + chosen.width() <= AREA.right());
    }
}
