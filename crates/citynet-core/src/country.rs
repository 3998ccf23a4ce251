//! One country across every member list: "which members of every list are in Germany?"
//!
//! [`in_country`] answers for an ISO code, grouped by network. Turning what a person typed
//! into a code is [`countries::lookup`]'s (codes, names in English and the country's own
//! languages, accents and case aside; a typo gets suggestions and a name of several
//! countries asks). A country no list has a member in is an answer with no groups, not an
//! error: front ends say "no member list has a member in Iceland".
//!
//! ```no_run
//! # use citynet_core::{cities::Cities, country, data::{Dataset, countries}};
//! # fn demo(data: &Dataset) {
//! let cities = Cities::build(data);
//! if let Some(code) = countries::lookup("Deutschland").found() {
//!     let found = country::in_country(data, &cities, code, &[]);
//!     for g in &found.groups {
//!         println!("{}: {}", data.networks[g.network].label(), g.rows.len());
//!     }
//!     println!("{} members, {} cities", found.total(), found.cities);
//! }
//! # }
//! ```
//!
//! [`countries::lookup`]: crate::data::countries::lookup

use std::collections::HashSet;

use crate::cities::{Cities, Seat};
use crate::data::{Dataset, Member, Roster, Tier, countries};
use crate::search::fold_into;

/// The members of every list in one country.
#[derive(Debug, Clone, PartialEq)]
pub struct CountryMembers<'d> {
    /// The ISO 3166-1 alpha-2 code asked about, upper-case.
    pub code: String,
    /// The networks with a member list that were looked in (every one, or those asked
    /// for), in dataset order: "in 4 of the 7 member lists".
    pub searched: Vec<usize>,
    /// One group per network with at least one member there: the most members first,
    /// then by the network's short name. Networks with none are left out.
    pub groups: Vec<Group<'d>>,
    /// How many distinct cities the rows are: a city in several lists counts once (the
    /// [`Cities`] index: one GeoNames id is one city).
    pub cities: usize,
}

/// One network's members in the country.
#[derive(Debug, Clone, PartialEq)]
pub struct Group<'d> {
    /// An index into `Dataset::networks`.
    pub network: usize,
    /// Its members there, by name (folded: case and accents aside), then list order.
    pub rows: Vec<Row<'d>>,
}

/// One member of one list.
#[derive(Debug, Clone, PartialEq)]
pub struct Row<'d> {
    /// Its index in the network's roster (`Roster::members`).
    pub member: u32,
    /// The member as the list has it: name, kind, since, coordinates, aka.
    pub entry: &'d Member,
    /// Its tier, where the roster defines the tier it names.
    pub tier: Option<&'d Tier>,
    /// The member table's Population figure: GeoNames' where the list is matched to
    /// GeoNames, else the list's own.
    pub population: Option<u64>,
    /// The list's own figure where the Population figure is GeoNames' (the Covenant's
    /// declared populations).
    pub stated: Option<u64>,
    /// Its city in the [`Cities`] index, for the city card.
    pub city: Option<usize>,
}

impl Row<'_> {
    /// The tier's id (`full`), or what the member names when the roster does not define it.
    pub fn tier_id(&self) -> &str {
        self.tier
            .map_or(self.entry.tier.as_str(), |t| t.id.as_str())
    }

    /// The tier's label (`Full member`), or what the member names.
    pub fn tier_label(&self) -> &str {
        self.tier
            .map_or(self.entry.tier.as_str(), |t| t.label.as_str())
    }
}

impl CountryMembers<'_> {
    /// Members in the country across the lists looked in (a city in two lists is two).
    pub fn total(&self) -> usize {
        self.groups.iter().map(|g| g.rows.len()).sum()
    }

    /// No list looked in has a member there.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// The country's short English name ("Germany"), or the code for one not in ISO 3166.
    pub fn country_name(&self) -> &str {
        countries::name(&self.code).unwrap_or(&self.code)
    }
}

