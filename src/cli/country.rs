//! `citynet country NAME`: one country across every member list, grouped by network
//! (`citynet_core::country::in_country`).
//!
//! The table is a heading per network with its count, then that network's rows; CSV,
//! JSON and Markdown are one flat table with a Network column, whose other columns are
//! `citynet members --format csv`'s, in its order.

use super::errors::Failure;
use super::output::{Cell, Column, Format, Styling, Table};
use super::resolve::{country_named, network_named, network_rows};
use super::{CountryArgs, Terminal};
use citynet_core::cities::Cities;
use citynet_core::country::{CountryMembers, Group, Row, in_country};
use citynet_core::data::{Completeness, Dataset, countries, group_thousands};
use citynet_core::gazetteer;
use citynet_core::text::safe;

/// What the command prints: on stdout, and a note for stderr when a format for programs
/// has no rows to carry the "none" (an empty CSV could pass for an answer).
pub struct Printed {
    pub stdout: Vec<u8>,
    pub stderr: Option<String>,
}

/// The networks `--network` names, as dataset indexes; each must have a member list.
fn networks_named(data: &Dataset, typed: &[String]) -> Result<Vec<usize>, Failure> {
    let with_roster: Vec<usize> = (0..data.networks.len())
        .filter(|&i| data.networks[i].roster.is_some())
        .collect();
    let mut out = Vec::new();
    for t in typed.iter().flat_map(|t| t.split(',')) {
        if t.trim().is_empty() {
            continue;
        }
        let i = network_named(data, t)?;
        if data.networks[i].roster.is_none() {
            return Err(Failure::Usage(format!(
                "{} has no member list in this dataset; networks with one:{}",
                safe(data.networks[i].label()),
                network_rows(data, &with_roster)
            )));
        }
        if !out.contains(&i) {
            out.push(i);
        }
    }
    Ok(out)
}

/// `citynet country`: resolves the name and the networks, and renders the answer.
pub fn country(data: &Dataset, args: &CountryArgs, term: Terminal) -> Result<Printed, Failure> {
    let code = country_named(&args.name())?;
    let only = networks_named(data, &args.network)?;
    let cities = Cities::build(data);
    let found = in_country(data, &cities, code, &only);
    let styling = Styling {
        bold: term.styled,
        width: term.width.map(usize::from),
        raw: args.format.raw,
    };
    let render = |t: &Table, f: Format| {
        t.render(f, styling)
            .map_err(|e| Failure::Io(format!("cannot format the output: {e}")))
    };
    match args.format.format {
        Format::Table => Ok(Printed {
            stdout: grouped(data, &found, &|t| render(t, Format::Table))?,
            stderr: None,
        }),
        f => Ok(Printed {
            stdout: render(&flat(data, &found), f)?,
            stderr: found
                .is_empty()
                .then(|| format!("citynet: {}", none_there(data, &found))),
        }),
    }
}

/// "no member list has a member in Iceland (IS)", with how many lists were looked in.
fn none_there(data: &Dataset, found: &CountryMembers) -> String {
    let lists = found.searched.len();
    let all = data.networks.iter().filter(|n| n.roster.is_some()).count();
    let which = if lists == all {
        String::new()
    } else {
        format!(" of the {lists} asked for")
    };
    format!(
        "no member list{which} has a member in {} ({})",
        found.country_name(),
        found.code
    )
}

/// A network's heading: "Eurocities (eurocities): 14 members", and how whole a partial
/// list is, so a count is never read as complete when it is not.
fn heading(data: &Dataset, g: &Group) -> String {
    let n = &data.networks[g.network];
    let count = g.rows.len();
    let mut s = format!(
        "{} ({}): {} member{}",
        safe(n.label()),
        safe(&n.id),
        group_thousands(count as u64),
        if count == 1 { "" } else { "s" }
    );
    if let Some(r) = n
        .roster
        .as_ref()
        .filter(|r| matches!(r.completeness, Completeness::Partial { .. }))
    {
        s.push_str(&format!(" (partial list: {})", r.coverage()));
    }
    s
}

