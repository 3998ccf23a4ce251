//! Getting answers out: a network or a member as plain text, a roster view as CSV, the
//! command line that repeats a view, and the OSC 52 sequence that puts text on the
//! clipboard (through the terminal, so it works over SSH and with no display server).

use base64::Engine;

use citynet_core::data::{Dataset, Member, Network, Roster, countries, group_thousands};
use citynet_core::roster::{Sort, SortColumn};

/// The escape sequence that asks the terminal to set the system clipboard to `text`.
pub fn osc52(text: &str) -> String {
    let b64 = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    format!("\x1b]52;c;{b64}\x07")
}

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

/// The columns every member export has, in order.
pub const MEMBER_COLUMNS: [&str; 9] = [
    "name",
    "country",
    "country_name",
    "tier",
    "tier_label",
    "lat",
    "lon",
    "aka",
    "population",
];

/// One member's fields in `MEMBER_COLUMNS` order, as text.
pub fn member_fields(roster: &Roster, m: &Member) -> [String; 9] {
    [
        m.name.clone(),
        m.country.clone(),
        countries::name(&m.country).unwrap_or("").to_string(),
        m.tier.clone(),
        tier_label(roster, m).to_string(),
        format!("{:.2}", m.lat),
        format!("{:.2}", m.lon),
        m.aka.join("; "),
        m.population.map(|p| p.to_string()).unwrap_or_default(),
    ]
}

/// Which of `MEMBER_COLUMNS` are numbers: left as they are in CSV, where a text that
/// begins like a formula is neutralised.
const NUMERIC: [bool; 9] = [false, false, false, false, false, true, true, false, true];

/// The given members as CSV with a header row (RFC 4180 quoting, UTF-8), for pasting into
/// a spreadsheet: a text cell that would run as a formula is neutralised as the command
/// line's CSV does it (`cli::output::neutralise`).
pub fn members_csv<'a>(roster: &Roster, members: impl IntoIterator<Item = &'a Member>) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    // Writing to a Vec cannot fail, so errors here would be bugs in csv; ignore them
    // rather than panic.
    let _ = w.write_record(MEMBER_COLUMNS);
    for m in members {
        let fields = member_fields(roster, m);
        let _ = w.write_record(fields.iter().zip(NUMERIC).map(|(f, number)| {
            if number {
                f.clone()
            } else {
                crate::cli::output::neutralise(f).into_owned()
            }
        }));
    }
    let bytes = w.into_inner().unwrap_or_default();
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
    fn osc52_is_base64_of_the_text() {
        assert_eq!(osc52("Łódź"), "\x1b]52;c;xYHDs2TFug==\x07");
        assert_eq!(osc52(""), "\x1b]52;c;\x07");
    }

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
