//! Reading a dataset file a person hands us, bounded, once.
//!
//! Every failure names the file, and the line and column where the format gives one, so a
//! person editing a data file by hand can go straight to the mistake. The file is read
//! exactly once, and the text kept for whoever reports on it: a FIFO cannot be read twice,
//! and reopening a file to quote it could quote something else.
//!
//! Nothing here trusts a file's size: the reading stops past a limit (`--max-size`), so
//! `/dev/zero` or a file grown by mistake to gigabytes is refused, not read until memory
//! runs out; and it stops at the first bytes that are not UTF-8, so a binary file is refused
//! at once.

use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicU8, AtomicU64, Ordering};

use super::model::Dataset;
use super::parse::{LoadError, parse_dataset};

/// The largest file read unless the caller raises it: 512 MiB, some sixteen times the
/// file of 250,000 members the benchmarks use.
pub const DEFAULT_MAX_BYTES: u64 = 512 << 20;

/// Reads a dataset file from disk: one RON file in the shape of `citynet export --format
/// ron`, at most [`DEFAULT_MAX_BYTES`] long.
pub fn load_file(path: &Path) -> Result<Dataset, LoadError> {
    let text = read_text(path, DEFAULT_MAX_BYTES)?;
    parse_dataset(&path.display().to_string(), &text)
}

/// `n` bytes as people read a file size: `512 MiB`, `1.5 GiB`, `300 bytes`.
pub fn size_text(n: u64) -> String {
    const MIB: u64 = 1 << 20;
    const GIB: u64 = 1 << 30;
    if n >= GIB {
        format!("{}.{} GiB", n / GIB, n % GIB * 10 / GIB)
    } else if n >= MIB {
        format!("{} MiB", n.div_ceil(MIB))
    } else {
        format!("{n} bytes")
    }
}

/// What a load is doing, told across threads while it runs: a screen that waits for the
/// data shows it, and nothing the load does waits on whoever reads it.
#[derive(Debug, Default)]
pub struct Progress {
    stage: AtomicU8,
    read: AtomicU64,
    /// The file's size when it is a regular file; 0 when it is not known (a pipe).
    total: AtomicU64,
}

/// The steps of a load, in the order they happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Hashing the file to find a copy kept by an earlier load (`data::cache`).
    LookingForCopy,
    ReadingCopy,
    Reading,
    Parsing,
    Checking,
}

impl Stage {
    const ALL: [Stage; 5] = [
        Stage::LookingForCopy,
        Stage::ReadingCopy,
        Stage::Reading,
        Stage::Parsing,
        Stage::Checking,
    ];

    /// The step as a person reads it on a waiting screen.
    pub fn describe(self) -> &'static str {
        match self {
            Stage::LookingForCopy => "looking for a cached copy",
            Stage::ReadingCopy => "reading the cached copy",
            Stage::Reading => "reading",
            Stage::Parsing => "parsing",
            Stage::Checking => "checking",
        }
    }
}

impl Progress {
    pub fn set_stage(&self, stage: Stage) {
        let i = Stage::ALL.iter().position(|&s| s == stage).unwrap_or(0);
        self.stage
            .store(u8::try_from(i).unwrap_or(0), Ordering::Relaxed);
    }

    pub fn stage(&self) -> Stage {
        let i = usize::from(self.stage.load(Ordering::Relaxed));
        Stage::ALL.get(i).copied().unwrap_or(Stage::Reading)
    }

    /// Bytes of the file read so far.
    pub fn read(&self) -> u64 {
        self.read.load(Ordering::Relaxed)
    }

    /// The file's size, when it is known before it is read.
    pub fn total(&self) -> Option<u64> {
        Some(self.total.load(Ordering::Relaxed)).filter(|&n| n > 0)
    }
}

/// The text of the file at `path`, read once, refused past `max` bytes or at the first
/// byte that is not text.
pub fn read_text(path: &Path, max: u64) -> Result<String, LoadError> {
    let bytes = read_bytes(path, max)?;
    text_of(path, bytes)
}

/// How much of a file is checked for text as it is read, so that a binary file is refused
/// at once; the rest is checked in one go when it is all in (`text_of`), which is faster
/// than checking it piece by piece and then again as a whole.
const CHECKED_WHILE_READING: usize = 1 << 20;

/// The bytes of the file at `path`, read once, refused past `max` bytes, or at the first
/// byte in its first megabyte that is not text.
pub fn read_bytes(path: &Path, max: u64) -> Result<Vec<u8>, LoadError> {
    read_bytes_telling(path, max, &Progress::default())
}

