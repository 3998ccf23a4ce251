//! The city pivot on the command line: `citynet city NAME` (every network a city is in) and
//! `citynet cities --in A --in B --not-in C` (set queries over rosters).

use super::errors::Failure;
use super::output::{Cell, Column, Format, Table};
use super::resolve::{city_named, country_codes, network_named};
use super::{CitiesArgs, CityArgs};
use citynet_core::cities::Cities;
use citynet_core::data::{Completeness, Dataset, countries};
use citynet_core::text::safe;

/// A city's card: one row per network it is in.
pub fn city(data: &Dataset, args: &CityArgs) -> Result<(String, Table), Failure> {
    let cities = Cities::build(data);
    let c = city_named(data, &cities, &args.name, &args.country)?;
    let city = &cities.cities[c];
    let country = countries::name(&city.country).unwrap_or("unknown country");
    let ns = if city.lat >= 0.0 { 'N' } else { 'S' };
    let ew = if city.lon >= 0.0 { 'E' } else { 'W' };
    let mut head = format!("{}, {country} ({})\n", safe(&city.name), city.country);
    if city.names.len() > 1 {
        head.push_str(&format!(
            "Also known as: {}\n",
            safe(&city.names[1..].join(", "))
        ));
    }
    head.push_str(&format!(
        "Location: {:.2}° {ns}, {:.2}° {ew}\n",
        city.lat.abs(),
        city.lon.abs()
    ));
    head.push_str(&format!(
        "In {} of the {} networks with a member list:\n\n",
        city.networks().len(),
        data.networks.iter().filter(|n| n.roster.is_some()).count()
    ));
    let mut table = Table {
        columns: vec![
            Column::data_only("city", "City"),
            Column::data_only("country", "Country"),
            Column::new("network", "Network"),
            Column::new("network_name", "Name"),
            Column::new("tier", "Tier or category"),
            Column::unless_empty("since", "Since"),
            Column::unless_empty("note", "Note"),
        ],
        rows: Vec::new(),
    };
    for ms in city.memberships(data) {
        let (n, m, founding) = (ms.network, ms.member, ms.founding);
        let tier = ms.tier.to_string();
        table.rows.push(vec![
            Cell::Text(m.name.clone()),
            Cell::Text(m.country.clone()),
            Cell::Text(n.id.clone()),
            Cell::Text(n.label().to_string()),
            Cell::Text(tier),
            m.since.map_or(Cell::Empty, Cell::Year),
            if founding {
                Cell::Text("founding member".into())
            } else {
                Cell::Empty
            },
        ]);
    }
    Ok((head, table))
}

/// A note for stderr on each partial roster a query counts, so a count is never read as
/// complete when it is not.
pub fn partial_notes(data: &Dataset, networks: &[usize]) -> Vec<String> {
    networks
        .iter()
        .filter_map(|&i| {
            let n = data.networks.get(i)?;
            match &n.roster.as_ref()?.completeness {
                Completeness::Partial { listed, total, .. } => Some(format!(
                    "note: {}'s member list is partial ({listed} of {total}); counts involving it are lower bounds",
                    safe(n.label())
                )),
                Completeness::Complete => None,
            }
        })
        .collect()
}

/// Set queries over rosters: cities in every `--in` network and in no `--not-in` one.
pub fn cities(data: &Dataset, args: &CitiesArgs) -> Result<(Table, Vec<String>), Failure> {
    let resolve = |names: &[String]| -> Result<Vec<usize>, Failure> {
        names
            .iter()
            .map(|t| {
                let i = network_named(data, t)?;
                if data.networks[i].roster.is_none() {
                    return Err(Failure::Usage(format!(
                        "{} has no member list in this dataset",
                        safe(data.networks[i].label())
                    )));
                }
                Ok(i)
            })
            .collect()
    };
    let all = resolve(&args.in_)?;
    let none = resolve(&args.not_in)?;
    let codes = country_codes(&args.country)?;
    let index = Cities::build(data);
    let mut ids = index.select(&all, &none);
    if !codes.is_empty() {
        ids.retain(|&c| codes.contains(&index.cities[c].country.as_str()));
    }
    let mut table = Table {
        columns: vec![
            Column::new("city", "City"),
            Column::new("country", "Code"),
            Column::new("country_name", "Country"),
            Column::new("networks", "Networks"),
            Column::data_only("names", "Names"),
            Column::new("lat", "Lat"),
            Column::new("lon", "Lon"),
        ],
        rows: Vec::new(),
    };
    for c in ids {
        let city = &index.cities[c];
        let nets: Vec<String> = city
            .networks()
            .iter()
            .filter_map(|&n| data.networks.get(n).map(|n| n.id.clone()))
            .collect();
        table.rows.push(vec![
            Cell::Text(city.name.clone()),
            Cell::Text(city.country.clone()),
            Cell::Text(countries::name(&city.country).unwrap_or("").to_string()),
            Cell::List(nets),
            Cell::List(city.names.clone()),
            Cell::Float(city.lat),
            Cell::Float(city.lon),
        ]);
    }
    let counted: Vec<usize> = if all.is_empty() {
        (0..data.networks.len()).collect()
    } else {
        all.iter().chain(&none).copied().collect()
    };
    Ok((table, partial_notes(data, &counted)))
}

/// Whether `city`'s header text goes with this format (not for CSV and JSON, which are
/// for programs).
pub fn wants_header(format: Format) -> bool {
    matches!(format, Format::Table | Format::Markdown)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::embedded::embedded;

    #[test]
    fn the_command_line_answers_through_the_engines_lookup() {
        let d = embedded().expect("loads");
        let c = Cities::build(&d);
        let name = |q: &str, country: &[&str]| {
            let country: Vec<String> = country.iter().map(|s| s.to_string()).collect();
            city_named(&d, &c, q, &country).map(|i| c.cities[i].name.clone())
        };
        // Whatever the engine answers, the command answers; it adds only the wording.
        for q in ["milano", "LODZ", "koeln", "london", "pairs", "zzzzqqq"] {
            let engine = c.lookup(q, &[]).found().map(|i| c.cities[i].name.clone());
            assert_eq!(name(q, &[]).ok(), engine, "{q}");
        }
        assert_eq!(name("milano", &[]).as_deref(), Ok("Milan"));
        let london = name("london", &[]).expect_err("two Londons");
        assert!(london.message().contains("GB") && london.message().contains("CA"));
        assert_eq!(london.code(), 2);
        assert_eq!(name("london", &["ca"]).as_deref(), Ok("London"));
        assert_eq!(name("london", &["UK"]).as_deref(), Ok("London"));
        let typo = name("pairs", &[]).expect_err("a typo is no answer");
        assert_eq!(typo.code(), 2);
        assert!(
            typo.message()
                .contains("Did you mean:\n  Paris (FR, France)")
        );
    }
}
