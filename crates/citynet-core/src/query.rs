//! The filter language shared by the TUI's filter lines and the command line's `--search`.
//!
//! Plain words are fuzzy (consecutive words form one phrase, so `den haag` still ranks
//! The Hague first); `'word` is an exact substring, `^word` a prefix, `word$` a suffix,
//! `!term` excludes; `country:de`, `tier:partner`, `theme:climate` scope a term to a field
//! (`country:de,fr` means either); terms combine with AND, and `|` separates alternatives.

use crate::data::{Roster, Theme, countries};
use crate::search::{Matcher, fold_query};

/// A query that could not be understood: what is wrong, and where (character offset).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryError {
    pub message: String,
    pub at: usize,
}

impl std::fmt::Display for QueryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} (at character {})", self.message, self.at + 1)
    }
}

impl std::error::Error for QueryError {}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Raw {
    Fuzzy(String),
    Exact(String),
    Prefix(String),
    Suffix(String),
    Field {
        field: String,
        values: Vec<String>,
        at: usize,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct RawTerm {
    negate: bool,
    raw: Raw,
}

/// What one term tests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Atom {
    /// Folded text, fuzzy.
    Fuzzy(String),
    Exact(String),
    Prefix(String),
    Suffix(String),
    /// Any of these ISO codes.
    Country(Vec<String>),
    /// Any of these tier indices.
    Tier(Vec<usize>),
    Theme(Vec<Theme>),
    /// A member's figure in the Population column (`pop:`) or its list's own (`stated:`)
    /// within these bounds, both inclusive.
    Figure {
        which: Figure,
        min: u64,
        max: u64,
    },
}

/// Which of a member's population figures a `pop:` or `stated:` term tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Figure {
    /// The Population column's: GeoNames' where the list is matched to it, else the list's.
    Population,
    /// The figure the list itself states (the Covenant's declared one).
    Stated,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub negate: bool,
    pub atom: Atom,
}

/// A parsed query, checked against what it will filter.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    /// OR of ANDs. Empty: everything matches.
    pub alternatives: Vec<Vec<Term>>,
}

/// What a record offers to a query.
pub struct Record<'a> {
    /// Searchable texts, folded (`search::fold_into`, `Folded::text`); the first is the
    /// name. Texts, not `Folded`s: a roster of a quarter of a million members evaluates
    /// straight from its index's one folded string.
    pub keys: &'a [&'a str],
    /// How many of `keys`, from the first, are the record's names (its name, other names
    /// and their spellings); the rest (a member's country, a network's themes) only fuzzy
    /// words may match. Anchored (`'x`, `^x`, `x$`) and negated terms test names alone,
    /// so `^b` is not every Belgian city and `!ber` keeps Sarajevo.
    pub names: usize,
    pub country: &'a str,
    pub tier: usize,
    pub themes: &'a [Theme],
    /// The member's figure in the Population column, and its list's own figure.
    pub population: Option<u64>,
    pub stated: Option<u64>,
}

/// How a record matched: its score, and the key and folded positions to highlight.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Matched {
    pub score: i64,
    pub key: usize,
    pub positions: Vec<usize>,
}

fn tokenize(input: &str) -> Result<Vec<Vec<(usize, String)>>, QueryError> {
    // Alternatives split on '|', words on whitespace, except inside double quotes, which
    // stay in the word for `parse_term`; positions are char offsets.
    let mut alts = vec![Vec::new()];
    let mut word = String::new();
    let mut start = 0;
    let mut quote: Option<usize> = None;
    let chars: Vec<char> = input.chars().collect();
    let flush = |alts: &mut Vec<Vec<(usize, String)>>, word: &mut String, start: usize| {
        if !word.is_empty() {
            if let Some(last) = alts.last_mut() {
                last.push((start, std::mem::take(word)));
            }
        }
    };
    for (i, &c) in chars.iter().enumerate() {
        if quote.is_some() {
            if c == '"' {
                quote = None;
            }
            word.push(c);
        } else if c == '|' {
            flush(&mut alts, &mut word, start);
            if alts.last().is_some_and(Vec::is_empty) {
                return Err(QueryError {
                    message: "nothing before `|`".into(),
                    at: i,
                });
            }
            alts.push(Vec::new());
        } else if c.is_whitespace() {
            flush(&mut alts, &mut word, start);
        } else {
            if word.is_empty() {
                start = i;
            }
            if c == '"' {
                quote = Some(i);
            }
            word.push(c);
        }
    }
    if let Some(at) = quote {
        return Err(QueryError {
            message: "no closing `\"`".into(),
            at,
        });
    }
    flush(&mut alts, &mut word, start);
    if alts.len() > 1 && alts.last().is_some_and(Vec::is_empty) {
        return Err(QueryError {
            message: "nothing after `|`".into(),
            at: chars.len().saturating_sub(1),
        });
    }
    Ok(alts)
}

