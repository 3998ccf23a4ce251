//! A member list's entries read straight from their RON text, in the shape citynet and
//! people write them: `(name: "…", country: "DE", tier: "full", lat: 52.5, lon: 13.4, …)`.
//!
//! ron reads any RON, one character at a time, through serde: at a quarter of a million
//! members that was more than half of a large file's first load, for entries that are a
//! dozen plain fields each. This reads only the plain form of those fields and gives up on
//! anything else: a block comment, a raw string, an escape beyond the simple ones, a field
//! it does not know, a number written another way, a duplicate or a missing field. The
//! caller then hands the same text to ron, so whatever this does not read exactly as ron
//! would is ron's to read (or to refuse, with its own message and position).
//!
//! So it must never accept a text ron refuses or read one differently: the tests parse
//! generated and damaged lists both ways (`tests/engine/split_parse.rs`).

use super::model::{Member, MemberKind, Text};

/// One entry of a list read into `m`, a blank [`Member::default`], `text` being what
/// stands between the commas around it (any blank and line comments, the entry, then
/// blank); `None` where this way does not apply, `m` then left part filled. Filled in
/// place: a member is some 200 bytes, and returning it through each step copied it
/// every time.
pub fn member(text: &str, m: &mut Member) -> Option<()> {
    let mut p = Reader {
        b: text.as_bytes(),
        s: text,
        i: 0,
    };
    p.blank()?;
    p.member(m)?;
    p.blank()?;
    p.at_end().then_some(())
}

/// Whether `text` holds nothing but blank and line comments, as the text after a list's
/// last comma may; `false` for anything else, a block comment included.
pub fn is_blank(text: &str) -> bool {
    let mut p = Reader {
        b: text.as_bytes(),
        s: text,
        i: 0,
    };
    p.blank().is_some() && p.at_end()
}

/// The fields of a member, as bits, to catch a duplicate and a missing one.
const NAME: u16 = 1;
const COUNTRY: u16 = 1 << 1;
const TIER: u16 = 1 << 2;
const LAT: u16 = 1 << 3;
const LON: u16 = 1 << 4;
const REQUIRED: u16 = NAME | COUNTRY | TIER | LAT | LON;

/// 10^0 to 10^15, each exact as an f64.
const POWERS_OF_TEN: [f64; 16] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
];

struct Reader<'a> {
    b: &'a [u8],
    s: &'a str,
    i: usize,
}

fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

impl<'a> Reader<'a> {
    fn at_end(&self) -> bool {
        self.i >= self.b.len()
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn expect(&mut self, c: u8) -> Option<()> {
        (self.peek()? == c).then(|| self.i += 1)
    }

    /// Past spaces, tabs, line ends and line comments. A line comment must end in a line
    /// end: one that runs to the end of the text would, in the file, run on past it.
    fn blank(&mut self) -> Option<()> {
        while let Some(c) = self.peek() {
            match c {
                b' ' | b'\t' | b'\n' | b'\r' => self.i += 1,
                b'/' if self.b.get(self.i + 1) == Some(&b'/') => {
                    let rest = &self.b[self.i..];
                    self.i += rest.iter().position(|&c| c == b'\n')? + 1;
                }
                _ => break,
            }
        }
        Some(())
    }

    /// An ASCII identifier standing alone (not the start of a longer or non-ASCII one).
    fn ident(&mut self) -> Option<&'a str> {
        let start = self.i;
        let len = self.b[start..].iter().take_while(|&&c| is_ident(c)).count();
        let end = start + len;
        if len == 0 || self.b[start].is_ascii_digit() || self.b.get(end).is_some_and(|&c| c >= 0x80)
        {
            return None;
        }
        self.i = end;
        Some(&self.s[start..end])
    }

    /// Whether what follows a number ends it, as ron reads numbers: anything ron would
    /// take as more of it (`_`, a letter, a point, a sign) means another way of writing.
    fn number_ends(&self) -> bool {
        self.peek()
            .is_none_or(|c| !(is_ident(c) || c >= 0x80 || matches!(c, b'.' | b'+' | b'-')))
    }

