//! Checks a parsed dataset for everything the type system cannot: dangling references,
//! duplicates, codes that do not exist, coordinates in the wrong country, text that could
//! take over a terminal. It reports every problem, not just the first.

use std::collections::{HashMap, HashSet};
use std::fmt;

use super::countries;
use super::geo;
use super::model::{Completeness, Dataset, Figure, Member, Network, Roster};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where in the dataset: `network c40 › figures[0]`, `roster eurocities › member "Łódź"`.
    pub place: String,
    pub message: String,
    /// The offending text as it appears in the file, used to find its line.
    pub value: Option<String>,
}

impl Problem {
    fn new(place: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            place: place.into(),
            message: message.into(),
            value: None,
        }
    }

    fn at(mut self, value: &str) -> Self {
        self.value = Some(value.to_string());
        self
    }

    /// The 1-based line and column of the problem in the file's text, when its value can be
    /// found there (serde keeps no spans once a value is parsed, so we look it up).
    pub fn position_in(&self, text: &str) -> Option<(usize, usize)> {
        let value = self.value.as_ref()?;
        let quoted = format!("\"{}\"", value.escape_default());
        let offset = text.find(&quoted).or_else(|| text.find(value.as_str()))?;
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Some((line, col))
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

/// The first character that must never reach a terminal raw: C0/C1 controls (escape
/// sequences start with one), and bidirectional overrides that reorder what is shown.
pub fn unsafe_char(s: &str) -> Option<(usize, char)> {
    s.chars().enumerate().find(|&(_, c)| is_unsafe(c))
}

pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A value from the file as a problem's place or message quotes it: unsafe characters
/// spelled out (`\u{1b}`), so that printing a problem can never drive a terminal.
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

struct Checker {
    problems: Vec<Problem>,
    sources: HashSet<String>,
}

impl Checker {
    fn text(&mut self, place: &str, field: &str, s: &str) {
        if let Some((i, c)) = unsafe_char(s) {
            self.problems.push(
                Problem::new(
                    place,
                    format!(
                        "{field} has control character {} at character {}",
                        c.escape_unicode(),
                        i + 1
                    ),
                )
                .at(s),
            );
        }
    }

    fn required(&mut self, place: &str, field: &str, s: &str) {
        if s.trim().is_empty() {
            self.problems
                .push(Problem::new(place, format!("{field} is empty")));
        }
        self.text(place, field, s);
    }

    fn source_refs(&mut self, place: &str, ids: &[String]) {
        for id in ids {
            if !self.sources.contains(id) {
                let known: Vec<&str> = self.sources.iter().map(String::as_str).collect();
                self.problems.push(
                    Problem::new(
                        place,
                        format!(
                            "unknown source `{}` (known: {})",
                            shown(id),
                            shown(&sorted_list(&known))
                        ),
                    )
                    .at(id),
                );
            }
        }
    }

    fn figure(&mut self, place: &str, f: &Figure) {
        self.text(place, "of", &f.of);
        self.source_refs(place, &f.sources);
    }

    fn network(&mut self, n: &Network) {
        let place = format!("network {}", shown(&n.id));
        if !is_slug(&n.id) {
            self.problems.push(
                Problem::new(
                    &place,
                    "id must be a lowercase slug (a-z, 0-9, single hyphens)",
                )
                .at(&n.id),
            );
        }
        self.required(&place, "name", &n.name);
        if let Some(s) = &n.short_name {
            self.required(&place, "short_name", s);
        }
        self.required(&place, "summary", &n.summary);
        for (field, value) in [
            ("members_are", &n.members_are),
            ("headquarters", &n.headquarters),
            ("website", &n.website),
        ] {
            if let Some(v) = value {
                self.required(&place, field, v);
            }
        }
        if let Some(url) = &n.website
            && !(url.starts_with("https://") || url.starts_with("http://"))
        {
            self.problems
                .push(Problem::new(&place, "website must start with https:// or http://").at(url));
        }
        if let crate::data::model::Scope::Regional(r) = &n.scope {
            self.required(&place, "scope", r);
        }
        if n.themes.is_empty() {
            self.problems
                .push(Problem::new(&place, "has no themes; give at least one"));
        }
        let mut seen = HashSet::new();
        for t in &n.themes {
            if !seen.insert(*t) {
                self.problems
                    .push(Problem::new(&place, format!("theme `{t}` is listed twice")));
            }
        }
        if n.sources.is_empty() {
            self.problems.push(Problem::new(&place, "cites no source"));
        }
        self.source_refs(&place, &n.sources);
        for (i, f) in n.figures.iter().enumerate() {
            self.figure(&format!("{place} › figures[{i}]"), f);
        }
        for (i, t) in n.targets.iter().enumerate() {
            let p = format!("{place} › targets[{i}]");
            self.required(&p, "goal", &t.goal);
            for f in &t.figures {
                self.figure(&p, f);
            }
        }
        for (i, a) in n.affiliations.iter().enumerate() {
            let p = format!("{place} › affiliations[{i}]");
            self.required(&p, "name", &a.name);
            self.required(&p, "role", &a.role);
        }
        if let Some(profile) = &n.profile {
            let p = format!("{place} › profile");
            self.source_refs(&p, &profile.sources);
            let texts = profile
                .founding_members
                .iter()
                .chain(profile.secretariat.iter())
                .chain(profile.thematic_areas.iter())
                .chain(profile.projects_note.iter())
                .chain(profile.leaders.iter().flat_map(|l| [&l.role, &l.name]))
                .chain(profile.activities.iter().flat_map(|a| [&a.name, &a.what]))
                .chain(
                    profile
                        .governance
                        .iter()
                        .flat_map(|b| [&b.name, &b.role].into_iter().chain(b.composition.iter())),
                )
                .chain(
                    profile
                        .membership_rules
                        .iter()
                        .flat_map(|r| [&r.label, &r.who]),
                );
            let texts: Vec<String> = texts.cloned().collect();
            for t in &texts {
                self.required(&p, "text", t);
            }
            for rule in &profile.membership_rules {
                // Checked against the roster when there is one; a directory file read on its
                // own (its rosters live in files of their own) has nothing to check against.
                if let (Some(tier), Some(roster)) = (&rule.tier, &n.roster) {
                    if roster.tier_index(tier).is_none() {
                        self.problems.push(
                            Problem::new(
                                &p,
                                format!(
                                    "membership rule names tier `{}`, which the roster does not define",
                                    shown(tier)
                                ),
                            )
                            .at(tier),
                        );
                    }
                }
            }
        }
        if let Some(roster) = &n.roster {
            self.roster(&n.id, roster);
        }
    }

    fn roster(&mut self, network: &str, r: &Roster) {
        let place = format!("roster {}", shown(network));
        self.source_refs(&place, &r.sources);
        if r.sources.is_empty() {
            self.problems.push(Problem::new(&place, "cites no source"));
        }
        self.required(&place, "as_of", &r.as_of);
        if let Some(note) = &r.population_note {
            self.required(&place, "population_note", note);
        }
        if r.tiers.is_empty() {
            self.problems
                .push(Problem::new(&place, "defines no tiers; give at least one"));
        }
        let mut tier_ids = HashSet::new();
        for t in &r.tiers {
            let p = format!("{place} › tier {}", shown(&t.id));
            if !is_slug(&t.id) {
                self.problems
                    .push(Problem::new(&p, "tier id must be a lowercase slug").at(&t.id));
            }
            if !tier_ids.insert(t.id.as_str()) {
                self.problems
                    .push(Problem::new(&p, "tier is defined twice").at(&t.id));
            }
            self.required(&p, "label", &t.label);
            self.required(&p, "short", &t.short);
            if let Some(d) = &t.description {
                self.text(&p, "description", d);
            }
        }
        if let Completeness::Partial {
            listed,
            total,
            note,
            ..
        } = &r.completeness
        {
            self.text(&place, "completeness note", note);
            if *listed as usize != r.members.len() {
                self.problems.push(Problem::new(
                    &place,
                    format!(
                        "completeness says {listed} listed, but the roster has {} members",
                        r.members.len()
                    ),
                ));
            }
            if listed > total {
                self.problems.push(Problem::new(
                    &place,
                    format!("completeness lists {listed} of {total}: more than the total"),
                ));
            }
        }
        // A roster can hold a quarter of a million members, nearly all of them clean: each
        // is checked first without building its place or any message, and only one with a
        // problem goes through the checks below that describe it.
        let (clean, name_hashes) = quick_checks(r);
        for (m, clean) in r.members.iter().zip(clean) {
            if clean {
                continue;
            }
            let p = format!("{place} › member \"{}\"", shown(&m.name));
            self.required(&p, "name", &m.name);
            for a in &m.aka {
                self.required(&p, "aka", a);
            }
            if tier_ids.contains(m.tier.as_str()) {
                // fine
            } else {
                let known: Vec<&str> = r.tiers.iter().map(|t| t.id.as_str()).collect();
                self.problems.push(
                    Problem::new(
                        &p,
                        format!(
                            "unknown tier `{}` (this roster's tiers: {})",
                            shown(&m.tier),
                            shown(&known.join(", "))
                        ),
                    )
                    .at(&m.name),
                );
            }
            let country_ok = countries::name(&m.country).is_some();
            if !country_ok {
                self.problems.push(
                    Problem::new(
                        &p,
                        format!(
                            "unknown country code `{}` (expected ISO 3166-1 alpha-2, like DE or FR)",
                            shown(&m.country)
                        ),
                    )
                    .at(&m.name),
                );
            }
            if !geo::in_range(m.lat, m.lon) {
                self.problems.push(
                    Problem::new(
                        &p,
                        format!(
                            "coordinates ({}, {}) are out of range (lat -90..90, lon -180..180)",
                            m.lat, m.lon
                        ),
                    )
                    .at(&m.name),
                );
            } else if country_ok && !geo::plausible(&m.country, m.lat, m.lon) {
                self.problems.push(
                    Problem::new(
                        &p,
                        format!(
                            "coordinates ({}, {}) are not in or near {} ({})",
                            m.lat,
                            m.lon,
                            countries::name(&m.country).unwrap_or("?"),
                            m.country
                        ),
                    )
                    .at(&m.name),
                );
            }
            if let Some(0) = m.population {
                self.problems
                    .push(Problem::new(&p, "population is zero").at(&m.name));
            }
            if let Some(day) = &m.joined
                && !joined_agrees(day, m.since)
            {
                self.problems.push(
                    Problem::new(
                        &p,
                        format!(
                            "joined `{}` is not a YYYY-MM-DD day in the year `since` gives",
                            shown(day)
                        ),
                    )
                    .at(&m.name),
                );
            }
        }
        // Duplicates: (lowercase name, country) pairs met more than once, except where the
        // source's own ids tell the members apart (the Covenant's repeated names). A hash of each
        // pair, made without allocating, finds the few members that may repeat; only
        // those are lowercased and counted.
        let pair_hashes: Vec<u64> = r
            .members
            .iter()
            .zip(&name_hashes)
            .map(|(m, &h)| pair_hash(h, &m.country, m.id.as_deref()))
            .collect();
        let repeated = repeated_values(&pair_hashes);
        let mut names: HashMap<(String, &str, Option<&str>), usize> = HashMap::new();
        let mut dup_name_hashes = Vec::new();
        for (i, m) in r.members.iter().enumerate() {
            if repeated.binary_search(&pair_hashes[i]).is_ok() {
                *names
                    .entry((m.name.to_lowercase(), m.country.as_str(), m.id.as_deref()))
                    .or_default() += 1;
                dup_name_hashes.push(name_hashes[i]);
            }
        }
        let mut dups: Vec<_> = names.into_iter().filter(|(_, n)| *n > 1).collect();
        dups.sort();
        // Each duplicate is reported under the first member (of any country) so named.
        dup_name_hashes.sort_unstable();
        let mut first_named: HashMap<String, &str> = HashMap::new();
        if !dups.is_empty() {
            for (m, h) in r.members.iter().zip(&name_hashes) {
                if dup_name_hashes.binary_search(h).is_ok() {
                    first_named
                        .entry(m.name.to_lowercase())
                        .or_insert(m.name.as_str());
                }
            }
        }
        for ((name, country, _), n) in dups {
            let member = first_named
                .get(&name)
                .map_or(name.clone(), |m| (*m).to_string());
            self.problems.push(
                Problem::new(
                    format!("{place} › member \"{}\"", shown(&member)),
                    format!("listed {n} times in {}", shown(country)),
                )
                .at(&member),
            );
        }
    }
}

/// For every member: whether it is clean (`member_is_clean`), and the hash of its lowercase
/// name. A big roster is split over two threads: most of the time goes into the boundary
/// check, and each member's answer depends on that member alone.
fn quick_checks(r: &Roster) -> (Vec<bool>, Vec<u64>) {
    let part = |members: &[Member]| {
        let mut codes = KnownCodes::default();
        members
            .iter()
            .map(|m| (member_is_clean(m, r, &mut codes), lowercase_hash(&m.name)))
            .collect::<Vec<_>>()
    };
    crate::parallel::in_halves(r.members.len(), |range| part(&r.members[range]))
        .into_iter()
        .unzip()
}

/// Whether a member passes every check [`Checker::roster`] makes of one member, found
/// without building any text.
fn member_is_clean(m: &Member, r: &Roster, codes: &mut KnownCodes) -> bool {
    let text_ok = |s: &str| !s.trim().is_empty() && is_safe(s);
    text_ok(&m.name)
        && m.aka.iter().all(|a| text_ok(a))
        && r.tiers.iter().any(|t| t.id == m.tier)
        && codes.known(&m.country)
        && geo::in_range(m.lat, m.lon)
        && geo::plausible(&m.country, m.lat, m.lon)
        && m.population != Some(0)
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
struct KnownCodes([Option<bool>; 26 * 26]);

impl Default for KnownCodes {
    fn default() -> Self {
        KnownCodes([None; 26 * 26])
    }
}

impl KnownCodes {
    fn known(&mut self, code: &str) -> bool {
        let [a @ b'A'..=b'Z', b @ b'A'..=b'Z'] = *code.as_bytes() else {
            return countries::name(code).is_some();
        };
        let slot = &mut self.0[usize::from(a - b'A') * 26 + usize::from(b - b'A')];
        *slot.get_or_insert_with(|| countries::name(code).is_some())
    }
}

/// `unsafe_char(s).is_none()`, at a glance for plain ASCII.
fn is_safe(s: &str) -> bool {
    s.bytes().all(|b| (0x20..0x7f).contains(&b)) || unsafe_char(s).is_none()
}

/// A hash of `s.to_lowercase()`, made without building it: char by char, with final and
/// medial sigma taken as one (the only letter `to_lowercase` lowers by context), so that
/// names equal once lowercased always hash the same.
fn lowercase_hash(s: &str) -> u64 {
    let mut h = FNV_OFFSET;
    for c in s.chars() {
        let mut add = |c: char| {
            let c = if c == 'ς' { 'σ' } else { c };
            h = (h ^ u64::from(u32::from(c))).wrapping_mul(FNV_PRIME);
        };
        if c.is_ascii() {
            add(c.to_ascii_lowercase());
        } else {
            c.to_lowercase().for_each(&mut add);
        }
    }
    h
}

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
fn repeated_values(values: &[u64]) -> Vec<u64> {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
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
    c.required("dataset", "title", &d.title);
    c.required("dataset", "as_of", &d.as_of);
    for s in &d.sources {
        let p = format!("source {}", shown(&s.id));
        if !is_slug(&s.id) {
            c.problems
                .push(Problem::new(&p, "source id must be a lowercase slug").at(&s.id));
        }
        if !c.sources.insert(s.id.clone()) {
            c.problems
                .push(Problem::new(&p, "duplicate source id").at(&s.id));
        }
        c.required(&p, "title", &s.title);
        c.required(&p, "publisher", &s.publisher);
        for v in [&s.url, &s.as_of, &s.note, &s.licence, &s.credit]
            .into_iter()
            .flatten()
        {
            c.text(&p, "text", v);
        }
    }
    if d.networks.is_empty() {
        c.problems.push(Problem::new("dataset", "has no networks"));
    }
    let mut ids = HashSet::new();
    for n in &d.networks {
        if !ids.insert(n.id.as_str()) {
            c.problems.push(
                Problem::new(format!("network {}", shown(&n.id)), "duplicate network id").at(&n.id),
            );
        }
        c.network(n);
    }
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
