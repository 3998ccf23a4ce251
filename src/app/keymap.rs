//! The one table of key bindings. Dispatch reads it to turn a key into an action, and the
//! help overlay is written from it, so the two cannot disagree.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::Action;

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// Anywhere but while typing a filter or reading help.
    Browsing,
    /// A list has focus (networks or members).
    List,
    Networks,
    Detail,
    Members,
    /// Typing into a filter line.
    Editing,
    Help,
    /// Anywhere at all.
    Always,
}

impl When {
    pub fn title(self) -> &'static str {
        match self {
            When::Always => "Anywhere",
            When::Browsing => "Browsing",
            When::List => "Lists",
            When::Networks => "Network list",
            When::Detail => "Detail pane",
            When::Members => "Member table",
            When::Editing => "Typing a filter",
            When::Help => "Help",
        }
    }
}

/// The context a key arrives in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Networks,
    Detail,
    Members,
    Editing,
    Help,
}

impl When {
    pub fn applies(self, cx: Context) -> bool {
        match self {
            When::Always => true,
            When::Browsing => matches!(cx, Context::Networks | Context::Detail | Context::Members),
            When::List => matches!(cx, Context::Networks | Context::Members),
            When::Networks => cx == Context::Networks,
            When::Detail => cx == Context::Detail,
            When::Members => cx == Context::Members,
            When::Editing => cx == Context::Editing,
            When::Help => cx == Context::Help,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Ctrl(char),
    Code(KeyCode),
    /// 1 to 9; the action receives which.
    Digit,
    /// Any printable character; the action receives it.
    Printable,
}

impl Key {
    fn matches(self, ev: &KeyEvent) -> Option<Option<char>> {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        let alt = ev.modifiers.contains(KeyModifiers::ALT);
        match (self, ev.code) {
            (Key::Ctrl(c), KeyCode::Char(k)) if ctrl && k.eq_ignore_ascii_case(&c) => Some(None),
            (Key::Char(c), KeyCode::Char(k)) if !ctrl && !alt && k == c => Some(None),
            (Key::Digit, KeyCode::Char(k @ '1'..='9')) if !ctrl && !alt => Some(Some(k)),
            (Key::Printable, KeyCode::Char(k)) if !ctrl && !alt && !k.is_control() => Some(Some(k)),
            (Key::Code(c), code) if c == code => Some(None),
            _ => None,
        }
    }

    /// How the help overlay writes the key.
    pub fn label(self) -> String {
        match self {
            Key::Char(' ') => "Space".into(),
            Key::Char(c) => c.to_string(),
            Key::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
            Key::Digit => "1-9".into(),
            Key::Printable => "any letter".into(),
            Key::Code(code) => match code {
                KeyCode::Up => "↑".into(),
                KeyCode::Down => "↓".into(),
                KeyCode::Left => "←".into(),
                KeyCode::Right => "→".into(),
                KeyCode::PageUp => "PgUp".into(),
                KeyCode::PageDown => "PgDn".into(),
                KeyCode::Home => "Home".into(),
                KeyCode::End => "End".into(),
                KeyCode::Enter => "Enter".into(),
                KeyCode::Esc => "Esc".into(),
                KeyCode::Tab => "Tab".into(),
                KeyCode::BackTab => "Shift-Tab".into(),
                KeyCode::Backspace => "Backspace".into(),
                other => format!("{other:?}"),
            },
        }
    }
}

/// Which action a binding produces; `Digit` and `Printable` keys pass their character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Quit,
    Up,
    Down,
    PageUp,
    PageDown,
    First,
    Last,
    FocusNext,
    FocusPrev,
    Open,
    StartFilter,
    Back,
    ToggleHelp,
    ToggleTier,
    SortNext,
    SortReverse,
    Input,
    Backspace,
    ClearInput,
    DeleteWord,
    AcceptInput,
    CancelInput,
}

impl Command {
    fn action(self, ch: Option<char>) -> Action {
        match self {
            Command::Quit => Action::Quit,
            Command::Up => Action::Up,
            Command::Down => Action::Down,
            Command::PageUp => Action::PageUp,
            Command::PageDown => Action::PageDown,
            Command::First => Action::First,
            Command::Last => Action::Last,
            Command::FocusNext => Action::FocusNext,
            Command::FocusPrev => Action::FocusPrev,
            Command::Open => Action::Open,
            Command::StartFilter => Action::StartFilter,
            Command::Back => Action::Back,
            Command::ToggleHelp => Action::ToggleHelp,
            Command::ToggleTier => {
                Action::ToggleTier(ch.and_then(|c| c.to_digit(10)).unwrap_or(1) as usize - 1)
            }
            Command::SortNext => Action::SortNext,
            Command::SortReverse => Action::SortReverse,
            Command::Input => Action::Input(ch.unwrap_or(' ')),
            Command::Backspace => Action::Backspace,
            Command::ClearInput => Action::ClearInput,
            Command::DeleteWord => Action::DeleteWord,
            Command::AcceptInput => Action::AcceptInput,
            Command::CancelInput => Action::CancelInput,
        }
    }
}

pub struct Binding {
    pub keys: &'static [Key],
    pub when: When,
    pub command: Command,
    pub help: &'static str,
}

use KeyCode as K;

/// Order matters: the first binding that applies wins, and help lists them in this order.
pub const KEYMAP: &[Binding] = &[
    Binding {
        keys: &[Key::Ctrl('c')],
        when: When::Always,
        command: Command::Quit,
        help: "quit",
    },
    Binding {
        keys: &[Key::Char('q')],
        when: When::Browsing,
        command: Command::Quit,
        help: "quit",
    },
    Binding {
        keys: &[Key::Char('?')],
        when: When::Browsing,
        command: Command::ToggleHelp,
        help: "show this help",
    },
    Binding {
        keys: &[Key::Code(K::Tab)],
        when: When::Browsing,
        command: Command::FocusNext,
        help: "focus the next pane",
    },
    Binding {
        keys: &[Key::Code(K::BackTab)],
        when: When::Browsing,
        command: Command::FocusPrev,
        help: "focus the previous pane",
    },
    Binding {
        keys: &[Key::Code(K::Up), Key::Char('k')],
        when: When::Browsing,
        command: Command::Up,
        help: "move up (scroll in the detail pane)",
    },
    Binding {
        keys: &[Key::Code(K::Down), Key::Char('j')],
        when: When::Browsing,
        command: Command::Down,
        help: "move down (scroll in the detail pane)",
    },
    Binding {
        keys: &[Key::Code(K::PageUp), Key::Ctrl('b')],
        when: When::Browsing,
        command: Command::PageUp,
        help: "page up",
    },
    Binding {
        keys: &[Key::Code(K::PageDown), Key::Ctrl('f'), Key::Char(' ')],
        when: When::Browsing,
        command: Command::PageDown,
        help: "page down",
    },
    Binding {
        keys: &[Key::Char('g'), Key::Code(K::Home)],
        when: When::Browsing,
        command: Command::First,
        help: "first",
    },
    Binding {
        keys: &[Key::Char('G'), Key::Code(K::End)],
        when: When::Browsing,
        command: Command::Last,
        help: "last",
    },
    Binding {
        keys: &[Key::Code(K::Enter), Key::Code(K::Right), Key::Char('l')],
        when: When::Networks,
        command: Command::Open,
        help: "open the network's member table (or its detail)",
    },
    Binding {
        keys: &[Key::Char('/')],
        when: When::List,
        command: Command::StartFilter,
        help: "filter the list (fuzzy, accents optional)",
    },
    Binding {
        keys: &[Key::Code(K::Esc), Key::Code(K::Left), Key::Char('h')],
        when: When::Browsing,
        command: Command::Back,
        help: "clear the filter, or step back",
    },
    Binding {
        keys: &[Key::Digit],
        when: When::Members,
        command: Command::ToggleTier,
        help: "toggle a tier on or off (1 Full, 2 Associate, 3 Partner)",
    },
    Binding {
        keys: &[Key::Char('s')],
        when: When::Members,
        command: Command::SortNext,
        help: "sort by the next column",
    },
    Binding {
        keys: &[Key::Char('r')],
        when: When::Members,
        command: Command::SortReverse,
        help: "reverse the sort",
    },
    Binding {
        keys: &[Key::Code(K::Enter)],
        when: When::Editing,
        command: Command::AcceptInput,
        help: "keep the filter, back to the list",
    },
    Binding {
        keys: &[Key::Code(K::Esc)],
        when: When::Editing,
        command: Command::CancelInput,
        help: "clear the filter",
    },
    Binding {
        keys: &[Key::Code(K::Backspace)],
        when: When::Editing,
        command: Command::Backspace,
        help: "delete a character",
    },
    Binding {
        keys: &[Key::Ctrl('w')],
        when: When::Editing,
        command: Command::DeleteWord,
        help: "delete a word",
    },
    Binding {
        keys: &[Key::Ctrl('u')],
        when: When::Editing,
        command: Command::ClearInput,
        help: "delete the whole filter",
    },
    Binding {
        keys: &[Key::Code(K::Up)],
        when: When::Editing,
        command: Command::Up,
        help: "move the selection while typing",
    },
    Binding {
        keys: &[Key::Code(K::Down)],
        when: When::Editing,
        command: Command::Down,
        help: "move the selection while typing",
    },
    Binding {
        keys: &[Key::Printable],
        when: When::Editing,
        command: Command::Input,
        help: "type the filter",
    },
    Binding {
        keys: &[Key::Char('?'), Key::Code(K::Esc), Key::Char('q')],
        when: When::Help,
        command: Command::ToggleHelp,
        help: "close help",
    },
    Binding {
        keys: &[Key::Code(K::Up), Key::Char('k')],
        when: When::Help,
        command: Command::Up,
        help: "scroll help",
    },
    Binding {
        keys: &[Key::Code(K::Down), Key::Char('j')],
        when: When::Help,
        command: Command::Down,
        help: "scroll help",
    },
];

/// The action a key press means in a context, if any.
pub fn dispatch(ev: &KeyEvent, cx: Context) -> Option<Action> {
    if ev.kind == KeyEventKind::Release {
        return None;
    }
    KEYMAP.iter().filter(|b| b.when.applies(cx)).find_map(|b| {
        b.keys
            .iter()
            .find_map(|k| k.matches(ev))
            .map(|ch| b.command.action(ch))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn same_key_means_different_things_by_context() {
        let q = key(KeyCode::Char('q'));
        assert_eq!(dispatch(&q, Context::Networks), Some(Action::Quit));
        assert_eq!(dispatch(&q, Context::Editing), Some(Action::Input('q')));
        assert_eq!(dispatch(&q, Context::Help), Some(Action::ToggleHelp));
        let three = key(KeyCode::Char('3'));
        assert_eq!(
            dispatch(&three, Context::Members),
            Some(Action::ToggleTier(2))
        );
        assert_eq!(dispatch(&three, Context::Networks), None);
        assert_eq!(dispatch(&three, Context::Editing), Some(Action::Input('3')));
    }

    #[test]
    fn ctrl_c_quits_everywhere() {
        let ev = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for cx in [
            Context::Networks,
            Context::Detail,
            Context::Members,
            Context::Editing,
            Context::Help,
        ] {
            assert_eq!(dispatch(&ev, cx), Some(Action::Quit), "{cx:?}");
        }
    }

    #[test]
    fn releases_are_ignored() {
        let mut ev = key(KeyCode::Char('j'));
        ev.kind = KeyEventKind::Release;
        assert_eq!(dispatch(&ev, Context::Networks), None);
    }

    #[test]
    fn no_binding_is_shadowed_entirely() {
        // Each binding must be reachable: some key of it, in some context where it applies,
        // is not taken by an earlier binding.
        let contexts = [
            Context::Networks,
            Context::Detail,
            Context::Members,
            Context::Editing,
            Context::Help,
        ];
        for (i, b) in KEYMAP.iter().enumerate() {
            let reachable = contexts.iter().any(|&cx| {
                b.when.applies(cx)
                    && b.keys.iter().any(|k| {
                        !KEYMAP[..i]
                            .iter()
                            .any(|e| e.when.applies(cx) && e.keys.contains(k))
                    })
            });
            assert!(reachable, "binding {i} ({}) can never fire", b.help);
        }
    }
}
