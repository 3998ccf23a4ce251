//! Hostile data (issue #6): text from a data file never reaches the terminal raw.
//!
//! `tests/fixtures/hostile/escapes.ron` puts escape sequences and control characters in
//! every kind of field (an OSC 52 clipboard write, screen clears, colours, `\r`, a bell, a
//! C1 CSI, bidi overrides). These tests check that
//! - `validate()` refuses each of them, with a position in the file, in a message that is
//!   itself escaped;
//! - the binary, handed the file (escaped, or with the raw bytes), refuses it and prints no
//!   raw control character while saying so;
//! - if such a dataset gets past validation anyway, the TUI and the CLI's table, Markdown
//!   and text output show the characters escaped (`\u{1b}`), while CSV and JSON carry them
//!   faithfully, escaped only the way those formats escape.

use std::path::{Path, PathBuf};
use std::process::Command;

use citynet::app::{Action, App, Focus, update};
use citynet::cli::output::{Format, Styling};
use citynet::cli::{Cli, commands};
use citynet::theme::Theme;
use citynet_core::data::spans::Step;
use citynet_core::data::{Dataset, parse_dataset, validate};
use citynet_core::text::is_unsafe;
use clap::Parser;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

const FIXTURE: &str = include_str!("../fixtures/hostile/escapes.ron");

fn fixture_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile/escapes.ron")
}

/// The fixture, parsed but not validated: what a TUI or CLI would hold if validation
/// were ever skipped.
fn hostile() -> Dataset {
    parse_dataset("escapes.ron", FIXTURE).expect("the hostile fixture parses")
}

/// The fixture with the raw characters in place of RON's `\u{..}` and `\r` escapes.
fn raw_text() -> String {
    let mut out = String::with_capacity(FIXTURE.len());
    let mut rest = FIXTURE;
    while let Some(i) = rest.find('\\') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        if let Some(hex) = after.strip_prefix("u{") {
            let end = hex.find('}').expect("a closed \\u{..}");
            let c = u32::from_str_radix(&hex[..end], 16).expect("hex");
            out.push(char::from_u32(c).expect("a char"));
            rest = &hex[end + 1..];
        } else if let Some(r) = after.strip_prefix('r') {
            out.push('\r');
            rest = r;
        } else {
            // `\\` and `\"` stay escaped: they are RON syntax, not hostile text.
            out.push('\\');
            out.push_str(&after[..1]);
            rest = &after[1..];
        }
    }
    out.push_str(rest);
    out
}

/// The characters in `s` that must not reach a terminal; `\n` ends lines and is fine.
fn raw_controls(s: &str) -> Vec<char> {
    s.chars().filter(|&c| c != '\n' && is_unsafe(c)).collect()
}

fn assert_clean(what: &str, s: &str) {
    let bad = raw_controls(s);
    assert!(
        bad.is_empty(),
        "{what}: raw {bad:?} in output:\n{}",
        s.escape_debug()
    );
}

/// Every string in the dataset, found through its serde form.
fn strings(d: &Dataset) -> Vec<String> {
    fn walk(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::String(s) => out.push(s.clone()),
            serde_json::Value::Array(a) => a.iter().for_each(|v| walk(v, out)),
            serde_json::Value::Object(o) => o.values().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(&serde_json::to_value(d).expect("serialises"), &mut out);
    out
}

// ------------------------------------------------------------------------- validation

#[test]
fn the_raw_copy_holds_the_same_text() {
    let raw = raw_text();
    assert!(raw.contains('\u{1b}') && raw.contains('\r') && raw.contains('\u{202e}'));
    let d = parse_dataset("raw.ron", &raw).expect("the raw copy parses");
    assert_eq!(d, hostile());
}

/// The value at a problem's path, through the dataset's serde form (an enum variant is an
/// object of one key there: `{"Regional": "x"}`, which the path steps over).
fn value_at<'v>(v: &'v serde_json::Value, path: &[Step]) -> Option<&'v serde_json::Value> {
    let Some((step, rest)) = path.split_first() else {
        return match v {
            serde_json::Value::Object(o) if o.len() == 1 && !o.contains_key("id") => o
                .values()
                .next()
                .filter(|inner| inner.is_string())
                .or(Some(v)),
            _ => Some(v),
        };
    };
    let next = match (step, v) {
        (Step::Field(f), serde_json::Value::Object(o)) => o.get(*f).or_else(|| {
            // Through an enum variant: `{"Partial": {"listed": ...}}`.
            let inner = o.values().next().filter(|_| o.len() == 1)?;
            inner.as_object()?.get(*f)
        }),
        (Step::Index(i), serde_json::Value::Array(a)) => a.get(*i),
        _ => None,
    }?;
    value_at(next, rest)
}

