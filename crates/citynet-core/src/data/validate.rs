//! Checks a parsed dataset for everything the type system cannot: dangling references,
//! duplicates, codes that do not exist, coordinates in the wrong country, numbers out of
//! any plausible range, text that could take over a terminal. It reports every problem,
//! not just the first, each with the path of the value at fault, which `spans` turns into
//! a line and column of the file.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::ops::RangeInclusive;

use rayon::prelude::*;

use super::countries;
use super::geo;
use super::model::{Completeness, Dataset, Figure, Measure, Member, Network, Roster};
use super::spans::Step;
use crate::text::{first_hazard, safe};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where in the dataset: `network c40 › figures[0]`, `roster eurocities › member "Łódź"`.
    pub place: String,
    pub message: String,
    /// The value at fault, by its path from the dataset's root (empty: the dataset itself).
    pub path: Vec<Step>,
    /// The character of a text value at fault (0-based, in the value's characters).
    pub char_at: Option<usize>,
}

impl Problem {
    fn new(place: impl Into<String>, message: impl Into<String>, path: Vec<Step>) -> Self {
        Problem {
            place: place.into(),
            message: message.into(),
            path,
            char_at: None,
        }
    }

    /// The path as `networks[3].roster.members[7].tier`, for messages and tests.
    pub fn path_text(&self) -> String {
        let s: String = self.path.iter().map(ToString::to_string).collect();
        s.strip_prefix('.').map_or(s.clone(), str::to_string)
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place, self.message)
    }
}

/// A lowercase slug: letters, digits, single hyphens inside.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
}

/// The bounds every number in a file must keep. Nothing in the dataset comes near them;
/// they are there so that no figure a file states can be absurd (`18446744073709551615`
/// members), and so that nothing reading the data need guard against one.
pub mod bounds {
    use std::ops::RangeInclusive;

    /// A year a network was founded, a member joined or a figure refers to.
    pub const YEARS: RangeInclusive<u64> = 1800..=2100;
    /// A year a target is set for.
    pub const TARGET_YEARS: RangeInclusive<u64> = 1900..=2200;
    /// People: a population, participants, a membership rule's threshold. The world holds
    /// about 8.2 billion.
    pub const PEOPLE: RangeInclusive<u64> = 1..=10_000_000_000;
    /// Members of a network, cities, or anything else counted.
    pub const MEMBERS: RangeInclusive<u64> = 0..=10_000_000;
    /// Countries: there are 250 codes.
    pub const COUNTRIES: RangeInclusive<u64> = 0..=250;
    /// A share, in percent.
    pub const PERCENT: RangeInclusive<u64> = 0..=100;
    /// Forums, working groups, projects, seats.
    pub const BODIES: RangeInclusive<u64> = 0..=100_000;
    /// Meetings a year.
    pub const MEETINGS: RangeInclusive<u64> = 0..=366;
    /// Tiers in one roster: the roster index keeps a member's tier in a byte.
    pub const TIERS: usize = 256;
    /// Members in one roster: the roster index numbers them with 32 bits, and a file the
    /// size limit allows holds a few million at most.
    pub const ROSTER_MEMBERS: usize = 10_000_000;
}

/// The first character that must never reach a terminal raw (`text::first_hazard`), with
/// its char index.
pub fn unsafe_char(s: &str) -> Option<(usize, char)> {
    first_hazard(s).map(|(i, c, _)| (i, c))
}

fn shown(s: &str) -> String {
    safe(s).into_owned()
}

/// `path` with more steps.
fn join(path: &[Step], more: &[Step]) -> Vec<Step> {
    let mut p = Vec::with_capacity(path.len() + more.len());
    p.extend_from_slice(path);
    p.extend_from_slice(more);
    p
}

use Step::{Field as F, Index as I};

struct Checker {
    problems: Vec<Problem>,
    sources: HashSet<String>,
}

impl Checker {
    fn push(&mut self, place: &str, message: impl Into<String>, path: Vec<Step>) {
        self.problems.push(Problem::new(place, message, path));
    }