/// `s` without its double quotes: they only group words (`"den haag"`).
fn unquote(s: &str) -> String {
    s.replace('"', "")
}

/// A field's values, split on commas outside quotes: `"korea, south",de`.
fn field_values(value: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in value.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(std::mem::take(&mut current)),
            c => current.push(c),
        }
    }
    out.push(current);
    out.into_iter()
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
        .collect()
}

fn parse_term(at: usize, word: &str) -> Result<RawTerm, QueryError> {
    let (negate, rest, off) = match word.strip_prefix('!') {
        Some(r) => (true, r, 1),
        None => (false, word, 0),
    };
    let empty = |what: &str| QueryError {
        message: format!("nothing after `{what}`"),
        at,
    };
    if rest.is_empty() {
        return Err(empty("!"));
    }
    let empty_after = |what: &str, r: &str| {
        if unquote(r).trim().is_empty() {
            Err(empty(what))
        } else {
            Ok(unquote(r))
        }
    };
    // A field is `name:` before any quote: `"a:b"` is text.
    let field = rest
        .split_once(':')
        .filter(|(f, _)| !f.contains('"') && !f.is_empty());
    let raw = if let Some(r) = rest.strip_prefix('\'') {
        Raw::Exact(empty_after("'", r)?)
    } else if let Some(r) = rest.strip_prefix('^') {
        Raw::Prefix(empty_after("^", r)?)
    } else if let Some(r) = rest.strip_suffix('$') {
        if unquote(r).trim().is_empty() {
            return Err(QueryError {
                message: "nothing before `$`".into(),
                at,
            });
        }
        Raw::Suffix(unquote(r))
    } else if let Some((field, value)) = field {
        let values = field_values(value);
        if values.is_empty() {
            return Err(QueryError {
                message: format!("`{field}:` needs a value, like {field}:{}", example(field)),
                at: at + off,
            });
        }
        Raw::Field {
            field: field.to_lowercase(),
            values,
            at: at + off,
        }
    } else {
        let text = unquote(rest);
        if text.trim().is_empty() {
            return Err(QueryError {
                message: "nothing between the quotes".into(),
                at,
            });
        }
        Raw::Fuzzy(text)
    };
    Ok(RawTerm { negate, raw })
}

fn example(field: &str) -> &'static str {
    match field {
        "tier" => "full",
        "theme" => "climate",
        "pop" | "stated" => ">250000",
        _ => "de",
    }
}

/// A population bound as a person types it: `250000`, `250,000`, `250_000`, `250k`,
/// `1.5m`.
fn figure(text: &str) -> Option<u64> {
    let t = text.trim().to_ascii_lowercase();
    let (digits, scale) = match t.strip_suffix('k') {
        Some(d) => (d, 1_000.0),
        None => match t.strip_suffix('m') {
            Some(d) => (d, 1_000_000.0),
            None => (t.as_str(), 1.0),
        },
    };
    // Thousands separators only between groups of three digits, so `2,50` is refused.
    let mut groups = digits.split([',', '_']);
    let first = groups.next()?;
    let mut plain = first.to_string();
    for g in groups {
        if g.len() != 3 || !g.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        plain.push_str(g);
    }
    if plain.is_empty() || !plain.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    let value = plain.parse::<f64>().ok()? * scale;
    // `as` saturates; anything past u64 is refused rather than clamped.
    (0.0..1e19).contains(&value).then(|| value.round() as u64)
}

