//! Text bound for a terminal: what must never reach one raw, the one way it is escaped,
//! and how many columns the rest takes.
//!
//! Terminals draw grapheme clusters (a letter with its accents, a flag, an emoji joined
//! with ZWJ), and ratatui lays a screen out the same way; measuring or cutting by `char`
//! would split a flag or strand an accent and leave the screen and the layout disagreeing.
//! So width and truncation go by clusters, measured as ratatui's buffer measures them.
//!
//! Characters that draw nothing, or draw differently from one terminal to the next, are
//! refused by validation and shown escaped (`\u{2028}`) by every front end: controls (an
//! escape sequence starts with one), bidirectional controls that reorder what is shown,
//! line and paragraph separators, invisible format characters, noncharacters, and a
//! joiner with nothing to join.

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Why a character may not reach a terminal raw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hazard {
    /// C0 and C1 controls: escape sequences, carriage returns, bells.
    Control,
    /// Marks and overrides that reorder the text around them (U+061C, U+200E, U+202E, ...).
    Bidi,
    /// U+2028 and U+2029, which some terminals take as a line break.
    Separator,
    /// Invisible format characters (U+200B, U+FEFF, U+00AD, tags, ...).
    Format,
    /// Code points Unicode promises never to assign (U+FDD0, U+FFFE, ...).
    Noncharacter,
    /// ZWJ or ZWNJ at the start or end, or beside a space or another invisible character.
    LoneJoiner,
}

impl Hazard {
    /// How a message names it: "has control character \u{1b} at character 5".
    pub fn noun(self) -> &'static str {
        match self {
            Hazard::Control => "control character",
            Hazard::Bidi => "bidirectional control character",
            Hazard::Separator => "line or paragraph separator",
            Hazard::Format => "invisible format character",
            Hazard::Noncharacter => "noncharacter",
            Hazard::LoneJoiner => "joiner with nothing to join",
        }
    }
}

const ZWNJ: char = '\u{200C}';
const ZWJ: char = '\u{200D}';

/// Bidirectional formatting characters: marks, embeddings, overrides and isolates.
fn is_bidi(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// General category Cf (Unicode 16), less the bidi controls and the two joiners, which are
/// judged on their own.
fn is_format(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{0600}'..='\u{0605}'
            | '\u{06DD}'
            | '\u{070F}'
            | '\u{0890}'..='\u{0891}'
            | '\u{08E2}'
            | '\u{180E}'
            | '\u{200B}'
            | '\u{2060}'..='\u{2064}'
            | '\u{206A}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{110BD}'
            | '\u{110CD}'
            | '\u{13430}'..='\u{1343F}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0001}'
            | '\u{E0020}'..='\u{E007F}'
    )
}

fn is_noncharacter(c: char) -> bool {
    let n = u32::from(c);
    (0xFDD0..=0xFDEF).contains(&n) || n & 0xFFFE == 0xFFFE
}

/// The hazard `c` is on its own, whatever surrounds it (the joiners are judged in context
/// by [`first_hazard`]).
pub fn hazard(c: char) -> Option<Hazard> {
    if c.is_control() {
        Some(Hazard::Control)
    } else if is_bidi(c) {
        Some(Hazard::Bidi)
    } else if matches!(c, '\u{2028}' | '\u{2029}') {
        Some(Hazard::Separator)
    } else if is_format(c) {
        Some(Hazard::Format)
    } else if is_noncharacter(c) {
        Some(Hazard::Noncharacter)
    } else {
        None
    }
}

/// Whether `c` is a hazard wherever it stands. Joiners are not: see [`first_hazard`].
pub fn is_unsafe(c: char) -> bool {
    hazard(c).is_some()
}

/// Whether a joiner may sit between `before` and `after`: between two visible characters
/// (letters, marks, emoji), as in Persian, the Indic scripts and emoji sequences.
fn joins(before: Option<char>, after: Option<char>) -> bool {
    let visible = |c: Option<char>| {
        c.is_some_and(|c| !c.is_whitespace() && hazard(c).is_none() && c != ZWJ && c != ZWNJ)
    };
    visible(before) && visible(after)
}

