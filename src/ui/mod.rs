//! The view: draws the app's state and changes nothing. One module per pane.

pub mod charts;
pub mod compare;
pub mod country;
pub mod detail;
pub mod glyphs;
pub mod help;
pub mod loading;
pub mod map;
pub mod members;
pub mod mine;
pub mod networks;
pub mod overlays;
pub mod text;

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::app::{App, Focus, Right, Side, keymap};
use crate::layout;
use crate::theme::Theme;
use citynet_core::data::group_thousands;

/// Draws the whole screen for the app's state.
pub fn view(frame: &mut Frame, app: &App) {
    let area = frame.area();
    let Some(areas) = layout::compute(app.screen()) else {
        too_small(frame, area, &app.style);
        return;
    };
    title_bar(frame, areas.title, app);
    if let Some(r) = areas.networks {
        networks::render(frame, r, app);
    }
    if let Some(r) = areas.detail {
        match app.right {
            Right::Sizes => charts::render_sizes(frame, r, app),
            Right::Compare => compare::render(frame, r, app),
            Right::Detail | Right::Members => detail::render(frame, r, app),
        }
    }
    if let Some(r) = areas.members {
        members::render(frame, r, app);
    }
    if let Some(r) = areas.side {
        match app.side {
            Side::Map => map::render(frame, r, app),
            Side::Countries => charts::render_countries(frame, r, app),
            Side::None => {}
        }
    }
    key_bar(frame, areas.keys, app);
    status_bar(frame, areas.status, app);
    overlays::render_themes(frame, app);
    overlays::render_card(frame, app);
    country::render(frame, app);
    overlays::render_jump(frame, app);
    mine::render_pins(frame, app);
    mine::render_views(frame, app);
    mine::render_naming(frame, app);
    help::render(frame, app);
    glyphs::finish(
        frame.buffer_mut(),
        glyphs::Glyphs {
            ascii: app.plain,
            accessible: app.accessible,
        },
    );
}

/// [`cursor_on_selection`] for line `line` of the text drawn in `area`, if it is there.
pub fn cursor_on_line(frame: &mut Frame, app: &App, area: Rect, line: usize) {
    if let Ok(row) = u16::try_from(line)
        && row < area.height
    {
        let at = Rect {
            y: area.y + row,
            height: 1,
            ..area
        };
        cursor_on_selection(frame, app, at);
    }
}

/// In accessible mode, puts the terminal's cursor on the selected row `row`, where a
/// screen reader follows it. Called by whatever draws the selection that has focus;
/// overlays draw last, so the open overlay's selection wins.
pub fn cursor_on_selection(frame: &mut Frame, app: &App, row: Rect) {
    if app.accessible && row.width > 0 && row.height > 0 {
        frame.set_cursor_position((row.x, row.y));
    }
}

/// A bordered pane whose border says whether it has focus.
pub fn pane<'a>(title: Line<'a>, focused: bool, theme: &Theme) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_type(if focused {
            ratatui::widgets::BorderType::Thick
        } else {
            ratatui::widgets::BorderType::Plain
        })
        .border_style(if focused {
            theme.border_focused
        } else {
            theme.border
        })
        .title(title)
}

