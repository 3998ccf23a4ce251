//! A large dataset file parsed on every core.
//!
//! ron reads a file one character at a time, about 75 MB/s here: a 31 MB file of 250,000
//! members took 0.4 s of the 0.5 s the whole load may take. The member lists are the bulk
//! of any large file, and their entries do not depend on one another. So a quick scan
//! finds each `members: [ ... ]` list and the commas between its entries, the cores parse
//! the entries, each straight into its place in the list, and the rest of the file (its
//! skeleton, the lists emptied) is parsed on its own.
//!
//! The scan itself runs on two threads ([`scan_split`]): the second half of the file on
//! the guess that it starts between two entries, which the first half's scan confirms
//! when it gets there, or else carries on alone.
//!
//! An entry that ron reads is parsed after the file's own header (its leading comments and
//! any `#![enable(...)]` attributes, which change how the rest reads), so it reads as it
//! would in place.
//!
//! Entries in the plain form citynet writes are read straight from the text, several
//! times faster than ron reads them ([`entries`]); ron reads any entry that is not.
//!
//! The scan only has to be right about files that parse. Whenever something does not add
//! up (an entry or the skeleton fails to parse, the lists do not line up with the rosters),
//! this gives up and the caller parses the whole file the ordinary way, so every error is
//! ron's own, with its line and column.

use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use super::entries;
use super::model::{Dataset, Member};

/// Below this, one thread parses the whole file sooner than a scan and threads would.
pub const MIN_BYTES: usize = 1 << 20;

/// A thread takes at least this many bytes of a list (or of the scan) at a time, so small
/// lists are not cut up for nothing.
pub const MIN_PIECE: usize = 1 << 18;

/// One `members: [ ... ]` list: the byte range between its brackets, and the offsets just
/// after the commas that separate its entries.
#[derive(Debug, PartialEq, Eq)]
struct List {
    start: usize,
    end: usize,
    cuts: Vec<usize>,
}

/// `text` parsed with the entries of its member lists spread over the cores (`threads`
/// above 1: rayon's threads; 1: this one), a thread taking at least `min_piece` bytes of
/// a list at a time (`MIN_PIECE`), or `None` when this way does not apply or does not work
/// out (the caller then parses it serially).
pub fn parse(text: &str, threads: usize, min_piece: usize) -> Option<Dataset> {
    let found = scan_split(text.as_bytes(), threads, min_piece)?;
    parse_scanned(text, found, threads, min_piece)
}

/// [`parse`] of `text`, whose bytes `found` is the [`scan`] of: the scan needs only the
/// bytes, so a caller may run it while the bytes are checked for text.
pub fn parse_scanned(text: &str, found: Scan, threads: usize, min_piece: usize) -> Option<Dataset> {
    let Scan { header, lists } = found;
    // Most entries are plain enough to read straight (`entries`); ron reads the rest.
    let plain = plain_header(&text[..header]);
    // On one core, the scan pays only for entries read straight.
    if lists.is_empty() || (threads < 2 && !plain) {
        return None;
    }
    let mut skeleton =
        String::with_capacity(text.len() - lists.iter().map(|l| l.end - l.start).sum::<usize>());
    let mut from = 0;
    for l in &lists {
        skeleton.push_str(&text[from..l.start]);
        from = l.end;
    }
    skeleton.push_str(&text[from..]);

    let failed = AtomicBool::new(false);
    let entries = Entries {
        text,
        header: &text[..header],
        plain,
        failed: &failed,
    };
    let skeleton = || super::parse::ron_options().from_str::<Dataset>(&skeleton);
    let (dataset, parsed) = if threads < 2 {
        let parsed: Option<Vec<Vec<Member>>> = lists.iter().map(|l| entries.serial(l)).collect();
        (skeleton(), parsed)
    } else {
        // An entry is 90-150 bytes.
        let at_once = (min_piece / 128).max(1);
        rayon::join(skeleton, || {
            lists.iter().map(|l| entries.parallel(l, at_once)).collect()
        })
    };
    let mut dataset = dataset.ok()?;
    if failed.load(Ordering::Relaxed) {
        return None;
    }
    let mut parsed = parsed?;

    let rosters: Vec<&mut Vec<Member>> = dataset
        .networks
        .iter_mut()
        .filter_map(|n| n.roster.as_mut().map(|r| &mut *r.members))
        .collect();
    if rosters.len() != lists.len() || rosters.iter().any(|m| !m.is_empty()) {
        return None;
    }
    for (into, members) in rosters.into_iter().zip(&mut parsed) {
        std::mem::swap(into, members);
    }
    Some(dataset)
}

