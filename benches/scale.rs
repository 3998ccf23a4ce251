//! How citynet feels at the size of the largest networks: load, first frame, the indexes
//! built behind it, opening the member table, a keystroke in the member filter, a tier
//! toggle, a sort change, a page down and a keystroke in the jump prompt, each followed by
//! the re-render it causes, for
//! rosters of 202 (the embedded Eurocities roster), 10,000 and 250,000 members
//! (generated, `citynet_testdata`).
//!
//! ```text
//! cargo bench --bench scale                  # everything (a few minutes)
//! cargo bench --bench scale -- 250000        # one size
//! cargo bench --bench scale -- keystroke/b/  # one benchmark, every size
//! ```
//!
//! Only the step itself is timed: rebuilding the state before each step (cloning the
//! dataset, restoring the member table, drawing the screen the step starts from) and
//! dropping what it produced are left out, the way a person at the keyboard never waits
//! for them.

use std::hint::black_box;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use citynet::app::{Action, App, MemberTable, Mode, Prepared, prepare, prepare_valid, update};
use citynet::theme::Theme;
use citynet::ui;
use citynet_core::data::{self, Dataset};
use citynet_testdata::{DEFAULT_SEED, roster_dataset, to_ron};
use criterion::{BenchmarkId, Criterion, criterion_group};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;

/// One roster size: the dataset, the network whose roster is measured, and the RON text
/// the dataset is loaded from (none for the embedded dataset, which `data::embedded`
/// loads, all of its rosters included).
struct Fixture {
    size: usize,
    network: usize,
    text: Option<String>,
    data: Dataset,
}

/// The roster sizes measured, smallest first. `main` runs every benchmark of one size
/// before the next size's data is generated, so the small sizes are measured in a small
/// process, as the binary runs them: glibc's malloc is several times slower at small
/// allocations in a heap that has held a quarter of a million members.
const SIZES: [usize; 3] = [202, 10_000, 250_000];

fn fixture(size: usize) -> &'static Fixture {
    static F: [OnceLock<Fixture>; 3] = [const { OnceLock::new() }; 3];
    let i = SIZES
        .iter()
        .position(|&s| s == size)
        .expect("a measured size");
    F[i].get_or_init(|| {
        let f = if i == 0 {
            let embedded = citynet::embedded::embedded().expect("embedded dataset loads");
            make_fixture(embedded, "eurocities", None)
        } else {
            let generated = roster_dataset(size, DEFAULT_SEED);
            let text = to_ron(&generated).expect("writes RON");
            make_fixture(generated, "synthetic", Some(text))
        };
        assert_eq!(f.size, size, "the fixture's roster size");
        f
    })
}

fn make_fixture(data: Dataset, network: &str, text: Option<String>) -> Fixture {
    let network = data
        .networks
        .iter()
        .position(|n| n.id == network)
        .expect("network in the dataset");
    let size = data.networks[network]
        .roster
        .as_ref()
        .map_or(0, |r| r.members.len());
    Fixture {
        size,
        network,
        text,
        data,
    }
}

/// What the binary does before its first frame. For the embedded dataset: decode what the
/// build script parsed and validated (`build.rs`). For a generated file: parse it (its
/// member lists on both cores: `data::split`) and validate it (`app::prepare`).
fn load(f: &Fixture) -> Prepared {
    match &f.text {
        Some(text) => checked(data::parse_dataset("generated.ron", text).expect("parses")),
        None => prepare_valid(citynet::embedded::embedded().expect("loads")),
    }
}

fn checked(d: Dataset) -> Prepared {
    match prepare(d) {
        Ok(p) => p,
        Err(problems) => panic!("{:?}", problems.first()),
    }
}

/// The app with `network`'s member table open, as a person gets it after Enter.
fn open_app(data: Dataset, network: usize) -> App {
    let app = App::new(data, Theme::mono(), Rect::new(0, 0, WIDTH, HEIGHT));
    open_table(app, network)
}

fn open_table(mut app: App, network: usize) -> App {
    open_table_in(&mut app, network);
    app
}

fn open_table_in(app: &mut App, network: usize) {
    let row = app
        .networks
        .rows
        .iter()
        .position(|r| r.network == network)
        .expect("network listed");
    app.networks.selected = row;
    update(app, Action::Open);
    assert!(app.members.is_some(), "member table open");
}

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("test terminal")
}

