//! What several of the command line's test modules share: running the binary and
//! reading what it printed.

use std::process::Command;

/// What one run of citynet printed, and how it exited.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// citynet with `args`, as a script runs it (stdout a pipe, no NO_COLOR).
pub fn run(args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_citynet"))
        .args(args)
        .env_remove("NO_COLOR")
        .output()
        .expect("citynet runs");
    Run {
        code: out.status.code().expect("exited"),
        stdout: String::from_utf8(out.stdout).expect("UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("UTF-8"),
    }
}