/// [`read_bytes`], counting the bytes read into `progress` as they arrive.
pub fn read_bytes_telling(
    path: &Path,
    max: u64,
    progress: &Progress,
) -> Result<Vec<u8>, LoadError> {
    let file = path.display().to_string();
    let error = |message: String| LoadError {
        file: file.clone(),
        position: None,
        message,
    };
    let too_big = |n: String| {
        error(format!(
            "is {n}, more than the {} a dataset file may be (--max-size raises the limit)",
            size_text(max)
        ))
    };
    let meta = std::fs::metadata(path).map_err(|e| error(format!("cannot read: {e}")))?;
    if meta.is_dir() {
        return Err(error("is a directory, not a dataset file".into()));
    }
    if is_device(&meta) {
        return Err(error(
            "is a device, not a dataset file (a file, or a pipe such as /dev/stdin, is)".into(),
        ));
    }
    if meta.is_file() && meta.len() > max {
        return Err(too_big(size_text(meta.len())));
    }
    if meta.is_file() {
        progress.total.store(meta.len(), Ordering::Relaxed);
    }
    let handle = std::fs::File::open(path).map_err(|e| error(format!("cannot read: {e}")))?;
    let mut reader = handle.take(max.saturating_add(1));
    // A regular file's size is known (and bounded above): one allocation, no copying.
    let expected = if meta.is_file() {
        usize::try_from(meta.len()).unwrap_or(0)
    } else {
        0
    };
    let mut bytes: Vec<u8> = Vec::with_capacity(expected.saturating_add(1));
    let mut check = TextCheck::default();
    let mut chunk = vec![0u8; 1 << 16];
    loop {
        let n = match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(error(format!("cannot read: {e}"))),
        };
        bytes.extend_from_slice(&chunk[..n]);
        progress.read.store(
            u64::try_from(bytes.len()).unwrap_or(u64::MAX),
            Ordering::Relaxed,
        );
        if u64::try_from(bytes.len()).map_or(true, |len| len > max) {
            return Err(too_big(format!("more than {}", size_text(max))));
        }
        if check.from < CHECKED_WHILE_READING
            && let Some((offset, what)) = check.scan(&bytes)
        {
            let (line, col) = line_col(&bytes[..offset]);
            return Err(LoadError {
                file: file.clone(),
                position: Some((line, col)),
                message: what.into(),
            });
        }
    }
    Ok(bytes)
}

/// `bytes`, read from `path`, as text, or where they stop being UTF-8.
pub fn text_of(path: &Path, bytes: Vec<u8>) -> Result<String, LoadError> {
    String::from_utf8(bytes).map_err(|e| {
        let (line, col) = line_col(&e.as_bytes()[..e.utf8_error().valid_up_to()]);
        LoadError {
            file: path.display().to_string(),
            position: Some((line, col)),
            message: "not valid UTF-8".into(),
        }
    })
}

#[cfg(unix)]
fn is_device(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    t.is_char_device() || t.is_block_device()
}

#[cfg(not(unix))]
fn is_device(_: &std::fs::Metadata) -> bool {
    false
}

/// The UTF-8 check as the bytes arrive, so that a file that is not text is refused at
/// its first wrong byte instead of after reading all of it.
#[derive(Default)]
struct TextCheck {
    /// Where the bytes not yet known to be whole characters start.
    from: usize,
}

impl TextCheck {
    /// Checks the bytes not checked yet; the offset and nature of the first wrong byte,
    /// if any.
    fn scan(&mut self, bytes: &[u8]) -> Option<(usize, &'static str)> {
        let fresh = &bytes[self.from..];
        let good = match std::str::from_utf8(fresh) {
            Ok(_) => fresh.len(),
            // A character cut at the chunk's end may complete in the next one.
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            Err(e) => return Some((self.from + e.valid_up_to(), "not valid UTF-8")),
        };
        self.from += good;
        None
    }
}

/// The 1-based line and column (in characters) just after `before`.
fn line_col(before: &[u8]) -> (usize, usize) {
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let last = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(before, |i| &before[i + 1..]);
    // Characters, not bytes: count the bytes that start one.
    let col = last.iter().filter(|&&b| b & 0xC0 != 0x80).count() + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(size_text(300), "300 bytes");
        assert_eq!(size_text(512 << 20), "512 MiB");
        assert_eq!(size_text(3 << 29), "1.5 GiB");
    }

    #[test]
    fn text_checks_find_the_first_wrong_byte_across_chunks() {
        let mut c = TextCheck::default();
        // "é" cut between two chunks is fine.
        let mut bytes = b"ab\xC3".to_vec();
        assert_eq!(c.scan(&bytes), None);
        bytes.extend_from_slice(b"\xA9\n\xC3(");
        assert_eq!(c.scan(&bytes), Some((5, "not valid UTF-8")));
        let mut c = TextCheck::default();
        assert_eq!(c.scan(b"ok\n\xFF"), Some((3, "not valid UTF-8")));
        assert_eq!(line_col("ä\nöx".as_bytes()), (2, 3));
    }
}
