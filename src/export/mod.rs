//! Getting answers out: a network or a member as plain text, a roster view as a table
//! (CSV for the clipboard, every format for the command line), and the command line that
//! repeats a view. Putting text on the clipboard is `crate::clipboard`'s.

pub mod country;

use crate::cli::output::{Cell, Column, Format, Made, Styling, Table};
use citynet_core::data::{Dataset, Member, Network, Roster, Tier, countries, group_thousands};
use citynet_core::roster::{RosterIndex, Sort, SortColumn};

/// A network as a short plain-text card: name, summary, figures, website.
pub fn network_text(data: &Dataset, n: &Network) -> String {
    let mut out = n.full_title();
    out.push('\n');
    out.push_str(&n.summary);
    out.push('\n');
    for f in &n.figures {
        out.push_str("- ");
        out.push_str(&f.phrase());
        if !f.sources.is_empty() {
            let by: Vec<&str> = f
                .sources
                .iter()
                .map(|id| {
                    data.sources
                        .iter()
                        .find(|s| &s.id == id)
                        .map_or(id.as_str(), |s| s.publisher.as_str())
                })
                .collect();
            out.push_str(&format!(" (source: {})", by.join(", ")));
        }
        out.push('\n');
    }
    for t in &n.targets {
        out.push_str(&format!("- target by {}: {}\n", t.by, t.goal));
    }
    for w in &n.website {
        out.push_str(&w.value);
        out.push('\n');
    }
    out
}

fn tier_label<'r>(roster: &'r Roster, m: &'r Member) -> &'r str {
    roster
        .tiers
        .iter()
        .find(|t| t.id == m.tier)
        .map_or(m.tier.as_str(), |t| t.label.as_str())
}

/// One member as a line: "Łódź, Poland (PL) — Full member, Eurocities".
pub fn member_text(network: &Network, roster: &Roster, m: &Member) -> String {
    let country = countries::name(&m.country).unwrap_or("unknown country");
    let mut s = format!(
        "{}, {country} ({}) — {}, {}",
        m.name,
        m.country,
        tier_label(roster, m),
        network.label()
    );
    if !m.aka.is_empty() {
        s.push_str(&format!("; also {}", m.aka.join(", ")));
    }
    if let Some(p) = m.population {
        s.push_str(&format!("; population {}", group_thousands(p)));
    }
    s
}

/// A city's card as text: names, place, and every network it is in with its tier.
pub fn city_text(data: &Dataset, cities: &citynet_core::cities::Cities, city: usize) -> String {
    let Some(c) = cities.cities.get(city) else {
        return String::new();
    };
    let country = countries::name(&c.country).unwrap_or("unknown country");
    let mut out = format!("{}, {country} ({})\n", c.name, c.country);
    if c.names.len() > 1 {
        out.push_str(&format!("also: {}\n", c.names[1..].join(", ")));
    }
    for ms in c.memberships(data) {
        out.push_str(&format!("- {}: {}\n", ms.network.label(), ms.tier));
    }
    out
}

/// Members as the one table every export of a roster uses: `citynet members` in each
/// format and the member table's `Y` alike, so the columns and number formats agree.
pub fn member_table(
    roster: &Roster,
    index: &RosterIndex,
    members: impl IntoIterator<Item = u32>,
) -> Table {
    let rows = members
        .into_iter()
        .filter_map(|member| member_row(roster, index, member))
        .collect();
    Table {
        columns: member_columns(),
        rows,
    }
}

/// [`member_table`]'s rows, made one at a time as they are written: for a command that
/// prints a whole large roster, which would otherwise hold every cell of it at once.
pub fn member_rows(roster: &Roster, index: RosterIndex, mut members: Vec<u32>) -> Made<'_> {
    members.retain(|&m| (m as usize) < roster.members.len());
    Made {
        columns: member_columns(),
        len: members.len(),
        row: Box::new(move |i| {
            let member = members.get(i).copied().unwrap_or_default();
            member_row(roster, &index, member).unwrap_or_default()
        }),
    }
}

/// One member's row, by its place in the roster.
fn member_row(roster: &Roster, index: &RosterIndex, member: u32) -> Option<Vec<Cell>> {
    let i = member as usize;
    let m = roster.members.get(i)?;
    Some(member_cells(
        m,
        index.country_name(i),
        roster.tiers.get(index.tier_of(i)),
        index.population(i),
        index.stated(i),
    ))
}

/// The columns of a table of members, in the order scripts read them by: every export
/// of members (a roster's, a country's across lists) starts from these.
pub fn member_columns() -> Vec<Column> {
    vec![
        Column::new("city", "City"),
        Column::new("country", "Code"),
        Column::new("country_name", "Country"),
        Column::new("tier", "Tier"),
        Column::new("kind", "Kind"),
        // The member table's figures: GeoNames' where the list is matched to it, and the
        // list's own beside them.
        Column::unless_empty("population", "Population"),
        Column::unless_empty("stated", "Stated"),
        Column::unless_empty("since", "Since"),
        Column::new("lat", "Lat"),
        Column::new("lon", "Lon"),
        Column::data_only("aka", "Also known as"),
        // Last, so that the columns scripts read by position keep their places.
        Column::data_only("tier_label", "Tier name"),
    ]
}

