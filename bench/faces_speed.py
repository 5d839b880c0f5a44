"""Face detection ms/photo and embedding ms/face: album's numpy + Pillow code against insightface's classes.

Usage: python bench/faces_speed.py [--models ../shared/models] [--faces ../shared/faces] [--threads 1] [--rounds 3]

Both run the same ONNX files on onnxruntime with the same thread settings (one intra-op thread is what
the indexer gives each decode thread). Photos are reduced to 1024 px as the faces step decodes them.
Times are the process's CPU time (with one intra-op thread, the work itself; a busy machine stretches
wall time but not this), photo by photo interleaved, medians printed; ``--wall`` for wall-clock time.
Embedding time is per face and includes the alignment (album: Pillow warp; insightface: cv2 norm_crop).
insightface is the test extra's reference; without it only album's figures are printed.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import onnxruntime
from PIL import Image

from album.core.models.face_align import norm_crop
from album.core.models.face_detect import Detector
from album.core.models.face_recognise import Recogniser

SHARED = Path(__file__).resolve().parents[2] / "shared"
SIZE = (640, 640)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--models", type=Path, default=SHARED / "models")
    parser.add_argument("--faces", type=Path, default=SHARED / "faces")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--wall", action="store_true", help="wall-clock time instead of CPU time")
    args = parser.parse_args()
    global clock
    clock = time.perf_counter if args.wall else time.process_time
    detector_path = args.models / "faces" / "det_500m.onnx"
    recogniser_path = args.models / "faces" / "mobilefacenet_rgb255.onnx"
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = args.threads
    options.inter_op_num_threads = 1

    def session(path: Path) -> Any:
        return onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])

    detector = Detector(session(detector_path), SIZE, 0.6)
    recogniser = Recogniser(session(recogniser_path), 0.0, 1.0)
    reference = load_reference(detector_path, recogniser_path, options)
    images = load_photos(args.faces)
    times: dict[str, list[float]] = {"album detect": [], "album embed": [], "insightface detect": [],
                                     "insightface embed": []}  # fmt: skip
    faces = 0
    for _ in range(args.rounds):
        for image in images:
            faces += run_album(detector, recogniser, image, times)
            if reference is not None:
                run_reference(*reference, image, times)
    print(f"{len(images)} photos x {args.rounds} rounds, {faces // args.rounds} faces, "
          f"onnxruntime {onnxruntime.__version__}, {args.threads} intra-op thread(s), "
          f"{'wall' if args.wall else 'CPU'} time")  # fmt: skip
    for name, values in times.items():
        if values:
            unit = "photo" if "detect" in name else "face"
            print(f"{name:20s} median {1000 * statistics.median(values):6.1f} ms/{unit}  "
                  f"mean {1000 * statistics.fmean(values):6.1f}")  # fmt: skip


clock = time.process_time


def run_album(detector: Detector, recogniser: Recogniser, image: Image.Image, times: dict[str, list[float]]) -> int:
    """Time album's detection of one photo and its alignment + embedding per face; the number of faces."""
    found = detector.detect(image)
    times["album detect"].append(timed(lambda: detector.detect(image)))
    if found.landmarks is not None and len(found.boxes):
        crops = found.landmarks
        embed = timed(lambda: recogniser.embed([norm_crop(image, points) for points in crops]))
        times["album embed"].append(embed / len(crops))
    return len(found.boxes)


def run_reference(
    detector: Any, recogniser: Any, align: Any, image: Image.Image, times: dict[str, list[float]]
) -> None:
    """The same with insightface's classes, on the BGR array they take."""
    bgr = np.ascontiguousarray(np.asarray(image)[:, :, ::-1])
    times["insightface detect"].append(timed(lambda: detector.detect(bgr, input_size=SIZE, max_num=0)))
    _boxes, landmarks = detector.detect(bgr, input_size=SIZE, max_num=0)
    if len(landmarks):
        embed = timed(lambda: recogniser.get_feat([align(bgr, points) for points in landmarks]))
        times["insightface embed"].append(embed / len(landmarks))


def timed(call: Callable[[], object]) -> float:
    started = clock()
    call()
    return clock() - started


def load_photos(faces: Path) -> list[Image.Image]:
    """Group photos, hard ones, and the first photo of each person, reduced to 1024 px like the faces step."""
    paths = [p for folder in ("group", "misc") for p in sorted((faces / folder).iterdir())]
    paths += [sorted(person.iterdir())[0] for person in sorted((faces / "people").iterdir())]
    images = []
    for path in paths:
        image = Image.open(path).convert("RGB")
        image.thumbnail((1024, 1024))
        images.append(image)
    return images


def load_reference(detector_path: Path, recogniser_path: Path, options: Any) -> tuple[Any, Any, Any] | None:
    try:
        from insightface.model_zoo import get_model
        from insightface.utils.face_align import norm_crop as reference_norm_crop
    except ImportError:
        return None
    kwargs = {"providers": ["CPUExecutionProvider"], "sess_options": options}
    detector = get_model(str(detector_path), **kwargs)
    detector.prepare(ctx_id=-1, input_size=SIZE, det_thresh=0.6)
    return detector, get_model(str(recogniser_path), **kwargs), reference_norm_crop


if __name__ == "__main__":
    main()