/// How the entries of a file's lists are read: straight where the header allows it
/// (`plain`) and the entry is plain, else by ron after the file's header. Any entry that
/// fails sets `failed`, and the entries after it are not read.
struct Entries<'a> {
    text: &'a str,
    header: &'a str,
    plain: bool,
    failed: &'a AtomicBool,
}

impl Entries<'_> {
    /// How many entries `list` holds: one more than its commas, unless all after the last
    /// one is blank (a trailing comma, or an empty list). Anything else there, a block
    /// comment included, counts as an entry, which then fails to read.
    fn count(&self, list: &List) -> usize {
        let last = list.cuts.last().copied().unwrap_or(list.start);
        let trailing = entries::is_blank(&self.text[last..list.end]);
        list.cuts.len() + usize::from(!trailing)
    }

    /// The text of entry `i` of `list`: from just after the comma before it to just
    /// before the comma after it.
    fn text(&self, list: &List, i: usize) -> &str {
        let start = match i.checked_sub(1) {
            Some(before) => list.cuts[before],
            None => list.start,
        };
        let end = list.cuts.get(i).map_or(list.end, |&after| after - 1);
        &self.text[start..end]
    }

    /// Entry `i` read straight (`entries`) into `m`, a blank member, where it is plain.
    fn straight(&self, list: &List, i: usize, m: &mut Member) -> Option<()> {
        entries::member(self.text(list, i), m)
    }

    /// Entry `i`, or a blank member with `failed` set when it does not read.
    fn entry(&self, list: &List, i: usize, buf: &mut String) -> Member {
        if self.failed.load(Ordering::Relaxed) {
            return Member::default();
        }
        let mut m = Member::default();
        if self.plain && self.straight(list, i, &mut m).is_some() {
            return m;
        }
        buf.clear();
        buf.push_str(self.header);
        buf.push_str(self.text(list, i));
        match super::parse::ron_options().from_str::<Member>(buf) {
            Ok(m) => m,
            Err(_) => {
                self.failed.store(true, Ordering::Relaxed);
                Member::default()
            }
        }
    }

    fn serial(&self, list: &List) -> Option<Vec<Member>> {
        let mut buf = String::new();
        let members = (0..self.count(list))
            .map(|i| self.entry(list, i, &mut buf))
            .collect();
        (!self.failed.load(Ordering::Relaxed)).then_some(members)
    }

    /// The entries of `list` read on rayon's threads, `at_once` or more at a time, each
    /// written where it belongs in the list: no piece is kept apart and joined after.
    fn parallel(&self, list: &List, at_once: usize) -> Option<Vec<Member>> {
        let mut members = Vec::new();
        (0..self.count(list))
            .into_par_iter()
            .with_min_len(at_once)
            .map_init(String::new, |buf, i| self.entry(list, i, buf))
            .collect_into_vec(&mut members);
        (!self.failed.load(Ordering::Relaxed)).then_some(members)
    }
}

