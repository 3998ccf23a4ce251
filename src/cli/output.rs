//! Lists as tables, CSV, JSON or Markdown, and writing to stdout without tripping over a
//! closed pipe.
//!
//! A command builds a [`Table`] of typed cells once; each format renders it. The table and
//! Markdown are for people, so data text in them goes through [`safe`] (and Markdown's
//! own escapes); CSV and JSON are for programs and carry the text as the data file has it,
//! except that a CSV cell a spreadsheet would run as a formula is neutralised unless
//! `--raw` asks for it exactly.

use std::borrow::Cow;
use std::io::{self, Write};

use clap::ValueEnum;
use rayon::prelude::*;
use serde::ser::{Serialize, SerializeMap, Serializer};

use citynet_core::data::group_thousands;
use citynet_core::text::{safe, truncate, width};

/// How a list is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum Format {
    /// Aligned columns for reading.
    #[default]
    Table,
    /// RFC 4180 CSV with a header row, UTF-8.
    Csv,
    /// An array of objects.
    Json,
    /// A Markdown table.
    Markdown,
}

/// One value in a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    /// A count, grouped for people: 2,938,546.
    Int(u64),
    /// A year or code-like number, never grouped: 1986.
    Year(u16),
    Float(f64),
    List(Vec<String>),
    Empty,
}

impl Cell {
    pub fn opt_text(s: Option<&str>) -> Cell {
        s.map_or(Cell::Empty, |s| Cell::Text(s.to_string()))
    }

    fn is_number(&self) -> bool {
        matches!(self, Cell::Int(_) | Cell::Year(_) | Cell::Float(_))
    }

    /// The cell as people read it (table and Markdown).
    fn human(&self) -> String {
        match self {
            Cell::Text(s) => safe(s).into_owned(),
            Cell::Int(n) => group_thousands(*n),
            Cell::Year(y) => y.to_string(),
            Cell::Float(x) => human_float(*x),
            Cell::List(v) => safe(&v.join(", ")).into_owned(),
            Cell::Empty => String::new(),
        }
    }

    /// The cell in a CSV field: faithful, lists joined with "; ". Text a spreadsheet would
    /// take for a formula is neutralised unless `raw`; numbers are numbers, never formulas.
    fn csv(&self, raw: bool) -> Cow<'_, str> {
        fn text(s: Cow<'_, str>, raw: bool) -> Cow<'_, str> {
            match s {
                Cow::Borrowed(b) if !raw => neutralise(b),
                Cow::Owned(o) if !raw => Cow::Owned(neutralise(&o).into_owned()),
                s => s,
            }
        }
        match self {
            Cell::Text(s) => text(Cow::Borrowed(s), raw),
            Cell::Int(n) => Cow::Owned(n.to_string()),
            Cell::Year(y) => Cow::Owned(y.to_string()),
            Cell::Float(x) => Cow::Owned(x.to_string()),
            Cell::List(v) if v.is_empty() => Cow::Borrowed(""),
            Cell::List(v) => text(Cow::Owned(v.join("; ")), raw),
            Cell::Empty => Cow::Borrowed(""),
        }
    }
}

/// A CSV cell as OWASP advises for files that may be opened in a spreadsheet: one that
/// begins with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, so that
/// it is read as text and never run as a formula (`=HYPERLINK(...)`, `@SUM(...)`).
pub fn neutralise(s: &str) -> Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// Text for a Markdown table cell: a backslash before every character Markdown would take
/// as syntax inside a cell (emphasis, code, links, HTML, entities, strikethrough, the
/// cell's own `|`). Block syntax (`#`, `>`, `-` at a line's start) cannot occur inside a
/// cell, and line breaks have already been escaped by [`safe`].
pub fn markdown_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '!'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Two decimals, the precision of the dataset's coordinates, so the points line up; more
/// only when the value has more.
fn human_float(x: f64) -> String {
    let two = format!("{x:.2}");
    if two.parse::<f64>() == Ok(x) {
        two
    } else {
        x.to_string()
    }
}