    /// Text at `path`: no character that could drive or confuse a terminal.
    fn text(&mut self, place: &str, field: &str, s: &str, path: Vec<Step>) {
        if let Some((i, c, hazard)) = first_hazard(s) {
            let mut p = Problem::new(
                place,
                format!(
                    "{field} has {} {} at character {}",
                    hazard.noun(),
                    c.escape_unicode(),
                    i + 1
                ),
                path,
            );
            p.char_at = Some(i);
            self.problems.push(p);
        }
    }

    fn required(&mut self, place: &str, field: &str, s: &str, path: Vec<Step>) {
        if s.trim().is_empty() {
            self.push(place, format!("{field} is empty"), path.clone());
        }
        self.text(place, field, s, path);
    }

    /// A number at `path` inside `range`.
    fn number(
        &mut self,
        place: &str,
        field: &str,
        n: u64,
        range: RangeInclusive<u64>,
        path: Vec<Step>,
    ) {
        if !range.contains(&n) {
            self.push(
                place,
                format!(
                    "{field} is {n}, outside the plausible range {}..={}",
                    range.start(),
                    range.end()
                ),
                path,
            );
        }
    }

    fn year(&mut self, place: &str, field: &str, y: Option<u16>, path: Vec<Step>) {
        if let Some(y) = y {
            self.number(place, field, u64::from(y), bounds::YEARS, path);
        }
    }

    fn source_refs(&mut self, place: &str, ids: &[String], path: &[Step]) {
        for (i, id) in ids.iter().enumerate() {
            if !self.sources.contains(id) {
                let known: Vec<&str> = self.sources.iter().map(String::as_str).collect();
                self.push(
                    place,
                    format!(
                        "unknown source `{}` (known: {})",
                        shown(id),
                        shown(&sorted_list(&known))
                    ),
                    join(path, &[F("sources"), I(i)]),
                );
            }
        }
    }

    fn figure(&mut self, place: &str, f: &Figure, path: &[Step]) {
        self.text(place, "of", &f.of, join(path, &[F("of")]));
        self.source_refs(place, &f.sources, path);
        let range = match f.measure {
            Measure::Share => bounds::PERCENT,
            Measure::Countries => bounds::COUNTRIES,
            Measure::Members | Measure::Cities | Measure::Count => bounds::MEMBERS,
            Measure::Population | Measure::Participants => 0..=*bounds::PEOPLE.end(),
        };
        self.number(place, "value", f.value, range, join(path, &[F("value")]));
        self.year(place, "year", f.year, join(path, &[F("year")]));
    }

    fn network(&mut self, n: &Network, path: &[Step]) {
        let place = format!("network {}", shown(&n.id));
        if !is_slug(&n.id) {
            self.push(
                &place,
                "id must be a lowercase slug (a-z, 0-9, single hyphens)",
                join(path, &[F("id")]),
            );
        }
        self.required(&place, "name", &n.name, join(path, &[F("name")]));
        if let Some(s) = &n.short_name {
            self.required(&place, "short_name", s, join(path, &[F("short_name")]));
        }
        self.required(&place, "summary", &n.summary, join(path, &[F("summary")]));
        // Headquarters and websites are checked with their sources (`provenance`).
        if let Some(v) = &n.members_are {
            self.required(&place, "members_are", v, join(path, &[F("members_are")]));
        }
        if let crate::data::model::Scope::Regional(r) = &n.scope {
            self.required(&place, "scope", r, join(path, &[F("scope")]));
        }
        for (i, y) in n.founded.iter().enumerate() {
            let at = join(path, &[F("founded"), I(i), F("value")]);
            self.year(&place, "founded", Some(y.value), at);
        }
        if n.themes.is_empty() {
            self.push(
                &place,
                "has no themes; give at least one",
                join(path, &[F("themes")]),
            );
        }
        let mut seen = HashSet::new();
        for (i, t) in n.themes.iter().enumerate() {
            if !seen.insert(*t) {
                self.push(
                    &place,
                    format!("theme `{t}` is listed twice"),
                    join(path, &[F("themes"), I(i)]),
                );
            }
        }
        if n.sources.is_empty() {
            self.push(&place, "cites no source", join(path, &[F("sources")]));
        }
        self.source_refs(&place, &n.sources, path);
        for (i, f) in n.figures.iter().enumerate() {
            self.figure(
                &format!("{place} › figures[{i}]"),
                f,
                &join(path, &[F("figures"), I(i)]),
            );
        }
        for (i, t) in n.targets.iter().enumerate() {
            let p = format!("{place} › targets[{i}]");
            let at = join(path, &[F("targets"), I(i)]);
            self.required(&p, "goal", &t.goal, join(&at, &[F("goal")]));
            self.number(
                &p,
                "by",
                u64::from(t.by),
                bounds::TARGET_YEARS,
                join(&at, &[F("by")]),
            );
            for (j, f) in t.figures.iter().enumerate() {
                self.figure(&p, f, &join(&at, &[F("figures"), I(j)]));
            }
        }
        for (i, a) in n.affiliations.iter().enumerate() {
            let p = format!("{place} › affiliations[{i}]");
            let at = join(path, &[F("affiliations"), I(i)]);
            self.required(&p, "name", &a.name, join(&at, &[F("name")]));
            self.required(&p, "role", &a.role, join(&at, &[F("role")]));
        }
        if let Some(profile) = &n.profile {
            self.profile(&place, n, profile, &join(path, &[F("profile")]));
        }
        if let Some(roster) = &n.roster {
            self.roster(&n.id, roster, &join(path, &[F("roster")]));
        }
    }