/// The entries of a list, `body` being what stands between its brackets, each read
/// straight as a large file's are (the scan's commas, then [`entries::member`] on each);
/// `None` where the body does not scan or an entry is not plain. What the tests hold to
/// ron's reading of the same entries.
pub fn plain_entries(body: &str) -> Option<Vec<Member>> {
    let text = format!("{body}]");
    let mut no_stop = usize::MAX;
    let Reached::Closed(list) = scan_list(text.as_bytes(), 0, &mut no_stop)? else {
        return None;
    };
    if list.end != body.len() {
        return None;
    }
    let failed = AtomicBool::new(false);
    let entries = Entries {
        text: &text,
        header: "",
        plain: true,
        failed: &failed,
    };
    (0..entries.count(&list))
        .map(|i| {
            let mut m = Member::default();
            entries.straight(&list, i, &mut m).map(|()| m)
        })
        .collect()
}

/// Whether the file's header leaves entries to read as [`entries`] reads them: it turns on
/// no extension but `implicit_some`, which citynet reads with in any case.
fn plain_header(header: &str) -> bool {
    header.split("#![").skip(1).all(|attribute| {
        attribute
            .strip_prefix("enable(")
            .and_then(|a| a.split_once(')'))
            .is_some_and(|(names, _)| names.split(',').all(|n| n.trim() == "implicit_some"))
    })
}

/// Bytes that can start something the list scan must step over or count.
const SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let s = b"\"'/#()[]{},";
    let mut k = 0;
    while k < s.len() {
        t[s[k] as usize] = true;
        k += 1;
    }
    t
};

fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80
}

/// What [`scan`] finds of a file's layout.
#[derive(Debug, PartialEq, Eq)]
pub struct Scan {
    /// Where the file's header ends: leading comments and `#![...]` attributes.
    header: usize,
    lists: Vec<List>,
}

/// The file's header and every `members: [ ... ]` list in it, in order; `None` where the
/// text is not something this scan understands.
pub fn scan(b: &[u8]) -> Option<Scan> {
    let header = header_end(b)?;
    let mut lists = Vec::new();
    let mut no_stop = usize::MAX;
    match scan_top(b, header, &mut lists, &mut no_stop)? {
        Reached::End => Some(Scan { header, lists }),
        Reached::Stop(_) | Reached::Closed(_) => None,
    }
}

/// [`scan`] on two threads for a file of at least `2 * min_len` bytes (and `threads` above
/// 1): the second half is scanned on the guess that it starts between two entries of a
/// list, and the first half's scan, reaching that point, tells whether it does. When it
/// does not, the first half's scan goes on to the end, so the answer is always the serial
/// scan's.
pub fn scan_split(b: &[u8], threads: usize, min_len: usize) -> Option<Scan> {
    if threads < 2 || b.len() / 2 < min_len.max(1) {
        return scan(b);
    }
    match entry_start_after(b, b.len() / 2) {
        Some(guess) => scan_guessing(b, guess),
        None => scan(b),
    }
}

/// [`scan`], the text from `guess` on scanned on a second thread as if it started between
/// two entries of a list.
fn scan_guessing(b: &[u8], guess: usize) -> Option<Scan> {
    let first = || {
        let header = header_end(b)?;
        let mut lists = Vec::new();
        let mut stop = guess;
        let reached = scan_top(b, header, &mut lists, &mut stop)?;
        Some((header, lists, reached))
    };
    let rest = || {
        let mut none = usize::MAX;
        let Reached::Closed(List { end, cuts, .. }) = scan_list(b, guess, &mut none)? else {
            return None;
        };
        let mut lists = Vec::new();
        match scan_top(b, end + 1, &mut lists, &mut none)? {
            Reached::End => Some((end, cuts, lists)),
            Reached::Stop(_) | Reached::Closed(_) => None,
        }
    };
    let (first, rest) = rayon::join(first, rest);
    let (header, mut lists, reached) = first?;
    match reached {
        // The guess was wrong, and the first scan went on to the end.
        Reached::End => Some(Scan { header, lists }),
        Reached::Closed(_) => None,
        Reached::Stop(mut list) => {
            let (end, cuts, later) = rest?;
            list.end = end;
            list.cuts.extend(cuts);
            lists.push(list);
            lists.extend(later);
            Some(Scan { header, lists })
        }
    }
}

