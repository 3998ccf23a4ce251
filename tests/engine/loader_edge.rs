//! The loader at the edges (issue #6): whatever a dataset file holds, `load_file`,
//! `parse_dataset` and `parse_roster` answer with a value or a `LoadError` that names the
//! file, says what is wrong and, where the format gives one, where — never a panic, a stack
//! overflow or a hang.
//!
//! The last section keeps the inputs the loader fuzz target (`fuzz/`) found, as regressions.

use std::path::Path;
use std::time::{Duration, Instant};

use citynet_core::data::parse::EMBEDDED_DIRECTORY;
use citynet_core::data::{LoadError, load_file, parse_dataset, parse_roster, validate};

/// Writes `bytes` to a file in a fresh temporary directory and loads it.
fn load_bytes(bytes: &[u8]) -> Result<citynet_core::data::Dataset, LoadError> {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("data.ron");
    std::fs::write(&path, bytes).expect("the file is written");
    load_file(&path)
}

/// The error, checked for the things every load error must have.
fn load_error(bytes: &[u8]) -> LoadError {
    let e = load_bytes(bytes).expect_err("the file must be refused");
    assert!(e.file.ends_with("data.ron"), "names the file: {e}");
    assert!(!e.message.trim().is_empty(), "says what is wrong: {e:?}");
    let shown = e.to_string();
    assert!(shown.starts_with(&e.file), "{shown}");
    if let Some((line, col)) = e.position {
        assert!(line >= 1 && col >= 1, "positions are 1-based: {e:?}");
        assert!(shown.contains(&format!(":{line}:{col}: ")), "{shown}");
    }
    e
}

/// A small dataset that loads and validates, to break in different ways.
const VALID: &str = r#"(
    title: "Test networks",
    as_of: "2024-06",
    sources: [(id: "notes", title: "Test notes", publisher: "citynet tests")],
    networks: [
        (
            id: "baltic-ring",
            name: "Baltic Ring",
            scope: Regional("Baltic Sea"),
            themes: [mobility],
            summary: "A made-up network.",
            sources: ["notes"],
            roster: (
                sources: ["notes"],
                as_of: "2024",
                completeness: Complete,
                tiers: [(id: "core", label: "Core member", short: "Core")],
                members: [(name: "Gdańsk", country: "PL", tier: "core", lat: 54.35, lon: 18.65)],
            ),
        ),
    ],
)
"#;

#[test]
fn the_valid_fixture_loads_and_validates() {
    let d = load_bytes(VALID.as_bytes()).expect("loads");
    assert_eq!(validate(&d), []);
}

#[test]
fn an_empty_file_is_an_error() {
    let e = load_error(b"");
    assert_eq!(e.position, Some((1, 1)), "{e}");
    assert!(e.message.contains("Expected opening `(`"), "{e}");
}

#[test]
fn a_file_of_only_whitespace_and_comments_is_an_error() {
    for text in ["   \n\t\n  \r\n", "// nothing here\n", "/* nor here */"] {
        let e = load_error(text.as_bytes());
        assert!(e.message.contains("Expected opening `(`"), "{text:?}: {e}");
    }
}

#[test]
fn a_truncated_file_is_an_error_near_where_it_stops() {
    let text = VALID;
    for cut in [1, 10, text.len() / 3, text.len() / 2, text.len() - 3] {
        let cut = (0..=cut)
            .rev()
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(0);
        let e = load_error(&text.as_bytes()[..cut]);
        let (line, _) = e.position.expect("a truncated file has a position");
        let lines = text[..cut].lines().count().max(1);
        assert!(
            line <= lines + 1,
            "cut at {cut}: line {line} of {lines}: {e}"
        );
    }
    // The embedded directory, cut mid-way, too.
    let (_, big) = EMBEDDED_DIRECTORY;
    let mut cut = big.len() / 2;
    while !big.is_char_boundary(cut) {
        cut -= 1;
    }
    let e = load_error(&big.as_bytes()[..cut]);
    assert!(e.position.is_some(), "{e}");
}

