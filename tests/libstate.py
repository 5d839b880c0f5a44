"""What a library holds, read straight from its database, to compare runs (crash, concurrency tests)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from album.core.store.db import Store
from album.core.store.faces import FaceStore

COMPARED = ["path", "content_hash", "taken_at", "lat", "lon", "width", "height", "camera", "format", "face_count"]

PhotoRows = list[tuple[object, ...]]


def photo_row(id_: str, **values: Any) -> dict[str, Any]:
    """A photos-table row for tests that write the store directly: a path of its own, no tags, no people."""
    path = f"/p/{id_}.jpg"
    return {"id": id_, "path": path, "path_bytes": os.fsencode(path), "tags": [], "person_ids": [], **values}


def library_state(home: Path) -> tuple[PhotoRows, list[tuple[str, str]], list[tuple[str, tuple[float, ...]]]]:
    """(photos, errors, faces) of the library under ALBUM_HOME ``home``, order-independent.

    Asserts the invariants every state must keep, even right after a kill: no duplicate ids or
    paths, no half-written photo row, and no face whose photo is not in the library.
    """
    store = Store(home / "data" / "library.lancedb")
    rows = store.query_photos(None).to_pylist()
    ids = [r["id"] for r in rows]
    assert len(set(ids)) == len(ids), "duplicate ids"
    assert len({r["path"] for r in rows}) == len(rows), "duplicate paths"
    for row in rows:
        assert row["content_hash"] and row["width"] and row["indexed_at"], f"half-written row {row}"
    photos = sorted(tuple(r[c] for c in COMPARED) for r in rows)
    errors = sorted((e.path, e.kind) for e in store.list_errors())
    faces: list[tuple[str, tuple[float, ...]]] = []
    if "faces" in store.table_names():
        paths = {r["id"]: r["path"] for r in rows}
        face_rows = FaceStore(store).face_rows(None, ["photo_id", "bbox"])
        orphans = [f for f in face_rows if f["photo_id"] not in paths]
        assert not orphans, f"{len(orphans)} faces point at photos that are not in the library"
        faces = sorted((paths[f["photo_id"]], tuple(round(v, 3) for v in f["bbox"])) for f in face_rows)
    return photos, errors, faces


def photo_count(home: Path) -> int:
    """Rows committed so far, read without opening a Store (which could create tables mid-run)."""
    import lancedb

    db = home / "data" / "library.lancedb"
    try:
        return int(lancedb.connect(str(db)).open_table("photos").count_rows())
    except (ValueError, FileNotFoundError, OSError):  # not created yet
        return 0
