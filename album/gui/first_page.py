"""The library's first page as the window last showed it, kept so the next start paints it at once.

Opening the library takes seconds (the store's import, its data); a returning user should meet their
photos, not an empty window, in that time. At exit the window writes the first screenful of the
browse view (photos, their cached thumbnails, the count) to a small JSON file in the cache dir; the
next start reads it before the first frame (~1 ms for 120 photos) and shows it until the library
answers with the real first page. A missing, damaged or older file just means the neutral "opening"
state: it is a cache, never the truth.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from album.core.library import Paths
from album.core.records import Photo, SearchHit, video_count

log = logging.getLogger(__name__)

VERSION = 1
PAGE_SIZE = 120  # a screenful on a large monitor at the smallest thumbnails


def page_file(paths: Paths) -> Path:
    return paths.cache_dir / "first-page.json"


@dataclass(frozen=True)
class FirstPage:
    """What the browse view showed: its first photos, where their thumbnails are, and how many there were."""

    hits: list[SearchHit]
    thumbnails: dict[str, Path]  # photo id → cached thumbnail
    count: int
    videos: int = 0  # of ``count``, for "10 photos, 1 video"


def save(paths: Paths, hits: Sequence[SearchHit], thumbnail_of: dict[str, Path | None]) -> None:
    """Keep the first :data:`PAGE_SIZE` of ``hits`` (the browse view) for the next start; never fails
    the caller (the window is closing)."""
    photos = []
    for hit in hits[:PAGE_SIZE]:
        p = hit.photo
        thumb = thumbnail_of.get(p.id)
        photos.append({"id": p.id, "path": p.path, "taken_at": p.taken_at.isoformat() if p.taken_at else None,
                       "tz": p.tz_offset_min, "date_source": p.date_source, "hash": p.content_hash,
                       "width": p.width, "height": p.height, "kind": p.kind,
                       "thumb": str(thumb) if thumb else None})  # fmt: skip
    target = page_file(paths)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".tmp")
        partial.write_text(json.dumps({"version": VERSION, "count": len(hits), "videos": video_count(hits),
                                            "photos": photos}), "utf-8")
        os.replace(partial, target)  # never a half-written file for the next start
    except OSError as exc:
        log.info("the first page was not kept for the next start: %s", exc)


def load(paths: Paths) -> FirstPage | None:
    """The first page the window showed last time, or None (none kept, damaged, or another version)."""
    try:
        data = json.loads(page_file(paths).read_text("utf-8"))
        if data.get("version") != VERSION:
            return None
        hits, thumbnails = [], {}
        for row in data["photos"]:
            taken = datetime.fromisoformat(row["taken_at"]) if row["taken_at"] else None
            photo = Photo(id=row["id"], path=row["path"], taken_at=taken, tz_offset_min=row["tz"],
                          date_source=row["date_source"], content_hash=row["hash"], width=row["width"],
                          height=row["height"], kind=row.get("kind", "photo"))  # fmt: skip
            hits.append(SearchHit(photo, None, ()))
            if row["thumb"]:
                thumbnails[photo.id] = Path(row["thumb"])
        return FirstPage(hits, thumbnails, int(data["count"]), int(data.get("videos", 0)))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.info("the kept first page cannot be read (%s): the window shows the library opening", exc)
        return None
