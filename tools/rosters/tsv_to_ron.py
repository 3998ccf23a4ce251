#!/usr/bin/env python3
"""Converts the shared member lists (TSV) into citynet roster files (RON).

Development only: the build and the tests never run this; they read the RON it wrote,
which is committed. Run it again after a source list changes, then run the gazetteer
pipeline (tools/gazetteer/run.sh), which adds the GeoNames ids to the files written here.

    python3 tools/rosters/tsv_to_ron.py --out assets/rosters \
        /path/to/rosters/covenant-of-mayors.tsv \
        /path/to/rosters/partnership-for-healthy-cities.tsv \
        /path/to/rosters/peace-in-our-cities.tsv \
        /path/to/rosters/cities-coalition-for-digital-rights.tsv

Each list's metadata (network id, sources, date, completeness, tiers) is written out
below, next to the reasons for it; the rows come from the TSV as they stand. Names are
kept exactly as the source writes them. Python 3.11, standard library only.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

# Kinds of non-city members, recognised by words in the name. A member whose name says it
# is a province, a metropolitan body or a union of municipalities must never be taken for
# the city it is named after (issue 13): these rules are checked in the gazetteer's report.
KIND_RULES: list[tuple[str, re.Pattern[str]]] = [
    (
        "district",
        re.compile(r"\bdistrict\b(?!\s+council)|\bsector\s+\d|\bkerulet\b|^london borough of\b", re.I),
    ),
    (
        "metropolitan",
        re.compile(
            r"metropol|\bagglomeration\b|communaute (urbaine|d.agglom)|"
            r"\bcombined authority\b|\barea metropolitana\b|\bmetropolitan area\b|"
            r"^greater\s|^grand\s|\bplaine commune\b|\bfederation of\b|\bagglo\b",
            re.I,
        ),
    ),
    (
        "region",
        re.compile(
            r"\bprovinc[ei]|\bprovincia\b|\bregion\b|\bregione\b|\bcounty\b|\bmegye\b|"
            r"\bdiputacion\b|\bcomarca\b|\bconsell comarcal\b|\bcapitale\b|\boblast\b|"
            r"\bkraj\b|\blandkreis\b|\bkreis\b|^isla de\b|\bcomunidade intermunicipal\b|"
            # A governorate, a Romanian county council, a Hungarian county government, a
            # Moldovan district (rayon) or its council, an Israeli regional council (the
            # local authority of several villages), a French regional natural park (a
            # syndicate of communes).
            r"\bgovernorate\b|^consiliul judetean\b|\bvarmegye|^consiliul raional\b|\brayon\b|"
            r"\bregional council\b|\bregional municipality\b|\bparc naturel regional\b",
            re.I,
        ),
    ),
    (
        "community",
        re.compile(
            r"\bunione\b|\bunion de\b|\bcomunita\b|\bmancomunidad\b|\bmancomunitat\b|"
            r"\bassociazione\b|\basociacion\b|\bassociation\b|\bcommunaute de communes\b|"
            r"\bterritorial community\b|\bamalgamated community\b|\bcommunity\b|\bhromada\b|"
            r"\bconsorzio\b|\bsdruzeni\b|\bzdruzenje\b|\bpays de\b|\bfederation of\b|"
            # A union of municipalities (Lebanon's), a Hungarian association (egyesület) or
            # LEADER action group (akciócsoport), an Italian aggregation of comuni, a French
            # communauté (de communes) not caught as metropolitan above.
            r"\bunion of\b|\begyesulet\b|\bakciocsoport\b|\baggregazione\b|^communaute de\b",
            re.I,
        ),
    ),
]


# Non-city members whose names carry none of those words, checked by hand.
KIND_BY_NAME = {
    ("Greater Manchester", "GB"): "metropolitan",  # the combined authority
    ("Lancashire", "GB"): "region",
    ("Northumberland", "GB"): "region",
    ("Fife", "GB"): "region",
    ("Aberdeenshire", "GB"): "region",
    ("Cornwall Council / Konsel Kernow", "GB"): "region",
    ("Trekantomradet", "DK"): "region",  # the Triangle Region, several municipalities
    # British and Irish councils whose area is several towns, none of them so named (the
    # GeoNames places at the point are its towns: Holmfirth, Wallsend, Livingston, ...):
    # metropolitan boroughs and unitary authorities are districts; Scottish council areas
    # and Irish counties, like Fife above, regions. Derry City & Strabane is metropolitan,
    # as Eurocities' Derry-Strabane is.
    ("Kirklees", "GB"): "district",
    ("Sefton Council", "GB"): "district",
    ("North Tyneside", "GB"): "district",
    ("South Tyneside", "GB"): "district",
    ("Bath & North East Somerset", "GB"): "district",
    ("Redcar and Cleveland", "GB"): "district",
    ("West Lothian Council", "GB"): "region",
    ("Perth and Kinross Council", "GB"): "region",
    ("Dumfries and Galloway Council", "GB"): "region",
    ("North Ayrshire", "GB"): "region",
    ("Derry City & Strabane District Council", "GB"): "metropolitan",
    ("Kerry", "IE"): "region",  # Kerry County Council
    ("Dun Laoghaire Rathdown", "IE"): "region",  # a county of Dublin
    # French intercommunal bodies (communautés d'agglomération, a métropole) named without
    # the words the rules look for.
    ("Nice Côte d'Azur", "FR"): "metropolitan",  # Métropole Nice Côte d'Azur
    ("BOURGES PLUS", "FR"): "metropolitan",
    ("QUIMPER COMMUNAUTE", "FR"): "metropolitan",
    ("DIEPPE MARITIME", "FR"): "metropolitan",
    ("Sénart", "FR"): "metropolitan",  # the new town's agglomeration community
    ("Annemasse Les Voirons", "FR"): "metropolitan",  # Annemasse-Les Voirons Agglomération
    # Turkish district municipalities (ilçe belediyesi) of a metropolitan city, districts
    # as Eurocities' Kadıköy and Beyoğlu are; GeoNames has no populated place so named.
    ("Yenimahalle", "TR"): "district",  # Ankara
    ("Çankaya Municipality", "TR"): "district",  # Ankara
    ("Kadikoy", "TR"): "district",  # Istanbul
    ("Maltepe", "TR"): "district",  # Istanbul
    ("Avcilar", "TR"): "district",  # Istanbul
    ("ESKİŞEHİR TEPEBAŞI", "TR"): "district",  # Eskişehir
    ("Efeler", "TR"): "district",  # Aydın
    ("Yenisehir", "TR"): "district",  # Mersin
    # Others, each read against its source row.
    ("Józsefvárosi Önkormányzat", "HU"): "district",  # Budapest's 8th district
    ("Icherisheher", "AZ"): "district",  # the Old City of Baku, a reserve with its own administration
    ("Aqaba Special Economic Zone Authority", "JO"): "region",
    ("Lewaa Al-Muwaqqar", "JO"): "region",  # a liwa (district) of Amman governorate
    ("Hof HaCarmel", "IL"): "region",  # a regional council
    ("Hof-Hasharon", "IL"): "region",  # a regional council
}

# A Ukrainian town named with its region ("Zolochiv, Lviv region") is the town: the
# qualifier is left out before the rules look for "region".
QUALIFIER = re.compile(r",?\s+[\w'-]+\s+(region|oblast)$", re.I)
# "AC" is an amalgamated (territorial) community, a hromada; "ATC" an amalgamated
# territorial community and "TC" a territorial community, the same in the names given
# after the 2020 reform ("Bakhmut TC").
AMALGAMATED = re.compile(r"\b(AC|ATC|TC)\b")


def kind_of(name: str, country: str) -> str:
    if (name, country) in KIND_BY_NAME:
        return KIND_BY_NAME[(name, country)]
    if AMALGAMATED.search(name):
        return "community"
    name = QUALIFIER.sub("", name)
    # The rules are written without accents: "Métropole" is read as "Metropole".
    name = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    for kind, pattern in KIND_RULES:
        if pattern.search(name):
            return kind
    return "city"


def ron_string(s: str) -> str:
    if any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in s):
        raise ValueError(f"control character in {s!r}")
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def coord(v: float) -> str:
    # Two decimals (about a kilometre), as every roster keeps them: the point marks a
    # member on a map and seeds the gazetteer match, and needs no more.
    text = f"{v:.2f}"
    return "0.00" if text == "-0.00" else text


@dataclass
class Row:
    name: str
    country: str
    category: str
    extra: dict[str, str] = field(default_factory=dict)


def read_tsv(path: Path) -> tuple[list[str], list[str], list[Row]]:
    """The `#` header lines, the column names and the rows."""
    header: list[str] = []
    columns: list[str] = []
    rows: list[Row] = []
    with path.open(encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if line.startswith("#"):
                header.append(line)
                continue
            if not line.strip():
                continue
            cells = line.split("\t")
            if not columns:
                columns = cells
                continue
            if len(cells) != len(columns):
                raise SystemExit(f"{path}:{lineno}: {len(cells)} cells, header has {len(columns)}")
            extra = dict(zip(columns[3:], cells[3:]))
            rows.append(Row(cells[0], cells[1], cells[2], extra))
    return header, columns, rows


@dataclass
class Member:
    name: str
    country: str
    tier: str
    lat: float
    lon: float
    kind: str = "city"
    population: int | None = None
    since: int | None = None
    joined: str | None = None
    id: str | None = None
    placeholder: bool = False
    aka: list[str] = field(default_factory=list)

    def ron(self) -> str:
        parts = [
            f"name: {ron_string(self.name)}",
            f"country: {ron_string(self.country)}",
            f"tier: {ron_string(self.tier)}",
            f"lat: {coord(self.lat)}",
            f"lon: {coord(self.lon)}",
        ]
        if self.aka:
            parts.append("aka: [" + ", ".join(ron_string(a) for a in self.aka) + "]")
        if self.kind != "city":
            parts.append(f"kind: {self.kind}")
        if self.population is not None:
            parts.append(f"population: {self.population}")
        if self.since is not None:
            parts.append(f"since: {self.since}")
        if self.joined is not None:
            parts.append(f"joined: {ron_string(self.joined)}")
        if self.id is not None:
            parts.append(f"id: {ron_string(self.id)}")
        if self.placeholder:
            parts.append("placeholder: true")
        return "        (" + ", ".join(parts) + "),"


# ---------------------------------------------------------------------------------------
# The Covenant of Mayors


# Rows whose point is in the sea or another country because the source swapped latitude
# and longitude; found by the validator (the point is not in or near the country), each
# checked by hand: the swapped point is in the named municipality. Keyed by (id, name).
SWAPPED = {
    ("PS0007", "Salfeet City"),
    ("IT4892", "Brescia"),
    ("RO0170", "Moldova Noua"),
    ("BE0590", "Commune de Bernissart"),
    ("IT5477", "Istrana"),
    ("UA0343", "Poninkivska Town Council"),
    ("HU0218", "Nyárlőrinc"),
    ("ES3007", "VALLIBONA"),
    ("ES3003", "PALANQUES"),
    # Found once the validator read the boundaries in 2° cells rather than 6° ones.
    ("-", "Khan Younis Municipality"),
    ("PS0018", "Rafah"),
}

# Rows whose point is elsewhere in a way a swap does not explain (another country's
# centroid, a sign lost, a namesake abroad), found the same way: their country's
# placeholder stands in, marked as one.
ELSEWHERE = {
    ("IT5440", "ALTE MARCHE ClimAct"),  # Portugal's centroid
    ("IT5441", "Gruppo Valcesano"),  # Portugal's centroid
    ("BR0163", "Poços de Caldas"),  # swapped and both signs lost
    ("MA0014", "Drarga"),
    ("DM0001", "Portsmouth"),  # the longitude's sign lost
    ("MD0028", "Marinici"),  # a point in Bosnia and Herzegovina
    ("AT0028", "Schönbach"),  # Schönbach in the German Eifel
    ("ES2921", "SAKANA"),  # a group's point near Bordeaux, in France
}

# Names the source stored with a broken encoding: UTF-8 bytes read as another code page,
# one of them then written as a space ("Š" is C5 A0, and A0 became " "). The name is
# put back as the signatory wrote it; nothing else in the row changes. Keyed by (id, name).
MISENCODED = {
    ("SI0016", "Å empeter-Vrtojba"): "Šempeter-Vrtojba",
}

# A country's placeholder, where the source gives no usable point: the centroid the source
# itself uses for Italy's group rows, and for the others a commonly used country centroid,
# rounded. Never shown as a place (`placeholder: true`).
COUNTRY_POINT = {
    "IT": (42.6384, 12.6743),
    # The 12 Lebanese rows without a point are the member municipalities of the Federation
    # of Municipalities of the Higher Chouf (same date, same declared population): its point.
    "LB": (33.6590, 35.6141),
    "BR": (-14.24, -51.93),
    "MA": (31.79, -7.09),
    "DM": (15.41, -61.37),
    "MD": (47.41, 28.37),
    "AT": (47.52, 14.55),
    "ES": (40.46, -3.75),
}


def covenant(rows: list[Row], notes: list[str]) -> list[Member]:
    points = Counter()
    names_at = {}
    for r in rows:
        if r.extra["lat"] and r.extra["lon"]:
            p = (r.extra["lat"], r.extra["lon"])
            points[p] += 1
            names_at.setdefault(p, set()).add(r.name.lower())
    members = []
    swapped = placeholders = mended = 0
    for r in rows:
        status, _, group = r.category.partition(";")
        status = status.strip()
        is_group = group.strip() == "group"
        if status not in ("active", "on-hold"):
            raise SystemExit(f"Covenant row {r.name!r}: unknown status {status!r}")
        sid = r.extra["gcom_id"]
        pop = r.extra["population_at_adhesion"]
        date = r.extra["date_of_adhesion"]
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
            raise SystemExit(f"Covenant row {r.name!r}: date {date!r} is not YYYY-MM-DD")
        lat_s, lon_s = r.extra["lat"], r.extra["lon"]
        placeholder = is_group
        if lat_s and lon_s:
            lat, lon = float(lat_s), float(lon_s)
            if (sid, r.name) in SWAPPED:
                lat, lon = lon, lat
                swapped += 1
            if (sid, r.name) in ELSEWHERE:
                lat, lon = COUNTRY_POINT[r.country]
                placeholder = True
            # A point on whole degrees, or one the source gives three or more members of
            # different names, is a stand-in (a country or province centroid), not a place.
            whole = lat == int(lat) and lon == int(lon)
            shared = len(names_at[(lat_s, lon_s)]) >= 3
            placeholder = placeholder or whole or shared
        else:
            lat, lon = COUNTRY_POINT[r.country]
            placeholder = True
        placeholders += placeholder
        name = MISENCODED.get((sid, r.name), r.name)
        mended += name != r.name
        members.append(
            Member(
                name=name,
                country=r.country,
                tier=status,
                lat=lat,
                lon=lon,
                kind="group" if is_group else kind_of(r.name, r.country),
                # The source's 0 is no figure, as blank is.
                population=int(pop) if pop and int(pop) > 0 else None,
                since=int(date[:4]),
                joined=date,
                # `-` is the source's "no id" (12 rows in Lebanon).
                id=sid if sid and sid != "-" else None,
                placeholder=placeholder,
            )
        )
    notes.append(f"{swapped} row(s) with latitude and longitude swapped in the source, put right")
    notes.append(f"{placeholders} members with placeholder coordinates")
    notes.append(f"{mended} name(s) mis-encoded in the source, put back (MISENCODED)")
    return members


COVENANT_HEAD = """\
// The Covenant of Mayors for Climate & Energy: every signatory in the EU Joint Research
// Centre's MyCovenant data, 5th release (January 2024; signatories who joined up to
// 2023-12-13). One row a signatory; names exactly as each signatory registered itself,
// often in the local language or upper case ("Koeln", "Bruxelles/Brussel",
// "SAN FELICE CIRCEO"); the other names a person types come from the gazetteer.
//
// Credit (CC BY 4.0): Global Covenant of Mayors - MyCovenant collection, 5th release,
// (c) European Union, European Commission Joint Research Centre (JRC); licensed under
// CC BY 4.0. Changed by us: converted to this format, coordinates rounded to two
// decimals, the cases below marked or put right.
//
// Written by tools/rosters/tsv_to_ron.py from the shared covenant-of-mayors.tsv (do not
// edit by hand; edit the script or the source and run it again). The tier is the
// signatory's status; `id` is the signatory id (what tells the 28 repeated names apart);
// `population` is the figure the signatory declared when it joined, on its `joined` day.
// 294 rows are groups of municipalities that signed as one (`kind: group`); their points,
// like those the source puts on whole degrees or repeats for unrelated members (country or
// province centroids), are `placeholder: true`: never a place on a map. 13 rows have no
// point in the source, and 8 a point in another country that no swap explains: they carry
// their country's placeholder. 11 rows had latitude and longitude swapped in the source and
// are put right (the list is in the script, SWAPPED and ELSEWHERE); one name the source
// stored mis-encoded ("Å empeter-Vrtojba") is put back as Šempeter-Vrtojba (MISENCODED).
// The 12 rows from Lebanon with no signatory id (`-` in the source) share one declared
// population (12,450) and date: the source's, kept as given. The source gives the id
// PS0007 to two rows (Salfeet City, on hold, 2014, and Salfeet, active, 2018); both are
// kept.
"""


# ---------------------------------------------------------------------------------------
# The three short lists

@dataclass
class ListSpec:
    network: str
    head: str
    sources: list[str]
    as_of: str
    completeness: str
    tiers: list[tuple[str, str, str, str]]
    tier_of: object = None  # category -> tier id
    kinds: dict[str, str] = field(default_factory=dict)
    aka: dict[str, list[str]] = field(default_factory=dict)


PHC = ListSpec(
    network="healthy-cities-partnership",
    head="""\
