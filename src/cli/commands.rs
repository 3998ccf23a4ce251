//! The commands themselves: each takes the dataset and its arguments and gives back what
//! to print (a [`Table`] for lists, bytes otherwise), or a [`Failure`]. No printing here,
//! so every command can be tested without a process.

use std::collections::BTreeSet;

use super::errors::Failure;
use super::output::{Cell, Column, Made, Table};
use super::{ExportFormat, ListArgs, MembersArgs, SearchArgs, ShowArgs, SortBy};
use crate::facts;
use citynet_core::data::cache::Keep;
use citynet_core::data::{Dataset, Network, Roster, Scope, Theme};
use citynet_core::networks::NetworkIndex;
use citynet_core::roster::{MatchedKey, RosterIndex, RosterSearch, Sort, SortColumn};
use citynet_core::search::{Folded, Matcher, fold_query};
use citynet_core::text::safe;

pub use super::resolve::network_named;
use super::resolve::network_rows;

// ---------------------------------------------------------------------------------- list

fn scope_matches(scope: &Scope, wanted: &str) -> bool {
    match (scope, wanted) {
        (Scope::Global, "global")
        | (Scope::Europe, "europe")
        | (Scope::Regional(_), "regional") => true,
        (Scope::Regional(r), w) => fold_query(r) == w,
        _ => false,
    }
}

/// The networks, filtered by theme and scope, in the order asked for.
pub fn list(data: &Dataset, args: &ListArgs) -> Result<Table, Failure> {
    let theme = match &args.theme {
        None => None,
        Some(t) => Some(Theme::parse(t).ok_or_else(|| {
            let valid: Vec<&str> = Theme::ALL.iter().map(|t| t.label()).collect();
            Failure::Usage(format!(
                "unknown theme “{}”; valid themes: {}",
                safe(t),
                valid.join(", ")
            ))
        })?),
    };
    let scope = match &args.scope {
        None => None,
        Some(s) => {
            let wanted = fold_query(s);
            if !data
                .networks
                .iter()
                .any(|n| scope_matches(&n.scope, &wanted))
                && !["global", "europe", "regional"].contains(&wanted.as_str())
            {
                let mut valid = vec!["global".to_string(), "europe".into(), "regional".into()];
                let regions: BTreeSet<String> = data
                    .networks
                    .iter()
                    .filter_map(|n| match &n.scope {
                        Scope::Regional(r) => Some(format!("“{}”", safe(r))),
                        _ => None,
                    })
                    .collect();
                valid.extend(regions);
                return Err(Failure::Usage(format!(
                    "unknown scope “{}”; valid scopes: {}",
                    safe(s),
                    valid.join(", ")
                )));
            }
            Some(wanted)
        }
    };
    let mut kept: Vec<usize> = (0..data.networks.len())
        .filter(|&i| theme.is_none_or(|t| data.networks[i].themes.contains(&t)))
        .filter(|&i| {
            scope
                .as_ref()
                .is_none_or(|s| scope_matches(&data.networks[i].scope, s))
        })
        .collect();
    citynet_core::networks::sort_networks(data, &mut kept, args.sort.order(), args.reverse);
    let rows = kept
        .into_iter()
        .map(|i| &data.networks[i])
        .map(|n| {
            vec![
                Cell::Text(n.id.clone()),
                Cell::Text(n.label().to_string()),
                Cell::Text(n.scope.to_string()),
                n.first_founded().map_or(Cell::Empty, Cell::Year),
                n.member_figure()
                    .map_or(Cell::Empty, |f| Cell::Text(facts::compact(f))),
                n.roster
                    .as_ref()
                    .map_or(Cell::Empty, |r| Cell::Int(r.members.len() as u64)),
                Cell::List(n.themes.iter().map(|t| t.label().to_string()).collect()),
                Cell::Text(n.name.clone()),
                Cell::opt_text(n.first_website()),
            ]
        })
        .collect();
    Ok(Table {
        columns: vec![
            // The value a person types next: never cut.
            Column::whole("id", "ID"),
            Column::new("label", "Name").keep(4),
            Column::new("scope", "Scope"),
            Column::new("founded", "Founded").keep(2),
            // The size the network states (`~100`, `>2,500`), beside the members listed.
            Column::whole("members_stated", "Members").keep(3),
            Column::unless_empty("members_listed", "Listed").keep(2),
            Column::new("themes", "Themes").keep(0),
            Column::data_only("name", "Full name"),
            Column::data_only("website", "Website"),
        ],
        rows,
    })
}

