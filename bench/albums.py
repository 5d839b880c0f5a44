"""Favourites, stars and albums at library scale: marking, filling an album, listing albums, and the
``is:favourite`` / ``album:`` / stars filters inside the database query, through the Library.

The rows are synthetic (id, path, date) written straight into album's photos table: there are no files
to index and the marks do not need any. Each figure is the median of a few runs on the warm library.

Usage: python bench/albums.py [ROWS]   (default 100000)
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np

from album.core.library import Library, Paths, Query, Settings
from album.core.store.db import Store


def build(db_dir: Path, rows: int) -> list[str]:
    store = Store(db_dir)
    ids, start, chunk = [], datetime(2015, 1, 1), 20_000
    for first in range(0, rows, chunk):
        batch = []
        for n in range(first, min(rows, first + chunk)):
            path = f"/photos/{n // 1000:03d}/IMG_{n:06d}.jpg"
            batch.append({"id": f"{n:032x}", "path": path, "path_bytes": path.encode(), "folder": os.path.dirname(path),
                          "taken_at": start + timedelta(minutes=53 * n)})  # fmt: skip
            ids.append(f"{n:032x}")
        store.upsert_photos(batch)
    store.optimize()
    store.ensure_indexes()
    return ids


def timed(label: str, fn: Callable[[], object], runs: int = 3) -> object:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    print(f"{label:<48} {statistics.median(times) * 1000:8.0f} ms")
    return result


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    home = Path(tempfile.mkdtemp(prefix="album-bench-albums-"))
    os.environ["ALBUM_HOME"] = str(home)
    try:
        paths = Paths.from_env()
        paths.ensure()
        started = time.perf_counter()
        ids = build(paths.db_dir, rows)
        print(f"{rows:,} synthetic rows written in {time.perf_counter() - started:.1f} s")
        library = Library(paths, Settings(allow_downloads=False))
        rng = np.random.default_rng(0)
        hearts = [ids[i] for i in rng.choice(rows, 2_000, replace=False)]
        stars = [ids[i] for i in rng.choice(rows, 1_000, replace=False)]
        members = [ids[i] for i in rng.choice(rows, 5_000, replace=False)]
        timed("favourite 2,000 photos", lambda: library.set_favourite(hearts), runs=1)
        timed("rate 1,000 photos 4 stars", lambda: library.rate(stars, 4), runs=1)
        album = library.create_album("Big")
        library.create_album("Small")
        timed("add 5,000 photos to an album", lambda: library.add_to_album(album.id, members), runs=1)
        small = library.album_named("Small")
        assert small is not None
        timed("add 1 photo to another album", lambda: library.add_to_album(small.id, ids[:1]), runs=1)
        listed = timed("list the albums (counts, covers)", library.albums)
        print(f"  {[(a.name, a.photo_count) for a in listed]}")  # type: ignore[attr-defined]
        for text in ('album:"Big"', "is:favourite", 'album:"Big" is:favourite'):
            found = timed(f"search {text}", lambda t=text: library.search(library.parse(t)))
            print(f"  {len(found.hits):,} photos")  # type: ignore[attr-defined]
        found = timed("search at least 4 stars", lambda: library.search(Query(rating_min=4)))
        print(f"  {len(found.hits):,} photos")  # type: ignore[attr-defined]
        timed("an album's photos in its order", lambda: library.album_photos(album))
    finally:
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
