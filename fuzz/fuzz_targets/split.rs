//! Arbitrary text as a large dataset file: the split parse (`data::split`, which parses a
//! big file's member lists on both cores) must either give up or give exactly what ron's
//! own serial parse gives. It may never read a file differently, nor accept one that ron
//! refuses. With `min_piece` 1 the scan always runs on two threads, its second half on a
//! guess from the middle of the text, and the entries are handed out one at a time.

#![no_main]

use citynet_core::data::parse::ron_options;
use citynet_core::data::{Dataset, split};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    if let Some(split) = split::parse(text, 2, 1) {
        let serial: Option<Dataset> = ron_options().from_str(text).ok();
        assert!(Some(split) == serial, "the split parse read {text:?} differently");
    }
});
