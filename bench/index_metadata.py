"""Indexing throughput for scan + EXIF + reduced decode + thumbnail, with and without JPEG draft mode.

Usage: python bench/index_metadata.py [COUNT]   (default 2000 photos, 2–24 MP; generated once into bench/out/)
"""

from __future__ import annotations

import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from photoset import photo_set

from album.core.config import IndexSettings
from album.core.pipeline.indexer import Indexer
from album.core.store.db import Store


def run(folder: Path, settings: IndexSettings) -> tuple[int, float]:
    home = Path(tempfile.mkdtemp(prefix="album-bench-"))
    try:
        store = Store(home / "db")
        started = time.perf_counter()
        report = Indexer(store, home / "thumbs", settings).run([str(folder)])
        return report.added, time.perf_counter() - started
    finally:
        shutil.rmtree(home)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    folder = photo_set(Path(__file__).resolve().parent / "out" / f"photos-{count}", count)
    megabytes = sum(p.stat().st_size for p in folder.rglob("*.jpg")) / 2**20
    print(f"{count} JPEGs (2/6/12/24 MP mixed), {megabytes:.0f} MiB, on {platform.processor() or platform.machine()}")
    for label, settings in (("draft decode", IndexSettings()), ("full decode", IndexSettings(use_draft=False))):
        added, seconds = run(folder, settings)
        print(f"{label:>13}: {added} photos in {seconds:.1f} s = {added / seconds:.1f} photos/s")


if __name__ == "__main__":
    main()
