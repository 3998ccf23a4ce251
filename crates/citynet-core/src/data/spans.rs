//! Where a value is in the RON text it was parsed from.
//!
//! serde keeps no positions once a value is parsed, and searching the text for a value
//! finds the wrong place whenever it occurs earlier (a member named like a city before it)
//! or is written differently (`\x1b` for what `escape_default` writes `\u{1b}`). So a
//! problem names its value by its path from the root (`networks[3].roster.members[7].tier`)
//! and this walks the text's own structure, as ron read it, to that path: one pass over
//! the file for any number of problems.
//!
//! The walk only has to understand text that ron accepted; anything else ends it, and the
//! paths it had not reached yet get no position.

use std::collections::HashMap;

/// One step from a value to one inside it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Step {
    Field(&'static str),
    Index(usize),
}

impl std::fmt::Display for Step {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Step::Field(name) => write!(f, ".{name}"),
            Step::Index(i) => write!(f, "[{i}]"),
        }
    }
}

/// What to find: a value by its path, and optionally one character of it (a char index
/// into the string's value, after escapes), which a string value then points at exactly.
#[derive(Debug, Clone, Copy)]
pub struct Wanted<'p> {
    pub path: &'p [Step],
    pub char_at: Option<usize>,
}

/// The 1-based line and column (in characters) of each wanted value in `text`, in the
/// order asked; `None` for a path the text does not hold.
pub fn find(text: &str, wanted: &[Wanted]) -> Vec<Option<(usize, usize)>> {
    let mut trie = Trie::default();
    for (k, w) in wanted.iter().enumerate() {
        trie.insert(w.path, k);
    }
    let mut walk = Walk {
        s: text,
        b: text.as_bytes(),
        i: 0,
        trie: &trie,
        wanted,
        found: vec![None; wanted.len()],
        depth: 0,
    };
    // A text that does not walk to its end still keeps what was found before.
    let _ = walk.document();
    let offsets = walk.found;
    line_cols(text, &offsets)
}

/// A file a dataset was read from, and the part of the dataset it holds: all of it (an
/// empty `holds`), or one network's roster (`networks[k].roster`) kept in a file of its own.
#[derive(Debug, Clone)]
pub struct SourceFile<'a> {
    pub name: &'a str,
    pub text: &'a str,
    pub holds: Vec<Step>,
}

/// Where a problem is: the file, and the line and column where the walk found its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: String,
    pub position: Option<(usize, usize)>,
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.position {
            Some((line, col)) => write!(f, "{}:{line}:{col}", self.file),
            None => f.write_str(&self.file),
        }
    }
}

/// Where each problem is, in the file that holds its value (the one whose `holds` is the
/// longest start of its path); one walk of each file, however many problems.
pub fn locate(problems: &[super::Problem], files: &[SourceFile]) -> Vec<Location> {
    let owner = |p: &super::Problem| {
        files
            .iter()
            .enumerate()
            .filter(|(_, f)| p.path.starts_with(&f.holds))
            .max_by_key(|(_, f)| f.holds.len())
            .map(|(k, _)| k)
    };
    let owners: Vec<Option<usize>> = problems.iter().map(owner).collect();
    let mut out: Vec<Location> = owners
        .iter()
        .map(|o| Location {
            file: o.map_or(String::new(), |k| files[k].name.to_string()),
            position: None,
        })
        .collect();
    for (k, file) in files.iter().enumerate() {
        let mine: Vec<usize> = (0..problems.len())
            .filter(|&i| owners[i] == Some(k))
            .collect();
        if mine.is_empty() {
            continue;
        }
        let wanted: Vec<Wanted> = mine
            .iter()
            .map(|&i| Wanted {
                path: &problems[i].path[file.holds.len()..],
                char_at: problems[i].char_at,
            })
            .collect();
        for (&i, at) in mine.iter().zip(find(file.text, &wanted)) {
            out[i].position = at;
        }
    }
    out
}

