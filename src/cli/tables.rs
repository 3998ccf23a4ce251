//! Member lists kept as CSV or TSV (`--roster NETWORK=FILE`, `--data F.csv`, `validate
//! F.csv`, `import F.csv`): each file is read as its network's roster in place of the one
//! the dataset had (`table::attach`), and the whole is checked as any dataset is, a problem
//! in a file's members told at that file's line and column (`table::locate`).

use std::path::{Path, PathBuf};

use citynet_core::data::cache::{self as data_cache, Key, Sift};
use citynet_core::data::load::{Progress, Stage, read_bytes_telling, text_of};
use citynet_core::data::parse::embedded_files;
use citynet_core::data::spans::SourceFile;
use citynet_core::data::table::{self, Table, TableFile, TableFormat, without_bom};
use citynet_core::data::{Dataset, Problem};
use citynet_core::lookup::{self, Lookup};
use citynet_core::text::safe;

use super::errors::{Failure, load_failure};
use super::resolve::{network_named, network_rows};

const VERSION: &str = env!("CARGO_PKG_VERSION");

/// A member list to read, and whose it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterArg {
    /// The network as typed; `None`: the one the file's name says (`eurocities.csv`).
    pub network: Option<String>,
    pub file: PathBuf,
}

/// `--roster`'s value: `NETWORK=FILE`, split at the first `=` (a network's name has
/// none; a file's path may).
pub fn roster_arg(typed: &str) -> Result<RosterArg, String> {
    match typed.split_once('=') {
        Some((network, file)) if !network.trim().is_empty() && !file.is_empty() => Ok(RosterArg {
            network: Some(network.trim().to_string()),
            file: PathBuf::from(file),
        }),
        _ => Err("expected NETWORK=FILE, like eurocities=members.csv".into()),
    }
}

/// Whether a `--data` or `validate` file is a member list rather than a RON file.
pub fn is_table(path: &Path) -> bool {
    TableFormat::of_path(path).is_some()
}

/// Whether `validate` reads `path` as a member list: by its extension, or when given a
/// network to read it as and it is not RON (`/dev/stdin`, `members.txt`).
pub fn validates_as_table(path: &Path, network: Option<&str>) -> bool {
    let ron = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ron"));
    is_table(path) || (network.is_some() && !ron)
}

/// A member list read into the dataset.
pub struct Read {
    pub name: String,
    pub text: String,
    pub table: Table,
    pub network: usize,
}

/// A dataset made of a base and the member lists read onto it, with what it was read
/// from, to find its problems in.
pub struct Assembled {
    pub dataset: Dataset,
    /// The base's file and text; `None`: the embedded dataset.
    pub base: Option<(String, String)>,
    pub tables: Vec<Read>,
}

impl Assembled {
    /// Where each problem is, one a line as `file:line:col: problem`.
    pub fn problem_lines(&self, problems: &[Problem]) -> Vec<String> {
        let files: Vec<SourceFile> = match &self.base {
            Some((name, text)) => vec![SourceFile {
                name,
                text,
                holds: Vec::new(),
            }],
            None => embedded_files(&self.dataset, None),
        };
        let tables: Vec<TableFile> = self
            .tables
            .iter()
            .map(|t| TableFile {
                name: &t.name,
                text: &t.text,
                table: &t.table,
                network: t.network,
            })
            .collect();
        problems
            .iter()
            .zip(table::locate(problems, &files, &tables))
            .map(|(p, at)| safe(&format!("{at}: {p}")).into_owned())
            .collect()
    }

    /// The command that lists every problem: `validate` of the list the first one is in,
    /// or of the last list, whose reading may have caused a problem elsewhere.
    pub fn lists(&self, problems: &[Problem]) -> String {
        let held = problems
            .iter()
            .find_map(|p| {
                self.tables
                    .iter()
                    .rev()
                    .find(|t| p.path.starts_with(&table::roster_path(t.network)))
            })
            .or(self.tables.last());
        let Some(t) = held else {
            let base = self.base.as_ref().map(|(name, _)| name.as_str());
            return match base {
                Some(name) => format!("citynet validate {}", safe(name)),
                None => "citynet validate".into(),
            };
        };
        let id = self
            .dataset
            .networks
            .get(t.network)
            .map_or("", |n| n.id.as_str());
        // The list is checked on the same base: `--data` when that is a RON file.
        let data = self.base.as_ref().map_or_else(String::new, |(name, _)| {
            format!("--data {} ", crate::export::shell_quote(name))
        });
        safe(&format!(
            "citynet {data}validate {} --network {id}",
            crate::export::shell_quote(&t.name)
        ))
        .into_owned()
    }

