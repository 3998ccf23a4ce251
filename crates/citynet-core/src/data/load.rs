//! Reading a dataset file a person hands us, bounded, once.
//!
//! Every failure names the file, and the line and column where the format gives one, so a
//! person editing a data file by hand can go straight to the mistake. The file is read
//! once, into bytes the caller keeps for whoever reports on it: a FIFO cannot be read
//! twice. (A caller that lets a regular file's bytes go reads it again to quote a problem
//! only if it still holds what was parsed: `cli::Unchecked`.)
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

/// How much is read between two reports of progress: a pipe's reads are shorter.
const READ_STEP: u64 = 1 << 20;

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
    // A regular file's size is known (and bounded above): one allocation, no copying.
    let expected = if meta.is_file() {
        usize::try_from(meta.len()).unwrap_or(0)
    } else {
        0
    };
    if expected >= READ_IN_HALVES_FROM {
        match read_in_halves(&handle, expected, progress) {
            HalvesRead::Whole(bytes) => return Ok(bytes),
            HalvesRead::NotText(position, what) => {
                return Err(LoadError {
                    file: file.clone(),
                    position: Some(position),
                    message: what.into(),
                });
            }
            // Changed as it was read, or a read failed: read again, from the start, the
            // ordinary way, which says what is wrong.
            HalvesRead::Again => progress.read.store(0, Ordering::Relaxed),
        }
    }
    let mut reader = handle.take(max.saturating_add(1));
    let mut bytes: Vec<u8> = Vec::with_capacity(expected.saturating_add(1));
    let mut check = TextCheck::default();
    loop {
        // Straight into the buffer, a step at a time so that the progress moves.
        let mut step = (&mut reader).take(READ_STEP);
        match step.read_to_end(&mut bytes) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => return Err(error(format!("cannot read: {e}"))),
        }
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

/// Files this large are read in two halves at once: the copying, and the memory's first
/// touch, shared by two cores.
const READ_IN_HALVES_FROM: usize = 4 << 20;

/// How [`read_in_halves`] went.
enum HalvesRead {
    Whole(Vec<u8>),
    /// The first megabyte is not text: where, and what is wrong.
    NotText((usize, usize), &'static str),
    /// Not this way: one core, a failed read, or a file that changed size.
    Again,
}

/// The `len` bytes of a regular file: its first megabyte checked for text, then the rest
/// read in two halves, on two threads, straight into place.
#[cfg(unix)]
fn read_in_halves(handle: &std::fs::File, len: usize, progress: &Progress) -> HalvesRead {
    use std::os::unix::fs::FileExt;
    if !crate::parallel::two_cores() {
        return HalvesRead::Again;
    }
    let offset = |at: usize| u64::try_from(at).unwrap_or(u64::MAX);
    let count = |n: usize| progress.read.fetch_add(offset(n), Ordering::Relaxed);
    // Zeroed by the system as each page is first written, which the reads do.
    let mut bytes = vec![0u8; len];
    let head = CHECKED_WHILE_READING.min(len);
    if handle.read_exact_at(&mut bytes[..head], 0).is_err() {
        return HalvesRead::Again;
    }
    count(head);
    if let Some((at, what)) = TextCheck::default().scan(&bytes[..head]) {
        return HalvesRead::NotText(line_col(&bytes[..at]), what);
    }
    let step = usize::try_from(READ_STEP).unwrap_or(1 << 20);
    let read = |part: &mut [u8], from: usize| {
        part.chunks_mut(step).enumerate().all(|(k, chunk)| {
            let done = handle.read_exact_at(chunk, offset(from + k * step)).is_ok();
            count(chunk.len());
            done
        })
    };
    let (first, second) = bytes[head..].split_at_mut((len - head) / 2);
    let at = head + first.len();
    let (a, b) = rayon::join(|| read(first, head), || read(second, at));
    // A file that grew since its size was taken is read the ordinary way.
    let mut more = [0u8; 1];
    if a && b && matches!(handle.read_at(&mut more, offset(len)), Ok(0)) {
        HalvesRead::Whole(bytes)
    } else {
        HalvesRead::Again
    }
}

#[cfg(not(unix))]
fn read_in_halves(_: &std::fs::File, _: usize, _: &Progress) -> HalvesRead {
    HalvesRead::Again
}

/// `bytes`, read from `path`, as text, or where they stop being UTF-8.
pub fn text_of(path: &Path, bytes: Vec<u8>) -> Result<String, LoadError> {
    String::from_utf8(bytes)
        .map_err(|e| not_text(&path.display().to_string(), e.as_bytes(), e.utf8_error()))
}

/// [`text_of`] for bytes kept by the caller: the text they hold, borrowed. Checked with
/// SIMD, several times faster than `str::from_utf8`, which then finds where text that is
/// not UTF-8 goes wrong.
pub fn text_in<'a>(file: &str, bytes: &'a [u8]) -> Result<&'a str, LoadError> {
    simdutf8::basic::from_utf8(bytes)
        .or_else(|_| std::str::from_utf8(bytes).map_err(|e| not_text(file, bytes, e)))
}

fn not_text(file: &str, bytes: &[u8], e: std::str::Utf8Error) -> LoadError {
    let (line, col) = line_col(&bytes[..e.valid_up_to()]);
    LoadError {
        file: file.to_string(),
        position: Some((line, col)),
        message: "not valid UTF-8".into(),
    }
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

    /// A file large enough to be read in halves reads as one read gives it, a character cut
    /// at any step's edge and all; one that is not text in its first megabyte is refused
    /// there, as the ordinary way refuses it.
    #[test]
    fn a_file_read_in_halves_is_the_file() {
        let path = std::env::temp_dir().join(format!("citynet-halves-{}.ron", std::process::id()));
        let line = "(name: \"Łódź — Żółć\", country: \"PL\"),\n";
        let mut text = String::new();
        while text.len() < READ_IN_HALVES_FROM + 3 * (1 << 20) + 12_345 {
            text.push_str(line);
        }
        std::fs::write(&path, &text).expect("writes");
        let read = read_bytes(&path, DEFAULT_MAX_BYTES).expect("reads");
        assert!(
            read == text.as_bytes(),
            "read {} bytes of {}",
            read.len(),
            text.len()
        );

        let mut broken = text.clone().into_bytes();
        let at = 700_000;
        broken[at] = 0xFF;
        std::fs::write(&path, &broken).expect("writes");
        let e = read_bytes(&path, DEFAULT_MAX_BYTES).expect_err("refused");
        let good = std::str::from_utf8(&broken).map_or(0, |_| broken.len());
        let good = std::str::from_utf8(&broken)
            .err()
            .map_or(good, |e| e.valid_up_to());
        assert!(good <= at, "the text goes wrong by {at}");
        assert_eq!(e.position, Some(line_col(&broken[..good])), "{e}");
        assert_eq!(e.message, "not valid UTF-8");
        let _ = std::fs::remove_file(&path);
    }

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
