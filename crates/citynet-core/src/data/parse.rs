//! RON text into the model: the embedded assets and any file a person writes by hand.
//!
//! The build script compiles this module too (`build.rs`), so the assets are parsed by the
//! very code that parses a `--data` file, and a broken asset fails the build with the same
//! `file:line:col` message a broken `--data` file gets at run time.

use std::fmt;

use ron::extensions::Extensions;
use serde::de::DeserializeOwned;

use super::model::{Dataset, Roster};
use super::spans::{SourceFile, Step};

/// The directory file: every network, without rosters.
pub static EMBEDDED_DIRECTORY: (&str, &str) = (
    "assets/directory.ron",
    include_str!("../../../../assets/directory.ron"),
);

/// Each network's roster lives in a file of its own, named by the network's id, so the
/// long member lists stay out of the way of the directory entries.
pub static EMBEDDED_ROSTERS: &[(&str, &str, &str)] = &[
    (
        "eurocities",
        "assets/rosters/eurocities.ron",
        include_str!("../../../../assets/rosters/eurocities.ron"),
    ),
    (
        "c40",
        "assets/rosters/c40.ron",
        include_str!("../../../../assets/rosters/c40.ron"),
    ),
    (
        "uccn",
        "assets/rosters/uccn.ron",
        include_str!("../../../../assets/rosters/uccn.ron"),
    ),
    (
        "covenant-of-mayors",
        "assets/rosters/covenant-of-mayors.ron",
        include_str!("../../../../assets/rosters/covenant-of-mayors.ron"),
    ),
    (
        "healthy-cities-partnership",
        "assets/rosters/healthy-cities-partnership.ron",
        include_str!("../../../../assets/rosters/healthy-cities-partnership.ron"),
    ),
    (
        "peace-in-our-cities",
        "assets/rosters/peace-in-our-cities.ron",
        include_str!("../../../../assets/rosters/peace-in-our-cities.ron"),
    ),
    (
        "ccdr",
        "assets/rosters/ccdr.ron",
        include_str!("../../../../assets/rosters/ccdr.ron"),
    ),
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub file: String,
    /// 1-based line and column, where the format points at one.
    pub position: Option<(usize, usize)>,
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some((line, col)) => write!(f, "{}:{line}:{col}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for LoadError {}

pub fn ron_options() -> ron::Options {
    // implicit_some lets a hand-written file say `founded: 1986` instead of `Some(1986)`.
    ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME)
}

fn parse<T: DeserializeOwned>(file: &str, text: &str) -> Result<T, LoadError> {
    ron_options().from_str(text).map_err(|e| LoadError {
        file: file.to_string(),
        position: (e.span.start.line > 0).then_some((e.span.start.line, e.span.start.col)),
        message: e.code.to_string(),
    })
}

/// Parses a whole dataset file (networks, and any rosters written inline); a large one's
/// member lists on every core (`split`).
pub fn parse_dataset(file: &str, text: &str) -> Result<Dataset, LoadError> {
    if text.len() >= super::split::MIN_BYTES
        && let Some(dataset) = super::split::parse(text, cores(), super::split::MIN_PIECE)
    {
        return Ok(dataset);
    }
    parse(file, text)
}

/// [`parse_dataset`] of a file's bytes: on a large file, the check that they are text runs
/// beside the scan for its member lists (`split::scan_split`).
pub fn parse_dataset_bytes(file: &str, bytes: &[u8]) -> Result<Dataset, LoadError> {
    if bytes.len() < super::split::MIN_BYTES {
        return parse_dataset(file, super::load::text_in(file, bytes)?);
    }
    let threads = cores();
    let (text, found) = rayon::join(
        || super::load::text_in(file, bytes),
        || super::split::scan_split(bytes, threads, super::split::MIN_PIECE),
    );
    let text = text?;
    let split = found.and_then(|found| {
        super::split::parse_scanned(text, found, threads, super::split::MIN_PIECE)
    });
    match split {
        Some(dataset) => Ok(dataset),
        None => parse(file, text),
    }
}

/// The cores a large file is parsed on.
fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Parses one roster file.
pub fn parse_roster(file: &str, text: &str) -> Result<Roster, LoadError> {
    parse(file, text)
}

/// Attaches a roster to the network with the given id.
pub fn attach(
    dataset: &mut Dataset,
    network: &str,
    file: &str,
    roster: Roster,
) -> Result<(), LoadError> {
    let error = |message: String| LoadError {
        file: file.to_string(),
        position: None,
        message,
    };
    let Some(net) = dataset.networks.iter_mut().find(|n| n.id == network) else {
        return Err(error(format!("roster for unknown network `{network}`")));
    };
    if net.roster.is_some() {
        return Err(error(format!("network `{network}` has a roster already")));
    }
    net.roster = Some(roster);
    Ok(())
}

/// The embedded dataset, parsed from its RON text. The binary does this once, when it is
/// built; at run time it decodes the result (`load::embedded`).
pub fn embedded_from_ron() -> Result<Dataset, LoadError> {
    let (file, text) = EMBEDDED_DIRECTORY;
    let mut dataset = parse_dataset(file, text)?;
    for (network, file, text) in EMBEDDED_ROSTERS {
        let roster = parse_roster(file, text)?;
        attach(&mut dataset, network, file, roster)?;
    }
    Ok(dataset)
}

/// The embedded files as they hold `dataset` (the embedded one, or it with one network's
/// roster replaced by `edited`, a roster file being edited: (network id, file, text)):
/// the directory, and each roster file as the roster of the network it belongs to.
pub fn embedded_files<'a>(
    dataset: &Dataset,
    edited: Option<(&str, &'a str, &'a str)>,
) -> Vec<SourceFile<'a>> {
    let (name, text) = EMBEDDED_DIRECTORY;
    let mut files = vec![SourceFile {
        name,
        text,
        holds: Vec::new(),
    }];
    let rosters = EMBEDDED_ROSTERS
        .iter()
        .filter(|(network, _, _)| edited.is_none_or(|(e, _, _)| e != *network))
        .map(|&(network, file, text)| (network, file, text))
        .chain(edited);
    for (network, file, text) in rosters {
        if let Some(k) = dataset.networks.iter().position(|n| n.id == network) {
            files.push(SourceFile {
                name: file,
                text,
                holds: vec![
                    Step::Field("networks"),
                    Step::Index(k),
                    Step::Field("roster"),
                ],
            });
        }
    }
    files
}

