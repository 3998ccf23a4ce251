//! The browser's extras: map, charts, jump anywhere, theme filter, copy out.

use std::collections::BTreeSet;

use citynet::app::jump::Destination;
use citynet::app::{Action, App, CountryLine, Focus, Mode, Right, Side, update};
use citynet::clipboard::{Mux, Route};
use citynet::embedded::embedded;
use citynet::theme::{SELECTED_MARKER, Theme as Style};
use citynet::ui;
use citynet_core::data::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

fn app(width: u16, height: u16) -> App {
    App::new(
        embedded().expect("embedded dataset loads"),
        Style::mono(),
        Rect::new(0, 0, width, height),
    )
}

fn type_text(app: &mut App, s: &str) {
    for c in s.chars() {
        update(app, Action::Input(c));
    }
}

/// The text waiting for the terminal loop to copy.
fn clip(app: &App) -> Option<&str> {
    app.clipboard.as_ref().map(|c| c.text.as_str())
}

fn jump(app: &mut App, query: &str) {
    update(app, Action::OpenJump);
    type_text(app, query);
    update(app, Action::AcceptInput);
}

fn draw(app: &App) -> Buffer {
    let mut t = Terminal::new(TestBackend::new(app.size.width, app.size.height)).expect("backend");
    t.draw(|f| ui::view(f, app)).expect("draw");
    t.backend().buffer().clone()
}

fn text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut skip = 0;
        for x in 0..buf.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let s = buf[(x, y)].symbol();
            out.push_str(s);
            skip = unicode_width::UnicodeWidthStr::width(s).saturating_sub(1);
        }
        out.push('\n');
    }
    out
}

fn shown(app: &App) -> Vec<String> {
    let (t, _, r, _) = app.open_roster().expect("roster open");
    t.search
        .members()
        .into_iter()
        .map(|m| r.members[m as usize].name.to_string())
        .collect()
}

fn selected_member(app: &App) -> String {
    let (t, _, r, _) = app.open_roster().expect("roster open");
    r.members[t.search.member(t.selected).expect("a row") as usize]
        .name
        .to_string()
}

#[test]
fn jump_to_a_city_typed_without_accents_opens_its_roster_there() {
    let mut a = app(120, 40);
    jump(&mut a, "rzeszow");
    assert_eq!(a.focus, Focus::Members);
    assert_eq!(selected_member(&a), "Rzeszów");
    assert_eq!(shown(&a).len(), 202, "the roster is not filtered");
}

#[test]
fn jump_results_say_what_they_are_and_rank_exact_first() {
    let a = app(120, 40);
    let hits = a.jump_index().search(&a.matcher, a.cities(), "rome", 10);
    let (title, detail) = a.jump_index().describe(hits[0].to, &a.data, a.cities());
    assert_eq!(title, "Rome");
    assert_eq!(hits[0].to.kind(), "city");
    assert!(detail.starts_with("IT · "), "{detail}");
    assert_eq!(
        hits[0].positions,
        [0, 1, 2, 3],
        "the title's matched letters"
    );
    let kinds: BTreeSet<&str> = a
        .jump_index()
        .search(&a.matcher, a.cities(), "climate", 50)
        .iter()
        .map(|h| h.to.kind())
        .collect();
    assert!(
        kinds.contains("network") && kinds.contains("theme"),
        "{kinds:?}"
    );
}

#[test]
fn jump_to_a_network_selects_it_even_when_filtered_out() {
    let mut a = app(120, 40);
    update(&mut a, Action::StartFilter);
    type_text(&mut a, "c40");
    update(&mut a, Action::AcceptInput);
    jump(&mut a, "metropolis");
    let i = a.selected_network().expect("selected");
    assert_eq!(a.data.networks[i].id, "metropolis");
    assert_eq!(a.focus, Focus::Networks);
    assert!(a.networks.filter.is_empty());
}

#[test]
fn jump_to_a_country_opens_its_view_at_the_open_list_which_enter_filters() {
    let mut a = app(120, 40);
    jump(&mut a, "eurocities");
    update(&mut a, Action::Open);
    jump(&mut a, "norway");
    let Mode::Country(v) = &a.mode else {
        panic!("the country view");
    };
    let open = a.members.as_ref().map(|t| t.network);
    assert!(
        matches!(v.lines[v.selected], CountryLine::Network { network, .. } if Some(network) == open),
        "at Eurocities' heading"
    );
    update(&mut a, Action::Open);
    assert_eq!(a.focus, Focus::Members);
    let t = a.members.as_ref().expect("open");
    assert_eq!(t.filter, "country:no");
    let mut names = shown(&a);
    names.sort();
    assert_eq!(names, ["Bergen", "Oslo", "Stavanger"]);
}

