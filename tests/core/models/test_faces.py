"""Face detection and recognition models from ../shared/models, loaded through album's own code: boxes,
landmarks and embeddings on real photos, odd images, and a clear error when the weights are missing."""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from shared_data import SHARED_FACES, needs_face_data

from album.core.config import Paths
from album.core.models.faces import FaceAnalyzer
from album.core.models.registry import ModelUnavailable
from album.core.pipeline.indexer import Indexer
from album.core.pipeline.steps.faces import FaceStep
from album.core.store.db import Store

pytestmark = needs_face_data


@pytest.fixture
def analyzer(face_models: Path) -> FaceAnalyzer:
    return FaceAnalyzer(Paths.from_env().models_dir, threads=2, allow_download=False)


def test_models_found_from_models_dir_alone(analyzer: FaceAnalyzer) -> None:
    analyzer.load()
    assert analyzer.model_id.startswith("det_500m+mobilefacenet_rgb255@")
    assert analyzer.embedding_dim() == 128
    assert analyzer.recogniser_spec is not None and analyzer.recogniser_spec.input_mean == 0.0
    assert any("non-commercial" in licence for licence in analyzer.licences)


def test_group_photo_boxes(analyzer: FaceAnalyzer) -> None:
    image = Image.open(SHARED_FACES / "group" / "t1.jpg").convert("RGB")
    faces = analyzer.analyze(image)
    assert len(faces) == 6
    for face in faces:
        x1, y1, x2, y2 = face.bbox
        assert 0 <= x1 < x2 <= 1 and 0 <= y1 < y2 <= 1
        assert 0.03 < (x2 - x1) < 0.3 and face.score >= 0.6
        assert np.linalg.norm(face.embedding) == pytest.approx(1.0, abs=1e-4)
        assert all(x1 <= px <= x2 and y1 <= py <= y2 for px, py in face.landmarks)  # eyes, nose, mouth inside
    centres = sorted((f.bbox[0] + f.bbox[2]) / 2 for f in faces)
    assert min(b - a for a, b in itertools.pairwise(centres)) > 0.05  # six different people, side by side
    assert len(analyzer.analyze(Image.open(SHARED_FACES / "group" / "two_people.jpg").convert("RGB"))) == 2


def test_no_faces_where_there_are_none(analyzer: FaceAnalyzer) -> None:
    found = {p.name: len(analyzer.analyze(Image.open(p).convert("RGB"))) for p in (SHARED_FACES / "noface").iterdir()}
    assert sum(found.values()) == 0, found


def test_odd_images_do_not_crash(analyzer: FaceAnalyzer) -> None:
    assert analyzer.analyze(Image.new("RGB", (1, 1))) == []
    face = Image.open(SHARED_FACES / "group" / "two_people.jpg").convert("RGB")
    border = face.crop((int(face.width * 0.35), 0, face.width, face.height))  # a face cut by the border
    assert all(0 <= v <= 1 for f in analyzer.analyze(border) for v in f.bbox)
    crowd = Image.new("RGB", (25 * 120, 20 * 120))  # 500 faces
    tile = face.resize((240, 140)).crop((0, 0, 120, 120))
    for x, y in itertools.product(range(25), range(20)):
        crowd.paste(tile, (x * 120, y * 120))
    assert isinstance(analyzer.analyze(crowd), list)


def test_missing_face_models_are_a_clear_error(store: Store, paths: Paths, photos_dir: Path) -> None:
    shutil.copy(SHARED_FACES / "group" / "two_people.jpg", photos_dir)
    analyzer = FaceAnalyzer(paths.models_dir, allow_download=False)
    report = Indexer(store, paths.thumbs_dir, steps=[FaceStep(analyzer)]).run([str(photos_dir)])
    assert report.added == 1
    assert len(report.unavailable) == 1
    message = report.unavailable[0]
    assert "detection/model.onnx" in message and str(paths.models_dir / "faces" / "buffalo_l") in message
    with pytest.raises(ModelUnavailable):
        analyzer.load()