impl Serialize for Cell {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Cell::Text(t) => s.serialize_str(t),
            Cell::Int(n) => s.serialize_u64(*n),
            Cell::Year(y) => s.serialize_u16(*y),
            Cell::Float(x) => s.serialize_f64(*x),
            Cell::List(v) => v.serialize(s),
            Cell::Empty => s.serialize_none(),
        }
    }
}

/// Where a column appears.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Show {
    /// In every format.
    Always,
    /// In every format, but the table and Markdown leave it out when it is empty in every
    /// row (a roster without populations).
    UnlessEmpty,
    /// Only in CSV and JSON, which are for programs (aliases, full names).
    DataOnly,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// The CSV header and JSON key.
    pub key: &'static str,
    /// The table and Markdown header.
    pub title: &'static str,
    pub show: Show,
    /// Never narrowed to fit a terminal: an id a person types next, a number.
    pub whole: bool,
    /// On a terminal too narrow for every column, the lowest are left out first.
    pub keep: u8,
}

impl Column {
    pub const fn new(key: &'static str, title: &'static str) -> Column {
        Column {
            key,
            title,
            show: Show::Always,
            whole: false,
            keep: 1,
        }
    }

    /// How long the column stays on a narrow terminal (1 unless said; higher stays longer).
    pub const fn keep(mut self, keep: u8) -> Column {
        self.keep = keep;
        self
    }

    /// A column shown in every format and never cut to fit.
    pub const fn whole(key: &'static str, title: &'static str) -> Column {
        Column {
            key,
            title,
            show: Show::Always,
            whole: true,
            keep: 1,
        }
    }

    pub const fn unless_empty(key: &'static str, title: &'static str) -> Column {
        Column {
            key,
            title,
            show: Show::UnlessEmpty,
            whole: false,
            keep: 1,
        }
    }

    pub const fn data_only(key: &'static str, title: &'static str) -> Column {
        Column {
            key,
            title,
            show: Show::DataOnly,
            whole: false,
            keep: 1,
        }
    }
}

/// A list ready to print: columns and rows of cells, one cell per column.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
}

/// How the table format may decorate its output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Styling {
    /// Bold header: only on a terminal, and never under `NO_COLOR`.
    pub bold: bool,
    /// Columns to fit in, on a terminal; `None` prints every column in full.
    pub width: Option<usize>,
    /// CSV: every cell exactly as the data has it, even one a spreadsheet would run as a
    /// formula (`--raw`).
    pub raw: bool,
}

struct Row<'a> {
    columns: &'a [Column],
    cells: &'a [Cell],
}

impl Serialize for Row<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.columns.len()))?;
        for (c, v) in self.columns.iter().zip(self.cells) {
            map.serialize_entry(c.key, v)?;
        }
        map.end()
    }
}

/// A table's rows, read as many times as a format needs: held as cells ([`Table`]), or
/// made one at a time as they are written ([`Made`]), so that a list of a quarter of a
/// million members is never all cells at once.
pub trait Rows: Sync {
    fn columns(&self) -> &[Column];
    fn len(&self) -> usize;
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Calls `f` with each row's cells, in order.
    fn each(&self, f: &mut dyn FnMut(&[Cell])) {
        self.each_in(0..self.len(), f);
    }
    /// Calls `f` with the cells of each row in `rows`, in order.
    fn each_in(&self, rows: std::ops::Range<usize>, f: &mut dyn FnMut(&[Cell]));
}

impl Rows for Table {
    fn columns(&self) -> &[Column] {
        &self.columns
    }

    fn len(&self) -> usize {
        self.rows.len()
    }

    fn each_in(&self, rows: std::ops::Range<usize>, f: &mut dyn FnMut(&[Cell])) {
        let end = rows.end.min(self.rows.len());
        for r in self.rows.get(rows.start.min(end)..end).unwrap_or_default() {
            f(r);
        }
    }
}

/// Rows made as they are written: `row(i)` is row `i`'s cells.
pub struct Made<'a> {
    pub columns: Vec<Column>,
    pub len: usize,
    pub row: Box<dyn Fn(usize) -> Vec<Cell> + Sync + 'a>,
}