// ---------------------------------------------------------------------------------- show

/// One network's detail, as the TUI's detail pane shows it, as plain text.
pub fn show(data: &Dataset, args: &ShowArgs, width: u16) -> Result<Vec<u8>, Failure> {
    let i = network_named(data, &args.network())?;
    let n = &data.networks[i];
    let mut out = String::new();
    for line in facts::lines(data, n, None, width) {
        let text = facts::text(&line);
        // The pane's hint is about a key; on the command line, the command is the hint.
        if text.starts_with("Open ") && text.ends_with("Enter shows the member table") {
            out.push_str(&format!("{:<12}citynet members {}\n", "List", safe(&n.id)));
            continue;
        }
        out.push_str(&text);
        out.push('\n');
    }
    Ok(out.into_bytes())
}

// ------------------------------------------------------------------------------- members

/// The network whose roster `members` lists.
///
/// Without a name, the network is the only one with a roster, or else the only one whose
/// roster has every `--tier` asked for (`--tier full` can only mean Eurocities today).
fn roster_network<'d>(
    data: &'d Dataset,
    typed: Option<&str>,
    tiers: &[String],
) -> Result<(&'d Network, &'d Roster), Failure> {
    let with_roster: Vec<usize> = (0..data.networks.len())
        .filter(|&i| data.networks[i].roster.is_some())
        .collect();
    let has_tiers = |i: &usize| {
        let Some(r) = &data.networks[*i].roster else {
            return false;
        };
        tiers
            .iter()
            .filter(|w| !w.trim().is_empty())
            .all(|w| r.tier_named(w).is_some())
    };
    let fitting: Vec<usize> = with_roster.iter().copied().filter(has_tiers).collect();
    let i = match typed {
        Some(t) => network_named(data, t)?,
        None if !tiers.is_empty() && fitting.len() == 1 => fitting[0],
        None => match with_roster.as_slice() {
            [one] => *one,
            [] => {
                return Err(Failure::Data(
                    "no network in this dataset has a member list".into(),
                ));
            }
            several => {
                return Err(Failure::Usage(format!(
                    "{} networks have member lists; name one:{}",
                    several.len(),
                    network_rows(data, several)
                )));
            }
        },
    };
    let n = &data.networks[i];
    match &n.roster {
        Some(r) => Ok((n, r)),
        None if with_roster.is_empty() => Err(Failure::Usage(format!(
            "{} has no member list in this dataset, and no network has one",
            safe(n.label())
        ))),
        None => Err(Failure::Usage(format!(
            "{} has no member list in this dataset; networks with one:{}",
            safe(n.label()),
            network_rows(data, &with_roster)
        ))),
    }
}

/// `--tier` values to the roster's tier switches.
fn tiers_on(n: &Network, roster: &Roster, wanted: &[String]) -> Result<Vec<bool>, Failure> {
    if wanted.is_empty() {
        return Ok(vec![true; roster.tiers.len()]);
    }
    // `--tier ''` (what the TUI copies when every tier is off) switches every tier off.
    let mut on = vec![false; roster.tiers.len()];
    for w in wanted.iter().filter(|w| !w.trim().is_empty()) {
        match roster.tier_named(w) {
            Some(i) => on[i] = true,
            None => {
                let valid: Vec<String> = roster.tiers.iter().map(|t| safe(&t.id).into()).collect();
                return Err(Failure::Usage(format!(
                    "unknown tier “{}” for {}; valid tiers: {}",
                    safe(w),
                    safe(n.label()),
                    valid.join(", ")
                )));
            }
        }
    }
    Ok(on)
}

/// `--country` values to ISO codes.
fn country_codes(wanted: &[String]) -> Result<BTreeSet<String>, Failure> {
    Ok(super::resolve::country_codes(wanted)?
        .into_iter()
        .map(String::from)
        .collect())
}