    /// The files named in messages: the member lists'.
    pub fn name(&self) -> String {
        let names: Vec<&str> = self.tables.iter().map(|t| t.name.as_str()).collect();
        names.join(", ")
    }
}

/// How a message says to name the network when a file's name does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    /// `--data F.csv`: `--roster NETWORK=F.csv`.
    Roster,
    /// `validate` and `import`: `--network NETWORK`.
    Network,
}

/// The network a member list is read as: the one typed, or the one its file's name says.
fn network_of(data: &Dataset, r: &RosterArg, hint: Hint) -> Result<usize, Failure> {
    if let Some(typed) = &r.network {
        return network_named(data, typed);
    }
    let stem = r
        .file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let near = match lookup::network(&data.networks, &stem) {
        Lookup::Found(i) => return Ok(i),
        Lookup::Ambiguous(c) | Lookup::Unknown(c) => c,
    };
    let file = safe(&r.file.display().to_string()).into_owned();
    let how = match hint {
        Hint::Roster => format!("--roster NETWORK={file}"),
        Hint::Network => "--network NETWORK".to_string(),
    };
    let closest = if near.is_empty() {
        "; `citynet list` shows the networks".to_string()
    } else {
        format!(". The closest networks:{}", network_rows(data, &near))
    };
    Err(Failure::Usage(format!(
        "{file} is a member list, and its name (“{}”) names no network: say whose list it is with `{how}`{closest}",
        safe(&stem)
    )))
}

/// The format of a member list: its extension's, else a tab in its header says TSV.
fn format_of(path: &Path, text: &str) -> TableFormat {
    TableFormat::of_path(path).unwrap_or_else(|| {
        let header = without_bom(text).lines().next().unwrap_or("");
        if header.contains('\t') {
            TableFormat::Tsv
        } else {
            TableFormat::Csv
        }
    })
}

/// Reads the member list `r` into `dataset` as its network's roster.
fn attach(dataset: &mut Dataset, r: &RosterArg, text: String, hint: Hint) -> Result<Read, Failure> {
    let network = network_of(dataset, r, hint)?;
    let name = r.file.display().to_string();
    let file_name = r
        .file
        .file_name()
        .map_or_else(|| name.clone(), |f| f.to_string_lossy().into_owned());
    let format = format_of(&r.file, &text);
    // A tab in the quoted line would be shown escaped (`\u{9}`): a space keeps the
    // columns where they are and reads as the gap between cells it is.
    let table = table::attach(dataset, network, &name, &file_name, &text, format)
        .map_err(|e| load_failure(&e, Some(&without_bom(&text).replace('\t', " "))))?;
    Ok(Read {
        name,
        text,
        table,
        network,
    })
}

/// The base dataset (`base`, a RON file, or the embedded one) with the member lists read
/// onto it, in order (a later list of one network replaces an earlier), unchecked.
pub fn assemble(
    base: Option<&Path>,
    rosters: &[RosterArg],
    max_bytes: u64,
    hint: Hint,
    progress: &Progress,
) -> Result<Assembled, Failure> {
    progress.set_stage(Stage::Reading);
    let (mut dataset, base) = match base {
        None => (
            crate::embedded::embedded().map_err(|e| load_failure(&e, None))?,
            None,
        ),
        Some(path) => {
            let (d, text) = super::read(path, max_bytes)?;
            (d, Some((path.display().to_string(), text)))
        }
    };
    let mut texts = Vec::with_capacity(rosters.len());
    for r in rosters {
        // Counted as it arrives, for the browser's loading screen.
        let text = read_bytes_telling(&r.file, max_bytes, progress)
            .and_then(|bytes| text_of(&r.file, bytes))
            .map_err(|e| load_failure(&e, None))?;
        texts.push(text);
    }
    progress.set_stage(Stage::Parsing);
    let mut tables = Vec::with_capacity(rosters.len());
    for (r, text) in rosters.iter().zip(texts) {
        tables.push(attach(&mut dataset, r, text, hint)?);
    }
    Ok(Assembled {
        dataset,
        base,
        tables,
    })
}

