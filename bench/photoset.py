"""Generate (once, cached) folders of photo-like JPEGs with EXIF for the benchmarks.

Two kinds: ``photo_set``'s smooth 2–24 MP scenes (0.2 MB mean: cheap to decode, for benchmarks of what
comes after decoding), and ``camera_set``'s 8–24 MP scenes with sensor-like noise (3.6 MB mean), which cost
what camera files cost to decode: entropy decoding does not shrink with draft mode, and smooth generated
pictures compress far better than real ones.
"""

from __future__ import annotations

import multiprocessing
import sys
import tempfile
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from photofactory import Exif, scene, write_photo

# Mixed sizes as cameras and phones produce them: 2, 6, 12 and 24 megapixels.
SIZES = [(1600, 1200), (3000, 2000), (4000, 3000), (6000, 4000)]
CAMERA_SIZES = [(3264, 2448), (4000, 3000), (5184, 3456), (6000, 4000)]  # 8, 12, 18 and 24 MP
CAMERA_CACHE = Path(tempfile.gettempdir()) / "album-bench-camera-photos-exif"


def _exif(i: int) -> Exif:
    """What a camera writes: date and offset, place, make and model, orientation (all eight)."""
    return Exif(taken=datetime(2015, 1, 1) + timedelta(hours=7 * i), offset="+01:00", lat=38.7 + (i % 50) / 100,
                lon=-9.1 - (i % 30) / 100, make="Canon", model="Canon EOS R6", orientation=1 + i % 8)  # fmt: skip


def _make(args: tuple[Path, int]) -> None:
    folder, i = args
    path = folder / f"{i // 250:02d}" / f"IMG_{i:05d}.jpg"
    if not path.exists():
        width, height = SIZES[i % len(SIZES)]
        write_photo(path, _exif(i), image=scene(width, height, seed=i))


def camera_photo(path: Path, i: int) -> Path:
    """Photo number ``i`` of the camera-like set at ``path`` (kept if it is there already)."""
    if not path.exists():
        width, height = CAMERA_SIZES[i % len(CAMERA_SIZES)]
        pixels = np.asarray(scene(width, height, seed=i), np.int16)
        pixels += np.random.default_rng(i).normal(0, 6, pixels.shape).astype(np.int16)  # sensor noise
        path.parent.mkdir(parents=True, exist_ok=True)
        Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)).save(path, "JPEG", quality=92,
                                                                       exif=_exif(i).dump())  # fmt: skip
    return path


def _make_camera(args: tuple[Path, int]) -> None:
    folder, i = args
    camera_photo(folder / f"IMG_{i:05d}.jpg", i)


def _generate(make: Callable[[tuple[Path, int]], None], folder: Path, count: int) -> Path:
    with ProcessPoolExecutor(mp_context=multiprocessing.get_context("spawn")) as pool:  # lancedb dislikes fork
        list(pool.map(make, [(folder, i) for i in range(count)], chunksize=4))
    return folder


def photo_set(folder: Path, count: int) -> Path:
    """Make ``count`` smooth photos under ``folder`` (skipping those already there) and return the folder."""
    return _generate(_make, folder, count)


def camera_set(folder: Path, count: int) -> Path:
    """Make ``count`` camera-like photos in ``folder`` (skipping those already there) and return the folder."""
    return _generate(_make_camera, folder, count)
