//! Synthetic rosters, for measuring citynet at the size of the largest networks (UCLG
//! speaks for 250,000 local governments) and for testing that such a file loads cleanly.
//!
//! The generator is deterministic: the same `n` and `seed` give the same dataset on every
//! machine. Names are made-up but look like real place names of their country, accents
//! and special letters included (`Wólka Dąbrowska`, `Saint-Étienne-sur-Loire`, `Çamköy`),
//! so that accent folding and fuzzy matching do the work they do on real data. Every
//! member lies inside its country (by the same boundary data validation uses), within
//! about 20 km of a real city centre, so the dataset validates with no problems. None of
//! it describes real members of any network.
//!
//! `cargo run --release --example generate -- 250000 > big.ron` writes such a file.

use std::collections::HashSet;
use std::fmt::Write as _;

use citynet_core::data::{
    Completeness, Dataset, Member, MemberKind, Network, Roster, Scope, Source, Theme, Tier, geo,
};

/// The seed the benchmarks, the scale test and the example use unless told otherwise.
pub const DEFAULT_SEED: u64 = 2025;

/// SplitMix64: tiny, fast and identical everywhere, which is all a generator of test data
/// needs (no dependency, no platform-specific streams).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (((self.next() >> 32) * n as u64) >> 32) as usize
    }

    /// Uniform in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// True with probability `p`.
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// How place names are made in one language: `[prefix] Root+suffix [qualifier]`.
struct Style {
    /// Whole words in front, with their space or hyphen: `"Bad "`, `"Saint-"`.
    prefixes: &'static [&'static str],
    /// Capitalised stems.
    roots: &'static [&'static str],
    /// Endings glued to the stem: `"berg"`, `"ów"`.
    suffixes: &'static [&'static str],
    /// What tells two places of the same name apart: `" am Main"`, `" Wielkopolski"`.
    qualifiers: &'static [&'static str],
    /// How the local government calls itself, for an `aka`: `"Gemeinde {}"`.
    authority: &'static str,
}

const GERMAN: Style = Style {
    prefixes: &[
        "", "", "", "Bad ", "Sankt ", "Groß ", "Klein ", "Neu-", "Alt-",
    ],
    roots: &[
        "Linden",
        "Eichen",
        "Rosen",
        "Mühl",
        "Wald",
        "Stein",
        "Brunn",
        "Hohen",
        "Fürsten",
        "Kirch",
        "Königs",
        "Schön",
        "Mark",
        "Ried",
        "Tann",
        "Weiß",
        "Schwarz",
        "Grün",
        "Lauter",
        "Wiesen",
        "Hasel",
        "Buch",
        "Birken",
        "Sonnen",
        "Reichen",
        "Ebers",
        "Frei",
        "Ber",
        "Bern",
        "Lüne",
        "Düren",
        "Würz",
        "Straß",
        "Tüb",
        "Bär",
        "Öhr",
        "Gräfen",
        "Lands",
        "Mühlhaus",
        "Hild",
    ],
    suffixes: &[
        "berg", "burg", "dorf", "hausen", "heim", "feld", "bach", "au", "stadt", "ingen", "felde",
        "hagen", "rode", "hof", "bruck", "kirchen", "weiler", "thal", "see", "münde", "lingen",
        "büttel", "städt",
    ],
    qualifiers: &[
        " am Main",
        " an der Elbe",
        " an der Donau",
        " im Allgäu",
        " in Holstein",
        " (Oder)",
        " bei München",
        " am See",
        " im Schwarzwald",
        " an der Weinstraße",
        " in der Oberpfalz",
        " (Westf.)",
        " (Saale)",
        " am Rhein",
    ],
    authority: "Gemeinde {}",
};

