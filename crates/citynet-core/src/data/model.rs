//! The domain types of the dataset. Pure data: serde only, nothing about terminals.
//!
//! The RON files under `assets/` are these types written out by hand, so every field
//! name here is also a word a person types when editing the data.

use serde::{Deserialize, Serialize};

pub use super::members::Members;

/// A member's text: a string that keeps up to 24 bytes in place and derefs to `&str`.
/// Nearly every name, code, tier, date and id is that short, and a large roster has a
/// quarter of a million members, each with four or five of them: as `String`s they were
/// a million small allocations to make (a third of decoding a cached roster) and to hold.
pub type Text = compact_str::CompactString;

/// The whole dataset: what it is, where its facts come from, and the networks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dataset {
    pub title: String,
    /// The date the facts are as of (ISO 8601, `YYYY-MM-DD` or `YYYY-MM`).
    pub as_of: String,
    pub sources: Vec<Source>,
    pub networks: Vec<Network>,
}

/// A document the facts were taken from. Every fact cites the sources that state it by `id`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub publisher: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// When the source was published, or the date its content is as of, as precisely as
    /// known; "undated" (with what the content suggests) where the source gives none.
    /// Older files call it `as_of`.
    #[serde(default, alias = "as_of", skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// The date (ISO 8601) someone read the source for this dataset: what makes an
    /// undated page checkable, and what the title bar's "data as of" is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read_on: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The licence the source's data is under, where it has one: `CC BY 4.0`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub licence: Option<String>,
    /// The attribution the licence asks for, to be shown wherever the data is shown or
    /// exported. Its wording is the credit; views print it as it stands.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<String>,
}

impl Dataset {
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// "7 member lists (they cover 7 of the directory's 30 networks)": how much an answer
    /// about a city can know, said wherever one is given.
    pub fn lists_cover(&self) -> String {
        let lists = self.networks.iter().filter(|n| n.roster.is_some()).count();
        format!(
            "{lists} member lists (they cover {lists} of the directory's {} networks)",
            self.networks.len()
        )
    }

    /// The credits a roster's data needs (its sources' `credit`s), in the roster's order.
    pub fn credits(&self, roster: &Roster) -> Vec<&str> {
        roster
            .sources
            .iter()
            .filter_map(|id| self.source(id)?.credit.as_deref())
            .collect()
    }
}

impl Source {
    /// The publication date as a reader sees it: the date, or "undated".
    pub fn published_or_undated(&self) -> &str {
        self.published.as_deref().unwrap_or("undated")
    }
}

impl Dataset {
    /// The date of the newest source read: the honest "data as of". Falls back to the
    /// file's own `as_of` when no source records when it was read.
    pub fn newest_read(&self) -> &str {
        self.sources
            .iter()
            .filter_map(|s| s.read_on.as_deref())
            .max()
            .unwrap_or(&self.as_of)
    }
}