impl Made<'_> {
    /// Every row, made and held.
    pub fn to_table(&self) -> Table {
        Table {
            columns: self.columns.clone(),
            rows: (0..self.len).map(|i| (self.row)(i)).collect(),
        }
    }
}

impl Rows for Made<'_> {
    fn columns(&self) -> &[Column] {
        &self.columns
    }

    fn len(&self) -> usize {
        self.len
    }

    fn each_in(&self, rows: std::ops::Range<usize>, f: &mut dyn FnMut(&[Cell])) {
        for i in rows.start..rows.end.min(self.len) {
            f(&(self.row)(i));
        }
    }
}

impl Table {
    pub fn render(&self, format: Format, styling: Styling) -> io::Result<Vec<u8>> {
        render(self, format, styling)
    }
}

/// What one read of every row tells of each column: whether any cell has a value, and
/// whether it holds numbers (some, and nothing else but blanks).
struct Survey {
    filled: Vec<bool>,
    numeric: Vec<bool>,
}

fn survey(t: &dyn Rows) -> Survey {
    let n = t.columns().len();
    let (mut filled, mut number, mut other) = (vec![false; n], vec![false; n], vec![false; n]);
    t.each(&mut |r| {
        for (i, c) in r.iter().enumerate().take(n) {
            filled[i] |= *c != Cell::Empty;
            number[i] |= c.is_number();
            other[i] |= !c.is_number() && *c != Cell::Empty;
        }
    });
    let numeric = number.iter().zip(&other).map(|(n, o)| *n && !o).collect();
    Survey { filled, numeric }
}

impl Survey {
    /// The columns people see, by index.
    fn human_columns(&self, columns: &[Column]) -> Vec<usize> {
        (0..columns.len())
            .filter(|&i| match columns[i].show {
                Show::Always => true,
                Show::DataOnly => false,
                Show::UnlessEmpty => self.filled[i],
            })
            .collect()
    }
}

/// `t` in `format`.
pub fn render(t: &dyn Rows, format: Format, styling: Styling) -> io::Result<Vec<u8>> {
    match format {
        Format::Table => Ok(aligned(t, styling).into_bytes()),
        Format::Markdown => Ok(markdown(t).into_bytes()),
        Format::Csv => csv(t, styling.raw),
        Format::Json => {
            let mut out = json(t)?;
            out.push(b'\n');
            Ok(out)
        }
    }
}

fn aligned(t: &dyn Rows, styling: Styling) -> String {
    let columns = t.columns();
    let survey = survey(t);
    let cols = survey.human_columns(columns);
    let titles: Vec<&str> = cols.iter().map(|&i| columns[i].title).collect();
    let right: Vec<bool> = cols.iter().map(|&i| survey.numeric[i]).collect();
    let whole: Vec<bool> = cols
        .iter()
        .zip(&right)
        .map(|(&i, &number)| number || columns[i].whole)
        .collect();
    let human = |r: &[Cell], i: usize| r.get(i).map_or(String::new(), Cell::human);
    let mut widths: Vec<usize> = titles.iter().map(|t| width(t)).collect();
    t.each(&mut |r| {
        for (w, &i) in widths.iter_mut().zip(&cols) {
            *w = (*w).max(width(&human(r, i)));
        }
    });
    let kept = match styling.width {
        None => vec![true; cols.len()],
        Some(limit) => {
            let keep: Vec<u8> = cols.iter().map(|&i| columns[i].keep).collect();
            fit(&mut widths, &titles, &whole, &keep, limit)
        }
    };
    let (cols, titles, right, widths) = (
        retain(cols, &kept),
        retain(titles, &kept),
        retain(right, &kept),
        retain(widths, &kept),
    );
    let line = |out: &mut String, cells: &[String]| {
        let start = out.len();
        for (j, cell) in cells.iter().enumerate() {
            let w = widths[j];
            let cut = truncate(cell, w);
            let pad = w.saturating_sub(width(&cut));
            let last = j + 1 == cells.len();
            if j > 0 {
                out.push_str(GAP);
            }
            if right[j] {
                out.push_str(&" ".repeat(pad));
                out.push_str(&cut);
            } else {
                out.push_str(&cut);
                if !last {
                    out.push_str(&" ".repeat(pad));
                }
            }
        }
        let end = start + out[start..].trim_end().len();
        out.truncate(end);
    };
    let header: Vec<String> = titles.iter().map(|t| t.to_string()).collect();
    let mut out = String::new();
    if styling.bold {
        out.push_str("\x1b[1m");
        line(&mut out, &header);
        out.push_str("\x1b[0m\n");
    } else {
        line(&mut out, &header);
        out.push('\n');
    }
    let mut cells: Vec<String> = Vec::with_capacity(cols.len());
    t.each(&mut |r| {
        cells.clear();
        cells.extend(cols.iter().map(|&i| human(r, i)));
        line(&mut out, &cells);
        out.push('\n');
    });
    out
}

