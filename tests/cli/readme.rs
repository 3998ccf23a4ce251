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

#[test]
fn readme_config_reference_is_config_default() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md is readable");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_citynet"))
        .args(["config", "--default"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    let block = format!("```toml\n{text}```\n");
    assert!(
        readme.contains(&block),
        "README.md's config reference differs from `citynet config --default`; replace it with:\n\n{block}"
    );
}
