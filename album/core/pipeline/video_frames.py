"""A video's frame at a second as a cached thumbnail: what its grid tile shows when a text search matched a
later scene than its poster ("a red circle" found at 0:04 of a clip whose poster is a blue square).

The frame is decoded on demand (the grid's thumbnail thread asks, never the GUI thread) and kept next to the
poster's thumbnail, keyed by the content hash and the second, so the next search or start shows it at once.
"""

from __future__ import annotations

import logging
from pathlib import Path

from album.core.pipeline.media import thumbnail_path, write_thumbnail
from album.core.pipeline.video import VideoError, frame_at
from album.core.writable import DiskFull

log = logging.getLogger(__name__)


def frame_thumbnail_path(thumbs_dir: Path, digest: str, second: float) -> Path:
    """Where the frame at ``second`` (to a tenth) is cached: beside the poster's thumbnail."""
    poster = thumbnail_path(thumbs_dir, digest)
    return poster.with_name(f"{digest}@{second:.1f}.jpg")


def frame_thumbnail(thumbs_dir: Path, digest: str, path: str, second: float, size: int) -> Path | None:
    """The cached thumbnail of the video's frame at ``second``, decoded and written on first need; None if
    the video cannot be decoded there (the tile keeps its poster) or the cache cannot be written."""
    cached = frame_thumbnail_path(thumbs_dir, digest, second)
    if cached.is_file():
        return cached
    try:
        write_thumbnail(frame_at(path, second, size), cached, size)
    except (VideoError, OSError, DiskFull) as exc:
        log.info("no frame at %.1f s of %s: %s", second, path, exc)
        return None
    return cached