/// Which members `members` could print, for each roster of a dataset's head (its
/// networks, the rosters without members): those of the roster it reads that could match
/// `--search` (`RosterIndex::sieve`); every member of any other, and of that one when it
/// is not plain text. A load of a large file's cached copy keeps only those
/// (`cache::read_sifted`), and [`members`] answers from them as from the whole list.
pub fn members_sieve(args: &MembersArgs) -> impl Fn(&Dataset) -> Vec<Option<Keep>> + '_ {
    move |head| {
        let query = args.search.as_deref().unwrap_or("");
        // A network that cannot be told is an error `members` reports: nothing sifted.
        let read = roster_network(head, args.network.as_deref(), &args.tier)
            .ok()
            .map(|(n, _)| n.id.as_str());
        let rosters = head
            .networks
            .iter()
            .filter_map(|n| Some((n, n.roster.as_ref()?)));
        rosters
            .map(|(n, roster)| {
                (Some(n.id.as_str()) == read)
                    .then(|| RosterIndex::sieve(roster, query))
                    .flatten()
            })
            .collect()
    }
}

/// A roster, filtered and sorted the way the TUI's member table does it.
pub fn members(data: &Dataset, args: &MembersArgs) -> Result<Table, Failure> {
    members_rows(data, args).map(|rows| rows.to_table())
}

/// [`members`], its rows made as they are printed.
pub fn members_rows<'d>(data: &'d Dataset, args: &MembersArgs) -> Result<Made<'d>, Failure> {
    let (network, roster) = roster_network(data, args.network.as_deref(), &args.tier)?;
    let tiers_on = tiers_on(network, roster, &args.tier)?;
    let codes = country_codes(&args.country)?;
    let query = args.search.as_deref().unwrap_or("");
    let column = match args.sort {
        Some(SortBy::City) => SortColumn::City,
        Some(SortBy::Country) => SortColumn::Country,
        Some(SortBy::Tier) => SortColumn::Tier,
        Some(SortBy::Population) => SortColumn::Population,
        Some(SortBy::Stated) => SortColumn::Stated,
        Some(SortBy::Since) => SortColumn::Since,
        None if fold_query(query).is_empty() => SortColumn::City,
        None => SortColumn::Relevance,
    };
    let sort = Sort {
        column,
        ascending: !args.reverse,
    };
    // The member table's search exactly: the filter language (`country:de`, `^br`, `!x`,
    // `a | b`) parsed against this roster, and the fast fuzzy path for plain text.
    let at = data.networks.iter().position(|n| n.id == network.id);
    let index = RosterIndex::for_query(roster, query);
    let mut search = at
        .and_then(|at| RosterSearch::new(data, at, &index))
        .ok_or_else(|| Failure::Usage(format!("{} has no member list", safe(&network.id))))?;
    search.set_query(query).map_err(|e| {
        Failure::Usage(format!(
            "cannot use --search “{}”: {}",
            safe(query),
            safe(&e.to_string())
        ))
    })?;
    search.set_tiers(&tiers_on);
    search.set_sort(sort);
    let shown: Vec<u32> = search
        .members()
        .into_iter()
        .filter(|&member| {
            codes.is_empty()
                || roster
                    .members
                    .get(member as usize)
                    .is_some_and(|m| codes.iter().any(|c| *c == m.country))
        })
        .collect();
    drop(search);
    Ok(crate::export::member_rows(roster, index, shown))
}

// -------------------------------------------------------------------------------- search

/// One search result before it becomes a row.
struct Found {
    score: i64,
    kind: &'static str,
    what: String,
    name: String,
    details: String,
    network: Option<String>,
}