/// One value of a fact, with the ids of the sources that state it. Where sources disagree
/// (two founding years, a secretariat that moved) a fact holds several of these, each
/// with its own sources; `note` says what the value means ("predecessor", "since 2013").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sourced<T> {
    pub value: T,
    pub sources: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl<T> Sourced<T> {
    pub fn new(value: T, sources: &[&str]) -> Self {
        Sourced {
            value,
            sources: sources.iter().map(|s| s.to_string()).collect(),
            note: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Network {
    /// Stable lowercase slug: `eurocities`, `c40`, `uclg`.
    pub id: String,
    pub name: String,
    /// The sources that state the full name, where they are not the network's `sources`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub name_sources: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_name: Option<String>,
    /// The sources that state the short name or acronym, where they are not `sources`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub short_name_sources: Vec<String>,
    pub scope: Scope,
    /// Who the members are, where it matters: "cities", "local and regional governments".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub members_are: Option<String>,
    pub themes: Vec<Theme>,
    /// Two to four sentences in our own words.
    pub summary: String,
    /// Every founding year a source states, each with its sources: a network that grew
    /// out of an earlier programme has one for each. Empty where no source states one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub founded: Vec<Sourced<u16>>,
    /// Every seat or office a source names, each with its sources and, where known, when.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headquarters: Vec<Sourced<String>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub website: Vec<Sourced<String>>,
    /// Every figure the sources state, each with its qualifier and source.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub figures: Vec<Figure>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<Target>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub affiliations: Vec<Affiliation>,
    /// Ids of the sources of the network's description: scope, members, themes, summary,
    /// and the name and short name unless `name_sources`/`short_name_sources` say
    /// otherwise. Every other fact names its own sources.
    pub sources: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<Profile>,
    /// The member list, where one is known. The embedded dataset keeps each roster in a
    /// file of its own (`assets/rosters/<id>.ron`); an external file may inline it here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roster: Option<Roster>,
}

impl Network {
    /// A copy of the network whose roster, if it has one, has no members: its head, as a
    /// cache entry keeps it apart from the members. (Every field is named, so a new one
    /// cannot be left out.)
    pub fn without_members(&self) -> Network {
        let Network {
            id,
            name,
            name_sources,
            short_name,
            short_name_sources,
            scope,
            members_are,
            themes,
            summary,
            founded,
            headquarters,
            website,
            figures,
            targets,
            affiliations,
            sources,
            profile,
            roster,
        } = self;
        Network {
            id: id.clone(),
            name: name.clone(),
            name_sources: name_sources.clone(),
            short_name: short_name.clone(),
            short_name_sources: short_name_sources.clone(),
            scope: scope.clone(),
            members_are: members_are.clone(),
            themes: themes.clone(),
            summary: summary.clone(),
            founded: founded.clone(),
            headquarters: headquarters.clone(),
            website: website.clone(),
            figures: figures.clone(),
            targets: targets.clone(),
            affiliations: affiliations.clone(),
            sources: sources.clone(),
            profile: profile.clone(),
            roster: roster.as_ref().map(Roster::without_members),
        }
    }

    /// The short name where there is one, else the name: what a narrow column shows.
    pub fn label(&self) -> &str {
        self.short_name.as_deref().unwrap_or(&self.name)
    }

    /// The earliest founding year any source states.
    pub fn first_founded(&self) -> Option<u16> {
        self.founded.iter().map(|f| f.value).min()
    }

    /// The first website a source states: the one a table column shows.
    pub fn first_website(&self) -> Option<&str> {
        self.website.first().map(|w| w.value.as_str())
    }

    /// The sources of the full name.
    pub fn name_cited(&self) -> &[String] {
        if self.name_sources.is_empty() {
            &self.sources
        } else {
            &self.name_sources
        }
    }

    /// The sources of the short name.
    pub fn short_name_cited(&self) -> &[String] {
        if self.short_name_sources.is_empty() {
            &self.sources
        } else {
            &self.short_name_sources
        }
    }

    /// The name with the short name after it, where that differs: what a title shows,
    /// "C40 Cities Climate Leadership Group (C40)".
    pub fn full_title(&self) -> String {
        match &self.short_name {
            Some(s) if s != &self.name => format!("{} ({s})", self.name),
            _ => self.name.clone(),
        }
    }

    /// The headline member figure, if the sources state one.
    pub fn member_figure(&self) -> Option<&Figure> {
        self.figures.iter().find(|f| f.measure == Measure::Members)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Scope {
    Global,
    Europe,
    /// Any other region, named: "Europe and the Americas".
    Regional(String),
}

impl std::fmt::Display for Scope {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Scope::Global => f.write_str("global"),
            Scope::Europe => f.write_str("Europe"),
            Scope::Regional(r) => f.write_str(r),
        }
    }
}

/// The closed set of theme tags. Adding one is a code change on purpose: tags are what
/// filters and charts group by, so a typo in a data file must fail rather than invent one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    Climate,
    Energy,
    Environment,
    Biodiversity,
    Resilience,
    Digital,
    SmartCities,
    Innovation,
    HumanRights,
    FreedomOfExpression,
    Inclusion,
    Equality,
    Migration,
    Health,
    Ageing,
    Culture,
    Education,
    Peace,
    Poverty,
    Development,
    Finance,
    Governance,
    Diplomacy,
    Sustainability,
    Mobility,
    Economy,
    Food,
    SocialAffairs,
}

impl Theme {
    pub const ALL: [Theme; 28] = [
        Theme::Climate,
        Theme::Energy,
        Theme::Environment,
        Theme::Biodiversity,
        Theme::Resilience,
        Theme::Digital,
        Theme::SmartCities,
        Theme::Innovation,
        Theme::HumanRights,
        Theme::FreedomOfExpression,
        Theme::Inclusion,
        Theme::Equality,
        Theme::Migration,
        Theme::Health,
        Theme::Ageing,
        Theme::Culture,
        Theme::Education,
        Theme::Peace,
        Theme::Poverty,
        Theme::Development,
        Theme::Finance,
        Theme::Governance,
        Theme::Diplomacy,
        Theme::Sustainability,
        Theme::Mobility,
        Theme::Economy,
        Theme::Food,
        Theme::SocialAffairs,
    ];

    /// The words a person reads and types: `smart cities`, `human rights`.
    pub fn label(self) -> &'static str {
        match self {
            Theme::Climate => "climate",
            Theme::Energy => "energy",
            Theme::Environment => "environment",
            Theme::Biodiversity => "biodiversity",
            Theme::Resilience => "resilience",
            Theme::Digital => "digital",
            Theme::SmartCities => "smart cities",
            Theme::Innovation => "innovation",
            Theme::HumanRights => "human rights",
            Theme::FreedomOfExpression => "freedom of expression",
            Theme::Inclusion => "inclusion",
            Theme::Equality => "equality",
            Theme::Migration => "migration",
            Theme::Health => "health",
            Theme::Ageing => "ageing",
            Theme::Culture => "culture",
            Theme::Education => "education",
            Theme::Peace => "peace",
            Theme::Poverty => "poverty",
            Theme::Development => "development",
            Theme::Finance => "finance",
            Theme::Governance => "governance",
            Theme::Diplomacy => "diplomacy",
            Theme::Sustainability => "sustainability",
            Theme::Mobility => "mobility",
            Theme::Economy => "economy",
            Theme::Food => "food",
            Theme::SocialAffairs => "social affairs",
        }
    }

    /// Parses a label or the snake_case data name, case-insensitively.
    pub fn parse(s: &str) -> Option<Theme> {
        let wanted = s.trim().to_lowercase().replace(['_', '-'], " ");
        Theme::ALL.into_iter().find(|t| t.label() == wanted)
    }
}

impl std::fmt::Display for Theme {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

/// A stated number: "more than 2500 local and regional governments".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    pub measure: Measure,
    pub value: u64,
    #[serde(default, skip_serializing_if = "Qualifier::is_exact")]
    pub qualifier: Qualifier,
    /// What is counted, as the noun phrase after the number: "cities", "people",
    /// "of the world's population".
    pub of: String,
    /// The year the figure refers to, when the source dates it ("In 2025, ...").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<u16>,
    /// The ids of the sources that state the figure in exactly these words.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
}

impl Figure {
    /// The figure as a phrase: "more than 2,500 local and regional governments".
    pub fn phrase(&self) -> String {
        let number = match self.measure {
            Measure::Share => format!("{}%", self.value),
            _ => group_thousands(self.value),
        };
        let of = if self.of.is_empty() {
            String::new()
        } else {
            format!(" {}", self.of)
        };
        let mut s = match self.qualifier {
            Qualifier::Hundreds => format!("hundreds of{of}"),
            Qualifier::Exact => format!("{number}{of}"),
            q => format!("{} {number}{of}", q.word()),
        };
        if let Some(year) = self.year {
            s.push_str(&format!(" (in {year})"));
        }
        s
    }
}

/// 1234567 -> "1,234,567". Figures read better grouped, and the sources group them.
pub fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// How many members (cities, governments, signatories) the network has.
    Members,
    Cities,
    Countries,
    /// People living in the members' territories.
    Population,
    /// A percentage (of a population, of violence, ...): `value` is the percent.
    Share,
    /// People taking part: politicians, experts, officials.
    Participants,
    /// Anything else that is counted: fields of intervention, programmes.
    Count,
}

