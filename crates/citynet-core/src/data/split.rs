//! A large dataset file parsed on every core.
//!
//! ron reads a file one character at a time, about 75 MB/s here: a 31 MB file of 250,000
//! members took 0.4 s of the 0.5 s the whole load may take. The member lists are the bulk
//! of any large file, and their entries do not depend on one another. So a quick scan
//! finds each `members: [ ... ]` list and the commas between its entries, the cores parse
//! the entries in pieces, and the rest of the file (its skeleton, the lists emptied) is
//! parsed on its own.
//!
//! Each piece is parsed after the file's own header (its leading comments and any
//! `#![enable(...)]` attributes, which change how the rest reads), so it reads as it would
//! in place.
//!
//! Entries in the plain form citynet writes are read straight from the text, several
//! times faster than ron reads them ([`entries`]); ron reads any piece that is not.
//!
//! The scan only has to be right about files that parse. Whenever something does not add
//! up (a piece or the skeleton fails to parse, the lists do not line up with the rosters),
//! this gives up and the caller parses the whole file the ordinary way, so every error is
//! ron's own, with its line and column.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::entries;
use super::model::{Dataset, Member};

/// Below this, one thread parses the whole file sooner than a scan and threads would.
pub const MIN_BYTES: usize = 1 << 20;

/// A piece of a list is at least this long, so small lists are not cut up for nothing.
pub const MIN_PIECE: usize = 1 << 18;

/// One `members: [ ... ]` list: the byte range between its brackets, and the offsets just
/// after the commas that separate its entries.
#[derive(Debug, PartialEq, Eq)]
struct List {
    start: usize,
    end: usize,
    cuts: Vec<usize>,
}

/// `text` parsed with its member lists cut into pieces of at least `min_piece` bytes
/// (`MIN_PIECE`) and spread over `threads` threads, or `None` when this way does not
/// apply or does not work out (the caller then parses it serially).
pub fn parse(text: &str, threads: usize, min_piece: usize) -> Option<Dataset> {
    let Scan { header, lists } = scan(text.as_bytes())?;
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

    let pieces = pieces(&lists, threads, min_piece);
    let next = AtomicUsize::new(0);
    let parsed: Mutex<Vec<Option<Vec<Member>>>> = Mutex::new(vec![None; pieces.len()]);
    let failed = std::sync::atomic::AtomicBool::new(false);
    let work = || {
        let mut buf = String::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(&(_, start, end)) = pieces.get(i) else {
                break;
            };
            if failed.load(Ordering::Relaxed) {
                break;
            }
            if let Some(members) = plain.then(|| entries::members(&text[start..end])).flatten() {
                if let Ok(mut p) = parsed.lock() {
                    p[i] = Some(members);
                }
                continue;
            }
            buf.clear();
            buf.push_str(&text[..header]);
            buf.push('[');
            buf.push_str(&text[start..end]);
            buf.push(']');
            match super::parse::ron_options().from_str::<Vec<Member>>(&buf) {
                Ok(members) => {
                    if let Ok(mut p) = parsed.lock() {
                        p[i] = Some(members);
                    }
                }
                Err(_) => failed.store(true, Ordering::Relaxed),
            }
        }
    };
    let dataset = std::thread::scope(|s| {
        for _ in 1..threads.min(pieces.len()) {
            s.spawn(work);
        }
        let dataset = super::parse::ron_options().from_str::<Dataset>(&skeleton);
        work();
        dataset
    });
    let mut dataset = dataset.ok()?;
    if failed.load(Ordering::Relaxed) {
        return None;
    }
    let parsed = parsed.into_inner().ok()?;

    let mut rosters: Vec<&mut Vec<Member>> = dataset
        .networks
        .iter_mut()
        .filter_map(|n| n.roster.as_mut().map(|r| &mut *r.members))
        .collect();
    if rosters.len() != lists.len() || rosters.iter().any(|m| !m.is_empty()) {
        return None;
    }
    let parsed: Vec<Vec<Member>> = parsed.into_iter().collect::<Option<_>>()?;
    for (n, into) in rosters.iter_mut().enumerate() {
        let mine = || {
            pieces
                .iter()
                .zip(&parsed)
                .filter(move |((list, _, _), _)| *list == n)
        };
        into.reserve_exact(mine().map(|(_, m)| m.len()).sum());
    }
    for ((list, _, _), members) in pieces.iter().zip(parsed) {
        rosters[*list].extend(members);
    }
    Some(dataset)
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

/// The lists cut into pieces at entry boundaries, as (list, start, end), in file order:
/// about four pieces a thread, so that a thread done early takes another.
fn pieces(lists: &[List], threads: usize, min_piece: usize) -> Vec<(usize, usize, usize)> {
    let total: usize = lists.iter().map(|l| l.end - l.start).sum();
    let target = (total / (threads * 4)).max(min_piece);
    let mut out = Vec::new();
    for (n, l) in lists.iter().enumerate() {
        let mut start = l.start;
        for &cut in &l.cuts {
            if cut - start >= target {
                out.push((n, start, cut));
                start = cut;
            }
        }
        if start < l.end || start == l.start {
            out.push((n, start, l.end));
        }
    }
    out
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

struct Scan {
    /// Where the file's header ends: leading comments and `#![...]` attributes.
    header: usize,
    lists: Vec<List>,
}

/// The file's header and every `members: [ ... ]` list in it, in order; `None` where the
/// text is not something this scan understands.
fn scan(b: &[u8]) -> Option<Scan> {
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
    let mut lists = Vec::new();
    let mut i = header;
    while i < b.len() {
        let c = b[i];
        if is_ident(c) {
            let end = i + b[i..]
                .iter()
                .position(|&c| !is_ident(c))
                .unwrap_or(b.len() - i);
            if &b[i..end] == b"members"
                && let Some(open) = list_opening(b, end)?
            {
                let list = scan_list(b, open + 1)?;
                i = list.end + 1;
                lists.push(list);
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
    Some(Scan { header, lists })
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

/// The list whose contents start at `start`, up to its closing `]`.
fn scan_list(b: &[u8], start: usize) -> Option<List> {
    let mut cuts = Vec::new();
    let mut depth = 0usize;
    let mut i = start;
    loop {
        while i < b.len() && !SPECIAL[b[i] as usize] {
            i += 1;
        }
        let c = *b.get(i)?;
        match c {
            b'"' | b'\'' | b'/' | b'#' => {
                i = skip_literal(b, i)?;
                continue;
            }
            b'(' | b'[' | b'{' => depth += 1,
            b']' if depth == 0 => {
                return Some(List {
                    start,
                    end: i,
                    cuts,
                });
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