const POLISH: Style = Style {
    prefixes: &["", "", "", "Nowa ", "Stara ", "Wólka ", "Górna ", "Dolna "],
    roots: &[
        "Brzez", "Dąbr", "Łęcz", "Zielon", "Biał", "Sokoł", "Kamień", "Grab", "Lip", "Wierzb",
        "Jabłon", "Bor", "Ostr", "Świe", "Żyr", "Końsk", "Kęp", "Gniezn", "Łom", "Bełch", "Mił",
        "Przem", "Rzesz", "Chełm", "Bielsk",
    ],
    suffixes: &[
        "ów", "owo", "ice", "ino", "no", "ka", "iec", "ówka", "ica", "sko", "in", "owa", "any",
        "ęcin", "iszki",
    ],
    qualifiers: &[
        " Wielkopolski",
        " Mazowiecki",
        " Śląski",
        " Górny",
        " Dolny",
        " Kujawski",
        " Podlaski",
        " Lubelski",
        " nad Wisłą",
        " Pomorski",
    ],
    authority: "Gmina {}",
};

const FRENCH: Style = Style {
    prefixes: &["", "", "Saint-", "Sainte-", "La ", "Le ", "Les "],
    roots: &[
        "Mont", "Beau", "Château", "Ville", "Bourg", "Fontaine", "Roche", "Champ", "Val", "Cler",
        "Mar", "Bel", "Vern", "Aube", "Mé", "Bré", "Étien", "Noé", "Lé", "Ber", "Gré", "Chaum",
        "Besan", "Pé",
    ],
    suffixes: &[
        "ville", "court", "mont", "lieu", "ière", "ac", "ay", "eux", "é", "ès", "ois", "erre",
        "ange", "igny", "euil",
    ],
    qualifiers: &[
        "-sur-Loire",
        "-sur-Mer",
        "-les-Bains",
        "-en-Provence",
        "-sur-Saône",
        "-le-Château",
        "-d'Armagnac",
        "-en-Bresse",
        "-sous-Bois",
        "-la-Forêt",
    ],
    authority: "Commune de {}",
};

const SPANISH: Style = Style {
    prefixes: &["", "", "", "San ", "Santa ", "Villa", "El ", "La "],
    roots: &[
        "Alcal", "Bena", "Carmo", "Almod", "Peña", "Torre", "Cañ", "Mor", "Ber", "Guad", "Albu",
        "Már", "Jé", "Ávi", "Cór", "Logro", "Ourén", "Lucé", "Bur", "Seg",
    ],
    suffixes: &[
        "ón", "ena", "ar", "illa", "ejo", "era", "ares", "uela", "iel", "ado", "ida", "ez",
    ],
    qualifiers: &[
        " de la Sierra",
        " del Río",
        " de Campos",
        " de los Caballeros",
        " del Monte",
        " de Abajo",
        " de Arriba",
        " la Real",
        " de Henares",
        " del Páramo",
    ],
    authority: "Municipio de {}",
};

const PORTUGUESE: Style = Style {
    prefixes: &["", "", "", "São ", "Santa ", "Vila ", "Nova "],
    roots: &[
        "Conceiç", "Guimar", "Bragan", "Taubat", "Ribeir", "Joinv", "Itaj", "Maring", "Uberl",
        "Araç", "Piraci", "Sorocab", "Ber", "Belém", "Caxi",
    ],
    suffixes: &[
        "ão", "ães", "ança", "inha", "ópolis", "ândia", "ato", "aba", "ema", "ira",
    ],
    qualifiers: &[
        " do Sul",
        " do Norte",
        " da Serra",
        " do Campo",
        " das Missões",
        " de Minas",
        " do Oeste",
        " da Barra",
    ],
    authority: "Município de {}",
};

const ITALIAN: Style = Style {
    prefixes: &["", "", "", "San ", "Santa ", "Castel", "Borgo ", "Monte"],
    roots: &[
        "Bel", "Ber", "Fior", "Ros", "Vall", "Pont", "Piev", "Cer", "Gall", "Lucc", "Mod", "Ravel",
        "Sorr", "Forl", "Cesen",
    ],
    suffixes: &[
        "ano", "ino", "ello", "ate", "ona", "ara", "ia", "etto", "ì", "à",
    ],
    qualifiers: &[
        " sul Naviglio",
        " di Sopra",
        " di Sotto",
        " Marittima",
        " al Monte",
        " in Chianti",
        " d'Adda",
        " Terme",
    ],
    authority: "Comune di {}",
};

