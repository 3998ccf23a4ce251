//! The command line's side of lookups: the engine decides what a name means
//! (`citynet_core::lookup`, `Cities::lookup`, `countries::lookup`); here a name that is not
//! an answer becomes a usage failure (exit 2) that says why and lists the candidates, one
//! a line, so a person can pick one and run the command again.

use super::errors::Failure;

use citynet_core::cities::{Cities, City, Place};
use citynet_core::data::{Dataset, Network, countries};
use citynet_core::gazetteer;
use citynet_core::lookup::{self, Lookup};
use citynet_core::text::{safe, width};

/// Rows of two columns, the first padded to one width: `\n  a  b` each.
fn aligned(rows: &[(String, String)]) -> String {
    let w = rows.iter().map(|(a, _)| width(a)).max().unwrap_or(0);
    rows.iter()
        .map(|(a, b)| format!("\n  {a}{}  {b}", " ".repeat(w - width(a))))
        .collect()
}

/// The networks at `indices`, one a line: id, then name, escaped and aligned.
pub fn network_rows(data: &Dataset, indices: &[usize]) -> String {
    let rows: Vec<(String, String)> = indices
        .iter()
        .filter_map(|&i| data.networks.get(i))
        .map(|n: &Network| (safe(&n.id).into_owned(), safe(&n.full_title()).into_owned()))
        .collect();
    aligned(&rows)
}

/// The network a person named, or a usage failure that lists the candidates.
pub fn network_named(data: &Dataset, typed: &str) -> Result<usize, Failure> {
    let shown = safe(typed);
    match lookup::network(&data.networks, typed) {
        Lookup::Found(i) => Ok(i),
        Lookup::Ambiguous(c) => Err(Failure::Usage(format!(
            "“{shown}” could be {} networks; name one by its id:{}",
            c.len(),
            network_rows(data, &c)
        ))),
        Lookup::Unknown(c) if c.is_empty() => Err(Failure::Usage(format!(
            "no network is called “{shown}”; `citynet list` shows them all."
        ))),
        Lookup::Unknown(c) => Err(Failure::Usage(format!(
            "no network is called “{shown}”. Did you mean:{}",
            network_rows(data, &c)
        ))),
    }
}

fn country_rows(codes: &[&str]) -> String {
    let rows: Vec<(String, String)> = codes
        .iter()
        .map(|c| (c.to_string(), countries::name(c).unwrap_or("").to_string()))
        .collect();
    aligned(&rows)
}

/// The country a person named (an ISO code or any usual name), or a usage failure.
pub fn country_named(typed: &str) -> Result<&'static str, Failure> {
    let shown = safe(typed.trim());
    match countries::lookup(typed) {
        Lookup::Found(code) => Ok(code),
        Lookup::Ambiguous(c) => Err(Failure::Usage(format!(
            "“{shown}” could be {} countries; name one by its code:{}",
            c.len(),
            country_rows(&c)
        ))),
        Lookup::Unknown(c) if c.is_empty() => Err(Failure::Usage(format!(
            "no country is called “{shown}”; use an ISO 3166-1 code like DE or a name like Germany"
        ))),
        Lookup::Unknown(c) => Err(Failure::Usage(format!(
            "no country is called “{shown}”. Did you mean:{}",
            country_rows(&c)
        ))),
    }
}

/// `--country` values (each may hold several, comma-separated) as ISO codes.
pub fn country_codes(wanted: &[String]) -> Result<Vec<&'static str>, Failure> {
    let mut out: Vec<&'static str> = Vec::new();
    for w in wanted.iter().flat_map(|w| w.split(',')) {
        if w.trim().is_empty() {
            continue;
        }
        let code = country_named(w)?;
        if !out.contains(&code) {
            out.push(code);
        }
    }
    Ok(out)
}

/// A city as a candidate line reads: `London (GB, United Kingdom) · C40, Eurocities`.
pub fn describe_city(data: &Dataset, c: &City) -> String {
    let nets: Vec<&str> = c
        .networks()
        .iter()
        .filter_map(|&n| Some(data.networks.get(n)?.label()))
        .collect();
    let mut out = format!(
        "{} ({}, {})",
        safe(&c.name),
        safe(&c.country),
        countries::name(&c.country).unwrap_or("unknown country")
    );
    if !nets.is_empty() {
        out.push_str(" · ");
        out.push_str(&safe(&nets.join(", ")));
    }
    out
}

/// The one city a person named: any of its names exactly (folded, spaces and punctuation
/// aside, `koeln` for Köln), or any name GeoNames gives a city (`geneva`, `Mailand`), in
/// one of `country` where given. Several: a usage failure that lists them; none: one that
/// lists the closest names. Never a guess.
pub fn city_named(
    data: &Dataset,
    cities: &Cities,
    typed: &str,
    country: &[String],
) -> Result<Place, Failure> {
    let codes = country_codes(country)?;
    let shown = safe(typed);
    let list = |found: &[Place]| -> String {
        found
            .iter()
            .map(|&p| format!("\n  {}", describe_place(data, cities, p)))
            .collect()
    };
    match cities.lookup_anywhere(typed, &codes) {
        Lookup::Found(p) => Ok(p),
        Lookup::Ambiguous(c) => Err(Failure::Usage(format!(
            "“{shown}” could be {} cities; add --country to pick one:{}",
            c.len(),
            list(&c)
        ))),
        Lookup::Unknown(c) if c.is_empty() => Err(Failure::Usage(format!(
            "no city is called “{shown}”{}: not in the member lists, nor among GeoNames' cities",
            if codes.is_empty() {
                ""
            } else {
                " in that country"
            }
        ))),
        Lookup::Unknown(c) => Err(Failure::Usage(format!(
            "no city is called “{shown}”. Did you mean:{}",
            list(&c)
        ))),
    }
}

/// A place as a candidate line reads: a listed city with its lists, or a GeoNames city.
pub fn describe_place(data: &Dataset, cities: &Cities, place: Place) -> String {
    match place {
        Place::Listed(c) => describe_city(data, &cities.cities[c]),
        Place::Elsewhere(id) => match gazetteer::embedded().ok().and_then(|g| g.by_id(id)) {
            Some(p) => format!(
                "{} ({}, {}) · in no member list",
                safe(p.name),
                safe(p.country),
                countries::name(p.country).unwrap_or("unknown country")
            ),
            None => format!("GeoNames place {id}"),
        },
    }
}
