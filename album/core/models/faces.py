"""Face detection and recognition with insightface on onnxruntime.

Models are plain ONNX files in ``models_dir/faces/`` (any depth): album recognises the files it knows
by name and takes each one's preprocessing and thresholds from :data:`FACE_MODELS` — a 512-d ArcFace
and a 128-d MobileFaceNet need different same-person distances. A model album does not know can be
described by a JSON file next to it (``<name>.json`` with the fields of :class:`FaceModelSpec`).
insightface's own classes run them (SCRFD for detection, ArcFaceONNX with 5-point ``norm_crop``
alignment for recognition). Without any models, insightface's standard ``buffalo_l`` pack is
downloaded on first use from Immich's copy on the hub (``immich-app/buffalo_l``: the same SCRFD-10G and
ArcFace R50 files, as ``detection/model.onnx`` and ``recognition/model.onnx``), each file verified;
offline, :class:`~album.core.models.registry.ModelUnavailable` says what to put where.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from album.core.models.hub import HubSource
from album.core.models.layout import FACE_DETECTOR, FACE_FILES, FACE_RECOGNISER
from album.core.models.manifest import read_manifest, write_manifest
from album.core.models.registry import (
    DownloadProgress,
    ModelStatus,
    ModelUnavailable,
    ensure_model_files,
    telemetry_off,
)

log = logging.getLogger(__name__)

INSIGHTFACE_LICENCE = "insightface model zoo: non-commercial research use only"
PACK = "buffalo_l"  # insightface's standard pack, the default for users (as in Immich)
PACK_REPO = "immich-app/buffalo_l"
PACK_REVISION = "main"
# The pack's files in Immich's layout are named model.onnx; these are the insightface names they carry
# in FACE_MODELS (and in model ids, so a library indexed with the zip's files does not re-index).
PACK_NAMES = {FACE_DETECTOR: "det_10g.onnx", FACE_RECOGNISER: "w600k_r50.onnx"}
DETECTION_SIZE = (640, 640)


@dataclass(frozen=True)
class FaceModelSpec:
    """What album needs to know about one face model file.

    Attributes:
        role: "detector" or "recogniser".
        input_mean, input_std: recogniser input normalisation, ``(pixel - mean) / std`` on RGB 0..255.
        min_score: detections below this score are dropped (detector).
        same_person_distance: cosine distance under which two faces are the same person (recogniser).
        licence: shown where users choose models.
    """

    role: str
    input_mean: float = 127.5
    input_std: float = 127.5
    min_score: float = 0.7
    same_person_distance: float = 0.5
    licence: str = INSIGHTFACE_LICENCE
    rank: int = 0  # when several are present, the highest rank is used


FACE_MODELS: dict[str, FaceModelSpec] = {
    # buffalo_l: SCRFD-10G detector and ArcFace R50 (WebFace600K) recogniser, 512-d. Immich's defaults.
    "det_10g.onnx": FaceModelSpec("detector", min_score=0.7, rank=2),
    "w600k_r50.onnx": FaceModelSpec("recogniser", 127.5, 127.5, same_person_distance=0.5, rank=2),
    # buffalo_s/sc detector: SCRFD-500M, smaller, lower scores for the same faces.
    "det_500m.onnx": FaceModelSpec("detector", min_score=0.6, rank=1),
    # MobileFaceNet 128-d, ImageNet mean/std built into the graph: it takes raw RGB 0..255.
    # Same-person cosine similarity is mostly > 0.3, different people mostly < 0.2 (its README), i.e.
    # distances < 0.7 vs > 0.8. Clustering chains through neighbours, so the threshold keeps a margin
    # below the different-person range: 0.6.
    "mobilefacenet_rgb255.onnx": FaceModelSpec(
        "recogniser", 0.0, 1.0, same_person_distance=0.6, rank=1,
        licence="code Apache-2.0; trained on MS-Celeb-1M (research terms)",
    ),
}  # fmt: skip


@dataclass
class Face:
    """One detected face. ``bbox`` is (x1, y1, x2, y2) as fractions of the upright photo's size."""

    bbox: tuple[float, float, float, float]
    score: float
    landmarks: list[tuple[float, float]]  # 5 points, same fractions
    embedding: np.ndarray  # L2-normalised
    thumb: bytes  # JPEG of the aligned face crop


def _pack_file(path: Path) -> str | None:
    """``detection/model.onnx`` or ``recognition/model.onnx`` if ``path`` is one in a buffalo_l folder."""
    relative = "/".join(path.parts[-2:])
    return relative if relative in PACK_NAMES and path.parents[1].name == PACK else None


def known_name(path: Path) -> str:
    """The file name album knows the model by: its own, or the insightface one for a pack file."""
    pack_file = _pack_file(path)
    return PACK_NAMES[pack_file] if pack_file else path.name