impl Measure {
    pub fn label(self) -> &'static str {
        match self {
            Measure::Members => "members",
            Measure::Cities => "cities",
            Measure::Countries => "countries",
            Measure::Population => "population",
            Measure::Share => "share",
            Measure::Participants => "participants",
            Measure::Count => "count",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    #[default]
    Exact,
    About,
    Nearly,
    Almost,
    MoreThan,
    Over,
    /// "hundreds of": the value is the lower bound, 100.
    Hundreds,
}

impl Qualifier {
    pub fn is_exact(&self) -> bool {
        *self == Qualifier::Exact
    }

    pub fn word(self) -> &'static str {
        match self {
            Qualifier::Exact => "",
            Qualifier::About => "about",
            Qualifier::Nearly => "nearly",
            Qualifier::Almost => "almost",
            Qualifier::MoreThan => "more than",
            Qualifier::Over => "over",
            Qualifier::Hundreds => "hundreds of",
        }
    }
}

/// A goal the network has set itself: "halve urban violence by 2030".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    pub goal: String,
    pub by: u16,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub figures: Vec<Figure>,
    /// The sources that state the goal and its year.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
}

/// An organisation the network is tied to, and how: ("UNDRR", "leads the initiative").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Affiliation {
    pub name: String,
    pub role: String,
    /// The sources that state the tie and the role.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
}

