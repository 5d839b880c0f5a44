"""A damaged or misplaced model file costs its feature, never indexing or search (issue: trust, item 2).

Before: a 1 KB garbage or truncated weights file made `album index` exit with a traceback (so no
metadata or faces were indexed either) and `album search "red"` crash; an ONNX file in the wrong role
raised AttributeError and aborted the run.
"""

from __future__ import annotations

import json
import shutil
from datetime import datetime
from pathlib import Path

import pytest
from conftest import run_album
from photofactory import Exif, scene, write_photo
from shared_data import SHARED_MODELS, needs_face_data


def make_photos(folder: Path) -> None:
    for i in range(4):
        write_photo(folder / f"p{i}.jpg", Exif(taken=datetime(2022, 3, 1 + i)), image=scene(seed=i))


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
@pytest.mark.parametrize("tower", ["visual", "textual"])
def test_damaged_clip_weights(models_dir: Path, photos_dir: Path, damage: str, tower: str) -> None:
    weights = models_dir / "clip" / "tiny-shapes" / tower / "model.onnx"
    if damage == "garbage":
        weights.write_bytes(b"\x8a" * 1024)
    else:
        weights.write_bytes(weights.read_bytes()[: weights.stat().st_size // 2])
    make_photos(photos_dir)

    indexed = run_album("index", str(photos_dir), "--json")
    assert indexed.returncode == 0 and "Traceback" not in indexed.stderr, indexed.stderr
    summary = json.loads(indexed.stdout)
    assert summary["added"] == 4
    notice = next(u for u in summary["unavailable"] if u.startswith("clip:"))
    assert "tiny-shapes" in notice and f"{tower}/model.onnx" in notice, notice
    if tower == "visual":
        return  # text search still works (on no vectors); see test_semantic_search for the text tower alone

    searched = run_album("search", "red", "--after", "2022-03-02", "--json")
    assert searched.returncode == 0, searched.stderr
    assert "semantic search is unavailable" in searched.stderr
    assert len(searched.stdout.splitlines()) == 3  # the filters still work


@needs_face_data
def test_a_face_model_in_the_wrong_role(tmp_path: Path, album_home: Path, photos_dir: Path) -> None:
    models = tmp_path / "models"
    faces = models / "faces"
    faces.mkdir(parents=True)
    shutil.copyfile(SHARED_MODELS / "faces" / "mobilefacenet_rgb255.onnx", faces / "mobilefacenet_rgb255.onnx")
    shutil.copyfile(SHARED_MODELS / "faces" / "mobilefacenet_rgb255.onnx", faces / "det_500m.onnx")  # not a detector
    make_photos(photos_dir)
    indexed = run_album("index", str(photos_dir), "--json", env={"ALBUM_MODELS_DIR": str(models)})
    assert indexed.returncode == 0 and "Traceback" not in indexed.stderr, indexed.stderr
    summary = json.loads(indexed.stdout)
    assert summary["added"] == 4
    faces_notice = next(u for u in summary["unavailable"] if u.startswith("faces:"))
    assert "det_500m.onnx is not a face detector" in faces_notice
