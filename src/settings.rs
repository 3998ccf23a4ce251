//! A person's config as the app uses it: keys through the one keymap table, the theme,
//! and what to open at start. Checked whole, every mistake reported where it is written;
//! and written out whole, with every setting at its default (`citynet config --default`),
//! from the same definitions the checks use, so the two cannot drift apart.

use std::path::{Path, PathBuf};

use citynet_core::data::Dataset;
use citynet_core::lookup::{self, Lookup};

use crate::app::Side;
use crate::app::keymap::{KEYMAP, Key, SECTIONS};
use crate::app::keys::{self, Keymap, Override};
use crate::prefs::config::{self, Loaded};
use crate::prefs::pos::FileError;
use crate::theme::Theme;

/// What the config says, checked.
#[derive(Debug, Clone)]
pub struct Settings {
    pub keys: Keymap,
    /// The theme before `NO_COLOR` has its say.
    pub theme: Theme,
    /// The network selected at start.
    pub network: Option<usize>,
    pub side: Side,
    /// ASCII-only drawing, where the config sets it (`plain`); unset, the command line
    /// and then the locale decide ([`ascii_wanted`]).
    pub plain: Option<bool>,
    /// No decorative borders, the cursor on the selection, counts on the status line.
    pub accessible: bool,
    /// The config file these came from, if there was one.
    pub file: Option<PathBuf>,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            keys: Keymap::default(),
            theme: Theme::colour(),
            network: None,
            side: Side::None,
            plain: None,
            accessible: false,
            file: None,
        }
    }
}

/// The sides a config may name.
const SIDES: [(&str, Side); 3] = [
    ("none", Side::None),
    ("map", Side::Map),
    ("countries", Side::Countries),
];

pub fn side_name(side: Side) -> &'static str {
    SIDES
        .iter()
        .find(|(_, s)| *s == side)
        .map_or("none", |(n, _)| n)
}

pub fn side_named(name: &str) -> Option<Side> {
    SIDES.iter().find(|(n, _)| *n == name).map(|(_, s)| *s)
}

/// Reads and checks the config at `path` (no file: the defaults).
pub fn load(path: Option<&Path>, data: &Dataset) -> Result<Settings, Vec<FileError>> {
    let Some(path) = path else {
        return Ok(Settings::default());
    };
    match config::read(path) {
        Ok(None) => Ok(Settings::default()),
        Ok(Some(loaded)) => check(&loaded, data),
        Err(e) => Err(vec![e]),
    }
}

