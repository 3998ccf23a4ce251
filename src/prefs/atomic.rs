//! Writing a file so that it is either the old one, whole, or the new one, whole: the new
//! text goes to a temporary file in the same directory (so the rename cannot cross file
//! systems), is flushed and synced, then renamed over the old one, and the directory is
//! synced so the rename itself survives a power cut. A crash or a full disk at any point
//! leaves the old file as it was.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// A name beside `path` that no other writer uses: its name, our pid and a counter.
fn temporary(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    path.with_file_name(format!(".{name}.tmp-{}-{n}", std::process::id()))
}

/// Replaces `path` with `bytes`, atomically.
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_with(path, bytes, || Ok(()))
}

/// [`write`], calling `before_rename` once the temporary file is whole and synced; an
/// error from it abandons the write there (tests stand in for a crash with it).
pub fn write_with(
    path: &Path,
    bytes: &[u8],
    before_rename: impl FnOnce() -> io::Result<()>,
) -> io::Result<()> {
    let tmp = temporary(path);
    let result = (|| {
        let mut f = OpenOptions::new().write(true).create_new(true).open(&tmp)?;
        f.write_all(bytes)?;
        f.flush()?;
        f.sync_all()?;
        drop(f);
        before_rename()?;
        crash_point();
        fs::rename(&tmp, path)?;
        sync_dir(path);
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// In debug builds, `CITYNET_DEBUG_CRASH_BEFORE_RENAME` set kills the process between the
/// temporary write and the rename, so that an end-to-end test can crash a real writer there.
fn crash_point() {
    #[cfg(debug_assertions)]
    if std::env::var_os("CITYNET_DEBUG_CRASH_BEFORE_RENAME").is_some() {
        std::process::abort();
    }
}

/// Syncs the directory holding `path`, so that a rename in it is on disk. Where a
/// directory cannot be opened (Windows), the rename is as durable as the system makes it.
fn sync_dir(path: &Path) {
    if let Some(dir) = path.parent()
        && let Ok(d) = File::open(dir)
    {
        let _ = d.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("pins.toml");
        write(&p, b"old").unwrap();
        write(&p, b"new text").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"new text");
        // No temporary file is left behind.
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_crash_before_the_rename_leaves_the_old_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("pins.toml");
        write(&p, b"old, whole").unwrap();
        let seen = std::cell::Cell::new(false);
        let r = write_with(&p, b"new", || {
            // The temporary file is complete beside the old one at this point.
            let tmp = fs::read_dir(dir.path())
                .unwrap()
                .filter_map(Result::ok)
                .find(|e| e.file_name().to_string_lossy().contains(".tmp-"));
            seen.set(tmp.is_some_and(|e| fs::read(e.path()).unwrap() == b"new"));
            Err(io::Error::other("killed"))
        });
        assert!(r.is_err());
        assert!(seen.get(), "the new text was not in a temporary file");
        assert_eq!(fs::read(&p).unwrap(), b"old, whole");
    }

    #[test]
    fn a_directory_that_cannot_be_written_fails_without_harm() {
        let p = Path::new("/proc/citynet-no-such-dir/pins.toml");
        assert!(write(p, b"x").is_err());
    }
}
