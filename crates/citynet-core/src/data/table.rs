//! A member list as networks publish it: CSV or TSV, a header row naming the columns, then
//! one member a row.
//!
//! The file holds members only. What a RON roster says besides (the network, its sources,
//! the date, the tiers' labels) comes from the network it is read as ([`attach`]): its
//! tiers are the ones the tier column names, in the order they first appear, with the
//! labels of the network's known tiers where a cell names one.
//!
//! Every mistake is told as `file:line:col`, the line and column of the cell at fault,
//! counted in characters as an editor counts them (after a byte-order mark, over CRLF
//! line ends, inside quoted cells that span lines). The csv crate gives where each row
//! starts; the column of a cell is found by walking the row's raw text, only when a
//! message needs it.

use std::collections::HashMap;
use std::path::Path;

use super::countries;
use super::model::{Dataset, Member, MemberKind, Roster, Source, Text, Tier};
use super::parse::LoadError;
use super::spans::Step;
use crate::lookup::normalize;

/// How a roster file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableFormat {
    Csv,
    Tsv,
}

impl TableFormat {
    /// The format a file's extension says (`.csv`, `.tsv`, in any case), if it says one.
    pub fn of_path(path: &Path) -> Option<TableFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "csv" => Some(TableFormat::Csv),
            "tsv" | "tab" => Some(TableFormat::Tsv),
            _ => None,
        }
    }

    fn delimiter(self) -> u8 {
        match self {
            TableFormat::Csv => b',',
            TableFormat::Tsv => b'\t',
        }
    }
}

/// The columns a roster file may have, as [`Member`]'s fields are named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Name,
    Country,
    Tier,
    Lat,
    Lon,
    Aka,
    Kind,
    Population,
    Since,
    Joined,
    Id,
    Placeholder,
    Geonames,
    MainCity,
}

const COLUMNS: [(Column, &str); 14] = [
    (Column::Name, "name"),
    (Column::Country, "country"),
    (Column::Tier, "tier"),
    (Column::Lat, "lat"),
    (Column::Lon, "lon"),
    (Column::Aka, "aka"),
    (Column::Kind, "kind"),
    (Column::Population, "population"),
    (Column::Since, "since"),
    (Column::Joined, "joined"),
    (Column::Id, "id"),
    (Column::Placeholder, "placeholder"),
    (Column::Geonames, "geonames"),
    (Column::MainCity, "main_city"),
];

const REQUIRED: [Column; 5] = [
    Column::Name,
    Column::Country,
    Column::Tier,
    Column::Lat,
    Column::Lon,
];

impl Column {
    fn name(self) -> &'static str {
        COLUMNS
            .iter()
            .find(|(c, _)| *c == self)
            .map_or("", |(_, n)| n)
    }

    /// The column a header cell names: the field's name in any case, with a space or a
    /// hyphen for the underscore (`Main city`).
    fn named(cell: &str) -> Option<Column> {
        let wanted = header_key(cell);
        COLUMNS.iter().find(|(_, n)| *n == wanted).map(|(c, _)| *c)
    }

    /// The column a problem's path names, from the member's field.
    fn of_field(field: &str) -> Option<Column> {
        COLUMNS.iter().find(|(_, n)| *n == field).map(|(c, _)| *c)
    }
}

fn header_key(cell: &str) -> String {
    cell.trim().to_lowercase().replace([' ', '-'], "_")
}

/// Where in a table's text each member of the roster read from it was written: where each
/// row starts, which field each column is, and which row first named each tier.
#[derive(Debug)]
pub struct Table {
    delimiter: u8,
    /// Bytes of byte-order mark before the text proper.
    bom: usize,
    columns: Vec<Option<Column>>,
    rows: Vec<usize>,
    tier_rows: Vec<usize>,
}