/// `pop:>250000`, `pop:<=1m`, `pop:100k..500k`, `pop:250000`: the bounds of a figure term.
/// The values come comma-split (`country:de,fr`); a population's thousands separators
/// are commas too, so they are joined back first.
fn figure_range(
    which: Figure,
    field: &str,
    values: &[String],
    at: usize,
) -> Result<Atom, QueryError> {
    let text = values.join(",");
    let bad = || QueryError {
        message: format!(
            "`{field}:{text}` is not a population bound; use {field}:>250000, {field}:<=1m or {field}:100k..500k"
        ),
        at,
    };
    let (min, max) = if let Some((lo, hi)) = text.split_once("..") {
        let min = if lo.trim().is_empty() {
            0
        } else {
            figure(lo).ok_or_else(bad)?
        };
        let max = if hi.trim().is_empty() {
            u64::MAX
        } else {
            figure(hi).ok_or_else(bad)?
        };
        (min, max)
    } else if let Some(v) = text.strip_prefix(">=") {
        (figure(v).ok_or_else(bad)?, u64::MAX)
    } else if let Some(v) = text.strip_prefix("<=") {
        (0, figure(v).ok_or_else(bad)?)
    } else if let Some(v) = text.strip_prefix('>') {
        (figure(v).ok_or_else(bad)?.saturating_add(1), u64::MAX)
    } else if let Some(v) = text.strip_prefix('<') {
        let v = figure(v).ok_or_else(bad)?;
        if v == 0 {
            return Err(bad());
        }
        (0, v - 1)
    } else {
        let v = figure(text.strip_prefix('=').unwrap_or(&text)).ok_or_else(bad)?;
        (v, v)
    };
    if min > max {
        return Err(QueryError {
            message: format!(
                "`{field}:{text}` can match no population: its lower bound is above its upper"
            ),
            at,
        });
    }
    Ok(Atom::Figure { which, min, max })
}

/// Parses the query's syntax. Field values are checked by `for_roster`/`for_networks`.
fn parse(input: &str) -> Result<Vec<Vec<RawTerm>>, QueryError> {
    let mut out = Vec::new();
    for alt in tokenize(input)? {
        let mut terms: Vec<RawTerm> = Vec::new();
        for (at, word) in alt {
            let term = parse_term(at, &word)?;
            // Consecutive plain words form one fuzzy phrase.
            if let (
                Some(RawTerm {
                    negate: false,
                    raw: Raw::Fuzzy(prev),
                }),
                RawTerm {
                    negate: false,
                    raw: Raw::Fuzzy(next),
                },
            ) = (terms.last_mut(), &term)
            {
                prev.push(' ');
                prev.push_str(next);
                continue;
            }
            terms.push(term);
        }
        if !terms.is_empty() {
            out.push(terms);
        }
    }
    Ok(out)
}

fn text_atom(raw: &Raw) -> Option<Atom> {
    Some(match raw {
        Raw::Fuzzy(s) => Atom::Fuzzy(fold_query(s)),
        Raw::Exact(s) => Atom::Exact(fold_query(s)),
        Raw::Prefix(s) => Atom::Prefix(fold_query(s)),
        Raw::Suffix(s) => Atom::Suffix(fold_query(s)),
        Raw::Field { .. } => return None,
    })
}

fn themes(values: &[String], at: usize) -> Result<Atom, QueryError> {
    let mut out = Vec::new();
    for v in values {
        match Theme::parse(v) {
            Some(t) => out.push(t),
            None => {
                let all: Vec<&str> = Theme::ALL.iter().map(|t| t.label()).collect();
                return Err(QueryError {
                    message: format!("no theme `{v}`; themes: {}", all.join(", ")),
                    at,
                });
            }
        }
    }
    Ok(Atom::Theme(out))
}

fn unknown_field(field: &str, at: usize, known: &str) -> QueryError {
    QueryError {
        message: format!("unknown field `{field}:`; use {known}"),
        at,
    }
}

impl Query {
    /// Parses `input`, turning each `field:values` term into an atom with `field`.
    fn build(
        input: &str,
        field: impl Fn(&str, &[String], usize) -> Result<Atom, QueryError>,
    ) -> Result<Query, QueryError> {
        let mut alternatives = Vec::new();
        for alt in parse(input)? {
            let mut terms = Vec::new();
            for t in alt {
                let atom = match &t.raw {
                    Raw::Field {
                        field: f,
                        values,
                        at,
                    } => field(f, values, *at)?,
                    raw => text_atom(raw).unwrap_or(Atom::Fuzzy(String::new())),
                };
                terms.push(Term {
                    negate: t.negate,
                    atom,
                });
            }
            alternatives.push(terms);
        }
        Ok(Query { alternatives })
    }

