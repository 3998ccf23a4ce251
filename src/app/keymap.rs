//! The one table of key bindings. Dispatch reads it to turn a key into an action, and the
//! help overlay is written from it, so the two cannot disagree.

use std::borrow::Cow;

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
    /// The jump-anywhere prompt.
    Jump,
    /// Typing into a filter line or the jump prompt.
    Typing,
    /// The theme picker.
    Themes,
    /// A city's card.
    Card,
    /// One country across every member list.
    Country,
    /// The comparison of the marked networks, focused.
    Compare,
    /// The pinned list (P).
    Pins,
    /// The saved views (v).
    Views,
    /// Typing a name for the view (V).
    Naming,
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
            When::Jump => "Jump anywhere (Ctrl-K or :)",
            When::Typing => "Typing a filter or a jump",
            When::Themes => "Theme picker (t)",
            When::Card => "City card",
            When::Country => "Country view (jump to a country)",
            When::Compare => "Comparison (C)",
            When::Pins => "Pinned (P)",
            When::Views => "Saved views (v)",
            When::Naming => "Naming a view (V)",
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
    Jump,
    Themes,
    Card,
    Country,
    Compare,
    Pins,
    Views,
    Naming,
    Help,
}

impl Context {
    pub const ALL: [Context; 13] = [
        Context::Networks,
        Context::Detail,
        Context::Members,
        Context::Editing,
        Context::Jump,
        Context::Themes,
        Context::Card,
        Context::Country,
        Context::Compare,
        Context::Pins,
        Context::Views,
        Context::Naming,
        Context::Help,
    ];
}

impl When {
    pub fn applies(self, cx: Context) -> bool {
        match self {
            When::Always => true,
            When::Browsing => matches!(
                cx,
                Context::Networks | Context::Detail | Context::Members | Context::Compare
            ),
            When::List => matches!(cx, Context::Networks | Context::Members),
            When::Networks => cx == Context::Networks,
            When::Detail => cx == Context::Detail,
            When::Members => cx == Context::Members,
            When::Editing => cx == Context::Editing,
            When::Jump => cx == Context::Jump,
            When::Typing => matches!(cx, Context::Editing | Context::Jump | Context::Naming),
            When::Themes => cx == Context::Themes,
            When::Card => cx == Context::Card,
            When::Country => cx == Context::Country,
            When::Compare => cx == Context::Compare,
            When::Pins => cx == Context::Pins,
            When::Views => cx == Context::Views,
            When::Naming => cx == Context::Naming,
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
    pub(crate) fn matches(self, ev: &KeyEvent) -> Option<Option<char>> {
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
                KeyCode::Delete => "Del".into(),
                KeyCode::F(n) => format!("F{n}"),
                other => format!("{other:?}"),
            },
        }
    }
}

/// Which action a binding produces; `Digit` and `Printable` keys pass their character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Quit,
    Suspend,
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
    DeleteForward,
    CursorLeft,
    CursorRight,
    CursorHome,
    CursorEnd,
    ClearInput,
    DeleteWord,
    AcceptInput,
    CancelInput,
    OpenJump,
    OpenThemes,
    ToggleMark,
    ClearMarks,
    ToggleMap,
    ToggleChart,
    ShowSources,
    CopySelection,
    CopyCsv,
    CopyCommand,
    ScrollLeft,
    ScrollRight,
    Mark,
    Compare,
    HistoryOlder,
    HistoryNewer,
    Pin,
    OpenPins,
    SaveView,
    OpenViews,
    Delete,
}