const CZECH: Style = Style {
    prefixes: &["", "", "", "Nové ", "Staré ", "Horní ", "Dolní "],
    roots: &[
        "Měst", "Hrad", "Kostel", "Lhot", "Březn", "Dub", "Třeb", "Úst", "Čern", "Rychn", "Žďár",
        "Jihl", "Chrud", "Beroun", "Příbr",
    ],
    suffixes: &[
        "ice", "ov", "ín", "any", "ec", "ná", "ky", "ava", "čany", "ětín",
    ],
    qualifiers: &[
        " nad Labem",
        " nad Vltavou",
        " u Brna",
        " pod Sněžkou",
        " nad Sázavou",
        " na Moravě",
    ],
    authority: "Obec {}",
};

const TURKISH: Style = Style {
    prefixes: &["", "", "", "Yeni", "Eski", "Büyük", "Küçük"],
    roots: &[
        "Kara", "Ak", "Çam", "Göl", "Köprü", "Kız", "Bağ", "Dere", "Ilı", "İnce", "Şeker", "Sarı",
        "Yıldız", "Bey", "Ber", "Gök", "Değir", "Çınar",
    ],
    suffixes: &[
        "köy", "lı", "ova", "pınar", "tepe", "dere", "hisar", "kent", "çay", "su", "ören", "yurt",
        "ağaç", "şehir",
    ],
    qualifiers: &[" Merkez", " Yaylası", " Kasabası", " Ovası"],
    authority: "{} Belediyesi",
};

const SWEDISH: Style = Style {
    prefixes: &[
        "", "", "", "Norr", "Söder", "Väster", "Öster", "Stor", "Lill",
    ],
    roots: &[
        "Sjö", "Berg", "Holm", "Ek", "Björk", "Lund", "Hag", "Gran", "Mal", "Öre", "Ång", "Häll",
        "Vär", "Ber",
    ],
    suffixes: &[
        "sjö", "by", "å", "köping", "torp", "vik", "hamn", "näs", "ström", "ås", "mark", "fors",
    ],
    qualifiers: &[" kyrkby", " bruk", " strand", " hamn"],
    authority: "{} kommun",
};

const HUNGARIAN: Style = Style {
    prefixes: &["", "", "", "Kis", "Nagy", "Felső", "Alsó"],
    roots: &[
        "Fehér", "Tisza", "Duna", "Szent", "Bala", "Kecs", "Győr", "Sár", "Hód", "Ber", "Mező",
        "Vár", "Eger", "Pécs",
    ],
    suffixes: &[
        "vár",
        "háza",
        "falva",
        "egyháza",
        "szállás",
        "hely",
        "földvár",
        "keszi",
        "ő",
        "úr",
    ],
    qualifiers: &[" (Pest)", " (Bács)", " (Heves)", " (Zala)"],
    authority: "{} község",
};

const ROMANIAN: Style = Style {
    prefixes: &[
        "",
        "",
        "",
        "Baia ",
        "Râmnicu ",
        "Piatra ",
        "Târgu ",
        "Satu ",
    ],
    roots: &[
        "Bistr", "Făgăr", "Sigh", "Mediaș", "Turd", "Brăil", "Pitești", "Buz", "Berc", "Oraș",
        "Câmp", "Vâlc",
    ],
    suffixes: &["ești", "eni", "ița", "ani", "ău", "ova", "ina", "oara"],
    qualifiers: &[" Mare", " Nouă", " Vechi", " de Sus", " de Jos"],
    authority: "Comuna {}",
};

const VIETNAMESE: Style = Style {
    prefixes: &["", "", "Thị xã "],
    roots: &[
        "Bắc", "Hải", "Phú", "Thạch", "Đông", "Tân", "Quảng", "Bình", "Hòa", "Long", "Vĩnh",
        "Hưng", "Biên",
    ],
    suffixes: &[
        " Hà",
        " Yên",
        " Thành",
        " Sơn",
        " Lợi",
        " An",
        " Phước",
        " Điền",
        " Mỹ",
        " Ninh",
    ],
    qualifiers: &[" Bắc", " Nam", " Đông", " Tây", " Thượng", " Hạ"],
    authority: "Xã {}",
};

