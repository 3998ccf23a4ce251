//! The bytes to the terminal, with the sixteen basic colours written as the sixteen-colour
//! SGR codes (`31`, `94`, `42`) rather than the 256-colour form crossterm writes for them
//! (`38;5;1`): the same colours on a terminal that has 256, and colours at all on one that
//! has only sixteen (the Linux console, old xterms, some serial terminals).
//!
//! Everything else (other colours, escapes that are not SGR, the text) passes unchanged.
//! Output is held until a flush (ratatui flushes once a frame), so an escape split across
//! writes is rewritten whole.

use std::io::{self, Write};

pub struct Sgr16<W: Write> {
    inner: W,
    pending: Vec<u8>,
}

impl<W: Write> Sgr16<W> {
    pub fn new(inner: W) -> Sgr16<W> {
        Sgr16 {
            inner,
            pending: Vec::new(),
        }
    }
}

impl<W: Write> Write for Sgr16<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        let (out, kept) = rewrite(&self.pending);
        self.inner.write_all(&out)?;
        let rest = self.pending.split_off(kept);
        self.pending = rest;
        self.inner.flush()
    }
}

/// `bytes` with every SGR's basic colours rewritten, and how many bytes of `bytes` that
/// covers: an escape cut off at the end is left for the next flush.
pub fn rewrite(bytes: &[u8]) -> (Vec<u8>, usize) {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let Some(esc) = bytes[i..].iter().position(|b| *b == 0x1b) else {
            out.extend_from_slice(&bytes[i..]);
            return (out, bytes.len());
        };
        out.extend_from_slice(&bytes[i..i + esc]);
        i += esc;
        match bytes.get(i + 1) {
            None => return (out, i),
            Some(b'[') => {}
            Some(_) => {
                out.push(0x1b);
                i += 1;
                continue;
            }
        }
        // CSI: parameter and intermediate bytes, then one final byte in 0x40..=0x7e.
        let body = &bytes[i + 2..];
        let Some(end) = body.iter().position(|b| (0x40..=0x7e).contains(b)) else {
            return (out, i);
        };
        let (params, fin) = (&body[..end], body[end]);
        if fin == b'm' {
            out.extend_from_slice(b"\x1b[");
            out.extend_from_slice(sgr16(params).as_bytes());
            out.push(b'm');
        } else {
            out.extend_from_slice(&bytes[i..i + 2 + end + 1]);
        }
        i += 2 + end + 1;
    }
    (out, bytes.len())
}

/// One SGR's parameters with `38;5;n` and `48;5;n` for n below 16 as their sixteen-colour
/// codes. Parameters that are not plain numbers are passed on as they are.
fn sgr16(params: &[u8]) -> String {
    let text = String::from_utf8_lossy(params);
    let parts: Vec<&str> = text.split(';').collect();
    let mut out: Vec<String> = Vec::with_capacity(parts.len());
    let mut k = 0;
    while k < parts.len() {
        let colour = match (parts.get(k), parts.get(k + 1), parts.get(k + 2)) {
            (Some(&ground @ ("38" | "48")), Some(&"5"), Some(n)) => {
                n.parse::<u8>().ok().filter(|n| *n < 16).map(|n| {
                    let base = if ground == "38" { 30 } else { 40 };
                    if n < 8 { base + n } else { base + 60 + n - 8 }
                })
            }
            _ => None,
        };
        match colour {
            Some(code) => {
                out.push(code.to_string());
                k += 3;
            }
            None => {
                // `38;5;200` and `38;2;r;g;b` stay whole: their numbers are no codes.
                let skip = match (parts.get(k), parts.get(k + 1)) {
                    (Some(&("38" | "48")), Some(&"5")) => 3,
                    (Some(&("38" | "48")), Some(&"2")) => 5,
                    _ => 1,
                };
                for p in parts.iter().skip(k).take(skip) {
                    out.push((*p).to_string());
                }
                k += skip;
            }
        }
    }
    out.join(";")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(bytes: &[u8]) -> String {
        let (out, used) = rewrite(bytes);
        assert_eq!(used, bytes.len());
        String::from_utf8(out).unwrap_or_default()
    }

    #[test]
    fn basic_colours_become_sixteen_colour_codes() {
        assert_eq!(all(b"\x1b[38;5;1mA"), "\x1b[31mA");
        assert_eq!(all(b"\x1b[38;5;12m"), "\x1b[94m");
        assert_eq!(all(b"\x1b[48;5;4m"), "\x1b[44m");
        assert_eq!(all(b"\x1b[48;5;8m"), "\x1b[100m");
        assert_eq!(all(b"\x1b[1;38;5;15;48;5;0m"), "\x1b[1;97;40m");
    }

    #[test]
    fn everything_else_passes_unchanged() {
        for s in [
            "\x1b[38;5;200mX",
            "\x1b[38;2;1;5;9mX",
            "\x1b[48;2;0;5;5;38;5;3m",
            "\x1b[2J\x1b[10;5H",
            "\x1b]52;c;aGk=\x07",
            "plain Łódź",
            "\x1b[0m",
        ] {
            let want = s.replace("38;5;3m", "33m");
            assert_eq!(all(s.as_bytes()), want, "{s:?}");
        }
    }

    #[test]
    fn an_escape_split_across_flushes_is_rewritten_whole() {
        let mut w = Sgr16::new(Vec::new());
        w.write_all(b"a\x1b[38;5").unwrap_or(());
        w.flush().unwrap_or(());
        assert_eq!(w.inner, b"a");
        w.write_all(b";2mb").unwrap_or(());
        w.flush().unwrap_or(());
        assert_eq!(w.inner, b"a\x1b[32mb");
    }
}
