"""Generate (once, cached) a folder of photo-like JPEGs with EXIF for the benchmarks."""

from __future__ import annotations

import multiprocessing
import sys
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from photofactory import Exif, scene, write_photo

# Mixed sizes as cameras and phones produce them: 2, 6, 12 and 24 megapixels.
SIZES = [(1600, 1200), (3000, 2000), (4000, 3000), (6000, 4000)]


def _make(args: tuple[Path, int]) -> None:
    folder, i = args
    path = folder / f"{i // 250:02d}" / f"IMG_{i:05d}.jpg"
    if path.exists():
        return
    width, height = SIZES[i % len(SIZES)]
    exif = Exif(taken=datetime(2015, 1, 1) + timedelta(hours=7 * i), offset="+01:00", lat=38.7 + (i % 50) / 100,
                lon=-9.1 - (i % 30) / 100, make="Canon", model="Canon EOS R6", orientation=1 + i % 8)  # fmt: skip
    write_photo(path, exif, image=scene(width, height, seed=i))


def photo_set(folder: Path, count: int) -> Path:
    """Make ``count`` photos under ``folder`` (skipping those already there) and return the folder."""
    with ProcessPoolExecutor(mp_context=multiprocessing.get_context("spawn")) as pool:  # lancedb dislikes fork
        list(pool.map(_make, [(folder, i) for i in range(count)], chunksize=16))
    return folder