fn markdown(t: &dyn Rows) -> String {
    let columns = t.columns();
    let survey = survey(t);
    let cols = survey.human_columns(columns);
    let mut out = String::new();
    let titles: Vec<&str> = cols.iter().map(|&i| columns[i].title).collect();
    out.push_str(&format!("| {} |\n", titles.join(" | ")));
    let rules: Vec<&str> = cols
        .iter()
        .map(|&i| if survey.numeric[i] { "---:" } else { "---" })
        .collect();
    out.push_str(&format!("| {} |\n", rules.join(" | ")));
    t.each(&mut |r| {
        let cells: Vec<String> = cols
            .iter()
            .map(|&i| markdown_escape(&r.get(i).map_or(String::new(), Cell::human)))
            .collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    });
    out
}

fn csv(t: &dyn Rows, raw: bool) -> io::Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(t.columns().iter().map(|c| c.key))?;
    let mut out = w.into_inner().map_err(|e| e.into_error())?;
    if t.len() <= CSV_BLOCK {
        out.extend(csv_rows(t, 0..t.len(), raw)?);
        return Ok(out);
    }
    // A block's CSV does not depend on another's: blocks are made on every core and
    // joined in order.
    let starts: Vec<usize> = (0..t.len()).step_by(CSV_BLOCK).collect();
    let blocks: Vec<io::Result<Vec<u8>>> = starts
        .into_par_iter()
        .map(|start| csv_rows(t, start..start.saturating_add(CSV_BLOCK), raw))
        .collect();
    for block in blocks {
        out.extend(block?);
    }
    Ok(out)
}

/// Rows written as CSV a block at a time.
const CSV_BLOCK: usize = 2048;

/// The CSV of `rows`, without the header.
fn csv_rows(t: &dyn Rows, rows: std::ops::Range<usize>, raw: bool) -> io::Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut failed = None;
    t.each_in(rows, &mut |r| {
        if failed.is_some() {
            return;
        }
        let fields = r.iter().map(|c| c.csv(raw)).map(|c| match c {
            Cow::Borrowed(b) => Cow::Borrowed(b.as_bytes()),
            Cow::Owned(o) => Cow::Owned(o.into_bytes()),
        });
        if let Err(e) = w.write_record(fields) {
            failed = Some(e);
        }
    });
    if let Some(e) = failed {
        return Err(e.into());
    }
    w.into_inner().map_err(|e| e.into_error())
}

/// Every row, as a JSON array of objects, serialised as the rows are made.
struct AllRows<'a>(&'a dyn Rows);

impl Serialize for AllRows<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let columns = self.0.columns();
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        let mut failed = None;
        self.0.each(&mut |cells| {
            if failed.is_none() {
                failed = seq.serialize_element(&Row { columns, cells }).err();
            }
        });
        match failed {
            Some(e) => Err(e),
            None => seq.end(),
        }
    }
}

fn json(t: &dyn Rows) -> io::Result<Vec<u8>> {
    Ok(serde_json::to_vec_pretty(&AllRows(t))?)
}

const GAP: &str = "  ";

