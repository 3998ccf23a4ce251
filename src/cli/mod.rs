//! The command line: clap definitions and the non-interactive commands.
//!
//! Every command reads the same [`Dataset`] the TUI reads, through the same library
//! (`roster::RosterSearch` for members, `search::Matcher` for search, `facts` for
//! `show`). Commands build their answer first and print it in one go, so a failure never
//! leaves half a table behind. Exit codes: 0 fine, 1 the data is wrong or cannot be read,
//! 2 the command line is wrong (clap's own usage errors are 2 as well).

pub mod commands;
pub mod country;
pub mod errors;
pub mod man;
pub mod mine;
pub mod output;
pub mod pivot;
pub mod resolve;
pub mod sources;
pub mod tables;
pub mod validate;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

pub use errors::Failure;
pub use output::Format;

use citynet_core::data::Dataset;
use citynet_core::data::cache::{self as data_cache, Sift};
use citynet_core::data::load::{
    DEFAULT_MAX_BYTES, Progress, Stage, read_bytes, read_bytes_telling, read_text,
};
use citynet_core::data::spans::SourceFile;

/// `--max-size`'s default, in MiB.
const DEFAULT_MAX_MIB: u64 = DEFAULT_MAX_BYTES >> 20;

impl Cli {
    /// The largest dataset file read, in bytes.
    pub fn max_bytes(&self) -> u64 {
        self.max_size.saturating_mul(1 << 20)
    }

    /// `--ascii` or `--unicode`, if either was given.
    pub fn ascii_flag(&self) -> Option<bool> {
        match (self.ascii, self.unicode) {
            (true, _) => Some(true),
            (_, true) => Some(false),
            _ => None,
        }
    }

    /// What the dataset is to be read from, as every command and the browser read it.
    pub fn request(&self) -> Request {
        Request {
            data: self.data.clone(),
            rosters: self.roster.clone(),
            max_bytes: self.max_bytes(),
            cache: self.cache_dir(),
        }
    }

    /// Where a large `--data` file's parsed copy is kept, unless `--no-cache`.
    pub fn cache_dir(&self) -> Option<PathBuf> {
        if self.no_cache {
            return None;
        }
        directories::ProjectDirs::from("", "", "citynet").map(|d| d.cache_dir().join("data"))
    }
}

#[derive(Debug, Parser)]
#[command(
    name = "citynet",
    version,
    about = "Browse the world's international city networks, offline",
    long_about = "Browse the world's international city networks, offline.\n\nWith no command, opens the interactive browser on the embedded dataset.",
    after_help = "Exit status: 0 on success, 1 when the dataset cannot be read or is invalid, 2 for a wrong command line (unknown network, tier or country included)."
)]
pub struct Cli {
    /// Use this RON dataset file instead of the embedded one. A .csv or .tsv file is one
    /// network's member list, read into the embedded dataset as the roster of the network
    /// its name says (`eurocities.csv`).
    #[arg(long, global = true, value_name = "FILE")]
    pub data: Option<PathBuf>,

    /// Read NETWORK's member list from this CSV or TSV file, in place of its roster in the
    /// dataset (repeat for several networks). NETWORK is an id, short name or name.
    #[arg(long, global = true, value_name = "NETWORK=FILE", value_parser = tables::roster_arg)]
    pub roster: Vec<tables::RosterArg>,

    /// Refuse a dataset file larger than this many MiB (for --data, --roster, validate and
    /// import).
    #[arg(long, global = true, value_name = "MIB", default_value_t = DEFAULT_MAX_MIB)]
    pub max_size: u64,

    /// Parse --data and --roster files afresh: neither read nor write the copy of a large
    /// dataset kept in the cache directory.
    #[arg(long, global = true)]
    pub no_cache: bool,

    /// Put the command's output on the clipboard instead of printing it; stderr says by
    /// which route (a clipboard command, tmux, or OSC 52 sent to the terminal).
    #[arg(long, global = true)]
    pub copy: bool,

    /// Read the config from this file [default: $CITYNET_CONFIG, else the platform's
    /// config directory; `citynet config --path` says where].
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Save nothing this run: no history, pins or views written, nothing on disk created,
    /// renamed or changed (also CITYNET_NO_SAVE=1).
    #[arg(long, global = true)]
    pub no_save: bool,

    /// Open the browser at this saved view (`citynet views` lists them).
    #[arg(long, value_name = "NAME")]
    pub view: Option<String>,

    /// Draw the browser in ASCII only (borders, markers, the map), as a terminal without
    /// UTF-8 needs [default: when the locale is not UTF-8, or the config says `plain`].
    #[arg(long, alias = "plain", conflicts_with = "unicode")]
    pub ascii: bool,

