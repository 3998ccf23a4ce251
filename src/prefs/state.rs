//! The state files' formats, and the changes made to them.
//!
//! Each file is TOML a person can read and edit, with a `version`. A file of an older
//! version is read and migrated (and written in the new form on the next change); one of
//! a newer version is left as it is. The app changes its state only through [`Op`]s, which
//! apply as well to what is in memory as to what another citynet has written since: the
//! store applies them to the file as it is on disk, under the lock, so nothing is lost.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::pos::FileError;
use super::time;

/// The most queries kept per context; the oldest go first.
pub const HISTORY_SIZE: usize = 500;
/// The most places whose visits are counted; the least recent go first.
pub const VISITS_SIZE: usize = 1000;

/// Which state file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum File {
    History,
    Pins,
    Views,
}

impl File {
    pub const ALL: [File; 3] = [File::History, File::Pins, File::Views];

    pub fn name(self) -> &'static str {
        match self {
            File::History => "history.toml",
            File::Pins => "pins.toml",
            File::Views => "views.toml",
        }
    }

    /// The format version this citynet writes.
    pub fn version(self) -> u32 {
        match self {
            File::History | File::Views => 1,
            File::Pins => 2,
        }
    }

    /// What the file is, for messages: "pins".
    pub fn what(self) -> &'static str {
        match self {
            File::History => "history",
            File::Pins => "pins",
            File::Views => "saved views",
        }
    }

    fn header(self) -> &'static str {
        match self {
            File::History => {
                "# citynet's history: the queries typed per prompt (oldest first) and the places\n\
                 # jumped to, counted for ranking. Written by citynet; safe to edit or delete.\n"
            }
            File::Pins => {
                "# citynet's pins: the cities and networks pinned with `p`.\n\
                 # Written by citynet; safe to edit or delete.\n"
            }
            File::Views => {
                "# citynet's saved views, opened with `v` or `citynet --view NAME`.\n\
                 # Written by citynet; safe to edit or delete.\n"
            }
        }
    }
}

/// A visit to a jump destination, counted for ranking (frecency).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Visit {
    /// `network:<id>`, `city:<name>/<country>`, `country:<code>`, `theme:<name>`.
    pub to: String,
    pub count: u32,
    /// When last visited (`2026-12-02T15:46:00Z`).
    pub last: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct History {
    #[serde(default)]
    pub version: u32,
    /// Per prompt (`networks`, `members`, `jump`), oldest first.
    #[serde(default)]
    pub queries: BTreeMap<String, Vec<String>>,
    #[serde(default, rename = "visit", skip_serializing_if = "Vec::is_empty")]
    pub visits: Vec<Visit>,
}

impl History {
    /// The queries kept for prompt `context`, oldest first.
    pub fn queries(&self, context: &str) -> &[String] {
        self.queries.get(context).map_or(&[], Vec::as_slice)
    }
}

/// A pinned city or network.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pin {
    /// A city's name, as citynet shows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// The city's country (ISO code).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// The city's GeoNames id, where its rows were matched to one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geonames: Option<u32>,
    /// A network's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network: Option<String>,
    /// When it was pinned (`2026-12-02T15:46:00Z`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pinned: Option<String>,
}

/// What a pin is of: two pins of one thing are one pin.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum PinKey {
    City { name: String, country: String },
    Network(String),
}

impl Pin {
    pub fn city(name: &str, country: &str, geonames: Option<u32>) -> Pin {
        Pin {
            city: Some(name.to_string()),
            country: Some(country.to_string()),
            geonames,
            pinned: Some(time::format(time::now())),
            ..Pin::default()
        }
    }

    pub fn network(id: &str) -> Pin {
        Pin {
            network: Some(id.to_string()),
            pinned: Some(time::format(time::now())),
            ..Pin::default()
        }
    }

