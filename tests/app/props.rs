//! Random use: no sequence of keys, clicks, wheel turns and resizes can crash the app or
//! put its cursors outside what it shows (issue #6).
//!
//! Every step goes the way the terminal loop takes it: a crossterm event through
//! `tui::action_for` (the keymap in `app.context()`), then `update`, then a full render into
//! a `TestBackend` of the app's current size. After every step the cursors must be inside
//! their rows and, when the member table has the focus and nothing else is being said, the
//! status line's "N of M shown" must be what the table holds.
//!
//! The normal run generates 10,000 sequences of up to 19 events on a cut-down copy of the
//! embedded dataset (every network, a few dozen members per roster, cities shared between
//! rosters kept so city cards open), parsed once and cloned per case, and 250 sequences of
//! up to 39 events on the whole embedded dataset. Terminal sizes are mostly small (a debug
//! build renders slowly), often too small for panes, now and then up to 300x100. The
//! nightly run, `cargo test --release --test app props -- --ignored`, generates 100,000
//! sequences of up to 149 events (`CITYNET_PROP_CASES` sets how many).
//!
//! The sequences follow from a fixed seed, so every run (CI's too) tries the same ones.
//! `CITYNET_PROP_SEED=random` tries new ones (and prints the seed it drew), and
//! `CITYNET_PROP_SEED=<number>` replays a run; a failure names its seed.

use std::collections::HashSet;
use std::sync::LazyLock;

use citynet::app::{App, Context, Focus, Mode, update};
use citynet::embedded::embedded;
use citynet::theme::Theme;
use citynet::tui::action_for;
use citynet_core::data::Dataset;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::Rect;

/// The whole embedded dataset, parsed once for the whole test binary.
static FULL: LazyLock<Dataset> = LazyLock::new(|| embedded().expect("embedded dataset loads"));

/// Every network, but each roster cut to its first members plus a few that other rosters
/// share (so city cards, which need a city in two rosters, still open).
static SMALL: LazyLock<Dataset> = LazyLock::new(|| {
    let mut d = FULL.clone();
    let names_in = |d: &Dataset, skip: usize| -> HashSet<String> {
        d.networks
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != skip)
            .filter_map(|(_, n)| n.roster.as_ref())
            .flat_map(|r| r.members.iter().map(|m| m.name.as_str().to_lowercase()))
            .collect()
    };
    let shared: Vec<HashSet<String>> = (0..d.networks.len()).map(|i| names_in(&d, i)).collect();
    for (i, n) in d.networks.iter_mut().enumerate() {
        if let Some(r) = n.roster.as_mut() {
            let mut kept_shared = 0;
            let members = std::mem::take(&mut r.members);
            r.members = members
                .into_iter()
                .enumerate()
                .filter(|(j, m)| {
                    if *j < 20 {
                        return true;
                    }
                    let keep =
                        kept_shared < 8 && shared[i].contains(&m.name.as_str().to_lowercase());
                    kept_shared += usize::from(keep);
                    keep
                })
                .map(|(_, m)| m)
                .collect();
        }
    }
    d
});

/// One thing that happens to the app.
#[derive(Debug, Clone)]
enum Step {
    Key(KeyEvent),
    Mouse(MouseEvent),
    Resize(u16, u16),
}

impl Step {
    fn event(&self) -> Event {
        match self {
            Step::Key(k) => Event::Key(*k),
            Step::Mouse(m) => Event::Mouse(*m),
            Step::Resize(w, h) => Event::Resize(*w, *h),
        }
    }
}

/// Every character the keymap binds, in some context.
const BOUND_CHARS: &[char] = &[
    'q', '?', 'k', 'j', 'g', 'G', 'h', 'l', 't', 'b', 'x', 'C', '/', 's', 'r', 'm', 'Y', 'c', 'y',
    ':', ' ', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'p', 'P', 'v', 'V', 'd',
];

/// Every key code the keymap binds, and a few it does not.
const CODES: &[KeyCode] = &[
    KeyCode::Up,
    KeyCode::Down,
    KeyCode::Left,
    KeyCode::Right,
    KeyCode::PageUp,
    KeyCode::PageDown,
    KeyCode::Home,
    KeyCode::End,
    KeyCode::Enter,
    KeyCode::Esc,
    KeyCode::Tab,
    KeyCode::BackTab,
    KeyCode::Backspace,
    KeyCode::Delete,
    KeyCode::Insert,
    KeyCode::F(1),
    KeyCode::F(5),
    KeyCode::Null,
];