    /// Draw the browser with Unicode borders and markers even where the locale or the
    /// config would choose ASCII.
    #[arg(long)]
    pub unicode: bool,

    /// For a screen reader: no decorative borders, the terminal cursor on the selected
    /// row, and the row and count on the status line (also the config's `accessible`).
    #[arg(long)]
    pub accessible: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the networks, one a line.
    List(ListArgs),
    /// Show everything the dataset knows about one network.
    Show(ShowArgs),
    /// List a network's members.
    Members(MembersArgs),
    /// Search networks, members and themes at once.
    Search(SearchArgs),
    /// One city's card: every network it is in, with its tier or category there.
    City(CityArgs),
    /// Cities by roster: in all of these networks, in none of those.
    Cities(CitiesArgs),
    /// One country across every member list: its members, grouped by network.
    Country(CountryArgs),
    /// List every source, with its dates and address and the facts it supports.
    Sources(FormatArg),
    /// Write the whole dataset as RON (loadable with --data) or JSON.
    Export(ExportArgs),
    /// Your config: where it is read (--path), one with every default (--default), or a
    /// check of one (--check).
    Config(mine::ConfigArgs),
    /// Your pinned cities and networks, with their memberships [default: a Markdown brief].
    Pins(mine::PinsArgs),
    /// Your saved views (open one with `citynet --view NAME`).
    Views(FormatArg),
    /// Check a dataset file, or a CSV or TSV member list, and print every problem with its
    /// position.
    Validate {
        /// The RON file, or the .csv or .tsv member list, to check.
        file: PathBuf,
        /// Check the member list as this network's [default: the one its name says].
        #[arg(long, value_name = "NETWORK")]
        network: Option<String>,
    },
    /// Convert a CSV or TSV member list to a RON dataset that --data reads: the dataset
    /// with that network's roster read from the list.
    Import(ImportArgs),
    /// Print a shell completion script.
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) to stdout.
    #[command(hide = true)]
    Man,
}

#[derive(Debug, Args)]
pub struct FormatArg {
    /// How to print the list [default: table, also when piped].
    #[arg(long, value_enum, default_value_t = Format::Table, hide_default_value = true)]
    pub format: Format,
    /// CSV: keep every cell exactly, even one that begins with = + - @ (which is otherwise
    /// prefixed with ' so that a spreadsheet cannot run it as a formula).
    #[arg(long)]
    pub raw: bool,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Networks are listed A to Z by the name shown (accents and case aside), unless --sort says otherwise. Networks with no figure or year for the order asked come last.\n\nExamples:\n  citynet list\n  citynet list --sort size\n  citynet list --sort founded --reverse\n  citynet list --theme climate --format csv\n  citynet list --scope europe"
)]
pub struct ListArgs {
    /// The order: name (A to Z), size (the stated member figure, largest first) or
    /// founded (oldest first).
    #[arg(long, value_enum, default_value_t = ListOrder::Name)]
    pub sort: ListOrder,
    /// Reverse the order.
    #[arg(long)]
    pub reverse: bool,
    /// Only networks with this theme (`climate`, `smart cities`, ...).
    #[arg(long, value_name = "T")]
    pub theme: Option<String>,
    /// Only networks of this scope: global, europe, regional, or a region's name.
    #[arg(long, value_name = "S")]
    pub scope: Option<String>,
    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Debug, Args)]
#[command(
    after_help = "NETWORK is an id, short name or full name, in any case, quotes optional: eurocities, C40, unesco global network of learning cities. A part of a name is not a name: it gets suggestions.\n\nExamples:\n  citynet show iclei\n  citynet show unesco global network of learning cities"
)]
pub struct ShowArgs {
    /// The network: id, short name or name (several words need no quotes).
    #[arg(required = true, num_args = 1.., value_name = "NETWORK")]
    pub network: Vec<String>,
}