/// Checks a config read: every mistake in it, in the order they are written.
pub fn check(loaded: &Loaded, data: &Dataset) -> Result<Settings, Vec<FileError>> {
    let c = &loaded.config;
    let mut errors = Vec::new();
    let mut s = Settings {
        file: Some(loaded.path.clone()),
        ..Settings::default()
    };

    if let Some(p) = &c.theme.preset {
        match Theme::preset(p.get_ref()) {
            Some(t) => s.theme = t,
            None => errors.push(loaded.error(
                p,
                format!(
                    "`{}` is not a theme preset{}; the presets are {}",
                    p.get_ref(),
                    keys::did_you_mean(p.get_ref(), Theme::PRESETS),
                    Theme::PRESETS.join(", ")
                ),
            )),
        }
    }
    for (role, colours) in &c.theme.colours {
        let Some(style) = s.theme.role_mut(role.get_ref()) else {
            let roles = Theme::ROLES.map(|(r, _)| r);
            errors.push(loaded.error(
                role,
                format!(
                    "`{}` is not a role to colour{}; the roles are {}",
                    role.get_ref(),
                    keys::did_you_mean(role.get_ref(), roles),
                    roles.join(", ")
                ),
            ));
            continue;
        };
        if let Err(m) = Theme::set_colours(style, colours.get_ref()) {
            errors.push(loaded.error(colours, m));
        }
    }

    if let Some(n) = &c.defaults.network
        && !n.get_ref().trim().is_empty()
    {
        match lookup::network(&data.networks, n.get_ref()) {
            Lookup::Found(i) => s.network = Some(i),
            Lookup::Ambiguous(is) | Lookup::Unknown(is) => {
                let near: Vec<&str> = is
                    .iter()
                    .filter_map(|&i| data.networks.get(i))
                    .map(|n| n.id.as_str())
                    .collect();
                let hint = if near.is_empty() {
                    "; `citynet list` lists them".to_string()
                } else {
                    format!("; did you mean {}?", near.join(", "))
                };
                errors
                    .push(loaded.error(n, format!("no network is called `{}`{hint}", n.get_ref())));
            }
        }
    }
    if let Some(side) = &c.defaults.side {
        match side_named(side.get_ref()) {
            Some(v) => s.side = v,
            None => errors.push(loaded.error(
                side,
                format!(
                    "`{}` is not a side pane; it is one of none, map, countries",
                    side.get_ref()
                ),
            )),
        }
    }
    s.plain = c.defaults.plain.as_ref().map(|v| *v.get_ref());
    s.accessible = c.defaults.accessible.as_ref().is_some_and(|v| *v.get_ref());

    let mut overrides = Vec::new();
    for (section, actions) in &c.keys {
        for (action, value) in actions {
            let at = loaded.pos(action);
            let keys = match value.get_ref() {
                toml::Value::String(k) => Some(vec![(k.clone(), loaded.pos(value))]),
                toml::Value::Array(items) => items
                    .iter()
                    .map(|v| v.as_str().map(|k| (k.to_string(), loaded.pos(value))))
                    .collect(),
                _ => None,
            };
            match keys {
                Some(keys) if !keys.is_empty() => overrides.push(Override {
                    section: section.get_ref().clone(),
                    action: action.get_ref().clone(),
                    at,
                    keys: keys_positions(loaded, value, keys),
                }),
                _ => errors.push(loaded.error(
                    value,
                    format!(
                        "`{}` needs a key or a list of keys, as in `{} = [\"x\", \"ctrl-x\"]`",
                        action.get_ref(),
                        action.get_ref()
                    ),
                )),
            }
        }
    }
    match Keymap::with_overrides(&overrides) {
        Ok(k) => s.keys = k,
        Err(es) => errors.extend(
            es.into_iter()
                .map(|e| FileError::new(&loaded.path, Some(e.at), e.message)),
        ),
    }

    if errors.is_empty() {
        Ok(s)
    } else {
        errors.sort_by_key(|e| e.pos.map(|p| (p.line, p.col)));
        Err(errors)
    }
}

/// Each key of an array at its own position: the array's text searched for each quoted
/// key in turn (toml gives spans for the array, not its items).
fn keys_positions(
    loaded: &Loaded,
    value: &config::At<toml::Value>,
    keys: Vec<(String, crate::prefs::pos::Pos)>,
) -> Vec<(String, crate::prefs::pos::Pos)> {
    let span = value.span();
    let Some(text) = loaded.text.get(span.clone()) else {
        return keys;
    };
    let mut from = 0;
    keys.into_iter()
        .map(|(k, at)| {
            let found = text
                .get(from..)
                .and_then(|rest| rest.find('"').or_else(|| rest.find('\'')))
                .map(|i| from + i);
            match found {
                Some(i) => {
                    // Past this key's closing quote for the next one.
                    from = text
                        .get(i + 1..)
                        .and_then(|r| r.find(['"', '\'']))
                        .map_or(text.len(), |j| i + j + 2);
                    (k, crate::prefs::pos::Pos::of(&loaded.text, span.start + i))
                }
                None => (k, at),
            }
        })
        .collect()
}

/// `["q", "ctrl-c"]`.
fn toml_keys(keys: &[Key]) -> String {
    let names: Vec<String> = keys
        .iter()
        .map(|&k| {
            format!(
                "\"{}\"",
                keys::key_name(k).replace('\\', "\\\\").replace('"', "\\\"")
            )
        })
        .collect();
    format!("[{}]", names.join(", "))
}

/// Whether to draw in ASCII only: the command line's `--ascii`/`--unicode` first, then
/// the config's `plain`, then the locale: ASCII where the locale names a character set
/// that is not UTF-8 (`C`, `POSIX`, `en_US.ISO-8859-1`). No locale at all says nothing,
/// and the terminal is taken to be UTF-8, as nearly every one is.
pub fn ascii_wanted(
    flag: Option<bool>,
    config: Option<bool>,
    env: impl Fn(&str) -> Option<String>,
) -> bool {
    flag.or(config).unwrap_or_else(|| {
        let locale = ["LC_ALL", "LC_CTYPE", "LANG"]
            .into_iter()
            .filter_map(&env)
            .find(|v| !v.is_empty());
        locale.is_some_and(|l| !is_utf8_locale(&l))
    })
}