    /// Parses `input` for a member table of `roster`: tiers and countries are checked.
    pub fn for_roster(input: &str, roster: &Roster) -> Result<Query, QueryError> {
        Query::build(input, |field, values, at| match field {
            "country" => values
                .iter()
                .map(|v| {
                    let found = countries::lookup(v);
                    match countries::not_found(&format!("`{v}`"), &found) {
                        Some(message) => Err(QueryError { message, at }),
                        None => Ok(found.found().unwrap_or_default().to_string()),
                    }
                })
                .collect::<Result<_, _>>()
                .map(Atom::Country),
            "tier" => values
                .iter()
                .map(|v| {
                    roster.tier_named(v).ok_or_else(|| QueryError {
                        message: format!("no tier `{v}`; tiers: {}", roster.tier_ids().join(", ")),
                        at,
                    })
                })
                .collect::<Result<_, _>>()
                .map(Atom::Tier),
            "theme" => Err(QueryError {
                message: "`theme:` filters networks, not members".into(),
                at,
            }),
            "pop" | "population" => figure_range(Figure::Population, field, values, at),
            "stated" => figure_range(Figure::Stated, field, values, at),
            other => Err(unknown_field(other, at, "country:, tier:, pop:, stated:")),
        })
    }

    /// Parses `input` for the network list: only `theme:` is a field there.
    pub fn for_networks(input: &str) -> Result<Query, QueryError> {
        Query::build(input, |field, values, at| match field {
            "theme" => themes(values, at),
            "pop" | "population" | "stated" => Err(QueryError {
                message: format!("`{field}:` filters members, not networks"),
                at,
            }),
            other => Err(unknown_field(other, at, "theme:")),
        })
    }

    pub fn is_empty(&self) -> bool {
        self.alternatives.is_empty()
    }

    /// The fuzzy phrases of a query that is nothing but alternatives of one phrase each
    /// (`ber | lin`), in order: callers serve it with their fast path, one phrase at a
    /// time. `None` for anything else, a single phrase included ([`Query::plain`]).
    pub fn plain_alternatives(&self) -> Option<Vec<&str>> {
        if self.alternatives.len() < 2 {
            return None;
        }
        self.alternatives
            .iter()
            .map(|terms| match terms.as_slice() {
                [
                    Term {
                        negate: false,
                        atom: Atom::Fuzzy(s),
                    },
                ] if !s.is_empty() => Some(s.as_str()),
                _ => None,
            })
            .collect()
    }

    /// The single fuzzy phrase, when that is all the query is: the common case, which
    /// callers can serve with their fast path.
    pub fn plain(&self) -> Option<&str> {
        match self.alternatives.as_slice() {
            [terms] => match terms.as_slice() {
                [
                    Term {
                        negate: false,
                        atom: Atom::Fuzzy(s),
                    },
                ] => Some(s),
                _ => None,
            },
            _ => None,
        }
    }

    /// Whether a record matches, and how well. An empty query matches with score 0.
    pub fn eval(&self, matcher: &Matcher, rec: &Record) -> Option<Matched> {
        self.eval_with(matcher, rec, true)
    }

    /// [`Query::eval`] without the positions (left empty): the same score and key, at a
    /// fraction of the cost, for filtering a roster of any size.
    pub fn eval_score(&self, matcher: &Matcher, rec: &Record) -> Option<Matched> {
        self.eval_with(matcher, rec, false)
    }

    fn eval_with(&self, matcher: &Matcher, rec: &Record, positions: bool) -> Option<Matched> {
        if self.alternatives.is_empty() {
            return Some(Matched {
                score: 0,
                key: 0,
                positions: Vec::new(),
            });
        }
        let mut best: Option<Matched> = None;
        for terms in &self.alternatives {
            if let Some(m) = eval_all(matcher, terms, rec, positions)
                && best.as_ref().is_none_or(|b| m.score > b.score)
            {
                best = Some(m);
            }
        }
        best
    }
}

