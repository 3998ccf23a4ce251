//! Checks that every fact names the sources that state it, and only sources the dataset
//! defines. Kept apart from the other checks in `validate` because it is one rule: a
//! fact without a source is an error, wherever it sits.

use std::collections::HashSet;

use super::model::{Dataset, Figure, Network, Roster, Sourced};
use super::validate::{Problem, is_unsafe};

/// A value from the file spelled safely for a message.
fn shown(s: &str) -> String {
    s.chars()
        .map(|c| {
            if is_unsafe(c) {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

struct Check<'a> {
    known: HashSet<&'a str>,
    problems: Vec<Problem>,
}

impl Check<'_> {
    fn push(&mut self, place: &str, message: String, value: Option<&str>) {
        self.problems.push(Problem {
            place: place.to_string(),
            message,
            value: value.map(str::to_string),
        });
    }

    /// `ids` must be non-empty (when `required`) and every id a defined source.
    fn cites(&mut self, place: &str, what: &str, ids: &[String], value: Option<&str>) {
        if ids.is_empty() {
            self.push(place, format!("{what} cites no source"), value);
        }
        self.known_ids(place, ids);
    }

    fn known_ids(&mut self, place: &str, ids: &[String]) {
        for id in ids {
            if !self.known.contains(id.as_str()) {
                self.push(
                    place,
                    format!("unknown source `{}`", shown(id)),
                    Some(id.as_str()),
                );
            }
        }
    }

    fn sourced_text(&mut self, place: &str, what: &str, values: &[Sourced<String>]) {
        for (i, v) in values.iter().enumerate() {
            let p = format!("{place} › {what}[{i}]");
            if v.value.trim().is_empty() {
                self.push(&p, format!("{what} is empty"), None);
            }
            for text in std::iter::once(&v.value).chain(v.note.iter()) {
                if let Some((i, c)) = text.chars().enumerate().find(|&(_, c)| is_unsafe(c)) {
                    self.push(
                        &p,
                        format!(
                            "{what} has control character {} at character {}",
                            c.escape_unicode(),
                            i + 1
                        ),
                        Some(text.as_str()),
                    );
                }
            }
            self.cites(&p, what, &v.sources, Some(&v.value));
        }
    }

    fn figure(&mut self, place: &str, f: &Figure) {
        // Unknown ids in figures are reported by the general checks; only a missing source
        // is this check's business.
        if f.sources.is_empty() {
            self.push(
                place,
                "figure cites no source".into(),
                Some(&f.value.to_string()),
            );
        }
    }

    fn network(&mut self, n: &Network) {
        let place = format!("network {}", shown(&n.id));
        self.known_ids(&place, &n.name_sources);
        self.known_ids(&place, &n.short_name_sources);
        for (i, y) in n.founded.iter().enumerate() {
            let p = format!("{place} › founded[{i}]");
            self.cites(&p, "founding year", &y.sources, Some(&y.value.to_string()));
            if let Some(note) = &y.note
                && note.chars().any(is_unsafe)
            {
                self.push(&p, "note has a control character".into(), Some(note));
            }
        }
        self.sourced_text(&place, "headquarters", &n.headquarters);
        self.sourced_text(&place, "website", &n.website);
        for (i, w) in n.website.iter().enumerate() {
            if !(w.value.starts_with("https://") || w.value.starts_with("http://")) {
                self.push(
                    &format!("{place} › website[{i}]"),
                    "website must start with https:// or http://".into(),
                    Some(&w.value),
                );
            }
        }
        for (i, f) in n.figures.iter().enumerate() {
            self.figure(&format!("{place} › figures[{i}]"), f);
        }
        for (i, t) in n.targets.iter().enumerate() {
            let p = format!("{place} › targets[{i}]");
            self.cites(&p, "target", &t.sources, Some(&t.goal));
            for f in &t.figures {
                self.figure(&p, f);
            }
        }
        for (i, a) in n.affiliations.iter().enumerate() {
            let p = format!("{place} › affiliations[{i}]");
            self.cites(&p, "affiliation", &a.sources, Some(&a.name));
        }
        if let Some(profile) = &n.profile {
            let p = format!("{place} › profile");
            let stated = profile.stated();
            for (fact, ids) in profile.sources.facts() {
                if stated.contains(&fact) {
                    self.cites(&p, fact, ids, None);
                } else {
                    self.known_ids(&p, ids);
                }
            }
            self.sourced_text(&p, "notes", &profile.notes);
        }
        if let Some(r) = &n.roster {
            self.roster(&n.id, r);
        }
    }

    fn roster(&mut self, network: &str, r: &Roster) {
        let place = format!("roster {}", shown(network));
        if let Some(c) = &r.columns {
            for ids in [&c.country, &c.coordinates, &c.population, &c.since] {
                self.known_ids(&place, ids);
            }
        }
    }
}

/// Every fact without a source, and every source id the dataset does not define.
pub fn check(d: &Dataset) -> Vec<Problem> {
    let mut c = Check {
        known: d.sources.iter().map(|s| s.id.as_str()).collect(),
        problems: Vec::new(),
    };
    for n in &d.networks {
        c.network(n);
    }
    c.problems
}

/// One fact and a source that states it: `("c40", "founded 2005")` credited to `source`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    pub source: String,
    pub network: String,
    pub fact: String,
}

/// Every (source, fact) pair in the dataset, in file order: what `citynet sources` lists
/// under each source, so a reader can check a document against what it is credited for.
pub fn citations(d: &Dataset) -> Vec<Citation> {
    let mut out = Vec::new();
    for n in &d.networks {
        let mut cite = |ids: &[String], fact: String| {
            for id in ids {
                out.push(Citation {
                    source: id.clone(),
                    network: n.id.clone(),
                    fact: fact.clone(),
                });
            }
        };
        cite(n.name_cited(), format!("name: {}", n.name));
        if let Some(s) = &n.short_name {
            cite(n.short_name_cited(), format!("short name: {s}"));
        }
        cite(&n.sources, "description (scope, themes, summary)".into());
        for y in &n.founded {
            cite(&y.sources, format!("founded: {}", y.value));
        }
        for h in &n.headquarters {
            cite(&h.sources, format!("headquarters: {}", h.value));
        }
        for w in &n.website {
            cite(&w.sources, format!("website: {}", w.value));
        }
        for f in &n.figures {
            cite(&f.sources, format!("figure: {}", f.phrase()));
        }
        for t in &n.targets {
            cite(&t.sources, format!("target: {} by {}", t.goal, t.by));
            for f in &t.figures {
                cite(&f.sources, format!("target figure: {}", f.phrase()));
            }
        }
        for a in &n.affiliations {
            cite(&a.sources, format!("affiliation: {}", a.name));
        }
        if let Some(p) = &n.profile {
            for (fact, ids) in p.sources.facts() {
                cite(ids, format!("profile: {}", fact.replace('_', " ")));
            }
            for note in &p.notes {
                cite(&note.sources, "profile: note".into());
            }
        }
        if let Some(r) = &n.roster {
            for (column, ids) in r.column_sources() {
                cite(ids, format!("roster: {column}"));
            }
        }
    }
    out
}
