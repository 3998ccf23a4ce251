//! ISO 3166-1 alpha-2 codes, the short English names shown for them, and every other name
//! a person may type for a country (`country_names.tsv`: UK, USA, Turkey, Czech Republic,
//! Holland, Deutschland, ...), from Unicode CLDR and ISO 3166 via pycountry, written by
//! `tools/countries/build.py`.

use std::sync::OnceLock;

use crate::lookup::{self, Candidate, Lookup};

/// How many entries [`COUNTRIES`] has: the 249 assigned ISO 3166-1 alpha-2 codes, and `XK`
/// (Kosovo), which is user-assigned but in wide use.
pub const COUNT: usize = 250;

/// (code, name), sorted by code so lookups can binary-search.
pub static COUNTRIES: &[(&str, &str)] = &[
    ("AD", "Andorra"),
    ("AE", "United Arab Emirates"),
    ("AF", "Afghanistan"),
    ("AG", "Antigua and Barbuda"),
    ("AI", "Anguilla"),
    ("AL", "Albania"),
    ("AM", "Armenia"),
    ("AO", "Angola"),
    ("AQ", "Antarctica"),
    ("AR", "Argentina"),
    ("AS", "American Samoa"),
    ("AT", "Austria"),
    ("AU", "Australia"),
    ("AW", "Aruba"),
    ("AX", "Åland Islands"),
    ("AZ", "Azerbaijan"),
    ("BA", "Bosnia and Herzegovina"),
    ("BB", "Barbados"),
    ("BD", "Bangladesh"),
    ("BE", "Belgium"),
    ("BF", "Burkina Faso"),
    ("BG", "Bulgaria"),
    ("BH", "Bahrain"),
    ("BI", "Burundi"),
    ("BJ", "Benin"),
    ("BL", "Saint Barthélemy"),
    ("BM", "Bermuda"),
    ("BN", "Brunei"),
    ("BO", "Bolivia"),
    ("BQ", "Caribbean Netherlands"),
    ("BR", "Brazil"),
    ("BS", "Bahamas"),
    ("BT", "Bhutan"),
    ("BV", "Bouvet Island"),
    ("BW", "Botswana"),
    ("BY", "Belarus"),
    ("BZ", "Belize"),
    ("CA", "Canada"),
    ("CC", "Cocos (Keeling) Islands"),
    ("CD", "DR Congo"),
    ("CF", "Central African Republic"),
    ("CG", "Republic of the Congo"),
    ("CH", "Switzerland"),
    ("CI", "Côte d'Ivoire"),
    ("CK", "Cook Islands"),
    ("CL", "Chile"),
    ("CM", "Cameroon"),
    ("CN", "China"),
    ("CO", "Colombia"),
    ("CR", "Costa Rica"),
    ("CU", "Cuba"),
    ("CV", "Cabo Verde"),
    ("CW", "Curaçao"),
    ("CX", "Christmas Island"),
    ("CY", "Cyprus"),
    ("CZ", "Czechia"),
    ("DE", "Germany"),
    ("DJ", "Djibouti"),
    ("DK", "Denmark"),
    ("DM", "Dominica"),
    ("DO", "Dominican Republic"),
    ("DZ", "Algeria"),
    ("EC", "Ecuador"),
    ("EE", "Estonia"),
    ("EG", "Egypt"),
    ("EH", "Western Sahara"),
    ("ER", "Eritrea"),
    ("ES", "Spain"),
    ("ET", "Ethiopia"),
    ("FI", "Finland"),
    ("FJ", "Fiji"),
    ("FK", "Falkland Islands"),
    ("FM", "Micronesia"),
    ("FO", "Faroe Islands"),
    ("FR", "France"),
    ("GA", "Gabon"),
    ("GB", "United Kingdom"),
    ("GD", "Grenada"),
    ("GE", "Georgia"),
    ("GF", "French Guiana"),
    ("GG", "Guernsey"),
    ("GH", "Ghana"),
    ("GI", "Gibraltar"),
    ("GL", "Greenland"),
    ("GM", "Gambia"),
    ("GN", "Guinea"),
    ("GP", "Guadeloupe"),
    ("GQ", "Equatorial Guinea"),
    ("GR", "Greece"),
    ("GS", "South Georgia and the South Sandwich Islands"),
    ("GT", "Guatemala"),
    ("GU", "Guam"),
    ("GW", "Guinea-Bissau"),
    ("GY", "Guyana"),
    ("HK", "Hong Kong"),
    ("HM", "Heard Island and McDonald Islands"),
    ("HN", "Honduras"),
    ("HR", "Croatia"),
    ("HT", "Haiti"),
    ("HU", "Hungary"),
    ("ID", "Indonesia"),
    ("IE", "Ireland"),
    ("IL", "Israel"),
    ("IM", "Isle of Man"),
    ("IN", "India"),
    ("IO", "British Indian Ocean Territory"),
    ("IQ", "Iraq"),
    ("IR", "Iran"),
    ("IS", "Iceland"),
    ("IT", "Italy"),
    ("JE", "Jersey"),
    ("JM", "Jamaica"),
    ("JO", "Jordan"),
    ("JP", "Japan"),
    ("KE", "Kenya"),
    ("KG", "Kyrgyzstan"),
    ("KH", "Cambodia"),
    ("KI", "Kiribati"),
    ("KM", "Comoros"),
    ("KN", "Saint Kitts and Nevis"),
    ("KP", "North Korea"),
    ("KR", "South Korea"),
    ("KW", "Kuwait"),
    ("KY", "Cayman Islands"),
    ("KZ", "Kazakhstan"),
    ("LA", "Laos"),
    ("LB", "Lebanon"),
    ("LC", "Saint Lucia"),
    ("LI", "Liechtenstein"),
    ("LK", "Sri Lanka"),
    ("LR", "Liberia"),
    ("LS", "Lesotho"),
    ("LT", "Lithuania"),
    ("LU", "Luxembourg"),
    ("LV", "Latvia"),
    ("LY", "Libya"),
    ("MA", "Morocco"),
    ("MC", "Monaco"),
    ("MD", "Moldova"),
    ("ME", "Montenegro"),
    ("MF", "Saint Martin"),
    ("MG", "Madagascar"),
    ("MH", "Marshall Islands"),
    ("MK", "North Macedonia"),
    ("ML", "Mali"),
    ("MM", "Myanmar"),
    ("MN", "Mongolia"),
    ("MO", "Macao"),
    ("MP", "Northern Mariana Islands"),
    ("MQ", "Martinique"),
    ("MR", "Mauritania"),
    ("MS", "Montserrat"),
    ("MT", "Malta"),
    ("MU", "Mauritius"),
    ("MV", "Maldives"),
    ("MW", "Malawi"),
    ("MX", "Mexico"),
    ("MY", "Malaysia"),
    ("MZ", "Mozambique"),
    ("NA", "Namibia"),
    ("NC", "New Caledonia"),
    ("NE", "Niger"),
    ("NF", "Norfolk Island"),
    ("NG", "Nigeria"),
    ("NI", "Nicaragua"),
    ("NL", "Netherlands"),
    ("NO", "Norway"),
    ("NP", "Nepal"),
    ("NR", "Nauru"),
    ("NU", "Niue"),
    ("NZ", "New Zealand"),
    ("OM", "Oman"),
    ("PA", "Panama"),
    ("PE", "Peru"),
    ("PF", "French Polynesia"),
    ("PG", "Papua New Guinea"),
    ("PH", "Philippines"),
    ("PK", "Pakistan"),
    ("PL", "Poland"),
    ("PM", "Saint Pierre and Miquelon"),
    ("PN", "Pitcairn Islands"),
    ("PR", "Puerto Rico"),
    ("PS", "Palestine"),
    ("PT", "Portugal"),
    ("PW", "Palau"),
    ("PY", "Paraguay"),
    ("QA", "Qatar"),
    ("RE", "Réunion"),
    ("RO", "Romania"),
    ("RS", "Serbia"),
    ("RU", "Russia"),
    ("RW", "Rwanda"),
    ("SA", "Saudi Arabia"),
    ("SB", "Solomon Islands"),
    ("SC", "Seychelles"),
    ("SD", "Sudan"),
    ("SE", "Sweden"),
    ("SG", "Singapore"),
    ("SH", "Saint Helena"),
    ("SI", "Slovenia"),
    ("SJ", "Svalbard and Jan Mayen"),
    ("SK", "Slovakia"),
    ("SL", "Sierra Leone"),
    ("SM", "San Marino"),
    ("SN", "Senegal"),
    ("SO", "Somalia"),
    ("SR", "Suriname"),
    ("SS", "South Sudan"),
    ("ST", "São Tomé and Príncipe"),
    ("SV", "El Salvador"),
    ("SX", "Sint Maarten"),
    ("SY", "Syria"),
    ("SZ", "Eswatini"),
    ("TC", "Turks and Caicos Islands"),
    ("TD", "Chad"),
    ("TF", "French Southern Territories"),
    ("TG", "Togo"),
    ("TH", "Thailand"),
    ("TJ", "Tajikistan"),
    ("TK", "Tokelau"),
    ("TL", "Timor-Leste"),
    ("TM", "Turkmenistan"),
    ("TN", "Tunisia"),
    ("TO", "Tonga"),
    ("TR", "Türkiye"),
    ("TT", "Trinidad and Tobago"),
    ("TV", "Tuvalu"),
    ("TW", "Taiwan"),
    ("TZ", "Tanzania"),
    ("UA", "Ukraine"),
    ("UG", "Uganda"),
    ("UM", "U.S. Minor Outlying Islands"),
    ("US", "United States"),
    ("UY", "Uruguay"),
    ("UZ", "Uzbekistan"),
    ("VA", "Vatican City"),
    ("VC", "Saint Vincent and the Grenadines"),
    ("VE", "Venezuela"),
    ("VG", "British Virgin Islands"),
    ("VI", "U.S. Virgin Islands"),
    ("VN", "Vietnam"),
    ("VU", "Vanuatu"),
    ("WF", "Wallis and Futuna"),
    ("WS", "Samoa"),
    ("XK", "Kosovo"),
    ("YE", "Yemen"),
    ("YT", "Mayotte"),
    ("ZA", "South Africa"),
    ("ZM", "Zambia"),
    ("ZW", "Zimbabwe"),
];

