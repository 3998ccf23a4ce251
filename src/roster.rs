//! A roster ready for querying: folded search keys and sort orders built once, then
//! tier toggles + fuzzy filter + sort -> the rows to show. Shared by the TUI's member
//! table and the command line's `members`, so both answer a query the same way.

use std::cmp::Ordering;

use crate::data::{Roster, countries};
use crate::query::{Query, Record};
use crate::search::{Folded, Matcher, fold_query};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SortColumn {
    /// Best match first, ties by name; only meaningful with a query.
    Relevance,
    City,
    Country,
    Tier,
    Population,
}

impl SortColumn {
    pub fn label(self) -> &'static str {
        match self {
            SortColumn::Relevance => "relevance",
            SortColumn::City => "City",
            SortColumn::Country => "Country",
            SortColumn::Tier => "Tier",
            SortColumn::Population => "Population",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    pub column: SortColumn,
    pub ascending: bool,
}

impl Default for Sort {
    fn default() -> Self {
        Sort {
            column: SortColumn::City,
            ascending: true,
        }
    }
}

/// Which of a member's keys matched a query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchedKey {
    Name,
    /// The n-th of the member's other names.
    Aka(usize),
    Country,
}

/// One row of a query's result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Index into the roster's members.
    pub member: u32,
    pub score: i64,
    pub key: MatchedKey,
    /// Matched character positions in the original text of `key`.
    pub positions: Vec<usize>,
}

/// Search keys and orders for one roster, built once at load.
pub struct RosterIndex {
    /// Per member: name, then each aka, then the country name.
    keys: Vec<Vec<Folded>>,
    country_names: Vec<&'static str>,
    tier_of: Vec<u8>,
    by_city: Vec<u32>,
    by_country: Vec<u32>,
    by_tier: Vec<u32>,
    by_population: Vec<u32>,
    /// Members per tier, in the roster's tier order.
    pub tier_counts: Vec<usize>,
}

fn collate(a: &Folded, b: &Folded, a_raw: &str, b_raw: &str) -> Ordering {
    a.text.cmp(&b.text).then_with(|| a_raw.cmp(b_raw))
}

impl RosterIndex {
    pub fn new(roster: &Roster) -> RosterIndex {
        let members = &roster.members;
        let country_names: Vec<&'static str> = members
            .iter()
            .map(|m| countries::name(&m.country).unwrap_or("unknown country"))
            .collect();
        let keys: Vec<Vec<Folded>> = members
            .iter()
            .zip(&country_names)
            .map(|(m, country)| {
                std::iter::once(m.name.as_str())
                    .chain(m.aka.iter().map(String::as_str))
                    .chain(std::iter::once(*country))
                    .map(Folded::new)
                    .collect()
            })
            .collect();
        let tier_of: Vec<u8> = members
            .iter()
            .map(|m| {
                roster
                    .tier_index(&m.tier)
                    .unwrap_or(0)
                    .min(u8::MAX as usize) as u8
            })
            .collect();
        let mut tier_counts = vec![0; roster.tiers.len()];
        for &t in &tier_of {
            if let Some(c) = tier_counts.get_mut(t as usize) {
                *c += 1;
            }
        }
        let all: Vec<u32> = (0..members.len() as u32).collect();
        let name_order = |a: &u32, b: &u32| {
            let (a, b) = (*a as usize, *b as usize);
            collate(&keys[a][0], &keys[b][0], &members[a].name, &members[b].name)
        };
        let mut by_city = all.clone();
        by_city.sort_by(name_order);
        // The secondary orders break ties by city name, so they start from by_city and
        // sort stably.
        let mut by_country = by_city.clone();
        by_country.sort_by(|a, b| country_names[*a as usize].cmp(country_names[*b as usize]));
        let mut by_tier = by_city.clone();
        by_tier.sort_by_key(|i| tier_of[*i as usize]);
        let mut by_population = by_city.clone();
        by_population.sort_by_key(|i| members[*i as usize].population);
        RosterIndex {
            keys,
            country_names,
            tier_of,
            by_city,
            by_country,
            by_tier,
            by_population,
            tier_counts,
        }
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    pub fn country_name(&self, member: usize) -> &'static str {
        self.country_names.get(member).copied().unwrap_or("")
    }