    fn digits(&mut self) -> usize {
        let n = self.b[self.i..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        self.i += n;
        n
    }

    /// A whole number written in plain digits, no leading zero.
    fn integer(&mut self) -> Option<u64> {
        let start = self.i;
        let n = self.digits();
        if n == 0 || (n > 1 && self.b[start] == b'0') || !self.number_ends() {
            return None;
        }
        self.s[start..self.i].parse().ok()
    }

    /// `-12.5`, `52`, `1.5e3`: what `f64::from_str` reads, as ron hands it the text.
    fn float(&mut self) -> Option<f64> {
        let start = self.i;
        let negative = self.peek() == Some(b'-');
        if negative {
            self.i += 1;
        }
        let whole = self.i;
        let whole_digits = self.digits();
        if whole_digits == 0 {
            return None;
        }
        let mut decimals = 0;
        if self.peek() == Some(b'.') {
            self.i += 1;
            decimals = self.digits();
            if decimals == 0 {
                return None;
            }
        }
        let mut exponent = false;
        if matches!(self.peek(), Some(b'e' | b'E')) {
            exponent = true;
            self.i += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.i += 1;
            }
            if self.digits() == 0 {
                return None;
            }
        }
        if !self.number_ends() {
            return None;
        }
        // A coordinate has a few digits: read as a whole number of at most 15 digits
        // (below 2^53, so exact as an f64) divided by a power of ten (exact up to 10^22).
        // IEEE division rounds that correctly, so it is the number `from_str` gives.
        if !exponent && whole_digits + decimals <= 15 {
            let digits = self.b[whole..self.i].iter().filter(|&&c| c != b'.');
            let n = digits.fold(0u64, |n, &c| n * 10 + u64::from(c - b'0'));
            let magnitude = n as f64 / POWERS_OF_TEN[decimals];
            return Some(if negative { -magnitude } else { magnitude });
        }
        self.s[start..self.i].parse().ok()
    }

    /// A `"…"` string with no escapes but `\"`, `\\`, `\'`, `\n`, `\r`, `\t`, `\0` and
    /// `\u{…}`, and no control characters.
    fn string(&mut self) -> Option<Text> {
        self.expect(b'"')?;
        let start = self.i;
        let plain = self.b[start..]
            .iter()
            .position(|&c| c == b'"' || c == b'\\' || c < 0x20)?;
        if self.b[start + plain] == b'"' {
            self.i = start + plain + 1;
            return Some(Text::from(&self.s[start..start + plain]));
        }
        let mut out = String::with_capacity(plain + 8);
        loop {
            let run = self.b[self.i..]
                .iter()
                .position(|&c| c == b'"' || c == b'\\' || c < 0x20)?;
            out.push_str(&self.s[self.i..self.i + run]);
            self.i += run;
            match self.b[self.i] {
                b'"' => {
                    self.i += 1;
                    return Some(Text::from(out));
                }
                b'\\' => {
                    self.i += 1;
                    out.push(self.escape()?);
                }
                _ => return None,
            }
        }
    }

    /// The character an escape stands for, the reader being just past its backslash and
    /// left past the escape.
    fn escape(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.i += 1;
        Some(match c {
            b'"' => '"',
            b'\\' => '\\',
            b'\'' => '\'',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'0' => '\0',
            // `\u{e9}`: one to six hex digits between braces.
            b'u' => {
                self.expect(b'{')?;
                let n = self.b[self.i..]
                    .iter()
                    .take(7)
                    .take_while(|c| c.is_ascii_hexdigit())
                    .count();
                if n == 0 || n > 6 {
                    return None;
                }
                let code = u32::from_str_radix(&self.s[self.i..self.i + n], 16).ok()?;
                self.i += n;
                self.expect(b'}')?;
                char::from_u32(code)?
            }
            _ => return None,
        })
    }

    /// An optional value as ron reads one with `implicit_some`: `None`, `Some(x)` or `x`.
    fn option<T>(&mut self, value: impl FnOnce(&mut Self) -> Option<T>) -> Option<Option<T>> {
        let rest = &self.b[self.i..];
        let alone = |n: usize| rest.get(n).is_none_or(|&c| !is_ident(c) && c < 0x80);
        if rest.starts_with(b"None") && alone(4) {
            self.i += 4;
            return Some(None);
        }
        if rest.starts_with(b"Some(") {
            self.i += 5;
            self.blank()?;
            let v = value(self)?;
            self.blank()?;
            self.expect(b')')?;
            return Some(Some(v));
        }
        value(self).map(Some)
    }

    fn aka(&mut self) -> Option<Vec<Text>> {
        self.expect(b'[')?;
        let mut out = Vec::new();
        loop {
            self.blank()?;
            if self.expect(b']').is_some() {
                return Some(out);
            }
            out.push(self.string()?);
            self.blank()?;
            if self.expect(b',').is_none() {
                self.expect(b']')?;
                return Some(out);
            }
        }
    }

    fn kind(&mut self) -> Option<MemberKind> {
        Some(match self.ident()? {
            "city" => MemberKind::City,
            "metropolitan" => MemberKind::Metropolitan,
            "region" => MemberKind::Region,
            "district" => MemberKind::District,
            "community" => MemberKind::Community,
            "group" => MemberKind::Group,
            _ => return None,
        })
    }