/// Places in a table indexed by two-capital code ([`code_slot`]).
pub const CODE_SLOTS: usize = 26 * 26;

/// The place of a two-capital code (`AA` 0, `AB` 1, ..., `ZZ` 675) in a table of
/// [`CODE_SLOTS`], which looks codes up with no hashing; `None` for anything else (which
/// validation reports).
pub fn code_slot(code: &str) -> Option<usize> {
    match *code.as_bytes() {
        [a @ b'A'..=b'Z', b @ b'A'..=b'Z'] => {
            Some(usize::from(a - b'A') * 26 + usize::from(b - b'A'))
        }
        _ => None,
    }
}

/// The code at `slot`, as [`code_slot`] numbers them.
pub fn slot_code(slot: usize) -> String {
    let letter = |n: usize| char::from(b'A' + (n % 26) as u8);
    [letter(slot / 26 % 26), letter(slot)].iter().collect()
}

/// The country's short English name, for an ISO 3166-1 alpha-2 code (case-sensitive: codes
/// are written upper-case in the data).
pub fn name(code: &str) -> Option<&'static str> {
    COUNTRIES
        .binary_search_by(|(c, _)| (*c).cmp(code))
        .ok()
        .map(|i| COUNTRIES[i].1)
}

/// The code for a country's short English name, as [`name`] gives it. Case-insensitive,
/// but otherwise exact: `"germany"` finds `DE`, `"Germ"` finds nothing.
pub fn code_for_name(name: &str) -> Option<&'static str> {
    let wanted = name.to_lowercase();
    COUNTRIES
        .iter()
        .find(|(_, n)| n.to_lowercase() == wanted)
        .map(|(c, _)| *c)
}