/// The character at 1-based (line, col) of `text`.
fn char_at(text: &str, (line, col): (usize, usize)) -> Option<char> {
    text.lines().nth(line - 1)?.chars().nth(col - 1)
}

#[test]
fn validation_refuses_every_unsafe_field_at_the_character_itself() {
    let d = hostile();
    let problems = validate(&d);
    let json = serde_json::to_value(&d).expect("serialises");
    let unsafe_values: Vec<String> = strings(&d)
        .into_iter()
        .filter(|s| s.chars().any(is_unsafe))
        .collect();
    assert!(unsafe_values.len() >= 30, "{unsafe_values:?}");
    let mut refused = Vec::new();
    for p in problems.iter().filter(|p| p.char_at.is_some()) {
        let value = value_at(&json, &p.path)
            .and_then(|v| v.as_str())
            .unwrap_or_else(|| panic!("{} names no text: {p}", p.path_text()));
        let bad = value
            .chars()
            .nth(p.char_at.unwrap_or_default())
            .unwrap_or_else(|| panic!("no character {:?} in {value:?}", p.char_at));
        assert!(is_unsafe(bad), "{p}: {bad:?}");
        // The position is the character's own: the backslash of its escape in the
        // escaped file, the character itself in the raw one.
        let at = citynet::cli::errors::position(p, FIXTURE).expect("a position");
        assert_eq!(char_at(FIXTURE, at), Some('\\'), "{p} at {at:?}");
        let raw = raw_text();
        let at = citynet::cli::errors::position(p, &raw).expect("a position");
        let expected = if bad == '\n' { None } else { Some(bad) };
        if expected.is_some() {
            assert_eq!(char_at(&raw, at), expected, "{p} at {at:?}");
        }
        refused.push(value.to_string());
    }
    for value in &unsafe_values {
        assert!(
            refused.contains(value),
            "{value:?} is not refused: {problems:#?}"
        );
    }
    for p in &problems {
        let shown = p.to_string();
        assert_clean("a problem", &shown);
        if p.message.contains("control character") {
            assert!(
                p.message.contains("\\u{") && p.message.contains(" at character "),
                "{shown}"
            );
        }
    }
    // The places and messages quote values from the file escaped, not raw.
    let all: String = problems.iter().map(|p| format!("{p}\n")).collect();
    assert!(all.contains("\\u{1b}"), "{all}");
}

/// The problem whose value (found by its path) is `value`.
fn problem_for<'p>(
    problems: &'p [citynet_core::data::Problem],
    d: &Dataset,
    value: &str,
) -> &'p citynet_core::data::Problem {
    let json = serde_json::to_value(d).expect("serialises");
    problems
        .iter()
        .find(|p| value_at(&json, &p.path).and_then(|v| v.as_str()) == Some(value))
        .unwrap_or_else(|| panic!("{value:?} is not refused"))
}

#[test]
fn validation_names_the_character_and_where_it_is_in_the_value() {
    let d = hostile();
    let problems = validate(&d);
    let kiel = problem_for(&problems, &d, "Kiel\u{1b}[2J\u{1b}[31m");
    assert!(
        kiel.message
            .contains("name has control character \\u{1b} at character 5"),
        "{kiel}"
    );
    let tallinn = problem_for(&problems, &d, "Tallinn\r");
    assert!(
        tallinn.message.contains("\\u{d} at character 8"),
        "{tallinn}"
    );
    let rlo = problem_for(&problems, &d, "2024\u{202e}-06");
    assert!(rlo.message.contains("\\u{202e}"), "{rlo}");
}

// ------------------------------------------------------------------ the binary refuses

fn citynet() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_citynet"));
    c.env_remove("NO_COLOR").env("COLUMNS", "100");
    // A large --data file is cached (`data::cache`): not in the home of whoever runs the tests.
    c.env(
        "XDG_CACHE_HOME",
        std::env::temp_dir().join("citynet-tests-cache"),
    );
    c
}

