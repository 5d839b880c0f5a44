"""Face detection and recognition on onnxruntime: the models album knows and the analyser that runs them.

Models are plain ONNX files in ``models_dir/faces/`` (any depth): album recognises the files it knows
by name and takes each one's preprocessing and thresholds from :data:`FACE_MODELS` — a 512-d ArcFace
and a 128-d MobileFaceNet need different same-person distances. A model album does not know can be
described by a JSON file next to it (``<name>.json`` with the fields of :class:`FaceModelSpec`).
album runs them itself — SCRFD detection (:mod:`.face_detect`), 5-point alignment (:mod:`.face_align`)
and ArcFace-style recognition (:mod:`.face_recognise`) on numpy and Pillow — with the same numbers as
insightface's classes, which serve as the reference in the tests and are not needed at run time.
Without any models, insightface's standard ``buffalo_l`` pack is downloaded on first use from Immich's
copy on the hub (``immich-app/buffalo_l``: the same SCRFD-10G and ArcFace R50 files, as
``detection/model.onnx`` and ``recognition/model.onnx``), each file verified; offline,
:class:`~album.core.models.registry.ModelUnavailable` says what to put where. Its licence is
non-commercial, so that download waits for the user's agreement; the licence-clean pair, OpenCV Zoo's
YuNet detector (MIT, :mod:`.yunet`) and SFace recogniser (Apache-2.0), is offered next to it
(:data:`PACKS`). When both packs are installed, ``buffalo_l`` is used (higher rank: it is the more
accurate); removing it switches to the pair.
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

import numpy as np
from PIL import Image

from album.core.models.face_align import norm_crop
from album.core.models.face_detect import Detector, detector_outputs_ok
from album.core.models.face_recognise import (
    ARCFACE_MEAN,
    ARCFACE_STD,
    Recogniser,
    graph_normalises_input,
    recogniser_shape,
)
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
from album.core.models.yunet import YuNetDetector, is_yunet

log = logging.getLogger(__name__)

FaceDetector = Detector | YuNetDetector

INSIGHTFACE_LICENCE = "insightface model zoo: non-commercial research use only"
PACK = "buffalo_l"  # insightface's standard pack, the default for users (as in Immich)
PACK_REPO = "immich-app/buffalo_l"
PACK_REVISION = "main"
# The pack's files in Immich's layout are named model.onnx; these are the insightface names they carry
# in FACE_MODELS (and in model ids, so a library indexed with the zip's files does not re-index).
PACK_NAMES = {FACE_DETECTOR: "det_10g.onnx", FACE_RECOGNISER: "w600k_r50.onnx"}
DETECTION_SIZE = (640, 640)
OPENCV_PACK = "opencv_yunet_sface"  # the licence-clean pair, in models_dir/faces/opencv_yunet_sface/
YUNET = "face_detection_yunet_2023mar.onnx"  # the file names in OpenCV Zoo and its hub repositories
SFACE = "face_recognition_sface_2021dec.onnx"
OPENCV_LICENCE = "MIT (YuNet) and Apache-2.0 (SFace), OpenCV Zoo"


@dataclass(frozen=True)
class FacePack:
    """A detector and recogniser album can download together into ``models_dir/faces/<name>``."""

    name: str
    sources: tuple[HubSource, ...]
    licence: str
    opt_in: bool  # its licence restricts use: downloaded only when the user agrees


PACKS = {
    OPENCV_PACK: FacePack(OPENCV_PACK, (HubSource("opencv/face_detection_yunet", YUNET, "main"),
                                        HubSource("opencv/face_recognition_sface", SFACE, "main")),
                          OPENCV_LICENCE, opt_in=False),
    PACK: FacePack(PACK, tuple(HubSource(PACK_REPO, name, PACK_REVISION) for name in FACE_FILES),
                   INSIGHTFACE_LICENCE, opt_in=True),
}  # fmt: skip
"""The face packs album offers, licence-clean first; ``buffalo_l`` is what a first-use download fetches
(once its licence is accepted)."""


@dataclass(frozen=True)
class FaceModelSpec:
    """What album needs to know about one face model file.

    Attributes:
        role: "detector" or "recogniser".
        input_mean, input_std: recogniser input normalisation, ``(pixel - mean) / std`` on RGB 0..255;
            None (a sidecar that does not say) decides as insightface does: 0 and 1 for a graph that
            starts by normalising its own input, else 127.5 and 127.5
            (:func:`~album.core.models.face_recognise.graph_normalises_input`).
        min_score: detections below this score are dropped (detector).
        same_person_distance: cosine distance under which two faces are the same person (recogniser).
        licence: shown where users choose models.
    """

    role: str
    input_mean: float | None = None
    input_std: float | None = None
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
    # OpenCV Zoo's pair. YuNet: 0.9 is the zoo demo's score threshold (its NMS 0.3 is in .yunet).
    # SFace, 128-d: OpenCV's FaceRecognizerSF feeds it RGB 0..255 unnormalised (blobFromImage scale 1,
    # mean 0, swapRB) and calls cosine similarity >= 0.363 the same person (its sample, tuned on LFW),
    # i.e. distance <= 0.637. Clustering chains through neighbours, so album keeps a margin below that,
    # 0.6, as for MobileFaceNet. Neither was measured on real faces here (no SFace weights on this machine).
    YUNET: FaceModelSpec("detector", min_score=0.9, rank=1, licence="MIT (OpenCV Zoo)"),
    SFACE: FaceModelSpec("recogniser", 0.0, 1.0, same_person_distance=0.6, rank=1,
                         licence="Apache-2.0 (OpenCV Zoo)"),
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
    models_dir: Path,
    allow_download: bool = True,
    progress: DownloadProgress | None = None,
    cancel: threading.Event | None = None,
    pack: str | None = None,
) -> tuple[Path, Path]:
    """Detector and recogniser paths, downloading the ``buffalo_l`` pack if there are none.

    Models found are checked against their folder's manifest first; one that changed since it was
    verified is downloaded again if album knows its source.

    Args:
        pack: download this pack of :data:`PACKS` (if it is not complete yet) even when other face
            models are present; the paths returned are still the best models found.

    Raises:
        ModelUnavailable: no usable models and the download failed, or a model is damaged and cannot
            be fetched again.
    """
    found = find_face_models(models_dir)
    if found and pack is None:
        for folder in dict.fromkeys(model_folder(path)[0] for path in found):
            name = folder.name if folder.name in PACKS else "faces"
            ensure_model_files(name, folder, [], allow_download, progress, cancel)
        return found
    chosen = PACKS[pack or PACK]
    folder = models_dir / "faces" / chosen.name
    ensure_model_files(chosen.name, folder, chosen.sources, allow_download, progress, cancel)
    found = find_face_models(models_dir)
    if not found:
        raise ModelUnavailable(chosen.name, [s.path for s in chosen.sources], folder,
                               "the downloaded files are not face models album knows")  # fmt: skip
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
    packs = [name for name in PACKS if folders == {models_dir / "faces" / name}]
    name = packs[0] if packs else " + ".join(known_name(p) for p in found)
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
        return int(recogniser.embed([Image.new("RGB", (recogniser.size, recogniser.size))]).shape[1])

    @property
    def same_person_distance(self) -> float:
        assert self.recogniser_spec is not None
        return self.distance or self.recogniser_spec.same_person_distance

    @property
    def licences(self) -> list[str]:
        return sorted({s.licence for s in (self.detector_spec, self.recogniser_spec) if s is not None})

    def _sessions(self) -> tuple[FaceDetector, Recogniser]:
        sessions = getattr(self._local, "sessions", None)
        if sessions is None:
            assert self._paths is not None and self.detector_spec and self.recogniser_spec
            sessions = self._local.sessions = self._open(*self._paths)
        return sessions

    def _open(self, detector_path: Path, recogniser_path: Path) -> tuple[FaceDetector, Recogniser]:
        """Load both sessions and check each graph fits its role (a recogniser named like a detector
        must be a clear error, not a wrong answer)."""
        telemetry_off()
        import onnxruntime

        assert self.detector_spec and self.recogniser_spec
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = self.threads
        options.inter_op_num_threads = 1
        try:
            detector = onnxruntime.InferenceSession(str(detector_path), options, providers=["CPUExecutionProvider"])
            recogniser = onnxruntime.InferenceSession(str(recogniser_path), options, providers=["CPUExecutionProvider"])
        except Exception as exc:  # onnxruntime raises its own exception types for broken files
            raise ModelUnavailable("faces", [detector_path.name, recogniser_path.name], detector_path.parent,
                                   f"cannot load: {exc}") from exc  # fmt: skip

        def wrong_role(path: Path, reason: str) -> ModelUnavailable:
            return ModelUnavailable("faces", [path.name], path.parent, f"{path.name} {reason}")

        outputs = len(detector.get_outputs())
        if not is_yunet(detector) and not detector_outputs_ok(outputs):
            raise wrong_role(detector_path, f"is not a face detector ({outputs} outputs; SCRFD has 6 or 9, YuNet 12)")
        if not is_yunet(detector) and outputs != 9:
            raise wrong_role(detector_path, "gives no face landmarks, which album needs to align faces")
        if recogniser_shape(recogniser) is None:
            raise wrong_role(recogniser_path, "is not a face recogniser (one square image in, one (N, D) vector out)")
        mean, std = self.recogniser_spec.input_mean, self.recogniser_spec.input_std
        if mean is None or std is None:
            own = graph_normalises_input(recogniser_path)
            mean = mean if mean is not None else (0.0 if own else ARCFACE_MEAN)
            std = std if std is not None else (1.0 if own else ARCFACE_STD)
        min_score = self.detector_spec.min_score
        found: FaceDetector = (YuNetDetector(detector, DETECTION_SIZE, min_score) if is_yunet(detector)
                               else Detector(detector, DETECTION_SIZE, min_score))  # fmt: skip
        return found, Recogniser(recogniser, mean, std)

    def analyze(self, image: Image.Image) -> list[Face]:
        """All faces in an upright RGB image (the pipeline's reduced decode), best first."""
        self.load()
        detector, recogniser = self._sessions()
        width, height = image.size
        if min(width, height) < 8:
            return []
        image = image.convert("RGB")
        found = detector.detect(image)
        assert found.landmarks is not None  # _open refuses detectors without landmarks
        min_side = self.min_face_fraction * max(width, height)
        sides = np.minimum(found.boxes[:, 2] - found.boxes[:, 0], found.boxes[:, 3] - found.boxes[:, 1])
        keep = [i for i in range(len(sides)) if sides[i] >= min_side]
        if not keep:
            return []
        crops = [norm_crop(image, found.landmarks[i], recogniser.size) for i in keep]
        embeddings = recogniser.embed(crops)
        embeddings = embeddings / np.maximum(np.linalg.norm(embeddings, axis=1, keepdims=True), 1e-12)
        faces = []
        for i, crop, embedding in zip(keep, crops, embeddings, strict=True):
            x1, y1, x2, y2 = (float(v) for v in found.boxes[i])
            bbox = (max(0.0, x1 / width), max(0.0, y1 / height), min(1.0, x2 / width), min(1.0, y2 / height))
            points = [(float(x) / width, float(y) / height) for x, y in found.landmarks[i]]
            buffer = io.BytesIO()
            crop.save(buffer, "JPEG", quality=85)
            faces.append(Face(bbox, float(found.scores[i]), points, embedding.astype(np.float32), buffer.getvalue()))
        return sorted(faces, key=lambda f: -f.score)
