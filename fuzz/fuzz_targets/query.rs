//! Arbitrary text typed into the filters and the jump prompt: the query language
//! (`'exact ^prefix suffix$ !not field:value a|b`), accent folding and the highlight
//! positions mapped back onto the original names must never panic.
//!
//! One app on the embedded dataset, built once; each input is typed, character by
//! character, into the network filter, the open member table's filter and the jump prompt,
//! and the screen is drawn after each, so the matched positions are used as the view uses them.

#![no_main]

use std::cell::RefCell;

use citynet::app::{Action, App, Focus, update};
use citynet::embedded::embedded;
use citynet::theme::Theme;
use libfuzzer_sys::fuzz_target;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

thread_local! {
    static STATE: RefCell<(App, Terminal<TestBackend>)> = RefCell::new({
        let data = embedded().expect("the embedded dataset loads");
        let mut app = App::new(data, Theme::mono(), Rect::new(0, 0, 120, 30));
        // Open the first network with a member list.
        let with_roster = app
            .networks
            .rows
            .iter()
            .position(|r| app.data.networks[r.network].roster.is_some())
            .expect("a roster");
        for _ in 0..with_roster {
            update(&mut app, Action::Down);
        }
        update(&mut app, Action::Open);
        let term = Terminal::new(TestBackend::new(120, 30)).expect("terminal");
        (app, term)
    });
}

fn type_in(app: &mut App, term: &mut Terminal<TestBackend>, text: &str) {
    for c in text.chars().take(24) {
        update(app, Action::Input(c));
    }
    let _ = term.draw(|f| citynet::ui::view(f, app));
    let _ = citynet::ui::status_text(app);
}

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    // Only what a key press can type: the keymap takes printable characters.
    let text: String = text.chars().filter(|c| !c.is_control()).collect();
    STATE.with_borrow_mut(|(app, term)| {
        // The member table's filter.
        app.focus = Focus::Members;
        update(app, Action::StartFilter);
        type_in(app, term, &text);
        update(app, Action::Backspace);
        update(app, Action::DeleteWord);
        let _ = term.draw(|f| citynet::ui::view(f, app));
        update(app, Action::CancelInput);
        // The network list's filter.
        app.focus = Focus::Networks;
        update(app, Action::StartFilter);
        type_in(app, term, &text);
        update(app, Action::CancelInput);
        // The jump prompt.
        update(app, Action::OpenJump);
        type_in(app, term, &text);
        update(app, Action::CancelInput);
        // Back to the member table for the next input.
        update(app, Action::Open);
        let _ = app.clipboard.take();
    });
});