/// Byte offsets as (line, column), in one pass over the text.
fn line_cols(text: &str, offsets: &[Option<(usize, bool)>]) -> Vec<Option<(usize, usize)>> {
    let mut order: Vec<(usize, usize)> = offsets
        .iter()
        .enumerate()
        .filter_map(|(k, o)| o.map(|(at, _)| (at, k)))
        .collect();
    order.sort_unstable();
    let mut out = vec![None; offsets.len()];
    let (mut line, mut line_start, mut from) = (1, 0, 0);
    for (at, k) in order {
        let Some(between) = text.get(from..at) else {
            continue;
        };
        for (i, b) in between.bytes().enumerate() {
            if b == b'\n' {
                line += 1;
                line_start = from + i + 1;
            }
        }
        from = at;
        let col = text.get(line_start..at).map_or(0, |s| s.chars().count()) + 1;
        out[k] = Some((line, col));
    }
    out
}

#[derive(Default)]
struct Trie {
    nodes: Vec<Node>,
}

#[derive(Default)]
struct Node {
    children: HashMap<Step, usize>,
    /// The requests whose path ends here.
    ends: Vec<usize>,
}

impl Trie {
    fn insert(&mut self, path: &[Step], request: usize) {
        if self.nodes.is_empty() {
            self.nodes.push(Node::default());
        }
        let mut at = 0;
        for step in path {
            at = match self.nodes[at].children.get(step) {
                Some(&next) => next,
                None => {
                    self.nodes.push(Node::default());
                    let next = self.nodes.len() - 1;
                    self.nodes[at].children.insert(step.clone(), next);
                    next
                }
            };
        }
        self.nodes[at].ends.push(request);
    }

    fn child(&self, node: Option<usize>, step: &Step) -> Option<usize> {
        self.nodes.get(node?)?.children.get(step).copied()
    }

    fn field(&self, node: Option<usize>, name: &str) -> Option<usize> {
        let n = self.nodes.get(node?)?;
        // Field names in paths are the model's, which are never raw identifiers.
        n.children
            .iter()
            .find(|(s, _)| matches!(s, Step::Field(f) if *f == name))
            .map(|(_, &c)| c)
    }
}

/// Deeper than this, the walk gives up rather than risk the stack (ron itself refuses
/// far shallower nesting).
const MAX_DEPTH: usize = 256;

struct Walk<'a, 'w> {
    s: &'a str,
    b: &'a [u8],
    i: usize,
    trie: &'a Trie,
    wanted: &'a [Wanted<'w>],
    /// Per request: the byte offset found, and whether it is exact (the character asked
    /// for) rather than the start of the value.
    found: Vec<Option<(usize, bool)>>,
    depth: usize,
}