impl Command {
    pub(crate) fn action(self, ch: Option<char>) -> Action {
        match self {
            Command::Quit => Action::Quit,
            Command::Suspend => Action::Suspend,
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
            Command::DeleteForward => Action::DeleteForward,
            Command::CursorLeft => Action::CursorLeft,
            Command::CursorRight => Action::CursorRight,
            Command::CursorHome => Action::CursorHome,
            Command::CursorEnd => Action::CursorEnd,
            Command::ClearInput => Action::ClearInput,
            Command::DeleteWord => Action::DeleteWord,
            Command::AcceptInput => Action::AcceptInput,
            Command::CancelInput => Action::CancelInput,
            Command::OpenJump => Action::OpenJump,
            Command::OpenThemes => Action::OpenThemes,
            Command::ToggleMark => Action::ToggleMark,
            Command::ClearMarks => Action::ClearMarks,
            Command::ToggleMap => Action::ToggleMap,
            Command::ToggleChart => Action::ToggleChart,
            Command::ShowSources => Action::ShowSources,
            Command::CopySelection => Action::CopySelection,
            Command::CopyCsv => Action::CopyCsv,
            Command::CopyCommand => Action::CopyCommand,
            Command::ScrollLeft => Action::ScrollLeft,
            Command::ScrollRight => Action::ScrollRight,
            Command::Mark => Action::Mark,
            Command::Compare => Action::Compare,
            Command::HistoryOlder => Action::HistoryOlder,
            Command::HistoryNewer => Action::HistoryNewer,
            Command::Pin => Action::Pin,
            Command::OpenPins => Action::OpenPins,
            Command::SaveView => Action::SaveView,
            Command::OpenViews => Action::OpenViews,
            Command::Delete => Action::Delete,
        }
    }
}

/// The keys are borrowed from the table or, where the config overrides them, owned
/// (`app::keys::Keymap`).
#[derive(Debug, Clone)]
pub struct Binding {
    pub keys: Cow<'static, [Key]>,
    pub when: When,
    pub command: Command,
    pub help: &'static str,
}

use KeyCode as K;

const fn bind(keys: &'static [Key], when: When, command: Command, help: &'static str) -> Binding {
    Binding {
        keys: Cow::Borrowed(keys),
        when,
        command,
        help,
    }
}

use Command as C;
use When as W;