/// The text after a byte-order mark, if it starts with one: what a message quotes from.
pub fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Reads a roster file, and where its values are. `known` are the tiers the network already has (from its embedded
/// roster): a cell that names one of them by id, label or short label is that tier.
pub fn parse_table(
    file: &str,
    text: &str,
    format: TableFormat,
    source: &str,
    as_of: &str,
    known: &[Tier],
) -> Result<(Roster, Table), LoadError> {
    let bom = text.len() - without_bom(text).len();
    let body = without_bom(text);
    let delimiter = format.delimiter();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        // Cells are trimmed as they are read (`cell`): trimming whole records makes each
        // one again, which took a tenth of a large list's load.
        .from_reader(body.as_bytes());
    let at = Locator {
        file,
        body,
        delimiter,
    };
    let mut record = csv::StringRecord::new();
    let header_start = match reader.read_record(&mut record) {
        Ok(true) => record.position().map_or(0, byte_at),
        Ok(false) => {
            return Err(at.error(
                0,
                0,
                format!(
                    "is empty; expected a header row naming the columns {}",
                    required_list()
                ),
            ));
        }
        Err(e) => return Err(at.csv_error(&e)),
    };
    let header_start = at.row_start(header_start);
    let columns = header(&at, &record, header_start)?;
    // By column, in `COLUMNS` order (which is the enum's): the field that holds it.
    let fields: Vec<Option<usize>> = COLUMNS
        .iter()
        .map(|(c, _)| columns.iter().position(|k| *k == Some(*c)))
        .collect();
    let index = |c: Column| fields.get(c as usize).copied().flatten();

    let mut tiers: Vec<Tier> = Vec::new();
    let mut tier_rows: Vec<usize> = Vec::new();
    let mut tier_by_key: HashMap<String, usize> = HashMap::new();
    // The same by the cell as written, which saves working out its key on every row.
    let mut tier_by_cell: HashMap<String, usize> = HashMap::new();
    let mut country_by_cell: HashMap<String, &'static str> = HashMap::new();
    let mut members: Vec<Member> = Vec::new();
    let mut rows: Vec<usize> = Vec::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(at.csv_error(&e)),
        }
        let start = at.row_start(record.position().map_or(0, byte_at));
        // A spreadsheet writes its blank rows as a row of empty cells.
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if let Some(extra) = (columns.len()..record.len()).find(|&k| !record[k].trim().is_empty()) {
            return Err(at.cell_error(
                start,
                extra,
                format!(
                    "this row has a value in field {}, but the header names {} columns",
                    extra + 1,
                    columns.len()
                ),
            ));
        }
        let cell = |c: Column| index(c).and_then(|k| record.get(k)).map_or("", str::trim);
        let fail = |c: Column, what: String| at.cell_error(start, index(c).unwrap_or(0), what);

        let name = Text::from(cell(Column::Name));
        let country = {
            let typed = cell(Column::Country);
            match country_by_cell.get(typed) {
                Some(code) => *code,
                None => {
                    let found = countries::lookup(typed);
                    let shown = format!("`{typed}`");
                    if let Some(why) = countries::not_found(&shown, &found) {
                        return Err(fail(Column::Country, format!("country: {why}")));
                    }
                    let code = found.found().unwrap_or("");
                    country_by_cell.insert(typed.to_string(), code);
                    code
                }
            }
        };
        let tier = {
            let typed = cell(Column::Tier);
            if typed.is_empty() {
                return Err(fail(
                    Column::Tier,
                    "tier: expected the member's tier, found an empty cell".into(),
                ));
            }
            let k = match tier_by_cell.get(typed) {
                Some(&k) => k,
                None => {
                    let row = members.len();
                    let k = tier_for(
                        typed,
                        known,
                        &mut tiers,
                        &mut tier_rows,
                        &mut tier_by_key,
                        row,
                    );
                    tier_by_cell.insert(typed.to_string(), k);
                    k
                }
            };
            Text::from(tiers[k].id.as_str())
        };
        let degrees = |c: Column, range: &str| -> Result<f64, LoadError> {
            let typed = cell(c);
            match typed.parse::<f64>() {
                Ok(v) if v.is_finite() => Ok(v),
                _ => Err(fail(
                    c,
                    format!(
                        "{}: expected a number of degrees ({range}), found {}",
                        c.name(),
                        found(typed)
                    ),
                )),
            }
        };
        let lat = degrees(Column::Lat, "-90 to 90")?;
        let lon = degrees(Column::Lon, "-180 to 180")?;
        let aka: Vec<Text> = cell(Column::Aka)
            .split([';', '|'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(Text::from)
            .collect();
        let kind = match cell(Column::Kind) {
            "" => MemberKind::City,
            typed => kind_named(typed).ok_or_else(|| {
                fail(
                    Column::Kind,
                    format!(
                        "kind: expected one of {}, found {}",
                        KINDS.map(MemberKind::label).join(", "),
                        found(typed)
                    ),
                )
            })?,
        };
        let whole = |c: Column, what: &str| -> Result<Option<u64>, LoadError> {
            let typed = cell(c);
            if typed.is_empty() {
                return Ok(None);
            }
            whole_number(typed).map(Some).ok_or_else(|| {
                fail(
                    c,
                    format!("{}: expected {what}, found {}", c.name(), found(typed)),
                )
            })
        };
        let population = whole(Column::Population, "a whole number of people, 0 or more")?;
        let since = whole(Column::Since, "a year, like 2015")?
            .map(|y| {
                u16::try_from(y).map_err(|_| {
                    fail(
                        Column::Since,
                        format!(
                            "since: expected a year, like 2015, found {}",
                            found(cell(Column::Since))
                        ),
                    )
                })
            })
            .transpose()?;
        let geonames = |c: Column| -> Result<Option<u32>, LoadError> {
            whole(c, "a GeoNames id, a whole number")?
                .map(|n| {
                    u32::try_from(n).map_err(|_| {
                        fail(
                            c,
                            format!(
                                "{}: expected a GeoNames id, found {}",
                                c.name(),
                                found(cell(c))
                            ),
                        )
                    })
                })
                .transpose()
        };
        let placeholder = match cell(Column::Placeholder).to_lowercase().as_str() {
            "" | "false" | "no" | "0" => false,
            "true" | "yes" | "1" => true,
            _ => {
                return Err(fail(
                    Column::Placeholder,
                    format!(
                        "placeholder: expected true or false (or yes, no, 1, 0, empty), found {}",
                        found(cell(Column::Placeholder))
                    ),
                ));
            }
        };
        let text = |c: Column| Some(Text::from(cell(c))).filter(|s| !s.is_empty());
        members.push(Member {
            name,
            country: country.into(),
            tier,
            lat,
            lon,
            aka,
            kind,
            population,
            since,
            joined: text(Column::Joined),
            id: text(Column::Id),
            placeholder,
            geonames: geonames(Column::Geonames)?,
            main_city: geonames(Column::MainCity)?,
        });
        rows.push(start);
    }
    let roster = Roster {
        sources: vec![source.to_string()],
        columns: None,
        as_of: as_of.to_string(),
        completeness: super::model::Completeness::Complete,
        tiers,
        population_note: None,
        members: members.into(),
    };
    let table = Table {
        delimiter,
        bom,
        columns,
        rows,
        tier_rows,
    };
    Ok((roster, table))
}

/// The tier (by index in `tiers`) that the tier cell `typed` names, added to `tiers` (first
/// named on row `row`) when it is new: a known tier where the cell spells one of them,
/// else a tier of its own, one for every spelling (`Other`, `other`) of it.
fn tier_for(
    typed: &str,
    known: &[Tier],
    tiers: &mut Vec<Tier>,
    tier_rows: &mut Vec<usize>,
    tier_by_key: &mut HashMap<String, usize>,
    row: usize,
) -> usize {
    let key = tier_key(typed);
    if let Some(&k) = tier_by_key.get(&key) {
        return k;
    }
    let tier: Tier = known
        .iter()
        .find(|t| {
            [&t.id, &t.label, &t.short]
                .iter()
                .any(|s| tier_key(s) == key)
        })
        .cloned()
        .unwrap_or_else(|| Tier {
            id: if key.is_empty() {
                format!("tier-{}", tiers.len() + 1)
            } else {
                key.clone()
            },
            label: typed.to_string(),
            short: typed.to_string(),
            description: None,
        });
    // Two spellings of one known tier (`full`, `Full member`) are that tier.
    let k = match tiers.iter().position(|t| t.id == tier.id) {
        Some(k) => k,
        None => {
            tiers.push(tier);
            tier_rows.push(row);
            tiers.len() - 1
        }
    };
    tier_by_key.insert(key, k);
    k
}

/// The id a tier cell makes: its words, folded and joined by hyphens (`Full member` ->
/// `full-member`), which is also how two spellings of one tier are told to be one.
fn tier_key(typed: &str) -> String {
    normalize(typed).replace(' ', "-")
}

const KINDS: [MemberKind; 6] = [
    MemberKind::City,
    MemberKind::Metropolitan,
    MemberKind::Region,
    MemberKind::District,
    MemberKind::Community,
    MemberKind::Group,
];

fn kind_named(typed: &str) -> Option<MemberKind> {
    let wanted = typed.to_lowercase();
    KINDS.into_iter().find(|k| k.label() == wanted)
}

/// A whole number as spreadsheets write one: digits, maybe grouped by commas, spaces or
/// underscores (`1,234,567`).
fn whole_number(typed: &str) -> Option<u64> {
    let digits: String = typed
        .chars()
        .filter(|c| !matches!(c, ',' | '_' | ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// A cell's value as a message quotes it.
fn found(typed: &str) -> String {
    if typed.is_empty() {
        "an empty cell".into()
    } else {
        format!("`{}`", crate::text::safe(typed))
    }
}

fn required_list() -> String {
    let names: Vec<&str> = REQUIRED.iter().map(|c| c.name()).collect();
    names.join(", ")
}

fn byte_at(p: &csv::Position) -> usize {
    usize::try_from(p.byte()).unwrap_or(usize::MAX)
}

/// The header row's columns, each known (`None` is an empty header cell over an unused
/// column), every required one present and none twice.
fn header(
    at: &Locator,
    record: &csv::StringRecord,
    start: usize,
) -> Result<Vec<Option<Column>>, LoadError> {
    let mut columns: Vec<Option<Column>> = Vec::with_capacity(record.len());
    for (k, cell) in record.iter().map(str::trim).enumerate() {
        if cell.is_empty() {
            columns.push(None);
            continue;
        }
        let Some(c) = Column::named(cell) else {
            return Err(at.cell_error(start, k, unknown_column(cell)));
        };
        if let Some(first) = columns.iter().position(|x| *x == Some(c)) {
            return Err(at.cell_error(
                start,
                k,
                format!(
                    "column `{}` is named twice (first as column {})",
                    c.name(),
                    first + 1
                ),
            ));
        }
        columns.push(Some(c));
    }
    let missing: Vec<&str> = REQUIRED
        .iter()
        .filter(|c| !columns.contains(&Some(**c)))
        .map(|c| c.name())
        .collect();
    if !missing.is_empty() {
        return Err(at.cell_error(
            start,
            0,
            format!(
                "the header row has no {} column{}; a roster needs {}",
                missing
                    .iter()
                    .map(|m| format!("`{m}`"))
                    .collect::<Vec<_>>()
                    .join(", "),
                if missing.len() == 1 { "" } else { "s" },
                required_list()
            ),
        ));
    }
    Ok(columns)
}

fn unknown_column(cell: &str) -> String {
    let key = header_key(cell);
    let closest = COLUMNS
        .iter()
        .map(|(_, n)| (strsim::osa_distance(&key, n), *n))
        .min();
    let shown = crate::text::safe(cell);
    match closest {
        Some((d, n)) if d <= crate::lookup::typo_budget(&key) + 1 => {
            format!("unknown column `{shown}`; did you mean `{n}`?")
        }
        _ => {
            let all: Vec<&str> = COLUMNS.iter().map(|(_, n)| *n).collect();
            format!(
                "unknown column `{shown}`; the columns are {}",
                all.join(", ")
            )
        }
    }
}

/// Turns byte offsets of the text into the `file:line:col` of messages.
struct Locator<'a> {
    file: &'a str,
    body: &'a str,
    delimiter: u8,
}

impl Locator<'_> {
    fn error(&self, line: usize, col: usize, message: String) -> LoadError {
        LoadError {
            file: self.file.to_string(),
            position: (line > 0).then_some((line, col)),
            message,
        }
    }

    fn at(&self, offset: usize, message: String) -> LoadError {
        let (line, col) = line_col(self.body, offset);
        self.error(line, col, message)
    }

    /// Where the row really starts: the csv crate's position is just past the previous
    /// row's end, before the `\n` of a CRLF and any blank lines.
    fn row_start(&self, offset: usize) -> usize {
        let b = self.body.as_bytes();
        let mut i = offset.min(b.len());
        while i < b.len() && (b[i] == b'\r' || b[i] == b'\n') {
            i += 1;
        }
        i
    }

    fn cell_error(&self, row: usize, field: usize, message: String) -> LoadError {
        let (offset, _) = field_start(self.body, row, field, self.delimiter);
        self.at(offset, message)
    }

    fn csv_error(&self, e: &csv::Error) -> LoadError {
        let message = match e.kind() {
            csv::ErrorKind::Utf8 { err, .. } => {
                format!("not valid UTF-8 in field {}", err.field() + 1)
            }
            _ => format!("cannot read the table: {e}"),
        };
        match e.position() {
            Some(p) => self.at(self.row_start(byte_at(p)), message),
            None => self.error(0, 0, message),
        }
    }
}

/// The byte offset where field `field` of the row starting at `row` starts, and whether
/// it is quoted; the row's end if it has fewer fields.
fn field_start(text: &str, row: usize, field: usize, delimiter: u8) -> (usize, bool) {
    let b = text.as_bytes();
    let mut i = row.min(b.len());
    let mut k = 0;
    loop {
        // Spaces before a value are trimmed, so the value is what is pointed at.
        while i < b.len() && b[i] == b' ' && delimiter != b' ' {
            i += 1;
        }
        let quoted = b.get(i) == Some(&b'"');
        if k == field {
            return (i, quoted);
        }
        if quoted {
            i += 1;
            while i < b.len() {
                if b[i] == b'"' {
                    if b.get(i + 1) == Some(&b'"') {
                        i += 2;
                        continue;
                    }
                    i += 1;
                    break;
                }
                i += 1;
            }
        }
        while i < b.len() && b[i] != delimiter && b[i] != b'\n' && b[i] != b'\r' {
            i += 1;
        }
        if i >= b.len() || b[i] != delimiter {
            return (i, false);
        }
        i += 1;
        k += 1;
    }
}

/// The 1-based line and column (in characters) of byte `offset` of `text`.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text.as_bytes()[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let col = before[start..]
        .iter()
        .filter(|&&b| b & 0xC0 != 0x80)
        .count()
        + 1;
    (line, col)
}

impl Table {
    /// Where in `text` (the file as read, mark and all) the value at `path` is, `path`
    /// being from the roster down (`members[7].lat`, `tiers[2].label`), with the
    /// character `char_at` of a text value where one is named. `None` for what the file
    /// does not hold (the roster's sources and date).
    pub fn locate(
        &self,
        text: &str,
        path: &[Step],
        char_at: Option<usize>,
    ) -> Option<(usize, usize)> {
        let body = text.get(self.bom..)?;
        let (row, column) = match path {
            [Step::Field("members"), Step::Index(j), rest @ ..] => {
                let column = match rest.first() {
                    Some(Step::Field(f)) => Column::of_field(f),
                    _ => None,
                };
                (*self.rows.get(*j)?, column.unwrap_or(Column::Name))
            }
            [Step::Field("tiers"), Step::Index(t), ..] => {
                let member = *self.tier_rows.get(*t)?;
                (*self.rows.get(member)?, Column::Tier)
            }
            _ => return None,
        };
        let field = self.columns.iter().position(|c| *c == Some(column))?;
        let (offset, quoted) = field_start(body, row, field, self.delimiter);
        let (line, col) = line_col(body, offset);
        // Within an aka cell the names are not told apart: the cell is pointed at.
        let within = match (column, char_at) {
            (Column::Aka, _) | (_, None) => 0,
            (_, Some(c)) => c + usize::from(quoted),
        };
        Some((line, col + within))
    }
}

/// A table a network's roster was read from, as a problem of the dataset is found in it.
#[derive(Debug, Clone, Copy)]
pub struct TableFile<'a> {
    pub name: &'a str,
    /// The file as read, mark and all.
    pub text: &'a str,
    pub table: &'a Table,
    /// The network whose roster it is, by index.
    pub network: usize,
}

