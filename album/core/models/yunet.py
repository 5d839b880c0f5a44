"""YuNet face detection (OpenCV Zoo, MIT) on onnxruntime and numpy, as ``cv2.FaceDetectorYN`` does it.

YuNet is anchor-free, unlike SCRFD (:mod:`.face_detect`): for every cell of strides 8, 16 and 32 it gives
a class and an objectness probability (the score is the square root of their product), a box as the
centre's offset in cells and the log of its size in cells, and 5 landmarks as offsets in cells. Its 12
outputs are named ``cls_8`` … ``kps_32``; OpenCV asks for them by name, and so does album. Around the
graph, OpenCV pads the BGR image (0..255, no mean or scale) at the bottom and right to multiples of 32,
and suppresses overlaps with ``dnn::NMSBoxes`` on boxes truncated to whole pixels. album repeats each
step (OpenCV's ``modules/objdetect/src/face_detect.cpp``), so the same graph finds the same faces:
``tests/core/models/test_yunet_reference.py`` holds the two side by side on real photos.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PIL import Image

from album.core.models.face_detect import Detections, fit

STRIDES = (8, 16, 32)
OUTPUTS = tuple(f"{kind}_{stride}" for kind in ("cls", "obj", "bbox", "kps") for stride in STRIDES)
DIVISOR = 32  # OpenCV pads the input to multiples of this
NMS_THRESHOLD = 0.3  # OpenCV Zoo's YuNet demo: overlaps above 0.3 IoU are one face
TOP_K = 5000  # OpenCV Zoo's demo: candidates kept for NMS, best first


def is_yunet(session: Any) -> bool:
    """Whether an onnxruntime session's graph has YuNet's outputs (the names OpenCV reads)."""
    return set(OUTPUTS) <= {o.name for o in session.get_outputs()}


class YuNetDetector:
    """One YuNet session, with the same ``detect`` as SCRFD's :class:`~.face_detect.Detector`.

    Args:
        session: an onnxruntime InferenceSession of a YuNet graph (see :func:`is_yunet`).
        size: the (width, height) box the image is scaled to fit, keeping its aspect; then, as OpenCV
            does, padded to multiples of 32 (not to the box: YuNet takes any size, and a 3:2 photo costs
            two thirds of a square).
        min_score: detections below this score are dropped (OpenCV's ``score_threshold``).
        nms_threshold, top_k: as OpenCV's ``FaceDetectorYN.create`` takes them.
    """

    def __init__(self, session: Any, size: tuple[int, int] = (640, 640), min_score: float = 0.9,
                 nms_threshold: float = NMS_THRESHOLD, top_k: int = TOP_K) -> None:  # fmt: skip
        if not is_yunet(session):
            raise ValueError(f"not a YuNet graph: it lacks the outputs {', '.join(OUTPUTS)}")
        self.session = session
        self.size = size
        self.min_score = min_score
        self.nms_threshold = nms_threshold
        self.top_k = top_k
        self.has_landmarks = True
        self._input = session.get_inputs()[0].name

    def detect(self, image: Image.Image) -> Detections:
        """Faces in an RGB image, best first, in the image's pixels."""
        pixels, scale = fit(image, self.size)
        found = self.detect_bgr(np.ascontiguousarray(pixels[:, :, ::-1]))
        assert found.landmarks is not None
        return Detections(found.boxes / scale, found.scores, found.landmarks / scale)

    def detect_bgr(self, pixels: np.ndarray) -> Detections:
        """Faces in an (H, W, 3) uint8 BGR array, as ``FaceDetectorYN.detect`` finds them on an image of
        that size (its input size set to the image's)."""
        height, width = pixels.shape[:2]
        padded_height, padded_width = (-(-side // DIVISOR) * DIVISOR for side in (height, width))
        blob = np.zeros((1, 3, padded_height, padded_width), np.float32)
        blob[0, :, :height, :width] = pixels.transpose(2, 0, 1)
        outputs = dict(zip(OUTPUTS, self.session.run(list(OUTPUTS), {self._input: blob}), strict=True))
        boxes, scores, landmarks = self._decode(outputs, padded_width, padded_height)
        if len(scores) > 1:  # OpenCV leaves a lone candidate as it is
            keep = opencv_nms(boxes, scores, self.min_score, self.nms_threshold, self.top_k)
            boxes, scores, landmarks = boxes[keep], scores[keep], landmarks[keep]
        corners = np.hstack([boxes[:, :2], boxes[:, :2] + boxes[:, 2:]])
        return Detections(corners.astype(np.float64), scores.astype(np.float64), landmarks.astype(np.float64))

    def _decode(self, outputs: dict[str, np.ndarray], width: int, height: int) -> tuple[np.ndarray, ...]:
        """Boxes (x, y, w, h), scores and landmarks (N, 5, 2) of the cells scoring at least ``min_score``,
        in OpenCV's order (stride by stride, row by row), in float32 as OpenCV computes them."""
        boxes, scores, points = [], [], []
        for stride in STRIDES:
            rows, cols = height // stride, width // stride
            cls = np.clip(outputs[f"cls_{stride}"].reshape(-1), 0.0, 1.0)
            obj = np.clip(outputs[f"obj_{stride}"].reshape(-1), 0.0, 1.0)
            score = np.sqrt(cls * obj)
            hit = np.flatnonzero(score >= self.min_score)
            cells = np.stack([hit % cols, hit // cols], axis=1).astype(np.float32)  # (c, r)
            bbox = outputs[f"bbox_{stride}"].reshape(-1, 4)[hit]
            size = np.exp(bbox[:, 2:]) * np.float32(stride)
            top_left = (cells + bbox[:, :2]) * np.float32(stride) - size / np.float32(2)
            boxes.append(np.hstack([top_left, size]))
            scores.append(score[hit])
            kps = outputs[f"kps_{stride}"].reshape(-1, 5, 2)[hit]
            points.append((kps + cells[:, np.newaxis, :]) * np.float32(stride))
            assert rows * cols == len(cls), f"YuNet gave {len(cls)} cells for stride {stride}, not {rows * cols}"
        return np.concatenate(boxes), np.concatenate(scores), np.concatenate(points)


def opencv_nms(boxes: np.ndarray, scores: np.ndarray, min_score: float, threshold: float, top_k: int) -> np.ndarray:
    """Indices kept by OpenCV's ``dnn::NMSBoxes`` on ``Rect2i`` boxes, best first.

    OpenCV truncates each (x, y, w, h) to whole pixels, takes the candidates scoring above ``min_score``
    sorted by score (ties in their order), keeps the first ``top_k``, and drops each box whose IoU with
    a kept one exceeds ``threshold`` (areas without the +1 pixel of insightface's variant).
    """
    rects = np.trunc(boxes).astype(np.int64)
    x1, y1 = rects[:, 0], rects[:, 1]
    x2, y2 = x1 + rects[:, 2], y1 + rects[:, 3]
    areas = rects[:, 2] * rects[:, 3]
    order = np.flatnonzero(scores > min_score)
    order = order[np.argsort(-scores[order], kind="stable")][:top_k]
    keep: list[int] = []
    for index in order:
        kept = np.array(keep, dtype=np.intp)
        w = np.maximum(0, np.minimum(x2[index], x2[kept]) - np.maximum(x1[index], x1[kept]))
        h = np.maximum(0, np.minimum(y2[index], y2[kept]) - np.maximum(y1[index], y1[kept]))
        inter = w * h
        union = areas[index] + areas[kept] - inter
        overlap = np.where(union > 0, inter / np.maximum(union, 1), 1.0)
        if not np.any(overlap > threshold):
            keep.append(int(index))
    return np.array(keep, dtype=np.intp)