#[test]
fn jump_to_a_theme_filters_the_network_list() {
    let mut a = app(120, 40);
    let hits = a
        .jump_index()
        .search(&a.matcher, a.cities(), "migration", 20);
    let theme_hit = hits
        .iter()
        .find(|h| h.to == Destination::Theme(Theme::Migration))
        .expect("theme listed");
    let to = theme_hit.to;
    citynet::app::update::go(&mut a, to);
    let expected = a
        .data
        .networks
        .iter()
        .filter(|n| n.themes.contains(&Theme::Migration))
        .count();
    assert_eq!(a.networks.rows.len(), expected);
    assert!(ui::status_text(&a).contains("themes: migration"));
}

#[test]
fn theme_picker_filters_by_any_selected_theme() {
    let mut a = app(120, 40);
    update(&mut a, Action::OpenThemes);
    let themes = citynet::app::update::picker_themes(&a);
    let at = |t: Theme| themes.iter().position(|(x, _)| *x == t).expect("listed");
    for _ in 0..at(Theme::Climate) {
        update(&mut a, Action::Down);
    }
    update(&mut a, Action::ToggleMark);
    let climate = themes[at(Theme::Climate)].1;
    assert_eq!(a.networks.rows.len(), climate);
    for _ in at(Theme::Climate)..at(Theme::Health) {
        update(&mut a, Action::Down);
    }
    update(&mut a, Action::ToggleMark);
    let either = a
        .data
        .networks
        .iter()
        .filter(|n| n.themes.contains(&Theme::Climate) || n.themes.contains(&Theme::Health))
        .count();
    assert_eq!(a.networks.rows.len(), either);
    assert!(
        ui::status_text(&a).contains("climate or health")
            || ui::status_text(&a).contains("health or climate")
    );
    update(&mut a, Action::ClearMarks);
    assert_eq!(a.networks.rows.len(), 30);
    update(&mut a, Action::AcceptInput);
    assert!(a.theme_cursor().is_none());
}

#[test]
fn network_query_language_scopes_to_themes_and_reports_errors() {
    let mut a = app(120, 40);
    update(&mut a, Action::StartFilter);
    type_text(&mut a, "theme:peace");
    let ids: Vec<&str> = a
        .networks
        .rows
        .iter()
        .map(|r| a.data.networks[r.network].id.as_str())
        .collect();
    assert!(ids.contains(&"peace-in-our-cities"), "{ids:?}");
    let good = a.networks.rows.clone();
    type_text(&mut a, ",nonsense");
    assert_eq!(a.networks.rows, good, "the last good result stays");
    assert!(ui::status_text(&a).contains("no theme `nonsense`"));
}

#[test]
fn copying_a_member_puts_its_line_on_the_clipboard() {
    let mut a = app(120, 40);
    jump(&mut a, "rzeszow");
    update(&mut a, Action::CopySelection);
    assert_eq!(
        clip(&a),
        Some("Rzeszów, Poland (PL) — Full member, Eurocities")
    );
    // Only the terminal loop knows how far the text got: it answers with `Copied`.
    assert!(!ui::status_text(&a).contains("Rzeszów, Poland"));
    update(&mut a, Action::Copied(Route::System("wl-copy")));
    assert_eq!(
        ui::status_text(&a),
        "Copied Rzeszów to the clipboard (by wl-copy)"
    );
    assert!(a.clipboard.is_none(), "delivered once");
    // Łódź is in three rosters: the jump opens its card, and y copies the card.
    jump(&mut a, "lodz");
    update(&mut a, Action::CopySelection);
    update(&mut a, Action::Copied(Route::Terminal(Mux::Tmux)));
    assert_eq!(
        ui::status_text(&a),
        "Sent Łódź's card to the terminal (OSC 52, through tmux); no clipboard tool confirmed it"
    );
    update(&mut a, Action::CopySelection);
    assert_eq!(
        clip(&a),
        Some(
            "Łódź, Poland (PL)\n- Covenant of Mayors: On hold\n- Eurocities: Full member\n- UCCN: Film\n"
        )
    );
    // The message lasts one action.
    update(&mut a, Action::Down);
    assert!(!ui::status_text(&a).starts_with("Copied"));
}