/// Networks, members and themes matching a query, best first.
pub fn search(data: &Dataset, args: &SearchArgs) -> Result<Table, Failure> {
    let typed = args.query();
    let query = fold_query(&typed);
    if query.is_empty() {
        return Err(Failure::Usage(
            "give something to search for: `citynet search lodz`".into(),
        ));
    }
    let matcher = Matcher::default();
    let mut found: Vec<Found> = Vec::new();
    for (i, score) in NetworkIndex::new(data).search(&matcher, &query) {
        let n = &data.networks[i];
        found.push(Found {
            score,
            kind: "network",
            what: "network".into(),
            name: n.full_title(),
            details: format!(
                "{} · {}",
                n.scope,
                n.themes
                    .iter()
                    .map(|t| t.label())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            network: Some(n.id.clone()),
        });
    }
    let relevance = Sort {
        column: SortColumn::Relevance,
        ascending: true,
    };
    for n in &data.networks {
        let Some(roster) = &n.roster else { continue };
        let index = RosterIndex::for_query(roster, &typed);
        let all = vec![true; roster.tiers.len()];
        for h in index.query(&matcher, &typed, &all, relevance, None) {
            let i = h.member as usize;
            let Some(m) = roster.members.get(i) else {
                continue;
            };
            let tier = roster
                .tiers
                .get(index.tier_of(i))
                .map_or(m.tier.as_str(), |t| t.label.as_str());
            let mut details = format!("{} · {tier}", index.country_name(i));
            if let MatchedKey::Aka(a) = h.key
                && let Some(aka) = m.aka.get(a)
            {
                details.push_str(&format!(" · also “{aka}”"));
            }
            found.push(Found {
                score: h.score,
                kind: "member",
                what: format!("member of {}", n.label()),
                name: m.name.to_string(),
                details,
                network: Some(n.id.clone()),
            });
        }
    }
    for t in Theme::ALL {
        if let Some(m) = matcher.score(&query, &Folded::new(t.label())) {
            let nets: Vec<&str> = data
                .networks
                .iter()
                .filter(|n| n.themes.contains(&t))
                .map(|n| n.label())
                .collect();
            if nets.is_empty() {
                continue;
            }
            found.push(Found {
                score: m.score,
                kind: "theme",
                what: "theme".into(),
                name: t.label().to_string(),
                details: format!(
                    "{} network{}: {}",
                    nets.len(),
                    if nets.len() == 1 { "" } else { "s" },
                    nets.join(", ")
                ),
                network: None,
            });
        }
    }
    // Stable: equal scores keep networks, then members, then themes.
    found.sort_by_key(|f| std::cmp::Reverse(f.score));
    if args.limit > 0 {
        found.truncate(args.limit);
    }
    Ok(Table {
        columns: vec![
            Column::new("what", "What"),
            Column::new("name", "Name"),
            Column::new("details", "Details"),
            Column::data_only("kind", "Kind"),
            Column::data_only("network", "Network"),
            // 1 for the best; results that match equally well share a rank.
            Column::data_only("rank", "Rank"),
        ],
        rows: ranked(&found)
            .into_iter()
            .zip(found)
            .map(|(rank, f)| {
                vec![
                    Cell::Text(f.what),
                    Cell::Text(f.name),
                    Cell::Text(f.details),
                    Cell::Text(f.kind.into()),
                    Cell::opt_text(f.network.as_deref()),
                    Cell::Int(rank),
                ]
            })
            .collect(),
    })
}

/// Each result's rank, best first: the place of the first with its score (1, 1, 3, ...).
fn ranked(found: &[Found]) -> Vec<u64> {
    let mut out = Vec::with_capacity(found.len());
    for (i, f) in found.iter().enumerate() {
        let rank = match (i.checked_sub(1), out.last()) {
            (Some(prev), Some(&r)) if found[prev].score == f.score => r,
            _ => i as u64 + 1,
        };
        out.push(rank);
    }
    out
}

// -------------------------------------------------------------------------------- export

/// The whole dataset, rosters inlined, in a form `--data` reads back.
pub fn export(data: &Dataset, format: ExportFormat) -> Result<Vec<u8>, Failure> {
    match format {
        ExportFormat::Ron => {
            let config = ron::ser::PrettyConfig::new()
                .extensions(ron::extensions::Extensions::IMPLICIT_SOME)
                .struct_names(false)
                .escape_strings(false)
                .depth_limit(5);
            let mut text = ron::Options::default()
                .to_string_pretty(data, config)
                .map_err(|e| Failure::Io(format!("cannot write RON: {e}")))?;
            text.push('\n');
            Ok(text.into_bytes())
        }
        ExportFormat::Json => {
            let mut out = serde_json::to_vec_pretty(data)
                .map_err(|e| Failure::Io(format!("cannot write JSON: {e}")))?;
            out.push(b'\n');
            Ok(out)
        }
    }
}