/// Where each problem is: in the table whose roster holds its value, else where
/// [`spans::locate`](super::spans::locate) finds it among `files` (what the rest of the
/// dataset was read from, where the replaced roster's old file may still be listed).
pub fn locate(
    problems: &[super::Problem],
    files: &[super::spans::SourceFile],
    tables: &[TableFile],
) -> Vec<super::spans::Location> {
    let mut out = super::spans::locate(problems, files);
    for (p, at) in problems.iter().zip(out.iter_mut()) {
        // The last table read as a network's roster is the one it has.
        let Some(t) = tables
            .iter()
            .rev()
            .find(|t| p.path.starts_with(&roster_path(t.network)))
        else {
            continue;
        };
        let below = &p.path[roster_path(t.network).len()..];
        *at = super::spans::Location {
            file: t.name.to_string(),
            position: t.table.locate(t.text, below, p.char_at),
        };
    }
    out
}

/// Where a table read as a network's roster is written into a dataset: the network's
/// index, and the path of its roster from the dataset's root.
pub fn roster_path(network: usize) -> Vec<Step> {
    vec![
        Step::Field("networks"),
        Step::Index(network),
        Step::Field("roster"),
    ]
}

/// The source a table's roster cites: the file itself, which says nothing of who
/// published it or when.
pub fn file_source(id: &str, file_name: &str) -> Source {
    Source {
        id: id.to_string(),
        title: format!("member list read from {file_name}"),
        publisher: "not stated in the file".into(),
        url: None,
        published: None,
        read_on: None,
        note: Some(
            "A CSV or TSV member list; the file names no publisher or date, and is taken as the network's whole list."
                .into(),
        ),
        licence: None,
        credit: None,
    }
}