/// Where the first line after `from` that opens an entry starts (its first byte is `(`,
/// after any indent): the likeliest place for an entry of a list written one a line.
fn entry_start_after(b: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    loop {
        i += b.get(i..)?.iter().position(|&c| c == b'\n')? + 1;
        let indent = b[i..]
            .iter()
            .take_while(|&&c| c == b' ' || c == b'\t')
            .count();
        if b.get(i + indent) == Some(&b'(') {
            return Some(i);
        }
    }
}

/// How far a scan got.
enum Reached {
    /// The end of the text ([`scan_top`]).
    End,
    /// The end of the list ([`scan_list`]), its `end` at the closing bracket.
    Closed(List),
    /// The stop it was given, inside a list and between two of its entries: the list so
    /// far, its `end` the stop.
    Stop(List),
}

/// Where the file's header ends: past leading comments and `#![...]` attributes.
fn header_end(b: &[u8]) -> Option<usize> {
    let mut header = skip_blank(b, 0)?;
    while b[header..].starts_with(b"#![") {
        let close = header + b[header..].iter().position(|&c| c == b']')?;
        // An attribute holds identifiers, parentheses and commas only.
        let inside = &b[header + 3..close];
        if !inside
            .iter()
            .all(|&c| is_ident(c) || b"(), \t\r\n".contains(&c))
        {
            return None;
        }
        header = skip_blank(b, close + 1)?;
    }
    Some(header)
}

/// The lists from `i` on, outside any list, into `lists`; up to `stop` if the scan gets
/// there exactly, between two entries of a list, and else (`stop` set to `usize::MAX`) to
/// the end.
fn scan_top(b: &[u8], mut i: usize, lists: &mut Vec<List>, stop: &mut usize) -> Option<Reached> {
    while i < b.len() {
        if i >= *stop {
            // Outside any list: not the place the guess was about.
            *stop = usize::MAX;
        }
        let c = b[i];
        if is_ident(c) {
            let end = i + b[i..]
                .iter()
                .position(|&c| !is_ident(c))
                .unwrap_or(b.len() - i);
            if &b[i..end] == b"members"
                && let Some(open) = list_opening(b, end)?
            {
                match scan_list(b, open + 1, stop)? {
                    Reached::Closed(list) => {
                        i = list.end + 1;
                        lists.push(list);
                    }
                    stopped => return Some(stopped),
                }
            } else {
                i = end;
            }
            continue;
        }
        i = match c {
            b'"' | b'\'' | b'/' | b'#' => skip_literal(b, i)?,
            _ => i + 1,
        };
    }
    Some(Reached::End)
}

/// After a `members` identifier ending at `i`: the index of the `[` of `: [`, if that is
/// what follows.
fn list_opening(b: &[u8], i: usize) -> Option<Option<usize>> {
    let colon = skip_blank(b, i)?;
    if b.get(colon) != Some(&b':') {
        return Some(None);
    }
    let open = skip_blank(b, colon + 1)?;
    Some((b.get(open) == Some(&b'[')).then_some(open))
}

/// Past whitespace and comments.
fn skip_blank(b: &[u8], mut i: usize) -> Option<usize> {
    loop {
        match b.get(i) {
            Some(c) if c.is_ascii_whitespace() => i += 1,
            Some(b'/') => i = skip_literal(b, i)?,
            _ => return Some(i),
        }
    }
}