fn draw(term: &mut Terminal<TestBackend>, app: &App) {
    term.draw(|frame| ui::view(frame, app)).expect("draws");
}

fn type_text(app: &mut App, s: &str) {
    for c in s.chars() {
        update(app, Action::Input(c));
    }
}

/// A state to measure a step from: the app, its member table to restore before each
/// step, and a terminal.
struct Stage {
    app: App,
    table: Option<MemberTable>,
    term: Terminal<TestBackend>,
}

impl Stage {
    /// The member table open, in the filter with `typed` typed (or browsing, with `None`).
    fn new(f: &Fixture, typed: Option<&str>, editing: bool) -> Stage {
        let mut app = open_app(f.data.clone(), f.network);
        if let Some(q) = typed {
            update(&mut app, Action::StartFilter);
            type_text(&mut app, q);
            if !editing {
                update(&mut app, Action::AcceptInput);
            }
        }
        let table = app.members.clone();
        Stage {
            app,
            table,
            term: terminal(),
        }
    }

    /// Times `step` + the re-render, from the same starting state every time.
    fn measure(&mut self, iters: u64, step: &dyn Fn(&mut App)) -> Duration {
        let mut total = Duration::ZERO;
        for _ in 0..iters {
            self.app.members = self.table.clone();
            draw(&mut self.term, &self.app);
            let start = Instant::now();
            step(&mut self.app);
            draw(&mut self.term, &self.app);
            total += start.elapsed();
        }
        total
    }
}

fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(2))
        .sample_size(10)
        .without_plots()
}

fn bench_load(c: &mut Criterion, size: usize) {
    let mut g = c.benchmark_group("load");
    if size == SIZES[0] {
        // For comparison: what start-up would cost if the binary parsed and validated the
        // embedded RON itself, as it did before the build script took that over.
        g.bench_function("202-from-ron", |b| {
            b.iter_with_large_drop(|| checked(data::parse::embedded_from_ron().expect("parses")))
        });
    }
    {
        let f = fixture(size);
        g.bench_with_input(BenchmarkId::from_parameter(f.size), f, |b, f| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let start = Instant::now();
                    let d = black_box(load(f));
                    total += start.elapsed();
                    drop(d);
                }
                total
            })
        });
        if let Some(text) = &f.text {
            // Every later load of the same file: hash it, decode the copy kept in the
            // cache directory (`data::cache`), which stands for a file that validated.
            let key = data::cache::Key::of(text.as_bytes(), "bench");
            let entry = data::cache::encode(&f.data, &key);
            g.bench_function(BenchmarkId::new("cached", f.size), |b| {
                b.iter_with_large_drop(|| {
                    let key = data::cache::Key::of(black_box(text.as_bytes()), "bench");
                    let d = data::cache::decode(black_box(&entry), &key).expect("decodes");
                    prepare_valid(d)
                })
            });
        }
    }
    g.finish();
}

/// The first screen: the app state built on the loaded dataset, and drawn (the network
/// list and the first network's detail). No index is built yet: the binary starts
/// building them on another thread at this point (`index`, below).
fn bench_first_frame(c: &mut Criterion, size: usize) {
    let mut g = c.benchmark_group("first_frame");
    {
        let f = fixture(size);
        g.bench_with_input(BenchmarkId::from_parameter(f.size), f, |b, f| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let prepared = prepare_valid(f.data.clone());
                    let start = Instant::now();
                    let app =
                        App::from_prepared(prepared, Theme::mono(), Rect::new(0, 0, WIDTH, HEIGHT));
                    let mut term = terminal();
                    draw(&mut term, &app);
                    total += start.elapsed();
                    drop((app, term));
                }
                total
            })
        });
    }
    g.finish();
}

/// What the background thread does after the first frame: every roster index, and the
/// city index where there are two rosters or more. A member table opened before it is
/// done waits for the rest.
fn bench_index(c: &mut Criterion, size: usize) {
    let mut g = c.benchmark_group("index");
    {
        let f = fixture(size);
        g.bench_with_input(BenchmarkId::from_parameter(f.size), f, |b, f| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let app = App::new(
                        f.data.clone(),
                        Theme::mono(),
                        Rect::new(0, 0, WIDTH, HEIGHT),
                    );
                    let start = Instant::now();
                    app.indexes.build_all();
                    total += start.elapsed();
                    drop(app);
                }
                total
            })
        });
    }
    g.finish();
}