/// The items of `v` whose `kept` is true.
fn retain<T>(v: Vec<T>, kept: &[bool]) -> Vec<T> {
    v.into_iter()
        .zip(kept)
        .filter(|(_, k)| **k)
        .map(|(x, _)| x)
        .collect()
}

/// Narrows the widest text columns until the table fits `limit` columns, keeping each at
/// least as wide as its title (and 8); when that is not enough, leaves out the column
/// kept least (`keep`), and so on, but never the first. Number columns and `whole` ones
/// are never cut.
/// Gives the columns kept.
fn fit(
    widths: &mut [usize],
    titles: &[&str],
    whole: &[bool],
    keep: &[u8],
    limit: usize,
) -> Vec<bool> {
    let mut kept = vec![true; widths.len()];
    let total = |w: &[usize], kept: &[bool]| {
        let n = kept.iter().filter(|k| **k).count();
        w.iter()
            .zip(kept)
            .filter(|(_, k)| **k)
            .map(|(w, _)| w)
            .sum::<usize>()
            + GAP.len() * n.saturating_sub(1)
    };
    let least: Vec<usize> = (0..widths.len())
        .map(|j| {
            if whole[j] {
                widths[j]
            } else {
                widths[j].min(width(titles[j]).max(8))
            }
        })
        .collect();
    // Leave out columns, the least kept and rightmost first, until the rest fit at their
    // narrowest; never the first, which says what each row is (the id typed next).
    while total(&least, &kept) > limit {
        match (1..widths.len())
            .rev()
            .filter(|&j| kept[j])
            .min_by_key(|&j| (keep[j], std::cmp::Reverse(j)))
        {
            Some(j) => kept[j] = false,
            None => break,
        }
    }
    while total(widths, &kept) > limit {
        let widest = (0..widths.len())
            .filter(|&j| kept[j] && widths[j] > least[j])
            .max_by_key(|&j| widths[j]);
        match widest {
            Some(j) => widths[j] -= 1,
            None => break,
        }
    }
    kept
}

/// Whether stdout was closed outright when citynet started (`>&-`). Rust's runtime then
/// opens `/dev/null` in its place, so writes "succeed" and nothing else would notice that
/// nothing was written. The runtime opens it for reading and writing; a shell's
/// `> /dev/null`, or a parent's null stdout, opens it for writing only.
pub fn stdout_closed() -> bool {
    #[cfg(unix)]
    {
        use std::os::fd::FromRawFd;
        use std::os::unix::fs::{FileTypeExt, MetadataExt};
        let Ok(null) = std::fs::metadata("/dev/null") else {
            return false;
        };
        // SAFETY: descriptor 1 is borrowed for a moment, never closed (ManuallyDrop).
        let out =
            std::mem::ManuallyDrop::new(unsafe { std::fs::File::from_raw_fd(libc::STDOUT_FILENO) });
        let Ok(meta) = out.metadata() else {
            return true;
        };
        // SAFETY: F_GETFL only reads descriptor 1's flags.
        let flags = unsafe { libc::fcntl(libc::STDOUT_FILENO, libc::F_GETFL) };
        meta.file_type().is_char_device()
            && meta.rdev() == null.rdev()
            && flags >= 0
            && flags & libc::O_ACCMODE == libc::O_RDWR
    }
    #[cfg(not(unix))]
    {
        false
    }
}