struct Ran {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run(cmd: &mut Command) -> Ran {
    let out = cmd
        .stdin(std::process::Stdio::null())
        .output()
        .expect("citynet runs");
    Ran {
        code: out.status.code(),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

/// The hostile files: the escaped fixture, and a copy with the raw bytes.
fn hostile_files(dir: &Path) -> Vec<PathBuf> {
    let raw = dir.join("raw.ron");
    std::fs::write(&raw, raw_text()).expect("the raw copy is written");
    vec![fixture_path(), raw]
}

#[test]
fn the_cli_refuses_the_file_and_prints_no_raw_control_characters() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    for file in hostile_files(dir.path()) {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        for args in [
            vec!["list"],
            vec!["members", "harbours"],
            vec!["show", "harbours"],
            vec!["search", "kiel"],
            vec!["export", "--format", "json"],
            // No command: the TUI, which must refuse before touching the terminal.
            vec![],
        ] {
            let r = run(citynet().arg("--data").arg(&file).args(&args));
            let what = format!("{name} {args:?}");
            assert_eq!(r.code, Some(1), "{what}: {}", r.stderr);
            assert_clean(&what, &r.stdout);
            assert_clean(&what, &r.stderr);
            assert!(r.stdout.is_empty(), "{what}: {}", r.stdout);
            assert!(r.stderr.contains("cannot be used"), "{what}: {}", r.stderr);
            // Problems are listed with file:line:col and their values escaped.
            assert!(
                r.stderr.contains(&format!("{name}:")),
                "{what}: {}",
                r.stderr
            );
            assert!(r.stderr.contains("\\u{1b}"), "{what}: {}", r.stderr);
            assert!(
                r.stderr
                    .lines()
                    .any(|l| l.trim_start().starts_with(&file.display().to_string())
                        && l.contains("control character")),
                "{what}: {}",
                r.stderr
            );
        }
    }
}

#[test]
fn validate_lists_every_problem_escaped_with_positions() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let problems = validate(&hostile()).len();
    for file in hostile_files(dir.path()) {
        let r = run(citynet().arg("validate").arg(&file));
        assert_eq!(r.code, Some(1), "{}", r.stderr);
        assert_clean("validate stdout", &r.stdout);
        assert_clean("validate stderr", &r.stderr);
        let listed: Vec<&str> = r
            .stdout
            .lines()
            .filter(|l| l.contains("control character"))
            .collect();
        assert!(listed.len() >= 30, "{}", r.stdout);
        let located = r
            .stdout
            .lines()
            .filter(|l| {
                let rest = l.split_once(".ron:").map_or("", |(_, r)| r);
                let mut it = rest.splitn(3, ':');
                let line = it.next().and_then(|s| s.parse::<usize>().ok());
                let col = it.next().and_then(|s| s.parse::<usize>().ok());
                line.is_some() && col.is_some()
            })
            .count();
        assert!(
            located >= problems,
            "{located} of {problems} problems have file:line:col:\n{}",
            r.stdout
        );
    }
}

#[test]
fn a_hostile_file_name_is_escaped_too() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let evil = dir.path().join("evil\u{1b}[2J\u{1b}]0;x\u{7}.ron");
    std::fs::write(&evil, FIXTURE).expect("written");
    let missing = dir.path().join("gone\u{1b}[31m.ron");
    for (file, expect) in [(&evil, "cannot be used"), (&missing, "cannot read")] {
        let r = run(citynet().arg("--data").arg(file).arg("list"));
        assert_eq!(r.code, Some(1), "{}", r.stderr);
        assert_clean("stderr", &r.stderr);
        assert!(r.stderr.contains(expect), "{}", r.stderr);
        assert!(r.stderr.contains("\\u{1b}"), "{}", r.stderr);
    }
}

