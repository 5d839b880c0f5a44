"""A :class:`~album.core.query.Query` as a LanceDB SQL filter: the only place search filters become SQL.

User text never reaches SQL directly: every value is a typed field (a date, a float, a string that
is quoted and LIKE-escaped here), so quotes, ``%``, backslashes or ``'; DROP`` in a search are just
characters to look for.
"""

from __future__ import annotations

import math
from datetime import datetime, time, timedelta

from album.core.query.model import DEFAULT_RADIUS_KM, Query
from album.core.query.parse.tokens import compact
from album.core.store.sql import like_pattern, sql_number, sql_string, timestamp

EARTH_RADIUS_KM = 6371.0088
REJECTED = -1  # the rating of a photo the user rejected (XMP's xmp:Rating -1)
# The camera column as compact() leaves a text: lower case, without ASCII spaces and punctuation.
_COMPACT_CAMERA = "regexp_replace(lower(camera), '[[:space:][:punct:]]', '', 'g')"


def near_sql(lat: float, lon: float, km: float) -> str:
    """Great-circle (haversine) distance filter, with a bounding box first so LanceDB can prune."""
    lat, lon, km = float(lat), float(lon), float(km)
    angle = km / EARTH_RADIUS_KM  # the radius as an angle at the Earth's centre
    dlat = math.degrees(angle)
    box = f"lat >= {sql_number(lat - dlat)} AND lat <= {sql_number(lat + dlat)}"
    reaches_pole = abs(lat) + dlat >= 90  # then the circle spans every longitude: no longitude bounds
    if not reaches_pole and angle < math.pi / 2:
        # The widest longitude span of a circle on a sphere (wider than km / (R cos lat) near the poles).
        dlon = math.degrees(math.asin(min(1.0, math.sin(angle) / math.cos(math.radians(lat)))))
        if dlon < 180:
            lo, hi = lon - dlon, lon + dlon
            if lo < -180 or hi > 180:  # the circle crosses the antimeridian
                west, east = sql_number((lo + 540) % 360 - 180), sql_number((hi + 540) % 360 - 180)
                box += f" AND (lon >= {west} OR lon <= {east})"
            else:
                box += f" AND lon >= {sql_number(lo)} AND lon <= {sql_number(hi)}"
    la, lo_, r = sql_number(lat), sql_number(lon), sql_number(EARTH_RADIUS_KM)
    haversine = (
        f"2 * {r} * asin(sqrt(power(sin(radians(lat - {la}) / 2), 2) + "
        f"cos(radians({la})) * cos(radians(lat)) * power(sin(radians(lon - {lo_}) / 2), 2)))"
    )
    return f"({box} AND {haversine} <= {sql_number(km)})"


def camera_sql(text: str) -> str:
    """The camera's make and model contain ``text``, case-insensitive, or do once spaces and punctuation are
    left out of both: "Nikon Z6" is the "NIKON Z 6" a Nikon writes, "EOS-R5" a Canon "EOS R5"."""
    plain = f"lower(camera) LIKE {like_pattern(text)} ESCAPE '\\'"
    squeezed = compact(text)
    if not squeezed:  # "%", "'": only punctuation, looked for as it is
        return plain
    return f"({plain} OR {_COMPACT_CAMERA} LIKE {like_pattern(squeezed)} ESCAPE '\\')"


def to_where(query: Query) -> str | None:
    """The SQL filter for ``query``, or None when it has no filters."""
    clauses: list[str] = []
    if query.date_from is not None:
        clauses.append(f"taken_at >= {timestamp(datetime.combine(query.date_from, time(query.from_hour or 0)))}")
    if query.date_to is not None:
        if query.to_hour is None:
            end = datetime.combine(query.date_to + timedelta(days=1), time.min)
        else:
            end = datetime.combine(query.date_to, time(query.to_hour))
        clauses.append(f"taken_at < {timestamp(end)}")
    place = query.place
    if place is not None and place.lat is not None and place.lon is not None:
        clauses.append(near_sql(place.lat, place.lon, place.radius_km or DEFAULT_RADIUS_KM))
    if place is not None and place.country:
        clauses.append(f"country = {sql_string(place.country)}")
    if place is not None and place.region:
        clauses.append(f"region = {sql_string(place.region)}")
    if query.camera:
        clauses.append(camera_sql(query.camera))
    if query.tags:
        clauses.append(f"array_has_all(tags, [{', '.join(sql_string(t) for t in query.tags)}])")
    if query.person_ids:
        clauses.append(f"array_has_all(person_ids, [{', '.join(sql_string(p) for p in query.person_ids)}])")
    if query.exclude_person_ids:
        clauses.append(f"NOT array_has_any(person_ids, [{', '.join(sql_string(p) for p in query.exclude_person_ids)}])")
    if query.exclude_tags:
        clauses.append(f"NOT array_has_any(tags, [{', '.join(sql_string(t) for t in query.exclude_tags)}])")
    if query.keywords:
        clauses.append(f"array_has_all(keywords, [{', '.join(sql_string(k) for k in query.keywords)}])")
    if query.rejected:
        clauses.append(f"rating = {REJECTED}")
    elif query.rating_min is not None:
        clauses.append(f"rating >= {int(query.rating_min)}")
    if query.label:
        clauses.append(f"lower(label) = {sql_string(query.label.lower())}")
    return " AND ".join(clauses) or None
