"""A search as typed values, and its translation into a safe LanceDB filter.

User text never reaches SQL directly: every value is a typed field (a date, a float, a string that
is quoted and LIKE-escaped here), so quotes, ``%``, backslashes or ``'; DROP`` in a search are just
characters to look for.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from album.core.store import sql_string

EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True)
class Near:
    """A circle on the map: photos within ``radius_km`` of (lat, lon)."""

    lat: float
    lon: float
    radius_km: float


@dataclass(frozen=True)
class Query:
    """What to look for. Every field is optional; all given fields must match."""

    date_from: date | None = None  # inclusive, on the photo's local (camera) date
    date_to: date | None = None  # inclusive
    near: Near | None = None
    camera: str | None = None  # substring of "make model", case-insensitive


def like_pattern(text: str) -> str:
    """A LIKE pattern matching ``text`` anywhere, with LIKE's own wildcards escaped (escape char ``\\``)."""
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return sql_string(f"%{escaped}%")


def _timestamp(value: datetime) -> str:
    return f"TIMESTAMP '{value.strftime('%Y-%m-%d %H:%M:%S.%f')}'"


def near_sql(near: Near) -> str:
    """Great-circle (haversine) distance filter, with a bounding box first so LanceDB can prune."""
    lat, lon, km = float(near.lat), float(near.lon), float(near.radius_km)
    if not (math.isfinite(lat) and math.isfinite(lon) and math.isfinite(km)):
        raise ValueError("coordinates and radius must be finite numbers")
    dlat = math.degrees(km / EARTH_RADIUS_KM)
    box = f"lat >= {lat - dlat!r} AND lat <= {lat + dlat!r}"
    cos_lat = math.cos(math.radians(lat))
    if cos_lat > 1e-6:
        dlon = math.degrees(km / (EARTH_RADIUS_KM * cos_lat))
        if dlon < 180:
            lo, hi = lon - dlon, lon + dlon
            if lo < -180 or hi > 180:  # the circle crosses the antimeridian
                box += f" AND (lon >= {((lo + 540) % 360) - 180!r} OR lon <= {((hi + 540) % 360) - 180!r})"
            else:
                box += f" AND lon >= {lo!r} AND lon <= {hi!r}"
    haversine = (
        f"2 * {EARTH_RADIUS_KM!r} * asin(sqrt(power(sin(radians(lat - {lat!r}) / 2), 2) + "
        f"cos(radians({lat!r})) * cos(radians(lat)) * power(sin(radians(lon - {lon!r}) / 2), 2)))"
    )
    return f"({box} AND {haversine} <= {km!r})"


def to_where(query: Query) -> str | None:
    """The SQL filter for ``query``, or None when it has no filters."""
    clauses: list[str] = []
    if query.date_from is not None:
        clauses.append(f"taken_at >= {_timestamp(datetime.combine(query.date_from, time.min))}")
    if query.date_to is not None:
        end = datetime.combine(query.date_to + timedelta(days=1), time.min)
        clauses.append(f"taken_at < {_timestamp(end)}")
    if query.near is not None:
        clauses.append(near_sql(query.near))
    if query.camera:
        clauses.append(f"lower(camera) LIKE {like_pattern(query.camera)} ESCAPE '\\'")
    return " AND ".join(clauses) or None
