"""How long finding what the user wrote takes at library scale: LanceDB full-text search over titles, captions and
keywords (the part of a text search that runs before CLIP's), with and without filters, before and after the
indexes are built, and with rows written since the index was built.

Synthetic rows in album's own photos schema: one photo in ten has a title, one in five a caption, one in three
keywords, words drawn from a small vocabulary (so many rows share words, the hard case for BM25), ratings 0–5.

Usage: python bench/written_search.py [ROWS]   (default 100000)
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np

from album.core.query import Query
from album.core.store.db import Store

WORDS = ("birthday", "beach", "party", "Ben", "Anna", "garden", "wedding", "café", "Málaga", "snow", "hike", "dinner",
         "grandma", "concert", "museum", "boat", "sunset", "school", "picnic", "camping")  # fmt: skip
QUERIES = ("Ben's birthday", "cafe malaga", "wedding dinner", "snow hike museum", "生日")


def rows(count: int, start: int, rng: np.random.Generator) -> list[dict[str, object]]:
    def words(n: int) -> str:
        return " ".join(rng.choice(WORDS, n))

    made = []
    for i in range(start, start + count):
        path = f"/photos/{i // 1000}/IMG_{i}.jpg"
        made.append({
            "id": f"{i:08d}", "path": path, "path_bytes": os.fsencode(path), "tags": [], "person_ids": [],
            "taken_at": datetime(2015, 1, 1) + timedelta(hours=int(rng.integers(0, 24 * 3650))),
            "title": words(3) if rng.random() < 0.1 else None,
            "description": (words(8) + (" 小明的生日" if rng.random() < 0.01 else "")) if rng.random() < 0.2 else None,
            "keywords": list(rng.choice(WORDS, 2)) if rng.random() < 0.33 else [],
            "rating": int(rng.integers(0, 6)) if rng.random() < 0.3 else None,
        })  # fmt: skip
    return made


def timed(store: Store, label: str, query: Query) -> None:
    for text in QUERIES:
        store.written_matches(text, query, 1000)  # warm
        started = time.perf_counter()
        found = store.written_matches(text, query, 1000)
        print(f"{label:>34} {text!r:>20}: {(time.perf_counter() - started) * 1000:7.1f} ms, {len(found)} photos")


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    rng = np.random.default_rng(18)
    home = Path(tempfile.mkdtemp(prefix="album-written-"))
    try:
        store = Store(home / "db")
        for start in range(0, count, 20_000):
            store.upsert_photos(rows(min(20_000, count - start), start, rng))
        print(f"{count:,} photos")
        timed(store, "no index (Chinese runs only)", Query())
        started = time.perf_counter()
        store.ensure_indexes()
        print(f"building the three full-text indexes: {time.perf_counter() - started:.2f} s")
        timed(store, "indexed", Query())
        timed(store, "indexed, rating >= 4", Query(rating_min=4))
        store.upsert_photos(rows(1000, count, rng))
        timed(store, "+1,000 rows not yet indexed", Query())
    finally:
        shutil.rmtree(home)


if __name__ == "__main__":
    main()
