//! The state files on disk: read at start, changed under the lock, written atomically.
//!
//! Whatever is wrong with the disk, citynet starts and works: a corrupt file is set
//! aside (renamed `NAME.bad-<time>`, never deleted) and the app starts without it; a
//! directory that cannot be written means nothing is saved this run. Each is said once.
//! With saving off (`--no-save`, `CITYNET_NO_SAVE`) the files are read but nothing on the
//! disk is created, renamed or written.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::lock::Lock;
use super::state::{self, File, Op, Read, Saved};
use super::{atomic, time};

#[derive(Debug, Clone, PartialEq, Eq)]
enum Saving {
    On,
    /// Asked not to.
    Off,
    /// Cannot: the directory is missing and cannot be made, or cannot be written.
    Cannot,
}

pub struct Store {
    dir: Option<PathBuf>,
    saving: Saving,
    /// Files left alone: one of a newer version, or a corrupt one that could not be
    /// moved aside. Writing them would lose what they hold.
    frozen: BTreeSet<File>,
    /// Messages already given, so each is given once.
    told: BTreeSet<String>,
}

/// What the store has to say, for the status line or stderr.
pub type Notices = Vec<String>;

impl Store {
    /// A store that keeps nothing: for tests, and where there is no state directory.
    pub fn none() -> Store {
        Store {
            dir: None,
            saving: Saving::Off,
            frozen: BTreeSet::new(),
            told: BTreeSet::new(),
        }
    }

    /// Opens the state in `dir` and reads every file. `save`: whether this run may write.
    pub fn open(dir: Option<PathBuf>, save: bool) -> (Store, Saved, Notices) {
        let mut store = Store {
            dir,
            saving: if save { Saving::On } else { Saving::Off },
            frozen: BTreeSet::new(),
            told: BTreeSet::new(),
        };
        let mut notices = Vec::new();
        let Some(dir) = store.dir.clone() else {
            if save {
                store.saving = Saving::Cannot;
                store.tell(
                    &mut notices,
                    "no state directory is known for this user: nothing will be saved this run"
                        .into(),
                );
            }
            return (store, Saved::default(), notices);
        };
        // Taking the lock is the test that the directory can be written: made if missing.
        let lock = if store.saving == Saving::On {
            match fs::create_dir_all(&dir).and_then(|()| Lock::exclusive(&dir)) {
                Ok(l) => Some(l),
                Err(e) => {
                    store.cannot_save(&mut notices, &dir, &e);
                    None
                }
            }
        } else {
            None
        };
        let mut saved = Saved::default();
        for file in File::ALL {
            store.load(file, &dir, &mut saved, &mut notices);
        }
        drop(lock);
        (store, saved, notices)
    }

    /// Whether changes reach the disk.
    pub fn saving(&self) -> bool {
        self.saving == Saving::On
    }

    /// Where the state lives.
    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    fn tell(&mut self, notices: &mut Notices, message: String) {
        if self.told.insert(message.clone()) {
            notices.push(message);
        }
    }

    fn cannot_save(&mut self, notices: &mut Notices, dir: &Path, e: &io::Error) {
        self.saving = Saving::Cannot;
        self.tell(
            notices,
            format!(
                "citynet saves nothing this run: cannot write to {} ({e})",
                dir.display()
            ),
        );
    }

    /// Reads `file` into `saved`, setting a corrupt one aside when allowed to write.
    fn load(&mut self, file: File, dir: &Path, saved: &mut Saved, notices: &mut Notices) {
        let path = dir.join(file.name());
        let text = match fs::read(&path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(t) => t,
                Err(_) => {
                    let e = super::pos::FileError::new(&path, None, "not UTF-8 text");
                    self.set_aside(file, &path, &e.to_string(), notices);
                    return;
                }
            },
            Err(e) if e.kind() == io::ErrorKind::NotFound => return,
            Err(e) => {
                // Unreadable (permissions): never overwrite what could not be read.
                self.frozen.insert(file);
                self.tell(
                    notices,
                    format!(
                        "cannot read {} ({e}): starting without {}, and it is left as it is",
                        path.display(),
                        file.what()
                    ),
                );
                return;
            }
        };
        let read = match file {
            File::History => map(state::read_history(&path, &text), |h| saved.history = h),
            File::Pins => map(state::read_pins(&path, &text), |p| saved.pins = p),
            File::Views => map(state::read_views(&path, &text), |v| saved.views = v),
        };
        match read {
            Ok(()) => {}
            Err(Some(e)) => self.set_aside(file, &path, &e.to_string(), notices),
            Err(None) => {
                self.frozen.insert(file);
                self.tell(
                    notices,
                    format!(
                        "{} was written by a newer citynet: it is left as it is, and {} are not saved this run",
                        path.display(),
                        file.what()
                    ),
                );
            }
        }
    }

    /// Moves a corrupt file aside as `NAME.bad-<time>` and says so; starts without it.
    fn set_aside(&mut self, file: File, path: &Path, problem: &str, notices: &mut Notices) {
        if self.saving != Saving::On {
            self.frozen.insert(file);
            self.tell(
                notices,
                format!(
                    "{problem}; starting without {}, and the file is left as it is",
                    file.what()
                ),
            );
            return;
        }
        let aside = bad_name(path);
        match fs::rename(path, &aside) {
            Ok(()) => self.tell(
                notices,
                format!(
                    "{problem}; kept as {}, starting without {}",
                    aside.display(),
                    file.what()
                ),
            ),
            Err(e) => {
                self.frozen.insert(file);
                self.tell(
                    notices,
                    format!(
                        "{problem}; it could not be set aside ({e}), so it is left as it is and {} are not saved",
                        file.what()
                    ),
                );
            }
        }
    }

    /// Applies `ops` to the files as they are on disk now, under the lock, and writes the
    /// files they change. Returns the state as merged with what other citynets wrote, when
    /// it was written.
    pub fn commit(&mut self, ops: &[Op]) -> (Option<Saved>, Notices) {
        let mut notices = Vec::new();
        if ops.is_empty() || self.saving != Saving::On {
            return (None, notices);
        }
        let Some(dir) = self.dir.clone() else {
            return (None, notices);
        };
        let lock = match fs::create_dir_all(&dir).and_then(|()| Lock::exclusive(&dir)) {
            Ok(l) => l,
            Err(e) => {
                self.cannot_save(&mut notices, &dir, &e);
                return (None, notices);
            }
        };
        let mut saved = Saved::default();
        for file in File::ALL {
            self.load(file, &dir, &mut saved, &mut notices);
        }
        let touched: BTreeSet<File> = ops.iter().map(Op::file).collect();
        for op in ops {
            if !self.frozen.contains(&op.file()) {
                saved.apply(op);
            }
        }
        for file in touched {
            if self.frozen.contains(&file) {
                continue;
            }
            let path = dir.join(file.name());
            let written = state::text(file, &saved)
                .map_err(io::Error::other)
                .and_then(|t| atomic::write(&path, t.as_bytes()));
            if let Err(e) = written {
                self.tell(
                    &mut notices,
                    format!(
                        "cannot save {} to {} ({e}); the file is as it was",
                        file.what(),
                        path.display()
                    ),
                );
            }
        }
        drop(lock);
        (Some(saved), notices)
    }
}

