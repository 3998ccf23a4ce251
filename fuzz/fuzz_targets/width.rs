//! Arbitrary text measured, escaped and cut as every pane and table does it: the width
//! counted must be the width ratatui draws, escaped text must hold nothing a terminal
//! misdraws, and a cut must fit and end between grapheme clusters (issue 18).

#![no_main]

use citynet_core::text::{first_hazard, safe, truncate, width};
use libfuzzer_sys::fuzz_target;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use unicode_segmentation::UnicodeSegmentation;

fuzz_target!(|input: (u8, &str)| {
    let (max, text) = input;
    let max = usize::from(max % 64);
    let shown = safe(text);
    assert_eq!(first_hazard(&shown), None, "{shown:?}");
    let w = width(&shown);
    // Drawn on a line wide enough for any of it.
    let line = u16::try_from(w + 1).unwrap_or(u16::MAX);
    let mut buf = Buffer::empty(Rect::new(0, 0, line, 1));
    let (x, _) = buf.set_stringn(0, 0, &shown, usize::from(line), Style::default());
    if w < usize::from(u16::MAX) {
        assert_eq!(usize::from(x), w, "{shown:?}");
    }
    let cut = truncate(&shown, max);
    assert!(width(&cut) <= max, "{shown:?} cut to {max}: {cut:?}");
    let kept = cut.strip_suffix('…').unwrap_or(&cut);
    assert!(shown.starts_with(kept));
    assert!(
        kept.len() == shown.len()
            || shown.grapheme_indices(true).any(|(i, _)| i == kept.len()),
        "{shown:?} cut inside a cluster: {kept:?}"
    );
});