/// Order matters: the first binding that applies wins, and help lists them in this order.
#[rustfmt::skip]
pub const KEYMAP: &[Binding] = &[
    bind(&[Key::Ctrl('c')], W::Always, C::Quit, "quit"),
    bind(&[Key::Ctrl('z')], W::Always, C::Suspend, "suspend to the shell (fg resumes)"),
    bind(&[Key::Char('q')], W::Browsing, C::Quit, "quit"),
    bind(&[Key::Char('?')], W::Browsing, C::ToggleHelp, "show this help"),
    bind(&[Key::Code(K::F(1))], W::Always, C::ToggleHelp, "show or close help, even while typing"),
    bind(&[Key::Code(K::Tab)], W::Browsing, C::FocusNext, "focus the next pane"),
    bind(&[Key::Code(K::BackTab)], W::Browsing, C::FocusPrev, "focus the previous pane"),
    bind(&[Key::Code(K::Up), Key::Char('k')], W::Browsing, C::Up, "move up (scroll in the detail pane)"),
    bind(&[Key::Code(K::Down), Key::Char('j')], W::Browsing, C::Down, "move down (scroll in the detail pane)"),
    bind(&[Key::Code(K::PageUp), Key::Ctrl('b')], W::Browsing, C::PageUp, "page up"),
    bind(&[Key::Code(K::PageDown), Key::Ctrl('f')], W::Browsing, C::PageDown, "page down"),
    bind(&[Key::Char('g'), Key::Code(K::Home)], W::Browsing, C::First, "first"),
    bind(&[Key::Char('G'), Key::Code(K::End)], W::Browsing, C::Last, "last"),
    bind(&[Key::Char('H'), Key::Code(K::Left)], W::Members, C::ScrollLeft, "columns to the left (City stays); at the left edge, back"),
    bind(&[Key::Char('L'), Key::Code(K::Right)], W::Members, C::ScrollRight, "columns to the right, when some are hidden"),
    bind(&[Key::Code(K::Esc), Key::Code(K::Left), Key::Char('h')], W::Browsing, C::Back, "clear the filter, or step back"),
    bind(&[Key::Ctrl('k'), Key::Char(':')], W::Browsing, C::OpenJump, "jump to a network, city, country, theme"),
    bind(&[Key::Char('y')], W::Browsing, C::CopySelection, "copy the selected network or member"),
    bind(&[Key::Code(K::Enter), Key::Code(K::Right), Key::Char('l')], W::Networks, C::Open, "open the member table (or the detail)"),
    bind(&[Key::Char('t')], W::Networks, C::OpenThemes, "filter networks by theme"),
    bind(&[Key::Char('b')], W::Networks, C::ToggleChart, "chart of network sizes (log scale)"),
    bind(&[Key::Char('S')], W::Networks, C::ShowSources, "the selected network's numbered sources"),
    bind(&[Key::Char('x')], W::Networks, C::Mark, "mark the network for comparison"),
    bind(&[Key::Char('C')], W::Networks, C::Compare, "compare the marked networks' members"),
    bind(&[Key::Char('p')], W::Browsing, C::Pin, "pin or unpin the selected network or member's city"),
    bind(&[Key::Char('P')], W::Browsing, C::OpenPins, "your pinned cities and networks"),
    bind(&[Key::Char('V')], W::Browsing, C::SaveView, "save the member table's view under a name"),
    bind(&[Key::Char('v')], W::Browsing, C::OpenViews, "open a saved view"),
    bind(&[Key::Char('/')], W::List, C::StartFilter, "filter the list (fuzzy, any accents)"),
    bind(&[Key::Code(K::Enter)], W::Compare, C::Open, "the selected city's card"),
    bind(&[Key::Digit], W::Members, C::ToggleTier, "switch tier 1, 2, 3… on or off"),
    bind(&[Key::Char('s')], W::Networks, C::SortNext, "sort by name, size or founding year"),
    bind(&[Key::Char('r')], W::Networks, C::SortReverse, "reverse the order"),
    bind(&[Key::Char('s')], W::Members, C::SortNext, "sort by the next column"),
    bind(&[Key::Char('r')], W::Members, C::SortReverse, "reverse the sort"),
    bind(&[Key::Char('m')], W::Members, C::ToggleMap, "show or hide the map of the rows shown"),
    bind(&[Key::Char('b')], W::Members, C::ToggleChart, "show or hide members per country"),
    bind(&[Key::Char('Y')], W::Members, C::CopyCsv, "copy the rows shown as CSV"),
    bind(&[Key::Char('c')], W::Members, C::CopyCommand, "copy the command that prints this view"),
    bind(&[Key::Code(K::Enter)], W::Members, C::Open, "open the city's card: all its networks"),
    bind(&[Key::Code(K::Enter)], W::Editing, C::AcceptInput, "keep the filter, back to the list"),
    bind(&[Key::Code(K::Esc)], W::Editing, C::CancelInput, "clear the filter"),
    bind(&[Key::Code(K::Enter)], W::Jump, C::AcceptInput, "go to the selected result"),
    bind(&[Key::Code(K::Esc)], W::Jump, C::CancelInput, "close the prompt"),
    bind(&[Key::Code(K::Backspace)], W::Typing, C::Backspace, "delete the character before the cursor"),
    bind(&[Key::Code(K::Delete), Key::Ctrl('d')], W::Typing, C::DeleteForward, "delete the character under the cursor"),
    bind(&[Key::Ctrl('w')], W::Typing, C::DeleteWord, "delete the word before the cursor"),
    bind(&[Key::Ctrl('u')], W::Typing, C::ClearInput, "delete everything typed"),
    bind(&[Key::Code(K::Left)], W::Typing, C::CursorLeft, "move the cursor left"),
    bind(&[Key::Code(K::Right)], W::Typing, C::CursorRight, "move the cursor right"),
    bind(&[Key::Code(K::Home), Key::Ctrl('a')], W::Typing, C::CursorHome, "cursor to the start"),
    bind(&[Key::Code(K::End), Key::Ctrl('e')], W::Typing, C::CursorEnd, "cursor to the end"),
    // As fzf with --history: Ctrl-P/Ctrl-N walk the history, Ctrl-K/Ctrl-J and the
    // arrows move the selection.
    bind(&[Key::Ctrl('p')], W::Typing, C::HistoryOlder, "an older query from the history"),
    bind(&[Key::Ctrl('n')], W::Typing, C::HistoryNewer, "a newer query from the history"),
    bind(&[Key::Code(K::Up), Key::Ctrl('k')], W::Typing, C::Up, "move the selection (empty prompt: older query)"),
    bind(&[Key::Code(K::Down), Key::Ctrl('j')], W::Typing, C::Down, "move the selection while typing"),
    bind(&[Key::Printable], W::Typing, C::Input, "type"),
    bind(&[Key::Code(K::Up), Key::Ctrl('p'), Key::Ctrl('k')], W::Themes, C::Up, "move"),
    bind(&[Key::Code(K::Down), Key::Ctrl('n'), Key::Ctrl('j')], W::Themes, C::Down, "move"),
    bind(&[Key::Char(' '), Key::Code(K::Tab)], W::Themes, C::ToggleMark, "select or unselect the theme"),
    bind(&[Key::Char('0')], W::Themes, C::ClearMarks, "unselect every theme (show all)"),
    bind(&[Key::Code(K::Enter)], W::Themes, C::AcceptInput, "apply the themes selected"),
    bind(&[Key::Code(K::Esc)], W::Themes, C::CancelInput, "cancel: the themes as they were"),
    bind(&[Key::Code(K::Backspace)], W::Themes, C::Backspace, "delete a character typed"),
    bind(&[Key::Ctrl('u')], W::Themes, C::ClearInput, "delete everything typed"),
    bind(&[Key::Printable], W::Themes, C::Input, "type to narrow the list"),
    bind(&[Key::Code(K::Up), Key::Char('k'), Key::Ctrl('p')], W::Card, C::Up, "move"),
    bind(&[Key::Code(K::Down), Key::Char('j'), Key::Ctrl('n')], W::Card, C::Down, "move"),
    bind(&[Key::Code(K::Enter)], W::Card, C::Open, "open that roster at this city"),
    bind(&[Key::Char('y')], W::Card, C::CopySelection, "copy the card as text"),
    bind(&[Key::Char('?')], W::Card, C::ToggleHelp, "show this help (Esc comes back to the card)"),
    bind(&[Key::Char('p')], W::Card, C::Pin, "pin or unpin the city"),
    bind(&[Key::Char('P')], W::Card, C::OpenPins, "your pinned cities and networks"),
    bind(&[Key::Code(K::Esc), Key::Char('q'), Key::Code(K::Left), Key::Char('h')], W::Card, C::Back, "close the card"),
    bind(&[Key::Code(K::Up), Key::Char('k'), Key::Ctrl('p')], W::Country, C::Up, "move"),
    bind(&[Key::Code(K::Down), Key::Char('j'), Key::Ctrl('n')], W::Country, C::Down, "move"),
    bind(&[Key::Code(K::PageUp), Key::Ctrl('b')], W::Country, C::PageUp, "a page up"),
    bind(&[Key::Code(K::PageDown), Key::Ctrl('f'), Key::Char(' ')], W::Country, C::PageDown, "a page down"),
    bind(&[Key::Char('g'), Key::Code(K::Home)], W::Country, C::First, "the first line"),
    bind(&[Key::Char('G'), Key::Code(K::End)], W::Country, C::Last, "the last line"),
    bind(&[Key::Code(K::Tab)], W::Country, C::FocusNext, "the next network's members"),
    bind(&[Key::Code(K::BackTab)], W::Country, C::FocusPrev, "the previous network's members"),
    bind(&[Key::Code(K::Enter)], W::Country, C::Open, "open the roster there (Esc comes back)"),
    bind(&[Key::Char('y')], W::Country, C::CopySelection, "copy the view as text"),
    bind(&[Key::Char('?')], W::Country, C::ToggleHelp, "show this help (Esc comes back)"),
    bind(&[Key::Char('P')], W::Country, C::OpenPins, "your pinned cities and networks"),
    bind(&[Key::Code(K::Esc), Key::Char('q'), Key::Code(K::Left), Key::Char('h')], W::Country, C::Back, "close the view"),
    bind(&[Key::Code(K::Up), Key::Char('k')], W::Pins, C::Up, "move"),
    bind(&[Key::Code(K::Down), Key::Char('j')], W::Pins, C::Down, "move"),
    bind(&[Key::Code(K::Enter)], W::Pins, C::Open, "go to the pinned city or network"),
    bind(&[Key::Char('d'), Key::Char('p')], W::Pins, C::Delete, "unpin"),
    bind(&[Key::Char('y')], W::Pins, C::CopySelection, "copy the pins as a Markdown brief"),
    bind(&[Key::Code(K::Esc), Key::Char('q'), Key::Char('P')], W::Pins, C::Back, "close the pinned list"),
    bind(&[Key::Code(K::Up), Key::Char('k')], W::Views, C::Up, "move"),
    bind(&[Key::Code(K::Down), Key::Char('j')], W::Views, C::Down, "move"),
    bind(&[Key::Code(K::Enter)], W::Views, C::Open, "open the view"),
    bind(&[Key::Char('d')], W::Views, C::Delete, "delete the saved view"),
    bind(&[Key::Code(K::Esc), Key::Char('q'), Key::Char('v')], W::Views, C::Back, "close the saved views"),
    bind(&[Key::Code(K::Enter)], W::Naming, C::AcceptInput, "save the view under this name"),
    bind(&[Key::Code(K::Esc)], W::Naming, C::CancelInput, "do not save"),
    bind(&[Key::Char('?'), Key::Code(K::Esc), Key::Char('q')], W::Help, C::ToggleHelp, "close help"),
    bind(&[Key::Code(K::Up), Key::Char('k')], W::Help, C::Up, "scroll help"),
    bind(&[Key::Code(K::Down), Key::Char('j')], W::Help, C::Down, "scroll help"),
    bind(&[Key::Code(K::PageDown), Key::Ctrl('f'), Key::Char(' ')], W::Help, C::PageDown, "a page down"),
    bind(&[Key::Code(K::PageUp), Key::Ctrl('b')], W::Help, C::PageUp, "a page up"),
    bind(&[Key::Char('g'), Key::Code(K::Home)], W::Help, C::First, "the top"),
    bind(&[Key::Char('G'), Key::Code(K::End)], W::Help, C::Last, "the end"),
];