    fn profile(
        &mut self,
        place: &str,
        n: &Network,
        profile: &crate::data::model::Profile,
        at: &[Step],
    ) {
        let p = format!("{place} › profile");
        let mut texts: Vec<(Vec<Step>, &String)> = Vec::new();
        for (i, s) in profile.founding_members.iter().enumerate() {
            texts.push((join(at, &[F("founding_members"), I(i)]), s));
        }
        if let Some(s) = &profile.secretariat {
            texts.push((join(at, &[F("secretariat")]), s));
        }
        for (i, s) in profile.thematic_areas.iter().enumerate() {
            texts.push((join(at, &[F("thematic_areas"), I(i)]), s));
        }
        if let Some(s) = &profile.projects_note {
            texts.push((join(at, &[F("projects_note")]), s));
        }
        for (i, l) in profile.leaders.iter().enumerate() {
            texts.push((join(at, &[F("leaders"), I(i), F("role")]), &l.role));
            texts.push((join(at, &[F("leaders"), I(i), F("name")]), &l.name));
        }
        for (i, a) in profile.activities.iter().enumerate() {
            texts.push((join(at, &[F("activities"), I(i), F("name")]), &a.name));
            texts.push((join(at, &[F("activities"), I(i), F("what")]), &a.what));
        }
        for (i, b) in profile.governance.iter().enumerate() {
            let body = join(at, &[F("governance"), I(i)]);
            texts.push((join(&body, &[F("name")]), &b.name));
            texts.push((join(&body, &[F("role")]), &b.role));
            if let Some(c) = &b.composition {
                texts.push((join(&body, &[F("composition")]), c));
            }
            if let Some(seats) = b.seats {
                self.number(
                    &p,
                    "seats",
                    u64::from(seats),
                    bounds::BODIES,
                    join(&body, &[F("seats")]),
                );
            }
            if let Some(m) = b.meets_per_year_at_least {
                self.number(
                    &p,
                    "meets_per_year_at_least",
                    u64::from(m),
                    bounds::MEETINGS,
                    join(&body, &[F("meets_per_year_at_least")]),
                );
            }
        }
        for (i, r) in profile.membership_rules.iter().enumerate() {
            let rule = join(at, &[F("membership_rules"), I(i)]);
            texts.push((join(&rule, &[F("label")]), &r.label));
            texts.push((join(&rule, &[F("who")]), &r.who));
            if let Some(min) = r.min_population {
                self.number(
                    &p,
                    "min_population",
                    min,
                    bounds::PEOPLE,
                    join(&rule, &[F("min_population")]),
                );
            }
        }
        for (path, t) in texts {
            self.required(&p, "text", t, path);
        }
        for (field, value) in [
            ("forums", profile.forums),
            ("working_groups", profile.working_groups),
            ("projects", profile.projects),
        ] {
            if let Some(v) = value {
                self.number(
                    &p,
                    field,
                    u64::from(v),
                    bounds::BODIES,
                    join(at, &[F(field)]),
                );
            }
        }
        for (i, rule) in profile.membership_rules.iter().enumerate() {
            // Checked against the roster when there is one; a directory file read on its
            // own (its rosters live in files of their own) has nothing to check against.
            if let (Some(tier), Some(roster)) = (&rule.tier, &n.roster)
                && roster.tier_index(tier).is_none()
            {
                self.push(
                    &p,
                    format!(
                        "membership rule names tier `{}`, which the roster does not define",
                        shown(tier)
                    ),
                    join(at, &[F("membership_rules"), I(i), F("tier")]),
                );
            }
        }
    }