impl ShowArgs {
    /// The network's name as typed: the words given, one space between.
    pub fn network(&self) -> String {
        self.network.join(" ")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortBy {
    City,
    Country,
    Tier,
    /// The Population column's figure: GeoNames' where the list is matched to it.
    Population,
    /// The list's own figure, where the Population column is GeoNames'.
    Stated,
    /// The year the member joined, where the list gives it.
    Since,
}

/// `list --sort`: the engine's `NetworkOrder`, as the command line spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ListOrder {
    Name,
    Size,
    Founded,
}

impl ListOrder {
    pub fn order(self) -> citynet_core::networks::NetworkOrder {
        use citynet_core::networks::NetworkOrder as O;
        match self {
            ListOrder::Name => O::Name,
            ListOrder::Size => O::Size,
            ListOrder::Founded => O::Founded,
        }
    }
}

#[derive(Debug, Args)]
#[command(
    after_help = "Without --sort, members are listed by city, or by relevance when --search is given.\n\nExamples:\n  citynet members eurocities --tier full --country DE\n  citynet members eurocities --search lodz\n  citynet members eurocities --search 'country:de,fr ^b'\n  citynet members eurocities --tier full --format csv > full.csv"
)]
pub struct MembersArgs {
    /// The network [default: the only one with a member list].
    pub network: Option<String>,
    /// Only these tiers, comma-separated (`full,associate`).
    #[arg(long, value_delimiter = ',', value_name = "TIER,...")]
    pub tier: Vec<String>,
    /// Only these countries: ISO codes or English names, comma-separated (`DE,FR`).
    #[arg(long, value_delimiter = ',', value_name = "CODE,...")]
    pub country: Vec<String>,
    /// Only members matching this filter, as typed in the member table: fuzzy and
    /// accent-insensitive (`lodz` finds Łódź), plus `'exact`, `^prefix`, `suffix$`,
    /// `!not`, `country:de`, `tier:partner`, and `a | b`.
    #[arg(long, value_name = "Q")]
    pub search: Option<String>,
    /// Sort by this column.
    #[arg(long, value_enum)]
    pub sort: Option<SortBy>,
    /// Reverse the order.
    #[arg(long)]
    pub reverse: bool,
    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  citynet search lodz\n  citynet search climate --limit 0 --format json"
)]
pub struct SearchArgs {
    /// What to look for (fuzzy, accents ignored; several words need no quotes).
    #[arg(required = true, num_args = 1.., value_name = "QUERY")]
    pub query: Vec<String>,
    /// At most this many results; 0 for all.
    #[arg(long, default_value_t = 20, value_name = "N")]
    pub limit: usize,
    #[command(flatten)]
    pub format: FormatArg,
}

impl SearchArgs {
    /// The query as typed: the words given, one space between.
    pub fn query(&self) -> String {
        self.query.join(" ")
    }
}

#[derive(Debug, Args)]
#[command(
    after_help = "The name may be any of the city's names, accents optional (milano, lodz). Cities are recognised across rosters by name and country, so London (GB) and London (CA) are two cities: add --country to pick one.\n\nExamples:\n  citynet city milan\n  citynet city london --country ca\n  citynet city barcelona --format json"
)]
pub struct CityArgs {
    /// The city's name (several words need no quotes: `citynet city sao paulo`).
    #[arg(required = true, num_args = 1.., value_name = "NAME")]
    pub name: Vec<String>,
    /// Only a city in this country (ISO code or English name).
    #[arg(long, value_delimiter = ',', value_name = "CODE")]
    pub country: Vec<String>,
    #[command(flatten)]
    pub format: FormatArg,
}

impl CityArgs {
    /// The city's name as typed: the words given, one space between.
    pub fn name(&self) -> String {
        self.name.join(" ")
    }
}

#[derive(Debug, Args)]
#[command(
    after_help = "Without --in, every city in any roster. A note on stderr says when a roster counted is partial.\n\nExamples:\n  citynet cities --in c40 --in eurocities\n  citynet cities --in eurocities --not-in c40 --country DE\n  citynet cities --in c40 --in eurocities --in uccn --format csv"
)]
pub struct CitiesArgs {
    /// Cities in this network (repeat: in all of them).
    #[arg(long = "in", value_name = "NETWORK")]
    pub in_: Vec<String>,
    /// Leave out cities in this network (repeat: in any of them).
    #[arg(long, value_name = "NETWORK")]
    pub not_in: Vec<String>,
    /// Only cities in these countries: ISO codes or English names, comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "CODE,...")]
    pub country: Vec<String>,
    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Debug, Args)]
#[command(
    after_help = "NAME is an ISO code (DE, DEU) or a usual name of the country, in English or its own languages, any case, accents optional (germany, Deutschland, united kingdom). A typo gets suggestions; a name of several countries (korea) asks.\n\nNetworks are listed most members there first. The table counts each list's members and the distinct cities among them (a city in several lists is one).\n\nExamples:\n  citynet country germany\n  citynet country united kingdom --network c40 --network eurocities\n  citynet country DE --format csv > germany.csv"
)]
pub struct CountryArgs {
    /// The country: an ISO code or a name (several words need no quotes).
    #[arg(required = true, num_args = 1.., value_name = "NAME")]
    pub name: Vec<String>,
    /// Only this network's list (repeat, or comma-separate, for several).
    #[arg(long, value_name = "NETWORK")]
    pub network: Vec<String>,
    #[command(flatten)]
    pub format: FormatArg,
}