/// Mouse actions are not keys, so they are listed here beside the table.
pub const MOUSE: &[(&str, &str)] = &[
    ("click", "select a row and focus its pane"),
    ("click a header", "sort by that column (again: reverse)"),
    ("click a chip", "toggle that tier"),
    ("wheel", "scroll the pane under the pointer"),
];

/// What the marks on screen mean, for help's last section.
pub const SYMBOLS: &[(&str, &str)] = &[
    ("▦", "the network has a member list to open"),
    ("✓", "the network is marked for comparison (x)"),
    ("~100", "about 100, as the network states it"),
    (">2,000", "more than 2,000, as the network states it"),
    ("100s", "hundreds, as the network states it"),
    ("● ○", "a tier chip switched on or off (1-9)"),
    ("▲ ▼", "the column the table is sorted by, and which way"),
    ("▶", "the selected row"),
];

/// Help's section for a context: where it opens, and the section marked "here".
pub fn section_of(cx: Context) -> When {
    match cx {
        Context::Networks => When::Networks,
        Context::Detail => When::Browsing,
        Context::Compare => When::Compare,
        Context::Members => When::Members,
        Context::Editing => When::Editing,
        Context::Jump => When::Jump,
        Context::Themes => When::Themes,
        Context::Card => When::Card,
        Context::Country => When::Country,
        Context::Pins => When::Pins,
        Context::Views => When::Views,
        Context::Naming => When::Naming,
        Context::Help => When::Help,
    }
}