/// The list whose contents start at `start`, up to its closing `]` ([`Reached::Closed`]),
/// or up to `stop` if the scan gets there exactly between two entries ([`Reached::Stop`]);
/// passing `stop` any other way sets it to `usize::MAX`. `None` for a list this scan does
/// not understand, or no end.
fn scan_list(b: &[u8], start: usize, stop: &mut usize) -> Option<Reached> {
    let mut cuts = Vec::new();
    let mut depth = 0usize;
    let mut i = start;
    loop {
        if i >= *stop {
            if i == *stop && depth == 0 {
                let end = i;
                return Some(Reached::Stop(List { start, end, cuts }));
            }
            *stop = usize::MAX;
        }
        let limit = (*stop).min(b.len());
        while i < limit && !SPECIAL[b[i] as usize] {
            i += 1;
        }
        if i == *stop {
            continue;
        }
        let c = *b.get(i)?;
        match c {
            b'"' | b'\'' | b'/' | b'#' => {
                i = skip_literal(b, i)?;
                continue;
            }
            b'(' | b'[' | b'{' => depth += 1,
            b']' if depth == 0 => {
                let end = i;
                return Some(Reached::Closed(List { start, end, cuts }));
            }
            b')' | b'}' if depth == 0 => return None,
            b')' | b']' | b'}' => depth -= 1,
            b',' if depth == 0 => cuts.push(i + 1),
            _ => {}
        }
        i += 1;
    }
}

/// Past the string, character, comment or raw-string marker that starts at `i`.
fn skip_literal(b: &[u8], i: usize) -> Option<usize> {
    match b[i] {
        b'"' if raw_prefix(b, i) => skip_raw(b, i, 0),
        b'"' => {
            let mut j = i + 1;
            loop {
                j += b.get(j..)?.iter().position(|&c| c == b'"' || c == b'\\')?;
                if b[j] == b'"' {
                    return Some(j + 1);
                }
                j += 2;
            }
        }
        b'\'' => {
            // 'x' or an escape ('\'', '\u{1F600}'): the closing quote comes after the
            // first character, or after the backslash and the character it escapes.
            let from = if b.get(i + 1) == Some(&b'\\') {
                i + 3
            } else {
                i + 2
            };
            Some(from + b.get(from..)?.iter().position(|&c| c == b'\'')? + 1)
        }
        b'/' => match b.get(i + 1) {
            Some(b'/') => Some(
                b[i..]
                    .iter()
                    .position(|&c| c == b'\n')
                    .map_or(b.len(), |n| i + n + 1),
            ),
            Some(b'*') => {
                let mut depth = 1;
                let mut j = i + 2;
                while depth > 0 {
                    match (b.get(j)?, b.get(j + 1)) {
                        (b'/', Some(b'*')) => (depth, j) = (depth + 1, j + 2),
                        (b'*', Some(b'/')) => (depth, j) = (depth - 1, j + 2),
                        _ => j += 1,
                    }
                }
                Some(j)
            }
            _ => None,
        },
        b'#' if raw_prefix(b, i) => {
            let hashes = b[i..].iter().take_while(|&&c| c == b'#').count();
            match b.get(i + hashes) {
                Some(b'"') => skip_raw(b, i + hashes, hashes),
                // A raw identifier, `r#type`.
                Some(&c) if hashes == 1 && is_ident(c) => Some(i + 1),
                _ => None,
            }
        }
        // `#![enable(...)]` and anything else: not for this scan.
        _ => None,
    }
}

/// Whether the `"` or `#` at `i` follows a raw-string prefix: `r` or `br`, standing alone.
fn raw_prefix(b: &[u8], i: usize) -> bool {
    let Some(r) = i.checked_sub(1) else {
        return false;
    };
    if b[r] != b'r' {
        return false;
    }
    match r.checked_sub(1).map(|p| b[p]) {
        None => true,
        Some(b'b') => r < 2 || !is_ident(b[r - 2]),
        Some(c) => !is_ident(c),
    }
}