    pub fn tier_of(&self, member: usize) -> usize {
        self.tier_of.get(member).map_or(0, |t| *t as usize)
    }

    fn order(&self, column: SortColumn) -> &[u32] {
        match column {
            SortColumn::Relevance | SortColumn::City => &self.by_city,
            SortColumn::Country => &self.by_country,
            SortColumn::Tier => &self.by_tier,
            SortColumn::Population => &self.by_population,
        }
    }

    /// Scores one member against a folded query.
    fn hit(&self, matcher: &Matcher, query: &str, member: u32) -> Option<Hit> {
        let keys = &self.keys[member as usize];
        let (i, m) = matcher.best(query, keys)?;
        let key = match i {
            0 => MatchedKey::Name,
            i if i + 1 == keys.len() => MatchedKey::Country,
            i => MatchedKey::Aka(i - 1),
        };
        Some(Hit {
            member,
            score: m.score,
            key,
            positions: keys[i].original_positions(&m.folded_positions),
        })
    }

    /// The rows a query shows: members of the enabled tiers that match `query`, in the
    /// requested order. `candidates`, when given, restricts the scan to those members: the
    /// caller passes the previous result when the query only grew, since a longer query can
    /// only match fewer rows.
    pub fn query(
        &self,
        matcher: &Matcher,
        query: &str,
        tiers_on: &[bool],
        sort: Sort,
        candidates: Option<&[u32]>,
    ) -> Vec<Hit> {
        let folded = fold_query(query);
        let tier_ok = |m: u32| {
            tiers_on
                .get(self.tier_of[m as usize] as usize)
                .copied()
                .unwrap_or(true)
        };
        let mut hits: Vec<Hit> = match candidates {
            Some(c) => {
                // Keep the caller's set, but walk it in the sort order.
                let mut keep = vec![false; self.len()];
                for &m in c {
                    if let Some(k) = keep.get_mut(m as usize) {
                        *k = true;
                    }
                }
                self.order(sort.column)
                    .iter()
                    .copied()
                    .filter(|&m| keep[m as usize] && tier_ok(m))
                    .filter_map(|m| self.hit(matcher, &folded, m))
                    .collect()
            }
            None => self
                .order(sort.column)
                .iter()
                .copied()
                .filter(|&m| tier_ok(m))
                .filter_map(|m| self.hit(matcher, &folded, m))
                .collect(),
        };
        if sort.column == SortColumn::Relevance && !folded.is_empty() {
            // Stable: equal scores keep the by-city order.
            hits.sort_by_key(|h| std::cmp::Reverse(h.score));
        }
        if !sort.ascending {
            hits.reverse();
        }
        hits
    }
}