/// The line help opens at from `cx` on a screen of `size`: the top when its section's
/// title is on the first page, else that title (in the column that holds it).
pub fn help_start(cx: Context, size: ratatui::layout::Rect) -> usize {
    let title = section_of(cx).title();
    let inner = crate::layout::inner(crate::layout::help_area(size));
    let at = help_columns(inner.width)
        .iter()
        .find_map(|col| col.iter().position(|l| *l == HelpLine::Section(title)))
        .unwrap_or(0);
    if at < usize::from(inner.height) {
        0
    } else {
        at
    }
}

/// The order help lists the bindings in, by where they apply.
pub const SECTIONS: &[When] = &[
    When::Always,
    When::Browsing,
    When::Networks,
    When::Compare,
    When::List,
    When::Members,
    When::Editing,
    When::Jump,
    When::Typing,
    When::Themes,
    When::Card,
    When::Country,
    When::Pins,
    When::Views,
    When::Naming,
    When::Help,
];

/// One line of the help overlay, before it is styled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    Blank,
    /// Where the bindings below apply.
    Section(&'static str),
    /// The keys, as written, and what they do.
    Keys(String, &'static str),
}

/// The help text, one entry per binding, grouped by where it applies, then the mouse.
pub fn help_lines() -> Vec<HelpLine> {
    help_lines_in(KEYMAP)
}

/// [`help_lines`] for a keymap the config changed.
pub fn help_lines_in(map: &[Binding]) -> Vec<HelpLine> {
    let mut out = Vec::new();
    for &when in SECTIONS {
        let bindings: Vec<_> = map.iter().filter(|b| b.when == when).collect();
        if bindings.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(HelpLine::Blank);
        }
        out.push(HelpLine::Section(when.title()));
        for b in bindings {
            let keys = b.keys.iter().map(|k| k.label()).collect::<Vec<_>>();
            out.push(HelpLine::Keys(keys.join(" "), b.help));
        }
    }
    out.push(HelpLine::Blank);
    out.push(HelpLine::Section("Mouse"));
    for (what, does) in MOUSE {
        out.push(HelpLine::Keys(what.to_string(), does));
    }
    out.push(HelpLine::Blank);
    out.push(HelpLine::Section("Symbols"));
    for (mark, means) in SYMBOLS {
        out.push(HelpLine::Keys(mark.to_string(), means));
    }
    out
}

