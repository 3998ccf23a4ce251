//! The member map: the world outline in braille, framed on the roster's extent, one marker
//! per cell for the members shown (shape and colour by tier), the selected city labelled.

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

/// The box around every member of the roster (not just those shown, so the frame stays
/// still while filtering), with a margin.
pub fn extent(roster: &Roster) -> Bounds {
    let mut b = Bounds {
        west: f64::INFINITY,
        east: f64::NEG_INFINITY,
        south: f64::INFINITY,
        north: f64::NEG_INFINITY,
    };
    // A placeholder point (a group's country centroid) is no place: it neither frames
    // the map nor shows on it.
    for m in roster.members.iter().filter(|m| !m.placeholder) {
        if m.lat.is_finite() && m.lon.is_finite() {
            b.west = b.west.min(m.lon);
            b.east = b.east.max(m.lon);
            b.south = b.south.min(m.lat);
            b.north = b.north.max(m.lat);
        }
    }
    if !b.west.is_finite() {
        return Bounds {
            west: -180.0,
            east: 180.0,
            south: -60.0,
            north: 85.0,
        };
    }
    let pad_x = ((b.east - b.west) * 0.08).max(2.0);
    let pad_y = ((b.north - b.south) * 0.08).max(2.0);
    Bounds {
        west: (b.west - pad_x).max(-180.0),
        east: (b.east + pad_x).min(180.0),
        south: (b.south - pad_y).max(-90.0),
        north: (b.north + pad_y).min(90.0),
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

fn colour_of(style: ratatui::style::Style) -> Color {
    style.fg.unwrap_or(Color::Reset)
}

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let th = &app.style;
    let focused = app.focus == Focus::Members;
    let Some((t, network, roster, _)) = app.open_roster() else {
        return;
    };
    let title = Line::from(vec![
        Span::styled(
            format!(" {} map ", text::safe(network.label())),
            if focused { th.title } else { th.label },
        ),
        Span::styled(
            format!(
                "{} shown · m hides ",
                citynet_core::data::group_thousands(t.search.len() as u64)
            ),
            th.dim,
        ),
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
    let bounds = fit(extent(roster), map_area);
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
    // The selected city's name, beside its marker, on the side with room.
    if let Some(m) = selected
        && let Some((x, y)) = project(&bounds, map_area, m.lat, m.lon)
    {
        let name = format!(" {} ", text::safe(&m.name));
        let w = text::width(&name) as u16;
        let lx = if x + 1 + w <= map_area.right() {
            x + 1
        } else {
            x.saturating_sub(w).max(map_area.x)
        };
        let label = Rect::new(lx, y, w.min(map_area.right() - lx), 1);
        frame.render_widget(
            ratatui::widgets::Paragraph::new(Line::styled(name, th.selected)),
            label,
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
}
