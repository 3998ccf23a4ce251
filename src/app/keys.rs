//! The keymap a person's config makes: the one table (`keymap::KEYMAP`) with some
//! bindings' keys replaced. Dispatch, the help overlay and the footers all read this one
//! value, so they agree with each other and with the config.

use std::borrow::Cow;
use std::collections::BTreeMap;

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::action::Action;
use super::keymap::{self, Binding, Command, Context, HelpLine, KEYMAP, Key, When};
use crate::prefs::pos::Pos;

/// One binding's keys as a config gives them: `[keys.SECTION] ACTION = [KEYS]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Override {
    pub section: String,
    pub action: String,
    /// Where the action's name is written.
    pub at: Pos,
    /// Each key as written, and where.
    pub keys: Vec<(String, Pos)>,
}

/// What is wrong with an override, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyError {
    pub at: Pos,
    pub message: String,
}

#[derive(Debug, Clone)]
pub struct Keymap {
    pub bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Keymap {
        Keymap {
            bindings: KEYMAP.to_vec(),
        }
    }
}

/// `OpenJump` → `open-jump`: the names the config uses, from the enums themselves so
/// that a new action or section is named without a list to keep up.
fn kebab(debug: &str) -> String {
    let mut out = String::new();
    for (i, c) in debug.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('-');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

pub fn command_name(c: Command) -> String {
    kebab(&format!("{c:?}"))
}

pub fn section_name(w: When) -> String {
    kebab(&format!("{w:?}"))
}

/// Named keys, as the config writes them.
const NAMED: &[(&str, KeyCode)] = &[
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("pageup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("enter", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("shift-tab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("insert", KeyCode::Insert),
];

/// How the config writes `key`: `q`, `ctrl-k`, `up`, `space`, `f5`.
pub fn key_name(key: Key) -> String {
    match key {
        Key::Char(' ') => "space".into(),
        Key::Char(c) => c.to_string(),
        Key::Ctrl(c) => format!("ctrl-{}", c.to_ascii_lowercase()),
        Key::Digit => "1-9".into(),
        Key::Printable => "any letter".into(),
        Key::Code(KeyCode::F(n)) => format!("f{n}"),
        Key::Code(code) => NAMED.iter().find(|(_, c)| *c == code).map_or_else(
            || format!("{code:?}").to_lowercase(),
            |(n, _)| n.to_string(),
        ),
    }
}

/// Reads a key as the config writes it.
pub fn parse_key(text: &str) -> Option<Key> {
    let mut chars = text.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return (!c.is_control()).then_some(Key::Char(c));
    }
    let lower = text.to_ascii_lowercase();
    if lower == "space" {
        return Some(Key::Char(' '));
    }
    if let Some(rest) = lower.strip_prefix("ctrl-") {
        let mut cs = rest.chars();
        return match (cs.next(), cs.next()) {
            (Some(c), None) if c.is_ascii_alphanumeric() => Some(Key::Ctrl(c)),
            _ => None,
        };
    }
    if let Some(n) = lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
        return (1..=12).contains(&n).then_some(Key::Code(KeyCode::F(n)));
    }
    NAMED
        .iter()
        .find(|(n, _)| *n == lower)
        .map(|(_, c)| Key::Code(*c))
}

/// Every key name the config knows but the single characters, for suggestions.
fn known_key_names() -> Vec<String> {
    let mut v: Vec<String> = NAMED.iter().map(|(n, _)| n.to_string()).collect();
    v.push("space".into());
    v.extend((1..=12).map(|n| format!("f{n}")));
    v.extend(('a'..='z').map(|c| format!("ctrl-{c}")));
    v
}

/// " (did you mean `x`?)" for the closest of `names` to `typed`, when one is close.
pub fn did_you_mean<'a>(typed: &str, names: impl IntoIterator<Item = &'a str>) -> String {
    let best = names
        .into_iter()
        .map(|n| (strsim::osa_distance(typed, n), n))
        .filter(|(d, n)| *d <= 2.max(n.len() / 3))
        .min_by_key(|(d, _)| *d);
    best.map_or(String::new(), |(_, n)| format!(" (did you mean `{n}`?)"))
}

/// Whether key `a` and key `b` can be the same key press.
fn overlap(a: Key, b: Key) -> bool {
    match (a, b) {
        _ if a == b => true,
        (Key::Digit, Key::Char(c)) | (Key::Char(c), Key::Digit) => ('1'..='9').contains(&c),
        (Key::Printable, Key::Char(_)) | (Key::Char(_), Key::Printable) => true,
        (Key::Printable, Key::Digit) | (Key::Digit, Key::Printable) => true,
        _ => false,
    }
}