/// The deeper facts some networks' sources give: history, leadership, governance, rules.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Profile {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub founding_members: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secretariat: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub leaders: Vec<Leader>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub governance: Vec<Body>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub membership_rules: Vec<MembershipRule>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub thematic_areas: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub forums: Option<u32>,
    /// The forums' topics, as the source that names them writes them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub forum_topics: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub working_groups: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub projects: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub projects_note: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub activities: Vec<Activity>,
    /// Remarks a reader needs, each with its sources: where a source contradicts itself.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Sourced<String>>,
    /// The sources of each of the facts above.
    #[serde(skip_serializing_if = "ProfileSources::is_empty")]
    pub sources: ProfileSources,
}

/// The sources of each profile fact, one list a fact: a profile gathered from several
/// documents must say which one states what.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ProfileSources {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub founding_members: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub secretariat: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub leaders: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub governance: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub membership_rules: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub thematic_areas: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub forums: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub forum_topics: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub working_groups: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub projects: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub activities: Vec<String>,
}

impl ProfileSources {
    pub fn is_empty(&self) -> bool {
        self.facts().iter().all(|(_, ids)| ids.is_empty())
    }

    /// Each fact's name and its sources, in display order.
    pub fn facts(&self) -> [(&'static str, &[String]); 11] {
        [
            ("founding_members", &self.founding_members),
            ("secretariat", &self.secretariat),
            ("leaders", &self.leaders),
            ("governance", &self.governance),
            ("membership_rules", &self.membership_rules),
            ("thematic_areas", &self.thematic_areas),
            ("forums", &self.forums),
            ("forum_topics", &self.forum_topics),
            ("working_groups", &self.working_groups),
            ("projects", &self.projects),
            ("activities", &self.activities),
        ]
    }
}

impl Profile {
    /// The names of the facts this profile states: each must have sources.
    pub fn stated(&self) -> Vec<&'static str> {
        let mut v = Vec::new();
        let mut push = |name, present: bool| {
            if present {
                v.push(name);
            }
        };
        push("founding_members", !self.founding_members.is_empty());
        push("secretariat", self.secretariat.is_some());
        push("leaders", !self.leaders.is_empty());
        push("governance", !self.governance.is_empty());
        push("membership_rules", !self.membership_rules.is_empty());
        push("thematic_areas", !self.thematic_areas.is_empty());
        push("forums", self.forums.is_some());
        push("forum_topics", !self.forum_topics.is_empty());
        push("working_groups", self.working_groups.is_some());
        push("projects", self.projects.is_some());
        push("activities", !self.activities.is_empty());
        v
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Leader {
    pub role: String,
    pub name: String,
}

/// A governing body: the executive committee, the annual general meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Body {
    pub name: String,
    /// What it is made of: "12 elected cities and their mayors".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seats: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub composition: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meets_per_year_at_least: Option<u32>,
    pub role: String,
}

/// Who may join, and as what.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MembershipRule {
    /// The roster tier this rule admits to, when it maps to one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier: Option<String>,
    /// The label when there is no roster tier (business partners).
    pub label: String,
    pub who: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_population: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Activity {
    pub name: String,
    pub what: String,
}

/// A network's member list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Roster {
    /// Source ids the list comes from: the members' names and tiers, and every other
    /// column that `columns` does not credit elsewhere.
    pub sources: Vec<String>,
    /// Where columns come from a source other than the list itself (country codes this
    /// project assigned, coordinates, populations from a gazetteer).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub columns: Option<ColumnSources>,
    /// The date the list is as of.
    pub as_of: String,
    pub completeness: Completeness,
    /// The tiers (or categories) this network sorts members into, in display order.
    pub tiers: Vec<Tier>,
    /// What the members' `population` figures are, when the roster has them: who stated
    /// them and as of when ("declared by each signatory when it joined").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population_note: Option<String>,
    pub members: Members,
}

/// The sources of a roster's columns, each falling back to the roster's `sources` when
/// left empty.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ColumnSources {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub country: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub coordinates: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub population: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub since: Vec<String>,
}

