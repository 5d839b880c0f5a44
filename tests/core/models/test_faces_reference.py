"""album's own face detection, alignment and recognition against insightface's classes, the reference.

Same models (../shared/models), same real photos (../shared/faces): insightface's SCRFD, ``norm_crop``
and ArcFaceONNX run on OpenCV; album's (face_detect, face_align, face_recognise) on numpy and Pillow.
The two resample pixels with different rounding, so boxes may differ by a fraction of a pixel and crops
by a level here and there — never by a face.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import onnx
import onnxruntime
import pytest
from insightface.model_zoo import get_model
from insightface.utils.face_align import norm_crop as reference_norm_crop
from PIL import Image
from shared_data import SHARED_FACES, SHARED_MODELS, needs_face_data

from album.core.models.face_align import norm_crop
from album.core.models.face_detect import Detector
from album.core.models.face_recognise import Recogniser, graph_normalises_input
from album.core.models.faces import FACE_MODELS, FaceAnalyzer
from album.core.models.registry import ModelUnavailable

pytestmark = needs_face_data

DETECTOR = SHARED_MODELS / "faces" / "det_500m.onnx"
RECOGNISER = SHARED_MODELS / "faces" / "mobilefacenet_rgb255.onnx"
MIN_SCORE = FACE_MODELS["det_500m.onnx"].min_score
SIZE = (640, 640)
CPU = ["CPUExecutionProvider"]


def photos() -> list[Path]:
    """Group photos, hard ones, ones without faces, and the first two photos of every person."""
    chosen = [p for folder in ("group", "misc", "noface") for p in sorted((SHARED_FACES / folder).iterdir())]
    for person in sorted((SHARED_FACES / "people").iterdir()):
        chosen += sorted(person.iterdir())[:2]
    return chosen


def rgb(path: Path) -> Image.Image:
    return Image.open(path).convert("RGB")


def bgr(image: Image.Image) -> np.ndarray:
    """What insightface takes: an OpenCV-style BGR array."""
    return np.ascontiguousarray(np.asarray(image)[:, :, ::-1])


def reference_detector(path: Path) -> Any:
    model = get_model(str(path), providers=CPU)
    model.prepare(ctx_id=-1, input_size=SIZE, det_thresh=MIN_SCORE)
    return model


@pytest.fixture(scope="module")
def detectors() -> tuple[Detector, Any]:
    return Detector(onnxruntime.InferenceSession(str(DETECTOR), providers=CPU), SIZE, MIN_SCORE), reference_detector(
        DETECTOR
    )


@pytest.fixture(scope="module")
def detections(detectors: tuple[Detector, Any]) -> list[tuple[Image.Image, Any, Any]]:
    """(image, album's detections, insightface's (boxes+scores, landmarks)) for every test photo."""
    ours, reference = detectors
    found = []
    for path in photos():
        image = rgb(path)
        found.append((image, ours.detect(image), reference.detect(bgr(image), input_size=SIZE, max_num=0)))
    return found


def test_detections_match_scrfd(detections: list[tuple[Image.Image, Any, Any]]) -> None:
    faces = 0
    for _image, ours, (boxes, landmarks) in detections:
        assert len(ours.boxes) == len(boxes)
        faces += len(boxes)
        if len(boxes):
            assert np.abs(ours.boxes - boxes[:, :4]).max() < 1.0
            assert np.abs(ours.landmarks - landmarks).max() < 1.0
            assert np.abs(ours.scores - boxes[:, 4]).max() < 0.01
    assert faces > 100  # the comparison saw real faces, not only empty results


def test_max_faces_keeps_what_insightface_keeps(detectors: tuple[Detector, Any]) -> None:
    ours, reference = detectors
    image = rgb(SHARED_FACES / "group" / "t1.jpg")
    boxes, _landmarks = reference.detect(bgr(image), input_size=SIZE, max_num=2)
    found = ours.detect(image, max_faces=2)
    assert len(found.boxes) == 2 and np.abs(found.boxes - boxes[:, :4]).max() < 1.0


def test_a_detector_without_landmarks(tmp_path: Path) -> None:
    """SCRFD exported without its keypoint head (6 outputs): boxes as insightface decodes them; album's
    analyser refuses it with a sentence, since it aligns faces on their landmarks."""
    model = onnx.load(str(DETECTOR))
    for output in list(model.graph.output)[6:]:
        model.graph.output.remove(output)
    path = tmp_path / "models" / "faces" / "det_500m.onnx"
    path.parent.mkdir(parents=True)
    onnx.save(model, str(path))
    ours = Detector(onnxruntime.InferenceSession(str(path), providers=CPU), SIZE, MIN_SCORE)
    reference = reference_detector(path)
    for name in ("t1.jpg", "two_people.jpg"):
        image = rgb(SHARED_FACES / "group" / name)
        found = ours.detect(image)
        boxes, _ = reference.detect(bgr(image), input_size=SIZE, max_num=0)
        assert found.landmarks is None and len(found.boxes) == len(boxes) >= 2
        assert np.abs(found.boxes - boxes[:, :4]).max() < 1.0
    shutil.copyfile(RECOGNISER, path.with_name(RECOGNISER.name))
    with pytest.raises(ModelUnavailable, match=r"det_500m\.onnx gives no face landmarks"):
        FaceAnalyzer(tmp_path / "models", allow_download=False).load()


def test_aligned_crops_match_norm_crop(detections: list[tuple[Image.Image, Any, Any]]) -> None:
    """Crop by crop, on insightface's landmarks; faces cut by the photo's edge included (LFW's bystanders)."""
    differences, worst = [], 0
    for image, _ours, (_boxes, landmarks) in detections:
        for points in landmarks:
            ours = np.asarray(norm_crop(image, points), np.int16)
            reference = reference_norm_crop(bgr(image), points)[:, :, ::-1].astype(np.int16)
            differences.append(np.abs(ours - reference).mean())
            worst = max(worst, int(np.abs(ours - reference).max()))
    assert len(differences) > 100
    assert max(differences) < 2.0 and np.mean(differences) < 1.0  # levels of 0..255
    assert worst <= 2  # rounding, nowhere a different pixel (an edge handled differently showed 67)


def test_embeddings_match_arcface(detections: list[tuple[Image.Image, Any, Any]]) -> None:
    """album's embedding of album's crop against insightface's of insightface's crop, face by face."""
    reference = get_model(str(RECOGNISER), providers=CPU)
    ours = Recogniser(onnxruntime.InferenceSession(str(RECOGNISER), providers=CPU), 0.0, 1.0)
    assert (reference.input_mean, reference.input_std) == (0.0, 1.0)
    similarities, same_crop = [], []
    for image, _ours, (_boxes, landmarks) in detections:
        if not len(landmarks):
            continue
        reference_crops = [reference_norm_crop(bgr(image), points) for points in landmarks]
        expected = unit(reference.get_feat(reference_crops))
        got = unit(ours.embed([norm_crop(image, points) for points in landmarks]))
        similarities += list(np.sum(expected * got, axis=1))
        same = unit(ours.embed([Image.fromarray(crop[:, :, ::-1]) for crop in reference_crops]))
        same_crop += list(np.sum(expected * same, axis=1))
    assert len(similarities) > 100
    assert min(similarities) >= 0.99
    assert min(same_crop) >= 0.9999  # the same pixels in: the same normalisation, the same vector out


def unit(vectors: np.ndarray) -> np.ndarray:
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def test_input_normalisation_rule_matches_insightface(tmp_path: Path) -> None:
    """insightface feeds raw 0..255 to a graph that starts with Sub and Mul nodes; album reads the same
    from the file. A copy whose first nodes are renamed gets 127.5 / 127.5."""
    renamed = onnx.load(str(RECOGNISER))
    for node in renamed.graph.node[:2]:
        node.name = f"prep_{node.name}"
    plain = tmp_path / "plain.onnx"
    onnx.save(renamed, str(plain))
    for path, own in ((RECOGNISER, True), (plain, False)):
        reference = get_model(str(path), providers=CPU)
        assert (reference.input_mean == 0.0) is own
        assert graph_normalises_input(path) is own


def test_an_unknown_recogniser_described_by_a_sidecar(tmp_path: Path) -> None:
    """A recogniser album does not know by name, with a sidecar that gives its role but not its
    normalisation, embeds as the known file does: the graph says it normalises its own input."""
    faces = tmp_path / "models" / "faces"
    faces.mkdir(parents=True)
    shutil.copyfile(DETECTOR, faces / DETECTOR.name)
    shutil.copyfile(RECOGNISER, faces / "my_recogniser.onnx")
    (faces / "my_recogniser.json").write_text(json.dumps({"role": "recogniser", "same_person_distance": 0.6}))
    unknown = FaceAnalyzer(tmp_path / "models", allow_download=False)
    known = FaceAnalyzer(SHARED_MODELS, allow_download=False)
    image = rgb(SHARED_FACES / "group" / "two_people.jpg")
    got, expected = unknown.analyze(image), known.analyze(image)
    assert unknown.recogniser_spec is not None and unknown.recogniser_spec.input_mean is None
    assert len(got) == len(expected) == 2
    for a, b in zip(got, expected, strict=True):
        assert float(np.dot(a.embedding, b.embedding)) > 0.9999