/// Writes `bytes` to stdout. A reader that went away (`| head`) is not an error: the
/// output it wanted has been delivered. A stdout that was never open is.
pub fn write_stdout(bytes: &[u8]) -> io::Result<()> {
    if stdout_closed() {
        return Err(io::Error::other("stdout is closed"));
    }
    let mut out = io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        r => r,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows written as CSV in blocks on several threads read as one writer writes them, at
    /// the edges of blocks too, for held rows and rows made as they are written.
    #[test]
    fn csv_in_blocks_is_csv_written_in_one_go() {
        let cells = |i: usize| {
            vec![
                Cell::Text(format!("Town {i}, \"{}\"", i % 7)),
                Cell::Int(i as u64 * 13),
                if i % 3 == 0 {
                    Cell::Empty
                } else {
                    Cell::Year(1900 + (i % 100) as u16)
                },
                Cell::Text(if i % 5 == 0 {
                    "=1+1".into()
                } else {
                    "plain".into()
                }),
                Cell::List(vec![format!("a{i}"), "b;c".into()]),
                Cell::Float(i as f64 / 7.0),
            ]
        };
        let columns = || {
            ["city", "population", "since", "note", "aka", "lat"]
                .map(|k| Column::new(k, k))
                .to_vec()
        };
        for n in [
            0,
            1,
            CSV_BLOCK - 1,
            CSV_BLOCK,
            CSV_BLOCK + 1,
            3 * CSV_BLOCK + 17,
        ] {
            let held = Table {
                columns: columns(),
                rows: (0..n).map(cells).collect(),
            };
            let made = Made {
                columns: columns(),
                len: n,
                row: Box::new(cells),
            };
            for raw in [false, true] {
                let mut w = csv::Writer::from_writer(Vec::new());
                w.write_record(held.columns.iter().map(|c| c.key))
                    .expect("header");
                for r in &held.rows {
                    w.write_record(r.iter().map(|c| c.csv(raw).into_owned()))
                        .expect("row");
                }
                let one_go = w.into_inner().expect("written");
                assert_eq!(
                    csv(&held, raw).expect("held"),
                    one_go,
                    "{n} rows held, raw {raw}"
                );
                assert_eq!(
                    csv(&made, raw).expect("made"),
                    one_go,
                    "{n} rows made, raw {raw}"
                );
            }
        }
    }

    fn table() -> Table {
        Table {
            columns: vec![
                Column::new("city", "City"),
                Column::new("population", "Population"),
                Column::unless_empty("since", "Since"),
                Column::data_only("aka", "Also known as"),
            ],
            rows: vec![
                vec![
                    Cell::Text("Łódź".into()),
                    Cell::Int(658_444),
                    Cell::Empty,
                    Cell::List(vec!["Lodz".into()]),
                ],
                vec![
                    Cell::Text("İzmir".into()),
                    Cell::Int(2_938_546),
                    Cell::Empty,
                    Cell::List(vec![]),
                ],
                vec![
                    Cell::Text("Bad|\u{1b}[2J, \"quoted\"".into()),
                    Cell::Empty,
                    Cell::Empty,
                    Cell::List(vec!["a".into(), "b".into()]),
                ],
            ],
        }
    }

    fn text(t: &Table, f: Format) -> String {
        String::from_utf8(t.render(f, Styling::default()).expect("renders")).expect("utf-8")
    }

    #[test]
    fn table_aligns_by_display_width_and_escapes() {
        let out = text(&table(), Format::Table);
        let lines: Vec<&str> = out.lines().collect();
        // The city column is as wide as its longest cell as shown (23 columns, with the
        // escape spelled out), then two spaces; numbers are right-aligned under their title.
        let gap = |n: usize| " ".repeat(n);
        assert_eq!(lines[0], format!("City{}Population", gap(19 + 2)));
        assert_eq!(lines[1], format!("Łódź{}658,444", gap(19 + 2 + 3)));
        assert_eq!(lines[2], format!("İzmir{}2,938,546", gap(18 + 2 + 1)));
        assert_eq!(lines[3], "Bad|\\u{1b}[2J, \"quoted\"");
        assert!(!out.contains('\u{1b}'));
        // Empty "since" and data-only "aka" are left out.
        assert!(!out.contains("Since") && !out.contains("Also known"));
    }

    #[test]
    fn bold_header_only_when_asked() {
        let styled = table()
            .render(
                Format::Table,
                Styling {
                    bold: true,
                    width: None,
                    raw: false,
                },
            )
            .expect("renders");
        let s = String::from_utf8(styled).expect("utf-8");
        assert!(s.starts_with("\x1b[1mCity"));
        // The header's bold and its reset; the escape in the data is shown escaped.
        assert_eq!(s.matches('\u{1b}').count(), 2);
    }

    #[test]
    fn narrow_terminal_cuts_text_not_numbers() {
        let out = table()
            .render(
                Format::Table,
                Styling {
                    bold: false,
                    width: Some(22),
                    raw: false,
                },
            )
            .expect("renders");
        let s = String::from_utf8(out).expect("utf-8");
        for l in s.lines() {
            assert!(width(l) <= 22, "{l:?} is too wide");
        }
        assert!(s.contains("2,938,546"));
        assert!(s.contains('…'));
    }

    #[test]
    fn csv_is_faithful_and_quoted() {
        let out = text(&table(), Format::Csv);
        let mut r = csv::Reader::from_reader(out.as_bytes());
        let headers = r.headers().expect("header").clone();
        assert_eq!(
            headers.iter().collect::<Vec<_>>(),
            ["city", "population", "since", "aka"]
        );
        let rows: Vec<csv::StringRecord> = r.records().map(|x| x.expect("record")).collect();
        assert_eq!(rows.len(), 3);
        assert_eq!(&rows[0][1], "658444");
        assert_eq!(&rows[2][0], "Bad|\u{1b}[2J, \"quoted\"");
        assert_eq!(&rows[2][3], "a; b");
    }

    #[test]
    fn json_keeps_column_order_and_types() {
        let out = text(&table(), Format::Json);
        assert!(out.find("\"city\"") < out.find("\"population\""));
        let v: serde_json::Value = serde_json::from_str(&out).expect("json");
        let rows = v.as_array().expect("array");
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0]["population"], 658_444);
        assert_eq!(rows[2]["population"], serde_json::Value::Null);
        assert_eq!(rows[2]["aka"], serde_json::json!(["a", "b"]));
        assert_eq!(rows[2]["city"], "Bad|\u{1b}[2J, \"quoted\"");
    }

    #[test]
    fn markdown_escapes_pipes_and_aligns_numbers_right() {
        let out = text(&table(), Format::Markdown);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "| City | Population |");
        assert_eq!(lines[1], "| --- | ---: |");
        assert_eq!(lines[4], "| Bad\\|\\\\u{1b}\\[2J, \"quoted\" |  |");
        assert_eq!(lines.len(), 5);
    }

    #[test]
    fn markdown_escapes_what_it_would_interpret() {
        assert_eq!(
            markdown_escape("*a* _b_ `c` [d](e) <f> ~~g~~ &amp; !h"),
            "\\*a\\* \\_b\\_ \\`c\\` \\[d\\](e) \\<f\\> \\~\\~g\\~\\~ \\&amp; \\!h"
        );
        assert_eq!(markdown_escape("Łódź (PL)"), "Łódź (PL)");
    }

    #[test]
    fn csv_neutralises_formulas_unless_raw() {
        let t = Table {
            columns: vec![Column::new("name", "Name"), Column::new("lat", "Lat")],
            rows: ["=1+2", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "a=b", "Łódź"]
                .iter()
                .map(|s| vec![Cell::Text((*s).into()), Cell::Float(-33.87)])
                .collect(),
        };
        let cells = |raw: bool| -> Vec<(String, String)> {
            let out = t
                .render(
                    Format::Csv,
                    Styling {
                        raw,
                        ..Styling::default()
                    },
                )
                .expect("renders");
            csv::Reader::from_reader(out.as_slice())
                .records()
                .map(|r| {
                    let r = r.expect("a record");
                    (r[0].to_string(), r[1].to_string())
                })
                .collect()
        };
        let safe: Vec<String> = cells(false)
            .into_iter()
            .map(|(n, lat)| {
                assert_eq!(lat, "-33.87", "numbers are left alone");
                n
            })
            .collect();
        assert_eq!(
            safe,
            [
                "'=1+2",
                "'+1",
                "'-1",
                "'@SUM(A1)",
                "'\tx",
                "'\rx",
                "a=b",
                "Łódź"
            ]
        );
        let raw: Vec<String> = cells(true).into_iter().map(|(n, _)| n).collect();
        assert_eq!(raw[0], "=1+2");
        assert_eq!(raw[4], "\tx");
    }
}
