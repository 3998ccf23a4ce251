//! Parses and validates the embedded dataset (`assets/`) once, when citynet is built, and
//! stores it as JSON for `embedded::embedded` to decode at start-up (`src/embedded.rs`). Parsing the RON and
//! validating it at run time cost more than the whole start-up budget (issue #4: the
//! validator alone first loads the world's country outlines); decoding JSON costs a
//! fraction, and the embedded data cannot change after the build.
//!
//! The parser and the validator are the engine's own (`citynet-core`, a build-dependency),
//! so a broken asset stops the build with the `file:line:col` message a `--data` file
//! would get at run time.

use citynet_core::data;
use std::path::PathBuf;
use std::process::ExitCode;

/// Rosters longer than this are decoded when first read rather than at start-up.
const DEFER_OVER: usize = 2_000;

fn main() -> ExitCode {
    // The engine is a build-dependency: cargo reruns this script when it changes.
    println!("cargo::rerun-if-changed=assets");
    let dataset = match data::parse::embedded_from_ron() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("citynet: {e}");
            return ExitCode::FAILURE;
        }
    };
    let problems = data::validate::validate(&dataset);
    if !problems.is_empty() {
        let files = data::parse::embedded_files(&dataset, None);
        for (p, at) in problems.iter().zip(data::spans::locate(&problems, &files)) {
            eprintln!("citynet: {at}: {p}");
        }
        let n = problems.len();
        let noun = if n == 1 { "problem" } else { "problems" };
        eprintln!("citynet: the embedded dataset has {n} {noun}; the build stops here");
        return ExitCode::FAILURE;
    }
    let mut dataset = dataset;
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    // A large roster's members are stored apart and decoded when first read
    // (`Members::deferred`): the first screen shows none of them, and decoding the
    // Covenant's 11,972 took four times the start-up budget.
    let mut deferred = String::from("static DEFERRED: &[(usize, usize, &str)] = &[\n");
    for (i, net) in dataset.networks.iter_mut().enumerate() {
        let Some(roster) = net.roster.as_mut().filter(|r| r.members.len() > DEFER_OVER) else {
            continue;
        };
        let members = std::mem::take(&mut *roster.members);
        let file = format!("members-{i}.json");
        let written = serde_json::to_string(&members)
            .map_err(|e| e.to_string())
            .and_then(|j| std::fs::write(out_dir.join(&file), j).map_err(|e| e.to_string()));
        if let Err(e) = written {
            eprintln!(
                "citynet: cannot write the compiled roster of {}: {e}",
                net.id
            );
            return ExitCode::FAILURE;
        }
        deferred.push_str(&format!(
            "    ({i}, {}, include_str!(concat!(env!(\"OUT_DIR\"), \"/{file}\"))),\n",
            members.len()
        ));
    }
    deferred.push_str("];\n");
    if let Err(e) = std::fs::write(out_dir.join("deferred.rs"), deferred) {
        eprintln!("citynet: cannot write the deferred rosters' table: {e}");
        return ExitCode::FAILURE;
    }
    let json = match serde_json::to_string(&dataset) {
        Ok(j) => j,
        Err(e) => {
            eprintln!("citynet: cannot write the compiled dataset: {e}");
            return ExitCode::FAILURE;
        }
    };
    let out = out_dir.join("embedded.json");
    if let Err(e) = std::fs::write(&out, json) {
        eprintln!("citynet: cannot write {}: {e}", out.display());
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