    fn roster(&mut self, network: &str, r: &Roster, at: &[Step]) {
        let place = format!("roster {}", shown(network));
        self.source_refs(&place, &r.sources, at);
        if r.sources.is_empty() {
            self.push(&place, "cites no source", join(at, &[F("sources")]));
        }
        self.required(&place, "as_of", &r.as_of, join(at, &[F("as_of")]));
        if let Some(note) = &r.population_note {
            self.required(
                &place,
                "population_note",
                note,
                join(at, &[F("population_note")]),
            );
        }
        if r.tiers.is_empty() {
            self.push(
                &place,
                "defines no tiers; give at least one",
                join(at, &[F("tiers")]),
            );
        }
        if r.tiers.len() > bounds::TIERS {
            self.push(
                &place,
                format!(
                    "defines {} tiers; a roster may define at most {}",
                    r.tiers.len(),
                    bounds::TIERS
                ),
                join(at, &[F("tiers"), I(bounds::TIERS)]),
            );
        }
        if r.members.len() > bounds::ROSTER_MEMBERS {
            self.push(
                &place,
                format!(
                    "lists {} members; a roster may list at most {}",
                    r.members.len(),
                    bounds::ROSTER_MEMBERS
                ),
                join(at, &[F("members")]),
            );
        }
        let mut tier_ids = HashSet::new();
        for (i, t) in r.tiers.iter().enumerate() {
            let p = format!("{place} › tier {}", shown(&t.id));
            let tier = join(at, &[F("tiers"), I(i)]);
            if !is_slug(&t.id) {
                self.push(
                    &p,
                    "tier id must be a lowercase slug",
                    join(&tier, &[F("id")]),
                );
            }
            if !tier_ids.insert(t.id.as_str()) {
                self.push(&p, "tier is defined twice", join(&tier, &[F("id")]));
            }
            self.required(&p, "label", &t.label, join(&tier, &[F("label")]));
            self.required(&p, "short", &t.short, join(&tier, &[F("short")]));
            if let Some(d) = &t.description {
                self.text(&p, "description", d, join(&tier, &[F("description")]));
            }
        }
        if let Completeness::Partial {
            listed,
            total,
            note,
            ..
        } = &r.completeness
        {
            let c = join(at, &[F("completeness")]);
            self.text(&place, "completeness note", note, join(&c, &[F("note")]));
            if usize::try_from(*listed).ok() != Some(r.members.len()) {
                self.push(
                    &place,
                    format!(
                        "completeness says {listed} listed, but the roster has {} members",
                        r.members.len()
                    ),
                    join(&c, &[F("listed")]),
                );
            }
            if listed > total {
                self.push(
                    &place,
                    format!("completeness lists {listed} of {total}: more than the total"),
                    join(&c, &[F("total")]),
                );
            }
            self.number(
                &place,
                "completeness total",
                u64::from(*total),
                bounds::MEMBERS,
                join(&c, &[F("total")]),
            );
        }
        // A roster can hold a quarter of a million members, nearly all of them clean: each
        // is checked first without building its place or any message, and only one with a
        // problem goes through the checks below that describe it.
        let quick = quick_checks(r);
        for (j, (m, q)) in r.members.iter().zip(&quick).enumerate() {
            if q.clean {
                continue;
            }
            let p = format!("{place} › member \"{}\"", shown(&m.name));
            let member = join(at, &[F("members"), I(j)]);
            self.member(&p, r, &tier_ids, m, &member);
        }
        self.duplicates(&place, r, &quick, at);
    }

