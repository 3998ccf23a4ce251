//! Reading datasets: the embedded one compiled into the binary, or a file a person hands us.
//!
//! Every failure names the file, and the line and column where the format gives one, so a
//! person editing a data file by hand can go straight to the mistake.

use std::path::Path;

use super::model::Dataset;
use super::parse::{LoadError, parse_dataset};

/// Reads a dataset file from disk: one RON file in the shape of `citynet export --format ron`.
pub fn load_file(path: &Path) -> Result<Dataset, LoadError> {
    let file = path.display().to_string();
    let error = |message: String| LoadError {
        file: file.clone(),
        position: None,
        message,
    };
    if path.is_dir() {
        return Err(error("is a directory, not a dataset file".into()));
    }
    let bytes = std::fs::read(path).map_err(|e| error(format!("cannot read: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let prefix = &e.as_bytes()[..at];
        let line = prefix.iter().filter(|&&b| b == b'\n').count() + 1;
        let col = prefix.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
        LoadError {
            file: file.clone(),
            position: Some((line, col)),
            message: "not valid UTF-8".into(),
        }
    })?;
    parse_dataset(&file, &text)
}
