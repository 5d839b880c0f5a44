"""OpenStreetMap raster tiles for the map, only when the user allows the network (off by default).

Within the OpenStreetMap Foundation's tile usage policy: a User-Agent that names album, only the tiles
the map shows (no prefetching), at most ``MAX_CONNECTIONS`` requests at a time (the GUI's worker pool
has that many threads), a disk cache in album's cache folder that honours ``Cache-Control: max-age``,
``Expires`` and ``ETag`` (a stale tile is revalidated, and still shown while offline), and the map
shows "© OpenStreetMap contributors".
"""

from __future__ import annotations

import email.utils
import json
import logging
import os
import re
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from album import __version__

log = logging.getLogger(__name__)

OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
ATTRIBUTION = "© OpenStreetMap contributors"
USER_AGENT = f"album/{__version__} (desktop photo album; offline map with optional OSM tiles)"
MAX_CONNECTIONS = 2
DEFAULT_MAX_AGE_S = 7 * 24 * 3600  # a tile whose server said nothing is kept a week (the policy's minimum)
TIMEOUT_S = 10.0
_MAX_AGE = re.compile(r"max-age=(\d+)")


@dataclass(frozen=True)
class TileKey:
    z: int
    x: int
    y: int


class TileCache:
    """Tiles on disk (``<folder>/<z>/<x>/<y>.png`` beside a ``.json`` with their expiry and ETag), fetched
    from ``url`` (a template with ``{z}``, ``{x}``, ``{y}``) when missing or stale. Thread-safe: each
    tile is its own pair of files, written by rename."""

    def __init__(self, folder: Path, url: str = OSM_TILES) -> None:
        self.folder = folder
        self.url = url

    def _paths(self, key: TileKey) -> tuple[Path, Path]:
        base = self.folder / str(key.z) / str(key.x) / str(key.y)
        return base.with_suffix(".png"), base.with_suffix(".json")

    def cached(self, key: TileKey) -> bytes | None:
        """The tile from disk, fresh or not (for drawing at once, and offline)."""
        image, _meta = self._paths(key)
        try:
            return image.read_bytes()
        except OSError:
            return None

    def fresh(self, key: TileKey) -> bool:
        _image, meta = self._paths(key)
        try:
            return float(json.loads(meta.read_text())["expires"]) > time.time()
        except (OSError, ValueError, KeyError):
            return False

    def fetch(self, key: TileKey) -> bytes | None:
        """The tile: from the cache while fresh, else from the server (revalidated with its ETag); a
        network failure gives the stale tile if there is one, else None."""
        if self.fresh(key):
            return self.cached(key)
        image, meta = self._paths(key)
        old = self.cached(key)
        headers = {"User-Agent": USER_AGENT}
        etag = _read_etag(meta) if old is not None else None
        if etag:
            headers["If-None-Match"] = etag
        request = urllib.request.Request(self.url.format(z=key.z, x=key.x, y=key.y), headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
                data = response.read()
                response_headers = response.headers
        except urllib.error.HTTPError as error:
            if error.code == 304 and old is not None:
                _write(meta, json.dumps({"expires": _expires(error.headers), "etag": etag}).encode())
                return old
            log.info("tile %s: HTTP %s", key, error.code)
            return old
        except (OSError, ValueError) as error:  # offline, refused, timed out
            log.info("tile %s: %s", key, error)
            return old
        _write(image, data)
        _write(meta, json.dumps({"expires": _expires(response_headers), "etag": response_headers.get("ETag")}).encode())
        return data


def _expires(headers: object) -> float:
    """When the server's answer goes stale: ``max-age``, else ``Expires``, else a week from now."""
    get = getattr(headers, "get", lambda _name, default=None: default)
    control = _MAX_AGE.search(get("Cache-Control", "") or "")
    if control:
        return time.time() + int(control[1])
    expires = get("Expires")
    if expires:
        try:
            return email.utils.parsedate_to_datetime(expires).timestamp()
        except (TypeError, ValueError):
            pass
    return time.time() + DEFAULT_MAX_AGE_S


def _read_etag(meta: Path) -> str | None:
    try:
        return json.loads(meta.read_text()).get("etag")
    except (OSError, ValueError, AttributeError):
        return None


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}")  # one writer per thread
    temp.write_bytes(data)
    os.replace(temp, path)
