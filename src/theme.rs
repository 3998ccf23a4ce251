//! Every colour and style the TUI uses, in one place. Two themes: colour, and a
//! no-colour one for `NO_COLOR` that tells things apart with bold, reverse and underline
//! alone (crossterm's own NO_COLOR handling can also drop reverse, which would hide the
//! selection, so we choose the styles ourselves).

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub colour: bool,
    pub text: Style,
    pub dim: Style,
    pub title: Style,
    pub border: Style,
    pub border_focused: Style,
    pub selected: Style,
    /// Selection in a pane that does not have focus.
    pub selected_unfocused: Style,
    pub matched: Style,
    pub header: Style,
    pub label: Style,
    pub chip_on: Style,
    pub chip_off: Style,
    pub status: Style,
    pub error: Style,
    pub input: Style,
    pub key: Style,
    /// Marker drawn before the selected row, so the selection is visible without colour.
    pub marker: &'static str,
    /// Map markers per tier: shape tells tiers apart without colour, colour helps with it.
    pub tier_styles: [Style; 8],
    pub map_land: Style,
    pub bar: Style,
}

/// Map marker shapes per tier, in tier order; they repeat after eight tiers.
pub const TIER_MARKERS: [&str; 8] = ["●", "▲", "◆", "■", "★", "✚", "▼", "✖"];

/// The selected member on the map.
pub const SELECTED_MARKER: &str = "◉";

impl Theme {
    pub fn tier_marker(i: usize) -> &'static str {
        TIER_MARKERS[i % TIER_MARKERS.len()]
    }

    pub fn tier_style(&self, i: usize) -> Style {
        self.tier_styles[i % self.tier_styles.len()]
    }
}

impl Theme {
    pub fn colour() -> Theme {
        let accent = Color::Cyan;
        Theme {
            colour: true,
            text: Style::default(),
            dim: Style::default().fg(Color::DarkGray),
            title: Style::default().fg(accent).add_modifier(Modifier::BOLD),
            border: Style::default().fg(Color::DarkGray),
            border_focused: Style::default().fg(accent),
            selected: Style::default()
                .bg(Color::Blue)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD),
            selected_unfocused: Style::default().bg(Color::DarkGray).fg(Color::White),
            matched: Style::default()
                .fg(Color::Yellow)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            header: Style::default().fg(accent).add_modifier(Modifier::BOLD),
            label: Style::default()
                .fg(Color::Gray)
                .add_modifier(Modifier::BOLD),
            chip_on: Style::default()
                .bg(Color::Green)
                .fg(Color::Black)
                .add_modifier(Modifier::BOLD),
            chip_off: Style::default()
                .fg(Color::DarkGray)
                .add_modifier(Modifier::CROSSED_OUT),
            status: Style::default().bg(Color::Black).fg(Color::Gray),
            error: Style::default().fg(Color::Red).add_modifier(Modifier::BOLD),
            input: Style::default().fg(Color::Yellow),
            key: Style::default()
                .fg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
            marker: "▶ ",
            tier_styles: [
                Style::default().fg(Color::LightGreen),
                Style::default().fg(Color::LightYellow),
                Style::default().fg(Color::LightMagenta),
                Style::default().fg(Color::LightCyan),
                Style::default().fg(Color::LightRed),
                Style::default().fg(Color::LightBlue),
                Style::default().fg(Color::White),
                Style::default().fg(Color::Yellow),
            ],
            map_land: Style::default().fg(Color::DarkGray),
            bar: Style::default().fg(accent),
        }
    }

    pub fn mono() -> Theme {
        let plain = Style::default();
        let bold = plain.add_modifier(Modifier::BOLD);
        Theme {
            colour: false,
            text: plain,
            dim: plain,
            title: bold,
            border: plain,
            border_focused: bold,
            selected: plain.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            selected_unfocused: plain.add_modifier(Modifier::REVERSED),
            matched: plain.add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
            header: bold.add_modifier(Modifier::UNDERLINED),
            label: bold,
            chip_on: plain.add_modifier(Modifier::REVERSED),
            chip_off: plain,
            status: plain.add_modifier(Modifier::REVERSED),
            error: bold,
            input: bold,
            key: bold,
            marker: "▶ ",
            tier_styles: [plain; 8],
            map_land: plain,
            bar: plain,
        }
    }

    /// The theme the environment asks for: `NO_COLOR` set to anything non-empty means
    /// no colour (<https://no-color.org>).
    pub fn from_env() -> Theme {
        match std::env::var_os("NO_COLOR") {
            Some(v) if !v.is_empty() => Theme::mono(),
            _ => Theme::colour(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mono_theme_has_no_colour_but_a_visible_selection() {
        let t = Theme::mono();
        let styles = [
            t.text,
            t.dim,
            t.title,
            t.border,
            t.border_focused,
            t.selected,
            t.selected_unfocused,
            t.matched,
            t.header,
            t.label,
            t.chip_on,
            t.chip_off,
            t.status,
            t.error,
            t.input,
            t.key,
        ];
        for s in styles {
            assert_eq!(s.fg, None);
            assert_eq!(s.bg, None);
        }
        assert!(t.selected.add_modifier.contains(Modifier::REVERSED));
        assert!(t.chip_on.add_modifier != t.chip_off.add_modifier);
    }
}