/// `en_GB.UTF-8`, `C.utf8`, `de_DE.UTF-8@euro`: the codeset after the dot, any case, with
/// or without the hyphen.
fn is_utf8_locale(locale: &str) -> bool {
    let codeset = locale
        .split_once('.')
        .map_or("", |(_, c)| c.split('@').next().unwrap_or(""));
    let folded: String = codeset
        .chars()
        .filter(|c| *c != '-' && *c != '_')
        .flat_map(char::to_lowercase)
        .collect();
    folded == "utf8"
}

/// The whole config with every setting at its default, each explained: what
/// `citynet config --default` prints and the README's config reference shows.
pub fn default_text() -> String {
    let dark = Theme::colour();
    let mut out = String::new();
    out.push_str(&format!(
        "# citynet's config. Every setting is shown at its default (the colours as comments:\n\
         # they follow the preset); delete what you do not change, and check a change with\n\
         # `citynet config --check`.\n\
         version = {}\n\n",
        config::VERSION
    ));
    out.push_str(&format!(
        "[theme]\n\
         # The colours to start from: {}. NO_COLOR in the environment still wins.\n\
         preset = \"dark\"\n\n",
        Theme::PRESETS.join(" or ")
    ));
    out.push_str(
        "[theme.colours]\n\
         # Colours per role, over the preset: a name (yellow, lightblue), #rrggbb or 0-255,\n\
         # \"FG on BG\" for a background too, \"default\" for the terminal's. Shown: the\n\
         # dark preset's.\n",
    );
    for (role, what) in Theme::ROLES {
        let mut t = dark.clone();
        let style = t.role_mut(role).copied().unwrap_or_default();
        let line = format!("# {role} = \"{}\"", Theme::colours_text(style));
        out.push_str(&format!("{line:<44}# {what}\n"));
    }
    out.push_str(
        "\n[defaults]\n\
         # The network selected at start: its id, short name or name (\"\" for the first).\n\
         network = \"\"\n\
         # What sits beside the member table at start: none, map or countries.\n\
         side = \"none\"\n\
         # ASCII only: borders, markers and the map drawn in ASCII (as --ascii). Left\n\
         # out, a locale that is not UTF-8 chooses it (LC_ALL, LC_CTYPE, LANG).\n\
         # plain = false\n\
         # No decorative borders, the cursor on the selected row and the counts on the\n\
         # status line, for a screen reader (as --accessible).\n\
         accessible = false\n",
    );
    out.push_str(
        "\n# Keys, by where they apply and action name: a key or a list of keys. A key is one\n\
         # character, space, ctrl-LETTER, f1-f12, up, down, left, right, pageup, pagedown,\n\
         # home, end, enter, esc, tab, shift-tab, backspace, delete or insert. Two actions\n\
         # on one key where both apply is an error.\n",
    );
    for &when in SECTIONS {
        let bindings: Vec<_> = KEYMAP.iter().filter(|b| b.when == when).collect();
        if bindings.is_empty() {
            continue;
        }
        out.push_str(&format!(
            "\n[keys.{}]\n# {}\n",
            keys::section_name(when),
            when.title()
        ));
        for b in bindings {
            let name = keys::command_name(b.command);
            let line = if b
                .keys
                .iter()
                .any(|k| matches!(k, Key::Digit | Key::Printable))
            {
                format!("# {name} = {} (fixed)", keys::key_name(b.keys[0]))
            } else {
                format!("{name} = {}", toml_keys(&b.keys))
            };
            out.push_str(&format!("{line:<44}# {}\n", b.help));
        }
    }
    out
}

#[cfg(test)]
mod ascii_tests {
    use super::ascii_wanted;

