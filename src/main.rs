use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

use citynet::cli::errors::Failure;
use citynet::cli::errors::safe_lines;
use citynet::cli::output::stdout_closed;
use citynet::cli::{self, Cli};
use citynet::loading::{Loader, Source};

/// Writes a message to stderr; one that cannot be written has nowhere else to go.
fn tell(message: &str) {
    let _ = writeln!(std::io::stderr(), "citynet: {message}");
}

/// The person's config (checked: a mistake stops here, with every mistake and its
/// place) and saved state, and the saved view `--view` names. What is wrong is handed
/// back, to be told once the terminal is restored (the data may load behind the browser).
fn personal(cli: &Cli, data: &citynet_core::data::Dataset) -> Result<citynet::tui::Mine, Failure> {
    use citynet::prefs::{Store, no_save_from_env, paths::Paths};
    let paths = Paths::resolve(cli.config.as_deref());
    let mut settings = match citynet::settings::load(paths.config.as_deref(), data) {
        Ok(s) => s,
        Err(errors) => {
            // One message, each line after the first led as `tell` would lead it.
            let mut lines: Vec<String> =
                errors.iter().map(|e| safe_lines(&e.to_string())).collect();
            lines.push(
                "the config has mistakes: fix them (`citynet config --check` checks), or start with `--config /dev/null`".into(),
            );
            return Err(Failure::Data(lines.join("\ncitynet: ")));
        }
    };
    settings.plain = Some(citynet::settings::ascii_wanted(
        cli.ascii_flag(),
        settings.plain,
        |k| std::env::var(k).ok(),
    ));
    settings.accessible |= cli.accessible;
    let save = !cli.no_save && !no_save_from_env();
    let (store, saved, notices) = Store::open(paths.state.clone(), save);
    let view = match &cli.view {
        None => None,
        Some(name) => match saved.views.get(name) {
            Some(v) => Some(v.clone()),
            None => {
                let names: Vec<&str> = saved.views.views.iter().map(|v| v.name.as_str()).collect();
                let hint = if names.is_empty() {
                    "no view is saved yet (V in a member table saves one)".to_string()
                } else {
                    format!("the saved views are: {}", names.join(", "))
                };
                return Err(Failure::Usage(safe_lines(&format!(
                    "no saved view is called `{name}`; {hint}"
                ))));
            }
        },
    };
    Ok(citynet::tui::Mine {
        settings,
        store,
        saved,
        notices,
        view,
    })
}

fn main() -> ExitCode {
    let parsed = cli::command()
        .try_get_matches()
        .and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => {
            let code = u8::try_from(e.exit_code()).unwrap_or(2);
            if code != 0 {
                // A usage error quotes what was typed, and what was typed may hold an
                // escape sequence (`--format $'\e]0;title\a'`): it is told escaped. The
                // same command line parsed again without styles gives the same error as
                // plain text with the typed text intact, which is then escaped.
                let plain = Cli::command()
                    .styles(clap::builder::Styles::plain())
                    .try_get_matches_from(std::env::args_os())
                    .err()
                    .unwrap_or(e);
                let text = plain.render().ansi().to_string();
                let mut err = std::io::stderr();
                let _ = writeln!(err, "{}", safe_lines(text.trim_end()));
                return ExitCode::from(code);
            }
            // Help and version go to stdout (exit 0). Help or version that could not be
            // written (a full disk, a closed stdout) is a failure, not a silent success;
            // a reader that went away is neither.
            if stdout_closed() {
                tell("cannot write to stdout: stdout is closed");
                return ExitCode::from(1);
            }
            return match e.print().and_then(|()| std::io::stdout().flush()) {
                Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => {
                    tell(&format!("cannot write: {err}"));
                    ExitCode::from(1)
                }
                _ => ExitCode::SUCCESS,
            };
        }
    };
    if cli.command.is_some() {
        return cli::run(&cli);
    }
    if cli.copy {
        tell(
            "--copy puts a command's output on the clipboard: `citynet members eurocities --format csv --copy`",
        );
        return ExitCode::from(2);
    }
    // No command: the interactive browser, on a dataset that loads and validates. A
    // `--data` file loads behind the browser's first frame (`citynet::loading`); the
    // embedded data is ready sooner than a frame, and a browser that cannot start says why
    // only after what is wrong with the data, as a command would.
    let browsable = !citynet::cli::dumb_terminal() && std::io::stdout().is_terminal();
    let request = cli.request();
    let loader = if request.reads_files() && browsable {
        Loader::start(request.clone()).ok()
    } else {
        None
    };
    let source = match loader {
        Some(loader) => Source::Loading(loader),
        None => match cli::load_for_browser(&request) {
            Ok(d) => Source::Ready(d),
            Err(f) => return f.report(),
        },
    };
    if citynet::cli::dumb_terminal() {
        // A terminal that cannot place the cursor would show a screen of escape codes.
        tell(
            "this terminal (TERM=dumb) cannot show the full-screen browser; the command \
             line gives the same answers: `citynet list`, `citynet members eurocities`, \
             `citynet city milan`, and `citynet --help` lists every command",
        );
        return ExitCode::from(2);
    }
    if !std::io::stdout().is_terminal() {
        // Drawn into a file or a pipe, the browser would be blind and its output garbage.
        tell(
            "the browser needs a terminal, and stdout is not one; \
             `citynet list` prints the networks, and `citynet --help` lists every command",
        );
        return ExitCode::from(2);
    }
    // A config with mistakes stops the embedded data's browser before it starts, as
    // before; a --data file's is checked once the file is in.
    let mut early = None;
    if let Source::Ready(prepared) = &source {
        match personal(&cli, &prepared.data) {
            Ok(m) => early = Some(m),
            Err(f) => return f.report(),
        }
    }
    let mut notices = Vec::new();
    // Before the config is read (it is checked against the data), the loading screen
    // draws as the flags and the locale say.
    let loading_glyphs = citynet::ui::glyphs::Glyphs {
        ascii: citynet::settings::ascii_wanted(cli.ascii_flag(), None, |k| std::env::var(k).ok()),
        accessible: cli.accessible,
    };
    let result = citynet::tui::run(source, loading_glyphs, |data| {
        let mine = match early {
            Some(m) => m,
            None => personal(&cli, data)?,
        };
        notices.clone_from(&mine.notices);
        Ok(mine)
    });
    // Said on the status line at start, and again here where it stays readable.
    for n in notices {
        tell(&citynet::cli::errors::safe_lines(&n));
    }
    match result {
        Ok(Ok(())) => ExitCode::SUCCESS,
        // Told once the terminal is back, exactly as a command tells it.
        Ok(Err(f)) => f.report(),
        Err(e) => {
            tell(&format!("terminal error: {e}"));
            ExitCode::from(1)
        }
    }
}