impl Roster {
    /// A copy of the roster with no members.
    pub fn without_members(&self) -> Roster {
        let Roster {
            sources,
            columns,
            as_of,
            completeness,
            tiers,
            population_note,
            members: _,
        } = self;
        Roster {
            sources: sources.clone(),
            columns: columns.clone(),
            as_of: as_of.clone(),
            completeness: completeness.clone(),
            tiers: tiers.clone(),
            population_note: population_note.clone(),
            members: Members::new(),
        }
    }

    /// Each column's name and the sources it comes from.
    pub fn column_sources(&self) -> Vec<(&'static str, &[String])> {
        let own = |pick: fn(&ColumnSources) -> &Vec<String>| -> &[String] {
            match &self.columns {
                Some(c) if !pick(c).is_empty() => pick(c),
                _ => &self.sources,
            }
        };
        let mut v: Vec<(&'static str, &[String])> = vec![
            ("names and tiers", &self.sources),
            ("country codes", own(|c| &c.country)),
            ("coordinates", own(|c| &c.coordinates)),
        ];
        if self.has_population() {
            v.push(("population", own(|c| &c.population)));
        }
        if self.members.iter().any(|m| m.since.is_some()) {
            v.push(("year joined", own(|c| &c.since)));
        }
        v
    }

    pub fn tier_index(&self, id: &str) -> Option<usize> {
        self.tiers.iter().position(|t| t.id == id)
    }

    /// The tier a person means: its id, label or short label, in any case, with or
    /// without accents and punctuation (`partner`, `Partner`, `Associate member`,
    /// `on hold` for `on-hold`), compared as every lookup compares names.
    pub fn tier_named(&self, typed: &str) -> Option<usize> {
        let wanted = crate::lookup::normalize(typed);
        if wanted.is_empty() {
            return None;
        }
        self.tiers.iter().position(|t| {
            [&t.id, &t.label, &t.short]
                .iter()
                .any(|s| crate::lookup::normalize(s) == wanted)
        })
    }

    /// The tier ids, for messages that list the valid ones.
    pub fn tier_ids(&self) -> Vec<&str> {
        self.tiers.iter().map(|t| t.id.as_str()).collect()
    }

    pub fn has_population(&self) -> bool {
        self.members.iter().any(|m| m.population.is_some())
    }

    /// "as of 2021"; a list whose source gives no date says so in its own words
    /// ("undated source, read on 2026-12-02") rather than pass for dated.
    pub fn when(&self) -> String {
        if self.as_of.starts_with(|c: char| c.is_ascii_digit()) {
            format!("as of {}", self.as_of)
        } else {
            self.as_of.clone()
        }
    }