    fn env(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn the_locale_decides_only_when_nothing_else_does() {
        assert!(!ascii_wanted(None, None, env(&[("LANG", "en_GB.UTF-8")])));
        assert!(!ascii_wanted(None, None, env(&[("LANG", "C.utf8")])));
        assert!(!ascii_wanted(
            None,
            None,
            env(&[("LANG", "de_DE.UTF-8@euro")])
        ));
        assert!(ascii_wanted(None, None, env(&[("LANG", "C")])));
        assert!(ascii_wanted(
            None,
            None,
            env(&[("LANG", "en_US.ISO-8859-1")])
        ));
        assert!(
            !ascii_wanted(None, None, env(&[])),
            "no locale: UTF-8 is assumed"
        );
        // LC_ALL over LC_CTYPE over LANG; an empty one does not count.
        assert!(ascii_wanted(
            None,
            None,
            env(&[("LC_ALL", "POSIX"), ("LANG", "en_GB.UTF-8")])
        ));
        assert!(!ascii_wanted(
            None,
            None,
            env(&[("LC_ALL", ""), ("LC_CTYPE", "en_GB.UTF-8"), ("LANG", "C")])
        ));
        // The config over the locale, the command line over both.
        assert!(!ascii_wanted(None, Some(false), env(&[("LANG", "C")])));
        assert!(ascii_wanted(
            None,
            Some(true),
            env(&[("LANG", "en_GB.UTF-8")])
        ));
        assert!(!ascii_wanted(
            Some(false),
            Some(true),
            env(&[("LANG", "C")])
        ));
        assert!(ascii_wanted(Some(true), Some(false), env(&[])));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::action::Action;
    use crate::app::keymap::{Context, HelpLine};
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn data() -> Dataset {
        crate::embedded::embedded().unwrap()
    }

    fn check_text(text: &str) -> Result<Settings, Vec<FileError>> {
        let loaded = config::parse(Path::new("c.toml"), text.to_string()).map_err(|e| vec![e])?;
        check(&loaded, &data())
    }

    #[test]
    fn the_default_config_is_valid_and_changes_nothing() {
        let s = check_text(&default_text()).unwrap();
        assert_eq!(s.keys.help_lines(), Keymap::default().help_lines());
        assert_eq!(s.theme, Theme::colour());
        assert_eq!(s.network, None);
        // Every binding that can change is in it.
        let text = default_text();
        for b in KEYMAP {
            assert!(
                text.contains(&format!("{} =", keys::command_name(b.command))),
                "{:?}",
                b.command
            );
        }
    }

    #[test]
    fn overrides_reach_dispatch_and_help() {
        let s = check_text("[keys.browsing]\nopen-pins = [\"ctrl-o\", \"F2\"]\n").unwrap();
        let ev = KeyEvent::new(KeyCode::Char('o'), KeyModifiers::CONTROL);
        assert_eq!(
            s.keys.dispatch(&ev, Context::Members),
            Some(Action::OpenPins)
        );
        let help = s.keys.help_lines();
        assert!(
            help.iter()
                .any(|l| matches!(l, HelpLine::Keys(k, _) if k == "Ctrl-O F2")),
            "{help:?}"
        );
    }

    #[test]
    fn a_conflict_is_reported_at_the_key_that_made_it() {
        let errs = check_text("version = 1\n[keys.networks]\nmark = [\"x\", \"t\"]\n").unwrap_err();
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert!(
            errs[0]
                .to_string()
                .starts_with("c.toml:3:14: `t` would do two things"),
            "{}",
            errs[0]
        );
    }

    #[test]
    fn every_mistake_is_reported_with_its_place() {
        let errs = check_text(
            "[theme]\npreset = \"dusk\"\n[theme.colours]\ntitel = \"red\"\nkey = \"mauve\"\n\
             [defaults]\nnetwork = \"eurocitys\"\nside = \"left\"\n[keys.members]\nquit = 3\n",
        )
        .unwrap_err();
        let lines: Vec<usize> = errs.iter().filter_map(|e| e.pos.map(|p| p.line)).collect();
        assert_eq!(lines, [2, 4, 5, 7, 8, 10], "{errs:#?}");
        assert!(
            errs[1].message.contains("did you mean `title`"),
            "{}",
            errs[1]
        );
        assert!(errs[3].message.contains("eurocities"), "{}", errs[3]);
    }

    #[test]
    fn theme_and_defaults_apply() {
        let s = check_text(
            "[theme]\npreset = \"light\"\n[theme.colours]\ntitle = \"red on white\"\n\
             [defaults]\nnetwork = \"c40\"\nside = \"map\"\naccessible = true\n",
        )
        .unwrap();
        assert_eq!(s.theme.title.fg, Some(ratatui::style::Color::Red));
        assert_eq!(s.theme.selected, Theme::light().selected);
        assert_eq!(s.side, Side::Map);
        assert!(
            s.accessible && s.plain.is_none(),
            "plain left out is left to the locale"
        );
        let d = data();
        assert_eq!(
            s.network
                .and_then(|i| d.networks.get(i))
                .map(|n| n.id.as_str()),
            Some("c40")
        );
    }
}