/// The members of every member list in the country `code` (an ISO alpha-2 code, any
/// case), grouped by network; only the networks in `only` when it is not empty (indexes
/// into `Dataset::networks`; one without a member list adds nothing). `cities` is
/// `Cities::build(data)`: it counts the distinct cities and links each row to its card.
pub fn in_country<'d>(
    data: &'d Dataset,
    cities: &Cities,
    code: &str,
    only: &[usize],
) -> CountryMembers<'d> {
    let code = code.trim().to_ascii_uppercase();
    let mut searched = Vec::new();
    let mut groups = Vec::new();
    for (n, network) in data.networks.iter().enumerate() {
        let Some(roster) = &network.roster else {
            continue;
        };
        if !only.is_empty() && !only.contains(&n) {
            continue;
        }
        searched.push(n);
        let matched = matched_to_geonames(roster);
        let mut keyed: Vec<(String, Row<'d>)> = roster
            .members
            .iter()
            .enumerate()
            .filter(|(_, m)| m.country == code)
            .filter_map(|(i, m)| {
                let member = u32::try_from(i).ok()?;
                let (population, stated) = figures(m, matched);
                let mut key = String::new();
                fold_into(&mut key, &m.name);
                Some((
                    key,
                    Row {
                        member,
                        entry: m,
                        tier: roster.tiers.iter().find(|t| t.id == m.tier),
                        population,
                        stated,
                        city: cities.of(Seat { network: n, member }),
                    },
                ))
            })
            .collect();
        if keyed.is_empty() {
            continue;
        }
        keyed.sort_by(|(a, x), (b, y)| a.cmp(b).then(x.member.cmp(&y.member)));
        groups.push(Group {
            network: n,
            rows: keyed.into_iter().map(|(_, r)| r).collect(),
        });
    }
    let label = |g: &Group| {
        let mut key = String::new();
        fold_into(&mut key, data.networks[g.network].label());
        key
    };
    groups.sort_by(|a, b| {
        b.rows
            .len()
            .cmp(&a.rows.len())
            .then_with(|| label(a).cmp(&label(b)))
            .then(a.network.cmp(&b.network))
    });
    // A row the index does not know (it is built from the same dataset, so none should
    // be) still counts as a city of its own rather than vanishing from the count.
    let mut seen = HashSet::new();
    let mut unplaced = 0;
    for row in groups.iter().flat_map(|g| &g.rows) {
        match row.city {
            Some(c) => {
                seen.insert(c);
            }
            None => unplaced += 1,
        }
    }
    CountryMembers {
        code,
        searched,
        groups,
        cities: seen.len() + unplaced,
    }
}

/// Whether the list's Population column is GeoNames': any member matched to a place
/// (the rule `RosterIndex` follows, so the two show the same figures).
fn matched_to_geonames(roster: &Roster) -> bool {
    roster.members.iter().any(|m| m.geonames.is_some())
}