def model_folder(path: Path) -> tuple[Path, str]:
    """The folder whose manifest records ``path``, and the path's name in it: the pack's folder for
    Immich's layout, else the file's own folder."""
    pack_file = _pack_file(path)
    return (path.parents[1], pack_file) if pack_file else (path.parent, path.name)


def _spec_for(path: Path) -> FaceModelSpec | None:
    sidecar = path.with_suffix(".json")
    if sidecar.is_file():
        try:
            data = json.loads(sidecar.read_text(encoding="utf-8"))
            known = {f.name for f in fields(FaceModelSpec)}
            return FaceModelSpec(**{k: v for k, v in data.items() if k in known})
        except (OSError, ValueError, TypeError) as exc:
            log.warning("ignoring unreadable %s: %s", sidecar, exc)
    return FACE_MODELS.get(known_name(path))


def find_face_models(models_dir: Path) -> tuple[Path, Path] | None:
    """The best detector and recogniser under ``models_dir/faces``, or None if either is missing."""
    best: dict[str, tuple[int, Path]] = {}
    for path in sorted((models_dir / "faces").rglob("*.onnx")):
        spec = _spec_for(path)
        if spec is not None and (spec.role not in best or spec.rank > best[spec.role][0]):
            best[spec.role] = (spec.rank, path)
    if "detector" in best and "recogniser" in best:
        return best["detector"][1], best["recogniser"][1]
    return None


def ensure_face_models(
    models_dir: Path, allow_download: bool = True, progress: DownloadProgress | None = None
) -> tuple[Path, Path]:
    """Detector and recogniser paths, downloading the ``buffalo_l`` pack if there are none.

    Models found are checked against their folder's manifest first; one that changed since it was
    verified is downloaded again if album knows its source.

    Raises:
        ModelUnavailable: no usable models and the download failed, or a model is damaged and cannot
            be fetched again.
    """
    found = find_face_models(models_dir)
    if found:
        for folder in dict.fromkeys(model_folder(path)[0] for path in found):
            ensure_model_files(folder.name if folder.name == PACK else "faces", folder, [], allow_download, progress)
        return found
    folder = models_dir / "faces" / PACK
    sources = [HubSource(PACK_REPO, name, PACK_REVISION) for name in FACE_FILES]
    ensure_model_files(PACK, folder, sources, allow_download, progress)
    found = find_face_models(models_dir)
    if not found:
        raise ModelUnavailable(PACK, list(FACE_FILES), folder, "the downloaded files are not face models album knows")
    return found


def remember_face_models(paths: Sequence[Path]) -> None:
    """Record models that loaded in their folder's manifest, if it lacks them (models placed by hand),
    so later starts notice when they change."""
    for path in paths:
        folder, name = model_folder(path)
        if name not in (read_manifest(folder) or {}):
            write_manifest(folder, [name])


def face_models(models_dir: Path) -> ModelStatus:
    """The face models album would use, or the pack it would download."""
    found = find_face_models(models_dir)
    if found is None:
        return ModelStatus("faces", PACK, False, models_dir / "faces" / PACK, INSIGHTFACE_LICENCE,
                           "downloads on first use (~280 MB)")  # fmt: skip
    specs = [_spec_for(p) for p in found]
    licences = sorted({s.licence for s in specs if s is not None})
    folders = {model_folder(p)[0] for p in found}
    name = PACK if folders == {models_dir / "faces" / PACK} else " + ".join(known_name(p) for p in found)
    return ModelStatus("faces", name, True, model_folder(found[0])[0], "; ".join(licences),
                       "detector + recogniser")  # fmt: skip