/// The code a person means by `typed`, when it means exactly one country: see [`lookup`].
pub fn parse(typed: &str) -> Option<&'static str> {
    lookup(typed).found()
}

/// The names of every country, from `country_names.tsv` and [`COUNTRIES`].
static NAMES: &str = include_str!("country_names.tsv");

struct Known {
    /// Every country as a lookup candidate: all its names, normalized.
    candidates: Vec<Candidate<&'static str>>,
    /// By country, the names a word of which may be what a person typed (`korea` in
    /// "South Korea"): the shown name and CLDR's, not the long official ones, whose words
    /// ("Northern Ireland" in the United Kingdom's) would make every lookup ask.
    main_names: Vec<Vec<String>>,
}

fn known() -> &'static Known {
    static KNOWN: OnceLock<Known> = OnceLock::new();
    KNOWN.get_or_init(|| {
        let mut candidates: Vec<Candidate<&'static str>> = COUNTRIES
            .iter()
            .map(|(code, name)| Candidate {
                item: *code,
                names: lookup::spellings(name),
                notability: 0,
            })
            .collect();
        let mut main_names: Vec<Vec<String>> = candidates.iter().map(|c| c.names.clone()).collect();
        for line in NAMES.lines().filter(|l| !l.starts_with('#')) {
            let mut cols = line.split('\t');
            let (Some(code), Some(kind), Some(name)) = (cols.next(), cols.next(), cols.next())
            else {
                continue;
            };
            let Ok(i) = COUNTRIES.binary_search_by(|(c, _)| (*c).cmp(code)) else {
                continue;
            };
            for n in lookup::spellings(name) {
                if kind == "cldr" && !main_names[i].contains(&n) {
                    main_names[i].push(n.clone());
                }
                if !candidates[i].names.contains(&n) {
                    candidates[i].names.push(n);
                }
            }
        }
        Known {
            candidates,
            main_names,
        }
    })
}

