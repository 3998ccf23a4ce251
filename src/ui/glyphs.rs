//! The last step of every frame: the screen in ASCII (`--ascii`, or a locale that is not
//! UTF-8), and without the borders a screen reader would read out (`--accessible`).
//!
//! Done once over the finished buffer rather than in each pane, so that no pane, overlay
//! or widget of ratatui's (borders, the canvas' braille, bars) can forget it, and the
//! layout (widths, click targets) is the same in every mode: each cell keeps its width.

use ratatui::buffer::Buffer;
use unicode_width::UnicodeWidthStr;

/// How the screen is drawn.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Glyphs {
    /// ASCII only: borders `+-|`, markers as letters and signs, the map in `.` and `:`.
    pub ascii: bool,
    /// No decorative borders: box-drawing cells become blank.
    pub accessible: bool,
}

/// Rewrites every cell of `buf` as the modes ask; with neither, leaves it untouched.
pub fn finish(buf: &mut Buffer, modes: Glyphs) {
    if !modes.ascii && !modes.accessible {
        return;
    }
    let area = buf.area;
    for y in area.top()..area.bottom() {
        let mut x = area.left();
        while x < area.right() {
            let cell = &buf[(x, y)];
            let symbol = cell.symbol();
            let width = UnicodeWidthStr::width(symbol).clamp(1, 2);
            let style = cell.style();
            let replaced = if modes.accessible && is_box_drawing(symbol) {
                Some(" ".to_string())
            } else if modes.ascii && !symbol.is_ascii() {
                Some(ascii(symbol, width))
            } else {
                None
            };
            if let Some(text) = replaced {
                // A wide symbol's second cell was blanked by ratatui; the ASCII form
                // fills both, so nothing of the row moves.
                let mut chars = text.chars();
                for dx in 0..width {
                    let Some(cx) = x.checked_add(dx as u16).filter(|cx| *cx < area.right()) else {
                        break;
                    };
                    let c = chars.next().unwrap_or(' ');
                    let cell = &mut buf[(cx, y)];
                    cell.set_char(c);
                    cell.set_style(style);
                }
            }
            x = x.saturating_add(width as u16);
        }
    }
}

fn is_box_drawing(symbol: &str) -> bool {
    symbol
        .chars()
        .next()
        .is_some_and(|c| ('\u{2500}'..='\u{257f}').contains(&c))
}

/// The ASCII for one cell's symbol, `width` characters long.
pub fn ascii(symbol: &str, width: usize) -> String {
    let Some(first) = symbol.chars().next() else {
        return " ".repeat(width);
    };
    if let Some(c) = sign(first) {
        let mut out = c.to_string();
        out.push_str(&" ".repeat(width.saturating_sub(1)));
        return out;
    }
    // Letters: the nearest ASCII spelling (Łódź as Lodz), cut or padded to the width.
    let spelled = deunicode::deunicode(symbol);
    let mut out: String = spelled
        .chars()
        .filter(|c| c.is_ascii_graphic() || *c == ' ')
        .take(width)
        .collect();
    if out.is_empty() {
        out.push('?');
    }
    while out.len() < width {
        out.push(' ');
    }
    out
}

/// The one-character stand-in for a sign, a marker or a piece of a drawing; `None` for a
/// letter, which is spelled instead.
fn sign(c: char) -> Option<char> {
    let u = u32::from(c);
    Some(match c {
        // Box drawing: thick and double lines (the focused pane's border) as `=`.
        '━' | '═' | '╍' | '┅' | '┉' | '╸' | '╺' => '=',
        '─' | '┄' | '┈' | '╌' | '╴' | '╶' | '╼' | '╾' => '-',
        '│' | '┃' | '║' | '┆' | '┇' | '┊' | '┋' | '╎' | '╏' | '╵' | '╷' | '╹' | '╻' | '╽' | '╿' => {
            '|'
        }
        '\u{2500}'..='\u{257f}' => '+',
        // The map's braille: the more dots, the heavier the mark.
        '\u{2800}'..='\u{28ff}' => match (u - 0x2800).count_ones() {
            0 => ' ',
            1..=3 => '.',
            _ => ':',
        },
        // Bars and shades.
        '░' => '.',
        '▒' => ':',
        '▏' | '▎' | '▍' => '|',
        '\u{2580}'..='\u{259f}' => '#',
        // The markers; the map's legend and the status line's key use the same stand-ins.
        '▦' => '#',
        '✓' | '✔' => '*',
        '▶' | '▸' | '›' | '→' | '»' => '>',
        '◀' | '◂' | '‹' | '←' | '«' => '<',
        '▲' | '↑' => '^',
        '▼' | '↓' => 'v',
        '●' | '•' => 'o',
        // A tier chip switched off, beside the ones on (●).
        '○' => '-',
        '◆' => '&',
        '■' => '%',
        '★' => '@',
        '✚' => '+',
        '✖' | '×' => 'x',
        '◉' => 'O',
        '·' | '–' | '—' | '−' => '-',
        '…' => '.',
        '“' | '”' | '„' => '"',
        '‘' | '’' | '‚' => '\'',
        '°' => 'o',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::style::{Color, Style};

    fn row(buf: &Buffer, y: u16) -> String {
        (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()
    }

    #[test]
    fn ascii_mode_leaves_no_cell_outside_ascii_and_keeps_widths() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 12, 3));
        buf.set_string(0, 0, "┏━━┓ ▦ ✓ ·", Style::default());
        buf.set_string(0, 1, "Łódź 北京 ⣿⠁", Style::default().fg(Color::Cyan));
        buf.set_string(0, 2, "▶ 1,000 …", Style::default());
        finish(
            &mut buf,
            Glyphs {
                ascii: true,
                accessible: false,
            },
        );
        for y in 0..3 {
            assert!(row(&buf, y).is_ascii(), "row {y}: {}", row(&buf, y));
            assert_eq!(row(&buf, y).len(), 12, "row {y} changed width");
        }
        assert_eq!(row(&buf, 0), "+==+ # * -  ");
        assert!(row(&buf, 1).starts_with("Lodz BeJi :."), "{}", row(&buf, 1));
        assert_eq!(
            buf[(0, 1)].fg,
            Color::Cyan,
            "a spelled letter keeps its style"
        );
        assert_eq!(row(&buf, 2), "> 1,000 .   ");
    }

    #[test]
    fn accessible_mode_blanks_the_borders_and_keeps_the_words() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 10, 2));
        buf.set_string(0, 0, "┌Berlin─┐", Style::default());
        buf.set_string(0, 1, "│Łódź  │", Style::default());
        finish(
            &mut buf,
            Glyphs {
                ascii: false,
                accessible: true,
            },
        );
        assert_eq!(row(&buf, 0), " Berlin   ");
        assert_eq!(row(&buf, 1), " Łódź     ");
    }

    #[test]
    fn no_mode_changes_nothing() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 6, 1));
        buf.set_string(0, 0, "┌▦✓─┐", Style::default());
        let before = buf.clone();
        finish(&mut buf, Glyphs::default());
        assert_eq!(buf, before);
    }
}