class FaceAnalyzer:
    """Detects faces and computes their embeddings. Thread-safe: each thread gets its own sessions.

    Args:
        models_dir: the models directory.
        threads: onnxruntime intra-op threads per session; 1 suits one session per decode thread.
        min_face_fraction: faces whose short side is below this fraction of the photo's long side
            are ignored (too small to recognise reliably).
        distance: the user's same-person distance; 0 keeps the recogniser's own (FACE_MODELS).
    """

    def __init__(self, models_dir: Path, threads: int = 1, allow_download: bool = True,
                 min_face_fraction: float = 0.02, distance: float = 0.0) -> None:  # fmt: skip
        self.models_dir = models_dir
        self.distance = distance
        self.threads = threads
        self.allow_download = allow_download
        self.min_face_fraction = min_face_fraction
        self.detector_spec: FaceModelSpec | None = None
        self.recogniser_spec: FaceModelSpec | None = None
        self.model_id = ""
        self._paths: tuple[Path, Path] | None = None
        self._local = threading.local()
        self._lock = threading.Lock()

    def load(self, progress: DownloadProgress | None = None) -> None:
        """Find (or download) the models and check they load. Raises ModelUnavailable."""
        with self._lock:
            if self._paths is not None:
                return
            detector, recogniser = ensure_face_models(self.models_dir, self.allow_download, progress)
            self.detector_spec, self.recogniser_spec = _spec_for(detector), _spec_for(recogniser)
            digest = hashlib.blake2b(digest_size=4)
            for path in (detector, recogniser):
                digest.update(known_name(path).encode() + str(path.stat().st_size).encode())
            names = (Path(known_name(detector)).stem, Path(known_name(recogniser)).stem)
            self.model_id = f"{names[0]}+{names[1]}@{digest.hexdigest()}"
            self._paths = (detector, recogniser)
        self._sessions()
        remember_face_models(self._paths)

    def embedding_dim(self) -> int:
        """The recogniser's embedding size (512 for ArcFace R50, 128 for MobileFaceNet)."""
        _detector, recogniser = self._sessions()
        return int(recogniser.get_feat([np.zeros((112, 112, 3), np.uint8)]).shape[1])

    @property
    def same_person_distance(self) -> float:
        assert self.recogniser_spec is not None
        return self.distance or self.recogniser_spec.same_person_distance

    @property
    def licences(self) -> list[str]:
        return sorted({s.licence for s in (self.detector_spec, self.recogniser_spec) if s is not None})

    def _sessions(self) -> tuple[Any, Any]:
        sessions = getattr(self._local, "sessions", None)
        if sessions is None:
            telemetry_off()
            import onnxruntime
            from insightface.model_zoo import get_model

            assert self._paths is not None and self.detector_spec and self.recogniser_spec
            options = onnxruntime.SessionOptions()
            options.intra_op_num_threads = self.threads
            options.inter_op_num_threads = 1
            kwargs = {"providers": ["CPUExecutionProvider"], "sess_options": options}
            detector_path, recogniser_path = self._paths
            try:
                detector = get_model(str(detector_path), **kwargs)
                recogniser = get_model(str(recogniser_path), **kwargs)
            except Exception as exc:  # onnxruntime raises its own exception types for broken files
                raise ModelUnavailable("faces", [p.name for p in self._paths], detector_path.parent,
                                       f"cannot load: {exc}") from exc  # fmt: skip
            # insightface's router picks a class by the graph's inputs and outputs: a file in the wrong
            # role (a recogniser named like a detector) comes back as the wrong class, or none.
            roles = ((detector_path, detector, "face detector", "detect"),
                     (recogniser_path, recogniser, "face recogniser", "get_feat"))  # fmt: skip
            for path, model, role, method in roles:
                if not hasattr(model, method):
                    found = type(model).__name__ if model is not None else "not a model insightface knows"
                    raise ModelUnavailable("faces", [path.name], path.parent,
                                           f"{path.name} is not a {role} ({found})")  # fmt: skip
            detector.prepare(ctx_id=-1, input_size=DETECTION_SIZE, det_thresh=self.detector_spec.min_score)
            recogniser.input_mean = self.recogniser_spec.input_mean  # from album's config, not guessed
            recogniser.input_std = self.recogniser_spec.input_std
            sessions = self._local.sessions = (detector, recogniser)
        return sessions

    def analyze(self, image: Image.Image) -> list[Face]:
        """All faces in an upright RGB image (the pipeline's reduced decode), best first."""
        from insightface.utils.face_align import norm_crop

        self.load()
        detector, recogniser = self._sessions()
        width, height = image.size
        if min(width, height) < 8:
            return []
        bgr = np.ascontiguousarray(np.asarray(image.convert("RGB"))[:, :, ::-1])
        boxes, landmarks = detector.detect(bgr, input_size=DETECTION_SIZE, max_num=0)
        min_side = self.min_face_fraction * max(width, height)
        keep = [i for i, b in enumerate(boxes) if min(b[2] - b[0], b[3] - b[1]) >= min_side]
        if not keep:
            return []
        crops = [norm_crop(bgr, landmark=landmarks[i], image_size=112) for i in keep]
        embeddings = recogniser.get_feat(crops)
        embeddings = embeddings / np.maximum(np.linalg.norm(embeddings, axis=1, keepdims=True), 1e-12)
        faces = []
        for i, crop, embedding in zip(keep, crops, embeddings, strict=True):
            x1, y1, x2, y2, score = (float(v) for v in boxes[i])
            bbox = (max(0.0, x1 / width), max(0.0, y1 / height), min(1.0, x2 / width), min(1.0, y2 / height))
            points = [(float(x) / width, float(y) / height) for x, y in landmarks[i]]
            buffer = io.BytesIO()
            Image.fromarray(crop[:, :, ::-1]).save(buffer, "JPEG", quality=85)
            faces.append(Face(bbox, score, points, embedding.astype(np.float32), buffer.getvalue()))
        return sorted(faces, key=lambda f: -f.score)