/// The country a person means by `typed`: an ISO code in any case (`de`, `DEU`), or any of
/// its usual names in any case and with or without accents (`germany`, `Deutschland`,
/// `UK`, `Great Britain`, `usa`, `turkey`, `türkiye`, `czech republic`, `holland`).
///
/// It asks rather than guesses: a name that is a word of other countries' names as well
/// as a country of its own (`guinea`: Guinea, Equatorial Guinea, Guinea-Bissau, Papua New
/// Guinea; `sudan`), or only of several (`korea`, `congo`), is [`Lookup::Ambiguous`]. An
/// unknown one gets the nearest few names as suggestions.
pub fn lookup(typed: &str) -> Lookup<&'static str> {
    let t = typed.trim();
    if t.len() == 2 && t.is_ascii() {
        let upper = t.to_ascii_uppercase();
        if let Ok(i) = COUNTRIES.binary_search_by(|(c, _)| (*c).cmp(upper.as_str())) {
            return Lookup::Found(COUNTRIES[i].0);
        }
    }
    let query = lookup::normalize(t);
    let known = known();
    let found = lookup::lookup(&query, &known.candidates);
    let within: Vec<&'static str> = known
        .main_names
        .iter()
        .enumerate()
        .filter(|(_, names)| names.iter().any(|n| lookup::contains_words(n, &query)))
        .map(|(i, _)| COUNTRIES[i].0)
        .collect();
    match found {
        Lookup::Found(code) => {
            let others: Vec<&'static str> = within.into_iter().filter(|c| *c != code).collect();
            if others.is_empty() {
                Lookup::Found(code)
            } else {
                Lookup::Ambiguous(std::iter::once(code).chain(others).collect())
            }
        }
        Lookup::Ambiguous(codes) => Lookup::Ambiguous(codes),
        Lookup::Unknown(near) => match within.len() {
            0 => Lookup::Unknown(near.into_iter().take(5).collect()),
            1 => Lookup::Unknown(within),
            _ => Lookup::Ambiguous(within),
        },
    }
}