#[test]
fn copying_the_rows_as_csv_and_the_command() {
    let mut a = app(120, 40);
    jump(&mut a, "eurocities");
    update(&mut a, Action::Open);
    jump(&mut a, "norway");
    // The country view opens at the open roster's heading: Enter filters it.
    update(&mut a, Action::Open);
    update(&mut a, Action::ToggleTier(1));
    update(&mut a, Action::CopyCsv);
    let csv = a.clipboard.take().expect("copied").text;
    // The same bytes as the command line's CSV of the same view.
    update(&mut a, Action::CopyCommand);
    let cmd = a.clipboard.take().expect("copied").text;
    assert_eq!(
        cmd,
        "citynet members eurocities --tier full,partner --search country:no"
    );
    let words: Vec<&str> = cmd.split(' ').chain(["--format", "csv"]).collect();
    let cli = <citynet::cli::Cli as clap::Parser>::try_parse_from(&words).expect("parses");
    let Some(citynet::cli::Command::Members(args)) = cli.command else {
        panic!("not members")
    };
    let table = citynet::cli::commands::members(&a.data, &args).expect("runs");
    let printed = table
        .render(citynet::cli::Format::Csv, Default::default())
        .expect("renders");
    assert_eq!(csv.as_bytes(), printed.as_slice());
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "city,country,country_name,tier,kind,population,stated,since,lat,lon,aka,tier_label"
    );
    assert_eq!(lines.len(), 1 + shown(&a).len());
    assert!(csv.contains("Bergen,NO,Norway,full,city,"), "{csv}");
}

#[test]
fn copies_after_a_filter_that_does_not_parse_are_of_the_rows_shown() {
    let mut a = app(120, 40);
    jump(&mut a, "eurocities");
    update(&mut a, Action::Open);
    update(&mut a, Action::StartFilter);
    type_text(&mut a, "country:no");
    let good = shown(&a);
    type_text(&mut a, " |");
    assert!(a.members.as_ref().is_some_and(|t| t.error.is_some()));
    assert_eq!(shown(&a), good, "the last good rows stay");
    update(&mut a, Action::AcceptInput);
    update(&mut a, Action::CopyCommand);
    assert_eq!(
        clip(&a),
        Some("citynet members eurocities --search country:no")
    );
    update(&mut a, Action::Copied(Route::System("xclip")));
    assert!(
        ui::status_text(&a).contains("for the rows shown: the filter typed does not parse"),
        "{}",
        ui::status_text(&a)
    );
    update(&mut a, Action::CopyCsv);
    let csv = clip(&a).expect("copied").to_string();
    assert_eq!(csv.lines().count(), 1 + good.len());
    update(&mut a, Action::Copied(Route::System("xclip")));
    assert!(ui::status_text(&a).contains("does not parse"));
}

#[test]
fn copying_a_network_gives_its_summary_and_figures() {
    let mut a = app(120, 40);
    jump(&mut a, "iclei");
    update(&mut a, Action::CopySelection);
    let text = a.clipboard.expect("copied").text;
    assert!(text.starts_with("ICLEI"), "{text}");
    assert!(text.contains("more than 2,500"), "{text}");
}

#[test]
fn map_markers_are_the_filtered_roster_and_follow_the_selection() {
    let mut a = app(160, 48);
    jump(&mut a, "eurocities");
    update(&mut a, Action::Open);
    jump(&mut a, "norway");
    update(&mut a, Action::Open);
    update(&mut a, Action::ToggleMap);
    assert_eq!(a.side, Side::Map);
    let areas = citynet::layout::compute(a.screen()).expect("fits");
    let side = areas.side.expect("map shown");
    let inner = citynet::layout::inner(side);
    let map_area = Rect {
        height: inner.height - 1,
        ..inner
    };
    let (_, _, roster, _) = a.open_roster().expect("open");
    let bounds = ui::map::fit(ui::map::framing(&a).0, map_area);
    let marks = ui::map::markers(&a, &bounds, map_area);
    let mut marked: Vec<String> = marks
        .iter()
        .map(|(_, _, m)| roster.members[*m as usize].name.to_string())
        .collect();
    marked.sort();
    assert_eq!(marked, ["Bergen", "Oslo", "Stavanger"]);
    // The selected city is drawn with the selection marker at its projected cell, and
    // labelled; moving the selection moves it.
    for _ in 0..2 {
        let name = selected_member(&a);
        let m = roster_member(&a, &name);
        let (x, y) = ui::map::project(&bounds, map_area, m.0, m.1).expect("inside the frame");
        let buf = draw(&a);
        assert_eq!(buf[(x, y)].symbol(), SELECTED_MARKER, "{name}");
        // The name is beside the marker, or on the row above or below it.
        let near = (y.saturating_sub(1)..=y + 1).any(|y| {
            (map_area.x..map_area.right())
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
                .contains(&name)
        });
        assert!(near, "{name} not labelled");
        update(&mut a, Action::Down);
    }
}