/// Every hazard in `s`, in order: (char index, character, why).
pub fn hazards(s: &str) -> impl Iterator<Item = (usize, char, Hazard)> + '_ {
    let mut before: Option<char> = None;
    let mut chars = s.chars().enumerate().peekable();
    std::iter::from_fn(move || {
        loop {
            let (i, c) = chars.next()?;
            let after = chars.peek().map(|&(_, c)| c);
            let found = match c {
                ZWJ | ZWNJ if !joins(before, after) => Some(Hazard::LoneJoiner),
                _ => hazard(c),
            };
            before = Some(c);
            if let Some(h) = found {
                return Some((i, c, h));
            }
        }
    })
}

/// The first character of `s` that must not reach a terminal raw: its char index (0-based),
/// the character, and why.
pub fn first_hazard(s: &str) -> Option<(usize, char, Hazard)> {
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return None;
    }
    // Letters with composed accents are no hazard, whatever stands beside them.
    if s.chars().all(is_plain_letter) {
        return None;
    }
    hazards(s).next()
}

/// Text for a terminal: every hazard spelled out (`\u{1b}`), everything else as is. The one
/// escape every front end uses for text it did not write itself: data, file names, what a
/// person typed.
pub fn safe(s: &str) -> Cow<'_, str> {
    let Some((first, _, _)) = first_hazard(s) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len() + 8);
    let mut marks = hazards(s)
        .map(|(i, _, _)| i)
        .skip_while(|&i| i < first)
        .peekable();
    for (i, c) in s.chars().enumerate() {
        if marks.peek() == Some(&i) {
            marks.next();
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The columns one grapheme cluster takes, as ratatui's buffer counts them: none for a
/// cluster holding a control character (ratatui leaves those out), else unicode-width's
/// count for the cluster, plus one for each halfwidth (han)dakuten, which terminals draw
/// in a cell of its own.
pub fn grapheme_width(g: &str) -> usize {
    if g.chars().any(char::is_control) {
        return 0;
    }
    if g.len() == 1 {
        return 1;
    }
    let marks = g
        .chars()
        .filter(|&c| matches!(c, '\u{FF9E}' | '\u{FF9F}'))
        .count();
    UnicodeWidthStr::width(g).saturating_add(marks)
}

/// The width the member table sizes its name column by: a name's length when it is
/// printable ASCII (most names), else what `unicode-width` says. Never more than its
/// length in bytes, which lets a search for the widest name skip the shorter ones.
pub fn name_width(s: &str) -> usize {
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        s.len()
    } else {
        UnicodeWidthStr::width(s)
    }
}

/// The wider of `widest` and `name`'s [`name_width`], measuring `name` only when it is
/// longer than `widest` in bytes (only then can it be wider).
pub fn widest_name(widest: usize, name: &str) -> usize {
    if name.len() > widest {
        widest.max(name_width(name))
    } else {
        widest
    }
}

/// The columns `s` takes on a terminal.
pub fn width(s: &str) -> usize {
    if s.is_ascii() {
        return s.bytes().filter(|b| !b.is_ascii_control()).count();
    }
    // Most names that are not ASCII are Latin letters with their accents composed
    // (`Łódź`, `Târgu Mureș`): a column each, and no need to find clusters.
    if s.chars().all(is_plain_letter) {
        return s.chars().count();
    }
    s.graphemes(true).map(grapheme_width).sum()
}

/// A character that is a grapheme cluster of one column on its own, whatever stands
/// beside it, and never a hazard: printable ASCII, and the Latin-1 and Latin Extended-A
/// and -B letters.
fn is_plain_letter(c: char) -> bool {
    matches!(c, ' '..='~' | '\u{C0}'..='\u{24F}')
}

/// `s` cut to at most `max` columns, between grapheme clusters, ending with `…` when it
/// had to cut.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in s.graphemes(true) {
        let w = grapheme_width(g);
        if used + w > max - 1 {
            break;
        }
        out.push_str(g);
        used += w;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_controls_bidi_separators_format_and_noncharacters() {
        assert_eq!(safe("Ber\u{1b}[2Jlin"), "Ber\\u{1b}[2Jlin");
        assert_eq!(safe("a\u{202e}b"), "a\\u{202e}b");
        assert_eq!(safe("a\u{061c}b"), "a\\u{61c}b");
        assert_eq!(safe("a\u{2028}b\u{2029}"), "a\\u{2028}b\\u{2029}");
        assert_eq!(
            safe("zero\u{200b}width\u{feff}"),
            "zero\\u{200b}width\\u{feff}"
        );
        assert_eq!(
            safe("x\u{fdd0}\u{ffff}\u{10fffe}"),
            "x\\u{fdd0}\\u{ffff}\\u{10fffe}"
        );
        assert_eq!(safe("Łódź"), "Łódź");
        assert!(matches!(safe("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn a_joiner_passes_between_visible_characters_only() {
        // Emoji sequences, Persian and Malayalam use joiners between letters.
        for fine in ["👨\u{200d}👩\u{200d}👧", "می\u{200c}خواهم", "ന്\u{200d}"] {
            let fine_inside = format!("{fine}x");
            assert_eq!(first_hazard(&fine_inside), None, "{fine:?}");
        }
        for lone in [
            "\u{200d}",
            "a\u{200d}",
            "\u{200d}a",
            "a \u{200d}b",
            "a\u{200d}\u{200d}b",
        ] {
            assert_eq!(
                first_hazard(lone).map(|(_, _, h)| h),
                Some(Hazard::LoneJoiner),
                "{lone:?}"
            );
        }
        assert_eq!(safe("a\u{200d}"), "a\\u{200d}");
    }

    #[test]
    fn hazards_are_found_by_char_index() {
        assert_eq!(
            first_hazard("Kiel\u{1b}[2J"),
            Some((4, '\u{1b}', Hazard::Control))
        );
        let all: Vec<usize> = hazards("ä\u{2028}ö\u{ad}").map(|(i, _, _)| i).collect();
        assert_eq!(all, [1, 3]);
    }

    #[test]
    fn plain_letters_are_a_safe_cluster_and_a_column_each_beside_one_another() {
        let plain: Vec<char> = (0..0x11_0000)
            .filter_map(char::from_u32)
            .filter(|&c| is_plain_letter(c))
            .collect();
        for &a in &plain {
            assert_eq!(grapheme_width(&a.to_string()), 1, "{a:?}");
            // Nor a hazard, alone or between two others (`first_hazard` skips them).
            assert_eq!(hazards(&a.to_string()).next(), None, "{a:?}");
            assert_eq!(hazards(&format!("a{a}b")).next(), None, "{a:?}");
        }
        // Every pair: no cluster spans two of them.
        for &a in &plain {
            for &b in &plain {
                let text: String = [a, b].iter().collect();
                assert_eq!(text.graphemes(true).count(), 2, "{text:?}");
            }
        }
    }

    #[test]
    fn width_and_truncation_go_by_grapheme_cluster() {
        assert_eq!(width("Łódź"), 4);
        assert_eq!(width("東京"), 4);
        // A flag is one cluster of two columns; cutting never splits it.
        assert_eq!(width("🇩🇪"), 2);
        assert_eq!(truncate("🇩🇪🇫🇷x", 4), "🇩🇪…");
        // An accent written as a combining mark stays with its letter.
        assert_eq!(truncate("Zu\u{308}rich", 3), "Zu\u{308}…");
        assert_eq!(truncate("Reggio Calabria", 8), "Reggio …");
        assert_eq!(width(&truncate("東京都東京都", 5)), 5);
        assert_eq!(truncate("abc", 0), "");
    }
}