/// One member's cells under [`member_columns`]: `tier` is its tier where the roster
/// defines the one it names, the figures are the member table's.
pub fn member_cells(
    m: &Member,
    country_name: &str,
    tier: Option<&Tier>,
    population: Option<u64>,
    stated: Option<u64>,
) -> Vec<Cell> {
    vec![
        // (`as_str`: a `Text`'s `to_string` goes through `Display`, several times slower.)
        Cell::Text(m.name.as_str().to_owned()),
        Cell::Text(m.country.as_str().to_owned()),
        Cell::Text(country_name.to_owned()),
        Cell::Text(tier.map_or_else(|| m.tier.as_str().to_owned(), |t| t.id.clone())),
        Cell::Text(m.kind.label().to_string()),
        population.map_or(Cell::Empty, Cell::Int),
        stated.map_or(Cell::Empty, Cell::Int),
        m.since.map_or(Cell::Empty, Cell::Year),
        Cell::Float(m.lat),
        Cell::Float(m.lon),
        Cell::List(m.aka.iter().map(|a| a.as_str().to_owned()).collect()),
        Cell::Text(tier.map_or_else(|| m.tier.as_str().to_owned(), |t| t.label.clone())),
    ]
}

/// The given members as CSV, exactly as `citynet members --format csv` writes them (RFC
/// 4180, UTF-8, a cell a spreadsheet would run as a formula neutralised).
pub fn members_csv(
    roster: &Roster,
    index: &RosterIndex,
    members: impl IntoIterator<Item = u32>,
) -> String {
    let bytes = member_table(roster, index, members)
        .render(Format::Csv, Styling::default())
        // Writing to memory fails only on a bug in csv; an empty copy says so plainly.
        .unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// Quotes a word for a POSIX shell when it needs it.
pub fn shell_quote(s: &str) -> String {
    let plain = !s.is_empty()
        && s.chars().all(|c| {
            c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ',' | '/' | ':' | '=')
        });
    if plain {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

/// The `citynet members ...` command that prints the same rows as the member table.
pub fn members_command(
    network: &Network,
    roster: &Roster,
    tiers_on: &[bool],
    query: &str,
    sort: Sort,
) -> String {
    let mut cmd = format!("citynet members {}", shell_quote(&network.id));
    if tiers_on.iter().any(|on| !on) {
        let tiers: Vec<&str> = roster
            .tiers
            .iter()
            .zip(tiers_on)
            .filter(|(_, on)| **on)
            .map(|(t, _)| t.id.as_str())
            .collect();
        cmd.push_str(&format!(" --tier {}", shell_quote(&tiers.join(","))));
    }
    let query = query.trim();
    if query.starts_with('-') {
        // As a separate word, a filter such as `-x` would be read as an option.
        cmd.push_str(&format!(" --search={}", shell_quote(query)));
    } else if !query.is_empty() {
        cmd.push_str(&format!(" --search {}", shell_quote(query)));
    }
    let column = match sort.column {
        SortColumn::Relevance => None,
        SortColumn::City => Some("city"),
        SortColumn::Country => Some("country"),
        SortColumn::Tier => Some("tier"),
        SortColumn::Population => Some("population"),
        SortColumn::Stated => Some("stated"),
        SortColumn::Since => Some("since"),
    };
    // City ascending is the default without a query; relevance is the default with one.
    let default = if query.is_empty() {
        sort.column == SortColumn::City
    } else {
        sort.column == SortColumn::Relevance
    };
    if let Some(c) = column
        && !default
    {
        cmd.push_str(&format!(" --sort {c}"));
    }
    if !sort.ascending {
        cmd.push_str(" --reverse");
    }
    cmd
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shell_quoting() {
        assert_eq!(shell_quote("eurocities"), "eurocities");
        assert_eq!(shell_quote("full,associate"), "full,associate");
        assert_eq!(shell_quote("country:de"), "country:de");
        assert_eq!(shell_quote("den haag"), "'den haag'");
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
        assert_eq!(shell_quote(""), "''");
    }

    /// The words a POSIX shell makes of `s`, for the quoting `shell_quote` uses: single
    /// quotes, and `'\''` for a quote inside them.
    fn shell_words(s: &str) -> Vec<String> {
        let mut words = Vec::new();
        let mut word = String::new();
        let mut quoted = false;
        let mut any = false;
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            match c {
                '\'' => (quoted, any) = (!quoted, true),
                '\\' if !quoted => word.extend(chars.next()),
                ' ' if !quoted => {
                    if any || !word.is_empty() {
                        words.push(std::mem::take(&mut word));
                    }
                    any = false;
                }
                c => word.push(c),
            }
        }
        if any || !word.is_empty() {
            words.push(word);
        }
        words
    }

    #[test]
    fn a_filter_that_starts_with_a_dash_is_an_option_value() {
        use clap::Parser;
        let d = crate::embedded::embedded().expect("the embedded dataset");
        let n = d
            .networks
            .iter()
            .find(|n| n.id == "eurocities")
            .expect("eurocities");
        let r = n.roster.as_ref().expect("a roster");
        let sort = Sort {
            column: SortColumn::Relevance,
            ascending: true,
        };
        for query in ["-x", "--help", "- lodz", "-it's", "lodz", "den haag"] {
            let cmd = members_command(n, r, &[true, true, true], query, sort);
            let cli = crate::cli::Cli::try_parse_from(shell_words(&cmd))
                .unwrap_or_else(|e| panic!("{cmd}: {e}"));
            let Some(crate::cli::Command::Members(a)) = cli.command else {
                panic!("{cmd}: not a members command");
            };
            assert_eq!(a.search.as_deref(), Some(query), "{cmd}");
        }
    }
}
