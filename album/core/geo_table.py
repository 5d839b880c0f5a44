"""The place table behind :class:`album.core.geo.Gazetteer`: shipped with album, compressed, and
unpacked once into album's cache, then only read.

The table (every town, city, region and country with its English and Chinese names, and the arrays
reverse geocoding searches) is built from the data packages by :mod:`album.core.geo_build` when album
is packaged (``packaging/build_places.py``), so running album needs none of them (issue 14: they are
hundreds of MB installed, of which the table keeps 24.4 MB, 8.9 MB as ``xz``). Opening the unpacked file takes
milliseconds and a name lookup is one indexed query. The unpacked file is named after the shipped
file's hash, so an upgrade of album that ships another table unpacks it afresh.
"""

from __future__ import annotations

import hashlib
import logging
import lzma
import os
import sqlite3
import tempfile
import unicodedata
from pathlib import Path

log = logging.getLogger(__name__)

SHIPPED = Path(__file__).resolve().parents[1] / "data" / "places.sqlite.xz"


def normalise(name: str) -> str:
    """Case-, width- and accent-insensitive key: "Lisboa", "LISBOA" and "Lisbóa" are one name."""
    text = unicodedata.normalize("NFKC", name).casefold().strip()
    if text.isascii():
        return text
    stripped = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return unicodedata.normalize("NFKC", stripped)


def table_file(cache_dir: Path, shipped: Path = SHIPPED) -> Path:
    """Where the shipped table is unpacked: named by the compressed file's hash (~5 ms to compute)."""
    key = hashlib.blake2b(_read_shipped(shipped), digest_size=6).hexdigest()
    return cache_dir / f"places-{key}.sqlite"


def open_table(cache_dir: Path | None, shipped: Path = SHIPPED) -> sqlite3.Connection:
    """The place table, read-only: unpacked into ``cache_dir`` on first use, or into memory without one.

    A cache that cannot be written (read-only, full disk) costs an unpacking into memory, never an error.
    """
    if cache_dir is not None:
        try:
            path = table_file(cache_dir, shipped)
            if not path.is_file():
                _unpack(shipped, path)
            return sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=False)
        except (OSError, sqlite3.Error) as exc:
            if not shipped.is_file():
                raise
            log.warning("cannot cache the place names in %s (%s); unpacking them in memory", cache_dir, exc)
    db = sqlite3.connect(":memory:", check_same_thread=False)
    db.deserialize(lzma.decompress(_read_shipped(shipped)))
    db.execute("PRAGMA query_only = ON")  # as read-only as the cached file
    return db


def _read_shipped(shipped: Path) -> bytes:
    try:
        return shipped.read_bytes()
    except FileNotFoundError:
        raise FileNotFoundError(
            f"album's place table {shipped} is missing: reinstall album, or build it with "
            "packaging/build_places.py (needs the 'places' extra)"
        ) from None


def _unpack(shipped: Path, path: Path) -> None:
    """Unpack into a temporary file and rename it: a crash or a second process never leaves half a table.
    Tables unpacked from other versions of the shipped file are removed."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=".places-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out, lzma.open(shipped) as source:
            while chunk := source.read(1 << 20):
                out.write(chunk)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    for old in path.parent.glob("places-*.sqlite"):
        if old != path:
            old.unlink(missing_ok=True)
