//! Writes a synthetic dataset with a roster of N generated members, as RON, to stdout:
//!
//! ```text
//! cargo run --release --example generate -- 250000 > big.ron
//! cargo run --release --example generate -- 10000 42 > medium.ron   # another seed
//! citynet --data big.ron
//! ```

use std::io::Write;
use std::process::ExitCode;

use citynet_testdata::{DEFAULT_SEED, roster_dataset, to_ron};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let parse = |i: usize, default: u64| -> Option<u64> {
        args.get(i)
            .map_or(Some(default), |s| s.replace('_', "").parse().ok())
    };
    let (Some(n), Some(seed)) = (parse(0, 250_000), parse(1, DEFAULT_SEED)) else {
        eprintln!("usage: generate [MEMBERS (default 250000)] [SEED (default {DEFAULT_SEED})]");
        return ExitCode::from(2);
    };
    if args.len() > 2 {
        eprintln!("usage: generate [MEMBERS] [SEED]");
        return ExitCode::from(2);
    }
    let text = match to_ron(&roster_dataset(n as usize, seed)) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("generate: {e}");
            return ExitCode::from(1);
        }
    };
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        eprintln!("generate: {e}");
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}
