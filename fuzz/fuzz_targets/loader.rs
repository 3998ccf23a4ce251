//! Arbitrary bytes as a dataset file: parsing, validating and reporting must never panic,
//! overflow the stack or hang, whatever the file holds.
//!
//! The target follows a file's way through `citynet --data FILE`: the bytes must be UTF-8
//! (as `load_file` requires), then `parse_dataset`; a parse error's position is quoted
//! back with a caret (`cli::errors::snippet`); a dataset that parses is validated and each
//! problem is located in the text (every one of them must be) and printed escaped. The same text is also tried as a
//! roster file (`parse_roster`).

#![no_main]

use citynet::cli::errors::{position, snippet};
use citynet_core::text::is_unsafe;
use citynet_core::data::{parse_dataset, parse_roster, validate};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    match parse_dataset("fuzz.ron", text) {
        Ok(dataset) => {
            for problem in validate(&dataset) {
                // A problem quotes values from the file escaped: printing it is safe.
                let line = problem.to_string();
                assert!(!line.chars().any(is_unsafe), "raw text in {line:?}");
                // Every refusal has a position, found from the file's own structure.
                assert!(position(&problem, text).is_some(), "no position for {line:?}");
            }
        }
        Err(e) => {
            let _ = e.to_string();
            if let Some((line, col)) = e.position {
                let _ = snippet(text, line, col);
            }
        }
    }
    if let Err(e) = parse_roster("fuzz.ron", text)
        && let Some((line, col)) = e.position
    {
        let _ = snippet(text, line, col);
    }
});