#[test]
fn a_ten_megabyte_string_on_one_line_is_read_or_refused_quickly() {
    let huge = "a".repeat(10 * 1024 * 1024);
    let started = Instant::now();
    // As a value: it is a long title, and that is all.
    let text = VALID.replacen("\"Test networks\"", &format!("\"{huge}\""), 1);
    let d = load_bytes(text.as_bytes()).expect("a long title is still a title");
    assert_eq!(d.title.len(), huge.len());
    assert_eq!(validate(&d), []);
    // Unterminated: an error, at the line it starts on.
    let text = format!("(\n    title: \"{huge}");
    let e = load_error(text.as_bytes());
    assert!(e.position.is_some_and(|(line, _)| line <= 2), "{e:?}");
    // A megabyte of digits where a year belongs: too large, at its line.
    let text = VALID.replacen(
        "summary:",
        &format!("founded: {}, summary:", "9".repeat(1 << 20)),
        1,
    );
    let e = load_error(text.as_bytes());
    assert_eq!(e.position.map(|(l, _)| l), Some(11), "{e:?}");
    // And as a coordinate: infinite, which validation refuses.
    let text = VALID.replacen("lat: 54.35", &format!("lat: {}", "9".repeat(1 << 20)), 1);
    let d = load_bytes(text.as_bytes()).expect("a float that overflows is infinite");
    assert!(
        validate(&d)
            .iter()
            .any(|p| p.message.contains("out of range")),
        "an infinite latitude is a problem"
    );
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "took {:?}",
        started.elapsed()
    );
}

/// 100,000 levels of brackets, anywhere a value can be: an error, not a stack overflow.
#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    const DEPTH: usize = 100_000;
    let opens = |c: &str| c.repeat(DEPTH);
    let cases = [
        opens("["),
        opens("("),
        opens("{"),
        format!("{}{}", opens("["), "]".repeat(DEPTH)),
        format!("{}{}", opens("("), ")".repeat(DEPTH)),
        VALID.replacen("\"Test networks\"", &opens("["), 1),
        VALID.replacen("[mobility]", &opens("["), 1),
        VALID.replacen(
            "Regional(\"Baltic Sea\")",
            &format!("Regional({})", opens("(")),
            1,
        ),
        VALID.replacen(
            "Regional(\"Baltic Sea\")",
            &format!("Regional{}", opens("(")),
            1,
        ),
        VALID.replacen("Complete", &format!("Partial{}", opens("(")), 1),
        VALID.replacen("[\"notes\"]", &opens("Some("), 1),
        VALID.replacen("lat: 54.35", &format!("lat: {}", opens("Some(")), 1),
        VALID.replacen("\"Test networks\"", &opens("r#"), 1),
    ];
    for text in &cases {
        let e = load_error(text.as_bytes());
        assert!(e.position.is_some(), "{e:?}");
        assert!(parse_roster("r.ron", text).is_err());
    }
}

#[test]
fn invalid_utf8_is_an_error_at_its_position() {
    let mut bytes = b"(\n    title: \"T".to_vec();
    bytes.extend([0xC5, 0x41]); // a lead byte without its continuation
    bytes.extend(b"\",\n)");
    let e = load_error(&bytes);
    assert!(e.message.contains("UTF-8"), "{e}");
    assert_eq!(e.position, Some((2, 14)), "{e}");

    let e = load_error(&[0xFF, 0xFE, b'(', b')']);
    assert!(e.message.contains("UTF-8"), "{e}");
    assert_eq!(e.position, Some((1, 1)));

    // A UTF-16 file (with its byte order mark) is not UTF-8 either.
    let utf16: Vec<u8> = [0xFEFF_u16]
        .into_iter()
        .chain(VALID.encode_utf16())
        .flat_map(u16::to_le_bytes)
        .collect();
    let e = load_error(&utf16);
    assert!(e.message.contains("UTF-8"), "{e}");
}

#[test]
fn a_directory_is_an_error() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let e = load_file(dir.path()).expect_err("a directory is not a dataset");
    assert!(e.message.contains("directory"), "{e}");
    assert_eq!(e.position, None);
    assert!(e.to_string().starts_with(&dir.path().display().to_string()));
}

#[test]
fn a_missing_file_is_an_error() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("nope.ron");
    let e = load_file(&path).expect_err("no such file");
    assert!(e.message.contains("cannot read"), "{e}");
}

#[cfg(unix)]
#[test]
fn special_files_are_errors_not_hangs() {
    // Devices are refused without reading: /dev/zero would never end.
    for dev in ["/dev/null", "/dev/zero"] {
        if Path::new(dev).exists() {
            let e = load_file(Path::new(dev)).expect_err("a device");
            assert!(e.message.contains("device"), "{e}");
        }
    }
}

