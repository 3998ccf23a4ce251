//! Robustness, round two (issue 18), in the panes: no view loops on a data value without a
//! bound, and the width the layout counts is the width ratatui draws, cluster by cluster.

use citynet::app::{Action, App, update};
use citynet::embedded::embedded;
use citynet::theme::Theme;
use citynet::ui;
use citynet_core::data::Measure;
use citynet_core::text::{safe, truncate, width};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

/// The network-size chart of a dataset whose largest figure is u64::MAX: validation refuses
/// it, but the view must not depend on that. It once spun for ever in the decade loop.
#[test]
fn the_size_chart_draws_the_largest_number_there_is() {
    let mut data = embedded().expect("the embedded dataset");
    let figure = data
        .networks
        .iter_mut()
        .flat_map(|n| n.figures.iter_mut())
        .find(|f| f.measure == Measure::Members)
        .expect("a member figure");
    figure.value = u64::MAX;
    let mut app = App::new(data, Theme::mono(), Rect::new(0, 0, 120, 40));
    update(&mut app, Action::ToggleChart);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("a test backend");
    terminal.draw(|f| ui::view(f, &app)).expect("drawn");
    let screen: String = terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect();
    assert!(screen.contains("Network sizes"), "{screen}");
    assert!(screen.contains("18,446,744,073,709,551,615"), "{screen}");
}

/// Pieces terminals and ratatui are known to disagree on when measured by `char`.
const PIECES: &[&str] = &[
    "a",
    "Ł",
    "ó",
    "東",
    "🇩🇪",
    "🇫",
    "\u{200d}",
    "👩\u{200d}🔬",
    "e\u{301}",
    "\u{301}",
    "ก",
    "ำ",
    "\u{e31}",
    "क्ष",
    "ि",
    "\u{2028}",
    "\u{61c}",
    "\u{ad}",
    "\u{fdd0}",
    "\u{feff}",
    " ",
    "\u{1b}",
    "\u{ff9e}",
    "\u{fe0f}",
    "\t",
];

/// The columns ratatui's buffer takes to draw `s`.
fn drawn_width(s: &str) -> usize {
    let mut buf = Buffer::empty(Rect::new(0, 0, 200, 1));
    let (x, _) = buf.set_stringn(0, 0, s, 200, Style::default());
    usize::from(x)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, rng_seed: proptest::test_runner::RngSeed::Fixed(18), ..ProptestConfig::default() })]

    #[test]
    fn widths_agree_with_ratatui_and_cuts_keep_clusters_whole(
        picks in proptest::collection::vec(0..PIECES.len(), 0..12),
        max in 0usize..20,
    ) {
        let s: String = picks.iter().map(|&i| PIECES[i]).collect();
        let shown = safe(&s);
        // What the layout counts is what ratatui draws.
        prop_assert_eq!(width(&shown), drawn_width(&shown), "{:?}", shown);
        // Escaped, nothing invisible or misdrawn is left.
        prop_assert_eq!(citynet_core::text::first_hazard(&shown), None, "{:?}", shown);
        let cut = truncate(&shown, max);
        prop_assert!(width(&cut) <= max, "{:?} cut to {} is {:?}", shown, max, cut);
        prop_assert_eq!(drawn_width(&cut), width(&cut));
        // The cut is whole clusters of the text, then the ellipsis.
        let kept = cut.strip_suffix('…').unwrap_or(&cut);
        prop_assert!(shown.starts_with(kept));
        use unicode_segmentation::UnicodeSegmentation;
        let boundaries: Vec<usize> = shown.grapheme_indices(true).map(|(i, _)| i).chain([shown.len()]).collect();
        prop_assert!(boundaries.contains(&kept.len()), "{:?} is cut inside a cluster: {:?}", shown, kept);
    }
}