    /// How much of the network the list holds, and as of when: "complete, as of 2025",
    /// "20 of 22, as of 2024", "26 of more than 60, as of 2019-03". Wherever a list is
    /// counted this goes with it, so nothing partial or old passes for whole and current.
    pub fn coverage(&self) -> String {
        match &self.completeness {
            Completeness::Complete => format!("complete, {}", self.when()),
            Completeness::Partial {
                listed,
                total,
                total_qualifier,
                ..
            } => {
                let of = match total_qualifier {
                    Qualifier::Exact => String::new(),
                    q => format!("{} ", q.word()),
                };
                format!(
                    "{listed} of {of}{}, {}",
                    group_thousands(u64::from(*total)),
                    self.when()
                )
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Completeness {
    Complete,
    /// `listed` of `total` members are in the roster.
    Partial {
        listed: u32,
        total: u32,
        /// How the network states its total, where that is not an exact count: a list of
        /// 26 from a coalition of "more than 60" is `total: 60, total_qualifier: more_than`.
        #[serde(default, skip_serializing_if = "Qualifier::is_exact")]
        total_qualifier: Qualifier,
        note: String,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tier {
    /// Lowercase slug members refer to: `full`, `associate`, `partner`.
    pub id: String,
    /// Singular label: "Full member".
    pub label: String,
    /// Short chip label: "Full".
    pub short: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// `Member::default()` is a blank to fill in: no name, at 0°, 0°.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// The name exactly as the source writes it.
    pub name: Text,
    /// ISO 3166-1 alpha-2 code.
    pub country: Text,
    pub tier: Text,
    /// Approximate centre, two decimals.
    pub lat: f64,
    pub lon: f64,
    /// Other names a person may type: the local name, the English one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aka: Vec<Text>,
    #[serde(default, skip_serializing_if = "MemberKind::is_city")]
    pub kind: MemberKind,
    /// Only where a source states it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population: Option<u64>,
    /// The year the member joined, where the source gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<u16>,
    /// The day the member joined (`YYYY-MM-DD`), where the source gives the day; `since`
    /// is its year, and the validator checks that the two agree.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub joined: Option<Text>,
    /// The id the source gives the member, where it gives one: the Covenant of Mayors'
    /// signatory id (`IT4250`). It is what tells apart two members of the same name and
    /// country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Text>,
    /// The coordinates are not where the member is: a group of municipalities, a country
    /// centroid or a point the source repeats for unrelated members, or a point put in
    /// where the source gives none. They keep the record well-formed; nothing may show
    /// them as a place.
    #[serde(default, skip_serializing_if = "is_false")]
    pub placeholder: bool,
    /// The GeoNames id of the place this member is, where the gazetteer pipeline
    /// (`tools/gazetteer`) matched it surely: one id is one city across every list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geonames: Option<u32>,
    /// For a member that is not a city (a region, a metropolitan body, a group), the
    /// GeoNames id of its main city, where one is obvious: a link, never an identity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub main_city: Option<u32>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Member {
    /// Whether the coordinates may be shown as the member's place.
    pub fn is_placed(&self) -> bool {
        !self.placeholder
    }
}

/// Most members are cities; some are regions, metropolitan bodies or districts, and those
/// must never be merged with a city of a similar name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MemberKind {
    #[default]
    City,
    Metropolitan,
    Region,
    District,
    Community,
    /// Several municipalities signed up as one member (the Covenant of Mayors' group
    /// profiles).
    Group,
}

impl MemberKind {
    pub fn is_city(&self) -> bool {
        *self == MemberKind::City
    }

    /// The word for it, as tables and exports write it.
    pub fn label(self) -> &'static str {
        match self {
            MemberKind::City => "city",
            MemberKind::Metropolitan => "metropolitan",
            MemberKind::Region => "region",
            MemberKind::District => "district",
            MemberKind::Community => "community",
            MemberKind::Group => "group",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fig(value: u64, qualifier: Qualifier, measure: Measure, of: &str) -> Figure {
        Figure {
            measure,
            value,
            qualifier,
            of: of.into(),
            year: None,
            sources: vec![],
        }
    }

    #[test]
    fn figure_phrases_keep_their_qualifier() {
        assert_eq!(
            fig(
                2500,
                Qualifier::MoreThan,
                Measure::Members,
                "local and regional governments"
            )
            .phrase(),
            "more than 2,500 local and regional governments"
        );
        assert_eq!(
            fig(
                70,
                Qualifier::Exact,
                Measure::Share,
                "of the world's population"
            )
            .phrase(),
            "70% of the world's population"
        );
        assert_eq!(
            fig(
                100,
                Qualifier::Hundreds,
                Measure::Members,
                "local governments"
            )
            .phrase(),
            "hundreds of local governments"
        );
    }

    #[test]
    fn coverage_says_how_much_and_as_of_when() {
        let mut r = Roster {
            sources: vec![],
            columns: None,
            as_of: "2019-03".into(),
            completeness: Completeness::Partial {
                listed: 26,
                total: 60,
                total_qualifier: Qualifier::MoreThan,
                note: String::new(),
            },
            tiers: vec![],
            population_note: None,
            members: vec![].into(),
        };
        assert_eq!(r.coverage(), "26 of more than 60, as of 2019-03");
        r.completeness = Completeness::Partial {
            listed: 20,
            total: 22,
            total_qualifier: Qualifier::Exact,
            note: String::new(),
        };
        assert_eq!(r.coverage(), "20 of 22, as of 2019-03");
        r.completeness = Completeness::Complete;
        assert_eq!(r.coverage(), "complete, as of 2019-03");
    }

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(group_thousands(0), "0");
        assert_eq!(group_thousands(999), "999");
        assert_eq!(group_thousands(1000), "1,000");
        assert_eq!(group_thousands(250_000), "250,000");
        assert_eq!(group_thousands(60_000_000), "60,000,000");
    }

    #[test]
    fn themes_parse_from_labels_and_data_names() {
        assert_eq!(Theme::parse("Smart cities"), Some(Theme::SmartCities));
        assert_eq!(Theme::parse("smart_cities"), Some(Theme::SmartCities));
        assert_eq!(Theme::parse("human-rights"), Some(Theme::HumanRights));
        assert_eq!(Theme::parse("weather"), None);
        for t in Theme::ALL {
            assert_eq!(Theme::parse(t.label()), Some(t));
        }
    }
}
