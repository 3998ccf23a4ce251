//! Styled text for the panes: highlighted matches and word-wrapped spans, in terminal
//! columns by grapheme cluster. Escaping and measuring plain text is the engine's
//! (`citynet_core::text`), shared with the command line; it is re-exported here so that
//! every pane says `text::safe`.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_segmentation::UnicodeSegmentation;

pub use citynet_core::text::{grapheme_width, safe, truncate, width};

/// Spans for `text` with the characters at `positions` (char indices) in `hit`, cut to
/// `max` columns. A grapheme cluster is hit when any of its characters is, and is never
/// split between two spans: ratatui draws each span's clusters on their own, so an accent
/// split from its letter would be drawn alone.
pub fn highlighted(
    text: &str,
    positions: &[usize],
    base: Style,
    hit: Style,
    max: usize,
) -> Vec<Span<'static>> {
    let fits = width(text) <= max;
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut run = String::new();
    let mut run_hit = false;
    let mut used = 0;
    let mut p = positions.iter().peekable();
    let limit = if fits { max } else { max.saturating_sub(1) };
    let mut first_char = 0;
    for g in text.graphemes(true) {
        let chars = g.chars().count();
        let next_char = first_char + chars;
        let w = grapheme_width(g);
        if used + w > limit {
            break;
        }
        used += w;
        while p.peek().is_some_and(|&&x| x < first_char) {
            p.next();
        }
        let is_hit = p.peek().is_some_and(|&&x| x < next_char);
        first_char = next_char;
        if is_hit != run_hit && !run.is_empty() {
            spans.push(Span::styled(
                std::mem::take(&mut run),
                if run_hit { hit } else { base },
            ));
        }
        run_hit = is_hit;
        run.push_str(g);
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, if run_hit { hit } else { base }));
    }
    if !fits && max > 0 {
        spans.push(Span::styled("…", base));
    }
    spans
}

/// Word-wraps styled spans into lines of at most `max` columns. Words longer than a line
/// are broken. Leading `indent` columns are added to continuation lines.
pub fn wrap(spans: Vec<Span<'static>>, max: usize, indent: usize) -> Vec<Line<'static>> {
    let max = max.max(1);
    let indent = indent.min(max / 2);
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut current: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    // Split into (word, style) pieces, keeping spaces attached as separators.
    let mut pieces: Vec<(String, Style)> = Vec::new();
    for s in spans {
        let style = s.style;
        let mut word = String::new();
        for c in s.content.chars() {
            if c == ' ' {
                word.push(c);
                pieces.push((std::mem::take(&mut word), style));
            } else {
                word.push(c);
            }
        }
        if !word.is_empty() {
            pieces.push((word, style));
        }
    }
    let flush = |current: &mut Vec<Span<'static>>, lines: &mut Vec<Line<'static>>| {
        if let Some(last) = current.last_mut() {
            let trimmed = last.content.trim_end().to_string();
            last.content = trimmed.into();
        }
        lines.push(Line::from(std::mem::take(current)));
    };
    for (word, style) in pieces {
        let w = width(word.trim_end());
        if used > 0 && used + w > max {
            flush(&mut current, &mut lines);
            current.push(Span::raw(" ".repeat(indent)));
            used = indent;
        }
        if w > max - used {
            // A word too long for any line: break it.
            let mut chunk = String::new();
            for g in word.graphemes(true) {
                let cw = grapheme_width(g);
                if used + cw > max {
                    current.push(Span::styled(std::mem::take(&mut chunk), style));
                    flush(&mut current, &mut lines);
                    current.push(Span::raw(" ".repeat(indent)));
                    used = indent;
                }
                chunk.push_str(g);
                used += cw;
            }
            if !chunk.is_empty() {
                current.push(Span::styled(chunk, style));
            }
            continue;
        }
        used += width(&word);
        current.push(Span::styled(word, style));
    }
    if !current.is_empty() || lines.is_empty() {
        flush(&mut current, &mut lines);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(lines: &[Line]) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn wrapping_respects_width_and_words() {
        let lines = wrap(vec![Span::raw("the quick brown fox jumps")], 10, 0);
        assert_eq!(plain(&lines), ["the quick", "brown fox", "jumps"]);
        for l in &lines {
            assert!(l.width() <= 10);
        }
        let long = wrap(vec![Span::raw("abcdefghijkl")], 5, 0);
        assert_eq!(plain(&long), ["abcde", "fghij", "kl"]);
    }

    #[test]
    fn highlight_marks_the_right_characters() {
        let hit = Style::default().add_modifier(ratatui::style::Modifier::BOLD);
        let spans = highlighted("Łódź", &[0, 3], Style::default(), hit, 10);
        let text: Vec<(&str, bool)> = spans
            .iter()
            .map(|s| (s.content.as_ref(), s.style == hit))
            .collect();
        assert_eq!(text, [("Ł", true), ("ód", false), ("ź", true)]);
        // A match on a combining accent takes its whole cluster, never half of it.
        let spans = highlighted("Zu\u{308}rich", &[2], Style::default(), hit, 10);
        let text: Vec<&str> = spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(text, ["Z", "u\u{308}", "rich"]);
    }

    #[test]
    fn long_words_break_between_clusters() {
        let lines = wrap(vec![Span::raw("🇩🇪🇩🇪🇩🇪")], 3, 0);
        assert_eq!(plain(&lines), ["🇩🇪", "🇩🇪", "🇩🇪"]);
    }
}
