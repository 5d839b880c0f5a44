"""Read a Google Takeout JSON sidecar: when (``photoTakenTime``), where (``geoData``), what was written
(``description``) and who (``people``).

Takeouts store the instant as Unix seconds without the place's UTC offset, so the wall-clock time is
the instant in this computer's time zone (as for a file's own date), with that offset recorded.
``geoData`` of 0, 0 means "no position" in Takeout; ``geoDataExif`` is used when ``geoData`` is empty.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime
from typing import Any

from album.core.pipeline.exif import NamedRegion
from album.core.pipeline.xmp import Reading

log = logging.getLogger(__name__)


def _position(data: dict[str, Any]) -> tuple[float, float, float | None] | None:
    for key in ("geoData", "geoDataExif"):
        geo = data.get(key)
        if not isinstance(geo, dict):
            continue
        lat, lon = geo.get("latitude"), geo.get("longitude")
        if not isinstance(lat, (int, float)) or not isinstance(lon, (int, float)):
            continue
        if (lat, lon) != (0, 0) and abs(lat) <= 90 and abs(lon) <= 180:
            alt = geo.get("altitude")
            return float(lat), float(lon), float(alt) if isinstance(alt, (int, float)) and alt else None
    return None


def _taken(data: dict[str, Any]) -> tuple[datetime, int] | None:
    stamp = data.get("photoTakenTime")
    seconds = stamp.get("timestamp") if isinstance(stamp, dict) else None
    try:
        value = int(str(seconds))
    except ValueError:
        return None
    if value <= 0:  # Google writes 0 when it knows no date
        return None
    local = datetime.fromtimestamp(value).astimezone()
    offset = local.utcoffset()
    return local.replace(tzinfo=None), int(offset.total_seconds() // 60) if offset is not None else 0


def takeout_reading(raw: bytes, origin: str) -> Reading:
    """One Takeout JSON as a :class:`Reading` ("takeout"); an unreadable file is a problem, not an error."""
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        log.debug("unreadable takeout JSON %r: %s", origin, exc)
        return Reading("takeout", origin, problems=("json",))
    if not isinstance(data, dict):
        return Reading("takeout", origin, problems=("json",))
    taken = _taken(data)
    where = _position(data)
    people = data.get("people")
    people = people if isinstance(people, list) else []
    names = [p["name"].strip() for p in people if isinstance(p, dict) and isinstance(p.get("name"), str)]
    description = data.get("description")
    return Reading(
        "takeout",
        origin,
        taken_at=taken[0] if taken else None,
        tz_offset_min=taken[1] if taken else None,
        lat=where[0] if where else None,
        lon=where[1] if where else None,
        alt=where[2] if where else None,
        description=" ".join(description.split()) or None if isinstance(description, str) else None,
        regions=tuple(NamedRegion(n) for n in dict.fromkeys(names) if n),
    )
