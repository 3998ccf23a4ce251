//! Width-aware text helpers: terminal columns, not bytes or chars, so that Łódź, İzmir
//! and wide characters keep the columns aligned.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use citynet_core::data::validate::is_unsafe;

/// Text from a data file never reaches the terminal raw: control characters and
/// direction overrides are shown escaped (`\u{1b}`), everything else as is.
pub fn safe(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Cuts `s` to at most `max` columns, ending with `…` when it had to cut.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// Spans for `text` with the characters at `positions` (char indices) in `hit`, cut to
/// `max` columns.
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
    for (i, c) in text.chars().enumerate() {
        let w = c.width().unwrap_or(0);
        if used + w > limit {
            break;
        }
        used += w;
        while p.peek().is_some_and(|&&x| x < i) {
            p.next();
        }
        let is_hit = p.peek().is_some_and(|&&x| x == i);
        if is_hit != run_hit && !run.is_empty() {
            spans.push(Span::styled(
                std::mem::take(&mut run),
                if run_hit { hit } else { base },
            ));
        }
        run_hit = is_hit;
        run.push(c);
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
            for c in word.chars() {
                let cw = c.width().unwrap_or(0);
                if used + cw > max {
                    current.push(Span::styled(std::mem::take(&mut chunk), style));
                    flush(&mut current, &mut lines);
                    current.push(Span::raw(" ".repeat(indent)));
                    used = indent;
                }
                chunk.push(c);
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
    fn truncation_counts_columns() {
        assert_eq!(truncate("Łódź", 4), "Łódź");
        assert_eq!(truncate("Reggio Calabria", 8), "Reggio …");
        assert_eq!(width(&truncate("東京都東京都", 5)), 5);
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
    fn unsafe_text_is_escaped() {
        assert_eq!(safe("Ber\u{1b}[2Jlin"), "Ber\\u{1b}[2Jlin");
        assert_eq!(safe("a\u{202e}b"), "a\\u{202e}b");
        assert_eq!(safe("Łódź"), "Łódź");
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
    }
}