fn eval_all(matcher: &Matcher, terms: &[Term], rec: &Record, positions: bool) -> Option<Matched> {
    let mut out = Matched {
        score: 0,
        key: 0,
        positions: Vec::new(),
    };
    let mut highlighted = false;
    for term in terms {
        let hit = if term.negate {
            excluded_by(&term.atom, rec).then(Matched::default)
        } else {
            eval_term(matcher, &term.atom, rec, positions)
        };
        match (term.negate, hit) {
            (true, Some(_)) | (false, None) => return None,
            (true, None) => {}
            (false, Some(m)) => {
                out.score += m.score;
                // Highlight the first text term's match; later ones on the same key add to it.
                if !highlighted && term.atom.is_text() {
                    out.key = m.key;
                    out.positions = m.positions;
                    highlighted = true;
                } else if highlighted && m.key == out.key {
                    out.positions.extend(m.positions);
                    out.positions.sort_unstable();
                    out.positions.dedup();
                }
            }
        }
    }
    Some(out)
}

/// Exact, prefix and suffix matches rank like the fuzzy matcher's exact bonus tiers.
const LITERAL_SCORE: i64 = 10_000;

/// Whether a negated term's atom rules the record out: a word means "contains it" (a
/// folded substring of a name, as in fzf), never a scattered match, which would leave out
/// far more than a person means.
fn excluded_by(atom: &Atom, rec: &Record) -> bool {
    let names = || rec.keys.iter().take(rec.names);
    match atom {
        Atom::Fuzzy(q) | Atom::Exact(q) => names().any(|k| k.contains(q.as_str())),
        Atom::Prefix(q) => names().any(|k| k.starts_with(q.as_str())),
        Atom::Suffix(q) => names().any(|k| k.ends_with(q.as_str())),
        Atom::Country(codes) => codes.iter().any(|c| c == rec.country),
        Atom::Tier(tiers) => tiers.contains(&rec.tier),
        Atom::Theme(themes) => themes.iter().any(|t| rec.themes.contains(t)),
        Atom::Figure { which, min, max } => within(rec, *which, *min, *max),
    }
}

fn within(rec: &Record, which: Figure, min: u64, max: u64) -> bool {
    let figure = match which {
        Figure::Population => rec.population,
        Figure::Stated => rec.stated,
    };
    figure.is_some_and(|p| (min..=max).contains(&p))
}

fn literal(
    rec: &Record,
    f: impl Fn(&str) -> Option<usize>,
    len: usize,
    positions: bool,
) -> Option<Matched> {
    rec.keys
        .iter()
        .take(rec.names)
        .enumerate()
        .find_map(|(k, key)| {
            let at = f(key)?;
            let positions = if positions {
                let start = key[..at].chars().count();
                (start..start + len).collect()
            } else {
                Vec::new()
            };
            Some(Matched {
                score: LITERAL_SCORE,
                key: k,
                positions,
            })
        })
}

impl Atom {
    /// A text term with something to highlight, as opposed to a field test.
    fn is_text(&self) -> bool {
        match self {
            Atom::Fuzzy(q) | Atom::Exact(q) | Atom::Prefix(q) | Atom::Suffix(q) => !q.is_empty(),
            Atom::Country(_) | Atom::Tier(_) | Atom::Theme(_) | Atom::Figure { .. } => false,
        }
    }
}

