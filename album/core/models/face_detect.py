"""SCRFD face detection on onnxruntime, numpy and Pillow.

SCRFD (insightface's detector family: ``det_10g`` of buffalo_l, ``det_500m`` of buffalo_s) is a plain
ONNX graph; what insightface's ``SCRFD`` class adds around it is small and lives here: the letterbox
resize, the input normalisation, decoding the per-anchor distances into boxes and landmarks, and NMS.
The numbers follow that class exactly so the same model finds the same faces as in insightface and
Immich (``tests/core/models/test_faces_reference.py`` holds the two side by side).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from PIL import Image

INPUT_MEAN = 127.5  # SCRFD's training normalisation (insightface SCRFD.input_mean / input_std)
INPUT_STD = 128.0
NMS_THRESHOLD = 0.4  # insightface's default: overlaps above 0.4 IoU are one face
STRIDES = (8, 16, 32)  # the 3-level models (det_10g, det_500m, det_2.5g ...), 2 anchors per location
ANCHORS = 2


@dataclass
class Detections:
    """Faces found in one image, best score first, in the image's pixels.

    Attributes:
        boxes: (N, 4) x1, y1, x2, y2.
        scores: (N,).
        landmarks: (N, 5, 2) eyes, nose tip, mouth corners; None for a detector without them.
    """

    boxes: np.ndarray
    scores: np.ndarray
    landmarks: np.ndarray | None


def detector_outputs_ok(output_count: int) -> bool:
    """Whether a graph with this many outputs is a SCRFD detector album decodes: scores, boxes and
    (for 9) landmarks at 3 strides. insightface's router takes any graph with 5+ outputs for SCRFD and
    then misreads the ones it does not fit (YuNet's 12 outputs); album refuses them here (YuNet has
    its own decoder, :mod:`.yunet`, chosen by its output names)."""
    return output_count in (3 * 2, 3 * 3)


class Detector:
    """One SCRFD session.

    Args:
        session: an onnxruntime InferenceSession of a SCRFD graph (6 or 9 outputs).
        size: the (width, height) the image is letterboxed into; SCRFD models run at any multiple of 32.
        min_score: detections below this score are dropped.
    """

    def __init__(self, session: Any, size: tuple[int, int] = (640, 640), min_score: float = 0.5) -> None:
        outputs = session.get_outputs()
        if not detector_outputs_ok(len(outputs)):
            raise ValueError(f"{len(outputs)} outputs; a SCRFD detector has 6 or 9")
        self.session = session
        self.size = size
        self.min_score = min_score
        self.has_landmarks = len(outputs) == 9
        self._input = session.get_inputs()[0].name
        self._outputs = [o.name for o in outputs]
        self._centres = {stride: _anchor_centres(size, stride) for stride in STRIDES}

    def detect(self, image: Image.Image, max_faces: int = 0) -> Detections:
        """Faces in an RGB image; ``max_faces`` > 0 keeps the largest, most central ones (as insightface's
        ``max_num``)."""
        canvas, scale = letterbox(image, self.size)
        blob = canvas.transpose(2, 0, 1)[np.newaxis].astype(np.float32)  # NCHW, RGB as SCRFD was trained
        blob -= INPUT_MEAN
        blob /= INPUT_STD
        outputs = self.session.run(self._outputs, {self._input: blob})
        boxes, scores, landmarks = self._decode([o[0] if o.ndim == 3 else o for o in outputs])
        boxes /= scale
        if landmarks is not None:
            landmarks /= scale
        keep = nms(boxes, scores, NMS_THRESHOLD)
        found = Detections(boxes[keep], scores[keep], None if landmarks is None else landmarks[keep])
        if 0 < max_faces < len(keep):
            found = _most_prominent(found, image.size, max_faces)
        return found

    def _decode(self, outputs: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
        """Boxes, scores and landmarks above ``min_score``, best first, in letterboxed pixels."""
        levels = len(STRIDES)
        boxes, scores, points = [], [], []
        for level, stride in enumerate(STRIDES):
            level_scores = outputs[level][:, 0]
            hit = level_scores >= self.min_score
            centres = self._centres[stride][hit]
            distances = outputs[level + levels][hit] * stride
            boxes.append(np.hstack([centres - distances[:, :2], centres + distances[:, 2:]]))
            scores.append(level_scores[hit])
            if self.has_landmarks:
                offsets = (outputs[level + 2 * levels][hit] * stride).reshape(-1, 5, 2)
                points.append(centres[:, np.newaxis, :] + offsets)
        all_scores = np.concatenate(scores)
        order = np.argsort(-all_scores, kind="stable")
        landmarks = np.concatenate(points)[order] if self.has_landmarks else None
        return np.concatenate(boxes)[order], all_scores[order], landmarks


def fit(image: Image.Image, size: tuple[int, int]) -> tuple[np.ndarray, float]:
    """The image scaled to fit ``size`` keeping its aspect, as an (H, W, 3) uint8 array, and the scale.
    Sampled like ``cv2.resize`` (bilinear on pixel centres, no antialiasing), which is what SCRFD and
    YuNet saw in training and what insightface and OpenCV feed them. Pillow's resize antialiases when it
    shrinks (40 levels from OpenCV's on a 1024 px photo); its affine transform samples OpenCV's points.
    The cost: ~7 ms of CPU for 1024 px to 640 where OpenCV takes ~2."""
    width, height = size
    if image.height / image.width > height / width:
        new_height = height
        new_width = int(new_height / (image.height / image.width))
    else:
        new_width = width
        new_height = int(new_width * (image.height / image.width))
    coefficients = (image.width / new_width, 0.0, 0.0, 0.0, image.height / new_height, 0.0)
    resized = (image if image.mode == "RGB" else image.convert("RGB")).transform(
        (new_width, new_height), Image.Transform.AFFINE, coefficients, Image.Resampling.BILINEAR
    )
    return np.asarray(resized), new_height / image.height


def letterbox(image: Image.Image, size: tuple[int, int]) -> tuple[np.ndarray, float]:
    """The image :func:`fit` into ``size``, top-left on a black canvas of that size (SCRFD's graphs
    take a fixed input), and the scale."""
    pixels, scale = fit(image, size)
    canvas = np.zeros((size[1], size[0], 3), np.uint8)
    canvas[: pixels.shape[0], : pixels.shape[1]] = pixels
    return canvas, scale


def nms(boxes: np.ndarray, scores: np.ndarray, threshold: float) -> np.ndarray:
    """Indices of the boxes kept by greedy non-maximum suppression, best first (insightface's variant:
    areas count the +1 pixel, boxes overlapping a kept one by more than ``threshold`` IoU go)."""
    x1, y1, x2, y2 = boxes.T
    areas = (x2 - x1 + 1) * (y2 - y1 + 1)
    order = np.argsort(-scores, kind="stable")
    keep = []
    while order.size:
        best, rest = order[0], order[1:]
        keep.append(best)
        w = np.maximum(0.0, np.minimum(x2[best], x2[rest]) - np.maximum(x1[best], x1[rest]) + 1)
        h = np.maximum(0.0, np.minimum(y2[best], y2[rest]) - np.maximum(y1[best], y1[rest]) + 1)
        overlap = w * h / (areas[best] + areas[rest] - w * h)
        order = rest[overlap <= threshold]
    return np.array(keep, dtype=np.intp)


def _anchor_centres(size: tuple[int, int], stride: int) -> np.ndarray:
    """(x, y) of every anchor of one stride, row by row, each location repeated once per anchor."""
    ys, xs = np.mgrid[: size[1] // stride, : size[0] // stride]
    centres = np.stack([xs, ys], axis=-1).reshape(-1, 2).astype(np.float32) * stride
    return np.repeat(centres, ANCHORS, axis=0)


def _most_prominent(found: Detections, image_size: tuple[int, int], count: int) -> Detections:
    """The ``count`` faces with the largest area less twice their squared distance from the centre."""
    boxes = found.boxes
    area = (boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1])
    centre = np.array([image_size[0] // 2, image_size[1] // 2])
    offsets = (boxes[:, :2] + boxes[:, 2:]) / 2 - centre
    chosen = np.argsort(area - 2.0 * np.sum(offsets**2, axis=1))[::-1][:count]
    landmarks = None if found.landmarks is None else found.landmarks[chosen]
    return Detections(boxes[chosen], found.scores[chosen], landmarks)
