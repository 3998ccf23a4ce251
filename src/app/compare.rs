//! The comparison of the marked networks, laid out as rows: what the comparison pane
//! draws a screenful of, and what `update` scrolls through. Light rows: a comparison of
//! the largest rosters holds tens of thousands of cities, and only those on screen
//! become text.

use citynet_core::data::Completeness;

use super::App;
use crate::plain::safe;

/// One line of the comparison, before it becomes text.
pub enum Row {
    /// A line of text: a headline (`true`) or a note.
    Text(String, bool),
    Blank,
    /// A section's title and how many cities it lists.
    Heading(String, usize),
    /// An empty section's one line.
    None,
    /// A city, by its index in `Cities`.
    City(usize),
    /// A city in some of the networks compared, with which ones and its tier in each.
    CityIn(usize),
}

/// The compared networks city `c` is in, with its tier in each: "C40 (Member), UCCN
/// (Film)".
pub fn where_in(app: &App, c: usize) -> String {
    let Some(city) = app.cities().cities.get(c) else {
        return String::new();
    };
    city.memberships(&app.data)
        .into_iter()
        .filter(|ms| {
            app.compare.iter().any(|&i| {
                app.data
                    .networks
                    .get(i)
                    .is_some_and(|n| std::ptr::eq(n, ms.network))
            })
        })
        .map(|ms| format!("{} ({})", safe(ms.network.label()), safe(ms.tier)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A count as people read it: 12,345.
pub fn count(n: usize) -> String {
    citynet_core::data::group_thousands(n as u64)
}

fn names(app: &App) -> Vec<String> {
    app.compare
        .iter()
        .map(|&i| {
            app.data
                .networks
                .get(i)
                .map_or("?".to_string(), |n| safe(n.label()).into_owned())
        })
        .collect()
}

pub fn rows(app: &App) -> Vec<Row> {
    let Some(cmp) = &app.comparison else {
        return vec![Row::Text(
            "Mark networks with x, then press C.".into(),
            false,
        )];
    };
    let names = names(app);
    let mut out = vec![Row::Text(format!("Comparing {}", names.join(", ")), true)];
    // One count a line: long network names would not fit one line on a narrow screen.
    out.push(Row::Text(format!("in all: {}", count(cmp.all.len())), true));
    if names.len() > 2 {
        out.push(Row::Text(
            format!("in some: {}", count(cmp.some.len())),
            true,
        ));
    }
    for (i, only) in cmp.only.iter().enumerate() {
        out.push(Row::Text(
            format!("only in {}: {}", names[i], count(only.len())),
            true,
        ));
    }
    for (&n, name) in cmp.networks.iter().zip(&names) {
        if let Some(r) = app.data.networks.get(n).and_then(|n| n.roster.as_ref())
            && let Completeness::Partial { listed, total, .. } = r.completeness
        {
            out.push(Row::Text(
                format!(
                    "{name}'s list is partial ({} of {}): counts are a lower bound",
                    count(listed as usize),
                    count(total as usize)
                ),
                false,
            ));
        }
    }
    out.push(Row::Text(
        "Same city: same country and a shared name.".into(),
        false,
    ));
    let mut section = |title: String, cities: &[usize], with_networks: bool| {
        out.push(Row::Blank);
        out.push(Row::Heading(title, cities.len()));
        if cities.is_empty() {
            out.push(Row::None);
        }
        out.extend(cities.iter().map(|&c| {
            if with_networks {
                Row::CityIn(c)
            } else {
                Row::City(c)
            }
        }));
    };
    section(
        format!("In all of {}", names.join(" and ")),
        &cmp.all,
        false,
    );
    if names.len() > 2 {
        section("In some, not all".into(), &cmp.some, true);
    }
    for (i, only) in cmp.only.iter().enumerate() {
        let others: Vec<&str> = names
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .map(|(_, n)| n.as_str())
            .collect();
        section(
            format!("In {} and not {}", names[i], others.join(" or ")),
            only,
            false,
        );
    }
    out
}

/// The whole comparison as plain text, as the pane shows it: what `y` copies there.
pub fn text(app: &App) -> String {
    let mut out = String::new();
    for row in rows(app) {
        match row {
            Row::Text(s, _) => out.push_str(&s),
            Row::Blank => {}
            Row::Heading(title, n) => out.push_str(&format!("{title} ({})", count(n))),
            Row::None => out.push_str("  none"),
            Row::City(c) | Row::CityIn(c) => {
                let Some(city) = app.cities().cities.get(c) else {
                    continue;
                };
                let country = citynet_core::data::countries::name(&city.country).unwrap_or("");
                out.push_str(&format!("  {}, {country} ({})", city.name, city.country));
                if matches!(row, Row::CityIn(_)) {
                    out.push_str(&format!(": {}", where_in(app, c)));
                }
            }
        }
        out.push('\n');
    }
    out
}
