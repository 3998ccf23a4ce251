//! The config file's format: TOML a person writes, read with every value's position so
//! that a mistake is reported where it is. What the values mean (keys, colours, the
//! network) is checked above, by those who know them (`crate::settings`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use super::pos::{FileError, Pos};

/// The config format's version.
pub const VERSION: u32 = 1;

/// A value and where it is written.
pub type At<T> = Spanned<T>;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub version: Option<At<i64>>,
    #[serde(default)]
    pub theme: ThemeConfig,
    #[serde(default)]
    pub defaults: Defaults,
    /// `[keys.SECTION] ACTION = KEY or [KEYS]`.
    #[serde(default)]
    pub keys: BTreeMap<At<String>, BTreeMap<At<String>, At<toml::Value>>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThemeConfig {
    /// `dark` or `light`.
    #[serde(default)]
    pub preset: Option<At<String>>,
    /// A colour per role: `"yellow"`, `"#ffaa00"`, `"white on blue"`.
    #[serde(default)]
    pub colours: BTreeMap<At<String>, At<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Defaults {
    /// The network selected at start (id, short name or name).
    #[serde(default)]
    pub network: Option<At<String>>,
    /// What sits beside the member table at start: `none`, `map` or `countries`.
    #[serde(default)]
    pub side: Option<At<String>>,
    /// Plain mode: stored and passed on to the app.
    #[serde(default)]
    pub plain: Option<At<bool>>,
    /// Accessible mode: stored and passed on to the app.
    #[serde(default)]
    pub accessible: Option<At<bool>>,
}

/// A config file read: its path and text, to turn spans into positions.
#[derive(Debug)]
pub struct Loaded {
    pub path: PathBuf,
    pub text: String,
    pub config: Config,
}

impl Loaded {
    /// Where a value is written.
    pub fn pos<T>(&self, at: &At<T>) -> Pos {
        Pos::of(&self.text, at.span().start)
    }

    /// An error at a value.
    pub fn error<T>(&self, at: &At<T>, message: impl Into<String>) -> FileError {
        FileError::new(&self.path, Some(self.pos(at)), message)
    }
}

/// Reads the config at `path`. A file that does not exist is no config (the defaults);
/// one that cannot be read or parsed is an error with its position.
pub fn read(path: &Path) -> Result<Option<Loaded>, FileError> {
    let text = match std::fs::read(path) {
        Ok(b) => String::from_utf8(b).map_err(|_| FileError::new(path, None, "not UTF-8 text"))?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(FileError::new(path, None, format!("cannot be read: {e}"))),
    };
    parse(path, text).map(Some)
}

pub fn parse(path: &Path, text: String) -> Result<Loaded, FileError> {
    let config: Config =
        toml::from_str(&text).map_err(|e| FileError::from_toml(path, &text, &e))?;
    let loaded = Loaded {
        path: path.to_path_buf(),
        text,
        config,
    };
    if let Some(v) = &loaded.config.version
        && *v.get_ref() != i64::from(VERSION)
    {
        return Err(loaded.error(
            v,
            format!(
                "version {} is not one this citynet reads (it reads version {VERSION})",
                v.get_ref()
            ),
        ));
    }
    Ok(loaded)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Result<Loaded, FileError> {
        parse(Path::new("config.toml"), text.to_string())
    }

    #[test]
    fn reads_every_section_with_positions() {
        let l = p("[theme]\npreset = \"light\"\n[keys.browsing]\nquit = [\"Q\"]\n").unwrap();
        let preset = l.config.theme.preset.as_ref().unwrap();
        assert_eq!(preset.get_ref(), "light");
        assert_eq!(l.pos(preset), Pos { line: 2, col: 10 });
        let (section, actions) = l.config.keys.iter().next().unwrap();
        assert_eq!(section.get_ref(), "browsing");
        let (action, _) = actions.iter().next().unwrap();
        assert_eq!(l.pos(action), Pos { line: 4, col: 1 });
    }

    #[test]
    fn unknown_settings_are_errors_where_written() {
        let e = p("[defaults]\nnetwork = \"c40\"\ncolour = true\n").unwrap_err();
        assert_eq!(e.pos.map(|p| p.line), Some(3), "{e}");
        assert!(e.message.contains("colour"), "{e}");
        let e = p("[theme]\npreset = 3\n").unwrap_err();
        assert_eq!(e.pos.map(|p| p.line), Some(2), "{e}");
        let e = p("version = 2\n").unwrap_err();
        assert!(e.to_string().starts_with("config.toml:1:11:"), "{e}");
    }

    #[test]
    fn a_missing_file_is_no_config() {
        assert!(
            read(Path::new("/nonexistent/citynet/config.toml"))
                .unwrap()
                .is_none()
        );
    }
}