    fn bool(&mut self) -> Option<bool> {
        match self.ident()? {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        }
    }

    fn member(&mut self, m: &mut Member) -> Option<()> {
        self.expect(b'(')?;
        let mut seen = 0u16;
        loop {
            self.blank()?;
            if self.expect(b')').is_some() {
                break;
            }
            let field = self.ident()?;
            self.blank()?;
            self.expect(b':')?;
            self.blank()?;
            let bit = match field {
                "name" => (NAME, m.name = self.string()?).0,
                "country" => (COUNTRY, m.country = self.string()?).0,
                "tier" => (TIER, m.tier = self.string()?).0,
                "lat" => (LAT, m.lat = self.float()?).0,
                "lon" => (LON, m.lon = self.float()?).0,
                "aka" => (1 << 5, m.aka = self.aka()?).0,
                "kind" => (1 << 6, m.kind = self.kind()?).0,
                "population" => (1 << 7, m.population = self.option(Self::integer)?).0,
                "since" => {
                    let year = self.option(|p| u16::try_from(p.integer()?).ok())?;
                    (1 << 8, m.since = year).0
                }
                "joined" => (1 << 9, m.joined = self.option(Self::string)?).0,
                "id" => (1 << 10, m.id = self.option(Self::string)?).0,
                "placeholder" => (1 << 11, m.placeholder = self.bool()?).0,
                "geonames" => {
                    let id = self.option(|p| u32::try_from(p.integer()?).ok())?;
                    (1 << 12, m.geonames = id).0
                }
                "main_city" => {
                    let id = self.option(|p| u32::try_from(p.integer()?).ok())?;
                    (1 << 13, m.main_city = id).0
                }
                _ => return None,
            };
            if seen & bit != 0 {
                return None;
            }
            seen |= bit;
            self.blank()?;
            if self.expect(b',').is_none() {
                self.expect(b')')?;
                break;
            }
        }
        (seen & REQUIRED == REQUIRED).then_some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_bit_for_bit_as_from_str_reads_them() {
        // A fixed sequence (xorshift) of numbers with 1 to 15 digits, the point anywhere.
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let mut texts: Vec<String> = [
            "0.0",
            "-0.0",
            "0",
            "-0",
            "00.50",
            "999999999999999",
            "0.000000000000001",
            "90.0",
            "-180.0",
            "52.52",
            "13.4",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for _ in 0..200_000 {
            let digits = 1 + (next() % 15) as usize;
            let mut t: String = (0..digits)
                .map(|_| char::from(b'0' + (next() % 10) as u8))
                .collect();
            let point = (next() % (digits as u64 + 1)) as usize;
            if point > 0 && point < digits {
                t.insert(point, '.');
            }
            if next() % 2 == 0 {
                t.insert(0, '-');
            }
            texts.push(t);
        }
        for t in &texts {
            let mut p = Reader {
                b: t.as_bytes(),
                s: t,
                i: 0,
            };
            let read = p.float().expect("a plain number reads");
            let expected: f64 = t.parse().expect("from_str reads it");
            assert_eq!(read.to_bits(), expected.to_bits(), "{t}");
        }
    }

    #[test]
    fn gives_up_on_anything_else() {
        let base = r#"name: "A", country: "DE", tier: "full", lat: 1.0, lon: 2.0"#;
        for extra in [
            "",
            ", lat: 1.0",
            ", colour: 1",
            ", population: 1_000",
            ", population: 0x10",
            ", population: 012",
            ", population: -1",
            ", since: 70000",
            ", aka: [r\"x\"]",
            ", aka: [\"\\u{}\"]",
            ", aka: [\"\\u{1234567}\"]",
            ", aka: [\"\\u{d800}\"]",
            ", aka: [\"\\x41\"]",
            ", kind: town",
            ", kind: Region",
            ", id: Some (\"x\")",
            ", joined: \"a\nb\"",
            " /* block */",
        ] {
            let entry = if extra.is_empty() {
                "(name: \"A\")".to_string()
            } else {
                format!("({base}{extra})")
            };
            assert_eq!(read(&entry), None, "{entry}");
        }
        for text in [
            "(name: \"A\") (name: \"B\")",
            ", (name: \"A\")",
            "// runs on",
            "Member(name: \"A\")",
        ] {
            assert_eq!(read(text), None, "{text}");
        }
        let plain = format!(" // a comment\n ({base}) ");
        assert!(read(&plain).is_some(), "{plain}");
        assert!(is_blank(" // ends\n\t"));
        assert!(!is_blank(" // runs on") && !is_blank("/* */") && !is_blank(","));
    }

    fn read(text: &str) -> Option<Member> {
        let mut m = Member::default();
        member(text, &mut m).map(|()| m)
    }
}