#[test]
fn parse_errors_quote_hostile_lines_escaped() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let cases = [
        // A syntax error on a line full of escapes: the quoted line and caret.
        "(\n    title: \"\u{1b}[2J\u{1b}]52;c;eA==\u{7}\" 12\n)",
        // A string where a number belongs: the message may quote it.
        "(title: \"t\", as_of: \"a\", sources: [], networks: [(id: \"n\", name: \"n\", scope: Global, themes: [], summary: \"s\", sources: [], founded: \"\u{1b}[2J\u{202e}\")])",
        // An unknown field whose name is fine, on a line with a raw CR.
        "(title: \"t\",\r as_of: \"a\u{1b}[31m\", colour: 1)",
        // An unknown theme, a bidi override after it.
        "(title: \"t\", as_of: \"a\", sources: [], networks: [(id: \"n\", name: \"n\u{202e}\", scope: Global, themes: [bogus], summary: \"s\", sources: [])])",
    ];
    for (i, text) in cases.iter().enumerate() {
        let file = dir.path().join(format!("bad{i}.ron"));
        std::fs::write(&file, text).expect("written");
        for cmd in [
            vec!["--data", file.to_str().unwrap(), "list"],
            vec!["validate", file.to_str().unwrap()],
        ] {
            let r = run(citynet().args(&cmd));
            assert_eq!(r.code, Some(1), "case {i}: {}", r.stderr);
            assert_clean(&format!("case {i} {cmd:?}"), &r.stderr);
            assert_clean(&format!("case {i} {cmd:?}"), &r.stdout);
            assert!(r.stderr.contains(&format!("bad{i}.ron:")), "{}", r.stderr);
        }
    }
}

// ------------------------------------------------------- the TUI, if it got that far

fn screen_text(term: &Terminal<TestBackend>) -> String {
    let buf = term.backend().buffer();
    let mut s = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            s.push_str(buf[(x, y)].symbol());
        }
        s.push('\n');
    }
    s
}

/// Every screen rendered so far, with the state it shows.
type Screens = Vec<(String, String)>;

/// Renders at a few sizes, logging each screen; every cell must be free of raw controls.
fn render_logged(app: &mut App, state: &str, log: &mut Screens) -> Vec<String> {
    let mut screens = Vec::new();
    for (w, h) in [(120, 40), (80, 24), (200, 60), (60, 16), (40, 10)] {
        update(
            app,
            Action::Resize {
                width: w,
                height: h,
            },
        );
        let mut term = Terminal::new(TestBackend::new(w, h)).expect("terminal");
        term.draw(|f| citynet::ui::view(f, app)).expect("draws");
        let buf = term.backend().buffer();
        for y in 0..h {
            for x in 0..w {
                let sym = buf[(x, y)].symbol();
                assert!(
                    !sym.chars().any(is_unsafe),
                    "{state} at {w}x{h}: raw {:?} in cell ({x}, {y}):\n{}",
                    sym,
                    screen_text(&term)
                );
            }
        }
        let t = screen_text(&term);
        log.push((state.to_string(), t.clone()));
        screens.push(t);
    }
    screens
}

fn expect_escaped(screens: &[String], state: &str, needle: &str) {
    assert!(
        screens.iter().any(|s| s.contains(needle)),
        "{state}: {needle:?} is not shown at any size:\n{}",
        screens[0]
    );
}

/// Applies each action, delivering a copy as the terminal loop does when no clipboard
/// command is there (OSC 52, which is what puts data text on the status line).
fn run_actions(app: &mut App, actions: &[Action]) {
    for a in actions {
        update(app, *a);
        if app.clipboard.is_some() {
            let route = citynet::clipboard::Route::Terminal(citynet::clipboard::Mux::None);
            update(app, Action::Copied(route));
        }
    }
}

fn type_text(app: &mut App, s: &str) {
    for c in s.chars() {
        update(app, Action::Input(c));
    }
}