/// Characters people type into filters: letters (accented too), and the query syntax.
const TYPED: &[char] = &[
    'a', 'e', 'i', 'o', 'u', 'n', 'r', 'l', 'd', 'z', 'ł', 'ó', 'ź', 'İ', '東', '\'', '^', '$',
    '!', '|', ':', ',', '-', ' ', '\u{202e}', '\u{200f}',
];

fn key_code() -> impl Strategy<Value = KeyCode> {
    prop_oneof![
        4 => proptest::sample::select(BOUND_CHARS).prop_map(KeyCode::Char),
        4 => proptest::sample::select(CODES),
        2 => proptest::sample::select(TYPED).prop_map(KeyCode::Char),
        1 => any::<char>().prop_map(KeyCode::Char),
        1 => (1u8..=12).prop_map(KeyCode::F),
    ]
}

fn modifiers() -> impl Strategy<Value = KeyModifiers> {
    prop_oneof![
        8 => Just(KeyModifiers::NONE),
        2 => Just(KeyModifiers::CONTROL),
        1 => Just(KeyModifiers::SHIFT),
        1 => Just(KeyModifiers::ALT),
        1 => (0u8..16).prop_map(KeyModifiers::from_bits_truncate),
    ]
}

fn key() -> impl Strategy<Value = KeyEvent> {
    let kind = prop_oneof![
        10 => Just(KeyEventKind::Press),
        1 => Just(KeyEventKind::Repeat),
        1 => Just(KeyEventKind::Release),
    ];
    (key_code(), modifiers(), kind).prop_map(|(c, m, k)| KeyEvent::new_with_kind(c, m, k))
}

fn mouse() -> impl Strategy<Value = MouseEvent> {
    let kind = prop_oneof![
        4 => Just(MouseEventKind::Down(MouseButton::Left)),
        2 => Just(MouseEventKind::ScrollDown),
        2 => Just(MouseEventKind::ScrollUp),
        1 => Just(MouseEventKind::Down(MouseButton::Right)),
        1 => Just(MouseEventKind::Up(MouseButton::Left)),
        1 => Just(MouseEventKind::Drag(MouseButton::Left)),
        1 => Just(MouseEventKind::Moved),
    ];
    // Mostly on a screen of up to 120x40, sometimes anywhere a u16 reaches.
    let pos = prop_oneof![
        6 => (0u16..125, 0u16..45),
        1 => (any::<u16>(), any::<u16>()),
    ];
    (kind, pos, modifiers()).prop_map(|(kind, (column, row), modifiers)| MouseEvent {
        kind,
        column,
        row,
        modifiers,
    })
}

/// Terminal sizes: mostly small (fast to render), often too small to draw panes in, now
/// and then wide (side-by-side panes, map beside the table) or huge.
fn size() -> impl Strategy<Value = (u16, u16)> {
    prop_oneof![
        12 => (40u16..=64, 10u16..=16),
        6 => (1u16..=45, 1u16..=12),
        2 => (64u16..=130, 12u16..=32),
        1 => (1u16..=300, 1u16..=100),
    ]
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        14 => key().prop_map(Step::Key),
        3 => mouse().prop_map(Step::Mouse),
        1 => size().prop_map(|(w, h)| Step::Resize(w, h)),
    ]
}

fn case(max_steps: usize) -> impl Strategy<Value = ((u16, u16), Vec<Step>)> {
    (size(), proptest::collection::vec(step(), 1..max_steps))
}