impl Keymap {
    /// The table with the config's overrides. Every mistake is reported, each where it
    /// is written: an unknown section, action or key, a binding of an action that has
    /// no binding there, and a key two actions would share in one context.
    pub fn with_overrides(overrides: &[Override]) -> Result<Keymap, Vec<KeyError>> {
        let mut map = Keymap::default();
        let mut errors = Vec::new();
        // Which binding each override replaced, and where its keys are written.
        let mut replaced: BTreeMap<usize, Vec<Pos>> = BTreeMap::new();
        let sections: Vec<String> = keymap::SECTIONS.iter().map(|&w| section_name(w)).collect();
        for o in overrides {
            let Some(&when) = keymap::SECTIONS
                .iter()
                .find(|&&w| section_name(w) == o.section)
            else {
                errors.push(KeyError {
                    at: o.at,
                    message: format!(
                        "[keys.{}] is not a place keys apply{}; the places are {}",
                        o.section,
                        did_you_mean(&o.section, sections.iter().map(String::as_str)),
                        sections.join(", ")
                    ),
                });
                continue;
            };
            let here: Vec<String> = map
                .bindings
                .iter()
                .filter(|b| b.when == when)
                .map(|b| command_name(b.command))
                .collect();
            let Some(i) = map
                .bindings
                .iter()
                .position(|b| b.when == when && command_name(b.command) == o.action)
            else {
                let elsewhere: Vec<String> = map
                    .bindings
                    .iter()
                    .filter(|b| command_name(b.command) == o.action)
                    .map(|b| format!("[keys.{}]", section_name(b.when)))
                    .collect();
                let hint = if elsewhere.is_empty() {
                    did_you_mean(&o.action, here.iter().map(String::as_str))
                } else {
                    format!(" (it is bound in {})", elsewhere.join(", "))
                };
                errors.push(KeyError {
                    at: o.at,
                    message: format!(
                        "`{}` is not an action of [keys.{}]{hint}",
                        o.action, o.section
                    ),
                });
                continue;
            };
            if map.bindings[i]
                .keys
                .iter()
                .any(|k| matches!(k, Key::Digit | Key::Printable))
            {
                errors.push(KeyError {
                    at: o.at,
                    message: format!(
                        "`{}` is bound to {} and cannot be changed",
                        o.action,
                        key_name(map.bindings[i].keys[0])
                    ),
                });
                continue;
            }
            let mut keys = Vec::new();
            let mut ok = true;
            for (text, at) in &o.keys {
                match parse_key(text) {
                    Some(k) if !keys.contains(&k) => keys.push(k),
                    Some(_) => {}
                    None => {
                        ok = false;
                        let names = known_key_names();
                        errors.push(KeyError {
                            at: *at,
                            message: format!(
                                "`{text}` is not a key{}; keys are one character, space, \
                                 ctrl-LETTER, f1-f12, or one of {}",
                                did_you_mean(
                                    &text.to_ascii_lowercase(),
                                    names.iter().map(String::as_str)
                                ),
                                NAMED.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")
                            ),
                        });
                    }
                }
            }
            if ok {
                map.bindings[i].keys = Cow::Owned(keys);
                replaced.insert(i, o.keys.iter().map(|(_, p)| *p).collect());
            }
        }
        errors.extend(map.conflicts(&replaced));
        if errors.is_empty() {
            Ok(map)
        } else {
            errors.sort_by_key(|e| (e.at.line, e.at.col));
            Err(errors)
        }
    }