    fn member(&mut self, p: &str, r: &Roster, tier_ids: &HashSet<&str>, m: &Member, at: &[Step]) {
        // Problems of the member as a whole are placed at its name, where its entry starts
        // to read as that member.
        let name = join(at, &[F("name")]);
        self.required(p, "name", &m.name, name.clone());
        for (i, a) in m.aka.iter().enumerate() {
            self.required(p, "aka", a, join(at, &[F("aka"), I(i)]));
        }
        if !tier_ids.contains(m.tier.as_str()) {
            let known: Vec<&str> = r.tiers.iter().map(|t| t.id.as_str()).collect();
            self.push(
                p,
                format!(
                    "unknown tier `{}` (this roster's tiers: {})",
                    shown(&m.tier),
                    shown(&known.join(", "))
                ),
                name.clone(),
            );
        }
        let country_ok = countries::name(&m.country).is_some();
        if !country_ok {
            self.push(
                p,
                format!(
                    "unknown country code `{}` (expected ISO 3166-1 alpha-2, like DE or FR)",
                    shown(&m.country)
                ),
                name.clone(),
            );
        }
        if !geo::in_range(m.lat, m.lon) {
            self.push(
                p,
                format!(
                    "coordinates ({}, {}) are out of range (lat -90..90, lon -180..180)",
                    m.lat, m.lon
                ),
                name.clone(),
            );
        } else if country_ok && !geo::plausible(&m.country, m.lat, m.lon) {
            self.push(
                p,
                format!(
                    "coordinates ({}, {}) are not in or near {} ({})",
                    m.lat,
                    m.lon,
                    countries::name(&m.country).unwrap_or("?"),
                    m.country
                ),
                name.clone(),
            );
        }
        match m.population {
            Some(0) => self.push(p, "population is zero", name.clone()),
            Some(n) => self.number(p, "population", n, bounds::PEOPLE, name.clone()),
            None => {}
        }
        if let Some(day) = &m.joined
            && !joined_agrees(day, m.since)
        {
            self.push(
                p,
                format!(
                    "joined `{}` is not a YYYY-MM-DD day in the year `since` gives",
                    shown(day)
                ),
                name.clone(),
            );
        }
        self.year(p, "since", m.since, name);
    }

    /// Duplicates: (lowercase name, country) pairs met more than once, except where the
    /// source's own ids tell the members apart (the Covenant's repeated names). A hash of each
    /// pair, made without allocating, finds the few members that may repeat; only those
    /// are lowercased and counted. Each is reported under the first member (of any
    /// country) so named, at the member that repeats it.
    fn duplicates(&mut self, place: &str, r: &Roster, quick: &[Quick], at: &[Step]) {
        let repeated = repeated_values(quick.iter().map(|q| q.pair).collect());
        let mut names: HashMap<(String, &str, Option<&str>), Vec<usize>> = HashMap::new();
        let mut dup_name_hashes = Vec::new();
        for (i, m) in r.members.iter().enumerate() {
            if repeated.binary_search(&quick[i].pair).is_ok() {
                names
                    .entry((
                        m.name.as_str().to_lowercase(),
                        m.country.as_str(),
                        m.id.as_deref(),
                    ))
                    .or_default()
                    .push(i);
                dup_name_hashes.push(quick[i].name);
            }
        }
        let mut dups: Vec<_> = names.into_iter().filter(|(_, v)| v.len() > 1).collect();
        dups.sort();
        dup_name_hashes.sort_unstable();
        let mut first_named: HashMap<String, &str> = HashMap::new();
        if !dups.is_empty() {
            for (m, q) in r.members.iter().zip(quick) {
                if dup_name_hashes.binary_search(&q.name).is_ok() {
                    first_named
                        .entry(m.name.as_str().to_lowercase())
                        .or_insert(m.name.as_str());
                }
            }
        }
        for ((name, country, _), at_members) in dups {
            let member = first_named
                .get(&name)
                .map_or(name.clone(), |m| (*m).to_string());
            self.push(
                &format!("{place} › member \"{}\"", shown(&member)),
                format!("listed {} times in {}", at_members.len(), shown(country)),
                join(at, &[F("members"), I(at_members[1]), F("name")]),
            );
        }
    }
}