impl CountryArgs {
    /// The country's name as typed: the words given, one space between.
    pub fn name(&self) -> String {
        self.name.join(" ")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum ExportFormat {
    /// RON, in the shape `--data` reads.
    #[default]
    Ron,
    /// JSON, the same structure.
    Json,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  citynet export > dataset.ron && citynet --data dataset.ron list\n  citynet export --format json"
)]
pub struct ExportArgs {
    #[arg(long, value_enum, default_value_t = ExportFormat::Ron)]
    pub format: ExportFormat,
}

#[derive(Debug, Args)]
#[command(
    after_help = "The file's header row names its columns: name, country, tier, lat and lon are required; aka, kind, population, since, joined, id, placeholder, geonames and main_city may follow, in any order.\n\nExamples:\n  citynet import eurocities.csv -o mine.ron\n  citynet --data mine.ron members eurocities\n  citynet import members.tsv --network c40 > mine.ron"
)]
pub struct ImportArgs {
    /// The .csv or .tsv member list.
    pub file: PathBuf,
    /// Read it as this network's list [default: the one its name says].
    #[arg(long, value_name = "NETWORK")]
    pub network: Option<String>,
    /// Write the RON here, atomically, instead of to stdout.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
}

/// Where the dataset is read from: `--data`, `--roster`, and how.
#[derive(Debug, Clone, Default)]
pub struct Request {
    pub data: Option<PathBuf>,
    pub rosters: Vec<tables::RosterArg>,
    /// The largest file read, in bytes.
    pub max_bytes: u64,
    /// Where a large dataset's parsed copy is kept; `None`: not at all.
    pub cache: Option<PathBuf>,
}

impl Request {
    /// Whether anything but the embedded dataset is read.
    pub fn reads_files(&self) -> bool {
        self.data.is_some() || !self.rosters.is_empty()
    }

    /// The file a loading screen names.
    pub fn name(&self) -> String {
        self.data
            .iter()
            .chain(self.rosters.iter().map(|r| &r.file))
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// What the environment allows on stdout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Terminal {
    /// stdout is a terminal.
    pub tty: bool,
    /// Styling allowed: a terminal that is not `TERM=dumb`, and `NO_COLOR` unset or empty.
    pub styled: bool,
    /// Columns, when stdout is a terminal that says.
    pub width: Option<u16>,
}

/// Whether `TERM` says the terminal can do nothing but print text (`TERM=dumb`, as Emacs'
/// shell buffers and some CI logs set it): no full screen, no bold.
pub fn dumb_terminal() -> bool {
    std::env::var_os("TERM").is_some_and(|t| t == "dumb")
}

impl Terminal {
    pub fn detect() -> Terminal {
        let tty = std::io::stdout().is_terminal();
        let no_color =
            std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) || dumb_terminal();
        let width = if tty {
            ratatui::crossterm::terminal::size().ok().map(|(w, _)| w)
        } else {
            None
        };
        Terminal {
            tty,
            styled: tty && !no_color,
            width,
        }
    }
}

/// The command line's definition, with help wrapped at 80 columns when stdout is not a
/// terminal (a pager, a file), where clap would otherwise wrap at 100.
pub fn command() -> clap::Command {
    let c = Cli::command();
    if std::io::stdout().is_terminal() {
        c
    } else {
        c.term_width(80)
    }
}

/// Loads the dataset `--data` names, or the embedded one, and checks it: every command
/// and the TUI refuse a dataset that does not validate. `max_bytes` bounds the file.
///
/// A large file that validated is kept parsed in `cache` (`data::cache`), and a later load
/// of the same content by the same version reads that copy instead of parsing and
/// checking it again. A copy that does not check out is ignored and written afresh.
///
/// Member lists (`--roster`, `--data F.csv`) are read onto the dataset (`tables`).
pub fn load(request: &Request) -> Result<Dataset, Failure> {
    load_telling(request, &Progress::default())
}

/// [`load`], telling `progress` what it is doing (the browser's loading screen shows it).
pub fn load_telling(request: &Request, progress: &Progress) -> Result<Dataset, Failure> {
    load_sifted(request, progress, None)
}

/// [`load_telling`], for a command that asks one question of a roster: when the dataset
/// is read from its cached copy, each roster keeps only the members `sift` says could
/// answer it (`cache::read_sifted`). A file parsed afresh is read whole, as it must be
/// checked whole.
pub fn load_sifted(
    request: &Request,
    progress: &Progress,
    sift: Option<Sift>,
) -> Result<Dataset, Failure> {
    let Loaded { dataset, unchecked } = load_unchecked(request, progress, sift)?;
    if let Some(unchecked) = unchecked {
        unchecked.check(&dataset)?;
    }
    Ok(dataset)
}

