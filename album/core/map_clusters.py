"""The map's markers: geotagged photos grouped into clusters per zoom level, and a cluster as a place filter.

Grid clustering in numpy: at zoom z the world is ``256 * 2**z`` pixels wide, cut into cells of
``CELL_PX``; the photos in one cell are one marker, drawn at their mean position. One pass over all
points per zoom level (cached by the view), so panning costs nothing and zooming costs one pass.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from album.core.basemap import project, unproject
from album.core.geo import EARTH_RADIUS_KM
from album.core.query.model import MAX_RADIUS_KM

if TYPE_CHECKING:
    from album.core.library import Library

MAX_ZOOM = 18  # the deepest level clusters are made for
CELL_PX = 64  # a marker's cell on screen, in pixels
TILE_PX = 256  # the world at zoom 0
MIN_RADIUS_KM = 0.1  # a cluster of one place still gets a circle the search can find it in


@dataclass(frozen=True)
class MapPoints:
    """Every geotagged photo: its id, position, and the content hash that names its thumbnail."""

    ids: np.ndarray  # str
    lat: np.ndarray  # float64, degrees
    lon: np.ndarray
    hashes: np.ndarray  # str

    def __len__(self) -> int:
        return len(self.ids)

    def world(self) -> tuple[np.ndarray, np.ndarray]:
        return project(self.lat, self.lon)


@dataclass(frozen=True)
class Clusters:
    """The markers of one zoom level; ``members(i)`` are indexes into the :class:`MapPoints`."""

    x: np.ndarray  # world units, each cluster's mean position
    y: np.ndarray
    counts: np.ndarray
    first: np.ndarray  # one member of each cluster (its thumbnail is the marker's picture)
    order: np.ndarray  # point indexes sorted by cluster
    starts: np.ndarray  # order[starts[i]:starts[i + 1]] are cluster i's points

    def __len__(self) -> int:
        return len(self.counts)

    def members(self, index: int) -> np.ndarray:
        return self.order[self.starts[index] : self.starts[index + 1]]


def cluster(x: np.ndarray, y: np.ndarray, zoom: int) -> Clusters:
    """Group world positions into one cluster per occupied ``CELL_PX`` cell at ``zoom``."""
    if not len(x):
        empty = np.zeros(0, np.int64)
        return Clusters(np.zeros(0), np.zeros(0), empty, empty, empty, np.zeros(1, np.int64))
    cells = TILE_PX * 2.0**zoom / CELL_PX
    cx = np.clip((x * cells).astype(np.int64), 0, int(cells) - 1)
    cy = np.clip((y * cells).astype(np.int64), 0, int(cells) - 1)
    keys = cy * int(cells) + cx
    order = np.argsort(keys, kind="stable").astype(np.int32)  # 19 levels of 100k photos: 7.6 MB, not 15
    sorted_keys = keys[order]
    boundaries = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
    counts = np.diff(np.r_[boundaries, len(keys)])
    mean_x = np.add.reduceat(x[order], boundaries) / counts
    mean_y = np.add.reduceat(y[order], boundaries) / counts
    starts = np.r_[boundaries, len(keys)]
    return Clusters(mean_x, mean_y, counts, order[boundaries], order, starts)


def cluster_levels(points: MapPoints) -> tuple[Clusters, ...]:
    """The clusters of every zoom level from 0 to ``MAX_ZOOM``, made off the GUI thread when the points
    load (about 25 ms a level at 100k photos: too long to do on the GUI thread while zooming)."""
    x, y = points.world()
    return tuple(cluster(x, y, zoom) for zoom in range(MAX_ZOOM + 1))


def map_data(library: Library) -> tuple[MapPoints, tuple[Clusters, ...]]:
    """The library's geotagged photos and their clusters at every zoom level: the map's data, in one
    worker job (a scan of the photos table and ``cluster_levels``)."""
    points = library.map_points()
    return points, cluster_levels(points)


@dataclass(frozen=True)
class Circle:
    lat: float
    lon: float
    radius_km: float

    def syntax(self) -> str:
        """The circle in the search box's words: ``near:lat,lon km:r``."""
        lat, lon = (f"{value:.5f}".rstrip("0").rstrip(".") for value in (self.lat, self.lon))  # a metre or so
        return f"near:{lat},{lon} km:{self.radius_km:g}"


def enclosing_circle(points: MapPoints, members: np.ndarray) -> Circle:
    """A circle around the members' mean position that holds every one of them (a little to spare)."""
    lat, lon = points.lat[members], points.lon[members]
    x, y = project(lat, lon)
    centre_lat, centre_lon = unproject(float(x.mean()), float(y.mean()))
    farthest = float(distances_km(centre_lat, centre_lon, lat, lon).max(initial=0.0))
    return Circle(centre_lat, centre_lon, min(MAX_RADIUS_KM, _rounded_up(max(MIN_RADIUS_KM, farthest * 1.05))))


def distances_km(lat: float, lon: float, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    """Great-circle distances from one point to many (the haversine the search's filter uses)."""
    p1, p2 = np.radians(lat), np.radians(lats)
    h = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(np.radians(lons - lon) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(1.0, h)))


def _rounded_up(km: float) -> float:
    """Up to three significant figures, so the chip reads "12.4 km" and still holds the farthest photo."""
    digits = 3 - int(np.floor(np.log10(km))) - 1
    step = 10.0**-digits
    return float(np.ceil(km / step) * step)