/// Queries in the filter language (`country:de`, `^br`, `!tier:partner`, `a | b`): the
/// general path, for anything that is not a single plain phrase.
impl RosterIndex {
    pub fn query_parsed(
        &self,
        roster: &Roster,
        matcher: &Matcher,
        query: &Query,
        tiers_on: &[bool],
        sort: Sort,
    ) -> Vec<Hit> {
        let mut hits: Vec<Hit> = self
            .order(sort.column)
            .iter()
            .copied()
            .filter(|&m| {
                tiers_on
                    .get(self.tier_of[m as usize] as usize)
                    .copied()
                    .unwrap_or(true)
            })
            .filter_map(|member| {
                let i = member as usize;
                let keys = &self.keys[i];
                let rec = Record {
                    keys,
                    country: roster.members.get(i).map_or("", |m| m.country.as_str()),
                    tier: self.tier_of[i] as usize,
                    themes: &[],
                };
                let m = query.eval(matcher, &rec)?;
                let key = match m.key {
                    0 => MatchedKey::Name,
                    k if k + 1 == keys.len() => MatchedKey::Country,
                    k => MatchedKey::Aka(k - 1),
                };
                Some(Hit {
                    member,
                    score: m.score,
                    key,
                    positions: keys[m.key].original_positions(&m.positions),
                })
            })
            .collect();
        if sort.column == SortColumn::Relevance && !query.is_empty() {
            hits.sort_by_key(|h| std::cmp::Reverse(h.score));
        }
        if !sort.ascending {
            hits.reverse();
        }
        hits
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{Completeness, Member, MemberKind, Tier};

    fn member(name: &str, country: &str, tier: &str, aka: &[&str]) -> Member {
        Member {
            name: name.into(),
            country: country.into(),
            tier: tier.into(),
            lat: 0.0,
            lon: 0.0,
            aka: aka.iter().map(|s| s.to_string()).collect(),
            kind: MemberKind::City,
            population: None,
            since: None,
        }
    }

    fn roster() -> Roster {
        let tier = |id: &str| Tier {
            id: id.into(),
            label: id.into(),
            short: id.into(),
            description: None,
        };
        Roster {
            sources: vec!["s".into()],
            as_of: "2025".into(),
            completeness: Completeness::Complete,
            tiers: vec![tier("full"), tier("associate"), tier("partner")],
            members: vec![
                member("Rotterdam", "NL", "full", &[]),
                member("Munich", "DE", "full", &["München"]),
                member("Rome", "IT", "full", &["Roma"]),
                member("Łódź", "PL", "full", &[]),
                member("Zürich", "CH", "associate", &[]),
                member("Bruges", "BE", "partner", &["Brugge"]),
            ],
        }
    }

    fn names(r: &Roster, hits: &[Hit]) -> Vec<String> {
        hits.iter()
            .map(|h| r.members[h.member as usize].name.clone())
            .collect()
    }

    const ALL: [bool; 3] = [true, true, true];

    #[test]
    fn empty_query_lists_everyone_by_city() {
        let r = roster();
        let idx = RosterIndex::new(&r);
        let hits = idx.query(&Matcher::default(), "", &ALL, Sort::default(), None);
        assert_eq!(
            names(&r, &hits),
            ["Bruges", "Łódź", "Munich", "Rome", "Rotterdam", "Zürich"]
        );
    }

    #[test]
    fn tiers_filter_and_counts() {
        let r = roster();
        let idx = RosterIndex::new(&r);
        assert_eq!(idx.tier_counts, vec![4, 1, 1]);
        let hits = idx.query(
            &Matcher::default(),
            "",
            &[false, true, true],
            Sort::default(),
            None,
        );
        assert_eq!(names(&r, &hits), ["Bruges", "Zürich"]);
        let none = idx.query(&Matcher::default(), "", &[false; 3], Sort::default(), None);
        assert!(none.is_empty());
    }

    #[test]
    fn relevance_puts_exact_first_and_reports_alias() {
        let r = roster();
        let idx = RosterIndex::new(&r);
        let sort = Sort {
            column: SortColumn::Relevance,
            ascending: true,
        };
        let hits = idx.query(&Matcher::default(), "rom", &ALL, sort, None);
        assert_eq!(names(&r, &hits)[0], "Rome");
        let hits = idx.query(&Matcher::default(), "munchen", &ALL, sort, None);
        assert_eq!(names(&r, &hits), ["Munich"]);
        assert_eq!(hits[0].key, MatchedKey::Aka(0));
        let hits = idx.query(&Matcher::default(), "germany", &ALL, sort, None);
        assert_eq!(hits[0].key, MatchedKey::Country);
    }

    #[test]
    fn sorts_by_each_column_both_ways() {
        let r = roster();
        let idx = RosterIndex::new(&r);
        let q = |column, ascending| {
            names(
                &r,
                &idx.query(
                    &Matcher::default(),
                    "",
                    &ALL,
                    Sort { column, ascending },
                    None,
                ),
            )
        };
        assert_eq!(q(SortColumn::Country, true)[0], "Bruges"); // Belgium
        assert_eq!(q(SortColumn::Country, false)[0], "Zürich"); // Switzerland
        assert_eq!(q(SortColumn::Tier, false)[0], "Bruges"); // partner last ascending
        let down = q(SortColumn::City, false);
        assert_eq!(down.first().map(String::as_str), Some("Zürich"));
    }

    #[test]
    fn narrowing_from_candidates_gives_the_same_rows() {
        let r = roster();
        let idx = RosterIndex::new(&r);
        let m = Matcher::default();
        let sort = Sort::default();
        let broad = idx.query(&m, "r", &ALL, sort, None);
        let ids: Vec<u32> = broad.iter().map(|h| h.member).collect();
        let narrowed = idx.query(&m, "ro", &ALL, sort, Some(&ids));
        let full = idx.query(&m, "ro", &ALL, sort, None);
        assert_eq!(narrowed, full);
    }
}
