"""album's YuNet decoder and SFace preprocessing against OpenCV's FaceDetectorYN and FaceRecognizerSF.

OpenCV's classes are the reference implementation of OpenCV Zoo's pair. The detector runs the real YuNet
weights (../shared/models/faces/yunet_2026may.onnx, the 2023mar interface) on real photos through both
album's decoder (onnxruntime, numpy) and ``cv2.FaceDetectorYN`` (OpenCV's own DNN), on the same pixels.
No SFace weights could be had here, so the recogniser side is a small graph with SFace's interface
(``data`` [1,3,112,112] -> ``fc1`` [1,128]): enough to check that album aligns the crop as
``alignCrop`` does and feeds the graph the blob ``feature`` builds, not that SFace recognises anyone.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import cv2
import numpy as np
import onnx
import onnxruntime
import pytest
from onnx import TensorProto, helper, numpy_helper
from PIL import Image
from shared_data import SHARED_FACES, SHARED_MODELS, needs_face_data

from album.core.models.face_align import norm_crop
from album.core.models.face_detect import Detections, letterbox
from album.core.models.face_recognise import Recogniser
from album.core.models.faces import FACE_MODELS, OPENCV_PACK, SFACE, YUNET, FaceAnalyzer, find_face_models
from album.core.models.yunet import NMS_THRESHOLD, TOP_K, YuNetDetector

YUNET_WEIGHTS = SHARED_MODELS / "faces" / "yunet_2026may.onnx"
pytestmark = [
    needs_face_data,
    pytest.mark.skipif(not YUNET_WEIGHTS.is_file(), reason="needs ../shared/models/faces/yunet_2026may.onnx"),
]
SIZE = (640, 640)
CPU = ["CPUExecutionProvider"]


def photos() -> list[Path]:
    """Group photos, hard ones, ones without faces, and one photo of a few people."""
    chosen = [p for folder in ("group", "misc", "noface") for p in sorted((SHARED_FACES / folder).iterdir())]
    return chosen + [sorted(person.iterdir())[0] for person in sorted((SHARED_FACES / "people").iterdir())[:6]]


def canvas_bgr(path: Path) -> np.ndarray:
    """The photo letterboxed into 640×640 as album does, as the BGR array OpenCV takes."""
    canvas, _scale = letterbox(Image.open(path).convert("RGB"), SIZE)
    return np.ascontiguousarray(canvas[:, :, ::-1])


def opencv_faces(pixels: np.ndarray, min_score: float) -> np.ndarray:
    """``FaceDetectorYN.detect``'s (N, 15) rows: x, y, w, h, 5 landmarks, score."""
    height, width = pixels.shape[:2]
    detector = cv2.FaceDetectorYN.create(str(YUNET_WEIGHTS), "", (width, height), min_score, NMS_THRESHOLD, TOP_K)
    _ok, faces = detector.detect(pixels)
    return np.zeros((0, 15), np.float32) if faces is None else faces


def as_rows(found: Detections) -> np.ndarray:
    """album's detections in OpenCV's row layout."""
    assert found.landmarks is not None
    sizes = found.boxes[:, 2:] - found.boxes[:, :2]
    return np.hstack([found.boxes[:, :2], sizes, found.landmarks.reshape(-1, 10), found.scores[:, np.newaxis]])


@pytest.fixture(scope="module")
def yunet() -> onnxruntime.InferenceSession:
    return onnxruntime.InferenceSession(str(YUNET_WEIGHTS), providers=CPU)


@pytest.mark.parametrize("min_score", [FACE_MODELS[YUNET].min_score, 0.3])
def test_yunet_finds_what_opencv_finds_on_real_photos(yunet: onnxruntime.InferenceSession, min_score: float) -> None:
    """Same faces, in the same order, with the same boxes, landmarks and scores; 0.3 lets many
    overlapping candidates through, so NMS has work to do."""
    detector = YuNetDetector(yunet, SIZE, min_score)
    total = 0
    for path in photos():
        pixels = canvas_bgr(path)
        ours, reference = as_rows(detector.detect_bgr(pixels)), opencv_faces(pixels, min_score)
        assert ours.shape == reference.shape, path.name
        np.testing.assert_allclose(ours, reference, atol=2e-3, err_msg=path.name)
        total += len(ours)
    assert total >= (14 if min_score > 0.5 else 20)


def test_odd_sizes_are_padded_to_multiples_of_32_as_opencv_does(yunet: onnxruntime.InferenceSession) -> None:
    image = Image.open(SHARED_FACES / "group" / "t1.jpg").convert("RGB").resize((517, 333))
    pixels = np.ascontiguousarray(np.asarray(image)[:, :, ::-1])
    ours = as_rows(YuNetDetector(yunet, SIZE, 0.9).detect_bgr(pixels))
    reference = opencv_faces(pixels, 0.9)
    assert len(reference) >= 4
    np.testing.assert_allclose(ours, reference, atol=2e-3)


def test_detect_maps_faces_back_to_the_photo(yunet: onnxruntime.InferenceSession) -> None:
    image = Image.open(SHARED_FACES / "group" / "t1.jpg").convert("RGB")
    found = YuNetDetector(yunet, SIZE, 0.9).detect(image)
    scale = letterbox(image, SIZE)[1]
    reference = opencv_faces(canvas_bgr(SHARED_FACES / "group" / "t1.jpg"), 0.9)
    np.testing.assert_allclose(found.boxes[:, :2] * scale, reference[:, :2], atol=2e-3)
    assert found.boxes[:, 2].max() <= image.width + 1 and len(found.scores) == len(reference) >= 4


