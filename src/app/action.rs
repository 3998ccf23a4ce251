//! Everything that can happen to the app. Keys, mouse and resizes become these; only
//! `update` turns them into state changes.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    /// Ctrl-Z: hand the terminal back to the shell until `fg` (the event loop's to do).
    Suspend,
    Up,
    Down,
    PageUp,
    PageDown,
    First,
    Last,
    FocusNext,
    FocusPrev,
    /// Enter on a network: its member table, or its detail when it has no roster.
    Open,
    StartFilter,
    /// Esc: clear the filter, or step back a level.
    Back,
    ToggleHelp,
    /// Toggle the n-th tier (0-based) of the open roster.
    ToggleTier(usize),
    SortNext,
    SortReverse,
    /// Sort the member table by a column; a second time reverses it.
    SortBy(citynet_core::roster::SortColumn),
    Input(char),
    Backspace,
    /// Delete the character under the cursor (Del, Ctrl-D).
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
    /// In the theme picker: select or unselect the theme under the cursor.
    ToggleMark,
    ClearMarks,
    ToggleMap,
    /// Network sizes beside the list, or members per country beside the table.
    ToggleChart,
    /// The detail pane, scrolled to the selected network's numbered sources.
    ShowSources,
    CopySelection,
    CopyCsv,
    CopyCommand,
    /// The member table's columns: one to the left (at the left edge, back), or right.
    ScrollLeft,
    ScrollRight,
    /// The terminal loop delivered `App::clipboard` by this route.
    Copied(crate::clipboard::Route),
    /// Mark or unmark the selected network for comparison.
    Mark,
    /// Show how the marked networks' rosters overlap.
    Compare,
    /// In a prompt: the query before the one shown, from the history.
    HistoryOlder,
    HistoryNewer,
    /// Pin or unpin the selected network or city.
    Pin,
    OpenPins,
    /// Name the member table's view, to open again.
    SaveView,
    OpenViews,
    /// In the pinned list or the saved views: remove the one selected.
    Delete,
    Click {
        column: u16,
        row: u16,
    },
    Scroll {
        column: u16,
        row: u16,
        down: bool,
    },
    Resize {
        width: u16,
        height: u16,
    },
}
