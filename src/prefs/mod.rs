//! A person's own citynet: their config (read, never written) and their state (history,
//! pins, saved views), kept in the platform's directories and never lost.
//!
//! Below `app`: it knows files and formats, nothing of keys or screens. The app turns its
//! changes into [`state::Op`]s; [`store::Store`] applies them to what is on disk under a
//! lock, so two citynets at once merge rather than overwrite each other.

pub mod atomic;
pub mod config;
pub mod lock;
pub mod paths;
pub mod pos;
pub mod state;
pub mod store;
pub mod time;

pub use state::{Op, Saved};
pub use store::Store;

/// Whether saving is off by the environment (`CITYNET_NO_SAVE` set and not empty).
pub fn no_save_from_env() -> bool {
    std::env::var_os("CITYNET_NO_SAVE").is_some_and(|v| !v.is_empty())
}