impl<'a> Walk<'a, '_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn peek_char(&self) -> Option<char> {
        self.s.get(self.i..)?.chars().next()
    }

    fn document(&mut self) -> Option<()> {
        self.blank()?;
        while self.b[self.i..].starts_with(b"#!") {
            self.i += 2;
            self.blank()?;
            self.expect(b'[')?;
            self.skip_group(b'[', b']')?;
            self.blank()?;
        }
        let root = (!self.trie.nodes.is_empty()).then_some(0);
        self.value(root)
    }

    /// Past whitespace (as ron counts it, U+2028 and the vertical tab included) and
    /// comments.
    fn blank(&mut self) -> Option<()> {
        loop {
            match self.peek() {
                Some(_) if self.peek_char().is_some_and(is_ron_whitespace) => {
                    self.i += self.peek_char().map_or(1, char::len_utf8);
                }
                Some(b'/') => match self.b.get(self.i + 1) {
                    Some(b'/') => {
                        self.i = self.b[self.i..]
                            .iter()
                            .position(|&c| c == b'\n')
                            .map_or(self.b.len(), |n| self.i + n + 1);
                    }
                    Some(b'*') => {
                        let mut depth = 1;
                        self.i += 2;
                        while depth > 0 {
                            match (self.b.get(self.i)?, self.b.get(self.i + 1)) {
                                (b'/', Some(b'*')) => (depth, self.i) = (depth + 1, self.i + 2),
                                (b'*', Some(b'/')) => (depth, self.i) = (depth - 1, self.i + 2),
                                _ => self.i += 1,
                            }
                        }
                    }
                    _ => return None,
                },
                _ => return Some(()),
            }
        }
    }

    fn expect(&mut self, c: u8) -> Option<()> {
        (self.peek()? == c).then(|| self.i += 1)
    }

    /// Past a bracketed group whose opening bracket has just been read.
    fn skip_group(&mut self, open: u8, close: u8) -> Option<()> {
        let mut depth = 1usize;
        while depth > 0 {
            match self.peek()? {
                c if c == open => depth += 1,
                c if c == close => depth -= 1,
                _ => {}
            }
            self.i += 1;
        }
        Some(())
    }

    fn record(&mut self, node: Option<usize>, at: usize) {
        let Some(n) = node.and_then(|n| self.trie.nodes.get(n)) else {
            return;
        };
        for &k in &n.ends {
            if self.found[k].is_none() {
                self.found[k] = Some((at, false));
            }
        }
    }

    fn value(&mut self, node: Option<usize>) -> Option<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return None;
        }
        let start = self.i;
        self.record(node, start);
        let c = self.peek()?;
        match c {
            b'"' => self.string(node, false, 0)?,
            b'\'' => self.char_literal()?,
            b'(' => {
                self.i += 1;
                self.contents(node)?;
            }
            b'[' => {
                self.i += 1;
                self.list(node)?;
            }
            b'{' => {
                self.i += 1;
                self.map()?;
            }
            b'0'..=b'9' | b'-' | b'+' | b'.' => {
                self.i += 1;
                while self
                    .peek()
                    .is_some_and(|c| c.is_ascii_alphanumeric() || b"._+-".contains(&c))
                {
                    self.i += 1;
                }
            }
            _ if c == b'r' && matches!(self.b.get(self.i + 1), Some(b'"' | b'#')) => {
                let hashes = self.b[self.i + 1..]
                    .iter()
                    .take_while(|&&c| c == b'#')
                    .count();
                if self.b.get(self.i + 1 + hashes) == Some(&b'"') {
                    self.i += 1 + hashes;
                    self.string(node, true, hashes)?;
                } else {
                    let ident = self.ident()?;
                    self.after_ident(ident, node)?;
                }
            }
            _ if c == b'b' && self.b.get(self.i + 1) == Some(&b'"') => {
                self.i += 1;
                self.string(None, false, 0)?;
            }
            _ if self
                .peek_char()
                .is_some_and(|c| c.is_alphabetic() || c == '_') =>
            {
                let ident = self.ident()?;
                self.after_ident(ident, node)?;
            }
            _ => return None,
        }
        self.depth -= 1;
        Some(())
    }

    /// A struct name or enum variant may be followed by its contents: `Partial(listed: 1)`.
    /// `Some` may also be followed by its value bare (`Some "x"`), which ron reads as an
    /// implicit `Some`.
    fn after_ident(&mut self, ident: &str, node: Option<usize>) -> Option<()> {
        let save = self.i;
        self.blank()?;
        if self.peek() == Some(b'(') {
            self.i += 1;
            self.contents(node)
        } else if ident == "Some" && !matches!(self.peek(), Some(b',' | b')' | b']' | b'}') | None)
        {
            self.value(node)
        } else {
            self.i = save;
            Some(())
        }
    }

    /// An identifier, as ron reads one: Unicode letters, digits and `_`, and in a raw one
    /// (`r#a.b`) also `.`, `+` and `-`.
    fn ident(&mut self) -> Option<&'a str> {
        let raw = self.b[self.i..].starts_with(b"r#");
        if raw {
            self.i += 2;
        }
        let from = self.i;
        while let Some(c) = self.peek_char() {
            if !(c.is_alphanumeric() || c == '_' || (raw && matches!(c, '.' | '+' | '-'))) {
                break;
            }
            self.i += c.len_utf8();
        }
        if self.i == from {
            return None;
        }
        self.s.get(from..self.i)
    }

    /// After `(`: a struct's `field: value` pairs, or a tuple's values. The first value of
    /// a tuple stands for the tuple itself (`Some(x)`, `Regional("x")` are `x` to serde).
    fn contents(&mut self, node: Option<usize>) -> Option<()> {
        self.blank()?;
        if self.peek() == Some(b')') {
            self.i += 1;
            return Some(());
        }
        let save = self.i;
        let is_struct = {
            let named = self.ident().is_some();
            let ok = named && self.blank().is_some() && self.peek() == Some(b':');
            self.i = save;
            ok
        };
        let mut k = 0;
        loop {
            if is_struct {
                let name = self.ident()?.to_string();
                let child = self.trie.field(node, &name);
                self.blank()?;
                self.expect(b':')?;
                self.blank()?;
                self.value(child)?;
            } else {
                let child = if k == 0 {
                    node
                } else {
                    self.trie.child(node, &Step::Index(k))
                };
                self.value(child)?;
            }
            k += 1;
            self.blank()?;
            match self.peek()? {
                b',' => {
                    self.i += 1;
                    self.blank()?;
                    if self.peek() == Some(b')') {
                        self.i += 1;
                        return Some(());
                    }
                }
                b')' => {
                    self.i += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    fn list(&mut self, node: Option<usize>) -> Option<()> {
        let mut k = 0;
        loop {
            self.blank()?;
            if self.peek() == Some(b']') {
                self.i += 1;
                return Some(());
            }
            let child = self.trie.child(node, &Step::Index(k));
            self.value(child)?;
            k += 1;
            self.blank()?;
            match self.peek()? {
                b',' => self.i += 1,
                b']' => {
                    self.i += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    fn map(&mut self) -> Option<()> {
        loop {
            self.blank()?;
            if self.peek() == Some(b'}') {
                self.i += 1;
                return Some(());
            }
            self.value(None)?;
            self.blank()?;
            self.expect(b':')?;
            self.blank()?;
            self.value(None)?;
            self.blank()?;
            match self.peek()? {
                b',' => self.i += 1,
                b'}' => {
                    self.i += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    fn char_literal(&mut self) -> Option<()> {
        self.i += 1;
        if self.peek()? == b'\\' {
            self.i += 2;
        } else {
            self.i += 1;
        }
        let close = self.b[self.i..].iter().position(|&c| c == b'\'')?;
        self.i += close + 1;
        Some(())
    }

    /// A string whose opening quote is at `self.i`, closed by `"` and `hashes` `#`s (`raw`
    /// when it was written `r"..."`: no escapes). Records the exact character asked of
    /// it, counting characters after escapes.
    fn string(&mut self, node: Option<usize>, raw: bool, hashes: usize) -> Option<()> {
        self.i += 1;
        let wants: Vec<(usize, usize)> = node
            .and_then(|n| self.trie.nodes.get(n))
            .map(|n| {
                n.ends
                    .iter()
                    .filter_map(|&k| Some((k, self.wanted.get(k)?.char_at?)))
                    .collect()
            })
            .unwrap_or_default();
        let mut chars = 0usize;
        loop {
            let c = self.peek()?;
            let at = self.i;
            if c == b'"' {
                let closing = self.b[self.i + 1..]
                    .iter()
                    .take(hashes)
                    .take_while(|&&c| c == b'#')
                    .count();
                if closing == hashes {
                    self.i += 1 + hashes;
                    return Some(());
                }
            }
            let produced = if !raw && c == b'\\' {
                self.escape()?
            } else {
                self.i += utf8_len(c);
                true
            };
            if produced {
                for &(k, want) in &wants {
                    if want == chars && !self.found[k].is_some_and(|(_, exact)| exact) {
                        self.found[k] = Some((at, true));
                    }
                }
                chars += 1;
            }
        }
    }

    /// Past one escape after a backslash at `self.i`; whether it stands for a character
    /// (a line continuation stands for none).
    fn escape(&mut self) -> Option<bool> {
        self.i += 1;
        let c = self.peek()?;
        self.i += 1;
        match c {
            b'u' => {
                self.expect(b'{')?;
                let close = self.b[self.i..].iter().position(|&c| c == b'}')?;
                self.i += close + 1;
            }
            b'x' => self.i += 2,
            // A line continuation: the line end and the blanks after it stand for nothing.
            b'\n' | b'\r' if c == b'\n' || self.peek() == Some(b'\n') => {
                while self.peek().is_some_and(|c| b" \t\n\r".contains(&c)) {
                    self.i += 1;
                }
                return Some(false);
            }
            _ => self.i += utf8_len(c) - 1,
        }
        Some(true)
    }
}

/// Whitespace as ron's parser counts it (`ron::parse::is_whitespace_char`).
fn is_ron_whitespace(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t'
            | '\n'
            | '\r'
            | '\x0B'
            | '\x0C'
            | '\u{85}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

/// The length of the UTF-8 sequence a lead byte starts (1 for anything unexpected, so a
/// walk always moves on).
fn utf8_len(lead: u8) -> usize {
    match lead {
        0xF0..=0xF7 => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, path: &[Step], char_at: Option<usize>) -> Option<(usize, usize)> {
        find(text, &[Wanted { path, char_at }])[0]
    }

    use Step::{Field as F, Index as I};

    #[test]
    fn follows_fields_lists_variants_and_options() {
        let text = "#![enable(implicit_some)]\n// c\n(\n  a: [ (n: \"x\"), (n: \"x\", m: Some(3)) ],\n  s: Regional(\"r\"),\n  p: Partial(listed: 1, note: r#\"q\"#),\n)";
        assert_eq!(at(text, &[], None), Some((3, 1)));
        assert_eq!(at(text, &[F("a"), I(1), F("n")], None), Some((4, 22)));
        assert_eq!(at(text, &[F("a"), I(1), F("m")], None), Some((4, 30)));
        assert_eq!(at(text, &[F("s")], None), Some((5, 6)));
        assert_eq!(at(text, &[F("s")], Some(0)), Some((5, 16)));
        assert_eq!(at(text, &[F("p"), F("note")], Some(0)), Some((6, 34)));
        assert_eq!(at(text, &[F("a"), I(2)], None), None);
        assert_eq!(at(text, &[F("zz")], None), None);
    }

    #[test]
    fn whitespace_is_what_ron_takes_for_whitespace() {
        // A vertical tab and U+2028 between tokens, a non-ASCII struct name, a line
        // continuation inside a string (found by the fuzzer: the walk stopped at them).
        let text = "(a:\u{b}[]\u{2028}, b: Größe(c: \"x\\\n   y\", d: Some \"z\"))";
        assert_eq!(at(text, &[F("b"), F("d")], Some(0)), Some((2, 17)));
        assert_eq!(at(text, &[F("b"), F("c")], Some(1)), Some((2, 4)));
        assert_eq!(at(text, &[F("b")], None), Some((1, 13)));
    }

    #[test]
    fn a_character_is_found_through_escapes() {
        let text = "(n: \"K\\u{e9}l\\x1b[2J\", m: \"ä\\\"\\n\u{1b}\")";
        // `\x1b` is the fourth character of the value.
        assert_eq!(at(text, &[F("n")], Some(3)), Some((1, 14)));
        assert_eq!(at(text, &[F("n")], Some(1)), Some((1, 7)));
        // Counting characters, not bytes, for the column.
        assert_eq!(at(text, &[F("m")], Some(3)), Some((1, 33)));
        // Past the end of the value: the value's start.
        assert_eq!(at(text, &[F("m")], Some(9)), Some((1, 27)));
    }
}
