"""Private by default (issue: trust, item 6): nothing is written outside album's own folders, and
what album writes is for this user only.

Before: importing onnxruntime wrote a device id and an event database under ~/.cache/Microsoft, and
the library (face embeddings, GPS) was world-readable.
"""

from __future__ import annotations

import os
import stat
from datetime import datetime
from pathlib import Path

from conftest import run_album
from photofactory import Exif, write_photo
from shared_data import SHARED_MODELS, needs_face_data


@needs_face_data
def test_index_and_search_write_nothing_outside_albums_folders(
    tmp_path: Path, models_dir: Path, album_home: Path, photos_dir: Path
) -> None:
    for face in ("det_500m.onnx", "mobilefacenet_rgb255.onnx"):
        (models_dir / "faces").mkdir(exist_ok=True)
        os.symlink(SHARED_MODELS / "faces" / face, models_dir / "faces" / face)
    for i in range(3):
        write_photo(photos_dir / f"p{i}.jpg", Exif(taken=datetime(2021, 1, 1 + i), lat=38.7, lon=-9.1))
    home = tmp_path / "empty-home"
    home.mkdir()
    env = {"HOME": str(home), "XDG_CACHE_HOME": "", "XDG_CONFIG_HOME": "", "XDG_DATA_HOME": ""}
    indexed = run_album("index", str(photos_dir), "--json", env=env)
    assert indexed.returncode == 0 and '"unavailable": []' in indexed.stdout, indexed.stdout + indexed.stderr
    assert run_album("search", "a red circle", env=env).returncode == 0
    assert run_album("similar", str(photos_dir / "p0.jpg"), env=env).returncode == 0
    assert sorted(str(p.relative_to(home)) for p in home.rglob("*")) == []

    for folder in (album_home / "data", album_home / "cache"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    written = [p for folder in ("data", "cache") for p in (album_home / folder).rglob("*") if p.is_file()]
    assert written and [p for p in written if stat.S_IMODE(p.stat().st_mode) & 0o077] == []
