//! Text for a terminal, without styles: what a data file's text may show as, how many
//! columns it takes, cut to a width, wrapped to one. Below the view, the app's layout and
//! the command line, which all measure and print the same text.

// One escape, one measure, one cut for all terminal-bound text: the engine's
// (`citynet_core::text`: grapheme clusters, hazards escaped). Only wrapping lives here.
pub use citynet_core::text::{grapheme_width, safe, truncate, width};
use unicode_segmentation::UnicodeSegmentation;

/// Word-wraps tagged pieces of text (the tag says how a piece is to look) into lines of
/// at most `max` columns. Words longer than a line are broken; continuation lines start
/// with `indent` columns of blank, tagged `T::default()`.
pub fn wrap<T: Copy + Default>(
    pieces: Vec<(String, T)>,
    max: usize,
    indent: usize,
) -> Vec<Vec<(String, T)>> {
    let max = max.max(1);
    let indent = indent.min(max / 2);
    let mut lines: Vec<Vec<(String, T)>> = Vec::new();
    let mut current: Vec<(String, T)> = Vec::new();
    let mut used = 0;
    // Words, each with the spaces after it, so that a line can end at any of them.
    let mut words: Vec<(String, T)> = Vec::new();
    for (text, tag) in pieces {
        let mut word = String::new();
        for c in text.chars() {
            word.push(c);
            if c == ' ' {
                words.push((std::mem::take(&mut word), tag));
            }
        }
        if !word.is_empty() {
            words.push((word, tag));
        }
    }
    let flush = |current: &mut Vec<(String, T)>, lines: &mut Vec<Vec<(String, T)>>| {
        if let Some((last, _)) = current.last_mut() {
            let trimmed = last.trim_end().len();
            last.truncate(trimmed);
        }
        lines.push(std::mem::take(current));
    };
    for (word, tag) in words {
        let w = width(word.trim_end());
        if used > 0 && used + w > max {
            flush(&mut current, &mut lines);
            current.push((" ".repeat(indent), T::default()));
            used = indent;
        }
        if w > max - used {
            // A word too long for any line: break it.
            let mut chunk = String::new();
            for c in word.graphemes(true) {
                let cw = grapheme_width(c);
                if used + cw > max {
                    current.push((std::mem::take(&mut chunk), tag));
                    flush(&mut current, &mut lines);
                    current.push((" ".repeat(indent), T::default()));
                    used = indent;
                }
                chunk.push_str(c);
                used += cw;
            }
            if !chunk.is_empty() {
                current.push((chunk, tag));
            }
            continue;
        }
        used += width(&word);
        current.push((word, tag));
    }
    if !current.is_empty() || lines.is_empty() {
        flush(&mut current, &mut lines);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: &[Vec<(String, ())>]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.iter().map(|(s, _)| s.as_str()).collect())
            .collect()
    }

    #[test]
    fn wrapping_respects_width_and_words() {
        let lines = wrap(vec![("the quick brown fox jumps".to_string(), ())], 10, 0);
        assert_eq!(texts(&lines), ["the quick", "brown fox", "jumps"]);
        let long = wrap(vec![("abcdefghijkl".to_string(), ())], 5, 0);
        assert_eq!(texts(&long), ["abcde", "fghij", "kl"]);
        let indented = wrap(vec![("aa bb cc dd".to_string(), ())], 5, 2);
        assert_eq!(texts(&indented), ["aa bb", "  cc", "  dd"]);
    }

    #[test]
    fn wrapping_keeps_each_piece_tag() {
        let lines = wrap(
            vec![("Scope ".into(), 1), ("global network".into(), 2)],
            13,
            6,
        );
        assert_eq!(
            lines,
            [
                vec![("Scope ".to_string(), 1), ("global".to_string(), 2)],
                vec![("      ".to_string(), 0), ("network".to_string(), 2)],
            ]
        );
    }

    #[test]
    fn truncation_counts_columns() {
        assert_eq!(truncate("Łódź", 4), "Łódź");
        assert_eq!(truncate("Reggio Calabria", 8), "Reggio …");
        assert_eq!(width(&truncate("東京都東京都", 5)), 5);
    }

    #[test]
    fn unsafe_text_is_escaped() {
        assert_eq!(safe("Ber\u{1b}[2Jlin"), "Ber\\u{1b}[2Jlin");
        assert_eq!(safe("a\u{202e}b"), "a\\u{202e}b");
        assert_eq!(safe("Łódź"), "Łódź");
    }
}