/// The cache key of the base and the member lists: each file's content, and each list's
/// network as typed (which names one network on one base, and the base is in the key).
/// `None` where a file is not a regular one, and for files too small together to be
/// worth an entry.
fn key_of(base: Option<&Path>, rosters: &[RosterArg], max_bytes: u64) -> Option<Key> {
    // Sized first: a small list, the usual case, costs no hashing at all.
    let mut bytes = 0u64;
    for path in base
        .into_iter()
        .chain(rosters.iter().map(|r| r.file.as_path()))
    {
        let meta = std::fs::metadata(path).ok()?;
        if !meta.is_file() {
            return None;
        }
        bytes = bytes.saturating_add(meta.len());
    }
    if bytes < data_cache::MIN_BYTES as u64 {
        return None;
    }
    let mut key = match base {
        None => crate::embedded::fingerprint(VERSION),
        Some(path) => data_cache::hash_file(path, VERSION, max_bytes)?,
    };
    for r in rosters {
        let k = data_cache::hash_file(&r.file, VERSION, max_bytes)?;
        key = key.joined(&keyed_network(r), &k);
    }
    Some(key)
}

/// [`assemble`], checked: the dataset every command and the browser read when member
/// lists are given. A large one that checks out is cached like a large `--data` file.
///
/// `cache` is the cache directory, and how a copy found there is sifted
/// ([`super::load_sifted`]).
pub fn load(
    base: Option<&Path>,
    rosters: &[RosterArg],
    max_bytes: u64,
    cache: Option<(&Path, Option<Sift>)>,
    progress: &Progress,
) -> Result<Dataset, Failure> {
    // Hashed before reading, as a RON file is: a load that finds its copy reads no file.
    let key = cache.and_then(|(dir, sift)| {
        progress.set_stage(Stage::LookingForCopy);
        Some((dir, sift, key_of(base, rosters, max_bytes)?))
    });
    if let Some((dir, sift, key)) = &key {
        progress.set_stage(Stage::ReadingCopy);
        if let Some(d) = data_cache::read_sifted(dir, key, *sift) {
            return Ok(d);
        }
    }
    let assembled = assemble(base, rosters, max_bytes, Hint::Roster, progress)?;
    progress.set_stage(Stage::Checking);
    let problems = citynet_core::data::validate(&assembled.dataset);
    if problems.is_empty() {
        if let Some((dir, _, _)) = &key {
            let read = read_key(&assembled, rosters);
            // A cache that cannot be written only costs the next load its speed.
            let _ = data_cache::write(dir, &read, &assembled.dataset);
        }
        return Ok(assembled.dataset);
    }
    Err(super::errors::invalid_lines(
        &assembled.name(),
        problems.len(),
        &assembled.problem_lines(&problems),
        &assembled.lists(&problems),
    ))
}

/// The key of what was read, which is what gets cached: a file may have changed since it
/// was hashed.
fn read_key(assembled: &Assembled, rosters: &[RosterArg]) -> Key {
    let mut key = match &assembled.base {
        None => crate::embedded::fingerprint(VERSION),
        Some((_, text)) => Key::of(text.as_bytes(), VERSION),
    };
    for (r, t) in rosters.iter().zip(&assembled.tables) {
        key = key.joined(&keyed_network(r), &Key::of(t.text.as_bytes(), VERSION));
    }
    key
}

/// A list's network as its key holds it: as typed, or the file's name standing for the
/// network it says.
fn keyed_network(r: &RosterArg) -> String {
    match &r.network {
        Some(typed) => format!("={typed}"),
        None => format!(
            "stem:{}",
            r.file.file_stem().unwrap_or_default().to_string_lossy()
        ),
    }
}

/// The RON base a request reads the member lists onto, and every list: `--data F.csv`
/// first (read onto the embedded dataset), then `--roster`'s, then `extra`.
pub fn parts(
    data: Option<&Path>,
    rosters: &[RosterArg],
    extra: Option<RosterArg>,
) -> (Option<PathBuf>, Vec<RosterArg>) {
    let mut all = Vec::with_capacity(rosters.len() + 2);
    let base = match data {
        Some(path) if is_table(path) => {
            all.push(RosterArg {
                network: None,
                file: path.to_path_buf(),
            });
            None
        }
        other => other.map(Path::to_path_buf),
    };
    all.extend(rosters.iter().cloned());
    all.extend(extra);
    (base, all)
}