    /// Two bindings that would take one key in one context, where at least one of them
    /// was overridden (at the positions in `replaced`).
    fn conflicts(&self, replaced: &BTreeMap<usize, Vec<Pos>>) -> Vec<KeyError> {
        // Per pair of bindings and key: where it is written, and every context it clashes in.
        let mut found: Vec<Clash> = Vec::new();
        for cx in Context::ALL {
            let live: Vec<usize> = (0..self.bindings.len())
                .filter(|&i| self.bindings[i].when.applies(cx))
                .collect();
            for (n, &i) in live.iter().enumerate() {
                for &j in &live[n + 1..] {
                    if !replaced.contains_key(&i) && !replaced.contains_key(&j) {
                        continue;
                    }
                    // The shipped table's own shadowing is by design (in the theme picker
                    // Space selects and `0` clears before any other key types): a config
                    // that writes those defaults out again changes nothing.
                    let unchanged = |x: usize| {
                        keymap::KEYMAP
                            .get(x)
                            .is_some_and(|d| d.keys[..] == self.bindings[x].keys[..])
                    };
                    if unchanged(i) && unchanged(j) {
                        continue;
                    }
                    let (a, b) = (&self.bindings[i], &self.bindings[j]);
                    for (ki, &k) in a.keys.iter().enumerate() {
                        let Some(other) = b.keys.iter().find(|&&o| overlap(k, o)) else {
                            continue;
                        };
                        // Said at the overridden key: the later binding's if both were.
                        let at = replaced
                            .get(&j)
                            .and_then(|ps| {
                                b.keys
                                    .iter()
                                    .position(|o| o == other)
                                    .and_then(|x| ps.get(x))
                            })
                            .or_else(|| replaced.get(&i).and_then(|ps| ps.get(ki)))
                            .copied()
                            .unwrap_or_default();
                        let shown = if matches!(k, Key::Digit | Key::Printable) {
                            *other
                        } else {
                            k
                        };
                        let id = (i, j, key_name(shown));
                        match found.iter_mut().find(|f| f.0 == id) {
                            Some(f) => {
                                if !f.2.contains(&context_name(cx)) {
                                    f.2.push(context_name(cx));
                                }
                            }
                            None => found.push((id, at, vec![context_name(cx)])),
                        }
                    }
                }
            }
        }
        found
            .into_iter()
            .map(|((i, j, key), at, cxs)| {
                let (a, b) = (&self.bindings[i], &self.bindings[j]);
                let places = match cxs.as_slice() {
                    [one] => one.to_string(),
                    [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
                    [] => String::new(),
                };
                KeyError {
                    at,
                    message: format!(
                        "`{key}` would do two things in the {places}: {} ([keys.{}]) and {} ([keys.{}])",
                        command_name(a.command),
                        section_name(a.when),
                        command_name(b.command),
                        section_name(b.when),
                    ),
                }
            })
            .collect()
    }

    /// The action a key press means in a context, if any.
    pub fn dispatch(&self, ev: &KeyEvent, cx: Context) -> Option<Action> {
        keymap::dispatch_in(&self.bindings, ev, cx)
    }

    pub fn help_lines(&self) -> Vec<HelpLine> {
        keymap::help_lines_in(&self.bindings)
    }

    pub fn help_columns(&self, width: u16) -> Vec<Vec<HelpLine>> {
        keymap::help_columns_in(&self.bindings, width)
    }

    pub fn help_line_count(&self, size: ratatui::layout::Rect) -> usize {
        keymap::help_line_count_in(&self.bindings, size)
    }

    /// The first key of [`Keymap::keys_for`] ("Esc" of Esc/q/←/h): for a title with
    /// room for one.
    pub fn first_key_for(&self, command: Command, cx: Context) -> String {
        self.binding_for(command, cx)
            .and_then(|b| b.keys.first())
            .map_or_else(String::new, |k| k.label())
    }

    fn binding_for(&self, command: Command, cx: Context) -> Option<&keymap::Binding> {
        self.bindings
            .iter()
            .find(|b| b.command == command && b.when.applies(cx))
    }

    /// The keys of the first binding of `command` that applies in `cx`, as help writes
    /// them ("?" , "Ctrl-K"): for hints that name a key.
    pub fn keys_for(&self, command: Command, cx: Context) -> String {
        self.binding_for(command, cx).map_or_else(String::new, |b| {
            b.keys
                .iter()
                .map(|k| k.label())
                .collect::<Vec<_>>()
                .join("/")
        })
    }
}

/// Two bindings (by index) and the key they share; where it is written; the contexts.
type Clash = ((usize, usize, String), Pos, Vec<&'static str>);

fn context_name(cx: Context) -> &'static str {
    match cx {
        Context::Networks => "network list",
        Context::Detail => "detail pane",
        Context::Members => "member table",
        Context::Editing => "filter line",
        Context::Jump => "jump prompt",
        Context::Themes => "theme filter",
        Context::Card => "city card",
        Context::Country => "country view",
        Context::Compare => "comparison",
        Context::Pins => "pinned list",
        Context::Views => "saved views",
        Context::Naming => "view name prompt",
        Context::Help => "help",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyModifiers;

    fn o(section: &str, action: &str, keys: &[&str]) -> Override {
        Override {
            section: section.into(),
            action: action.into(),
            at: Pos { line: 3, col: 1 },
            keys: keys
                .iter()
                .enumerate()
                .map(|(i, k)| {
                    (
                        k.to_string(),
                        Pos {
                            line: 3,
                            col: 10 + i,
                        },
                    )
                })
                .collect(),
        }
    }

    fn press(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn key_names_round_trip() {
        for b in KEYMAP {
            for &k in b.keys.iter() {
                if matches!(k, Key::Digit | Key::Printable) {
                    continue;
                }
                assert_eq!(parse_key(&key_name(k)), Some(k), "{}", key_name(k));
            }
        }
        assert_eq!(parse_key("Ctrl-K"), Some(Key::Ctrl('k')));
        assert_eq!(parse_key("F5"), Some(Key::Code(KeyCode::F(5))));
        assert_eq!(parse_key("ctrl-"), None);
        assert_eq!(parse_key("hyper-x"), None);
    }

    #[test]
    fn the_default_table_has_no_conflict_and_one_binding_per_action_and_section() {
        let all: BTreeMap<usize, Vec<Pos>> = (0..KEYMAP.len()).map(|i| (i, vec![])).collect();
        let errs = Keymap::default().conflicts(&all);
        assert!(errs.is_empty(), "{errs:?}");
        for (i, a) in KEYMAP.iter().enumerate() {
            for b in &KEYMAP[i + 1..] {
                assert!(
                    !(a.when == b.when && a.command == b.command),
                    "{} twice in {:?}",
                    command_name(a.command),
                    a.when
                );
            }
        }
    }

    #[test]
    fn an_override_changes_dispatch_and_help() {
        let map = Keymap::with_overrides(&[o("browsing", "quit", &["Q"])]).unwrap();
        assert_eq!(
            map.dispatch(&press('Q'), Context::Networks),
            Some(Action::Quit)
        );
        assert_eq!(map.dispatch(&press('q'), Context::Networks), None);
        let help = map.help_lines();
        assert!(
            help.contains(&HelpLine::Keys("Q".into(), "quit")),
            "{help:?}"
        );
        assert!(!help.contains(&HelpLine::Keys("q".into(), "quit")));
        // And the footer, which names the keys from the same table.
        let footer = keymap::footer_in(&map.bindings, Context::Networks);
        let quit: Vec<&str> = footer
            .iter()
            .filter(|h| h.word == "quit")
            .map(|h| h.key.as_str())
            .collect();
        assert_eq!(quit, ["Q"]);
        // The default table is untouched.
        assert!(
            Keymap::default()
                .help_lines()
                .contains(&HelpLine::Keys("q".into(), "quit"))
        );
    }

    #[test]
    fn conflicts_name_both_actions_and_where() {
        let errs = Keymap::with_overrides(&[o("browsing", "quit", &["x", "j"])]).unwrap_err();
        assert!(
            errs.iter()
                .any(|e| e.message.contains("`j` would do two things")
                    && e.message.contains("quit")
                    && e.message.contains("down")
                    && e.at == Pos { line: 3, col: 11 }),
            "{errs:?}"
        );
        // A letter in a typing context would stop it being typed.
        let errs = Keymap::with_overrides(&[o("typing", "delete-word", &["w"])]).unwrap_err();
        assert!(errs[0].message.contains("input"), "{errs:?}");
    }

    #[test]
    fn unknown_names_are_errors_with_suggestions() {
        let errs = Keymap::with_overrides(&[o("browsing", "qiut", &["q"])]).unwrap_err();
        assert!(errs[0].message.contains("did you mean `quit`"), "{errs:?}");
        let errs = Keymap::with_overrides(&[o("browsng", "quit", &["q"])]).unwrap_err();
        assert!(
            errs[0].message.contains("did you mean `browsing`"),
            "{errs:?}"
        );
        let errs = Keymap::with_overrides(&[o("browsing", "quit", &["esq"])]).unwrap_err();
        assert!(errs[0].message.contains("did you mean `esc`"), "{errs:?}");
        assert_eq!(errs[0].at, Pos { line: 3, col: 10 });
        let errs = Keymap::with_overrides(&[o("browsing", "toggle-tier", &["t"])]).unwrap_err();
        assert!(errs[0].message.contains("[keys.members]"), "{errs:?}");
        let errs = Keymap::with_overrides(&[o("members", "toggle-tier", &["t"])]).unwrap_err();
        assert!(errs[0].message.contains("cannot be changed"), "{errs:?}");
    }
}