fn eval_term(matcher: &Matcher, atom: &Atom, rec: &Record, positions: bool) -> Option<Matched> {
    let field = |ok: bool| {
        ok.then(|| Matched {
            score: 0,
            key: 0,
            positions: Vec::new(),
        })
    };
    match atom {
        Atom::Fuzzy(q) if positions => {
            let (k, m) = matcher.best_str(q, rec.keys.iter().copied())?;
            Some(Matched {
                score: m.score,
                key: k,
                positions: m.folded_positions,
            })
        }
        Atom::Fuzzy(q) => {
            let (key, score) = matcher.best_score_str(q, rec.keys.iter().copied())?;
            Some(Matched {
                score,
                key,
                positions: Vec::new(),
            })
        }
        Atom::Exact(q) => literal(rec, |t| t.find(q.as_str()), q.chars().count(), positions),
        Atom::Prefix(q) => literal(
            rec,
            |t| t.starts_with(q.as_str()).then_some(0),
            q.chars().count(),
            positions,
        ),
        Atom::Suffix(q) => literal(
            rec,
            |t| t.ends_with(q.as_str()).then(|| t.len() - q.len()),
            q.chars().count(),
            positions,
        ),
        Atom::Country(codes) => field(codes.iter().any(|c| c == rec.country)),
        Atom::Tier(tiers) => field(tiers.contains(&rec.tier)),
        Atom::Theme(themes) => field(themes.iter().any(|t| rec.themes.contains(t))),
        Atom::Figure { which, min, max } => field(within(rec, *which, *min, *max)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{Completeness, Tier};
    use crate::search::Folded;

    fn roster() -> Roster {
        let tier = |id: &str, label: &str| Tier {
            id: id.into(),
            label: label.into(),
            short: label.split(' ').next().unwrap_or(label).into(),
            description: None,
        };
        Roster {
            sources: vec![],
            columns: None,
            as_of: "2025".into(),
            completeness: Completeness::Complete,
            tiers: vec![
                tier("full", "Full member"),
                tier("associate", "Associate member"),
                tier("partner", "Partner"),
            ],
            population_note: None,
            members: vec![].into(),
        }
    }

    struct City {
        keys: Vec<Folded>,
        country: &'static str,
        tier: usize,
        population: Option<u64>,
    }

    impl City {
        /// `f` on this city's record.
        fn eval<T>(&self, f: impl FnOnce(&Record) -> T) -> T {
            let texts: Vec<&str> = self.keys.iter().map(|k| k.text.as_str()).collect();
            f(&Record {
                keys: &texts,
                names: texts.len() - 1,
                country: self.country,
                tier: self.tier,
                themes: &[],
                population: self.population,
                stated: None,
            })
        }
    }

    fn city(name: &str, aka: &[&str], country: &'static str, tier: usize) -> City {
        let cname = countries::name(country).unwrap_or("");
        let mut keys: Vec<Folded> =
            crate::search::spellings(std::iter::once(name).chain(aka.iter().copied()))
                .into_iter()
                .map(|(_, k)| k)
                .collect();
        keys.push(Folded::new(cname));
        City {
            keys,
            country,
            tier,
            population: None,
        }
    }

    fn cities() -> Vec<(&'static str, City)> {
        vec![
            ("Berlin", city("Berlin", &[], "DE", 0)),
            ("Bergen", city("Bergen", &[], "NO", 0)),
            ("Bremen", city("Bremen", &[], "DE", 2)),
            ("Munich", city("Munich", &["München"], "DE", 0)),
            ("Łódź", city("Łódź", &[], "PL", 0)),
            ("The Hague", city("The Hague", &["Den Haag"], "NL", 0)),
            ("Bruges", city("Bruges", &["Brugge"], "BE", 2)),
            ("Oslo", city("Oslo", &[], "NO", 1)),
            ("Antwerp", city("Antwerp", &[], "BE", 0)),
            ("Stockholm", city("Stockholm", &[], "SE", 0)),
            ("Sarajevo", city("Sarajevo", &[], "BA", 1)),
            ("Cologne", city("Cologne", &["Köln"], "DE", 0)),
            ("Zürich", city("Zürich", &[], "CH", 1)),
            ("Aarhus", city("Aarhus", &["Århus"], "DK", 0)),
            ("Belfast", city("Belfast", &[], "GB", 0)),
        ]
        .into_iter()
        .map(|(name, mut c)| {
            // GeoNames' figures for a few, none for the rest.
            c.population = match name {
                "Berlin" => Some(3_426_354),
                "Bergen" => Some(213_585),
                "Oslo" => Some(580_000),
                "Bruges" => Some(117_073),
                "Aarhus" => Some(250_000),
                _ => None,
            };
            (name, c)
        })
        .collect()
    }

    #[test]
    fn population_bounds_read_as_people_write_them() {
        let sorted = |q: &str| {
            let mut r = run(q);
            r.sort_unstable();
            r
        };
        assert_eq!(sorted("pop:>250000"), ["Berlin", "Oslo"]);
        assert_eq!(sorted("pop:>250,000"), ["Berlin", "Oslo"]);
        assert_eq!(sorted("pop:>=250k"), ["Aarhus", "Berlin", "Oslo"]);
        assert_eq!(sorted("pop:<200000"), ["Bruges"]);
        assert_eq!(sorted("pop:<=0.25m"), ["Aarhus", "Bergen", "Bruges"]);
        assert_eq!(sorted("pop:200k..600k"), ["Aarhus", "Bergen", "Oslo"]);
        assert_eq!(sorted("pop:1m.."), ["Berlin"]);
        assert_eq!(sorted("pop:250_000"), ["Aarhus"]);
        assert_eq!(sorted("pop:>250000 country:no"), ["Oslo"]);
        assert_eq!(sorted("pop:>1m | ^bru"), ["Berlin", "Bruges"]);
        // A member with no figure is never within bounds, and so is kept by a negation.
        let kept = sorted("!pop:>100000");
        assert!(
            kept.contains(&"Munich") && !kept.contains(&"Berlin"),
            "{kept:?}"
        );
        assert!(sorted("stated:>1").is_empty(), "no stated figures here");
        let err = |q: &str| Query::for_roster(q, &roster()).expect_err(q).message;
        for bad in [
            "pop:>",
            "pop:big",
            "pop:2,50",
            "pop:>1e30",
            "pop:<0",
            "pop:-5",
            "pop:5..1",
        ] {
            assert!(err(bad).contains("pop:"), "{bad}: {}", err(bad));
        }
        assert!(err("pop:5..1").contains("lower bound is above"));
        assert!(err("pop:").contains("like pop:>250000"));
        assert!(
            Query::for_networks("pop:>1")
                .expect_err("members only")
                .message
                .contains("filters members")
        );
    }

    fn run(q: &str) -> Vec<&'static str> {
        let query = Query::for_roster(q, &roster()).expect("valid query");
        let m = Matcher::default();
        let mut hits: Vec<(i64, &'static str)> = cities()
            .into_iter()
            .filter_map(|(name, c)| c.eval(|rec| query.eval(&m, rec)).map(|x| (x.score, name)))
            .collect();
        hits.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
        hits.into_iter().map(|(_, n)| n).collect()
    }

    #[test]
    fn scoring_without_positions_gives_the_same_score_and_key() {
        let m = Matcher::default();
        for q in [
            "ber",
            "brl",
            "b n",
            "'erg",
            "^br",
            "en$",
            "country:de",
            "!country:de b",
            "tier:partner | oslo",
            "mun | haag",
            "den haag",
            "lodz",
            "x",
        ] {
            let query = Query::for_roster(q, &roster()).expect("valid query");
            for (name, c) in cities() {
                let full = c.eval(|rec| query.eval(&m, rec)).map(|x| (x.score, x.key));
                let fast = c.eval(|rec| query.eval_score(&m, rec));
                assert!(fast.as_ref().is_none_or(|x| x.positions.is_empty()));
                assert_eq!(fast.map(|x| (x.score, x.key)), full, "{q:?} on {name}");
            }
        }
    }

    #[test]
    fn plain_words_stay_fuzzy_and_phrase_like() {
        assert_eq!(run("lodz"), ["Łódź"]);
        assert_eq!(run("den haag")[0], "The Hague");
        assert_eq!(
            Query::for_roster("den haag", &roster())
                .expect("ok")
                .plain(),
            Some("den haag")
        );
    }

    #[test]
    fn exact_prefix_suffix_and_exclusion() {
        assert_eq!(run("'erg"), ["Bergen"]);
        assert_eq!(run("^br"), ["Bremen", "Bruges"]);
        // Munich ends in "en" through its other name, München.
        assert_eq!(run("en$"), ["Bergen", "Bremen", "Munich"]);
        let not_de = run("!country:de");
        assert!(!not_de.contains(&"Berlin") && not_de.contains(&"Oslo"));
        assert_eq!(run("^b !^bre"), ["Belfast", "Bergen", "Berlin", "Bruges"]);
    }

    #[test]
    fn anchors_and_negation_test_names_not_countries() {
        // Belgium starts with b, Sweden ends in en, Bosnia holds b…e…r: none of it counts.
        assert!(!run("^b").contains(&"Antwerp"));
        assert!(!run("en$").contains(&"Stockholm"));
        assert!(run("!ber").contains(&"Sarajevo"));
        // Negation means "does not contain": Bremen holds no `ber`, so it stays.
        let not_ber = run("!ber");
        assert!(!not_ber.contains(&"Berlin") && !not_ber.contains(&"Bergen"));
        assert!(not_ber.contains(&"Bremen"));
        assert!(!run("!koeln").contains(&"Cologne"));
        // A fuzzy word still finds a country's members.
        assert!(run("belgium").contains(&"Antwerp"));
    }

    #[test]
    fn the_usual_ascii_spellings_find_their_city() {
        assert_eq!(run("koeln")[0], "Cologne");
        assert_eq!(run("koln")[0], "Cologne");
        assert_eq!(run("muenchen")[0], "Munich");
        assert_eq!(run("zuerich")[0], "Zürich");
        assert_eq!(run("aarhus")[0], "Aarhus");
        assert_eq!(run("'uerich"), ["Zürich"]);
        assert_eq!(run("^koe"), ["Cologne"]);
    }

    #[test]
    fn quoted_values_hold_spaces() {
        assert_eq!(run("country:\"united kingdom\""), ["Belfast"]);
        assert_eq!(run("country:\"united kingdom\",no").len(), 3);
        assert_eq!(run("'\"den haag\""), ["The Hague"]);
        assert_eq!(run("\"den haag\"")[0], "The Hague");
        assert_eq!(run("country:uk"), ["Belfast"]);
        let err = |q: &str| Query::for_roster(q, &roster()).expect_err(q);
        assert_eq!(err("country:\"united").message, "no closing `\"`");
        assert_eq!(err("oslo \"x").at, 5);
        let korea = err("country:korea").message;
        assert!(
            korea.contains("KR South Korea") && korea.contains("KP North Korea"),
            "{korea}"
        );
        let typo = err("country:germnay").message;
        assert!(typo.contains("did you mean DE Germany"), "{typo}");
        assert!(typo.len() < 120, "{typo}");
    }

    #[test]
    fn fields_scope_terms() {
        assert_eq!(run("country:de tier:full"), ["Berlin", "Cologne", "Munich"]);
        assert_eq!(run("country:de,no tier:partner"), ["Bremen"]);
        assert_eq!(run("country:germany tier:Partner"), ["Bremen"]);
        assert_eq!(run("tier:associate"), ["Oslo", "Sarajevo", "Zürich"]);
    }

    #[test]
    fn bar_means_or() {
        assert_eq!(run("oslo | lodz").len(), 2);
        let either = run("country:pl | country:be");
        assert!(either.contains(&"Łódź") && either.contains(&"Bruges"));
    }

    #[test]
    fn malformed_queries_say_what_is_wrong() {
        let err = |q: &str| Query::for_roster(q, &roster()).expect_err(q).message;
        assert!(err("tier:gold").contains("tiers: full, associate, partner"));
        assert!(err("country:xx").contains("no country `xx`"));
        assert!(err("colour:red").contains("unknown field `colour:`"));
        assert!(err("country:").contains("needs a value"));
        assert!(err("berlin |").contains("nothing after `|`"));
        assert!(err("| berlin").contains("nothing before `|`"));
        assert!(err("!").contains("nothing after `!`"));
        assert!(err("'").contains("nothing after `'`"));
        assert!(err("$").contains("nothing before `$`"));
        assert!(err("theme:climate").contains("filters networks"));
        assert_eq!(
            Query::for_roster("tier:gold", &roster())
                .expect_err("bad")
                .at,
            0
        );
        assert_eq!(
            Query::for_roster("oslo tier:gold", &roster())
                .expect_err("bad")
                .at,
            5
        );
    }

    #[test]
    fn network_queries_know_themes_only() {
        let q = Query::for_networks("theme:climate,health").expect("ok");
        assert_eq!(
            q.alternatives[0][0].atom,
            Atom::Theme(vec![Theme::Climate, Theme::Health])
        );
        assert!(Query::for_networks("tier:full").is_err());
        assert!(
            Query::for_networks("theme:weather")
                .expect_err("bad")
                .message
                .contains("no theme `weather`")
        );
    }
}
