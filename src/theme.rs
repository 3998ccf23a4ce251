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
        Theme::from_env_or(Theme::colour())
    }

    /// `theme`, unless `NO_COLOR` asks for none: the environment wins over the config.
    pub fn from_env_or(theme: Theme) -> Theme {
        match std::env::var_os("NO_COLOR") {
            Some(v) if !v.is_empty() => Theme::mono(),
            _ => theme,
        }
    }

    /// For a light terminal background: darker colours, no white text.
    pub fn light() -> Theme {
        let accent = Color::Blue;
        Theme {
            colour: true,
            text: Style::default(),
            dim: Style::default().fg(Color::DarkGray),
            title: Style::default().fg(accent).add_modifier(Modifier::BOLD),
            border: Style::default().fg(Color::Gray),
            border_focused: Style::default().fg(accent),
            selected: Style::default()
                .bg(Color::LightBlue)
                .fg(Color::Black)
                .add_modifier(Modifier::BOLD),
            selected_unfocused: Style::default().bg(Color::Gray).fg(Color::Black),
            matched: Style::default()
                .fg(Color::Magenta)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            header: Style::default().fg(accent).add_modifier(Modifier::BOLD),
            label: Style::default()
                .fg(Color::DarkGray)
                .add_modifier(Modifier::BOLD),
            chip_on: Style::default()
                .bg(Color::Green)
                .fg(Color::Black)
                .add_modifier(Modifier::BOLD),
            chip_off: Style::default()
                .fg(Color::DarkGray)
                .add_modifier(Modifier::CROSSED_OUT),
            status: Style::default().bg(Color::Gray).fg(Color::Black),
            error: Style::default().fg(Color::Red).add_modifier(Modifier::BOLD),
            input: Style::default().fg(Color::Magenta),
            key: Style::default()
                .fg(Color::Magenta)
                .add_modifier(Modifier::BOLD),
            marker: "▶ ",
            tier_styles: [
                Style::default().fg(Color::Green),
                Style::default().fg(Color::Blue),
                Style::default().fg(Color::Magenta),
                Style::default().fg(Color::Cyan),
                Style::default().fg(Color::Red),
                Style::default().fg(Color::DarkGray),
                Style::default().fg(Color::Black),
                Style::default().fg(Color::Yellow),
            ],
            map_land: Style::default().fg(Color::Gray),
            bar: Style::default().fg(accent),
        }
    }

    /// The presets a config may name, the first the default.
    pub const PRESETS: [&'static str; 2] = ["dark", "light"];

    pub fn preset(name: &str) -> Option<Theme> {
        match name {
            "dark" => Some(Theme::colour()),
            "light" => Some(Theme::light()),
            _ => None,
        }
    }

    /// The roles a config may colour, and what each colours.
    pub const ROLES: [(&'static str, &'static str); 18] = [
        ("text", "ordinary text"),
        ("dim", "quieter text: hints, counts"),
        ("title", "pane titles"),
        ("border", "pane borders"),
        ("border-focused", "the focused pane's border"),
        ("selected", "the selected row"),
        (
            "selected-unfocused",
            "the selected row of a pane without focus",
        ),
        ("matched", "the letters a filter matched"),
        ("header", "table headers and section titles"),
        ("label", "labels in the detail pane and cards"),
        ("chip-on", "a tier that is shown"),
        ("chip-off", "a tier that is hidden"),
        ("status", "the status line"),
        ("error", "errors"),
        ("input", "what is typed"),
        ("key", "keys in the help"),
        ("map-land", "land on the map"),
        ("bar", "chart bars"),
    ];

    /// The style of role `name`.
    pub fn role_mut(&mut self, name: &str) -> Option<&mut Style> {
        Some(match name {
            "text" => &mut self.text,
            "dim" => &mut self.dim,
            "title" => &mut self.title,
            "border" => &mut self.border,
            "border-focused" => &mut self.border_focused,
            "selected" => &mut self.selected,
            "selected-unfocused" => &mut self.selected_unfocused,
            "matched" => &mut self.matched,
            "header" => &mut self.header,
            "label" => &mut self.label,
            "chip-on" => &mut self.chip_on,
            "chip-off" => &mut self.chip_off,
            "status" => &mut self.status,
            "error" => &mut self.error,
            "input" => &mut self.input,
            "key" => &mut self.key,
            "map-land" => &mut self.map_land,
            "bar" => &mut self.bar,
            _ => return None,
        })
    }

    /// A role's colours as a config writes them: `"cyan"`, `"white on blue"`, `"default"`.
    pub fn colours_text(style: Style) -> String {
        let name =
            |c: Option<Color>| c.map_or("default".to_string(), |c| c.to_string().to_lowercase());
        match style.bg {
            Some(bg) => format!("{} on {}", name(style.fg), name(Some(bg))),
            None => name(style.fg),
        }
    }

    /// Sets a role's colours from what a config writes (`"yellow"`, `"#ffaa00"`,
    /// `"white on blue"`); its bold, underline and the like stay.
    pub fn set_colours(style: &mut Style, text: &str) -> Result<(), String> {
        let colour = |t: &str| -> Result<Option<Color>, String> {
            let t = t.trim();
            if t.eq_ignore_ascii_case("default") {
                return Ok(None);
            }
            t.parse::<Color>().map(Some).map_err(|_| {
                format!("`{t}` is not a colour: a name (yellow, lightblue), #rrggbb or 0-255")
            })
        };
        let (fg, bg) = match text.split_once(" on ") {
            Some((fg, bg)) => (colour(fg)?, Some(colour(bg)?)),
            None => (colour(text)?, None),
        };
        style.fg = fg;
        if let Some(bg) = bg {
            style.bg = bg;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_colours_round_trip_through_their_text() {
        for preset in Theme::PRESETS {
            let mut t = Theme::preset(preset).unwrap();
            for (role, _) in Theme::ROLES {
                let style = *t.role_mut(role).unwrap();
                let text = Theme::colours_text(style);
                let mut back = Style::default();
                Theme::set_colours(&mut back, &text).unwrap();
                assert_eq!(
                    (back.fg, back.bg),
                    (style.fg, style.bg),
                    "{preset} {role}: {text}"
                );
            }
        }
        let mut s = Style::default().add_modifier(Modifier::BOLD);
        Theme::set_colours(&mut s, "#ffaa00 on black").unwrap();
        assert_eq!(s.fg, Some(Color::Rgb(0xff, 0xaa, 0)));
        assert_eq!(s.bg, Some(Color::Black));
        assert!(s.add_modifier.contains(Modifier::BOLD));
        assert!(Theme::set_colours(&mut s, "chartreuse-ish").is_err());
    }

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