/// From this inner width the help overlay shows two columns.
const TWO_COLUMNS: u16 = 110;

/// The help split into columns for an overlay `width` wide inside: at a section boundary
/// near the middle when there is room for two.
pub fn help_columns(width: u16) -> Vec<Vec<HelpLine>> {
    help_columns_in(KEYMAP, width)
}

/// [`help_columns`] for a keymap the config changed.
pub fn help_columns_in(map: &[Binding], width: u16) -> Vec<Vec<HelpLine>> {
    let all = help_lines_in(map);
    if width < TWO_COLUMNS {
        return vec![all];
    }
    // The section boundary (blank line) that makes the longer column shortest.
    let cut = (0..all.len())
        .filter(|&i| all[i] == HelpLine::Blank)
        .min_by_key(|&i| i.max(all.len() - i - 1))
        .unwrap_or(all.len().div_ceil(2));
    let mut left = all;
    let mut right = left.split_off(cut);
    while right.first() == Some(&HelpLine::Blank) {
        right.remove(0);
    }
    vec![left, right]
}

/// Lines to scroll through in help on a screen of `size`: its longest column.
pub fn help_line_count(size: ratatui::layout::Rect) -> usize {
    help_line_count_in(KEYMAP, size)
}

/// [`help_line_count`] for a keymap the config changed.
pub fn help_line_count_in(map: &[Binding], size: ratatui::layout::Rect) -> usize {
    let inner = crate::layout::inner(crate::layout::help_area(size));
    help_columns_in(map, inner.width)
        .iter()
        .map(Vec::len)
        .max()
        .unwrap_or(0)
}

/// One entry of the footer: a key as written and what it does, in a word or two.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    pub key: String,
    pub word: &'static str,
}

/// The footer's words for a binding and how much they matter (0 first); `None` keeps it
/// out of the footer (moving, typing: what anyone tries first needs no hint).
fn footer_word(command: Command, when: When, cx: Context) -> Option<(u8, &'static str)> {
    use Command as C;
    Some(match (command, when) {
        // At the top of the list, Esc only clears a filter.
        (C::Back, W::Browsing) if cx == Context::Networks => (8, "clear"),
        (C::Open, W::Networks) => (0, "open"),
        (C::Open, W::Members) => (3, "card"),
        (C::Open, W::Card) => (0, "open list"),
        (C::Open, W::Compare) => (0, "card"),
        (C::AcceptInput, W::Editing) => (0, "keep"),
        (C::AcceptInput, W::Jump) => (0, "go"),
        (C::AcceptInput, W::Themes) => (0, "apply"),
        (C::CancelInput, W::Editing) => (1, "clear"),
        (C::CancelInput, W::Jump) => (1, "close"),
        (C::CancelInput, W::Themes) => (1, "cancel"),
        (C::Back, W::Card) => (1, "close"),
        (C::Open, W::Country) => (0, "open list"),
        (C::Back, W::Country) => (1, "close"),
        (C::FocusNext, W::Country) => (2, "next list"),
        (C::Back, _) => (2, "back"),
        (C::ToggleMark, _) => (0, "select"),
        (C::ClearMarks, _) => (2, "none"),
        (C::StartFilter, _) => (1, "filter"),
        (C::ToggleTier, _) => (1, "tiers"),
        (C::OpenJump, _) => (3, "jump"),
        (C::SortNext, _) => (4, "sort"),
        (C::CopySelection, _) => (4, "copy"),
        (C::OpenThemes, _) => (5, "themes"),
        (C::ToggleMap, _) => (5, "map"),
        (C::ToggleChart, W::Networks) => (6, "sizes"),
        (C::ToggleChart, _) => (5, "chart"),
        (C::Mark, _) => (5, "mark"),
        (C::Compare, _) => (6, "compare"),
        (C::CopyCsv, _) => (6, "CSV"),
        (C::CopyCommand, _) => (6, "command"),
        (C::ScrollRight, _) => (7, "columns"),
        (C::PageDown, W::Help) => (1, "page"),
        (C::ShowSources, _) => (7, "sources"),
        (C::Pin, _) => (5, "pin"),
        (C::OpenPins, _) => (7, "pins"),
        (C::OpenViews, _) => (8, "views"),
        (C::SaveView, _) => (8, "save view"),
        (C::Delete, _) => (2, "delete"),
        (C::SortReverse, _) => (7, "reverse"),
        (C::FocusNext, _) => (8, "pane"),
        (C::ClearInput, _) => (8, "clear all"),
        (C::Quit, W::Browsing) => (9, "quit"),
        _ => return None,
    })
}