    pub fn key(&self) -> PinKey {
        match (&self.network, &self.city) {
            (Some(id), _) => PinKey::Network(id.clone()),
            (None, name) => PinKey::City {
                name: name.clone().unwrap_or_default(),
                country: self.country.clone().unwrap_or_default().to_uppercase(),
            },
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pins {
    #[serde(default)]
    pub version: u32,
    #[serde(default, rename = "pin", skip_serializing_if = "Vec::is_empty")]
    pub pins: Vec<Pin>,
}

impl Pins {
    pub fn contains(&self, key: &PinKey) -> bool {
        self.pins.iter().any(|p| p.key() == *key)
    }
}

/// Version 1 of the pins file: cities only, with no date.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PinsV1 {
    #[allow(dead_code)]
    version: u32,
    #[serde(default, rename = "pin")]
    pins: Vec<PinV1>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PinV1 {
    name: String,
    country: String,
}

/// A named view: what the member table showed, to open again.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct View {
    pub name: String,
    /// The network's id.
    pub network: String,
    /// The tiers shown, by id; empty for every tier.
    #[serde(default)]
    pub tiers: Vec<String>,
    /// The member table's filter line.
    #[serde(default)]
    pub query: String,
    /// `city`, `country`, `tier`, `population` or `relevance`.
    #[serde(default)]
    pub sort: String,
    #[serde(default)]
    pub descending: bool,
    /// What sits beside the table: `none`, `map` or `countries`.
    #[serde(default)]
    pub side: String,
    /// When it was saved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub saved: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Views {
    #[serde(default)]
    pub version: u32,
    #[serde(default, rename = "view", skip_serializing_if = "Vec::is_empty")]
    pub views: Vec<View>,
}

impl Views {
    pub fn get(&self, name: &str) -> Option<&View> {
        self.views.iter().find(|v| v.name == name)
    }
}

/// Everything kept between runs.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Saved {
    pub history: History,
    pub pins: Pins,
    pub views: Views,
}

/// One change to the state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    /// A query typed into prompt `context` and kept.
    Query {
        context: String,
        text: String,
    },
    /// A jump destination visited at `at` (seconds since 1970).
    Visit {
        to: String,
        at: u64,
    },
    /// Pin this, or leave it pinned.
    Pin(Pin),
    Unpin(PinKey),
    /// Save a view under its name, replacing one of that name.
    SaveView(View),
    DeleteView(String),
}

impl Op {
    pub fn file(&self) -> File {
        match self {
            Op::Query { .. } | Op::Visit { .. } => File::History,
            Op::Pin(_) | Op::Unpin(_) => File::Pins,
            Op::SaveView(_) | Op::DeleteView(_) => File::Views,
        }
    }
}

impl Saved {
    /// Applies `op`. Applying an op twice is applying it once (but for a visit's count),
    /// so a change that reaches the disk and memory both is still one change.
    pub fn apply(&mut self, op: &Op) {
        match op {
            Op::Query { context, text } => {
                let list = self.history.queries.entry(context.clone()).or_default();
                list.retain(|q| q != text);
                list.push(text.clone());
                let over = list.len().saturating_sub(HISTORY_SIZE);
                list.drain(..over);
            }
            Op::Visit { to, at } => {
                let visits = &mut self.history.visits;
                let when = time::format(*at);
                match visits.iter_mut().find(|v| v.to == *to) {
                    Some(v) => {
                        v.count = v.count.saturating_add(1);
                        if when > v.last {
                            v.last = when;
                        }
                    }
                    None => visits.push(Visit {
                        to: to.clone(),
                        count: 1,
                        last: when,
                    }),
                }
                if visits.len() > VISITS_SIZE {
                    visits.sort_by(|a, b| b.last.cmp(&a.last));
                    visits.truncate(VISITS_SIZE);
                }
            }
            Op::Pin(pin) => {
                if !self.pins.contains(&pin.key()) {
                    self.pins.pins.push(pin.clone());
                }
            }
            Op::Unpin(key) => self.pins.pins.retain(|p| p.key() != *key),
            Op::SaveView(view) => match self.views.views.iter_mut().find(|v| v.name == view.name) {
                Some(v) => *v = view.clone(),
                None => self.views.views.push(view.clone()),
            },
            Op::DeleteView(name) => self.views.views.retain(|v| v.name != *name),
        }
    }
}

