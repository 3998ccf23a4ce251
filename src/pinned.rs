//! Pins read against the dataset: which city or network each is, and its memberships,
//! through the engine's city index (the one the card and `citynet city` use). Written
//! out as a brief to paste into meeting notes (Markdown), or as CSV or JSON.

use citynet_core::cities::Cities;
use citynet_core::data::{Dataset, countries};

use crate::prefs::state::{Pin, Pins};
use crate::prefs::time;

/// What a pin is in this dataset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pinned {
    City(usize),
    Network(usize),
    /// Nothing in this dataset: a city in no list any more, a network not in `--data`.
    Missing,
}

/// The city or network `pin` names: a city by its GeoNames id where it has one, else by
/// its name and country as shown.
pub fn resolve(data: &Dataset, cities: &Cities, pin: &Pin) -> Pinned {
    if let Some(id) = &pin.network {
        return data
            .networks
            .iter()
            .position(|n| n.id == *id)
            .map_or(Pinned::Missing, Pinned::Network);
    }
    if let Some(c) = pin.geonames.and_then(|g| cities.by_geonames(g)) {
        return Pinned::City(c);
    }
    let (Some(name), Some(country)) = (&pin.city, &pin.country) else {
        return Pinned::Missing;
    };
    cities
        .cities
        .iter()
        .position(|c| c.name == *name && c.country.eq_ignore_ascii_case(country))
        .map_or(Pinned::Missing, Pinned::City)
}

/// The pin for city `city`.
pub fn city_pin(cities: &Cities, city: usize) -> Option<Pin> {
    let c = cities.cities.get(city)?;
    Some(Pin::city(&c.name, &c.country, c.geonames))
}

/// What a pin is called: "Milan (IT)", "Eurocities", or the name it was pinned under.
pub fn title(data: &Dataset, cities: &Cities, pin: &Pin) -> String {
    match resolve(data, cities, pin) {
        Pinned::City(c) => {
            let c = &cities.cities[c];
            format!("{} ({})", c.name, c.country)
        }
        Pinned::Network(i) => data.networks[i].label().to_string(),
        Pinned::Missing => match (&pin.network, &pin.city, &pin.country) {
            (Some(id), _, _) => id.clone(),
            (None, Some(n), Some(c)) => format!("{n} ({c})"),
            (None, Some(n), None) => n.clone(),
            _ => "?".into(),
        },
    }
}

/// One membership of a pinned city, as the brief says it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seat {
    pub network: String,
    pub network_id: String,
    pub tier: String,
    /// The year it joined, where the list says.
    pub since: Option<u16>,
    pub founding: bool,
    /// The list's coverage ("complete, as of 2025").
    pub list: String,
    /// The sources of the list, by title.
    pub sources: Vec<String>,
}

/// A pin with everything the brief says of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub kind: &'static str,
    pub title: String,
    pub country: String,
    /// When it was pinned (a date).
    pub pinned: Option<String>,
    pub seats: Vec<Seat>,
    /// For a network: its member count and list coverage, where it has a list.
    pub note: Option<String>,
    pub missing: bool,
}

fn source_titles(data: &Dataset, ids: &[String]) -> Vec<String> {
    ids.iter()
        .map(|id| {
            data.source(id).map_or_else(
                || id.clone(),
                |s| match &s.url {
                    Some(u) => format!("{} ({u})", s.title),
                    None => s.title.clone(),
                },
            )
        })
        .collect()
}

