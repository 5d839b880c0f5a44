"""Indexing throughput for scan + EXIF + reduced decode + thumbnail, with and without JPEG draft mode.

Runs ``Library.index`` as the app and the CLI do, on a fresh library whose models folder is empty and
whose downloads are off, so the CLIP and face steps are skipped and what is left is the work every
photo costs before any model runs (naming the place of each photo's GPS included; the place names
load before the clock starts, as the app loads them at start-up). The two decode modes are compared
through the library's ``index_settings``.

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

from album.core.library import IndexSettings, Library, Paths, Settings


def run(folder: Path, settings: IndexSettings) -> tuple[int, float]:
    home = Path(tempfile.mkdtemp(prefix="album-bench-"))
    try:
        paths = Paths(data_dir=home / "data", cache_dir=home / "cache", models_dir=home / "models")
        library = Library(paths, Settings(allow_downloads=False), index_settings=settings)
        library.load_place_names()  # as the app does at start-up: a one-off ~1 s, not a cost per photo
        started = time.perf_counter()
        report = library.index([str(folder)])
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
