"""album's YuNet decoder and SFace preprocessing against OpenCV's FaceDetectorYN and FaceRecognizerSF.

OpenCV's classes are the reference implementation of OpenCV Zoo's pair. The detector runs the real YuNet
weights (../shared/models/faces/yunet_2026may.onnx, the 2023mar interface) on real photos through both
album's decoder (onnxruntime, numpy) and ``cv2.FaceDetectorYN`` (OpenCV's own DNN), on the same pixels.
A small graph with YuNet's interface (``yunet_like_graph``) checks the decoding where the real model
rarely goes (hundreds of overlapping candidates, the ``top_k`` cut). No SFace weights could be had
here, so the recogniser side is a small graph with SFace's interface
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
from album.core.models.face_detect import Detections, fit, letterbox
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


def opencv_faces(pixels: np.ndarray, min_score: float, model: Path = YUNET_WEIGHTS, top_k: int = TOP_K) -> np.ndarray:
    """``FaceDetectorYN.detect``'s (N, 15) rows: x, y, w, h, 5 landmarks, score."""
    height, width = pixels.shape[:2]
    detector = cv2.FaceDetectorYN.create(str(model), "", (width, height), min_score, NMS_THRESHOLD, top_k)
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


def yunet_like_graph(path: Path) -> None:
    """A graph with YuNet's input and 12 outputs (names, shapes, any image size) whose outputs follow the
    image: per stride, the mean colour of each cell through 1×1 convolutions — class from redness (R − G),
    objectness from brightness, fixed boxes about 3 cells wide nudged by the colour, landmarks likewise."""
    rng = np.random.default_rng(3)
    heads = {"cls": 1, "obj": 1, "bbox": 4, "kps": 10}
    weights, nodes, outputs = [], [], []
    for stride in (8, 16, 32):
        pooled = f"pool_{stride}"
        nodes.append(helper.make_node("AveragePool", ["input"], [pooled], kernel_shape=[stride] * 2, strides=[stride] * 2))
        for head, size in heads.items():
            weight, bias = rng.normal(0, 0.002, (size, 3, 1, 1)), rng.normal(0, 0.6, size)
            if head == "cls":  # input is BGR
                weight, bias = np.array([0.0, -0.05, 0.05]).reshape(1, 3, 1, 1), np.array([-6.0])
            elif head == "obj":
                weight, bias = np.full((1, 3, 1, 1), 0.01), np.array([-1.0])
            elif head == "bbox":
                bias = np.array([0.2, -0.1, np.log(3.0), np.log(3.5)])
            name = f"{head}_{stride}"
            weights += [numpy_helper.from_array(weight.astype(np.float32), f"{name}_w"),
                        numpy_helper.from_array(bias.astype(np.float32), f"{name}_b"),
                        numpy_helper.from_array(np.array([1, -1, size], np.int64), f"{name}_shape")]  # fmt: skip
            nodes.append(helper.make_node("Conv", [pooled, f"{name}_w", f"{name}_b"], [f"{name}_conv"]))
            last = f"{name}_conv"
            if head in ("cls", "obj"):
                nodes.append(helper.make_node("Sigmoid", [last], [f"{name}_sigmoid"]))
                last = f"{name}_sigmoid"
            nodes.append(helper.make_node("Transpose", [last], [f"{name}_nhwc"], perm=[0, 2, 3, 1]))
            nodes.append(helper.make_node("Reshape", [f"{name}_nhwc", f"{name}_shape"], [name]))
            outputs.append(helper.make_tensor_value_info(name, TensorProto.FLOAT, [1, "anchors", size]))
    image = helper.make_tensor_value_info("input", TensorProto.FLOAT, [1, 3, "height", "width"])
    graph = helper.make_graph(nodes, "yunet_like", [image], outputs, weights)
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 11)]), str(path))


@pytest.mark.parametrize("top_k", [TOP_K, 20])
def test_a_yunet_shaped_graph_decodes_as_opencv_does(tmp_path: Path, top_k: int) -> None:
    """Hundreds of overlapping candidates, and with ``top_k`` 20 the cut before NMS, on the same pixels."""
    model = tmp_path / "yunet_like.onnx"
    yunet_like_graph(model)
    detector = YuNetDetector(onnxruntime.InferenceSession(str(model), providers=CPU), SIZE, 0.5, top_k=top_k)
    total = 0
    for path in photos()[:12]:
        pixels = canvas_bgr(path)
        ours, reference = as_rows(detector.detect_bgr(pixels)), opencv_faces(pixels, 0.5, model, top_k)
        assert ours.shape == reference.shape, path.name
        np.testing.assert_allclose(ours, reference, atol=2e-3, err_msg=path.name)
        total += len(ours)
    assert total >= (100 if top_k == TOP_K else 30)


def test_odd_sizes_are_padded_to_multiples_of_32_as_opencv_does(yunet: onnxruntime.InferenceSession) -> None:
    image = Image.open(SHARED_FACES / "group" / "t1.jpg").convert("RGB").resize((517, 333))
    pixels = np.ascontiguousarray(np.asarray(image)[:, :, ::-1])
    ours = as_rows(YuNetDetector(yunet, SIZE, 0.9).detect_bgr(pixels))
    reference = opencv_faces(pixels, 0.9)
    assert len(reference) >= 4
    np.testing.assert_allclose(ours, reference, atol=2e-3)


def test_detect_maps_faces_back_to_the_photo(yunet: onnxruntime.InferenceSession) -> None:
    """A landscape photo is scaled to 640 wide and only padded to multiples of 32 (as OpenCV does with its
    input size set to the scaled photo's), not letterboxed into a square: the same faces, less work."""
    image = Image.open(SHARED_FACES / "group" / "t1.jpg").convert("RGB")
    assert image.width > image.height
    found = YuNetDetector(yunet, SIZE, 0.9).detect(image)
    pixels, scale = fit(image, SIZE)
    assert pixels.shape[1] == SIZE[0] and pixels.shape[0] < SIZE[1] - 32  # the work saved
    reference = opencv_faces(np.ascontiguousarray(pixels[:, :, ::-1]), 0.9)
    np.testing.assert_allclose(found.boxes[:, :2] * scale, reference[:, :2], atol=2e-3)
    assert found.boxes[:, 2].max() <= image.width + 1 and len(found.scores) == len(reference) >= 4
    square = opencv_faces(canvas_bgr(SHARED_FACES / "group" / "t1.jpg"), 0.9)
    assert len(square) == len(reference)  # the square canvas's padding found nothing more


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