/// How a state file read.
#[derive(Debug)]
pub enum Read<T> {
    /// Its contents, migrated to this version where it was older.
    Ok(T),
    /// Not what it should be, where.
    Corrupt(FileError),
    /// Written by a newer citynet, in a version this one does not know.
    Newer(u32),
}

/// Only the version, whatever else the file holds.
#[derive(Deserialize)]
struct Version {
    #[serde(default)]
    version: Option<i64>,
}

/// Reads the version of `text`: a file without one (written by hand) is taken to be of
/// the current version.
fn version_of(path: &Path, text: &str, current: u32) -> Result<u32, FileError> {
    let v: Version = toml::from_str(text).map_err(|e| FileError::from_toml(path, text, &e))?;
    match v.version {
        None => Ok(current),
        Some(n) => u32::try_from(n)
            .ok()
            .filter(|&n| n >= 1)
            .ok_or_else(|| FileError::new(path, None, format!("version {n} is not a version"))),
    }
}

fn parse<T: serde::de::DeserializeOwned>(path: &Path, text: &str) -> Result<T, FileError> {
    toml::from_str(text).map_err(|e| FileError::from_toml(path, text, &e))
}

pub fn read_history(path: &Path, text: &str) -> Read<History> {
    let current = File::History.version();
    match version_of(path, text, current) {
        Err(e) => Read::Corrupt(e),
        Ok(v) if v > current => Read::Newer(v),
        Ok(_) => match parse::<History>(path, text) {
            Ok(mut h) => {
                h.version = current;
                Read::Ok(h)
            }
            Err(e) => Read::Corrupt(e),
        },
    }
}

pub fn read_pins(path: &Path, text: &str) -> Read<Pins> {
    let current = File::Pins.version();
    match version_of(path, text, current) {
        Err(e) => Read::Corrupt(e),
        Ok(v) if v > current => Read::Newer(v),
        // Version 1 pinned cities by `name` and `country`, with no date.
        Ok(1) => match parse::<PinsV1>(path, text) {
            Ok(old) => Read::Ok(Pins {
                version: current,
                pins: old
                    .pins
                    .into_iter()
                    .map(|p| Pin {
                        city: Some(p.name),
                        country: Some(p.country),
                        ..Pin::default()
                    })
                    .collect(),
            }),
            Err(e) => Read::Corrupt(e),
        },
        Ok(_) => match parse::<Pins>(path, text) {
            Ok(mut p) => {
                p.version = current;
                Read::Ok(p)
            }
            Err(e) => Read::Corrupt(e),
        },
    }
}

pub fn read_views(path: &Path, text: &str) -> Read<Views> {
    let current = File::Views.version();
    match version_of(path, text, current) {
        Err(e) => Read::Corrupt(e),
        Ok(v) if v > current => Read::Newer(v),
        Ok(_) => match parse::<Views>(path, text) {
            Ok(mut v) => {
                v.version = current;
                Read::Ok(v)
            }
            Err(e) => Read::Corrupt(e),
        },
    }
}

