"""A no-op ``album index``: the time of a run that finds nothing changed, and whether it touched the
full-text indexes (their LanceDB index ids and the photos table's version before and after).

Indexes COUNT generated photos once into a fresh library (models folder empty, downloads off: the
metadata steps only), then runs the same index RUNS times in-process (``Library.index``) and RUNS times
as the CLI (``python -m album index``, start-up included), printing the median of each.

Usage: python bench/index_noop.py [COUNT] [RUNS]   (default 500 photos, 5 runs)
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from photoset import photo_set

from album.core.library import Library, Paths, Settings


def text_indexes(library: Library) -> tuple[dict[str, str], int]:
    table = library._store.photos  # (a bench may look inside: what the test asserts, timed here)
    return {i.name: i.index_uuid for i in table.list_indices() if i.index_type == "FTS"}, int(table.version)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    folder = photo_set(Path(__file__).resolve().parent / "out" / f"photos-{count}", count)
    home = Path(tempfile.mkdtemp(prefix="album-noop-"))
    try:
        os.environ["ALBUM_HOME"] = str(home)
        library = Library(Paths.from_env(), Settings(allow_downloads=False))
        library.load_place_names()
        started = time.perf_counter()
        library.index([str(folder)])
        print(f"first index of {count} photos: {time.perf_counter() - started:.1f} s")
        before = text_indexes(library)
        timings = []
        for _ in range(runs):
            started = time.perf_counter()
            library.index([str(folder)])
            timings.append(time.perf_counter() - started)
        print(f"no-op Library.index: median {statistics.median(timings) * 1000:.0f} ms over {runs} runs")
        cli = []
        for _ in range(runs):
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "album", "index", str(folder)], check=True, capture_output=True)
            cli.append(time.perf_counter() - started)
        print(f"no-op `album index` (CLI, start-up included): median {statistics.median(cli):.2f} s over {runs} runs")
        after = text_indexes(Library(Paths.from_env(), Settings(allow_downloads=False)))
        same = "untouched" if after == before else f"CHANGED ({before} -> {after})"
        print(f"full-text indexes and table version after {2 * runs} no-op runs: {same}")
    finally:
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