/// The cursors are inside their rows, and the status line counts what the table holds.
fn check(app: &App, screen: &Buffer, after: &Step) -> Result<(), TestCaseError> {
    let n = &app.networks;
    prop_assert!(
        n.selected < n.rows.len() || (n.rows.is_empty() && n.selected == 0),
        "network cursor {} outside {} rows after {:?}",
        n.selected,
        n.rows.len(),
        after
    );
    prop_assert!(
        n.offset <= n.selected,
        "network list offset {} past its cursor {} after {:?}",
        n.offset,
        n.selected,
        after
    );
    if let Some(t) = &app.members {
        prop_assert!(
            t.selected < t.search.len() || (t.search.is_empty() && t.selected == 0),
            "member cursor {} outside {} rows after {:?}",
            t.selected,
            t.search.len(),
            after
        );
        prop_assert!(
            t.offset <= t.selected,
            "member table offset {} past its cursor {} after {:?}",
            t.offset,
            t.selected,
            after
        );
        // The row under the cursor is the one the rows' window puts there.
        let window = t.search.window(t.selected..t.selected + 1);
        prop_assert_eq!(
            window.first().map(|r| r.member),
            t.search.member(t.selected),
            "the cursor's row after {:?}",
            after
        );
    }
    // Typing goes into a filter line only where there is one.
    if app.mode == Mode::Filter {
        prop_assert!(
            app.focus == Focus::Networks || (app.focus == Focus::Members && app.members.is_some()),
            "typing into a filter with {:?} focused after {:?}",
            app.focus,
            after
        );
    }
    if app.focus == Focus::Members {
        prop_assert!(app.members.is_some(), "member focus without a table");
    }
    let quiet = app.message.is_none()
        && app.jump().is_none()
        && app.members.as_ref().is_some_and(|t| t.error.is_none());
    if app.focus == Focus::Members
        && quiet
        && let Some((t, _, roster, _)) = app.open_roster()
    {
        let counts = format!(
            "{} of {} shown",
            citynet_core::data::group_thousands(t.search.len() as u64),
            citynet_core::data::group_thousands(roster.members.len() as u64)
        );
        let status = citynet::ui::status_text(app);
        prop_assert!(
            status.starts_with(&counts),
            "status {status:?} does not start with {counts:?}"
        );
        // And that is what the screen's last line says, when it has room for it.
        let no_overlay = matches!(app.mode, Mode::Browse | Mode::Filter);
        let size = app.size;
        let fits = usize::from(size.width) > counts.chars().count() + 1;
        if no_overlay && fits && !citynet::layout::too_small(size) {
            let y = size.height - 1;
            let line: String = (0..size.width)
                .map(|x| screen[(x, y)].symbol().to_string())
                .collect();
            prop_assert!(
                line.contains(&counts),
                "status line {line:?} does not show {counts:?}"
            );
        }
    }
    Ok(())
}

fn terminal(w: u16, h: u16) -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(w, h)).expect("a test terminal")
}

/// Renders the app into the terminal's frame buffer, as `Terminal::draw` does, but without
/// diffing it into the backend: the buffer is what the checks read, and the diff costs as
/// much as the render in a debug build. The last step of each case does a full `draw`.
fn render(term: &mut Terminal<TestBackend>, app: &App) {
    term.current_buffer_mut().reset();
    let mut frame = term.get_frame();
    citynet::ui::view(&mut frame, app);
}

/// Runs one case: builds the app, applies each step as the event loop does, renders, checks.
fn run_case(data: &Dataset, (w, h): (u16, u16), steps: &[Step]) -> Result<(), TestCaseError> {
    let mut app = App::new(data.clone(), Theme::mono(), Rect::new(0, 0, w, h));
    let mut term = terminal(w, h);
    render(&mut term, &app);
    for (i, s) in steps.iter().enumerate() {
        let last = i + 1 == steps.len();
        match action_for(&s.event(), &app) {
            Some(action) => update(&mut app, action),
            // Nothing happens: the state, and so the screen, is what was just checked.
            None if !last => continue,
            None => {}
        }
        // The terminal loop sends this to the terminal; here it only has to be there.
        let _ = app.clipboard.take();
        if app.size != term.current_buffer_mut().area {
            term = terminal(app.size.width, app.size.height);
        }
        if last {
            term.draw(|f| citynet::ui::view(f, &app))
                .expect("draw into a test backend");
            check(&app, term.backend().buffer(), s)?;
        } else {
            render(&mut term, &app);
            check(&app, term.current_buffer_mut(), s)?;
        }
        // Quitting ends the real loop; here the next step starts from the same state.
        app.quit = false;
    }
    Ok(())
}

/// The seed every run starts from unless `CITYNET_PROP_SEED` says otherwise: the same
/// sequences on every machine, so a failure in CI is a failure on a laptop.
const SEED: u64 = 0x00c1_7e7e_2025;

/// The seed of this run: `CITYNET_PROP_SEED` as a number, a fresh one for `random`, else
/// [`SEED`].
fn seed() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    match std::env::var("CITYNET_PROP_SEED").as_deref() {
        Ok("random") => {
            // A hasher's keys are random per process: a seed with no crate to pull in.
            let seed = std::collections::hash_map::RandomState::new()
                .build_hasher()
                .finish();
            eprintln!("props: CITYNET_PROP_SEED={seed} reproduces this run");
            seed
        }
        Ok(s) => match s.trim().parse() {
            Ok(seed) => seed,
            Err(_) => panic!("CITYNET_PROP_SEED must be a number or `random`, not {s:?}"),
        },
        Err(_) => SEED,
    }
}

