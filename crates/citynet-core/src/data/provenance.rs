//! Checks that every fact names the sources that state it, and only sources the dataset
//! defines. Kept apart from the other checks in `validate` because it is one rule: a
//! fact without a source is an error, wherever it sits.

use std::collections::HashSet;

use super::model::{Dataset, Figure, Network, Roster, Sourced};
use super::spans::Step::{self, Field as F, Index as I};
use super::validate::Problem;
use crate::text::{first_hazard, safe};

fn join(path: &[Step], more: &[Step]) -> Vec<Step> {
    let mut p = path.to_vec();
    p.extend_from_slice(more);
    p
}

struct Check<'a> {
    known: HashSet<&'a str>,
    problems: Vec<Problem>,
}

impl Check<'_> {
    fn push(&mut self, place: &str, message: String, path: Vec<Step>, char_at: Option<usize>) {
        self.problems.push(Problem {
            place: place.to_string(),
            message,
            path,
            char_at,
        });
    }

    /// `ids` must be non-empty and every id a defined source; `at` is the fact's path.
    fn cites(&mut self, place: &str, what: &str, ids: &[String], at: &[Step]) {
        if ids.is_empty() {
            // The fact itself, not its `sources`: a left-out list has no place in the file.
            self.push(place, format!("{what} cites no source"), at.to_vec(), None);
        }
        self.known_ids(place, ids, &join(at, &[F("sources")]));
    }

    /// Every id in the list at `at` is a defined source.
    fn known_ids(&mut self, place: &str, ids: &[String], at: &[Step]) {
        for (i, id) in ids.iter().enumerate() {
            if !self.known.contains(id.as_str()) {
                self.push(
                    place,
                    format!("unknown source `{}`", safe(id)),
                    join(at, &[I(i)]),
                    None,
                );
            }
        }
    }

    fn text(&mut self, place: &str, what: &str, text: &str, at: Vec<Step>) {
        if let Some((i, c, _)) = first_hazard(text) {
            self.push(
                place,
                format!(
                    "{what} has control character {} at character {}",
                    c.escape_unicode(),
                    i + 1
                ),
                at,
                Some(i),
            );
        }
    }

    fn sourced_text(&mut self, place: &str, what: &str, values: &[Sourced<String>], at: &[Step]) {
        for (i, v) in values.iter().enumerate() {
            let p = format!("{place} › {what}[{i}]");
            let here = join(at, &[I(i)]);
            if v.value.trim().is_empty() {
                self.push(
                    &p,
                    format!("{what} is empty"),
                    join(&here, &[F("value")]),
                    None,
                );
            }
            self.text(&p, what, &v.value, join(&here, &[F("value")]));
            if let Some(note) = &v.note {
                self.text(&p, "note", note, join(&here, &[F("note")]));
            }
            self.cites(&p, what, &v.sources, &here);
        }
    }

    fn figure(&mut self, place: &str, f: &Figure, at: &[Step]) {
        // Unknown ids in figures are reported by the general checks; only a missing source
        // is this check's business.
        if f.sources.is_empty() {
            self.push(
                place,
                "figure cites no source".into(),
                join(at, &[F("value")]),
                None,
            );
        }
    }

    fn network(&mut self, n: &Network, at: &[Step]) {
        let place = format!("network {}", safe(&n.id));
        self.known_ids(&place, &n.name_sources, &join(at, &[F("name_sources")]));
        self.known_ids(
            &place,
            &n.short_name_sources,
            &join(at, &[F("short_name_sources")]),
        );
        for (i, y) in n.founded.iter().enumerate() {
            let p = format!("{place} › founded[{i}]");
            let here = join(at, &[F("founded"), I(i)]);
            self.cites(&p, "founding year", &y.sources, &here);
            if let Some(note) = &y.note {
                self.text(&p, "note", note, join(&here, &[F("note")]));
            }
        }
        self.sourced_text(
            &place,
            "headquarters",
            &n.headquarters,
            &join(at, &[F("headquarters")]),
        );
        self.sourced_text(&place, "website", &n.website, &join(at, &[F("website")]));
        for (i, w) in n.website.iter().enumerate() {
            if !(w.value.starts_with("https://") || w.value.starts_with("http://")) {
                self.push(
                    &format!("{place} › website[{i}]"),
                    "website must start with https:// or http://".into(),
                    join(at, &[F("website"), I(i), F("value")]),
                    None,
                );
            }
        }
        for (i, f) in n.figures.iter().enumerate() {
            self.figure(
                &format!("{place} › figures[{i}]"),
                f,
                &join(at, &[F("figures"), I(i)]),
            );
        }
        for (i, t) in n.targets.iter().enumerate() {
            let p = format!("{place} › targets[{i}]");
            let here = join(at, &[F("targets"), I(i)]);
            self.cites(&p, "target", &t.sources, &here);
            for (j, f) in t.figures.iter().enumerate() {
                self.figure(&p, f, &join(&here, &[F("figures"), I(j)]));
            }
        }
        for (i, a) in n.affiliations.iter().enumerate() {
            let p = format!("{place} › affiliations[{i}]");
            self.cites(
                &p,
                "affiliation",
                &a.sources,
                &join(at, &[F("affiliations"), I(i)]),
            );
        }
        if let Some(profile) = &n.profile {
            let p = format!("{place} › profile");
            let here = join(at, &[F("profile")]);
            let stated = profile.stated();
            for (fact, ids) in profile.sources.facts() {
                let list = join(&here, &[F("sources"), F(fact)]);
                if stated.contains(&fact) && ids.is_empty() {
                    self.push(
                        &p,
                        format!("{fact} cites no source"),
                        join(&here, &[F(fact)]),
                        None,
                    );
                }
                self.known_ids(&p, ids, &list);
            }
            self.sourced_text(&p, "notes", &profile.notes, &join(&here, &[F("notes")]));
        }
        if let Some(r) = &n.roster {
            self.roster(&n.id, r, &join(at, &[F("roster")]));
        }
    }

    fn roster(&mut self, network: &str, r: &Roster, at: &[Step]) {
        let place = format!("roster {}", safe(network));
        if let Some(c) = &r.columns {
            for (name, ids) in [
                ("country", &c.country),
                ("coordinates", &c.coordinates),
                ("population", &c.population),
                ("since", &c.since),
            ] {
                self.known_ids(&place, ids, &join(at, &[F("columns"), F(name)]));
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
    for (k, n) in d.networks.iter().enumerate() {
        c.network(n, &[F("networks"), I(k)]);
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
