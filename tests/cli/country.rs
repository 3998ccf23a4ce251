//! `citynet country NAME`: one country across every member list, grouped by network.

use crate::support::run;

fn csv_rows(s: &str) -> (csv::StringRecord, Vec<csv::StringRecord>) {
    let mut r = csv::Reader::from_reader(s.as_bytes());
    let head = r.headers().expect("a header").clone();
    let rows = r.records().collect::<Result<_, _>>().expect("valid CSV");
    (head, rows)
}

/// The headings of the table: "Eurocities (eurocities): 23 members" -> (eurocities, 23).
fn headings(table: &str) -> Vec<(String, usize)> {
    table
        .lines()
        .filter_map(|l| {
            let (left, right) = l.split_once("): ")?;
            let id = left.rsplit_once(" (")?.1;
            let n = right.split(' ').next()?.replace(',', "");
            Some((id.to_string(), n.parse().ok()?))
        })
        .filter(|(id, _)| id.len() > 2)
        .collect()
}

#[test]
fn the_table_groups_by_network_most_members_first() {
    let r = run(&["country", "germany"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.is_empty(), "{}", r.stderr);
    assert!(r.stdout.starts_with("Germany (DE): "), "{}", r.stdout);
    let heads = headings(&r.stdout);
    assert!(heads.len() >= 3, "{heads:?}");
    assert_eq!(heads[0].0, "covenant-of-mayors");
    assert!(heads.windows(2).all(|w| w[0].1 >= w[1].1), "{heads:?}");
    assert!(heads.iter().any(|(id, _)| id == "eurocities"));
    // Each heading's count is the rows under it: a line per row up to the next blank.
    let blocks: Vec<&str> = r.stdout.split("\n\n").skip(1).collect();
    for ((id, n), block) in heads.iter().zip(&blocks) {
        let lines: Vec<&str> = block.lines().collect();
        assert!(lines[1].starts_with("City "), "{id}: {}", lines[1]);
        assert_eq!(lines.len() - 2, *n, "{id}");
    }
    // Thousands separators, and the rows of a group by name.
    assert!(
        r.stdout.contains("3,426,354"),
        "Berlin's population, grouped"
    );
    let total: usize = heads.iter().map(|(_, n)| n).sum();
    let first = r.stdout.lines().next().expect("a summary");
    assert!(first.contains(&format!(" {total} members in ")), "{first}");
    assert!(r.stdout.contains("GeoNames"), "the credit for its figures");
}

#[test]
fn csv_has_a_network_column_and_the_members_columns() {
    let r = run(&["country", "DE", "--format", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let (head, rows) = csv_rows(&r.stdout);
    let members = run(&[
        "members",
        "eurocities",
        "--country",
        "DE",
        "--format",
        "csv",
    ]);
    let (member_head, member_rows) = csv_rows(&members.stdout);
    assert_eq!(&head[0], "network");
    let rest: Vec<&str> = head.iter().skip(1).take(member_head.len()).collect();
    assert_eq!(rest, member_head.iter().collect::<Vec<_>>());
    assert!(rows.iter().all(|row| &row[2] == "DE"));
    // The Eurocities rows are the members command's, cell for cell.
    let mut euro: Vec<Vec<String>> = rows
        .iter()
        .filter(|row| &row[0] == "eurocities")
        .map(|row| {
            row.iter()
                .skip(1)
                .take(member_head.len())
                .map(String::from)
                .collect()
        })
        .collect();
    let mut expected: Vec<Vec<String>> = member_rows
        .iter()
        .map(|row| row.iter().map(String::from).collect())
        .collect();
    euro.sort();
    expected.sort();
    assert_eq!(euro, expected);
    // The table's counts are the CSV's rows.
    let table = run(&["country", "DE"]);
    for (id, n) in headings(&table.stdout) {
        assert_eq!(rows.iter().filter(|row| row[0] == *id).count(), n, "{id}");
    }
}

#[test]
fn a_code_and_names_give_the_same_rows() {
    let by_code = run(&["country", "de", "--format", "csv"]).stdout;
    for name in ["Germany", "deutschland", "DEU"] {
        assert_eq!(
            run(&["country", name, "--format", "csv"]).stdout,
            by_code,
            "{name}"
        );
    }
}

#[test]
fn several_words_need_no_quotes() {
    let r = run(&["country", "united", "kingdom"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.starts_with("United Kingdom (GB): "),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("London"));
}

#[test]
fn an_unknown_country_suggests_and_exits_2() {
    let r = run(&["country", "germny"]);
    assert_eq!(r.code, 2);
    assert!(r.stdout.is_empty());
    assert!(r.stderr.contains("“germny”"), "{}", r.stderr);
    assert!(r.stderr.contains("Did you mean"), "{}", r.stderr);
    assert!(r.stderr.contains("DE  Germany"), "{}", r.stderr);
    let r = run(&["country", "korea"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("KR  South Korea"), "{}", r.stderr);
}

#[test]
fn a_country_with_no_members_is_an_answer() {
    let r = run(&["country", "bhutan"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "No member list has a member in Bhutan (BT).\n");
    let r = run(&["country", "bhutan", "--format", "csv"]);
    assert_eq!(r.code, 0);
    assert_eq!(csv_rows(&r.stdout).1.len(), 0);
    assert!(r.stderr.contains("no member list has a member in Bhutan"));
}

#[test]
fn network_limits_the_lists_and_suggests_for_a_typo() {
    let r = run(&[
        "country",
        "de",
        "--network",
        "c40",
        "--network",
        "eurocities",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let ids: Vec<String> = headings(&r.stdout).into_iter().map(|(id, _)| id).collect();
    assert_eq!(ids, ["eurocities", "c40"]);
    assert!(r.stdout.contains(" of the 2 member lists "), "{}", r.stdout);
    let r = run(&["country", "de", "--network", "eurocitis"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("Did you mean"), "{}", r.stderr);
    assert!(r.stderr.contains("eurocities"), "{}", r.stderr);
    let r = run(&["country", "de", "--network", "iclei"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("has no member list"), "{}", r.stderr);
}

#[test]
fn completions_offer_country_codes() {
    let r = run(&["completions", "bash"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let start = r
        .stdout
        .find("citynet__subcmd__country)")
        .expect("a country case");
    let opts = r.stdout[start..].lines().nth(1).expect("its options");
    assert!(opts.contains(" DE ") && opts.contains(" GB "), "{opts}");
}
