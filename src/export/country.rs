//! One country across every member list as text: `citynet country NAME`'s report, which
//! the country view's `y` copies too, and its flat table for CSV, JSON and Markdown.
//!
//! The report is a heading per network with its count, then that network's rows; the flat
//! table has a Network column, then `citynet members --format csv`'s columns in their
//! order, then the GeoNames id that tells one city from two.

use crate::cli::output::{Cell, Column, Format, Styling, Table};
use citynet_core::country::{CountryMembers, Group, Row};
use citynet_core::data::{Completeness, Dataset, countries, group_thousands};
use citynet_core::gazetteer;
use citynet_core::text::safe;

/// The report as plain text, as the table format prints it to a pipe: what `y` copies.
pub fn text(data: &Dataset, found: &CountryMembers) -> String {
    let render = |t: &Table| t.render(Format::Table, Styling::default());
    let bytes = grouped(data, found, &render).unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// "no member list has a member in Iceland (IS)", with how many lists were looked in.
pub fn none_there(data: &Dataset, found: &CountryMembers) -> String {
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
pub fn heading(data: &Dataset, g: &Group) -> String {
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
pub fn grouped<E>(
    data: &Dataset,
    found: &CountryMembers,
    render: &dyn Fn(&Table) -> Result<Vec<u8>, E>,
) -> Result<Vec<u8>, E> {
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
                        Cell::Text(r.entry.name.to_string()),
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
pub fn flat(data: &Dataset, found: &CountryMembers) -> Table {
    let mut columns = vec![Column::whole("network", "Network")];
    columns.extend(super::member_columns());
    columns.push(Column::data_only("geonames", "GeoNames id"));
    let row = |network: &str, r: &Row| -> Vec<Cell> {
        let m = r.entry;
        let mut cells = vec![Cell::Text(network.to_string())];
        cells.extend(super::member_cells(
            m,
            countries::name(&m.country).unwrap_or(""),
            r.tier,
            r.population,
            r.stated,
        ));
        cells.push(
            m.geonames
                .map_or(Cell::Empty, |id| Cell::Int(u64::from(id))),
        );
        cells
    };
    Table {
        columns,
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