/// A dataset loaded, and, for a file parsed afresh, the checks it is still to pass before
/// anything is answered from it: a command may work out its answer beside them.
pub struct Loaded {
    pub dataset: Dataset,
    pub unchecked: Option<Unchecked>,
}

/// What checking a file parsed afresh needs: what to quote a problem from, and where its
/// parsed copy is to be kept once it passes.
pub struct Unchecked {
    path: std::path::PathBuf,
    /// The bytes of a file that cannot be read twice (a pipe). A regular file's are let
    /// go once parsed, so that they are not held beside what the command builds, and read
    /// again only to quote a problem.
    kept: Option<Vec<u8>>,
    /// The key of the bytes parsed: what a second reading must match to be quoted.
    key: data_cache::Key,
    max_bytes: u64,
    /// The cache directory, for a file large enough to keep a parsed copy of.
    cache: Option<std::path::PathBuf>,
}

impl Unchecked {
    /// Whether the file is large enough for its checks to pay for a second thread.
    pub fn is_large(&self) -> bool {
        usize::try_from(self.key.len).is_ok_and(|len| len >= data_cache::MIN_BYTES)
    }

    /// Validates `dataset`, parsed from the file: every command and the TUI refuse a
    /// dataset that does not validate. One that does is kept parsed in the cache.
    pub fn check(self, dataset: &Dataset) -> Result<(), Failure> {
        let problems = citynet_core::data::validate(dataset);
        if problems.is_empty() {
            drop(self.kept);
            if let Some(dir) = &self.cache {
                // A cache that cannot be written (a read-only home) only costs the next
                // load its speed.
                let _ = data_cache::write(dir, &self.key, dataset);
            }
            return Ok(());
        }
        let name = self.path.display().to_string();
        let bytes = self.kept.or_else(|| {
            read_bytes(&self.path, self.max_bytes)
                .ok()
                .filter(|b| data_cache::Key::of(b, VERSION) == self.key)
        });
        let Some(bytes) = bytes else {
            // Changed since it was read: its problems are told without quoting it.
            let files = [SourceFile {
                name: &name,
                text: "",
                holds: Vec::new(),
            }];
            return match errors::invalid(&name, &problems, &files) {
                Failure::Data(msg) => Err(Failure::Data(format!(
                    "{msg}\n(the file changed after it was read, so no line is given)"
                ))),
                other => Err(other),
            };
        };
        let text = String::from_utf8_lossy(&bytes);
        let files = [SourceFile {
            name: &name,
            text: &text,
            holds: Vec::new(),
        }];
        Err(errors::invalid(&name, &problems, &files))
    }
}

/// citynet's version: part of a cached copy's key.
const VERSION: &str = env!("CARGO_PKG_VERSION");

/// [`load_sifted`], leaving the checks of a file parsed afresh to the caller.
pub fn load_unchecked(
    request: &Request,
    progress: &Progress,
    sift: Option<Sift>,
) -> Result<Loaded, Failure> {
    let (base, rosters) = tables::parts(request.data.as_deref(), &request.rosters, None);
    let cache = request.cache.as_deref();
    if !rosters.is_empty() {
        let dataset = tables::load(
            base.as_deref(),
            &rosters,
            request.max_bytes,
            cache.map(|dir| (dir, sift)),
            progress,
        )?;
        return Ok(Loaded {
            dataset,
            unchecked: None,
        });
    }
    load_ron(base.as_deref(), request.max_bytes, cache, sift, progress)
}

/// [`load_unchecked`] of a RON file, or of the embedded dataset.
fn load_ron(
    data: Option<&std::path::Path>,
    max_bytes: u64,
    cache: Option<&std::path::Path>,
    sift: Option<Sift>,
    progress: &Progress,
) -> Result<Loaded, Failure> {
    let checked = |dataset: Dataset| Loaded {
        dataset,
        unchecked: None,
    };
    let Some(path) = data else {
        // Validated when the binary was built (build.rs).
        return crate::embedded::embedded()
            .map(checked)
            .map_err(|e| errors::load_failure(&e, None));
    };
    // Hashed first, a piece at a time: a load that finds its copy never holds the text.
    if let Some(dir) = cache {
        progress.set_stage(Stage::LookingForCopy);
        if let Some(key) = data_cache::key_of_file(path, VERSION, max_bytes) {
            progress.set_stage(Stage::ReadingCopy);
            if let Some(dataset) = data_cache::read_sifted(dir, &key, sift) {
                return Ok(checked(dataset));
            }
        }
    }
    progress.set_stage(Stage::Reading);
    let bytes = read_bytes_telling(path, max_bytes, progress)
        .map_err(|e| errors::load_failure(&e, None))?;
    progress.set_stage(Stage::Parsing);
    let name = path.display().to_string();
    // The key of what was read (the file may have changed since it was hashed), worked
    // out beside the parse.
    let (parsed, key) = rayon::join(
        || citynet_core::data::parse_dataset_bytes(&name, &bytes),
        || data_cache::Key::of(&bytes, VERSION),
    );
    let dataset = parsed.map_err(|e| errors::load_failure(&e, std::str::from_utf8(&bytes).ok()))?;
    progress.set_stage(Stage::Checking);
    let regular = path.is_file();
    let cache = cache
        .filter(|_| bytes.len() >= data_cache::MIN_BYTES && regular)
        .map(std::path::Path::to_path_buf);
    Ok(Loaded {
        dataset,
        unchecked: Some(Unchecked {
            path: path.to_path_buf(),
            kept: (!regular).then_some(bytes),
            key,
            max_bytes,
            cache,
        }),
    })
}

