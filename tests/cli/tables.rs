//! Member lists read from CSV and TSV files: `--roster NETWORK=FILE`, `--data F.csv`,
//! `validate F.csv` and `import F.csv`, through the real binary. Fixtures live in
//! `tests/fixtures/tables/`.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn table(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/tables")
        .join(name)
        .display()
        .to_string()
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run_in(cache: &Path, args: &[&str]) -> Run {
    let out = Command::cargo_bin("citynet")
        .expect("binary")
        .env("XDG_CACHE_HOME", cache)
        .env("HOME", cache)
        .env_remove("NO_COLOR")
        .args(args)
        .output()
        .expect("runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("UTF-8 stdout"),
        stderr: String::from_utf8(out.stderr).expect("UTF-8 stderr"),
    }
}

fn run(args: &[&str]) -> Run {
    run_in(&std::env::temp_dir().join("citynet-tests-cache"), args)
}

/// The first column of a CSV answer, header aside.
fn cities(csv: &str) -> Vec<String> {
    csv.lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap_or("").to_string())
        .collect()
}

fn members_csv(args: &[&str], network: &str) -> Run {
    let mut all = args.to_vec();
    all.extend(["members", network, "--format", "csv"]);
    run(&all)
}

#[test]
fn a_roster_file_replaces_that_networks_members_only() {
    let spec = format!("eurocities={}", table("eurocities.csv"));
    let r = members_csv(&["--roster", &spec], "eurocities");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(cities(&r.stdout), ["Aarhus", "Amsterdam", "Bergen", "Łódź"]);
    // `Full member` is the known tier `full`, spelled as its label; the population's
    // thousands separators are read.
    assert!(
        r.stdout
            .contains("Amsterdam,NL,Netherlands,full,city,921402,"),
        "{}",
        r.stdout
    );
    // The global option works after the command too, by short name, and leaves the other
    // networks as they were.
    let c40 = members_csv(&[], "c40");
    let after = run(&["members", "c40", "--format", "csv", "--roster", &spec]);
    assert_eq!(after.code, 0, "{}", after.stderr);
    assert_eq!(after.stdout, c40.stdout);
    assert!(cities(&c40.stdout).len() > 50);
}

#[test]
fn a_tsv_roster_is_read_with_country_names() {
    let spec = format!("C40={}", table("c40.tsv"));
    let r = members_csv(&["--roster", &spec], "c40");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(cities(&r.stdout), ["Lagos", "Lima", "Oslo"]);
    assert!(r.stdout.contains("Lagos,NG,Nigeria,"), "{}", r.stdout);
}

