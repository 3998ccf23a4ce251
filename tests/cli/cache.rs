//! The parsed copy of a large `--data` file kept in the cache directory: used when it
//! matches, rebuilt when it does not, never trusted over the file.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use citynet_testdata::{DEFAULT_SEED, roster_dataset, to_ron};

fn citynet(cache: &Path) -> Command {
    let mut c = Command::cargo_bin("citynet").expect("binary");
    c.env("XDG_CACHE_HOME", cache).env("HOME", cache);
    c
}

fn entries(cache: &Path) -> Vec<PathBuf> {
    let dir = cache.join("citynet").join("data");
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    found.sort();
    found
}

fn search(cache: &Path, file: &Path, extra: &[&str]) -> String {
    let out = citynet(cache)
        .arg("--data")
        .arg(file)
        .args(extra)
        .args([
            "members",
            "synthetic",
            "--search",
            "berl",
            "--format",
            "csv",
        ])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn a_large_file_is_cached_and_a_damaged_or_stale_copy_rebuilt() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let cache = tmp.path().join("cache");
    let file = tmp.path().join("big.ron");
    // 10,000 members: past the size from which a file is cached.
    let text = to_ron(&roster_dataset(10_000, DEFAULT_SEED)).expect("RON");
    std::fs::write(&file, &text).expect("writes");

    let fresh = search(&cache, &file, &["--no-cache"]);
    assert!(entries(&cache).is_empty(), "--no-cache writes nothing");
    assert!(fresh.lines().count() > 10, "the query matches: {fresh}");

    assert_eq!(
        search(&cache, &file, &[]),
        fresh,
        "first load, which writes the copy"
    );
    let written = entries(&cache);
    assert_eq!(written.len(), 1);
    let whole = std::fs::read(&written[0]).expect("entry");
    assert_eq!(search(&cache, &file, &[]), fresh, "read from the copy");

    // A truncated copy, and one with a byte changed, give the same answer and are
    // written again.
    std::fs::write(&written[0], &whole[..whole.len() / 2]).expect("truncates");
    assert_eq!(search(&cache, &file, &[]), fresh);
    assert_eq!(std::fs::read(&written[0]).expect("entry"), whole);
    let mut bad = whole.clone();
    let last = bad.len() - 3;
    bad[last] ^= 1;
    std::fs::write(&written[0], &bad).expect("damages");
    assert_eq!(search(&cache, &file, &[]), fresh);
    assert_eq!(std::fs::read(&written[0]).expect("entry"), whole);

    // The file changes (one member renamed): its new content is read, not the copy.
    let renamed = text.replacen("(name: \"", "(name: \"Berlzzz ", 1);
    std::fs::write(&file, &renamed).expect("writes");
    let after = search(&cache, &file, &[]);
    assert!(after.contains("Berlzzz"), "the edited file is what is read");
    assert_eq!(entries(&cache).len(), 2);

    // An invalid file is refused every time, and never cached.
    let broken = text.replacen("country: \"", "country: \"ZZ", 1);
    std::fs::write(&file, &broken).expect("writes");
    for _ in 0..2 {
        citynet(&cache)
            .arg("--data")
            .arg(&file)
            .args(["members", "synthetic"])
            .assert()
            .code(1);
    }
    assert_eq!(entries(&cache).len(), 2);
}

#[test]
fn a_copy_sifted_for_one_query_answers_as_the_whole_file_does() {
    // `members --search` reads from the copy only the members that could match; every
    // column, order, tier and country filter and format must come out as from the file.
    let tmp = tempfile::tempdir().expect("temp dir");
    let cache = tmp.path().join("cache");
    let file = tmp.path().join("big.ron");
    let text = to_ron(&roster_dataset(10_000, DEFAULT_SEED)).expect("RON");
    std::fs::write(&file, &text).expect("writes");
    let run = |extra: &[&str], args: &[&str]| {
        let out = citynet(&cache)
            .arg("--data")
            .arg(&file)
            .args(extra)
            .arg("members")
            .args(args)
            .output()
            .expect("runs");
        (out.status.code(), out.stdout, out.stderr)
    };
    let _ = run(&[], &["--search", "berl"]);
    assert_eq!(entries(&cache).len(), 1, "the copy is written");
    let mut compared = 0;
    for query in ["berl", "muehlb", "germany", "zq", "st", "ber | lin", "^zü"] {
        for args in [
            &["--format", "csv"][..],
            &["--format", "json"],
            &["--format", "table"],
            &["--sort", "population", "--format", "csv"],
            &["--sort", "since", "--reverse", "--format", "csv"],
            &["--sort", "country", "--format", "markdown"],
            &["--country", "DE", "--format", "csv"],
        ] {
            let mut all = vec!["synthetic", "--search", query];
            all.extend_from_slice(args);
            let whole = run(&["--no-cache"], &all);
            assert_eq!(run(&[], &all), whole, "{all:?}");
            compared += usize::from(!whole.1.is_empty());
        }
    }
    assert!(compared > 30, "{compared} answers with rows");
}