const ENGLISH: Style = Style {
    prefixes: &[
        "", "", "", "North ", "South ", "East ", "West ", "New ", "Fort ",
    ],
    roots: &[
        "Ash", "Bel", "Ber", "Brook", "Cedar", "Clear", "Elm", "Fair", "Glen", "Green", "Lake",
        "Maple", "Oak", "Pine", "River", "Spring", "Stone", "Wood", "Kings", "Mill",
    ],
    suffixes: &[
        "ton", "ville", "field", "wood", "dale", "port", "burg", "ford", "mont", "view", "land",
        "ridge", "haven",
    ],
    qualifiers: &[
        " Heights",
        " Falls",
        " Junction",
        " Springs",
        " Township",
        " Village",
    ],
    authority: "City of {}",
};

const GREEK: Style = Style {
    prefixes: &["", "", "", "Nea ", "Ano ", "Kato ", "Agios "],
    roots: &[
        "Kali", "Ther", "Mes", "Pal", "Kastr", "Mel", "Lef", "Ber", "Agr", "Xyl", "Dim",
    ],
    suffixes: &["ada", "io", "itsa", "os", "oupoli", "i", "ia", "ochori"],
    qualifiers: &[" Attikis", " Thessalias", " Makedonias", " Kritis"],
    authority: "Dimos {}",
};

/// A country of the generated roster: where its places cluster (real city centres, all
/// well inside the country), how its names are made, and how often it is drawn.
struct Country {
    code: &'static str,
    style: &'static Style,
    weight: usize,
    anchors: &'static [(f64, f64)],
}

const COUNTRIES: &[Country] = &[
    Country {
        code: "DE",
        style: &GERMAN,
        weight: 14,
        anchors: &[
            (52.52, 13.40),
            (48.14, 11.58),
            (53.55, 10.00),
            (50.94, 6.96),
            (51.34, 12.37),
            (48.78, 9.18),
            (52.37, 9.74),
            (49.45, 11.08),
            (50.98, 11.03),
            (51.31, 9.49),
        ],
    },
    Country {
        code: "AT",
        style: &GERMAN,
        weight: 3,
        anchors: &[
            (48.21, 16.37),
            (47.07, 15.44),
            (48.31, 14.29),
            (47.27, 11.40),
        ],
    },
    Country {
        code: "CH",
        style: &GERMAN,
        weight: 2,
        anchors: &[(47.38, 8.54), (46.95, 7.45), (47.05, 8.31)],
    },
    Country {
        code: "FR",
        style: &FRENCH,
        weight: 14,
        anchors: &[
            (48.86, 2.35),
            (45.76, 4.84),
            (43.60, 1.44),
            (44.84, -0.58),
            (50.63, 3.06),
            (47.22, -1.55),
            (47.32, 5.04),
            (45.83, 1.26),
            (45.78, 3.08),
            (47.90, 1.90),
        ],
    },
    Country {
        code: "BE",
        style: &FRENCH,
        weight: 2,
        anchors: &[(50.85, 4.35), (50.63, 5.57), (50.47, 4.87)],
    },
    Country {
        code: "ES",
        style: &SPANISH,
        weight: 8,
        anchors: &[
            (40.42, -3.70),
            (37.39, -5.98),
            (41.65, -0.88),
            (41.65, -4.72),
            (37.88, -4.78),
            (38.99, -1.86),
        ],
    },
    Country {
        code: "MX",
        style: &SPANISH,
        weight: 6,
        anchors: &[
            (19.43, -99.13),
            (20.67, -103.35),
            (25.69, -100.32),
            (19.04, -98.21),
            (28.63, -106.07),
        ],
    },
    Country {
        code: "PT",
        style: &PORTUGUESE,
        weight: 3,
        anchors: &[
            (38.72, -9.14),
            (41.15, -8.61),
            (40.21, -8.43),
            (38.57, -7.91),
        ],
    },
    Country {
        code: "BR",
        style: &PORTUGUESE,
        weight: 8,
        anchors: &[
            (-23.55, -46.63),
            (-15.79, -47.88),
            (-19.92, -43.94),
            (-16.68, -49.25),
            (-3.12, -60.02),
            (-25.43, -49.27),
        ],
    },
    Country {
        code: "IT",
        style: &ITALIAN,
        weight: 8,
        anchors: &[
            (41.90, 12.50),
            (45.46, 9.19),
            (43.77, 11.26),
            (44.49, 11.34),
            (43.11, 12.39),
            (45.07, 7.69),
        ],
    },
    Country {
        code: "PL",
        style: &POLISH,
        weight: 8,
        anchors: &[
            (52.23, 21.01),
            (50.06, 19.94),
            (51.76, 19.46),
            (52.41, 16.93),
            (51.11, 17.03),
            (51.25, 22.57),
        ],
    },
    Country {
        code: "CZ",
        style: &CZECH,
        weight: 4,
        anchors: &[
            (50.08, 14.44),
            (49.20, 16.61),
            (49.75, 13.38),
            (49.59, 17.25),
        ],
    },
    Country {
        code: "TR",
        style: &TURKISH,
        weight: 6,
        anchors: &[
            (39.93, 32.86),
            (37.87, 32.48),
            (38.73, 35.49),
            (39.90, 41.27),
            (38.42, 27.14),
        ],
    },
    Country {
        code: "SE",
        style: &SWEDISH,
        weight: 3,
        anchors: &[
            (59.33, 18.07),
            (57.71, 11.97),
            (59.27, 15.21),
            (63.83, 20.26),
        ],
    },
    Country {
        code: "HU",
        style: &HUNGARIAN,
        weight: 3,
        anchors: &[
            (47.50, 19.04),
            (47.53, 21.63),
            (46.25, 20.15),
            (46.07, 18.23),
        ],
    },
    Country {
        code: "RO",
        style: &ROMANIAN,
        weight: 4,
        anchors: &[
            (44.43, 26.10),
            (46.77, 23.60),
            (47.16, 27.59),
            (45.75, 21.23),
            (45.66, 25.61),
        ],
    },
    Country {
        code: "VN",
        style: &VIETNAMESE,
        weight: 4,
        anchors: &[(21.03, 105.85), (10.82, 106.63), (16.46, 107.59)],
    },
    Country {
        code: "US",
        style: &ENGLISH,
        weight: 8,
        anchors: &[
            (39.74, -104.99),
            (41.88, -87.63),
            (39.10, -94.58),
            (32.78, -96.80),
            (33.75, -84.39),
            (36.16, -86.78),
        ],
    },
    Country {
        code: "GR",
        style: &GREEK,
        weight: 2,
        anchors: &[(37.98, 23.73), (40.64, 22.94), (39.64, 22.42)],
    },
];

