"""Searching the library: a :class:`~album.core.query.Query` in, photo records out.

Filters run inside LanceDB (as an SQL prefilter); without a text part, results come newest first.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from album.core.query import Query, to_where
from album.core.store import Store

# The fields of the JSON photo record: a contract for scripts (see README "JSON output").
RECORD_FIELDS = (
    "path", "taken_at", "date_source", "lat", "lon", "alt", "place", "country", "camera_make",
    "camera_model", "lens", "width", "height", "orientation", "format", "size", "content_hash", "id",
)  # fmt: skip


def iso_taken_at(taken_at: datetime | None, offset_min: int | None) -> str | None:
    """ISO 8601 local time as the camera recorded it, with ``+HH:MM`` when the offset is known."""
    if taken_at is None:
        return None
    if offset_min is not None:
        taken_at = taken_at.replace(tzinfo=timezone(timedelta(minutes=offset_min)))
    return taken_at.isoformat()


def photo_record(row: dict[str, Any]) -> dict[str, Any]:
    """A stored row as the stable, JSON-ready photo record."""
    record = {key: row.get(key) for key in RECORD_FIELDS}
    record["taken_at"] = iso_taken_at(row.get("taken_at"), row.get("tz_offset_min"))
    return record


def search(store: Store, query: Query, limit: int | None = None) -> list[dict[str, Any]]:
    """Photos matching every filter of ``query``, newest first."""
    table = store.query_photos(to_where(query), limit=limit)
    return [photo_record(row) for row in table.to_pylist()]
