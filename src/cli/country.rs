//! `citynet country NAME`: one country across every member list, grouped by network
//! (`citynet_core::country::in_country`).
//!
//! What it prints is `crate::export::country`'s, which the TUI's country view copies too.

use super::errors::Failure;
use super::output::{Format, Styling, Table};
use super::resolve::{country_named, network_named, network_rows};
use super::{CountryArgs, Terminal};
use crate::export::country::{flat, grouped, none_there};
use citynet_core::cities::Cities;
use citynet_core::country::in_country;
use citynet_core::data::Dataset;
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