/// The text of state file `file` from `saved`, in the current version.
pub fn text(file: File, saved: &Saved) -> Result<String, toml::ser::Error> {
    let body = match file {
        File::History => {
            let mut h = saved.history.clone();
            h.version = file.version();
            toml::to_string(&h)?
        }
        File::Pins => {
            let mut p = saved.pins.clone();
            p.version = file.version();
            toml::to_string(&p)?
        }
        File::Views => {
            let mut v = saved.views.clone();
            v.version = file.version();
            toml::to_string(&v)?
        }
    };
    Ok(format!("{}\n{body}", file.header()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> &'static Path {
        Path::new("pins.toml")
    }

    #[test]
    fn pins_of_version_1_are_migrated() {
        let old = "version = 1\n[[pin]]\nname = \"Milan\"\ncountry = \"IT\"\n";
        let Read::Ok(pins) = read_pins(p(), old) else {
            panic!("not read")
        };
        assert_eq!(pins.version, 2);
        assert_eq!(
            pins.pins[0].key(),
            PinKey::City {
                name: "Milan".into(),
                country: "IT".into()
            }
        );
        // Written again, it is version 2 and reads back the same.
        let saved = Saved {
            pins,
            ..Saved::default()
        };
        let again = text(File::Pins, &saved).unwrap();
        assert!(again.contains("version = 2"), "{again}");
        assert!(again.contains("city = \"Milan\""), "{again}");
        let Read::Ok(back) = read_pins(p(), &again) else {
            panic!("not read back")
        };
        assert_eq!(back, saved.pins);
    }

    #[test]
    fn a_newer_version_is_not_read_as_ours() {
        assert!(matches!(read_pins(p(), "version = 3\n"), Read::Newer(3)));
        assert!(matches!(
            read_history(p(), "version = 9\n[x]\n"),
            Read::Newer(9)
        ));
    }

    #[test]
    fn corrupt_files_say_where() {
        let Read::Corrupt(e) = read_views(p(), "version = 1\n[[view]]\nname = 3\n") else {
            panic!("read")
        };
        assert_eq!(e.pos.map(|p| p.line), Some(3), "{e}");
        let Read::Corrupt(e) = read_history(p(), "version = 1\nnot toml\n") else {
            panic!("read")
        };
        assert_eq!(e.pos.map(|p| p.line), Some(2), "{e}");
    }

    #[test]
    fn history_keeps_each_query_once_newest_last() {
        let mut s = Saved::default();
        for q in ["a", "b", "a"] {
            s.apply(&Op::Query {
                context: "jump".into(),
                text: q.into(),
            });
        }
        assert_eq!(s.history.queries("jump"), ["b", "a"]);
        assert!(s.history.queries("members").is_empty());
    }

    #[test]
    fn history_is_bounded() {
        let mut s = Saved::default();
        for i in 0..HISTORY_SIZE + 10 {
            s.apply(&Op::Query {
                context: "jump".into(),
                text: i.to_string(),
            });
        }
        let q = s.history.queries("jump");
        assert_eq!(q.len(), HISTORY_SIZE);
        assert_eq!(q[0], "10");
    }

    #[test]
    fn visits_count_and_keep_the_latest_time() {
        let mut s = Saved::default();
        s.apply(&Op::Visit {
            to: "network:c40".into(),
            at: 2000,
        });
        s.apply(&Op::Visit {
            to: "network:c40".into(),
            at: 1000,
        });
        assert_eq!(s.history.visits[0].count, 2);
        assert_eq!(s.history.visits[0].last, time::format(2000));
    }

    #[test]
    fn pins_and_views_are_idempotent() {
        let mut s = Saved::default();
        let pin = Pin::network("c40");
        s.apply(&Op::Pin(pin.clone()));
        s.apply(&Op::Pin(pin.clone()));
        assert_eq!(s.pins.pins.len(), 1);
        s.apply(&Op::Unpin(pin.key()));
        assert!(s.pins.pins.is_empty());
        let v = View {
            name: "monday".into(),
            network: "eurocities".into(),
            ..View::default()
        };
        s.apply(&Op::SaveView(v.clone()));
        s.apply(&Op::SaveView(View {
            query: "de".into(),
            ..v
        }));
        assert_eq!(s.views.views.len(), 1);
        assert_eq!(s.views.views[0].query, "de");
    }
}
