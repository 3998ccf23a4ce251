//! Every fact names its sources, every source id is defined, and every fact credited to
//! one of the seed documents can be found in that document's text.

use citynet_core::data::model::group_thousands;
use citynet_core::data::provenance::{self, citations};
use citynet_core::data::spans::{SourceFile, locate};
use citynet_core::data::{
    Dataset, Figure, Measure, Network, Qualifier, parse::embedded_from_ron, parse_dataset, validate,
};

fn dataset() -> Dataset {
    embedded_from_ron().unwrap_or_else(|e| panic!("the embedded dataset does not parse: {e}"))
}

/// The seeds as the tests' fixtures hold them, with non-breaking spaces read as spaces
/// (the sources use both between a number and its unit).
fn seed(id: &str) -> Option<String> {
    let file = match id {
        "gch-directory" => "000_443a37c5b7c3a249.txt",
        "eurocities-about" => "001_05c9af1694ba86cd.txt",
        "encyclopedia-eurocities" => "002_61132321227a30aa.txt",
        _ => return None,
    };
    let path = format!("{}/tests/fixtures/seeds/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    Some(typography(&text))
}

/// Text with typography that carries no meaning made uniform: non-breaking spaces as
/// spaces, curly apostrophes as straight ones, "Energy-Europe" and "Energy – Europe" alike.
fn typography(s: &str) -> String {
    s.replace(['\u{a0}', '\u{202f}'], " ")
        .replace('’', "'")
        .replace(" – ", "-")
}

/// The ways a source may write a figure's number: 2,500, 2500, 150 million, 70%.
fn number_forms(f: &Figure) -> Vec<String> {
    let v = f.value;
    let mut forms = vec![group_thousands(v), v.to_string()];
    if v >= 1_000_000 && v % 1_000_000 == 0 {
        forms.push(format!("{} million", v / 1_000_000));
    }
    if f.measure == Measure::Share {
        forms.push(format!("{v}%"));
        forms.push(format!("{v} %"));
        // The sources write these shares in words; the data stores the percent.
        match v {
            25 => forms.push("one quarter".into()),
            50 => forms.push("halve".into()),
            _ => {}
        }
    }
    forms
}

/// Whether `text` states figure `f` in its own words: the number, and the qualifier
/// right before it where there is one ("more than 150 million", not just "150 million").
fn states_figure(text: &str, f: &Figure) -> bool {
    if f.qualifier == Qualifier::Hundreds {
        return text.to_lowercase().contains("hundreds of");
    }
    number_forms(f).iter().any(|n| {
        if f.qualifier == Qualifier::Exact {
            // An exact figure must not be the number of a qualified phrase in the source.
            text.match_indices(n.as_str()).any(|(i, _)| {
                let before = text[..i].trim_end().to_lowercase();
                !["more than", "over", "nearly", "almost", "about"]
                    .iter()
                    .any(|q| before.ends_with(q))
            })
        } else {
            text.to_lowercase()
                .contains(&format!("{} {}", f.qualifier.word(), n.to_lowercase()))
        }
    })
}

fn each_seed_fact(n: &Network, mut check: impl FnMut(&str, String, bool)) {
    let seeds: Vec<(&str, String)> = [
        "gch-directory",
        "eurocities-about",
        "encyclopedia-eurocities",
    ]
    .into_iter()
    .filter_map(|id| seed(id).map(|t| (id, t)))
    .collect();
    let text = |id: &str| {
        seeds
            .iter()
            .find(|(s, _)| *s == id)
            .map(|(_, t)| t.as_str())
    };
    let mut each = |ids: &[String], what: String, stated: &dyn Fn(&str) -> bool| {
        for id in ids {
            if let Some(t) = text(id) {
                check(id, what.clone(), stated(t));
            }
        }
    };
    each(n.name_cited(), format!("name {}", n.name), &|t| {
        t.contains(&typography(&n.name))
    });
    if let Some(s) = &n.short_name {
        each(n.short_name_cited(), format!("short name {s}"), &|t| {
            t.contains(s.as_str())
        });
    }
    for y in &n.founded {
        let year = y.value.to_string();
        each(&y.sources, format!("founded {year}"), &|t| {
            t.contains(&year)
        });
    }
    for h in &n.headquarters {
        let city = h.value.split(',').next().unwrap_or(&h.value).to_string();
        each(&h.sources, format!("headquarters {}", h.value), &|t| {
            t.contains(&city)
        });
    }
    for w in &n.website {
        let host = w
            .value
            .trim_start_matches("https://")
            .trim_start_matches("http://");
        each(&w.sources, format!("website {}", w.value), &|t| {
            t.contains(host)
        });
    }
    for f in n
        .figures
        .iter()
        .chain(n.targets.iter().flat_map(|t| &t.figures))
    {
        each(&f.sources, format!("figure {}", f.phrase()), &|t| {
            states_figure(t, f)
        });
    }
    for t in &n.targets {
        let by = t.by.to_string();
        each(&t.sources, format!("target by {by}"), &|text| {
            text.contains(&by)
        });
    }
    if let Some(p) = &n.profile {
        let s = &p.sources;
        for m in &p.founding_members {
            each(&s.founding_members, format!("founding member {m}"), &|t| {
                t.contains(m.as_str())
            });
        }
        for l in &p.leaders {
            each(&s.leaders, format!("leader {}", l.name), &|t| {
                t.contains(&l.name)
            });
        }
        for a in &p.thematic_areas {
            each(&s.thematic_areas, format!("thematic area {a}"), &|t| {
                t.contains(a.as_str())
            });
        }
        if let Some(w) = p.working_groups {
            let phrase = format!("{w} working groups");
            each(&s.working_groups, phrase.clone(), &|t| t.contains(&phrase));
        }
        if let Some(pr) = p.projects {
            let phrase = format!("{pr} ");
            each(&s.projects, format!("{pr} projects"), &|t| {
                t.contains(&phrase)
            });
        }
        if p.forums == Some(6) {
            each(&s.forums, "six forums".into(), &|t| {
                t.contains("six forums")
            });
        }
    }
}

#[test]
fn every_fact_has_a_source_and_every_source_is_known() {
    let d = dataset();
    let problems = provenance::check(&d);
    assert!(
        problems.is_empty(),
        "{}",
        problems
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn every_source_is_dated_read_and_cited() {
    let d = dataset();
    let cited = citations(&d);
    for s in &d.sources {
        assert!(s.published.is_some(), "{}: no publication date", s.id);
        assert!(s.read_on.is_some(), "{}: no read date", s.id);
        // GeoNames is the gazetteer's source (city populations and identities), which
        // `citynet city` credits; no directory fact cites it.
        assert!(
            s.id == "geonames" || cited.iter().any(|c| c.source == s.id),
            "{}: a source no fact cites",
            s.id
        );
    }
}

#[test]
fn every_fact_credited_to_a_seed_is_in_its_text() {
    let d = dataset();
    let mut failures = Vec::new();
    let mut checked = 0;
    for n in &d.networks {
        each_seed_fact(n, |id, what, stated| {
            checked += 1;
            if !stated {
                failures.push(format!("{}: {what} is not in {id}", n.id));
            }
        });
    }
    assert!(
        checked > 100,
        "only {checked} facts checked against the seeds"
    );
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn the_seed_check_catches_a_qualifier_borrowed_from_another_source() {
    // The directory writes "150 million" without "more than": crediting it with the About
    // page's "more than 150 million" must fail.
    let gch = seed("gch-directory").expect("the directory seed");
    let mut f = Figure {
        measure: Measure::Population,
        value: 150_000_000,
        qualifier: Qualifier::MoreThan,
        of: "people".into(),
        year: None,
        sources: vec!["gch-directory".into()],
    };
    assert!(!states_figure(&gch, &f));
    f.qualifier = Qualifier::Exact;
    assert!(states_figure(&gch, &f));
}

#[test]
fn countries_and_coordinates_of_eurocities_are_credited_to_citynet() {
    let d = dataset();
    let Some(r) = d
        .networks
        .iter()
        .find(|n| n.id == "eurocities")
        .and_then(|n| n.roster.as_ref())
    else {
        panic!("eurocities has a roster");
    };
    let columns = r.column_sources();
    let of = |name: &str| {
        columns
            .iter()
            .find(|(c, _)| *c == name)
            .map(|(_, ids)| ids.to_vec())
            .unwrap_or_default()
    };
    assert_eq!(of("names and tiers"), ["encyclopedia-eurocities"]);
    assert_eq!(of("country codes"), ["citynet-assigned"]);
    assert_eq!(of("coordinates"), ["citynet-assigned"]);
    let s = d.source("citynet-assigned").expect("the citynet source");
    assert!(
        s.note
            .as_deref()
            .is_some_and(|n| n.contains("assigned by citynet from the city's name")),
        "{s:?}"
    );
}

const SMALL: &str = r#"(
    title: "t",
    as_of: "2024",
    sources: [(id: "notes", title: "Notes", publisher: "p")],
    networks: [
        (
            id: "n",
            name: "N",
            scope: Global,
            themes: [health],
            summary: "s",
            founded: [(value: 1991, sources: [])],
            website: [(value: "https://example.org", sources: ["nowhere"])],
            figures: [(measure: members, value: 7, of: "cities")],
            affiliations: [(name: "WHO", role: "runs it")],
            sources: ["notes"],
        ),
    ],
)"#;

#[test]
fn a_fact_without_a_source_or_with_an_unknown_one_is_an_error_with_its_position() {
    let d = parse_dataset("small.ron", SMALL).expect("parses");
    let problems = validate(&d);
    let files = [SourceFile {
        name: "small.ron",
        text: SMALL,
        holds: Vec::new(),
    }];
    let at = locate(&problems, &files);
    let line_of = |needle: &str| {
        let i = problems
            .iter()
            .position(|p| p.to_string().contains(needle))
            .unwrap_or_else(|| panic!("no problem `{needle}` in {problems:?}"));
        at[i].position.map(|(line, _)| line)
    };
    assert_eq!(
        line_of("founded[0]: founding year cites no source"),
        Some(12)
    );
    assert_eq!(line_of("unknown source `nowhere`"), Some(13));
    assert_eq!(line_of("figure cites no source"), Some(14));
    assert_eq!(line_of("affiliation cites no source"), Some(15));
}