/// Walks the TUI through every pane and overlay on the hostile dataset, rendering each at
/// several sizes; returns every screen.
fn walk_the_tui() -> Screens {
    let mut log = Screens::new();
    let mut app = App::new(hostile(), Theme::mono(), Rect::new(0, 0, 120, 40));
    let mut render_everywhere = |app: &mut App, state: &str| render_logged(app, state, &mut log);

    // The list and the detail: the title bar, network names, summary, figures, website.
    let s = render_everywhere(&mut app, "list and detail");
    expect_escaped(
        &s,
        "title bar",
        "Hostile \\u{1b}]52;c;cHduZWQ=\\u{7} networks",
    );
    expect_escaped(&s, "network name", "Harbour \\u{1b}[2J\\u{1b}[H Cities");
    expect_escaped(&s, "summary", "\\u{d}REWRITTEN");

    // The second network's detail.
    run_actions(&mut app, &[Action::Down]);
    let s = render_everywhere(&mut app, "second network");
    expect_escaped(&s, "network name", "\\u{1b}[?1049l");

    // The member table: names, tier chips, the completeness note, the status line.
    run_actions(&mut app, &[Action::First, Action::Open]);
    assert_eq!(app.focus, Focus::Members);
    let s = render_everywhere(&mut app, "member table");
    expect_escaped(&s, "member name", "Kiel\\u{1b}[2J");
    expect_escaped(&s, "tier chip", "Core\\u{1b}[41m");

    // Sorted by each column, and by population.
    for _ in 0..8 {
        run_actions(&mut app, &[Action::SortNext]);
        render_everywhere(&mut app, "sorted");
    }

    // The map and the members-per-country chart.
    run_actions(&mut app, &[Action::ToggleMap]);
    render_everywhere(&mut app, "map");
    run_actions(&mut app, &[Action::ToggleChart]);
    render_everywhere(&mut app, "countries chart");
    run_actions(&mut app, &[Action::ToggleChart]);

    // Copying says what it copied, on the status line: each member in turn.
    let rows = app.open_roster().map_or(0, |(t, _, _, _)| t.search.len());
    assert!(rows >= 3);
    run_actions(&mut app, &[Action::First]);
    for _ in 0..rows {
        run_actions(&mut app, &[Action::CopySelection]);
        assert!(app.message.is_some());
        let s = render_everywhere(&mut app, "copied member");
        expect_escaped(&s, "copy message", "Sent ");
        run_actions(&mut app, &[Action::Down]);
    }
    run_actions(&mut app, &[Action::CopyCsv]);
    render_everywhere(&mut app, "copied csv");
    run_actions(&mut app, &[Action::CopyCommand]);
    render_everywhere(&mut app, "copied command");

    // A filter, with a typed bidi override in it.
    run_actions(&mut app, &[Action::StartFilter]);
    type_text(&mut app, "ki\u{202e}");
    render_everywhere(&mut app, "filter");
    run_actions(&mut app, &[Action::CancelInput]);
    type_text(&mut app, "");

    // The city card: Kiel is in both rosters.
    run_actions(&mut app, &[Action::Back, Action::First, Action::Open]);
    let kiel_row = app
        .open_roster()
        .and_then(|(t, _, r, _)| {
            t.search
                .members()
                .iter()
                .position(|&m| r.members[m as usize].name.starts_with("Kiel"))
        })
        .expect("Kiel is listed");
    app.members.as_mut().expect("table").selected = kiel_row;
    run_actions(&mut app, &[Action::Open]);
    assert!(app.card().is_some(), "Kiel's card opens");
    let s = render_everywhere(&mut app, "city card");
    expect_escaped(&s, "card", "Kiel\\u{1b}[2J");
    run_actions(&mut app, &[Action::CopySelection]);
    render_everywhere(&mut app, "copied card");
    run_actions(&mut app, &[Action::Back]);

    // Jump anywhere: hits name networks, cities and countries.
    run_actions(&mut app, &[Action::OpenJump]);
    type_text(&mut app, "kiel");
    let s = render_everywhere(&mut app, "jump");
    expect_escaped(&s, "jump hit", "Kiel\\u{1b}[2J");
    run_actions(&mut app, &[Action::Down, Action::AcceptInput]);
    render_everywhere(&mut app, "after jump");
    // A country's hit opens its view over every list: drawn, then closed.
    if matches!(app.mode, citynet::app::Mode::Country(_)) {
        run_actions(&mut app, &[Action::Last]);
        render_everywhere(&mut app, "country view");
        run_actions(&mut app, &[Action::Back]);
    }

    // The network sizes chart, marks and the comparison of both rosters.
    run_actions(&mut app, &[Action::Back, Action::Back]);
    app.focus = Focus::Networks;
    run_actions(&mut app, &[Action::ToggleChart]);
    render_everywhere(&mut app, "sizes chart");
    run_actions(
        &mut app,
        &[
            Action::First,
            Action::Mark,
            Action::Down,
            Action::Mark,
            Action::Compare,
        ],
    );
    let s = render_everywhere(&mut app, "compare");
    expect_escaped(&s, "comparison", "\\u{1b}");
    // Marking a network without a member list says so.
    app.focus = Focus::Networks;
    run_actions(&mut app, &[Action::First]);
    while app.selected_network().is_some_and(|i| app.has_roster(i)) {
        let before = app.networks.selected;
        run_actions(&mut app, &[Action::Down]);
        assert_ne!(
            before, app.networks.selected,
            "a network without a member list"
        );
    }
    run_actions(&mut app, &[Action::Mark]);
    assert!(app.message.is_some());
    render_everywhere(&mut app, "marked a network without roster");

    // The theme picker and help.
    app.focus = Focus::Networks;
    run_actions(&mut app, &[Action::OpenThemes]);
    render_everywhere(&mut app, "themes");
    run_actions(&mut app, &[Action::CancelInput, Action::ToggleHelp]);
    render_everywhere(&mut app, "help");
    log
}