// The Partnership for Healthy Cities' member cities. One row a member; names exactly as
// the network's page writes them (except "São Paulo", which the page misspells with a
// macron). Source: the city list on the network's own site, in its newest archived copy
// (undated, after December 2023; see `phc-site`). The page gives no tiers. Hong Kong, on
// an older copy, is absent from this one and left out. "Greater Manchester" is the
// combined authority, not the city of Manchester. Country codes are ours (Córdoba is
// Córdoba, Argentina; León is León, Guanajuato, Mexico; Santiago is Santiago de Chile).
// Coordinates are the approximate centre (two decimals) of the city or of the main city
// of a metropolitan member.
//
// Written by tools/rosters/tsv_to_ron.py from the shared partnership-for-healthy-cities.tsv.
""",
    sources=["phc-site"],
    as_of="2024",
    completeness="Complete",
    tiers=[(
        "member",
        "Member",
        "Member",
        "A member city of the Partnership. The source gives no tiers.",
    )],
    tier_of=lambda c: "member",
    kinds={"Greater Manchester": "metropolitan"},
)

PEACE = ListSpec(
    network="peace-in-our-cities",
    head="""\
// Peace in Our Cities' member cities, as the network's "our cities" page lists them,
// grouped by region (the tier). Names exactly as the page writes them: "Santiago de Cali"
// is Cali, Colombia. The page is undated; the site says the network is "in its 5th year"
// (it started in September 2019), so about 2024. The Global Cities Hub's directory says
// 22 cities: two are missing here (see the completeness note). Country codes are ours.
// Coordinates are the approximate centre (two decimals) of the city.
//
// Written by tools/rosters/tsv_to_ron.py from the shared peace-in-our-cities.tsv.
""",
    sources=["peace-in-our-cities-site", "gch-directory"],
    as_of="2024",
    completeness="""Partial(
        listed: 20,
        total: 22,
        note: "The network's own page lists 20 member cities; the Global Cities Hub's directory speaks of 22. Cities named elsewhere but not on the page (Colombo, Dayton, Edmonton, and from the 2019 founding pledge Kumanovo and Kibera in Nairobi) are left out: we could not tell which two are the missing members.",
    )""",
    tiers=[
        ("africa", "Africa", "Africa", "Listed under Africa on the network's page."),
        ("latin-america", "Latin America", "Latin America", "Listed under Latin America on the network's page."),
        ("middle-east", "Middle East", "Middle East", "Listed under the Middle East on the network's page."),
    ],
    tier_of=lambda c: {"Africa": "africa", "Latin America": "latin-america", "Middle East": "middle-east"}[c],
)

CCDR = ListSpec(
    network="ccdr",
    head="""\