#[test]
fn a_byte_order_mark_crlf_and_quoted_cells_are_read() {
    let spec = format!("eurocities={}", table("crlf_bom.csv"));
    let r = run(&[
        "--roster",
        &spec,
        "members",
        "eurocities",
        "--format",
        "json",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let rows: serde_json::Value = serde_json::from_str(&r.stdout).expect("JSON");
    let rows = rows.as_array().expect("an array of members");
    let names: Vec<&str> = rows.iter().filter_map(|m| m["city"].as_str()).collect();
    assert_eq!(names, ["Aarhus", "Kiel", "Łódź, city"]);
    assert_eq!(
        rows[0]["aka"],
        serde_json::json!(["Århus", "\"Smilets by\""])
    );
}

#[test]
fn data_with_a_csv_takes_the_network_from_the_files_name() {
    let r = members_csv(&["--data", &table("eurocities.csv")], "eurocities");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(cities(&r.stdout), ["Aarhus", "Amsterdam", "Bergen", "Łódź"]);
    // The rest is the embedded dataset: only Eurocities' count of listed members differs.
    let list = run(&[
        "--data",
        &table("eurocities.csv"),
        "list",
        "--format",
        "csv",
    ]);
    let embedded = run(&["list", "--format", "csv"]).stdout;
    assert!(embedded.contains(",>200,202,governance;"), "{embedded}");
    assert_eq!(
        list.stdout,
        embedded.replace(",>200,202,governance;", ",>200,4,governance;")
    );
}

#[test]
fn a_name_that_names_no_network_says_how_to_name_one() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let file = tmp.path().join("eurocitis.csv");
    std::fs::copy(table("eurocities.csv"), &file).expect("copies");
    let file = file.display().to_string();
    let r = run(&["--data", &file, "list"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains(&format!("`--roster NETWORK={file}`")),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("\n  eurocities  Eurocities"),
        "{}",
        r.stderr
    );
    assert!(r.stdout.is_empty());

    let typo = run(&["--roster", &format!("eurocitis={file}"), "list"]);
    assert_eq!(typo.code, 2, "{}", typo.stderr);
    assert!(
        typo.stderr
            .contains("no network is called “eurocitis”. Did you mean:\n  eurocities"),
        "{}",
        typo.stderr
    );
    let shape = run(&["--roster", &file, "list"]);
    assert_eq!(shape.code, 2);
    assert!(
        shape.stderr.contains("expected NETWORK=FILE"),
        "{}",
        shape.stderr
    );
}

#[test]
fn a_bad_cell_is_told_at_its_line_and_column() {
    let r = run(&[
        "--roster",
        &format!("c40={}", table("bad_cell.tsv")),
        "list",
    ]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains(&format!(
            "{}:3:16: lat: expected a number of degrees (-90 to 90), found `south`",
            table("bad_cell.tsv")
        )),
        "{}",
        r.stderr
    );
    // The line is quoted with its tabs as spaces, the caret under the cell.
    assert!(
        r.stderr
            .contains("  3 | Lima PE member south -77.04\n    |                ^"),
        "{}",
        r.stderr
    );
    assert!(r.stdout.is_empty());

    let r = run(&["--data", &table("unknown_column.csv"), "list"]);
    // The file's name names no network: that is said before the file is read.
    assert_eq!(r.code, 2, "{}", r.stderr);
    let spec = format!("eurocities={}", table("unknown_column.csv"));
    let r = run(&["--roster", &spec, "list"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains(":1:19: unknown column `latitude`"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_problem_of_the_members_is_told_in_the_csv() {
    let spec = format!("eurocities={}", table("bad_lat.csv"));
    let r = run(&["--roster", &spec, "list"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains(&format!(
            "{}:3:1: roster eurocities › member \"Amsterdam\": coordinates (95.5, 4.9) are out of range",
            table("bad_lat.csv")
        )),
        "{}",
        r.stderr
    );
}

#[test]
fn validate_checks_a_csv_and_reports_every_position() {
    let r = run(&["validate", &table("bad_lat.csv"), "--network", "eurocities"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        format!(
            "{0}:3:1: roster eurocities › member \"Amsterdam\": coordinates (95.5, 4.9) are out of range (lat -90..90, lon -180..180)\n{0}: 1 problem\n",
            table("bad_lat.csv")
        )
    );
    let ok = run(&["validate", &table("eurocities.csv")]);
    assert_eq!(ok.code, 0, "{}", ok.stderr);
    assert_eq!(
        ok.stdout,
        format!(
            "{}: ok (4 members of eurocities)\n",
            table("eurocities.csv")
        )
    );

    // A value's character, after a mark, inside a quoted cell, over CRLF line ends.
    let tmp = tempfile::tempdir().expect("temp dir");
    let file = tmp.path().join("list.csv");
    std::fs::write(
        &file,
        "\u{feff}name,country,tier,lat,lon\r\nKiel,DE,full,54.32,10.13\r\n\"Łódź\u{7}, city\",PL,full,51.76,19.46\r\n",
    )
    .expect("writes");
    let r = run(&[
        "validate",
        &file.display().to_string(),
        "--network",
        "eurocities",
    ]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(
        r.stdout
            .starts_with(&format!("{}:3:6: roster eurocities", file.display())),
        "{}",
        r.stdout
    );
    let no_network = run(&["validate", &file.display().to_string()]);
    assert_eq!(no_network.code, 2);
    assert!(no_network.stderr.contains("`--network NETWORK`"));
}

#[test]
fn import_writes_a_dataset_that_reads_back_the_same_members() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("out.ron");
    let out_s = out.display().to_string();
    let csv = table("crlf_bom.csv");
    let r = run(&["import", &csv, "--network", "eurocities", "-o", &out_s]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.is_empty());
    assert!(r.stderr.contains("wrote"), "{}", r.stderr);

    let spec = format!("eurocities={csv}");
    let direct = members_csv(&["--roster", &spec], "eurocities");
    let back = members_csv(&["--data", &out_s], "eurocities");
    assert_eq!(back.code, 0, "{}", back.stderr);
    assert_eq!(back.stdout, direct.stdout);
    assert_eq!(cities(&back.stdout).len(), 3);
    // To stdout, the same text.
    let piped = run(&["import", &csv, "--network", "eurocities"]);
    assert_eq!(piped.code, 0, "{}", piped.stderr);
    assert_eq!(
        piped.stdout,
        std::fs::read_to_string(&out).expect("written")
    );

    // A list with a problem writes nothing.
    let bad = tmp.path().join("bad.ron");
    let r = run(&[
        "import",
        &table("bad_lat.csv"),
        "--network",
        "eurocities",
        "--output",
        &bad.display().to_string(),
    ]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("bad_lat.csv:3:1:"), "{}", r.stderr);
    assert!(!bad.exists());
}

fn entries(cache: &Path) -> Vec<PathBuf> {
    let dir = cache.join("citynet").join("data");
    std::fs::read_dir(dir)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default()
}

#[test]
fn a_large_csv_is_cached_per_network_and_content() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let cache = tmp.path().join("cache");
    let file = tmp.path().join("eurocities.csv");
    let write = |population: u32| {
        let mut text = String::from("name,country,tier,lat,lon,population\n");
        // Past the size from which a dataset is cached.
        for i in 0..40_000u32 {
            text.push_str(&format!(
                "Aarhus district {i},DK,full,56.16,10.20,{}\n",
                population + i
            ));
        }
        std::fs::write(&file, text).expect("writes");
    };
    write(1000);
    let data = file.display().to_string();
    let ask = |extra: &[&str]| {
        let mut args = extra.to_vec();
        args.extend([
            "--data",
            &data,
            "members",
            "eurocities",
            "--search",
            "'district 7",
            "--format",
            "csv",
        ]);
        let r = run_in(&cache, &args);
        assert_eq!(r.code, 0, "{}", r.stderr);
        r.stdout
    };
    let fresh = ask(&["--no-cache"]);
    assert!(entries(&cache).is_empty(), "--no-cache writes nothing");
    assert!(
        fresh.contains("Aarhus district 7,DK,Denmark,full,city,1007,"),
        "{fresh}"
    );
    assert_eq!(ask(&[]), fresh);
    assert_eq!(entries(&cache).len(), 1);
    let written = |cache: &Path| {
        let entry = entries(cache).pop().expect("an entry");
        std::fs::metadata(entry)
            .and_then(|m| m.modified())
            .expect("mtime")
    };
    let first = written(&cache);
    assert_eq!(ask(&[]), fresh, "from the cache");
    assert_eq!(entries(&cache).len(), 1);
    // Read, not parsed and written again.
    assert_eq!(written(&cache), first);

    // The same file as another network's list is another entry.
    let spec = format!("c40={data}");
    let r = run_in(
        &cache,
        &["--roster", &spec, "members", "c40", "--format", "csv"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("Aarhus district 7,"));
    assert_eq!(entries(&cache).len(), 2);

    // A changed file is read afresh.
    write(5000);
    let changed = ask(&[]);
    assert!(
        changed.contains("Aarhus district 7,DK,Denmark,full,city,5007,"),
        "{changed}"
    );
    assert_eq!(entries(&cache).len(), 3);
}

#[test]
fn a_refusal_of_many_problems_says_how_to_list_them_all() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let file = tmp.path().join("list.csv");
    let mut text = String::from("name,country,tier,lat,lon\n");
    for i in 0..20 {
        text.push_str(&format!("City {i},DK,full,95,10.2\n"));
    }
    std::fs::write(&file, text).expect("writes");
    let file = file.display().to_string();
    let r = run(&["--roster", &format!("eurocities={file}"), "list"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains(&format!(
            "… and 5 more; `citynet validate {file} --network eurocities` lists them all"
        )),
        "{}",
        r.stderr
    );
    let all = run(&["validate", &file, "--network", "eurocities"]);
    assert_eq!(all.code, 1);
    assert_eq!(all.stdout.lines().count(), 21, "{}", all.stdout);
    assert!(
        all.stdout
            .contains(":21:1: roster eurocities › member \"City 19\"")
    );
}

/// Any file given a network is read as a member list (its header says TSV), not only a
/// .csv or .tsv one.
#[cfg(unix)]
#[test]
fn validate_reads_a_list_from_a_pipe_given_its_network() {
    let piped = Command::cargo_bin("citynet")
        .expect("binary")
        .args(["validate", "/dev/stdin", "--network", "c40"])
        .pipe_stdin(table("c40.tsv"))
        .expect("stdin")
        .output()
        .expect("runs");
    assert_eq!(
        String::from_utf8_lossy(&piped.stdout),
        "/dev/stdin: ok (3 members of c40)\n"
    );
}
