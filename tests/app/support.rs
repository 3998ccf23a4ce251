//! What the app's tests share: an app on the embedded dataset, typing, opening a network's
//! member table, and reading the rows it shows.

use citynet::app::{Action, App, update};
use citynet::embedded::embedded;
use citynet::theme::Theme;
use ratatui::layout::Rect;

pub fn app(width: u16, height: u16) -> App {
    App::new(
        embedded().expect("embedded dataset loads"),
        Theme::mono(),
        Rect::new(0, 0, width, height),
    )
}

pub fn type_text(app: &mut App, s: &str) {
    for c in s.chars() {
        update(app, Action::Input(c));
    }
}

pub fn selected_id(app: &App) -> String {
    let i = app.selected_network().expect("a network is selected");
    app.data.networks[i].id.clone()
}

/// Selects network `id` in the list and opens it.
pub fn open(app: &mut App, id: &str) {
    update(app, Action::First);
    while selected_id(app) != id {
        let before = app.networks.selected;
        update(app, Action::Down);
        assert_ne!(before, app.networks.selected, "{id} not in the list");
    }
    update(app, Action::Open);
}

/// The names of the rows the member table shows, in order.
pub fn shown_names(app: &App) -> Vec<String> {
    let (t, _, r, _) = app.open_roster().expect("a roster is open");
    t.search
        .members()
        .into_iter()
        .map(|m| r.members[m as usize].name.to_string())
        .collect()
}

/// The app drawn into a test terminal of its size.
pub fn draw(app: &App) -> ratatui::buffer::Buffer {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(
        app.size.width,
        app.size.height,
    ))
    .expect("test backend");
    terminal
        .draw(|f| citynet::ui::view(f, app))
        .expect("drawing into a test backend");
    terminal.backend().buffer().clone()
}

/// A buffer as text, one line per row, wide characters once, trailing spaces off.
pub fn screen(buf: &ratatui::buffer::Buffer) -> String {
    let area = buf.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            line.push_str(sym);
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