/// Reads and parses the dataset file at `path`, without checking it; its text is kept to
/// report from.
pub fn read(path: &std::path::Path, max_bytes: u64) -> Result<(Dataset, String), Failure> {
    let text = read_text(path, max_bytes).map_err(|e| errors::load_failure(&e, None))?;
    Ok((parse(path, &text)?, text))
}

fn parse(path: &std::path::Path, text: &str) -> Result<Dataset, Failure> {
    let name = path.display().to_string();
    citynet_core::data::parse_dataset(&name, text).map_err(|e| errors::load_failure(&e, Some(text)))
}

/// The dataset for the browser, loaded and checked as for every command.
pub fn load_for_browser(request: &Request) -> Result<crate::app::Prepared, Failure> {
    load(request).map(crate::app::prepare_valid)
}

/// Runs a command (not the TUI) and says how it went.
pub fn run(cli: &Cli) -> ExitCode {
    let Some(command) = &cli.command else {
        return ExitCode::SUCCESS;
    };
    let term = Terminal::detect();
    // The commands that read the dataset load and check it before they answer; the others
    // do not need it, so a broken dataset does not stop `validate`, `completions` or `man`.
    // A large file parsed afresh is checked while the command works out its answer from
    // it, which is thrown away if the checks fail: `f` must do nothing but return it.
    type Answer<'a> = &'a (dyn Fn(&Dataset) -> Result<Vec<u8>, Failure> + Sync);
    let with_sifted = |sift: Option<Sift>, f: Answer| {
        let Loaded { dataset, unchecked } =
            load_unchecked(&cli.request(), &Progress::default(), sift)?;
        let out = match unchecked {
            Some(unchecked) if unchecked.is_large() => {
                let (checked, out) = rayon::join(|| unchecked.check(&dataset), || f(&dataset));
                checked.and(out)
            }
            Some(unchecked) => unchecked.check(&dataset).and_then(|()| f(&dataset)),
            None => f(&dataset),
        }?;
        // The process ends after one command: freeing a quarter of a million members one
        // by one would cost a tenth of its time, and the system takes the memory back at
        // once.
        std::mem::forget(dataset);
        Ok((out, ExitCode::SUCCESS))
    };
    let with_data = |f: Answer| with_sifted(None, f);
    // For a command that prints as it goes (notes on stderr): checked first.
    let with_checked = |f: &dyn Fn(&Dataset) -> Result<Vec<u8>, Failure>| {
        let dataset = load(&cli.request())?;
        let out = f(&dataset)?;
        std::mem::forget(dataset);
        Ok((out, ExitCode::SUCCESS))
    };
    let result: Result<(Vec<u8>, ExitCode), Failure> = match command {
        Command::List(a) => with_data(&|d| print(&commands::list(d, a)?, &a.format, term)),
        Command::Show(a) => with_data(&|d| commands::show(d, a, show_width(term))),
        Command::Members(a) => with_sifted(Some(&commands::members_sieve(a)), &|d| {
            print(&commands::members_rows(d, a)?, &a.format, term)
        }),
        Command::Search(a) => with_data(&|d| print(&commands::search(d, a)?, &a.format, term)),
        Command::City(a) => with_data(&|d| {
            let (head, table, foot) = pivot::city(d, a)?;
            let words = pivot::wants_header(a.format.format);
            let mut out = if words { head.into_bytes() } else { Vec::new() };
            if !table.rows.is_empty() || !words {
                out.extend(print(&table, &a.format, term)?);
            }
            if words {
                out.extend(foot.into_bytes());
            }
            Ok(out)
        }),
        Command::Cities(a) => with_checked(&|d| {
            let (table, notes) = pivot::cities(d, a)?;
            let mut err = std::io::stderr().lock();
            for n in notes {
                let _ = std::io::Write::write_all(&mut err, format!("{n}\n").as_bytes());
            }
            print(&table, &a.format, term)
        }),
        Command::Country(a) => with_checked(&|d| {
            let printed = country::country(d, a, term)?;
            if let Some(note) = printed.stderr {
                let mut err = std::io::stderr().lock();
                let _ = std::io::Write::write_all(&mut err, format!("{note}\n").as_bytes());
            }
            Ok(printed.stdout)
        }),
        Command::Sources(a) => with_data(&|d| match a.format {
            Format::Table => Ok(sources::sources_text(d)),
            _ => print(&sources::sources(d)?, a, term),
        }),
        Command::Export(a) => with_data(&|d| commands::export(d, a.format)),
        Command::Config(a) => {
            let paths = crate::prefs::paths::Paths::resolve(cli.config.as_deref());
            mine::config(a, &paths, || load(&cli.request())).map(|b| (b, ExitCode::SUCCESS))
        }
        Command::Pins(a) => with_checked(&|d| {
            let paths = crate::prefs::paths::Paths::resolve(cli.config.as_deref());
            let (brief, table) = mine::pins(a, &paths, d)?;
            match brief {
                Some(b) => Ok(b),
                None => {
                    let f = FormatArg {
                        format: mine::pins_format(a.format),
                        raw: false,
                    };
                    print(&table, &f, term)
                }
            }
        }),
        Command::Views(a) => {
            let paths = crate::prefs::paths::Paths::resolve(cli.config.as_deref());
            let table = mine::views(&paths);
            if table.rows.is_empty() && a.format == Format::Table {
                Ok((
                    b"No saved views yet: V in a member table names its view.\n".to_vec(),
                    ExitCode::SUCCESS,
                ))
            } else {
                print(&table, a, term).map(|b| (b, ExitCode::SUCCESS))
            }
        }
        Command::Validate { file, network }
            if tables::validates_as_table(file, network.as_deref()) =>
        {
            tables::validate(
                file,
                network.as_deref(),
                cli.data.as_deref(),
                &cli.roster,
                cli.max_bytes(),
            )
        }
        Command::Validate { file, .. } => validate::validate(file, cli.max_bytes()),
        Command::Import(a) => tables::import(
            &a.file,
            a.network.as_deref(),
            cli.data.as_deref(),
            &cli.roster,
            cli.max_bytes(),
            a.output.as_deref(),
        )
        .map(|b| (b, ExitCode::SUCCESS)),
        Command::Completions { shell } => {
            let mut out = Vec::new();
            // The dataset's ids, tiers and countries, where it loads; none where it does
            // not (a broken --data file must not stop completions).
            let data = load(&cli.request()).ok();
            let mut cmd = completing(Cli::command(), data.as_ref());
            clap_complete::generate(*shell, &mut cmd, "citynet", &mut out);
            Ok((out, ExitCode::SUCCESS))
        }
        Command::Man => man::page()
            .map(|out| (out, ExitCode::SUCCESS))
            .map_err(|e| Failure::Io(format!("cannot write the manual page: {e}"))),
    };
    match result {
        Ok((bytes, code)) if cli.copy => match copy_out(&bytes) {
            Ok(()) => code,
            Err(f) => f.report(),
        },
        Ok((bytes, code)) => match output::write_stdout(&bytes) {
            Ok(()) => code,
            Err(e) => Failure::Io(format!("cannot write to stdout: {e}")).report(),
        },
        Err(f) => f.report(),
    }
}

