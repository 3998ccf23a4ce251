//! Positions in a text file, as people count them: lines and columns from 1.

use std::fmt;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

impl Pos {
    /// The position of byte `at` of `text` (columns count characters).
    pub fn of(text: &str, at: usize) -> Pos {
        let at = at.min(text.len());
        let before = text.get(..at).unwrap_or(text);
        let line = before.matches('\n').count() + 1;
        let start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = before.get(start..).map_or(0, |s| s.chars().count()) + 1;
        Pos { line, col }
    }
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.col)
    }
}

/// A problem in a file, at a place in it: `path:line:col: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    pub path: String,
    pub pos: Option<Pos>,
    pub message: String,
}

impl FileError {
    pub fn new(path: &Path, pos: Option<Pos>, message: impl Into<String>) -> FileError {
        FileError {
            path: path.display().to_string(),
            pos,
            message: message.into(),
        }
    }

    /// A `toml` parse error, with the position its span starts at.
    pub fn from_toml(path: &Path, text: &str, e: &toml::de::Error) -> FileError {
        let pos = e.span().map(|s| Pos::of(text, s.start));
        // toml's message repeats the source line with a caret; the first line says it.
        let message = e
            .message()
            .lines()
            .next()
            .unwrap_or("not valid TOML")
            .trim();
        FileError::new(path, pos, message.to_string())
    }
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.pos {
            Some(p) => write!(f, "{}:{p}: {}", self.path, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

impl std::error::Error for FileError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_from_one_in_characters() {
        let text = "a = 1\nbé = x\n";
        assert_eq!(Pos::of(text, 0), Pos { line: 1, col: 1 });
        let x = text.find('x').unwrap();
        assert_eq!(Pos::of(text, x), Pos { line: 2, col: 6 });
    }

    #[test]
    fn toml_errors_carry_their_position() {
        let text = "version = 1\nfoo = [1,\n";
        let e = toml::from_str::<toml::Table>(text).unwrap_err();
        let fe = FileError::from_toml(Path::new("x.toml"), text, &e);
        assert_eq!(fe.pos.map(|p| p.line), Some(2), "{fe}");
        assert!(fe.to_string().starts_with("x.toml:2:"), "{fe}");
    }
}