/// Countries as a person reads them in a message: `KR South Korea, KP North Korea`.
pub fn listed(codes: &[&str]) -> String {
    codes
        .iter()
        .map(|c| format!("{c} {}", name(c).unwrap_or("")))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What is wrong with a country name that [`lookup`] did not find, in one line:
/// `“korea” could be KP North Korea, KR South Korea; use the code` or `no country “xyz”`
/// with the nearest names. `shown` is the name as typed, quoted (and escaped) as the
/// message's reader needs it.
pub fn not_found(shown: &str, found: &Lookup<&'static str>) -> Option<String> {
    match found {
        Lookup::Found(_) => None,
        Lookup::Ambiguous(codes) => {
            Some(format!("{shown} could be {}; use the code", listed(codes)))
        }
        Lookup::Unknown(near) if near.is_empty() => Some(format!(
            "no country {shown}; use an ISO code like DE or a name like Germany"
        )),
        Lookup::Unknown(near) => Some(format!(
            "no country {shown}; did you mean {}?",
            listed(near)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_two_capital_code_has_its_own_slot() {
        let mut seen = vec![false; CODE_SLOTS];
        for a in 'A'..='Z' {
            for b in 'A'..='Z' {
                let code = format!("{a}{b}");
                let slot = code_slot(&code).expect("a slot");
                assert!(!seen[slot], "{code}");
                seen[slot] = true;
                assert_eq!(slot_code(slot), code);
            }
        }
        for odd in ["", "D", "de", "DEU", "D1", "ÄB"] {
            assert_eq!(code_slot(odd), None, "{odd:?}");
        }
    }

    #[test]
    fn parse_takes_codes_and_names() {
        assert_eq!(parse("de"), Some("DE"));
        assert_eq!(parse(" Germany "), Some("DE"));
        assert_eq!(parse("united kingdom"), Some("GB"));
        assert_eq!(parse(""), None);
    }

    #[test]
    fn usual_names_and_codes_resolve() {
        for (typed, code) in [
            ("UK", "GB"),
            ("uk", "GB"),
            ("Great Britain", "GB"),
            ("united kingdom", "GB"),
            ("USA", "US"),
            ("US", "US"),
            ("united states", "US"),
            ("United States of America", "US"),
            ("turkey", "TR"),
            ("Türkiye", "TR"),
            ("turkiye", "TR"),
            ("czech republic", "CZ"),
            ("Czechia", "CZ"),
            ("holland", "NL"),
            ("ivory coast", "CI"),
            ("cote d'ivoire", "CI"),
            ("Russia", "RU"),
            ("south korea", "KR"),
            ("Deutschland", "DE"),
            ("DEU", "DE"),
            ("Suisse", "CH"),
            ("niger", "NE"),
            ("Bosnia & Herzegovina", "BA"),
        ] {
            assert_eq!(lookup(typed), Lookup::Found(code), "{typed}");
        }
    }

    #[test]
    fn names_shared_by_several_countries_ask() {
        let ambiguous = |typed: &str| match lookup(typed) {
            Lookup::Ambiguous(codes) => codes,
            other => panic!("{typed}: {other:?}"),
        };
        assert_eq!(ambiguous("korea"), ["KP", "KR"]);
        // ISO's short name for CG is "Congo", and DR Congo has the word too.
        assert_eq!(ambiguous("Congo"), ["CG", "CD"]);
        let guinea = ambiguous("guinea");
        assert_eq!(guinea[0], "GN");
        for code in ["GQ", "GW", "PG"] {
            assert!(guinea.contains(&code), "{guinea:?}");
        }
        assert!(ambiguous("sudan").contains(&"SS"));
        // The UK's official name holds "Northern Ireland": Ireland is still Ireland.
        assert_eq!(lookup("ireland"), Lookup::Found("IE"));
    }

    #[test]
    fn unknown_names_get_a_few_near_ones() {
        let Lookup::Unknown(near) = lookup("germnay") else {
            panic!("a typo is no answer");
        };
        assert_eq!(near[0], "DE");
        assert!(near.len() <= 5);
        let message = not_found("“germnay”", &lookup("germnay")).expect("a message");
        assert!(message.contains("DE Germany"), "{message}");
        assert!(message.len() < 200, "{message}");
        assert_eq!(lookup("zzqx"), Lookup::Unknown(Vec::new()));
    }

    #[test]
    fn every_listed_name_finds_its_country_or_asks() {
        // A name of the table never finds another country.
        for line in NAMES.lines().filter(|l| !l.starts_with('#')) {
            let cols: Vec<&str> = line.split('\t').collect();
            let (code, name) = (cols[0], cols[2]);
            match lookup(name) {
                Lookup::Found(c) => assert_eq!(c, code, "{name}"),
                Lookup::Ambiguous(codes) => assert!(codes.contains(&code), "{name}: {codes:?}"),
                Lookup::Unknown(_) => panic!("{name} ({code}) finds nothing"),
            }
        }
    }

    #[test]
    fn table_is_sorted_without_duplicates_and_complete() {
        assert_eq!(COUNTRIES.len(), COUNT);
        for pair in COUNTRIES.windows(2) {
            assert!(
                pair[0].0 < pair[1].0,
                "{} must sort strictly before {}",
                pair[0].0,
                pair[1].0
            );
        }
        for (code, name) in COUNTRIES {
            assert!(
                code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase()),
                "bad code {code}"
            );
            assert!(!name.trim().is_empty(), "{code} has no name");
        }
    }

    #[test]
    fn names_are_the_ones_people_use() {
        assert_eq!(name("DE"), Some("Germany"));
        assert_eq!(name("GB"), Some("United Kingdom"));
        assert_eq!(name("CZ"), Some("Czechia"));
        assert_eq!(name("TR"), Some("Türkiye"));
        assert_eq!(name("BA"), Some("Bosnia and Herzegovina"));
        assert_eq!(name("MK"), Some("North Macedonia"));
        assert_eq!(name("KR"), Some("South Korea"));
        assert_eq!(name("US"), Some("United States"));
        assert_eq!(name("HK"), Some("Hong Kong"));
        assert_eq!(name("MO"), Some("Macao"));
        assert_eq!(name("XK"), Some("Kosovo"));
        assert_eq!(name("AD"), Some("Andorra"));
        assert_eq!(name("ZW"), Some("Zimbabwe"));
        assert_eq!(name("de"), None);
        assert_eq!(name("UK"), None);
        assert_eq!(name(""), None);
    }

    #[test]
    fn codes_are_found_by_name_ignoring_case() {
        assert_eq!(code_for_name("Germany"), Some("DE"));
        assert_eq!(code_for_name("germany"), Some("DE"));
        assert_eq!(code_for_name("UNITED KINGDOM"), Some("GB"));
        assert_eq!(code_for_name("türkiye"), Some("TR"));
        assert_eq!(code_for_name("TÜRKIYE"), Some("TR"));
        assert_eq!(code_for_name("Kosovo"), Some("XK"));
        assert_eq!(code_for_name("Germ"), None);
        assert_eq!(code_for_name("Deutschland"), None);
        assert_eq!(code_for_name(""), None);
        for (code, name) in COUNTRIES {
            assert_eq!(code_for_name(name), Some(*code), "{name}");
        }
    }
}
