//! Where a person's files live: the platform's config and state directories, through the
//! `directories` crate (on Linux `$XDG_CONFIG_HOME/citynet` and `$XDG_STATE_HOME/citynet`,
//! else `~/.config/citynet` and `~/.local/state/citynet`). Never the project's directory
//! or the binary's: a path that is not absolute is not used.

use std::path::{Path, PathBuf};

/// Where the config is read from and the state kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    /// The config file, whether or not it exists.
    pub config: Option<PathBuf>,
    /// Why this config file: `--config`, `CITYNET_CONFIG` or the platform's place.
    pub config_from: &'static str,
    /// The directory state files are kept in.
    pub state: Option<PathBuf>,
}

pub const CONFIG_FILE: &str = "config.toml";

impl Paths {
    /// `--config FILE` first, then `CITYNET_CONFIG`, then the platform's config directory.
    pub fn resolve(config: Option<&Path>) -> Paths {
        let dirs = directories::ProjectDirs::from("", "", "citynet");
        let env = std::env::var_os("CITYNET_CONFIG").filter(|v| !v.is_empty());
        let (config, config_from) = match (config, env) {
            (Some(p), _) => (Some(p.to_path_buf()), "--config"),
            (None, Some(p)) => (Some(PathBuf::from(p)), "CITYNET_CONFIG"),
            (None, None) => (
                dirs.as_ref()
                    .map(|d| d.config_dir().join(CONFIG_FILE))
                    .filter(|p| p.is_absolute()),
                "the platform's config directory",
            ),
        };
        // macOS and Windows have no state directory: their local data directory serves.
        let state = dirs
            .as_ref()
            .map(|d| {
                d.state_dir()
                    .unwrap_or_else(|| d.data_local_dir())
                    .to_path_buf()
            })
            .filter(|p| p.is_absolute());
        Paths {
            config,
            config_from,
            state,
        }
    }
}