/// `citynet validate F.csv`: the list read onto the base as `network`'s roster (the one
/// its name says when `None`), and every problem of the whole with its position; exit 1
/// when there is one. A list that cannot be read is a failure at its first mistake.
pub fn validate(
    file: &Path,
    network: Option<&str>,
    base: Option<&Path>,
    rosters: &[RosterArg],
    max_bytes: u64,
) -> Result<(Vec<u8>, std::process::ExitCode), Failure> {
    let (assembled, problems) = checked(file, network, base, rosters, max_bytes)?;
    let mut out = String::new();
    for line in assembled.problem_lines(&problems) {
        out.push_str(&line);
        out.push('\n');
    }
    let shown = safe(&file.display().to_string()).into_owned();
    if problems.is_empty() {
        let (members, id) = read_as(&assembled);
        out.push_str(&format!(
            "{shown}: ok ({} member{} of {})\n",
            citynet_core::data::group_thousands(members as u64),
            if members == 1 { "" } else { "s" },
            safe(&id)
        ));
        return Ok((out.into_bytes(), std::process::ExitCode::SUCCESS));
    }
    out.push_str(&format!(
        "{shown}: {} problem{}\n",
        problems.len(),
        if problems.len() == 1 { "" } else { "s" }
    ));
    Ok((out.into_bytes(), std::process::ExitCode::from(1)))
}

/// `citynet import F.csv`: the dataset with the list read as its network's roster, as
/// RON that `--data` loads, refused as a load refuses it when it has a problem.
pub fn import(
    file: &Path,
    network: Option<&str>,
    base: Option<&Path>,
    rosters: &[RosterArg],
    max_bytes: u64,
    output: Option<&Path>,
) -> Result<Vec<u8>, Failure> {
    let (assembled, problems) = checked(file, network, base, rosters, max_bytes)?;
    if !problems.is_empty() {
        return Err(super::errors::invalid_lines(
            &file.display().to_string(),
            problems.len(),
            &assembled.problem_lines(&problems),
            &assembled.lists(&problems),
        ));
    }
    let ron = super::commands::export(&assembled.dataset, super::ExportFormat::Ron)?;
    let Some(out) = output else {
        return Ok(ron);
    };
    let shown = safe(&out.display().to_string()).into_owned();
    crate::prefs::atomic::write(out, &ron)
        .map_err(|e| Failure::Io(format!("cannot write {shown}: {e}")))?;
    let (members, id) = read_as(&assembled);
    let mut err = std::io::stderr();
    let _ = std::io::Write::write_all(
        &mut err,
        format!(
            "citynet: wrote {shown}: the dataset with {members} member{} of {} from {}\n",
            if members == 1 { "" } else { "s" },
            safe(&id),
            safe(&file.display().to_string())
        )
        .as_bytes(),
    );
    Ok(Vec::new())
}

/// The list `file` read onto the base, and the problems of the whole.
fn checked(
    file: &Path,
    network: Option<&str>,
    base: Option<&Path>,
    rosters: &[RosterArg],
    max_bytes: u64,
) -> Result<(Assembled, Vec<Problem>), Failure> {
    let this = RosterArg {
        network: network.map(str::to_string),
        file: file.to_path_buf(),
    };
    let (base, all) = parts(base, rosters, Some(this));
    let assembled = assemble(
        base.as_deref(),
        &all,
        max_bytes,
        Hint::Network,
        &Progress::default(),
    )?;
    let problems = citynet_core::data::validate(&assembled.dataset);
    Ok((assembled, problems))
}

/// How many members the last list read has, and whose list it is.
fn read_as(assembled: &Assembled) -> (usize, String) {
    let Some(t) = assembled.tables.last() else {
        return (0, String::new());
    };
    let net = assembled.dataset.networks.get(t.network);
    let members = net
        .and_then(|n| n.roster.as_ref())
        .map_or(0, |r| r.members.len());
    (members, net.map_or_else(String::new, |n| n.id.clone()))
}