/// Enter on the network with the roster, its index built: the member table's first frame.
fn bench_open(c: &mut Criterion, size: usize) {
    let mut g = c.benchmark_group("open");
    {
        let f = fixture(size);
        let mut app = None;
        g.bench_function(BenchmarkId::from_parameter(f.size), |b| {
            let app = app.get_or_insert_with(|| {
                let app = App::new(
                    f.data.clone(),
                    Theme::mono(),
                    Rect::new(0, 0, WIDTH, HEIGHT),
                );
                app.indexes.build_all();
                app
            });
            let mut term = terminal();
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    app.members = None;
                    app.focus = citynet::app::Focus::Networks;
                    draw(&mut term, app);
                    let start = Instant::now();
                    open_table_in(app, f.network);
                    draw(&mut term, app);
                    total += start.elapsed();
                }
                total
            })
        });
    }
    g.finish();
}

/// One key typed into the member filter, which already holds all of `query` but its last
/// character. `zq` (a typo after a letter that matches thousands) matches nothing in any
/// of the rosters.
fn bench_keystroke(c: &mut Criterion, size: usize) {
    let mut g = c.benchmark_group("keystroke");
    for query in ["b", "be", "ber", "berl", "zq"] {
        let (before, last) = query.split_at(query.len() - 1);
        let last = last.chars().next().expect("a character");
        {
            let f = fixture(size);
            // Built only when the benchmark is selected to run.
            let mut stage = None;
            g.bench_function(BenchmarkId::new(query, f.size), |b| {
                let stage = stage.get_or_insert_with(|| {
                    if query == "zq" {
                        let probe = Stage::new(f, Some(query), true);
                        let rows = probe.app.members.as_ref().map_or(0, |t| t.search.len());
                        assert_eq!(rows, 0, "`{query}` matches nothing at {}", f.size);
                    }
                    Stage::new(f, Some(before), true)
                });
                b.iter_custom(|iters| stage.measure(iters, &|app| update(app, Action::Input(last))))
            });
        }
    }
    g.finish();
}

/// The last key of a query in the filter language (`country:de`, `^ber`, `a | b`), which
/// takes the evaluator's path rather than the plain fuzzy one.
fn bench_query_language(c: &mut Criterion, size: usize) {
    let mut g = c.benchmark_group("query_language");
    let queries = [
        ("country_de", "country:de"),
        ("country_de_ber", "country:de ber"),
        ("prefix_ber", "^ber"),
        ("ber_or_lin", "ber | lin"),
    ];
    for (label, query) in queries {
        let (before, last) = query.split_at(query.len() - 1);
        let last = last.chars().next().expect("a character");
        let mut stage = None;
        g.bench_function(BenchmarkId::new(label, size), |b| {
            let stage = stage.get_or_insert_with(|| Stage::new(fixture(size), Some(before), true));
            b.iter_custom(|iters| stage.measure(iters, &|app| update(app, Action::Input(last))))
        });
    }
    g.finish();
}

/// Tier toggles, sort changes and paging, while browsing and while the filter holds `b`
/// (the query that matches the most rows).
fn bench_table_steps(c: &mut Criterion, size: usize) {
    let steps: [(&str, Action); 3] = [
        ("toggle_tier", Action::ToggleTier(0)),
        ("sort", Action::SortNext),
        ("page_down", Action::PageDown),
    ];
    for (name, action) in steps {
        let mut g = c.benchmark_group(name);
        for typed in [None, Some("b")] {
            let label = if typed.is_some() { "query_b" } else { "browse" };
            {
                let f = fixture(size);
                let mut stage = None;
                g.bench_function(BenchmarkId::new(label, f.size), |b| {
                    let stage = stage.get_or_insert_with(|| Stage::new(f, typed, false));
                    b.iter_custom(|iters| stage.measure(iters, &|app| update(app, action)))
                });
            }
        }
        g.finish();
    }
}

