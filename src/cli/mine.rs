//! The commands about a person's own files: `config`, `pins`, `views`. They read the
//! state and never write it (a corrupt file is reported and left where it is; the
//! browser is what sets it aside).

use std::path::Path;

use clap::{Args, ValueEnum};

use citynet_core::cities::Cities;
use citynet_core::data::Dataset;

use super::errors::Failure;
use super::output::{Cell, Column, Format, Table};
use crate::pinned;
use crate::prefs::paths::Paths;
use crate::prefs::state::Views;
use crate::prefs::{Saved, Store};
use crate::settings;

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  citynet config --path\n  citynet config --default > ~/.config/citynet/config.toml\n  citynet config --check\n  citynet config --check my-config.toml"
)]
#[group(required = true, multiple = false)]
pub struct ConfigArgs {
    /// Print a config with every setting at its default, each explained.
    #[arg(long)]
    pub default: bool,
    /// Check a config file (default: the one citynet reads) and print every mistake.
    #[arg(long, value_name = "FILE", num_args = 0..=1)]
    pub check: Option<Option<std::path::PathBuf>>,
    /// Say where the config is read from and where the state is kept.
    #[arg(long)]
    pub path: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum PinsFormat {
    /// A brief to paste into meeting notes: each city with its networks.
    #[default]
    Markdown,
    /// Aligned columns, one membership a row.
    Table,
    /// One membership a row.
    Csv,
    /// One membership an object.
    Json,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Pins are made in the browser with p (a network, or a member's city) and listed there with P.\n\nExamples:\n  citynet pins\n  citynet pins --format csv > pins.csv"
)]
pub struct PinsArgs {
    #[arg(long, value_enum, default_value_t = PinsFormat::Markdown)]
    pub format: PinsFormat,
}

/// The saved state as it is on disk, read without changing anything; what was wrong
/// with it goes to stderr.
fn read_state(paths: &Paths) -> Saved {
    let (_, saved, notices) = Store::open(paths.state.clone(), false);
    for n in notices {
        eprintln!("citynet: {}", super::errors::safe_lines(&n));
    }
    saved
}

pub fn config(
    args: &ConfigArgs,
    paths: &Paths,
    data: impl Fn() -> Result<Dataset, Failure>,
) -> Result<Vec<u8>, Failure> {
    if args.default {
        return Ok(settings::default_text().into_bytes());
    }
    if args.path {
        let mut out = String::new();
        match &paths.config {
            Some(p) => {
                let state = if p.exists() {
                    ""
                } else {
                    " (not there: the defaults apply)"
                };
                out.push_str(&format!(
                    "config: {}{state}\n        from {}\n",
                    p.display(),
                    paths.config_from
                ));
            }
            None => out.push_str("config: none (no config directory is known for this user)\n"),
        }
        match &paths.state {
            Some(d) => out.push_str(&format!(
                "state:  {} (history.toml, pins.toml, views.toml)\n",
                d.display()
            )),
            None => out.push_str("state:  none (no state directory is known for this user)\n"),
        }
        return Ok(out.into_bytes());
    }
    let file = match &args.check {
        Some(Some(f)) => f.clone(),
        _ => match &paths.config {
            Some(p) => p.clone(),
            None => return Err(Failure::Usage("no config file is known: name one".into())),
        },
    };
    check(
        &file,
        &data()?,
        args.check.as_ref().is_some_and(Option::is_some),
    )
}

fn check(file: &Path, data: &Dataset, named: bool) -> Result<Vec<u8>, Failure> {
    if !file.exists() {
        if named {
            return Err(Failure::Usage(format!("{}: no such file", file.display())));
        }
        return Ok(
            format!("{}: no config there; the defaults apply\n", file.display()).into_bytes(),
        );
    }
    match settings::load(Some(file), data) {
        Ok(_) => Ok(format!("{}: fine\n", file.display()).into_bytes()),
        Err(errors) => {
            let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
            let n = errors.len();
            Err(Failure::Data(format!(
                "{}\n{n} problem{} in {}",
                super::errors::safe_lines(&text.join("\n")),
                if n == 1 { "" } else { "s" },
                file.display()
            )))
        }
    }
}

pub fn pins(
    args: &PinsArgs,
    paths: &Paths,
    data: &Dataset,
) -> Result<(Option<Vec<u8>>, Table), Failure> {
    let saved = read_state(paths);
    let cities = Cities::build(data);
    let entries = pinned::entries(data, &cities, &saved.pins);
    if args.format == PinsFormat::Markdown {
        return Ok((
            Some(pinned::markdown(data, &entries).into_bytes()),
            Table::default(),
        ));
    }
    let mut rows = Vec::new();
    for e in &entries {
        let head =
            |network: Cell, tier: Cell, since: Cell, founding: Cell, list: Cell, sources: Cell| {
                vec![
                    Cell::Text(e.kind.to_string()),
                    Cell::Text(e.title.clone()),
                    Cell::opt_text(Some(e.country.as_str()).filter(|c| !c.is_empty())),
                    Cell::opt_text(e.pinned.as_deref()),
                    network,
                    tier,
                    since,
                    founding,
                    list,
                    sources,
                ]
            };
        if e.seats.is_empty() {
            rows.push(head(
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::opt_text(
                    e.note
                        .as_deref()
                        .or(e.missing.then_some("not in this dataset")),
                ),
                Cell::Empty,
            ));
        }
        for s in &e.seats {
            rows.push(head(
                Cell::Text(s.network.clone()),
                Cell::Text(s.tier.clone()),
                s.since.map_or(Cell::Empty, Cell::Year),
                Cell::Text(if s.founding { "yes" } else { "" }.to_string()),
                Cell::Text(s.list.clone()),
                Cell::List(s.sources.clone()),
            ));
        }
    }
    Ok((
        None,
        Table {
            columns: vec![
                Column::new("kind", "Kind"),
                Column::new("pin", "Pinned"),
                Column::unless_empty("country", "Country"),
                Column::new("pinned", "On"),
                Column::unless_empty("network", "Network"),
                Column::unless_empty("tier", "Tier"),
                Column::unless_empty("since", "Since"),
                Column::unless_empty("founding", "Founding"),
                Column::unless_empty("list", "List"),
                Column::data_only("sources", "Sources"),
            ],
            rows,
        },
    ))
}

pub fn pins_format(f: PinsFormat) -> Format {
    match f {
        PinsFormat::Table | PinsFormat::Markdown => Format::Table,
        PinsFormat::Csv => Format::Csv,
        PinsFormat::Json => Format::Json,
    }
}

pub fn views(paths: &Paths) -> Table {
    let Views { views, .. } = read_state(paths).views;
    let rows = views
        .into_iter()
        .map(|v| {
            vec![
                Cell::Text(v.name),
                Cell::Text(v.network),
                Cell::List(v.tiers),
                Cell::Text(v.query),
                Cell::Text(format!(
                    "{}{}",
                    v.sort,
                    if v.descending { " desc" } else { "" }
                )),
                Cell::Text(v.side),
                Cell::opt_text(v.saved.as_deref()),
            ]
        })
        .collect();
    Table {
        columns: vec![
            Column::new("name", "Name"),
            Column::new("network", "Network"),
            Column::unless_empty("tiers", "Tiers"),
            Column::unless_empty("query", "Query"),
            Column::unless_empty("sort", "Sort"),
            Column::unless_empty("side", "Side"),
            Column::unless_empty("saved", "Saved"),
        ],
        rows,
    }
}