/// `Ok` when read into place; `Err(Some)` corrupt; `Err(None)` newer.
fn map<T>(read: Read<T>, put: impl FnOnce(T)) -> Result<(), Option<super::pos::FileError>> {
    match read {
        Read::Ok(t) => {
            put(t);
            Ok(())
        }
        Read::Corrupt(e) => Err(Some(e)),
        Read::Newer(_) => Err(None),
    }
}

/// `pins.toml` → `pins.toml.bad-20261202T154600Z`, or with `-2`, `-3`… if that is taken.
fn bad_name(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let base = format!("{name}.bad-{}", time::stamp(time::now()));
    let mut aside = path.with_file_name(&base);
    let mut n = 2;
    while aside.exists() {
        aside = path.with_file_name(format!("{base}-{n}"));
        n += 1;
    }
    aside
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prefs::state::Pin;

    fn files(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn changes_persist_and_merge_with_another_writer() {
        let dir = tempfile::tempdir().unwrap();
        let (mut a, _, n) = Store::open(Some(dir.path().to_path_buf()), true);
        assert!(n.is_empty(), "{n:?}");
        let (mut b, _, _) = Store::open(Some(dir.path().to_path_buf()), true);
        a.commit(&[Op::Pin(Pin::network("c40"))]);
        // b never read a's pin, and still does not lose it.
        let (merged, _) = b.commit(&[Op::Pin(Pin::network("eurocities"))]);
        assert_eq!(merged.unwrap().pins.pins.len(), 2);
        let (_, saved, _) = Store::open(Some(dir.path().to_path_buf()), true);
        assert_eq!(saved.pins.pins.len(), 2);
    }

    #[test]
    fn a_corrupt_file_is_set_aside_once_and_said_with_its_position() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("pins.toml"), "version = 2\n[[pin]\n").unwrap();
        let (mut s, saved, n) = Store::open(Some(dir.path().to_path_buf()), true);
        assert!(saved.pins.pins.is_empty());
        assert_eq!(n.len(), 1, "{n:?}");
        assert!(n[0].contains("pins.toml:2:"), "{}", n[0]);
        let names = files(dir.path());
        assert!(
            names.iter().any(|f| f.starts_with("pins.toml.bad-")),
            "{names:?}"
        );
        let (_, n) = s.commit(&[Op::Pin(Pin::network("c40"))]);
        assert!(n.is_empty(), "{n:?}");
        assert!(dir.path().join("pins.toml").exists());
    }

    #[test]
    fn without_saving_nothing_is_touched() {
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path().join("state");
        let (mut s, _, n) = Store::open(Some(state.clone()), false);
        assert!(n.is_empty());
        s.commit(&[Op::Pin(Pin::network("c40"))]);
        assert!(!state.exists());
        // A corrupt file is read, reported and left where it is.
        fs::create_dir(&state).unwrap();
        fs::write(state.join("views.toml"), "[[view]]\n").unwrap();
        let (_, _, n) = Store::open(Some(state.clone()), false);
        assert_eq!(n.len(), 1, "{n:?}");
        assert_eq!(files(&state), ["views.toml"]);
    }

    #[test]
    fn a_newer_file_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("pins.toml");
        fs::write(&p, "version = 99\nfuture = true\n").unwrap();
        let (mut s, _, n) = Store::open(Some(dir.path().to_path_buf()), true);
        assert!(n[0].contains("newer citynet"), "{n:?}");
        s.commit(&[Op::Pin(Pin::network("c40"))]);
        assert_eq!(
            fs::read_to_string(&p).unwrap(),
            "version = 99\nfuture = true\n"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_read_only_directory_works_without_saving_and_says_so_once() {
        use std::os::unix::fs::PermissionsExt;
        if unsafe { libc::geteuid() } == 0 {
            // root writes anywhere; the pty test covers a directory root cannot write.
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o555)).unwrap();
        let (mut s, _, n) = Store::open(Some(dir.path().to_path_buf()), true);
        assert_eq!(n.len(), 1, "{n:?}");
        let (_, n) = s.commit(&[Op::Pin(Pin::network("c40"))]);
        assert!(n.is_empty());
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    }
}