/// Every pin, in the order pinned, read against the dataset.
pub fn entries(data: &Dataset, cities: &Cities, pins: &Pins) -> Vec<Entry> {
    pins.pins
        .iter()
        .map(|pin| {
            let pinned = pin.pinned.as_deref().and_then(time::parse).map(time::date);
            let title = title(data, cities, pin);
            match resolve(data, cities, pin) {
                Pinned::City(c) => {
                    let city = &cities.cities[c];
                    let seats = city
                        .memberships(data)
                        .into_iter()
                        .map(|ms| {
                            let roster = ms.network.roster.as_ref();
                            Seat {
                                network: ms.network.label().to_string(),
                                network_id: ms.network.id.clone(),
                                tier: ms.tier.to_string(),
                                since: ms.member.since,
                                founding: ms.founding,
                                list: roster.map_or_else(String::new, |r| r.coverage()),
                                sources: roster
                                    .map_or_else(Vec::new, |r| source_titles(data, &r.sources)),
                            }
                        })
                        .collect();
                    Entry {
                        kind: "city",
                        title,
                        country: city.country.clone(),
                        pinned,
                        seats,
                        note: None,
                        missing: false,
                    }
                }
                Pinned::Network(i) => {
                    let n = &data.networks[i];
                    let note = n
                        .roster
                        .as_ref()
                        .map(|r| format!("{} members listed ({})", r.members.len(), r.coverage()));
                    Entry {
                        kind: "network",
                        title,
                        country: String::new(),
                        pinned,
                        seats: Vec::new(),
                        note,
                        missing: false,
                    }
                }
                Pinned::Missing => Entry {
                    kind: if pin.network.is_some() {
                        "network"
                    } else {
                        "city"
                    },
                    title,
                    country: pin.country.clone().unwrap_or_default(),
                    pinned,
                    seats: Vec::new(),
                    note: None,
                    missing: true,
                },
            }
        })
        .collect()
}

/// Markdown has few characters that change text; these are escaped in names.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The pins as a brief: each city with its networks, tiers, since when and the lists'
/// sources; each network with its list.
pub fn markdown(data: &Dataset, entries: &[Entry]) -> String {
    let mut out = String::from("## Pinned cities and networks\n\n");
    if entries.is_empty() {
        out.push_str("Nothing is pinned (press `p` on a city or network in citynet).\n");
        return out;
    }
    for e in entries {
        let country = countries::name(&e.country).unwrap_or(&e.country);
        let when = e
            .pinned
            .as_deref()
            .map_or(String::new(), |d| format!(" (pinned {d})"));
        if e.kind == "city" {
            out.push_str(&format!("### {}{when}\n\n", md(&e.title)));
            if e.missing {
                out.push_str(&format!("In none of the {}.\n\n", md(&data.lists_cover())));
                continue;
            }
            if !country.is_empty() {
                out.push_str(&format!(
                    "{}; in {} of the {}.\n\n",
                    md(country),
                    e.seats.len(),
                    md(&data.lists_cover())
                ));
            }
            for s in &e.seats {
                let mut what = md(&s.tier);
                if let Some(y) = s.since {
                    what.push_str(&format!(", since {y}"));
                }
                if s.founding {
                    what.push_str(", founding member");
                }
                out.push_str(&format!(
                    "- **{}**: {what} (list {}; source: {})\n",
                    md(&s.network),
                    md(&s.list),
                    md(&s.sources.join("; "))
                ));
            }
            out.push('\n');
        } else {
            out.push_str(&format!("### {} (network){when}\n\n", md(&e.title)));
            match (&e.note, e.missing) {
                (_, true) => out.push_str("Not in this dataset.\n\n"),
                (Some(n), _) => out.push_str(&format!("{}.\n\n", md(n))),
                (None, _) => out.push_str("No member list in this dataset.\n\n"),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pinned_city_reads_back_with_its_memberships() {
        let data = crate::embedded::embedded().unwrap();
        let cities = Cities::build(&data);
        let milan = cities
            .cities
            .iter()
            .position(|c| c.name == "Milan" && c.country == "IT")
            .unwrap();
        let pins = Pins {
            version: 2,
            pins: vec![city_pin(&cities, milan).unwrap(), Pin::network("c40")],
        };
        let e = entries(&data, &cities, &pins);
        assert_eq!(resolve(&data, &cities, &pins.pins[0]), Pinned::City(milan));
        assert_eq!(e[0].seats.len(), cities.cities[milan].networks().len());
        assert!(e[0].seats.iter().any(|s| s.network_id == "eurocities"));
        let brief = markdown(&data, &e);
        assert!(brief.contains("### Milan (IT) (pinned "), "{brief}");
        assert!(brief.contains("- **Eurocities**: "), "{brief}");
        assert!(brief.contains("### C40"), "{brief}");
        // A pin of a city not in the data says so rather than vanish.
        let gone = Pins {
            version: 2,
            pins: vec![Pin::city("Atlantis", "GR", None)],
        };
        let e = entries(&data, &cities, &gone);
        assert!(e[0].missing);
        assert!(markdown(&data, &e).contains("In none of the"));
    }
}