# -- SFace ---------------------------------------------------------------------------------------------
def sface_like_graph(path: Path) -> None:
    """A graph with SFace 2021dec's interface whose output depends on every pixel: a strided convolution
    and a dense layer, fixed random weights."""
    rng = np.random.default_rng(7)
    conv = numpy_helper.from_array(rng.normal(0, 0.01, (8, 3, 8, 8)).astype(np.float32), "conv_w")
    dense = numpy_helper.from_array(rng.normal(0, 0.01, (8 * 14 * 14, 128)).astype(np.float32), "dense_w")
    nodes = [
        helper.make_node("Conv", ["data", "conv_w"], ["c"], strides=[8, 8]),
        helper.make_node("Relu", ["c"], ["r"]),
        helper.make_node("Flatten", ["r"], ["f"]),
        helper.make_node("MatMul", ["f", "dense_w"], ["fc1"]),
    ]
    graph = helper.make_graph(
        nodes, "sface_like",
        [helper.make_tensor_value_info("data", TensorProto.FLOAT, [1, 3, 112, 112])],
        [helper.make_tensor_value_info("fc1", TensorProto.FLOAT, [1, 128])],
        [conv, dense],
    )  # fmt: skip
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 11)]), str(path))


@pytest.fixture(scope="module")
def sface(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sface") / SFACE
    sface_like_graph(path)
    return path


@pytest.fixture(scope="module")
def faces_with_landmarks(yunet: onnxruntime.InferenceSession) -> list[tuple[Image.Image, np.ndarray]]:
    """(photo, one face's 5 landmarks) for every face YuNet finds in the group photos."""
    detector = YuNetDetector(yunet, SIZE, 0.9)
    found = []
    for path in sorted((SHARED_FACES / "group").iterdir()):
        image = Image.open(path).convert("RGB")
        detections = detector.detect(image)
        assert detections.landmarks is not None
        found += [(image, points) for points in detections.landmarks]
    assert len(found) >= 10
    return found


def test_aligned_crops_match_opencv_align_crop(sface: Path, faces_with_landmarks: list) -> None:
    """The two resample with different rounding: a level here and there, never a different crop."""
    reference = cv2.FaceRecognizerSF.create(str(sface), "")
    for image, points in faces_with_landmarks:
        face_row = np.zeros((1, 15), np.float32)
        face_row[0, 4:14] = points.reshape(-1)
        expected = reference.alignCrop(np.ascontiguousarray(np.asarray(image)[:, :, ::-1]), face_row)[:, :, ::-1]
        ours = np.asarray(norm_crop(image, points, 112)).astype(np.int16)
        difference = np.abs(ours - expected.astype(np.int16))
        assert difference.mean() < 0.6 and np.percentile(difference, 99) <= 3


def test_recogniser_feeds_sface_the_blob_opencv_builds(sface: Path, faces_with_landmarks: list) -> None:
    spec = FACE_MODELS[SFACE]
    assert spec.input_mean is not None and spec.input_std is not None
    ours = Recogniser(onnxruntime.InferenceSession(str(sface), providers=CPU), spec.input_mean, spec.input_std)
    reference = cv2.FaceRecognizerSF.create(str(sface), "")
    crops = [norm_crop(image, points, 112) for image, points in faces_with_landmarks[:4]]
    expected = np.vstack([reference.feature(np.ascontiguousarray(np.asarray(c)[:, :, ::-1])) for c in crops])
    embeddings = ours.embed(crops)  # a batch of 4 through a graph that takes 1 at a time
    np.testing.assert_allclose(embeddings, expected, rtol=1e-4, atol=1e-5)
    assert np.abs(embeddings[0] - embeddings[1]).max() > 1e-3  # different faces, different vectors


def test_analyzer_runs_the_opencv_pack(sface: Path, tmp_path: Path) -> None:
    """The pair as a download leaves it: album finds, loads and runs it, with the pair's thresholds."""
    folder = tmp_path / "models" / "faces" / OPENCV_PACK
    folder.mkdir(parents=True)
    shutil.copyfile(YUNET_WEIGHTS, folder / YUNET)  # the shared copy has the hub file's interface
    shutil.copyfile(sface, folder / SFACE)
    analyzer = FaceAnalyzer(tmp_path / "models", allow_download=False)
    analyzer.load()
    assert find_face_models(tmp_path / "models") == (folder / YUNET, folder / SFACE)
    faces = analyzer.analyze(Image.open(SHARED_FACES / "group" / "t1.jpg").convert("RGB"))
    assert len(faces) >= 4 and all(f.score >= 0.9 for f in faces)  # 4 of its 6 faces score 0.9 or more
    assert all(f.embedding.shape == (128,) and abs(float(np.linalg.norm(f.embedding)) - 1) < 1e-5 for f in faces)
    assert analyzer.same_person_distance == 0.6
    assert analyzer.licences == ["Apache-2.0 (OpenCV Zoo)", "MIT (OpenCV Zoo)"]
    assert analyzer.model_id.startswith("face_detection_yunet_2023mar+face_recognition_sface_2021dec@")