/// The city pivot on 250,000 members spread over three overlapping generated rosters:
/// opening a member's city card, and comparing two networks, each with its render. The
/// city index is built first, as the binary's background thread does after the first
/// frame, so neither waits for it.
fn bench_pivot(c: &mut Criterion) {
    let data = citynet_testdata::pivot_dataset(250_000, 3, DEFAULT_SEED);
    let prepared = match prepare(data) {
        Ok(p) => p,
        Err(problems) => panic!("{:?}", problems.first()),
    };
    let app = App::from_prepared(prepared, Theme::mono(), Rect::new(0, 0, WIDTH, HEIGHT));
    app.indexes.build_all();
    let mut app = open_table(app, 0);
    let mut term = terminal();
    let mut g = c.benchmark_group("pivot");
    g.bench_function("city_card/250000", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                app.mode = Mode::Browse;
                draw(&mut term, &app);
                let start = Instant::now();
                update(&mut app, Action::Open);
                draw(&mut term, &app);
                total += start.elapsed();
                assert!(app.card().is_some(), "card open");
            }
            total
        })
    });
    app.mode = Mode::Browse;
    update(&mut app, Action::Back);
    for n in [0, 1] {
        let row = app
            .networks
            .rows
            .iter()
            .position(|r| r.network == n)
            .expect("network listed");
        app.networks.selected = row;
        update(&mut app, Action::Mark);
    }
    g.bench_function("two_network_intersection/250000", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                app.comparison = None;
                app.right = citynet::app::Right::Detail;
                app.focus = citynet::app::Focus::Networks;
                draw(&mut term, &app);
                let start = Instant::now();
                update(&mut app, Action::Compare);
                draw(&mut term, &app);
                total += start.elapsed();
                assert!(app.comparison.is_some(), "compared");
            }
            total
        })
    });
    g.finish();
}

/// One key typed into the jump prompt (networks, cities, countries, themes), which already
/// holds all of the query but its last character, + redraw. The city index and its search
/// keys are built first, as the first use of the prompt builds them.
fn bench_jump(c: &mut Criterion, size: usize) {
    let mut g = c.benchmark_group("jump");
    for query in ["b", "be", "ber", "berl"] {
        let (before, last) = query.split_at(query.len() - 1);
        let last = last.chars().next().expect("a character");
        let mut stage = None;
        g.bench_function(BenchmarkId::new(query, size), |b| {
            // The prompt as it stands before the key, kept with the app: this closure runs
            // more than once, and the app it leaves has the key typed.
            let (app, term, jump) = stage.get_or_insert_with(|| {
                let f = fixture(size);
                let mut app = App::new(
                    f.data.clone(),
                    Theme::mono(),
                    Rect::new(0, 0, WIDTH, HEIGHT),
                );
                let _ = app
                    .jump_index()
                    .search(&app.matcher, app.cities(), "warm", 1);
                update(&mut app, Action::OpenJump);
                type_text(&mut app, before);
                let jump = app.mode.clone();
                (app, terminal(), jump)
            });
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    app.mode = jump.clone();
                    draw(term, app);
                    let start = Instant::now();
                    update(app, Action::Input(last));
                    draw(term, app);
                    total += start.elapsed();
                    let hits = app.jump().map_or(0, |j| j.hits.len());
                    assert!(hits > 0, "`{query}` finds something");
                }
                total
            })
        });
    }
    g.finish();
}

/// The biggest embedded list, the Covenant of Mayors' 11,972 members: a key typed in its
/// member table's filter (plain and in the filter language) + redraw, which a person
/// browsing the built-in data meets most.
fn bench_covenant(c: &mut Criterion) {
    static F: OnceLock<Fixture> = OnceLock::new();
    let f = F.get_or_init(|| {
        let embedded = citynet::embedded::embedded().expect("embedded dataset loads");
        make_fixture(embedded, "covenant-of-mayors", None)
    });
    let mut g = c.benchmark_group("covenant");
    for (label, query) in [
        ("b", "b"),
        ("be", "be"),
        ("berl", "berl"),
        ("ber_or_lin", "ber | lin"),
    ] {
        let (before, last) = query.split_at(query.len() - 1);
        let last = last.chars().next().expect("a character");
        let mut stage = None;
        g.bench_function(BenchmarkId::new(label, f.size), |b| {
            let stage = stage.get_or_insert_with(|| Stage::new(f, Some(before), true));
            b.iter_custom(|iters| stage.measure(iters, &|app| update(app, Action::Input(last))))
        });
    }
    g.finish();
}