/// `--copy`: the output onto the clipboard, and a line on stderr that says how.
fn copy_out(bytes: &[u8]) -> Result<(), Failure> {
    let text = String::from_utf8_lossy(bytes);
    let lines = text.lines().count();
    let what = format!(
        "{} line{}",
        citynet_core::data::group_thousands(lines as u64),
        if lines == 1 { "" } else { "s" }
    );
    // OSC 52 goes to the terminal itself, which stdout may not be (`--copy | ...`).
    let mut tty = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/tty")
        .ok();
    let terminal = tty.as_mut().map(|t| t as &mut dyn std::io::Write);
    let env = crate::clipboard::Env::detect();
    let route = crate::clipboard::copy(&text, &env, terminal)
        .map_err(|e| Failure::Io(format!("cannot write to the terminal: {e}")))?;
    if route == crate::clipboard::Route::Nowhere {
        return Err(Failure::Io(route.says(&what)));
    }
    let mut err = std::io::stderr();
    let _ = std::io::Write::write_all(
        &mut err,
        format!("citynet: {}\n", route.says(&what)).as_bytes(),
    );
    Ok(())
}

/// The command line as the completion scripts see it: network ids, tier ids and country
/// codes as the values of the arguments that take them, so that the shell completes them.
/// Only for writing the scripts: parsing keeps accepting any name (`"C40"`, `germany`).
pub fn completing(cmd: clap::Command, data: Option<&Dataset>) -> clap::Command {
    use clap::builder::PossibleValuesParser;
    let Some(d) = data else { return cmd };
    let ids: Vec<String> = d.networks.iter().map(|n| n.id.clone()).collect();
    let mut tiers: Vec<String> = d
        .networks
        .iter()
        .filter_map(|n| n.roster.as_ref())
        .flat_map(|r| r.tiers.iter().map(|t| t.id.clone()))
        .collect();
    tiers.sort();
    tiers.dedup();
    let codes: Vec<&str> = citynet_core::data::countries::COUNTRIES
        .iter()
        .map(|(code, _)| *code)
        .collect();
    let values = |v: &[String]| PossibleValuesParser::new(v.to_vec());
    let codes = PossibleValuesParser::new(codes);
    cmd.mut_subcommand("show", |s| {
        s.mut_arg("network", |a| a.value_parser(values(&ids)))
    })
    .mut_subcommand("members", |s| {
        s.mut_arg("network", |a| a.value_parser(values(&ids)))
            .mut_arg("tier", |a| a.value_parser(values(&tiers)))
            .mut_arg("country", |a| a.value_parser(codes.clone()))
    })
    .mut_subcommand("cities", |s| {
        s.mut_arg("in_", |a| a.value_parser(values(&ids)))
            .mut_arg("not_in", |a| a.value_parser(values(&ids)))
            .mut_arg("country", |a| a.value_parser(codes.clone()))
    })
    .mut_subcommand("city", |s| {
        s.mut_arg("country", |a| a.value_parser(codes.clone()))
    })
    .mut_subcommand("country", |s| {
        s.mut_arg("name", |a| a.value_parser(codes.clone()))
            .mut_arg("network", |a| a.value_parser(values(&ids)))
    })
    .mut_subcommand("validate", |s| {
        s.mut_arg("network", |a| a.value_parser(values(&ids)))
    })
    .mut_subcommand("import", |s| {
        s.mut_arg("network", |a| a.value_parser(values(&ids)))
    })
}