/// The id of the source a table cites.
pub const FILE_SOURCE: &str = "member-list-file";

/// Reads the table as the roster of `dataset`'s network at `network`, in place of the
/// roster it had: the tiers it knew keep their labels, and the file becomes a source.
pub fn attach(
    dataset: &mut Dataset,
    network: usize,
    file: &str,
    file_name: &str,
    text: &str,
    format: TableFormat,
) -> Result<Table, LoadError> {
    let known: Vec<Tier> = dataset
        .networks
        .get(network)
        .and_then(|n| n.roster.as_ref())
        .map(|r| r.tiers.clone())
        .unwrap_or_default();
    let as_of = format!("undated ({file_name})");
    let (mut roster, table) = parse_table(file, text, format, FILE_SOURCE, &as_of, &known)?;
    // The network's tiers the file has no member of stay defined: the directory's
    // membership rules name them, and a list of full members only is no less the list.
    for t in known {
        if !roster.tiers.iter().any(|r| r.id == t.id) {
            roster.tiers.push(t);
        }
    }
    dataset.sources.retain(|s| s.id != FILE_SOURCE);
    dataset.sources.push(file_source(FILE_SOURCE, file_name));
    if let Some(n) = dataset.networks.get_mut(network) {
        n.roster = Some(roster);
    }
    Ok(table)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<(Roster, Table), LoadError> {
        parse_table("t.csv", text, TableFormat::Csv, "s", "2025", &[])
    }

    #[test]
    fn cells_are_found_across_quotes_crlf_and_a_mark() {
        let text = "\u{feff}name,country,tier,lat,lon\r\n\"Łódź, city\",PL,full,51.76,19.46\r\n\r\nKiel,DE,full,abc,10.1\r\n";
        let e = read(text).expect_err("abc is no number");
        assert_eq!(e.position, Some((4, 14)));
        assert_eq!(
            e.message,
            "lat: expected a number of degrees (-90 to 90), found `abc`"
        );
        let (roster, ok) = read(&text.replace("abc", "54.3")).expect("reads");
        assert_eq!(roster.members.len(), 2);
        assert_eq!(roster.members[0].name, "Łódź, city");
        let lon = [Step::Field("members"), Step::Index(1), Step::Field("lon")];
        assert_eq!(
            ok.locate(&text.replace("abc", "54.3"), &lon, None),
            Some((4, 19))
        );
        let name = [Step::Field("members"), Step::Index(0), Step::Field("name")];
        assert_eq!(ok.locate(text, &name, Some(2)), Some((2, 4)));
    }

    #[test]
    fn a_known_tier_spelled_two_ways_is_one_tier() {
        let known = [Tier {
            id: "full".into(),
            label: "Full member".into(),
            short: "Full".into(),
            description: None,
        }];
        let text =
            "name,country,tier,lat,lon\nA,DE,full,1,1\nB,DE,Full member,1,1\nC,DE,Other,1,1\n";
        let (r, t) =
            parse_table("t.csv", text, TableFormat::Csv, "s", "2025", &known).expect("reads");
        let ids: Vec<&str> = r.tiers.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["full", "other"]);
        let tiers: Vec<&str> = r.members.iter().map(|m| m.tier.as_str()).collect();
        assert_eq!(tiers, ["full", "full", "other"]);
        let other = [Step::Field("tiers"), Step::Index(1)];
        assert_eq!(t.locate(text, &other, None), Some((4, 6)));
    }

    #[test]
    fn cells_and_headers_are_read_trimmed() {
        let plain = "name,country,tier,lat,lon,aka\nKiel,DE,full,54.3,10.1,Chiel; Kil\nBonn,DE,Other,50.7,7.1,\n";
        let padded = " name , country,tier\u{a0},lat,lon ,aka\n Kiel ,\tDE, full ,54.3 , 10.1, Chiel ; Kil \n  ,  , \n Bonn,DE ,Other,50.7,7.1,  ,   \n";
        let (want, _) = read(plain).expect("reads");
        let (got, _) = read(padded).expect("reads padded");
        assert_eq!(got.members, want.members);
        assert_eq!(got.tiers, want.tiers);
        // What is left once trimmed is still checked, and pointed at.
        let e = read(&padded.replace("54.3 ", "x ")).expect_err("x is no number");
        assert_eq!(e.position, Some((2, 19)));
    }

    #[test]
    fn the_header_is_checked_with_suggestions() {
        let e = read("name,contry,tier,lat,lon\n").expect_err("typo");
        assert_eq!(e.position, Some((1, 6)));
        assert_eq!(
            e.message,
            "unknown column `contry`; did you mean `country`?"
        );
        let e = read("name,country,tier,lat\n").expect_err("no lon");
        assert!(e.message.contains("no `lon` column"), "{}", e.message);
        let e = read("").expect_err("empty");
        assert_eq!(e.position, None);
    }

    #[test]
    fn values_parse_or_say_what_was_expected() {
        let head = "name,country,tier,lat,lon,population,aka,kind\n";
        let (t, _) = read(&format!(
            "{head}A,germany,Full member,52.5,13.4,\"3,600,000\",Berlin; Berlín,region\n"
        ))
        .expect("reads");
        let m = &t.members[0];
        assert_eq!((m.country.as_str(), m.tier.as_str()), ("DE", "full-member"));
        assert_eq!(m.population, Some(3_600_000));
        assert_eq!(m.aka, ["Berlin", "Berlín"]);
        assert_eq!(m.kind, MemberKind::Region);
        assert_eq!(t.tiers[0].label, "Full member");
        let e = read(&format!("{head}A,DE,x,1,1,-5,,\n")).expect_err("negative");
        assert_eq!(e.position, Some((2, 12)));
        assert!(e.message.starts_with("population: expected a whole number"));
        let e = read(&format!("{head}A,XX,x,1,1,,,\n")).expect_err("no such country");
        assert_eq!(e.position, Some((2, 3)));
        assert!(
            e.message.starts_with("country: no country `XX`"),
            "{}",
            e.message
        );
    }
}