/// What a file holds, judged by the fields of its top-level value that come before any
/// mistake in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A whole dataset (`title`, `networks`, ...).
    Dataset,
    /// One network's roster (`completeness`, `tiers`, `members`, ...).
    Roster,
    /// Nothing to go by.
    Unknown,
}

pub fn file_kind(text: &str) -> FileKind {
    let fields = top_level_fields(text);
    let has = |names: &[&str]| fields.iter().any(|f| names.contains(f));
    if has(&["title", "networks"]) {
        FileKind::Dataset
    } else if has(&["completeness", "tiers", "members"]) {
        FileKind::Roster
    } else {
        FileKind::Unknown
    }
}

/// The names of the fields of the outermost value, as far as the text can be followed.
/// Tolerant where ron is not: it serves to tell a roster from a dataset even in a file
/// with a syntax error further on.
fn top_level_fields(text: &str) -> Vec<&str> {
    let b = text.as_bytes();
    let mut fields = Vec::new();
    let mut depth = 0usize;
    // Whether the last thing at depth 1 opened the value or ended a field (`(` or `,`).
    let mut expecting = false;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match c {
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                expecting = false;
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i + 1 < b.len() && !(b[i] == b'*' && b[i + 1] == b'/') {
                    i += 1;
                }
                i += 1;
            }
            b'#' if depth == 0 => {
                while i < b.len() && b[i] != b']' {
                    i += 1;
                }
            }
            b'(' | b'[' | b'{' => {
                depth += 1;
                expecting = depth == 1;
            }
            b')' | b']' | b'}' => {
                if depth <= 1 {
                    break;
                }
                depth -= 1;
            }
            b',' if depth == 1 => expecting = true,
            _ if c.is_ascii_alphabetic() || c == b'_' => {
                let start = i;
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                    i += 1;
                }
                let mut j = i;
                while j < b.len() && b[j].is_ascii_whitespace() {
                    j += 1;
                }
                if depth == 1 && expecting && b.get(j) == Some(&b':') {
                    fields.push(&text[start..i]);
                }
                expecting = false;
                continue;
            }
            _ if c.is_ascii_whitespace() => {}
            _ => {
                if depth == 1 {
                    expecting = false;
                }
            }
        }
        i += 1;
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_roster_file_is_told_from_a_dataset_even_when_broken() {
        let roster = "// c40\n(\n sources: [\"c40\"], as_of: \"2024\",\n completeness: Complete,\n tiers: [(id: \"a\")],\n members: [ (name: \"x\" oops ]";
        assert_eq!(file_kind(roster), FileKind::Roster);
        let dataset = "(title: \"t\", as_of: \"x\", sources: [], networks: [(members: [])]";
        assert_eq!(file_kind(dataset), FileKind::Dataset);
        assert_eq!(file_kind("(sources: [], as_of: \"x\", "), FileKind::Unknown);
        assert_eq!(file_kind(""), FileKind::Unknown);
    }
}