#[test]
fn a_file_past_the_limit_is_refused_before_and_while_reading() {
    use citynet_core::data::load::read_text;
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("big.ron");
    std::fs::write(&path, VALID).expect("written");
    let e = read_text(&path, 100).expect_err("larger than 100 bytes");
    assert!(e.message.contains("--max-size"), "{e}");
    assert_eq!(read_text(&path, 1 << 20).expect("small enough"), VALID);
    // Bytes that are not UTF-8 stop the reading where they are, far into the file.
    let mut bytes = VALID.repeat(200).into_bytes();
    bytes.extend_from_slice(b"\n\xFF\xFE");
    std::fs::write(&path, &bytes).expect("written");
    let e = read_text(&path, 1 << 20).expect_err("not UTF-8");
    let line = bytes.iter().filter(|&&b| b == b'\n').count() + 1;
    assert_eq!(e.position, Some((line, 1)), "{e}");
}

#[test]
fn odd_but_harmless_text_is_handled() {
    // A byte order mark, CRLF line ends, NUL and other control bytes, a lone CR.
    let with_bom = format!("\u{feff}{VALID}");
    if let Err(e) = load_bytes(with_bom.as_bytes()) {
        assert!(!e.message.is_empty(), "{e:?}");
    }
    let crlf = VALID.replace('\n', "\r\n");
    let d = load_bytes(crlf.as_bytes()).expect("CRLF line ends are fine");
    assert_eq!(validate(&d), []);
    let e = load_error(VALID.replacen("title:", "title:\0", 1).as_bytes());
    assert_eq!(e.position.map(|(l, _)| l), Some(2), "{e}");
    let e = load_error(b"(\r\r\r title: 1");
    assert!(e.position.is_some(), "{e}");
}

#[test]
fn wrong_numbers_are_errors_or_problems() {
    // Too large for its type: a parse error, at the field.
    let text = VALID.replacen(
        "summary: \"A made-up network.\",",
        "summary: \"A made-up network.\", founded: 99999999,",
        1,
    );
    let e = load_error(text.as_bytes());
    assert_eq!(e.position.map(|(l, _)| l), Some(11), "{e}");
    // Not numbers at all, or not finite: read, then refused by validation.
    for lat in ["NaN", "inf", "-inf", "1e999"] {
        let text = VALID.replacen("lat: 54.35", &format!("lat: {lat}"), 1);
        match load_bytes(text.as_bytes()) {
            Ok(d) => {
                let problems = validate(&d);
                assert!(
                    problems.iter().any(|p| p.message.contains("out of range")),
                    "{lat}: {problems:?}"
                );
            }
            Err(e) => assert!(e.position.is_some(), "{lat}: {e}"),
        }
    }
    // Negative where unsigned.
    let text = VALID.replacen("lon: 18.65)", "lon: 18.65, population: -5)", 1);
    let e = load_error(text.as_bytes());
    assert_eq!(e.position.map(|(l, _)| l), Some(18), "{e}");
}

#[test]
fn parse_functions_agree_with_load_file() {
    for text in ["", "(", "()", "[]", VALID] {
        let direct = parse_dataset("data.ron", text)
            .map(|_| ())
            .map_err(|e| e.message);
        let loaded = load_bytes(text.as_bytes())
            .map(|_| ())
            .map_err(|e| e.message);
        assert_eq!(direct, loaded, "{text:?}");
        let _ = parse_roster("r.ron", text);
    }
}

// ---------------------------------------------------------------------- fuzz regressions
//
// Inputs the loader fuzz target found (fuzz/fuzz_targets/loader.rs), kept so that each
// stays fixed. Each goes through what the target does.

fn as_fuzz_target_does(text: &str) {
    match parse_dataset("fuzz.ron", text) {
        Ok(d) => {
            for p in validate(&d) {
                let shown = p.to_string();
                assert!(
                    !shown.chars().any(citynet_core::text::is_unsafe),
                    "raw text in {shown:?}"
                );
                // Every refusal has a position, found from the file's own structure.
                assert!(
                    citynet::cli::errors::position(&p, text).is_some(),
                    "no position for {shown:?}"
                );
            }
        }
        Err(e) => {
            if let Some((line, col)) = e.position {
                let _ = citynet::cli::errors::snippet(text, line, col);
            }
        }
    }
    if let Err(e) = parse_roster("fuzz.ron", text)
        && let Some((line, col)) = e.position
    {
        let _ = citynet::cli::errors::snippet(text, line, col);
    }
}

#[test]
fn the_fuzz_seed_corpus_runs_clean() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/loader");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).expect("the seed corpus is there") {
        let bytes = std::fs::read(entry.expect("an entry").path()).expect("a seed");
        if let Ok(text) = std::str::from_utf8(&bytes) {
            as_fuzz_target_does(text);
        }
        n += 1;
    }
    assert!(n >= 5, "only {n} seeds");
}