fn by_size(c: &mut Criterion) {
    for size in SIZES {
        bench_load(c, size);
        bench_first_frame(c, size);
        bench_index(c, size);
        bench_open(c, size);
        bench_keystroke(c, size);
        bench_query_language(c, size);
        bench_table_steps(c, size);
        bench_jump(c, size);
    }
}

criterion_group! {
    name = benches;
    config = config();
    targets = by_size, bench_covenant, bench_pivot
}

/// criterion's main, framed by the machine's load (a shared machine's figures are only
/// worth as much as its quiet) and followed by each benchmark's median and spread over
/// its samples, which criterion's mean and confidence interval do not show.
fn main() {
    let started = std::time::SystemTime::now();
    eprintln!("machine: {}", machine_load());
    benches();
    Criterion::default().configure_from_args().final_summary();
    eprintln!("machine: {}", machine_load());
    summary::print(started);
}

fn machine_load() -> String {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let load: Vec<&str> = load.split_whitespace().take(3).collect();
    format!("{cores} cores, load average {}", load.join(" "))
}

mod summary {
    //! Medians and spreads from the samples criterion wrote
    //! (`target/criterion/<id>/new/sample.json`) for the benchmarks this run measured;
    //! also written to `target/criterion/summary.tsv` for `tools/bench/readme.sh`.

    use std::path::{Path, PathBuf};
    use std::time::SystemTime;

    fn samples(dir: &Path, since: SystemTime, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                samples(&p, since, out);
            } else if p.ends_with("new/sample.json")
                && e.metadata()
                    .and_then(|m| m.modified())
                    .is_ok_and(|t| t >= since)
            {
                out.push(p);
            }
        }
    }

    /// (id, median, lowest, highest) in nanoseconds per iteration.
    fn read(sample: &Path) -> Option<(String, f64, f64, f64)> {
        let text = std::fs::read_to_string(sample).ok()?;
        let v: serde_json::Value = serde_json::from_str(&text).ok()?;
        let iters = v["iters"].as_array()?;
        let times = v["times"].as_array()?;
        let mut per: Vec<f64> = iters
            .iter()
            .zip(times)
            .filter_map(|(i, t)| Some(t.as_f64()? / i.as_f64()?))
            .collect();
        if per.is_empty() {
            return None;
        }
        per.sort_by(f64::total_cmp);
        let n = per.len();
        let median = if n % 2 == 1 {
            per[n / 2]
        } else {
            (per[n / 2 - 1] + per[n / 2]) / 2.0
        };
        let bench = std::fs::read_to_string(sample.with_file_name("benchmark.json")).ok()?;
        let b: serde_json::Value = serde_json::from_str(&bench).ok()?;
        let id = b["full_id"].as_str()?.to_string();
        Some((id, median, per[0], per[n - 1]))
    }

    fn time(ns: f64) -> String {
        if ns >= 1e9 {
            format!("{:.2} s", ns / 1e9)
        } else if ns >= 1e6 {
            format!("{:.3} ms", ns / 1e6)
        } else {
            format!("{:.1} µs", ns / 1e3)
        }
    }

    pub fn print(since: SystemTime) {
        let root = std::env::var_os("CARGO_TARGET_DIR")
            .map_or_else(|| PathBuf::from("target"), PathBuf::from)
            .join("criterion");
        let mut found = Vec::new();
        samples(&root, since, &mut found);
        let mut rows: Vec<_> = found.iter().filter_map(|p| read(p)).collect();
        if rows.is_empty() {
            return;
        }
        rows.sort_by(|a, b| a.0.cmp(&b.0));
        eprintln!(
            "\nmedian per step (lowest-highest sample), {} benchmarks:",
            rows.len()
        );
        let mut tsv = String::from("id\tmedian_ns\tlow_ns\thigh_ns\n");
        for (id, median, low, high) in &rows {
            eprintln!(
                "  {id:48} {:>11}  ({} - {})",
                time(*median),
                time(*low),
                time(*high)
            );
            tsv.push_str(&format!("{id}\t{median:.0}\t{low:.0}\t{high:.0}\n"));
        }
        let _ = std::fs::write(root.join("summary.tsv"), tsv);
    }
}