/// What is worked out of each member before any problem is described.
struct Quick {
    /// Whether it passes every check of one member (`member_is_clean`).
    clean: bool,
    /// The hash of its lowercase name (`lowercase_hash`).
    name: u64,
    /// The hash of its name, country and id (`pair_hash`), which duplicates share.
    pair: u64,
}

/// [`Quick`] for every member, on every core for a big roster: most of the time goes into
/// the boundary check, and each member's answer depends on that member alone.
fn quick_checks(r: &Roster) -> Vec<Quick> {
    let quick = |codes: &mut KnownCodes, m: &Member| {
        let name = lowercase_hash(&m.name);
        Quick {
            clean: member_is_clean(m, r, codes),
            name,
            pair: pair_hash(name, &m.country, m.id.as_deref()),
        }
    };
    if !crate::parallel::pays(r.members.len()) {
        let mut codes = KnownCodes::default();
        return r.members.iter().map(|m| quick(&mut codes, m)).collect();
    }
    let mut out = Vec::new();
    r.members
        .par_iter()
        .with_min_len(crate::parallel::PARALLEL_FROM / 4)
        .map_init(KnownCodes::default, quick)
        .collect_into_vec(&mut out);
    out
}

/// Whether a member passes every check [`Checker::roster`] makes of one member, found
/// without building any text.
fn member_is_clean(m: &Member, r: &Roster, codes: &mut KnownCodes) -> bool {
    let text_ok = |s: &str| !s.trim().is_empty() && first_hazard(s).is_none();
    text_ok(&m.name)
        && m.aka.iter().all(|a| text_ok(a))
        && r.tiers.iter().any(|t| t.id == m.tier)
        && codes.known(&m.country)
        && geo::in_range(m.lat, m.lon)
        && geo::plausible(&m.country, m.lat, m.lon)
        && m.population.is_none_or(|p| bounds::PEOPLE.contains(&p))
        && m.since
            .is_none_or(|y| bounds::YEARS.contains(&u64::from(y)))
        && m.joined
            .as_deref()
            .is_none_or(|d| joined_agrees(d, m.since))
}

/// Whether `day` is `YYYY-MM-DD` (month 01-12, day 01-31) in the year `since` gives.
fn joined_agrees(day: &str, since: Option<u16>) -> bool {
    let b = day.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' || !digits(0..4) {
        return false;
    }
    if !digits(5..7) || !digits(8..10) {
        return false;
    }
    let (month, dom) = (&day[5..7], &day[8..10]);
    ("01"..="12").contains(&month)
        && ("01"..="31").contains(&dom)
        && since.is_none_or(|y| day[..4] == y.to_string())
}

/// `countries::name(code).is_some()`, remembered for two-letter codes.
struct KnownCodes([Option<bool>; countries::CODE_SLOTS]);

impl Default for KnownCodes {
    fn default() -> Self {
        KnownCodes([None; countries::CODE_SLOTS])
    }
}

impl KnownCodes {
    fn known(&mut self, code: &str) -> bool {
        let Some(slot) = countries::code_slot(code) else {
            return countries::name(code).is_some();
        };
        let slot = &mut self.0[slot];
        *slot.get_or_insert_with(|| countries::name(code).is_some())
    }
}

/// A hash of `s.to_lowercase()`, made without building it: char by char, with final and
/// medial sigma taken as one (the only letter `to_lowercase` lowers by context), so that
/// names equal once lowercased always hash the same.
fn lowercase_hash(s: &str) -> u64 {
    // What the chars most names are written in lower to, where that is one char (sigma
    // taken as one already), worked out once: `to_lowercase` searches a table per char.
    static LOWER: std::sync::OnceLock<Vec<u32>> = std::sync::OnceLock::new();
    let lower = LOWER.get_or_init(|| {
        (0..0x800)
            .map(|c| {
                let Some(c) = char::from_u32(c) else {
                    return NOT_ONE;
                };
                let mut lowered = c.to_lowercase();
                match (lowered.next(), lowered.next()) {
                    (Some('ς'), None) => u32::from('σ'),
                    (Some(l), None) => u32::from(l),
                    _ => NOT_ONE,
                }
            })
            .collect()
    });
    let mut h = FNV_OFFSET;
    let mut add = |c: u32| h = (h ^ u64::from(c)).wrapping_mul(FNV_PRIME);
    for c in s.chars() {
        if c.is_ascii() {
            add(u32::from(c.to_ascii_lowercase()));
            continue;
        }
        match lower.get(c as usize) {
            Some(&l) if l != NOT_ONE => add(l),
            _ => c.to_lowercase().for_each(|l| {
                add(u32::from(if l == 'ς' { 'σ' } else { l }));
            }),
        }
    }
    h
}

