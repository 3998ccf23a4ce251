//! What goes wrong, how it is told, and the exit code it earns.
//!
//! A message names the file, and the line and column where there is one, then shows that
//! line with a caret under the column, so it fits on one screen and points at the mistake.
//! Text that came from a data file is escaped before it reaches the terminal.

use std::fmt::Write as _;
use std::io::Write as _;
use std::process::ExitCode;

use citynet_core::data::parse::{EMBEDDED_DIRECTORY, EMBEDDED_ROSTERS};
use citynet_core::data::spans::{self, SourceFile};
use citynet_core::data::{LoadError, Problem};
use citynet_core::text::{safe, truncate, width};

/// A command that could not do its job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The command line asks for something that does not exist (exit 2).
    Usage(String),
    /// The dataset cannot be read or does not validate (exit 1).
    Data(String),
    /// Writing the answer failed (exit 1).
    Io(String),
}

impl Failure {
    pub fn code(&self) -> u8 {
        match self {
            Failure::Usage(_) => 2,
            Failure::Data(_) | Failure::Io(_) => 1,
        }
    }

    pub fn message(&self) -> &str {
        match self {
            Failure::Usage(m) | Failure::Data(m) | Failure::Io(m) => m,
        }
    }

    /// Prints the message to stderr and gives the exit code.
    pub fn report(&self) -> ExitCode {
        let mut err = std::io::stderr().lock();
        let _ = writeln!(err, "citynet: {}", self.message());
        ExitCode::from(self.code())
    }
}

/// Escapes each line of `s` for the terminal, keeping the line breaks.
pub fn safe_lines(s: &str) -> String {
    s.lines()
        .map(|l| safe(l).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The text of an embedded file, by name.
fn embedded_text(file: &str) -> Option<&'static str> {
    if file == EMBEDDED_DIRECTORY.0 {
        return Some(EMBEDDED_DIRECTORY.1);
    }
    EMBEDDED_ROSTERS
        .iter()
        .find(|(_, f, _)| *f == file)
        .map(|(_, _, text)| *text)
}

/// The line `line` of `text` with a caret under column `col` (both 1-based), after the
/// line before it: parsers often notice a mistake (a missing comma) one line late.
pub fn snippet(text: &str, line: usize, col: usize) -> Option<String> {
    const MAX: usize = 100;
    let index = line.checked_sub(1)?;
    let source = text.lines().nth(index)?;
    let before: String = source.chars().take(col.saturating_sub(1)).collect();
    let caret_at = width(&safe(&before));
    if caret_at >= MAX {
        return None;
    }
    let number_width = line.to_string().len();
    let pad = " ".repeat(number_width);
    let quote = |n: usize, s: &str| {
        format!(
            "  {n:>number_width$} | {}\n",
            truncate(&safe(s.trim_end()), MAX)
        )
    };
    let mut out = format!("  {pad} |\n");
    if let Some(previous) = index.checked_sub(1).and_then(|i| text.lines().nth(i))
        && !previous.trim().is_empty()
    {
        out.push_str(&quote(line - 1, previous));
    }
    out.push_str(&quote(line, source));
    out.push_str(&format!("  {pad} | {}^", " ".repeat(caret_at)));
    Some(out)
}

/// A dataset that cannot be read or parsed. `text` is what was read of the file, to quote
/// the line at fault from: never the file read again, which a pipe cannot be and which
/// may have changed since.
pub fn load_failure(e: &LoadError, text: Option<&str>) -> Failure {
    let mut msg = safe_lines(&e.to_string());
    if let Some((line, col)) = e.position
        && let Some(text) = text.or_else(|| embedded_text(&e.file))
        && let Some(s) = snippet(text, line, col)
    {
        msg.push('\n');
        msg.push_str(&s);
    }
    Failure::Data(msg)
}

/// Where in `text`, a whole dataset file, a problem is.
pub fn position(problem: &Problem, text: &str) -> Option<(usize, usize)> {
    let file = SourceFile {
        name: "",
        text,
        holds: Vec::new(),
    };
    spans::locate(std::slice::from_ref(problem), &[file])
        .pop()
        .and_then(|l| l.position)
}

/// The problems, one a line with `file:line:col`, escaped for the terminal.
pub fn problem_lines(problems: &[Problem], files: &[SourceFile]) -> Vec<String> {
    problems
        .iter()
        .zip(spans::locate(problems, files))
        .map(|(p, at)| safe(&format!("{at}: {p}")).into_owned())
        .collect()
}

/// How many problems a refusal lists before it points to `citynet validate`.
const SHOWN: usize = 15;

/// A dataset that parses but does not validate: `name` is the file's (escaped for the
/// terminal here), and `files` what it was read from.
pub fn invalid(name: &str, problems: &[Problem], files: &[SourceFile]) -> Failure {
    let lists = format!("citynet validate {}", safe(name));
    invalid_lines(
        name,
        problems.len(),
        &problem_lines(problems, files),
        &lists,
    )
}

/// [`invalid`], of `n` problems told as `lines` (escaped already, with their positions),
/// `lists` being the command that lists them all.
pub fn invalid_lines(name: &str, n: usize, lines: &[String], lists: &str) -> Failure {
    let name = safe(name).into_owned();
    let mut msg = format!(
        "{name} has {n} problem{} and cannot be used:",
        if n == 1 { "" } else { "s" }
    );
    for line in lines.iter().take(SHOWN) {
        let _ = write!(msg, "\n  {line}");
    }
    if n > SHOWN {
        let _ = write!(
            msg,
            "\n  … and {} more; `{lists}` lists them all",
            n - SHOWN
        );
    }
    Failure::Data(msg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippet_points_at_the_column() {
        let text = "(\n    title: 12,\n)";
        let s = snippet(text, 2, 12).expect("line 2 exists");
        assert_eq!(
            s,
            "    |\n  1 | (\n  2 |     title: 12,\n    |            ^"
        );
        assert_eq!(snippet(text, 9, 1), None);
        assert_eq!(snippet(text, 0, 1), None);
    }

    #[test]
    fn snippet_escapes_control_characters() {
        let text = "name: \"\u{1b}[31mred\", x";
        let s = snippet(text, 1, 20).expect("line 1 exists");
        assert!(!s.contains('\u{1b}'));
        assert!(s.contains("\\u{1b}[31mred"));
    }

    #[test]
    fn exit_codes() {
        assert_eq!(Failure::Usage(String::new()).code(), 2);
        assert_eq!(Failure::Data(String::new()).code(), 1);
        assert_eq!(Failure::Io(String::new()).code(), 1);
    }
}
