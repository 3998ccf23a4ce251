//! `citynet config`, `pins` and `views`, with a config and state of the test's own.

use std::fs;
use std::process::{Command, Output};

struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Home {
        Home {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    fn state(&self) -> std::path::PathBuf {
        self.dir.path().join("state").join("citynet")
    }

    fn config(&self) -> std::path::PathBuf {
        self.dir
            .path()
            .join("config")
            .join("citynet")
            .join("config.toml")
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_citynet"))
            .args(args)
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env("XDG_STATE_HOME", self.dir.path().join("state"))
            .env_remove("CITYNET_CONFIG")
            .env_remove("CITYNET_NO_SAVE")
            .env_remove("NO_COLOR")
            .output()
            .expect("runs")
    }
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn config_path_says_where_each_file_is() {
    let home = Home::new();
    let out = home.run(&["config", "--path"]);
    assert!(out.status.success());
    let t = text(&out.stdout);
    assert!(t.contains(&home.config().display().to_string()), "{t}");
    assert!(t.contains("not there: the defaults apply"), "{t}");
    assert!(t.contains(&home.state().display().to_string()), "{t}");
    let other = home.dir.path().join("mine.toml");
    let out = home.run(&["--config", other.to_str().unwrap(), "config", "--path"]);
    assert!(
        text(&out.stdout).contains("from --config"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn config_check_reports_every_mistake_with_its_place() {
    let home = Home::new();
    fs::create_dir_all(home.config().parent().unwrap()).unwrap();
    fs::write(
        home.config(),
        "[keys.browsing]\nquit = \"j\"\n[theme]\npreset = \"dakr\"\n",
    )
    .unwrap();
    let out = home.run(&["config", "--check"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    let path = home.config().display().to_string();
    assert!(
        err.contains(&format!("{path}:2:8: `j` would do two things")),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{path}:4:10: `dakr` is not a theme preset (did you mean `dark`?)"
        )),
        "{err}"
    );
    assert!(err.contains("2 problems"), "{err}");
    // The browser will not start on it either, and says the same.
    // (Not on a terminal here: the config is checked before the terminal is.)
    let ok = home.dir.path().join("ok.toml");
    fs::write(&ok, home.run(&["config", "--default"]).stdout).unwrap();
    let out = home.run(&["config", "--check", ok.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).ends_with(": fine\n"));
    let out = home.run(&["config", "--check", "/no/such/config.toml"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn pins_print_as_a_brief_and_as_rows() {
    let home = Home::new();
    fs::create_dir_all(home.state()).unwrap();
    fs::write(
        home.state().join("pins.toml"),
        "version = 2\n[[pin]]\ncity = \"Milan\"\ncountry = \"IT\"\npinned = \"2026-11-30T09:00:00Z\"\n\
         [[pin]]\nnetwork = \"c40\"\n",
    )
    .unwrap();
    let out = home.run(&["pins"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let md = text(&out.stdout);
    assert!(md.starts_with("## Pinned cities and networks\n"), "{md}");
    assert!(md.contains("### Milan (IT) (pinned 2026-11-30)"), "{md}");
    assert!(md.contains("- **Eurocities**: "), "{md}");
    assert!(md.contains("source: "), "{md}");
    assert!(md.contains("### C40 (network)"), "{md}");
    let out = home.run(&["pins", "--format", "json"]);
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let rows = rows.as_array().unwrap();
    assert!(
        rows.iter()
            .any(|r| r["pin"] == "Milan (IT)" && r["network"] == "Eurocities")
    );
    assert!(
        rows.iter()
            .any(|r| r["kind"] == "network" && r["pin"] == "C40")
    );
    let out = home.run(&["pins", "--format", "csv"]);
    assert!(
        text(&out.stdout)
            .starts_with("kind,pin,country,pinned,network,tier,since,founding,list,sources\n")
    );
    // Reading never writes: no lock file, nothing set aside.
    let names: Vec<_> = fs::read_dir(home.state()).unwrap().collect();
    assert_eq!(names.len(), 1);
}

#[test]
fn views_are_listed_and_an_unknown_one_is_refused() {
    let home = Home::new();
    fs::create_dir_all(home.state()).unwrap();
    fs::write(
        home.state().join("views.toml"),
        "version = 1\n[[view]]\nname = \"monday\"\nnetwork = \"eurocities\"\ntiers = [\"full\"]\nquery = \"country:de\"\nsort = \"city\"\nside = \"map\"\n",
    )
    .unwrap();
    let out = home.run(&["views", "--format", "csv"]);
    assert!(out.status.success());
    let t = text(&out.stdout);
    assert!(
        t.contains("monday,eurocities,full,country:de,city,map"),
        "{t}"
    );
    // Not on a terminal, the browser refuses before it looks for the view; a corrupt
    // views file is reported and left where it is.
    fs::write(home.state().join("views.toml"), "[[view]]\nname = 1\n").unwrap();
    let out = home.run(&["views"]);
    assert!(
        text(&out.stderr).contains("views.toml:2:"),
        "{}",
        text(&out.stderr)
    );
    assert!(home.state().join("views.toml").exists());
}