/// `line` drawn in the selection's style `row`. A span whose own colour is the
/// selection's background (dim text on the unfocused selection, both colour 8) takes the
/// selection's colour instead, so that nothing is drawn in the colour behind it.
pub fn highlight(line: Line<'static>, row: ratatui::style::Style) -> Line<'static> {
    let spans: Vec<Span<'static>> = line
        .spans
        .into_iter()
        .map(|mut s| {
            if s.style.fg.is_some() && s.style.fg == row.bg {
                s.style.fg = row.fg;
            }
            if s.style.bg.is_some() && s.style.bg == row.fg {
                s.style.bg = row.bg;
            }
            s
        })
        .collect();
    Line::from(spans).style(row)
}

/// Draws one list row on line `line_no` of `rows`, highlighted when selected (more
/// strongly when its pane has focus).
pub fn draw_row(
    frame: &mut Frame,
    rows: Rect,
    line_no: usize,
    line: Line<'static>,
    selected: bool,
    focused: bool,
    app: &App,
) {
    let theme = &app.style;
    let line = match (selected, focused) {
        (true, true) => highlight(line, theme.selected),
        (true, false) => highlight(line, theme.selected_unfocused),
        _ => line,
    };
    let row = Rect {
        y: rows.y + line_no as u16,
        height: 1,
        ..rows
    };
    frame.render_widget(Paragraph::new(line), row);
    if selected && focused {
        cursor_on_selection(frame, app, row);
    }
}

fn too_small(frame: &mut Frame, area: Rect, theme: &Theme) {
    let msg = format!(
        "Terminal too small: {}×{}. citynet needs at least {}×{}; enlarge the window or press q to quit.",
        area.width,
        area.height,
        layout::MIN_WIDTH,
        layout::MIN_HEIGHT
    );
    let y = area.height / 2;
    let para = Paragraph::new(Line::styled(msg, theme.error))
        .alignment(Alignment::Center)
        .wrap(Wrap { trim: true });
    let rect = Rect {
        y: area.y + y.saturating_sub(1),
        height: area.height - y.saturating_sub(1),
        ..area
    };
    frame.render_widget(para, rect);
}

/// " · oldest list 2019-03": "as of" is the newest source read, and a member list can be
/// years older than that; the dated lists' oldest says so on every screen.
fn oldest_list(app: &App) -> String {
    app.data
        .networks
        .iter()
        .filter_map(|n| n.roster.as_ref())
        .map(|r| r.as_of.as_str())
        .filter(|d| d.starts_with(|c: char| c.is_ascii_digit()))
        .min()
        .map(|d| format!(" · oldest list {}", text::safe(d)))
        .unwrap_or_default()
}

fn title_bar(frame: &mut Frame, area: Rect, app: &App) {
    let t = &app.style;
    let left = Line::from(vec![
        Span::styled(" citynet ", t.title),
        Span::styled(
            {
                let base = format!(
                    "· {} · data as of {}",
                    text::safe(&app.data.title),
                    text::safe(app.data.newest_read())
                );
                // Only where it fits whole beside the keys on the right.
                let oldest = oldest_list(app);
                if text::width(&base) + text::width(&oldest) + 26 <= usize::from(area.width) {
                    base + &oldest
                } else {
                    base
                }
            },
            t.dim,
        ),
    ]);
    frame.render_widget(Paragraph::new(left), area);
}

/// The footer: the keys that work in the current context, most useful first, as many as
/// fit, and always the key to help at the right (as lazygit's and k9s's footers do).
fn key_bar(frame: &mut Frame, area: Rect, app: &App) {
    let t = &app.style;
    let cx = app.context();
    let help = keymap::help_hint_in(&app.keys.bindings, cx);
    let hint_width = |h: &keymap::Hint| text::width(&h.key) + 1 + h.word.len();
    let mut room = usize::from(area.width).saturating_sub(hint_width(&help) + 2);
    let mut spans = vec![Span::raw(" ")];
    for h in keymap::footer_in(&app.keys.bindings, cx) {
        let w = hint_width(&h) + 2;
        if w > room {
            // In order of use: a less useful key never takes the place of a more useful one.
            break;
        }
        room -= w;
        spans.push(Span::styled(h.key, t.key));
        spans.push(Span::styled(format!(" {}  ", h.word), t.dim));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
    let right = Line::from(vec![
        Span::styled(help.key, t.key),
        Span::styled(format!(" {} ", help.word), t.dim),
    ]);
    frame.render_widget(Paragraph::new(right).alignment(Alignment::Right), area);
}

/// The status line's words for the current focus; in accessible mode led by where the
/// selection is ("Row 3 of 202"), which a screen reader cannot see from the highlight.
pub fn status_text(app: &App) -> String {
    let words = status_words(app);
    match app.accessible.then(|| selected_row(app)).flatten() {
        Some((row, of)) if app.message.is_none() => format!(
            "Row {} of {} · {words}",
            group_thousands(row as u64 + 1),
            group_thousands(of as u64)
        ),
        _ => words,
    }
}

/// The selected row and the rows there are, in the list that has focus.
fn selected_row(app: &App) -> Option<(usize, usize)> {
    if let Some(j) = app.jump() {
        return (!j.hits.is_empty()).then_some((j.selected, j.hits.len()));
    }
    let (row, of) = match app.focus {
        Focus::Networks => (app.networks.selected, app.networks.rows.len()),
        Focus::Members => {
            let t = app.members.as_ref()?;
            (t.selected, t.search.len())
        }
        Focus::Detail => return None,
    };
    (of > 0).then_some((row.min(of - 1), of))
}

fn status_words(app: &App) -> String {
    if let Some(m) = &app.message {
        // Messages quote names from the data file.
        return text::safe(m).into_owned();
    }
    if app.jump().is_some() {
        return "Jump: type, ↑↓ choose, Enter go, Esc close".into();
    }
    let error = match app.focus {
        Focus::Networks => app.networks.error.as_ref(),
        Focus::Members => app.members.as_ref().and_then(|t| t.error.as_ref()),
        Focus::Detail => None,
    };
    if let Some(e) = error {
        return format!("Query not understood: {e}; showing the last good result");
    }
    match app.focus {
        Focus::Members => members::status(app).unwrap_or_default(),
        Focus::Networks => {
            let total = app.data.networks.len();
            let shown = app.networks.rows.len();
            let filter = &app.networks.filter;
            let themes: Vec<&str> = app.theme_filter.iter().map(|t| t.label()).collect();
            let by_theme = if themes.is_empty() {
                String::new()
            } else {
                format!(" · themes: {} (t changes)", themes.join(" or "))
            };
            let networks = if total == 1 { "network" } else { "networks" };
            if filter.trim().is_empty() && themes.is_empty() {
                // The keys are in the footer; here, what the list's marks mean.
                format!(
                    "{} {networks} · ▦ member list · ✓ marked · ~ about · \
                     > more than · 100s hundreds",
                    group_thousands(total as u64)
                )
            } else if filter.trim().is_empty() {
                format!(
                    "{} of {} {networks}{by_theme}",
                    group_thousands(shown as u64),
                    group_thousands(total as u64)
                )
            } else {
                format!(
                    "{} of {} {networks} match “{}”{by_theme} · Esc clears",
                    group_thousands(shown as u64),
                    group_thousands(total as u64),
                    text::safe(filter)
                )
            }
        }
        Focus::Detail if app.right == Right::Compare => {
            "Comparison · ↑↓ select · Enter a city's card · y copy it all · Esc closes".to_string()
        }
        Focus::Detail => "Detail · ↑↓ PgUp PgDn scroll · Esc back to the list".to_string(),
    }
}

fn status_bar(frame: &mut Frame, area: Rect, app: &App) {
    let s = status_text(app);
    // A leading space when it fits; the counts matter more than the margin.
    let s = if text::width(&s) < usize::from(area.width) {
        format!(" {s}")
    } else {
        text::truncate(&s, usize::from(area.width))
    };
    frame.render_widget(Paragraph::new(Line::from(s)).style(app.style.status), area);
}