fn show_width(term: Terminal) -> u16 {
    match term.width {
        Some(w) if term.tty && w > 0 => w,
        _ => 80,
    }
}

fn print(table: &dyn output::Rows, format: &FormatArg, term: Terminal) -> Result<Vec<u8>, Failure> {
    if table.is_empty() {
        // The header alone on stdout could pass for an answer: stderr says there is none.
        let mut err = std::io::stderr();
        let _ = std::io::Write::write_all(&mut err, b"citynet: nothing matches; no rows\n");
    }
    let styling = output::Styling {
        bold: term.styled,
        width: term.width.map(usize::from),
        raw: format.raw,
    };
    output::render(table, format.format, styling)
        .map_err(|e| Failure::Io(format!("cannot format the output: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    /// A file's bytes are let go once it is parsed: a problem found after is quoted from
    /// the file read again, and only if it still holds what was parsed.
    #[test]
    fn a_problem_is_quoted_only_from_the_file_as_it_was_read() {
        let mut data = citynet_testdata::roster_dataset(50, 1);
        let roster = data.networks[0].roster.as_mut().expect("a roster");
        roster.members[7].country = "QQ".into();
        let text = citynet_testdata::to_ron(&data).expect("writes RON");
        let line = 1 + text.lines().position(|l| l.contains("\"QQ\"")).expect("QQ");
        let dir = tempfile::tempdir().expect("a temporary directory");
        let path = dir.path().join("broken.ron");
        std::fs::write(&path, &text).expect("writes");
        let request = Request {
            data: Some(path.clone()),
            rosters: Vec::new(),
            max_bytes: DEFAULT_MAX_BYTES,
            cache: None,
        };
        let checked = || {
            let Loaded { dataset, unchecked } =
                load_unchecked(&request, &Progress::default(), None).expect("parses");
            let unchecked = unchecked.expect("a file parsed afresh is still to check");
            (dataset, unchecked)
        };
        let at = format!("broken.ron:{line}:");

        let (dataset, unchecked) = checked();
        let Err(Failure::Data(msg)) = unchecked.check(&dataset) else {
            panic!("refused");
        };
        assert!(msg.contains(&at) && msg.contains("QQ"), "{msg}");

        let (dataset, unchecked) = checked();
        std::fs::write(&path, format!("// edited\n{text}")).expect("writes");
        let Err(Failure::Data(msg)) = unchecked.check(&dataset) else {
            panic!("refused");
        };
        assert!(msg.contains("QQ") && !msg.contains(&at), "{msg}");
        assert!(msg.contains("changed after it was read"), "{msg}");
    }
}
