"""The map's offline basemap: land, coastlines, borders and city names, in Web-Mercator coordinates.

Shipped as ``album/data/basemap.npz`` (built by ``packaging/build_basemap.py`` from Natural Earth, via the
npm package ``world-atlas``). Coordinates here are Web-Mercator "world" units: x and y in [0, 1] from
the north-west corner, as map tiles count them, so zoom level z is the world at ``256 * 2**z`` pixels.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

SHIPPED = Path(__file__).resolve().parents[1] / "data" / "basemap.npz"
MAX_LATITUDE = 85.05112878  # Web-Mercator's edge: the world is a square
UNITS = 100  # stored units per degree


def project(lat: np.ndarray, lon: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Latitudes and longitudes (degrees) as Web-Mercator world x, y in [0, 1]."""
    lat = np.radians(np.clip(np.asarray(lat, dtype=np.float64), -MAX_LATITUDE, MAX_LATITUDE))
    x = (np.asarray(lon, dtype=np.float64) + 180.0) / 360.0
    y = (1.0 - np.log(np.tan(lat) + 1.0 / np.cos(lat)) / math.pi) / 2.0
    return x, y


def unproject(x: float, y: float) -> tuple[float, float]:
    """World x, y back to (lat, lon) in degrees."""
    lat = math.degrees(math.atan(math.sinh(math.pi * (1.0 - 2.0 * y))))
    return lat, x * 360.0 - 180.0


@dataclass(frozen=True)
class Lines:
    """Polylines (or rings) in world units: all points in one array, ``starts[i]:starts[i + 1]`` one line."""

    xy: np.ndarray  # (n, 2) float64
    starts: np.ndarray  # (lines + 1,) int

    def __iter__(self):  # type: ignore[no-untyped-def]
        for start, end in zip(self.starts[:-1], self.starts[1:], strict=True):
            yield self.xy[start:end]


@dataclass(frozen=True)
class City:
    name: str
    name_zh: str
    x: float
    y: float


@dataclass(frozen=True)
class Basemap:
    land_world: Lines  # Natural Earth 1:110m, for the whole world
    land_detail: Lines  # 1:50m, once zoomed in
    borders: Lines  # between countries, 1:50m
    cities: tuple[City, ...]  # best-known first


def _lines(data: np.lib.npyio.NpzFile, name: str) -> Lines:
    points = data[f"{name}_points"].astype(np.float64) / UNITS
    starts = data[f"{name}_offsets"].astype(np.int64)
    x, y = project(points[:, 1], points[:, 0])
    return Lines(np.column_stack([_unwrapped(x, starts), y]), starts)


def _unwrapped(x: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """A line that crosses the antimeridian (Russia's east, Fiji, Antarctica) jumps from one edge of the
    world to the other; drawn as it is, the jump is a stroke across the whole map and breaks the land's
    fill. Each line goes on past the edge instead (x beyond [0, 1]; the view draws such a line twice)."""
    jumps = np.diff(x, prepend=x[:1])
    jumps[starts[:-1]] = 0.0  # a new line is no jump
    shift = -np.round(jumps)  # +1 for a jump east to west, -1 west to east
    line = np.repeat(np.arange(len(starts) - 1), np.diff(starts))
    total = np.cumsum(shift)
    before = np.r_[0.0, total][starts[:-1]]  # the sum up to each line's start: each line unwraps on its own
    return x + total - before[line]


@cache
def load_basemap(path: Path = SHIPPED) -> Basemap:
    """Read the shipped basemap (about 0.1 s; cached)."""
    with np.load(path, allow_pickle=False) as data:
        lonlat = data["city_lonlat"].astype(np.float64) / UNITS
        x, y = project(lonlat[:, 1], lonlat[:, 0])
        cities = tuple(City(str(n), str(z), float(cx), float(cy))
                       for n, z, cx, cy in zip(data["city_name"], data["city_zh"], x, y, strict=True))  # fmt: skip
        return Basemap(_lines(data, "land110"), _lines(data, "land50"), _lines(data, "borders50"), cities)
