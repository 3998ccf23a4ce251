//! The lock two citynets take to change the state files one at a time: an advisory
//! exclusive lock (`fs4`: `flock` on Unix, `LockFileEx` on Windows) on a file of its own in
//! the state directory. The lock file holds nothing and is never removed, so that two
//! processes can never hold locks on two different files of the same name.

use std::fs::{File, OpenOptions};
use std::io;
use std::path::Path;

use fs4::FileExt;

pub const LOCK_FILE: &str = "citynet.lock";

/// Held while it lives.
pub struct Lock {
    file: File,
}

impl Lock {
    /// Waits for the lock on directory `dir`.
    pub fn exclusive(dir: &Path) -> io::Result<Lock> {
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(dir.join(LOCK_FILE))?;
        FileExt::lock(&file)?;
        Ok(Lock { file })
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = FileExt::unlock(&self.file);
    }
}
