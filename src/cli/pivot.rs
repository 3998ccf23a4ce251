//! The city pivot on the command line: `citynet city NAME` (every network a city is in) and
//! `citynet cities --in A --in B --not-in C` (set queries over rosters).

use super::errors::Failure;
use super::output::{Cell, Column, Format, Table};
use super::resolve::{city_named, country_codes, network_named};
use super::{CitiesArgs, CityArgs};
use citynet_core::cities::{Cities, Place};
use citynet_core::data::geo::degrees;
use citynet_core::data::{Completeness, Dataset, countries, group_thousands};
use citynet_core::gazetteer;
use citynet_core::text::safe;

/// A city's card: the heading lines, one row per membership, and the credits its data
/// needs (CC BY: GeoNames, the JRC).
pub fn city(data: &Dataset, args: &CityArgs) -> Result<(String, Table, String), Failure> {
    let cities = Cities::build(data);
    let mut table = Table {
        columns: vec![
            Column::data_only("city", "City"),
            Column::data_only("country", "Country"),
            Column::new("network", "Network"),
            Column::new("network_name", "Name"),
            Column::new("tier", "Tier or status"),
            Column::unless_empty("since", "Since"),
            Column::new("list", "List"),
            Column::unless_empty("note", "Note"),
        ],
        rows: Vec::new(),
    };
    let mut credits: Vec<&str> = Vec::new();
    let c = match city_named(data, &cities, &args.name(), &args.country)? {
        Place::Listed(c) => c,
        Place::Elsewhere(id) => {
            let Some(p) = gazetteer::embedded().ok().and_then(|g| g.by_id(id)) else {
                return Err(Failure::Data(format!(
                    "GeoNames place {id} is not in the gazetteer"
                )));
            };
            let country = countries::name(p.country).unwrap_or("unknown country");
            let head = format!(
                "{}, {country} ({})\nLocation: {} (GeoNames)\nPopulation: {} ({})\nIn none of the {}.\n",
                safe(p.name),
                safe(p.country),
                degrees(p.lat, p.lon),
                group_thousands(p.population),
                gazetteer::POPULATION_SOURCE,
                data.lists_cover(),
            );
            return Ok((head, table, format!("\n{}\n", gazetteer::CREDIT)));
        }
    };
    let city = &cities.cities[c];
    let country = countries::name(&city.country).unwrap_or("unknown country");
    let mut head = format!("{}, {country} ({})\n", safe(&city.name), city.country);
    if city.names.len() > 1 {
        head.push_str(&format!(
            "Also known as: {}\n",
            safe(&city.names[1..].join(", "))
        ));
    }
    head.push_str(&format!(
        "Location: {} ({})\n",
        degrees(city.lat, city.lon),
        city.point_source()
    ));
    if let Some(pop) = city.population {
        head.push_str(&format!(
            "Population: {} ({})\n",
            group_thousands(pop),
            gazetteer::POPULATION_SOURCE
        ));
        credits.push(gazetteer::CREDIT);
    }
    let memberships = city.memberships(data);
    for ms in &memberships {
        // Shown beside GeoNames', with its date, where the two differ.
        if let Some(declared) = crate::facts::declared_population(ms, city) {
            head.push_str(&format!("Population: {declared}\n"));
        }
    }
    let also = cities.also_named(&args.name(), c);
    if !also.is_empty() && args.country.is_empty() {
        let g = gazetteer::embedded().ok();
        let names: Vec<String> = also
            .iter()
            .filter_map(|&id| g.and_then(|g| g.by_id(id)))
            .take(3)
            .map(|p| format!("{} ({})", safe(p.name), safe(p.country)))
            .collect();
        head.push_str(&format!(
            "Not to be confused with: {}, in no member list (add --country to see one)\n",
            names.join(", ")
        ));
        credits.push(gazetteer::CREDIT);
    }
    head.push_str(&format!(
        "In {} of the {}:\n\n",
        city.networks().len(),
        data.lists_cover()
    ));
    for ms in memberships {
        let (n, m, founding) = (ms.network, ms.member, ms.founding);
        let Some(roster) = n.roster.as_ref() else {
            continue;
        };
        for credit in data.credits(roster) {
            if !credits.contains(&credit) {
                credits.push(credit);
            }
        }
        table.rows.push(vec![
            Cell::Text(m.name.to_string()),
            Cell::Text(m.country.to_string()),
            Cell::Text(n.id.clone()),
            Cell::Text(n.label().to_string()),
            Cell::Text(ms.tier.to_string()),
            m.since.map_or(Cell::Empty, Cell::Year),
            Cell::Text(roster.coverage()),
            if founding {
                Cell::Text("founding member".into())
            } else {
                Cell::Empty
            },
        ]);
    }
    credits.dedup();
    let foot = if credits.is_empty() {
        String::new()
    } else {
        format!("\n{}\n", credits.join("\n"))
    };
    Ok((head, table, foot))
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
            city_named(&d, &c, q, &country).map(|p| match p {
                Place::Listed(i) => c.cities[i].name.clone(),
                Place::Elsewhere(id) => format!("GeoNames {id}"),
            })
        };
        // Whatever the engine answers, the command answers; it adds only the wording.
        for q in [
            "milano", "LODZ", "koeln", "london", "pairs", "zzzzqqq", "geneva",
        ] {
            let engine = c.lookup_anywhere(q, &[]).found().map(|p| match p {
                Place::Listed(i) => c.cities[i].name.clone(),
                Place::Elsewhere(id) => format!("GeoNames {id}"),
            });
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
