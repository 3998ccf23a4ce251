//! The README stays true: its key table is the keymap's, and its commands exist.

#[test]
fn readme_key_table_is_the_keymap() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md is readable");
    let table = citynet::ui::help::markdown();
    assert!(
        readme.contains(&table),
        "README.md's key table differs from the keymap; replace it with:\n\n{table}"
    );
}