/// In [`lowercase_hash`]'s table: the char does not lower to one char.
const NOT_ONE: u32 = u32::MAX;

/// A hash of a member's (lowercased name, country, source id) triple, from its name's hash.
fn pair_hash(name: u64, country: &str, id: Option<&str>) -> u64 {
    let mut h = (name ^ 0xFF).wrapping_mul(FNV_PRIME);
    for b in country.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(FNV_PRIME);
    }
    if let Some(id) = id {
        h = (h ^ 0x1F).wrapping_mul(FNV_PRIME);
        for b in id.bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(FNV_PRIME);
        }
    }
    h
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// The values that occur more than once in `values`, sorted.
fn repeated_values(mut sorted: Vec<u64>) -> Vec<u64> {
    if crate::parallel::pays(sorted.len()) {
        sorted.par_sort_unstable();
    } else {
        sorted.sort_unstable();
    }
    let mut out: Vec<u64> = sorted
        .windows(2)
        .filter(|w| w[0] == w[1])
        .map(|w| w[0])
        .collect();
    out.dedup();
    out
}

fn sorted_list(items: &[&str]) -> String {
    let mut v = items.to_vec();
    v.sort_unstable();
    v.join(", ")
}

/// Every problem in the dataset, in file order. An empty list means it is clean.
pub fn validate(d: &Dataset) -> Vec<Problem> {
    let mut c = Checker {
        problems: Vec::new(),
        sources: HashSet::new(),
    };
    c.required("dataset", "title", &d.title, vec![F("title")]);
    c.required("dataset", "as_of", &d.as_of, vec![F("as_of")]);
    for (i, s) in d.sources.iter().enumerate() {
        let p = format!("source {}", shown(&s.id));
        let at = [F("sources"), I(i)];
        if !is_slug(&s.id) {
            c.push(
                &p,
                "source id must be a lowercase slug",
                join(&at, &[F("id")]),
            );
        }
        if !c.sources.insert(s.id.clone()) {
            c.push(&p, "duplicate source id", join(&at, &[F("id")]));
        }
        c.required(&p, "title", &s.title, join(&at, &[F("title")]));
        c.required(&p, "publisher", &s.publisher, join(&at, &[F("publisher")]));
        for (field, v) in [
            ("url", &s.url),
            ("published", &s.published),
            ("read_on", &s.read_on),
            ("note", &s.note),
            ("licence", &s.licence),
            ("credit", &s.credit),
        ] {
            if let Some(v) = v {
                c.text(&p, field, v, join(&at, &[F(field)]));
            }
        }
    }
    if d.networks.is_empty() {
        c.push("dataset", "has no networks", vec![F("networks")]);
    }
    let mut ids = HashSet::new();
    for (k, n) in d.networks.iter().enumerate() {
        let at = [F("networks"), I(k)];
        if !ids.insert(n.id.as_str()) {
            c.push(
                &format!("network {}", shown(&n.id)),
                "duplicate network id",
                join(&at, &[F("id")]),
            );
        }
        c.network(n, &at);
    }
    c.problems.extend(super::provenance::check(d));
    c.problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(name: &str, country: &str, lat: f64, lon: f64) -> Member {
        Member {
            name: name.into(),
            country: country.into(),
            tier: "full".into(),
            lat,
            lon,
            aka: Vec::new(),
            kind: crate::data::MemberKind::City,
            population: None,
            since: None,
            joined: None,
            id: None,
            placeholder: false,
            geonames: None,
            main_city: None,
        }
    }

    /// `lowercase_hash` is the FNV hash of `to_lowercase`, sigma taken as one, for every
    /// char its table covers and beyond, alone and in a name.
    #[test]
    fn the_lowercase_hash_is_the_hash_of_the_lowercased_text() {
        let slow = |s: &str| {
            s.to_lowercase()
                .replace('ς', "σ")
                .chars()
                .fold(FNV_OFFSET, |h, c| {
                    (h ^ u64::from(u32::from(c))).wrapping_mul(FNV_PRIME)
                })
        };
        let chars = (0..0x3000).chain(0x1E00..0x1F00).filter_map(char::from_u32);
        for c in chars {
            let alone = c.to_string();
            assert_eq!(
                lowercase_hash(&alone),
                slow(&alone),
                "{c:?} U+{:04X}",
                u32::from(c)
            );
            let name = format!("Ab{c}Ξς İ");
            assert_eq!(lowercase_hash(&name), slow(&name), "{name:?}");
        }
    }

    #[test]
    fn duplicates_are_found_by_lowercase_name_and_country() {
        let mut d = crate::generate::roster_dataset(40, 5);
        let r = d.networks[0].roster.as_mut().expect("a roster");
        r.members.extend([
            member("łódź", "DE", 52.52, 13.40),
            member("Łódź", "PL", 51.76, 19.46),
            member("ŁÓDŹ", "PL", 51.76, 19.46),
            // Capital sigma lowers to final sigma at the end of a word.
            member("ΟΔΟΣ", "GR", 37.98, 23.73),
            member("Οδος", "GR", 37.98, 23.73),
            member("Odos", "GR", 37.98, 23.73),
        ]);
        let problems = validate(&d);
        let dups: Vec<(&str, &str)> = problems
            .iter()
            .map(|p| (p.place.as_str(), p.message.as_str()))
            .collect();
        assert_eq!(
            dups,
            [
                // Names are quoted as written: only control characters are spelled out.
                ("roster synthetic › member \"łódź\"", "listed 2 times in PL"),
                ("roster synthetic › member \"ΟΔΟΣ\"", "listed 2 times in GR"),
            ]
        );
    }

    #[test]
    fn the_sources_ids_tell_members_of_one_name_apart() {
        let mut d = crate::generate::roster_dataset(10, 5);
        let r = d.networks[0].roster.as_mut().expect("a roster");
        let with_id = |id: &str| Member {
            id: Some(id.into()),
            ..member("Levice", "IT", 44.54, 8.16)
        };
        r.members
            .extend([with_id("IT5279"), with_id("IT4734"), with_id("IT4734")]);
        let messages: Vec<String> = validate(&d).into_iter().map(|p| p.message).collect();
        assert_eq!(messages, ["listed 2 times in IT"], "only the same id twice");
    }

    #[test]
    fn the_day_joined_is_a_day_in_the_year_since_gives() {
        assert!(joined_agrees("2012-11-29", Some(2012)));
        assert!(joined_agrees("2012-11-29", None));
        assert!(!joined_agrees("2012-11-29", Some(2013)));
        for bad in [
            "2012-13-01",
            "2012-00-10",
            "2012-11-32",
            "2012/11/29",
            "12-11-29",
            "2012-1-291",
            "２０１２-11-29",
        ] {
            assert!(!joined_agrees(bad, None), "{bad}");
        }
    }

    #[test]
    fn a_member_with_problems_still_gets_every_message() {
        let mut d = crate::generate::roster_dataset(10, 5);
        let r = d.networks[0].roster.as_mut().expect("a roster");
        let mut bad = member(" ", "PL", 19.46, 51.76);
        bad.tier = "gold".into();
        bad.population = Some(0);
        r.members.push(bad);
        let messages: Vec<String> = validate(&d).into_iter().map(|p| p.message).collect();
        assert_eq!(
            messages,
            [
                "name is empty",
                "unknown tier `gold` (this roster's tiers: full, associate, partner, observer)",
                "coordinates (19.46, 51.76) are not in or near Poland (PL)",
                "population is zero",
            ]
        );
    }
}