/// Past a raw string whose opening quote is at `quote`, closed by `"` and `hashes` `#`s.
fn skip_raw(b: &[u8], quote: usize, hashes: usize) -> Option<usize> {
    let mut j = quote + 1;
    loop {
        j += b.get(j..)?.iter().position(|&c| c == b'"')?;
        let closing = b[j + 1..]
            .iter()
            .take(hashes)
            .take_while(|&&c| c == b'#')
            .count();
        if closing == hashes {
            return Some(j + 1 + hashes);
        }
        j += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contents<'a>(text: &'a str, l: &List) -> &'a str {
        &text[l.start..l.end]
    }

    #[test]
    fn finds_each_list_and_the_commas_between_entries_only() {
        let text = r##"( a: "members: [x]", members: [ (n: "a,]"), // ], "
            (n: r#"b "], "#, m: [1, 2]), /* ( /* ] */ , */ (n: 'c') ], z: 1, members : [] )"##;
        let Scan { lists, .. } = scan(text.as_bytes()).expect("scans");
        assert_eq!(lists.len(), 2);
        let first = contents(text, &lists[0]);
        assert!(first.starts_with(" (n: \"a,]\")"), "{first:?}");
        assert!(first.ends_with("(n: 'c') "), "{first:?}");
        let entries: Vec<&str> = std::iter::once(lists[0].start)
            .chain(lists[0].cuts.iter().copied())
            .zip(lists[0].cuts.iter().copied().chain([lists[0].end]))
            .map(|(s, e)| text[s..e].trim())
            .collect();
        assert_eq!(
            entries,
            [
                "(n: \"a,]\"),",
                "// ], \"\n            (n: r#\"b \"], \"#, m: [1, 2]),",
                "/* ( /* ] */ , */ (n: 'c')"
            ]
        );
        assert_eq!(contents(text, &lists[1]), "");
    }

    #[test]
    fn the_header_is_the_leading_comments_and_attributes() {
        let text =
            "// a comment\n#![enable(implicit_some)]\n #![enable(unwrap_newtypes)] (members: [])";
        let found = scan(text.as_bytes()).expect("scans");
        assert_eq!(&text[found.header..], "(members: [])");
        assert_eq!(found.lists.len(), 1);
    }

    #[test]
    fn a_scan_guessing_anywhere_finds_what_the_serial_scan_finds() {
        let tricky = r##"// lists
#![enable(implicit_some)]
( a: "members: [x]", members: [ (n: "a,]"), // ], "
  (n: r#"b "],
  (x"#, m: [1, 2]),
  /* (
  ( /* ] */ , */ (n: 'c'),
  (n: "multi
  (line"),
  ],
  z: 1, members : [
  (n: 1), (n: [2,
  (3)]),
  ], w: "(", members: [ ( )
] )"##;
        let mut texts = vec![tricky.to_string()];
        // Damaged: each cut of a few bytes, so that some guesses land where the scan
        // fails, or in a list that never closes.
        for at in (0..tricky.len()).step_by(7) {
            let end = (at + 3).min(tricky.len());
            if tricky.is_char_boundary(at) && tricky.is_char_boundary(end) {
                texts.push(format!("{}{}", &tricky[..at], &tricky[end..]));
            }
        }
        let mut guessed = 0;
        for text in &texts {
            let b = text.as_bytes();
            let serial = scan(b);
            for guess in 0..=b.len() {
                assert_eq!(scan_guessing(b, guess), serial, "guess {guess} in {text:?}");
            }
            for min_len in [1, 10, 100] {
                assert_eq!(scan_split(b, 2, min_len), serial, "{text:?}");
            }
            guessed += usize::from(serial.is_some());
        }
        assert!(guessed > 10, "{guessed} texts scan at all");
    }

    #[test]
    fn gives_up_on_what_it_does_not_understand() {
        for text in [
            "#![enable(\"implicit_some\")] (members: [])",
            "(members: [ \"unterminated ])",
            "(members: [ (a: 1) )",
            "(members: [ /* open ",
            "(a: 1, #![enable(implicit_some)] members: [])",
        ] {
            assert!(scan(text.as_bytes()).is_none(), "{text}");
        }
    }
}