/// A runner whose cases follow from the run's seed and `salt`: each test gets sequences of
/// its own, and the same ones every time with the same seed.
fn runner(config: Config, salt: u64) -> (TestRunner, u64) {
    let seed = seed();
    let mut bytes = [0u8; 32];
    for (i, chunk) in bytes.chunks_mut(8).enumerate() {
        let word = seed ^ salt.rotate_left(17) ^ (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        chunk.copy_from_slice(&word.to_le_bytes());
    }
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &bytes);
    (TestRunner::new_with_rng(config, rng), seed)
}

fn run_many(data: &'static Dataset, cases: u32, max_steps: usize, salt: u64) {
    let config = Config {
        cases,
        failure_persistence: None,
        // Shrinking a long sequence is slow; these cases are short.
        max_shrink_iters: 2048,
        ..Config::default()
    };
    let (mut runner, seed) = runner(config, salt);
    if let Err(e) = runner.run(&case(max_steps), |(size, steps)| {
        run_case(data, size, &steps)
    }) {
        panic!("{e}\n(seed {seed}: CITYNET_PROP_SEED={seed} runs these sequences again)");
    }
}

// 10,000 sequences on the small dataset, in two halves so that they run on both cores.

#[test]
fn random_use_keeps_the_app_consistent_1() {
    run_many(&SMALL, 5_000, 20, 1);
}

#[test]
fn random_use_keeps_the_app_consistent_2() {
    run_many(&SMALL, 5_000, 20, 2);
}

#[test]
fn random_use_of_the_embedded_dataset_keeps_the_app_consistent() {
    run_many(&FULL, 250, 40, 3);
}

/// The nightly run: `cargo test --release --test app props -- --ignored` (`CITYNET_PROP_CASES`
/// sets how many sequences; 100,000 by default, up to 150 steps each).
#[test]
#[ignore = "long: many more and longer random sequences, for a nightly run"]
fn random_use_at_length() {
    let cases = std::env::var("CITYNET_PROP_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    run_many(&SMALL, cases, 150, 4);
    run_many(&FULL, cases / 20, 150, 5);
}

/// Every context the keymap knows is reached by the generator (a guard against the
/// generator drifting away from the keymap).
#[test]
fn generated_keys_reach_every_context() {
    let mut seen = HashSet::new();
    let (mut runner, _) = runner(Config::default(), 6);
    let data = &*SMALL;
    for _ in 0..400 {
        let (size, steps) = case(40).new_tree(&mut runner).expect("a case").current();
        let mut app = App::new(data.clone(), Theme::mono(), Rect::new(0, 0, size.0, size.1));
        for s in &steps {
            if let Some(a) = action_for(&s.event(), &app) {
                update(&mut app, a);
            }
            seen.insert(format!("{:?}", app.context()));
        }
    }
    // The comparison needs two networks with a member list marked and then C, a sequence
    // random keys almost never make: typed here, key by key, through the same dispatch.
    let mut app = App::new(data.clone(), Theme::mono(), Rect::new(0, 0, 120, 40));
    let press = |app: &mut App, c: char| {
        let ev = Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        if let Some(a) = action_for(&ev, app) {
            update(app, a);
        }
    };
    let mut marked = 0;
    for _ in 0..app.networks.rows.len() {
        if app.selected_network().is_some_and(|i| app.has_roster(i)) && marked < 2 {
            press(&mut app, 'x');
            marked += 1;
        }
        press(&mut app, 'j');
    }
    press(&mut app, 'C');
    seen.insert(format!("{:?}", app.context()));
    // So is a country's view: `:`, a country's name, down to its hit, Enter.
    let mut app = App::new(data.clone(), Theme::mono(), Rect::new(0, 0, 120, 40));
    let code = data
        .networks
        .iter()
        .find_map(|n| {
            n.roster
                .as_ref()?
                .members
                .first()
                .map(|m| m.country.clone())
        })
        .expect("a member");
    let name = citynet_core::data::countries::name(&code).unwrap_or(&code);
    press(&mut app, ':');
    for c in name.chars() {
        press(&mut app, c);
    }
    for _ in 0..20 {
        let on_country = app.jump().is_some_and(|j| {
            matches!(
                j.hits.get(j.selected).map(|h| h.to),
                Some(citynet::app::jump::Destination::Country(_))
            )
        });
        if on_country {
            break;
        }
        update(&mut app, citynet::app::Action::Down);
    }
    update(&mut app, citynet::app::Action::AcceptInput);
    seen.insert(format!("{:?}", app.context()));
    for cx in Context::ALL {
        assert!(seen.contains(&format!("{cx:?}")), "{cx:?} never reached");
    }
}
