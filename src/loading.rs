//! A `--data` file loaded on a thread of its own, so that the browser is on screen at once
//! and a big file's reading, parsing and checking happen behind a screen that says how far
//! they have got (`ui::loading`), which `q` and Ctrl-C leave at any moment.

use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::Instant;

use citynet_core::data::load::Progress;

use crate::app::Prepared;
use crate::cli::errors::Failure;

/// The data the browser opens on: ready, or on its way.
pub enum Source {
    Ready(Prepared),
    Loading(Loader),
}

/// A load running on its own thread.
pub struct Loader {
    /// The file as given on the command line, for the loading screen.
    pub name: String,
    pub progress: Arc<Progress>,
    pub started: Instant,
    done: Receiver<Result<Prepared, Failure>>,
    /// Readable once the load has finished, so that a loop waiting for keys wakes at
    /// once instead of at its next redraw.
    #[cfg(unix)]
    wake: std::os::unix::net::UnixStream,
}

/// What a look at a running load finds.
pub enum Status {
    Running,
    Done(Result<Prepared, Failure>),
}

impl Loader {
    /// Starts loading what `request` names as [`crate::cli::load_for_browser`] would.
    pub fn start(request: crate::cli::Request) -> std::io::Result<Loader> {
        let progress = Arc::new(Progress::default());
        let (send, done) = mpsc::channel();
        #[cfg(unix)]
        let (wake, mut ring) = std::os::unix::net::UnixStream::pair()?;
        #[cfg(unix)]
        wake.set_nonblocking(true)?;
        let name = request.name();
        let told = Arc::clone(&progress);
        std::thread::Builder::new()
            .name("load".into())
            .spawn(move || {
                let result =
                    crate::cli::load_telling(&request, &told).map(crate::app::prepare_valid);
                // Nobody listens when the person quit during the load: nothing to do.
                let _ = send.send(result);
                #[cfg(unix)]
                {
                    use std::io::Write;
                    let _ = ring.write_all(b"!");
                }
            })?;
        Ok(Loader {
            name,
            progress,
            started: Instant::now(),
            done,
            #[cfg(unix)]
            wake,
        })
    }

    /// Whether the load has finished, and how.
    pub fn status(&self) -> Status {
        match self.done.try_recv() {
            Ok(result) => Status::Done(result),
            Err(TryRecvError::Empty) => Status::Running,
            // The thread died without a word: only a panic does that, and the panic hook
            // has already said what it was.
            Err(TryRecvError::Disconnected) => Status::Done(Err(Failure::Io(format!(
                "loading {} stopped unexpectedly",
                self.name
            )))),
        }
    }

    /// The descriptor that becomes readable when the load finishes.
    #[cfg(unix)]
    pub fn wake_fd(&self) -> i32 {
        use std::os::fd::AsRawFd;
        self.wake.as_raw_fd()
    }
}