#[test]
fn the_tui_shows_hostile_text_escaped_in_every_pane() {
    let screens = walk_the_tui();
    assert!(screens.len() > 100);
}

/// Panes that print data text without `ui::text::safe` cannot leak it raw either (ratatui
/// drops control and zero-width characters), but they show it garbled ("Kiel[2J[31m")
/// where every other pane shows `Kiel\u{1b}[2J\u{1b}[31m`. Known, for the lead to fix:
/// - `ui::compare::render`: the network names (`label` closure, no `text::safe`);
/// - `ui::charts::render_sizes`: the figure's text (`Figure::of`);
/// - `ui::status_text`: `app.message` shown as is, and `app::update` puts data into it
///   ("Copied {name} to the clipboard", "{label} has no member list to compare").
#[test]
fn no_pane_shows_hostile_text_with_its_escapes_dropped() {
    let screens = walk_the_tui();
    let d = hostile();
    // The text as it looks with the unsafe characters dropped, where that differs from
    // anything the escaped form could show.
    let dropped: Vec<String> = strings(&d)
        .iter()
        .filter(|v| v.chars().any(is_unsafe))
        .map(|v| v.chars().filter(|&c| !is_unsafe(c)).collect::<String>())
        .filter(|v| {
            strings(&d)
                .iter()
                .all(|s| !citynet::ui::text::safe(s).contains(v.as_str()))
        })
        .collect();
    let mut found = Vec::new();
    for (state, screen) in &screens {
        for v in &dropped {
            if let Some(line) = screen.lines().find(|l| l.contains(v.as_str())) {
                found.push(format!("{state}: {v:?} in {:?}", line.trim()));
            }
        }
    }
    found.sort();
    found.dedup();
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn clipboard_text_cannot_break_out_of_its_escape_sequence() {
    let d = hostile();
    let n = &d.networks[0];
    let r = n.roster.as_ref().expect("a roster");
    for text in [
        citynet::export::network_text(&d, n),
        citynet::export::member_text(n, r, &r.members[0]),
        citynet::export::members_csv(
            r,
            &citynet_core::roster::RosterIndex::new(r),
            0..r.members.len() as u32,
        ),
    ] {
        for mux in [citynet::clipboard::Mux::None, citynet::clipboard::Mux::Tmux] {
            let seq = citynet::clipboard::terminal_bytes(&text, mux);
            let escapes = if mux == citynet::clipboard::Mux::None {
                1
            } else {
                4
            };
            assert_eq!(seq.matches('\u{1b}').count(), escapes, "{seq:?}");
            assert_eq!(seq.matches('\u{7}').count(), 1, "{seq:?}");
        }
        let seq = citynet::clipboard::osc52(&text);
        assert_eq!(seq.matches('\u{1b}').count(), 1, "{seq:?}");
        assert_eq!(seq.matches('\u{7}').count(), 1, "{seq:?}");
        assert!(seq.starts_with("\u{1b}]52;c;") && seq.ends_with('\u{7}'));
    }
}

// ----------------------------------------------- the CLI's output, if it got that far

fn command(args: &[&str]) -> citynet::cli::Command {
    let cli = Cli::try_parse_from(std::iter::once("citynet").chain(args.iter().copied()))
        .expect("the command line parses");
    cli.command.expect("a command")
}

fn render(table: &citynet::cli::output::Table, format: Format) -> String {
    let bytes = table.render(format, Styling::default()).expect("renders");
    String::from_utf8(bytes).expect("UTF-8")
}

#[test]
fn cli_tables_and_text_show_hostile_text_escaped() {
    let d = hostile();
    let styled = Styling {
        bold: false,
        width: Some(100),
        raw: false,
    };
    let mut tables = Vec::new();
    for args in [
        vec!["list"],
        vec!["members", "harbours"],
        vec!["members", "squares"],
        vec!["search", "kiel", "--limit", "0"],
    ] {
        let table = match command(&args) {
            citynet::cli::Command::List(a) => commands::list(&d, &a),
            citynet::cli::Command::Members(a) => commands::members(&d, &a),
            citynet::cli::Command::Search(a) => commands::search(&d, &a),
            _ => unreachable!(),
        }
        .unwrap_or_else(|e| panic!("{args:?}: {}", e.message()));
        for format in [Format::Table, Format::Markdown] {
            let out = render(&table, format);
            assert_clean(&format!("{args:?} {format:?}"), &out);
            let narrow =
                String::from_utf8(table.render(format, styled).expect("renders")).expect("UTF-8");
            assert_clean(&format!("{args:?} {format:?} narrow"), &narrow);
        }
        tables.push((args, table));
    }
    let members = render(&tables[1].1, Format::Table);
    assert!(members.contains("Kiel\\u{1b}[2J\\u{1b}[31m"), "{members}");
    assert!(members.contains("Tallinn\\u{d}"), "{members}");
    assert!(members.contains("Riga\\u{202e}"), "{members}");
    let list = render(&tables[0].1, Format::Table);
    assert!(list.contains("\\u{1b}"), "{list}");

    // `show`: plain text, at a terminal's width and at 80.
    for width in [40, 80, 200] {
        let citynet::cli::Command::Show(a) = command(&["show", "harbours"]) else {
            unreachable!()
        };
        let out = commands::show(&d, &a, width).expect("shows");
        let out = String::from_utf8(out).expect("UTF-8");
        assert_clean(&format!("show at {width}"), &out);
        assert!(out.contains("\\u{1b}"), "{out}");
    }
}

#[test]
fn csv_and_json_carry_hostile_text_faithfully() {
    let d = hostile();
    let citynet::cli::Command::Members(a) = command(&["members", "harbours"]) else {
        unreachable!()
    };
    let table = commands::members(&d, &a).expect("members");
    let roster = d.networks[0].roster.as_ref().expect("a roster");
    let mut names: Vec<&str> = roster.members.iter().map(|m| m.name.as_str()).collect();
    names.sort_unstable();

    // CSV: quoted where it must be (the CR), otherwise exactly the bytes of the file.
    let csv_text = render(&table, Format::Csv);
    let mut r = csv::Reader::from_reader(csv_text.as_bytes());
    let col = r
        .headers()
        .expect("a header")
        .iter()
        .position(|h| h == "name" || h == "city")
        .expect("a name column");
    let mut got: Vec<String> = r
        .records()
        .map(|rec| rec.expect("a record")[col].to_string())
        .collect();
    got.sort_unstable();
    assert_eq!(got, names);
    assert!(csv_text.contains("\"Tallinn\r\""), "{csv_text:?}");

    // JSON: control characters escaped as JSON escapes them; the values read back equal.
    let json_text = render(&table, Format::Json);
    assert!(!json_text.contains('\u{1b}') && !json_text.contains('\r'));
    assert!(json_text.contains("\\u001b"), "{json_text}");
    let v: serde_json::Value = serde_json::from_str(&json_text).expect("JSON");
    let mut got: Vec<String> = v
        .as_array()
        .expect("an array")
        .iter()
        .map(|row| {
            row.get("name")
                .or_else(|| row.get("city"))
                .and_then(|s| s.as_str())
                .expect("a name")
                .to_string()
        })
        .collect();
    got.sort_unstable();
    assert_eq!(got, names);

    // The CSV the TUI copies (Y), through the library.
    let index = citynet_core::roster::RosterIndex::new(roster);
    let csv_text = citynet::export::members_csv(roster, &index, 0..roster.members.len() as u32);
    let mut r = csv::Reader::from_reader(csv_text.as_bytes());
    let aka = r
        .headers()
        .expect("a header")
        .iter()
        .position(|h| h == "aka")
        .expect("an aka column");
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.expect("a record")).collect();
    assert_eq!(rows.len(), roster.members.len());
    for (row, m) in rows.iter().zip(&roster.members) {
        assert_eq!(&row[0], m.name);
        assert_eq!(row[aka], m.aka.join("; "));
    }
    // The tier label, with its escape, is carried as is.
    assert!(csv_text.contains("Core \u{1b}[32m member"));

    // The whole dataset as JSON: every string reads back the same.
    let out = commands::export(&d, citynet::cli::ExportFormat::Json).expect("exports");
    let back: Dataset = serde_json::from_slice(&out).expect("JSON reads back");
    assert_eq!(back, d);
    assert!(!out.contains(&0x1b), "JSON escapes ESC");
}
