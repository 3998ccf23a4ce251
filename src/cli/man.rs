//! The manual page: clap_mangen's sections for the command line, then the commands as
//! sections of this one page (clap_mangen's own list points to a page per command,
//! `citynet-list(1)`, which no one installs) and the browser's keys from the keymap table.

use clap::CommandFactory;

use super::Cli;
use crate::app::keymap::{KEYMAP, MOUSE, SECTIONS, SYMBOLS};

/// Text for roff: backslashes doubled, hyphens as `\-` (so they are not hyphenation
/// points), and a leading `.` or `'` that would start a request made plain with `\&`.
fn esc(s: &str) -> String {
    let s = s.replace('\\', "\\\\").replace('-', "\\-");
    if s.starts_with(['.', '\'']) {
        format!("\\&{s}")
    } else {
        s
    }
}

/// The whole page, in roff.
pub fn page() -> std::io::Result<Vec<u8>> {
    let cmd = Cli::command();
    let man = clap_mangen::Man::new(cmd.clone());
    let mut out = Vec::new();
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    man.render_options_section(&mut out)?;
    let mut text = String::from(".SH COMMANDS\n");
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = sub.get_name();
        let usage = sub
            .get_arguments()
            .filter(|a| a.is_positional())
            .map(|a| {
                let v = a
                    .get_value_names()
                    .and_then(|v| v.first())
                    .map_or_else(|| a.get_id().to_string().to_uppercase(), |v| v.to_string());
                if a.is_required_set() {
                    v
                } else {
                    format!("[{v}]")
                }
            })
            .collect::<Vec<_>>()
            .join(" ");
        text.push_str(&format!(
            ".TP\n\\fBcitynet {}\\fR {}\n",
            esc(name),
            esc(&usage)
        ));
        if let Some(about) = sub.get_about() {
            text.push_str(&format!("{}\n", esc(&about.to_string())));
        }
        for a in sub.get_arguments().filter(|a| a.get_long().is_some()) {
            if a.is_hide_set() || a.is_global_set() {
                continue;
            }
            let long = a.get_long().unwrap_or_default();
            let help = a.get_help().map(|h| h.to_string()).unwrap_or_default();
            text.push_str(&format!(
                ".RS\n.TP\n\\fB\\-\\-{}\\fR\n{}\n.RE\n",
                esc(long),
                esc(&help)
            ));
        }
        if let Some(after) = sub.get_after_help() {
            text.push_str(".IP\n");
            for line in after.to_string().lines() {
                if line.trim().is_empty() {
                    text.push_str(".IP\n");
                } else {
                    text.push_str(&format!("{}\n.br\n", esc(line.trim())));
                }
            }
        }
    }
    text.push_str(".SH KEYS\nWith no command, citynet opens the browser. Its keys, by where they apply (the footer shows those that work where you are; ? or F1 shows them all):\n");
    for &when in SECTIONS {
        let bindings: Vec<_> = KEYMAP.iter().filter(|b| b.when == when).collect();
        if bindings.is_empty() {
            continue;
        }
        text.push_str(&format!(".SS {}\n", esc(when.title())));
        for b in bindings {
            let keys: Vec<String> = b.keys.iter().map(|k| k.label()).collect();
            text.push_str(&format!(
                ".TP\n\\fB{}\\fR\n{}\n",
                esc(&keys.join(" ")),
                esc(b.help)
            ));
        }
    }
    text.push_str(".SS Mouse\n");
    for (what, does) in MOUSE {
        text.push_str(&format!(".TP\n\\fB{}\\fR\n{}\n", esc(what), esc(does)));
    }
    text.push_str(".SS Symbols\n");
    for (mark, means) in SYMBOLS {
        text.push_str(&format!(".TP\n\\fB{}\\fR\n{}\n", esc(mark), esc(means)));
    }
    out.extend_from_slice(text.as_bytes());
    man.render_extra_section(&mut out)?;
    man.render_version_section(&mut out)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_page_names_no_other_page_and_documents_the_keys() {
        let page = String::from_utf8(super::page().expect("renders")).expect("UTF-8");
        assert!(!page.contains("(1)"), "no reference to a page per command");
        assert!(page.contains(".SH KEYS"));
        assert!(page.contains("\\fBcitynet members\\fR"));
        for b in crate::app::keymap::KEYMAP {
            assert!(
                page.contains(&super::esc(b.help)),
                "{} is documented",
                b.help
            );
        }
    }
}
