//! Two charts drawn as text bars: members per country for the rows shown, and every
//! network's stated size on a log scale (so 90 and 250,000 both stay readable).

use std::collections::HashMap;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{pane, text};
use crate::app::{App, Focus};
use crate::layout;
use citynet_core::data::{Dataset, Figure, Measure, Network};

/// (country code, country name, members shown there), most first, ties by name.
pub fn country_counts(app: &App) -> Vec<(String, &'static str, usize)> {
    let Some((t, _, r, idx)) = app.open_roster() else {
        return Vec::new();
    };
    let mut counts: HashMap<&str, (usize, usize)> = HashMap::new();
    t.search.for_each_member(|member| {
        if let Some(m) = r.members.get(member as usize) {
            counts
                .entry(m.country.as_str())
                .or_insert((0, member as usize))
                .0 += 1;
        }
    });
    let mut v: Vec<(String, &'static str, usize)> = counts
        .into_iter()
        .map(|(code, (n, any))| (code.to_string(), idx.country_name(any), n))
        .collect();
    v.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.1.cmp(b.1)));
    v
}

fn bar(len: usize) -> String {
    "█".repeat(len)
}

pub fn render_countries(frame: &mut Frame, area: Rect, app: &App) {
    let th = &app.style;
    let counts = country_counts(app);
    let title = Line::from(vec![
        Span::styled(" Members per country ", th.label),
        Span::styled(
            format!(
                "{} countries · b hides ",
                citynet_core::data::group_thousands(counts.len() as u64)
            ),
            th.dim,
        ),
    ]);
    frame.render_widget(pane(title, app.focus == Focus::Members, th), area);
    let inner = layout::inner(area);
    let label_w = counts
        .iter()
        .map(|(_, name, _)| text::width(name))
        .max()
        .unwrap_or(0)
        .min(18);
    let max = counts.first().map_or(1, |c| c.2.max(1));
    let num_w = max.to_string().len();
    let room = usize::from(inner.width).saturating_sub(3 + label_w + 1 + num_w + 1);
    let height = usize::from(inner.height);
    let scroll = app.side_scroll.min(counts.len().saturating_sub(height));
    let mut lines: Vec<Line> = counts
        .iter()
        .skip(scroll)
        .take(height)
        .map(|(code, name, n)| {
            let len = (n * room).div_ceil(max).max(1);
            Line::from(vec![
                Span::styled(format!("{code} "), th.label),
                Span::raw(format!("{:<label_w$} ", text::truncate(name, label_w))),
                Span::styled(bar(len), th.bar),
                Span::raw(format!(
                    " {}",
                    citynet_core::data::group_thousands(*n as u64)
                )),
            ])
        })
        .collect();
    if counts.len() > scroll + height && !lines.is_empty() {
        let more = counts.len() - scroll - height + 1;
        lines.pop();
        lines.push(Line::styled(
            format!(
                "… and {} more countries",
                citynet_core::data::group_thousands(more as u64)
            ),
            th.dim,
        ));
    }
    if counts.is_empty() {
        lines.push(Line::styled("No members shown.", th.dim));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// Networks with a stated member figure, largest first (ties by label).
pub fn sizes(data: &Dataset) -> Vec<(&Network, &Figure)> {
    let mut v: Vec<(&Network, &Figure)> = data
        .networks
        .iter()
        .filter_map(|n| n.member_figure().map(|f| (n, f)))
        .filter(|(_, f)| f.measure == Measure::Members && f.value > 0)
        .collect();
    v.sort_by(|a, b| {
        b.1.value
            .cmp(&a.1.value)
            .then_with(|| a.0.label().cmp(b.0.label()))
    });
    v
}

/// `n` as a float, without a cast: exact up to 2^53, and near enough above for a bar.
fn to_f64(n: u64) -> f64 {
    let high = u32::try_from(n >> 32).unwrap_or(u32::MAX);
    let low = u32::try_from(n & 0xFFFF_FFFF).unwrap_or(u32::MAX);
    f64::from(high) * 4_294_967_296.0 + f64::from(low)
}

/// The bar length for `value` on a log scale where `max` fills `room` columns. Any values
/// at all give a length from 0 to `room`: none is trusted to be plausible.
pub fn log_bar(value: u64, max: u64, room: usize) -> usize {
    if value == 0 || room == 0 {
        return 0;
    }
    let top = to_f64(max.max(value).max(10)).log10();
    let share = (to_f64(value).log10() / top).clamp(0.0, 1.0);
    // The first length whose column count reaches the share: found by counting, so that no
    // float is cast to an integer, and bounded by `room`, a screen's width.
    let wanted = share * u32::try_from(room).map_or(f64::from(u32::MAX), f64::from);
    let mut len = 0;
    let mut edge = 0.5;
    while len < room && edge <= wanted {
        len += 1;
        edge += 1.0;
    }
    len.clamp(1, room)
}

/// The decades (10, 100, 1k, …) up to `max`: at most 19 of them, whatever `max` is.
fn decades(max: u64) -> impl Iterator<Item = u64> {
    (1..20u32)
        .map_while(|e| 10u64.checked_pow(e))
        .take_while(move |&d| d <= max.max(10))
}

pub fn render_sizes(frame: &mut Frame, area: Rect, app: &App) {
    let th = &app.style;
    let rows = sizes(&app.data);
    let title = Line::from(vec![
        Span::styled(" Network sizes ", th.label),
        Span::styled("stated members, log scale · b hides ", th.dim),
    ]);
    frame.render_widget(pane(title, app.focus == Focus::Detail, th), area);
    let inner = layout::inner(area);
    let label_w = rows
        .iter()
        .map(|(n, _)| text::width(n.label()))
        .max()
        .unwrap_or(0)
        .min(16);
    let phrase_w = rows
        .iter()
        .map(|(_, f)| text::width(&f.phrase()))
        .max()
        .unwrap_or(0)
        .min(usize::from(inner.width) / 2);
    let room = usize::from(inner.width).saturating_sub(label_w + phrase_w + 3);
    let max = rows.first().map_or(10, |(_, f)| f.value);
    let mut lines: Vec<Line> = Vec::new();
    for (n, f) in rows
        .iter()
        .take(usize::from(inner.height).saturating_sub(2))
    {
        let len = log_bar(f.value, max, room);
        lines.push(Line::from(vec![
            Span::styled(
                format!(
                    "{:<label_w$} ",
                    text::truncate(&text::safe(n.label()), label_w)
                ),
                th.label,
            ),
            Span::styled(bar(len), th.bar),
            Span::raw(" ".repeat(room - len + 1)),
            Span::raw(text::truncate(&text::safe(&f.phrase()), phrase_w)),
        ]));
    }
    // A decade scale under the bars: 10, 100, 1k, ... placed where those values end.
    let mut axis = vec![' '; room + 1];
    let mut labels = String::new();
    for decade in decades(max) {
        let x = log_bar(decade, max, room).saturating_sub(1);
        if let Some(c) = axis.get_mut(x) {
            *c = '┴';
        }
    }
    let mut pos = 0;
    for decade in decades(max) {
        let x = log_bar(decade, max, room).saturating_sub(1);
        let word = match decade {
            d if d >= 1_000_000_000 => format!("{}G", d / 1_000_000_000),
            d if d >= 1_000_000 => format!("{}M", d / 1_000_000),
            d if d >= 1000 => format!("{}k", d / 1000),
            d => d.to_string(),
        };
        if x >= pos {
            labels.push_str(&" ".repeat(x - pos));
            labels.push_str(&word);
            pos = x + word.len();
        }
    }
    lines.push(Line::styled(
        format!("{:label_w$} {}", "", axis.into_iter().collect::<String>()),
        th.dim,
    ));
    lines.push(Line::styled(format!("{:label_w$} {labels}", ""), th.dim));
    frame.render_widget(Paragraph::new(lines), inner);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_bars_keep_small_and_large_readable() {
        // 90 and 250,000 on one scale of 40 columns: both visible, clearly apart.
        let small = log_bar(90, 250_000, 40);
        let large = log_bar(250_000, 250_000, 40);
        assert_eq!(large, 40);
        assert!((10..20).contains(&small), "{small}");
        assert!(log_bar(100, 250_000, 40) > log_bar(90, 250_000, 40) - 1);
        assert_eq!(log_bar(0, 100, 10), 0);
        assert_eq!(log_bar(1, 100, 10), 1);
    }

    #[test]
    fn the_largest_numbers_end_every_loop_and_fit_the_room() {
        // u64::MAX once made the decade loop spin forever (saturating_mul stays at MAX).
        assert_eq!(decades(u64::MAX).count(), 19);
        assert_eq!(decades(u64::MAX).last(), Some(10_000_000_000_000_000_000));
        assert_eq!(decades(999).collect::<Vec<_>>(), [10, 100]);
        assert_eq!(decades(0).collect::<Vec<_>>(), [10]);
        assert_eq!(log_bar(u64::MAX, u64::MAX, 40), 40);
        assert_eq!(log_bar(u64::MAX, 100, 40), 40);
        assert_eq!(log_bar(1, u64::MAX, 40), 1);
        assert_eq!(to_f64(u64::MAX), 18_446_744_073_709_551_615.0);
    }
}
