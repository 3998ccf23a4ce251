//! `citynet validate FILE`: every problem of a dataset file, or of a roster file being
//! edited, one a line with the `file:line:col` of the value at fault in that file.

use std::path::Path;
use std::process::ExitCode;

use citynet_core::data::load::read_text;
use citynet_core::data::parse::{FileKind, embedded_files, file_kind};
use citynet_core::data::spans::SourceFile;
use citynet_core::data::{self, Dataset, Roster};
use citynet_core::text::safe;

use super::errors::{Failure, load_failure, problem_lines, safe_lines};

/// Checks the file: exit 0 when clean, 1 when not; a file that cannot be read or parsed
/// is a failure (exit 1) with ron's own message at ron's own position.
///
/// A roster file (`assets/rosters/c40.ron`) is checked within the embedded directory, as
/// the roster of the network its name says, and its problems are reported at lines of
/// that file, not of the copy compiled into the binary.
pub fn validate(file: &Path, max_bytes: u64) -> Result<(Vec<u8>, ExitCode), Failure> {
    let name = file.display().to_string();
    let text = read_text(file, max_bytes).map_err(|e| load_failure(&e, None))?;
    let network = file.file_stem().and_then(|s| s.to_str());
    let (dataset, files) = match (file_kind(&text), network) {
        (FileKind::Roster, Some(network)) => roster_file(network, &name, &text)?,
        (FileKind::Roster, None) => {
            return Err(Failure::Data(format!(
                "{}: a roster file is checked as the roster of the network its name says, and this one's name says none",
                safe(&name)
            )));
        }
        (kind, _) => match data::parse_dataset(&name, &text) {
            Ok(d) => (
                d,
                vec![SourceFile {
                    name: &name,
                    text: &text,
                    holds: Vec::new(),
                }],
            ),
            // Nothing says what the file is: a roster that parses is one.
            Err(e) => match network.filter(|_| kind == FileKind::Unknown) {
                Some(network) if data::parse_roster(&name, &text).is_ok() => {
                    roster_file(network, &name, &text)?
                }
                _ => return Err(load_failure(&e, Some(&text))),
            },
        },
    };
    let problems = data::validate(&dataset);
    let mut out = String::new();
    for line in problem_lines(&problems, &files) {
        out.push_str(&line);
        out.push('\n');
    }
    let shown = safe(&name);
    if problems.is_empty() {
        let rosters: Vec<&Roster> = dataset
            .networks
            .iter()
            .filter_map(|n| n.roster.as_ref())
            .collect();
        let members: usize = rosters.iter().map(|r| r.members.len()).sum();
        out.push_str(&format!(
            "{shown}: ok ({} networks, {} roster{}, {} members)\n",
            dataset.networks.len(),
            rosters.len(),
            if rosters.len() == 1 { "" } else { "s" },
            citynet_core::data::group_thousands(members as u64)
        ));
        Ok((out.into_bytes(), ExitCode::SUCCESS))
    } else {
        out.push_str(&safe_lines(&format!(
            "{shown}: {} problem{}\n",
            problems.len(),
            if problems.len() == 1 { "" } else { "s" }
        )));
        out.push('\n');
        Ok((out.into_bytes(), ExitCode::from(1)))
    }
}

/// The embedded dataset with `network`'s roster read from the file being edited, and the
/// files its problems are to be found in: that file for the roster, the embedded ones for
/// the rest.
fn roster_file<'a>(
    network: &'a str,
    name: &'a str,
    text: &'a str,
) -> Result<(Dataset, Vec<SourceFile<'a>>), Failure> {
    let roster = data::parse_roster(name, text).map_err(|e| load_failure(&e, Some(text)))?;
    let dataset = crate::embedded::embedded_with_roster(network, name, roster)
        .map_err(|e| load_failure(&e, None))?;
    let files = embedded_files(&dataset, Some((network, name, text)));
    Ok((dataset, files))
}