/// A member's (Population, Stated) figures as the member table shows them. GeoNames'
/// population of 0 means it does not know one.
fn figures(m: &Member, matched: bool) -> (Option<u64>, Option<u64>) {
    if !matched {
        return (m.population, None);
    }
    let geo = m
        .geonames
        .and_then(crate::gazetteer::place)
        .map(|p| p.population)
        .filter(|&p| p > 0);
    (geo, m.population)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::countries;
    use crate::generate;
    use crate::lookup::Lookup;

    fn dataset() -> Dataset {
        generate::pivot_dataset(3_000, 4, 15)
    }

    /// The codes of the countries members are in, most members first.
    fn busiest(d: &Dataset) -> Vec<String> {
        let mut counts: Vec<(String, usize)> = Vec::new();
        for m in d
            .networks
            .iter()
            .filter_map(|n| n.roster.as_ref())
            .flat_map(|r| r.members.iter())
        {
            match counts.iter_mut().find(|(c, _)| *c == m.country) {
                Some(c) => c.1 += 1,
                None => counts.push((m.country.to_string(), 1)),
            }
        }
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        counts.into_iter().map(|(c, _)| c).collect()
    }

    #[test]
    fn every_member_in_the_country_once_and_nothing_else() {
        let d = dataset();
        let cities = Cities::build(&d);
        let code = busiest(&d).remove(0);
        let found = in_country(&d, &cities, &code, &[]);
        assert!(!found.is_empty());
        let mut expected = 0;
        for (n, net) in d.networks.iter().enumerate() {
            let Some(r) = &net.roster else { continue };
            let here = r.members.iter().filter(|m| m.country == code).count();
            expected += here;
            let got = found.groups.iter().find(|g| g.network == n);
            assert_eq!(got.map_or(0, |g| g.rows.len()), here, "network {}", net.id);
        }
        assert_eq!(found.total(), expected);
        for row in found.groups.iter().flat_map(|g| &g.rows) {
            assert_eq!(row.entry.country, code);
        }
        assert!(found.cities <= found.total() && found.cities > 0);
    }

    #[test]
    fn groups_put_the_most_members_first_and_rows_by_name() {
        let d = dataset();
        let cities = Cities::build(&d);
        for code in busiest(&d).iter().take(5) {
            let found = in_country(&d, &cities, code, &[]);
            for pair in found.groups.windows(2) {
                assert!(pair[0].rows.len() >= pair[1].rows.len());
            }
            for g in &found.groups {
                let keys: Vec<String> = g
                    .rows
                    .iter()
                    .map(|r| {
                        let mut k = String::new();
                        fold_into(&mut k, &r.entry.name);
                        k
                    })
                    .collect();
                assert!(keys.windows(2).all(|w| w[0] <= w[1]), "{keys:?}");
            }
        }
    }

    #[test]
    fn distinct_cities_count_a_city_in_several_lists_once() {
        let d = dataset();
        let cities = Cities::build(&d);
        let code = busiest(&d).remove(0);
        let found = in_country(&d, &cities, &code, &[]);
        let ids: HashSet<usize> = found
            .groups
            .iter()
            .flat_map(|g| &g.rows)
            .filter_map(|r| r.city)
            .collect();
        assert_eq!(found.cities, ids.len());
        let in_several = ids
            .iter()
            .filter(|&&c| cities.cities[c].networks().len() > 1)
            .count();
        assert!(
            in_several > 0,
            "the generator puts some cities in several lists"
        );
        assert!(found.cities < found.total());
    }

    #[test]
    fn a_code_in_any_case_and_its_name_give_one_answer() {
        let d = dataset();
        let cities = Cities::build(&d);
        let code = busiest(&d).remove(0);
        let name = countries::name(&code).expect("an ISO code");
        let by_name = countries::lookup(name).found().expect("the name resolves");
        assert_eq!(by_name, code);
        let upper = in_country(&d, &cities, &code, &[]);
        assert_eq!(
            in_country(&d, &cities, &code.to_ascii_lowercase(), &[]),
            upper
        );
        assert_eq!(in_country(&d, &cities, by_name, &[]), upper);
    }

    #[test]
    fn only_some_networks_when_asked() {
        let d = dataset();
        let cities = Cities::build(&d);
        let code = busiest(&d).remove(0);
        let all = in_country(&d, &cities, &code, &[]);
        let first = all.groups[0].network;
        let one = in_country(&d, &cities, &code, &[first]);
        assert_eq!(one.searched, vec![first]);
        assert_eq!(one.groups.len(), 1);
        assert_eq!(one.groups[0], all.groups[0]);
    }

    #[test]
    fn a_country_with_no_members_is_an_empty_answer() {
        let d = dataset();
        let cities = Cities::build(&d);
        let present = busiest(&d);
        let (absent, _) = countries::COUNTRIES
            .iter()
            .find(|(c, _)| !present.iter().any(|p| p == c))
            .expect("some country has no member");
        let found = in_country(&d, &cities, absent, &[]);
        assert!(found.is_empty());
        assert_eq!(found.total(), 0);
        assert_eq!(found.cities, 0);
        assert!(!found.searched.is_empty());
    }

    #[test]
    fn typed_names_resolve_and_a_typo_gets_suggestions() {
        for typed in ["germany", "GERMANY", "Deutschland", "DE", "de", "deu"] {
            assert_eq!(countries::lookup(typed), Lookup::Found("DE"), "{typed}");
        }
        match countries::lookup("germny") {
            Lookup::Unknown(near) => assert_eq!(near.first(), Some(&"DE")),
            other => panic!("germny: {other:?}"),
        }
        assert!(matches!(countries::lookup("korea"), Lookup::Ambiguous(_)));
    }
}