// The Cities Coalition for Digital Rights as named in March 2019: its three founders
// (November 2018) and the 23 cities that signed up by 28 March 2019, from the New York
// City CTO's press release of that day (see `ccdr-2019-release`). HISTORICAL AND PARTIAL:
// the coalition now states more than 60 members; later members are missing and some of
// these may have left (not checked). Names exactly as the release writes them; "Torino" is
// Turin. Country codes are ours (Cary, Portland and San Jose are the US cities).
// Coordinates are the approximate centre (two decimals) of the city.
//
// Written by tools/rosters/tsv_to_ron.py from the shared cities-coalition-for-digital-rights.tsv.
""",
    sources=["ccdr-2019-release"],
    as_of="2019-03",
    completeness="""Partial(
        listed: 26,
        total: 60,
        total_qualifier: more_than,
        note: "The founders and the signatories named on 28 March 2019; the coalition now states more than 60 members. Later members are missing, and some of these may have left since.",
    )""",
    tiers=[
        ("founder", "Founder", "Founder", "One of the three cities that set up the coalition in November 2018."),
        ("signatory-2019", "Signatory (by March 2019)", "Signatory", "A city that signed the coalition's declaration by 28 March 2019."),
    ],
    tier_of=lambda c: c,
)

SHORT_LISTS = {
    "partnership-for-healthy-cities.tsv": PHC,
    "peace-in-our-cities.tsv": PEACE,
    "cities-coalition-for-digital-rights.tsv": CCDR,
}

# Approximate centres (two decimals) of the cities in the three short lists, from our
# own reading of a map; the gazetteer check (tools/gazetteer) flags any that is off.
CENTRES = {
    ("Abidjan", "CI"): (5.36, -4.01), ("Accra", "GH"): (5.56, -0.20),
    ("Addis Ababa", "ET"): (9.03, 38.74), ("Ahmedabad", "IN"): (23.02, 72.57),
    ("Amman", "JO"): (31.95, 35.93), ("Athens", "GR"): (37.98, 23.73),
    ("Bandung", "ID"): (-6.91, 107.61), ("Bangkok", "TH"): (13.75, 100.50),
    ("Barcelona", "ES"): (41.39, 2.17), ("Bengaluru", "IN"): (12.97, 77.59),
    ("Birmingham", "GB"): (52.48, -1.90), ("Bogotá", "CO"): (4.61, -74.08),
    ("Boston", "US"): (42.36, -71.06), ("Bucharest", "RO"): (44.43, 26.10),
    ("Buenos Aires", "AR"): (-34.60, -58.38), ("Cairo", "EG"): (30.04, 31.24),
    ("Cali", "CO"): (3.45, -76.53), ("Cape Town", "ZA"): (-33.92, 18.42),
    ("Casablanca", "MA"): (33.57, -7.59), ("Chicago", "US"): (41.88, -87.63),
    ("Colombo", "LK"): (6.93, 79.86), ("Córdoba", "AR"): (-31.42, -64.18),
    ("Dakar", "SN"): (14.69, -17.44), ("Dhaka", "BD"): (23.81, 90.41),
    ("Dublin", "IE"): (53.35, -6.26), ("Fortaleza", "BR"): (-3.73, -38.53),
    ("Freetown", "SL"): (8.48, -13.23), ("Greater Manchester", "GB"): (53.48, -2.24),
    ("Guadalajara", "MX"): (20.67, -103.35), ("Hanoi", "VN"): (21.03, 105.85),
    ("Harare", "ZW"): (-17.83, 31.05), ("Helsinki", "FI"): (60.17, 24.94),
    ("Ho Chi Minh City", "VN"): (10.82, 106.63), ("Istanbul", "TR"): (41.01, 28.98),
    ("Jakarta", "ID"): (-6.21, 106.85), ("Kampala", "UG"): (0.35, 32.58),
    ("Kathmandu", "NP"): (27.72, 85.32), ("Kigali", "RW"): (-1.94, 30.06),
    ("Kuala Lumpur", "MY"): (3.14, 101.69), ("Kumasi", "GH"): (6.69, -1.62),
    ("Kyiv", "UA"): (50.45, 30.52), ("León", "MX"): (21.12, -101.68),
    ("Lima", "PE"): (-12.05, -77.04), ("London", "GB"): (51.51, -0.13),
    ("Lusaka", "ZM"): (-15.39, 28.32), ("Medellín", "CO"): (6.25, -75.56),
    ("Melbourne", "AU"): (-37.81, 144.96), ("Mexico City", "MX"): (19.43, -99.13),
    ("Milan", "IT"): (45.46, 9.19), ("Montevideo", "UY"): (-34.90, -56.16),
    ("Mumbai", "IN"): (19.08, 72.88), ("Muscat", "OM"): (23.59, 58.41),
    ("Nairobi", "KE"): (-1.29, 36.82), ("New York City", "US"): (40.71, -74.01),
    ("Osaka", "JP"): (34.69, 135.50), ("Ouagadougou", "BF"): (12.37, -1.52),
    ("Paris", "FR"): (48.86, 2.35), ("Philadelphia", "US"): (39.95, -75.17),
    ("Phnom Penh", "KH"): (11.56, 104.92), ("Quezon City", "PH"): (14.68, 121.04),
    ("Quito", "EC"): (-0.18, -78.47), ("Rio De Janeiro", "BR"): (-22.91, -43.17),
    ("San Francisco", "US"): (37.77, -122.42), ("Santiago", "CL"): (-33.45, -70.67),
    ("Santo Domingo", "DO"): (18.49, -69.93), ("São Paulo", "BR"): (-23.55, -46.63),
    ("Seoul", "KR"): (37.57, 126.98), ("Tokyo", "JP"): (35.68, 139.69),
    ("Toronto", "CA"): (43.65, -79.38), ("Tunis", "TN"): (36.81, 10.18),
    ("Vancouver", "CA"): (49.28, -123.12), ("Warsaw", "PL"): (52.23, 21.01),
    ("Yangon", "MM"): (16.84, 96.17),
    # Peace in Our Cities
    ("Abeokuta", "NG"): (7.16, 3.35), ("Bangui", "CF"): (4.39, 18.56),
    ("Durban", "ZA"): (-29.86, 31.03), ("Hargeisa", "SO"): (9.56, 44.06),
    ("Kano", "NG"): (12.00, 8.52), ("Chaguanas", "TT"): (10.52, -61.41),
    ("Escobedo", "MX"): (25.80, -100.32), ("Godoy Cruz", "AR"): (-32.93, -68.84),
    ("Guayaquil", "EC"): (-2.19, -79.89), ("Niterói", "BR"): (-22.88, -43.10),
    ("Palmira", "CO"): (3.54, -76.30), ("Pelotas", "BR"): (-31.77, -52.34),
    ("Peñalolén", "CL"): (-33.48, -70.54), ("Rosario", "AR"): (-32.95, -60.64),
    ("Santiago de Cali", "CO"): (3.45, -76.53), ("Tripoli", "LB"): (34.44, 35.83),
    # Cities Coalition for Digital Rights
    ("Amsterdam", "NL"): (52.37, 4.90), ("Austin", "US"): (30.27, -97.74),
    ("Berlin", "DE"): (52.52, 13.40), ("Bratislava", "SK"): (48.15, 17.11),
    ("Cary", "US"): (35.79, -78.78), ("Cluj-Napoca", "RO"): (46.77, 23.59),
    ("Grenoble", "FR"): (45.19, 5.72), ("Kansas City", "US"): (39.10, -94.58),
    ("Los Angeles", "US"): (34.05, -118.24), ("Lyon", "FR"): (45.76, 4.84),
    ("Moscow", "RU"): (55.76, 37.62), ("Portland", "US"): (45.52, -122.68),
    ("San Jose", "US"): (37.34, -121.89), ("Tirana", "AL"): (41.33, 19.82),
    ("Torino", "IT"): (45.07, 7.69), ("Vienna", "AT"): (48.21, 16.37),
    ("Zaragoza", "ES"): (41.65, -0.88),
}


def short_list(spec: ListSpec, rows: list[Row]) -> list[Member]:
    members = []
    for r in rows:
        try:
            lat, lon = CENTRES[(r.name, r.country)]
        except KeyError:
            raise SystemExit(f"{spec.network}: no centre for {r.name} ({r.country}); add it to CENTRES")
        members.append(
            Member(
                name=r.name,
                country=r.country,
                tier=spec.tier_of(r.category),
                lat=lat,
                lon=lon,
                kind=spec.kinds.get(r.name, "city"),
                aka=spec.aka.get(r.name, []),
            )
        )
    return members


def tiers_ron(tiers: list[tuple[str, str, str, str]]) -> str:
    out = []
    for tid, label, short, desc in tiers:
        out.append(
            "        (\n"
            f"            id: {ron_string(tid)},\n"
            f"            label: {ron_string(label)},\n"
            f"            short: {ron_string(short)},\n"
            f"            description: {ron_string(desc)},\n"
            "        ),"
        )
    return "\n".join(out)


# The short lists' sources name cities only: their country codes and coordinates are ours.
OURS = '(country: ["citynet-assigned"], coordinates: ["citynet-assigned"])'


def roster_ron(head, sources, as_of, completeness, tiers, members, population_note=None, columns=None):
    lines = [head.rstrip("\n"), "("]
    lines.append("    sources: [" + ", ".join(ron_string(s) for s in sources) + "],")
    if columns:
        lines.append(f"    columns: {columns},")
    lines.append(f"    as_of: {ron_string(as_of)},")
    lines.append(f"    completeness: {completeness},")
    lines.append("    tiers: [")
    lines.append(tiers_ron(tiers))
    lines.append("    ],")
    if population_note:
        lines.append(f"    population_note: {ron_string(population_note)},")
    lines.append("    members: [")
    lines.extend(m.ron() for m in members)
    lines.append("    ],")
    lines.append(")")
    return "\n".join(lines) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, required=True, help="the assets/rosters directory")
    ap.add_argument("tsv", type=Path, nargs="+")
    args = ap.parse_args()
    for path in args.tsv:
        header, columns, rows = read_tsv(path)
        notes: list[str] = []
        if path.name == "covenant-of-mayors.tsv":
            members = covenant(rows, notes)
            text = roster_ron(
                COVENANT_HEAD,
                ["jrc-mycovenant"],
                "2023-12-13",
                "Complete",
                [
                    ("active", "Active signatory", "Active", "A signatory whose commitment is current on the MyCovenant platform (the JRC data's `published` status)."),
                    ("on-hold", "On hold", "On hold", "A signatory suspended for not reporting on its action plan in time; it stays a signatory."),
                ],
                members,
                population_note="Declared by each signatory when it joined (as of its `joined` day); source: the JRC MyCovenant data, 5th release.",
            )
            network = "covenant-of-mayors"
        elif path.name in SHORT_LISTS:
            spec = SHORT_LISTS[path.name]
            members = short_list(spec, rows)
            text = roster_ron(
                spec.head, spec.sources, spec.as_of, spec.completeness, spec.tiers, members, columns=OURS
            )
            network = spec.network
        else:
            print(f"{path}: not one of the lists this script converts; skipped", file=sys.stderr)
            continue
        kinds = Counter(m.kind for m in members)
        out = args.out / f"{network}.ron"
        out.write_text(text, encoding="utf-8")
        print(f"{out}: {len(members)} members; kinds {dict(sorted(kinds.items()))}" + "".join(f"; {n}" for n in notes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