/// The roster's tiers, and how often each is drawn.
const TIERS: &[(&str, &str, &str, usize)] = &[
    ("full", "Full member", "Full", 55),
    ("associate", "Associate member", "Associate", 25),
    ("partner", "Partner", "Partner", 15),
    ("observer", "Observer", "Observer", 5),
];

/// How far (degrees) a member may sit from its anchor city: about 20 km.
const SPREAD: f64 = 0.2;

fn weighted<T>(rng: &mut Rng, items: &[T], weight: impl Fn(&T) -> usize) -> usize {
    let total: usize = items.iter().map(&weight).sum();
    let mut x = rng.below(total);
    for (i, item) in items.iter().enumerate() {
        let w = weight(item);
        if x < w {
            return i;
        }
        x -= w;
    }
    items.len() - 1
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// A point near one of the country's anchor cities, inside the country (a few draws near
/// a coast may land in the sea: those are drawn again, and the anchor itself is the last
/// resort).
fn place(rng: &mut Rng, country: &Country) -> (f64, f64) {
    let (lat, lon) = country.anchors[rng.below(country.anchors.len())];
    for _ in 0..8 {
        let p = (
            round2(lat + (rng.unit() * 2.0 - 1.0) * SPREAD),
            round2(lon + (rng.unit() * 2.0 - 1.0) * SPREAD),
        );
        if geo::inside(country.code, p.0, p.1) {
            return p;
        }
    }
    (lat, lon)
}

/// A place name of `style`, unique (ignoring case) within `taken`.
fn place_name(rng: &mut Rng, style: &Style, taken: &mut HashSet<String>) -> String {
    let prefix = rng.pick(style.prefixes);
    let root = rng.pick(style.roots);
    // Compounds of two stems (`Lindensteinbach`, `Montbeauville`) give the variety of a
    // real country's thousands of place names.
    let second = if rng.chance(0.5) {
        rng.pick(style.roots)
    } else {
        ""
    };
    let suffix = rng.pick(style.suffixes);
    let mut name = String::with_capacity(prefix.len() + root.len() + second.len() + suffix.len());
    name.push_str(prefix);
    let glued = |name: &mut String, stem: &str| {
        // A stem glued on (`Neu`, `Castel`, `Öster`) makes one word: `Castelpievara`.
        let mut chars = stem.chars();
        name.extend(chars.next().into_iter().flat_map(char::to_lowercase));
        name.push_str(chars.as_str());
    };
    if prefix.is_empty() || prefix.ends_with([' ', '-']) {
        name.push_str(root);
    } else {
        glued(&mut name, root);
    }
    if !second.is_empty() && second != root {
        glued(&mut name, second);
    }
    name.push_str(suffix);
    // Real places that share a name are told apart by a qualifier; a few are numbered
    // districts. Draw qualifiers until the name is free, then number it.
    let base = name.clone();
    let mut tries = 0;
    while taken.contains(&name.to_lowercase()) {
        name = if tries < 4 {
            format!("{base}{}", rng.pick(style.qualifiers))
        } else {
            format!("{base}{} {}", rng.pick(style.qualifiers), roman(tries - 2))
        };
        tries += 1;
    }
    taken.insert(name.to_lowercase());
    name
}

fn roman(mut n: usize) -> String {
    const DIGITS: &[(usize, &str)] = &[
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for &(value, digits) in DIGITS {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

/// A roster of `n` generated members.
pub fn roster(n: usize, seed: u64) -> Roster {
    let mut rng = Rng(seed);
    // Names are unique per country, like the validator asks.
    let mut taken: Vec<HashSet<String>> = COUNTRIES.iter().map(|_| HashSet::new()).collect();
    let members = (0..n)
        .map(|_| {
            let c = weighted(&mut rng, COUNTRIES, |c| c.weight);
            let country = &COUNTRIES[c];
            let name = place_name(&mut rng, country.style, &mut taken[c]);
            let (lat, lon) = place(&mut rng, country);
            let tier = TIERS[weighted(&mut rng, TIERS, |t| t.3)].0;
            let kind = match rng.below(100) {
                0..=84 => MemberKind::City,
                85..=89 => MemberKind::Community,
                90..=94 => MemberKind::District,
                95..=97 => MemberKind::Region,
                _ => MemberKind::Metropolitan,
            };
            let aka = if rng.chance(0.15) {
                vec![country.style.authority.replace("{}", &name).into()]
            } else {
                Vec::new()
            };
            // Log-uniform from 300 to 3 million people, where "the source states it".
            let population = rng
                .chance(0.8)
                .then(|| (300f64 * 10f64.powf(rng.unit() * 4.0)).round() as u64);
            let since = rng.chance(0.3).then(|| 1990 + rng.below(36) as u16);
            Member {
                name: name.into(),
                country: country.code.into(),
                tier: tier.into(),
                lat,
                lon,
                aka,
                kind,
                population,
                since,
                joined: None,
                id: None,
                placeholder: false,
                geonames: None,
                main_city: None,
            }
        })
        .collect();
    Roster {
        sources: vec!["citynet-generator".into()],
        columns: None,
        as_of: "2025".into(),
        completeness: Completeness::Complete,
        tiers: TIERS
            .iter()
            .map(|(id, label, short, _)| Tier {
                id: (*id).into(),
                label: (*label).into(),
                short: (*short).into(),
                description: None,
            })
            .collect(),
        population_note: None,
        members,
    }
}

/// A whole dataset holding one network with a generated roster of `n` members. It says
/// plainly, in its title, source and summary, that its members are made up.
pub fn roster_dataset(n: usize, seed: u64) -> Dataset {
    Dataset {
        title: format!("Synthetic roster of {n} members"),
        as_of: "2025".into(),
        sources: vec![Source {
            id: "citynet-generator".into(),
            title: "citynet's synthetic roster generator".into(),
            publisher: "citynet".into(),
            url: None,
            published: None,
            read_on: None,
            note: Some(format!(
                "Made-up members (seed {seed}) for measuring speed at scale; not real data."
            )),
            licence: None,
            credit: None,
        }],
        networks: vec![Network {
            id: "synthetic".into(),
            name: format!("Synthetic network of {n} local governments"),
            name_sources: Vec::new(),
            short_name: Some("Synthetic".into()),
            short_name_sources: Vec::new(),
            scope: Scope::Global,
            members_are: Some("made-up local governments".into()),
            themes: vec![Theme::Governance],
            summary: "A network that does not exist, with a roster of generated local \
                      governments the size of the largest real networks. It is here to \
                      measure and test citynet at scale."
                .into(),
            founded: Vec::new(),
            headquarters: Vec::new(),
            website: Vec::new(),
            figures: Vec::new(),
            targets: Vec::new(),
            affiliations: Vec::new(),
            sources: vec!["citynet-generator".into()],
            profile: None,
            roster: Some(roster(n, seed)),
        }],
    }
}

/// A dataset of `networks` networks whose generated rosters overlap, about `total`
/// members in all: each network lists about half of one pool of places, so a place is
/// typically in several networks, as real cities are. For measuring the city pivot.
pub fn pivot_dataset(total: usize, networks: usize, seed: u64) -> Dataset {
    let networks = networks.max(1);
    let pool = roster(total * 2 / networks, seed);
    let mut rng = Rng(seed ^ 0x5EED);
    let mut dataset = roster_dataset(0, seed);
    let template = dataset.networks.remove(0);
    for j in 0..networks {
        let mut r = pool.clone();
        r.members.retain(|_| rng.chance(0.5));
        let mut n = template.clone();
        n.id = format!("synthetic-{}", j + 1);
        n.name = format!(
            "Synthetic network {} of {} local governments",
            j + 1,
            r.members.len()
        );
        n.short_name = Some(format!("Synthetic {}", j + 1));
        n.roster = Some(r);
        dataset.networks.push(n);
    }
    dataset.title = format!("Synthetic overlapping rosters, about {total} members");
    dataset
}

/// Writes a dataset as RON that `citynet --data` reads back: pretty-printed, with each
/// roster member on one line the way the hand-written rosters are.
pub fn to_ron(dataset: &Dataset) -> Result<String, ron::Error> {
    // Dataset > networks > network > roster > members > member: members sit at depth 6,
    // and from there on everything is written on one line.
    let config = ron::ser::PrettyConfig::new()
        .depth_limit(5)
        .indentor("  ")
        .extensions(ron::extensions::Extensions::IMPLICIT_SOME);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "// {}: generated by citynet's `generate` example; not real data.",
        dataset.title
    );
    out.push_str(&ron::ser::to_string_pretty(dataset, config)?);
    out.push('\n');
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use citynet_core::data::{parse_dataset, validate};

    #[test]
    fn same_seed_same_roster_other_seed_other_roster() {
        assert_eq!(roster(300, 7), roster(300, 7));
        assert_ne!(roster(300, 7), roster(300, 8));
        assert_eq!(roster(300, 7).members.len(), 300);
    }

    #[test]
    fn a_generated_dataset_validates_and_round_trips_through_ron() {
        let d = roster_dataset(3000, DEFAULT_SEED);
        assert_eq!(validate(&d), Vec::new());
        let text = to_ron(&d).expect("writes");
        let back = parse_dataset("generated.ron", &text).expect("parses");
        assert_eq!(back, d);
        // One member a line.
        assert!(text.lines().count() > 3000 && text.lines().count() < 3100);
    }

    #[test]
    fn names_carry_accents_and_spread_over_countries_and_tiers() {
        let r = roster(2000, DEFAULT_SEED);
        let accented = r.members.iter().filter(|m| !m.name.is_ascii()).count();
        assert!(accented > 200, "{accented} accented names");
        let countries: HashSet<&str> = r.members.iter().map(|m| m.country.as_str()).collect();
        assert!(countries.len() >= 15);
        let tiers: HashSet<&str> = r.members.iter().map(|m| m.tier.as_str()).collect();
        assert_eq!(tiers.len(), TIERS.len());
    }

    #[test]
    fn roman_numerals() {
        assert_eq!(roman(2), "II");
        assert_eq!(roman(14), "XIV");
        assert_eq!(roman(1999), "MCMXCIX");
    }
}