fn roster_member(a: &App, name: &str) -> (f64, f64) {
    let (_, _, r, _) = a.open_roster().expect("open");
    let m = r.members.iter().find(|m| m.name == name).expect("member");
    (m.lat, m.lon)
}

#[test]
fn map_and_chart_render_legibly_at_both_sizes() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut a = app(w, h);
        jump(&mut a, "eurocities");
        update(&mut a, Action::Open);
        update(&mut a, Action::ToggleMap);
        let s = text(&draw(&a));
        assert!(s.contains("Eurocities map"), "{w}x{h}\n{s}");
        assert!(
            s.contains("● Full") && s.contains("▲ Associate") && s.contains("◆ Partner"),
            "{s}"
        );
        assert!(s.contains(SELECTED_MARKER), "{s}");
        update(&mut a, Action::ToggleChart);
        let s = text(&draw(&a));
        assert!(s.contains("Members per country"), "{s}");
        assert!(s.contains("DE Germany"), "{s}");
    }
}

#[test]
fn country_chart_counts_follow_the_tier_toggles() {
    let mut a = app(120, 40);
    jump(&mut a, "eurocities");
    update(&mut a, Action::Open);
    let counts = ui::charts::country_counts(&a);
    let total: usize = counts.iter().map(|c| c.2).sum();
    assert_eq!(total, 202);
    let (_, _, r, _) = a.open_roster().expect("open");
    let de = r.members.iter().filter(|m| m.country == "DE").count();
    assert_eq!(counts.iter().find(|c| c.0 == "DE").map(|c| c.2), Some(de));
    assert!(
        counts.windows(2).all(|w| w[0].2 >= w[1].2),
        "sorted by count"
    );
    update(&mut a, Action::ToggleTier(0));
    let after: usize = ui::charts::country_counts(&a).iter().map(|c| c.2).sum();
    assert_eq!(after, 202 - 117);
}

#[test]
fn network_sizes_chart_keeps_qualifiers_and_both_extremes() {
    let mut a = app(120, 40);
    update(&mut a, Action::ToggleChart);
    assert_eq!(a.right, Right::Sizes);
    let s = text(&draw(&a));
    assert!(s.contains("Network sizes"), "{s}");
    assert!(s.contains("250,000"), "{s}");
    assert!(s.contains("more than 90"), "{s}");
    assert!(s.contains("nearly 100"), "{s}");
    let sizes = ui::charts::sizes(&a.data);
    assert_eq!(sizes[0].0.id, "uclg");
    assert!(sizes.windows(2).all(|w| w[0].1.value >= w[1].1.value));
}

#[test]
fn member_query_language_and_its_errors() {
    let mut a = app(120, 40);
    jump(&mut a, "eurocities");
    update(&mut a, Action::Open);
    update(&mut a, Action::StartFilter);
    type_text(&mut a, "country:de tier:full !^b");
    let names = shown(&a);
    assert!(names.contains(&"Munich".to_string()), "{names:?}");
    assert!(names.iter().all(|n| !n.starts_with('B')), "{names:?}");
    let good = names.len();
    // A tier this roster does not have: the status line says so, the rows stay.
    update(&mut a, Action::ClearInput);
    type_text(&mut a, "tier:full");
    assert_eq!(shown(&a).len(), 117);
    type_text(&mut a, ",gold");
    assert_eq!(shown(&a).len(), 117, "last good result kept");
    let status = ui::status_text(&a);
    assert!(status.contains("no tier `gold`"), "{status}");
    assert!(status.contains("full, associate, partner"), "{status}");
    update(&mut a, Action::ClearInput);
    type_text(&mut a, "^oslo | ^lodz");
    let mut both = shown(&a);
    both.sort();
    assert_eq!(both, ["Oslo", "Łódź"]);
    assert!(good > 0);
}

#[test]
fn a_partial_roster_says_so_early_in_the_status_line_and_chips_fit() {
    let mut a = app(80, 24);
    jump(&mut a, "uccn");
    update(&mut a, Action::Open);
    let status = ui::status_text(&a);
    assert!(
        status.starts_with("382 of 382 shown · partial list: 382 of 408"),
        "{status}"
    );
    // Eight categories at 80 columns: every chip is on screen.
    let s = text(&draw(&a));
    for chip in ["1●", "4●", "8●"] {
        assert!(s.contains(chip), "{chip} missing:\n{s}");
    }
}
