//! What goes wrong, how it is told, and the exit code it earns.
//!
//! A message names the file, and the line and column where there is one, then shows that
//! line with a caret under the column, so it fits on one screen and points at the mistake.
//! Text that came from a data file is escaped before it reaches the terminal.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;

use crate::plain::{safe, truncate, width};
use citynet_core::data::parse::{EMBEDDED_DIRECTORY, EMBEDDED_ROSTERS};
use citynet_core::data::{LoadError, Problem};

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

/// The text of a dataset file, to quote from: the embedded files by name, others from disk.
fn source_text(file: &str) -> Option<String> {
    if file == EMBEDDED_DIRECTORY.0 {
        return Some(EMBEDDED_DIRECTORY.1.to_string());
    }
    if let Some((_, _, text)) = EMBEDDED_ROSTERS.iter().find(|(_, f, _)| *f == file) {
        return Some(text.to_string());
    }
    let bytes = std::fs::read(file).ok()?;
    Some(String::from_utf8_lossy(&bytes).into_owned())
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

/// A dataset that cannot be read or parsed.
pub fn load_failure(e: &LoadError) -> Failure {
    let mut msg = safe_lines(&e.to_string());
    if let Some((line, col)) = e.position
        && let Some(text) = source_text(&e.file)
        && let Some(s) = snippet(&text, line, col)
    {
        msg.push('\n');
        msg.push_str(&s);
    }
    Failure::Data(msg)
}

/// 1-based line and column of byte `offset` in `text`.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Where in `text` a problem is. A duplicate is shown where it is repeated, not where the
/// original is: the second time its value is written as a field (`id: "x"`).
pub fn position(problem: &Problem, text: &str) -> Option<(usize, usize)> {
    let first = problem.position_in(text)?;
    let m = &problem.message;
    let repeated = m.contains("duplicate") || m.contains("twice") || m.contains(" times in ");
    let Some(value) = problem.value.as_ref().filter(|_| repeated) else {
        return Some(first);
    };
    let quoted = format!("\"{}\"", value.escape_default());
    let second = text
        .match_indices(&quoted)
        .map(|(o, _)| o)
        .filter(|&o| text[..o].trim_end().ends_with(':'))
        .nth(1);
    Some(second.map_or(first, |o| line_col(text, o)))
}

/// Where a problem is: `file:line:col` when its text can be found, else the file.
pub fn locate(problem: &Problem, file: &str, text: Option<&str>) -> String {
    match text.and_then(|t| position(problem, t)) {
        Some((l, c)) => format!("{file}:{l}:{c}"),
        None => file.to_string(),
    }
}

/// Finds a problem in the embedded files: the directory first, then each roster.
fn locate_embedded(problem: &Problem) -> String {
    let (dir, text) = EMBEDDED_DIRECTORY;
    if let Some((l, c)) = position(problem, text) {
        return format!("{dir}:{l}:{c}");
    }
    for (_, file, text) in EMBEDDED_ROSTERS {
        if let Some((l, c)) = position(problem, text) {
            return format!("{file}:{l}:{c}");
        }
    }
    "embedded dataset".to_string()
}

/// The problems, one a line with its position, escaped for the terminal.
pub fn problem_lines(problems: &[Problem], file: Option<&Path>) -> Vec<String> {
    let text = file.and_then(|f| source_text(&f.display().to_string()));
    problems
        .iter()
        .map(|p| {
            let at = match file {
                Some(f) => locate(p, &f.display().to_string(), text.as_deref()),
                None => locate_embedded(p),
            };
            safe(&format!("{at}: {p}")).into_owned()
        })
        .collect()
}

/// How many problems a refusal lists before it points to `citynet validate`.
const SHOWN: usize = 15;

/// A dataset that parses but does not validate.
pub fn invalid(file: Option<&Path>, problems: &[Problem]) -> Failure {
    let name = file.map_or("the embedded dataset".to_string(), |f| {
        safe(&f.display().to_string()).into_owned()
    });
    let n = problems.len();
    let mut msg = format!(
        "{name} has {n} problem{} and cannot be used:",
        if n == 1 { "" } else { "s" }
    );
    for line in problem_lines(problems, file).iter().take(SHOWN) {
        let _ = write!(msg, "\n  {line}");
    }
    if n > SHOWN {
        let _ = write!(
            msg,
            "\n  … and {} more; `citynet validate {name}` lists them all",
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