/// The table format: a summary line, then per network its heading and rows.
fn grouped(
    data: &Dataset,
    found: &CountryMembers,
    render: &dyn Fn(&Table) -> Result<Vec<u8>, Failure>,
) -> Result<Vec<u8>, Failure> {
    if found.is_empty() {
        let mut s = none_there(data, found);
        if let Some(first) = s.get(..1) {
            s = first.to_uppercase() + &s[1..];
        }
        return Ok(format!("{s}.\n").into_bytes());
    }
    let total = found.total();
    let lists = found.groups.len();
    let mut out = format!(
        "{} ({}): {} member{} in {} of the {} member list{} looked in; {} distinct {}\n",
        found.country_name(),
        found.code,
        group_thousands(total as u64),
        if total == 1 { "" } else { "s" },
        lists,
        found.searched.len(),
        if found.searched.len() == 1 { "" } else { "s" },
        group_thousands(found.cities as u64),
        if found.cities == 1 { "city" } else { "cities" },
    )
    .into_bytes();
    let mut credits: Vec<&str> = Vec::new();
    for g in &found.groups {
        out.extend(format!("\n{}\n", heading(data, g)).into_bytes());
        let table = Table {
            columns: vec![
                Column::new("city", "City").keep(3),
                Column::new("tier", "Tier").keep(2),
                Column::unless_empty("population", "Population"),
                Column::unless_empty("since", "Since"),
            ],
            rows: g
                .rows
                .iter()
                .map(|r| {
                    vec![
                        Cell::Text(r.entry.name.clone()),
                        Cell::Text(r.tier_label().to_string()),
                        r.population.map_or(Cell::Empty, Cell::Int),
                        r.entry.since.map_or(Cell::Empty, Cell::Year),
                    ]
                })
                .collect(),
        };
        out.extend(render(&table)?);
        if let Some(r) = &data.networks[g.network].roster {
            credits.extend(data.credits(r));
        }
        if g.rows.iter().any(|r| r.entry.geonames.is_some()) {
            credits.push(gazetteer::CREDIT);
        }
    }
    let mut seen: Vec<&str> = Vec::new();
    credits.retain(|c| {
        let new = !seen.contains(c);
        seen.push(c);
        new
    });
    if !credits.is_empty() {
        out.extend(format!("\n{}\n", credits.join("\n")).into_bytes());
    }
    Ok(out)
}

/// CSV, JSON and Markdown: one row per membership, the network first, then the columns
/// of `citynet members --format csv`, then the GeoNames id that tells one city from two.
fn flat(data: &Dataset, found: &CountryMembers) -> Table {
    let row = |network: &str, r: &Row| -> Vec<Cell> {
        let m = r.entry;
        vec![
            Cell::Text(network.to_string()),
            Cell::Text(m.name.clone()),
            Cell::Text(m.country.clone()),
            Cell::Text(countries::name(&m.country).unwrap_or("").to_string()),
            Cell::Text(r.tier_id().to_string()),
            Cell::Text(m.kind.label().to_string()),
            r.population.map_or(Cell::Empty, Cell::Int),
            r.stated.map_or(Cell::Empty, Cell::Int),
            m.since.map_or(Cell::Empty, Cell::Year),
            Cell::Float(m.lat),
            Cell::Float(m.lon),
            Cell::List(m.aka.clone()),
            Cell::Text(r.tier_label().to_string()),
            m.geonames
                .map_or(Cell::Empty, |id| Cell::Int(u64::from(id))),
        ]
    };
    Table {
        columns: vec![
            Column::whole("network", "Network"),
            Column::new("city", "City"),
            Column::new("country", "Code"),
            Column::new("country_name", "Country"),
            Column::new("tier", "Tier"),
            Column::new("kind", "Kind"),
            Column::unless_empty("population", "Population"),
            Column::unless_empty("stated", "Stated"),
            Column::unless_empty("since", "Since"),
            Column::new("lat", "Lat"),
            Column::new("lon", "Lon"),
            Column::data_only("aka", "Also known as"),
            Column::data_only("tier_label", "Tier name"),
            Column::data_only("geonames", "GeoNames id"),
        ],
        rows: found
            .groups
            .iter()
            .flat_map(|g| {
                let id = data.networks[g.network].id.as_str();
                g.rows.iter().map(move |r| row(id, r))
            })
            .collect(),
    }
}