/// The keys of binding `at` that reach it in `cx`: not taken by an earlier binding.
fn live_keys(map: &[Binding], at: usize, cx: Context) -> impl Iterator<Item = Key> + '_ {
    map[at].keys.iter().copied().filter(move |k| {
        !map[..at]
            .iter()
            .any(|e| e.when.applies(cx) && e.keys.contains(k))
    })
}

/// How the footer writes a binding's keys: its first live key, but a plain character
/// rather than a Ctrl combination (`:` rather than Ctrl-K).
fn footer_key(map: &[Binding], at: usize, cx: Context) -> Option<String> {
    let keys: Vec<Key> = live_keys(map, at, cx).collect();
    let first = *keys.first()?;
    let key = match first {
        Key::Ctrl(_) => keys
            .iter()
            .copied()
            .find(|k| matches!(k, Key::Char(_)))
            .unwrap_or(first),
        k => k,
    };
    Some(key.label())
}

/// The keys that work in `cx`, most useful first, from the keymap table: what the footer
/// shows as far as it fits. Help's own key is [`help_hint`], which always stays.
pub fn footer(cx: Context) -> Vec<Hint> {
    footer_in(KEYMAP, cx)
}

/// [`footer`] for a keymap the config changed: the footer names the keys that work.
pub fn footer_in(map: &[Binding], cx: Context) -> Vec<Hint> {
    let mut hints: Vec<(u8, usize, Hint)> = Vec::new();
    for (at, b) in map.iter().enumerate() {
        if !b.when.applies(cx) {
            continue;
        }
        let Some((rank, word)) = footer_word(b.command, b.when, cx) else {
            continue;
        };
        let Some(key) = footer_key(map, at, cx) else {
            continue;
        };
        if hints.iter().any(|(_, _, h)| h.word == word) {
            continue;
        }
        hints.push((rank, at, Hint { key, word }));
    }
    hints.sort_by_key(|(rank, at, _)| (*rank, *at));
    hints.into_iter().map(|(_, _, h)| h).collect()
}

/// The key that opens (or, in help, closes) help in `cx`: `?`, or F1 where `?` is typed.
pub fn help_hint(cx: Context) -> Hint {
    help_hint_in(KEYMAP, cx)
}

/// [`help_hint`] for a keymap the config changed.
pub fn help_hint_in(map: &[Binding], cx: Context) -> Hint {
    // The context's own binding before the one that works everywhere (F1).
    let reaches = |at: usize| {
        let b = &map[at];
        b.command == Command::ToggleHelp
            && b.when.applies(cx)
            && live_keys(map, at, cx).next().is_some()
    };
    let at = (0..map.len())
        .find(|&at| reaches(at) && map[at].when != When::Always)
        .or_else(|| (0..map.len()).find(|&at| reaches(at)))
        .unwrap_or(0);
    let key = live_keys(map, at, cx)
        .next()
        .map_or_else(|| "F1".to_string(), Key::label);
    let word = if cx == Context::Help { "close" } else { "help" };
    Hint { key, word }
}

/// The action a key press means in a context, if any.
pub fn dispatch(ev: &KeyEvent, cx: Context) -> Option<Action> {
    dispatch_in(KEYMAP, ev, cx)
}

/// [`dispatch`] in a keymap the config changed.
pub fn dispatch_in(map: &[Binding], ev: &KeyEvent, cx: Context) -> Option<Action> {
    if ev.kind == KeyEventKind::Release {
        return None;
    }
    map.iter().filter(|b| b.when.applies(cx)).find_map(|b| {
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
        for cx in Context::ALL {
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
        let contexts = Context::ALL;
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
